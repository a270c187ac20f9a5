//! The Honeycomb rows of doctor: the key (team and environment from GET /1/auth), the app's OpenTelemetry
//! settings (service name, endpoint region, the `x-honeycomb-team` key beside HONEYCOMB_API_KEY, header
//! entries the exporter would skip), and with `--send-test` one span sent and read back (as
//! `honeycomb test-span`).

use super::checklist::{delay, Check};
use crate::context::Context;
use crate::honeycomb::api::{Auth, HoneycombApi};
use crate::honeycomb::connection::Connection;
use crate::honeycomb::key::{key_kind, KeyKind, Region};
use crate::honeycomb::test_span::{send_and_confirm, Outcome, Reader};
use crate::manifest::honeycomb::Honeycomb;
use crate::otlp;
use crate::otlp::settings::{Settings, Signal};
use crate::readback::{self, Wait};

/// Honeycomb: the key is set and accepted (team and environment shown); the app's OpenTelemetry settings name
/// a service (the manifest's, when it names one), send to an OTLP endpoint in the key's region, and carry the
/// same key in `x-honeycomb-team` as HONEYCOMB_API_KEY. `detected`: what in the environment made doctor check
/// Honeycomb though o11y.toml has no `[honeycomb]`.
pub async fn checks(ctx: &Context, conf: &Honeycomb, detected: Option<&str>) -> Vec<Check> {
    let env = |v: &str| ctx.env.var(v);
    let conn = Connection::from_env(&ctx.env);
    let key = conn.api_key.clone();
    let mut out: Vec<Check> = detected
        .map(|var| {
            Check::ok(
                "honeycomb",
                format!("checked because {var} (o11y.toml has no [honeycomb])"),
            )
        })
        .into_iter()
        .collect();
    let mut key_auth = None;
    match conn.connect() {
        Err(e) => out.push(Check::from_error(
            "honeycomb key",
            &e,
            "export HONEYCOMB_API_KEY=<key>",
        )),
        Ok(api) => {
            let shown = format!("{} {}", api.kind.describe(), api.shown_key());
            let accepted = match api.kind {
                KeyKind::Management { .. } => api
                    .auth_v2(ctx)
                    .await
                    .map(|a| format!("team {}", a.team.name)),
                _ => api.auth(ctx).await.map(|a| {
                    let who = format!("team {}, environment {}", a.team.name, env_name(&a));
                    key_auth = Some(a);
                    who
                }),
            };
            out.push(match accepted {
                Ok(who) => Check::ok("honeycomb key", format!("{shown} accepted: {who}")),
                Err(e) => Check::from_error("honeycomb key", &e, "check HONEYCOMB_API_KEY"),
            });
        }
    }

    let want = conf.service_name.clone();
    let fix_service = format!(
        "export OTEL_SERVICE_NAME={}",
        want.as_deref().unwrap_or("<service>")
    );
    out.push(match (env(otlp::SERVICE_NAME), &want) {
        (None, _) => Check::fail(
            "otel service name",
            "OTEL_SERVICE_NAME is not set",
            fix_service,
        ),
        (Some(s), Some(w)) if s.trim() != w => Check::fail(
            "otel service name",
            format!("OTEL_SERVICE_NAME is `{s}`, the manifest says `{w}`"),
            fix_service,
        ),
        (Some(s), _) => Check::ok("otel service name", s),
    });

    let api_region = Region::of_url(&conn.api_endpoint);
    let region = api_region.unwrap_or(Region::Us);
    let fix_endpoint = format!(
        "export OTEL_EXPORTER_OTLP_ENDPOINT={}",
        region.api_endpoint()
    );
    let settings = match Settings::read(Signal::Traces, None, |v| ctx.env.raw(v))
        .and_then(Settings::with_endpoint)
    {
        Ok(s) => s,
        Err(e) => {
            out.push(Check::from_error(
                "otel exporter endpoint",
                &e,
                &fix_endpoint,
            ));
            return out;
        }
    };
    out.extend(skipped_header_checks(&settings));
    let otlp_region = Region::of_url(&settings.url);
    out.push(match (otlp_region, api_region) {
        (Some(o), Some(a)) if o != a => Check::fail(
            "otel exporter endpoint",
            format!(
                "{} sends to Honeycomb {}, but the Honeycomb API endpoint is in {}",
                settings.url_from,
                o.name(),
                a.name()
            ),
            fix_endpoint,
        ),
        _ => Check::ok(
            "otel exporter endpoint",
            format!("spans go to {} ({})", settings.url, settings.url_from),
        ),
    });

    out.push(
        header_key_check(
            ctx,
            &conn.api_endpoint,
            &settings,
            key.as_deref(),
            key_auth.as_ref(),
        )
        .await,
    );
    out
}

/// A key's environment as people name it (`Classic` for a Classic key, whose environment is empty).
fn env_name(a: &Auth) -> String {
    if a.environment.name.is_empty() {
        "Classic".into()
    } else {
        a.environment.name.clone()
    }
}

