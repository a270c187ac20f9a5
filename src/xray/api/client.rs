//! The client every area of the API wraps, and the helpers they share.

use aws_sdk_xray::Client;

pub struct XrayApi {
    pub(super) client: Client,
}

impl XrayApi {
    pub fn new(client: Client) -> Self {
        XrayApi { client }
    }
}

/// The token of the next page, or `None` on the last one (an empty token also ends the list).
pub(super) fn next_token(t: Option<&str>) -> Option<String> {
    t.filter(|t| !t.is_empty()).map(str::to_string)
}

pub(super) fn rfc3339(t: Option<&aws_sdk_xray::primitives::DateTime>) -> Option<String> {
    t.and_then(|t| {
        t.fmt(aws_sdk_xray::primitives::DateTimeFormat::DateTime)
            .ok()
    })
}
