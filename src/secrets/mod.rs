//! The secrets sink: where a key or token that o11y creates goes (the API returns its value once), and where
//! the stored values are read back from. `sink.rs` is the sink the manifest's `[secrets]` declares, `dotenv.rs`
//! reads and writes a dotenv file the way docker compose and python-dotenv read it, `gitpod.rs` hands a value
//! to Gitpod's `gp env`. No value is ever printed: rows name the variable and where it went.

mod dotenv;
mod gitpod;
mod sink;

pub use sink::Sink;
