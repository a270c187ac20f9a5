//! The access token and the API endpoint every Rollbar command takes (`--access-token`, `--api-endpoint` and
//! their variables), checked before any call; the token is never shown beyond its first 4 characters.

use crate::aws::check_url;
use crate::context::Env;
use crate::error::{Error, Result};
use crate::secret::mask;

pub const DEFAULT_ENDPOINT: &str = "https://api.rollbar.com/api/1/";

/// Where to find a project's tokens, for help lines.
pub const TOKENS_PAGE: &str = "Project Settings -> Project Access Tokens";

#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Rollbar options")]
pub struct Options {
    /// A project access token with the post_server_item scope (Project Settings -> Project Access Tokens)
    #[arg(
        long,
        global = true,
        env = "ROLLBAR_ACCESS_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub access_token: Option<String>,
    /// Rollbar's API base URL
    #[arg(
        long,
        global = true,
        env = "ROLLBAR_ENDPOINT",
        default_value = DEFAULT_ENDPOINT,
        value_name = "URL"
    )]
    pub api_endpoint: String,
}

impl Options {
    /// From the run's variables (ROLLBAR_ACCESS_TOKEN, ROLLBAR_ENDPOINT), for the commands that span every
    /// backend (doctor, deploy).
    pub fn from_env(env: &Env) -> Self {
        Options {
            access_token: env.var("ROLLBAR_ACCESS_TOKEN"),
            api_endpoint: env
                .var("ROLLBAR_ENDPOINT")
                .unwrap_or_else(|| DEFAULT_ENDPOINT.into()),
        }
    }

    /// The token and the endpoint, checked without any network call (exit 2 when either is unusable).
    pub fn resolve(&self) -> Result<(String, String)> {
        let token = self
            .access_token
            .as_deref()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                Error::usage(
                    "no Rollbar access token: set ROLLBAR_ACCESS_TOKEN or pass --access-token",
                )
                .with_help(format!(
                    "use the project's post_server_item token ({TOKENS_PAGE})"
                ))
            })?;
        check_token(token).map_err(|e| {
            Error::usage(format!("the Rollbar access token {e}")).with_help(format!(
                "set ROLLBAR_ACCESS_TOKEN (or --access-token) to the project's post_server_item token, \
                 copied from {TOKENS_PAGE} without quotes or spaces"
            ))
        })?;
        Ok((token.to_string(), self.endpoint()?))
    }

    /// The API base URL, checked, ending with the `/` the paths are joined to.
    pub fn endpoint(&self) -> Result<String> {
        check_url("--api-endpoint", &self.api_endpoint)?;
        let mut endpoint = self.api_endpoint.clone();
        if !endpoint.ends_with('/') {
            endpoint.push('/');
        }
        Ok(endpoint)
    }
}

/// Whether `token` looks like a Rollbar project access token: 32 hexadecimal characters (the classic
/// tokens), or 96 letters and digits (the tokens Rollbar creates since 2025). The error says what is wrong
/// and shows at most the token's first 4 characters.
pub fn check_token(token: &str) -> std::result::Result<(), String> {
    let shown = mask(token);
    if token.chars().any(char::is_whitespace) {
        let r#where = if token.trim() != token {
            "starts or ends with whitespace"
        } else {
            "contains whitespace"
        };
        return Err(format!("`{shown}` {where}"));
    }
    if token.starts_with(['"', '\'']) || token.ends_with(['"', '\'']) {
        return Err(format!("`{shown}` is wrapped in quotes"));
    }
    let n = token.chars().count();
    match n {
        32 if token.chars().all(|c| c.is_ascii_hexdigit()) => Ok(()),
        32 => Err(format!(
            "`{shown}` is not hexadecimal: a 32-character Rollbar token has only 0-9 and a-f"
        )),
        96 if token.chars().all(|c| c.is_ascii_alphanumeric()) => Ok(()),
        96 => Err(format!(
            "`{shown}` has characters other than letters and digits"
        )),
        _ => Err(format!(
            "`{shown}` has {n} characters; a Rollbar project access token has 32 (or 96 for newer tokens)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789ABCDEF";

    #[test]
    fn a_32_character_hex_token_is_well_formed() {
        assert_eq!(check_token(TOKEN), Ok(()));
        assert_eq!(check_token(&"a1".repeat(48)), Ok(()));
    }

    #[test]
    fn a_malformed_token_is_refused_saying_why_without_showing_it() {
        for (token, why) in [
            ("0123456789abcdef0123456789abcde", "has 31 characters"),
            ("", "has 0 characters"),
            ("0123456789abcdef0123456789abcdefg", "has 33 characters"),
            ("0123456789abcdef0123456789abcdeg", "not hexadecimal"),
            (" 0123456789abcdef0123456789abcdef", "whitespace"),
            ("0123456789abcdef0123456789abcdef\n", "whitespace"),
            ("\"0123456789abcdef0123456789abcd\"", "quotes"),
        ] {
            let e = check_token(token).unwrap_err();
            assert!(e.contains(why), "{token:?}: {e}");
            if token.len() > 8 {
                assert!(!e.contains(&token.trim()[4..]), "{e}");
            }
        }
        let long = format!("{}-{}", "a".repeat(50), "b".repeat(45));
        assert!(check_token(&long)
            .unwrap_err()
            .contains("other than letters"));
    }

    fn opts(token: Option<&str>, endpoint: &str) -> Options {
        Options {
            access_token: token.map(str::to_string),
            api_endpoint: endpoint.to_string(),
        }
    }

    #[test]
    fn resolve_adds_the_trailing_slash_the_paths_are_joined_to() {
        let (t, e) = opts(Some(TOKEN), "http://127.0.0.1:9/api/1")
            .resolve()
            .unwrap();
        assert_eq!(
            (t.as_str(), e.as_str()),
            (TOKEN, "http://127.0.0.1:9/api/1/")
        );
        let (_, e) = opts(Some(TOKEN), DEFAULT_ENDPOINT).resolve().unwrap();
        assert_eq!(e, DEFAULT_ENDPOINT);
    }

    #[test]
    fn resolve_refuses_a_missing_token_and_a_bad_endpoint_as_usage_errors() {
        for o in [
            opts(None, DEFAULT_ENDPOINT),
            opts(Some(""), DEFAULT_ENDPOINT),
        ] {
            let e = o.resolve().unwrap_err();
            assert_eq!(e.exit_code(), 2);
            assert!(e.message.contains("ROLLBAR_ACCESS_TOKEN"), "{}", e.message);
        }
        let e = opts(Some(TOKEN), "api.rollbar.com").resolve().unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.contains("--api-endpoint"), "{}", e.message);
    }
}
