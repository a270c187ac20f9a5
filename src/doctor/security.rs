//! The security row of doctor: inside a git checkout, no secret from the environment in a tracked file.

use super::checklist::Check;
use crate::context::Env;
use crate::secrets::Sink;

/// The secrets file: a failed check when git tracks it (every key in it would be committed), a warning when
/// git does not ignore it. Nothing without `[secrets] file`.
pub fn sink_checks(sink: &Sink) -> Vec<Check> {
    let Some(file) = sink.file_name() else {
        return Vec::new();
    };
    const CHECK: &str = "security: secrets file";
    if sink.is_tracked() {
        return vec![Check::fail(
            CHECK,
            format!("`{file}` is tracked by git: the keys in it are in the repository"),
            format!("git rm --cached {file} && echo {file} >> .gitignore, then rotate its keys with `o11y setup --rotate NAME`"),
        )];
    }
    match sink.not_ignored_warning() {
        Some(w) => vec![Check::warn(CHECK, w, format!("echo {file} >> .gitignore"))],
        None => vec![Check::ok(CHECK, format!("`{file}` is not tracked by git"))],
    }
}

/// The variables whose values are secrets, whatever the manifest says.
pub const SECRET_VARS: [&str; 6] = [
    "HONEYCOMB_API_KEY",
    "HONEYCOMB_KEY_SECRET",
    "ROLLBAR_ACCESS_TOKEN",
    "ROLLBAR_READ_ACCESS_TOKEN",
    "ROLLBAR_ACCOUNT_ACCESS_TOKEN",
    "AWS_SECRET_ACCESS_KEY",
];

/// Inside a git checkout: a secret of the run (from the environment or the secrets sink) in a tracked file
/// (teams paste live keys into notes and compose files). `names`: the variables that hold secrets. Names the
/// variable, file and line; never the secret.
pub async fn checks(env: &Env, names: &[String]) -> Vec<Check> {
    let secrets: Vec<(&str, String)> = names
        .iter()
        .filter_map(|v| {
            env.var(v)
                .filter(|s| s.trim().len() >= 8)
                .map(|s| (v.as_str(), s.trim().to_string()))
        })
        .collect();
    if secrets.is_empty() {
        return Vec::new();
    }
    let listed = match tokio::process::Command::new("git")
        .args(["ls-files", "-z"])
        .output()
        .await
    {
        Ok(o) if o.status.success() => o.stdout,
        _ => return Vec::new(), // not a git checkout, or no git: nothing to scan
    };
    let files: Vec<String> = listed
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let mut found = Vec::new();
    for path in &files {
        if tokio::fs::metadata(path)
            .await
            .map_or(true, |m| m.len() > 8 << 20)
        {
            continue;
        }
        let Ok(bytes) = tokio::fs::read(path).await else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for (var, secret) in &secrets {
            for (i, line) in text.lines().enumerate() {
                if line.contains(secret.as_str()) {
                    found.push(Check::warn(
                        "security: secrets in git",
                        format!("the value of {var} appears in {path}:{}", i + 1),
                        format!("remove it from {path} (and from git history), then rotate the {var} it leaks"),
                    ));
                }
            }
        }
    }
    if found.is_empty() {
        found.push(Check::ok(
            "security: secrets in git",
            format!(
                "no secret from the environment in {} tracked files",
                files.len()
            ),
        ));
    }
    found
}
