use std::collections::{BTreeMap, HashSet, VecDeque};

use serde_json::Value;

use super::api::{GroupRef, Service, ServiceGraph, Statistics, XrayApi};
use super::window::{refused_window_hint, WindowArgs};
use crate::context::{Calls, Context};
use crate::error::{Error, Result};
use crate::output::{table, Render, Style};

/// Show the X-Ray service graph of a time window
///
/// Calls GetServiceGraph and follows every page. One row per service (entry points first), then one row
/// per edge (caller -> callee): requests, OK, client errors (4xx) and faults (5xx) as a share of the
/// requests, throttles (429) and the average response time. A figure with no requests behind it is `-`.
///
/// `-o json` prints the merged `Services` list in the service's field names with `StartTime`/`EndTime`;
/// `-o dot` prints a Graphviz digraph. The window is sent as given: X-Ray's API reference names no
/// longest window, and a window the service refuses is reported with its message (exit 1).
#[derive(Debug, clap::Args)]
#[command(
    override_usage = "o11y xray service-graph (--last DUR | --since T [--until T]) [--group NAME] [OPTIONS]",
    after_help = "Examples:\n  o11y xray service-graph --last 10m\n  o11y xray service-graph --since 2026-11-25T09:00:00Z --until 2026-11-25T10:00:00Z --group Cruddur\n  o11y xray service-graph --last 1h -o dot | dot -Tsvg > graph.svg"
)]
pub struct Args {
    #[command(flatten)]
    pub window: WindowArgs,
    /// Only the traces of this X-Ray group: its name, or its ARN (`arn:aws:xray:...`)
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
}

/// `--group`: an ARN goes as `GroupARN`, anything else as `GroupName` (1 to 32 characters).
pub fn group_ref(g: &str) -> Result<GroupRef> {
    if g.starts_with("arn:") {
        if g.len() > 400 {
            return Err(Error::usage(
                "--group: a group ARN is at most 400 characters",
            ));
        }
        return Ok(GroupRef::Arn(g.to_string()));
    }
    let n = g.chars().count();
    if !(1..=32).contains(&n) {
        return Err(Error::usage(format!(
            "--group: a group name must be 1 to 32 characters (got {n})"
        ))
        .with_help("list the groups with `o11y xray groups`"));
    }
    Ok(GroupRef::Name(g.to_string()))
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let range = args.window.range(ctx.now)?;
    let group = args.group.as_deref().map(group_ref).transpose()?;
    let api = XrayApi::new(ctx.xray(Calls::Paging).await?);
    let graph = api
        .service_graph(range.start, range.end, group.as_ref())
        .await
        .map_err(refused_window_hint)?;
    if graph.services.is_empty() && !ctx.out.is_json() {
        ctx.out
            .note("no traced requests in this window (is the app sending segments to X-Ray?)");
    }
    ctx.out.print(&Graph(graph))
}

struct Graph(ServiceGraph);

/// The figures of a row, computed from `SummaryStatistics`; `None` where there is nothing to divide by.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Figures {
    requests: Option<i64>,
    ok: Option<i64>,
    error_pct: Option<f64>,
    fault_pct: Option<f64>,
    throttles: Option<i64>,
    avg_ms: Option<f64>,
}

fn figures(s: Option<&Statistics>) -> Figures {
    let Some(s) = s else {
        return Figures::default();
    };
    let total = s.total_count.unwrap_or(0);
    if total <= 0 {
        return Figures {
            requests: s.total_count,
            ..Figures::default()
        };
    }
    let pct = |n: Option<i64>| n.map(|n| n as f64 * 100.0 / total as f64);
    Figures {
        requests: Some(total),
        ok: s.ok_count,
        error_pct: pct(s.error_statistics.and_then(|e| e.total_count)),
        fault_pct: pct(s.fault_statistics.and_then(|f| f.total_count)),
        throttles: s.error_statistics.and_then(|e| e.throttle_count),
        avg_ms: s.total_response_time.map(|t| t * 1000.0 / total as f64),
    }
}

