//! `[[rollbar.notifications]]`: notification rules, as Rollbar's rule endpoints take them (`channel`, `trigger`,
//! `filters`, the channel's `config`), checked before any request. A rule is known by its channel, trigger and
//! destination (the Slack channel without its `#`, the webhook URL, the PagerDuty service key, the email
//! users and teams): two rules of the manifest with the same one are refused; the filters and the rest of
//! the config are what `o11y setup` compares and updates.

use serde::Deserialize;
use serde_json::{json, Map, Value};
use toml::Spanned;

use super::source::Source;
use crate::error::{Error, Result};

pub const CHANNELS: [&str; 4] = ["email", "slack", "webhook", "pagerduty"];
/// The triggers Rollbar's rules take (`daily_summary` is email's only).
pub const TRIGGERS: [&str; 10] = [
    "new_item",
    "occurrence",
    "exp_repeat_item",
    "occurrence_rate",
    "reactivated_item",
    "reopened_item",
    "resolved_item",
    "deploy",
    "new_version",
    "daily_summary",
];
pub const LEVELS: [&str; 5] = ["debug", "info", "warning", "error", "critical"];
const RATE_PERIODS: [i64; 5] = [60, 300, 1800, 3600, 86400];
/// Triggers whose Slack messages have no buttons (Rollbar drops `show_message_buttons` for them).
const NO_BUTTONS: [&str; 3] = ["deploy", "new_version", "exp_repeat_item"];
const DAILY_SUMMARY_KEYS: [&str; 4] = [
    "summary_time",
    "environments",
    "send_only_if_data",
    "min_item_level",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    channel: Spanned<String>,
    trigger: Spanned<String>,
    #[serde(default)]
    filters: Vec<Spanned<RawFilter>>,
    config: Option<Spanned<toml::Table>>,
}

impl RawRule {
    /// Where the rule starts in the manifest.
    pub fn span_start(&self) -> usize {
        self.channel.span().start
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFilter {
    #[serde(rename = "type")]
    kind: String,
    operation: Option<String>,
    value: Option<toml::Value>,
    path: Option<String>,
    count: Option<i64>,
    period: Option<i64>,
}

/// A notification rule, checked: the filters and config as Rollbar's API takes them.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSpec {
    pub channel: String,
    pub trigger: String,
    pub filters: Vec<Value>,
    pub config: Map<String, Value>,
}

impl RuleSpec {
    /// `slack new_item #cruddur-errors`: how rows name the rule.
    pub fn label(&self) -> String {
        let dest = destination(&self.channel, &self.config);
        let mut s = format!("{} {}", self.channel, self.trigger);
        if !dest.is_empty() {
            s.push(' ');
            s.push_str(&match self.channel.as_str() {
                "slack" => format!("#{dest}"),
                "pagerduty" => crate::secret::mask(&dest),
                _ => dest,
            });
        }
        s
    }
}

/// Where a rule of `channel` sends to, as o11y tells rules apart: the Slack channel without its leading `#`,
/// the webhook URL, the PagerDuty service key, the email users and teams (sorted); empty when the config
/// names none (the channel's default).
pub fn destination(channel: &str, config: &Map<String, Value>) -> String {
    let s = |k: &str| config.get(k).and_then(Value::as_str).unwrap_or("");
    match channel {
        "slack" => s("channel").trim_start_matches('#').to_string(),
        "webhook" => s("url").to_string(),
        "pagerduty" => s("service_key").to_string(),
        "email" => {
            let mut who: Vec<String> = ["users", "teams"]
                .iter()
                .flat_map(|k| {
                    config
                        .get(*k)
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(move |v| format!("{k}:{v}"))
                })
                .collect();
            who.sort();
            who.join(",")
        }
        _ => String::new(),
    }
}

pub fn check(raw: &[RawRule], src: &Source) -> Result<Vec<RuleSpec>> {
    let mut rules: Vec<RuleSpec> = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        let key = format!("rollbar.notifications[{i}]");
        let spec = check_rule(r, &key, src)?;
        if let Some(o) = rules.iter().find(|o| {
            o.channel == spec.channel
                && o.trigger == spec.trigger
                && destination(&o.channel, &o.config) == destination(&spec.channel, &spec.config)
        }) {
            return Err(Error::usage(format!(
                "{}: {key}: a rule `{}` appears twice (o11y knows a rule by its channel, trigger and destination)",
                src.at(r.span_start()),
                o.label()
            ))
            .with_help("put both sets of filters in one rule, or send the second to another destination"));
        }
        rules.push(spec);
    }
    Ok(rules)
}

