//! The sink `[secrets]` declares: a dotenv file (written atomically, mode 0600, other lines kept) and/or
//! Gitpod (`gp env`). It is also a source: what the file holds is read back, so `setup`, `doctor` and
//! `deploy` use stored keys without the user exporting them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::json;

use super::{dotenv, gitpod};
use crate::context::Context;
use crate::ensure::{Action, Ensured, Outcome};
use crate::error::{Error, Result};
use crate::manifest::secrets::Secrets;
use crate::manifest::{app_env, Manifest};

pub struct Sink {
    /// The dotenv file: as the manifest writes it, and where it is.
    file: Option<(String, PathBuf)>,
    gitpod: bool,
    /// The file's values, then what this run stored.
    values: Mutex<BTreeMap<String, String>>,
    /// Whether git tracks the file, and whether it ignores it (`None`: not in a git checkout).
    tracked: bool,
    ignored: Option<bool>,
}

/// Where a stored value goes, for rows and messages.
const GITPOD: &str = "Gitpod (gp env)";

impl Sink {
    /// No `[secrets]`: holds nothing, and stores nothing.
    pub fn none() -> Sink {
        Sink {
            file: None,
            gitpod: false,
            values: Mutex::default(),
            tracked: false,
            ignored: None,
        }
    }

    /// The manifest's sink (`dir`: the manifest's folder), with the file's values read. A missing file is an
    /// empty one; an unreadable one is a usage error (exit 2).
    pub async fn open(spec: Option<&Secrets>, dir: &Path) -> Result<Sink> {
        let Some(spec) = spec else {
            return Ok(Sink::none());
        };
        let mut sink = Sink {
            file: spec.file.as_ref().map(|f| (f.clone(), dir.join(f))),
            gitpod: spec.gitpod,
            ..Sink::none()
        };
        if let Some((shown, path)) = &sink.file {
            let text = match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
                Err(e) => {
                    return Err(Error::usage(format!(
                        "cannot read the secrets file `{shown}`: {e}"
                    )))
                }
            };
            sink.values = Mutex::new(dotenv::parse(&text));
            let (tracked, ignored) = git_state(path).await;
            sink.tracked = tracked;
            sink.ignored = ignored;
        }
        Ok(sink)
    }

    /// The sink of a run's manifest (an empty one without a manifest), its values added to the run's
    /// variables below the process environment.
    pub async fn of_run(ctx: &Context, m: Option<&Manifest>) -> Result<Sink> {
        let sink = match m {
            Some(m) => Sink::open(m.secrets.as_ref(), m.dir()).await?,
            None => Sink::none(),
        };
        ctx.env.add(sink.values());
        // Then the app's environment the manifest describes (what `o11y env` prints), its references
        // resolved from the above, for the variables the process does not set.
        if let Some(m) = m {
            let vars = app_env::vars(
                m.honeycomb.as_ref(),
                m.rollbar.as_ref(),
                None,
                &app_env::honeycomb_endpoint(&ctx.env),
            );
            let resolved: Vec<(String, String)> = vars
                .iter()
                .filter_map(|v| Some((v.name.to_string(), app_env::resolve(&v.value, &ctx.env)?)))
                .collect();
            ctx.env.add_defaults(resolved);
        }
        Ok(sink)
    }

    /// The file as the manifest names it.
    pub fn file_name(&self) -> Option<&str> {
        self.file.as_ref().map(|(s, _)| s.as_str())
    }

    /// The value stored under `name`, if the sink holds one (Gitpod's values are not readable from here).
    pub fn get(&self, name: &str) -> Option<String> {
        self.lock().get(name).filter(|v| !v.is_empty()).cloned()
    }

    /// Every value the sink holds (for the run's variables).
    pub fn values(&self) -> BTreeMap<String, String> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        self.values.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A file that git tracks would put every key into the repository: a usage error (exit 2), before any call.
    pub fn refuse_tracked(&self) -> Result<()> {
        match (&self.file, self.tracked) {
            (Some((shown, _)), true) => Err(Error::usage(format!(
                "the secrets file `{shown}` is tracked by git: the keys o11y stores there would be committed"
            ))
            .with_help(format!(
                "git rm --cached {shown} && echo {shown} >> .gitignore (and rotate any key it already holds)"
            ))),
            _ => Ok(()),
        }
    }

    /// Whether git tracks the file (doctor's check), and a warning when git does not ignore it.
    pub fn is_tracked(&self) -> bool {
        self.file.is_some() && self.tracked
    }

    pub fn not_ignored_warning(&self) -> Option<String> {
        match (&self.file, self.ignored) {
            (Some((shown, _)), Some(false)) if !self.tracked => Some(format!(
                "the secrets file `{shown}` is not ignored by git: a `git add .` would commit the keys"
            )),
            _ => None,
        }
    }

    /// Hand a created secret to every declared target: one row each (`NAME in .env`, `NAME in Gitpod`),
    /// `created`, `updated` or `unchanged`; a failure is that row's error. The value is never shown.
    pub async fn store(&self, name: &str, value: &str) -> Vec<Outcome> {
        let before = self.lock().get(name).cloned();
        let action = match &before {
            None => Action::Created,
            Some(v) if v == value => Action::Unchanged,
            Some(_) => Action::Updated,
        };
        let mut rows = Vec::new();
        if let Some((shown, path)) = &self.file {
            let result = match action {
                Action::Unchanged => Ok(()),
                _ => self.write_file(shown, path, name, value),
            };
            rows.push(row(name, shown, action, result));
        }
        if self.gitpod {
            let result = match action {
                Action::Unchanged => Ok(()),
                _ => gitpod::set(name, value).await,
            };
            rows.push(row(name, GITPOD, action, result));
        }
        if rows.is_empty() {
            rows.push(Outcome::new(
                "secret",
                name,
                Err(Error::failed(format!(
                    "o11y.toml has no [secrets]: the new value of {name} had nowhere to go"
                ))
                .with_help(
                    "add [secrets] file = \".env\" to o11y.toml, then `o11y setup --rotate`",
                )),
            ));
        }
        // Held from now on only where a target took it: a value nothing holds must not pass for stored.
        if rows.iter().any(|r| r.result.is_ok()) {
            self.lock().insert(name.to_string(), value.to_string());
        }
        rows
    }

    /// Set `name` in the file, keeping every other line: written to a temporary file of mode 0600 beside it,
    /// then renamed over it, so a reader never sees half a file.
    fn write_file(&self, shown: &str, path: &Path, name: &str, value: &str) -> Result<()> {
        let line = dotenv::line(name, value).map_err(|why| {
            Error::failed(format!(
                "the value of {name} cannot be written to `{shown}`: {why}"
            ))
        })?;
        // One writer at a time: two stores of one run read and rewrite the same file.
        let _guard = self.lock();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Error::failed(format!("cannot read `{shown}`: {e}"))),
        };
        let new = dotenv::set(&text, name, &line);
        crate::atomic::write(path, new.as_bytes(), 0o600)
            .map_err(|e| Error::failed(format!("cannot write `{shown}`: {e}")))
    }
}

