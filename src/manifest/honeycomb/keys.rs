//! `[[honeycomb.api_keys]]`: the environment's keys, by name, with the variable their value goes to.

use serde::Deserialize;

use super::rules::Check;
use crate::error::Result;
use crate::honeycomb::permissions;

/// `ingest` (sends events; its value is the key id and secret together) or `configuration` (the v1 API; its
/// value is the secret).
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum KeyType {
    Ingest,
    Configuration,
}

impl KeyType {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::Ingest => "ingest",
            KeyType::Configuration => "configuration",
        }
    }
}

/// `[[honeycomb.api_keys]]`: a key of the environment, by name; its value goes to the secrets sink as `env`.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ApiKey {
    pub name: String,
    pub kind: KeyType,
    /// The v2 API's permission names (`manage_triggers` ...); an ingest key knows only `create_datasets`.
    #[serde(default)]
    pub permissions: Vec<String>,
    /// The variable the app reads the key from (`HONEYCOMB_API_KEY`).
    pub env: String,
}

/// Each key: its name, variable and permissions (by the v2 API's names), once each.
pub fn check(c: &Check, keys: &[ApiKey]) -> Result<()> {
    for (i, k) in keys.iter().enumerate() {
        check_key(c, i, k)?;
    }
    c.unique(keys, "api_keys", "name", |k| k.name.clone())?;
    c.unique(keys, "api_keys", "env", |k| k.env.clone())
}

fn check_key(c: &Check, i: usize, k: &ApiKey) -> Result<()> {
    let at = format!("honeycomb.api_keys[{i}]");
    c.text(&format!("{at}.name"), &k.name, 1, 100)?;
    let valid_var = k
        .env
        .chars()
        .next()
        .is_some_and(|ch| ch.is_ascii_alphabetic() || ch == '_')
        && k.env
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_');
    if !valid_var {
        return Err(c
            .err(
                &format!("{at}.env"),
                format!("`{}` is not a variable name", k.env),
            )
            .with_help(
                "letters, digits and `_`, not starting with a digit: env = \"HONEYCOMB_API_KEY\"",
            ));
    }
    for (j, p) in k.permissions.iter().enumerate() {
        let key = format!("{at}.permissions[{j}]");
        let known: Vec<&str> = match k.kind {
            KeyType::Ingest => permissions::INGEST.to_vec(),
            KeyType::Configuration => permissions::CONFIGURATION.iter().map(|p| p.api).collect(),
        };
        if !known.contains(&p.as_str()) {
            return Err(c
                .err(
                    &key,
                    format!(
                        "`{p}` is not a permission of {} key in Honeycomb's API",
                        match k.kind {
                            KeyType::Ingest => "an ingest",
                            KeyType::Configuration => "a configuration",
                        }
                    ),
                )
                .with_help(format!("one of: {}", known.join(", "))));
        }
        if k.permissions[..j].contains(p) {
            return Err(c.err(&key, format!("`{p}` appears twice")));
        }
    }
    Ok(())
}
