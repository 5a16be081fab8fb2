//! The desk (loket) and Layanan Keliling screens in the real window.
//!
//! - `desk_keyboard_journey`: petugas `sari` picks counter L1, a kiosk (the core, from the test)
//!   issues tickets, the officer calls, starts and finishes with the keyboard and sees today's
//!   figures move; a no-show, a transfer, a cancel confirmation; the empty-queue message.
//! - `keliling_field_journey`: a field laptop: the trip's place, issue and serve on one screen.
//! - `screenshots_desk` (ignored): 25-29.
//!
//! The two journeys are ignored until they have been run once against a built desktop binary
//! (`cargo test -p loket-tests --test desktop -- --ignored desk_keyboard_journey keliling_field_journey`).

use std::path::Path;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Client;
use loket_core::api::{Actor, Api};
use loket_core::{Env, Locale};
use serde_json::{json, Value};

use super::harness::*;

const SARI: &str = "sari";
const SARI_PIN: &str = "135790";
const SARI_NIP: &str = "199107142015032001";

/// Presses one key on whatever has the focus (the desk listens on the window).
async fn press(c: &Client, key: char) -> Res {
    let keys = KeyActions::new("desk-keys".to_string())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    c.perform_actions(keys).await?;
    Ok(())
}

/// The core opened by another process on the same database, as the kiosk or the CLI would.
fn core(db: &Path) -> Res<Api> {
    Api::open(db, Env::system()).map_err(|e| e.message.into())
}

fn run(api: &Api, cmd: &str, args: Value) -> Res<Value> {
    api.call(&Actor::Machine, Locale::Id, cmd, args)
        .map_err(|e| format!("{cmd}: {}", e.message).into())
}

fn ticket(api: &Api, number: &str) -> Res<Value> {
    let list = run(api, "queue.list", json!({}))?;
    list.as_array()
        .and_then(|l| l.iter().find(|t| t["number"] == number))
        .cloned()
        .ok_or_else(|| format!("no ticket {number} in {list}").into())
}

async fn open_desk(c: &Client) -> Res {
    super::log_in(c, SARI, SARI_PIN).await?;
    click(c, "nav-desk").await?;
    el(c, "desk-screen").await?;
    Ok(())
}

