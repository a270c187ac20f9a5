//! The app's OpenTelemetry exporter settings, one signal at a time (traces, logs, metrics), read from the
//! variables the app reads with the specification's meaning (protocol/exporter.md and
//! sdk-environment-variables.md): a per-signal `OTEL_EXPORTER_OTLP_<SIGNAL>_ENDPOINT` is used as it is, the
//! generic endpoint gets `/v1/<signal>`; per-signal headers, protocol, compression and timeout override the
//! generic ones; `OTEL_<SIGNAL>_EXPORTER`, `OTEL_SDK_DISABLED`, `OTEL_SERVICE_NAME` over `service.name` in
//! `OTEL_RESOURCE_ATTRIBUTES`. The variables AWS's Python distro adds (its configurator, the upstream
//! credential-provider hook, `AWS_SIGV4_SERVICE`) are kept raw, as its sources read them, for `signing.rs`.
//!
//! An empty variable counts as unset, as the specification says ("MUST interpret an empty value ... the same
//! way as when the variable is unset").

use std::time::Duration;

use percent_encoding::percent_decode_str;
use reqwest::header::{HeaderName, HeaderValue};

use crate::aws::check_url;
use crate::error::{Error, Result};

pub const ENDPOINT: &str = "OTEL_EXPORTER_OTLP_ENDPOINT";
pub const HEADERS: &str = "OTEL_EXPORTER_OTLP_HEADERS";
pub const PROTOCOL: &str = "OTEL_EXPORTER_OTLP_PROTOCOL";
pub const COMPRESSION: &str = "OTEL_EXPORTER_OTLP_COMPRESSION";
pub const TIMEOUT: &str = "OTEL_EXPORTER_OTLP_TIMEOUT";
pub const TRACES_ENDPOINT: &str = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
pub const TRACES_HEADERS: &str = "OTEL_EXPORTER_OTLP_TRACES_HEADERS";
pub const SERVICE_NAME: &str = "OTEL_SERVICE_NAME";
pub const RESOURCE_ATTRIBUTES: &str = "OTEL_RESOURCE_ATTRIBUTES";
pub const SDK_DISABLED: &str = "OTEL_SDK_DISABLED";
/// ADOT's configurator is used when both name it (AWS's docs set both; the Python loader otherwise takes the
/// first distro and configurator installed, and ADOT installs opentelemetry-distro's own beside its own).
pub const PYTHON_DISTRO: &str = "OTEL_PYTHON_DISTRO";
pub const PYTHON_CONFIGURATOR: &str = "OTEL_PYTHON_CONFIGURATOR";
/// The upstream Python SDK's credential-provider hook (opentelemetry-python#4689): the generic variable is read
/// first (`environ.get(generic) or environ.get(per_signal)`), the opposite of the usual order.
pub const CREDENTIAL_PROVIDER: &str = "OTEL_PYTHON_EXPORTER_OTLP_HTTP_CREDENTIAL_PROVIDER";
/// ADOT's signing-service override for that hook (every signal).
pub const AWS_SIGV4_SERVICE: &str = "AWS_SIGV4_SERVICE";

/// Where a setting came from when no variable set it.
pub const DEFAULT: &str = "the specification's default";

/// One OpenTelemetry signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    Traces,
    Logs,
    Metrics,
}

/// A signal's own variable names.
#[derive(Debug)]
pub struct Vars {
    pub endpoint: &'static str,
    pub headers: &'static str,
    pub protocol: &'static str,
    pub compression: &'static str,
    pub timeout: &'static str,
    pub exporter: &'static str,
    pub credential_provider: &'static str,
}

