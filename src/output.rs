//! The one place where o11y writes: data to stdout (a table for people, JSON for scripts, DOT for Graphviz),
//! everything else (notes, warnings, verbose calls) to stderr. Colour only when the stream is a terminal
//! and neither `--no-color` nor `NO_COLOR` is set.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{self, IsTerminal, Write};

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};
use serde_json::Value;

use crate::error::{Error, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Dot,
}

/// ANSI styling that turns itself off when colour is not wanted.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    pub fn red(&self, s: &str) -> String {
        self.paint("31", s)
    }
    pub fn green(&self, s: &str) -> String {
        self.paint("32", s)
    }
    pub fn yellow(&self, s: &str) -> String {
        self.paint("33", s)
    }
    pub fn cyan(&self, s: &str) -> String {
        self.paint("36", s)
    }
}

/// What a command produces, rendered by [`Output::print`]. A renderer never calls the network.
pub trait Render {
    /// The `-o json` document.
    fn json(&self) -> Value;
    /// The text for people (usually a table from [`table`]), ending with a newline.
    fn text(&self, style: &Style) -> String;
    /// The `-o dot` document, for the commands that have one.
    fn dot(&self) -> Option<String> {
        None
    }
}

pub struct Output {
    pub format: Format,
    /// Styling for stdout.
    pub style: Style,
    /// Styling for stderr.
    pub err_style: Style,
    pub verbose: bool,
    /// Set when the run is one of several (`--env all`): what it writes is kept, to be printed as its section.
    capture: Option<std::sync::Arc<std::sync::Mutex<Captured>>>,
}

/// What one run of several wrote: its stdout and its stderr.
#[derive(Debug, Default, Clone)]
pub struct Captured {
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn new(format: Format, no_color: bool, verbose: bool) -> Self {
        let no_color = no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Output {
            format,
            style: Style {
                color: !no_color && io::stdout().is_terminal(),
            },
            err_style: Style {
                color: !no_color && io::stderr().is_terminal(),
            },
            verbose,
            capture: None,
        }
    }

    /// The same format and styling for one run of several, whose output is kept in `capture`.
    pub fn captured(&self, capture: std::sync::Arc<std::sync::Mutex<Captured>>) -> Self {
        Output {
            capture: Some(capture),
            ..self.same()
        }
    }

    /// The same format and styling, writing straight to the terminal.
    pub fn same(&self) -> Self {
        Output {
            format: self.format,
            style: self.style,
            err_style: self.err_style,
            verbose: self.verbose,
            capture: None,
        }
    }

    fn kept(&self, f: impl FnOnce(&mut Captured)) -> bool {
        match &self.capture {
            Some(c) => {
                f(&mut c.lock().unwrap_or_else(|e| e.into_inner()));
                true
            }
            None => false,
        }
    }

    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    /// Print a command's result in the chosen format.
    pub fn print(&self, r: &dyn Render) -> Result<()> {
        match self.format {
            Format::Json => {
                let mut s = serde_json::to_string_pretty(&r.json())
                    .map_err(|e| Error::failed(e.to_string()))?;
                s.push('\n');
                self.write(&s)
            }
            Format::Table => self.write(&r.text(&self.style)),
            Format::Dot => match r.dot() {
                Some(d) => self.write(&d),
                None => Err(Error::usage(
                    "`-o dot` is only for `o11y xray service-graph`",
                )),
            },
        }
    }

    /// One JSON object on its own line, flushed at once (NDJSON streams).
    pub fn json_line(&self, v: &impl serde::Serialize) -> Result<()> {
        let mut s = serde_json::to_string(v).map_err(|e| Error::failed(e.to_string()))?;
        s.push('\n');
        self.write(&s)
    }

