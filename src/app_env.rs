//! `o11y env`: the app's environment for this manifest, as the app's compose file, a dotenv file or a shell
//! takes it, with every secret as a `${NAME}` reference (never its value). No network call.

use std::path::PathBuf;

use serde_json::{json, Map, Value};

use crate::context::Context;
use crate::error::Result;
use crate::manifest::app_env::{self, AppVar};
use crate::manifest::{self, Manifest};
use crate::output::{Render, Style};

/// Print the app's environment for this manifest (secrets as ${NAME} references)
///
/// The variables the app needs for what o11y.toml sets up: OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT
/// (Honeycomb's API host, as HONEYCOMB_API_ENDPOINT says: the EU one there, else the US one), OTEL_EXPORTER_OTLP_HEADERS with
/// `x-honeycomb-team=${HONEYCOMB_API_KEY}`, AWS_REGION, ROLLBAR_ACCESS_TOKEN=${ROLLBAR_ACCESS_TOKEN} and
/// ROLLBAR_ENVIRONMENT. A secret is never printed: it is a reference that docker compose, python-dotenv and
/// the shell resolve from the environment or the secrets file (`[secrets]`). No network call.
/// `-o json` prints one object of names and values.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    o11y env --format compose            # paste under the service in docker-compose.yml\n  \
    o11y env > backend-flask.env         # dotenv, for `env_file:`\n  \
    eval \"$(o11y env --format shell)\"     # export into this shell\n  \
    o11y env -o json | jq -r .OTEL_SERVICE_NAME")]
pub struct Args {
    /// How to write it: `dotenv` (NAME=value), `shell` (export NAME="value") or `compose` (an
    /// `environment:` block)
    #[arg(long, value_enum, default_value = "dotenv")]
    pub format: EnvFormat,
    /// The manifest
    #[arg(long, value_name = "FILE", default_value = manifest::DEFAULT_FILE)]
    pub file: PathBuf,
    #[command(flatten)]
    pub env: crate::environments::EnvArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EnvFormat {
    Dotenv,
    Shell,
    Compose,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let m = manifest::load(&args.file)?;
    let runs = crate::environments::plan(&ctx.aws_args, Some(m), args.env.env.as_deref())?;
    let run = crate::environments::one(ctx, runs, "env")?;
    crate::environments::each(ctx, vec![run], async |ctx, m| match m {
        Some(m) => run_in(ctx, &args, &m).await,
        None => Ok(()),
    })
    .await
}

/// The environment file of one environment (its region, its secrets sink).
async fn run_in(ctx: &Context, args: &Args, m: &manifest::Manifest) -> Result<()> {
    let region = match (
        m.needs_xray() || m.needs_logs(),
        crate::aws::region(&ctx.aws_args).await,
    ) {
        (true, Ok(r)) => Some(r.to_string()),
        (true, Err(_)) => {
            ctx.out.note(
                "o11y: no AWS region is configured: AWS_REGION is left out (pass --region or set AWS_REGION)",
            );
            None
        }
        (false, _) => None,
    };
    let vars = app_vars(ctx, m, region.as_deref());
    if vars.is_empty() {
        ctx.out
            .note("o11y: o11y.toml sets up nothing the app reads from its environment");
    }
    ctx.out.print(&Block {
        vars,
        format: args.format,
    })
}

/// The app's variables for `m`, with Honeycomb's host as HONEYCOMB_API_ENDPOINT says.
pub fn app_vars(ctx: &Context, m: &Manifest, region: Option<&str>) -> Vec<AppVar> {
    app_env::vars(
        m.honeycomb.as_ref(),
        m.rollbar.as_ref(),
        region,
        &app_env::honeycomb_endpoint(&ctx.env),
    )
}

struct Block {
    vars: Vec<AppVar>,
    format: EnvFormat,
}

/// Whether a value can stand without quotes in a dotenv file and a shell (a `${NAME}` reference included).
fn plain(v: &str) -> bool {
    !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.:/@%,+${}=".contains(c))
        && !v.contains("=$") // `a=${X}` is quoted, so that every reader sees one value
}

fn double_quoted(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Render for Block {
    fn json(&self) -> Value {
        let mut m = Map::new();
        for v in &self.vars {
            m.insert(v.name.to_string(), json!(v.value));
        }
        Value::Object(m)
    }

    fn text(&self, _style: &Style) -> String {
        let mut s = String::new();
        if self.format == EnvFormat::Compose {
            s.push_str("environment:\n");
        }
        for v in &self.vars {
            let line = match self.format {
                EnvFormat::Dotenv if plain(&v.value) => format!("{}={}", v.name, v.value),
                EnvFormat::Dotenv => format!("{}={}", v.name, double_quoted(&v.value)),
                EnvFormat::Shell => format!("export {}={}", v.name, double_quoted(&v.value)),
                EnvFormat::Compose => format!("  {}: {}", v.name, double_quoted(&v.value)),
            };
            s.push_str(&line);
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(format: EnvFormat) -> String {
        Block {
            vars: vec![
                AppVar {
                    name: "OTEL_SERVICE_NAME",
                    value: "backend-flask".into(),
                },
                AppVar {
                    name: "OTEL_EXPORTER_OTLP_HEADERS",
                    value: "x-honeycomb-team=${HONEYCOMB_API_KEY}".into(),
                },
                AppVar {
                    name: "ROLLBAR_ACCESS_TOKEN",
                    value: "${ROLLBAR_ACCESS_TOKEN}".into(),
                },
            ],
            format,
        }
        .text(&Style { color: false })
    }

    #[test]
    fn each_format_writes_references_its_reader_resolves() {
        assert_eq!(
            block(EnvFormat::Dotenv),
            "OTEL_SERVICE_NAME=backend-flask\nOTEL_EXPORTER_OTLP_HEADERS=\"x-honeycomb-team=${HONEYCOMB_API_KEY}\"\nROLLBAR_ACCESS_TOKEN=${ROLLBAR_ACCESS_TOKEN}\n"
        );
        assert_eq!(
            block(EnvFormat::Shell),
            "export OTEL_SERVICE_NAME=\"backend-flask\"\nexport OTEL_EXPORTER_OTLP_HEADERS=\"x-honeycomb-team=${HONEYCOMB_API_KEY}\"\nexport ROLLBAR_ACCESS_TOKEN=\"${ROLLBAR_ACCESS_TOKEN}\"\n"
        );
        assert_eq!(
            block(EnvFormat::Compose),
            "environment:\n  OTEL_SERVICE_NAME: \"backend-flask\"\n  OTEL_EXPORTER_OTLP_HEADERS: \"x-honeycomb-team=${HONEYCOMB_API_KEY}\"\n  ROLLBAR_ACCESS_TOKEN: \"${ROLLBAR_ACCESS_TOKEN}\"\n"
        );
    }
}