const TRACES: Vars = Vars {
    endpoint: TRACES_ENDPOINT,
    headers: TRACES_HEADERS,
    protocol: "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
    compression: "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION",
    timeout: "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
    exporter: "OTEL_TRACES_EXPORTER",
    credential_provider: "OTEL_PYTHON_EXPORTER_OTLP_HTTP_TRACES_CREDENTIAL_PROVIDER",
};
const LOGS: Vars = Vars {
    endpoint: "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    headers: "OTEL_EXPORTER_OTLP_LOGS_HEADERS",
    protocol: "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL",
    compression: "OTEL_EXPORTER_OTLP_LOGS_COMPRESSION",
    timeout: "OTEL_EXPORTER_OTLP_LOGS_TIMEOUT",
    exporter: "OTEL_LOGS_EXPORTER",
    credential_provider: "OTEL_PYTHON_EXPORTER_OTLP_HTTP_LOGS_CREDENTIAL_PROVIDER",
};
const METRICS: Vars = Vars {
    endpoint: "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
    headers: "OTEL_EXPORTER_OTLP_METRICS_HEADERS",
    protocol: "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL",
    compression: "OTEL_EXPORTER_OTLP_METRICS_COMPRESSION",
    timeout: "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT",
    exporter: "OTEL_METRICS_EXPORTER",
    credential_provider: "OTEL_PYTHON_EXPORTER_OTLP_HTTP_METRICS_CREDENTIAL_PROVIDER",
};

impl Signal {
    pub const ALL: [Signal; 3] = [Signal::Traces, Signal::Logs, Signal::Metrics];

    pub fn name(self) -> &'static str {
        match self {
            Signal::Traces => "traces",
            Signal::Logs => "logs",
            Signal::Metrics => "metrics",
        }
    }

    /// The path the generic endpoint gets (`v1/traces`).
    pub fn path(self) -> &'static str {
        match self {
            Signal::Traces => "v1/traces",
            Signal::Logs => "v1/logs",
            Signal::Metrics => "v1/metrics",
        }
    }

    /// What one item of this signal is called (`span`, `log record`, `data point`).
    pub fn item(self) -> &'static str {
        match self {
            Signal::Traces => "span",
            Signal::Logs => "log record",
            Signal::Metrics => "data point",
        }
    }

    pub fn vars(self) -> &'static Vars {
        match self {
            Signal::Traces => &TRACES,
            Signal::Logs => &LOGS,
            Signal::Metrics => &METRICS,
        }
    }

    pub fn parse(s: &str) -> Option<Signal> {
        Signal::ALL.into_iter().find(|g| g.name() == s)
    }
}

/// `OTEL_EXPORTER_OTLP_[<SIGNAL>_]PROTOCOL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protocol {
    HttpProtobuf,
    HttpJson,
    Grpc,
    /// A value the specification does not name (kept as written).
    Other(String),
}

impl Protocol {
    fn parse(s: &str) -> Protocol {
        match s.trim() {
            "http/protobuf" => Protocol::HttpProtobuf,
            "http/json" => Protocol::HttpJson,
            "grpc" => Protocol::Grpc,
            other => Protocol::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Protocol::HttpProtobuf => "http/protobuf",
            Protocol::HttpJson => "http/json",
            Protocol::Grpc => "grpc",
            Protocol::Other(s) => s,
        }
    }

    /// OTLP over HTTP (what o11y can send).
    pub fn is_http(&self) -> bool {
        matches!(self, Protocol::HttpProtobuf | Protocol::HttpJson)
    }
}

/// `OTEL_EXPORTER_OTLP_[<SIGNAL>_]COMPRESSION`: `gzip` or `none` (no value: none, as the SDKs choose).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Other(String),
}

impl Compression {
    fn parse(s: &str) -> Compression {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Compression::None,
            "gzip" => Compression::Gzip,
            _ => Compression::Other(s.trim().to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Other(s) => s,
        }
    }
}

