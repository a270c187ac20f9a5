//! The key and the API endpoint every Honeycomb command takes (`--api-key`, `--api-endpoint` and their
//! variables), checked before any call.

use crate::aws::check_url;
use crate::context::Env;
use crate::error::{Error, Result};

use super::api::HoneycombApi;
use super::key::{key_kind, KeyKind, Region};

pub const DEFAULT_ENDPOINT: &str = "https://api.honeycomb.io";

/// The key and the API endpoint, for every Honeycomb command.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Honeycomb options")]
pub struct Connection {
    /// Honeycomb API key (a configuration key; `whoami` also takes ingest and management keys; `test-span`
    /// uses it only to read the span back). Prefer the variable: a flag is visible to other users of the machine
    #[arg(
        long,
        global = true,
        env = "HONEYCOMB_API_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub api_key: Option<String>,

    /// Honeycomb API endpoint (EU: https://api.eu1.honeycomb.io)
    #[arg(
        long,
        global = true,
        env = "HONEYCOMB_API_ENDPOINT",
        default_value = DEFAULT_ENDPOINT,
        value_name = "URL"
    )]
    pub api_endpoint: String,
}

impl Connection {
    /// From the run's variables (HONEYCOMB_API_KEY, HONEYCOMB_API_ENDPOINT), for the commands that span
    /// every backend (doctor, deploy).
    pub fn from_env(env: &Env) -> Self {
        Connection {
            api_key: env.var("HONEYCOMB_API_KEY"),
            api_endpoint: env
                .var("HONEYCOMB_API_ENDPOINT")
                .unwrap_or_else(|| DEFAULT_ENDPOINT.into()),
        }
    }

    /// Everything that can be checked without a call: a key is set and has no stray whitespace, and the
    /// endpoint is an http(s) URL. Usage errors (exit 2). A key whose shape hints at the other region is not
    /// refused (Honeycomb documents no region in a key): the hint is kept for a warning and for a 401's help.
    pub fn connect(&self) -> Result<HoneycombApi> {
        let key = self.api_key.as_deref().unwrap_or_default();
        if key.is_empty() {
            return Err(Error::usage("no Honeycomb API key").with_help(
                "set HONEYCOMB_API_KEY (or pass --api-key) to a key of the environment: \
                 Honeycomb → Environment Settings → API Keys",
            ));
        }
        if key.trim() != key || key.chars().any(char::is_whitespace) {
            return Err(Error::usage("the Honeycomb API key contains whitespace").with_help(
                "set HONEYCOMB_API_KEY to the key alone (a stray space or newline is often pasted with it)",
            ));
        }
        let url = check_url("--api-endpoint", &self.api_endpoint)?;
        let kind = key_kind(key);
        let hint = region_hint(
            &kind,
            Region::of_host(url.host_str().unwrap_or_default()),
            "--api-endpoint (HONEYCOMB_API_ENDPOINT)",
        );
        let mut api = HoneycombApi::new(&self.api_endpoint, key, kind);
        api.region_hint = hint;
        Ok(api)
    }

    /// As [`Connection::connect`], for the commands that need a configuration key (datasets, markers): an
    /// ingest or management key is refused before any call, with the fix.
    pub fn connect_for_configuration(&self, what: &str) -> Result<HoneycombApi> {
        let api = self.connect()?;
        let refused = match &api.kind {
            KeyKind::Ingest { .. } => "an ingest key, which can only send events",
            KeyKind::Management { .. } => {
                "a management key, which manages API keys and environments only"
            }
            _ => return Ok(api),
        };
        Err(Error::usage(format!("{what} needs a configuration key; HONEYCOMB_API_KEY is {refused}"))
            .with_help(
                "use a configuration key of the environment (Honeycomb → Environment Settings → API Keys → \
                 Configuration); `o11y honeycomb whoami` shows what a key is",
            ))
    }
}

/// A guess, never a refusal: when an ingest key's third character reads as the other region's (`a` US, `b`
/// EU in the keys seen so far; Honeycomb documents that character only as one that "varies and is assigned
/// at key creation"), the sentence to warn with and to add to a 401's help. `None` when nothing hints at a
/// mismatch.
pub fn region_hint(kind: &KeyKind, endpoint: Option<Region>, setting: &str) -> Option<String> {
    let KeyKind::Ingest {
        key_id,
        region: Some(key_region),
        ..
    } = kind
    else {
        return None;
    };
    match endpoint {
        Some(r) if r != *key_region => Some(format!(
            "the ingest key {key_id} looks like a Honeycomb {} key (its third character) but the endpoint is \
             Honeycomb {}; if Honeycomb does not accept it, set {setting} to {}",
            key_region.name(),
            r.name(),
            key_region.api_endpoint()
        )),
        _ => None,
    }
}
