//! The X-Ray part of `o11y init`: the account's groups as `[[xray.groups]]`, and its sampling rules, each as
//! a rule file under `json/` in the AWS CLI's input format (`xray create-sampling-rule --cli-input-json`,
//! which `o11y xray create-sampling-rule --file` and the manifest read) with its tags, named by
//! `[[xray.sampling_rules]]`. What the manifest cannot hold is left out with the reason: a group without a
//! filter expression, X-Ray's `Default` sampling rule (priority 10000, which can be neither created nor
//! deleted). Groups' tags are not read: the manifest has no key for them.

use std::path::Path;

use super::found::{quote, Existing, Found, NewFile, Resource};
use crate::context::{Calls, Context};
use crate::error::Result;
use crate::xray::api::{Group, Insights, SamplingRuleRecord, Tag, XrayApi};
use crate::xray::create_group::GroupSpec;
use crate::xray::rule_file::{self, RuleInput};

/// Where rule files go, relative to the manifest's folder.
pub const RULES_DIR: &str = "json";

/// Read the groups and the sampling rules (with their tags). `dir` is the manifest's folder: a rule file
/// already there that holds the same rule is used as it is.
pub async fn read(ctx: &Context, dir: &Path) -> Result<Found> {
    let api = XrayApi::new(ctx.xray(Calls::Paging).await?);
    let (groups, rules) = tokio::try_join!(api.groups(), api.sampling_rules())?;
    let mut found = Found::default();
    for g in groups {
        group(&mut found, g);
    }
    let mut inputs = Vec::new();
    for r in rules {
        if let Some(input) = rule(&mut found, &api, r).await {
            inputs.push(input);
        }
    }
    // In X-Ray's order (priority, then name), as `o11y xray sampling-rules` lists them.
    inputs.sort_by(|a, b| {
        (a.rule.priority, &a.rule.rule_name).cmp(&(b.rule.priority, &b.rule.rule_name))
    });
    for input in inputs {
        let file = place(dir, &input, &found.files);
        found.toml.push_str(&format!(
            "[[xray.sampling_rules]]\nfile = {}\n\n",
            quote(&file.path)
        ));
        found.resources.push(Resource {
            kind: "xray sampling rule",
            name: input.rule.rule_name.clone(),
            file: file.path.clone(),
        });
        found.files.push(file);
    }
    Ok(found)
}

fn group(found: &mut Found, g: Group) {
    let Some(filter) = g.filter_expression.filter(|f| !f.trim().is_empty()) else {
        found.skip(
            "xray group",
            &g.name,
            "it has no filter expression, which every group of the manifest needs",
        );
        return;
    };
    let spec = GroupSpec {
        name: g.name,
        filter_expression: filter,
        insights: g.insights,
    };
    if let Err(e) = spec.validate() {
        found.skip("xray group", &spec.name, e.message);
        return;
    }
    let Insights {
        insights_enabled,
        notifications_enabled,
    } = spec.insights;
    found.toml.push_str(&format!(
        "[[xray.groups]]\nname = {}\nfilter_expression = {}\ninsights = {insights_enabled}\nnotifications = {notifications_enabled}\n\n",
        quote(&spec.name),
        quote(&spec.filter_expression),
    ));
    found.resource("xray group", &spec.name);
}

/// The rule as a rule file would hold it, with its tags; `None` (and a skipped row) when the manifest cannot
/// hold it. A rule whose tags cannot be read is kept without them, with a note.
async fn rule(found: &mut Found, api: &XrayApi, r: SamplingRuleRecord) -> Option<RuleInput> {
    let mut rule = r.rule;
    let arn = rule.rule_arn.take();
    let mut input = RuleInput {
        rule,
        tags: Vec::new(),
    };
    let problems = rule_file::problems(&input, "");
    if !problems.is_empty() {
        let why = if input.rule.rule_name == "Default" {
            "X-Ray's own Default rule (priority 10000) can be neither created nor deleted, and the manifest's rules take priorities 1 to 9999; change it with `aws xray update-sampling-rule`".to_string()
        } else {
            format!("a rule file cannot hold it: {}", problems.join("; "))
        };
        found.skip("xray sampling rule", &input.rule.rule_name, why);
        return None;
    }
    if let Some(arn) = arn {
        match api.tags(&arn).await {
            Ok(mut tags) => {
                tags.sort_by(|a, b| a.key.cmp(&b.key));
                input.tags = tags;
            }
            Err(e) => found.notes.push(format!(
                "sampling rule `{}`: its tags could not be read ({}), so its rule file has none",
                input.rule.rule_name, e.message
            )),
        }
    }
    Some(input)
}

