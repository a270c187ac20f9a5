use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

use super::api::CallError;
use super::insights::{InsightsApi, QueryPage, QueryRequest, Stats};
use super::names::check_group_name;
use super::stream::Backoff;
use crate::context::{Calls, Context};
use crate::error::{Error, Result};
use crate::output::{self, Output, ProgressLine};
use crate::time::TimeRange;

/// The longest query string StartQuery takes (its `queryString`).
pub const MAX_QUERY_CHARS: usize = 10_000;
/// The most log groups one StartQuery takes (`logGroupNames`).
pub const MAX_GROUPS: usize = 50;
/// The largest `limit` StartQuery takes (beyond 10,000 rows GetQueryResults pages with `nextToken`).
pub const MAX_LIMIT: i64 = 100_000;
/// Retries of one failed GetQueryResults (throttling, 5xx, network) before the query is given up.
const POLL_RETRIES: u32 = 8;
/// How long a StopQuery after Ctrl-C may take before o11y exits anyway.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// Run a Logs Insights query and print its results as a table
///
/// Calls StartQuery over the window (in epoch seconds), polls GetQueryResults until the query ends, then
/// prints one row per result with the query's fields as columns, in the order they first appear (`@ptr`
/// is hidden from the table). While it runs, a progress line on stderr (on a terminal) shows the status,
/// records matched and scanned, bytes scanned and the elapsed time; the statistics are repeated on stderr
/// at the end. `-o json` writes one object per row (NDJSON, field names as the service sends them,
/// `@ptr` included). Ctrl-C stops the query on the service (StopQuery) before exiting 130; a query that
/// ends Failed, Cancelled or Timeout exits 1 with that status.
///
/// The log groups are given by name; a query that selects its own with a `SOURCE` command needs none.
/// With `--query-file`, every positional argument is a log group.
#[derive(Debug, clap::Args)]
#[command(
    override_usage = "o11y logs query [OPTIONS] QUERY [GROUP]...\n       o11y logs query [OPTIONS] --query-file <F> [GROUP]...",
    after_help = "Examples:\n  o11y logs query 'stats count(*) by bin(5m)' cruddur --since 1h\n  o11y logs query 'parse @message /\\] \\S+ (?<method>\\S+) \\S+ (?<route>[^?\\s]+)\\S* (?<status>\\d+)/\n    | filter status like /^5/ | stats count(*) as errors by method, route\n    | sort errors desc' cruddur\n  o11y logs query 'fields @timestamp, @message | sort @timestamp desc' cruddur api-gateway --limit 9\n  o11y logs query --query-file queries/errors-by-route.logsql cruddur --since 1d -o json | jq .\n  o11y logs query 'SOURCE logGroups(namePrefix: [\"cruddur\"]) | stats count(*) by @logStream'"
)]
pub struct Args {
    /// The Logs Insights query, e.g. `stats count(*) by bin(5m)` (or use `--query-file`)
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,
    /// The log groups to query, by name (up to 50; none when the query has its own `SOURCE`)
    #[arg(value_name = "GROUP")]
    pub groups: Vec<String>,
    /// Read the query from this file instead (then every positional argument is a log group)
    #[arg(long, value_name = "F")]
    pub query_file: Option<PathBuf>,
    /// Start of the window: a duration ago (`15m`, `1h`, `1d`) or an RFC 3339 time
    #[arg(long, value_name = "T", default_value = "1h")]
    pub since: String,
    /// End of the window (default: now)
    #[arg(long, value_name = "T")]
    pub until: Option<String>,
    /// The most rows the query returns (1 to 100000; the service's default when absent)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..=MAX_LIMIT))]
    pub limit: Option<i64>,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    // Ctrl-C is this command's own (main lets it): listen from the start, so that it always stops the query.
    let mut ctrl_c: Pin<Box<dyn Future<Output = std::io::Result<()>>>> =
        Box::pin(tokio::signal::ctrl_c());
    tokio::select! {
        biased;
        _ = &mut ctrl_c => return Err(Error::interrupted()),
        _ = std::future::ready(()) => {}
    }

    let request = request(&args, ctx)?;
    if has_source(&request.query) && !request.groups.is_empty() {
        ctx.out.warn(
            "the query has its own SOURCE command and log groups were given too; CloudWatch Logs may refuse the pair",
        );
    }
    // Nothing has been started on the service yet: a Ctrl-C until StartQuery simply ends the command.
    let api = tokio::select! {
        biased;
        _ = &mut ctrl_c => return Err(Error::interrupted()),
        client = ctx.logs(Calls::Single) => InsightsApi::new(client?),
    };
    let mut run = Run {
        out: &ctx.out,
        api: &api,
        progress: ProgressLine::new(&ctx.out),
        started: Instant::now(),
    };

