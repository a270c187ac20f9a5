//! `[rollbar] project`: found by name in `GET projects`, created if missing, never deleted or renamed (the API
//! has no rename). Two projects with the name are a failed row naming both ids: o11y never guesses.

use serde_json::json;

use crate::ensure::{Action, Ensured, Outcome};
use crate::error::Error;
use crate::rollbar::account::{Account, Project};

pub const KIND: &str = "rollbar project";

/// Where the project stands after its ensure: its id, or (dry run) that it would be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Exists(u64),
    Created(u64),
    WouldCreate,
}

impl State {
    pub fn id(self) -> Option<u64> {
        match self {
            State::Exists(id) | State::Created(id) => Some(id),
            State::WouldCreate => None,
        }
    }
}

/// Ensure the project; its row, and its state unless it failed.
pub async fn ensure(account: &Account<'_>, name: &str, dry_run: bool) -> (Outcome, Option<State>) {
    let row = |action, p: Option<&Project>| Ensured {
        kind: KIND,
        name: name.to_string(),
        action,
        changes: Vec::new(),
        resource_key: "project",
        resource: p.map_or(
            json!({ "name": name }),
            |p| json!({"id": p.id, "name": p.name, "status": p.status}),
        ),
    };
    let projects = match account.projects().await {
        Ok(p) => p,
        Err(e) => return (Outcome::new(KIND, name, Err(e)), None),
    };
    let same: Vec<&Project> = projects.iter().filter(|p| p.name == name).collect();
    match same.as_slice() {
        [p] => (
            Outcome::new(KIND, name, Ok(row(Action::Unchanged, Some(p)))),
            Some(State::Exists(p.id)),
        ),
        [] if dry_run => (
            Outcome::new(KIND, name, Ok(row(Action::Created, None))),
            Some(State::WouldCreate),
        ),
        [] => match account.create_project(name).await {
            Ok(p) => (
                Outcome::new(KIND, name, Ok(row(Action::Created, Some(&p)))),
                Some(State::Created(p.id)),
            ),
            Err(e) => (Outcome::new(KIND, name, Err(e)), None),
        },
        many => {
            let ids: Vec<String> = many.iter().map(|p| p.id.to_string()).collect();
            let e = Error::failed(format!(
                "{} projects named `{name}` in the account (ids {}): o11y does not guess which is meant",
                many.len(),
                ids.join(", ")
            ))
            .with_help("rename or delete the others in Rollbar (Project Settings), then run o11y setup again");
            (Outcome::new(KIND, name, Err(e)), None)
        }
    }
}
