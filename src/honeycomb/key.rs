//! What kind of Honeycomb key a string is, from its shape alone (no call), and the region of an endpoint.
//!
//! | kind | shape |
//! |---|---|
//! | Classic configuration key | 32 hexadecimal characters |
//! | configuration key | 22 letters and digits |
//! | ingest key | `hc?ik_` (Classic: `hc?ic_`), 64 characters: a 32-character key id, then the secret. Honeycomb documents the third character only as one that "varies and is assigned at key creation"; `a` (US) and `b` (EU) are read as a region *hint* for warnings, never to refuse a key |
//! | management key | `hc?mk_` key id (32 characters), `:`, secret (sent as `Authorization: Bearer`) |

use crate::secret::mask;

/// Honeycomb's two regions, each with its own API host and keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Us,
    Eu,
}

impl Region {
    pub fn name(self) -> &'static str {
        match self {
            Region::Us => "US",
            Region::Eu => "EU",
        }
    }

    pub fn api_endpoint(self) -> &'static str {
        match self {
            Region::Us => "https://api.honeycomb.io",
            Region::Eu => "https://api.eu1.honeycomb.io",
        }
    }

    pub fn ui(self) -> &'static str {
        match self {
            Region::Us => "https://ui.honeycomb.io",
            Region::Eu => "https://ui.eu1.honeycomb.io",
        }
    }

    /// The region of a Honeycomb URL's host; `None` for another host or a malformed URL.
    pub fn of_url(url: &str) -> Option<Region> {
        reqwest::Url::parse(url)
            .ok()?
            .host_str()
            .and_then(Region::of_host)
    }

    /// The region of a Honeycomb host (`api.honeycomb.io` US, `api.eu1.honeycomb.io` EU); `None` for any
    /// other host (a collector, a proxy, a local fake).
    pub fn of_host(host: &str) -> Option<Region> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if host == "honeycomb.io" || host.ends_with(".honeycomb.io") {
            if host.ends_with(".eu1.honeycomb.io") {
                Some(Region::Eu)
            } else {
                Some(Region::Us)
            }
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKind {
    /// 32 hex characters: a Honeycomb Classic configuration key.
    ClassicConfiguration,
    /// 22 letters and digits: an environment's configuration key.
    Configuration,
    /// `hc?ik_` / `hc?ic_` + 58: the public key id is the first 32 characters.
    Ingest {
        key_id: String,
        region: Option<Region>,
        classic: bool,
    },
    /// `hc?mk_...:secret`, used as a Bearer token with the v2 (team) APIs.
    Management { key_id: String },
    /// Anything else (a truncated paste, another vendor's token).
    Unknown,
}

/// Read a key's kind from its shape. Never calls Honeycomb.
pub fn key_kind(key: &str) -> KeyKind {
    let is_alnum = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    let b = key.as_bytes();
    let prefix = |tag: &[u8]| b.len() > 6 && &b[..2] == b"hc" && &b[3..6] == tag;
    if prefix(b"ik_") || prefix(b"ic_") {
        if b.len() == 64 && is_alnum(&key[6..]) && b[2].is_ascii_alphanumeric() {
            return KeyKind::Ingest {
                key_id: key[..32].to_string(),
                region: match b[2] {
                    b'a' => Some(Region::Us),
                    b'b' => Some(Region::Eu),
                    _ => None,
                },
                classic: prefix(b"ic_"),
            };
        }
        return KeyKind::Unknown;
    }
    if prefix(b"mk_") {
        if let Some((id, secret)) = key.split_once(':') {
            if id.len() == 32 && is_alnum(&id[6..]) && !secret.is_empty() && is_alnum(secret) {
                return KeyKind::Management {
                    key_id: id.to_string(),
                };
            }
        }
        return KeyKind::Unknown;
    }
    if b.len() == 32 && b.iter().all(u8::is_ascii_hexdigit) {
        return KeyKind::ClassicConfiguration;
    }
    if b.len() == 22 && is_alnum(key) {
        return KeyKind::Configuration;
    }
    KeyKind::Unknown
}

impl KeyKind {
    /// The stable name in `-o json` (`key_kind`).
    pub fn as_str(&self) -> &'static str {
        match self {
            KeyKind::ClassicConfiguration => "classic_configuration",
            KeyKind::Configuration => "configuration",
            KeyKind::Ingest { classic: false, .. } => "ingest",
            KeyKind::Ingest { classic: true, .. } => "classic_ingest",
            KeyKind::Management { .. } => "management",
            KeyKind::Unknown => "unknown",
        }
    }

    /// For people: "ingest key (US)".
    pub fn describe(&self) -> String {
        match self {
            KeyKind::ClassicConfiguration => "Classic configuration key".into(),
            KeyKind::Configuration => "configuration key".into(),
            KeyKind::Ingest {
                region, classic, ..
            } => {
                let what = if *classic {
                    "Classic ingest key"
                } else {
                    "ingest key"
                };
                match region {
                    Some(r) => format!("{what} ({})", r.name()),
                    None => what.into(),
                }
            }
            KeyKind::Management { .. } => "management key".into(),
            KeyKind::Unknown => "unrecognised key shape".into(),
        }
    }

    /// The public key id of an ingest or management key.
    pub fn key_id(&self) -> Option<&str> {
        match self {
            KeyKind::Ingest { key_id, .. } | KeyKind::Management { key_id } => Some(key_id),
            _ => None,
        }
    }

    /// How the key may be shown: its public id when it has one, else its first 4 characters and `…`.
    pub fn shown(&self, key: &str) -> String {
        self.key_id()
            .map(str::to_string)
            .unwrap_or_else(|| mask(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "01j1824es7n4evcmv81cn392jb";
    const SECRET: &str = "0123456789abcdefghijklmnopqrstuv";

    #[test]
    fn classic_and_environment_configuration_keys() {
        assert_eq!(
            key_kind("c1a551c0ffee0123456789abcdef0042"),
            KeyKind::ClassicConfiguration
        );
        assert_eq!(key_kind("o11yEnvKey0123456789ab"), KeyKind::Configuration);
        assert_eq!(key_kind("o11yEnvKey0123456789a"), KeyKind::Unknown);
        assert_eq!(key_kind("o11yEnvKey0123456789a-"), KeyKind::Unknown);
    }

    #[test]
    fn ingest_keys_carry_their_region_and_public_id() {
        let us = format!("hcaik_{ID}{SECRET}");
        assert_eq!(
            key_kind(&us),
            KeyKind::Ingest {
                key_id: format!("hcaik_{ID}"),
                region: Some(Region::Us),
                classic: false
            }
        );
        let eu = format!("hcbic_{ID}{SECRET}");
        assert_eq!(
            key_kind(&eu),
            KeyKind::Ingest {
                key_id: format!("hcbic_{ID}"),
                region: Some(Region::Eu),
                classic: true
            }
        );
        assert_eq!(key_kind(&us).shown(&us), format!("hcaik_{ID}"));
        assert_eq!(key_kind(&us[..63]), KeyKind::Unknown, "truncated");
    }

    #[test]
    fn management_keys_are_id_colon_secret() {
        let k = format!("hcxmk_{ID}:{SECRET}");
        assert_eq!(
            key_kind(&k),
            KeyKind::Management {
                key_id: format!("hcxmk_{ID}")
            }
        );
        assert_eq!(key_kind(&format!("hcxmk_{ID}")), KeyKind::Unknown);
    }

    #[test]
    fn nothing_but_the_first_four_characters_of_a_secret_key_is_shown() {
        let k = "o11yEnvKey0123456789ab";
        assert_eq!(key_kind(k).shown(k), "o11y…");
    }

    #[test]
    fn endpoint_regions() {
        assert_eq!(Region::of_host("api.honeycomb.io"), Some(Region::Us));
        assert_eq!(Region::of_host("api.eu1.honeycomb.io"), Some(Region::Eu));
        assert_eq!(Region::of_host("127.0.0.1"), None);
        assert_eq!(Region::of_host("collector.internal"), None);
        assert_eq!(Region::of_host("nothoneycomb.io"), None);
    }
}
