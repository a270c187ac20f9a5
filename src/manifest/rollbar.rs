//! `[rollbar]`: the environment the app reports, the project `o11y setup` ensures (`project`), its project
//! access tokens (`[[rollbar.access_tokens]]`) and notification rules (`[[rollbar.notifications]]`, checked
//! in `rollbar_rules.rs`); and whether a run uses Rollbar at all.

use serde::Deserialize;
use toml::Spanned;

use super::configured::Configured;
use super::rollbar_rules::{self, RawRule, RuleSpec};
use super::source::Source;
use crate::context::Env;
use crate::error::{Error, Result};

/// The token o11y creates for itself when the manifest has notification rules but no token that may read and
/// write them (Rollbar's rule endpoints take a project access token), and the variable it is stored under.
pub const OWN_TOKEN_NAME: &str = "o11y";
pub const OWN_TOKEN_ENV: &str = "ROLLBAR_O11Y_ACCESS_TOKEN";
/// The account access token `o11y setup` manages the project and its tokens with; it never goes to the app.
pub const ACCOUNT_TOKEN_VAR: &str = "ROLLBAR_ACCOUNT_ACCESS_TOKEN";

/// A project access token's scopes, as Rollbar's API names them.
pub const SCOPES: [&str; 4] = ["read", "write", "post_server_item", "post_client_item"];

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Raw {
    environment: Option<String>,
    project: Option<Spanned<String>>,
    #[serde(default)]
    access_tokens: Vec<RawToken>,
    #[serde(default)]
    notifications: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawToken {
    name: Spanned<String>,
    scopes: Spanned<Vec<Spanned<String>>>,
    env: Spanned<String>,
}

/// `[rollbar]`, checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rollbar {
    /// The environment the app reports to Rollbar.
    pub environment: Option<String>,
    /// The project `o11y setup` ensures (found by name, created if missing, never deleted).
    pub project: Option<String>,
    pub access_tokens: Vec<TokenSpec>,
    pub notifications: Vec<RuleSpec>,
}

/// A project access token of the manifest: found by `name`, with `scopes`, its value stored under `env`.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenSpec {
    pub name: String,
    pub scopes: Vec<String>,
    pub env: String,
}

impl TokenSpec {
    /// Whether it may read and write notification rules.
    pub fn reads_and_writes(&self) -> bool {
        ["read", "write"]
            .iter()
            .all(|s| self.scopes.iter().any(|t| t == s))
    }
}

impl Rollbar {
    /// Where the manifest stores its first token with `scope` (its `env`), if it has one.
    pub fn token_var(&self, scope: &str) -> Option<&str> {
        self.access_tokens
            .iter()
            .find(|t| t.scopes.iter().any(|s| s == scope))
            .map(|t| t.env.as_str())
    }

    /// The token the notification rules are read and written with: the manifest's first token with the read
    /// and write scopes, else o11y's own (created by setup, stored under [`OWN_TOKEN_ENV`]). None without
    /// rules.
    pub fn rules_token(&self) -> Option<TokenSpec> {
        if self.notifications.is_empty() {
            return None;
        }
        let own = TokenSpec {
            name: OWN_TOKEN_NAME.into(),
            scopes: vec!["read".into(), "write".into()],
            env: OWN_TOKEN_ENV.into(),
        };
        Some(
            self.access_tokens
                .iter()
                .find(|t| t.reads_and_writes())
                .cloned()
                .unwrap_or(own),
        )
    }

    /// The project, its tokens (o11y's own included) and its rules: what setup ensures.
    pub fn resource_count(&self) -> usize {
        usize::from(self.project.is_some()) + self.token_names().len() + self.notifications.len()
    }

    /// The names of [`Rollbar::tokens`], for `setup --rotate NAME`.
    pub fn token_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.access_tokens.iter().map(|t| t.name.as_str()).collect();
        if self
            .rules_token()
            .is_some_and(|t| !self.access_tokens.contains(&t))
        {
            names.push(OWN_TOKEN_NAME);
        }
        names
    }

    /// Every token setup ensures: the manifest's, then o11y's own when the rules need it.
    pub fn tokens(&self) -> Vec<TokenSpec> {
        let mut all = self.access_tokens.clone();
        if let Some(t) = self.rules_token() {
            if !all.contains(&t) {
                all.push(t);
            }
        }
        all
    }
}

/// Rollbar is used when o11y.toml has `[rollbar]`, or when ROLLBAR_ACCESS_TOKEN is set.
pub fn configured(section: Option<&Rollbar>, env: &Env) -> Option<Configured> {
    if section.is_some() {
        return Some(Configured::Declared);
    }
    env.var("ROLLBAR_ACCESS_TOKEN")
        .is_some()
        .then(|| Configured::Detected("ROLLBAR_ACCESS_TOKEN is set".into()))
}

