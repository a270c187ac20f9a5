//! Whether a run uses a vendor backend: the manifest declares it, or the environment carries its settings.
//! Each backend's file decides it once (`honeycomb::configured`, `rollbar::configured`), for doctor, its
//! `--send-test` and `deploy` alike.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Configured {
    /// o11y.toml has the backend's section.
    Declared,
    /// o11y.toml does not, but the environment configures it: what shows it (`HONEYCOMB_API_KEY is set`).
    Detected(String),
}

impl Configured {
    /// What the environment shows, when the manifest does not declare the backend.
    pub fn detected(&self) -> Option<&str> {
        match self {
            Configured::Declared => None,
            Configured::Detected(why) => Some(why),
        }
    }
}
