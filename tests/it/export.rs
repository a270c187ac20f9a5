//! `o11y export cloudformation`: the template of the Cruddur manifest and of a manifest with every kind of
//! resource passes cfn-lint (pinned in tests/requirements.txt, installed into .venv by scripts/test), holds
//! every AWS resource of the manifest with the same values, and names on stderr and in its Metadata what it
//! leaves out. A broken template is caught by the same lint, so the lint test can fail. No AWS call is made.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use support::{repo_root, run, Run, Sandbox};

/// `.venv/bin/cfn-lint`, installed by scripts/test.
fn cfn_lint() -> PathBuf {
    let exe = repo_root().join(".venv/bin/cfn-lint");
    assert!(
        exe.exists(),
        "{} is missing: run the tests with `scripts/test`, which installs cfn-lint into .venv",
        exe.display()
    );
    exe
}

/// cfn-lint's exit code and its findings, for a template written to `dir`.
fn lint(dir: &Path, template: &Value) -> (i32, String) {
    let path = dir.join("template.json");
    std::fs::write(&path, serde_json::to_string_pretty(template).unwrap()).unwrap();
    let out = Command::new(cfn_lint())
        .arg("--")
        .arg(&path)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// `o11y export cloudformation` with no AWS settings at all (nothing may be called).
fn export(sb: &Sandbox, args: &[&str]) -> Run {
    run(sb.o11y().args(["export", "cloudformation"]).args(args))
}

/// The resources of one type, by their properties.
fn of_type<'a>(t: &'a Value, kind: &str) -> Vec<&'a Value> {
    t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .filter(|r| r["Type"] == kind)
        .map(|r| &r["Properties"])
        .collect()
}

#[test]
fn the_cruddur_manifest_exports_a_template_that_lints_clean_and_names_what_it_leaves_out() {
    let sb = Sandbox::new();
    let manifest = repo_root().join("o11y.toml");
    let r = export(&sb, &["--file", manifest.to_str().unwrap()]);
    r.code(0);
    let t = r.json();
    let (code, findings) = lint(sb.home.path(), &t);
    assert_eq!(code, 0, "cfn-lint found:\n{findings}");
    assert_eq!(findings.trim(), "");

    // The values of o11y.toml and json/xray.json.
    let groups = of_type(&t, "AWS::XRay::Group");
    assert_eq!(
        groups,
        [
            &json!({"GroupName": "Cruddur", "FilterExpression": "service(\"backend-flask\")",
                 "InsightsConfiguration": {"InsightsEnabled": false, "NotificationsEnabled": false}})
        ]
    );
    let rule: Value =
        serde_json::from_str(&std::fs::read_to_string(repo_root().join("json/xray.json")).unwrap())
            .unwrap();
    assert_eq!(of_type(&t, "AWS::XRay::SamplingRule"), [&rule]);
    assert_eq!(
        of_type(&t, "AWS::Logs::LogGroup"),
        [&json!({"LogGroupName": "cruddur", "RetentionInDays": 7})]
    );
    assert_eq!(
        of_type(&t, "AWS::XRay::TransactionSearchConfig"),
        [&json!({"IndexingPercentage": 1.0})]
    );
    let res = &t["Resources"];
    assert_eq!(res["LogGroupCruddur"]["DeletionPolicy"], "Retain");
    assert_eq!(res["LogGroupCruddur"]["UpdateReplacePolicy"], "Retain");
    assert_eq!(
        res["XRayTransactionSearchConfig"]["DependsOn"],
        json!(["LogsResourcePolicyXRayTransactionSearch"])
    );

    // One template for every account: no account id, region or partition of its own.
    let text = r.stdout.clone();
    assert!(
        !text.contains("123456789012") && !text.contains("us-east-1") && !text.contains("arn:aws:"),
        "{text}"
    );
    let doc = res["LogsResourcePolicyXRayTransactionSearch"]["Properties"]["PolicyDocument"]
        ["Fn::Sub"]
        .as_str()
        .unwrap();
    let doc: Value = serde_json::from_str(doc).unwrap();
    assert_eq!(
        doc["Statement"][0]["Resource"],
        json!([
            "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:aws/spans:*",
            "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/application-signals/data:*"
        ])
    );
    assert_eq!(
        doc["Statement"][0]["Condition"],
        json!({"ArnLike": {"aws:SourceArn": "arn:${AWS::Partition}:xray:${AWS::Region}:${AWS::AccountId}:*"},
               "StringEquals": {"aws:SourceAccount": "${AWS::AccountId}"}})
    );

    // What CloudFormation cannot express: in the template and on stderr.
    let left_out: Vec<&str> = t["Metadata"]["o11y"]["not_in_template"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["part"].as_str().unwrap())
        .collect();
    assert_eq!(
        left_out,
        [
            "[xray.transaction_search] spans_retention_days = 30",
            "[honeycomb]",
            "[rollbar]"
        ]
    );
    for part in left_out {
        assert!(
            r.stderr
                .contains(&format!("o11y: warning: not in the template: {part}: ")),
            "{part}: {}",
            r.stderr
        );
    }
    assert!(
        t["Description"]
            .as_str()
            .unwrap()
            .contains("Not in this template"),
        "{}",
        t["Description"]
    );

    // `-o json` is the template itself, as the default output is.
    let j = export(&sb, &["--file", manifest.to_str().unwrap(), "-o", "json"]);
    j.code(0);
    assert_eq!(j.json(), t);
}