/// The raw values AWS's Python distro (ADOT 0.21) looks at, as its sources read them (no trimming, no
/// percent-decoding): see `signing.rs`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AdotVars {
    pub distro: Option<String>,
    pub configurator: Option<String>,
    /// `OTEL_EXPORTER_OTLP_<SIGNAL>_ENDPOINT` exactly (the configurator matches only this one).
    pub signal_endpoint: Option<String>,
    pub generic_endpoint: Option<String>,
    /// `OTEL_EXPORTER_OTLP_<SIGNAL>_HEADERS` and `OTEL_EXPORTER_OTLP_HEADERS` as written.
    pub signal_headers: Option<String>,
    pub generic_headers: Option<String>,
    /// The credential provider and the variable it came from (the generic one wins).
    pub credential_provider: Option<(String, &'static str)>,
    pub sigv4_service: Option<String>,
}

/// What the app's exporter for one signal would do.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub signal: Signal,
    /// `OTEL_<SIGNAL>_EXPORTER`, split on commas (default `otlp`).
    pub exporters: Vec<String>,
    pub exporter_from: &'static str,
    /// `OTEL_SDK_DISABLED=true`: a no-op SDK, nothing is sent.
    pub sdk_disabled: bool,
    /// The full URL items are POSTed to.
    pub url: String,
    /// Which variable the URL came from ([`DEFAULT`] when neither is set).
    pub url_from: &'static str,
    /// Request headers, names lower-cased, values percent-decoded (entries without `=` left out: `skipped`).
    pub headers: Vec<(String, String)>,
    /// Which variable the headers came from (none when neither is set).
    pub headers_from: Option<&'static str>,
    /// Header entries the OpenTelemetry SDKs skip (no `=`): the 1-based position in the list and the entry
    /// masked (at most its first 4 characters), for a warning and for doctor. The item is still sent.
    pub skipped: Vec<(usize, String)>,
    pub protocol: Protocol,
    pub protocol_from: &'static str,
    pub compression: Compression,
    pub compression_from: &'static str,
    pub timeout: Duration,
    pub timeout_from: &'static str,
    /// `service.name`, and where it came from (`--service`, a variable, or the specification's default).
    pub service: String,
    pub service_from: &'static str,
    /// OTEL_RESOURCE_ATTRIBUTES (without `service.name`, which is in `service`).
    pub resource: Vec<(String, String)>,
    /// Whether a variable of this signal's own (its exporter, endpoint, headers, protocol, compression,
    /// timeout) is set: the app's settings name the signal, it is not only the specification's default.
    pub declared: bool,
    /// Values that could not be read and were replaced by the default (a timeout that is not a number ...).
    pub notes: Vec<String>,
    pub adot: AdotVars,
}

/// The specification's default export timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

