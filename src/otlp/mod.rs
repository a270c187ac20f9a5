//! The app's OpenTelemetry settings and the OTLP wire, shared by every command that sends as the app does
//! (`otel`, `otel test`, both test spans, `logs put --otlp`, doctor). `settings.rs` reads the variables per
//! signal with the specification's meaning; `destination.rs` says what an endpoint is; `signing.rs` decides
//! how the app authenticates, as AWS's Python distro decides; `traces.rs`, `logs.rs` and `metrics.rs` build one
//! test item each from the `opentelemetry-proto` types, with `common.rs` for what they share; `send.rs` posts
//! one request (gzip, SigV4). This file only lists them, and names the variables other rooms read.

pub mod common;
pub mod destination;
pub mod logs;
pub mod metrics;
pub mod send;
pub mod settings;
pub mod signing;
pub mod traces;

pub use settings::{
    ENDPOINT, HEADERS, RESOURCE_ATTRIBUTES, SERVICE_NAME, TRACES_ENDPOINT, TRACES_HEADERS,
};