/// The rule file as written: `{"SamplingRule": {...}, "Tags": [...]}`, two-space indented.
pub fn rule_json(input: &RuleInput) -> String {
    let mut v = serde_json::json!({ "SamplingRule": input.rule });
    if !input.tags.is_empty() {
        v["Tags"] = serde_json::json!(input.tags);
    }
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// Whether a rule file says the same as `input` (tags in any order).
fn same_rule(a: &RuleInput, b: &RuleInput) -> bool {
    let sorted = |t: &[Tag]| {
        let mut t = t.to_vec();
        t.sort_by(|x, y| (&x.key, &x.value).cmp(&(&y.key, &y.value)));
        t
    };
    a.rule == b.rule && sorted(&a.tags) == sorted(&b.tags)
}

/// Where the rule's file goes. A file under `json/` that already holds this rule (by name) is the one: kept
/// when it says the same, replaced (with `--force`) when not. Otherwise `json/<name>.json`, the name reduced
/// to the characters a file name keeps everywhere (`-2`... when two rules reduce to one name).
fn place(dir: &Path, input: &RuleInput, taken: &[NewFile]) -> NewFile {
    let contents = rule_json(input);
    if let Some((path, existing)) = existing_rule_file(dir, input) {
        return NewFile {
            path,
            contents,
            existing,
        };
    }
    let stem: String = input
        .rule
        .rule_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_start_matches('.').to_string();
    let stem = if stem.is_empty() { "rule".into() } else { stem };
    let mut n = 1;
    let path = loop {
        let p = match n {
            1 => format!("{RULES_DIR}/{stem}.json"),
            n => format!("{RULES_DIR}/{stem}-{n}.json"),
        };
        // Not a path another rule of this run takes, nor a file that holds another rule.
        let other = rule_file::load(&dir.join(&p))
            .is_ok_and(|old| old.rule.rule_name != input.rule.rule_name);
        if !taken.iter().any(|f| f.path == p) && !other {
            break p;
        }
        n += 1;
    };
    let existing = match rule_file::load(&dir.join(&path)) {
        Ok(old) if same_rule(&old, input) => Existing::Same,
        _ if dir.join(&path).exists() => Existing::Different,
        _ => Existing::Absent,
    };
    NewFile {
        path,
        contents,
        existing,
    }
}

/// A rule file under `dir/json/` that holds the rule named as `input`'s, and whether it says the same.
fn existing_rule_file(dir: &Path, input: &RuleInput) -> Option<(String, Existing)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir.join(RULES_DIR))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let Ok(old) = rule_file::load(&p) else {
            continue;
        };
        if old.rule.rule_name != input.rule.rule_name {
            continue;
        }
        let name = p.file_name()?.to_string_lossy().into_owned();
        let existing = if same_rule(&old, input) {
            Existing::Same
        } else {
            Existing::Different
        };
        return Some((format!("{RULES_DIR}/{name}"), existing));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str) -> RuleInput {
        let mut i = rule_file::parse(include_str!("../../json/xray.json")).unwrap();
        i.rule.rule_name = name.into();
        i
    }

    #[test]
    fn a_rule_file_reads_back_as_the_same_rule_with_floats_and_attributes_exact() {
        let mut i = input("Checkout");
        i.rule.fixed_rate = 0.05;
        i.rule
            .attributes
            .insert("http.route".into(), "/api/x".into());
        i.tags = vec![Tag {
            key: "team".into(),
            value: "cruddur".into(),
        }];
        let back = rule_file::parse(&rule_json(&i)).unwrap();
        assert_eq!(back, i);
        assert!(rule_json(&i).contains("\"FixedRate\": 0.05,"));
    }

    #[test]
    fn a_file_that_holds_the_rule_is_reused_and_new_names_are_safe_and_unique() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("json")).unwrap();
        std::fs::write(
            dir.path().join("json/xray.json"),
            include_str!("../../json/xray.json"),
        )
        .unwrap();
        let f = place(dir.path(), &input("Cruddur"), &[]);
        assert_eq!(
            (f.path.as_str(), f.existing),
            ("json/xray.json", Existing::Same)
        );
        let mut changed = input("Cruddur");
        changed.rule.priority = 1;
        let f = place(dir.path(), &changed, &[]);
        assert_eq!(
            (f.path.as_str(), f.existing),
            ("json/xray.json", Existing::Different)
        );
        let f = place(dir.path(), &input("a b/c"), &[]);
        assert_eq!(
            (f.path.as_str(), f.existing),
            ("json/a-b-c.json", Existing::Absent)
        );
        let g = place(dir.path(), &input("a:b/c"), &[f]);
        assert_eq!(g.path, "json/a-b-c-2.json");
        // A file of that name that holds another rule is not this rule's.
        std::fs::write(
            dir.path().join("json/xray.json"),
            include_str!("../../json/xray.json"),
        )
        .unwrap();
        let h = place(dir.path(), &input("xray"), &[]);
        assert_eq!(
            (h.path.as_str(), h.existing),
            ("json/xray-2.json", Existing::Absent)
        );
    }
}