impl Settings {
    /// Read one signal's settings through `get` (the run's variables; a map in tests). Malformed headers or
    /// resource attributes and an endpoint that is not an http(s) URL are usage errors naming the variable,
    /// never showing a header's value.
    pub fn read(
        signal: Signal,
        service_flag: Option<&str>,
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<Self> {
        let raw = |name: &str| get(name);
        let get = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        let v = signal.vars();
        let declared = [
            v.exporter,
            v.endpoint,
            v.headers,
            v.protocol,
            v.compression,
            v.timeout,
        ]
        .iter()
        .any(|n| get(n).is_some());

        let (exporters, exporter_from) = match get(v.exporter) {
            Some(e) => (
                e.split(',')
                    .map(|x| x.trim().to_ascii_lowercase())
                    .filter(|x| !x.is_empty())
                    .collect(),
                v.exporter,
            ),
            None => (vec!["otlp".to_string()], DEFAULT),
        };
        let sdk_disabled = get(SDK_DISABLED).is_some_and(|d| d.trim().eq_ignore_ascii_case("true"));

        let (url, url_from) = match (get(v.endpoint), get(ENDPOINT)) {
            (Some(u), _) => (u.trim().to_string(), v.endpoint),
            (None, Some(base)) => (join(base.trim(), signal.path()), ENDPOINT),
            (None, None) => (join("http://localhost:4318", signal.path()), DEFAULT),
        };
        check_url(url_from, &url)?;

        let ((headers, skipped), headers_from) = match (get(v.headers), get(HEADERS)) {
            (Some(h), _) => (parse_headers(v.headers, &h)?, Some(v.headers)),
            (None, Some(h)) => (parse_headers(HEADERS, &h)?, Some(HEADERS)),
            (None, None) => ((Vec::new(), Vec::new()), None),
        };
        let either = |own: &'static str, generic: &'static str| match (get(own), get(generic)) {
            (Some(x), _) => Some((x, own)),
            (None, Some(x)) => Some((x, generic)),
            (None, None) => None,
        };
        let (protocol, protocol_from) = either(v.protocol, PROTOCOL)
            .map(|(p, from)| (Protocol::parse(&p), from))
            .unwrap_or((Protocol::HttpProtobuf, DEFAULT));
        let (compression, compression_from) = either(v.compression, COMPRESSION)
            .map(|(c, from)| (Compression::parse(&c), from))
            .unwrap_or((Compression::None, DEFAULT));
        let mut notes = Vec::new();
        let (timeout, timeout_from) = match either(v.timeout, TIMEOUT) {
            // Milliseconds, as the specification says (the Python SDK reads seconds: a known deviation).
            Some((t, from)) => match t.trim().parse::<u64>() {
                Ok(ms) if ms > 0 => (Duration::from_millis(ms), from),
                _ => {
                    notes.push(format!(
                        "{from}=`{}` is not a number of milliseconds: the default of 10 s applies",
                        t.trim()
                    ));
                    (DEFAULT_TIMEOUT, DEFAULT)
                }
            },
            None => (DEFAULT_TIMEOUT, DEFAULT),
        };

        let mut resource = match get(RESOURCE_ATTRIBUTES) {
            Some(r) => parse_pairs(RESOURCE_ATTRIBUTES, &r)?,
            None => Vec::new(),
        };
        let from_resource = resource
            .iter()
            .position(|(k, _)| k == "service.name")
            .map(|i| resource.remove(i).1);
        let (service, service_from) =
            resolve_service(service_flag, get(SERVICE_NAME), from_resource);

        // ADOT reads with `os.environ.get`: an empty value is falsy there too.
        let py = |name: &str| raw(name).filter(|x| !x.is_empty());
        let adot = AdotVars {
            distro: py(PYTHON_DISTRO),
            configurator: py(PYTHON_CONFIGURATOR),
            signal_endpoint: py(v.endpoint),
            generic_endpoint: py(ENDPOINT),
            signal_headers: py(v.headers),
            generic_headers: py(HEADERS),
            credential_provider: py(CREDENTIAL_PROVIDER)
                .map(|p| (p, CREDENTIAL_PROVIDER))
                .or_else(|| py(v.credential_provider).map(|p| (p, v.credential_provider))),
            sigv4_service: py(AWS_SIGV4_SERVICE)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        };
        Ok(Settings {
            signal,
            exporters,
            exporter_from,
            sdk_disabled,
            url,
            url_from,
            headers,
            headers_from,
            skipped,
            protocol,
            protocol_from,
            compression,
            compression_from,
            timeout,
            timeout_from,
            service,
            service_from,
            resource,
            declared,
            notes,
            adot,
        })
    }

    /// A usage error when neither endpoint variable is set (the test spans send only where the app is told to).
    pub fn require_endpoint(&self) -> Result<()> {
        if self.url_from != DEFAULT {
            return Ok(());
        }
        let own = self.signal.vars().endpoint;
        Err(Error::usage(format!(
            "no OTLP endpoint: neither {own} nor {ENDPOINT} is set"
        ))
        .with_help(format!(
            "set them as the app does, e.g. {ENDPOINT}=https://api.honeycomb.io and \
             {HEADERS}=x-honeycomb-team=<ingest key>"
        )))
    }

    /// `self`, when an endpoint variable is set (else [`Settings::require_endpoint`]'s error).
    pub fn with_endpoint(self) -> Result<Self> {
        self.require_endpoint().map(|_| self)
    }

    /// The app exports this signal over OTLP (its exporter list names `otlp` and the SDK is not disabled).
    pub fn exports_otlp(&self) -> bool {
        !self.sdk_disabled && self.exporters.iter().any(|e| e == "otlp")
    }

    /// One warning per skipped header entry, naming the variable and the entry's position (never its value).
    pub fn skipped_warnings(&self) -> Vec<String> {
        let var = self.headers_from.unwrap_or(HEADERS);
        let items = match self.signal {
            Signal::Traces => "spans",
            Signal::Logs => "logs",
            Signal::Metrics => "metrics",
        };
        self.skipped
            .iter()
            .map(|(n, shown)| {
                format!(
                    "{var}: entry {n} (`{shown}`) has no `=` and is skipped, as the app's OpenTelemetry \
                     exporter skips it: the app sends its {items} without that header"
                )
            })
            .collect()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The Honeycomb dataset the item lands in. Spans and logs: `x-honeycomb-dataset` (Classic), else the
    /// service name (trimmed; any `unknown_service...` becomes `unknown_service`). Metrics: the header, else
    /// `unknown_metrics` (Honeycomb's docs: "If ... a metrics dataset is not specified, all metrics data will
    /// be sent to a dataset called unknown_metrics").
    pub fn dataset(&self) -> String {
        if let Some(d) = self.header("x-honeycomb-dataset") {
            return d.to_string();
        }
        if self.signal == Signal::Metrics {
            return "unknown_metrics".into();
        }
        if self.service.starts_with("unknown_service") {
            "unknown_service".into()
        } else {
            self.service.trim().to_string()
        }
    }
}

/// `service.name`: the flag, else OTEL_SERVICE_NAME, else `service.name` in OTEL_RESOURCE_ATTRIBUTES, else
/// `unknown_service` (the specification's default), with where it came from.
fn resolve_service(
    flag: Option<&str>,
    var: Option<String>,
    from_resource: Option<String>,
) -> (String, &'static str) {
    match (
        flag.map(str::trim).filter(|s| !s.is_empty()),
        var,
        from_resource,
    ) {
        (Some(s), _, _) => (s.to_string(), "--service"),
        (None, Some(s), _) => (s.trim().to_string(), SERVICE_NAME),
        (None, None, Some(s)) if !s.is_empty() => (s, RESOURCE_ATTRIBUTES),
        _ => ("unknown_service".to_string(), DEFAULT),
    }
}

/// The app's service name alone, for a command that reads no other OpenTelemetry setting (`xray test-span`):
/// as [`Settings::read`] resolves it, with malformed resource attributes left out rather than refused.
pub fn service_name(
    flag: Option<&str>,
    get: impl Fn(&str) -> Option<String>,
) -> (String, &'static str) {
    let get = |name: &str| get(name).filter(|v| !v.trim().is_empty());
    let from_resource = get(RESOURCE_ATTRIBUTES)
        .and_then(|r| parse_pairs(RESOURCE_ATTRIBUTES, &r).ok())
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "service.name"))
        .map(|(_, v)| v);
    resolve_service(flag, get(SERVICE_NAME), from_resource)
}

