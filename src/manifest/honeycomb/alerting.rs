//! `[[honeycomb.recipients]]`, `[[honeycomb.triggers]]`, `[[honeycomb.slos]]`, `[[honeycomb.burn_alerts]]`
//! and `[[honeycomb.marker_settings]]`, checked by the v1 reference's rules (lengths, ranges, the trigger
//! query subset, a burn alert's numbers for its type).

use serde::Deserialize;
use serde_json::{Map, Value};

use super::rules::Check;
use crate::error::Result;

/// `[[honeycomb.recipients]]`: team-wide, by its `type` and `details` as the Recipients API takes them.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    #[serde(rename = "type")]
    pub kind: String,
    pub details: Map<String, Value>,
}

/// Each recipient type: its required detail fields (the first is the one a trigger's `target` names), then
/// the optional ones.
const RECIPIENT_TYPES: [(&str, &[&str], &[&str]); 6] = [
    ("email", &["email_address"], &[]),
    ("slack", &["slack_channel"], &[]),
    (
        "pagerduty",
        &["pagerduty_integration_name", "pagerduty_integration_key"],
        &[],
    ),
    (
        "webhook",
        &["webhook_name", "webhook_url"],
        &["webhook_secret", "webhook_headers", "webhook_payloads"],
    ),
    ("msteams", &["webhook_name", "webhook_url"], &[]),
    ("msteams_workflow", &["webhook_name", "webhook_url"], &[]),
];

impl Recipient {
    /// The detail field a recipient is known by (its `target` in a trigger): the address, the channel, the
    /// integration's or webhook's name.
    pub fn target_field(kind: &str) -> Option<&'static str> {
        RECIPIENT_TYPES
            .iter()
            .find(|(t, ..)| *t == kind)
            .map(|(_, required, _)| required[0])
    }

    /// What the manifest names this recipient by (in triggers and burn alerts).
    pub fn target(&self) -> String {
        Self::target_field(&self.kind)
            .and_then(|f| self.details.get(f))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    }
}

/// `[[honeycomb.triggers]]`.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    pub dataset: String,
    pub name: String,
    pub description: Option<String>,
    /// The query in Honeycomb's query-spec form (the trigger subset).
    pub query: Map<String, Value>,
    pub frequency: Option<i64>,
    pub threshold: Threshold,
    pub alert_type: Option<TriggerAlertType>,
    pub disabled: Option<bool>,
    /// Recipients by what they are known by (an address, a channel, a webhook's name).
    #[serde(default)]
    pub recipients: Vec<String>,
}

/// The reference's default `frequency` (seconds).
pub const DEFAULT_FREQUENCY: i64 = 900;

impl Trigger {
    pub fn frequency(&self) -> i64 {
        self.frequency.unwrap_or(DEFAULT_FREQUENCY)
    }
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub op: ThresholdOp,
    pub value: f64,
    pub exceeded_limit: Option<i64>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
pub enum ThresholdOp {
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
}

impl ThresholdOp {
    pub fn as_str(self) -> &'static str {
        match self {
            ThresholdOp::Gt => ">",
            ThresholdOp::Ge => ">=",
            ThresholdOp::Lt => "<",
            ThresholdOp::Le => "<=",
        }
    }
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TriggerAlertType {
    OnChange,
    OnTrue,
}

impl TriggerAlertType {
    pub fn as_str(self) -> &'static str {
        match self {
            TriggerAlertType::OnChange => "on_change",
            TriggerAlertType::OnTrue => "on_true",
        }
    }
}

/// `[[honeycomb.slos]]`: `sli` is the alias of a calculated field.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Slo {
    pub dataset: String,
    pub name: String,
    pub description: Option<String>,
    pub sli: String,
    pub target_per_million: i64,
    pub time_period_days: i64,
    /// The datasets of an environment-wide (`__all__`) SLO.
    pub dataset_slugs: Option<Vec<String>>,
}

/// `[[honeycomb.burn_alerts]]` of an SLO (by its name), known by its type and numbers.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BurnAlert {
    pub slo: String,
    #[serde(default)]
    pub alert_type: BurnAlertType,
    pub exhaustion_minutes: Option<i64>,
    pub budget_rate_window_minutes: Option<i64>,
    pub budget_rate_decrease_threshold_per_million: Option<i64>,
    pub description: Option<String>,
    #[serde(default)]
    pub recipients: Vec<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BurnAlertType {
    #[default]
    ExhaustionTime,
    BudgetRate,
}

