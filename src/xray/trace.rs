use std::collections::HashMap;

use serde_json::{json, Value};

use super::api::{RetrievedTrace, Trace, TraceFormat, XrayApi};
use super::retrieval::{retrieve, Outcome, TraceId, Window};
use super::traces::{flags, ms};
use crate::context::{Calls, Context};
use crate::error::{Error, Result};
use crate::output::{table, Render, Style};
use crate::time::TimeRange;

/// Draw one trace as a waterfall
///
/// Looks up where trace segments go first (GetTraceSegmentDestination). Without Transaction Search, calls
/// BatchGetTraces; with it (destination CloudWatchLogs, where BatchGetTraces finds nothing), starts a
/// retrieval (StartTraceRetrieval) and polls ListRetrievedTraces until it is COMPLETE, for at most
/// --timeout. A retrieval needs a window: the time in an X-Ray SDK id when it is plausible, else
/// --since/--until, else the last 3 hours; stderr says which window was searched.
/// The waterfall shows every segment and subsegment (or OpenTelemetry span), indented by nesting and
/// ordered by start time, with its offset from the start of the trace, its duration, a bar in proportion,
/// and whether it has an error (4xx), a fault (5xx) or was throttled (429). `-o json` prints the documents
/// as the service returned them. An unknown trace is an error (exit 1); a retrieval that fails or does not
/// finish in time says so and is never reported as "not found".
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  o11y xray trace 1-5759e988-bd862e3fe1be46a994272793\n  o11y xray trace 5759e988bd862e3fe1be46a994272793 --since 2h --trace-format otel -o json\n  o11y xray traces --last 10m -o json | jq -r '.TraceSummaries[0].Id' | xargs o11y xray trace"
)]
pub struct Args {
    /// The trace id: X-Ray's `1-` + 8 hex digits (the start time) + `-` + 24 hex digits, or W3C's 32 hex digits
    #[arg(value_name = "TRACE_ID")]
    pub trace_id: String,
    /// Under Transaction Search: the start of the window searched, a duration ago (`3h`) or an RFC 3339 time
    /// (default: from the time in the id, else the last 3 hours)
    #[arg(long, value_name = "T")]
    pub since: Option<String>,
    /// Under Transaction Search: the end of the window searched (default: now)
    #[arg(long, value_name = "T", requires = "since")]
    pub until: Option<String>,
    /// Under Transaction Search: how long to wait for the retrieval to complete
    #[arg(long, value_name = "DUR", default_value = "2m")]
    pub timeout: String,
    /// Under Transaction Search: the documents to retrieve, X-Ray segments or OpenTelemetry spans
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Format::Xray)]
    pub trace_format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Xray,
    Otel,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let raw = args.trace_id.trim();
    let Some(id) = TraceId::parse(raw) else {
        return Err(Error::usage(format!("`{raw}` is not a trace id"))
            .with_help("an X-Ray trace id looks like 1-5759e988-bd862e3fe1be46a994272793, a W3C one like 5759e988bd862e3fe1be46a994272793; list them with `o11y xray traces --last 10m`"));
    };
    let flags = match &args.since {
        Some(s) => Some(TimeRange::from_args(
            None,
            Some(s),
            args.until.as_deref(),
            ctx.now,
        )?),
        None => None,
    };
    let timeout = crate::time::parse_duration(&args.timeout)
        .map_err(|e| e.context("--timeout"))?
        .to_std()
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            Error::usage("--timeout must be more than 0").with_help("e.g. --timeout 2m")
        })?;
    let format = match args.trace_format {
        Format::Xray => TraceFormat::Xray,
        Format::Otel => TraceFormat::Otel,
    };

    let api = XrayApi::new(ctx.xray(Calls::Paging).await?);
    let destination = api.trace_segment_destination().await?;
    if !destination.is_cloudwatch_logs() {
        let trace = api.trace(&id.xray).await?.ok_or_else(|| {
            Error::failed(format!("trace not found: {}", id.xray)).with_help(
                "X-Ray keeps traces for 30 days and needs a few seconds to index a new one; list recent ones with `o11y xray traces --last 10m`",
            )
        })?;
        if trace.limit_exceeded {
            ctx.out.warn(
                "the trace exceeded X-Ray's trace document size limit: some segments are missing",
            );
        }
        let json = Waterfall::xray_json(&trace);
        return ctx.out.print(&Shown {
            waterfall: Waterfall::new(trace),
            json,
        });
    }

    let window = Window::for_trace(&id, flags, ctx.now);
    ctx.out.note(&format!(
        "Transaction Search is on: retrieving trace {} from {}",
        id.xray,
        window.describe()
    ));
    let out = &ctx.out;
    let outcome = retrieve(&api, &id, &window, format, timeout, &mut |w| {
        if out.stderr_is_terminal() {
            out.progress(Some(&format!(
                "retrieval {} ({:.0} s)",
                w.status,
                w.elapsed.as_secs_f64()
            )));
        }
    })
    .await;
    if out.stderr_is_terminal() {
        out.progress(None);
    }
    match outcome? {
        Outcome::Found(format, t) => ctx.out.print(&Shown::retrieved(format, t)),
        Outcome::NotFound => Err(Error::failed(format!(
            "trace not found: {} is not in {}",
            id.xray,
            window.describe()
        ))
        .with_help("search another window with --since/--until; a new span can take a minute or two to be searchable")),
        Outcome::Unfinished(status) => Err(Error::failed(format!(
            "the trace retrieval for {} did not complete within {} (last status {status}): X-Ray could not yet say whether the trace exists",
            id.xray,
            crate::time::human(timeout)
        ))
        .with_help("wait longer with --timeout (e.g. --timeout 5m), or search a shorter window with --since/--until")),
    }
}

