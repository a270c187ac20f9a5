//! `o11y doctor --send-test`: one test item per configured backend, read back, one row each. The backends run
//! at the same time, so the whole check takes about as long as the slowest one. Each row reuses the
//! backend's own command code (`xray test-span`, `honeycomb test-span`, `logs put`, `rollbar report`), through
//! their non-printing `*_and_confirm` functions.

use std::time::Duration;

use crate::context::{env_var as env, Context};
use crate::doctor::Check;
use crate::error::Error;
use crate::manifest::Manifest;
use crate::readback::{self, Wait};

/// `1.2 s` / `45 s`, and the milliseconds for `-o json`.
fn delay(d: Duration) -> (String, Option<u64>) {
    (readback::seconds(d), Some(readback::millis(d)))
}

/// Which backends get a test item: those the manifest declares, and those the environment configures
/// (`honeycomb`: the same detection as doctor's checks; `rollbar`: ROLLBAR_ACCESS_TOKEN; `xray`: the manifest's
/// X-Ray resources, or AWS_XRAY_DAEMON_ADDRESS; `logs`: the manifest's first log group).
pub struct Plan {
    pub xray: bool,
    pub honeycomb: bool,
    pub log_group: Option<String>,
    pub rollbar: bool,
}

impl Plan {
    pub fn new(m: Option<&Manifest>, honeycomb_in_env: bool) -> Plan {
        Plan {
            xray: m.is_some_and(|m| m.needs_xray())
                || env(crate::xray::test_span::DAEMON_ENV).is_some(),
            honeycomb: m.is_some_and(|m| m.honeycomb.is_some()) || honeycomb_in_env,
            log_group: m.and_then(|m| m.log_groups.first().map(|g| g.name.clone())),
            rollbar: m.is_some_and(|m| m.rollbar.is_some())
                || env("ROLLBAR_ACCESS_TOKEN").is_some(),
        }
    }
}

/// Send and read back, every planned backend at once; one row each, in a fixed order.
pub async fn run(ctx: &Context, m: Option<&Manifest>, plan: Plan, timeout: Duration) -> Vec<Check> {
    let wait = Wait {
        enabled: true,
        timeout,
        interval: crate::time::poll_ms(env(crate::time::POLL_VAR).as_deref())
            .unwrap_or(readback::DEFAULT_INTERVAL),
    };
    let service = m
        .and_then(|m| m.honeycomb.as_ref())
        .and_then(|h| h.service_name.clone());
    let rollbar_env = m
        .and_then(|m| m.rollbar.as_ref())
        .and_then(|r| r.environment.clone());
    let x = async {
        match plan.xray {
            true => Some(xray(ctx, service.clone(), wait).await),
            false => None,
        }
    };
    let h = async {
        match plan.honeycomb {
            true => Some(honeycomb(ctx, service.clone(), wait).await),
            false => None,
        }
    };
    let l = async {
        match plan.log_group {
            Some(g) => Some(logs(ctx, g, wait).await),
            None => None,
        }
    };
    let r = async {
        match plan.rollbar {
            true => Some(rollbar(ctx, rollbar_env, wait).await),
            false => None,
        }
    };
    let (x, h, l, r) = tokio::join!(x, h, l, r);
    [x, h, l, r].into_iter().flatten().collect()
}

fn failed(check: &str, e: &Error, fix: &str) -> Check {
    Check::fail(
        check,
        e.message.clone(),
        e.help.clone().unwrap_or_else(|| fix.to_string()),
    )
}

/// X-Ray: `xray test-span`'s span (or a daemon segment when AWS_XRAY_DAEMON_ADDRESS is set, as the app's
/// X-Ray SDK would send), read back.
async fn xray(ctx: &Context, service: Option<String>, wait: Wait) -> Check {
    use crate::xray::test_span::{daemon_address, send_and_confirm, Opts, DAEMON_ENV};
    const CHECK: &str = "send-test xray";
    let daemon = match env(DAEMON_ENV).map(|a| daemon_address(DAEMON_ENV, &a)) {
        None => None,
        Some(Ok(a)) => Some(a),
        Some(Err(e)) => return failed(CHECK, &e, "fix AWS_XRAY_DAEMON_ADDRESS"),
    };
    let opts = Opts {
        service: env(crate::otlp::SERVICE_NAME)
            .or(service)
            .unwrap_or_else(|| "o11y-test-span".into()),
        timeout: wait.timeout,
        wait: true,
        daemon,
    };
    match send_and_confirm(ctx, &opts, &mut |_| {}).await {
        Err(e) => failed(CHECK, &e, "o11y xray test-span -v"),
        Ok(a) => match a.arrived_after {
            Some(d) => {
                let (shown, ms) = delay(d);
                Check::ok(
                    CHECK,
                    format!(
                        "trace {} arrived after {shown} (sent via {}, read with {})",
                        a.ids.xray, a.via, a.read_with
                    ),
                )
                .arrived_after(ms)
            }
            None => Check::fail(
                CHECK,
                format!(
                    "trace {} was not found within {}: {}",
                    a.ids.xray,
                    readback::seconds(wait.timeout),
                    a.last_seen
                ),
                "X-Ray can take a minute or more: try a longer --timeout; `o11y xray test-span` shows each step",
            ),
        },
    }
}

