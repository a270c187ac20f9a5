//! What an OTLP endpoint is: Honeycomb (US or EU), X-Ray's OTLP endpoint, CloudWatch Logs' OTLP endpoint,
//! CloudWatch's OTLP metrics endpoint, a collector on this machine or on the network, or something else.
//! Decided by the host; an endpoint at the run's own endpoint overrides (`--endpoint-url`,
//! `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`; `HONEYCOMB_API_ENDPOINT`) stands for that service, as
//! o11y's own calls treat it (an emulator, a test's fake).

use std::net::IpAddr;

use super::settings::Signal;
use crate::context::Context;
use crate::honeycomb::key::Region;

/// The AWS service that takes a signal over OTLP, its SigV4 signing name and its endpoint-override variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AwsService {
    /// The signing name and the endpoint's first label (`xray`, `logs`, `monitoring`).
    pub name: &'static str,
    /// `AWS_ENDPOINT_URL_<SERVICE>` as the AWS SDKs spell it.
    pub override_var: &'static str,
    pub signal: Signal,
}

pub const XRAY: AwsService = AwsService {
    name: "xray",
    override_var: "AWS_ENDPOINT_URL_XRAY",
    signal: Signal::Traces,
};
pub const LOGS: AwsService = AwsService {
    name: "logs",
    override_var: "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
    signal: Signal::Logs,
};
pub const MONITORING: AwsService = AwsService {
    name: "monitoring",
    override_var: "AWS_ENDPOINT_URL_CLOUDWATCH",
    signal: Signal::Metrics,
};

impl AwsService {
    /// The service that takes `signal`.
    pub fn of(signal: Signal) -> AwsService {
        match signal {
            Signal::Traces => XRAY,
            Signal::Logs => LOGS,
            Signal::Metrics => MONITORING,
        }
    }

    /// `https://<name>.<region>.amazonaws.com` (`.com.cn` in the China regions).
    pub fn public_base(self, region: &str) -> String {
        let suffix = if region.starts_with("cn-") {
            "amazonaws.com.cn"
        } else {
            "amazonaws.com"
        };
        format!("https://{}.{region}.{suffix}", self.name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Honeycomb(Region),
    Xray,
    CloudWatchLogs,
    CloudWatchMetrics,
    LocalCollector,
    NetworkCollector,
    Other,
}

impl Kind {
    /// For `-o json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Honeycomb(Region::Us) => "honeycomb_us",
            Kind::Honeycomb(Region::Eu) => "honeycomb_eu",
            Kind::Xray => "xray_otlp",
            Kind::CloudWatchLogs => "cloudwatch_logs_otlp",
            Kind::CloudWatchMetrics => "cloudwatch_metrics_otlp",
            Kind::LocalCollector => "collector_local",
            Kind::NetworkCollector => "collector_network",
            Kind::Other => "other",
        }
    }

    /// The AWS service behind the endpoint, if it is one of AWS's OTLP endpoints.
    pub fn aws(self) -> Option<AwsService> {
        match self {
            Kind::Xray => Some(XRAY),
            Kind::CloudWatchLogs => Some(LOGS),
            Kind::CloudWatchMetrics => Some(MONITORING),
            _ => None,
        }
    }

    /// Not a backend o11y knows: the read-back looks at every configured backend instead.
    pub fn is_collector(self) -> bool {
        matches!(
            self,
            Kind::LocalCollector | Kind::NetworkCollector | Kind::Other
        )
    }
}

/// What an endpoint is, and what decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub kind: Kind,
    /// An AWS endpoint's region (from its host; the run's region for an endpoint override).
    pub region: Option<String>,
    /// The override variable the endpoint matched, when that decided it.
    pub via: Option<&'static str>,
    pub host: String,
    pub port: u16,
}

impl Destination {
    pub fn describe(&self) -> String {
        let region = self.region.as_deref().unwrap_or("?");
        let what = match self.kind {
            Kind::Honeycomb(r) => format!("Honeycomb ({})", r.name()),
            Kind::Xray => format!("X-Ray's OTLP endpoint ({region})"),
            Kind::CloudWatchLogs => format!("CloudWatch Logs' OTLP endpoint ({region})"),
            Kind::CloudWatchMetrics => format!("CloudWatch's OTLP metrics endpoint ({region})"),
            Kind::LocalCollector => "a collector on this machine".into(),
            Kind::NetworkCollector => "a collector on the network".into(),
            Kind::Other => {
                "something else (not a backend o11y knows; a collector or a proxy?)".into()
            }
        };
        match self.via {
            Some(var) => format!("{what}, by {var}"),
            None => what,
        }
    }
}

/// The run's endpoint overrides and region: what the app's endpoints are compared with.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--endpoint-url`: every AWS service.
    pub flag: Option<String>,
    /// `AWS_ENDPOINT_URL_XRAY`, `..._CLOUDWATCH_LOGS`, `..._CLOUDWATCH` (read from the process, as the SDK does).
    pub services: Vec<(&'static str, String)>,
    /// `AWS_ENDPOINT_URL`.
    pub generic: Option<String>,
    /// `HONEYCOMB_API_ENDPOINT`.
    pub honeycomb: Option<String>,
    /// The run's AWS region, when there is one.
    pub region: Option<String>,
}

