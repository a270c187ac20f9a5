//! `o11y init` against an account "set up by hand": X-Ray resources made through the X-Ray fake's API,
//! CloudWatch Logs resources (and the Transaction Search resource policy) through moto's, Honeycomb and
//! Rollbar by their fakes (the Honeycomb team fake where a management key reads the environment, Rollbar's
//! account routes where an account token names the project). The manifest it writes must describe the account exactly: a `setup --dry-run`
//! right after reports every resource `unchanged` and makes no write call. Each test has a moto of its own
//! (init lists every log group and resource policy of the region).

use crate::support;

use serde_json::{json, Value};
use support::honeycomb::{self as hc, HoneycombFake};
use support::honeycomb_v2::{new_environment, HoneycombTeam, MGMT_SECRET};
use support::logs::{FaultProxy, Logs};
use support::moto::Moto;
use support::rollbar::{self as rb, RollbarFake};
use support::rollbar_account::ACCOUNT_READ_TOKEN;
use support::xray::{guide_policy, XrayFake};
use support::{repo_root, run, Run, Sandbox, SECRET_ACCESS_KEY};

struct Account {
    sb: Sandbox,
    moto: Moto,
    /// o11y's CloudWatch Logs calls go through it (STS goes to moto directly), so its record holds only o11y's.
    logs: FaultProxy,
    xray: XrayFake,
    honeycomb: HoneycombFake,
    /// A whole Honeycomb team (v2 management API and v1), for the environment a management key shows.
    team: HoneycombTeam,
    rollbar: RollbarFake,
    vendors: bool,
}

/// A rule with values that need care: a float that binary cannot hold exactly, attributes, a boost, an
/// empty reservoir.
fn checkout_rule() -> Value {
    json!({
        "RuleName": "checkout", "ResourceARN": "*", "Priority": 100, "FixedRate": 0.05, "ReservoirSize": 0,
        "ServiceName": "checkout", "ServiceType": "AWS::ECS::Container", "Host": "shop.example.com",
        "HTTPMethod": "POST", "URLPath": "/api/checkout/*", "Version": 1,
        "Attributes": {"http.route": "/api/checkout", "tier": "gold"},
        "SamplingRateBoost": {"MaxRate": 0.25, "CooldownWindowMinutes": 5}
    })
}

impl Account {
    fn new() -> Account {
        let moto = Moto::start();
        let logs = FaultProxy::start(&moto.url);
        Account {
            sb: Sandbox::new(),
            moto,
            logs,
            xray: XrayFake::start(),
            honeycomb: HoneycombFake::start(),
            team: HoneycombTeam::start(),
            rollbar: RollbarFake::start(),
            vendors: false,
        }
    }

    /// o11y with X-Ray at the fake, CloudWatch Logs at moto through the proxy, STS at moto, and, with `vendors`,
    /// the Honeycomb and Rollbar keys of an app that reports to both.
    fn o11y(&self) -> assert_cmd::Command {
        let mut cmd = self.sb.o11y_aws(&self.moto.url);
        cmd.env("AWS_ENDPOINT_URL_XRAY", self.xray.url())
            .env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", self.logs.url());
        if self.vendors {
            cmd.env("HONEYCOMB_API_KEY", hc::ENV_KEY)
                .env("HONEYCOMB_API_ENDPOINT", self.honeycomb.url())
                .env("OTEL_SERVICE_NAME", "backend-flask")
                .env("ROLLBAR_ACCESS_TOKEN", rb::SERVER_TOKEN)
                .env("ROLLBAR_READ_ACCESS_TOKEN", rb::READ_TOKEN)
                .env("ROLLBAR_ENDPOINT", self.rollbar.endpoint())
                .env("ROLLBAR_ENVIRONMENT", "production");
        }
        cmd
    }

