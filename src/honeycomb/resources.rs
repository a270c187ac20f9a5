//! The v1 configuration resources (datasets, calculated fields, recipients, triggers, SLOs, burn alerts,
//! marker settings) over one shape: list a collection, read, create in it, update one by id, JSON in
//! Honeycomb's field names. Setup's files (one per resource kind) know each kind's fields and what the server
//! fills in; this file knows the wire. The answers a caller explains by its status (a missing permission, a
//! plan without SLOs, a dataset that does not exist, a conflict, invalid input) come back as
//! [`Answer::Status`].

use reqwest::Method;
use serde_json::Value;

use super::api::{Answer, HoneycombApi};
use crate::context::Context;
use crate::error::Result;

/// The statuses a caller explains itself.
const EXPLAINED: [u16; 5] = [400, 403, 404, 409, 422];

impl HoneycombApi {
    /// `GET {path}`: a collection (v1 lists are one array, without pages).
    pub async fn list(&self, ctx: &Context, path: &str) -> Result<Answer<Vec<Value>>> {
        self.call_answer(ctx, Method::GET, path, None, &EXPLAINED)
            .await
    }

    /// `GET {path}`: one object.
    pub async fn read(&self, ctx: &Context, path: &str) -> Result<Answer<Value>> {
        self.call_answer(ctx, Method::GET, path, None, &EXPLAINED)
            .await
    }

    /// `POST {path}`: the created object (201; a dataset that exists already is 200 with it).
    pub async fn create(&self, ctx: &Context, path: &str, body: &Value) -> Result<Answer<Value>> {
        self.call_answer(ctx, Method::POST, path, Some(body.clone()), &EXPLAINED)
            .await
    }

    /// `PUT {path}`: the whole object replaced; the answer is the object.
    pub async fn update(&self, ctx: &Context, path: &str, body: &Value) -> Result<Answer<Value>> {
        self.call_answer(ctx, Method::PUT, path, Some(body.clone()), &EXPLAINED)
            .await
    }
}