async fn desk_journey(d: &Desktop) -> Res {
    let c = &d.client;
    open_desk(c).await?;
    wait_text(c, &testid("desk-officer"), SARI_NIP).await?;

    // No counter chosen yet on this PC.
    el(c, "desk-pick-first").await?;
    select(c, "desk-counter", "L1").await?;
    el(c, "desk-current-none").await?;
    el(c, "desk-waiting-empty").await?;

    // Calling on an empty line: the core's message, in Indonesian.
    press(c, Key::F1.into()).await?;
    wait_text(
        c,
        &testid("error"),
        "tidak ada tiket yang menunggu untuk loket L1",
    )
    .await?;

    // A kiosk issues three tickets: the waiting list follows without a click.
    let kiosk = core(&d.db)?;
    run(&kiosk, "queue.issue", json!({"service": "KTP"}))?;
    run(&kiosk, "queue.issue", json!({"service": "KK"}))?;
    run(
        &kiosk,
        "queue.issue",
        json!({"service": "KTP", "priority": "lansia"}),
    )?;
    run(&kiosk, "queue.issue", json!({"service": "AKTA"}))?; // counter L2's line
    wait_text(c, &testid("desk-waiting-count"), "3 menunggu").await?;
    wait_text(c, &testid("desk-waiting-A-002"), "Lansia").await?;

    // F1 calls the next ticket; S starts; F finishes; the figures count it.
    press(c, Key::F1.into()).await?;
    wait_text(c, &testid("desk-current-number"), "A-001").await?;
    wait_text(c, &testid("desk-current-status"), "Dipanggil").await?;
    wait_gone(c, &testid("error")).await?;
    press(c, 's').await?;
    wait_text(c, &testid("desk-current-status"), "Dilayani").await?;
    press(c, 'f').await?;
    wait_text(c, &testid("notice"), "A-001 selesai dilayani").await?;
    el(c, "desk-current-none").await?;
    wait_text(c, &testid("desk-fig-served"), "1").await?;
    let a1 = ticket(&kiosk, "A-001")?;
    assert_eq!(a1["status"], "done", "{a1}");
    assert_eq!(a1["counter"], "L1", "{a1}");
    assert_eq!(a1["officer"], SARI_NIP, "the logged-in officer acts: {a1}");

    // Space calls the next; N records a no-show. (The officer's eyes are on the desk: a click on
    // it moves keyboard focus off the menu entry that opened it; WebKit gives Space on a focused
    // button to the button alone.)
    click(c, "desk-officer").await?;
    press(c, ' ').await?;
    wait_text(c, &testid("desk-current-number"), "B-001").await?;
    press(c, 'n').await?;
    wait_text(c, &testid("notice"), "B-001 dicatat tidak hadir").await?;
    wait_text(c, &testid("desk-fig-no-show"), "1").await?;
    assert_eq!(ticket(&kiosk, "B-001")?["status"], "no_show");

    // T asks the target service; the ticket keeps its number and joins that line.
    press(c, Key::F1.into()).await?;
    wait_text(c, &testid("desk-current-number"), "A-002").await?;
    wait_text(c, &testid("desk-current-priority"), "Lansia").await?;
    press(c, 't').await?;
    el(c, "desk-transfer-dialog").await?;
    // Without a target the dialog stays and says why.
    click(c, "desk-transfer-dialog-ok").await?;
    wait_text(c, &testid("error"), "Pilih layanan tujuan").await?;
    select(c, "desk-transfer-service", "AKTA").await?;
    click(c, "desk-transfer-dialog-ok").await?;
    wait_text(
        c,
        &testid("notice"),
        "A-002 dialihkan ke layanan Akta kelahiran",
    )
    .await?;
    wait_gone(c, &testid("desk-transfer-dialog")).await?;
    let a2 = ticket(&kiosk, "A-002")?;
    assert_eq!(a2["service"], "AKTA", "{a2}");
    assert_eq!(a2["status"], "issued", "{a2}");

    // C asks for confirmation; Escape keeps the ticket.
    run(&kiosk, "queue.issue", json!({"service": "KK"}))?;
    wait_text(c, &testid("desk-waiting-count"), "1 menunggu").await?;
    press(c, Key::F1.into()).await?;
    wait_text(c, &testid("desk-current-number"), "B-002").await?;
    press(c, 'c').await?;
    el(c, "desk-cancel-dialog").await?;
    press(c, Key::Escape.into()).await?;
    wait_gone(c, &testid("desk-cancel-dialog")).await?;
    assert_eq!(ticket(&kiosk, "B-002")?["status"], "called");
    press(c, 'c').await?;
    fill(c, "desk-cancel-reason", "Berkas tidak lengkap").await?;
    click(c, "desk-cancel-dialog-ok").await?;
    wait_text(c, &testid("notice"), "B-002 dibatalkan").await?;
    assert_eq!(ticket(&kiosk, "B-002")?["status"], "cancelled");

    // The line of L1 is empty again: the same clear message.
    el(c, "desk-waiting-empty").await?;
    press(c, ' ').await?;
    wait_text(c, &testid("error"), "tidak ada tiket yang menunggu").await?;

    // The counter is remembered on this PC.
    click(c, "nav-home").await?;
    click(c, "nav-desk").await?;
    wait_text(c, &testid("desk-figures"), "L1").await?;
    let chosen = el(c, "desk-counter").await?.prop("value").await?;
    assert_eq!(chosen.as_deref(), Some("L1"));

    // After serving, the officer hands over the survey kiosk linked to the ticket: the response
    // counts for this ticket, service, counter and officer.
    run(&kiosk, "queue.issue", json!({"service": "KK"}))?;
    wait_text(c, &testid("desk-waiting-count"), "1 menunggu").await?;
    press(c, Key::F1.into()).await?;
    wait_text(c, &testid("desk-current-number"), "B-003").await?;
    press(c, 's').await?;
    wait_text(c, &testid("desk-current-status"), "Dilayani").await?;
    click(c, "desk-start-survey").await?;
    wait_text(c, &testid("survey-link"), "B-003").await?;
    click(c, "survey-kiosk-start").await?;
    click(c, "survey-begin").await?;
    click(c, "survey-rate-4").await?;
    for _ in 2..=9 {
        click(c, "survey-skip").await?;
    }
    click(c, "survey-next").await?;
    click(c, "survey-next").await?;
    el(c, "survey-thanks").await?;
    let responses = run(&kiosk, "survey.list", json!({}))?;
    let r = &responses[0];
    assert_eq!(r["ticket"], "B-003", "{responses}");
    assert_eq!(r["service"], "KK", "{r}");
    assert_eq!(r["counter"], "L1", "{r}");
    assert_eq!(r["staff"], SARI_NIP, "{r}");
    Ok(())
}