    // StartQuery: a Ctrl-C while it is on its way waits for its answer (briefly), so that a query the
    // service did start is stopped too.
    let start = api.start(&request);
    tokio::pin!(start);
    let id = tokio::select! {
        biased;
        _ = &mut ctrl_c => {
            return match tokio::time::timeout(STOP_TIMEOUT, start).await {
                Ok(Ok(id)) => run.stop(&id).await,
                _ => Err(Error::interrupted()),
            };
        }
        r = &mut start => r?,
    };
    ctx.out.verbose(&format!("query id {id}"));

    let page = tokio::select! {
        r = run.until_done(&id) => r?,
        _ = &mut ctrl_c => return run.stop(&id).await,
    };
    run.progress.clear();
    let rows = page.rows.len();
    if page.status != "Complete" {
        return Err(ended_badly(&page.status, &id));
    }
    let limited = request.limit.is_some_and(|l| rows as i64 >= l as i64);
    print_rows(&ctx.out, &page.rows)?;
    ctx.out.note(&summary(
        rows,
        &page.stats,
        run.started.elapsed(),
        &ctx.out.err_style,
    ));
    if limited {
        ctx.out.note(&format!(
            "o11y: the --limit of {rows} rows was reached; there may be more (raise --limit, up to {MAX_LIMIT})"
        ));
    }
    Ok(())
}

/// The StartQuery request from the arguments, every check made before any call.
fn request(args: &Args, ctx: &Context) -> Result<QueryRequest> {
    let mut positional: Vec<String> = args.query.iter().cloned().collect();
    positional.extend(args.groups.iter().cloned());
    let (query, group_args) = match &args.query_file {
        Some(path) => {
            if let Some(first) = positional.first() {
                if check_group_name(first).is_err() {
                    return Err(Error::usage(format!(
                        "give the query either as QUERY or with --query-file, not both (`{first}` is not a log group name)"
                    )));
                }
            }
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::usage(format!(
                    "cannot read the query file `{}`: {e}",
                    path.display()
                ))
            })?;
            (text, positional)
        }
        None => match positional.split_first() {
            Some((q, groups)) => (q.clone(), groups.to_vec()),
            None => {
                return Err(Error::usage("a query is required").with_help(
                    "give it as the first argument, e.g. `o11y logs query 'stats count(*) by bin(5m)' cruddur`, or with `--query-file F`",
                ))
            }
        },
    };
    let query = query.trim_end().to_string();
    check_query(&query)?;

    let mut groups: Vec<String> = Vec::new();
    for g in group_args {
        check_group_name(&g)?;
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    if groups.len() > MAX_GROUPS {
        return Err(Error::usage(format!(
            "{} log groups given; one query takes at most {MAX_GROUPS}",
            groups.len()
        ))
        .with_help("split the groups over several queries, or select them in the query with `SOURCE logGroups(namePrefix: [...])`"));
    }
    if groups.is_empty() && !has_source(&query) {
        return Err(Error::usage("no log group to query").with_help(
            "name the log groups after the query (`o11y logs query QUERY cruddur`), or start the query with a SOURCE command",
        ));
    }

    let range = TimeRange::from_args(None, Some(&args.since), args.until.as_deref(), ctx.now)?;
    Ok(QueryRequest {
        query,
        groups,
        // StartQuery takes whole seconds, both ends inclusive: round outwards so that no event is left out.
        start_s: range.start.timestamp(),
        end_s: range.end.timestamp() + i64::from(range.end.timestamp_subsec_nanos() > 0),
        limit: args.limit.map(|l| l as i32),
    })
}

/// Check a query string before any call: not empty (comments aside), not longer than the service takes, and
/// every quote closed. Regular expressions (`/.../`) may hold a lone quote, and `/` may be a division: a
/// quote is called unclosed only when it is unclosed under both readings.
pub fn check_query(q: &str) -> Result<()> {
    let bad = |why: String| {
        Error::usage(format!("invalid query: {why}")).with_help(
            "see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html",
        )
    };
    if strip_comments(q).trim().is_empty() {
        return Err(Error::usage("the query is empty").with_help(
            "give a Logs Insights query, e.g. `fields @timestamp, @message | sort @timestamp desc`",
        ));
    }
    let n = q.chars().count();
    if n > MAX_QUERY_CHARS {
        return Err(bad(format!(
            "it is {n} characters long; StartQuery takes at most {MAX_QUERY_CHARS}"
        )));
    }
    if let (Some((quote, at)), Some(_)) = (unclosed_quote(q, false), unclosed_quote(q, true)) {
        return Err(bad(format!(
            "the {quote} quote at character {} is never closed",
            at + 1
        )));
    }
    Ok(())
}

