//! A CloudFormation template being built: resources under logical ids (letters and digits, unique, as the
//! template format requires), and the parts of the manifest the template cannot express, each with why.
//! Each backend's file adds to it; `cloudformation.rs` orders them and renders the document.

use serde::Serialize;
use serde_json::{json, Map, Value};

/// The longest logical id CloudFormation takes is 255 characters; names are cut well below it.
const NAME_PART: usize = 200;

#[derive(Debug, Default)]
pub struct Template {
    resources: Map<String, Value>,
    pub outside: Vec<Outside>,
    /// What someone deploying the template should know.
    pub notes: Vec<String>,
}

/// A part of the manifest that is not in the template, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outside {
    pub part: String,
    pub why: String,
}

impl Template {
    /// Add a resource of `kind` (`AWS::XRay::Group`) whose logical id is `prefix` + the name in CamelCase
    /// (`XRayGroupCruddur`); `extra` holds keys beside `Type` and `Properties` (`DependsOn`,
    /// `DeletionPolicy`). Returns the logical id, made unique with a number when two names read alike.
    pub fn add(
        &mut self,
        prefix: &str,
        name: &str,
        kind: &str,
        properties: Value,
        extra: Value,
    ) -> String {
        let base = format!("{prefix}{}", camel(name));
        let mut id = base.clone();
        let mut n = 2;
        while self.resources.contains_key(&id) {
            id = format!("{base}{n}");
            n += 1;
        }
        let mut r = Map::new();
        r.insert("Type".into(), json!(kind));
        if let Value::Object(extra) = extra {
            r.extend(extra);
        }
        r.insert("Properties".into(), properties);
        self.resources.insert(id.clone(), Value::Object(r));
        id
    }

    /// Name a part of the manifest the template leaves out.
    pub fn outside(&mut self, part: impl Into<String>, why: impl Into<String>) {
        self.outside.push(Outside {
            part: part.into(),
            why: why.into(),
        });
    }

    pub fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }

    pub fn is_empty(&self) -> bool {
        self.resources.is_empty()
    }

    pub fn resources(&self) -> &Map<String, Value> {
        &self.resources
    }
}

/// `cruddur` -> `Cruddur`, `/aws/lambda/fn-1` -> `AwsLambdaFn1`: the letters and digits of the name, each
/// run of them capitalised.
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
        if out.len() >= NAME_PART {
            out.truncate(NAME_PART);
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_ids_are_letters_and_digits_and_unique() {
        assert_eq!(camel("/aws/lambda/fn-1"), "AwsLambdaFn1");
        assert_eq!(camel("cruddur"), "Cruddur");
        assert_eq!(camel("x".repeat(600).as_str()).len(), NAME_PART);
        let mut t = Template::default();
        let a = t.add(
            "LogGroup",
            "a-b",
            "AWS::Logs::LogGroup",
            json!({}),
            json!({}),
        );
        let b = t.add(
            "LogGroup",
            "a.b",
            "AWS::Logs::LogGroup",
            json!({}),
            json!({}),
        );
        let c = t.add(
            "LogGroup",
            "---",
            "AWS::Logs::LogGroup",
            json!({}),
            json!({"DependsOn": [a.clone()]}),
        );
        assert_eq!(
            (a.as_str(), b.as_str(), c.as_str()),
            ("LogGroupAB", "LogGroupAB2", "LogGroup")
        );
        assert_eq!(
            t.resources()["LogGroup"]["DependsOn"],
            json!(["LogGroupAB"])
        );
    }
}
