//! The conventions every command shares: help, version, exit codes, configuration errors, closed pipes,
//! verbose output without secrets.

use crate::support;

use std::io::Read;
use std::net::TcpListener;
use std::process::Stdio;
use std::time::{Duration, Instant};

use support::xray::XrayFake;
use support::{help, run, Sandbox, SECRET_ACCESS_KEY};

/// The subcommands listed under `Commands:` in a help text (`help` aside).
fn subcommands(help: &str) -> Vec<String> {
    help.split("\nCommands:\n")
        .nth(1)
        .map(|rest| {
            rest.lines()
                .take_while(|l| !l.trim().is_empty())
                .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
                .filter_map(|l| l.split_whitespace().next())
                .filter(|c| *c != "help")
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Every command's `--help`, found by walking the tree from `o11y --help`, matches its snapshot: one test
/// for the whole tree, so a new command is covered the day it is added.
#[test]
fn help_texts_match_their_snapshots() {
    let mut queue = vec![Vec::<String>::new()];
    let mut seen = 0;
    while let Some(path) = queue.pop() {
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        let text = help(&args);
        for sub in subcommands(&text) {
            let mut next = path.clone();
            next.push(sub);
            queue.push(next);
        }
        let name = std::iter::once("o11y")
            .chain(args.iter().copied())
            .collect::<Vec<_>>()
            .join(" ");
        insta::assert_snapshot!(name.replace(' ', "_"), text, &format!("{name} --help"));
        seen += 1;
    }
    assert!(seen >= 25, "only {seen} help texts were found");
}

#[test]
fn version_prints_the_crate_version() {
    let r = run(Sandbox::new().o11y().arg("--version"));
    r.code(0);
    assert_eq!(r.stdout, format!("o11y {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let r = run(Sandbox::new().o11y().args(["xray", "frobnicate"]));
    r.code(2);
    assert!(
        r.stderr.contains("unrecognized subcommand 'frobnicate'"),
        "{}",
        r.stderr
    );
}

#[test]
fn without_a_region_a_command_stops_at_once_naming_what_to_set() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let mut cmd = sb.o11y();
    cmd.env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "x")
        .env("AWS_ENDPOINT_URL", fake.url());
    let r = run(cmd.args(["xray", "groups"]));
    r.code(2);
    assert!(
        r.stderr
            .contains("o11y: error: no AWS region is configured"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("AWS_REGION"), "{}", r.stderr);
    assert!(fake.calls().is_empty());
}

#[test]
fn the_region_can_come_from_the_profile() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    sb.write("aws-config", "[profile dev]\nregion = eu-west-1\n");
    sb.write(
        "aws-credentials",
        "[dev]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s3cr3t-profile-key\n",
    );
    run(sb
        .o11y()
        .env("AWS_ENDPOINT_URL", fake.url())
        .args(["xray", "groups", "--profile", "dev"]))
    .code(0);
    let auth = fake.server.requests()[0]
        .header("authorization")
        .unwrap()
        .to_string();
    assert!(
        auth.contains("Credential=AKIDPROFILE/") && auth.contains("/eu-west-1/xray/"),
        "{auth}"
    );
}

#[test]
fn without_credentials_a_command_fails_fast_even_when_the_metadata_service_hangs() {
    // A loopback listener that accepts connections and never answers stands in for a hanging metadata service.
    let hang = TcpListener::bind("127.0.0.1:0").unwrap();
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let mut cmd = sb.o11y();
    cmd.env_remove("AWS_EC2_METADATA_DISABLED")
        .env(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            format!("http://{}", hang.local_addr().unwrap()),
        )
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", fake.url());
    let started = Instant::now();
    let r = run(cmd.args(["xray", "groups"]));
    let took = started.elapsed();
    r.code(1);
    assert!(
        r.stderr.contains("o11y: error: no AWS credentials found"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("AWS_ACCESS_KEY_ID") && r.stderr.contains("AWS_PROFILE"),
        "{}",
        r.stderr
    );
    assert!(
        took < Duration::from_secs(10),
        "took {took:?}: the metadata-service wait is not bounded"
    );
    assert!(fake.calls().is_empty());
}

#[test]
fn a_closed_stdout_ends_quietly_with_success() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    for i in 0..20 {
        fake.add_group(&format!("group-{i:02}"), "service(\"x\")", false, false);
    }
    let mut child = sb
        .o11y_process(fake.url())
        .args(["xray", "groups"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before o11y writes, as `| head -0` would
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn verbose_shows_each_call_on_stderr_and_never_the_secret() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    fake.throttle_next(1);
    let r = run(sb
        .o11y_aws(fake.url())
        .args(["xray", "groups", "-v", "-o", "json"]));
    r.code(0);
    assert!(
        r.stderr
            .contains(&format!("-> XRay GetGroups: POST {}/Groups", fake.url())),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("<- HTTP 429") && r.stderr.contains("<- HTTP 200"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("credentials for key AKID…"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains(SECRET_ACCESS_KEY) && !r.stdout.contains(SECRET_ACCESS_KEY));
    assert!(!r.stderr.contains(support::ACCESS_KEY_ID));
    assert_eq!(r.json()["Groups"], serde_json::json!([]));
}

#[test]
fn o11y_output_selects_json_from_the_environment() {
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let r = run(sb
        .o11y_aws(fake.url())
        .env("O11Y_OUTPUT", "json")
        .args(["xray", "groups"]));
    r.code(0);
    assert_eq!(r.json(), serde_json::json!({"Groups": []}));
}

#[test]
fn credentials_are_resolved_once_per_run() {
    // A credential_process that counts its calls: each would be a network call for SSO or the metadata service.
    let (sb, fake) = (Sandbox::new(), XrayFake::start());
    let calls = sb.home.path().join("calls");
    let script = sb.write(
        "creds.sh",
        &format!(
            "#!/bin/sh\necho x >> {}\necho '{{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"process-secret\"}}'\n",
            calls.display()
        ),
    );
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    sb.write(
        "aws-config",
        &format!(
            "[profile proc]\nregion = us-east-1\ncredential_process = {}\n",
            script.display()
        ),
    );
    run(sb.o11y().env("AWS_ENDPOINT_URL", fake.url()).args([
        "xray",
        "groups",
        "--profile",
        "proc",
    ]))
    .code(0);
    let auth = fake.server.requests()[0]
        .header("authorization")
        .unwrap()
        .to_string();
    assert!(auth.contains("Credential=AKIDPROCESS/"), "{auth}");
    assert_eq!(
        std::fs::read_to_string(&calls).unwrap().lines().count(),
        1,
        "credentials were resolved more than once"
    );
}