fn one_of(what: &str, value: &str, list: &[&str], at: String) -> Result<()> {
    if list.contains(&value) {
        return Ok(());
    }
    Err(Error::usage(format!("{at}: `{value}` is not {what}"))
        .with_help(format!("one of: {}", list.join(", "))))
}

fn check_rule(r: &RawRule, key: &str, src: &Source) -> Result<RuleSpec> {
    let channel = r.channel.get_ref().as_str();
    one_of(
        "a channel Rollbar's rules have",
        channel,
        &CHANNELS,
        format!("{}: {key}.channel", src.at(r.channel.span().start)),
    )?;
    let trigger = r.trigger.get_ref().as_str();
    let trigger_at = format!("{}: {key}.trigger", src.at(r.trigger.span().start));
    one_of(
        "a trigger Rollbar's rules have",
        trigger,
        &TRIGGERS,
        trigger_at.clone(),
    )?;
    if trigger == "daily_summary" && channel != "email" {
        return Err(Error::usage(format!(
            "{trigger_at}: daily_summary is a trigger of email rules only"
        )));
    }
    let mut filters = Vec::new();
    for (j, f) in r.filters.iter().enumerate() {
        let at = format!("{}: {key}.filters[{j}]", src.at(f.span().start));
        filters.push(check_filter(f.get_ref(), &at)?);
    }
    let config = match &r.config {
        Some(c) => check_config(
            channel,
            trigger,
            c.get_ref(),
            &format!("{}: {key}.config", src.at(c.span().start)),
        )?,
        None => Map::new(),
    };
    Ok(RuleSpec {
        channel: channel.to_string(),
        trigger: trigger.to_string(),
        filters,
        config,
    })
}

/// A filter as the API takes it: `{type, operation, value}` (a `path` filter also names its `path`; a `rate`
/// filter has `count` and `period` instead). Values are strings, as Rollbar returns them.
fn check_filter(f: &RawFilter, at: &str) -> Result<Value> {
    let kind = f.kind.as_str();
    let bad = |msg: String| Err(Error::usage(format!("{at}: {msg}")));
    if kind == "rate" {
        if f.operation.is_some() || f.value.is_some() || f.path.is_some() {
            return bad("a rate filter has only `count` and `period`".into());
        }
        let (Some(count), Some(period)) = (f.count, f.period) else {
            return bad("a rate filter needs `count` and `period` (seconds)".into());
        };
        if count < 1 {
            return bad(format!("count {count} is not a number of occurrences"));
        }
        if !RATE_PERIODS.contains(&period) {
            return Err(Error::usage(format!(
                "{at}.period: {period} is not a period Rollbar's rate filter takes"
            ))
            .with_help("one of: 60, 300, 1800, 3600, 86400 (seconds)"));
        }
        return Ok(json!({"type": "rate", "count": count, "period": period}));
    }
    if f.count.is_some() || f.period.is_some() {
        return bad("`count` and `period` are for a rate filter only".into());
    }
    if f.path.is_some() && kind != "path" {
        return bad("`path` is for a path filter only".into());
    }
    let ops: &[&str] = match kind {
        "environment" => &["eq", "neq"],
        "level" => &["eq", "gte"],
        "framework" => &["eq"],
        "title" => &["within", "nwithin", "regex", "nregex"],
        "path" => &[
            "eq", "neq", "within", "nwithin", "regex", "nregex", "exists", "nexists",
        ],
        // Rollbar lists more types (filename, context, method ...) without their operations: passed on as written.
        _ => &[],
    };
    let Some(op) = f.operation.as_deref() else {
        return bad(format!("a {kind} filter needs an `operation`"));
    };
    if !ops.is_empty() {
        one_of(
            &format!("an operation of a {kind} filter"),
            op,
            ops,
            format!("{at}.operation"),
        )?;
    }
    let mut v = json!({"type": kind, "operation": op});
    if kind == "path" {
        let Some(p) = f.path.as_deref().filter(|p| !p.is_empty()) else {
            return bad("a path filter needs `path` (such as body.trace.frames.0.filename)".into());
        };
        v["path"] = json!(p);
    }
    let value = match &f.value {
        Some(toml::Value::String(s)) => Some(s.clone()),
        Some(toml::Value::Integer(n)) => Some(n.to_string()),
        Some(toml::Value::Float(n)) => Some(n.to_string()),
        Some(other) => return bad(format!("value {other} is not a string or a number")),
        None => None,
    };
    match value {
        None if kind == "path" && matches!(op, "exists" | "nexists") => {}
        None => return bad(format!("a {kind} filter needs a `value`")),
        Some(_) if kind == "path" && matches!(op, "exists" | "nexists") => {
            return bad(format!("a path filter with `{op}` takes no `value`"))
        }
        Some(s) => {
            if kind == "level" {
                one_of("a level", &s, &LEVELS, format!("{at}.value"))?;
            }
            v["value"] = json!(s);
        }
    }
    Ok(v)
}

