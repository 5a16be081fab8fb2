//! Start-up probe for the desktop benchmark (`scripts/bench-desktop.sh`). When the environment
//! names a file in `LOKET_STARTUP_PROBE`, the UI reports its first rendered screen once and this
//! appends `<screen> <unix ms>` to that file; the benchmark compares it with the time it started
//! the process. Without the variable it does nothing.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

pub const PROBE_ENV: &str = "LOKET_STARTUP_PROBE";

static REPORTED: AtomicBool = AtomicBool::new(false);

/// The line the probe writes: the screen name (letters, digits, `-`, `_` only) and the time.
pub fn probe_line(screen: &str, unix_ms: u128) -> String {
    let screen: String = screen
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    format!("{screen} {unix_ms}\n")
}

#[tauri::command]
pub fn startup_ready(screen: String) {
    let Some(path) = std::env::var_os(PROBE_ENV) else {
        return;
    };
    if REPORTED.swap(true, Ordering::SeqCst) {
        return;
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(probe_line(&screen, now).as_bytes()));
    if let Err(e) = written {
        eprintln!(
            "loket-desktop: startup probe {}: {e}",
            path.to_string_lossy()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_line_keeps_only_a_plain_screen_name() {
        assert_eq!(probe_line("login", 1234), "login 1234\n");
        assert_eq!(probe_line("lo gin\n/../x", 5), "loginx 5\n");
    }
}
