//! Notices changes made by other processes (the CLI, a second app on the same database) and
//! tells the UI, so no screen ever polls. SQLite's `data_version` changes when another
//! connection commits; our own writes are announced by `api_call` directly.

use std::sync::Arc;
use std::time::Duration;

use loket_core::api::Api;
use tauri::{AppHandle, Emitter};

use crate::commands::{Changed, CHANGED_EVENT};

pub const INTERVAL: Duration = Duration::from_secs(1);

/// Compares successive versions; `Some(true)` means "changed since last time".
#[derive(Default)]
pub struct VersionTracker {
    last: Option<i64>,
}

impl VersionTracker {
    pub fn observe(&mut self, version: i64) -> bool {
        let changed = self.last.is_some_and(|last| last != version);
        self.last = Some(version);
        changed
    }
}

pub fn spawn(app: AppHandle, api: Arc<Api>) {
    let spawned = std::thread::Builder::new()
        .name("loket-db-watch".into())
        .spawn(move || {
            let mut tracker = VersionTracker::default();
            loop {
                if let Ok(version) = api.data_version() {
                    if tracker.observe(version) {
                        let _ = app.emit(
                            CHANGED_EVENT,
                            Changed {
                                source: "external",
                                command: None,
                            },
                        );
                    }
                }
                std::thread::sleep(INTERVAL);
            }
        });
    if let Err(e) = spawned {
        eprintln!("loket-desktop: change watcher not started: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_only_changes_after_the_first_reading() {
        let mut t = VersionTracker::default();
        assert!(!t.observe(3));
        assert!(!t.observe(3));
        assert!(t.observe(4));
        assert!(!t.observe(4));
    }
}
