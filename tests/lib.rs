//! Helpers for the end-to-end suites: run the real `loket` binary against temporary databases.
//!
//! The binary is `target/<profile>/loket` next to the test executable, or `$LOKET_BIN`.
//! `scripts/test.sh` builds it first (`cargo build --workspace --bins`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub fn loket_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("LOKET_BIN") {
        return PathBuf::from(p);
    }
    // target/debug/deps/cli-xxxx → target/debug/loket
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let bin = dir.join(format!("loket{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: build it first with `cargo build --workspace --bins` (scripts/test.sh does)",
        bin.display()
    );
    bin
}

/// The result of one `loket` run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
    /// Asserts success and returns stdout.
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "expected success, got {self:?}");
        &self.stdout
    }
    /// Asserts a clean failure: non-zero, one line on stderr, no panic; returns that line.
    pub fn fails(&self) -> &str {
        assert_ne!(self.code, 0, "expected failure, got {self:?}");
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "{self:?}"
        );
        assert_eq!(
            self.stderr.trim_end().lines().count(),
            1,
            "one-line message expected: {self:?}"
        );
        self.stderr.trim_end()
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(self.ok()).unwrap_or_else(|e| panic!("not JSON ({e}): {self:?}"))
    }
}

/// One device: a temporary database driven through the real binary.
pub struct Db {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    /// Fixed wall time for every run (`LOKET_NOW`), or the real clock when `None`.
    pub now: Option<String>,
}

impl Default for Db {
    fn default() -> Self {
        Self::new()
    }
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("loket.db");
        Db {
            dir,
            path,
            now: Some("2026-11-23T09:00:00+07:00".into()),
        }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(loket_bin());
        c.arg("--db").arg(&self.path).args(args);
        c.env_remove("LOKET_DB")
            .env_remove("LOKET_PIN")
            .env_remove("LOKET_NEW_PIN")
            .env_remove("LOKET_LANG")
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null());
        match &self.now {
            Some(n) => c.env("LOKET_NOW", n),
            None => c.env_remove("LOKET_NOW"),
        };
        c
    }

    /// Runs `loket --db <this> ARGS` with extra environment variables.
    pub fn run_env(&self, args: &[&str], envs: &[(&str, &str)]) -> Run {
        let mut c = self.command(args);
        for (k, v) in envs {
            c.env(k, v);
        }
        Run::from(c.output().expect("run loket"))
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.run(args).ok().to_string()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        self.run(args).json()
    }

    pub fn fingerprint(&self) -> String {
        let fp = self.ok(&["fingerprint"]).trim().to_string();
        assert_eq!(fp.len(), 64, "{fp}");
        fp
    }

    /// `init` plus one agency, two services, a counter and an officer.
    pub fn seeded(site: &str, device: &str) -> Db {
        let db = Db::new();
        db.ok(&["init", "--site", site, "--device", device]);
        db.ok(&["agency", "add", "--code", "DUK", "--name", "Disdukcapil"]);
        db.ok(&[
            "service",
            "add",
            "--code",
            "KTP",
            "--agency",
            "DUK",
            "--name",
            "KTP-el",
            "--prefix",
            "A",
            "--minutes",
            "30",
        ]);
        db.ok(&[
            "service",
            "add",
            "--code",
            "KK",
            "--agency",
            "DUK",
            "--name",
            "Kartu Keluarga",
            "--prefix",
            "B",
            "--minutes",
            "45",
        ]);
        db.ok(&[
            "counter",
            "add",
            "--code",
            "L1",
            "--name",
            "Loket 1",
            "--services",
            "KTP,KK",
        ]);
        db.ok(&[
            "staff",
            "add",
            "--nip",
            "198503152010011003",
            "--name",
            "Budi Santoso",
            "--agency",
            "DUK",
        ]);
        db
    }
}