fn row(name: &str, sink: &str, action: Action, result: Result<()>) -> Outcome {
    let shown = format!("{name} in {sink}");
    Outcome::new(
        "secret",
        shown.clone(),
        result.map(|()| Ensured {
            kind: "secret",
            name: shown,
            action,
            changes: Vec::new(),
            resource_key: "secret",
            resource: json!({ "name": name, "sink": sink }),
        }),
    )
}

/// Whether git tracks `path`, and whether it ignores it; `(false, None)` outside a git checkout or without git.
async fn git_state(path: &Path) -> (bool, Option<bool>) {
    let dir = path.parent().unwrap_or(Path::new("."));
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let git = |args: Vec<std::ffi::OsString>| {
        let mut c = tokio::process::Command::new("git");
        c.current_dir(dir)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        c
    };
    let inside = git(vec!["rev-parse".into(), "--is-inside-work-tree".into()])
        .status()
        .await
        .is_ok_and(|s| s.success());
    if !inside {
        return (false, None);
    }
    let file: PathBuf = path.file_name().map(PathBuf::from).unwrap_or_default();
    let tracked = git(vec![
        "ls-files".into(),
        "--error-unmatch".into(),
        "--".into(),
        file.clone().into(),
    ])
    .status()
    .await
    .is_ok_and(|s| s.success());
    let ignored = git(vec![
        "check-ignore".into(),
        "-q".into(),
        "--".into(),
        file.into(),
    ])
    .status()
    .await
    .is_ok_and(|s| s.success());
    (tracked, Some(ignored))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(file: Option<&str>, gitpod: bool) -> Secrets {
        Secrets {
            file: file.map(str::to_string),
            gitpod,
        }
    }

    #[tokio::test]
    async fn the_file_is_read_back_written_with_mode_0600_and_other_lines_kept() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".env"), "# mine\nOTHER=1\nKEY=old\n").unwrap();
        let sink = Sink::open(Some(&spec(Some(".env"), false)), dir.path())
            .await
            .unwrap();
        assert_eq!(sink.get("KEY").as_deref(), Some("old"));
        assert_eq!(sink.get("MISSING"), None);
        let rows = sink.store("KEY", "new-secret-value").await;
        assert_eq!(rows.len(), 1);
        let e = rows[0].result.as_ref().unwrap();
        assert_eq!(
            (e.action, e.name.as_str()),
            (Action::Updated, "KEY in .env")
        );
        assert!(!e.resource.to_string().contains("new-secret-value"));
        let path = dir.path().join(".env");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# mine\nOTHER=1\nKEY=new-secret-value\n"
        );
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // The same value again: nothing is written.
        let rows = sink.store("KEY", "new-secret-value").await;
        assert_eq!(rows[0].result.as_ref().unwrap().action, Action::Unchanged);
        let rows = sink.store("NEW", "v1").await;
        assert_eq!(rows[0].result.as_ref().unwrap().action, Action::Created);
        assert!(std::fs::read_to_string(&path)
            .unwrap()
            .ends_with("NEW=v1\n"));
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "a temporary file was left behind");
    }

    #[tokio::test]
    async fn a_value_the_readers_would_change_is_a_failed_row_and_the_file_is_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let sink = Sink::open(Some(&spec(Some(".env"), false)), dir.path())
            .await
            .unwrap();
        let rows = sink.store("K", "a${B}").await;
        let e = rows[0].result.as_ref().unwrap_err();
        assert!(e.message.contains("cannot be written"), "{}", e.message);
        assert!(!e.message.contains("a${B}"), "{}", e.message);
        assert!(!dir.path().join(".env").exists());
    }

    #[tokio::test]
    async fn without_a_sink_a_new_value_is_a_failed_row_naming_the_fix() {
        let rows = Sink::none().store("K", "v").await;
        let e = rows[0].result.as_ref().unwrap_err();
        assert!(e.message.contains("no [secrets]"), "{}", e.message);
        assert!(!e.message.contains(": v"), "{}", e.message);
    }
}