/// A field laptop: initialised with kind `field`, the admin and the shared master data.
fn field_db(db: &Path) -> Res {
    let api = core(db)?;
    run(
        &api,
        "init",
        json!({"site": "Keliling Kec. Sunggal", "device": "Laptop Keliling 1", "kind": "field"}),
    )?;
    run(
        &api,
        "user.bootstrap_admin",
        json!({"username": super::ADMIN, "pin": super::PIN}),
    )?;
    drop(api);
    super::seed(db)
}

async fn field_journey(d: &Desktop) -> Res {
    let c = &d.client;
    super::log_in(c, SARI, SARI_PIN).await?;
    // A field laptop offers Layanan Keliling instead of the desk.
    click(c, "nav-keliling").await?;
    el(c, "keliling-screen").await?;
    assert!(
        c.find_all(fantoccini::Locator::Css(&testid("nav-desk")))
            .await?
            .is_empty(),
        "no desk entry on a field laptop"
    );

    // The trip is asked first; the place is required.
    el(c, "trip-none").await?;
    click(c, "trip-save").await?;
    wait_text(c, &testid("error"), "Tempat layanan wajib diisi").await?;
    fill(c, "trip-place", "Kantor Camat Sunggal").await?;
    click(c, "trip-save").await?;
    wait_text(c, &testid("trip-place-shown"), "Kantor Camat Sunggal").await?;
    let api = core(&d.db)?;
    let trip = run(&api, "trip.get", json!({}))?;
    assert_eq!(trip["place"], "Kantor Camat Sunggal", "{trip}");

    // Issue: the number is shown big to read out.
    select(c, "keliling-priority", "hamil").await?;
    click(c, "keliling-issue-KTP").await?;
    wait_text(c, &testid("keliling-issued-number"), "A-001").await?;
    wait_text(c, &testid("keliling-issued"), "Ibu hamil").await?;

    // Serve it on the same screen, with the keyboard.
    select(c, "desk-counter", "L1").await?;
    wait_text(c, &testid("desk-waiting-count"), "1 menunggu").await?;
    press(c, Key::F1.into()).await?;
    wait_text(c, &testid("desk-current-number"), "A-001").await?;
    press(c, 's').await?;
    wait_text(c, &testid("desk-current-status"), "Dilayani").await?;
    press(c, 'f').await?;
    wait_text(c, &testid("desk-fig-served"), "1").await?;

    // The record carries the trip.
    let a1 = ticket(&api, "A-001")?;
    assert_eq!(a1["status"], "done", "{a1}");
    assert_eq!(a1["site"], trip["site_id"], "{a1}");
    assert_eq!(a1["priority"], "hamil", "{a1}");
    Ok(())
}