impl Overrides {
    pub fn of(ctx: &Context, region: Option<String>) -> Self {
        let env = crate::context::env_var;
        Overrides {
            flag: ctx.aws_args.endpoint_url.clone(),
            services: [XRAY, LOGS, MONITORING]
                .iter()
                .filter_map(|s| env(s.override_var).map(|u| (s.override_var, u)))
                .collect(),
            generic: env("AWS_ENDPOINT_URL"),
            honeycomb: ctx.env.var("HONEYCOMB_API_ENDPOINT"),
            region,
        }
    }

    /// The endpoint o11y's own calls to `service` go to, and the variable that set it (`None`: AWS's own).
    pub fn aws_override(&self, service: AwsService) -> Option<(String, &'static str)> {
        if let Some(u) = &self.flag {
            return Some((u.clone(), "--endpoint-url"));
        }
        if let Some((var, u)) = self
            .services
            .iter()
            .find(|(v, _)| *v == service.override_var)
        {
            return Some((u.clone(), var));
        }
        self.generic.clone().map(|u| (u, "AWS_ENDPOINT_URL"))
    }

    /// The base URL of `service` for this run: the override, else `https://<name>.<region>.amazonaws.com`.
    pub fn aws_base(&self, service: AwsService) -> Option<String> {
        match self.aws_override(service) {
            Some((u, _)) => Some(u.trim().trim_end_matches('/').to_string()),
            None => self.region.as_deref().map(|r| service.public_base(r)),
        }
    }

    /// The AWS URL an endpoint at an override stands for: `<override>/v1/logs` is read as
    /// `https://logs.<region>.amazonaws.com/v1/logs` (so AWS's distro's endpoint patterns apply to it).
    /// `None` when the URL is not at the override of `signal`'s service.
    pub fn as_aws(&self, url: &str, signal: Signal) -> Option<String> {
        let service = AwsService::of(signal);
        let (base, _) = self.aws_override(service)?;
        let rest = strip_origin(url, &base)?;
        let region = self.region.as_deref().unwrap_or("region");
        Some(format!("{}{rest}", service.public_base(region)))
    }

    /// What `url` (an endpoint of `signal`) is.
    pub fn classify(&self, url: &str, signal: Signal) -> Destination {
        let parsed = reqwest::Url::parse(url).ok();
        let host = parsed
            .as_ref()
            .and_then(|u| u.host_str())
            .unwrap_or_default()
            .trim_matches(['[', ']'])
            .to_ascii_lowercase();
        let port = parsed
            .as_ref()
            .and_then(|u| u.port_or_known_default())
            .unwrap_or(0);
        let at = |kind, region, via| Destination {
            kind,
            region,
            via,
            host: host.clone(),
            port,
        };
        let service = AwsService::of(signal);
        if let Some((base, var)) = self.aws_override(service) {
            if strip_origin(url, &base).is_some() {
                let kind = match signal {
                    Signal::Traces => Kind::Xray,
                    Signal::Logs => Kind::CloudWatchLogs,
                    Signal::Metrics => Kind::CloudWatchMetrics,
                };
                return at(kind, self.region.clone(), Some(var));
            }
        }
        if let Some(api) = &self.honeycomb {
            if strip_origin(url, api).is_some() {
                let region = Region::of_url(api).unwrap_or(Region::Us);
                return at(
                    Kind::Honeycomb(region),
                    None,
                    Some("HONEYCOMB_API_ENDPOINT"),
                );
            }
        }
        if let Some(r) = Region::of_host(&host) {
            return at(Kind::Honeycomb(r), None, None);
        }
        if let Some((name, region)) = aws_host(&host) {
            let kind = match name {
                "xray" => Some(Kind::Xray),
                "logs" => Some(Kind::CloudWatchLogs),
                "monitoring" => Some(Kind::CloudWatchMetrics),
                _ => None,
            };
            if let Some(kind) = kind {
                return at(kind, Some(region), None);
            }
        }
        at(collector_kind(&host), None, None)
    }
}

/// `url` without the origin (scheme, host, port) of `base`, when it has that origin.
fn strip_origin(url: &str, base: &str) -> Option<String> {
    let u = reqwest::Url::parse(url.trim()).ok()?;
    let b = reqwest::Url::parse(base.trim()).ok()?;
    if u.origin() != b.origin() {
        return None;
    }
    let mut rest = u.path().to_string();
    if let Some(q) = u.query() {
        rest.push('?');
        rest.push_str(q);
    }
    Some(rest)
}

/// `(service, region)` of `<service>.<region>.amazonaws.com[.cn]`.
fn aws_host(host: &str) -> Option<(&str, String)> {
    let rest = host
        .strip_suffix(".amazonaws.com")
        .or_else(|| host.strip_suffix(".amazonaws.com.cn"))?;
    let (name, region) = rest.split_once('.')?;
    let ok = !region.is_empty()
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    ok.then(|| (name, region.to_string()))
}

