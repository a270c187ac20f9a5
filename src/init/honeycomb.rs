//! The Honeycomb part of `o11y init`: `[honeycomb]` when the environment configures Honeycomb (the same test
//! as doctor's, `manifest::honeycomb::configured`), from what HONEYCOMB_API_KEY sees: its team and
//! environment (`GET /1/auth`) and the environment's datasets (`GET /1/datasets`, a configuration key).
//!
//! Today's `[honeycomb]` holds one key, `service_name`: the app's `OTEL_SERVICE_NAME`, else the
//! environment's only dataset (Honeycomb names a dataset after the `service.name` that writes to it). The
//! environment and the datasets are written as a comment above the section until the manifest has keys for
//! them; [`Seen`] is what was read, for those keys. A Honeycomb that cannot be read is a note, never a
//! failure: the section is still written.

use super::found::{comment, quote, Found};
use crate::context::Context;
use crate::honeycomb::api::Dataset;
use crate::honeycomb::connection::Connection;
use crate::honeycomb::key::KeyKind;
use crate::manifest::honeycomb::configured;
use crate::otlp;

const KIND: &str = "honeycomb";

/// What the key showed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Seen {
    /// `(name, slug)`; an empty slug is a Classic environment.
    pub team: Option<(String, String)>,
    pub environment: Option<(String, String)>,
    /// `None` when they could not be listed (an ingest or management key, an error).
    pub datasets: Option<Vec<Dataset>>,
}

pub async fn read(ctx: &Context) -> Found {
    let mut found = Found::default();
    let Some(why) = configured(None, &ctx.env) else {
        return found;
    };
    let mut seen = Seen::default();
    if ctx.env.var("HONEYCOMB_API_KEY").is_some() {
        if let Err(e) = look(ctx, &mut seen, &mut found).await {
            found.notes.push(format!(
                "Honeycomb: {}; [honeycomb] is written without what the key would show",
                e.message
            ));
        }
    } else {
        found.notes.push(format!(
            "Honeycomb is configured ({}) but HONEYCOMB_API_KEY is not set, so its environment and datasets were not read",
            why.detected().unwrap_or("o11y.toml")
        ));
    }
    let service = ctx.env.var(otlp::SERVICE_NAME);
    section(&mut found, &seen, service.as_deref(), why.detected());
    found
}

/// `GET /1/auth`, then `GET /1/datasets` with a configuration key.
async fn look(ctx: &Context, seen: &mut Seen, found: &mut Found) -> crate::error::Result<()> {
    let api = Connection::from_env(&ctx.env).connect()?;
    if let KeyKind::Management { .. } = api.kind {
        let a = api.auth_v2(ctx).await?;
        seen.team = Some((a.team.name, a.team.slug));
        found.notes.push(
            "Honeycomb: HONEYCOMB_API_KEY is a management key (team-wide), so no environment's datasets were read; set a configuration key of the app's environment".into(),
        );
        return Ok(());
    }
    let auth = api.auth(ctx).await?;
    seen.team = Some((auth.team.name, auth.team.slug));
    seen.environment = Some((auth.environment.name, auth.environment.slug));
    if let KeyKind::Ingest { .. } = api.kind {
        found.notes.push(
            "Honeycomb: HONEYCOMB_API_KEY is an ingest key, which cannot list datasets; set a configuration key to name them".into(),
        );
        return Ok(());
    }
    let mut sets = api.datasets(ctx).await?;
    sets.sort_by_key(|d| d.name.to_lowercase());
    seen.datasets = Some(sets);
    Ok(())
}

fn named((name, slug): &(String, String)) -> String {
    match (name.is_empty(), slug.is_empty()) {
        (true, true) => "-".into(),
        (false, true) => name.clone(),
        (true, false) => slug.clone(),
        (false, false) if name == slug => name.clone(),
        (false, false) => format!("{name} ({slug})"),
    }
}

