//! A thin wrapper over the X-Ray SDK client: every page followed, results as o11y's own types (serialised
//! with the service's field names), errors translated. It never prints.
//!
//! One file per area of the API: `control` (groups, sampling rules), `reads` (the service graph, trace
//! summaries, traces), `transaction_search` (the trace segment destination, indexing rules, retrievals);
//! `client` holds the client they share. This file only re-exports them.

mod client;
mod control;
mod reads;
mod transaction_search;

pub use client::XrayApi;
pub use control::*;
pub use reads::*;
pub use transaction_search::*;