impl BurnAlertType {
    pub fn as_str(self) -> &'static str {
        match self {
            BurnAlertType::ExhaustionTime => "exhaustion_time",
            BurnAlertType::BudgetRate => "budget_rate",
        }
    }
}

impl BurnAlert {
    /// How setup names it: `latency: exhaustion_time 240 min`, `latency: budget_rate 10000 ppm in 60 min`.
    pub fn label(&self) -> String {
        match self.alert_type {
            BurnAlertType::ExhaustionTime => format!(
                "{}: exhaustion_time {} min",
                self.slo,
                self.exhaustion_minutes.unwrap_or_default()
            ),
            BurnAlertType::BudgetRate => format!(
                "{}: budget_rate {} ppm in {} min",
                self.slo,
                self.budget_rate_decrease_threshold_per_million
                    .unwrap_or_default(),
                self.budget_rate_window_minutes.unwrap_or_default()
            ),
        }
    }
}

/// `[[honeycomb.marker_settings]]`: the colour of a marker type in a dataset (or `__all__`).
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MarkerSetting {
    pub dataset: String,
    #[serde(rename = "type")]
    pub marker_type: String,
    pub color: String,
}

/// The query-spec fields of the reference; a trigger may not use the last five.
const QUERY_FIELDS: [&str; 15] = [
    "calculations",
    "filters",
    "filter_combination",
    "breakdowns",
    "havings",
    "time_range",
    "granularity",
    "formulas",
    "calculated_fields",
    "compare_time_offset_seconds",
    "orders",
    "limit",
    "start_time",
    "end_time",
    "usage_mode",
];
const NOT_IN_TRIGGERS: usize = 10;

pub fn check(
    c: &Check,
    recipients: &[Recipient],
    triggers: &[Trigger],
    slos: &[Slo],
    burn_alerts: &[BurnAlert],
    markers: &[MarkerSetting],
) -> Result<()> {
    for (i, r) in recipients.iter().enumerate() {
        check_recipient(c, &format!("honeycomb.recipients[{i}]"), r)?;
    }
    c.unique(recipients, "recipients", "details", |r| {
        format!("{} {}", r.kind, r.target())
    })?;
    for (i, t) in triggers.iter().enumerate() {
        check_trigger(c, &format!("honeycomb.triggers[{i}]"), t)?;
    }
    c.unique(triggers, "triggers", "name", |t| {
        format!("{}/{}", t.dataset, t.name)
    })?;
    for (i, s) in slos.iter().enumerate() {
        let at = format!("honeycomb.slos[{i}]");
        c.text(&format!("{at}.dataset"), &s.dataset, 1, 255)?;
        c.text(&format!("{at}.name"), &s.name, 1, 120)?;
        if let Some(d) = &s.description {
            c.text(&format!("{at}.description"), d, 0, 1023)?;
        }
        c.text(&format!("{at}.sli"), &s.sli, 1, 255)?;
        c.range(
            &format!("{at}.target_per_million"),
            s.target_per_million,
            0,
            999_999,
        )?;
        c.range(
            &format!("{at}.time_period_days"),
            s.time_period_days,
            1,
            i64::MAX,
        )?;
        if s.dataset == super::resources::ALL_DATASETS
            && s.dataset_slugs.as_ref().is_none_or(Vec::is_empty)
        {
            return Err(c
                .err(
                    &format!("{at}.dataset_slugs"),
                    "an environment-wide SLO (dataset = \"__all__\") needs its datasets",
                )
                .with_help("add dataset_slugs = [\"<dataset>\", ...]"));
        }
    }
    c.unique(slos, "slos", "name", |s| s.name.clone())?;
    for (i, b) in burn_alerts.iter().enumerate() {
        check_burn_alert(c, &format!("honeycomb.burn_alerts[{i}]"), b, slos)?;
    }
    c.unique(burn_alerts, "burn_alerts", "slo", BurnAlert::label)?;
    for (i, m) in markers.iter().enumerate() {
        let at = format!("honeycomb.marker_settings[{i}]");
        c.text(&format!("{at}.dataset"), &m.dataset, 1, 255)?;
        c.text(&format!("{at}.type"), &m.marker_type, 1, 255)?;
        let hex = m.color.strip_prefix('#').unwrap_or("x");
        if !matches!(hex.len(), 3 | 6) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(c
                .err(
                    &format!("{at}.color"),
                    format!("`{}` is not a hexadecimal RGB colour", m.color),
                )
                .with_help("e.g. color = \"#F96E11\""));
        }
    }
    c.unique(markers, "marker_settings", "type", |m| {
        format!("{}/{}", m.dataset, m.marker_type)
    })
}

