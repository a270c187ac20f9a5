//! The sampling-rule file: exactly the AWS CLI's `--cli-input-json` for `create-sampling-rule`
//! (`{"SamplingRule": {...}, "Tags": [...]}`), or a bare rule object. Checked completely before any call.

use std::path::Path;

use serde::Deserialize;

use super::api::{SamplingRule, Tag};
use crate::error::{Error, Result};

/// A rule and the tags to create it with.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleInput {
    pub rule: SamplingRule,
    pub tags: Vec<Tag>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CliInput {
    #[serde(rename = "SamplingRule")]
    sampling_rule: SamplingRule,
    #[serde(rename = "Tags", default)]
    tags: Vec<Tag>,
}

/// Read and check a rule file. Every problem is a usage error (exit 2) naming the file and the field.
pub fn load(path: &Path) -> Result<RuleInput> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::usage(format!("cannot read `{shown}`: {e}"))
            .with_help("`--file` takes a path to a JSON file such as json/xray.json")
    })?;
    parse(&text).map_err(|e| e.context(&shown))
}

/// Parse and check the text of a rule file.
pub fn parse(text: &str) -> Result<RuleInput> {
    let json_err = |e: serde_json::Error| {
        Error::usage(e.to_string()).with_help(
            "the file takes the AWS CLI's format, {\"SamplingRule\": {...}, \"Tags\": [...]}, or a bare rule object; see json/xray.json",
        )
    };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| json_err(e).context("malformed JSON"))?;
    let (input, prefix) = match value.as_object() {
        Some(o) if o.contains_key("SamplingRule") => {
            let c: CliInput = serde_json::from_str(text).map_err(json_err)?;
            (
                RuleInput {
                    rule: c.sampling_rule,
                    tags: c.tags,
                },
                "SamplingRule.",
            )
        }
        Some(_) => (
            RuleInput {
                rule: serde_json::from_str(text).map_err(json_err)?,
                tags: Vec::new(),
            },
            "",
        ),
        None => return Err(Error::usage("expected a JSON object").with_help("see json/xray.json")),
    };
    let problems = problems(&input, prefix);
    if problems.is_empty() {
        Ok(input)
    } else {
        Err(Error::usage(problems.join("; ")))
    }
}

