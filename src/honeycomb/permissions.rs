//! The permissions of a configuration key, by the names of Honeycomb's v2 Key Management API
//! (`create_datasets`, `manage_triggers` ...), with the flag `GET /1/auth` shows for each (`createDatasets`,
//! `triggers` ...) and the name the UI gives it. One table, for the manifest's checks, setup and doctor.

/// One permission of a configuration key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permission {
    /// The v2 API's attribute name (`permissions.manage_triggers`).
    pub api: &'static str,
    /// The UI's name ("Manage Triggers").
    pub ui: &'static str,
    /// The `api_key_access` flag of `GET /1/auth`, where the reference names one that matches without doubt.
    pub auth_flag: Option<&'static str>,
    /// Whether `PATCH /2/teams/{team}/api-keys/{id}` may change it (the update schema lists it).
    pub patchable: bool,
}

const fn p(
    api: &'static str,
    ui: &'static str,
    auth_flag: Option<&'static str>,
    patchable: bool,
) -> Permission {
    Permission {
        api,
        ui,
        auth_flag,
        patchable,
    }
}

/// Every permission a configuration key may have (the `ConfigurationKeyAttributes` of the v2 reference).
/// `run_queries` has no flag here: `/1/auth` shows `queries` and `columns`, and which of them it reflects is
/// not documented.
pub const CONFIGURATION: [Permission; 13] = [
    p(
        "create_datasets",
        "Create Datasets",
        Some("createDatasets"),
        true,
    ),
    p("send_events", "Send Events", Some("events"), true),
    p("manage_markers", "Manage Markers", Some("markers"), true),
    p("manage_triggers", "Manage Triggers", Some("triggers"), true),
    p(
        "manage_boards",
        "Manage Public Boards",
        Some("boards"),
        true,
    ),
    p("run_queries", "Run Queries", None, true),
    p(
        "manage_columns",
        "Manage Queries and Columns",
        Some("columns"),
        true,
    ),
    p("manage_slos", "Manage SLOs", Some("slos"), true),
    p(
        "manage_recipients",
        "Manage Recipients",
        Some("recipients"),
        true,
    ),
    // Creatable, but absent from the update schema: a change needs a new key.
    p("manage_signals", "Manage Signals", None, false),
    p(
        "manage_privateBoards",
        "Manage Private Boards",
        Some("privateBoards"),
        true,
    ),
    p("read_service_maps", "Read Service Maps", None, true),
    p(
        "visible_team_members",
        "Visible to Team Members",
        None,
        true,
    ),
];

/// The only permission of an ingest key; the v2 API cannot change it after creation.
pub const INGEST: [&str; 1] = ["create_datasets"];

pub fn find(api: &str) -> Option<&'static Permission> {
    CONFIGURATION.iter().find(|p| p.api == api)
}

/// `manage_triggers` as people read it: `manage_triggers` (Manage Triggers).
pub fn describe(api: &str) -> String {
    match find(api) {
        Some(p) => format!("`{}` ({})", p.api, p.ui),
        None => format!("`{api}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_described() {
        for (i, a) in CONFIGURATION.iter().enumerate() {
            assert!(CONFIGURATION[i + 1..].iter().all(|b| b.api != a.api));
        }
        assert_eq!(
            describe("manage_slos"),
            "`manage_slos` (Manage SLOs)".to_string()
        );
        assert_eq!(find("manage_slo"), None);
    }
}