/// The key the app sends (`x-honeycomb-team`) beside HONEYCOMB_API_KEY: the same key, or keys of one team and
/// environment, as GET /1/auth answers for each (an ingest key in the headers beside a configuration key is
/// Honeycomb's recommended setup). `key_auth` is HONEYCOMB_API_KEY's answer, when it was accepted.
async fn header_key_check(
    ctx: &Context,
    api_endpoint: &str,
    settings: &Settings,
    key: Option<&str>,
    key_auth: Option<&Auth>,
) -> Check {
    const CHECK: &str = "otel x-honeycomb-team";
    let var = settings.headers_from.unwrap_or(otlp::HEADERS);
    let fix_header = format!(
        "export {var}=\"x-honeycomb-team=<an ingest key of HONEYCOMB_API_KEY's environment>\""
    );
    let Some(h) = settings.header("x-honeycomb-team") else {
        return Check::fail(
            CHECK,
            format!("{var} has no x-honeycomb-team"),
            "export OTEL_EXPORTER_OTLP_HEADERS=\"x-honeycomb-team=<an ingest key>\"",
        );
    };
    let hk = key_kind(h);
    let shown = format!("{} {}", hk.describe(), hk.shown(h));
    let Some(k) = key else {
        return Check::ok(CHECK, format!("{var} sends {}", hk.shown(h)));
    };
    if h == k {
        return Check::ok(
            CHECK,
            format!("{var} sends the same key as HONEYCOMB_API_KEY"),
        );
    }
    if matches!(hk, KeyKind::Management { .. }) {
        return Check::fail(
            CHECK,
            format!("the x-honeycomb-team in {var} is {shown}, which cannot send events"),
            fix_header,
        );
    }
    let answer = HoneycombApi::new(api_endpoint, h, hk.clone())
        .auth(ctx)
        .await;
    let a = match answer {
        Ok(a) => a,
        Err(e) => {
            return Check::fail(
                CHECK,
                format!(
                    "the x-honeycomb-team in {var} ({shown}) is not accepted: {}",
                    e.message
                ),
                fix_header,
            )
        }
    };
    let Some(b) = key_auth else {
        return Check::warn(
            CHECK,
            format!(
                "{var} sends {shown} of team {}, environment {}; HONEYCOMB_API_KEY could not be compared with it",
                a.team.name,
                env_name(&a)
            ),
            "fix the honeycomb key check, then run `o11y doctor` again",
        );
    };
    if a.team.slug == b.team.slug && a.environment.slug == b.environment.slug {
        Check::ok(
            CHECK,
            format!(
                "{var} sends {shown}, of the same team and environment as HONEYCOMB_API_KEY (team {}, environment {})",
                a.team.name,
                env_name(&a)
            ),
        )
    } else {
        let kk = key_kind(k);
        Check::fail(
            CHECK,
            format!(
                "the x-honeycomb-team in {var} ({}) is of team {}, environment {}, but HONEYCOMB_API_KEY ({}) is of team {}, environment {}",
                hk.shown(h),
                a.team.name,
                env_name(&a),
                kk.shown(k),
                b.team.name,
                env_name(b)
            ),
            fix_header,
        )
    }
}

/// A header entry without `=` is skipped by the app's OpenTelemetry exporter, which still sends its spans:
/// the app silently loses that header (often the key). One failed check per entry, by position, never its value.
fn skipped_header_checks(settings: &Settings) -> Vec<Check> {
    let var = settings.headers_from.unwrap_or(otlp::HEADERS);
    settings
        .skipped_warnings()
        .into_iter()
        .map(|w| {
            Check::fail(
                "otel headers",
                w,
                format!("write every entry of {var} as name=value, e.g. x-honeycomb-team=<key>,x-other=<value>"),
            )
        })
        .collect()
}

/// Honeycomb: `honeycomb test-span` with the app's OpenTelemetry settings, read back with HONEYCOMB_API_KEY.
/// `read_var`: where the manifest stores a configuration key of the environment (read back with it rather
/// than with HONEYCOMB_API_KEY, which is often the app's ingest key).
pub async fn send_test(
    ctx: &Context,
    service: Option<String>,
    read_var: Option<&str>,
    wait: Wait,
) -> Check {
    const CHECK: &str = "send-test honeycomb";
    let settings = match Settings::read(Signal::Traces, service.as_deref(), |v| ctx.env.raw(v))
        .and_then(Settings::with_endpoint)
    {
        Ok(s) => s,
        Err(e) => return Check::from_error(CHECK, &e, "check the OTEL_EXPORTER_OTLP_* variables"),
    };
    let mut conn = Connection::from_env(&ctx.env);
    if let Some(key) = read_var.and_then(|v| ctx.env.var(v)) {
        conn.api_key = Some(key);
    }
    let reader = match Reader::from_connection(&conn) {
        Ok(r) => r,
        Err(e) => return Check::from_error(CHECK, &e, "check HONEYCOMB_API_KEY"),
    };
    let a = match send_and_confirm(ctx, &settings, &reader, wait, &readback::quiet).await {
        Ok(a) => a,
        Err(e) => return Check::from_error(CHECK, &e, "o11y honeycomb test-span -v"),
    };
    if let Some(e) = a.failure() {
        return Check::from_error(CHECK, &e, "o11y honeycomb test-span");
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