    /// Raw text to stdout, flushed at once. A closed pipe becomes [`crate::error::Kind::BrokenPipe`].
    pub fn write(&self, s: &str) -> Result<()> {
        if self.kept(|c| c.stdout.push_str(s)) {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        out.write_all(s.as_bytes())?;
        out.flush()?;
        Ok(())
    }

    /// A note for people on stderr (progress, what was done); never data.
    pub fn note(&self, msg: &str) {
        if self.kept(|c| {
            c.stderr.push_str(msg);
            c.stderr.push('\n');
        }) {
            return;
        }
        let _ = writeln!(io::stderr().lock(), "{msg}");
    }

    /// A warning on stderr.
    pub fn warn(&self, msg: &str) {
        let w = self.err_style.yellow("warning");
        if self.kept(|c| c.stderr.push_str(&format!("o11y: {w}: {msg}\n"))) {
            return;
        }
        let _ = writeln!(io::stderr().lock(), "o11y: {w}: {msg}");
    }

    /// With `-v`: what is being called, on stderr. Callers never pass a secret.
    pub fn verbose(&self, msg: &str) {
        if self.verbose {
            verbose_line(msg);
        }
    }

    /// Whether stderr is a terminal (progress lines are shown only then).
    pub fn stderr_is_terminal(&self) -> bool {
        self.capture.is_none() && io::stderr().is_terminal()
    }

    /// A progress line on stderr that the next one replaces; `None` clears it. Callers show progress only
    /// when [`Output::stderr_is_terminal`].
    pub fn progress(&self, line: Option<&str>) {
        let mut e = io::stderr().lock();
        let _ = write!(e, "\r\x1b[K{}", line.unwrap_or_default());
        let _ = e.flush();
    }
}

/// The progress line of a command: shown on stderr only on a terminal, and cleared before anything else is
/// written.
pub struct ProgressLine<'a> {
    out: &'a Output,
    enabled: bool,
    shown: bool,
}

impl<'a> ProgressLine<'a> {
    pub fn new(out: &'a Output) -> Self {
        ProgressLine {
            out,
            enabled: out.stderr_is_terminal(),
            shown: false,
        }
    }

    /// Show `line()` in place of the previous one (the text is made only on a terminal).
    pub fn show(&mut self, line: impl FnOnce() -> String) {
        if self.enabled {
            self.out.progress(Some(&line()));
            self.shown = true;
        }
    }

    pub fn clear(&mut self) {
        if self.shown {
            self.out.progress(None);
            self.shown = false;
        }
    }
}

/// A borderless table like `gh`'s: bold headers on a terminal, numbers right-aligned by the caller's choice.
pub fn table<S: AsRef<str>>(
    style: &Style,
    headers: &[&str],
    rows: impl IntoIterator<Item = Vec<S>>,
    right_aligned: &[usize],
) -> String {
    let mut t = Table::new();
    t.load_style(presets::NOTHING);
    t.set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(headers.iter().map(|h| Cell::new(style.bold(h))));
    for row in rows {
        t.add_row(row.iter().map(|c| Cell::new(c.as_ref())));
    }
    for (i, col) in t.column_iter_mut().enumerate() {
        col.set_padding((0, 2));
        if right_aligned.contains(&i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut s: String = t
        .to_string()
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    s.push('\n');
    s
}

/// Format an optional value for a table cell (`-` when absent).
/// `name  value` lines, the names aligned (bold on a terminal): one result shown as its fields (whoami,
/// test-span, report, put).
pub fn fields<V: AsRef<str>>(style: &Style, rows: &[(&str, V)]) -> String {
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    rows.iter()
        .map(|(k, v)| {
            let pad = " ".repeat(width - k.chars().count());
            format!("{}{pad}  {}\n", style.bold(k), v.as_ref())
        })
        .collect()
}

pub fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "-".to_string())
}

/// One `-v` line on stderr (dimmed on a terminal). Used by [`Output::verbose`] and by the AWS call logger.
pub fn verbose_line(msg: &str) {
    let color =
        io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let style = Style { color };
    let _ = writeln!(
        io::stderr().lock(),
        "{}",
        style.dim(&format!("o11y: {msg}"))
    );
}
