//! The manifest (`o11y.toml`): the whole observability setup of an app, applied by `o11y setup` and checked
//! by `o11y doctor`. Every problem (unknown keys, wrong types, missing files, invalid values by the same rules
//! as the single commands) is a usage error naming the file, the line and the key, found before any request.
//!
//! One file per backend: `xray.rs`, `logs.rs`, `honeycomb.rs`, `rollbar.rs` each hold their section's keys,
//! its checks and (for the vendors) whether a run uses the backend at all (`configured`). `source.rs` names
//! a key's file and line. A new backend adds its file and one field here; it does not grow the others.

pub mod app_env;
pub mod configured;
pub mod environments;
pub mod honeycomb;
pub mod logs;
pub mod rollbar;
pub mod rollbar_rules;
pub mod secrets;
mod source;
pub mod xray;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use source::Source;

pub const DEFAULT_FILE: &str = "o11y.toml";

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    xray: xray::Raw,
    #[serde(default)]
    logs: logs::Raw,
    honeycomb: Option<honeycomb::Honeycomb>,
    rollbar: Option<rollbar::Raw>,
    secrets: Option<secrets::Raw>,
    #[serde(default)]
    environments: toml::Table,
}

/// A checked manifest.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    pub path: PathBuf,
    pub xray: xray::Xray,
    pub logs: logs::Logs,
    pub honeycomb: Option<honeycomb::Honeycomb>,
    pub rollbar: Option<rollbar::Rollbar>,
    /// `[secrets]`: where created keys go, and where stored ones are read back from.
    pub secrets: Option<secrets::Secrets>,
    /// `[environments.NAME]`, in name order (empty: the manifest is one environment).
    pub environments: Vec<environments::Environment>,
    /// Each environment's whole manifest (the shared part with its overrides, checked when the file was
    /// read), in the order of `environments`.
    merged: Vec<Manifest>,
    /// The environment this manifest is (its overrides merged in), when it is one.
    pub environment: Option<String>,
}

impl Manifest {
    pub fn needs_xray(&self) -> bool {
        !self.xray.is_empty()
    }

    /// CloudWatch Logs: the manifest's log groups, and Transaction Search (its resource policy and `aws/spans`).
    pub fn needs_logs(&self) -> bool {
        !self.logs.groups.is_empty() || self.xray.transaction_search.is_some()
    }

    /// Transaction Search counts as one resource, as do a Honeycomb environment and each log stream.
    pub fn resource_count(&self) -> usize {
        self.xray.resource_count()
            + self.logs.groups.len()
            + self.logs.streams.len()
            + self
                .honeycomb
                .as_ref()
                .map_or(0, honeycomb::Honeycomb::resource_count)
            + self
                .rollbar
                .as_ref()
                .map_or(0, rollbar::Rollbar::resource_count)
    }

    /// The folder relative paths of the manifest (rule files, the secrets file) resolve from.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// The names `setup --rotate NAME` takes: the keys and tokens o11y creates and stores.
    pub fn rotatable(&self) -> Vec<&str> {
        let mut names = Vec::new();
        if let Some(h) = &self.honeycomb {
            names.extend(h.api_keys.iter().map(|k| k.name.as_str()));
        }
        names.extend(self.rollbar.iter().flat_map(rollbar::Rollbar::token_names));
        names
    }
}

/// Read and check the manifest at `path`.
pub fn load(path: &Path) -> Result<Manifest> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let err = Error::usage(format!(
            "cannot read the manifest `{}`: {e}",
            path.display()
        ));
        if e.kind() == std::io::ErrorKind::NotFound {
            err.with_help(
                "create o11y.toml (see the README's quick start), or name another with `--file`",
            )
        } else {
            err
        }
    })?;
    parse(&text, path)
}

/// The manifest named by `--file`, else `o11y.toml` when there is one here, else none.
pub fn find(file: Option<&Path>) -> Result<Option<Manifest>> {
    match file {
        Some(f) => Ok(Some(load(f)?)),
        None if Path::new(DEFAULT_FILE).exists() => Ok(Some(load(Path::new(DEFAULT_FILE))?)),
        None => Ok(None),
    }
}