/// A waterfall and the documents `-o json` prints as the service returned them.
struct Shown {
    waterfall: Waterfall,
    json: Value,
}

impl Shown {
    fn retrieved(format: TraceFormat, t: RetrievedTrace) -> Shown {
        // X-Ray documents keep BatchGetTraces' shape (`Segments`), so a script reads both kinds of account
        // alike; OTEL documents are `Spans`, as ListRetrievedTraces names them.
        let json = match format {
            TraceFormat::Xray => json!({
                "Id": t.id,
                "Duration": t.duration,
                "LimitExceeded": false,
                "Segments": t.spans,
                "TraceFormat": format.as_str(),
            }),
            TraceFormat::Otel => json!({
                "Id": t.id,
                "Duration": t.duration,
                "TraceFormat": format.as_str(),
                "Spans": t.spans,
            }),
        };
        let segments = match format {
            TraceFormat::Xray => t.spans,
            TraceFormat::Otel => t.spans.iter().map(otel_as_segment).collect(),
        };
        Shown {
            waterfall: Waterfall::new(Trace {
                id: t.id,
                duration: t.duration,
                limit_exceeded: false,
                segments,
            }),
            json,
        }
    }
}

impl Render for Shown {
    fn json(&self) -> Value {
        self.json.clone()
    }
    fn text(&self, style: &Style) -> String {
        self.waterfall.text(style)
    }
}

/// An OpenTelemetry span document as the fields of a segment the waterfall reads. The API reference does
/// not lay the OTEL document out, so this accepts both encodings it may take: OTLP/JSON (`traceId`,
/// `startTimeUnixNano` as a string or number, attributes as a list of `{key, value}`) and the flattened
/// form of the `aws/spans` log group (attributes as an object, `status.code` as `ERROR` / `OK` / `UNSET`).
pub fn otel_as_segment(span: &Value) -> Value {
    let nanos = |v: &Value| {
        v.as_f64()
            .or_else(|| v.as_str().and_then(|s| s.parse::<f64>().ok()))
    };
    let secs = |k: &str| nanos(&span[k]).map(|n| n / 1e9);
    let attr = |key: &str| -> Option<Value> {
        match &span["attributes"] {
            Value::Object(m) => m.get(key).cloned(),
            Value::Array(list) => list.iter().find(|kv| kv["key"] == key).map(|kv| {
                let v = &kv["value"];
                ["intValue", "stringValue", "doubleValue", "boolValue"]
                    .iter()
                    .find_map(|k| v.get(*k).cloned())
                    .unwrap_or(Value::Null)
            }),
            _ => None,
        }
    };
    let http_status = ["http.response.status_code", "http.status_code"]
        .iter()
        .find_map(|k| attr(k))
        .and_then(|v| {
            v.as_i64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        });
    let code = &span["status"]["code"];
    let status_error = code.as_i64() == Some(2)
        || code
            .as_str()
            .is_some_and(|c| c.eq_ignore_ascii_case("ERROR") || c == "STATUS_CODE_ERROR");
    let mut seg = json!({
        "id": span["spanId"].as_str().unwrap_or_default(),
        "name": span["name"].as_str().unwrap_or("?"),
        "start_time": secs("startTimeUnixNano").unwrap_or(0.0),
        "error": http_status.is_some_and(|s| (400..500).contains(&s) && s != 429),
        "throttle": http_status == Some(429),
        "fault": status_error || http_status.is_some_and(|s| s >= 500),
    });
    if let Some(e) = secs("endTimeUnixNano") {
        seg["end_time"] = json!(e);
    }
    if let Some(p) = span["parentSpanId"].as_str().filter(|p| !p.is_empty()) {
        seg["parent_id"] = json!(p);
    }
    if let Some(s) = http_status {
        seg["http"] = json!({"response": {"status": s}});
    }
    seg
}

