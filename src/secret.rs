//! Secrets are never printed: at most their first 4 characters and `…`.

/// `abcd…` for a secret; `…` alone when it is too short to show any of it safely.
pub fn mask(secret: &str) -> String {
    let shown: String = secret.chars().take(4).collect();
    if secret.chars().count() <= 8 {
        "…".to_string()
    } else {
        format!("{shown}…")
    }
}

/// Replace every occurrence of each secret in `text` by its mask (servers echo tokens in their errors).
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        out = out.replace(s, &mask(s));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_shows_at_most_four_characters() {
        assert_eq!(mask("abcdefghijklmnop"), "abcd…");
        assert_eq!(mask("short"), "…");
    }

    #[test]
    fn redact_replaces_every_occurrence() {
        let t = "token abcdefghijkl not found (abcdefghijkl)";
        assert_eq!(
            redact(t, &["abcdefghijkl"]),
            "token abcd… not found (abcd…)"
        );
    }
}
