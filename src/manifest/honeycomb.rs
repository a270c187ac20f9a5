//! `[honeycomb]`: the service the app reports, the environment and its API keys (v2 management API), the
//! configuration resources (v1 API: datasets, calculated fields, recipients, triggers, SLOs, burn alerts,
//! marker settings); their checks, by the API reference's rules; and whether a run uses Honeycomb at all.
//! Keys are the APIs' own field names; o11y's own are `kind` and `env` (API keys). Each kind's types and
//! checks are in `honeycomb/`: `keys.rs`, `resources.rs` (datasets, calculated fields), `alerting.rs`
//! (recipients, triggers, SLOs, burn alerts, marker settings); `rules.rs` holds what the checks share.

mod alerting;
mod keys;
mod resources;
mod rules;

use serde::Deserialize;

use super::configured::Configured;
use super::source::Source;
use crate::context::Env;
use crate::error::{Error, Result};
use crate::honeycomb::key::Region;
use crate::otlp;

pub use alerting::{
    variable_reference, BurnAlert, BurnAlertType, MarkerSetting, Recipient, Slo, Trigger,
    DEFAULT_FREQUENCY,
};
pub use keys::{ApiKey, KeyType};
pub use resources::{CalculatedField, Dataset, ALL_DATASETS};
use rules::Check;

#[derive(Debug, Deserialize, Clone, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Honeycomb {
    /// The service name the app reports (`OTEL_SERVICE_NAME` should say the same).
    pub service_name: Option<String>,
    /// The environment o11y ensures (found by name, created if missing; never renamed or deleted).
    pub environment: Option<String>,
    pub description: Option<String>,
    pub color: Option<String>,
    #[serde(default)]
    pub api_keys: Vec<ApiKey>,
    #[serde(default)]
    pub datasets: Vec<Dataset>,
    #[serde(default)]
    pub calculated_fields: Vec<CalculatedField>,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    #[serde(default)]
    pub slos: Vec<Slo>,
    #[serde(default)]
    pub burn_alerts: Vec<BurnAlert>,
    #[serde(default)]
    pub marker_settings: Vec<MarkerSetting>,
}

/// The colours an environment may be given (`EnvironmentColor`).
pub const ENVIRONMENT_COLORS: [&str; 10] = [
    "blue",
    "green",
    "gold",
    "red",
    "purple",
    "lightBlue",
    "lightGreen",
    "lightGold",
    "lightRed",
    "lightPurple",
];

impl Honeycomb {
    /// Where the manifest stores its first API key of `kind` (its `env`), if it has one.
    pub fn key_var(&self, kind: KeyType) -> Option<&str> {
        self.api_keys
            .iter()
            .find(|k| k.kind == kind)
            .map(|k| k.env.as_str())
    }

    /// How many resources setup ensures for this section (the environment counts as one).
    pub fn resource_count(&self) -> usize {
        usize::from(self.environment.is_some())
            + self.api_keys.len()
            + self.datasets.len()
            + self.calculated_fields.len()
            + self.recipients.len()
            + self.triggers.len()
            + self.slos.len()
            + self.burn_alerts.len()
            + self.marker_settings.len()
    }
}

/// Check the section by the API reference's rules; every error names the file, the line and the key.
pub fn check(hc: Honeycomb, src: &Source) -> Result<Honeycomb> {
    let c = Check { src };
    if let Some(env) = &hc.environment {
        c.text("honeycomb.environment", env, 1, 255)?;
    }
    if let Some(d) = &hc.description {
        c.text("honeycomb.description", d, 0, 255)?;
    }
    if let Some(color) = &hc.color {
        if !ENVIRONMENT_COLORS.contains(&color.as_str()) {
            return Err(c
                .err(
                    "honeycomb.color",
                    format!("`{color}` is not an environment colour"),
                )
                .with_help(format!("one of: {}", ENVIRONMENT_COLORS.join(", "))));
        }
    }
    let needs_env = [
        (hc.description.is_some(), "honeycomb.description"),
        (hc.color.is_some(), "honeycomb.color"),
        (!hc.api_keys.is_empty(), "honeycomb.api_keys"),
    ];
    if let (None, Some((_, key))) = (&hc.environment, needs_env.iter().find(|(set, _)| *set)) {
        return Err(c
            .err(key, "belongs to an environment, and [honeycomb] names none")
            .with_help("add environment = \"<name>\" under [honeycomb]"));
    }
    keys::check(&c, &hc.api_keys)?;
    resources::check(&c, &hc.datasets, &hc.calculated_fields)?;
    alerting::check(
        &c,
        &hc.recipients,
        &hc.triggers,
        &hc.slos,
        &hc.burn_alerts,
        &hc.marker_settings,
    )?;
    Ok(hc)
}