impl Figures {
    fn cells(&self) -> Vec<String> {
        let n = |v: Option<i64>| v.map_or_else(|| "-".to_string(), |v| v.to_string());
        let pct = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.1}%"));
        vec![
            n(self.requests),
            n(self.ok),
            pct(self.error_pct),
            pct(self.fault_pct),
            n(self.throttles),
            self.avg_ms
                .map_or_else(|| "-".to_string(), |v| format!("{v:.1}")),
        ]
    }

    /// `120 requests, 2.5% errors, 0.8% faults` (what is known of it).
    fn summary(&self) -> String {
        let mut parts = vec![match self.requests {
            Some(r) => format!("{r} requests"),
            None => "no statistics".to_string(),
        }];
        if let Some(e) = self.error_pct {
            parts.push(format!("{e:.1}% errors"));
        }
        if let Some(f) = self.fault_pct {
            parts.push(format!("{f:.1}% faults"));
        }
        if let Some(t) = self.throttles.filter(|t| *t > 0) {
            parts.push(format!("{t} throttled"));
        }
        parts.join(", ")
    }

    /// The console's colours: red for faults, orange for errors, purple for throttles.
    fn colour(&self) -> Option<&'static str> {
        if self.fault_pct.is_some_and(|f| f > 0.0) {
            Some("red")
        } else if self.error_pct.is_some_and(|e| e > 0.0) {
            Some("orange")
        } else if self.throttles.is_some_and(|t| t > 0) {
            Some("purple")
        } else {
            None
        }
    }
}

fn display_name(s: &Service) -> String {
    s.name
        .clone()
        .or_else(|| s.names.first().cloned())
        .unwrap_or_else(|| format!("#{}", s.reference_id.unwrap_or_default()))
}

/// Services in reading order: entry points (no edge points to them; clients first), then by their
/// distance from an entry point, then by name. Services only reachable through a cycle come last.
fn ordered(services: &[Service]) -> Vec<&Service> {
    let targets: HashSet<i32> = services
        .iter()
        .flat_map(|s| s.edges.iter().filter_map(|e| e.reference_id))
        .collect();
    let by_ref: BTreeMap<i32, &Service> = services
        .iter()
        .filter_map(|s| s.reference_id.map(|r| (r, s)))
        .collect();
    let mut depth: BTreeMap<i32, usize> = BTreeMap::new();
    let mut queue: VecDeque<i32> = services
        .iter()
        .filter_map(|s| s.reference_id)
        .filter(|r| !targets.contains(r))
        .collect();
    for r in &queue {
        depth.insert(*r, 0);
    }
    while let Some(r) = queue.pop_front() {
        let d = depth[&r];
        for e in by_ref[&r].edges.iter().filter_map(|e| e.reference_id) {
            if by_ref.contains_key(&e) && !depth.contains_key(&e) {
                depth.insert(e, d + 1);
                queue.push_back(e);
            }
        }
    }
    let mut out: Vec<&Service> = services.iter().collect();
    out.sort_by_key(|s| {
        (
            s.reference_id
                .and_then(|r| depth.get(&r).copied())
                .unwrap_or(usize::MAX),
            s.kind.as_deref() != Some("client"),
            display_name(s),
        )
    });
    out
}

