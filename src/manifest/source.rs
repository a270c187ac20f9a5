//! Where a key of the manifest is: `file:line`, for every error the backends' checks report.

use std::path::Path;

use toml::Spanned;

use crate::error::{Error, Result};

/// The manifest's text and its path.
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// Where the text came from when it is not the file's own: an environment's merged manifest
    /// (`o11y.toml [environments.prod]`), whose lines are not the file's.
    pub label: Option<&'a str>,
}

impl Source<'_> {
    /// `file:line` for a byte offset into the text.
    pub fn at(&self, offset: usize) -> String {
        if let Some(l) = self.label {
            return l.to_string();
        }
        let line = self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1;
        format!("{}:{line}", self.path.display())
    }

    /// A retention in days, as the Logs API's integer (anything larger is not a retention), with the
    /// `file:line: key` to put before an error about it.
    pub fn retention(&self, d: &Spanned<i64>, key: &str) -> Result<(i32, String)> {
        let days_at = format!("{}: {key}", self.at(d.span().start));
        let days = i32::try_from(*d.get_ref()).map_err(|_| {
            Error::usage(format!(
                "{days_at}: {} is not a retention CloudWatch Logs accepts",
                d.get_ref()
            ))
        })?;
        Ok((days, days_at))
    }

    /// `file:line: key` for a key path such as `honeycomb.triggers[0].frequency`: the line of that key, or of
    /// the nearest enclosing one the file has (a required key that is missing is reported at its table).
    pub fn key(&self, path: &str) -> String {
        let line_of = || -> Option<usize> {
            let root = toml::de::DeTable::parse(self.text).ok()?;
            let mut value = toml::de::DeValue::Table(root.into_inner());
            let mut at = None;
            for part in path.split('.') {
                let (name, indexes) = part.split_once('[').unwrap_or((part, ""));
                let Some(next) = value.get(name) else { break };
                at = Some(next.span().start);
                let mut next = next.get_ref().clone();
                for i in indexes.split('[').filter(|i| !i.is_empty()) {
                    let i: usize = i.trim_end_matches(']').parse().ok()?;
                    let Some(item) = next.get(i) else { break };
                    at = Some(item.span().start);
                    next = item.get_ref().clone();
                }
                value = next;
            }
            at
        };
        match line_of() {
            Some(offset) => format!("{}: {path}", self.at(offset)),
            None => format!(
                "{}: {path}",
                self.label
                    .map_or_else(|| self.path.display().to_string(), str::to_string)
            ),
        }
    }

    /// The folder relative paths in the manifest resolve from.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// A TOML error (unknown key, wrong type) as a usage error naming the file, the line and the line's text.
    pub fn toml_error(&self, e: &toml::de::Error) -> Error {
        let text = self.text;
        let (loc, line) = match e.span() {
            Some(s) => {
                let start = s.start.min(text.len());
                let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
                (
                    self.at(start),
                    text[from..]
                        .lines()
                        .next()
                        .map(str::trim)
                        .filter(|l| !l.is_empty()),
                )
            }
            None => (
                self.label
                    .map_or_else(|| self.path.display().to_string(), str::to_string),
                None,
            ),
        };
        let msg = e.message().trim().to_string();
        let shown = match line {
            Some(l) => format!("{loc}: {msg} (in `{l}`)"),
            None => format!("{loc}: {msg}"),
        };
        Error::usage(shown)
            .with_help("see the README's manifest section for the keys o11y.toml takes")
    }
}