/// Check the manifest text; `path` names the file in errors and anchors relative rule-file paths. Every
/// environment is checked too (its overrides merged into the shared part), so that a mistake in any of them
/// is found before any request.
pub fn parse(text: &str, path: &Path) -> Result<Manifest> {
    let src = Source {
        path,
        text,
        label: None,
    };
    let mut raw: Raw = toml::from_str(text).map_err(|e| src.toml_error(&e))?;
    let envs = std::mem::take(&mut raw.environments);
    let mut m = check(raw, &src)?;
    if !envs.is_empty() {
        let mut shared: toml::Table = toml::from_str(text).map_err(|e| src.toml_error(&e))?;
        shared.remove("environments");
        let checked = environments::check(envs, &src)?;
        m.merged = checked
            .iter()
            .map(|e| merged(&shared, e, path))
            .collect::<Result<_>>()?;
        m.environments = checked;
    }
    Ok(m)
}

/// The manifest of environment `e`: the shared part with its overrides, checked by the same rules (an error
/// names `o11y.toml [environments.NAME]` and the key).
fn merged(shared: &toml::Table, e: &environments::Environment, path: &Path) -> Result<Manifest> {
    let name = &e.name;
    let text = toml::to_string(&environments::merge(shared, &e.overrides))
        .map_err(|err| Error::failed(format!("environment `{name}`: {err}")))?;
    let label = format!("{} [environments.{name}]", path.display());
    let src = Source {
        path,
        text: &text,
        label: Some(&label),
    };
    let raw: Raw = toml::from_str(&text).map_err(|err| src.toml_error(&err))?;
    let mut m = check(raw, &src)?;
    m.environment = Some(name.clone());
    Ok(m)
}

impl Manifest {
    /// The manifest of one environment (merged and checked when the file was read).
    pub fn for_environment(&self, name: &str) -> Result<Manifest> {
        match self.environments.iter().position(|e| e.name == name) {
            Some(i) => Ok(self.merged[i].clone()),
            None => Err(self.unknown_environment(name)),
        }
    }

    /// The usage error for `--env NAME` naming no environment of the manifest.
    pub fn unknown_environment(&self, name: &str) -> Error {
        let names: Vec<&str> = self.environments.iter().map(|e| e.name.as_str()).collect();
        match names.is_empty() {
            true => Error::usage(format!(
                "--env {name}: {} defines no environments",
                self.path.display()
            ))
            .with_help("leave out --env (and O11Y_ENV), or add `[environments.NAME]` tables (see the README's Environments section)"),
            false => Error::usage(format!(
                "--env {name}: {} has no environment `{name}`",
                self.path.display()
            ))
            .with_help(format!("one of: {}, or `all`", names.join(", "))),
        }
    }
}

