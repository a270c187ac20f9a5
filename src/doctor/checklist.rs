//! The checklist: one line per check (✓ ok, ✗ failed, ! warning), each problem with its fix, and how it is
//! rendered (a line each, or `-o json`). Every backend's checks (`aws.rs`, `xray.rs`, `logs.rs`,
//! `honeycomb.rs`, `rollbar.rs`, `security.rs`) are rows of this type.

use std::time::Duration;

use serde_json::{json, Value};

use crate::ensure::{Action, Outcome};
use crate::error::Error;
use crate::output::{Render, Style};
use crate::readback;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    Fail,
    Warn,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Fail => "fail",
            Status::Warn => "warn",
        }
    }
}

/// One line of the checklist.
#[derive(Debug, Clone)]
pub struct Check {
    pub check: String,
    pub status: Status,
    pub detail: String,
    pub fix: Option<String>,
    /// `--send-test` rows: how long the test item took to arrive.
    pub arrived_after_ms: Option<u64>,
}

impl Check {
    pub fn ok(check: impl Into<String>, detail: impl Into<String>) -> Self {
        Check {
            check: check.into(),
            status: Status::Ok,
            detail: detail.into(),
            fix: None,
            arrived_after_ms: None,
        }
    }
    pub fn fail(
        check: impl Into<String>,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Check::with_fix(Status::Fail, check.into(), detail.into(), fix.into())
    }
    pub fn warn(
        check: impl Into<String>,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Check::with_fix(Status::Warn, check.into(), detail.into(), fix.into())
    }
    fn with_fix(status: Status, check: String, detail: String, fix: String) -> Self {
        Check {
            check,
            status,
            detail,
            fix: Some(fix),
            arrived_after_ms: None,
        }
    }

    /// A manifest resource as setup's dry run found it: ok when it exists and matches; failed when it is
    /// missing, differs (naming what) or could not be read; the fix is `o11y setup`.
    pub fn from_outcome(o: Outcome) -> Self {
        let check = format!("{} {}", o.kind, o.name);
        match o.result {
            Ok(e) => match e.action {
                Action::Unchanged => Check::ok(check, "exists and matches the manifest"),
                Action::Created => Check::fail(check, "missing", "o11y setup"),
                Action::Updated => Check::fail(
                    check,
                    format!("differs: {}", e.changes_text()),
                    "o11y setup",
                ),
            },
            Err(e) => Check::from_error(check, &e, "o11y setup"),
        }
    }

    /// A `--send-test` row's delay, for `-o json`.
    pub fn arrived_after(mut self, ms: Option<u64>) -> Self {
        self.arrived_after_ms = ms;
        self
    }
    /// A failed check from an error: its message, and its help as the fix.
    pub fn from_error(check: impl Into<String>, e: &Error, fix: &str) -> Self {
        Check::fail(
            check,
            e.message.clone(),
            e.help.clone().unwrap_or_else(|| fix.to_string()),
        )
    }
}

pub struct Checklist(pub Vec<Check>);

/// A `--send-test` delay as people read it (`1.2 s`), and its milliseconds for `-o json`.
pub fn delay(d: Duration) -> (String, Option<u64>) {
    (crate::time::human(d), Some(readback::millis(d)))
}

impl Render for Checklist {
    fn json(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|c| {
                    let mut v = json!({"check": c.check, "status": c.status.as_str(), "detail": c.detail, "fix": c.fix});
                    if let Some(ms) = c.arrived_after_ms {
                        v["arrived_after_ms"] = json!(ms);
                    }
                    v
                })
                .collect(),
        )
    }

    fn text(&self, style: &Style) -> String {
        let width = self
            .0
            .iter()
            .map(|c| c.check.chars().count())
            .max()
            .unwrap_or(0);
        let mut s = String::new();
        for c in &self.0 {
            let mark = match c.status {
                Status::Ok => style.green("✓"),
                Status::Fail => style.red("✗"),
                Status::Warn => style.yellow("!"),
            };
            s.push_str(&format!("{mark} {:<width$}  {}\n", c.check, c.detail));
            if let Some(f) = &c.fix {
                s.push_str(&format!("  {} {f}\n", style.bold("fix:")));
            }
        }
        s
    }
}
