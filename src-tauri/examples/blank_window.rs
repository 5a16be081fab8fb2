//! The baseline of the desktop benchmark (`scripts/bench-desktop.sh`): a blank Tauri window with
//! the same Tauri, WebKitGTK and build settings as Loket but no UI, no database and no plugins.
//! Loket's memory is compared with this window's, measured the same way in the same run. With
//! `LOKET_STARTUP_PROBE=FILE` it appends `blank <unix ms>` when the page has loaded.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use tauri::webview::PageLoadEvent;

fn main() {
    tauri::Builder::default()
        .on_page_load(|_webview, payload| {
            if payload.event() != PageLoadEvent::Finished {
                return;
            }
            if let Some(path) = std::env::var_os("LOKET_STARTUP_PROBE") {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_millis())
                    .unwrap_or(0);
                let _ = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .and_then(|mut f| writeln!(f, "blank {now}"));
            }
        })
        .run(tauri::generate_context!("bench/blank/tauri.conf.json"))
        .expect("blank window");
}
