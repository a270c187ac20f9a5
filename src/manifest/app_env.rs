//! The app's environment for this manifest: the variables the app needs (its OpenTelemetry settings for
//! Honeycomb, its region, its Rollbar token), with every secret as a `${NAME}` reference to the variable that
//! holds it, never its value. `o11y env` prints it; `setup`, `doctor` and `deploy` fall back to it (with the
//! references resolved from the secrets sink) where the process does not set a variable.

use super::honeycomb::Honeycomb;
use super::honeycomb::KeyType;
use super::rollbar::Rollbar;
use crate::context::Env;
use crate::honeycomb::key::Region;

/// One variable of the app's environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppVar {
    pub name: &'static str,
    /// The value: literal text with `${NAME}` references where a secret goes.
    pub value: String,
}

/// The variable the app's Honeycomb key is in, unless `[[honeycomb.api_keys]]` names another.
pub const HONEYCOMB_KEY_VAR: &str = "HONEYCOMB_API_KEY";
/// The variable the app's Rollbar SDK reads its post_server_item token from.
pub const ROLLBAR_TOKEN_VAR: &str = "ROLLBAR_ACCESS_TOKEN";

/// Where the key the app sends with is stored: the first ingest key's `env`, else the first key's, else
/// HONEYCOMB_API_KEY.
fn honeycomb_key_var(h: &Honeycomb) -> &str {
    h.key_var(KeyType::Ingest)
        .or_else(|| h.api_keys.first().map(|k| k.env.as_str()))
        .unwrap_or(HONEYCOMB_KEY_VAR)
}

/// Where the app's post_server_item token is stored: the `env` of the manifest's token with that scope, else
/// ROLLBAR_ACCESS_TOKEN.
fn rollbar_token_var(r: &Rollbar) -> &str {
    r.token_var("post_server_item").unwrap_or(ROLLBAR_TOKEN_VAR)
}

/// The app's variables, in the order the Cruddur compose file lists them. `region`: the AWS region the app
/// runs in, when o11y knows it; `honeycomb_endpoint`: where the Honeycomb team takes OTLP (its API host).
pub fn vars(
    honeycomb: Option<&Honeycomb>,
    rollbar: Option<&Rollbar>,
    region: Option<&str>,
    honeycomb_endpoint: &str,
) -> Vec<AppVar> {
    let mut out = Vec::new();
    if let Some(h) = honeycomb {
        if let Some(s) = h.service_name.as_deref().filter(|s| !s.trim().is_empty()) {
            out.push(AppVar {
                name: "OTEL_SERVICE_NAME",
                value: s.to_string(),
            });
        }
        out.push(AppVar {
            name: "OTEL_EXPORTER_OTLP_ENDPOINT",
            value: honeycomb_endpoint.to_string(),
        });
        out.push(AppVar {
            name: "OTEL_EXPORTER_OTLP_HEADERS",
            value: format!("x-honeycomb-team=${{{}}}", honeycomb_key_var(h)),
        });
    }
    if let Some(r) = region {
        out.push(AppVar {
            name: "AWS_REGION",
            value: r.to_string(),
        });
    }
    if let Some(r) = rollbar {
        out.push(AppVar {
            name: ROLLBAR_TOKEN_VAR,
            value: format!("${{{}}}", rollbar_token_var(r)),
        });
        if let Some(e) = r.environment.as_deref().filter(|e| !e.trim().is_empty()) {
            out.push(AppVar {
                name: "ROLLBAR_ENVIRONMENT",
                value: e.to_string(),
            });
        }
    }
    out
}

/// Where the Honeycomb team takes OTLP: its API host (Honeycomb serves both on one host), as
/// HONEYCOMB_API_ENDPOINT says (`https://api.eu1.honeycomb.io` for the EU), else the US host.
pub fn honeycomb_endpoint(env: &Env) -> String {
    env.var("HONEYCOMB_API_ENDPOINT")
        .map(|u| u.trim().trim_end_matches('/').to_string())
        .unwrap_or_else(|| Region::Us.api_endpoint().to_string())
}

/// `value` with each `${NAME}` replaced by the run's value of NAME; `None` when one is not set (the variable
/// is then left out rather than given half a value).
pub fn resolve(value: &str, env: &Env) -> Option<String> {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find('}')?;
        out.push_str(&env.var(&after[..end])?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_references_and_the_rest_is_literal() {
        let h = Honeycomb {
            service_name: Some("backend-flask".into()),
            ..Default::default()
        };
        let r = Rollbar {
            environment: Some("development".into()),
            ..Default::default()
        };
        let v = vars(
            Some(&h),
            Some(&r),
            Some("us-east-1"),
            Region::Eu.api_endpoint(),
        );
        let shown: Vec<String> = v
            .iter()
            .map(|v| format!("{}={}", v.name, v.value))
            .collect();
        assert_eq!(
            shown,
            [
                "OTEL_SERVICE_NAME=backend-flask",
                "OTEL_EXPORTER_OTLP_ENDPOINT=https://api.eu1.honeycomb.io",
                "OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=${HONEYCOMB_API_KEY}",
                "AWS_REGION=us-east-1",
                "ROLLBAR_ACCESS_TOKEN=${ROLLBAR_ACCESS_TOKEN}",
                "ROLLBAR_ENVIRONMENT=development",
            ]
        );
        assert!(vars(None, None, None, Region::Us.api_endpoint()).is_empty());
    }

    #[test]
    fn references_resolve_from_the_run_or_leave_the_variable_out() {
        let env = Env::default();
        env.add([("O11Y_TEST_KEY_A".to_string(), "abc".to_string())]);
        assert_eq!(
            resolve("x-honeycomb-team=${O11Y_TEST_KEY_A}", &env).as_deref(),
            Some("x-honeycomb-team=abc")
        );
        assert_eq!(resolve("plain", &env).as_deref(), Some("plain"));
        assert_eq!(resolve("${O11Y_TEST_KEY_UNSET}", &env), None);
        assert_eq!(resolve("${O11Y_TEST_KEY_A", &env), None);
    }
}
