//! `[[rollbar.notifications]]`: each rule is found among its channel's rules by its trigger and destination
//! (the Slack channel with or without its `#`, the webhook URL, the PagerDuty service key, the email users and
//! teams), then compared field by field: the filters as a set (values as strings, as Rollbar returns them),
//! and the config keys the manifest sets (what Rollbar fills in besides is left alone). A missing rule is
//! added (`POST .../rules` with one rule), a differing one updated alone (`PUT .../rule/{id}`); every other
//! rule of the channel stays as it is, and the replace-all `PUT .../rules` is never called.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::context::Context;
use crate::ensure::{Action, Change, Ensured, Outcome};
use crate::error::{Error, Result};
use crate::manifest::rollbar_rules::{destination, RuleSpec};
use crate::rollbar::rules::{Rule, RuleBody, Rules};
use crate::secret::mask;

pub const KIND: &str = "rollbar notification";

/// How the rules can be read.
pub enum Access<'a> {
    /// The project is yet to be created (a dry run): it has no rules.
    NewProject,
    Client(Rules<'a>),
    /// Not at all: why (each rule's row).
    Unavailable(Error),
}

/// Every rule of the manifest, one row each in the manifest's order: the channels `--parallelism` at once, a
/// channel's rules one after another (its list read once; Rollbar's API says nothing of concurrent writes
/// to one channel's rules, so o11y makes none).
pub async fn ensure_all(
    ctx: &Context,
    access: Access<'_>,
    specs: &[RuleSpec],
    dry_run: bool,
) -> Vec<Outcome> {
    let rules = match access {
        Access::Client(r) => r,
        Access::NewProject => {
            return specs
                .iter()
                .map(|s| {
                    Outcome::new(
                        KIND,
                        s.label(),
                        Ok(row(s, Action::Created, Vec::new(), None)),
                    )
                })
                .collect()
        }
        Access::Unavailable(e) => {
            return specs
                .iter()
                .map(|s| Outcome::new(KIND, s.label(), Err(e.clone())))
                .collect()
        }
    };
    let mut channels: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, spec) in specs.iter().enumerate() {
        channels.entry(&spec.channel).or_default().push(i);
    }
    let rules = &rules;
    let done = ctx
        .each(channels, |(channel, indexes)| async move {
            let listed = rules.list(channel).await;
            let mut rows = Vec::new();
            for i in indexes {
                let spec = &specs[i];
                let result = match &listed {
                    Ok(listed) => ensure(rules, spec, listed, dry_run).await,
                    Err(e) => Err(e.clone()),
                };
                rows.push((i, Outcome::new(KIND, spec.label(), result)));
            }
            rows
        })
        .await;
    let mut rows: Vec<(usize, Outcome)> = done.into_iter().flatten().collect();
    rows.sort_by_key(|(i, _)| *i);
    rows.into_iter().map(|(_, o)| o).collect()
}

fn row(spec: &RuleSpec, action: Action, changes: Vec<Change>, id: Option<u64>) -> Ensured {
    Ensured {
        kind: KIND,
        name: spec.label(),
        action,
        changes,
        resource_key: "rule",
        resource: json!({"id": id, "channel": spec.channel, "trigger": spec.trigger}),
    }
}

async fn ensure(
    rules: &Rules<'_>,
    spec: &RuleSpec,
    listed: &[Rule],
    dry_run: bool,
) -> Result<Ensured> {
    let dest = destination(&spec.channel, &spec.config);
    let same: Vec<&Rule> = listed
        .iter()
        .filter(|r| r.trigger == spec.trigger && destination(&spec.channel, &r.config) == dest)
        .collect();
    let body = RuleBody {
        trigger: &spec.trigger,
        filters: &spec.filters,
        config: &sent_config(spec),
    };
    let target = match same.as_slice() {
        [] if dry_run => return Ok(row(spec, Action::Created, Vec::new(), None)),
        [] => {
            let r = rules.create(&spec.channel, &body).await?;
            return Ok(row(spec, Action::Created, Vec::new(), Some(r.id)));
        }
        [r] => *r,
        many => match many.iter().find(|r| diff(r, spec).is_empty()) {
            Some(r) => *r,
            None => {
                let ids: Vec<String> = many.iter().map(|r| r.id.to_string()).collect();
                return Err(Error::failed(format!(
                    "{} {} rules for {} to this destination (ids {}), none as the manifest says: o11y does not guess which to change",
                    many.len(),
                    spec.channel,
                    spec.trigger,
                    ids.join(", ")
                ))
                .with_help("delete the ones not wanted (Project Settings -> Notifications), then run o11y setup again"));
            }
        },
    };
    let changes = diff(target, spec);
    if changes.is_empty() {
        return Ok(row(spec, Action::Unchanged, changes, Some(target.id)));
    }
    if !dry_run {
        rules.update(&spec.channel, target.id, &body).await?;
    }
    Ok(row(spec, Action::Updated, changes, Some(target.id)))
}

/// The config as sent: a Slack channel without its `#` (Rollbar's rule endpoints answer `Channel not found`
/// for `#name`, and store the channel with the `#`).
fn sent_config(spec: &RuleSpec) -> Map<String, Value> {
    let mut c = spec.config.clone();
    if spec.channel == "slack" {
        if let Some(Value::String(ch)) = c.get_mut("channel") {
            *ch = ch.trim_start_matches('#').to_string();
        }
    }
    c
}