const EVERY_KIND: &str = r#"
[[xray.groups]]
name = "Cruddur"
filter_expression = 'service("backend-flask")'

[[xray.groups]]
name = "checkout-faults"
filter_expression = "service(\"checkout\") AND fault = true AND annotation.tier = \"gold's\""
insights = true
notifications = true

[[xray.sampling_rules]]
file = "json/xray.json"

[[xray.sampling_rules]]
file = "json/checkout.json"

[xray.transaction_search]
indexing_percentage = 2.5

[[logs.groups]]
name = "cruddur"
retention_days = 7

[[logs.groups]]
name = "/aws/lambda/fn-1"

[[logs.groups]]
name = "a.b_c#d"
retention_days = 3653

[honeycomb]
service_name = "backend-flask"

[rollbar]
environment = "production"

[secrets]
file = ".env"
"#;

fn checkout_rule() -> Value {
    json!({
        "SamplingRule": {
            "RuleName": "checkout", "ResourceARN": "*", "Priority": 100, "FixedRate": 0.05, "ReservoirSize": 0,
            "ServiceName": "checkout", "ServiceType": "AWS::ECS::Container", "Host": "shop.example.com",
            "HTTPMethod": "POST", "URLPath": "/api/checkout/*", "Version": 1,
            "Attributes": {"http.route": "/api/checkout", "tier": "gold"},
            "SamplingRateBoost": {"MaxRate": 0.25, "CooldownWindowMinutes": 5}
        },
        "Tags": [{"Key": "app", "Value": "cruddur"}, {"Key": "team", "Value": "payments"}]
    })
}

fn every_kind() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("o11y.toml", EVERY_KIND);
    std::fs::create_dir(sb.home.path().join("json")).unwrap();
    sb.write(
        "json/xray.json",
        &std::fs::read_to_string(repo_root().join("json/xray.json")).unwrap(),
    );
    sb.write(
        "json/checkout.json",
        &serde_json::to_string_pretty(&checkout_rule()).unwrap(),
    );
    sb
}

#[test]
fn a_manifest_with_every_kind_of_resource_exports_them_all_with_the_same_values_and_lints_clean() {
    let sb = every_kind();
    let r = export(&sb, &[]);
    r.code(0);
    let t = r.json();
    let (code, findings) = lint(sb.home.path(), &t);
    assert_eq!(code, 0, "cfn-lint found:\n{findings}");

    let groups = of_type(&t, "AWS::XRay::Group");
    assert_eq!(groups.len(), 2);
    assert_eq!(
        groups[1],
        &json!({"GroupName": "checkout-faults",
                "FilterExpression": "service(\"checkout\") AND fault = true AND annotation.tier = \"gold's\"",
                "InsightsConfiguration": {"InsightsEnabled": true, "NotificationsEnabled": true}})
    );
    let rules = of_type(&t, "AWS::XRay::SamplingRule");
    assert_eq!(rules.len(), 2);
    // The rule file exactly: the float, the attributes, the boost and the tags.
    assert_eq!(rules[1], &checkout_rule());
    assert_eq!(rules[1]["SamplingRule"]["FixedRate"].as_f64(), Some(0.05));
    assert_eq!(
        of_type(&t, "AWS::Logs::LogGroup"),
        [
            &json!({"LogGroupName": "cruddur", "RetentionInDays": 7}),
            &json!({"LogGroupName": "/aws/lambda/fn-1"}),
            &json!({"LogGroupName": "a.b_c#d", "RetentionInDays": 3653}),
        ]
    );
    assert_eq!(
        of_type(&t, "AWS::XRay::TransactionSearchConfig"),
        [&json!({"IndexingPercentage": 2.5})]
    );
    assert_eq!(of_type(&t, "AWS::Logs::ResourcePolicy").len(), 1);
    let ids: Vec<&String> = t["Resources"].as_object().unwrap().keys().collect();
    assert_eq!(
        ids,
        [
            "XRayGroupCruddur",
            "XRayGroupCheckoutFaults",
            "XRaySamplingRuleCruddur",
            "XRaySamplingRuleCheckout",
            "LogsResourcePolicyXRayTransactionSearch",
            "XRayTransactionSearchConfig",
            "LogGroupCruddur",
            "LogGroupAwsLambdaFn1",
            "LogGroupABCD",
        ]
    );
    for part in ["[honeycomb]", "[rollbar]", "[secrets]"] {
        assert!(
            r.stderr.contains(&format!("not in the template: {part}: ")),
            "{}",
            r.stderr
        );
    }
    assert!(
        r.stderr
            .contains("Make sure Transaction Search is disabled before you enable"),
        "{}",
        r.stderr
    );
}

