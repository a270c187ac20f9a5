//! `[[logs.groups]]`: the log groups and their retention.

use serde::Deserialize;
use toml::Spanned;

use super::source::Source;
use crate::error::{Error, Result};
use crate::logs::create_group::LogGroupSpec;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Raw {
    #[serde(default)]
    groups: Vec<RawLogGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLogGroup {
    name: Spanned<String>,
    retention_days: Option<Spanned<i64>>,
}

/// The manifest's CloudWatch Logs resources, checked.
#[derive(Debug, Clone, Default)]
pub struct Logs {
    pub groups: Vec<LogGroupSpec>,
}

pub fn check(raw: Raw, src: &Source) -> Result<Logs> {
    let mut l = Logs::default();
    for (i, g) in raw.groups.into_iter().enumerate() {
        let name_at = src.at(g.name.span().start);
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
                let (days, days_at) =
                    src.retention(d, &format!("logs.groups[{i}].retention_days"))?;
                let spec = LogGroupSpec {
                    retention_days: Some(days),
                    ..name_only
                };
                spec.validate().map_err(|e| e.context(&days_at))?;
                spec
            }
        };
        if l.groups.iter().any(|o| o.name == spec.name) {
            return Err(Error::usage(format!(
                "{name_at}: logs.groups[{i}].name: `{}` appears twice",
                spec.name
            )));
        }
        l.groups.push(spec);
    }
    Ok(l)
}
