//! The layout rule of `src/`: no file imports a file that imports it back, directly or through others. A file
//! "imports" another when it names an item of it (`use crate::a::b::Item`, `super::Item`, a path in code) or
//! declares it (`mod b;`), so a `mod.rs` that dispatches to its commands must not be imported by them: what
//! they share lives in a file of its own beside them. Test modules (`#[cfg(test)] mod tests`) are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::repo_root;

/// Every file of `src/` by its module path (`""` for main.rs, `doctor` for doctor/mod.rs, `doctor::aws`).
fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut p = prefix.to_vec();
            p.push(name);
            modules(&path, &p, out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            let mut p = prefix.to_vec();
            if stem != "mod" && stem != "main" {
                p.push(stem.to_string());
            }
            out.insert(p.join("::"), std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// The text a file's own code is in: no test module, no comments.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            // `//` inside a string (a URL) is rare in paths; cutting there only hides the rest of the line.
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths of a use tree starting at `rest` (after `crate::`, `super::` or `self::`): `a::b`, `a::{b, c::d}`.
fn use_tree(rest: &str) -> Vec<String> {
    fn tree(s: &[u8], i: &mut usize, base: &str, out: &mut Vec<String>) {
        let mut path = base.to_string();
        loop {
            let start = *i;
            while *i < s.len() && (s[*i].is_ascii_alphanumeric() || s[*i] == b'_') {
                *i += 1;
            }
            let ident = std::str::from_utf8(&s[start..*i]).unwrap();
            if !ident.is_empty() {
                if ident == "self" {
                    // `a::{self, ..}` names `a` itself
                } else if path.is_empty() {
                    path = ident.to_string();
                } else {
                    path = format!("{path}::{ident}");
                }
            }
            let group = if s[*i..].starts_with(b"::{") {
                Some(3)
            } else if ident.is_empty() && s[*i..].starts_with(b"{") {
                Some(1) // right after `crate::` / `super::`
            } else {
                None
            };
            if let Some(skip) = group {
                *i += skip;
                loop {
                    while *i < s.len() && s[*i].is_ascii_whitespace() {
                        *i += 1;
                    }
                    if *i >= s.len() || s[*i] == b'}' {
                        *i += 1;
                        return;
                    }
                    tree(s, i, &path, out);
                    while *i < s.len() && (s[*i].is_ascii_whitespace() || s[*i] == b',') {
                        *i += 1;
                    }
                }
            } else if s[*i..].starts_with(b"::") {
                *i += 2;
                continue;
            }
            // ` as Name` and the rest of the tree item
            while *i < s.len() && !matches!(s[*i], b',' | b'}' | b';' | b'(' | b')' | b'\n') {
                *i += 1;
            }
            out.push(path);
            return;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    tree(rest.as_bytes(), &mut i, "", &mut out);
    out
}

/// The file a path names: the longest prefix that is a module file.
fn resolve<'a>(files: &'a BTreeMap<String, String>, path: &str) -> Option<&'a str> {
    let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    (0..=parts.len()).rev().find_map(|n| {
        let k = parts[..n].join("::");
        files.get_key_value(&k).map(|(k, _)| k.as_str())
    })
}

fn imports(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges = BTreeMap::new();
    for (module, text) in files {
        let text = code(text);
        let parent: Vec<&str> = module.split("::").filter(|p| !p.is_empty()).collect();
        let parent = parent[..parent.len().saturating_sub(1)].join("::");
        let mut to = BTreeSet::new();
        let mut add = |base: &str, rest: &str| {
            for p in use_tree(rest) {
                let full = match (base.is_empty(), p.is_empty()) {
                    (true, _) => p,
                    (false, true) => base.to_string(),
                    (false, false) => format!("{base}::{p}"),
                };
                if let Some(f) = resolve(files, &full) {
                    if f != module && !f.is_empty() {
                        to.insert(f.to_string());
                    }
                }
            }
        };
        for (at, _) in text.match_indices("crate::") {
            add("", &text[at + "crate::".len()..]);
        }
        for (at, _) in text.match_indices("super::") {
            let before = text[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue; // `super::super::`: the outer one is handled
            }
            let mut rest = &text[at + "super::".len()..];
            let mut base: Vec<&str> = parent.split("::").filter(|p| !p.is_empty()).collect();
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
            add(&base.join("::"), rest);
        }
        for line in text.lines() {
            let l = line.trim_start();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            if let Some(name) = l.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) {
                let child = if module.is_empty() {
                    name.to_string()
                } else {
                    format!("{module}::{name}")
                };
                if files.contains_key(&child) {
                    to.insert(child);
                }
            }
        }
        edges.insert(module.clone(), to);
    }
    edges
}

/// A cycle through `start`, if there is one (depth-first, shortest not guaranteed).
fn cycle_through(edges: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    fn walk(
        edges: &BTreeMap<String, BTreeSet<String>>,
        at: &str,
        start: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in &edges[at] {
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(edges, next, start, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_string()];
    walk(edges, start, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

fn shown(m: &str) -> String {
    if m.is_empty() {
        "main".into()
    } else {
        m.to_string()
    }
}

#[test]
fn no_file_of_src_imports_a_file_that_imports_it_back() {
    let mut files = BTreeMap::new();
    modules(&repo_root().join("src"), &[], &mut files);
    assert!(files.len() > 50, "{} files", files.len());
    let edges = imports(&files);
    // The reader itself: these are known imports, so a reader that finds nothing fails here.
    assert!(edges["doctor"].contains("doctor::checklist"));
    assert!(edges["doctor::honeycomb"].contains("doctor::checklist"));
    assert!(edges["xray::search"].contains("ensure"));
    assert!(edges["logs::live"].contains("logs::poll"));
    let cycles: Vec<String> = files
        .keys()
        .filter_map(|m| cycle_through(&edges, m))
        .map(|c| {
            let mut c: Vec<String> = c.iter().map(|m| shown(m)).collect();
            c.push(c[0].clone());
            c.join(" -> ")
        })
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_reader_finds_a_cycle_where_there_is_one() {
    let files: BTreeMap<String, String> = [
        ("", "mod a;\nmod b;\n"),
        ("a", "use crate::b::{self, Thing};\n"),
        ("b", "pub fn f() { super::a::g() }\n"),
        ("c", "use crate::a::{x::{y, z as w}};\n// use crate::b;\n"),
        ("d", "use super::{a, c};\n"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let edges = imports(&files);
    assert_eq!(edges["a"], BTreeSet::from(["b".to_string()]));
    assert_eq!(edges["b"], BTreeSet::from(["a".to_string()]));
    assert_eq!(edges["c"], BTreeSet::from(["a".to_string()]));
    assert_eq!(
        edges["d"],
        BTreeSet::from(["a".to_string(), "c".to_string()])
    );
    assert_eq!(cycle_through(&edges, "a").unwrap(), ["a", "b"]);
    assert!(cycle_through(&edges, "c").is_none());
}
