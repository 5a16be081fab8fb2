//! Queue (issue 4): the kiosk and the display board windows.
//!
//! - `kiosk_issue_board_call_print_reprint`: open both windows from the main window, take a
//!   ticket at the kiosk (raw ESC/POS to a file printer: the bytes start with `ESC @`), call it
//!   through the command layer at counter L1 and see the number, the counter and the voice
//!   announcement on the board; a failing printer shows the failure, reprint works; closing the
//!   kiosk needs a supervisor's PIN.
//! - `screenshots_queue` (ignored): kiosk, ticket, board and the "Kios & Papan" screen (20-29).

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::Client;
use loket_core::api::{Actor, Api};
use loket_core::{Env, Locale};
use serde_json::{json, Value};

use super::harness::*;

fn core(db: &Path, command: &str, args: Value) -> Res<Value> {
    let api = Api::open(db, Env::system()).map_err(|e| e.message)?;
    api.call(&Actor::Machine, Locale::Id, command, args)
        .map_err(|e| format!("{command}: {}", e.message).into())
}

/// Prepared database plus this PC's printer set to raw ESC/POS into `printer`.
fn prepare(db: &Path, printer: &Path) -> Res {
    super::ready_db(db)?;
    core(
        db,
        "queue.set_printer",
        json!({"mode": "escpos", "device": printer.to_str().unwrap(), "paper_mm": 58, "kiosk_reset_s": 120}),
    )?;
    Ok(())
}

