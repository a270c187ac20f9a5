//! Issue 18's "done when", end to end: from an empty Honeycomb team and an empty Rollbar account, `o11y setup`
//! creates everything and stores the keys in the sink; a second `setup` writes nothing; `o11y doctor
//! --send-test` passes every row with only the stored keys (nothing exported but the fakes' addresses); and
//! `o11y env --format compose` prints the block the app needs. No key is ever on screen.

use crate::support;
use support::honeycomb_v2::HoneycombTeam;
use support::rollbar::RollbarFake;
use support::rollbar_account::ACCOUNT_TOKEN;
use support::{run, Run, Sandbox};

const MANIFEST: &str = r##"[secrets]
file = ".env"

[honeycomb]
service_name = "backend-flask"
environment = "cruddur-dev"

[[honeycomb.api_keys]]
name = "backend-flask ingest"
kind = "ingest"
env = "HONEYCOMB_API_KEY"

[[honeycomb.api_keys]]
name = "o11y configuration"
kind = "configuration"
permissions = ["create_datasets", "manage_columns", "manage_recipients", "manage_triggers", "manage_slos", "manage_markers"]
env = "HONEYCOMB_CONFIG_KEY"

[[honeycomb.datasets]]
name = "backend-flask"

[[honeycomb.calculated_fields]]
dataset = "backend-flask"
alias = "sli_fast"
expression = "LT($duration_ms, 500)"

[[honeycomb.recipients]]
type = "email"
details = { email_address = "oncall@example.com" }

[[honeycomb.triggers]]
dataset = "backend-flask"
name = "errors"
query = { calculations = [{ op = "COUNT" }], filters = [{ column = "error", op = "exists" }], time_range = 900 }
frequency = 900
threshold = { op = ">", value = 5 }
recipients = ["oncall@example.com"]

[[honeycomb.slos]]
dataset = "backend-flask"
name = "fast requests"
sli = "sli_fast"
target_per_million = 999000
time_period_days = 30

[[honeycomb.burn_alerts]]
slo = "fast requests"
exhaustion_minutes = 240
recipients = ["oncall@example.com"]

[rollbar]
environment = "development"
project = "cruddur"

[[rollbar.access_tokens]]
name = "backend-flask"
scopes = ["post_server_item"]
env = "ROLLBAR_ACCESS_TOKEN"

[[rollbar.access_tokens]]
name = "read-back"
scopes = ["read"]
env = "ROLLBAR_READ_ACCESS_TOKEN"

[[rollbar.notifications]]
channel = "slack"
trigger = "new_item"
filters = [{ type = "environment", operation = "eq", value = "development" }]
config = { channel = "#cruddur-errors" }
"##;

struct World {
    sb: Sandbox,
    team: HoneycombTeam,
    rollbar: RollbarFake,
}

impl World {
    fn new() -> World {
        World {
            sb: Sandbox::with_manifest(MANIFEST),
            team: HoneycombTeam::start(),
            rollbar: RollbarFake::start(),
        }
    }

    /// `o11y ARGS` with the vendors' addresses only: no key of any kind.
    fn bare(&self, args: &[&str]) -> Run {
        run(self
            .sb
            .o11y()
            .env("HONEYCOMB_API_ENDPOINT", self.team.url())
            .env("ROLLBAR_ENDPOINT", self.rollbar.endpoint())
            .env("O11Y_POLL_MS", "50")
            .args(args))
    }

    /// `o11y setup` as the developer runs it: with the management key and the account token.
    fn setup(&self) -> Run {
        run(self
            .sb
            .o11y()
            .envs(self.team.management_env())
            .env("ROLLBAR_ENDPOINT", self.rollbar.endpoint())
            .env("ROLLBAR_ACCOUNT_ACCESS_TOKEN", ACCOUNT_TOKEN)
            .args(["setup"]))
    }

    /// Every key and token value the fakes know, and the management secrets.
    fn secrets(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .team
            .management_env()
            .into_iter()
            .filter(|(k, _)| *k == "HONEYCOMB_KEY_SECRET")
            .map(|(_, v)| v)
            .collect();
        for k in self.team.keys() {
            all.push(k.value());
            all.push(k.secret.clone());
        }
        all.extend(self.rollbar.project_tokens().into_iter().map(|t| t.value));
        all.push(ACCOUNT_TOKEN.to_string());
        all
    }