fn check_recipient(c: &Check, at: &str, r: &Recipient) -> Result<()> {
    let Some((_, required, optional)) = RECIPIENT_TYPES.iter().find(|(t, ..)| *t == r.kind) else {
        let types: Vec<&str> = RECIPIENT_TYPES.iter().map(|(t, ..)| *t).collect();
        return Err(c
            .err(
                &format!("{at}.type"),
                format!("`{}` is not a recipient type", r.kind),
            )
            .with_help(format!("one of: {}", types.join(", "))));
    };
    for k in r.details.keys() {
        if !required.contains(&k.as_str()) && !optional.contains(&k.as_str()) {
            return Err(c
                .err(
                    &format!("{at}.details.{k}"),
                    format!("a recipient of type `{}` has no detail `{k}`", r.kind),
                )
                .with_help(format!(
                    "its details: {}",
                    required
                        .iter()
                        .chain(optional.iter())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
        }
    }
    for k in *required {
        match r.details.get(*k) {
            Some(Value::String(s)) => c.text(&format!("{at}.details.{k}"), s, 1, 2048)?,
            Some(_) => {
                return Err(c.err(&format!("{at}.details.{k}"), "must be a string"));
            }
            None => {
                return Err(c.err(
                    &format!("{at}.details"),
                    format!("a recipient of type `{}` needs `{k}`", r.kind),
                ));
            }
        }
    }
    let text = |k: &str| r.details.get(k).and_then(Value::as_str);
    for (k, max) in [
        ("webhook_name", 255),
        ("webhook_url", 2048),
        ("webhook_secret", 255),
    ] {
        if let Some(v) = text(k) {
            c.text(&format!("{at}.details.{k}"), v, 1, max)?;
        }
    }
    if let Some(key) = text("pagerduty_integration_key") {
        if variable_reference(key).is_none() && key.chars().count() != 32 {
            return Err(c.err(
                &format!("{at}.details.pagerduty_integration_key"),
                "a PagerDuty integration key is 32 characters",
            ));
        }
    }
    if let Some(h) = r.details.get("webhook_headers") {
        let ok = h.as_array().is_some_and(|a| {
            a.len() <= 5
                && a.iter().all(|e| {
                    e["header"]
                        .as_str()
                        .is_some_and(|s| !s.is_empty() && s.len() <= 64)
                        && e.get("value")
                            .is_none_or(|v| v.as_str().is_some_and(|s| s.len() <= 750))
                })
        });
        if !ok {
            return Err(c
                .err(
                    &format!("{at}.details.webhook_headers"),
                    "at most 5 headers, each { header = \"<name>\" (64 characters at most), value = \"...\" }",
                ));
        }
    }
    Ok(())
}

fn check_trigger(c: &Check, at: &str, t: &Trigger) -> Result<()> {
    c.text(&format!("{at}.dataset"), &t.dataset, 1, 255)?;
    c.text(&format!("{at}.name"), &t.name, 1, 120)?;
    if let Some(d) = &t.description {
        c.text(&format!("{at}.description"), d, 0, 1023)?;
    }
    let freq = t.frequency();
    if t.frequency.is_some() {
        c.range(&format!("{at}.frequency"), freq, 60, 86_400)?;
        if freq % 60 != 0 {
            return Err(c.err(
                &format!("{at}.frequency"),
                format!("{freq} is not a multiple of 60 seconds"),
            ));
        }
    }
    if let Some(n) = t.threshold.exceeded_limit {
        c.range(&format!("{at}.threshold.exceeded_limit"), n, 1, 5)?;
    }
    let q = &t.query;
    for k in q.keys() {
        let key = format!("{at}.query.{k}");
        match QUERY_FIELDS.iter().position(|f| f == k) {
            None => {
                return Err(c
                    .err(&key, format!("`{k}` is not a field of a query spec"))
                    .with_help(format!(
                        "a trigger's query takes: {}",
                        QUERY_FIELDS[..NOT_IN_TRIGGERS].join(", ")
                    )))
            }
            Some(i) if i >= NOT_IN_TRIGGERS => {
                return Err(c.err(&key, format!("a trigger's query may not have `{k}`")))
            }
            Some(_) => {}
        }
    }
    let calcs = q.get("calculations").and_then(Value::as_array);
    let Some(calcs) = calcs.filter(|a| !a.is_empty()) else {
        return Err(c
            .err(
                &format!("{at}.query"),
                "a trigger's query needs at least one calculation",
            )
            .with_help("e.g. query = { calculations = [{ op = \"COUNT\" }], time_range = 900 }"));
    };
    for (j, calc) in calcs.iter().enumerate() {
        let op = calc["op"].as_str().unwrap_or("COUNT");
        if op == "HEATMAP" || op == "CONCURRENCY" {
            return Err(c.err(
                &format!("{at}.query.calculations[{j}].op"),
                format!("a trigger cannot use {op}"),
            ));
        }
    }
    if let Some(fc) = q.get("filter_combination") {
        if fc != "AND" && fc != "OR" {
            return Err(c.err(&format!("{at}.query.filter_combination"), "AND or OR"));
        }
    }
    if let Some(tr) = q.get("time_range") {
        let max = (4 * freq).min(86_400);
        let key = format!("{at}.query.time_range");
        let Some(tr) = tr.as_i64() else {
            return Err(c.err(&key, "must be a number of seconds"));
        };
        if tr < freq || tr > max {
            return Err(c.err(
                &key,
                format!(
                    "{tr} s: a trigger's time range is between its frequency ({freq} s) and {max} s"
                ),
            ));
        }
    }
    Ok(())
}

fn check_burn_alert(c: &Check, at: &str, b: &BurnAlert, slos: &[Slo]) -> Result<()> {
    let Some(slo) = slos.iter().find(|s| s.name == b.slo) else {
        return Err(c
            .err(
                &format!("{at}.slo"),
                format!("no [[honeycomb.slos]] is named `{}`", b.slo),
            )
            .with_help("a burn alert names an SLO of the manifest"));
    };
    if let Some(d) = &b.description {
        c.text(&format!("{at}.description"), d, 0, 1023)?;
    }
    let numbers = [
        ("exhaustion_minutes", b.exhaustion_minutes),
        ("budget_rate_window_minutes", b.budget_rate_window_minutes),
        (
            "budget_rate_decrease_threshold_per_million",
            b.budget_rate_decrease_threshold_per_million,
        ),
    ];
    let (mine, others) = match b.alert_type {
        BurnAlertType::ExhaustionTime => (&numbers[..1], &numbers[1..]),
        BurnAlertType::BudgetRate => (&numbers[1..], &numbers[..1]),
    };
    for (k, v) in mine {
        if v.is_none() {
            return Err(c.err(
                at,
                format!("a {} burn alert needs `{k}`", b.alert_type.as_str()),
            ));
        }
    }
    for (k, v) in others {
        if v.is_some() {
            return Err(c.err(
                &format!("{at}.{k}"),
                format!("a {} burn alert takes no `{k}`", b.alert_type.as_str()),
            ));
        }
    }
    if let Some(m) = b.exhaustion_minutes {
        c.range(&format!("{at}.exhaustion_minutes"), m, 0, i64::MAX)?;
    }
    if let Some(w) = b.budget_rate_window_minutes {
        let max = slo.time_period_days.saturating_mul(1440);
        c.range(&format!("{at}.budget_rate_window_minutes"), w, 60, max)?;
    }
    if let Some(t) = b.budget_rate_decrease_threshold_per_million {
        c.range(
            &format!("{at}.budget_rate_decrease_threshold_per_million"),
            t,
            1,
            1_000_000,
        )?;
    }
    if b.recipients.is_empty() {
        return Err(c
            .err(
                &format!("{at}.recipients"),
                "a burn alert needs at least one recipient",
            )
            .with_help(
                "recipients = [\"oncall@example.com\"] (a [[honeycomb.recipients]] target)",
            ));
    }
    Ok(())
}

/// A value of a recipient's secret detail may be `${NAME}`: the run's variable NAME (from the environment or
/// the secrets sink), so that o11y.toml need not hold the secret.
pub fn variable_reference(v: &str) -> Option<&str> {
    v.strip_prefix("${")?.strip_suffix('}')
}