/// Every edge as (caller, callee name, edge), in the order of the callers and then of the callees.
fn edges<'a>(order: &[&'a Service]) -> Vec<(&'a Service, String, &'a super::api::Edge)> {
    let pos = |r: Option<i32>| {
        order
            .iter()
            .position(|s| r.is_some() && s.reference_id == r)
            .unwrap_or(usize::MAX)
    };
    let mut out = Vec::new();
    for s in order {
        let mut es: Vec<_> = s.edges.iter().collect();
        es.sort_by_key(|e| pos(e.reference_id));
        for e in es {
            let callee = order
                .iter()
                .find(|c| e.reference_id.is_some() && c.reference_id == e.reference_id)
                .map(|c| display_name(c))
                .unwrap_or_else(|| format!("#{}", e.reference_id.unwrap_or_default()));
            out.push((*s, callee, e));
        }
    }
    out
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

impl Render for Graph {
    fn json(&self) -> Value {
        serde_json::to_value(&self.0).unwrap_or(Value::Null)
    }

    fn text(&self, style: &Style) -> String {
        let order = ordered(&self.0.services);
        let mut rows: Vec<Vec<String>> = Vec::new();
        for s in &order {
            let mut row = vec![
                display_name(s),
                s.kind.clone().unwrap_or_else(|| "-".into()),
            ];
            row.extend(figures(s.summary_statistics.as_ref()).cells());
            rows.push(row);
        }
        for (caller, callee, e) in edges(&order) {
            let mut row = vec![
                format!("{} -> {callee}", display_name(caller)),
                "edge".to_string(),
            ];
            row.extend(figures(e.summary_statistics.as_ref()).cells());
            rows.push(row);
        }
        table(
            style,
            &[
                "NAME",
                "TYPE",
                "REQUESTS",
                "OK",
                "ERRORS",
                "FAULTS",
                "THROTTLES",
                "AVG MS",
            ],
            rows,
            &[2, 3, 4, 5, 6, 7],
        )
    }

    fn dot(&self) -> Option<String> {
        let order = ordered(&self.0.services);
        let id = |s: &Service| match s.reference_id {
            Some(r) => format!("n{r}"),
            None => format!(
                "x{}",
                order.iter().position(|o| std::ptr::eq(*o, s)).unwrap_or(0)
            ),
        };
        let mut d = format!(
            "digraph \"xray\" {{\n  label=\"X-Ray service graph {} .. {}\";\n  rankdir=LR;\n  node [shape=box, style=rounded];\n",
            self.0.start_time, self.0.end_time
        );
        for s in &order {
            let f = figures(s.summary_statistics.as_ref());
            let mut label = vec![dot_escape(&display_name(s))];
            if let Some(k) = s.kind.as_ref().filter(|k| **k != display_name(s)) {
                label.push(dot_escape(k));
            }
            label.push(f.summary());
            if let Some(ms) = f.avg_ms {
                label.push(format!("avg {ms:.1} ms"));
            }
            let colour = f
                .colour()
                .map(|c| format!(", color={c}"))
                .unwrap_or_default();
            d.push_str(&format!(
                "  {} [label=\"{}\"{colour}];\n",
                id(s),
                label.join("\\n")
            ));
        }
        for (caller, _, e) in edges(&order) {
            let f = figures(e.summary_statistics.as_ref());
            let colour = f
                .colour()
                .map(|c| format!(", color={c}"))
                .unwrap_or_default();
            let to = e
                .reference_id
                .map(|r| format!("n{r}"))
                .unwrap_or_else(|| "unknown".into());
            d.push_str(&format!(
                "  {} -> {to} [label=\"{}\"{colour}];\n",
                id(caller),
                f.summary().replacen(", ", "\\n", 1)
            ));
        }
        d.push_str("}\n");
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xray::api::{ErrorStatistics, FaultStatistics};

    fn stats(total: i64, ok: i64, err: i64, throttle: i64, fault: i64, rt: f64) -> Statistics {
        Statistics {
            ok_count: Some(ok),
            error_statistics: Some(ErrorStatistics {
                throttle_count: Some(throttle),
                other_count: Some(err - throttle),
                total_count: Some(err),
            }),
            fault_statistics: Some(FaultStatistics {
                other_count: Some(fault),
                total_count: Some(fault),
            }),
            total_count: Some(total),
            total_response_time: Some(rt),
        }
    }

    #[test]
    fn figures_are_shares_of_the_requests_and_the_average_in_ms() {
        let f = figures(Some(&stats(200, 190, 8, 2, 2, 10.0)));
        assert_eq!(f.requests, Some(200));
        assert_eq!(f.error_pct, Some(4.0));
        assert_eq!(f.fault_pct, Some(1.0));
        assert_eq!(f.throttles, Some(2));
        assert_eq!(f.avg_ms, Some(50.0));
        assert_eq!(f.cells(), ["200", "190", "4.0%", "1.0%", "2", "50.0"]);
    }

    #[test]
    fn zero_or_missing_counts_are_dashes_not_a_division_by_zero() {
        let f = figures(Some(&stats(0, 0, 0, 0, 0, 0.0)));
        assert_eq!(f.cells(), ["0", "-", "-", "-", "-", "-"]);
        assert_eq!(figures(None).cells(), ["-", "-", "-", "-", "-", "-"]);
        assert_eq!(figures(None).summary(), "no statistics");
    }

    #[test]
    fn group_arns_and_names_are_told_apart_and_bad_names_refused() {
        assert_eq!(
            group_ref("arn:aws:xray:us-east-1:1:group/X/Y").unwrap(),
            GroupRef::Arn("arn:aws:xray:us-east-1:1:group/X/Y".into())
        );
        assert_eq!(
            group_ref("Cruddur").unwrap(),
            GroupRef::Name("Cruddur".into())
        );
        assert_eq!(group_ref(&"x".repeat(33)).unwrap_err().exit_code(), 2);
        assert_eq!(group_ref("").unwrap_err().exit_code(), 2);
    }

    #[test]
    fn dot_labels_escape_quotes_and_backslashes() {
        assert_eq!(dot_escape(r#"a"b\c"#), r#"a\"b\\c"#);
    }
}