/// One segment or subsegment, flattened.
#[derive(Debug, Clone, PartialEq)]
struct Span {
    id: String,
    name: String,
    start: f64,
    end: Option<f64>,
    error: bool,
    fault: bool,
    throttle: bool,
    status: Option<i64>,
    /// The segment document's `parent_id` (top-level documents only).
    parent_id: Option<String>,
    parent: Option<usize>,
}

fn span(doc: &Value, parent: Option<usize>) -> Span {
    let flag = |k: &str| doc.get(k).and_then(Value::as_bool).unwrap_or(false);
    Span {
        id: doc["id"].as_str().unwrap_or_default().to_string(),
        name: doc["name"].as_str().unwrap_or("?").to_string(),
        start: doc["start_time"].as_f64().unwrap_or(0.0),
        end: doc["end_time"].as_f64(),
        error: flag("error"),
        fault: flag("fault"),
        throttle: flag("throttle"),
        status: doc["http"]["response"]["status"].as_i64(),
        parent_id: doc["parent_id"].as_str().map(str::to_string),
        parent,
    }
}

fn flatten(doc: &Value, parent: Option<usize>, out: &mut Vec<Span>) {
    let me = out.len();
    out.push(span(doc, parent));
    for sub in doc["subsegments"].as_array().into_iter().flatten() {
        flatten(sub, Some(me), out);
    }
}

/// A trace laid out for drawing: spans in display order with their depth.
struct Waterfall {
    trace: Trace,
    rows: Vec<(usize, Span)>,
    start: f64,
    total: f64,
}

impl Waterfall {
    fn new(mut trace: Trace) -> Self {
        trace.segments.sort_by(|a, b| {
            let t = |v: &Value| v["start_time"].as_f64().unwrap_or(0.0);
            t(a).total_cmp(&t(b))
        });
        let mut spans = Vec::new();
        for doc in &trace.segments {
            flatten(doc, None, &mut spans);
        }
        // A document whose `parent_id` names a (sub)segment of another document hangs under it: a
        // downstream service's segment under the call that reached it, an independent subsegment under
        // its segment.
        let index: HashMap<String, usize> = spans
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.id.is_empty())
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        for i in 0..spans.len() {
            if spans[i].parent.is_some() {
                continue;
            }
            let Some(&p) = spans[i].parent_id.as_ref().and_then(|p| index.get(p)) else {
                continue;
            };
            // Refuse a link that would make a cycle.
            let mut cur = Some(p);
            let mut cycle = false;
            while let Some(c) = cur {
                if c == i {
                    cycle = true;
                    break;
                }
                cur = spans[c].parent;
            }
            if !cycle {
                spans[i].parent = Some(p);
            }
        }
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); spans.len()];
        let mut roots = Vec::new();
        for (i, s) in spans.iter().enumerate() {
            match s.parent {
                Some(p) => children[p].push(i),
                None => roots.push(i),
            }
        }
        let by_start = |v: &mut Vec<usize>| {
            v.sort_by(|a, b| {
                spans[*a]
                    .start
                    .total_cmp(&spans[*b].start)
                    .then_with(|| spans[*a].name.cmp(&spans[*b].name))
            })
        };
        by_start(&mut roots);
        for c in children.iter_mut() {
            by_start(c);
        }
        let mut rows = Vec::new();
        let mut stack: Vec<(usize, usize)> = roots.iter().rev().map(|r| (*r, 0)).collect();
        while let Some((i, depth)) = stack.pop() {
            rows.push((depth, spans[i].clone()));
            for c in children[i].iter().rev() {
                stack.push((*c, depth + 1));
            }
        }
        let start = spans.iter().map(|s| s.start).fold(f64::INFINITY, f64::min);
        let start = if start.is_finite() { start } else { 0.0 };
        let end = spans
            .iter()
            .map(|s| s.end.unwrap_or(s.start))
            .fold(start, f64::max);
        Waterfall {
            trace,
            rows,
            start,
            total: end - start,
        }
    }
}