/// Every way the rule breaks the X-Ray API's constraints, each naming its field.
pub fn problems(input: &RuleInput, prefix: &str) -> Vec<String> {
    let r = &input.rule;
    let mut p = Vec::new();
    let mut len = |field: &str, v: &str, min: usize, max: usize| {
        let n = v.chars().count();
        if n < min || n > max {
            p.push(format!(
                "{prefix}{field} must be {min} to {max} characters (got {n})"
            ));
        }
    };
    // The lengths of the API reference's SamplingRule: only RuleName and the attributes have a minimum.
    len("RuleName", &r.rule_name, 1, 32);
    len("ResourceARN", &r.resource_arn, 0, 500);
    len("ServiceName", &r.service_name, 0, 64);
    len("ServiceType", &r.service_type, 0, 64);
    len("Host", &r.host, 0, 64);
    len("HTTPMethod", &r.http_method, 0, 10);
    len("URLPath", &r.url_path, 0, 128);
    for (k, v) in &r.attributes {
        len(&format!("Attributes.{k} (key)"), k, 1, 32);
        len(&format!("Attributes.{k}"), v, 1, 32);
    }
    for t in &input.tags {
        len("Tags[].Key", &t.key, 1, 128);
        len("Tags[].Value", &t.value, 0, 256);
    }
    if r.attributes.len() > 5 {
        p.push(format!(
            "{prefix}Attributes takes at most 5 entries (got {})",
            r.attributes.len()
        ));
    }
    if !(1..=9999).contains(&r.priority) {
        p.push(format!(
            "{prefix}Priority must be between 1 and 9999 (got {})",
            r.priority
        ));
    }
    if !(0.0..=1.0).contains(&r.fixed_rate) {
        p.push(format!(
            "{prefix}FixedRate must be between 0 and 1 (got {})",
            r.fixed_rate
        ));
    }
    if r.reservoir_size < 0 || r.reservoir_size > i64::from(i32::MAX) {
        p.push(format!(
            "{prefix}ReservoirSize must be 0 or more (got {})",
            r.reservoir_size
        ));
    }
    // The reference gives the format's version as 1 and a minimum of 1, no maximum.
    if r.version < 1 || r.version > i64::from(i32::MAX) {
        p.push(format!(
            "{prefix}Version must be 1 or more (got {})",
            r.version
        ));
    }
    // "Specify a rule by either name or ARN, but not both" (SamplingRule in the API reference).
    if r.rule_arn.is_some() {
        p.push(format!(
            "{prefix}RuleARN and RuleName are both given: the API takes one or the other (remove RuleARN, which X-Ray assigns)"
        ));
    }
    if let Some(b) = r.sampling_rate_boost {
        if !(0.0..=1.0).contains(&b.max_rate) {
            p.push(format!(
                "{prefix}SamplingRateBoost.MaxRate must be between 0 and 1 (got {})",
                b.max_rate
            ));
        }
        if b.cooldown_window_minutes < 1 || b.cooldown_window_minutes > i64::from(i32::MAX) {
            p.push(format!(
                "{prefix}SamplingRateBoost.CooldownWindowMinutes must be 1 or more (got {})",
                b.cooldown_window_minutes
            ));
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    const CRUDDUR: &str = include_str!("../../json/xray.json");

    #[test]
    fn the_shipped_cruddur_rule_is_valid() {
        let input = parse(CRUDDUR).unwrap();
        assert_eq!(input.rule.rule_name, "Cruddur");
        assert_eq!(input.rule.priority, 9000);
        assert_eq!(input.rule.fixed_rate, 0.1);
        assert_eq!(input.rule.reservoir_size, 5);
        assert_eq!(input.rule.service_name, "backend-flask");
    }

    #[test]
    fn a_bare_rule_object_is_accepted() {
        let bare =
            serde_json::from_str::<serde_json::Value>(CRUDDUR).unwrap()["SamplingRule"].to_string();
        assert_eq!(parse(&bare).unwrap().rule, parse(CRUDDUR).unwrap().rule);
    }

    fn with(field: &str, value: serde_json::Value) -> String {
        let mut v: serde_json::Value = serde_json::from_str(CRUDDUR).unwrap();
        v["SamplingRule"][field] = value;
        v.to_string()
    }

    #[test]
    fn each_constraint_names_its_field() {
        let cases = [
            (
                "Priority",
                serde_json::json!(0),
                "SamplingRule.Priority must be between 1 and 9999 (got 0)",
            ),
            (
                "Priority",
                serde_json::json!(10000),
                "Priority must be between 1 and 9999",
            ),
            (
                "FixedRate",
                serde_json::json!(1.5),
                "FixedRate must be between 0 and 1",
            ),
            (
                "ReservoirSize",
                serde_json::json!(-1),
                "ReservoirSize must be 0 or more",
            ),
            (
                "Version",
                serde_json::json!(0),
                "Version must be 1 or more (got 0)",
            ),
            (
                "Attributes",
                serde_json::json!({"a": "1", "b": "1", "c": "1", "d": "1", "e": "1", "f": "1"}),
                "Attributes takes at most 5 entries (got 6)",
            ),
            (
                "Host",
                serde_json::json!("h".repeat(65)),
                "Host must be 0 to 64 characters (got 65)",
            ),
            (
                "URLPath",
                serde_json::json!("/".repeat(129)),
                "URLPath must be 0 to 128 characters (got 129)",
            ),
            (
                "HTTPMethod",
                serde_json::json!("M".repeat(11)),
                "HTTPMethod must be 0 to 10 characters (got 11)",
            ),
            (
                "RuleName",
                serde_json::json!(""),
                "RuleName must be 1 to 32 characters (got 0)",
            ),
            (
                "RuleName",
                serde_json::json!("x".repeat(33)),
                "RuleName must be 1 to 32 characters (got 33)",
            ),
            ("Priorty", serde_json::json!(1), "unknown field `Priorty`"),
            (
                "FixedRate",
                serde_json::json!("0.1"),
                "invalid type: string",
            ),
        ];
        for (field, value, expected) in cases {
            let e = parse(&with(field, value)).unwrap_err();
            assert_eq!(e.exit_code(), 2);
            assert!(e.message.contains(expected), "{field}: {}", e.message);
        }
    }

    /// Issue 12, item 7: the reference gives `Host`, `ServiceName`, `ServiceType`, `HTTPMethod`, `URLPath`
    /// and `ResourceARN` a maximum length and no minimum, so an empty one is accepted (as the AWS CLI's own
    /// validation does); so is a Version above 1 (a minimum of 1, no maximum).
    #[test]
    fn empty_match_fields_and_later_versions_are_accepted_as_the_reference_allows() {
        for field in [
            "Host",
            "ServiceName",
            "ServiceType",
            "HTTPMethod",
            "URLPath",
            "ResourceARN",
        ] {
            let input = parse(&with(field, serde_json::json!("")))
                .unwrap_or_else(|e| panic!("{field} = \"\" was refused: {}", e.message));
            assert!(problems(&input, "").is_empty());
        }
        assert_eq!(
            parse(&with("Version", serde_json::json!(2)))
                .unwrap()
                .rule
                .version,
            2
        );
        let five = serde_json::json!({"a": "1", "b": "1", "c": "1", "d": "1", "e": "1"});
        parse(&with("Attributes", five)).unwrap();
    }

    #[test]
    fn a_missing_required_field_is_named() {
        let mut v: serde_json::Value = serde_json::from_str(CRUDDUR).unwrap();
        v["SamplingRule"]
            .as_object_mut()
            .unwrap()
            .remove("ServiceType");
        let e = parse(&v.to_string()).unwrap_err();
        assert!(
            e.message.contains("missing field `ServiceType`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        let e = parse("{\n  \"SamplingRule\": {\n    \"RuleName\": \"x\",,\n").unwrap_err();
        assert!(e.message.starts_with("malformed JSON: "), "{}", e.message);
        assert!(e.message.contains("line 3 column"), "{}", e.message);
    }
}