/// A host that is not a known backend: this machine, the local network (private addresses, single-label
/// names such as a compose service, `.local`, `.internal`, a cluster's `.svc`), or anything else.
fn collector_kind(host: &str) -> Kind {
    if host == "localhost" || host.ends_with(".localhost") {
        return Kind::LocalCollector;
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        return match ip {
            IpAddr::V4(v4) if v4.is_loopback() || v4.is_unspecified() => Kind::LocalCollector,
            IpAddr::V4(v4) if v4.is_private() || v4.is_link_local() => Kind::NetworkCollector,
            IpAddr::V6(v6) if v6.is_loopback() || v6.is_unspecified() => Kind::LocalCollector,
            IpAddr::V6(v6) if (v6.segments()[0] & 0xfe00) == 0xfc00 => Kind::NetworkCollector,
            IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80 => Kind::NetworkCollector,
            _ => Kind::Other,
        };
    }
    let local_suffix = [".local", ".internal", ".svc", ".lan", ".home.arpa"]
        .iter()
        .any(|s| host.ends_with(s) || host.contains(".svc."));
    if !host.contains('.') || local_suffix {
        Kind::NetworkCollector
    } else {
        Kind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> Overrides {
        Overrides {
            region: Some("us-east-1".into()),
            ..Default::default()
        }
    }

    #[test]
    fn hosts_name_the_backend_and_the_region() {
        let o = none();
        let d = o.classify(
            "https://xray.eu-west-1.amazonaws.com/v1/traces",
            Signal::Traces,
        );
        assert_eq!(
            (d.kind, d.region.as_deref()),
            (Kind::Xray, Some("eu-west-1"))
        );
        let d = o.classify(
            "https://logs.us-east-1.amazonaws.com/v1/logs/",
            Signal::Logs,
        );
        assert_eq!(d.kind, Kind::CloudWatchLogs);
        let d = o.classify(
            "https://monitoring.cn-north-1.amazonaws.com.cn/v1/metrics",
            Signal::Metrics,
        );
        assert_eq!(
            (d.kind, d.region.as_deref()),
            (Kind::CloudWatchMetrics, Some("cn-north-1"))
        );
        assert_eq!(
            o.classify("https://api.eu1.honeycomb.io/v1/logs", Signal::Logs)
                .kind,
            Kind::Honeycomb(Region::Eu)
        );
        for (url, kind) in [
            ("http://localhost:4318/v1/traces", Kind::LocalCollector),
            ("http://127.0.0.1:4318/v1/traces", Kind::LocalCollector),
            ("http://[::1]:4318/v1/traces", Kind::LocalCollector),
            (
                "http://otel-collector:4318/v1/traces",
                Kind::NetworkCollector,
            ),
            ("http://10.0.3.7:4318/v1/traces", Kind::NetworkCollector),
            (
                "http://collector.observability.svc.cluster.local:4318/v1/traces",
                Kind::NetworkCollector,
            ),
            ("https://otlp.example.com/v1/traces", Kind::Other),
            ("https://sts.us-east-1.amazonaws.com/v1/traces", Kind::Other),
        ] {
            assert_eq!(o.classify(url, Signal::Traces).kind, kind, "{url}");
        }
        assert_eq!(
            o.classify("http://localhost:4318/v1/traces", Signal::Traces)
                .port,
            4318
        );
    }

    #[test]
    fn an_endpoint_at_an_override_stands_for_that_service() {
        let o = Overrides {
            services: vec![(
                "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
                "http://127.0.0.1:5001".into(),
            )],
            generic: Some("http://127.0.0.1:5000".into()),
            honeycomb: Some("http://127.0.0.1:6000".into()),
            region: Some("us-west-2".into()),
            ..Default::default()
        };
        let d = o.classify("http://127.0.0.1:5001/v1/logs", Signal::Logs);
        assert_eq!(
            (d.kind, d.region.as_deref(), d.via),
            (
                Kind::CloudWatchLogs,
                Some("us-west-2"),
                Some("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")
            )
        );
        assert_eq!(
            o.classify("http://127.0.0.1:5000/v1/traces", Signal::Traces)
                .kind,
            Kind::Xray
        );
        // The logs override is not the traces service's.
        assert_eq!(
            o.classify("http://127.0.0.1:5001/v1/traces", Signal::Traces)
                .kind,
            Kind::LocalCollector
        );
        assert_eq!(
            o.classify("http://127.0.0.1:6000/v1/metrics", Signal::Metrics)
                .kind,
            Kind::Honeycomb(Region::Us)
        );
        assert_eq!(
            o.as_aws("http://127.0.0.1:5001/v1/logs", Signal::Logs)
                .as_deref(),
            Some("https://logs.us-west-2.amazonaws.com/v1/logs")
        );
        assert_eq!(o.as_aws("http://127.0.0.1:9/v1/logs", Signal::Logs), None);
        assert_eq!(
            o.aws_base(MONITORING).as_deref(),
            Some("http://127.0.0.1:5000")
        );
        assert_eq!(
            none().aws_base(LOGS).as_deref(),
            Some("https://logs.us-east-1.amazonaws.com")
        );
    }
}