/// The query without `#` comments (outside quotes).
fn strip_comments(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut comment = false;
    for c in q.chars() {
        if comment {
            if c == '\n' {
                comment = false;
                out.push(c);
            }
            continue;
        }
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if c == '#' => {
                comment = true;
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    out
}

/// The first quote (`"`, `'` or `` ` ``) left open, and its character index. With `regex`, a `/` that has a
/// closing `/` later on starts a regular expression, whose contents are skipped.
fn unclosed_quote(q: &str, regex: bool) -> Option<(char, usize)> {
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '"' | '\'' | '`' => {
                let open = i;
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Some((c, open)),
                        Some('\\') => i += 1,
                        Some(&d) if d == c => break,
                        Some(_) => {}
                    }
                    i += 1;
                }
            }
            '/' if regex => {
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '/' {
                    if chars[j] == '\\' {
                        j += 1;
                    }
                    j += 1;
                }
                if j < chars.len() {
                    i = j;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether the query selects its own log groups: its first command (comments aside) is `SOURCE`.
pub fn has_source(q: &str) -> bool {
    let s = strip_comments(q);
    let first = s
        .split(|c: char| c.is_whitespace() || c == '(')
        .find(|w| !w.is_empty());
    first.is_some_and(|w| w.eq_ignore_ascii_case("SOURCE"))
}

/// Why a query that ended other than `Complete` failed.
fn ended_badly(status: &str, id: &str) -> Error {
    let e = Error::failed(format!(
        "the query ended with status {status} (query id {id})"
    ));
    match status {
        "Timeout" => e.with_help("Logs Insights queries time out after 60 minutes; narrow the window (--since/--until) or split the query"),
        "Cancelled" => e.with_help("the query was stopped on the service (StopQuery, or from the console)"),
        "Failed" => e.with_help("CloudWatch Logs could not run the query; check it in the console's Logs Insights page, or run it again"),
        _ => e,
    }
}

/// One query's run: the poll loop, the progress line, and StopQuery on Ctrl-C.
struct Run<'a> {
    out: &'a Output,
    api: &'a InsightsApi,
    progress: ProgressLine<'a>,
    started: Instant,
}

impl Run<'_> {
    /// Poll GetQueryResults until the query ends, then follow its `nextToken` pages: the last answer, with
    /// every row.
    async fn until_done(&mut self, id: &str) -> Result<QueryPage> {
        let mut interval = PollInterval::from_env();
        let mut page = loop {
            let page = self.poll(id, None).await?;
            let started = self.started;
            self.progress
                .show(|| query_progress(&page.status, &page.stats, page.rows.len(), started));
            if page.is_terminal() {
                break page;
            }
            tokio::time::sleep(interval.next_delay()).await;
        };
        let mut token = page.next_token.take();
        while let Some(t) = token {
            let more = self.poll(id, Some(t)).await?;
            page.rows.extend(more.rows);
            token = more.next_token;
        }
        Ok(page)
    }

    /// One GetQueryResults, retried with backoff on throttling, 5xx and network failures.
    async fn poll(&mut self, id: &str, token: Option<String>) -> Result<QueryPage> {
        let mut backoff = PollInterval::from_env().backoff();
        loop {
            match self.api.results(id, token.clone()).await {
                Ok(page) => return Ok(page),
                Err(CallError::Transient { reason, error }) => {
                    if backoff.attempts >= POLL_RETRIES {
                        return Err(error.with_help(format!(
                            "CloudWatch Logs kept failing; the query may still run: `aws logs get-query-results --query-id {id}`"
                        )));
                    }
                    let delay = backoff.next_delay();
                    self.progress.clear();
                    self.out.note(&format!(
                        "o11y: GetQueryResults {reason}: backing off {}, then retrying",
                        crate::time::human(delay)
                    ));
                    tokio::time::sleep(delay).await;
                }
                Err(e) => return Err(e.into_error()),
            }
        }
    }

    /// After Ctrl-C: StopQuery (bounded in time; a second Ctrl-C does not wait for it), say what happened,
    /// and end with exit 130.
    async fn stop(&mut self, id: &str) -> Result<()> {
        self.progress.clear();
        let stopped = tokio::select! {
            r = tokio::time::timeout(STOP_TIMEOUT, self.api.stop(id)) => r,
            _ = tokio::signal::ctrl_c() => {
                self.out.warn(&format!(
                    "not waiting for StopQuery: the query {id} may run on, for at most 60 minutes"
                ));
                return Err(Error::interrupted());
            }
        };
        match stopped {
            Ok(Ok(true)) => self
                .out
                .note(&format!("o11y: stopped the query on the service ({id})")),
            Ok(Ok(false)) => self.out.note(&format!(
                "o11y: the service had nothing to stop: the query had ended ({id})"
            )),
            Ok(Err(e)) => self.out.warn(&format!(
                "could not stop the query {id}: {e}; it ends by itself within 60 minutes"
            )),
            Err(_) => self.out.warn(&format!(
                "StopQuery did not answer within {} s; the query {id} ends by itself within 60 minutes",
                STOP_TIMEOUT.as_secs()
            )),
        }
        Err(Error::interrupted())
    }
}

/// The wait between two GetQueryResults: 100 ms, growing by half each time to 1 s (or the hidden knob's
/// fixed value, which also shortens the backoff of failed polls, for tests).
struct PollInterval {
    next: Duration,
    fixed: bool,
}

impl PollInterval {
    fn from_env() -> Self {
        // The hidden O11Y_POLL_MS (tests, benchmarks) fixes the interval.
        match crate::time::poll_override() {
            Some(next) => PollInterval { next, fixed: true },
            None => PollInterval {
                next: Duration::from_millis(100),
                fixed: false,
            },
        }
    }

    /// The backoff of a failed poll: from 250 ms up to 8 s (with the knob: from its value up to 20 times it).
    fn backoff(&self) -> Backoff {
        if self.fixed {
            Backoff::new(self.next, self.next * 20)
        } else {
            Backoff::new(Duration::from_millis(250), Duration::from_secs(8))
        }
    }

    fn next_delay(&mut self) -> Duration {
        let d = self.next;
        if !self.fixed {
            self.next = (self.next.mul_f64(1.5)).min(Duration::from_secs(1));
        }
        d
    }
}

/// "Running: 1,234 of 56,789 records matched, 12.3 MiB scanned, 4.2 s": the progress line while the query runs.
fn query_progress(status: &str, s: &Stats, rows: usize, started: Instant) -> String {
    let elapsed = started.elapsed().as_secs_f64();
    let partial = if rows > 0 && status == "Running" {
        format!(", {} so far", count(rows, "row"))
    } else {
        String::new()
    };
    format!(
        "o11y: {status}: {} of {} records matched, {} scanned, {elapsed:.1} s{partial}",
        thousands(s.records_matched),
        thousands(s.records_scanned),
        bytes(s.bytes_scanned),
    )
}

/// The statistics line printed on stderr at the end.
fn summary(rows: usize, s: &Stats, elapsed: Duration, style: &output::Style) -> String {
    format!(
        "o11y: {}; {} records matched of {} scanned ({}) in {:.1} s",
        style.bold(&count(rows, "row")),
        thousands(s.records_matched),
        thousands(s.records_scanned),
        bytes(s.bytes_scanned),
        elapsed.as_secs_f64()
    )
}

/// The columns of a result: every field in the order it first appears, `@ptr` left out.
pub fn columns(rows: &[Vec<(String, String)>]) -> Vec<String> {
    let mut cols: Vec<String> = Vec::new();
    for row in rows {
        for (f, _) in row {
            if f != "@ptr" && !cols.contains(f) {
                cols.push(f.clone());
            }
        }
    }
    cols
}

/// The rows as a table (`@ptr` hidden), or one JSON object per row (NDJSON, every field).
fn print_rows(out: &Output, rows: &[Vec<(String, String)>]) -> Result<()> {
    if out.is_json() {
        let mut buf = String::new();
        for row in rows {
            let obj: Map<String, Value> = row
                .iter()
                .map(|(f, v)| (f.clone(), Value::String(v.clone())))
                .collect();
            buf.push_str(&Value::Object(obj).to_string());
            buf.push('\n');
        }
        return out.write(&buf);
    }
    if rows.is_empty() {
        return Ok(());
    }
    let cols = columns(rows);
    let headers: Vec<&str> = cols.iter().map(String::as_str).collect();
    let cells = rows.iter().map(|row| {
        cols.iter()
            .map(|c| {
                row.iter()
                    .find(|(f, _)| f == c)
                    .map(|(_, v)| v.trim_end_matches(['\n', '\r']).to_string())
                    .unwrap_or_default()
            })
            .collect::<Vec<String>>()
    });
    let numeric: Vec<usize> = (0..cols.len())
        .filter(|&i| {
            rows.iter().all(|row| {
                row.iter()
                    .find(|(f, _)| *f == cols[i])
                    .is_none_or(|(_, v)| v.parse::<f64>().is_ok())
            })
        })
        .collect();
    out.write(&output::table(&out.style, &headers, cells, &numeric))
}

/// "1 row", "1,234 rows".
fn count(n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {what}{s}", thousands(n as f64))
}

/// 1234567 -> "1,234,567" (fractions dropped: the statistics are counts).
fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A byte count for people: `512 B`, `12.3 KiB`, `4.0 MiB`, `1.2 GiB`.
fn bytes(n: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n.max(0.0);
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{v:.0} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_comment_only_queries_are_usage_errors() {
        for q in ["", "   ", "\n\t", "# just a comment", "# a\n  # b\n"] {
            let e = check_query(q).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{q:?}");
            assert!(e.message.contains("empty"), "{}", e.message);
        }
    }

    #[test]
    fn unbalanced_quotes_are_usage_errors_naming_where() {
        let e = check_query("fields @message | filter @message like 'oops").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.message.contains("' quote at character 40"),
            "{}",
            e.message
        );
        for q in [
            "parse @message \"[*] *",
            "fields `@weird name",
            "fields x / 2, 'abc",
            "filter a = \"x\\\"",
        ] {
            assert_eq!(check_query(q).unwrap_err().exit_code(), 2, "{q}");
        }
    }

    #[test]
    fn quotes_in_regexes_comments_and_other_quotes_are_fine() {
        for q in [
            "filter @message like /can't connect/",
            "fields @message # don't count this\n| limit 5",
            "filter @message like \"it's\"",
            "parse @message /(?<ip>\\S+) \"(?<req>[^\"]*)\"/",
            "fields `a'b`, x / 2",
            "stats count(*) by bin(5m)",
            "filter msg = 'say \\'hi\\''",
        ] {
            check_query(q).unwrap_or_else(|e| panic!("{q}: {}", e.message));
        }
    }

    #[test]
    fn overlong_queries_are_refused_at_the_services_limit() {
        check_query(&"x".repeat(MAX_QUERY_CHARS)).unwrap();
        let e = check_query(&"x".repeat(MAX_QUERY_CHARS + 1)).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.contains("10000"), "{}", e.message);
    }

    #[test]
    fn source_is_recognised_as_the_first_command_only() {
        assert!(has_source(
            "SOURCE logGroups(namePrefix: [\"cruddur\"]) | stats count(*)"
        ));
        assert!(has_source(
            "# errors\n  source logGroups() | fields @message"
        ));
        assert!(!has_source(
            "fields @message | filter @message like /SOURCE/"
        ));
        assert!(!has_source("fields source | limit 5"));
    }

    #[test]
    fn columns_are_the_fields_in_order_of_first_appearance_without_ptr() {
        let row = |fs: &[&str]| -> Vec<(String, String)> {
            fs.iter()
                .map(|f| (f.to_string(), "v".to_string()))
                .collect()
        };
        let rows = vec![
            row(&["@timestamp", "@message", "@ptr"]),
            row(&["@timestamp", "route", "@ptr"]),
        ];
        assert_eq!(columns(&rows), ["@timestamp", "@message", "route"]);
    }

    #[test]
    fn numbers_and_bytes_read_well() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1234567.0), "1,234,567");
        assert_eq!(bytes(512.0), "512 B");
        assert_eq!(bytes(12.5 * 1024.0 * 1024.0), "12.5 MiB");
    }

    #[test]
    fn the_poll_interval_grows_to_one_second() {
        let mut p = PollInterval {
            next: Duration::from_millis(100),
            fixed: false,
        };
        let waits: Vec<u128> = (0..8).map(|_| p.next_delay().as_millis()).collect();
        assert_eq!(waits[..3], [100, 150, 225]);
        assert_eq!(waits[6..], [1000, 1000]);
    }
}
