//! The CloudWatch Logs part of the template: an `AWS::Logs::LogGroup` per `[[logs.groups]]`, its
//! `RetentionInDays` when the manifest gives one (without it the events never expire, as the resource
//! specification says). Log groups hold the app's data, so deleting the stack (or replacing the group) keeps
//! them: `DeletionPolicy` and `UpdateReplacePolicy` are `Retain`.

use serde_json::json;

use super::template::Template;
use crate::manifest::logs::Logs;

pub fn add(t: &mut Template, l: &Logs) {
    for g in &l.groups {
        let mut props = json!({ "LogGroupName": g.name });
        if let Some(days) = g.retention_days {
            props["RetentionInDays"] = json!(days);
        }
        t.add(
            "LogGroup",
            &g.name,
            "AWS::Logs::LogGroup",
            props,
            json!({ "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain" }),
        );
    }
}
