//! The security row of doctor: inside a git checkout, no secret from the environment in a tracked file.

use super::checklist::Check;

/// Inside a git checkout: a secret from the environment in a tracked file (teams paste live keys into notes
/// and compose files). Names the variable, file and line; never the secret.
pub async fn checks() -> Vec<Check> {
    let secrets: Vec<(&str, String)> = [
        "HONEYCOMB_API_KEY",
        "ROLLBAR_ACCESS_TOKEN",
        "AWS_SECRET_ACCESS_KEY",
    ]
    .into_iter()
    .filter_map(|v| {
        std::env::var(v)
            .ok()
            .filter(|s| s.trim().len() >= 8)
            .map(|s| (v, s.trim().to_string()))
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