/// Switches the WebDriver session to the window whose document shows `testid`.
async fn switch_to(c: &Client, id: &str) -> Res {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        for h in c.windows().await? {
            c.switch_to_window(h).await?;
            let found = c
                .execute(
                    "return !!document.querySelector(arguments[0])",
                    vec![json!(testid(id))],
                )
                .await?;
            if found == json!(true) {
                return Ok(());
            }
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("no window shows {id}").into());
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

async fn attr(c: &Client, id: &str, name: &str) -> Res<String> {
    Ok(el(c, id).await?.attr(name).await?.unwrap_or_default())
}

async fn open_windows(c: &Client) -> Res {
    super::log_in(c, "admin", "246810").await?;
    click(c, "nav-queue-windows").await?;
    click(c, "queue-open-kiosk").await?;
    wait_text(c, &testid("notice"), "kios").await?;
    click(c, "queue-open-board").await?;
    wait_text(c, &testid("notice"), "papan").await?;
    Ok(())
}

async fn journey(d: &Desktop, printer: &Path) -> Res {
    let c = &d.client;
    open_windows(c).await?;

    // The kiosk: tap a service, get a ticket, printed as raw ESC/POS into the file printer.
    switch_to(c, "kiosk").await?;
    click(c, "kiosk-priority-lansia").await?;
    click(c, "kiosk-service-KTP").await?;
    wait_text(c, &testid("kiosk-ticket-number"), "A-001").await?;
    wait_text(c, &testid("kiosk-ticket-service"), "KTP-el").await?;
    wait_text(c, &testid("kiosk-ticket-ahead"), "Tidak ada antrian").await?;
    el(c, "kiosk-printed").await?;
    let bytes = std::fs::read(printer)?;
    assert_eq!(&bytes[..2], &[0x1b, b'@'], "ESC/POS starts with ESC @");
    assert!(String::from_utf8_lossy(&bytes).contains("A-001"));
    click(c, "kiosk-done").await?;
    el(c, "kiosk-service-KTP").await?;

    // The board (opened before any call) shows nothing called yet; a call made at counter L1
    // (here through the command layer, as the desk does) appears with its counter and is
    // announced: chime, "nomor antrian A nol nol satu, silakan ke loket satu".
    switch_to(c, "board").await?;
    el(c, "board-now-none").await?;
    let called = core(&d.db, "queue.call", json!({"counter": "L1"}))?;
    assert_eq!(called["ticket"]["number"], "A-001");
    wait_text(c, &testid("board-now-number"), "A-001").await?;
    wait_text(c, &testid("board-now-counter"), "Loket 1").await?;
    wait_text(c, &testid("board-counter-L1"), "A-001").await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while attr(c, "board-voice", "data-clips").await?
        != "chime nomor_antrian lA d0 d0 d1 silakan_ke loket d1"
    {
        assert!(
            std::time::Instant::now() < deadline,
            "announcement: {:?}",
            attr(c, "board-voice", "data-clips").await?
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // WebKitGTK decodes the clips (WAV; ogg is not relied on)
    let decoded = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; const a = new Audio('/voice/chime.wav'); \
             a.addEventListener('loadedmetadata', () => done(a.canPlayType('audio/wav') + ' ' + a.duration)); \
             a.addEventListener('error', () => done('error ' + (a.error && a.error.code))); a.load();",
            vec![],
        )
        .await?;
    println!("chime.wav in WebKitGTK: {decoded}");
    let duration: f64 = decoded
        .as_str()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|d| d.parse().ok())
        .unwrap_or(0.0);
    assert!(duration > 0.5, "the chime decodes: {decoded}");
    // a recall is announced again
    let played = attr(c, "board-voice", "data-played").await?;
    core(&d.db, "queue.recall", json!({"ticket": "A-001"}))?;
    wait_text(c, &testid("board-last"), "panggil ulang").await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while attr(c, "board-voice", "data-played").await? == played {
        assert!(
            std::time::Instant::now() < deadline,
            "the recall is announced"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // A printer that is not there: the kiosk shows the failure (recorded), reprint works.
    let bad = printer.with_file_name("missing-dir").join("lp0");
    core(
        &d.db,
        "queue.set_printer",
        json!({"device": bad.to_str().unwrap()}),
    )?;
    switch_to(c, "kiosk").await?;
    click(c, "kiosk-service-KK").await?;
    wait_text(c, &testid("kiosk-ticket-number"), "B-001").await?;
    wait_text(c, &testid("kiosk-print-failed"), "missing-dir").await?;
    let t = core(&d.db, "queue.get", json!({"ticket": "B-001"}))?;
    assert_eq!(t["ticket"]["print"], "failed");
    core(
        &d.db,
        "queue.set_printer",
        json!({"device": printer.to_str().unwrap()}),
    )?;
    click(c, "kiosk-reprint").await?;
    el(c, "kiosk-printed").await?;
    assert!(String::from_utf8_lossy(&std::fs::read(printer)?).contains("B-001"));
    let t = core(&d.db, "queue.get", json!({"ticket": "B-001"}))?;
    assert_eq!(t["ticket"]["print"], "printed");

    // The kiosk cannot run other commands, even though it acts as the admin who opened it.
    let refused = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             window.__TAURI_INTERNALS__.invoke('api_call', {command: 'user.list', args: {}}) \
               .then(() => done('allowed'), (e) => done(e.code));",
            vec![],
        )
        .await?;
    assert_eq!(refused, json!("window_not_allowed"));

    // Leaving the kiosk needs a supervisor's or admin's PIN: an officer's is refused.
    click(c, "kiosk-done").await?;
    click(c, "kiosk-close").await?;
    fill(c, "kiosk-close-username", "sari").await?;
    fill(c, "kiosk-close-pin", "135790").await?;
    click(c, "kiosk-close-confirm").await?;
    wait_text(c, &testid("error"), "supervisor").await?;
    fill(c, "kiosk-close-username", "rudi").await?;
    fill(c, "kiosk-close-pin", "135790").await?;
    click(c, "kiosk-close-confirm").await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while c.windows().await?.len() > 2 {
        assert!(std::time::Instant::now() < deadline, "the kiosk closes");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kiosk_issue_board_call_print_reprint() -> Res {
    if !enabled("kiosk_issue_board_call_print_reprint") {
        return Ok(());
    }
    let printer_dir = tempfile::tempdir()?;
    let printer = printer_dir.path().join("printer.bin");
    let p = printer.clone();
    let d = Desktop::start_with(move |db| prepare(db, &p)).await?;
    let result = journey(&d, &printer).await;
    if result.is_err() {
        super::save_failure_screenshot(&d, "kiosk_issue_board_call_print_reprint").await;
    }
    d.close().await?;
    result
}

async fn tour(d: &Desktop, dir: &Path) -> Res {
    let c = &d.client;
    // a morning in progress: tickets issued and called
    for (service, prio) in [
        ("KTP", None),
        ("KTP", Some("lansia")),
        ("KK", None),
        ("AKTA", None),
        ("PKB", None),
        ("PASPOR", None),
        ("KTP", None),
        ("KK", None),
    ] {
        let mut a = json!({"service": service});
        if let Some(p) = prio {
            a["priority"] = json!(p);
        }
        core(&d.db, "queue.issue", a)?;
    }
    for counter in ["L2", "L4", "L1"] {
        core(&d.db, "queue.call", json!({"counter": counter}))?;
    }
    open_windows(c).await?;
    shot_fullscreen(c, "queue-windows", dir, "20-queue-windows").await?;
    switch_to(c, "kiosk").await?;
    el(c, "kiosk-service-KTP").await?;
    click(c, "kiosk-priority-hamil").await?;
    shot_fullscreen(c, "kiosk", dir, "21-kiosk").await?;
    click(c, "kiosk-service-PKB").await?;
    el(c, "kiosk-printed").await?;
    shot_fullscreen(c, "kiosk", dir, "22-kiosk-ticket").await?;
    switch_to(c, "board").await?;
    core(&d.db, "queue.call", json!({"counter": "L1"}))?;
    wait_text(c, &testid("board-now-number"), "A-").await?;
    shot_fullscreen(c, "board", dir, "23-board").await?;
    Ok(())
}

/// A screenshot of the current window at 1366×768.
async fn shot_fullscreen(c: &Client, id: &str, dir: &Path, name: &str) -> Res {
    el(c, id).await?;
    let _ = c.set_window_size(1366, 768).await;
    super::shot(c, dir, name).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots (20-29)"]
async fn screenshots_queue() -> Res {
    if !enabled("screenshots_queue") {
        return Ok(());
    }
    let dir = std::env::var_os("LOKET_SCREENSHOTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("docs/screenshots"));
    std::fs::create_dir_all(&dir)?;
    let printer_dir = tempfile::tempdir()?;
    let printer = printer_dir.path().join("printer.bin");
    let p = printer.clone();
    let d = Desktop::start_with(move |db| prepare(db, &p)).await?;
    let result = tour(&d, &dir).await;
    if result.is_err() {
        super::save_failure_screenshot(&d, "screenshots_queue").await;
    }
    d.close().await?;
    result
}
