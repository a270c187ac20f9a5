//! The secrets sink (`[secrets]` in o11y.toml) as a source and as a place git must not see: a tracked
//! secrets file stops setup before any call, an unignored one is a warning, and doctor uses the stored values
//! without the user exporting them, never showing one.

use std::process::Command;

use crate::support;
use support::rollbar::SERVER_TOKEN;
use support::{run, Sandbox};

fn git(sb: &Sandbox, args: &[&str]) {
    let ok = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(sb.home.path())
        .env("HOME", sb.home.path())
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

/// The checklist line that starts with `start` (empty when there is none).
fn line_of<'a>(out: &'a str, start: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_default()
}

const MANIFEST: &str = "[secrets]\nfile = \".env\"\n\n[[logs.groups]]\nname = \"cruddur\"\n";

#[test]
fn setup_refuses_a_secrets_file_that_git_tracks_before_any_call() {
    let sb = Sandbox::with_manifest(MANIFEST);
    sb.write(".env", "OTHER=1\n");
    git(&sb, &["init", "-q"]);
    git(&sb, &["add", ".env"]);
    // Nothing listens there: a call would be exit 1, not 2.
    let r = run(sb.o11y_aws("http://127.0.0.1:9").args(["setup"]));
    r.code(2);
    assert!(
        r.stderr.contains(
            "o11y: error: the secrets file `.env` is tracked by git: the keys o11y stores there would be committed"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("help: git rm --cached .env && echo .env >> .gitignore"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty(), "{}", r.stdout);
}

#[test]
fn an_unignored_secrets_file_is_a_warning_and_doctor_names_it() {
    let sb = Sandbox::with_manifest("[secrets]\nfile = \".env\"\n\n[rollbar]\n");
    sb.write(".env", &format!("ROLLBAR_ACCESS_TOKEN={SERVER_TOKEN}\n"));
    git(&sb, &["init", "-q"]);
    let r = run(sb.o11y().args(["doctor"]));
    assert!(
        line_of(&r.stdout, "! security: secrets file").ends_with(
            "the secrets file `.env` is not ignored by git: a `git add .` would commit the keys"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("fix: echo .env >> .gitignore"),
        "{}",
        r.stdout
    );
    sb.write(".gitignore", ".env\n");
    let r = run(sb.o11y().args(["doctor"]));
    assert!(
        line_of(&r.stdout, "✓ security: secrets file").ends_with("`.env` is not tracked by git"),
        "{}",
        r.stdout
    );
}

#[test]
fn doctor_uses_the_stored_token_without_an_export_and_never_shows_it() {
    let sb = Sandbox::with_manifest("[secrets]\nfile = \".env\"\n\n[rollbar]\n");
    sb.write(
        ".env",
        &format!("# o11y's keys\nexport ROLLBAR_ACCESS_TOKEN='{SERVER_TOKEN}'\n"),
    );
    let r = run(sb.o11y().args(["doctor", "-v"]));
    assert!(
        line_of(&r.stdout, "✓ rollbar token")
            .ends_with("ROLLBAR_ACCESS_TOKEN is set and well-formed (5e7a…)"),
        "{}",
        r.stdout
    );
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains(&SERVER_TOKEN[4..]), "{out}");
    }
    // A variable the process sets wins over the file.
    let r = run(sb
        .o11y()
        .env("ROLLBAR_ACCESS_TOKEN", "not-a-token")
        .args(["doctor"]));
    assert!(r.stdout.contains("✗ rollbar token"), "{}", r.stdout);
}

#[test]
fn a_secrets_table_that_names_no_sink_is_refused_with_the_fix() {
    let sb = Sandbox::with_manifest("[secrets]\n");
    let r = run(sb.o11y().args(["setup", "--dry-run"]));
    r.code(2);
    assert!(
        r.stderr.contains("o11y.toml: [secrets] names no sink"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("help: add file = \".env\" and/or gitpod = true"),
        "{}",
        r.stderr
    );
    let sb = Sandbox::with_manifest("[secrets]\nfile = \".env\"\nvault = true\n");
    let r = run(sb.o11y().args(["setup", "--dry-run"]));
    r.code(2);
    assert!(
        r.stderr.contains("o11y.toml:3: unknown field `vault`"),
        "{}",
        r.stderr
    );
}

#[test]
fn rotate_takes_only_a_key_the_manifest_names() {
    let sb = Sandbox::with_manifest(MANIFEST);
    let r = run(sb.o11y().args(["setup", "--rotate", "nope"]));
    r.code(2);
    assert!(
        r.stderr
            .contains("o11y: error: --rotate nope: o11y.toml has no key or token named `nope`"),
        "{}",
        r.stderr
    );
}

/// A `gp` stand-in in a folder of its own: it records its arguments in `gp.args` and answers as Gitpod's
/// does (`NAME=VALUE` on stdout), or fails as it does outside a workspace.
fn gp_stand_in(sb: &Sandbox, inside_gitpod: bool) -> String {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = sb.home.path().join("bin");
    std::fs::create_dir_all(&dir).unwrap();
    let record = sb.home.path().join("gp.args");
    let body = if inside_gitpod {
        format!(
            "printf '%s\\n' \"$@\" >> '{}'\necho \"$2\"\n",
            record.display()
        )
    } else {
        format!(
            "printf '%s\\n' \"$@\" >> '{}'\necho \"failed getting workspace info from supervisor: rpc error: code = Unavailable ($2)\" >&2\nexit 1\n",
            record.display()
        )
    };
    let gp = dir.join("gp");
    std::fs::write(&gp, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(&gp, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

const GITPOD_MANIFEST: &str = "[secrets]\nfile = \".env\"\ngitpod = true\n\n[rollbar]\nproject = \"cruddur\"\n\n[[rollbar.access_tokens]]\nname = \"backend-flask\"\nscopes = [\"post_server_item\"]\nenv = \"ROLLBAR_ACCESS_TOKEN\"\n";

fn setup_with_path(sb: &Sandbox, fake: &support::rollbar::RollbarFake, path: &str) -> support::Run {
    run(sb
        .o11y()
        .env("PATH", path)
        .env("ROLLBAR_ENDPOINT", fake.endpoint())
        .env(
            "ROLLBAR_ACCOUNT_ACCESS_TOKEN",
            support::rollbar_account::ACCOUNT_TOKEN,
        )
        .args(["setup", "-v"]))
}

#[test]
fn a_new_token_is_handed_to_gp_env_whose_output_is_never_shown() {
    let sb = Sandbox::with_manifest(GITPOD_MANIFEST);
    let fake = support::rollbar::RollbarFake::start();
    let path = gp_stand_in(&sb, true);
    let r = setup_with_path(&sb, &fake, &path);
    r.code(0);
    let stored = std::fs::read_to_string(sb.home.path().join(".env")).unwrap();
    let value = stored
        .lines()
        .find_map(|l| l.strip_prefix("ROLLBAR_ACCESS_TOKEN="))
        .expect("the token is in .env")
        .to_string();
    let args = std::fs::read_to_string(sb.home.path().join("gp.args")).unwrap();
    assert_eq!(args, format!("env\nROLLBAR_ACCESS_TOKEN={value}\n"));
    assert!(
        line_of(&r.stdout, "secret").contains("ROLLBAR_ACCESS_TOKEN in .env"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .lines()
            .any(|l| l.contains("ROLLBAR_ACCESS_TOKEN in Gitpod (gp env)") && l.contains("created")),
        "{}",
        r.stdout
    );
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains(&value), "the token was shown:\n{out}");
    }
    // The same value again: gp is not asked twice.
    let r = setup_with_path(&sb, &fake, &path);
    r.code(0);
    let args = std::fs::read_to_string(sb.home.path().join("gp.args")).unwrap();
    assert_eq!(args.lines().count(), 2, "{args}");
}

#[test]
fn outside_gitpod_the_gitpod_row_fails_with_the_fix_and_the_file_still_holds_the_value() {
    // gp present but no workspace: its error is shown (the value redacted), exit 1.
    let sb = Sandbox::with_manifest(GITPOD_MANIFEST);
    let fake = support::rollbar::RollbarFake::start();
    let path = gp_stand_in(&sb, false);
    let r = setup_with_path(&sb, &fake, &path);
    r.code(1);
    let stored = std::fs::read_to_string(sb.home.path().join(".env")).unwrap();
    let value = stored
        .lines()
        .find_map(|l| l.strip_prefix("ROLLBAR_ACCESS_TOKEN="))
        .expect("the file still holds the token")
        .to_string();
    let row = r
        .stdout
        .lines()
        .find(|l| l.contains("ROLLBAR_ACCESS_TOKEN in Gitpod"))
        .unwrap_or_default();
    assert!(row.contains("failed"), "{}", r.stdout);
    assert!(
        r.stdout.contains("not inside a Gitpod workspace"),
        "{}",
        r.stdout
    );
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains(&value), "the token was shown:\n{out}");
    }
    // No gp at all.
    let sb = Sandbox::with_manifest(GITPOD_MANIFEST);
    let fake = support::rollbar::RollbarFake::start();
    let empty = sb.home.path().join("no-gp");
    std::fs::create_dir_all(&empty).unwrap();
    let path = format!("{}:/usr/bin:/bin", empty.display());
    let r = setup_with_path(&sb, &fake, &path);
    r.code(1);
    assert!(
        r.stdout
            .contains("`gp` is not on PATH: this is not a Gitpod workspace"),
        "{}",
        r.stdout
    );
    assert!(std::fs::read_to_string(sb.home.path().join(".env"))
        .unwrap()
        .contains("ROLLBAR_ACCESS_TOKEN="));
}
