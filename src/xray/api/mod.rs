//! A thin wrapper over the X-Ray SDK client: every page followed, results as o11y's own types (serialised
//! with the service's field names), errors translated. It never prints.
//!
//! One file per area of the API: `control` (groups, sampling rules), `reads` (the service graph, trace
//! summaries, traces), `transaction_search` (the trace segment destination, indexing rules, retrievals).

mod control;
mod reads;
mod transaction_search;

pub use control::*;
pub use reads::*;
pub use transaction_search::*;

use aws_sdk_xray::Client;

pub struct XrayApi {
    client: Client,
}

impl XrayApi {
    pub fn new(client: Client) -> Self {
        XrayApi { client }
    }
}

/// The token of the next page, or `None` on the last one (an empty token also ends the list).
fn next_token(t: Option<&str>) -> Option<String> {
    t.filter(|t| !t.is_empty()).map(str::to_string)
}

fn rfc3339(t: Option<&aws_sdk_xray::primitives::DateTime>) -> Option<String> {
    t.and_then(|t| {
        t.fmt(aws_sdk_xray::primitives::DateTimeFormat::DateTime)
            .ok()
    })
}
