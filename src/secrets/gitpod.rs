//! Gitpod's `gp env NAME=VALUE`: the value is kept for the next workspace of this repository. `gp` prints
//! `NAME=VALUE` on its standard output, so its output is captured and never shown; only the variable's name
//! and, on failure, gp's error (with the value redacted) are.

use crate::error::{Error, Result};

/// Hand `name=value` to `gp env`.
pub async fn set(name: &str, value: &str) -> Result<()> {
    let out = tokio::process::Command::new("gp")
        .arg("env")
        .arg(format!("{name}={value}"))
        .stdin(std::process::Stdio::null())
        .output()
        .await;
    let out = match out {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::failed(
                "`gp` is not on PATH: this is not a Gitpod workspace, so the value was not handed to Gitpod",
            )
            .with_help(
                "run `o11y setup --rotate NAME` inside the Gitpod workspace, or keep it in the secrets file only \
                 (gitpod = false)",
            ))
        }
        Err(e) => return Err(Error::failed(format!("could not run `gp env`: {e}"))),
    };
    if out.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&out.stderr).replace(value, "<redacted>");
    let said = said.trim();
    if said.contains("failed getting workspace info") {
        return Err(Error::failed(format!(
            "`gp env` could not reach the Gitpod workspace ({}): not inside a Gitpod workspace",
            said.lines().next().unwrap_or_default()
        ))
        .with_help("run it inside the Gitpod workspace, or set gitpod = false in [secrets]"));
    }
    Err(Error::failed(format!(
        "`gp env` failed ({}): {}",
        out.status,
        if said.is_empty() { "no message" } else { said }
    )))
}
