//! A running `o11y logs tail --follow` for the tests: stdout lines on a channel, stderr collected, Ctrl-C.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::Sandbox;

/// A running `o11y logs tail --follow`: its stdout lines arrive on a channel, its stderr is collected.
pub struct Follow {
    pub child: Child,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Follow {
    /// `o11y logs tail --follow -o json ARGS` against `endpoint`.
    pub fn spawn(sb: &Sandbox, endpoint: &str, args: &[&str]) -> Follow {
        let mut cmd = sb.o11y_process(endpoint);
        cmd.args(["logs", "tail", "--follow", "-o", "json"])
            .args(args);
        Follow::start(cmd)
    }

    /// Any command whose stdout is NDJSON lines.
    pub fn start(mut cmd: std::process::Command) -> Follow {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines() {
                let Ok(l) = l else { break };
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let (mut err, sink) = (child.stderr.take().unwrap(), stderr.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Follow {
            child,
            lines,
            stderr,
        }
    }

    /// The next `n` events, within a generous time.
    pub fn next(&mut self, n: usize) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut got = Vec::new();
        while got.len() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) => got.push(serde_json::from_str(&l).unwrap()),
                Err(_) => panic!(
                    "waited for {n} events, got {}: {got:?}\n--- stderr\n{}",
                    got.len(),
                    self.stderr.lock().unwrap()
                ),
            }
        }
        got
    }

    /// Whatever arrives within `d` (to prove nothing more does).
    pub fn during(&mut self, d: Duration) -> Vec<String> {
        let deadline = Instant::now() + d;
        let mut got = Vec::new();
        while let Ok(l) = self
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            got.push(l);
        }
        got
    }

    /// stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Wait (bounded) until stderr contains `text`.
    pub fn wait_stderr(&self, text: &str, within: Duration) {
        let deadline = Instant::now() + within;
        while !self.stderr().contains(text) {
            assert!(
                Instant::now() < deadline,
                "stderr never said `{text}`:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Ctrl-C: SIGINT, then the exit code (within a generous bound) and stderr.
    pub fn interrupt(mut self) -> (i32, String) {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "the follow ended by itself"
        );
        // SAFETY: signalling a child process of this test by its pid.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGINT) };
        let status = wait_exit(
            &mut self.child,
            Duration::from_secs(10),
            "Ctrl-C did not end the follow",
        );
        // Let the reader thread take the last of stderr.
        std::thread::sleep(Duration::from_millis(100));
        (
            status.code().unwrap_or(-1),
            self.stderr.lock().unwrap().clone(),
        )
    }
}

/// The child's exit status, within a generous bound (`why` says what it means if it does not come).
pub fn wait_exit(child: &mut Child, within: Duration, why: &str) -> std::process::ExitStatus {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "{why}");
        std::thread::sleep(Duration::from_millis(20));
    }
}
