//! `[environments.NAME]` and `--env`: two moto servers stand in for two accounts (MOTO_ACCOUNT_ID 111111111111
//! and 222222222222), each behind a recording proxy, with an X-Ray fake each; the AWS config file gives each
//! environment's profile its own keys and (through a `services` section) its own endpoints. The shell's own
//! credentials and region are set too, and must never be used: every request must carry its environment's key
//! and region in its SigV4 credential scope.

use serde_json::{json, Value};

use crate::support::logs::{FaultProxy, Logs};
use crate::support::moto::Moto;
use crate::support::server::{Reply, Request};
use crate::support::xray::XrayFake;
use crate::support::{run, Sandbox};

const DEV_KEY: &str = "AKIDDEVACCOUNT000001";
const PROD_KEY: &str = "AKIDPRODACCOUNT00002";
const SHELL_KEY: &str = "AKIDSHELLNEVERUSED03";

const MANIFEST: &str = r#"
[[xray.groups]]
name = "Cruddur"
filter_expression = 'service("backend-flask")'

[[xray.sampling_rules]]
file = "xray.json"

[[logs.groups]]
name = "cruddur"
retention_days = 7

[environments.dev]
profile = "cruddur-dev"
region = "us-east-1"

[environments.prod]
profile = "cruddur-prod"
region = "eu-west-1"

[[environments.prod.logs.groups]]
name = "cruddur"
retention_days = 90

[[environments.prod.xray.sampling_rules]]
file = "xray.json"
fixed_rate = 0.01
"#;

/// One account: its moto (behind a proxy that records every request) and its X-Ray fake.
struct Account {
    moto: Moto,
    logs: FaultProxy,
    xray: XrayFake,
}

impl Account {
    fn start(id: &str) -> Account {
        let moto = Moto::start_in_account(id);
        let logs = FaultProxy::start(&moto.url);
        Account {
            moto,
            logs,
            xray: XrayFake::start(),
        }
    }

    /// Every request either endpoint received.
    fn requests(&self) -> Vec<Request> {
        let mut r = self.logs.server.requests();
        r.extend(self.xray.server.requests());
        r
    }
}

/// `Credential=KEY/DATE/REGION/SERVICE/aws4_request` of a SigV4 request: (key, region, service).
fn scope(r: &Request) -> (String, String, String) {
    let auth = r.header("authorization").unwrap_or_default();
    let cred = auth
        .split("Credential=")
        .nth(1)
        .and_then(|c| c.split(',').next())
        .unwrap_or_default();
    let parts: Vec<&str> = cred.split('/').collect();
    assert_eq!(parts.len(), 5, "not a SigV4 credential scope: {auth}");
    (parts[0].into(), parts[2].into(), parts[3].into())
}

struct Setup {
    sb: Sandbox,
    dev: Account,
    prod: Account,
}

impl Setup {
    fn start() -> Setup {
        let sb = Sandbox::with_manifest(MANIFEST);
        let (dev, prod) = (
            Account::start("111111111111"),
            Account::start("222222222222"),
        );
        // The profiles' own regions differ from the environments': the environment's region must win. The
        // Rust SDK looks CloudWatch Logs up as `cloudwatch-logs` in a services section (aws-runtime 1.10's
        // format_service_id_for_profile), where the AWS CLI's documentation writes `cloudwatch_logs`.
        sb.write(
            "aws-config",
            &format!(
                "[profile cruddur-dev]\nregion = ap-south-1\nservices = dev-endpoints\n\n\
                 [services dev-endpoints]\ncloudwatch-logs =\n  endpoint_url = {}\nxray =\n  endpoint_url = {}\nsts =\n  endpoint_url = {}\n\n\
                 [profile cruddur-prod]\nregion = ap-south-1\nservices = prod-endpoints\n\n\
                 [services prod-endpoints]\ncloudwatch-logs =\n  endpoint_url = {}\nxray =\n  endpoint_url = {}\nsts =\n  endpoint_url = {}\n",
                dev.logs.url(),
                dev.xray.url(),
                dev.moto.url,
                prod.logs.url(),
                prod.xray.url(),
                prod.moto.url
            ),
        );
        sb.write(
            "aws-credentials",
            &format!(
                "[cruddur-dev]\naws_access_key_id = {DEV_KEY}\naws_secret_access_key = dev/secret/NEVER/printed\n\n\
                 [cruddur-prod]\naws_access_key_id = {PROD_KEY}\naws_secret_access_key = prod/secret/NEVER/printed\n"
            ),
        );
        Setup { sb, dev, prod }
    }

