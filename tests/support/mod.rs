//! Test support: the built binary with a scrubbed environment, local fakes, and moto's server.
#![allow(dead_code)]

pub mod collector;
pub mod cwl_otlp;
pub mod follow;
pub mod honeycomb;
pub mod honeycomb_v1;
pub mod honeycomb_v2;
pub mod insights;
pub mod livetail;
pub mod logs;
pub mod metrics_otlp;
pub mod moto;
pub mod otlp;
pub mod rollbar;
pub mod rollbar_account;
pub mod server;
pub mod xray;
pub mod xray_ts;

use std::path::PathBuf;

use assert_cmd::Command;

/// A manifest of the Cruddur X-Ray group and sampling rule (the rule from `xray.json` beside it).
pub const XRAY_MANIFEST: &str = r#"
[[xray.groups]]
name = "Cruddur"
filter_expression = 'service("backend-flask")'

[[xray.sampling_rules]]
file = "xray.json"
"#;

pub const ACCESS_KEY_ID: &str = "AKIDO11YTESTKEY00001";
pub const SECRET_ACCESS_KEY: &str = "o11y/test/secret/NEVER/printed/0123456789";

/// A home and AWS config folder of the test's own, so nothing of the machine's is read.
pub struct Sandbox {
    pub home: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            home: tempfile::tempdir().unwrap(),
        }
    }

    /// The whole environment `o11y` gets: PATH, HOME and the AWS files of this sandbox, and no metadata service.
    fn base_env(&self) -> Vec<(String, std::ffi::OsString)> {
        let h = self.home.path();
        vec![
            ("PATH".into(), std::env::var_os("PATH").unwrap_or_default()),
            ("HOME".into(), h.into()),
            ("AWS_CONFIG_FILE".into(), h.join("aws-config").into()),
            (
                "AWS_SHARED_CREDENTIALS_FILE".into(),
                h.join("aws-credentials").into(),
            ),
            ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
        ]
    }

    /// Test credentials, a region, and `endpoint` as AWS_ENDPOINT_URL.
    fn aws_env(endpoint: &str) -> [(&'static str, &str); 4] {
        [
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID),
            ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
            ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL", endpoint),
        ]
    }

    /// `o11y` with only PATH, HOME and what the test sets: no AWS variables, no colour, no metadata service.
    pub fn o11y(&self) -> Command {
        let mut cmd = Command::cargo_bin("o11y").unwrap();
        cmd.env_clear()
            .envs(self.base_env())
            .current_dir(self.home.path());
        cmd
    }

    /// `o11y` with test credentials and a region, talking to `endpoint` through AWS_ENDPOINT_URL.
    pub fn o11y_aws(&self, endpoint: &str) -> Command {
        let mut cmd = self.o11y();
        cmd.envs(Self::aws_env(endpoint));
        cmd
    }

    /// The same as [`Sandbox::o11y_aws`], as a `std::process::Command` for tests that spawn and signal it.
    pub fn o11y_process(&self, endpoint: &str) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("o11y"));
        cmd.env_clear()
            .envs(self.base_env())
            .envs(Self::aws_env(endpoint))
            .current_dir(self.home.path());
        cmd
    }

    /// A sandbox with `manifest` as its o11y.toml, beside a copy of json/xray.json as `xray.json`.
    pub fn with_manifest(manifest: &str) -> Sandbox {
        let sb = Sandbox::new();
        sb.write("o11y.toml", manifest);
        sb.write(
            "xray.json",
            &std::fs::read_to_string(repo_root().join("json/xray.json")).unwrap(),
        );
        sb
    }

    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let p = self.home.path().join(name);
        std::fs::write(&p, contents).unwrap();
        p
    }
}

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `o11y ARGS --help` in a fresh sandbox: its stdout (exit 0 asserted).
pub fn help(args: &[&str]) -> String {
    let r = run(Sandbox::new().o11y().args(args).arg("--help"));
    r.code(0);
    r.stdout
}

/// stdout, stderr and the exit code of a finished command.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }

    /// Assert the exit code, showing everything when it is not the one expected.
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}
