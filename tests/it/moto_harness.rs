//! The moto harness the CloudWatch Logs tests build on: moto's server starts on a free loopback port,
//! answers, resets, and stops.

use crate::support;

use support::moto::Moto;

#[test]
fn moto_starts_on_a_free_loopback_port_resets_and_stops() {
    let moto = Moto::start();
    assert!(moto.url.starts_with("http://127.0.0.1:"));
    let client = reqwest::blocking::Client::new();
    let create = client
        .post(format!("{}/", moto.url))
        .header("X-Amz-Target", "Logs_20140328.CreateLogGroup")
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=0")
        .body(r#"{"logGroupName":"harness"}"#)
        .send()
        .unwrap();
    assert!(create.status().is_success(), "{:?}", create.text());
    moto.reset();
    let url = moto.url.clone();
    drop(moto);
    assert!(
        reqwest::blocking::get(format!("{url}/moto-api/")).is_err(),
        "moto is still running"
    );
}
