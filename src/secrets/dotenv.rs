//! A dotenv file (`.env`) as docker compose (compose-go) and python-dotenv read it: `NAME=value` lines,
//! `export ` ignored, `#` comments, single- and double-quoted values. o11y rewrites only the lines of the
//! names it stores and keeps every other line as it is.

use std::collections::BTreeMap;

/// The values a dotenv text defines (later lines win, as both readers do).
pub fn parse(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let (entry, used) = entry_at(&lines[i..]);
        i += used;
        if let Some((k, v)) = entry {
            out.insert(k, v);
        }
    }
    out
}

/// The entry starting at `lines[0]` (if the line is one) and how many lines it takes (a quoted value may
/// span lines).
fn entry_at(lines: &[&str]) -> (Option<(String, String)>, usize) {
    let line = lines[0].trim_start();
    if line.is_empty() || line.starts_with('#') {
        return (None, 1);
    }
    let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
    let Some((key, rest)) = line.split_once('=') else {
        return (None, 1);
    };
    let key = key.trim();
    if key.is_empty() || key.contains(char::is_whitespace) {
        return (None, 1);
    }
    let rest = rest.trim_start();
    let quote = match rest.chars().next() {
        Some(q @ ('\'' | '"')) => q,
        _ => {
            // Unquoted: to the end of the line; a `#` after whitespace starts a comment.
            let mut v = rest;
            if let Some(at) = rest
                .char_indices()
                .find(|&(i, c)| c == '#' && i > 0 && rest[..i].ends_with(char::is_whitespace))
                .map(|(i, _)| i)
            {
                v = &rest[..at];
            }
            return (Some((key.to_string(), v.trim_end().to_string())), 1);
        }
    };
    // Quoted: until the closing quote, possibly on a later line.
    let mut body = rest[1..].to_string();
    let mut used = 1;
    loop {
        if let Some(end) = closing(&body, quote) {
            let raw = &body[..end];
            return (Some((key.to_string(), unescape(raw, quote))), used);
        }
        if used >= lines.len() {
            return (None, used); // unterminated: both readers refuse it; o11y ignores it
        }
        body.push('\n');
        body.push_str(lines[used]);
        used += 1;
    }
}

/// Where the closing `quote` is (a backslash escapes the next character).
fn closing(s: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == quote => return Some(i),
            _ => {}
        }
    }
    None
}

fn unescape(raw: &str, quote: char) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match (quote, chars.next()) {
            ('\'', Some(n @ ('\\' | '\''))) => out.push(n),
            ('"', Some('n')) => out.push('\n'),
            ('"', Some('t')) => out.push('\t'),
            ('"', Some('r')) => out.push('\r'),
            ('"', Some(n @ ('\\' | '\'' | '"' | '$'))) => out.push(n),
            (_, Some(n)) => {
                out.push('\\');
                out.push(n);
            }
            (_, None) => out.push('\\'),
        }
    }
    out
}

/// `NAME=value`, quoted where the readers need it, or why the value cannot be written so that docker compose
/// and python-dotenv both read it back unchanged.
pub fn line(name: &str, value: &str) -> Result<String, &'static str> {
    if value.contains(['\n', '\r']) {
        return Err("it spans lines");
    }
    if value.contains('$') {
        // compose expands `$X` outside single quotes, python-dotenv expands `${X}` even inside them.
        return Err("it contains `$`, which docker compose or python-dotenv would expand");
    }
    if value.contains('\\') {
        return Err("it contains a backslash, which the readers decode differently");
    }
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.:/+=@%,".contains(c));
    if plain {
        Ok(format!("{name}={value}"))
    } else {
        Ok(format!("{name}='{}'", value.replace('\'', "\\'")))
    }
}

/// `text` with `name` set to `line`: the line that defines `name` is replaced (a later duplicate is removed,
/// so the file says it once), or the line is appended. Every other line is kept as it is.
pub fn set(text: &str, name: &str, new_line: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + 1);
    let mut done = false;
    let mut i = 0;
    while i < lines.len() {
        let (entry, used) = entry_at(&lines[i..]);
        if entry.as_ref().is_some_and(|(k, _)| k == name) {
            if !done {
                out.push(new_line.to_string());
                done = true;
            }
        } else {
            out.extend(lines[i..i + used].iter().map(|l| l.to_string()));
        }
        i += used;
    }
    if !done {
        out.push(new_line.to_string());
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_as_compose_and_python_dotenv_do() {
        let text = "# comment\nexport A=1\nB = two words # note\nC='it\\'s'\nD=\"x\\ny\"\nE=a#b\nF=\nG='multi\nline'\nnot a line\nA=3\n";
        let v = parse(text);
        assert_eq!(v["A"], "3");
        assert_eq!(v["B"], "two words");
        assert_eq!(v["C"], "it's");
        assert_eq!(v["D"], "x\ny");
        assert_eq!(v["E"], "a#b");
        assert_eq!(v["F"], "");
        assert_eq!(v["G"], "multi\nline");
        assert_eq!(v.len(), 7);
    }

    #[test]
    fn writes_keys_unquoted_and_the_rest_quoted_and_refuses_what_the_readers_disagree_on() {
        assert_eq!(
            line("HONEYCOMB_API_KEY", "hcxik_01abc").unwrap(),
            "HONEYCOMB_API_KEY=hcxik_01abc"
        );
        assert_eq!(line("X", "a b").unwrap(), "X='a b'");
        assert_eq!(line("X", "it's #1").unwrap(), "X='it\\'s #1'");
        assert_eq!(line("X", "").unwrap(), "X=''");
        assert!(line("X", "a${B}").is_err());
        assert!(line("X", "a\nb").is_err());
        assert!(line("X", "a\\b").is_err());
        for v in ["hcxik_01abc", "a b", "it's #1", ""] {
            let l = line("X", v).unwrap();
            assert_eq!(parse(&l)["X"], v, "{l}");
        }
    }

    #[test]
    fn set_replaces_the_names_line_keeps_the_others_and_appends_when_new() {
        let text = "# mine\nOTHER=1\nKEY=old\n\nexport KEY=dup\nLAST='a\nb'\n";
        let s = set(text, "KEY", "KEY=new");
        assert_eq!(s, "# mine\nOTHER=1\nKEY=new\n\nLAST='a\nb'\n");
        let s = set("OTHER=1", "NEW", "NEW=v");
        assert_eq!(s, "OTHER=1\nNEW=v\n");
        assert_eq!(set("", "K", "K=v"), "K=v\n");
    }
}
