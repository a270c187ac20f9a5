//! The Honeycomb provisioning rows of doctor: every resource of `[honeycomb]` exists and matches (setup's
//! own dry run; without a management key, the environment and keys as the stored keys show them with
//! `GET /1/auth`), and a warning when the management key is in the secrets file the app loads.

use super::checklist::Check;
use crate::context::Context;
use crate::honeycomb::management::{KEY_ID_VAR, KEY_SECRET_VAR};
use crate::manifest::honeycomb::Honeycomb;
use crate::secrets::Sink;

pub async fn checks(ctx: &Context, hc: Option<&Honeycomb>, sink: &Sink) -> Vec<Check> {
    let mut out: Vec<Check> = management_key_in_sink(sink).into_iter().collect();
    let Some(hc) = hc.filter(|h| h.resource_count() > 0) else {
        return out;
    };
    let outcomes = crate::honeycomb::setup::verify(ctx, hc, sink).await;
    out.extend(outcomes.into_iter().map(Check::from_outcome));
    out
}

/// The management key manages every environment and key of the team: it belongs in the shell or CI of
/// whoever provisions, not in the file the app loads (and ships with).
fn management_key_in_sink(sink: &Sink) -> Option<Check> {
    let file = sink.file_name()?;
    let found: Vec<&str> = [KEY_ID_VAR, KEY_SECRET_VAR]
        .into_iter()
        .filter(|v| sink.get(v).is_some())
        .collect();
    if found.is_empty() {
        return None;
    }
    Some(Check::warn(
        "security: honeycomb management key",
        format!(
            "{} {} in `{file}`, which the app loads: a management key creates and changes the keys and \
             environments of the whole team, and must not ship with the app",
            found.join(" and "),
            if found.len() == 1 { "is" } else { "are" }
        ),
        format!(
            "remove {} from {file}; keep the management key in your shell or CI's secrets",
            found.join(" and ")
        ),
    ))
}
