//! The CloudWatch Logs part of `o11y init`: the log groups (those whose name starts with `--prefix`) and their
//! retention, as `[[logs.groups]]`. AWS's own groups are left out: CloudWatch Logs reserves names that start
//! with `aws/` (CreateLogGroup refuses them), and `aws/spans` belongs to Transaction Search
//! (`spans_retention_days`).

use super::found::{comment, quote, Found};
use crate::context::{Calls, Context};
use crate::error::Result;
use crate::logs::api::{LogGroup, LogsApi};
use crate::logs::create_group::{LogGroupSpec, RETENTION_DAYS};

const KIND: &str = "logs group";
/// The names CloudWatch Logs keeps for AWS ("Log group names can't start with the string aws/").
const RESERVED_PREFIX: &str = "aws/";

pub async fn read(ctx: &Context, prefix: Option<&str>) -> Result<Found> {
    let api = LogsApi::new(ctx.logs(Calls::Paging).await?);
    Ok(found(api.groups(prefix).await?))
}

pub fn found(groups: Vec<LogGroup>) -> Found {
    let mut found = Found::default();
    for g in groups {
        let name = g.log_group_name;
        if name.starts_with(RESERVED_PREFIX) {
            let why = if name == crate::xray::search::SPANS_GROUP {
                "Transaction Search's own group: its retention is [xray.transaction_search] spans_retention_days"
            } else {
                "AWS's own group (names that start with aws/ are reserved for AWS)"
            };
            found.skip(KIND, &name, why);
            continue;
        }
        let spec = LogGroupSpec {
            name: name.clone(),
            retention_days: None,
        };
        if let Err(e) = spec.validate() {
            found.skip(KIND, &name, e.message);
            continue;
        }
        let mut text = format!("[[logs.groups]]\nname = {}\n", quote(&name));
        match g.retention_in_days {
            Some(d) if RETENTION_DAYS.contains(&d) => {
                text.push_str(&format!("retention_days = {d}\n"));
            }
            Some(d) => found.notes.push(format!(
                "log group `{name}` keeps its events {d} days, which CloudWatch Logs no longer offers; its retention_days is left out (setup leaves the retention as it is)"
            )),
            None => text.push_str(&comment(
                "keeps its events for ever (no retention_days: setup leaves it so)",
            )),
        }
        text.push('\n');
        found.toml.push_str(&text);
        found.resource(KIND, &name);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, days: Option<i32>) -> LogGroup {
        LogGroup {
            log_group_name: name.into(),
            retention_in_days: days,
            stored_bytes: None,
            creation_time: None,
            arn: None,
        }
    }

    #[test]
    fn groups_read_back_with_their_retention_and_awss_own_are_left_out() {
        let f = found(vec![
            group("cruddur", Some(7)),
            group("/aws/lambda/fn-1", None),
            group("aws/spans", Some(30)),
            group("odd", Some(2)),
        ]);
        let m = crate::manifest::parse(&f.toml, std::path::Path::new("o11y.toml")).unwrap();
        let got: Vec<_> = m
            .logs
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.retention_days))
            .collect();
        assert_eq!(
            got,
            [
                ("cruddur", Some(7)),
                ("/aws/lambda/fn-1", None),
                ("odd", None)
            ]
        );
        assert_eq!(f.skipped.len(), 1);
        assert!(f.skipped[0].reason.contains("spans_retention_days"));
        assert!(
            f.notes[0].contains("`odd` keeps its events 2 days"),
            "{:?}",
            f.notes
        );
    }
}