/// Check `[rollbar]` (`has_secrets`: whether the manifest declares `[secrets]`, where created tokens go).
pub fn check(raw: Raw, src: &Source, has_secrets: bool) -> Result<Rollbar> {
    let project = match &raw.project {
        Some(p) => {
            check_project_name(p.get_ref()).map_err(|why| {
                Error::usage(format!(
                    "{}: rollbar.project: {why}",
                    src.at(p.span().start)
                ))
                .with_help("Rollbar's rule: start with a letter; letters, digits, spaces, `_`, `-`, `.` and `,`; at most 32 characters")
            })?;
            Some(p.get_ref().clone())
        }
        None => None,
    };
    let mut tokens: Vec<TokenSpec> = Vec::new();
    for (i, t) in raw.access_tokens.iter().enumerate() {
        let key = format!("rollbar.access_tokens[{i}]");
        let spec = check_token(t, &key, src)?;
        let at = src.at(t.name.span().start);
        if let Some(o) = tokens.iter().find(|o| o.name == spec.name) {
            return Err(Error::usage(format!(
                "{at}: {key}.name: `{}` appears twice (o11y finds a token by its name)",
                o.name
            )));
        }
        if tokens.iter().any(|o| o.env == spec.env) {
            return Err(Error::usage(format!(
                "{}: {key}.env: `{}` is already another token's variable",
                src.at(t.env.span().start),
                spec.env
            )));
        }
        tokens.push(spec);
    }
    let notifications = rollbar_rules::check(&raw.notifications, src)?;
    let section = Rollbar {
        environment: raw.environment,
        project,
        access_tokens: tokens,
        notifications,
    };
    let first = raw
        .access_tokens
        .first()
        .map(|t| (t.name.span().start, "rollbar.access_tokens"))
        .or_else(|| {
            raw.notifications
                .first()
                .map(|r| (r.span_start(), "rollbar.notifications"))
        });
    if let Some((offset, key)) = first {
        let at = src.at(offset);
        if section.project.is_none() {
            return Err(Error::usage(format!(
                "{at}: {key}: o11y.toml has no rollbar.project to ensure them in"
            ))
            .with_help("add project = \"<name>\" under [rollbar]"));
        }
        if !has_secrets {
            return Err(Error::usage(format!(
                "{at}: {key}: o11y.toml has no [secrets]: Rollbar shows a new token's value only once, and it would have nowhere to go"
            ))
            .with_help("add [secrets] with file = \".env\" (and/or gitpod = true)"));
        }
    }
    if let Some(own) = section
        .rules_token()
        .filter(|t| t.name == OWN_TOKEN_NAME && t.env == OWN_TOKEN_ENV)
    {
        if let Some((i, t)) = section
            .access_tokens
            .iter()
            .enumerate()
            .find(|(_, t)| (t.name == own.name || t.env == own.env) && **t != own)
        {
            return Err(Error::usage(format!(
                "{}: rollbar.access_tokens[{i}]: `{}` ({}) is the name and variable of the token o11y creates to manage the notification rules",
                src.at(raw.access_tokens[i].name.span().start),
                t.name,
                t.env
            ))
            .with_help("give it the scopes read and write (o11y then uses it for the rules), or another name and variable"));
        }
    }
    Ok(section)
}

fn check_token(t: &RawToken, key: &str, src: &Source) -> Result<TokenSpec> {
    let name = t.name.get_ref().trim();
    if name.is_empty() {
        return Err(Error::usage(format!(
            "{}: {key}.name: a token needs a name",
            src.at(t.name.span().start)
        )));
    }
    let scopes_at = src.at(t.scopes.span().start);
    let mut scopes: Vec<String> = Vec::new();
    for s in t.scopes.get_ref() {
        let scope = s.get_ref();
        if !SCOPES.contains(&scope.as_str()) {
            return Err(Error::usage(format!(
                "{}: {key}.scopes: `{scope}` is not a scope Rollbar has",
                src.at(s.span().start)
            ))
            .with_help(format!("one of: {}", SCOPES.join(", "))));
        }
        if scopes.contains(scope) {
            return Err(Error::usage(format!(
                "{}: {key}.scopes: `{scope}` appears twice",
                src.at(s.span().start)
            )));
        }
        scopes.push(scope.clone());
    }
    if scopes.is_empty() {
        return Err(Error::usage(format!(
            "{scopes_at}: {key}.scopes: a token needs at least one scope"
        ))
        .with_help(format!("one of: {}", SCOPES.join(", "))));
    }
    if let Some(post) = scopes.iter().find(|s| s.starts_with("post_")) {
        if scopes.len() > 1 {
            return Err(Error::usage(format!(
                "{scopes_at}: {key}.scopes: {post} cannot be combined with other scopes (Rollbar's rule since its encrypted tokens)"
            ))
            .with_help(format!("make [{}] a token of its own; read and write may be combined", scopes.join(", "))));
        }
    }
    let env = t.env.get_ref();
    let env_at = src.at(t.env.span().start);
    let valid = env
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && env.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return Err(Error::usage(format!(
            "{env_at}: {key}.env: `{env}` is not a variable name (letters, digits and `_`, not starting with a digit)"
        )));
    }
    if env == ACCOUNT_TOKEN_VAR {
        return Err(Error::usage(format!(
            "{env_at}: {key}.env: {ACCOUNT_TOKEN_VAR} is the account token's variable: a project token cannot be stored there"
        )));
    }
    Ok(TokenSpec {
        name: name.to_string(),
        scopes,
        env: env.clone(),
    })
}