/// Honeycomb: `honeycomb test-span` with the app's OpenTelemetry settings, read back with HONEYCOMB_API_KEY.
async fn honeycomb(ctx: &Context, service: Option<String>, wait: Wait) -> Check {
    use crate::honeycomb::test_span::{send_and_confirm, Outcome, Reader};
    const CHECK: &str = "send-test honeycomb";
    let settings = match crate::otlp::Settings::read(service.as_deref(), |v| std::env::var(v).ok())
    {
        Ok(s) => s,
        Err(e) => return failed(CHECK, &e, "check the OTEL_EXPORTER_OTLP_* variables"),
    };
    let conn = crate::honeycomb::Connection {
        api_key: env("HONEYCOMB_API_KEY"),
        api_endpoint: env("HONEYCOMB_API_ENDPOINT")
            .unwrap_or_else(|| crate::honeycomb::DEFAULT_ENDPOINT.into()),
    };
    let reader = match Reader::from_connection(&conn) {
        Ok(r) => r,
        Err(e) => return failed(CHECK, &e, "check HONEYCOMB_API_KEY"),
    };
    let a = match send_and_confirm(ctx, &settings, &reader, wait, &readback::quiet).await {
        Ok(a) => a,
        Err(e) => return failed(CHECK, &e, "o11y honeycomb test-span -v"),
    };
    if let Some(e) = a.failure() {
        return failed(CHECK, &e, "o11y honeycomb test-span");
    }
    match &a.outcome {
        Outcome::Arrived { after, proof } => {
            let (shown, ms) = delay(*after);
            Check::ok(
                CHECK,
                format!(
                    "trace {} arrived in dataset `{}` after {shown} (proof: {})",
                    a.trace_id,
                    a.dataset,
                    proof.strength()
                ),
            )
            .arrived_after(ms)
        }
        Outcome::Unchecked(why) => Check::warn(
            CHECK,
            format!(
                "trace {} sent to {} (HTTP {}); arrival not checked: {why}",
                a.trace_id, a.settings.url, a.status
            ),
            "set HONEYCOMB_API_KEY to a configuration key of the app's environment that may read datasets \
             (Create Datasets) or run queries",
        ),
        // `failure()` covered the others.
        other => Check::fail(CHECK, format!("{other:?}"), "o11y honeycomb test-span"),
    }
}

/// CloudWatch Logs: `logs put` into the manifest's first log group (o11y's own stream), found again.
async fn logs(ctx: &Context, group: String, wait: Wait) -> Check {
    use crate::logs::put::{default_stream, send_and_confirm, PutRequest, ReadBack};
    let check = format!("send-test logs {group}");
    let req = PutRequest {
        group,
        stream: default_stream(),
        message: format!("o11y doctor: test event {}", crate::otlp::random_id(8)),
    };
    match send_and_confirm(ctx, &req, wait, &readback::quiet).await {
        Err(e) => failed(&check, &e, "o11y setup"),
        Ok((w, Some(ReadBack::Arrived(f)))) => {
            let (shown, ms) = delay(f.after);
            Check::ok(
                check,
                format!("event arrived in {}/{} after {shown}", w.group, w.stream),
            )
            .arrived_after(ms)
        }
        Ok((w, _)) => Check::fail(
            check,
            format!(
                "the event written to {}/{} did not show in FilterLogEvents within {}",
                w.group,
                w.stream,
                readback::seconds(wait.timeout)
            ),
            "try a longer --timeout; `o11y logs put` shows each search",
        ),
    }
}

/// Rollbar: `rollbar report`'s `info` item, found again with ROLLBAR_READ_ACCESS_TOKEN.
async fn rollbar(ctx: &Context, environment: Option<String>, wait: Wait) -> Check {
    use crate::rollbar::api::{Level, RollbarApi};
    use crate::rollbar::report::{
        read_token, report_and_confirm, Outcome, TestItem, READ_TOKEN_VAR,
    };
    const CHECK: &str = "send-test rollbar";
    let opts = crate::rollbar::Options {
        access_token: env("ROLLBAR_ACCESS_TOKEN"),
        api_endpoint: env("ROLLBAR_ENDPOINT")
            .unwrap_or_else(|| crate::rollbar::DEFAULT_ENDPOINT.into()),
    };
    let (token, endpoint) = match opts.resolve() {
        Ok(t) => t,
        Err(e) => return failed(CHECK, &e, "export ROLLBAR_ACCESS_TOKEN=<token>"),
    };
    let reader = match read_token(std::env::var(READ_TOKEN_VAR).ok()) {
        Ok(t) => t.map(|t| RollbarApi::new(ctx, endpoint.clone(), t)),
        Err(e) => return failed(CHECK, &e, "fix ROLLBAR_READ_ACCESS_TOKEN"),
    };
    let api = RollbarApi::new(ctx, endpoint, token);
    let item = TestItem {
        message: "o11y doctor: test message".into(),
        level: Level::Info,
        environment: environment
            .or_else(|| env("ROLLBAR_ENVIRONMENT"))
            .unwrap_or_else(|| "development".into()),
        exception: None,
    };
    let r =
        match report_and_confirm(ctx, &api, reader.as_ref(), &item, wait, &readback::quiet).await {
            Ok(r) => r,
            Err(e) => return failed(CHECK, &e, "check the token's post_server_item scope"),
        };
    if let Some(e) = r.failure() {
        return failed(CHECK, &e, "o11y rollbar report");
    }
    match &r.outcome {
        Outcome::Arrived { after, counter, .. } => {
            let (shown, ms) = delay(*after);
            let counter = counter.map(|c| format!(", item #{c}")).unwrap_or_default();
            Check::ok(
                CHECK,
                format!("occurrence arrived after {shown}{counter}: {}", r.link),
            )
            .arrived_after(ms)
        }
        Outcome::Unchecked(why) => Check::warn(
            CHECK,
            format!("accepted: {}; not found again: {why}", r.link),
            format!("set {READ_TOKEN_VAR} to the project's read token to confirm arrival"),
        ),
        // `failure()` has turned every other outcome into an error above.
        _ => Check::fail(
            CHECK,
            "the read-back ended without an answer",
            "o11y rollbar report",
        ),
    }
}
