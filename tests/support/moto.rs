//! moto's server (`moto[server]`, pinned in tests/requirements.txt and installed into `.venv` by
//! `scripts/test`) on a free loopback port. `Moto::start()` gives a test its own server, stopped on drop;
//! `Moto::shared()` gives every test of one area (a file of `tests/it/`) the same one (give resources
//! unique names). The server is killed by the kernel when the test process ends (`PR_SET_PDEATHSIG`), even after a panic.

use std::collections::HashMap;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub struct Moto {
    pub url: String,
    child: Option<Child>,
}

/// The `moto_server` to run: `$O11Y_MOTO_SERVER`, else `.venv/bin/moto_server` in the repository.
pub fn moto_server_path() -> PathBuf {
    if let Ok(p) = std::env::var("O11Y_MOTO_SERVER") {
        return PathBuf::from(p);
    }
    super::repo_root().join(".venv/bin/moto_server")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn spawn() -> (String, Child) {
    spawn_in(None)
}

/// moto's server; `account`: the account id it answers for (MOTO_ACCOUNT_ID), else moto's default.
fn spawn_in(account: Option<&str>) -> (String, Child) {
    let exe = moto_server_path();
    assert!(
        exe.exists(),
        "{} is missing: run the tests with `scripts/test`, which installs moto into .venv",
        exe.display()
    );
    for _ in 0..5 {
        let port = free_port();
        let mut cmd = Command::new(&exe);
        cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(a) = account {
            cmd.env("MOTO_ACCOUNT_ID", a);
        }
        // SAFETY: prctl is async-signal-safe; it only asks the kernel to kill moto when this thread's
        // process ends.
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let mut child = cmd.spawn().expect("start moto_server");
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                break; // the port was taken: try another
            }
            if reqwest::blocking::get(format!("{url}/moto-api/"))
                .is_ok_and(|r| r.status().is_success())
            {
                return (url, child);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("moto_server did not start");
}

impl Moto {
    /// A server of this test's own.
    pub fn start() -> Moto {
        let (url, child) = spawn();
        Moto {
            url,
            child: Some(child),
        }
    }

    /// A server of this test's own that stands in for the account `id` (its ARNs, GetCallerIdentity).
    pub fn start_in_account(id: &str) -> Moto {
        let (url, child) = spawn_in(Some(id));
        Moto {
            url,
            child: Some(child),
        }
    }

    /// One server for every test of one area (one file under `tests/it/`), started on first use: the areas
    /// share one test binary, and each keeps the server of its own it had as a binary of its own.
    #[track_caller]
    pub fn shared() -> &'static Moto {
        static SHARED: OnceLock<Mutex<HashMap<&'static str, &'static Moto>>> = OnceLock::new();
        let area = std::panic::Location::caller().file();
        let mut servers = SHARED.get_or_init(Default::default).lock().unwrap();
        servers.entry(area).or_insert_with(|| {
            // Started from a thread that lives as long as the process: PR_SET_PDEATHSIG follows the thread.
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let (url, child) = spawn();
                tx.send(url).unwrap();
                let _keep = child;
                loop {
                    std::thread::park();
                }
            });
            Box::leak(Box::new(Moto {
                url: rx.recv().unwrap(),
                child: None,
            }))
        })
    }

    /// `POST /moto-api/reset`: forget every resource.
    pub fn reset(&self) {
        let r = reqwest::blocking::Client::new()
            .post(format!("{}/moto-api/reset", self.url))
            .send()
            .unwrap();
        assert!(r.status().is_success());
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        if let Some(c) = &mut self.child {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}
