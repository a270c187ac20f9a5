//! The X-Ray rows of doctor: the service answers, Transaction Search beyond "matches the manifest" (a
//! destination still PENDING, indexing above the free 1%), sampling-rule spend, the daemon's end of support,
//! and with `--send-test` one span sent and read back (as `xray test-span`).

use super::checklist::{delay, Check};
use crate::context::{Calls, Context};
use crate::ensure::{Action, Outcome};
use crate::error::Result;
use crate::manifest::Manifest;
use crate::readback::Wait;
use crate::time::human;
use crate::xray::api::{SamplingRule, XrayApi};
use crate::xray::search::{percent, FREE_PERCENTAGE};
use crate::xray::test_span::{daemon_address, send_and_confirm, Opts, DAEMON_ENV};

/// How many groups X-Ray lists: "X-Ray answers".
pub async fn answers(ctx: &Context) -> Result<usize> {
    Ok(XrayApi::new(ctx.xray(Calls::Paging).await?)
        .groups()
        .await?
        .len())
}

/// Beyond "matches the manifest": a destination still `PENDING`, and an indexing percentage above the free 1%.
pub fn transaction_search_checks(m: &Manifest, outcomes: &[Outcome]) -> Vec<Check> {
    let mut out = Vec::new();
    let Some(ts) = m.xray.transaction_search.as_ref().filter(|ts| ts.enabled) else {
        return out;
    };
    let pending = outcomes.iter().any(|o| {
        o.result.as_ref().is_ok_and(|e| {
            e.kind == "xray segment destination"
                && e.action == Action::Unchanged
                && e.resource["Status"] == "PENDING"
        })
    });
    if pending {
        out.push(Check::warn(
            "xray transaction search",
            "the trace segment destination is CloudWatchLogs but still PENDING",
            "wait a few minutes, then `o11y xray transaction-search` (or `o11y setup`, which waits for ACTIVE)",
        ));
    }
    if ts.indexing_percentage > FREE_PERCENTAGE {
        out.push(Check::warn(
            "spend: transaction search indexing",
            format!(
                "indexes {}% of spans; X-Ray indexes {}% for free and bills the rest",
                percent(ts.indexing_percentage),
                percent(FREE_PERCENTAGE)
            ),
            "lower indexing_percentage in [xray.transaction_search] to 1, then run `o11y setup`",
        ));
    }
    out
}

/// The X-Ray SDKs read AWS_XRAY_DAEMON_ADDRESS: an app that sets it sends through the daemon, which AWS no
/// longer develops.
pub fn daemon_checks() -> Vec<Check> {
    match std::env::var("AWS_XRAY_DAEMON_ADDRESS") {
        Ok(v) if !v.trim().is_empty() => vec![Check::warn(
            "xray daemon",
            format!("AWS_XRAY_DAEMON_ADDRESS is set ({}): the X-Ray SDKs and daemon are in maintenance since 2026-02-25 and unsupported from 2027-02-25", v.trim()),
            "send OpenTelemetry spans to X-Ray's OTLP endpoint (https://xray.<region>.amazonaws.com/v1/traces) with Transaction Search on: `o11y xray transaction-search --enable`",
        )],
        _ => Vec::new(),
    }
}

/// X-Ray's own `Default` rule: what a rule is compared with when the manifest has no other.
const DEFAULT_RATE: f64 = 0.05;
const DEFAULT_RESERVOIR: i64 = 1;

/// Warn on a sampling rule whose fixed rate or reservoir is far above the manifest's other rules (or, when it is
/// the only one, X-Ray's default of 5% after 1 request a second): a rate of 50% or more and over 5 times the
/// others' highest; a reservoir over 10 a second and over 10 times the others' highest.
pub fn rule_spend<'a>(rules: impl Iterator<Item = &'a SamplingRule> + Clone) -> Vec<Check> {
    let all: Vec<&SamplingRule> = rules.collect();
    let mut out = Vec::new();
    for r in &all {
        let others: Vec<&&SamplingRule> =
            all.iter().filter(|o| o.rule_name != r.rule_name).collect();
        let base_rate = others.iter().map(|o| o.fixed_rate).reduce(f64::max);
        let base_res = others.iter().map(|o| o.reservoir_size).max();
        let than = if others.is_empty() {
            "X-Ray's default"
        } else {
            "the manifest's other rules'"
        };
        let (base_rate, base_res) = (
            base_rate.unwrap_or(DEFAULT_RATE),
            base_res.unwrap_or(DEFAULT_RESERVOIR),
        );
        let check = format!("spend: sampling rule {}", r.rule_name);
        if r.fixed_rate >= 0.5 && r.fixed_rate > 5.0 * base_rate {
            out.push(Check::warn(
                check.clone(),
                format!(
                    "samples {}% of requests, over 5 times {than} {}%",
                    r.fixed_rate * 100.0,
                    base_rate * 100.0
                ),
                "lower FixedRate in the rule's file, then run `o11y setup`",
            ));
        }
        if r.reservoir_size > 10 && r.reservoir_size > 10 * base_res.max(1) {
            out.push(Check::warn(
                check,
                format!(
                    "reservoir of {} a second, over 10 times {than} {}",
                    r.reservoir_size, base_res
                ),
                "lower ReservoirSize in the rule's file, then run `o11y setup`",
            ));
        }
    }
    out
}

/// X-Ray: `xray test-span`'s span (or a daemon segment when AWS_XRAY_DAEMON_ADDRESS is set, as the app's
/// X-Ray SDK would send), read back.
pub async fn send_test(ctx: &Context, service: Option<String>, wait: Wait) -> Check {
    const CHECK: &str = "send-test xray";
    let daemon = match ctx
        .env
        .var(DAEMON_ENV)
        .map(|a| daemon_address(DAEMON_ENV, &a))
    {
        None => None,
        Some(Ok(a)) => Some(a),
        Some(Err(e)) => return Check::from_error(CHECK, &e, "fix AWS_XRAY_DAEMON_ADDRESS"),
    };
    let opts = Opts {
        service: ctx
            .env
            .var(crate::otlp::SERVICE_NAME)
            .or(service)
            .unwrap_or_else(|| "o11y-test-span".into()),
        timeout: wait.timeout,
        wait: true,
        daemon,
    };
    match send_and_confirm(ctx, &opts, &mut |_| {}).await {
        Err(e) => Check::from_error(CHECK, &e, "o11y xray test-span -v"),
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
                    human(wait.timeout),
                    a.last_seen
                ),
                "X-Ray can take a minute or more: try a longer --timeout; `o11y xray test-span` shows each step",
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::checklist::Status;

    fn rule(name: &str, rate: f64, reservoir: i64) -> SamplingRule {
        let mut r = crate::xray::rule_file::parse(include_str!("../../json/xray.json"))
            .unwrap()
            .rule;
        r.rule_name = name.into();
        r.fixed_rate = rate;
        r.reservoir_size = reservoir;
        r
    }

    #[test]
    fn a_rule_far_above_the_others_is_a_spend_warning() {
        let rules = [rule("a", 0.05, 1), rule("b", 1.0, 500), rule("c", 0.1, 5)];
        let w = rule_spend(rules.iter());
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w
            .iter()
            .all(|c| c.check == "spend: sampling rule b" && c.status == Status::Warn));
        assert!(rule_spend([rule("Cruddur", 0.1, 5)].iter()).is_empty());
        assert_eq!(rule_spend([rule("x", 0.9, 1)].iter()).len(), 1);
    }
}