    fn shows_no_secret(&self, r: &Run) {
        for s in self.secrets() {
            assert!(!r.stdout.contains(&s), "a secret in stdout:\n{}", r.stdout);
            assert!(!r.stderr.contains(&s), "a secret in stderr:\n{}", r.stderr);
        }
    }
}

fn line_of<'a>(out: &'a str, start: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_default()
}

#[test]
fn from_an_empty_team_and_account_to_a_proven_pipeline_with_no_key_on_screen() {
    let w = World::new();

    // 1. Everything is created; the keys go to .env and nowhere else.
    let r = w.setup();
    r.code(0);
    w.shows_no_secret(&r);
    for (kind, name) in [
        ("honeycomb environment", "cruddur-dev"),
        ("honeycomb api key", "backend-flask ingest"),
        ("honeycomb api key", "o11y configuration"),
        ("honeycomb dataset", "backend-flask"),
        ("honeycomb calculated field", "sli_fast"),
        ("honeycomb recipient", "oncall@example.com"),
        ("honeycomb trigger", "errors"),
        ("honeycomb slo", "fast requests"),
        ("honeycomb burn alert", "fast requests"),
        ("rollbar project", "cruddur"),
        ("rollbar access token", "backend-flask"),
        ("rollbar access token", "read-back"),
    ] {
        assert!(
            r.stdout
                .lines()
                .any(|l| l.starts_with(kind) && l.contains(name) && l.contains("created")),
            "{kind} {name}:\n{}",
            r.stdout
        );
    }
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("rollbar notification") && l.contains("created")),
        "{}",
        r.stdout
    );
    let stored = std::fs::read_to_string(w.sb.home.path().join(".env")).unwrap();
    for var in [
        "HONEYCOMB_API_KEY=",
        "HONEYCOMB_CONFIG_KEY=",
        "ROLLBAR_ACCESS_TOKEN=",
        "ROLLBAR_READ_ACCESS_TOKEN=",
    ] {
        assert!(
            stored.contains(var),
            "{var} not stored:\n(.env has {} lines)",
            stored.lines().count()
        );
    }
    let ingest = w.team.key("backend-flask ingest").value();
    assert!(stored.contains(&format!("HONEYCOMB_API_KEY={ingest}")));

    // 2. A second run changes nothing and writes nothing.
    let (hc_writes, rb_writes) = (w.team.writes().len(), w.rollbar.account_writes().len());
    let r = w.setup();
    r.code(0);
    w.shows_no_secret(&r);
    for l in r.stdout.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        if l.starts_with(['┌', '├', '└', '│', '+', '-', '=']) || l.starts_with("KIND") {
            continue;
        }
        assert!(l.contains("unchanged"), "not unchanged: {l}\n{}", r.stdout);
    }
    assert_eq!(w.team.writes().len(), hc_writes, "{:?}", w.team.writes());
    assert_eq!(
        w.rollbar.account_writes().len(),
        rb_writes,
        "{:?}",
        w.rollbar.account_writes()
    );

    // 3. doctor --send-test with nothing exported but the addresses: every row passes.
    let r = w.bare(&["doctor", "--send-test", "--timeout", "20s"]);
    w.shows_no_secret(&r);
    r.code(0);
    for row in ["✓ send-test honeycomb", "✓ send-test rollbar"] {
        assert!(r.stdout.contains(row), "{row}:\n{}", r.stdout);
    }
    assert!(!r.stdout.contains('✗'), "{}", r.stdout);
    assert!(
        line_of(&r.stdout, "✓ send-test honeycomb").contains("arrived in dataset `backend-flask`"),
        "{}",
        r.stdout
    );
    assert!(
        line_of(&r.stdout, "✓ send-test rollbar").contains("occurrence arrived after"),
        "{}",
        r.stdout
    );

    // 4. The block the app needs, secrets as references.
    let r = w.bare(&["env", "--format", "compose"]);
    r.code(0);
    w.shows_no_secret(&r);
    assert_eq!(
        r.stdout,
        format!(
            "environment:\n  \
             OTEL_SERVICE_NAME: \"backend-flask\"\n  \
             OTEL_EXPORTER_OTLP_ENDPOINT: \"{}\"\n  \
             OTEL_EXPORTER_OTLP_HEADERS: \"x-honeycomb-team=${{HONEYCOMB_API_KEY}}\"\n  \
             ROLLBAR_ACCESS_TOKEN: \"${{ROLLBAR_ACCESS_TOKEN}}\"\n  \
             ROLLBAR_ENVIRONMENT: \"development\"\n",
            w.team.url().trim_end_matches('/')
        )
    );
}