/// The generic endpoint plus the signal's path, as the specification and the Python exporter join them.
fn join(base: &str, path: &str) -> String {
    format!("{}/{path}", base.trim_end_matches('/'))
}

/// Whether any of the app's OpenTelemetry exporter variables is set at all (doctor checks the signals only
/// then: without them there are no settings of the app's to check).
pub fn any_set(get: impl Fn(&str) -> Option<String>) -> bool {
    let generic = [
        ENDPOINT,
        HEADERS,
        PROTOCOL,
        COMPRESSION,
        SDK_DISABLED,
        PYTHON_DISTRO,
        PYTHON_CONFIGURATOR,
        CREDENTIAL_PROVIDER,
    ];
    generic
        .iter()
        .any(|n| get(n).is_some_and(|v| !v.trim().is_empty()))
        || Signal::ALL.iter().any(|s| {
            let v = s.vars();
            [v.endpoint, v.headers, v.exporter, v.protocol]
                .iter()
                .any(|n| get(n).is_some_and(|x| !x.trim().is_empty()))
        })
}

/// The specification's `key1=value1,key2=value2` (W3C Baggage without properties): whitespace around keys and
/// values trimmed, both percent-decoded. Errors name the variable and the entry, never the value.
pub fn parse_pairs(var: &str, text: &str) -> Result<Vec<(String, String)>> {
    let decode = |s: &str, what: &str, n: usize| {
        percent_decode_str(s.trim())
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| {
                Error::usage(format!(
                    "{var}: the {what} of entry {n} is not UTF-8 once percent-decoded"
                ))
            })
    };
    let mut out = Vec::new();
    for (i, item) in text.split(',').enumerate() {
        let n = i + 1;
        if item.trim().is_empty() {
            continue;
        }
        let Some((k, v)) = item.split_once('=') else {
            return Err(
                Error::usage(format!("{var}: entry {n} has no `=`")).with_help(
                    "write it as key1=value1,key2=value2 (percent-encode `,` and `=` in values)",
                ),
            );
        };
        let key = decode(k, "key", n)?;
        if key.is_empty() {
            return Err(Error::usage(format!("{var}: entry {n} has an empty key"))
                .with_help("write it as key1=value1,key2=value2"));
        }
        out.push((key, decode(v, "value", n)?));
    }
    Ok(out)
}

