//! `o11y env`: the app's environment for the manifest, secrets as `${NAME}` references; and doctor falling
//! back to it (resolved from the secrets file) where the shell exports nothing.

use crate::support;
use support::honeycomb::{HoneycombFake, ENV_KEY};
use support::rollbar::SERVER_TOKEN;
use support::{run, Sandbox};

const MANIFEST: &str = r#"
[secrets]
file = ".env"

[[logs.groups]]
name = "cruddur"

[honeycomb]
service_name = "backend-flask"

[rollbar]
environment = "development"
"#;

#[test]
fn env_prints_the_compose_block_with_references_and_never_a_value() {
    let sb = Sandbox::with_manifest(MANIFEST);
    sb.write(
        ".env",
        &format!("HONEYCOMB_API_KEY={ENV_KEY}\nROLLBAR_ACCESS_TOKEN={SERVER_TOKEN}\n"),
    );
    let r = run(sb
        .o11y()
        .env("AWS_REGION", "eu-west-1")
        .env("HONEYCOMB_API_KEY", ENV_KEY)
        .args(["env", "--format", "compose"]));
    r.code(0);
    assert_eq!(
        r.stdout,
        "environment:\n  \
         OTEL_SERVICE_NAME: \"backend-flask\"\n  \
         OTEL_EXPORTER_OTLP_ENDPOINT: \"https://api.honeycomb.io\"\n  \
         OTEL_EXPORTER_OTLP_HEADERS: \"x-honeycomb-team=${HONEYCOMB_API_KEY}\"\n  \
         AWS_REGION: \"eu-west-1\"\n  \
         ROLLBAR_ACCESS_TOKEN: \"${ROLLBAR_ACCESS_TOKEN}\"\n  \
         ROLLBAR_ENVIRONMENT: \"development\"\n"
    );
    let r = run(sb
        .o11y()
        .env("AWS_REGION", "eu-west-1")
        .env("HONEYCOMB_API_ENDPOINT", "https://api.eu1.honeycomb.io")
        .args(["env", "-o", "json"]));
    r.code(0);
    let j = r.json();
    assert_eq!(
        j["OTEL_EXPORTER_OTLP_ENDPOINT"],
        "https://api.eu1.honeycomb.io"
    );
    assert_eq!(j["ROLLBAR_ACCESS_TOKEN"], "${ROLLBAR_ACCESS_TOKEN}");
    let r = run(sb.o11y().args(["env", "--format", "shell"]));
    r.code(0);
    assert!(
        r.stdout.contains(
            "export OTEL_EXPORTER_OTLP_HEADERS=\"x-honeycomb-team=${HONEYCOMB_API_KEY}\"\n"
        ),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("AWS_REGION"), "{}", r.stdout);
    assert!(r.stderr.contains("AWS_REGION is left out"), "{}", r.stderr);
    for out in [&r.stdout, &r.stderr] {
        assert!(
            !out.contains(ENV_KEY) && !out.contains(SERVER_TOKEN),
            "{out}"
        );
    }
}

#[test]
fn doctor_checks_the_apps_environment_from_the_manifest_and_the_stored_key() {
    let sb = Sandbox::with_manifest(
        "[secrets]\nfile = \".env\"\n\n[honeycomb]\nservice_name = \"backend-flask\"\n",
    );
    sb.write(".env", &format!("HONEYCOMB_API_KEY={ENV_KEY}\n"));
    let fake = HoneycombFake::start();
    // Nothing exported but the API endpoint (the fake): the key comes from .env, OTEL_* from the manifest.
    let r = run(sb
        .o11y()
        .env("HONEYCOMB_API_ENDPOINT", fake.url())
        .args(["doctor", "-v"]));
    assert!(
        r.stdout.contains("✓ otel service name") && r.stdout.contains("backend-flask"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("spans go to {}/v1/traces", fake.url())),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("sends the same key as HONEYCOMB_API_KEY"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("✓ honeycomb key") && r.stdout.contains("accepted: team"),
        "{}",
        r.stdout
    );
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains(ENV_KEY), "the key was printed: {out}");
    }
    // What the shell exports still wins.
    let r = run(sb
        .o11y()
        .env("HONEYCOMB_API_ENDPOINT", fake.url())
        .env("OTEL_SERVICE_NAME", "something-else")
        .args(["doctor"]));
    assert!(
        r.stdout
            .contains("OTEL_SERVICE_NAME is `something-else`, the manifest says `backend-flask`"),
        "{}",
        r.stdout
    );
}
