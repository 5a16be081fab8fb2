#![allow(dead_code)]
use std::sync::Arc;

use loket_core::api::{Actor, Api};
use loket_core::env::ManualClock;
use loket_core::{Env, Locale};
use serde_json::{json, Value};

/// 2026-11-23 09:00 WIB
pub const T0: i64 = 1_795_399_200_000;

pub struct Device {
    pub api: Api,
    pub clock: Arc<ManualClock>,
    pub _dir: tempfile::TempDir,
}

impl Device {
    pub fn new(site: &str, name: &str, seed: u64) -> Device {
        let dir = tempfile::tempdir().unwrap();
        let (env, clock) = Env::fixed(T0, seed);
        let api = Api::open(&dir.path().join("loket.db"), env).unwrap();
        let d = Device {
            api,
            clock,
            _dir: dir,
        };
        d.ok("init", json!({"site": site, "device": name}));
        d
    }

    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, loket_core::api::ApiError> {
        self.api.call(&Actor::Machine, Locale::En, cmd, args)
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args.clone())
            .unwrap_or_else(|e| panic!("{cmd} {args}: {} ({})", e.message, e.code))
    }

    pub fn fingerprint(&self) -> String {
        self.ok("fingerprint", json!({}))
            .as_str()
            .unwrap()
            .to_string()
    }
}

pub fn env_at(ms: i64) -> Env {
    Env::fixed(ms, 7).0
}