    /// `o11y` with the shell's own credentials and region set (which the environments must not use).
    fn o11y(&self, args: &[&str]) -> crate::support::Run {
        run(self.sb.o11y().args(args).envs([
            ("AWS_ACCESS_KEY_ID", SHELL_KEY),
            ("AWS_SECRET_ACCESS_KEY", "shell/secret/NEVER/printed"),
            ("AWS_REGION", "us-west-2"),
        ]))
    }

    /// Each account was reached only with its own key and its environment's region.
    fn assert_each_account_saw_only_its_own(&self) {
        for (account, key, region) in [
            (&self.dev, DEV_KEY, "us-east-1"),
            (&self.prod, PROD_KEY, "eu-west-1"),
        ] {
            let requests = account.requests();
            assert!(!requests.is_empty(), "{key}'s account got no request");
            for r in &requests {
                let (k, reg, _) = scope(r);
                assert_eq!(
                    (k.as_str(), reg.as_str()),
                    (key, region),
                    "{} {}",
                    r.path,
                    r.header("x-amz-target").unwrap_or_default()
                );
            }
        }
    }
}

fn rows(v: &Value) -> Vec<(String, String, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["name"].as_str().unwrap().to_string(),
                r["action"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn setup_env_all_ensures_each_account_with_its_own_credentials_region_and_values_then_changes_nothing(
) {
    let s = Setup::start();
    let r = s.o11y(&["setup", "--env", "all", "-o", "json"]);
    r.code(0);
    let doc = r.json();
    let runs = doc.as_array().unwrap();
    assert_eq!(runs.len(), 2, "{doc:#}");
    for (run, env, region) in [
        (&runs[0], "dev", "us-east-1"),
        (&runs[1], "prod", "eu-west-1"),
    ] {
        assert_eq!(run["environment"], env);
        assert_eq!(run["region"], region);
        assert_eq!(run["ok"], true);
        assert!(run.get("error").is_none());
        let mut got = rows(&run["result"]);
        got.sort();
        assert_eq!(
            got,
            [
                ("logs group".into(), "cruddur".into(), "created".into()),
                ("xray group".into(), "Cruddur".into(), "created".into()),
                (
                    "xray sampling rule".into(),
                    "Cruddur".into(),
                    "created".into()
                ),
            ]
        );
    }
    // Each account holds its environment's values.
    assert_eq!(Logs::new(&s.dev.moto.url).retention("cruddur"), Some(7));
    assert_eq!(
        Logs::in_region(&s.prod.moto.url, "eu-west-1").retention("cruddur"),
        Some(90)
    );
    let rate = |a: &Account| {
        a.xray.requests_to("/CreateSamplingRule")[0].json()["SamplingRule"]["FixedRate"].clone()
    };
    assert_eq!(rate(&s.dev), json!(0.1));
    assert_eq!(rate(&s.prod), json!(0.01));
    s.assert_each_account_saw_only_its_own();
    let secrets = ["NEVER/printed", SHELL_KEY, DEV_KEY, PROD_KEY];
    for secret in secrets {
        assert!(!r.stdout.contains(secret) && !r.stderr.contains(secret));
    }

    // Again, for people: one section per environment and region, everything unchanged, no write.
    let writes = (s.dev.logs.writes().len(), s.prod.logs.writes().len());
    let r = s.o11y(&["setup", "--env", "all", "--no-color"]);
    r.code(0);
    let dev_at = r.stdout.find("== dev (us-east-1) ==").expect(&r.stdout);
    let prod_at = r.stdout.find("== prod (eu-west-1) ==").expect(&r.stdout);
    assert!(dev_at < prod_at, "{}", r.stdout);
    assert_eq!(r.stdout.matches("unchanged").count(), 6, "{}", r.stdout);
    assert_eq!(
        (s.dev.logs.writes().len(), s.prod.logs.writes().len()),
        writes
    );
    assert_eq!(s.dev.xray.writes().len() + s.prod.xray.writes().len(), 4);
}

#[test]
fn one_environments_failure_does_not_stop_the_other_and_the_exit_code_says_so() {
    let s = Setup::start();
    let denied = Reply::json(
        400,
        json!({"__type": "AccessDeniedException", "message": "User is not authorized to perform: logs:DescribeLogGroups"}),
    );
    s.prod.logs.inject("DescribeLogGroups", 0, vec![denied; 5]);
    let r = s.o11y(&["setup", "--env", "all", "--no-color"]);
    r.code(1);
    assert_eq!(Logs::new(&s.dev.moto.url).retention("cruddur"), Some(7));
    assert!(
        r.stdout.contains("== dev (us-east-1) ==") && r.stdout.contains("== prod (eu-west-1) =="),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains("[prod (eu-west-1)] o11y: error: 1 of 3 resources failed"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("o11y: error: 1 of 2 failed: prod (eu-west-1)"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("[dev (us-east-1)] o11y: error"),
        "{}",
        r.stderr
    );
    // prod's X-Ray resources were still ensured: only its log group failed.
    assert_eq!(
        s.prod.xray.writes_sorted(),
        ["/CreateGroup", "/CreateSamplingRule"]
    );
}

#[test]
fn env_names_one_environment_and_the_output_is_the_commands_own() {
    let s = Setup::start();
    let r = s.o11y(&["setup", "--env", "prod", "-o", "json"]);
    r.code(0);
    assert_eq!(
        rows(&r.json()).len(),
        3,
        "a plain array of rows, as without environments"
    );
    assert!(s.dev.requests().is_empty(), "dev was touched by --env prod");
    assert_eq!(
        Logs::in_region(&s.prod.moto.url, "eu-west-1").retention("cruddur"),
        Some(90)
    );
    // O11Y_ENV does the same.
    let r = run(s
        .sb
        .o11y()
        .args(["setup", "--dry-run", "-o", "json"])
        .env("O11Y_ENV", "dev"));
    r.code(0);
    assert!(rows(&r.json()).iter().all(|(_, _, a)| a == "created"));
    assert!(s.dev.logs.writes().is_empty() && s.dev.xray.writes().is_empty());
}

#[test]
fn doctor_env_all_reports_each_account_as_its_own_object() {
    let s = Setup::start();
    s.o11y(&["setup", "--env", "all"]).code(0);
    let r = s.o11y(&["doctor", "--env", "all", "-o", "json"]);
    let doc = r.json();
    let runs = doc.as_array().unwrap();
    assert_eq!(runs.len(), 2, "{doc:#}");
    for (run, env, account) in [
        (&runs[0], "dev", "111111111111"),
        (&runs[1], "prod", "222222222222"),
    ] {
        assert_eq!(run["environment"], env);
        let checks = run["result"].as_array().unwrap();
        let text = serde_json::to_string(checks).unwrap();
        assert!(
            text.contains(account),
            "{env}'s doctor does not show its account: {text}"
        );
        let other = if account.starts_with('1') {
            "222222222222"
        } else {
            "111111111111"
        };
        assert!(
            !text.contains(other),
            "{env}'s doctor shows the other account: {text}"
        );
    }
    s.assert_each_account_saw_only_its_own();
}

#[test]
fn without_env_a_manifest_with_environments_is_a_usage_error_before_any_call() {
    let s = Setup::start();
    for args in [
        vec!["setup"],
        vec!["doctor"],
        vec!["setup", "--env", "staging"],
        vec!["export", "cloudformation", "--env", "all"],
        vec!["env", "--env", "all"],
    ] {
        let r = s.o11y(&args);
        r.code(2);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert!(
            r.stderr.contains("dev") && r.stderr.contains("prod"),
            "{args:?}: {}",
            r.stderr
        );
    }
    assert!(s.dev.requests().is_empty() && s.prod.requests().is_empty());
    // --env on a manifest without environments.
    let sb = Sandbox::with_manifest("[[logs.groups]]\nname = \"cruddur\"\n");
    let r = run(sb.o11y().args(["setup", "--env", "prod"]));
    r.code(2);
    assert!(r.stderr.contains("defines no environments"), "{}", r.stderr);
}

#[test]
fn an_environments_bad_override_names_the_environment_and_the_key() {
    let sb =
        Sandbox::with_manifest(&MANIFEST.replace("retention_days = 90", "retention_days = 91"));
    let r = run(sb.o11y().args(["setup", "--env", "dev"]));
    r.code(2);
    assert!(
        r.stderr.contains("o11y.toml [environments.prod]: logs.groups[0].retention_days: log group `cruddur`: 91 is not a retention"),
        "{}",
        r.stderr
    );
    let sb = Sandbox::with_manifest(&format!(
        "{MANIFEST}\n[environments.qa]\nregion = \"us-east-1\"\nretention = 3\n"
    ));
    let r = run(sb.o11y().args(["setup", "--env", "qa"]));
    r.code(2);
    assert!(
        r.stderr.contains("environments.qa") && r.stderr.contains("unknown field `retention`"),
        "{}",
        r.stderr
    );
}

#[test]
fn deploy_env_all_records_each_environments_deploy_with_its_own_token_and_environment() {
    use crate::support::rollbar::RollbarFake;
    const DEV_TOKEN: &str = "aaaa1111bbbb2222cccc3333dddd4444";
    const PROD_TOKEN: &str = "eeee5555ffff6666aaaa7777bbbb8888";
    let rb = RollbarFake::start();
    rb.add_token(DEV_TOKEN, &["post_server_item"]);
    rb.add_token(PROD_TOKEN, &["post_server_item"]);
    let sb = Sandbox::with_manifest(
        "[rollbar]\nenvironment = \"development\"\n\n[secrets]\nfile = \".env\"\n\n\
         [environments.dev]\n\n\
         [environments.prod]\n[environments.prod.rollbar]\nenvironment = \"production\"\n\
         [environments.prod.secrets]\nfile = \".env.prod\"\n",
    );
    sb.write(".env", &format!("ROLLBAR_ACCESS_TOKEN={DEV_TOKEN}\n"));
    sb.write(".env.prod", &format!("ROLLBAR_ACCESS_TOKEN={PROD_TOKEN}\n"));
    let r = run(sb
        .o11y()
        .args([
            "deploy",
            "--env",
            "all",
            "--revision",
            "1a2b3c4",
            "-o",
            "json",
        ])
        .env("ROLLBAR_ENDPOINT", rb.endpoint()));
    r.code(0);
    let doc = r.json();
    assert_eq!(doc[0]["environment"], "dev");
    assert_eq!(doc[1]["environment"], "prod");
    let mut sent: Vec<(String, String)> = rb
        .requests()
        .iter()
        .filter(|q| q.path.ends_with("/deploy"))
        .map(|q| {
            (
                q.json()["environment"].as_str().unwrap().to_string(),
                q.header("x-rollbar-access-token")
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    sent.sort();
    assert_eq!(
        sent,
        [
            ("development".to_string(), DEV_TOKEN.to_string()),
            ("production".to_string(), PROD_TOKEN.to_string())
        ]
    );
    for t in [DEV_TOKEN, PROD_TOKEN] {
        assert!(!r.stdout.contains(t) && !r.stderr.contains(t));
    }
}
