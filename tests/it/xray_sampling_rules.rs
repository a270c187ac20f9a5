//! `o11y xray sampling-rules`, `create-sampling-rule --file`, `delete-sampling-rule` against the X-Ray fake.

use crate::support;

use serde_json::{json, Value};
use support::xray::XrayFake;
use support::{repo_root, run, Sandbox};

fn cruddur() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo_root().join("json/xray.json")).unwrap())
        .unwrap()
}

fn rule_file(sb: &Sandbox, v: &Value) -> String {
    sb.write("rule.json", &serde_json::to_string_pretty(v).unwrap())
        .display()
        .to_string()
}

#[test]
fn the_shipped_cruddur_rule_is_created_exactly_then_left_alone() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let file = repo_root().join("json/xray.json");
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "create-sampling-rule", "--file"])
        .arg(&file));
    r.code(0);
    assert!(
        r.stdout.contains("xray sampling rule  Cruddur  created"),
        "{}",
        r.stdout
    );
    let sent = fake.requests_to("/CreateSamplingRule")[0].json();
    assert_eq!(
        sent,
        json!({"SamplingRule": cruddur()["SamplingRule"]}),
        "the rule was not sent as written"
    );

    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "create-sampling-rule", "--file"])
        .arg(&file)
        .args(["-o", "json"]));
    r.code(0);
    let v = r.json();
    assert_eq!(v["action"], "unchanged");
    assert_eq!(
        v["SamplingRuleRecord"]["SamplingRule"]["RuleName"],
        "Cruddur"
    );
    assert_eq!(
        fake.writes(),
        ["/CreateSamplingRule"],
        "the second run wrote something"
    );
}

#[test]
fn a_changed_file_updates_only_the_fields_that_differ() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let mut v = cruddur();
    fake.add_rule(v["SamplingRule"].clone());
    v["SamplingRule"]["Priority"] = json!(100);
    v["SamplingRule"]["FixedRate"] = json!(0.5);
    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-sampling-rule",
        "--file",
        &rule_file(&sb, &v),
        "-o",
        "json",
    ]));
    r.code(0);
    let out = r.json();
    assert_eq!(out["action"], "updated");
    assert_eq!(
        out["changes"],
        json!([{"field": "Priority", "from": 9000, "to": 100}, {"field": "FixedRate", "from": 0.1, "to": 0.5}])
    );
    let sent = fake.requests_to("/UpdateSamplingRule")[0].json();
    assert_eq!(
        sent,
        json!({"SamplingRuleUpdate": {"RuleName": "Cruddur", "Priority": 100, "FixedRate": 0.5}})
    );
    assert_eq!(fake.rule("Cruddur").unwrap()["Priority"], 100);
    assert_eq!(fake.writes(), ["/UpdateSamplingRule"]);
}

#[test]
fn a_version_that_differs_is_an_error_not_a_silent_recreate() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let mut existing = cruddur()["SamplingRule"].clone();
    existing["Version"] = json!(2);
    fake.add_rule(existing);
    let file = repo_root().join("json/xray.json");
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "create-sampling-rule", "--file"])
        .arg(&file));
    r.code(1);
    assert!(
        r.stderr
            .contains("Version cannot be changed in place (X-Ray has 2, the file says 1)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("help: delete the rule with `o11y xray delete-sampling-rule Cruddur`"),
        "{}",
        r.stderr
    );
    assert!(fake.writes().is_empty());
}

#[test]
fn a_bare_rule_object_and_tags_are_accepted() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let bare = cruddur()["SamplingRule"].clone();
    run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-sampling-rule",
        "--file",
        &rule_file(&sb, &bare),
    ]))
    .code(0);
    assert_eq!(
        fake.requests_to("/CreateSamplingRule")[0].json(),
        json!({"SamplingRule": bare})
    );

    let mut tagged = cruddur();
    tagged["SamplingRule"]["RuleName"] = json!("Tagged");
    tagged["Tags"] = json!([{"Key": "app", "Value": "cruddur"}]);
    run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-sampling-rule",
        "--file",
        &rule_file(&sb, &tagged),
    ]))
    .code(0);
    assert_eq!(
        fake.requests_to("/CreateSamplingRule")[1].json()["Tags"],
        json!([{"Key": "app", "Value": "cruddur"}])
    );
}