    /// Every write Honeycomb and Rollbar received (`METHOD path`): the items, deploys, markers and
    /// provisioning calls.
    fn vendor_writes(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .honeycomb
            .server
            .requests()
            .into_iter()
            .chain(self.rollbar.requests())
            .filter(|r| r.method != "GET")
            .map(|r| format!("{} {}", r.method, r.path))
            .collect();
        all.extend(self.team.writes());
        all
    }

    fn xray_call(&self, path: &str, body: Value) -> Value {
        let (status, answer) = self.xray.call(path, body);
        assert_eq!(status, 200, "{path}: {answer}");
        answer
    }

    /// Everything a team clicked together, through the services' own APIs.
    fn set_up_by_hand(&mut self) {
        self.xray_call(
            "/CreateGroup",
            json!({"GroupName": "Cruddur", "FilterExpression": "service(\"backend-flask\")"}),
        );
        self.xray_call(
            "/CreateGroup",
            json!({"GroupName": "checkout-faults",
                   "FilterExpression": "service(\"checkout\") AND fault = true AND annotation.tier = \"gold's\"",
                   "InsightsConfiguration": {"InsightsEnabled": true, "NotificationsEnabled": true}}),
        );
        // The API takes a group without a filter expression; the manifest cannot hold one.
        self.xray_call("/CreateGroup", json!({"GroupName": "everything"}));
        let cruddur: Value = serde_json::from_str(
            &std::fs::read_to_string(repo_root().join("json/xray.json")).unwrap(),
        )
        .unwrap();
        self.xray_call(
            "/CreateSamplingRule",
            json!({"SamplingRule": cruddur["SamplingRule"], "Tags": [{"Key": "app", "Value": "cruddur"}]}),
        );
        self.xray_call(
            "/CreateSamplingRule",
            json!({"SamplingRule": checkout_rule()}),
        );
        let mut rare = cruddur["SamplingRule"].clone();
        rare["RuleName"] = json!("rare");
        rare["Priority"] = json!(5000);
        rare["FixedRate"] = json!(0.001);
        self.xray_call("/CreateSamplingRule", json!({"SamplingRule": rare}));

        // Transaction Search as the console does it: the policy, the destination (waited for), indexing.
        let direct = Logs::new(&self.moto.url);
        direct.call(
            "PutResourcePolicy",
            json!({"policyName": "TransactionSearchAccess", "policyDocument": guide_policy().to_string()}),
        );
        self.xray_call(
            "/UpdateTraceSegmentDestination",
            json!({"Destination": "CloudWatchLogs"}),
        );
        while self.xray_call("/GetTraceSegmentDestination", json!({}))["Status"] != "ACTIVE" {}
        self.xray_call(
            "/UpdateIndexingRule",
            json!({"Name": "Default", "Rule": {"Probabilistic": {"DesiredSamplingPercentage": 2.5}}}),
        );
        direct.create_group("aws/spans");
        direct.put_retention("aws/spans", 30);

        direct.create_group("/cruddur/backend-flask");
        direct.put_retention("/cruddur/backend-flask", 14);
        direct.create_group("/cruddur/frontend");
        direct.create_group("legacy-app");
        direct.put_retention("legacy-app", 3653);

        self.rollbar.add_noise(2);
        self.vendors = true;
    }
}

fn read(sb: &Sandbox, path: &str) -> String {
    std::fs::read_to_string(sb.home.path().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `(kind, name, action)` of every row of `setup -o json`.
fn actions(r: &Run) -> Vec<(String, String, String)> {
    r.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let s = |k: &str| o[k].as_str().unwrap_or_default().to_string();
            (s("kind"), s("name"), s("action"))
        })
        .collect()
}

