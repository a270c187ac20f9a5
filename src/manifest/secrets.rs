//! `[secrets]`: where a key o11y creates goes (a dotenv file, and/or Gitpod's `gp env`), and where `setup`,
//! `doctor` and `deploy` read the stored keys back from.

use serde::Deserialize;
use toml::Spanned;

use super::source::Source;
use crate::error::{Error, Result};

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Raw {
    file: Option<Spanned<String>>,
    #[serde(default)]
    gitpod: bool,
}

/// The sink, checked: `file` as written in the manifest (relative to its folder).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Secrets {
    pub file: Option<String>,
    pub gitpod: bool,
}

pub fn check(raw: Raw, src: &Source) -> Result<Secrets> {
    if let Some(f) = &raw.file {
        let name = f.get_ref();
        if name.trim().is_empty() || name.ends_with('/') {
            return Err(Error::usage(format!(
                "{}: secrets.file: `{name}` is not a file name",
                src.at(f.span().start)
            ))
            .with_help("e.g. file = \".env\" (relative to the manifest's folder)"));
        }
    }
    if raw.file.is_none() && !raw.gitpod {
        return Err(
            Error::usage(format!("{}: [secrets] names no sink", src.path.display()))
                .with_help("add file = \".env\" and/or gitpod = true"),
        );
    }
    Ok(Secrets {
        file: raw.file.map(|f| f.into_inner()),
        gitpod: raw.gitpod,
    })
}
