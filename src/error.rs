//! The one error type of o11y: what failed, an optional `help:` line, and the exit code of the contract.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success (also when stdout is closed early by a reader such as `head`) |
//! | 1 | the operation failed: an API error, a network error, a failed check |
//! | 2 | bad usage or bad input, detected before any network call |
//! | 130 | interrupted (Ctrl-C) |

use std::fmt;
use std::io::{self, IsTerminal, Write};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad usage or bad input, found before any network call (exit 2).
    Usage,
    /// The operation failed: API, network, a failed check (exit 1).
    Failed,
    /// Ctrl-C (exit 130).
    Interrupted,
    /// stdout was closed by its reader: end quietly (exit 0).
    BrokenPipe,
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    pub help: Option<String>,
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error {
            kind: Kind::Usage,
            message: message.into(),
            help: None,
        }
    }

    pub fn failed(message: impl Into<String>) -> Self {
        Error {
            kind: Kind::Failed,
            message: message.into(),
            help: None,
        }
    }

    pub fn interrupted() -> Self {
        Error {
            kind: Kind::Interrupted,
            message: "interrupted".into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Prefix the message with where it happened (a file, a resource).
    pub fn context(mut self, what: impl fmt::Display) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }

    pub fn exit_code(&self) -> u8 {
        match self.kind {
            Kind::Usage => 2,
            Kind::Failed => 1,
            Kind::Interrupted => 130,
            Kind::BrokenPipe => 0,
        }
    }

    /// Print `o11y: error: ...` and `help: ...` to stderr. A closed pipe prints nothing.
    pub fn report(&self, color: bool) {
        if self.kind == Kind::BrokenPipe {
            return;
        }
        let text = self.render(color && io::stderr().is_terminal());
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }

    /// The `o11y: error: ...` and `help: ...` lines (coloured with `color`), as [`Error::report`] prints them.
    pub fn render(&self, color: bool) -> String {
        let (err, help) = if color {
            ("\x1b[1;31merror\x1b[0m", "\x1b[1;36mhelp\x1b[0m")
        } else {
            ("error", "help")
        };
        let mut s = format!("o11y: {err}: {}\n", self.message);
        if let Some(h) = &self.help {
            s.push_str(&format!("{help}: {h}\n"));
        }
        s
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Error {
                kind: Kind::BrokenPipe,
                message: "broken pipe".into(),
                help: None,
            }
        } else {
            Error::failed(e.to_string())
        }
    }
}

/// The full chain of an error's sources, joined, for messages that must say what really went wrong.
pub fn source_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cur = s.source();
    }
    out
}