#[test]
fn init_describes_an_account_set_up_by_hand_so_exactly_that_setup_dry_run_changes_nothing() {
    let mut a = Account::new();
    a.set_up_by_hand();
    let xray_writes = a.xray.writes().len();

    let r = run(a.o11y().args(["init", "-o", "json"]));
    r.code(0);
    let v = r.json();
    assert_eq!(
        v["written"],
        json!([
            "json/checkout.json",
            "json/rare.json",
            "json/Cruddur.json",
            "o11y.toml"
        ])
    );
    let resources: Vec<(String, String)> = v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("xray group", "Cruddur"),
        ("xray group", "checkout-faults"),
        ("xray sampling rule", "checkout"),
        ("xray sampling rule", "rare"),
        ("xray sampling rule", "Cruddur"),
        ("xray transaction search", "CloudWatchLogs"),
        ("logs group", "/cruddur/backend-flask"),
        ("logs group", "/cruddur/frontend"),
        ("logs group", "legacy-app"),
        ("honeycomb", "production"),
        ("honeycomb dataset", "backend-flask"),
        ("honeycomb dataset", "frontend-react-js"),
        ("rollbar", "production"),
    ]
    .map(|(k, n)| (k.to_string(), n.to_string()));
    assert_eq!(resources, expected);
    let skipped: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, ["everything", "Default", "aws/spans"]);
    // Without a management key and an account token, setup could not confirm the environment and the project:
    // both are comments, and said.
    assert_eq!(
        v["notes"],
        json!([
            "Honeycomb: environment `Production` is a comment in [honeycomb], not a key: setup reads an environment with a management key, and HONEYCOMB_KEY_ID and HONEYCOMB_KEY_SECRET are not set; with one, `o11y init --force` writes it",
            "Rollbar: the token's project is 1, but setup finds [rollbar] project by name with an account token, and ROLLBAR_ACCOUNT_ACCESS_TOKEN is not set, so `project` is not written; with one (the read scope is enough), `o11y init --force` writes it"
        ]),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("o11y: warning: Honeycomb: environment `Production` is a comment"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("left out xray sampling rule `Default`: X-Ray's own Default rule"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("wrote json/checkout.json, json/rare.json, json/Cruddur.json, o11y.toml; check it with `o11y setup --dry-run`"),
        "{}",
        r.stderr
    );
    assert_eq!(a.xray.writes().len(), xray_writes, "init wrote to X-Ray");
    assert!(
        a.logs.writes().is_empty(),
        "init wrote to Logs: {:?}",
        a.logs.writes()
    );

    let toml = read(&a.sb, "o11y.toml");
    for line in [
        "# o11y's manifest, written by `o11y init` from account 123456789012 in us-east-1 on ",
        "[[xray.groups]]\nname = \"Cruddur\"\nfilter_expression = 'service(\"backend-flask\")'\ninsights = false\nnotifications = false\n",
        "name = \"checkout-faults\"\nfilter_expression = \"service(\\\"checkout\\\") AND fault = true AND annotation.tier = \\\"gold's\\\"\"\ninsights = true\nnotifications = true\n",
        "[[xray.sampling_rules]]\nfile = \"json/checkout.json\"\n",
        "[xray.transaction_search]\nenabled = true\nindexing_percentage = 2.5\nspans_retention_days = 30\n",
        "[[logs.groups]]\nname = \"/cruddur/backend-flask\"\nretention_days = 14\n",
        "[[logs.groups]]\nname = \"/cruddur/frontend\"\n# keeps its events for ever",
        "name = \"legacy-app\"\nretention_days = 3653\n",
        "# Team Cruddur (cruddur), environment Production (production).\n[honeycomb]\nservice_name = \"backend-flask\"\n\
         # environment = \"Production\"   # not written: setup reads an environment with a management key, and HONEYCOMB_KEY_ID and HONEYCOMB_KEY_SECRET are not set\n\n\
         [[honeycomb.datasets]]\nname = \"backend-flask\"\ndescription = \"the API\"\nexpand_json_depth = 2\n\n\
         [[honeycomb.datasets]]\nname = \"frontend-react-js\"\nexpand_json_depth = 0\n\n",
        "# Project 1 (the project of its newest occurrence, read with ROLLBAR_READ_ACCESS_TOKEN; not written as `project`, see o11y init's warning).\n# Environments of its newest occurrences: production.\n[rollbar]\nenvironment = \"production\"\n",
    ] {
        assert!(toml.contains(line), "no {line:?} in\n{toml}");
    }

    // Each rule file holds the rule exactly as X-Ray has it (floats, attributes, the boost), with its tags.
    let file: Value = serde_json::from_str(&read(&a.sb, "json/checkout.json")).unwrap();
    assert_eq!(file, json!({"SamplingRule": checkout_rule()}));
    let file: Value = serde_json::from_str(&read(&a.sb, "json/Cruddur.json")).unwrap();
    assert_eq!(file["Tags"], json!([{"Key": "app", "Value": "cruddur"}]));
    assert_eq!(file["SamplingRule"]["FixedRate"], json!(0.1));
    let file: Value = serde_json::from_str(&read(&a.sb, "json/rare.json")).unwrap();
    assert_eq!(file["SamplingRule"]["FixedRate"], json!(0.001));

    let r = run(a.o11y().args(["setup", "--dry-run", "-o", "json"]));
    r.code(0);
    assert_eq!(
        actions(&r),
        [
            unchanged("xray group", "Cruddur"),
            unchanged("xray group", "checkout-faults"),
            unchanged("xray sampling rule", "checkout"),
            unchanged("xray sampling rule", "rare"),
            unchanged("xray sampling rule", "Cruddur"),
            unchanged("logs group", "/cruddur/backend-flask"),
            unchanged("logs group", "/cruddur/frontend"),
            unchanged("logs group", "legacy-app"),
            unchanged("logs resource policy", "TransactionSearchAccess"),
            unchanged("xray segment destination", "CloudWatchLogs"),
            unchanged("xray indexing rule", "Default"),
            unchanged("logs group", "aws/spans"),
            unchanged("honeycomb dataset", "backend-flask"),
            unchanged("honeycomb dataset", "frontend-react-js"),
        ],
        "{}",
        r.stdout
    );
    assert_eq!(a.xray.writes().len(), xray_writes);
    assert_eq!(a.vendor_writes(), Vec::<String>::new());
    assert!(a.logs.writes().is_empty(), "{:?}", a.logs.writes());

    // --prefix chooses the log groups; a manifest in another folder gets its rule files beside it.
    let r = run(a.o11y().args([
        "init",
        "--prefix",
        "/cruddur",
        "--file",
        "deploy/o11y.toml",
        "-o",
        "json",
    ]));
    r.code(0);
    assert_eq!(
        r.json()["written"],
        json!([
            "deploy/json/checkout.json",
            "deploy/json/rare.json",
            "deploy/json/Cruddur.json",
            "deploy/o11y.toml"
        ])
    );
    assert!(
        r.stderr
            .contains("check it with `o11y setup --dry-run --file deploy/o11y.toml`"),
        "{}",
        r.stderr
    );
    let toml = read(&a.sb, "deploy/o11y.toml");
    assert!(
        toml.contains("# Log groups: those whose name starts with `/cruddur`."),
        "{toml}"
    );
    assert!(!toml.contains("legacy-app"), "{toml}");
    assert!(
        r.json()["resources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["file"] == "deploy/json/checkout.json"),
        "{}",
        r.stdout
    );
    let r = run(a.o11y().args([
        "setup",
        "--dry-run",
        "--file",
        "deploy/o11y.toml",
        "-o",
        "json",
    ]));
    r.code(0);
    let rows = actions(&r);
    assert_eq!(rows.len(), 13, "{}", r.stdout);
    assert!(
        rows.iter().all(|(_, _, action)| action == "unchanged"),
        "{}",
        r.stdout
    );
    assert!(a.logs.writes().is_empty(), "{:?}", a.logs.writes());
}

#[test]
fn init_never_overwrites_a_manifest_or_a_rule_file_without_force_and_keeps_a_rule_file_that_says_the_same(
) {
    let a = Account::new();
    let cruddur = std::fs::read_to_string(repo_root().join("json/xray.json")).unwrap();
    let rule: Value = serde_json::from_str(&cruddur).unwrap();
    a.xray_call(
        "/CreateSamplingRule",
        json!({"SamplingRule": rule["SamplingRule"]}),
    );

    a.sb.write("o11y.toml", "# mine\n");
    let r = run(a.o11y().arg("init"));
    r.code(2);
    assert!(
        r.stderr.contains(
            "o11y: error: `o11y.toml` already exists; o11y init never overwrites a manifest"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("help: pass --force"), "{}", r.stderr);
    assert_eq!(read(&a.sb, "o11y.toml"), "# mine\n");
    assert_eq!(
        a.xray.calls().len(),
        1,
        "a request was sent: {:?}",
        a.xray.calls()
    );
    assert!(a.logs.operations().is_empty(), "{:?}", a.logs.operations());

    // A rule file of the same rule that says something else is not replaced without --force: nothing is
    // written, not even the manifest.
    std::fs::remove_file(a.sb.home.path().join("o11y.toml")).unwrap();
    std::fs::create_dir(a.sb.home.path().join("json")).unwrap();
    let old = cruddur.replace("9000", "1");
    a.sb.write("json/sampling.json", &old);
    let r = run(a.o11y().arg("init"));
    r.code(1);
    assert!(
        r.stderr.contains("o11y: error: json/sampling.json already holds another version of a sampling rule; o11y init never overwrites a rule file"),
        "{}",
        r.stderr
    );
    assert_eq!(read(&a.sb, "json/sampling.json"), old);
    assert!(!a.sb.home.path().join("o11y.toml").exists());

    let r = run(a.o11y().args(["init", "--force", "-o", "json"]));
    r.code(0);
    assert_eq!(
        r.json()["written"],
        json!(["json/sampling.json", "o11y.toml"])
    );
    let back: Value = serde_json::from_str(&read(&a.sb, "json/sampling.json")).unwrap();
    assert_eq!(back["SamplingRule"]["Priority"], 9000);
    assert!(read(&a.sb, "o11y.toml").contains("file = \"json/sampling.json\""));

    // A file that holds the same rule, formatted its own way, is used as it is.
    let compact = serde_json::to_string(&rule).unwrap();
    a.sb.write("json/sampling.json", &compact);
    let r = run(a.o11y().args(["init", "--force", "-o", "json"]));
    r.code(0);
    assert_eq!(r.json()["written"], json!(["o11y.toml"]));
    assert_eq!(r.json()["kept"], json!(["json/sampling.json"]));
    assert_eq!(read(&a.sb, "json/sampling.json"), compact);
    assert!(
        r.stderr.contains("(kept json/sampling.json as it is)"),
        "{}",
        r.stderr
    );
    let names: Vec<String> = std::fs::read_dir(a.sb.home.path().join("json"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["sampling.json"], "a temporary file was left behind");

    let r = run(a.o11y().args(["init", "--force", "--prefix", "has space"]));
    r.code(2);
    assert!(
        r.stderr
            .contains("--prefix: invalid log group name `has space`"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_account_with_only_transaction_search_and_no_policy_says_what_setup_will_still_do() {
    let a = Account::new();
    a.xray.set_destination("CloudWatchLogs", "ACTIVE");
    let r = run(a.o11y().args(["init", "-o", "json"]));
    r.code(0);
    assert_eq!(
        r.json()["notes"],
        json!(["Transaction Search is on but no CloudWatch Logs resource policy grants X-Ray logs:PutLogEvents on aws/spans: `o11y setup` will create o11y-xray-transaction-search"])
    );
    assert!(
        r.stderr.contains(
            "o11y: warning: Transaction Search is on but no CloudWatch Logs resource policy"
        ),
        "{}",
        r.stderr
    );
    let toml = read(&a.sb, "o11y.toml");
    assert!(
        toml.contains("[xray.transaction_search]\nenabled = true\nindexing_percentage = 1\n"),
        "{toml}"
    );
    assert!(
        !toml.contains("[honeycomb]") && !toml.contains("[rollbar]"),
        "{toml}"
    );
    let r = run(a.o11y().args(["setup", "--dry-run", "-o", "json"]));
    r.code(0);
    assert_eq!(
        actions(&r)[0],
        (
            "logs resource policy".into(),
            "o11y-xray-transaction-search".into(),
            "created".into()
        )
    );
    assert!(
        actions(&r)[1..].iter().all(|(_, _, a)| a == "unchanged"),
        "{}",
        r.stdout
    );

    // Transaction Search off and nothing else: the manifest says so, and stderr warns.
    let b = Account::new();
    let r = run(b.o11y().arg("init"));
    r.code(0);
    assert!(
        r.stderr
            .contains("left out xray transaction search `XRay`: Transaction Search is off"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "o11y: warning: found nothing to describe in account 123456789012 (us-east-1)"
        ),
        "{}",
        r.stderr
    );
    assert!(read(&b.sb, "o11y.toml").contains("# The account had nothing o11y manages."));
    run(b.o11y().args(["setup", "--dry-run"])).code(0);
}

#[test]
fn keys_that_cannot_be_read_are_warnings_and_no_secret_reaches_the_output_or_the_files() {
    let a = Account::new();
    let mut cmd = a.o11y();
    cmd.env("HONEYCOMB_API_KEY", hc::UNKNOWN_KEY)
        .env("HONEYCOMB_API_ENDPOINT", a.honeycomb.url())
        .env("ROLLBAR_ACCESS_TOKEN", rb::SERVER_TOKEN)
        .env("ROLLBAR_READ_ACCESS_TOKEN", rb::SERVER_TOKEN)
        .env("ROLLBAR_ENDPOINT", a.rollbar.endpoint());
    let r = run(cmd.args(["init", "-v"]));
    r.code(0);
    assert!(
        r.stderr.contains("o11y: warning: Honeycomb: "),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("[honeycomb] is written without what the key would show"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("o11y: warning: Rollbar: the project could not be read"),
        "{}",
        r.stderr
    );
    let toml = read(&a.sb, "o11y.toml");
    assert!(
        toml.contains("# Honeycomb (found because HONEYCOMB_API_KEY is set).\n[honeycomb]\n"),
        "{toml}"
    );
    assert!(
        toml.contains("[rollbar]\n# environment = \"...\""),
        "{toml}"
    );
    crate::support::run(a.o11y().args(["setup", "--dry-run"])).code(0);
    for secret in [hc::UNKNOWN_KEY, rb::SERVER_TOKEN, SECRET_ACCESS_KEY] {
        assert!(
            !r.stdout.contains(secret) && !r.stderr.contains(secret),
            "{secret} was printed"
        );
        assert!(!toml.contains(secret), "{secret} was written");
    }

    // With the keys of an app that reports to both (the Rollbar read token too), under -v.
    let mut b = Account::new();
    b.vendors = true;
    b.rollbar.add_noise(1);
    let r = run(b.o11y().args(["init", "-v", "-o", "json"]));
    r.code(0);
    let toml = read(&b.sb, "o11y.toml");
    for secret in [
        hc::ENV_KEY,
        rb::SERVER_TOKEN,
        rb::READ_TOKEN,
        SECRET_ACCESS_KEY,
    ] {
        assert!(
            !r.stdout.contains(secret) && !r.stderr.contains(secret),
            "{secret} was printed"
        );
        assert!(!toml.contains(secret), "{secret} was written");
    }
    assert!(
        r.stderr.contains("/1/datasets"),
        "-v shows the calls: {}",
        r.stderr
    );
}

/// `(kind, name, "unchanged")`.
fn unchanged(kind: &str, name: &str) -> (String, String, String) {
    (kind.to_string(), name.to_string(), "unchanged".to_string())
}

#[test]
fn with_a_management_key_and_an_account_token_init_writes_the_environment_the_datasets_and_the_project_and_setup_finds_them_unchanged(
) {
    let a = Account::new();
    // Honeycomb by hand: an environment with a description and a colour (and another), a configuration key,
    // two datasets with the fields setup compares.
    let env = a
        .team
        .with_state(|s| new_environment(s, "cruddur-dev", "Cruddur's development", "lightBlue"));
    a.team.add_environment("other");
    let key = a.team.add_key(
        "cruddur-dev",
        "backend",
        "configuration",
        &["create_datasets", "send_events", "manage_markers"],
    );
    a.team.with_state(|s| {
        let sets = s.v1.entry(format!("datasets/{}", env.id)).or_default();
        for (name, description, depth) in [
            ("frontend-react-js", "", 0),
            ("backend-flask", "the \"API\"", 3),
        ] {
            sets.push(
                json!({"name": name, "slug": name, "description": description,
                             "expand_json_depth": depth, "settings": {"delete_protected": true},
                             "created_at": "2026-11-01T10:00:00Z", "last_written_at": null}),
            );
        }
    });
    // Rollbar: two projects; the app's occurrences belong to `cruddur`.
    let cruddur = a.rollbar.add_project("cruddur");
    let staging = a.rollbar.add_project("cruddur-staging");
    a.rollbar.set_item_project(cruddur);
    a.rollbar.add_noise(1);
    let o11y = || {
        let mut cmd = a.o11y();
        cmd.envs(a.team.management_env())
            .env("HONEYCOMB_API_KEY", key.value())
            .env("OTEL_SERVICE_NAME", "backend-flask")
            .env("ROLLBAR_ACCESS_TOKEN", rb::SERVER_TOKEN)
            .env("ROLLBAR_READ_ACCESS_TOKEN", rb::READ_TOKEN)
            .env("ROLLBAR_ACCOUNT_ACCESS_TOKEN", ACCOUNT_READ_TOKEN)
            .env("ROLLBAR_ENDPOINT", a.rollbar.endpoint())
            .env("ROLLBAR_ENVIRONMENT", "production");
        cmd
    };

    let r = run(o11y().args(["init", "-o", "json"]));
    r.code(0);
    assert_eq!(r.json()["notes"], json!([]), "{}", r.stderr);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    let resources: Vec<(String, String)> = r.json()["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().into(),
                r["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        resources,
        [
            ("honeycomb", "cruddur-dev"),
            ("honeycomb environment", "cruddur-dev"),
            ("honeycomb dataset", "backend-flask"),
            ("honeycomb dataset", "frontend-react-js"),
            ("rollbar", "production"),
            ("rollbar project", "cruddur"),
        ]
        .map(|(k, n)| (k.to_string(), n.to_string()))
    );
    let toml = read(&a.sb, "o11y.toml");
    for part in [
        "# Honeycomb (found because HONEYCOMB_API_KEY is set).\n# Team Cruddur (cruddur), environment cruddur-dev.\n\
         [honeycomb]\nservice_name = \"backend-flask\"\nenvironment = \"cruddur-dev\"\n\
         description = \"Cruddur's development\"\ncolor = \"lightBlue\"\n\n\
         [[honeycomb.datasets]]\nname = \"backend-flask\"\ndescription = 'the \"API\"'\nexpand_json_depth = 3\n\n\
         [[honeycomb.datasets]]\nname = \"frontend-react-js\"\nexpand_json_depth = 0\n\n",
        &format!(
            "# Rollbar (found because ROLLBAR_ACCESS_TOKEN is set).\n\
             # Project cruddur (id {cruddur}: the project of its newest occurrence, read with ROLLBAR_READ_ACCESS_TOKEN).\n\
             # Environments of its newest occurrences: production.\n\
             [rollbar]\nenvironment = \"production\"\nproject = \"cruddur\"\n"
        ),
    ] {
        assert!(toml.contains(part), "no {part:?} in\n{toml}");
    }
    for secret in [
        key.value(),
        key.secret.clone(),
        MGMT_SECRET.to_string(),
        ACCOUNT_READ_TOKEN.to_string(),
        rb::READ_TOKEN.to_string(),
        rb::SERVER_TOKEN.to_string(),
    ] {
        assert!(!toml.contains(&secret), "a secret was written:\n{toml}");
        assert!(!r.stdout.contains(&secret) && !r.stderr.contains(&secret));
    }

    let r = run(o11y().args(["setup", "--dry-run", "-o", "json"]));
    r.code(0);
    assert_eq!(
        actions(&r),
        [
            unchanged("honeycomb environment", "cruddur-dev"),
            unchanged("honeycomb dataset", "backend-flask"),
            unchanged("honeycomb dataset", "frontend-react-js"),
            unchanged("rollbar project", "cruddur"),
        ],
        "{}",
        r.stdout
    );
    assert_eq!(a.vendor_writes(), Vec::<String>::new());

    // What init wrote is what setup compares: a change made in the UI since is one to undo.
    a.team.with_state(|s| {
        s.environments
            .iter_mut()
            .find(|e| e.id == env.id)
            .unwrap()
            .color = "red".into();
        let sets = s.v1.get_mut(&format!("datasets/{}", env.id)).unwrap();
        sets[0]["expand_json_depth"] = json!(5);
    });
    let r = run(o11y().args(["setup", "--dry-run", "-o", "json"]));
    r.code(0);
    let rows = actions(&r);
    assert_eq!(rows[0].2, "updated", "{}", r.stdout);
    assert_eq!(
        rows[2],
        (
            "honeycomb dataset".into(),
            "frontend-react-js".into(),
            "updated".into()
        ),
        "{}",
        r.stdout
    );

    // Without a read token, the project is the one whose token listing shows ROLLBAR_ACCESS_TOKEN (an older,
    // listed token); without the management key, the environment is a comment again.
    let legacy =
        a.rollbar
            .add_project_token(staging, "post_server_item", &["post_server_item"], true);
    let r = run(o11y()
        .env("ROLLBAR_ACCESS_TOKEN", &legacy)
        .env_remove("ROLLBAR_READ_ACCESS_TOKEN")
        .env_remove("HONEYCOMB_KEY_SECRET")
        .env_remove("HONEYCOMB_KEY_ID")
        .args(["init", "--file", "staging/o11y.toml", "-o", "json"]));
    r.code(0);
    let toml = read(&a.sb, "staging/o11y.toml");
    assert!(
        toml.contains(&format!(
            "# Project cruddur-staging (id {staging}: the project whose token listing shows ROLLBAR_ACCESS_TOKEN).\n\
             [rollbar]\nenvironment = \"production\"\nproject = \"cruddur-staging\"\n"
        )),
        "{toml}"
    );
    assert!(!toml.contains(&legacy), "{toml}");
    assert!(
        toml.contains("# environment = \"cruddur-dev\"   # not written: setup reads an environment with a management key"),
        "{toml}"
    );
    assert!(
        r.stderr.contains("o11y: warning: Honeycomb: environment `cruddur-dev` is a comment in [honeycomb], not a key"),
        "{}",
        r.stderr
    );
    let r = run(o11y().env("ROLLBAR_ACCESS_TOKEN", &legacy).args([
        "setup",
        "--dry-run",
        "--file",
        "staging/o11y.toml",
        "-o",
        "json",
    ]));
    r.code(0);
    assert_eq!(
        actions(&r).last(),
        Some(&unchanged("rollbar project", "cruddur-staging")),
        "{}",
        r.stdout
    );
    assert_eq!(a.vendor_writes(), Vec::<String>::new());
}
