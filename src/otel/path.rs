//! The app's path for each signal, as `o11y otel`, `o11y otel test` and doctor see it: the settings (read
//! through the run's variables, so values in the secrets sink count), what the endpoint is, how the app
//! authenticates, and where an item of it can be read back (the endpoint's backend, or for a collector every
//! backend the manifest or the environment configures).

use crate::context::Context;
use crate::error::Result;
use crate::manifest::{self, Manifest};
use crate::otlp::destination::{Destination, Kind, Overrides};
use crate::otlp::settings::{Settings, Signal};
use crate::otlp::signing::{self, Decision};

/// One signal of the app.
#[derive(Debug, Clone)]
pub struct AppSignal {
    pub settings: Settings,
    pub destination: Destination,
    pub decision: Decision,
}

/// The app's three signals, and what they were judged against.
#[derive(Debug, Clone)]
pub struct App {
    pub signals: Vec<AppSignal>,
    pub overrides: Overrides,
    /// The run's AWS region, when one is configured.
    pub region: Option<String>,
}

impl App {
    /// Read every signal. Malformed settings (headers, resource attributes, an endpoint that is not a URL) are
    /// usage errors naming the variable.
    pub async fn read(ctx: &Context, service: Option<&str>) -> Result<App> {
        let region = crate::aws::region(&ctx.aws_args)
            .await
            .ok()
            .map(|r| r.to_string());
        let overrides = Overrides::of(ctx, region.clone());
        let mut signals = Vec::new();
        for signal in Signal::ALL {
            let settings = Settings::read(signal, service, |k| ctx.env.raw(k))?;
            signals.push(AppSignal {
                destination: overrides.classify(&settings.url, signal),
                decision: signing::decide(&settings, &overrides),
                settings,
            });
        }
        Ok(App {
            signals,
            overrides,
            region,
        })
    }

    pub fn signal(&self, signal: Signal) -> &AppSignal {
        &self.signals[Signal::ALL.iter().position(|s| *s == signal).unwrap_or(0)]
    }
}

/// A backend an item can be read back at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Backend {
    Honeycomb,
    Xray,
    CloudWatchLogs,
    CloudWatchMetrics,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Honeycomb => "Honeycomb",
            Backend::Xray => "X-Ray",
            Backend::CloudWatchLogs => "CloudWatch Logs",
            Backend::CloudWatchMetrics => "CloudWatch metrics",
        }
    }

    /// For row names and `-o json`.
    pub fn id(self) -> &'static str {
        match self {
            Backend::Honeycomb => "honeycomb",
            Backend::Xray => "xray",
            Backend::CloudWatchLogs => "cloudwatch-logs",
            Backend::CloudWatchMetrics => "cloudwatch-metrics",
        }
    }
}

/// The backends the manifest or the environment configures, for what a collector fans out to.
#[derive(Debug, Clone, Default)]
pub struct Configured {
    /// `[honeycomb]`, or Honeycomb settings in the environment (`manifest::honeycomb::configured`).
    pub honeycomb: bool,
    /// The manifest's X-Ray resources.
    pub xray: bool,
    /// The manifest's log groups (and each one's first stream, when it names streams).
    pub log_groups: Vec<(String, Option<String>)>,
}

impl Configured {
    pub fn of(ctx: &Context, m: Option<&Manifest>) -> Self {
        let hc = m.and_then(|m| m.honeycomb.as_ref());
        Configured {
            honeycomb: manifest::honeycomb::configured(hc, &ctx.env).is_some(),
            xray: m.is_some_and(Manifest::needs_xray),
            log_groups: m
                .map(|m| {
                    m.logs
                        .groups
                        .iter()
                        .map(|g| (g.name.clone(), m.logs.first_stream(&g.name)))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// Where an item of this signal can be read back: the endpoint's own backend; for a collector (or anything
/// o11y does not know), every configured backend that takes the signal. `Err` when the endpoint is a backend
/// that does not take this signal (logs sent to X-Ray's endpoint ...).
pub fn read_back_at(sig: &AppSignal, configured: &Configured) -> Result<Vec<Backend>, String> {
    let signal = sig.settings.signal;
    let own = |b: Backend, takes: Signal| {
        if takes == signal {
            Ok(vec![b])
        } else {
            Err(format!(
                "{} takes {} only, but the app sends its {} there",
                sig.destination.describe(),
                takes.name(),
                signal.name()
            ))
        }
    };
    match sig.destination.kind {
        Kind::Honeycomb(_) => Ok(vec![Backend::Honeycomb]),
        Kind::Xray => own(Backend::Xray, Signal::Traces),
        Kind::CloudWatchLogs => own(Backend::CloudWatchLogs, Signal::Logs),
        Kind::CloudWatchMetrics => own(Backend::CloudWatchMetrics, Signal::Metrics),
        Kind::LocalCollector | Kind::NetworkCollector | Kind::Other => {
            let mut out = Vec::new();
            if configured.honeycomb {
                out.push(Backend::Honeycomb);
            }
            match signal {
                Signal::Traces if configured.xray => out.push(Backend::Xray),
                Signal::Logs if !configured.log_groups.is_empty() => {
                    out.push(Backend::CloudWatchLogs)
                }
                _ => {}
            }
            Ok(out)
        }
    }
}
