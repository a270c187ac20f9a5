//! How the app's exporter for one signal authenticates, decided the way AWS's Python distro (ADOT 0.21,
//! `aws_opentelemetry_configurator.py` and `aws_sigv4_session_factory.py`) and the upstream Python SDK 1.44
//! it pins decide it. There are two routes to SigV4:
//!
//! - ADOT's configurator (`OTEL_PYTHON_DISTRO=aws_distro`, `OTEL_PYTHON_CONFIGURATOR=aws_configurator`)
//!   replaces the exporter with a signing one only when the *per-signal* endpoint variable matches
//!   `https://<xray|logs|monitoring>.<region>.amazonaws.com[.cn]/v1/<signal>` exactly (lower-cased;
//!   `re.match` with `$`, so a trailing slash, a port or the generic endpoint defeat it), the exporter is
//!   OTLP/HTTP protobuf, for logs `OTEL_EXPORTER_OTLP_LOGS_HEADERS` has non-empty `x-aws-log-group` and
//!   `x-aws-log-stream` (keys compared as written), and the per-signal headers carry no `Authorization`
//!   (which turns SigV4 off). It signs in the endpoint's region (`endpoint.split(".")[1]`).
//! - The upstream credential-provider hook: `OTEL_PYTHON_EXPORTER_OTLP_HTTP_CREDENTIAL_PROVIDER`, else the
//!   per-signal one, `= aws_sigv4` (the generic variable wins). The service is `AWS_SIGV4_SERVICE`, else
//!   inferred from the signal's endpoint (else the generic one) by the same patterns (not lower-cased), or
//!   `cloudwatch` for a host containing `cloudwatch`; none resolved means an unsigned session. It signs in
//!   the run's region (`AWS_REGION` ...).
//!
//! Otherwise the headers are what authenticates: a Honeycomb key (`x-honeycomb-team`), an `Authorization`
//! header, or nothing.

use super::destination::{AwsService, Overrides};
use super::settings::{
    Protocol, Settings, Signal, AWS_SIGV4_SERVICE, CREDENTIAL_PROVIDER, ENDPOINT,
};

/// Which route signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Configurator,
    /// The credential-provider variable set to `aws_sigv4`.
    CredentialProvider(&'static str),
}

impl Route {
    pub fn describe(&self) -> String {
        match self {
            Route::Configurator => {
                "ADOT's configurator (OTEL_PYTHON_DISTRO=aws_distro, OTEL_PYTHON_CONFIGURATOR=aws_configurator)"
                    .into()
            }
            Route::CredentialProvider(var) => format!("{var}=aws_sigv4"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    SigV4 {
        /// The signing name (`xray`, `logs`, `monitoring`, or what AWS_SIGV4_SERVICE says).
        service: String,
        /// `AWS_SIGV4_SERVICE`, or "the endpoint".
        service_from: &'static str,
        /// The endpoint's region (the configurator); `None`: the run's region (the credential provider).
        region: Option<String>,
        route: Route,
    },
    /// `x-honeycomb-team` (the value, used to ask `/1/auth`; never shown).
    HoneycombKey(String),
    /// Another credential header (`authorization`), by name.
    Header(String),
    None,
}

/// The decision, and why SigV4 does not apply where it was looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub auth: Auth,
    /// For an endpoint at AWS: each reason the routes to SigV4 do not sign, with the variable to change.
    pub unsigned_because: Vec<String>,
}

/// `Some(region)` when `url` is exactly `https://<service>.<region>.amazonaws.com[.cn]/v1/<signal>`.
pub fn aws_endpoint_region(url: &str, service: AwsService) -> Option<String> {
    let rest = url.strip_prefix(&format!("https://{}.", service.name))?;
    let end = rest.find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))?;
    let (region, rest) = rest.split_at(end);
    let rest = rest.strip_prefix(".amazonaws.com")?;
    let rest = rest.strip_prefix(".cn").unwrap_or(rest);
    (!region.is_empty() && rest == format!("/{}", service.signal.path()))
        .then(|| region.to_string())
}

/// The keys of a headers variable as ADOT reads them (`split(",")`, `split("=", 1)`), with their values.
fn adot_pairs(raw: Option<&str>) -> Vec<(&str, &str)> {
    raw.unwrap_or_default()
        .split(',')
        .filter_map(|p| p.split_once('='))
        .collect()
}