/// `name=value` entries, in order.
pub type Pairs = Vec<(String, String)>;

/// A header list as the OpenTelemetry SDKs read it: [`parse_pairs`]' format, except that an entry without
/// `=` is skipped (returned with its 1-based position and masked text) instead of refused.
pub fn parse_headers(var: &str, text: &str) -> Result<(Pairs, Vec<(usize, String)>)> {
    let mut pairs = Vec::new();
    let mut skipped = Vec::new();
    for (i, item) in text.split(',').enumerate() {
        let n = i + 1;
        if item.trim().is_empty() {
            continue;
        }
        if !item.contains('=') {
            skipped.push((n, crate::secret::mask(item.trim())));
            continue;
        }
        // Errors name the entry's position in the whole list, not in this one-entry list.
        let one = parse_pairs(var, item).map_err(|mut e| {
            e.message = e.message.replace("entry 1", &format!("entry {n}"));
            e
        })?;
        for (name, value) in one {
            if HeaderName::from_bytes(name.as_bytes()).is_err() {
                return Err(Error::usage(format!(
                    "{var}: entry {n} has `{name}`, which is not an HTTP header name"
                ))
                .with_help("write headers as name=value,name2=value2"));
            }
            if HeaderValue::from_str(&value).is_err() {
                return Err(Error::usage(format!(
                    "{var}: the value of `{name}` is not a valid HTTP header value (a control character?)"
                ))
                .with_help("percent-encode special characters, e.g. %20 for a space"));
            }
            pairs.push((name.to_ascii_lowercase(), value));
        }
    }
    Ok((pairs, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read_signal(signal: Signal, vars: &[(&str, &str)], flag: Option<&str>) -> Result<Settings> {
        let m: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::read(signal, flag, |k| m.get(k).cloned())
    }

    fn read(vars: &[(&str, &str)], flag: Option<&str>) -> Result<Settings> {
        read_signal(Signal::Traces, vars, flag)
    }

    #[test]
    fn the_traces_endpoint_is_used_as_is_else_v1_traces_is_appended() {
        let s = read(
            &[
                (TRACES_ENDPOINT, "http://c:4318/custom"),
                (ENDPOINT, "http://x"),
            ],
            None,
        )
        .unwrap();
        assert_eq!(s.url, "http://c:4318/custom");
        let s = read(&[(ENDPOINT, "https://api.honeycomb.io")], None).unwrap();
        assert_eq!(s.url, "https://api.honeycomb.io/v1/traces");
        let s = read(&[(ENDPOINT, "http://c:4318/base/")], None).unwrap();
        assert_eq!(s.url, "http://c:4318/base/v1/traces");
        let e = read(&[], None).unwrap().require_endpoint().unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.contains(TRACES_ENDPOINT) && e.message.contains(ENDPOINT));
    }

    #[test]
    fn each_signal_has_its_own_variables_over_the_generic_ones() {
        let vars = [
            (ENDPOINT, "http://collector:4318/"),
            (
                "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
                "https://logs.us-east-1.amazonaws.com/v1/logs",
            ),
            (HEADERS, "x-honeycomb-team=k"),
            (
                "OTEL_EXPORTER_OTLP_METRICS_HEADERS",
                "x-honeycomb-dataset=m",
            ),
            (PROTOCOL, "http/json"),
            ("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "http/protobuf"),
            ("OTEL_EXPORTER_OTLP_LOGS_COMPRESSION", "gzip"),
            (TIMEOUT, "2500"),
            ("OTEL_METRICS_EXPORTER", "none"),
        ];
        let t = read_signal(Signal::Traces, &vars, None).unwrap();
        assert_eq!(
            (t.url.as_str(), t.url_from),
            ("http://collector:4318/v1/traces", ENDPOINT)
        );
        assert_eq!(t.protocol, Protocol::HttpJson);
        assert_eq!(t.compression, Compression::None);
        assert_eq!(t.timeout, Duration::from_millis(2500));
        assert!(!t.declared && t.exports_otlp());
        let l = read_signal(Signal::Logs, &vars, None).unwrap();
        assert_eq!(l.url, "https://logs.us-east-1.amazonaws.com/v1/logs");
        assert_eq!(l.protocol, Protocol::HttpProtobuf);
        assert_eq!(
            (l.compression.clone(), l.compression_from),
            (Compression::Gzip, "OTEL_EXPORTER_OTLP_LOGS_COMPRESSION")
        );
        assert_eq!(l.header("x-honeycomb-team"), Some("k"));
        assert!(l.declared);
        let m = read_signal(Signal::Metrics, &vars, None).unwrap();
        assert_eq!(
            m.headers,
            [("x-honeycomb-dataset".to_string(), "m".to_string())]
        );
        assert_eq!(m.dataset(), "m");
        assert!(!m.exports_otlp() && m.declared);
        // Nothing set: the specification's defaults.
        let d = read_signal(Signal::Metrics, &[], None).unwrap();
        assert_eq!(
            (d.url.as_str(), d.url_from),
            ("http://localhost:4318/v1/metrics", DEFAULT)
        );
        assert_eq!(
            (d.exporters.clone(), d.exporter_from),
            (vec!["otlp".to_string()], DEFAULT)
        );
        assert_eq!(d.dataset(), "unknown_metrics");
        assert_eq!(d.timeout, DEFAULT_TIMEOUT);
    }

    #[test]
    fn sdk_disabled_a_bad_timeout_and_the_credential_provider_order() {
        let s = read(
            &[
                (SDK_DISABLED, "TRUE"),
                (TIMEOUT, "10s"),
                (CREDENTIAL_PROVIDER, "aws_sigv4"),
                (
                    "OTEL_PYTHON_EXPORTER_OTLP_HTTP_TRACES_CREDENTIAL_PROVIDER",
                    "other",
                ),
            ],
            None,
        )
        .unwrap();
        assert!(s.sdk_disabled && !s.exports_otlp());
        assert_eq!(s.timeout, DEFAULT_TIMEOUT);
        assert!(
            s.notes[0].contains("not a number of milliseconds"),
            "{:?}",
            s.notes
        );
        assert_eq!(
            s.adot.credential_provider,
            Some(("aws_sigv4".to_string(), CREDENTIAL_PROVIDER)),
            "the generic variable wins, as the Python SDK reads it"
        );
        assert!(!any_set(|_| None));
        assert!(any_set(
            |k| (k == "OTEL_LOGS_EXPORTER").then(|| "otlp".into())
        ));
    }

    #[test]
    fn headers_are_percent_decoded_and_the_traces_variable_wins() {
        let s = read(
            &[
                (ENDPOINT, "http://c"),
                (HEADERS, "x-honeycomb-team=general"),
                (
                    TRACES_HEADERS,
                    " X-Honeycomb-Team = abc%3Ddef , x-note=a%20b%2Cc ,",
                ),
            ],
            None,
        )
        .unwrap();
        assert_eq!(
            s.headers,
            [
                ("x-honeycomb-team".to_string(), "abc=def".to_string()),
                ("x-note".to_string(), "a b,c".to_string())
            ]
        );
        assert_eq!(s.headers_from, Some(TRACES_HEADERS));
    }

    #[test]
    fn a_header_entry_without_equals_is_skipped_by_position_without_its_value() {
        let s = read(
            &[
                (ENDPOINT, "http://c"),
                (
                    HEADERS,
                    "a=1,secretvalue, ,x-honeycomb-team:KEY0123456789,b=2",
                ),
            ],
            None,
        )
        .unwrap();
        assert_eq!(
            s.headers,
            [
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), "2".to_string())
            ]
        );
        assert_eq!(
            s.skipped,
            [(2, "secr…".to_string()), (4, "x-ho…".to_string())]
        );
        let w = s.skipped_warnings();
        assert_eq!(w.len(), 2);
        assert!(
            w[0].starts_with("OTEL_EXPORTER_OTLP_HEADERS: entry 2 (`secr…`) has no `=`"),
            "{}",
            w[0]
        );
        assert!(!w.concat().contains("secretvalue") && !w.concat().contains("KEY0123"));
    }

    #[test]
    fn other_malformed_header_entries_are_usage_errors_naming_the_original_position() {
        let e = read(
            &[(ENDPOINT, "http://c"), (HEADERS, "skip,bad name=1")],
            None,
        )
        .unwrap_err();
        assert!(
            e.message
                .contains("entry 2 has `bad name`, which is not an HTTP header name"),
            "{}",
            e.message
        );
        let e = read(&[(ENDPOINT, "http://c"), (HEADERS, "a=1,skip,=v")], None).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.message.contains("entry 3 has an empty key"),
            "{}",
            e.message
        );
    }

    #[test]
    fn service_name_from_the_flag_the_variable_or_the_resource() {
        let base = [
            (ENDPOINT, "http://c"),
            (
                RESOURCE_ATTRIBUTES,
                "service.name=res,deployment.environment=prod",
            ),
        ];
        let s = read(&base, None).unwrap();
        assert_eq!(
            (s.service.as_str(), s.service_from),
            ("res", RESOURCE_ATTRIBUTES)
        );
        assert_eq!(
            s.resource,
            [("deployment.environment".to_string(), "prod".to_string())]
        );
        let mut v = base.to_vec();
        v.push((SERVICE_NAME, "env-svc"));
        assert_eq!(read(&v, None).unwrap().service, "env-svc");
        assert_eq!(read(&v, Some("flag-svc")).unwrap().service, "flag-svc");
        let s = read(&[(ENDPOINT, "http://c")], None).unwrap();
        assert_eq!(s.service, "unknown_service");
        assert_eq!(s.dataset(), "unknown_service");
    }
}