const BAR_WIDTH: usize = 40;

/// The bar of a span starting `offset` seconds into a trace of `total` seconds and lasting `duration`.
fn bar(offset: f64, duration: f64, total: f64) -> (usize, usize) {
    if total <= 0.0 {
        return (0, 1);
    }
    let w = BAR_WIDTH as f64;
    let from = ((offset / total) * w).floor().clamp(0.0, w - 1.0) as usize;
    let len = ((duration / total) * w).round().max(1.0) as usize;
    (from, len.min(BAR_WIDTH - from))
}

impl Waterfall {
    /// BatchGetTraces' trace in the service's field names, segments parsed.
    fn xray_json(trace: &Trace) -> Value {
        json!({
            "Id": trace.id,
            "Duration": trace.duration,
            "LimitExceeded": trace.limit_exceeded,
            "Segments": trace.segments,
        })
    }

    fn text(&self, style: &Style) -> String {
        let rows = self.rows.iter().map(|(depth, s)| {
            let offset = s.start - self.start;
            let duration = s.end.map(|e| e - s.start);
            let (from, len) = bar(offset, duration.unwrap_or(self.total - offset), self.total);
            let paint = |t: &str| {
                if s.fault {
                    style.red(t)
                } else if s.error {
                    style.yellow(t)
                } else if s.throttle {
                    style.cyan(t)
                } else {
                    style.green(t)
                }
            };
            let mut f = flags(s.error, s.fault, s.throttle);
            if s.end.is_none() {
                f = if f == "-" {
                    "in progress".into()
                } else {
                    format!("{f},in progress")
                };
            }
            let f = if f == "-" { f } else { paint(&f) };
            vec![
                format!("{}{}", "  ".repeat(*depth), s.name),
                format!("+{}", ms(offset)),
                duration.map_or_else(|| "…".to_string(), ms),
                format!("{}{}", " ".repeat(from), paint(&"█".repeat(len))),
                s.status.map_or_else(|| "-".to_string(), |c| c.to_string()),
                f,
            ]
        });
        let mut out = format!(
            "{} {}  {} ms  {} segments and subsegments\n\n",
            style.bold("trace"),
            self.trace.id,
            ms(self.trace.duration.unwrap_or(self.total)),
            self.rows.len()
        );
        out.push_str(&table(
            style,
            &[
                "NAME",
                "START MS",
                "DURATION MS",
                "TIMELINE",
                "STATUS",
                "FLAGS",
            ],
            rows,
            &[1, 2, 4],
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_and_never_empty_or_past_the_end() {
        assert_eq!(bar(0.0, 1.0, 1.0), (0, BAR_WIDTH));
        assert_eq!(bar(0.5, 0.25, 1.0), (20, 10));
        assert_eq!(bar(0.999, 0.0, 1.0), (39, 1));
        assert_eq!(bar(0.0, 0.0, 0.0), (0, 1));
    }

    fn doc(v: Value) -> Value {
        v
    }

    #[test]
    fn subsegments_nest_under_their_parent_in_start_order_and_linked_documents_hang_under_the_call()
    {
        let trace = Trace {
            id: "1-5759e988-bd862e3fe1be46a994272793".into(),
            duration: Some(1.0),
            limit_exceeded: false,
            segments: vec![
                doc(
                    json!({"id": "b", "name": "db", "start_time": 100.2, "end_time": 100.3, "parent_id": "s2"}),
                ),
                doc(
                    json!({"id": "a", "name": "api", "start_time": 100.0, "end_time": 101.0, "subsegments": [
                        {"id": "s2", "name": "second", "start_time": 100.2, "end_time": 100.4},
                        {"id": "s1", "name": "first", "start_time": 100.1, "end_time": 100.2, "subsegments": [
                            {"id": "s11", "name": "inner", "start_time": 100.1, "end_time": 100.15, "fault": true}
                        ]}
                    ]}),
                ),
            ],
        };
        let w = Waterfall::new(trace);
        let got: Vec<(usize, &str)> = w.rows.iter().map(|(d, s)| (*d, s.name.as_str())).collect();
        assert_eq!(
            got,
            [
                (0, "api"),
                (1, "first"),
                (2, "inner"),
                (1, "second"),
                (2, "db")
            ]
        );
        let text = w.text(&Style { color: false });
        assert!(text.contains("    inner  "), "{text}");
        assert!(
            text.lines()
                .any(|l| l.contains("inner") && l.ends_with("fault")),
            "{text}"
        );
    }

    #[test]
    fn on_a_terminal_faults_are_red_errors_yellow_and_the_rest_green() {
        let trace = Trace {
            id: "1-5759e988-bd862e3fe1be46a994272793".into(),
            duration: Some(1.0),
            limit_exceeded: false,
            segments: vec![
                json!({"id": "a", "name": "api", "start_time": 0.0, "end_time": 1.0, "subsegments": [
                    {"id": "b", "name": "db", "start_time": 0.1, "end_time": 0.2, "fault": true},
                    {"id": "c", "name": "cache", "start_time": 0.3, "end_time": 0.4, "error": true}
                ]}),
            ],
        };
        let text = Waterfall::new(trace).text(&Style { color: true });
        let line = |n: &str| text.lines().find(|l| l.contains(n)).unwrap().to_string();
        assert!(line("api").contains("\x1b[32m█"), "{text}");
        assert!(
            line("db").contains("\x1b[31m█") && line("db").contains("\x1b[31mfault"),
            "{text}"
        );
        assert!(line("cache").contains("\x1b[33merror"), "{text}");
        let plain = Waterfall::new(Trace {
            id: "x".into(),
            duration: None,
            limit_exceeded: false,
            segments: vec![json!({"id": "a", "name": "api", "start_time": 0.0, "end_time": 1.0})],
        })
        .text(&Style { color: false });
        assert!(!plain.contains('\x1b'), "{plain}");
    }

    #[test]
    fn a_parent_cycle_does_not_loop() {
        let trace = Trace {
            id: "1-5759e988-bd862e3fe1be46a994272793".into(),
            duration: None,
            limit_exceeded: false,
            segments: vec![
                json!({"id": "a", "name": "a", "start_time": 1.0, "parent_id": "b"}),
                json!({"id": "b", "name": "b", "start_time": 2.0, "end_time": 3.0, "parent_id": "a"}),
            ],
        };
        let w = Waterfall::new(trace);
        assert_eq!(w.rows.len(), 2);
        assert!(w.text(&Style { color: false }).contains("in progress"));
    }

    #[test]
    fn otel_spans_become_segments_in_either_encoding_and_nest_by_parent_span_id() {
        // The aws/spans layout: attributes as an object, times as numbers, status code names.
        let root = json!({"traceId": "5759e988bd862e3fe1be46a994272793", "spanId": "aaaaaaaaaaaaaaaa",
            "name": "GET /api", "startTimeUnixNano": 1_000_000_000u64, "endTimeUnixNano": 1_300_000_000u64,
            "attributes": {"http.response.status_code": 500}, "status": {"code": "ERROR"}});
        // OTLP/JSON: times as strings, attributes as a list, the status code as a number.
        let child = json!({"traceId": "5759e988bd862e3fe1be46a994272793", "spanId": "bbbbbbbbbbbbbbbb",
            "parentSpanId": "aaaaaaaaaaaaaaaa", "name": "db", "startTimeUnixNano": "1100000000",
            "endTimeUnixNano": "1150000000",
            "attributes": [{"key": "http.status_code", "value": {"intValue": "429"}}], "status": {"code": 0}});
        let r = otel_as_segment(&root);
        assert_eq!(r["start_time"], 1.0);
        assert_eq!(r["end_time"], 1.3);
        assert_eq!(
            (r["fault"].clone(), r["error"].clone()),
            (json!(true), json!(false))
        );
        assert_eq!(r["http"]["response"]["status"], 500);
        let c = otel_as_segment(&child);
        assert_eq!(c["parent_id"], "aaaaaaaaaaaaaaaa");
        assert_eq!(c["throttle"], true);
        assert_eq!(c["fault"], false);
        let shown = Shown::retrieved(
            TraceFormat::Otel,
            RetrievedTrace {
                id: "1-5759e988-bd862e3fe1be46a994272793".into(),
                duration: Some(0.3),
                spans: vec![child, root],
            },
        );
        let got: Vec<(usize, &str)> = shown
            .waterfall
            .rows
            .iter()
            .map(|(d, s)| (*d, s.name.as_str()))
            .collect();
        assert_eq!(got, [(0, "GET /api"), (1, "db")]);
        assert_eq!(shown.json()["TraceFormat"], "OTEL");
        assert_eq!(
            shown.json()["Spans"][0]["name"],
            "db",
            "as the service sent them"
        );
    }
}