/// The checks of one manifest's sections.
fn check(raw: Raw, src: &Source) -> Result<Manifest> {
    let has_secrets = raw.secrets.is_some();
    let xray = xray::check(raw.xray, src)?;
    let logs = logs::check(raw.logs, src)?;
    let honeycomb = raw
        .honeycomb
        .map(|h| honeycomb::check(h, src))
        .transpose()?;
    honeycomb::check_sink(honeycomb.as_ref(), has_secrets, src)?;
    let rollbar = raw
        .rollbar
        .map(|r| rollbar::check(r, src, has_secrets))
        .transpose()?;
    Ok(Manifest {
        path: src.path.to_path_buf(),
        xray,
        logs,
        honeycomb,
        rollbar,
        secrets: raw.secrets.map(|s| secrets::check(s, src)).transpose()?,
        ..Manifest::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::create_group::LogGroupSpec;
    use crate::xray::search as transaction_search;

    fn parse_in_repo(text: &str) -> Result<Manifest> {
        parse(
            text,
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("o11y.toml"),
        )
    }

    #[test]
    fn the_shipped_cruddur_manifest_is_valid() {
        let text = include_str!("../../o11y.toml");
        let m = parse_in_repo(text).unwrap();
        assert_eq!(m.xray.groups[0].name, "Cruddur");
        assert_eq!(
            m.xray.groups[0].filter_expression,
            r#"service("backend-flask")"#
        );
        assert_eq!(m.xray.sampling_rules[0].1.rule.rule_name, "Cruddur");
        assert_eq!(
            m.logs.groups,
            [LogGroupSpec {
                name: "cruddur".into(),
                retention_days: Some(7)
            }]
        );
        assert!(m.honeycomb.is_some() && m.rollbar.is_some());
        assert_eq!(
            m.xray.transaction_search,
            Some(transaction_search::Spec {
                enabled: true,
                indexing_percentage: 1.0,
                spans_retention_days: Some(30)
            })
        );
    }

    fn err(text: &str) -> String {
        let e = parse_in_repo(text).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        e.message
            .replace(&format!("{}/", env!("CARGO_MANIFEST_DIR")), "")
    }

    #[test]
    fn transaction_search_takes_the_commands_rules() {
        let m = parse_in_repo("[xray.transaction_search]\n").unwrap();
        assert_eq!(
            m.xray.transaction_search,
            Some(transaction_search::Spec {
                enabled: true,
                indexing_percentage: 1.0,
                spans_retention_days: None
            })
        );
        assert!(m.needs_xray() && m.needs_logs());
        let m = parse_in_repo(
            "[xray.transaction_search]\nenabled = true\nindexing_percentage = 2.5\nspans_retention_days = 30\n",
        )
        .unwrap();
        let ts = m.xray.transaction_search.unwrap();
        assert_eq!(
            (ts.indexing_percentage, ts.spans_retention_days),
            (2.5, Some(30))
        );
        let e = err("[xray.transaction_search]\nindexing_percentage = 101\n");
        assert!(
            e.starts_with("o11y.toml:2: xray.transaction_search.indexing_percentage: indexing percentage 101 is not a percentage between 0 and 100"),
            "{e}"
        );
        let e = err("[xray.transaction_search]\nspans_retention_days = 8\n");
        assert!(
            e.starts_with("o11y.toml:2: xray.transaction_search.spans_retention_days: log group `aws/spans`: 8 is not a retention"),
            "{e}"
        );
        let e = err("[xray.transaction_search]\nindexing = 1\n");
        assert!(
            e.starts_with("o11y.toml:2: unknown field `indexing`"),
            "{e}"
        );
    }

    #[test]
    fn unknown_keys_and_wrong_types_name_the_file_line_and_key() {
        let e = err("[[logs.groups]]\nname = \"cruddur\"\nretention = 7\n");
        assert!(
            e.starts_with("o11y.toml:3: unknown field `retention`"),
            "{e}"
        );
        assert!(e.contains("(in `retention = 7`)"), "{e}");
        let e = err("[[logs.groups]]\nname = \"cruddur\"\nretention_days = \"7\"\n");
        assert!(
            e.starts_with("o11y.toml:3: invalid type: string \"7\""),
            "{e}"
        );
        let e = err("[xray]\ngroup = []\n");
        assert!(e.starts_with("o11y.toml:2: unknown field `group`"), "{e}");
    }

    #[test]
    fn invalid_values_follow_the_single_commands_rules() {
        let e = err("[[logs.groups]]\nname = \"cruddur\"\nretention_days = 8\n");
        assert_eq!(
            e,
            "o11y.toml:3: logs.groups[0].retention_days: log group `cruddur`: 8 is not a retention CloudWatch Logs accepts"
        );
        let e = err("[[xray.groups]]\nname = \"x\"\nfilter_expression = ''\n");
        assert!(
            e.starts_with("o11y.toml:2: xray.groups[0]: group `x`: the filter expression is empty"),
            "{e}"
        );
        let e = err("[[xray.sampling_rules]]\nfile = \"json/missing.json\"\n");
        assert!(
            e.starts_with(
                "o11y.toml:2: xray.sampling_rules[0].file: cannot read `json/missing.json`"
            ),
            "{e}"
        );
        let e = err("[[logs.groups]]\nname = \"a b\"\n");
        assert!(
            e.starts_with("o11y.toml:2: logs.groups[0].name: invalid log group name `a b`"),
            "{e}"
        );
        let e = err("[[logs.groups]]\nname = \"a\"\n[[logs.groups]]\nname = \"a\"\n");
        assert!(
            e.starts_with("o11y.toml:4: logs.groups[1].name: `a` appears twice"),
            "{e}"
        );
    }
}
