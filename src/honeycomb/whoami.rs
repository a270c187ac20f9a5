use serde_json::{json, Value};

use super::api::{Auth, ManagementAuth};
use super::connection::Connection;
use super::key::KeyKind;
use crate::context::Context;
use crate::error::Result;
use crate::output::fields;
use crate::output::{Render, Style};

/// Show the team and environment of the Honeycomb key, its kind and its permissions
///
/// Reads the key's kind from its shape first (Classic or environment configuration key, ingest key,
/// management key), then calls GET /1/auth with X-Honeycomb-Team (a management key: GET /2/auth with
/// Authorization: Bearer). The key itself is never shown: only its first 4 characters, or an ingest key's id.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y honeycomb whoami\n  HONEYCOMB_API_ENDPOINT=https://api.eu1.honeycomb.io o11y honeycomb whoami\n  o11y honeycomb whoami -o json | jq -r .environment.slug"
)]
pub struct Args {}

pub async fn run(ctx: &Context, conn: &Connection, _args: Args) -> Result<()> {
    let api = conn.connect()?;
    if let Some(hint) = &api.region_hint {
        ctx.out.warn(hint);
    }
    if api.kind == KeyKind::Unknown {
        ctx.out.warn(&format!(
            "the key {} has none of the shapes of a Honeycomb key (32 hex characters, 22 letters and digits, \
             or an ingest key of 64 characters); trying it anyway",
            api.shown_key()
        ));
    }
    let who = match api.kind {
        KeyKind::Management { .. } => Who::Management(api.auth_v2(ctx).await?),
        _ => Who::Environment(api.auth(ctx).await?),
    };
    ctx.out.print(&Whoami {
        key: api.shown_key(),
        kind: api.kind.clone(),
        endpoint: api.endpoint().to_string(),
        who,
    })
}

enum Who {
    Environment(Auth),
    Management(ManagementAuth),
}

struct Whoami {
    key: String,
    kind: KeyKind,
    endpoint: String,
    who: Who,
}

fn named(name: &str, slug: &str) -> String {
    match (name.is_empty(), slug.is_empty()) {
        (true, true) => "-".into(),
        (false, true) => name.into(),
        (true, false) => slug.into(),
        (false, false) => format!("{name} ({slug})"),
    }
}

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

impl Render for Whoami {
    fn json(&self) -> Value {
        let mut v = match &self.who {
            Who::Environment(a) => serde_json::to_value(a).unwrap_or(Value::Null),
            Who::Management(m) => m.raw.clone(),
        };
        if let Value::Object(map) = &mut v {
            map.insert("key_kind".into(), json!(self.kind.as_str()));
            map.insert("key".into(), json!(self.key));
        }
        v
    }

    fn text(&self, style: &Style) -> String {
        let mut rows: Vec<(&str, String)> = Vec::new();
        match &self.who {
            Who::Environment(a) => {
                rows.push(("team", named(&a.team.name, &a.team.slug)));
                let env = if a.environment.name.is_empty() && a.environment.slug.is_empty() {
                    "Classic (no environment)".to_string()
                } else {
                    named(&a.environment.name, &a.environment.slug)
                };
                rows.push(("environment", env));
                rows.push(("key", format!("{} {}", self.kind.describe(), self.key)));
                if let Some(id) = a.id.as_deref().filter(|id| Some(*id) != self.kind.key_id()) {
                    rows.push(("key id", id.to_string()));
                }
                rows.push((
                    "permissions",
                    style.green(&list(&a.api_key_access.granted())),
                ));
                let denied = a.api_key_access.denied();
                if !denied.is_empty() {
                    rows.push(("not granted", style.dim(&list(&denied))));
                }
            }
            Who::Management(m) => {
                rows.push(("team", named(&m.team.name, &m.team.slug)));
                rows.push(("environment", "all (a team-level key)".into()));
                let mut key = format!("{} {}", self.kind.describe(), self.key);
                if !m.name.is_empty() {
                    key.push_str(&format!(" \"{}\"", m.name));
                }
                if m.disabled {
                    key.push_str(&format!(" {}", style.red("(disabled)")));
                }
                rows.push(("key", key));
                let scopes: Vec<&str> = m.scopes.iter().map(String::as_str).collect();
                rows.push(("scopes", style.green(&list(&scopes))));
            }
        }
        rows.push(("endpoint", self.endpoint.clone()));
        fields(style, &rows)
    }
}
