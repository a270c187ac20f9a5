//! The integration tests: one test binary with a module per area, so the dependency tree (the AWS SDK,
//! reqwest, moto's launcher) is linked once, not once per file (the layout of cargo's own test suite).
//! The fakes and the scrubbed command builder live in `tests/support/`.

#[path = "../support/mod.rs"]
mod support;

mod app_env;
mod cli;
mod completions;
mod deploy;
mod doctor;
mod environments;
mod export;
mod honeycomb;
mod honeycomb_setup;
mod init;
mod layout;
mod logs_groups;
mod logs_live;
mod logs_put;
mod logs_query;
mod logs_tail;
mod moto_harness;
mod otel;
mod otel_test;
mod rollbar;
mod rollbar_setup;
mod secrets;
mod setup;
mod setup_order;
mod xray_groups;
mod xray_sampling_rules;
mod xray_service_graph;
mod xray_test_span;
mod xray_traces;
mod xray_transaction_search;
mod zero_to_proven;
