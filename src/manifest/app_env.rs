//! The app's environment for this manifest: the variables the app needs (its OpenTelemetry settings for
//! Honeycomb, its region, its Rollbar token), with every secret as a `${NAME}` reference to the variable that
//! holds it, never its value. `o11y env` prints it; `setup`, `doctor` and `deploy` fall back to it (with the
//! references resolved from the secrets sink) where the process does not set a variable.

use super::honeycomb::Honeycomb;
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

/// The variable the app's Honeycomb ingest key is in.
pub const HONEYCOMB_KEY_VAR: &str = "HONEYCOMB_API_KEY";
/// The variable the app's Rollbar post_server_item token is in.
pub const ROLLBAR_TOKEN_VAR: &str = "ROLLBAR_ACCESS_TOKEN";

/// The app's variables, in the order the Cruddur compose file lists them. `region`: the AWS region the app
/// runs in, when o11y knows it; `honeycomb_region`: where the Honeycomb team is (US unless the API endpoint
/// says EU).
pub fn vars(
    honeycomb: Option<&Honeycomb>,
    rollbar: Option<&Rollbar>,
    region: Option<&str>,
    honeycomb_region: Region,
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
            value: honeycomb_region.api_endpoint().to_string(),
        });
        out.push(AppVar {
            name: "OTEL_EXPORTER_OTLP_HEADERS",
            value: format!("x-honeycomb-team=${{{HONEYCOMB_KEY_VAR}}}"),
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
            value: format!("${{{ROLLBAR_TOKEN_VAR}}}"),
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

/// Where the Honeycomb team is, as HONEYCOMB_API_ENDPOINT says (US unless it is the EU host).
pub fn honeycomb_region(env: &Env) -> Region {
    env.var("HONEYCOMB_API_ENDPOINT")
        .and_then(|u| Region::of_url(&u))
        .unwrap_or(Region::Us)
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
        let v = vars(Some(&h), Some(&r), Some("us-east-1"), Region::Eu);
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
        assert!(vars(None, None, None, Region::Us).is_empty());
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