/// The channel's config keys (those of Rollbar's rules, as its Terraform provider sends them), with their types.
fn check_config(
    channel: &str,
    trigger: &str,
    t: &toml::Table,
    at: &str,
) -> Result<Map<String, Value>> {
    let keys: &[&str] = match channel {
        "email" => &[
            "users",
            "teams",
            "summary_time",
            "environments",
            "send_only_if_data",
            "min_item_level",
        ],
        "slack" => &["channel", "message_template", "show_message_buttons"],
        "pagerduty" => &["service_key"],
        _ => &["url", "format"],
    };
    let mut out = Map::new();
    for (k, v) in t {
        let kat = format!("{at}.{k}");
        if !keys.contains(&k.as_str()) {
            return Err(
                Error::usage(format!("{kat}: not a key of a {channel} rule's config"))
                    .with_help(format!("one of: {}", keys.join(", "))),
            );
        }
        if DAILY_SUMMARY_KEYS.contains(&k.as_str()) && trigger != "daily_summary" {
            return Err(Error::usage(format!(
                "{kat}: only for the daily_summary trigger"
            )));
        }
        if k == "show_message_buttons" && NO_BUTTONS.contains(&trigger) {
            return Err(Error::usage(format!(
                "{kat}: Rollbar's {trigger} messages have no buttons (it drops the key)"
            )));
        }
        let value: Value = match (k.as_str(), v) {
            ("users" | "teams" | "environments", toml::Value::Array(a)) => {
                let items: Option<Vec<Value>> =
                    a.iter().map(|x| x.as_str().map(|s| json!(s))).collect();
                items
                    .map(Value::Array)
                    .ok_or_else(|| Error::usage(format!("{kat}: a list of strings")))?
            }
            ("summary_time", toml::Value::Integer(n)) => json!(n),
            ("send_only_if_data" | "show_message_buttons", toml::Value::Boolean(b)) => json!(b),
            ("min_item_level", toml::Value::String(s)) => {
                one_of("a level", s, &LEVELS, kat.clone())?;
                json!(s)
            }
            ("format", toml::Value::String(s)) => {
                one_of("a webhook format", s, &["json", "xml"], kat.clone())?;
                json!(s)
            }
            ("url", toml::Value::String(s)) => {
                if !(s.starts_with("https://") || s.starts_with("http://")) {
                    return Err(Error::usage(format!("{kat}: `{s}` is not an http(s) URL")));
                }
                json!(s)
            }
            ("channel" | "message_template" | "service_key", toml::Value::String(s)) => {
                if s.trim_start_matches('#').is_empty() {
                    return Err(Error::usage(format!("{kat}: empty")));
                }
                json!(s)
            }
            (_, other) => {
                return Err(Error::usage(format!(
                    "{kat}: {} is not of the type this key takes",
                    other.type_str()
                )))
            }
        };
        out.insert(k.clone(), value);
    }
    Ok(out)
}
