//! `[xray]`: groups, sampling rules (each from its file) and `[xray.transaction_search]`.

use serde::Deserialize;
use toml::Spanned;

use super::source::Source;
use crate::error::{Error, Result};
use crate::xray::api::Insights;
use crate::xray::create_group::GroupSpec;
use crate::xray::rule_file::{self, RuleInput};
use crate::xray::search::{self, FREE_PERCENTAGE};

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Raw {
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
    /// Over the file's `FixedRate` (the sampling rate an environment changes).
    fixed_rate: Option<Spanned<f64>>,
    /// Over the file's `ReservoirSize`.
    reservoir_size: Option<Spanned<i64>>,
}

/// The manifest's X-Ray resources, checked.
#[derive(Debug, Clone, Default)]
pub struct Xray {
    pub groups: Vec<GroupSpec>,
    /// Each rule with the path of its file, as written in the manifest.
    pub sampling_rules: Vec<(String, RuleInput)>,
    /// `[xray.transaction_search]`, when the manifest has it.
    pub transaction_search: Option<search::Spec>,
}

impl Xray {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
            && self.sampling_rules.is_empty()
            && self.transaction_search.is_none()
    }

    /// Transaction Search counts as one resource.
    pub fn resource_count(&self) -> usize {
        self.groups.len()
            + self.sampling_rules.len()
            + usize::from(self.transaction_search.is_some())
    }
}

pub fn check(raw: Raw, src: &Source) -> Result<Xray> {
    let mut x = Xray::default();
    for (i, g) in raw.groups.into_iter().enumerate() {
        let spec = GroupSpec {
            name: g.name.get_ref().clone(),
            filter_expression: g.filter_expression.get_ref().clone(),
            insights: Insights {
                insights_enabled: g.insights,
                notifications_enabled: g.notifications,
            },
        };
        spec.validate()
            .map_err(|e| e.context(format!("{}: xray.groups[{i}]", src.at(g.name.span().start))))?;
        if x.groups.iter().any(|o: &GroupSpec| o.name == spec.name) {
            return Err(Error::usage(format!(
                "{}: xray.groups[{i}].name: `{}` appears twice",
                src.at(g.name.span().start),
                spec.name
            )));
        }
        x.groups.push(spec);
    }

    let dir = src.dir();
    for (i, r) in raw.sampling_rules.into_iter().enumerate() {
        let shown = r.file.get_ref().clone();
        let mut input = rule_file::load(&dir.join(&shown)).map_err(|e| {
            let msg = e
                .message
                .replace(&dir.join(&shown).display().to_string(), &shown);
            Error { message: msg, ..e }.context(format!(
                "{}: xray.sampling_rules[{i}].file",
                src.at(r.file.span().start)
            ))
        })?;
        if let Some(rate) = &r.fixed_rate {
            input.rule.fixed_rate = *rate.get_ref();
        }
        if let Some(size) = &r.reservoir_size {
            input.rule.reservoir_size = *size.get_ref();
        }
        let problems = rule_file::problems(&input, "");
        if let (Some(p), Some(at)) = (
            problems.first(),
            r.fixed_rate
                .as_ref()
                .map(|v| (v.span().start, "fixed_rate"))
                .or(r
                    .reservoir_size
                    .as_ref()
                    .map(|v| (v.span().start, "reservoir_size"))),
        ) {
            return Err(Error::usage(format!(
                "{}: xray.sampling_rules[{i}].{}: {p}",
                src.at(at.0),
                at.1
            )));
        }
        if x.sampling_rules
            .iter()
            .any(|(_, o)| o.rule.rule_name == input.rule.rule_name)
        {
            return Err(Error::usage(format!(
                "{}: xray.sampling_rules[{i}].file: rule `{}` appears twice",
                src.at(r.file.span().start),
                input.rule.rule_name
            )));
        }
        x.sampling_rules.push((shown, input));
    }

    if let Some(ts) = raw.transaction_search {
        let key = "xray.transaction_search";
        let mut spec = search::Spec {
            enabled: ts.enabled,
            indexing_percentage: FREE_PERCENTAGE,
            spans_retention_days: None,
        };
        if let Some(p) = &ts.indexing_percentage {
            spec.indexing_percentage = *p.get_ref();
            search::check_percentage(spec.indexing_percentage).map_err(|e| {
                e.context(format!(
                    "{}: {key}.indexing_percentage",
                    src.at(p.span().start)
                ))
            })?;
        }
        if let Some(d) = &ts.spans_retention_days {
            let (days, days_at) = src.retention(d, &format!("{key}.spans_retention_days"))?;
            spec.spans_retention_days = Some(days);
            spec.validate().map_err(|e| e.context(&days_at))?;
        }
        x.transaction_search = Some(spec);
    }
    Ok(x)
}