/// Rollbar's project name rule (its API reference): "Must start with a letter; can contain letters, numbers,
/// spaces, underscores, hyphens, periods, and commas. Max length 32 characters."
pub fn check_project_name(name: &str) -> std::result::Result<(), String> {
    let n = name.chars().count();
    if !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return Err(format!("`{name}` does not start with a letter"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.' | ',')))
    {
        return Err(format!(
            "`{name}` has `{c}`, which a project name cannot have"
        ));
    }
    if n > 32 {
        return Err(format!("`{name}` has {n} characters; at most 32"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Rollbar> {
        let m = super::super::parse(text, std::path::Path::new("o11y.toml"))?;
        Ok(m.rollbar.unwrap())
    }

    fn err(text: &str) -> String {
        let e = parse(text).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{}", e.message);
        e.message
    }

    const HEAD: &str = "[secrets]\nfile = \".env\"\n[rollbar]\nproject = \"cruddur\"\n";
    const RULE: &str = "[[rollbar.notifications]]\nchannel = \"slack\"\ntrigger = \"new_item\"\n";

    #[test]
    fn the_rules_are_managed_with_a_manifest_token_that_reads_and_writes_else_o11ys_own() {
        let rb = parse(&format!("{HEAD}{RULE}")).unwrap();
        assert_eq!(rb.token_names(), ["o11y"]);
        let own = rb.rules_token().unwrap();
        assert_eq!(
            (own.env.as_str(), own.scopes.join(",")),
            (OWN_TOKEN_ENV, "read,write".into())
        );
        let rw = "[[rollbar.access_tokens]]\nname = \"ops\"\nscopes = [\"write\", \"read\"]\nenv = \"OPS\"\n";
        let rb = parse(&format!("{HEAD}{rw}{RULE}")).unwrap();
        assert_eq!(rb.token_names(), ["ops"]);
        assert_eq!(rb.tokens().len(), 1);
        assert_eq!(rb.resource_count(), 3);
        let clash =
            "[[rollbar.access_tokens]]\nname = \"o11y\"\nscopes = [\"read\"]\nenv = \"X\"\n";
        assert!(
            err(&format!("{HEAD}{clash}{RULE}")).starts_with("o11y.toml:6: rollbar.access_tokens[0]: `o11y` (X) is the name and variable of the token o11y creates"),
            "{}",
            err(&format!("{HEAD}{clash}{RULE}"))
        );
        // Without rules, a token named o11y is the user's own business.
        assert!(parse(&format!("{HEAD}{clash}")).is_ok());
    }

    #[test]
    fn tokens_are_checked_by_rollbars_rules() {
        let t = |body: &str| format!("{HEAD}[[rollbar.access_tokens]]\n{body}");
        for (body, expected) in [
            ("name = \"a\"\nscopes = []\nenv = \"A\"\n", "o11y.toml:7: rollbar.access_tokens[0].scopes: a token needs at least one scope"),
            ("name = \"a\"\nscopes = [\"read\", \"read\"]\nenv = \"A\"\n", "o11y.toml:7: rollbar.access_tokens[0].scopes: `read` appears twice"),
            ("name = \"a\"\nscopes = [\"read\"]\nenv = \"1A\"\n", "o11y.toml:8: rollbar.access_tokens[0].env: `1A` is not a variable name"),
            ("name = \"a\"\nscopes = [\"read\"]\nenv = \"ROLLBAR_ACCOUNT_ACCESS_TOKEN\"\n", "o11y.toml:8: rollbar.access_tokens[0].env: ROLLBAR_ACCOUNT_ACCESS_TOKEN is the account token's variable"),
            ("name = \"\"\nscopes = [\"read\"]\nenv = \"A\"\n", "o11y.toml:6: rollbar.access_tokens[0].name: a token needs a name"),
        ] {
            let e = err(&t(body));
            assert!(e.starts_with(expected), "{e}");
        }
        let two = t("name = \"a\"\nscopes = [\"read\"]\nenv = \"A\"\n[[rollbar.access_tokens]]\nname = \"a\"\nscopes = [\"write\"]\nenv = \"B\"\n");
        assert!(
            err(&two).starts_with("o11y.toml:10: rollbar.access_tokens[1].name: `a` appears twice"),
            "{}",
            err(&two)
        );
        let same_env = t("name = \"a\"\nscopes = [\"read\"]\nenv = \"A\"\n[[rollbar.access_tokens]]\nname = \"b\"\nscopes = [\"write\"]\nenv = \"A\"\n");
        assert!(err(&same_env).starts_with("o11y.toml:12: rollbar.access_tokens[1].env: `A` is already another token's variable"), "{}", err(&same_env));
    }

    #[test]
    fn rules_are_checked_by_channel_trigger_filter_and_config() {
        let r = |rest: &str| format!("{HEAD}[[rollbar.notifications]]\n{rest}");
        let ok = parse(&r("channel = \"email\"\ntrigger = \"occurrence_rate\"\nfilters = [{ type = \"rate\", count = 10, period = 300 }, { type = \"framework\", operation = \"eq\", value = 14 }, { type = \"path\", path = \"body.x\", operation = \"exists\" }]\nconfig = { teams = [\"Owners\"] }\n")).unwrap();
        let rule = &ok.notifications[0];
        assert_eq!(
            rule.filters[0],
            serde_json::json!({"type": "rate", "count": 10, "period": 300})
        );
        assert_eq!(rule.filters[1]["value"], "14");
        assert_eq!(
            rule.filters[2],
            serde_json::json!({"type": "path", "operation": "exists", "path": "body.x"})
        );
        assert_eq!(rule.label(), "email occurrence_rate teams:Owners");
        for (rest, expected) in [
            ("channel = \"email\"\ntrigger = \"new_item\"\nfilters = [{ type = \"rate\", count = 10, period = 120 }]\n", "o11y.toml:8: rollbar.notifications[0].filters[0].period: 120 is not a period"),
            ("channel = \"email\"\ntrigger = \"new_item\"\nfilters = [{ type = \"environment\", operation = \"gte\", value = \"x\" }]\n", "o11y.toml:8: rollbar.notifications[0].filters[0].operation: `gte` is not an operation of a environment filter"),
            ("channel = \"email\"\ntrigger = \"new_item\"\nfilters = [{ type = \"environment\", operation = \"eq\" }]\n", "o11y.toml:8: rollbar.notifications[0].filters[0]: a environment filter needs a `value`"),
            ("channel = \"slack\"\ntrigger = \"daily_summary\"\n", "o11y.toml:7: rollbar.notifications[0].trigger: daily_summary is a trigger of email rules only"),
            ("channel = \"email\"\ntrigger = \"new_item\"\nconfig = { summary_time = 9 }\n", "o11y.toml:8: rollbar.notifications[0].config.summary_time: only for the daily_summary trigger"),
            ("channel = \"slack\"\ntrigger = \"deploy\"\nconfig = { show_message_buttons = true }\n", "o11y.toml:8: rollbar.notifications[0].config.show_message_buttons: Rollbar's deploy messages have no buttons"),
            ("channel = \"webhook\"\ntrigger = \"new_item\"\nconfig = { url = \"example.com\" }\n", "o11y.toml:8: rollbar.notifications[0].config.url: `example.com` is not an http(s) URL"),
            ("channel = \"webhook\"\ntrigger = \"new_item\"\nconfig = { format = \"yaml\" }\n", "o11y.toml:8: rollbar.notifications[0].config.format: `yaml` is not a webhook format"),
            ("channel = \"email\"\ntrigger = \"new_item\"\nconfig = { users = \"me\" }\n", "o11y.toml:8: rollbar.notifications[0].config.users: string is not of the type this key takes"),
        ] {
            let e = err(&r(rest));
            assert!(e.starts_with(expected), "{e}");
        }
    }

    #[test]
    fn project_names_follow_rollbars_rule() {
        for ok in ["cruddur", "Cruddur dev", "a", "a-b_c.d,e 1"] {
            assert_eq!(check_project_name(ok), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("", "start with a letter"),
            ("1cruddur", "start with a letter"),
            ("crud/dur", "has `/`"),
            (&"a".repeat(33), "33 characters"),
        ] {
            assert!(check_project_name(bad).unwrap_err().contains(why), "{bad}");
        }
    }
}
