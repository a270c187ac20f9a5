//! `[[logs.groups]]`: the log groups, their retention, and the streams the app writes to (CloudWatch Logs'
//! OTLP endpoint creates neither a group nor a stream: `o11y setup` creates them, doctor checks them).

use serde::Deserialize;
use toml::Spanned;

use super::source::Source;
use crate::error::{Error, Result};
use crate::logs::create_group::LogGroupSpec;
use crate::logs::put::check_stream_name;

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
    #[serde(default)]
    streams: Vec<Spanned<String>>,
}

/// The manifest's CloudWatch Logs resources, checked.
#[derive(Debug, Clone, Default)]
pub struct Logs {
    pub groups: Vec<LogGroupSpec>,
    /// `(group, stream)` for each stream a group names, in the manifest's order.
    pub streams: Vec<(String, String)>,
}

impl Logs {
    /// The first stream the manifest names for `group`.
    pub fn first_stream(&self, group: &str) -> Option<String> {
        self.streams
            .iter()
            .find(|(g, _)| g == group)
            .map(|(_, s)| s.clone())
    }
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
        for (j, st) in g.streams.iter().enumerate() {
            let at = format!("{}: logs.groups[{i}].streams[{j}]", src.at(st.span().start));
            check_stream_name(st.get_ref()).map_err(|e| e.context(&at))?;
            if l.streams
                .contains(&(spec.name.clone(), st.get_ref().clone()))
            {
                return Err(Error::usage(format!(
                    "{at}: stream `{}` appears twice in log group `{}`",
                    st.get_ref(),
                    spec.name
                )));
            }
            l.streams.push((spec.name.clone(), st.get_ref().clone()));
        }
        l.groups.push(spec);
    }
    Ok(l)
}

#[cfg(test)]
mod tests {
    use crate::manifest::parse;
    use std::path::Path;

    #[test]
    fn a_group_may_name_its_streams_checked_by_the_services_rules() {
        let p = Path::new("o11y.toml");
        let m = parse(
            "[[logs.groups]]\nname = \"cruddur\"\nstreams = [\"default\", \"web\"]\n",
            p,
        )
        .unwrap();
        assert_eq!(
            m.logs.streams,
            [
                ("cruddur".to_string(), "default".to_string()),
                ("cruddur".to_string(), "web".to_string())
            ]
        );
        assert_eq!(m.logs.first_stream("cruddur").as_deref(), Some("default"));
        assert_eq!(m.resource_count(), 3);
        let e = parse("[[logs.groups]]\nname = \"c\"\nstreams = [\"a:b\"]\n", p).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.message.starts_with(
                "o11y.toml:3: logs.groups[0].streams[0]: invalid log stream name `a:b`"
            ),
            "{}",
            e.message
        );
        let e = parse(
            "[[logs.groups]]\nname = \"c\"\nstreams = [\"a\", \"a\"]\n",
            p,
        )
        .unwrap_err();
        assert!(
            e.message.contains("stream `a` appears twice"),
            "{}",
            e.message
        );
    }
}