/// `[honeycomb]` with the comment of what was seen.
fn section(found: &mut Found, seen: &Seen, service: Option<&str>, detected: Option<&str>) {
    let mut about = Vec::new();
    if let Some(why) = detected {
        about.push(format!("Honeycomb (found because {why})."));
    }
    match (&seen.team, &seen.environment) {
        (Some(t), Some(e)) if e.1.is_empty() => about.push(format!(
            "Team {}, Honeycomb Classic (no environment).",
            named(t)
        )),
        (Some(t), Some(e)) => about.push(format!("Team {}, environment {}.", named(t), named(e))),
        (Some(t), None) => about.push(format!("Team {}.", named(t))),
        _ => {}
    }
    if let Some(sets) = &seen.datasets {
        let names: Vec<&str> = sets.iter().map(|d| d.name.as_str()).collect();
        about.push(match names.is_empty() {
            true => "Datasets: none yet.".to_string(),
            false => format!("Datasets: {}.", names.join(", ")),
        });
    }
    let only = match seen.datasets.as_deref() {
        Some([one]) => Some(one.name.as_str()),
        _ => None,
    };
    let service = service.or(only);
    let mut text = comment(&about.join("\n"));
    text.push_str("[honeycomb]\n");
    match service {
        Some(s) => text.push_str(&format!("service_name = {}\n", quote(s))),
        None => text.push_str(&comment(
            "service_name = \"...\"   # the app's OTEL_SERVICE_NAME (not set here)",
        )),
    }
    if let (Some(s), Some(sets)) = (service, &seen.datasets) {
        if !sets.is_empty() && !sets.iter().any(|d| d.name == s || d.slug == s) {
            found.notes.push(format!(
                "Honeycomb: the environment has no dataset `{s}` yet (it appears with the app's first span)"
            ));
        }
    }
    text.push('\n');
    found.toml = text;
    let name = match &seen.environment {
        Some(e) if !e.1.is_empty() => e.1.clone(),
        Some(_) => "classic".into(),
        None => service.unwrap_or("-").to_string(),
    };
    found.resource(KIND, &name);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(name: &str) -> Dataset {
        Dataset {
            name: name.into(),
            slug: name.into(),
            description: None,
            created_at: None,
            last_written_at: None,
        }
    }

    #[test]
    fn the_section_names_what_the_key_sees_and_reads_back() {
        let seen = Seen {
            team: Some(("Cruddur".into(), "cruddur".into())),
            environment: Some(("Production".into(), "production".into())),
            datasets: Some(vec![dataset("backend-flask"), dataset("frontend-react-js")]),
        };
        let mut f = Found::default();
        section(&mut f, &seen, Some("backend-flask"), None);
        assert!(
            f.toml.starts_with("# Team Cruddur (cruddur), environment Production (production).\n# Datasets: backend-flask, frontend-react-js.\n[honeycomb]\nservice_name = \"backend-flask\"\n"),
            "{}",
            f.toml
        );
        let m = crate::manifest::parse(&f.toml, std::path::Path::new("o11y.toml")).unwrap();
        assert_eq!(
            m.honeycomb.unwrap().service_name.as_deref(),
            Some("backend-flask")
        );
        assert!(f.notes.is_empty());

        let one = Seen {
            datasets: Some(vec![dataset("api")]),
            ..seen.clone()
        };
        let mut f = Found::default();
        section(&mut f, &one, None, Some("HONEYCOMB_API_KEY is set"));
        assert!(f.toml.contains("service_name = \"api\""), "{}", f.toml);
        assert!(f
            .toml
            .starts_with("# Honeycomb (found because HONEYCOMB_API_KEY is set).\n"));

        let mut f = Found::default();
        section(&mut f, &seen, None, None);
        assert!(f.toml.contains("# service_name = \"...\""), "{}", f.toml);
        crate::manifest::parse(&f.toml, std::path::Path::new("o11y.toml")).unwrap();
    }
}
