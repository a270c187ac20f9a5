//! `[environments.NAME]`: dev, staging, prod in one manifest. The rest of the file is the shared part, written
//! once and a complete manifest on its own; an environment names its AWS `profile` and `region` (or `regions`)
//! and overrides only what differs, in the same sections and keys (`[environments.prod.logs]`,
//! `[environments.prod.honeycomb]` ...), as Cargo's `[profile.release]` overrides the defaults:
//!
//! - a table is merged key by key, a value replaces the shared one;
//! - in a list of tables (`[[logs.groups]]`, `[[honeycomb.triggers]]` ...) an entry overrides the shared entry
//!   with the same `name` (`alias` for calculated fields, `file` for sampling rules, `type` for marker
//!   settings, `channel` + `trigger` for Rollbar notifications) and is added when there is none;
//! - any other list replaces the shared one.
//!
//! Each environment is then checked as a whole manifest by the same rules, its errors naming the environment.

use serde::Deserialize;
use toml::{Table, Value};

use super::source::Source;
use crate::error::{Error, Result};

/// The sections an environment may override (the manifest's own top-level tables).
pub const SECTIONS: [&str; 5] = ["xray", "logs", "honeycomb", "rollbar", "secrets"];

/// `--env all`.
pub const ALL: &str = "all";

/// One `[environments.NAME]`, checked, with its overrides still to merge.
#[derive(Debug, Clone)]
pub struct Environment {
    pub name: String,
    /// The AWS profile whose credentials (and, without `region`, whose region) its calls use.
    pub profile: Option<String>,
    /// Its regions in the manifest's order; empty: the run's region (the profile's, `--region`, AWS_REGION).
    pub regions: Vec<String>,
    /// The sections it overrides, as written.
    pub overrides: Table,
}

/// Read only to refuse unknown keys and wrong types: the sections are kept as written, in `overrides`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RawEnvironment {
    profile: Option<String>,
    region: Option<String>,
    regions: Option<Vec<String>>,
    xray: Option<Table>,
    logs: Option<Table>,
    honeycomb: Option<Table>,
    rollbar: Option<Table>,
    secrets: Option<Table>,
}

/// Check every `[environments.NAME]` (names, profile, regions, which sections) and keep its overrides.
pub fn check(raw: Table, src: &Source) -> Result<Vec<Environment>> {
    let mut out = Vec::new();
    for (name, value) in raw {
        let key = format!("environments.{name}");
        let at = src.key(&key);
        check_name(&name).map_err(|e| e.context(&at))?;
        let Value::Table(table) = value else {
            return Err(Error::usage(format!(
                "{at}: an environment is a table such as `[environments.{name}]` with `profile` and `region`"
            )));
        };
        let raw: RawEnvironment = Value::Table(table.clone()).try_into().map_err(|e| {
            let e: toml::de::Error = e;
            Error::usage(format!("{at}: {}", e.message().trim())).with_help(format!(
                "an environment takes `profile`, `region` or `regions`, and the sections it overrides: {}",
                SECTIONS.join(", ")
            ))
        })?;
        let regions = match (raw.region, raw.regions) {
            (Some(_), Some(_)) => {
                return Err(Error::usage(format!(
                    "{at}: both `region` and `regions`: give one"
                )))
            }
            (Some(r), None) => vec![r],
            (None, Some(rs)) if rs.is_empty() => {
                return Err(Error::usage(format!(
                    "{}: `regions` is empty: name at least one region, or leave it out for the profile's",
                    src.key(&format!("{key}.regions"))
                )))
            }
            (None, Some(rs)) => rs,
            (None, None) => Vec::new(),
        };
        for (i, r) in regions.iter().enumerate() {
            let r_at = src.key(&format!("{key}.region"));
            if r.trim().is_empty() || r.contains(char::is_whitespace) {
                return Err(Error::usage(format!(
                    "{r_at}: `{r}` is not a region name (such as `us-east-1`)"
                )));
            }
            if regions[..i].contains(r) {
                return Err(Error::usage(format!("{r_at}: `{r}` appears twice")));
            }
        }
        if raw.profile.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return Err(Error::usage(format!(
                "{}: the profile name is empty",
                src.key(&format!("{key}.profile"))
            )));
        }
        let overrides = SECTIONS
            .iter()
            .filter_map(|s| table.get(*s).map(|v| (s.to_string(), v.clone())))
            .collect();
        out.push(Environment {
            name,
            profile: raw.profile,
            regions,
            overrides,
        });
    }
    Ok(out)
}

/// Letters, digits, `-` and `_` (a name people type after `--env`); `all` means every environment.
fn check_name(name: &str) -> Result<()> {
    if name == ALL {
        return Err(Error::usage(
            "`all` is not an environment name: `--env all` means every environment",
        ));
    }
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::usage(format!(
            "`{name}` is not an environment name: use letters, digits, `-` and `_` (it is typed after `--env`)"
        )));
    }
    Ok(())
}

