//! The manifest (`o11y.toml`): the whole observability setup of an app, applied by `o11y setup` and checked
//! by `o11y doctor`. Every problem — unknown keys, wrong types, missing files, invalid values (by the same rules
//! as the single commands) — is a usage error naming the file, the line and the key, found before any request.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Result};
use crate::logs::create_group::LogGroupSpec;
use crate::xray::api::Insights;
use crate::xray::create_group::GroupSpec;
use crate::xray::rule_file::{self, RuleInput};
use crate::xray::transaction_search::{self, FREE_PERCENTAGE};

pub const DEFAULT_FILE: &str = "o11y.toml";

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    xray: RawXray,
    #[serde(default)]
    logs: RawLogs,
    honeycomb: Option<RawHoneycomb>,
    rollbar: Option<RawRollbar>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawXray {
    #[serde(default)]
    groups: Vec<RawGroup>,
    #[serde(default)]
    sampling_rules: Vec<RawRule>,
    transaction_search: Option<RawTransactionSearch>,
}

/// `[xray.transaction_search]`: Transaction Search on or off, the `Default` indexing rule's percentage and the
/// retention of `aws/spans`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTransactionSearch {
    #[serde(default = "yes")]
    enabled: bool,
    indexing_percentage: Option<Spanned<f64>>,
    spans_retention_days: Option<Spanned<i64>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    name: Spanned<String>,
    filter_expression: Spanned<String>,
    #[serde(default)]
    insights: bool,
    #[serde(default)]
    notifications: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    file: Spanned<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLogs {
    #[serde(default)]
    groups: Vec<RawLogGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLogGroup {
    name: Spanned<String>,
    retention_days: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize, Clone, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawHoneycomb {
    /// The service name the app reports (`OTEL_SERVICE_NAME` should say the same).
    pub service_name: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawRollbar {
    /// The environment the app reports to Rollbar.
    pub environment: Option<String>,
}

/// A checked manifest.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    pub path: PathBuf,
    pub xray_groups: Vec<GroupSpec>,
    /// Each rule with the path of its file, as written in the manifest.
    pub sampling_rules: Vec<(String, RuleInput)>,
    pub log_groups: Vec<LogGroupSpec>,
    /// `[xray.transaction_search]`, when the manifest has it.
    pub transaction_search: Option<transaction_search::Spec>,
    pub honeycomb: Option<RawHoneycomb>,
    pub rollbar: Option<RawRollbar>,
}

impl Manifest {
    pub fn needs_xray(&self) -> bool {
        !self.xray_groups.is_empty()
            || !self.sampling_rules.is_empty()
            || self.transaction_search.is_some()
    }

    pub fn needs_logs(&self) -> bool {
        !self.log_groups.is_empty() || self.transaction_search.is_some()
    }

    /// Transaction Search counts as one resource.
    pub fn resource_count(&self) -> usize {
        self.xray_groups.len()
            + self.sampling_rules.len()
            + self.log_groups.len()
            + usize::from(self.transaction_search.is_some())
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

/// `file:line:` for a byte offset into the text.
fn at(path: &Path, text: &str, offset: usize) -> String {
    let line = text[..offset.min(text.len())].matches('\n').count() + 1;
    format!("{}:{line}", path.display())
}

/// Check the manifest text; `path` names the file in errors and anchors relative rule-file paths.
pub fn parse(text: &str, path: &Path) -> Result<Manifest> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let (loc, line) = match e.span() {
            Some(s) => {
                let start = s.start.min(text.len());
                let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
                (
                    at(path, text, start),
                    text[from..]
                        .lines()
                        .next()
                        .map(str::trim)
                        .filter(|l| !l.is_empty()),
                )
            }
            None => (path.display().to_string(), None),
        };
        let msg = e.message().trim().to_string();
        let shown = match line {
            Some(l) => format!("{loc}: {msg} (in `{l}`)"),
            None => format!("{loc}: {msg}"),
        };
        Error::usage(shown)
            .with_help("see the README's manifest section for the keys o11y.toml takes")
    })?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut m = Manifest {
        path: path.to_path_buf(),
        honeycomb: raw.honeycomb,
        rollbar: raw.rollbar,
        ..Default::default()
    };

    for (i, g) in raw.xray.groups.into_iter().enumerate() {
        let spec = GroupSpec {
            name: g.name.get_ref().clone(),
            filter_expression: g.filter_expression.get_ref().clone(),
            insights: Insights {
                insights_enabled: g.insights,
                notifications_enabled: g.notifications,
            },
        };
        spec.validate().map_err(|e| {
            e.context(format!(
                "{}: xray.groups[{i}]",
                at(path, text, g.name.span().start)
            ))
        })?;
        if m.xray_groups
            .iter()
            .any(|o: &GroupSpec| o.name == spec.name)
        {
            return Err(Error::usage(format!(
                "{}: xray.groups[{i}].name: `{}` appears twice",
                at(path, text, g.name.span().start),
                spec.name
            )));
        }
        m.xray_groups.push(spec);
    }

    for (i, r) in raw.xray.sampling_rules.into_iter().enumerate() {
        let shown = r.file.get_ref().clone();
        let input = rule_file::load(&dir.join(&shown)).map_err(|e| {
            let msg = e
                .message
                .replace(&dir.join(&shown).display().to_string(), &shown);
            Error { message: msg, ..e }.context(format!(
                "{}: xray.sampling_rules[{i}].file",
                at(path, text, r.file.span().start)
            ))
        })?;
        if m.sampling_rules
            .iter()
            .any(|(_, o)| o.rule.rule_name == input.rule.rule_name)
        {
            return Err(Error::usage(format!(
                "{}: xray.sampling_rules[{i}].file: rule `{}` appears twice",
                at(path, text, r.file.span().start),
                input.rule.rule_name
            )));
        }
        m.sampling_rules.push((shown, input));
    }

    if let Some(ts) = raw.xray.transaction_search {
        let key = "xray.transaction_search";
        let mut spec = transaction_search::Spec {
            enabled: ts.enabled,
            indexing_percentage: FREE_PERCENTAGE,
            spans_retention_days: None,
        };
        if let Some(p) = &ts.indexing_percentage {
            spec.indexing_percentage = *p.get_ref();
            transaction_search::check_percentage(spec.indexing_percentage).map_err(|e| {
                e.context(format!(
                    "{}: {key}.indexing_percentage",
                    at(path, text, p.span().start)
                ))
            })?;
        }
        if let Some(d) = &ts.spans_retention_days {
            let days_at = format!(
                "{}: {key}.spans_retention_days",
                at(path, text, d.span().start)
            );
            let days = i32::try_from(*d.get_ref()).map_err(|_| {
                Error::usage(format!(
                    "{days_at}: {} is not a retention CloudWatch Logs accepts",
                    d.get_ref()
                ))
            })?;
            spec.spans_retention_days = Some(days);
            spec.validate().map_err(|e| e.context(&days_at))?;
        }
        m.transaction_search = Some(spec);
    }

    for (i, g) in raw.logs.groups.into_iter().enumerate() {
        let name_at = at(path, text, g.name.span().start);
        let name_only = LogGroupSpec {
            name: g.name.get_ref().clone(),
            retention_days: None,
        };
        name_only
            .validate()
            .map_err(|e| e.context(format!("{name_at}: logs.groups[{i}].name")))?;
        let spec = match &g.retention_days {
            None => name_only,
            Some(d) => {
                let days_at = format!(
                    "{}: logs.groups[{i}].retention_days",
                    at(path, text, d.span().start)
                );
                let days = i32::try_from(*d.get_ref()).map_err(|_| {
                    Error::usage(format!(
                        "{days_at}: {} is not a retention CloudWatch Logs accepts",
                        d.get_ref()
                    ))
                })?;
                let spec = LogGroupSpec {
                    retention_days: Some(days),
                    ..name_only
                };
                spec.validate().map_err(|e| e.context(&days_at))?;
                spec
            }
        };
        if m.log_groups.iter().any(|o| o.name == spec.name) {
            return Err(Error::usage(format!(
                "{name_at}: logs.groups[{i}].name: `{}` appears twice",
                spec.name
            )));
        }
        m.log_groups.push(spec);
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_in_repo(text: &str) -> Result<Manifest> {
        parse(
            text,
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("o11y.toml"),
        )
    }

    #[test]
    fn the_shipped_cruddur_manifest_is_valid() {
        let text = include_str!("../o11y.toml");
        let m = parse_in_repo(text).unwrap();
        assert_eq!(m.xray_groups[0].name, "Cruddur");
        assert_eq!(
            m.xray_groups[0].filter_expression,
            r#"service("backend-flask")"#
        );
        assert_eq!(m.sampling_rules[0].1.rule.rule_name, "Cruddur");
        assert_eq!(
            m.log_groups,
            [LogGroupSpec {
                name: "cruddur".into(),
                retention_days: Some(7)
            }]
        );
        assert!(m.honeycomb.is_some() && m.rollbar.is_some());
        assert_eq!(
            m.transaction_search,
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
            m.transaction_search,
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
        let ts = m.transaction_search.unwrap();
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
