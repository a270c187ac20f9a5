//! The Honeycomb part of `o11y init`: `[honeycomb]` when the environment configures Honeycomb (the same test
//! as doctor's, `manifest::honeycomb::configured`), from what HONEYCOMB_API_KEY sees: its team and
//! environment (`GET /1/auth`) and the environment's datasets (`GET /1/datasets`, a configuration key).
//!
//! `service_name` is the app's `OTEL_SERVICE_NAME`, else the environment's only dataset (Honeycomb names a
//! dataset after the `service.name` that writes to it). `environment` (with its `description` and `color`)
//! is written only where setup can confirm it: setup reads environments with a management key
//! (HONEYCOMB_KEY_ID / HONEYCOMB_KEY_SECRET), so init reads the environment the same way (`GET /2/auth`, `GET
//! /2/teams/{team}/environments`) and, without one, writes it as a comment and says why. Each dataset is a
//! `[[honeycomb.datasets]]` with the fields setup compares (`description`, `expand_json_depth`), unless the
//! key lacks `create_datasets`, without which setup cannot read them (then a comment, and why). A Honeycomb
//! that cannot be read is a note, never a failure: the section is still written.

use serde_json::Value;

use super::found::{comment, quote, Found};
use crate::context::Context;
use crate::honeycomb::api::{Answer, Named};
use crate::honeycomb::connection::Connection;
use crate::honeycomb::key::KeyKind;
use crate::honeycomb::management::{Environment, ManagementApi, KEY_ID_VAR, KEY_SECRET_VAR};
use crate::honeycomb::permissions;
use crate::manifest::honeycomb::{configured, ENVIRONMENT_COLORS};
use crate::otlp;

const KIND: &str = "honeycomb";
const ENVIRONMENT_KIND: &str = "honeycomb environment";
const DATASET_KIND: &str = "honeycomb dataset";
/// The permission setup lists the datasets with.
const DATASETS_PERM: &str = "create_datasets";

/// What the keys showed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Seen {
    /// `(name, slug)`; an empty slug is a Classic environment.
    pub team: Option<(String, String)>,
    pub environment: Option<(String, String)>,
    /// The environment as the management key shows it, or why it could not be confirmed (`None`: no
    /// environment to confirm, e.g. Classic).
    pub managed: Option<Result<Environment, String>>,
    /// `None` when they could not be listed (an ingest or management key, an error).
    pub datasets: Option<Vec<Set>>,
    /// Why the datasets are not written as `[[honeycomb.datasets]]` (setup could not read them).
    pub datasets_unread: Option<String>,
}

/// A dataset as `GET /1/datasets` lists it: the fields setup compares.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Set {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub expand_json_depth: Option<i64>,
}

impl Set {
    fn from_value(v: &Value) -> Set {
        let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        Set {
            name: text("name"),
            slug: text("slug"),
            description: text("description"),
            expand_json_depth: v["expand_json_depth"].as_i64(),
        }
    }
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

/// `GET /1/auth`; the environment through the management API; `GET /1/datasets` with a configuration key.
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
    seen.team = Some((auth.team.name.clone(), auth.team.slug.clone()));
    seen.environment = Some((auth.environment.name.clone(), auth.environment.slug.clone()));
    if !auth.environment.slug.is_empty() {
        seen.managed = Some(managed(ctx, api.endpoint(), &auth.environment).await);
    }
    if let KeyKind::Ingest { .. } = api.kind {
        found.notes.push(
            "Honeycomb: HONEYCOMB_API_KEY is an ingest key, which cannot list datasets; set a configuration key to name them".into(),
        );
        return Ok(());
    }
    let flag = permissions::find(DATASETS_PERM).and_then(|p| p.auth_flag);
    if auth
        .api_key_access
        .denied()
        .iter()
        .any(|d| Some(*d) == flag)
    {
        seen.datasets_unread = Some(format!(
            "HONEYCOMB_API_KEY lacks the {} permission, which setup reads them with",
            permissions::describe(DATASETS_PERM)
        ));
    }
    match api.list(ctx, "/1/datasets").await? {
        Answer::Ok(all) => {
            let mut sets: Vec<Set> = all.iter().map(Set::from_value).collect();
            sets.sort_by_key(|d| d.name.to_lowercase());
            seen.datasets = Some(sets);
        }
        Answer::Status(code, text) => found.notes.push(format!(
            "Honeycomb: the datasets could not be listed (GET /1/datasets answered {code}: {text}); no [[honeycomb.datasets]] is written"
        )),
    }
    Ok(())
}

