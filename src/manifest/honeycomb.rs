//! `[honeycomb]`: the service the app reports; and whether a run uses Honeycomb at all.

use serde::Deserialize;

use super::configured::Configured;
use crate::context::Env;
use crate::honeycomb::key::Region;
use crate::otlp;

#[derive(Debug, Deserialize, Clone, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Honeycomb {
    /// The service name the app reports (`OTEL_SERVICE_NAME` should say the same).
    pub service_name: Option<String>,
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
