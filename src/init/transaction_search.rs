//! Transaction Search in `o11y init`: when segments go to CloudWatch Logs, `[xray.transaction_search]` with the
//! `Default` indexing rule's percentage and the retention of `aws/spans`, read as `o11y xray
//! transaction-search` reads them (`search::State`). When they go to X-Ray (Transaction Search off, every
//! account's start) the section is left out: without it `setup` leaves the destination alone. A part that
//! `setup` would still change (no resource policy that grants X-Ray the access, an indexing rule that is
//! not probabilistic) is said in a note.

use super::found::{comment, number, Found};
use crate::context::{Calls, Context};
use crate::error::Result;
use crate::logs::create_group::RETENTION_DAYS;
use crate::xray::search::{self, State, POLICY_NAME, SPANS_GROUP};

pub const KIND: &str = "xray transaction search";

pub async fn read(ctx: &Context) -> Result<Found> {
    let apis = search::Apis::new(ctx, Calls::Paging).await?;
    Ok(found(&State::read(&apis).await?))
}

/// The manifest's part for this state.
pub fn found(state: &State) -> Found {
    let mut found = Found::default();
    let d = &state.destination;
    if !d.is_cloudwatch_logs() {
        found.skip(
            KIND,
            &d.destination,
            "Transaction Search is off (segments go to X-Ray), so the manifest has no [xray.transaction_search] and setup leaves it off",
        );
        return found;
    }
    let mut lines = comment(&format!(
        "X-Ray Transaction Search: segments go to CloudWatch Logs ({}, {}); {} indexed as trace summaries.",
        SPANS_GROUP,
        if d.status.is_empty() { "-" } else { &d.status },
        state
            .indexing
            .as_ref()
            .and_then(|r| r.desired())
            .map_or("a share".to_string(), |p| format!("{}%", number(p)))
    ));
    lines.push_str("[xray.transaction_search]\nenabled = true\n");
    match state.indexing.as_ref().and_then(|r| r.desired()) {
        Some(p) if search::check_percentage(p).is_ok() => {
            lines.push_str(&format!("indexing_percentage = {}\n", number(p)));
        }
        other => found.notes.push(format!(
            "Transaction Search: the Default indexing rule {}; the manifest says the default ({}%), which setup will set",
            match other {
                Some(p) => format!("wants {p}%, which is not a percentage"),
                None => "has no probabilistic percentage".to_string(),
            },
            number(search::FREE_PERCENTAGE)
        )),
    }
    match state.spans.as_ref().map(|g| g.retention_in_days) {
        Some(Some(days)) if RETENTION_DAYS.contains(&days) => {
            lines.push_str(&format!("spans_retention_days = {days}\n"));
        }
        Some(Some(days)) => found.notes.push(format!(
            "Transaction Search: {SPANS_GROUP} keeps its events {days} days, which CloudWatch Logs no longer offers; spans_retention_days is left out (setup leaves it as it is)"
        )),
        Some(None) => lines.push_str(&comment(&format!(
            "{SPANS_GROUP} keeps its events for ever: add spans_retention_days to limit it."
        ))),
        None => {}
    }
    if state.policy.is_none() {
        found.notes.push(format!(
            "Transaction Search is on but no CloudWatch Logs resource policy grants X-Ray logs:PutLogEvents on {SPANS_GROUP}: `o11y setup` will create {POLICY_NAME}"
        ));
    }
    lines.push('\n');
    found.toml = lines;
    found.resource(KIND, &d.destination);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::api::{LogGroup, ResourcePolicy};
    use crate::xray::api::{IndexingRule, IndexingRuleValue, Probabilistic, SegmentDestination};

    fn state(destination: &str, desired: Option<f64>, retention: Option<Option<i32>>) -> State {
        State {
            destination: SegmentDestination {
                destination: destination.into(),
                status: "ACTIVE".into(),
            },
            indexing: Some(IndexingRule {
                name: "Default".into(),
                modified_at: None,
                rule: IndexingRuleValue {
                    probabilistic: desired.map(|d| Probabilistic {
                        desired_sampling_percentage: d,
                        actual_sampling_percentage: None,
                    }),
                },
            }),
            policy: Some(ResourcePolicy {
                policy_name: "mine".into(),
                policy_document: "{}".into(),
                last_updated_time: None,
            }),
            spans: retention.map(|r| LogGroup {
                log_group_name: SPANS_GROUP.into(),
                retention_in_days: r,
                stored_bytes: None,
                creation_time: None,
                arn: None,
            }),
        }
    }

    #[test]
    fn on_writes_the_section_that_reads_back_as_the_same_spec() {
        let f = found(&state("CloudWatchLogs", Some(2.5), Some(Some(30))));
        let m = crate::manifest::parse(&f.toml, std::path::Path::new("o11y.toml")).unwrap();
        assert_eq!(
            m.xray.transaction_search,
            Some(search::Spec {
                enabled: true,
                indexing_percentage: 2.5,
                spans_retention_days: Some(30)
            })
        );
        assert!(f.notes.is_empty(), "{:?}", f.notes);
        assert_eq!(f.resources.len(), 1);
    }

    #[test]
    fn off_writes_nothing_and_says_why_and_gaps_are_noted() {
        let f = found(&state("XRay", Some(1.0), None));
        assert!(f.toml.is_empty() && f.resources.is_empty());
        assert!(f.skipped[0].reason.contains("Transaction Search is off"));
        let mut s = state("CloudWatchLogs", None, Some(None));
        s.policy = None;
        let f = found(&s);
        assert!(f.toml.contains("keeps its events for ever"), "{}", f.toml);
        assert!(!f.toml.contains("indexing_percentage"), "{}", f.toml);
        assert_eq!(f.notes.len(), 2, "{:?}", f.notes);
        assert!(f.notes[1].contains("will create o11y-xray-transaction-search"));
    }
}
