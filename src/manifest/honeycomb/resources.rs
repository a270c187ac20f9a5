//! `[[honeycomb.datasets]]` and `[[honeycomb.calculated_fields]]`.

use serde::Deserialize;

use super::rules::Check;
use crate::error::Result;

/// The dataset slug Honeycomb uses for environment-wide resources.
pub const ALL_DATASETS: &str = "__all__";

/// `[[honeycomb.datasets]]`.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub name: String,
    pub description: Option<String>,
    pub expand_json_depth: Option<i64>,
}

/// `[[honeycomb.calculated_fields]]` (derived columns): `dataset` or `__all__` (environment-wide).
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CalculatedField {
    pub dataset: String,
    pub alias: String,
    pub expression: String,
    pub description: Option<String>,
}

/// Datasets and calculated fields by the reference's lengths and ranges; each name (each alias of a dataset)
/// once.
pub fn check(c: &Check, datasets: &[Dataset], fields: &[CalculatedField]) -> Result<()> {
    for (i, d) in datasets.iter().enumerate() {
        let at = format!("honeycomb.datasets[{i}]");
        c.text(&format!("{at}.name"), &d.name, 1, 255)?;
        if let Some(desc) = &d.description {
            c.text(&format!("{at}.description"), desc, 0, 1024)?;
        }
        if let Some(depth) = d.expand_json_depth {
            c.range(&format!("{at}.expand_json_depth"), depth, 0, 10)?;
        }
    }
    c.unique(datasets, "datasets", "name", |d| d.name.clone())?;
    for (i, f) in fields.iter().enumerate() {
        let at = format!("honeycomb.calculated_fields[{i}]");
        c.text(&format!("{at}.dataset"), &f.dataset, 1, 255)?;
        c.text(&format!("{at}.alias"), &f.alias, 1, 255)?;
        c.text(&format!("{at}.expression"), &f.expression, 1, 4095)?;
        if let Some(desc) = &f.description {
            c.text(&format!("{at}.description"), desc, 0, 255)?;
        }
    }
    c.unique(fields, "calculated_fields", "alias", |f| {
        format!("{}/{}", f.dataset, f.alias)
    })
}