async fn finish(d: Desktop, name: &str, result: Res) -> Res {
    if result.is_err() {
        super::save_failure_screenshot(&d, name).await;
    }
    d.close().await?;
    result
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn desk_keyboard_journey() -> Res {
    if !enabled("desk_keyboard_journey") {
        return Ok(());
    }
    let d = Desktop::start_with(super::ready_db).await?;
    let result = desk_journey(&d).await;
    finish(d, "desk_keyboard_journey", result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keliling_field_journey() -> Res {
    if !enabled("keliling_field_journey") {
        return Ok(());
    }
    let d = Desktop::start_with(field_db).await?;
    let result = field_journey(&d).await;
    finish(d, "keliling_field_journey", result).await
}

async fn desk_tour(d: &Desktop, dir: &Path) -> Res {
    let c = &d.client;
    let kiosk = core(&d.db)?;
    for (service, priority) in [
        ("KTP", None),
        ("KK", None),
        ("KTP", Some("lansia")),
        ("KK", None),
        ("KTP", None),
        ("KK", Some("disabilitas")),
    ] {
        let mut args = json!({ "service": service });
        if let Some(p) = priority {
            args["priority"] = json!(p);
        }
        run(&kiosk, "queue.issue", args)?;
    }
    open_desk(c).await?;
    select(c, "desk-counter", "L1").await?;
    wait_text(c, &testid("desk-waiting-count"), "6 menunggu").await?;
    super::shot(c, dir, "25-desk-waiting").await?;

    press(c, Key::F1.into()).await?;
    wait_text(c, &testid("desk-current-number"), "A-001").await?;
    press(c, 's').await?;
    wait_text(c, &testid("desk-current-status"), "Dilayani").await?;
    press(c, 'f').await?;
    wait_text(c, &testid("desk-fig-served"), "1").await?;
    press(c, Key::F1.into()).await?;
    wait_text(c, &testid("desk-current-number"), "B-001").await?;
    press(c, 's').await?;
    wait_text(c, &testid("desk-current-status"), "Dilayani").await?;
    super::shot(c, dir, "26-desk-serving").await?;

    press(c, 't').await?;
    el(c, "desk-transfer-dialog").await?;
    select(c, "desk-transfer-service", "AKTA").await?;
    super::shot(c, dir, "27-desk-transfer").await?;
    press(c, Key::Escape.into()).await?;
    Ok(())
}

async fn keliling_tour(d: &Desktop, dir: &Path) -> Res {
    let c = &d.client;
    super::log_in(c, SARI, SARI_PIN).await?;
    click(c, "nav-keliling").await?;
    el(c, "trip-none").await?;
    fill(c, "trip-place", "Kantor Camat Sunggal").await?;
    super::shot(c, dir, "28-keliling-trip").await?;
    click(c, "trip-save").await?;
    wait_text(c, &testid("trip-place-shown"), "Kantor Camat Sunggal").await?;
    click(c, "keliling-issue-KTP").await?;
    wait_text(c, &testid("keliling-issued-number"), "A-001").await?;
    click(c, "keliling-issue-KK").await?;
    wait_text(c, &testid("keliling-issued-number"), "B-001").await?;
    select(c, "desk-counter", "L1").await?;
    press(c, Key::F1.into()).await?;
    wait_text(c, &testid("desk-current-number"), "A-001").await?;
    press(c, 's').await?;
    wait_text(c, &testid("desk-current-status"), "Dilayani").await?;
    super::shot(c, dir, "29-keliling-serving").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes PNGs of the desk screens (run by hand)"]
async fn screenshots_desk() -> Res {
    if !enabled("screenshots_desk") {
        return Ok(());
    }
    let dir = std::env::var_os("LOKET_SCREENSHOTS_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("docs/screenshots"));
    std::fs::create_dir_all(&dir)?;
    let d = Desktop::start_with(super::ready_db).await?;
    let result = desk_tour(&d, &dir).await;
    finish(d, "screenshots_desk", result).await?;
    let d = Desktop::start_with(field_db).await?;
    let result = keliling_tour(&d, &dir).await;
    finish(d, "screenshots_desk_keliling", result).await
}
