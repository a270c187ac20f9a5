//! What one backend of `o11y init` found: its part of the manifest (TOML with comments), the files that go
//! beside it (sampling rules under `json/`), one row per resource, and what it left out and why. Each
//! backend's file fills one; `mod.rs` only orders, writes and renders them.

use serde::Serialize;

/// One backend's part of the new manifest.
#[derive(Debug, Default)]
pub struct Found {
    /// Its sections of `o11y.toml`, each ending with a blank line (empty when it found nothing).
    pub toml: String,
    /// Files that go beside the manifest (relative to its folder), e.g. `json/Cruddur.json`.
    pub files: Vec<NewFile>,
    pub resources: Vec<Resource>,
    /// What exists but the manifest cannot hold, or should not (AWS's own resources), each with why.
    pub skipped: Vec<Skipped>,
    /// What a reader should know: a part that `setup` will still change, a value that could not be read.
    pub notes: Vec<String>,
}

/// A file to write beside the manifest, and what is there now.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFile {
    /// Relative to the manifest's folder, with `/` (as the manifest names it).
    pub path: String,
    pub contents: String,
    pub existing: Existing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// No file there: it is written.
    Absent,
    /// A file that already says the same (perhaps formatted otherwise): kept as it is.
    Same,
    /// A file that says something else: replaced only with `--force`.
    Different,
}

/// A resource the manifest now describes, and the file that holds it (the manifest, or a rule file).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resource {
    pub kind: &'static str,
    pub name: String,
    pub file: String,
}

/// Something that exists but is not in the manifest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub kind: &'static str,
    pub name: String,
    pub reason: String,
}

impl Found {
    pub fn skip(&mut self, kind: &'static str, name: &str, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            kind,
            name: name.to_string(),
            reason: reason.into(),
        });
    }

    /// A resource held by the manifest itself.
    pub fn resource(&mut self, kind: &'static str, name: &str) {
        self.resources.push(Resource {
            kind,
            name: name.to_string(),
            file: String::new(),
        });
    }
}

/// A TOML string on one line, as a person would write it: `"cruddur"`; a literal string where the text has
/// double quotes or backslashes (`'service("backend-flask")'`, as the Cruddur manifest writes it); escapes
/// only where neither reads (`"say \"it's\""`).
pub fn quote(s: &str) -> String {
    let control = s.chars().any(char::is_control);
    if !control && !s.contains(['"', '\\']) {
        return format!("\"{s}\"");
    }
    if !control && !s.contains('\'') {
        return format!("'{s}'");
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML number for a percentage: `1` for 1.0, `2.5`, `0.1` (the shortest form that reads back equal).
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// `# text` lines for a comment (one per line of `text`).
pub fn comment(text: &str) -> String {
    text.lines().map(|l| format!("# {l}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_written() {
        for s in [
            r#"service("backend-flask")"#,
            "it's",
            r#"a"b'c"#,
            "back\\slash",
            "tab\there",
        ] {
            let text = format!("v = {}\n", quote(s));
            let v: toml::Table = toml::from_str(&text).unwrap();
            assert_eq!(v["v"].as_str(), Some(s), "{text}");
        }
        for x in [1.0, 0.0, 2.5, 0.1, 33.333333333333336, 100.0, 0.0001] {
            let text = format!("v = {}\n", number(x));
            let v: toml::Table = toml::from_str(&text).unwrap();
            let back = v["v"].as_float().or(v["v"].as_integer().map(|i| i as f64));
            assert_eq!(back, Some(x), "{text}");
        }
        assert_eq!(number(1.0), "1");
        assert_eq!(quote("cruddur"), "\"cruddur\"");
        assert_eq!(quote(r#"service("x")"#), r#"'service("x")'"#);
        assert_eq!(quote(r#"a "b's""#), r#""a \"b's\"""#);
        assert_eq!(comment("a\nb"), "# a\n# b\n");
    }
}
