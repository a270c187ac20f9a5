//! The parts of the manifest that are not AWS resources, so CloudFormation cannot express them: they are named
//! in the template (`Metadata.o11y.not_in_template`) and on stderr, never dropped silently. `o11y setup` and
//! `o11y doctor` keep doing them, in each account's pipeline.

use super::template::Template;
use crate::manifest::Manifest;

pub fn add(t: &mut Template, m: &Manifest) {
    if m.honeycomb.is_some() {
        t.outside(
            "[honeycomb]",
            "Honeycomb is not an AWS service and CloudFormation has no resource for it: `o11y setup` and `o11y doctor` handle it",
        );
    }
    if m.rollbar.is_some() {
        t.outside(
            "[rollbar]",
            "Rollbar is not an AWS service and CloudFormation has no resource for it: `o11y setup` and `o11y doctor` handle it",
        );
    }
    if m.secrets.is_some() {
        t.outside(
            "[secrets]",
            "where o11y stores the keys it creates (a file, Gitpod) is on the machine that runs o11y, not in AWS",
        );
    }
}
