//! "Ensure" commands (`xray create-group`, `xray create-sampling-rule`, `logs create-group`, `setup`) read the
//! current state, then create, update only what differs, or leave the resource alone. Each reports what it did:
//! one [`Ensured`] per resource, or a [`Report`] of several [`Outcome`]s (setup, `transaction-search --enable`).

use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::output::{table, Render, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Created,
    Updated,
    Unchanged,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Unchanged => "unchanged",
        }
    }

    fn styled(self, style: &Style) -> String {
        match self {
            Action::Created => style.green(self.as_str()),
            Action::Updated => style.yellow(self.as_str()),
            Action::Unchanged => style.dim(self.as_str()),
        }
    }
}

/// One field that differs: what it is, and what it will be.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub field: String,
    pub from: Value,
    pub to: Value,
}

impl Change {
    pub fn new(field: &str, from: impl Into<Value>, to: impl Into<Value>) -> Self {
        Change {
            field: field.to_string(),
            from: from.into(),
            to: to.into(),
        }
    }

    pub fn json(&self) -> Value {
        json!({ "field": self.field, "from": self.from, "to": self.to })
    }

    /// `Priority: 9000 → 100`
    pub fn describe(&self) -> String {
        format!("{}: {} → {}", self.field, self.from, self.to)
    }
}

/// What an ensure did (or, in a dry run, would do) to one resource.
#[derive(Debug, Clone)]
pub struct Ensured {
    /// `xray group`, `xray sampling rule`, `logs group`
    pub kind: &'static str,
    pub name: String,
    pub action: Action,
    pub changes: Vec<Change>,
    /// The resource as the service describes it, under its own key (`"Group"`, `"SamplingRule"` ...).
    pub resource_key: &'static str,
    pub resource: Value,
}

impl Ensured {
    pub fn changes_text(&self) -> String {
        self.changes
            .iter()
            .map(Change::describe)
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn row(&self, style: &Style) -> Vec<String> {
        vec![
            self.kind.to_string(),
            self.name.clone(),
            self.action.styled(style),
            self.changes_text(),
        ]
    }
}

pub const HEADERS: [&str; 4] = ["KIND", "NAME", "ACTION", "CHANGES"];

impl Render for Ensured {
    fn json(&self) -> Value {
        let mut v = json!({
            "action": self.action.as_str(),
            "changes": self.changes.iter().map(Change::json).collect::<Vec<_>>(),
        });
        v[self.resource_key] = self.resource.clone();
        v
    }

    fn text(&self, style: &Style) -> String {
        table(style, &HEADERS, [self.row(style)], &[])
    }
}

/// What an ensure did (or would do) to one resource of several, or why it failed.
pub struct Outcome {
    pub kind: &'static str,
    pub name: String,
    pub result: Result<Ensured>,
}

impl Outcome {
    pub fn new(kind: &'static str, name: impl Into<String>, result: Result<Ensured>) -> Self {
        Outcome {
            kind,
            name: name.into(),
            result,
        }
    }
}

/// Several outcomes, one row each (a failed one with its error, and its fix under the table); with `dry_run`,
/// what would be done.
pub struct Report {
    pub outcomes: Vec<Outcome>,
    pub dry_run: bool,
}

impl Render for Report {
    fn json(&self) -> Value {
        Value::Array(
            self.outcomes
                .iter()
                .map(|o| {
                    let mut v = match &o.result {
                        Ok(e) => json!({
                            "kind": o.kind, "name": o.name, "action": e.action.as_str(),
                            "changes": e.changes.iter().map(Change::json).collect::<Vec<_>>(),
                        }),
                        Err(err) => json!({
                            "kind": o.kind, "name": o.name, "action": "failed", "changes": [], "error": err.message,
                            "fix": err.help,
                        }),
                    };
                    if self.dry_run {
                        v["dry_run"] = json!(true);
                    }
                    v
                })
                .collect(),
        )
    }

    fn text(&self, style: &Style) -> String {
        let rows = self.outcomes.iter().map(|o| match &o.result {
            Ok(e) => {
                let mut row = e.row(style);
                if self.dry_run && e.action != Action::Unchanged {
                    row[2] = format!("would {}", e.action.as_str().trim_end_matches('d'));
                }
                row
            }
            Err(err) => vec![
                o.kind.to_string(),
                o.name.clone(),
                style.red("failed"),
                err.message.clone(),
            ],
        });
        let mut s = table(style, &HEADERS, rows, &[]);
        for o in &self.outcomes {
            if let Err(Error {
                help: Some(help), ..
            }) = &o.result
            {
                s.push_str(&format!(
                    "{} {} {}: {help}\n",
                    style.bold("fix:"),
                    o.kind,
                    o.name
                ));
            }
        }
        s
    }
}

/// What a `delete-*` command did: deleted the resource, or (with `--if-exists`) found nothing to delete.
#[derive(Debug, Clone)]
pub struct Deleted {
    pub kind: &'static str,
    /// The service's field name for the resource's name (`GroupName`, `RuleName`, `logGroupName`).
    pub name_key: &'static str,
    pub name: String,
    pub existed: bool,
}

impl Render for Deleted {
    fn json(&self) -> Value {
        let mut v = json!({ "action": if self.existed { "deleted" } else { "absent" } });
        v[self.name_key] = json!(self.name);
        v
    }

    fn text(&self, style: &Style) -> String {
        if self.existed {
            format!("{} {} {}\n", style.red("deleted"), self.kind, self.name)
        } else {
            format!(
                "{} {} did not exist: nothing to delete\n",
                self.kind, self.name
            )
        }
    }
}

/// The fields whose values differ between two JSON objects, in the order given. Numbers compare with a
/// tolerance (a rate of 0.1 read back from a service is still 0.1); an absent field equals `null`.
pub fn diff_fields(current: &Value, desired: &Value, fields: &[&str]) -> Vec<Change> {
    fn same(a: &Value, b: &Value) -> bool {
        match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => (x - y).abs() < 1e-9,
            _ => a == b,
        }
    }
    fields
        .iter()
        .filter_map(|f| {
            let (a, b) = (
                current.get(f).unwrap_or(&Value::Null),
                desired.get(f).unwrap_or(&Value::Null),
            );
            (!same(a, b)).then(|| Change::new(f, a.clone(), b.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_reports_only_fields_that_differ() {
        let cur = json!({"Priority": 9000, "FixedRate": 0.1, "Host": "*"});
        let want = json!({"Priority": 100, "FixedRate": 0.1000000000001, "Host": "*", "Attributes": {"a": "b"}});
        let d = diff_fields(
            &cur,
            &want,
            &["Priority", "FixedRate", "Host", "Attributes"],
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].describe(), "Priority: 9000 → 100");
        assert_eq!(d[1].field, "Attributes");
        assert_eq!(d[1].from, Value::Null);
    }
}