/// The lint is a real check: a template o11y would never write fails it.
#[test]
fn cfn_lint_catches_a_broken_template() {
    let sb = every_kind();
    let t = export(&sb, &[]).json();
    let mut broken = t.clone();
    broken["Resources"]["XRayTransactionSearchConfig"]["Properties"]["IndexingPercentage"] =
        json!(150);
    let (code, findings) = lint(sb.home.path(), &broken);
    assert_eq!(code, 2, "{findings}");
    assert!(
        findings.contains("E3034 150 is greater than the maximum of 100"),
        "{findings}"
    );

    let mut broken = t.clone();
    broken["Resources"]["LogGroupCruddur"]["Properties"]["RetentionInDays"] = json!(8);
    let (code, findings) = lint(sb.home.path(), &broken);
    assert_eq!(code, 2, "{findings}");
    assert!(findings.contains("E3030"), "{findings}");

    let mut broken = t;
    broken["Resources"]["XRaySamplingRuleCruddur"]["Properties"]["SamplingRule"]
        .as_object_mut()
        .unwrap()
        .remove("Host");
    let (code, findings) = lint(sb.home.path(), &broken);
    assert_eq!(code, 2, "{findings}");
    assert!(
        findings.contains("'Host' is a required property"),
        "{findings}"
    );
}

#[test]
fn a_manifest_without_aws_resources_or_a_bad_one_is_a_usage_error_before_anything_is_printed() {
    let sb = Sandbox::new();
    sb.write("o11y.toml", "[honeycomb]\nservice_name = \"x\"\n");
    let r = export(&sb, &[]);
    r.code(2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .contains("o11y: error: `o11y.toml` has no AWS resource for a template to hold"),
        "{}",
        r.stderr
    );

    sb.write("o11y.toml", "[xray.transaction_search]\nenabled = false\n");
    let r = export(&sb, &[]);
    r.code(2);
    assert!(
        r.stderr.contains("help: [xray.transaction_search] enabled = false: CloudFormation has no resource that sends segments back to X-Ray"),
        "{}",
        r.stderr
    );

    sb.write(
        "o11y.toml",
        "[[logs.groups]]\nname = \"x\"\nretention_days = 8\n",
    );
    let r = export(&sb, &[]);
    r.code(2);
    assert!(
        r.stderr
            .contains("o11y.toml:3: logs.groups[0].retention_days"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");

    let r = export(&Sandbox::new(), &[]);
    r.code(2);
    assert!(
        r.stderr.contains("cannot read the manifest `o11y.toml`"),
        "{}",
        r.stderr
    );
}

#[test]
fn env_prod_exports_prods_values_and_lints_clean() {
    let manifest = r#"
[[xray.sampling_rules]]
file = "xray.json"

[[logs.groups]]
name = "cruddur"
retention_days = 7

[xray.transaction_search]
indexing_percentage = 1

[environments.dev]
profile = "cruddur-dev"
region = "us-east-1"

[environments.prod]
profile = "cruddur-prod"
regions = ["us-east-1", "eu-west-1"]

[[environments.prod.logs.groups]]
name = "cruddur"
retention_days = 90

[[environments.prod.logs.groups]]
name = "cruddur-audit"
retention_days = 365

[[environments.prod.xray.sampling_rules]]
file = "xray.json"
fixed_rate = 0.01

[environments.prod.xray.transaction_search]
indexing_percentage = 5
"#;
    let sb = Sandbox::with_manifest(manifest);
    let r = export(&sb, &["--env", "prod"]);
    r.code(0);
    let t = r.json();
    let (code, findings) = lint(sb.home.path(), &t);
    assert_eq!(code, 0, "cfn-lint found:\n{findings}");
    let groups: Vec<(Value, Value)> = of_type(&t, "AWS::Logs::LogGroup")
        .iter()
        .map(|p| (p["LogGroupName"].clone(), p["RetentionInDays"].clone()))
        .collect();
    assert_eq!(
        groups,
        [
            (json!("cruddur"), json!(90)),
            (json!("cruddur-audit"), json!(365))
        ]
    );
    let rules = of_type(&t, "AWS::XRay::SamplingRule");
    assert_eq!(rules[0]["SamplingRule"]["FixedRate"], json!(0.01));
    let ts = of_type(&t, "AWS::XRay::TransactionSearchConfig");
    assert_eq!(ts[0]["IndexingPercentage"].as_f64(), Some(5.0));

    // dev: the shared values.
    let r = export(&sb, &["--env", "dev"]);
    r.code(0);
    let t = r.json();
    assert_eq!(
        of_type(&t, "AWS::Logs::LogGroup")[0]["RetentionInDays"],
        json!(7)
    );
    assert_eq!(
        of_type(&t, "AWS::XRay::SamplingRule")[0]["SamplingRule"]["FixedRate"],
        json!(0.1)
    );
    // Without --env, or with all: a usage error, nothing on stdout.
    for args in [&[][..], &["--env", "all"][..]] {
        let r = export(&sb, args);
        r.code(2);
        assert!(r.stdout.is_empty());
    }
}
