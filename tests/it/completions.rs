//! The committed shell completions and man page are exactly what the binary prints, and they load in the
//! shells. After changing the command tree: `O11Y_UPDATE_GENERATED=1 cargo test --test it completions`.

use crate::support;

use std::process::Command;

use support::{repo_root, run, Sandbox};

const FILES: [(&str, &str); 5] = [
    ("bash", "completions/o11y.bash"),
    ("zsh", "completions/_o11y"),
    ("fish", "completions/o11y.fish"),
    ("powershell", "completions/_o11y.ps1"),
    ("elvish", "completions/o11y.elv"),
];

fn check_current(args: &[&str], file: &str) {
    let r = run(Sandbox::new().o11y().args(args));
    r.code(0);
    let path = repo_root().join(file);
    if std::env::var_os("O11Y_UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &r.stdout).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == r.stdout,
        "{file} is not what `o11y {}` prints: run `O11Y_UPDATE_GENERATED=1 cargo test --test it completions` and commit it",
        args.join(" ")
    );
}

#[test]
fn committed_completions_are_current() {
    for (shell, file) in FILES {
        check_current(&["completions", shell], file);
    }
}

/// The commands with a page of their own (`man/o11y-NAME.1`): every visible top-level command.
const PAGES: [&str; 12] = [
    "xray",
    "logs",
    "honeycomb",
    "rollbar",
    "otel",
    "setup",
    "doctor",
    "deploy",
    "env",
    "init",
    "export",
    "completions",
];

#[test]
fn committed_man_pages_are_current() {
    check_current(&["man"], "man/o11y.1");
    for page in PAGES {
        check_current(&["man", page], &format!("man/o11y-{page}.1"));
    }
    // Every command has its page, and every page its command.
    let shipped = std::fs::read_dir(repo_root().join("man")).unwrap().count();
    assert_eq!(
        shipped,
        PAGES.len() + 1,
        "man/ has pages of no command, or lacks one"
    );
    let setup = std::fs::read_to_string(repo_root().join("man/o11y-setup.1")).unwrap();
    assert!(
        setup.contains("parallelism") && setup.contains("O11Y_ENV"),
        "{setup}"
    );
    let r = run(Sandbox::new().o11y().args(["man", "nope"]));
    r.code(2);
    assert!(r.stderr.contains("one of: xray, logs"), "{}", r.stderr);
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let r = run(Sandbox::new().o11y().args(["completions", "tcsh"]));
    r.code(2);
    assert!(r.stderr.contains("invalid value 'tcsh'"), "{}", r.stderr);
}

/// Runs `script` in `shell`; the shells are installed by scripts/test.
fn shell(shell: &str, args: &[&str]) -> String {
    let out = Command::new(shell).args(args).current_dir(repo_root()).output().unwrap_or_else(|e| {
        panic!("{shell} is not installed ({e}): run the tests with scripts/test, which installs it")
    });
    assert!(
        out.status.success(),
        "{shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn completions_load_in_bash_zsh_and_fish_and_complete_subcommands() {
    let bash = shell(
        "bash",
        &["-c", "source completions/o11y.bash && COMP_WORDS=(o11y xr) COMP_CWORD=1 && _o11y o11y xr o11y && echo \"${COMPREPLY[@]}\""],
    );
    assert!(
        bash.split_whitespace().any(|w| w == "xray"),
        "bash completed: {bash}"
    );

    let zsh = shell(
        "zsh",
        &[
            "-c",
            "autoload -U compinit && compinit -u && source completions/_o11y && whence -w _o11y",
        ],
    );
    assert!(zsh.contains("_o11y: function"), "zsh: {zsh}");

    let fish = shell(
        "fish",
        &["-c", "source completions/o11y.fish; complete -C 'o11y xr'"],
    );
    assert!(
        fish.lines().any(|l| l.starts_with("xray")),
        "fish completed: {fish}"
    );
}

#[test]
fn completions_help_has_an_example() {
    let r = run(Sandbox::new().o11y().args(["completions", "--help"]));
    r.code(0);
    assert!(
        r.stdout.contains("Examples:\n  o11y completions bash"),
        "{}",
        r.stdout
    );
}