#[test]
fn sampling_rules_lists_every_page_in_priority_order_through_throttling() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    for (name, prio) in [("zeta", 10), ("alpha", 500), ("mid", 50), ("Cruddur", 9000)] {
        let mut r = cruddur()["SamplingRule"].clone();
        r["RuleName"] = json!(name);
        r["Priority"] = json!(prio);
        fake.add_rule(r);
    }
    fake.throttle_next(2);
    let r = run(sb.o11y_aws(fake.url()).args(["xray", "sampling-rules"]));
    r.code(0);
    let names: Vec<&str> = r
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(names, ["zeta", "mid", "alpha", "Cruddur", "Default"]);
    assert!(
        r.stdout.lines().nth(4).unwrap().contains("10%"),
        "{}",
        r.stdout
    );
    assert_eq!(fake.requests_to("/GetSamplingRules").len(), 2 + 3);

    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "sampling-rules", "-o", "json"]));
    let recs = r.json()["SamplingRuleRecords"].as_array().unwrap().clone();
    assert_eq!(recs.len(), 5);
    assert_eq!(
        recs[4]["SamplingRule"]["RuleARN"],
        "arn:aws:xray:us-east-1:123456789012:sampling-rule/Default"
    );
    assert_eq!(recs[4]["CreatedAt"], "2023-11-14T22:13:20Z");
}

#[test]
fn every_bad_rule_file_exits_2_naming_the_file_and_field_before_any_request() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let set = |field: &str, value: Value| {
        let mut v = cruddur();
        v["SamplingRule"][field] = value;
        v
    };
    let mut missing = cruddur();
    missing["SamplingRule"]
        .as_object_mut()
        .unwrap()
        .remove("ReservoirSize");
    let cases = [
        (
            set("Priority", json!(0)),
            "SamplingRule.Priority must be between 1 and 9999 (got 0)",
        ),
        (
            set("Priority", json!(10000)),
            "SamplingRule.Priority must be between 1 and 9999 (got 10000)",
        ),
        (
            set("FixedRate", json!(1.01)),
            "SamplingRule.FixedRate must be between 0 and 1 (got 1.01)",
        ),
        (
            set("FixedRate", json!(-0.1)),
            "SamplingRule.FixedRate must be between 0 and 1",
        ),
        (
            set("ReservoirSize", json!(-1)),
            "SamplingRule.ReservoirSize must be 0 or more (got -1)",
        ),
        (
            set("Version", json!(0)),
            "SamplingRule.Version must be 1 or more",
        ),
        (
            set("RuleName", json!("")),
            "SamplingRule.RuleName must be 1 to 32 characters (got 0)",
        ),
        (
            set("RuleName", json!("r".repeat(33))),
            "SamplingRule.RuleName must be 1 to 32 characters (got 33)",
        ),
        (set("Priorty", json!(9000)), "unknown field `Priorty`"),
        (missing, "missing field `ReservoirSize`"),
    ];
    for (v, expected) in cases {
        let file = rule_file(&sb, &v);
        let r =
            run(sb
                .o11y_aws(fake.url())
                .args(["xray", "create-sampling-rule", "--file", &file]));
        r.code(2);
        assert!(
            r.stderr.contains(&format!("o11y: error: {file}: ")),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(expected),
            "expected {expected:?} in {}",
            r.stderr
        );
    }
    let file = sb.write(
        "broken.json",
        "{\n  \"SamplingRule\": {\n    \"RuleName\": \"x\",\n  }\n}\n",
    );
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "create-sampling-rule", "--file"])
        .arg(&file));
    r.code(2);
    assert!(
        r.stderr.contains("malformed JSON: ") && r.stderr.contains("line 4 column 3"),
        "{}",
        r.stderr
    );

    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "create-sampling-rule",
        "--file",
        "nope/missing.json",
    ]));
    r.code(2);
    assert!(
        r.stderr.contains("cannot read `nope/missing.json`"),
        "{}",
        r.stderr
    );
    assert!(
        fake.calls().is_empty(),
        "a request was sent: {:?}",
        fake.calls()
    );
}

#[test]
fn delete_sampling_rule_deletes_and_a_missing_rule_is_an_error_unless_if_exists() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    fake.add_rule(cruddur()["SamplingRule"].clone());
    let r = run(sb.o11y_aws(fake.url()).args([
        "xray",
        "delete-sampling-rule",
        "Cruddur",
        "-o",
        "json",
    ]));
    r.code(0);
    assert_eq!(
        r.json(),
        json!({"action": "deleted", "RuleName": "Cruddur"})
    );
    assert!(fake.rule("Cruddur").is_none());
    assert_eq!(
        fake.requests_to("/DeleteSamplingRule")[0].json(),
        json!({"RuleName": "Cruddur"})
    );

    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "delete-sampling-rule", "Cruddur"]));
    r.code(1);
    assert!(
        r.stderr
            .contains("o11y: error: sampling rule `Cruddur` not found"),
        "{}",
        r.stderr
    );
    run(sb
        .o11y_aws(fake.url())
        .args(["xray", "delete-sampling-rule", "Cruddur", "--if-exists"]))
    .code(0);
}