/// The shared part with an environment's overrides merged in (the rules are in the module docs).
pub fn merge(shared: &Table, overrides: &Table) -> Table {
    let mut out = shared.clone();
    for (k, v) in overrides {
        let merged = match (out.get(k), v) {
            (Some(Value::Table(a)), Value::Table(b)) => Value::Table(merge(a, b)),
            (Some(Value::Array(a)), Value::Array(b)) if is_tables(a) && is_tables(b) => {
                Value::Array(merge_entries(a, b))
            }
            _ => v.clone(),
        };
        out.insert(k.clone(), merged);
    }
    out
}

fn is_tables(a: &[Value]) -> bool {
    a.iter().all(Value::is_table)
}

/// The keys that name an entry of a list of tables, by which an environment's entry finds the shared one.
const IDENTITY: [&[&str]; 5] = [
    &["name"],
    &["alias"],
    &["file"],
    &["channel", "trigger"],
    &["type"],
];

fn identity(entry: &Value) -> Option<Vec<&Value>> {
    let t = entry.as_table()?;
    IDENTITY
        .iter()
        .find_map(|keys| keys.iter().map(|k| t.get(*k)).collect::<Option<Vec<_>>>())
}

fn merge_entries(shared: &[Value], overrides: &[Value]) -> Vec<Value> {
    let mut out = shared.to_vec();
    for o in overrides {
        let found = identity(o).and_then(|id| {
            out.iter()
                .position(|s| identity(s).is_some_and(|sid| sid == id))
        });
        match (found, o) {
            (Some(i), Value::Table(b)) => {
                if let Value::Table(a) = &out[i] {
                    out[i] = Value::Table(merge(a, b));
                }
            }
            _ => out.push(o.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(s: &str) -> Table {
        s.parse().unwrap()
    }

    #[test]
    fn tables_merge_key_by_key_and_entries_by_their_name() {
        let shared = table(
            r#"
[[logs.groups]]
name = "cruddur"
retention_days = 7
streams = ["app"]
[[logs.groups]]
name = "cruddur-audit"
[xray.transaction_search]
indexing_percentage = 1
[honeycomb]
environment = "cruddur-dev"
service_name = "backend-flask"
"#,
        );
        let overrides = table(
            r#"
[[logs.groups]]
name = "cruddur"
retention_days = 90
[[logs.groups]]
name = "cruddur-prod-only"
[xray.transaction_search]
indexing_percentage = 5
[honeycomb]
environment = "cruddur-prod"
"#,
        );
        let m = merge(&shared, &overrides);
        let groups = m["logs"]["groups"].as_array().unwrap();
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0]["retention_days"].as_integer(), Some(90));
        assert_eq!(groups[0]["streams"].as_array().unwrap().len(), 1);
        assert_eq!(groups[1]["name"].as_str(), Some("cruddur-audit"));
        assert_eq!(groups[2]["name"].as_str(), Some("cruddur-prod-only"));
        assert_eq!(
            m["xray"]["transaction_search"]["indexing_percentage"].as_integer(),
            Some(5)
        );
        assert_eq!(m["honeycomb"]["environment"].as_str(), Some("cruddur-prod"));
        assert_eq!(
            m["honeycomb"]["service_name"].as_str(),
            Some("backend-flask")
        );
    }

    #[test]
    fn a_list_of_values_is_replaced_and_notifications_match_by_channel_and_trigger() {
        let shared = table(
            "[[rollbar.notifications]]\nchannel = \"email\"\ntrigger = \"new_item\"\nrecipients = [\"a@x.io\"]\n\
             [[rollbar.notifications]]\nchannel = \"email\"\ntrigger = \"reactivated_item\"\n",
        );
        let overrides = table(
            "[[rollbar.notifications]]\nchannel = \"email\"\ntrigger = \"new_item\"\nrecipients = [\"oncall@x.io\"]\n",
        );
        let m = merge(&shared, &overrides);
        let n = m["rollbar"]["notifications"].as_array().unwrap();
        assert_eq!(n.len(), 2);
        assert_eq!(n[0]["recipients"].as_array().unwrap().len(), 1);
        assert_eq!(n[0]["recipients"][0].as_str(), Some("oncall@x.io"));
    }

    #[test]
    fn names_are_what_people_type() {
        assert!(check_name("prod").is_ok() && check_name("eu_prod-2").is_ok());
        assert!(check_name("all").unwrap_err().message.contains("--env all"));
        assert!(check_name("my env")
            .unwrap_err()
            .message
            .contains("letters, digits"));
    }
}
