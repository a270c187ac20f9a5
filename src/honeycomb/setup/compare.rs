//! Comparing what the manifest says with what Honeycomb answers, after what the server fills in: a query's
//! `filter_combination: "AND"` that it drops, filters and havings in any order, empty lists it leaves out,
//! whole-number floats; numbers within a tolerance. The terraform-provider-honeycombio's `EquivalentTo`
//! rules, as its history shows the live server behaves.

use serde_json::{Map, Value};

use crate::ensure::Change;

/// Numbers that are whole become integers, recursively (`5.0` and `5` are one value).
fn numbers(v: &Value) -> Value {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => v.clone(),
        },
        Value::Array(a) => Value::Array(a.iter().map(numbers).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), numbers(v))).collect()),
        other => other.clone(),
    }
}

/// A list whose order has no meaning, in one order.
fn as_set(v: &Value) -> Value {
    let mut items: Vec<Value> = v.as_array().cloned().unwrap_or_default();
    items.sort_by_key(|i| i.to_string());
    Value::Array(items)
}

/// A trigger's query in one form: `filter_combination` "AND" dropped (the server never answers it), empty
/// lists and nulls dropped, filters, havings and calculated fields as sets, `time_range` defaulting to the
/// frequency (as the server fills it), whole-number floats as integers; `query_id` and the server's other
/// read-only fields are not part of a query spec and are left out.
pub fn query(q: &Value, frequency: i64) -> Value {
    const SETS: [&str; 3] = ["filters", "havings", "calculated_fields"];
    let mut out = Map::new();
    for (k, v) in q.as_object().into_iter().flatten() {
        let empty = v.is_null() || v.as_array().is_some_and(Vec::is_empty);
        let default = (k == "filter_combination" && v == "AND")
            || (k == "granularity" && v.as_i64() == Some(0));
        if empty || default {
            continue;
        }
        let v = numbers(v);
        let v = match SETS.contains(&k.as_str()) {
            true => as_set(&v),
            false => v,
        };
        out.insert(k.clone(), v);
    }
    out.entry("time_range").or_insert(Value::from(frequency));
    Value::Object(out)
}

/// The fields of two normalised queries that differ, as `query.<field>` changes.
pub fn query_changes(current: &Value, desired: &Value) -> Vec<Change> {
    let mut keys: Vec<&String> = desired
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
        .collect();
    for k in current.as_object().into_iter().flatten().map(|(k, _)| k) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .filter_map(|k| {
            let (a, b) = (&current[k.as_str()], &desired[k.as_str()]);
            (!same(a, b)).then(|| Change::new(&format!("query.{k}"), a.clone(), b.clone()))
        })
        .collect()
}

/// Equal values, numbers within a tolerance and whole floats equal to integers.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => numbers(a) == numbers(b),
    }
}

/// A change of `field` when `current` and `desired` differ.
pub fn field(field: &str, current: &Value, desired: &Value) -> Option<Change> {
    (!same(current, desired)).then(|| Change::new(field, current.clone(), desired.clone()))
}

/// A change of `field` only when the manifest sets it (`desired` is not null): an optional field it leaves
/// out keeps whatever the server has.
pub fn set_field(field_name: &str, current: &Value, desired: &Value) -> Option<Change> {
    match desired {
        Value::Null => None,
        _ => field(field_name, current, desired),
    }
}

/// Two lists of names compared as sets (recipients by target).
pub fn names(field_name: &str, current: &[String], desired: &[String]) -> Option<Change> {
    let (mut a, mut b) = (current.to_vec(), desired.to_vec());
    a.sort();
    a.dedup();
    b.sort();
    b.dedup();
    (a != b).then(|| Change::new(field_name, a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn what_the_server_fills_in_and_drops_is_no_change() {
        let mine = json!({
            "calculations": [{"op": "COUNT"}],
            "filters": [{"column": "a", "op": "=", "value": 1.0}, {"column": "error", "op": "exists"}],
            "filter_combination": "AND",
            "breakdowns": []
        });
        let server = json!({
            "calculations": [{"op": "COUNT"}],
            "filters": [{"column": "error", "op": "exists"}, {"column": "a", "op": "=", "value": 1}],
            "time_range": 900
        });
        let (a, b) = (query(&server, 900), query(&mine, 900));
        assert_eq!(a, b);
        assert!(query_changes(&a, &b).is_empty());
    }

    #[test]
    fn a_changed_filter_is_named() {
        let a = query(
            &json!({"calculations": [{"op": "COUNT"}], "time_range": 600}),
            600,
        );
        let b = query(
            &json!({"calculations": [{"op": "COUNT"}], "filters": [{"column": "x", "op": "exists"}]}),
            600,
        );
        let c = query_changes(&a, &b);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].field, "query.filters");
        assert_eq!(
            query(&json!({"filter_combination": "OR"}), 60)["filter_combination"],
            "OR"
        );
    }

    #[test]
    fn names_are_a_set_and_optional_fields_left_out_keep_the_servers() {
        assert!(names(
            "recipients",
            &["b".into(), "a".into()],
            &["a".into(), "b".into()]
        )
        .is_none());
        assert!(names("recipients", &["a".into()], &["a".into(), "b".into()]).is_some());
        assert!(set_field("description", &json!("set in the UI"), &Value::Null).is_none());
        assert!(set_field("description", &json!("x"), &json!("y")).is_some());
        assert!(field("frequency", &json!(900), &json!(900.0)).is_none());
    }
}
