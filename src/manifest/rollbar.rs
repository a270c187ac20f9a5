//! `[rollbar]`: the environment the app reports; and whether a run uses Rollbar at all.

use serde::Deserialize;

use super::configured::Configured;
use crate::context::Env;

#[derive(Debug, Deserialize, Clone, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rollbar {
    /// The environment the app reports to Rollbar.
    pub environment: Option<String>,
}

/// Rollbar is used when o11y.toml has `[rollbar]`, or when ROLLBAR_ACCESS_TOKEN is set.
pub fn configured(section: Option<&Rollbar>, env: &Env) -> Option<Configured> {
    if section.is_some() {
        return Some(Configured::Declared);
    }
    env.var("ROLLBAR_ACCESS_TOKEN")
        .is_some()
        .then(|| Configured::Detected("ROLLBAR_ACCESS_TOKEN is set".into()))
}