/// A created key has to go somewhere: `[[honeycomb.api_keys]]` without `[secrets]` is refused, naming the
/// first key.
pub fn check_sink(hc: Option<&Honeycomb>, has_sink: bool, src: &Source) -> Result<()> {
    match hc {
        Some(h) if !h.api_keys.is_empty() && !has_sink => Err(Error::usage(format!(
            "{}: o11y.toml has no [secrets]: the value of a key o11y creates would have nowhere to go",
            src.key("honeycomb.api_keys[0]")
        ))
        .with_help("add [secrets] with file = \".env\" (and/or gitpod = true)")),
        _ => Ok(()),
    }
}

/// Honeycomb is used when o11y.toml has `[honeycomb]`, or when the environment carries Honeycomb settings:
/// HONEYCOMB_API_KEY, an `x-honeycomb-team` in the OTLP headers, or an OTLP endpoint at Honeycomb.
pub fn configured(section: Option<&Honeycomb>, env: &Env) -> Option<Configured> {
    if section.is_some() {
        return Some(Configured::Declared);
    }
    in_environment(env).map(Configured::Detected)
}

/// The variable that shows Honeycomb settings in the environment, if any.
fn in_environment(env: &Env) -> Option<String> {
    if env.var("HONEYCOMB_API_KEY").is_some() {
        return Some("HONEYCOMB_API_KEY is set".into());
    }
    for var in [otlp::TRACES_HEADERS, otlp::HEADERS] {
        if env
            .var(var)
            .is_some_and(|h| h.to_ascii_lowercase().contains("x-honeycomb-team"))
        {
            return Some(format!("{var} has x-honeycomb-team"));
        }
    }
    for var in [otlp::TRACES_ENDPOINT, otlp::ENDPOINT] {
        if env.var(var).is_some_and(|u| Region::of_url(&u).is_some()) {
            return Some(format!("{var} is at Honeycomb"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn parse(text: &str) -> crate::error::Result<crate::manifest::Manifest> {
        crate::manifest::parse(text, Path::new("o11y.toml"))
    }

    fn err(text: &str) -> String {
        let e = parse(text).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{}", e.message);
        e.message
    }

    const BASE: &str = "[secrets]\nfile = \".env\"\n\n[honeycomb]\nenvironment = \"dev\"\n";

    #[test]
    fn keys_of_arrays_of_tables_and_inline_tables_are_found_by_line() {
        let e = err(&format!(
            "{BASE}\n[[honeycomb.datasets]]\nname = \"a\"\n\n[[honeycomb.datasets]]\nname = \"b\"\nexpand_json_depth = 11\n"
        ));
        assert_eq!(
            e,
            "o11y.toml:12: honeycomb.datasets[1].expand_json_depth: 11 is outside 0..10, the range Honeycomb accepts"
        );
        let e = err(&format!(
            "{BASE}\n[[honeycomb.recipients]]\ntype = \"email\"\ndetails = {{ email = \"x@example.com\" }}\n"
        ));
        assert!(
            e.starts_with("o11y.toml:9: honeycomb.recipients[0].details.email: a recipient of type `email` has no detail `email`"),
            "{e}"
        );
        // A required key that is missing is named at its table.
        let e = err(&format!(
            "{BASE}\n[[honeycomb.recipients]]\ntype = \"pagerduty\"\ndetails = {{ pagerduty_integration_name = \"p\" }}\n"
        ));
        assert!(
            e.starts_with("o11y.toml:9: honeycomb.recipients[0].details: a recipient of type `pagerduty` needs `pagerduty_integration_key`"),
            "{e}"
        );
    }

    #[test]
    fn the_references_rules() {
        let ok = parse(&format!(
            "{BASE}\n[[honeycomb.slos]]\ndataset = \"d\"\nname = \"s\"\nsli = \"a\"\ntarget_per_million = 0\ntime_period_days = 1\n"
        ))
        .unwrap();
        let hc = ok.honeycomb.unwrap();
        assert_eq!(
            hc.slos[0].target_per_million, 0,
            "0 is in the reference's range"
        );
        assert_eq!(hc.resource_count(), 2);
        let e = err(&format!(
            "{BASE}\n[[honeycomb.slos]]\ndataset = \"__all__\"\nname = \"s\"\nsli = \"a\"\ntarget_per_million = 1\ntime_period_days = 1\n"
        ));
        assert!(
            e.contains("honeycomb.slos[0].dataset_slugs: an environment-wide SLO"),
            "{e}"
        );
        let e = err(&format!(
            "{BASE}\n[[honeycomb.slos]]\ndataset = \"d\"\nname = \"s\"\nsli = \"a\"\ntarget_per_million = 1\ntime_period_days = 1\n\n[[honeycomb.burn_alerts]]\nslo = \"s\"\nalert_type = \"budget_rate\"\nexhaustion_minutes = 5\nrecipients = [\"a\"]\n"
        ));
        assert!(
            e.contains("a budget_rate burn alert needs `budget_rate_window_minutes`"),
            "{e}"
        );
        let e = err(&format!(
            "{BASE}\n[[honeycomb.slos]]\ndataset = \"d\"\nname = \"s\"\nsli = \"a\"\ntarget_per_million = 1\ntime_period_days = 1\n\n[[honeycomb.burn_alerts]]\nslo = \"s\"\nalert_type = \"budget_rate\"\nbudget_rate_window_minutes = 2000\nbudget_rate_decrease_threshold_per_million = 1\nrecipients = [\"a\"]\n"
        ));
        assert!(
            e.starts_with("o11y.toml:17: honeycomb.burn_alerts[0].budget_rate_window_minutes: 2000 is outside 60..1440"),
            "{e}"
        );
        let e = err(&format!(
            "{BASE}\n[[honeycomb.burn_alerts]]\nslo = \"nope\"\nexhaustion_minutes = 5\nrecipients = [\"a\"]\n"
        ));
        assert!(e.contains("no [[honeycomb.slos]] is named `nope`"), "{e}");
        let e = err(
            "[honeycomb]\n\n[[honeycomb.api_keys]]\nname = \"k\"\nkind = \"ingest\"\nenv = \"K\"\n",
        );
        assert!(
            e.starts_with("o11y.toml:3: honeycomb.api_keys: belongs to an environment"),
            "{e}"
        );
        let e = err(&format!(
            "{BASE}\n[[honeycomb.api_keys]]\nname = \"k\"\nkind = \"ingest\"\nenv = \"1K\"\n"
        ));
        assert!(
            e.starts_with("o11y.toml:10: honeycomb.api_keys[0].env: `1K` is not a variable name"),
            "{e}"
        );
        let e = err(&format!(
            "{BASE}\n[[honeycomb.marker_settings]]\ndataset = \"d\"\ntype = \"deploy\"\ncolor = \"orange\"\n"
        ));
        assert!(
            e.contains("`orange` is not a hexadecimal RGB colour"),
            "{e}"
        );
        let e = err(&format!(
            "{BASE}\n[[honeycomb.triggers]]\ndataset = \"d\"\nname = \"t\"\nquery = {{ time_range = 900 }}\nthreshold = {{ op = \">\", value = 1 }}\n"
        ));
        assert!(
            e.contains("a trigger's query needs at least one calculation"),
            "{e}"
        );
        let e = err(&format!(
            "{BASE}\n[[honeycomb.triggers]]\ndataset = \"d\"\nname = \"t\"\nquery = {{ calculations = [{{ op = \"HEATMAP\", column = \"x\" }}] }}\nthreshold = {{ op = \">\", value = 1 }}\n"
        ));
        assert!(
            e.contains(
                "honeycomb.triggers[0].query.calculations[0].op: a trigger cannot use HEATMAP"
            ),
            "{e}"
        );
        let e = err(&format!(
            "{BASE}\n[[honeycomb.triggers]]\ndataset = \"d\"\nname = \"t\"\nquery = {{ calculations = [{{ op = \"COUNT\" }}] }}\nthreshold = {{ op = \"=\", value = 1 }}\n"
        ));
        assert!(e.starts_with("o11y.toml:11: unknown variant `=`"), "{e}");
    }
}