/// `x-aws-log-group` and `x-aws-log-stream` as ADOT's `_fetch_logs_header` finds them: keys as written,
/// values non-empty.
pub fn adot_log_headers(raw: Option<&str>) -> (Option<String>, Option<String>) {
    let find = |key: &str| {
        adot_pairs(raw)
            .into_iter()
            .filter(|(k, v)| *k == key && !v.is_empty())
            .map(|(_, v)| v.to_string())
            .next_back()
    };
    (find("x-aws-log-group"), find("x-aws-log-stream"))
}

fn has_authorization(raw: Option<&str>) -> bool {
    adot_pairs(raw)
        .iter()
        .any(|(k, _)| k.trim().eq_ignore_ascii_case("authorization"))
}

/// How the app authenticates this signal's requests.
pub fn decide(s: &Settings, ov: &Overrides) -> Decision {
    let signal = s.signal;
    let service = AwsService::of(signal);
    let own = signal.vars();
    let mut why = Vec::new();

    // Route 1: ADOT's configurator.
    let distro = s.adot.distro.as_deref() == Some("aws_distro");
    let configurator = s.adot.configurator.as_deref() == Some("aws_configurator");
    if distro && configurator {
        match &s.adot.signal_endpoint {
            None => why.push(format!(
                "ADOT's configurator signs only when {} is set (it does not look at {ENDPOINT})",
                own.endpoint
            )),
            Some(raw) => {
                let seen = ov.as_aws(raw, signal).unwrap_or_else(|| raw.clone());
                match aws_endpoint_region(&seen.to_lowercase(), service) {
                    None => why.push(format!(
                        "ADOT's configurator signs only when {} is exactly https://{}.<region>.amazonaws.com/{} \
                         (no trailing slash, port or anything after); it is `{raw}`",
                        own.endpoint,
                        service.name,
                        signal.path()
                    )),
                    Some(region) => {
                        let http = s.exporters.iter().any(|e| e == "otlp")
                            && s.protocol == Protocol::HttpProtobuf;
                        let (group, stream) = adot_log_headers(s.adot.signal_headers.as_deref());
                        if !http {
                            why.push(format!(
                                "ADOT's configurator signs only the OTLP/HTTP protobuf exporter: set {}=otlp and \
                                 {}=http/protobuf (now {} over {})",
                                own.exporter,
                                own.protocol,
                                s.exporters.join(","),
                                s.protocol.as_str()
                            ));
                        } else if signal == Signal::Logs && (group.is_none() || stream.is_none()) {
                            why.push(format!(
                                "ADOT's configurator signs logs only when {} has non-empty x-aws-log-group and \
                                 x-aws-log-stream (keys as written, in that variable)",
                                own.headers
                            ));
                        } else if has_authorization(s.adot.signal_headers.as_deref()) {
                            return Decision {
                                auth: Auth::Header("authorization".into()),
                                unsigned_because: vec![format!(
                                    "an Authorization header in {} turns ADOT's SigV4 off",
                                    own.headers
                                )],
                            };
                        } else {
                            let region = if ov.as_aws(raw, signal).is_some() {
                                ov.region.clone()
                            } else {
                                Some(region)
                            };
                            return Decision {
                                auth: Auth::SigV4 {
                                    service: service.name.into(),
                                    service_from: "the endpoint",
                                    region,
                                    route: Route::Configurator,
                                },
                                unsigned_because: Vec::new(),
                            };
                        }
                    }
                }
            }
        }
    } else {
        why.push(
            "ADOT's configurator is not selected (OTEL_PYTHON_DISTRO=aws_distro and \
             OTEL_PYTHON_CONFIGURATOR=aws_configurator, both as AWS's docs set them)"
                .to_string(),
        );
    }

    // Route 2: the upstream credential-provider hook with ADOT's `aws_sigv4`.
    match &s.adot.credential_provider {
        Some((p, var)) if p == "aws_sigv4" => {
            let inferred = || {
                let endpoint = s
                    .adot
                    .signal_endpoint
                    .as_deref()
                    .map(str::trim)
                    .filter(|e| !e.is_empty())
                    .or(s.adot.generic_endpoint.as_deref().map(str::trim))?;
                let seen = ov
                    .as_aws(endpoint, signal)
                    .unwrap_or_else(|| endpoint.to_string());
                let host = reqwest::Url::parse(&seen)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
                    .unwrap_or_default();
                [
                    super::destination::XRAY,
                    super::destination::LOGS,
                    super::destination::MONITORING,
                ]
                .into_iter()
                .find(|svc| aws_endpoint_region(&seen, *svc).is_some())
                .map(|svc| svc.name.to_string())
                .or_else(|| {
                    host.contains("cloudwatch")
                        .then(|| "cloudwatch".to_string())
                })
            };
            let resolved = match &s.adot.sigv4_service {
                Some(x) => Some((x.clone(), AWS_SIGV4_SERVICE)),
                None => inferred().map(|x| (x, "the endpoint")),
            };
            match resolved {
                Some((service, service_from)) => {
                    return Decision {
                        auth: Auth::SigV4 {
                            service,
                            service_from,
                            region: None,
                            route: Route::CredentialProvider(var),
                        },
                        unsigned_because: Vec::new(),
                    }
                }
                None => why.push(format!(
                    "{var}=aws_sigv4, but no signing service could be resolved from the endpoint, so ADOT sends \
                     unsigned: set {AWS_SIGV4_SERVICE}={}",
                    service.name
                )),
            }
        }
        Some((p, var)) => why.push(format!("{var} is `{p}`, not ADOT's `aws_sigv4`")),
        None => why.push(format!(
            "no credential provider: {CREDENTIAL_PROVIDER} (or {}) is not `aws_sigv4`",
            own.credential_provider
        )),
    }

    let auth = match (s.header("x-honeycomb-team"), s.header("authorization")) {
        (Some(k), _) => Auth::HoneycombKey(k.to_string()),
        (None, Some(_)) => Auth::Header("authorization".into()),
        (None, None) => Auth::None,
    };
    Decision {
        auth,
        unsigned_because: why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otlp::destination::{LOGS, XRAY};
    use std::collections::HashMap;

    fn settings(signal: Signal, vars: &[(&str, &str)]) -> Settings {
        let m: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::read(signal, None, |k| m.get(k).cloned()).unwrap()
    }

    fn ov() -> Overrides {
        Overrides {
            region: Some("us-east-1".into()),
            ..Default::default()
        }
    }

    const ADOT: [(&str, &str); 2] = [
        ("OTEL_PYTHON_DISTRO", "aws_distro"),
        ("OTEL_PYTHON_CONFIGURATOR", "aws_configurator"),
    ];

    #[test]
    fn the_endpoint_pattern_is_exact() {
        let r = |u: &str, s| aws_endpoint_region(u, s);
        assert_eq!(
            r("https://xray.us-east-1.amazonaws.com/v1/traces", XRAY).as_deref(),
            Some("us-east-1")
        );
        assert_eq!(
            r("https://logs.cn-north-1.amazonaws.com.cn/v1/logs", LOGS).as_deref(),
            Some("cn-north-1")
        );
        for bad in [
            "https://xray.us-east-1.amazonaws.com/v1/traces/",
            "https://xray.us-east-1.amazonaws.com:443/v1/traces",
            "http://xray.us-east-1.amazonaws.com/v1/traces",
            "https://xray.us-east-1.amazonaws.com",
            "https://xray.us-east-1.amazonaws.com/v1/logs",
        ] {
            assert_eq!(r(bad, XRAY), None, "{bad}");
        }
    }

    #[test]
    fn the_configurator_signs_the_exact_per_signal_endpoint_in_its_region() {
        let mut v = ADOT.to_vec();
        v.push((
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "https://xray.eu-west-1.amazonaws.com/v1/traces",
        ));
        let d = decide(&settings(Signal::Traces, &v), &ov());
        assert_eq!(
            d.auth,
            Auth::SigV4 {
                service: "xray".into(),
                service_from: "the endpoint",
                region: Some("eu-west-1".into()),
                route: Route::Configurator
            }
        );
        // The generic endpoint alone is not looked at.
        let g = [
            ADOT[0],
            ADOT[1],
            (
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "https://xray.us-east-1.amazonaws.com",
            ),
        ];
        let d = decide(&settings(Signal::Traces, &g), &ov());
        assert_eq!(d.auth, Auth::None);
        assert!(
            d.unsigned_because[0].contains("does not look at OTEL_EXPORTER_OTLP_ENDPOINT"),
            "{d:?}"
        );
        // A trailing slash.
        let t = [
            ADOT[0],
            ADOT[1],
            (
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "https://xray.us-east-1.amazonaws.com/v1/traces/",
            ),
        ];
        assert!(
            decide(&settings(Signal::Traces, &t), &ov()).unsigned_because[0]
                .contains("no trailing slash")
        );
        // Only one of the two variables.
        let one = [
            ADOT[0],
            (
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "https://xray.us-east-1.amazonaws.com/v1/traces",
            ),
        ];
        assert_eq!(
            decide(&settings(Signal::Traces, &one), &ov()).auth,
            Auth::None
        );
    }

    #[test]
    fn logs_need_both_headers_and_an_authorization_header_turns_sigv4_off() {
        let url = (
            "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
            "https://logs.us-east-1.amazonaws.com/v1/logs",
        );
        let with = |h: &str| {
            let v = [
                ADOT[0],
                ADOT[1],
                url,
                ("OTEL_EXPORTER_OTLP_LOGS_HEADERS", h),
            ];
            decide(&settings(Signal::Logs, &v), &ov())
        };
        assert!(matches!(
            with("x-aws-log-group=g,x-aws-log-stream=s").auth,
            Auth::SigV4 { .. }
        ));
        assert_eq!(with("x-aws-log-group=g,x-aws-log-stream=").auth, Auth::None);
        assert_eq!(
            with("X-AWS-LOG-GROUP=g,x-aws-log-stream=s").auth,
            Auth::None,
            "keys as written"
        );
        let d = with("x-aws-log-group=g,x-aws-log-stream=s,Authorization=Bearer%20t");
        assert_eq!(d.auth, Auth::Header("authorization".into()));
        // In the generic headers an Authorization does not turn it off (ADOT replaces it).
        let v = [
            ADOT[0],
            ADOT[1],
            url,
            (
                "OTEL_EXPORTER_OTLP_LOGS_HEADERS",
                "x-aws-log-group=g,x-aws-log-stream=s",
            ),
            ("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=x"),
        ];
        assert!(matches!(
            decide(&settings(Signal::Logs, &v), &ov()).auth,
            Auth::SigV4 { .. }
        ));
    }

    #[test]
    fn the_credential_provider_signs_with_the_inferred_or_the_named_service() {
        let v = [
            (
                "OTEL_PYTHON_EXPORTER_OTLP_HTTP_METRICS_CREDENTIAL_PROVIDER",
                "aws_sigv4",
            ),
            (
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
                "https://monitoring.us-east-1.amazonaws.com/v1/metrics",
            ),
        ];
        let d = decide(&settings(Signal::Metrics, &v), &ov());
        assert!(
            matches!(&d.auth, Auth::SigV4 { service, region: None, route: Route::CredentialProvider(_), .. } if service == "monitoring"),
            "{d:?}"
        );
        // A collector's endpoint gives no service: unsigned, with the fix.
        let c = [
            (
                "OTEL_PYTHON_EXPORTER_OTLP_HTTP_CREDENTIAL_PROVIDER",
                "aws_sigv4",
            ),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"),
        ];
        let d = decide(&settings(Signal::Logs, &c), &ov());
        assert_eq!(d.auth, Auth::None);
        assert!(
            d.unsigned_because
                .iter()
                .any(|w| w.contains("set AWS_SIGV4_SERVICE=logs")),
            "{d:?}"
        );
        let mut n = c.to_vec();
        n.push(("AWS_SIGV4_SERVICE", "xray"));
        assert!(
            matches!(&decide(&settings(Signal::Logs, &n), &ov()).auth, Auth::SigV4 { service, service_from: "AWS_SIGV4_SERVICE", .. } if service == "xray")
        );
    }

    #[test]
    fn an_override_stands_for_the_aws_endpoint() {
        let o = Overrides {
            services: vec![("AWS_ENDPOINT_URL_XRAY", "http://127.0.0.1:9000".into())],
            region: Some("us-east-1".into()),
            ..Default::default()
        };
        let v = [
            ADOT[0],
            ADOT[1],
            (
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "http://127.0.0.1:9000/v1/traces",
            ),
        ];
        assert!(
            matches!(&decide(&settings(Signal::Traces, &v), &o).auth, Auth::SigV4 { region: Some(r), .. } if r == "us-east-1")
        );
        let h = [
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "https://api.honeycomb.io"),
            ("OTEL_EXPORTER_OTLP_HEADERS", "x-honeycomb-team=k"),
        ];
        assert_eq!(
            decide(&settings(Signal::Traces, &h), &o).auth,
            Auth::HoneycombKey("k".into())
        );
    }
}