/// What differs between a rule on the server and the manifest's: the filters (as a set) and each config key
/// the manifest sets. A PagerDuty service key is shown masked.
fn diff(rule: &Rule, spec: &RuleSpec) -> Vec<Change> {
    let mut changes = Vec::new();
    if filter_set(&rule.filters) != filter_set(&spec.filters) {
        changes.push(Change::new(
            "filters",
            Value::Array(rule.filters.clone()),
            Value::Array(spec.filters.clone()),
        ));
    }
    for (k, want) in &spec.config {
        let have = rule.config.get(k).unwrap_or(&Value::Null);
        if config_value(&spec.channel, k, have) != config_value(&spec.channel, k, want) {
            let shown = |v: &Value| match (k.as_str(), v) {
                ("service_key", Value::String(s)) => json!(mask(s)),
                _ => v.clone(),
            };
            changes.push(Change::new(
                &format!("config.{k}"),
                shown(have),
                shown(want),
            ));
        }
    }
    changes
}

/// A config value as compared: a Slack channel without its `#`, lists as sorted sets.
fn config_value(channel: &str, key: &str, v: &Value) -> Value {
    match v {
        Value::String(s) if channel == "slack" && key == "channel" => {
            json!(s.trim_start_matches('#'))
        }
        Value::Array(a) => {
            let mut items: Vec<String> = a
                .iter()
                .map(|x| x.as_str().map_or(x.to_string(), str::to_string))
                .collect();
            items.sort();
            items.dedup();
            json!(items)
        }
        other => other.clone(),
    }
}

/// Filters as a set of their canonical forms: the keys Rollbar's filters have, a value as a string (Rollbar may
/// return `"14"` as `14`), numbers of a rate filter as integers.
fn filter_set(filters: &[Value]) -> Vec<String> {
    let mut set: Vec<String> = filters
        .iter()
        .map(|f| {
            let mut canon = BTreeMap::new();
            for k in ["type", "operation", "value", "path", "count", "period"] {
                let Some(v) = f.get(k).filter(|v| !v.is_null()) else {
                    continue;
                };
                let v = match (k, v) {
                    ("count" | "period", Value::Number(n)) => {
                        json!(n.as_f64().map_or(0, |x| x.round() as i64))
                    }
                    (_, Value::String(s)) => json!(s),
                    (_, Value::Number(n)) => json!(n.to_string()),
                    (_, other) => other.clone(),
                };
                canon.insert(k, v);
            }
            serde_json::to_string(&canon).unwrap_or_default()
        })
        .collect();
    set.sort();
    set.dedup();
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(channel: &str, filters: Vec<Value>, config: Value) -> RuleSpec {
        RuleSpec {
            channel: channel.into(),
            trigger: "new_item".into(),
            filters,
            config: config.as_object().cloned().unwrap(),
        }
    }

    fn rule(filters: Vec<Value>, config: Value) -> Rule {
        Rule {
            id: 7,
            trigger: "new_item".into(),
            filters,
            config: config.as_object().cloned().unwrap(),
        }
    }

    #[test]
    fn a_slack_channel_with_or_without_its_hash_and_server_defaults_are_no_change() {
        let s = spec(
            "slack",
            vec![json!({"type": "environment", "operation": "eq", "value": "production"})],
            json!({"channel": "#cruddur-errors"}),
        );
        let r = rule(
            vec![json!({"operation": "eq", "type": "environment", "value": "production"})],
            json!({"channel": "cruddur-errors", "show_message_buttons": false}),
        );
        assert!(diff(&r, &s).is_empty(), "{:?}", diff(&r, &s));
        assert_eq!(sent_config(&s)["channel"], "cruddur-errors");
    }

    #[test]
    fn filters_compare_as_a_set_with_values_as_strings() {
        let s = spec(
            "email",
            vec![
                json!({"type": "framework", "operation": "eq", "value": "14"}),
                json!({"type": "level", "operation": "gte", "value": "error"}),
            ],
            json!({"teams": ["Owners", "Dev"]}),
        );
        let r = rule(
            vec![
                json!({"type": "level", "operation": "gte", "value": "error"}),
                json!({"type": "framework", "operation": "eq", "value": 14}),
            ],
            json!({"teams": ["Dev", "Owners"], "users": []}),
        );
        assert!(diff(&r, &s).is_empty());
        let r = rule(
            vec![json!({"type": "level", "operation": "gte", "value": "critical"})],
            json!({"teams": ["Dev"]}),
        );
        let d = diff(&r, &s);
        assert_eq!(
            d.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(),
            ["filters", "config.teams"]
        );
    }

    #[test]
    fn a_pagerduty_service_key_is_never_shown_in_a_change() {
        let s = spec(
            "pagerduty",
            vec![],
            json!({"service_key": "0123456789abcdef0123"}),
        );
        let r = rule(vec![], json!({"service_key": "fedcba98765432100123"}));
        let d = diff(&r, &s);
        let shown = d[0].describe();
        assert!(
            !shown.contains("456789abcdef") && !shown.contains("ba9876543210"),
            "{shown}"
        );
    }
}