/// The key's environment as the management key shows it (what setup's dry run finds it by: its name, once in
/// the team), or why it cannot be confirmed.
async fn managed(ctx: &Context, endpoint: &str, env: &Named) -> Result<Environment, String> {
    let mgmt = match ManagementApi::from_env(&ctx.env, endpoint) {
        None => {
            return Err(format!(
                "setup reads an environment with a management key, and {KEY_ID_VAR} and {KEY_SECRET_VAR} are not set"
            ))
        }
        Some(Err(e)) => return Err(e.message),
        Some(Ok(m)) => m,
    };
    let team = mgmt.team(ctx).await.map_err(|e| e.message)?;
    let all = mgmt.environments(ctx, &team).await.map_err(|e| e.message)?;
    let same: Vec<&Environment> = all.iter().filter(|e| e.name == env.name).collect();
    match same.as_slice() {
        [one] if one.slug == env.slug => Ok((*one).clone()),
        [] | [_] => Err(format!(
            "the management key's team {} has no environment `{}` with slug `{}` (a key of another team?)",
            team.name, env.name, env.slug
        )),
        many => Err(format!(
            "{} environments of team {} are named `{}`, and setup does not guess which one is meant",
            many.len(),
            team.name,
            env.name
        )),
    }
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

/// `[honeycomb]` and its `[[honeycomb.datasets]]`, with a comment of what was seen and what was not written.
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
    let names = |sets: &[Set]| {
        sets.iter()
            .map(|d| d.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (&seen.datasets, &seen.datasets_unread) {
        (Some(sets), _) if sets.is_empty() => about.push("Datasets: none yet.".into()),
        (Some(sets), Some(why)) => {
            about.push(format!(
                "Datasets: {} (not written as [[honeycomb.datasets]]: {why}).",
                names(sets)
            ));
            found.notes.push(format!(
                "Honeycomb: the datasets ({}) are a comment, not [[honeycomb.datasets]]: {why}; grant it (Environment Settings → API Keys) and run `o11y init --force`",
                names(sets)
            ));
        }
        _ => {}
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
    let mut environment = None;
    match (&seen.environment, &seen.managed) {
        (_, Some(Ok(env))) => {
            text.push_str(&format!("environment = {}\n", quote(&env.name)));
            if !env.description.is_empty() && env.description.chars().count() <= 255 {
                text.push_str(&format!("description = {}\n", quote(&env.description)));
            }
            if ENVIRONMENT_COLORS.contains(&env.color.as_str()) {
                text.push_str(&format!("color = {}\n", quote(&env.color)));
            }
            environment = Some(env.name.clone());
        }
        (Some((name, _)), Some(Err(why))) => {
            text.push_str(&comment(&format!(
                "environment = {}   # not written: {why}",
                quote(name)
            )));
            found.notes.push(format!(
                "Honeycomb: environment `{name}` is a comment in [honeycomb], not a key: {why}; with one, `o11y init --force` writes it"
            ));
        }
        _ => {}
    }
    if let (Some(s), Some(sets)) = (service, &seen.datasets) {
        if !sets.is_empty() && !sets.iter().any(|d| d.name == s || d.slug == s) {
            found.notes.push(format!(
                "Honeycomb: the environment has no dataset `{s}` yet (it appears with the app's first span)"
            ));
        }
    }
    let sets = match (&seen.datasets, &seen.datasets_unread) {
        (Some(sets), None) => sets.as_slice(),
        _ => &[],
    };
    for d in sets {
        text.push_str(&dataset(found, d));
    }
    text.push('\n');
    found.toml = text;
    let name = match &seen.environment {
        Some(e) if !e.1.is_empty() => e.1.clone(),
        Some(_) => "classic".into(),
        None => service.unwrap_or("-").to_string(),
    };
    found.resource(KIND, &name);
    if let Some(env) = environment {
        found.resource(ENVIRONMENT_KIND, &env);
    }
    for d in sets {
        found.resource(DATASET_KIND, &d.name);
    }
}

/// One `[[honeycomb.datasets]]`: what the manifest's checks (Honeycomb's limits) would refuse is left out,
/// and said.
fn dataset(found: &mut Found, d: &Set) -> String {
    let mut text = format!("\n[[honeycomb.datasets]]\nname = {}\n", quote(&d.name));
    if !d.description.is_empty() {
        match d.description.chars().count() <= 1024 {
            true => text.push_str(&format!("description = {}\n", quote(&d.description))),
            false => found.notes.push(format!(
                "Honeycomb: dataset `{}`: its description is longer than the 1024 characters the manifest takes, so it is left out (setup leaves it as it is)",
                d.name
            )),
        }
    }
    match d.expand_json_depth {
        Some(n) if (0..=10).contains(&n) => {
            text.push_str(&format!("expand_json_depth = {n}\n"));
        }
        Some(n) => found.notes.push(format!(
            "Honeycomb: dataset `{}`: expand_json_depth {n} is outside 0..10, so it is left out (setup leaves it as it is)",
            d.name
        )),
        None => {}
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(name: &str, description: &str, depth: i64) -> Set {
        Set {
            name: name.into(),
            slug: name.into(),
            description: description.into(),
            expand_json_depth: Some(depth),
        }
    }

    fn env(name: &str) -> Environment {
        Environment {
            id: "hcxen_1".into(),
            name: name.into(),
            slug: name.to_lowercase(),
            description: "the app's".into(),
            color: "lightBlue".into(),
            delete_protected: true,
        }
    }

    #[test]
    fn the_section_holds_the_environment_and_datasets_setup_confirms_and_reads_back() {
        let seen = Seen {
            team: Some(("Cruddur".into(), "cruddur".into())),
            environment: Some(("Production".into(), "production".into())),
            managed: Some(Ok(env("Production"))),
            datasets: Some(vec![
                set("backend-flask", "the API", 2),
                set("frontend-react-js", "", 0),
            ]),
            datasets_unread: None,
        };
        let mut f = Found::default();
        section(&mut f, &seen, Some("backend-flask"), None);
        assert_eq!(
            f.toml,
            "# Team Cruddur (cruddur), environment Production (production).\n[honeycomb]\n\
             service_name = \"backend-flask\"\nenvironment = \"Production\"\ndescription = \"the app's\"\n\
             color = \"lightBlue\"\n\n[[honeycomb.datasets]]\nname = \"backend-flask\"\n\
             description = \"the API\"\nexpand_json_depth = 2\n\n[[honeycomb.datasets]]\n\
             name = \"frontend-react-js\"\nexpand_json_depth = 0\n\n"
        );
        let m = crate::manifest::parse(&f.toml, std::path::Path::new("o11y.toml")).unwrap();
        let hc = m.honeycomb.unwrap();
        assert_eq!(hc.environment.as_deref(), Some("Production"));
        assert_eq!(hc.datasets.len(), 2);
        assert_eq!(hc.datasets[1].expand_json_depth, Some(0));
        assert!(f.notes.is_empty(), "{:?}", f.notes);
        let rows: Vec<(&str, &str)> = f
            .resources
            .iter()
            .map(|r| (r.kind, r.name.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("honeycomb", "production"),
                ("honeycomb environment", "Production"),
                ("honeycomb dataset", "backend-flask"),
                ("honeycomb dataset", "frontend-react-js"),
            ]
        );
    }

    #[test]
    fn what_setup_could_not_confirm_is_a_comment_and_a_note() {
        let seen = Seen {
            team: Some(("Cruddur".into(), "cruddur".into())),
            environment: Some(("Production".into(), "production".into())),
            managed: Some(Err("no management key".into())),
            datasets: Some(vec![set("api", "", 0)]),
            datasets_unread: Some("the key lacks it".into()),
        };
        let mut f = Found::default();
        section(&mut f, &seen, None, Some("HONEYCOMB_API_KEY is set"));
        assert!(
            f.toml
                .starts_with("# Honeycomb (found because HONEYCOMB_API_KEY is set).\n"),
            "{}",
            f.toml
        );
        assert!(f.toml.contains("service_name = \"api\""), "{}", f.toml);
        assert!(
            f.toml
                .contains("# environment = \"Production\"   # not written: no management key\n"),
            "{}",
            f.toml
        );
        assert!(
            f.toml.contains(
                "# Datasets: api (not written as [[honeycomb.datasets]]: the key lacks it).\n"
            ),
            "{}",
            f.toml
        );
        assert!(!f.toml.contains("[[honeycomb.datasets]]\n"), "{}", f.toml);
        assert_eq!(f.notes.len(), 2, "{:?}", f.notes);
        let m = crate::manifest::parse(&f.toml, std::path::Path::new("o11y.toml")).unwrap();
        let hc = m.honeycomb.unwrap();
        assert_eq!((hc.environment, hc.datasets.len()), (None, 0));

        // Values the manifest would refuse are left out, and said.
        let mut f = Found::default();
        let long = Seen {
            datasets: Some(vec![set("a", &"x".repeat(1025), 11)]),
            ..Seen::default()
        };
        section(&mut f, &long, Some("a"), None);
        crate::manifest::parse(&f.toml, std::path::Path::new("o11y.toml")).unwrap();
        assert_eq!(f.notes.len(), 2, "{:?}", f.notes);
        let mut f = Found::default();
        section(&mut f, &Seen::default(), None, None);
        assert!(f.toml.contains("# service_name = \"...\""), "{}", f.toml);
        crate::manifest::parse(&f.toml, std::path::Path::new("o11y.toml")).unwrap();
    }
}
