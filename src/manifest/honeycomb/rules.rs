//! The checks' shared helpers: an error naming the file, line and key path; lengths and ranges as the
//! reference gives them; identities that must appear once.

use crate::error::{Error, Result};
use crate::manifest::source::Source;

/// The checks of one manifest: `key` names a key path (`honeycomb.slos[0].target_per_million`) with its file
/// and line for an error.
pub struct Check<'a> {
    pub src: &'a Source<'a>,
}

impl Check<'_> {
    pub fn err(&self, key: &str, msg: impl std::fmt::Display) -> Error {
        Error::usage(format!("{}: {msg}", self.src.key(key)))
    }

    /// A text of `min..=max` characters (the reference's `minLength` / `maxLength`).
    pub fn text(&self, key: &str, v: &str, min: usize, max: usize) -> Result<()> {
        let n = v.chars().count();
        if n < min || n > max {
            let what = match (min, n) {
                (1, 0) => "must not be empty".to_string(),
                _ => format!("is {n} characters; Honeycomb takes {min} to {max}"),
            };
            return Err(self.err(key, what));
        }
        Ok(())
    }

    pub fn range(&self, key: &str, v: i64, min: i64, max: i64) -> Result<()> {
        if v < min || v > max {
            return Err(self.err(
                key,
                format!("{v} is outside {min}..{max}, the range Honeycomb accepts"),
            ));
        }
        Ok(())
    }

    /// Each identity once: `key_of` gives the identity, `field` the key path to name.
    pub fn unique<T>(
        &self,
        items: &[T],
        section: &str,
        field: &str,
        key_of: impl Fn(&T) -> String,
    ) -> Result<()> {
        for (i, a) in items.iter().enumerate() {
            let k = key_of(a);
            if items[..i].iter().any(|b| key_of(b) == k) {
                return Err(self.err(
                    &format!("honeycomb.{section}[{i}].{field}"),
                    format!("`{k}` appears twice"),
                ));
            }
        }
        Ok(())
    }
}
