//! What every command gets: the output layer, the clock, the AWS configuration (built once, on first use)
//! and an HTTP client for the vendors' REST APIs. Commands take their dependencies from here, so tests reach
//! local servers through the same endpoint overrides users have.

use std::time::Duration;

use aws_config::SdkConfig;
use chrono::{DateTime, Utc};
use tokio::sync::OnceCell;

use crate::aws::{self, AwsArgs};
use crate::error::{Error, Result};
use crate::output::Output;

/// How many calls a command makes with one client: paging commands get more retry attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calls {
    Single,
    Paging,
}

impl Calls {
    fn attempts(self) -> u32 {
        match self {
            Calls::Single => aws::ATTEMPTS,
            Calls::Paging => aws::PAGING_ATTEMPTS,
        }
    }
}

/// An environment variable that is set and not blank (a blank key or token counts as not set).
pub fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The variables a run reads for the app's settings and the vendors' keys (`HONEYCOMB_API_KEY`, `OTEL_*`,
/// `ROLLBAR_ACCESS_TOKEN` ...): the process environment first, then the values added by the command (what
/// the manifest's secrets sink holds), so that `setup`, `doctor` and their test items work without the user
/// exporting anything. o11y's own knobs and the AWS SDK's variables are read from the process only.
#[derive(Debug, Default)]
pub struct Env {
    added: std::sync::RwLock<std::collections::BTreeMap<String, String>>,
}

impl Env {
    /// Set and not blank, from the process or else from the added values.
    pub fn var(&self, name: &str) -> Option<String> {
        env_var(name).or_else(|| {
            self.added
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .get(name)
                .filter(|v| !v.trim().is_empty())
                .cloned()
        })
    }

    /// As `std::env::var(name).ok()` (a blank value included), from the process or else the added values: for
    /// the OpenTelemetry settings, read exactly as the specification says.
    pub fn raw(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().or_else(|| {
            self.added
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .get(name)
                .cloned()
        })
    }

    /// Values below the process environment and below what was added before (the app's environment, after
    /// the sink's values).
    pub fn add_defaults(&self, values: impl IntoIterator<Item = (String, String)>) {
        let mut added = self.added.write().unwrap_or_else(|e| e.into_inner());
        for (k, v) in values {
            added.entry(k).or_insert(v);
        }
    }

    /// Values below the process environment: a variable the process sets still wins.
    pub fn add(&self, values: impl IntoIterator<Item = (String, String)>) {
        self.added
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .extend(values);
    }
}

/// This machine's name (Rollbar's `data.server.host`, the log stream `o11y-<hostname>`).
pub fn hostname() -> String {
    let from_file = std::fs::read_to_string("/proc/sys/kernel/hostname").ok();
    let name = from_file.or_else(|| {
        std::process::Command::new("hostname")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
    });
    name.map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

pub struct Context {
    pub out: Output,
    pub aws_args: AwsArgs,
    /// The app's and the vendors' variables: the process environment, then what the secrets sink holds.
    pub env: Env,
    /// "Now", read once per run so that every window of a command agrees.
    pub now: DateTime<Utc>,
    sdk: OnceCell<SdkConfig>,
    /// One HTTP client per run: building one loads the TLS roots (CPU work that would stall the other
    /// concurrent calls of doctor), and a shared client reuses connections.
    http: std::sync::OnceLock<reqwest::Client>,
    /// `--parallelism`: how many resources setup and doctor read or ensure at once.
    pub parallelism: usize,
    limit: std::sync::Arc<tokio::sync::Semaphore>,
}

/// Terraform's default: ten resources at once.
pub const DEFAULT_PARALLELISM: usize = 10;

impl Context {
    pub fn new(out: Output, aws_args: AwsArgs) -> Self {
        Context {
            out,
            aws_args,
            env: Env::default(),
            now: Utc::now(),
            sdk: OnceCell::new(),
            http: std::sync::OnceLock::new(),
            parallelism: DEFAULT_PARALLELISM,
            limit: std::sync::Arc::new(tokio::sync::Semaphore::new(DEFAULT_PARALLELISM)),
        }
    }

    /// A context for one run of several (an environment and region of `--env all`): its own AWS arguments,
    /// variables and limit, the same clock, HTTP client and output settings; `out` keeps what it writes when
    /// the runs are shown as sections.
    pub fn child(&self, out: Output, aws_args: AwsArgs) -> Self {
        let c = Context::new(out, aws_args).with_parallelism(self.parallelism);
        if let Some(h) = self.http.get() {
            let _ = c.http.set(h.clone());
        }
        Context { now: self.now, ..c }
    }

    /// At most `n` resources at once (`--parallelism N`, at least 1).
    pub fn with_parallelism(mut self, n: usize) -> Self {
        self.parallelism = n.max(1);
        self.limit = std::sync::Arc::new(tokio::sync::Semaphore::new(self.parallelism));
        self
    }

    /// Run `f` for every item, at most `parallelism` at once across the whole run (every `each` of a run
    /// shares one limit), and return the results in the items' order. `f` should be one resource's work (its
    /// read, compare and write): an `each` inside another's `f` would wait for a permit it holds.
    pub async fn each<T, F, Fut>(
        &self,
        items: impl IntoIterator<Item = T>,
        f: F,
    ) -> Vec<Fut::Output>
    where
        F: Fn(T) -> Fut,
        Fut: std::future::Future,
    {
        let limit = &self.limit;
        let runs = items.into_iter().map(|item| {
            let work = f(item);
            async move {
                // The semaphore is never closed, so a permit always comes.
                let _permit = limit.acquire().await.ok();
                work.await
            }
        });
        futures_util::future::join_all(runs).await
    }

    /// The AWS configuration, loaded on first use (region and credentials checked then).
    pub async fn sdk_config(&self) -> Result<&SdkConfig> {
        self.sdk
            .get_or_try_init(|| aws::load(&self.aws_args, self.out.verbose))
            .await
    }

    /// The run's region (`us-east-1`), from the configuration loaded on first use.
    pub async fn region(&self) -> Result<String> {
        Ok(self
            .sdk_config()
            .await?
            .region()
            .map(|r| r.to_string())
            .unwrap_or_default())
    }

    pub async fn xray(&self, calls: Calls) -> Result<aws_sdk_xray::Client> {
        let sdk = self.sdk_config().await?;
        let mut conf =
            aws_sdk_xray::config::Builder::from(sdk).retry_config(aws::retry(calls.attempts()));
        if self.out.verbose {
            conf = conf.interceptor(aws::VerboseCalls);
        }
        Ok(aws_sdk_xray::Client::from_conf(conf.build()))
    }

    pub async fn logs(&self, calls: Calls) -> Result<aws_sdk_cloudwatchlogs::Client> {
        let sdk = self.sdk_config().await?;
        let mut conf = aws_sdk_cloudwatchlogs::config::Builder::from(sdk)
            .retry_config(aws::retry(calls.attempts()));
        if self.out.verbose {
            conf = conf.interceptor(aws::VerboseCalls);
        }
        Ok(aws_sdk_cloudwatchlogs::Client::from_conf(conf.build()))
    }

    /// STS, for the account id (GetCallerIdentity). `AWS_ENDPOINT_URL_STS` is honoured by aws-config.
    pub async fn sts(&self) -> Result<aws_sdk_sts::Client> {
        let sdk = self.sdk_config().await?;
        let mut conf =
            aws_sdk_sts::config::Builder::from(sdk).retry_config(aws::retry(aws::ATTEMPTS));
        if self.out.verbose {
            conf = conf.interceptor(aws::VerboseCalls);
        }
        Ok(aws_sdk_sts::Client::from_conf(conf.build()))
    }

    /// The HTTP client for Honeycomb, Rollbar and OTLP (rustls, the same TLS stack as the AWS SDK).
    pub fn http(&self) -> Result<reqwest::Client> {
        if let Some(c) = self.http.get() {
            return Ok(c.clone());
        }
        let client = reqwest::Client::builder()
            .user_agent(concat!("o11y/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| Error::failed(format!("could not build the HTTP client: {e}")))?;
        Ok(self.http.get_or_init(|| client).clone())
    }
}

/// `--parallelism N`: a whole number from 1.
pub fn parse_parallelism(s: &str) -> std::result::Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "`{s}` is not a number of resources at once (a whole number from 1, default {DEFAULT_PARALLELISM})"
        )),
    }
}
