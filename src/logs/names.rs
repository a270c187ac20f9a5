//! The rule CloudWatch Logs has for a log group name, checked before any call by every command that takes one.

use crate::error::{Error, Result};

/// A log group name as CloudWatch Logs accepts it: 1 to 512 of `A-Z a-z 0-9 . _ - / #`.
pub fn check_group_name(name: &str) -> Result<()> {
    let ok = (1..=512).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-/#".contains(c));
    if ok {
        Ok(())
    } else {
        Err(Error::usage(format!("invalid log group name `{name}`"))
            .with_help("a log group name is 1 to 512 characters of A-Z, a-z, 0-9, `.`, `_`, `-`, `/` and `#`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_follow_the_services_rules() {
        for ok in ["cruddur", "/aws/lambda/fn-1", "a.b_c#d"] {
            check_group_name(ok).unwrap();
        }
        for bad in ["", "has space", "semi;colon", &"x".repeat(513)] {
            assert_eq!(check_group_name(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
    }
}
