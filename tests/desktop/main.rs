//! WebDriver suite of the real desktop window: `loket-desktop` (UI embedded) under Xvfb, driven
//! through tauri-driver + WebKitWebDriver. Runs unless `LOKET_E2E=0`.
//!
//! - `first_run_login_master_data_edit_logout`: the journey, plus a refusal shown from
//!   the command layer and a change made by another process appearing without any click.
//! - `screenshots` (ignored; scripts/screenshots.sh): saves the main screens as PNGs.

mod harness;
// One module per capability (its journeys; it may use this file's private helpers via super::).
// >>> queue (issue 4)
mod queue;
// <<< queue
// >>> desk (issue 4)
mod desk;
// <<< desk
// >>> complaints (issue 5)
mod complaints;
// <<< complaints
// >>> survey (issue 6)
mod survey;
// <<< survey
// >>> sync (issue 7)
mod sync;
// <<< sync
// >>> officers (issue 8)
mod officers;
// <<< officers
// >>> daily (issue 9)
mod daily;
// <<< daily

use std::path::{Path, PathBuf};
use std::time::Duration;

use harness::*;
use loket_core::api::{Actor, Api};
use loket_core::{Env, Locale};
use serde_json::json;

const SITE: &str = "MPP Kota Contoh";
const ADMIN: &str = "admin";
const PIN: &str = "246810";

async fn first_run(c: &fantoccini::Client) -> Res {
    fill(c, "setup-site", SITE).await?;
    fill(c, "setup-device", "Loket 1").await?;
    select(c, "setup-kind", "counter").await?;
    select(c, "setup-tz", "Asia/Makassar").await?;
    click(c, "setup-next").await?;
    fill(c, "setup-username", ADMIN).await?;
    fill(c, "setup-pin", PIN).await?;
    fill(c, "setup-pin2", PIN).await?;
    click(c, "setup-finish").await?;
    el(c, "login-username").await?;
    Ok(())
}

async fn log_in(c: &fantoccini::Client, user: &str, pin: &str) -> Res {
    fill(c, "login-username", user).await?;
    fill(c, "login-pin", pin).await?;
    click(c, "login-submit").await?;
    Ok(())
}

fn row(entity: &str, id: &str) -> String {
    format!("[data-testid=\"{entity}-row\"][data-id=\"{id}\"]")
}

async fn journey(d: &Desktop) -> Res {
    let c = &d.client;

    // First start on an empty database: init, then the first admin.
    el(c, "setup").await?;
    first_run(c).await?;
    wait_text(c, &testid("notice"), "Penyiapan selesai").await?;

    // A wrong PIN is refused by the command layer and its message shown.
    log_in(c, ADMIN, "000000").await?;
    let error = el(c, "error").await?;
    assert!(
        !error.text().await?.trim().is_empty(),
        "the login refusal has a message"
    );

    log_in(c, ADMIN, PIN).await?;
    wait_text(c, &testid("shell-user"), ADMIN).await?;
    wait_text(c, &testid("site-name"), SITE).await?;
    wait_text(c, &testid("clock"), "WITA").await?;

    // Master data: add an agency, then edit its name.
    click(c, "nav-agencies").await?;
    el(c, "agency-empty").await?;
    click(c, "agency-add").await?;
    fill(c, "agency-field-code", "duk").await?;
    fill(c, "agency-field-name", "Dinas Dukcapil").await?;
    click(c, "agency-save").await?;
    wait_text(c, &row("agency", "DUK"), "Dinas Dukcapil").await?;

    click(c, "agency-edit-DUK").await?;
    let code = el(c, "agency-field-code").await?;
    assert!(!code.is_enabled().await?, "the code is fixed when editing");
    fill(
        c,
        "agency-field-name",
        "Dinas Kependudukan dan Pencatatan Sipil",
    )
    .await?;
    click(c, "agency-save").await?;
    wait_text(
        c,
        &row("agency", "DUK"),
        "Dinas Kependudukan dan Pencatatan Sipil",
    )
    .await?;
    wait_gone(c, &testid("agency-form")).await?;

    // A duplicate code is refused by the core; the form shows the message and stays open.
    click(c, "agency-add").await?;
    fill(c, "agency-field-code", "DUK").await?;
    fill(c, "agency-field-name", "Lagi").await?;
    click(c, "agency-save").await?;
    let refusal = el(c, "error").await?;
    assert!(!refusal.text().await?.trim().is_empty());
    click(c, "agency-cancel").await?;

    // Another process (here the core opened directly, as the CLI does) writes to the same
    // database: the window shows it without any click, through the change watcher.
    let api = Api::open(&d.db, Env::system()).map_err(|e| e.message)?;
    api.call(
        &Actor::Machine,
        Locale::Id,
        "agency.add",
        json!({"code": "BPN", "name": "Kantor Pertanahan"}),
    )
    .map_err(|e| e.message)?;
    wait_text(c, &row("agency", "BPN"), "Kantor Pertanahan").await?;

    // The edit reached the database.
    let rows = api
        .call(&Actor::Machine, Locale::Id, "agency.list", json!({}))
        .map_err(|e| e.message)?;
    let duk = rows
        .as_array()
        .and_then(|r| r.iter().find(|a| a["code"] == "DUK"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        duk["name"], "Dinas Kependudukan dan Pencatatan Sipil",
        "agency list: {rows}"
    );

    // Lock keeps the officer; the PIN unlocks.
    click(c, "lock-button").await?;
    wait_text(c, &testid("lock-user"), ADMIN).await?;
    fill(c, "lock-pin", PIN).await?;
    click(c, "unlock").await?;
    wait_text(c, &testid("shell-user"), ADMIN).await?;

    // Logout returns to the login screen.
    click(c, "logout-button").await?;
    el(c, "login-username").await?;
    wait_gone(c, &testid("shell")).await?;
    Ok(())
}

fn artifacts_dir() -> PathBuf {
    workspace_root().join("tests/artifacts")
}

async fn save_failure_screenshot(d: &Desktop, name: &str) {
    if let Ok(png) = d.client.screenshot().await {
        let dir = artifacts_dir();
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        if std::fs::write(&path, png).is_ok() {
            eprintln!("screenshot of the failure: {}", path.display());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_run_login_master_data_edit_logout() -> Res {
    if !enabled("first_run_login_master_data_edit_logout") {
        return Ok(());
    }
    let d = Desktop::start().await?;
    let result = journey(&d).await;
    if result.is_err() {
        save_failure_screenshot(&d, "first_run_login_master_data_edit_logout").await;
    }
    d.close().await?;
    result
}

// ---------------------------------------------------------------------------------------------
// Screenshots of the main screens (scripts/screenshots.sh).

async fn shot(c: &fantoccini::Client, dir: &Path, name: &str) -> Res {
    // Let transitions and fetches settle.
    tokio::time::sleep(Duration::from_millis(400)).await;
    // WebKitWebDriver takes the screenshot on the next paint; a static screen (no blinking
    // caret) may not paint for a minute, so keep an invisible pixel changing for a moment.
    c.execute(
        "const p = document.getElementById('e2e-paint') || document.body.appendChild(Object.assign(document.createElement('div'), {id: 'e2e-paint'})); \
         p.style.cssText = 'position:fixed;left:0;bottom:0;width:1px;height:1px;pointer-events:none'; \
         let n = 0; const id = setInterval(() => { p.style.background = 'rgba(0,0,0,' + ((++n % 2) / 100) + ')'; if (n > 60) { clearInterval(id); p.remove(); } }, 50);",
        vec![],
    )
    .await?;
    let started = std::time::Instant::now();
    let png = c.screenshot().await?;
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png)?;
    println!(
        "saved {} ({} ms)",
        path.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// A database as after the first-run wizard (site `SITE` in WIB, device "Loket 1", admin
/// `ADMIN`/`PIN`) plus the master data and users of `seed` (petugas `sari`, supervisor `rudi`,
/// both PIN 135790). Use with `Desktop::start_with(ready_db)` and then `log_in`.
fn ready_db(db: &Path) -> Res {
    let api = Api::open(db, Env::system()).map_err(|e| e.message)?;
    let m = Actor::Machine;
    api.call(
        &m,
        Locale::Id,
        "init",
        json!({"site": SITE, "device": "Loket 1"}),
    )
    .map_err(|e| e.message)?;
    api.call(
        &m,
        Locale::Id,
        "user.bootstrap_admin",
        json!({"username": ADMIN, "pin": PIN}),
    )
    .map_err(|e| e.message)?;
    drop(api);
    seed(db)
}

fn seed(db: &Path) -> Res {
    let api = Api::open(db, Env::system()).map_err(|e| e.message)?;
    let m = Actor::Machine;
    let call = |cmd: &str, args: serde_json::Value| {
        api.call(&m, Locale::Id, cmd, args)
            .map(|_| ())
            .map_err(|e| format!("{cmd}: {}", e.message))
    };
    call(
        "agency.add",
        json!({"code": "DUK", "name": "Dinas Kependudukan dan Pencatatan Sipil"}),
    )?;
    call(
        "agency.add",
        json!({"code": "BPN", "name": "Kantor Pertanahan"}),
    )?;
    call(
        "agency.add",
        json!({"code": "SAMSAT", "name": "Samsat (Bapenda Provinsi)"}),
    )?;
    call(
        "agency.add",
        json!({"code": "IMIG", "name": "Kantor Imigrasi"}),
    )?;
    call(
        "service.add",
        json!({"code": "KTP", "agency": "DUK", "name": "KTP-el baru / hilang / rusak", "prefix": "A", "minutes": 60, "fee": "Gratis"}),
    )?;
    call(
        "service.add",
        json!({"code": "KK", "agency": "DUK", "name": "Kartu Keluarga", "prefix": "B", "minutes": 30, "fee": "Gratis"}),
    )?;
    call(
        "service.add",
        json!({"code": "AKTA", "agency": "DUK", "name": "Akta kelahiran", "prefix": "C", "minutes": 1440, "fee": "Gratis"}),
    )?;
    call(
        "service.add",
        json!({"code": "PBB", "agency": "BPN", "name": "Pengecekan sertipikat tanah", "prefix": "D", "minutes": 2880, "fee": "Rp50.000"}),
    )?;
    call(
        "service.add",
        json!({"code": "PKB", "agency": "SAMSAT", "name": "Pajak kendaraan tahunan", "prefix": "E", "minutes": 20}),
    )?;
    call(
        "service.add",
        json!({"code": "PASPOR", "agency": "IMIG", "name": "Paspor baru", "prefix": "F", "minutes": 240, "fee": "Rp350.000"}),
    )?;
    call(
        "counter.add",
        json!({"code": "L1", "name": "Loket 1", "services": ["KTP", "KK"]}),
    )?;
    call(
        "counter.add",
        json!({"code": "L2", "name": "Loket 2", "services": ["AKTA"]}),
    )?;
    call(
        "counter.add",
        json!({"code": "L3", "name": "Loket 3", "services": ["PBB"]}),
    )?;
    call(
        "counter.add",
        json!({"code": "L4", "name": "Loket 4", "services": ["PKB", "PASPOR"]}),
    )?;
    call(
        "staff.add",
        json!({"nip": "198503302010011002", "name": "Budi Santoso", "agency": "DUK", "position": "Pengadministrasi Kependudukan"}),
    )?;
    call(
        "staff.add",
        json!({"nip": "199107142015032001", "name": "Siti Rahmawati", "agency": "DUK", "position": "Verifikator"}),
    )?;
    call(
        "staff.add",
        json!({"nip": "199001152022212001", "name": "Dewi Lestari", "agency": "BPN", "position": "Petugas Layanan"}),
    )?;
    call(
        "holiday.add",
        json!({"date": "2026-08-17", "name": "Hari Kemerdekaan RI"}),
    )?;
    call(
        "holiday.add",
        json!({"date": "2026-12-25", "name": "Hari Raya Natal"}),
    )?;
    call(
        "holiday.add",
        json!({"date": "2026-03-20", "name": "Idulfitri 1447 H"}),
    )?;
    call(
        "user.add",
        json!({"username": "sari", "role": "petugas", "pin": "135790", "nip": "199107142015032001"}),
    )?;
    call(
        "user.add",
        json!({"username": "rudi", "role": "supervisor", "pin": "135790"}),
    )?;
    Ok(())
}

async fn tour(d: &Desktop, dir: &Path) -> Res {
    let c = &d.client;
    el(c, "setup").await?;
    fill(c, "setup-site", SITE).await?;
    fill(c, "setup-device", "Loket 1").await?;
    shot(c, dir, "01-setup-device").await?;
    click(c, "setup-next").await?;
    fill(c, "setup-username", ADMIN).await?;
    fill(c, "setup-pin", PIN).await?;
    fill(c, "setup-pin2", PIN).await?;
    shot(c, dir, "02-setup-admin").await?;
    click(c, "setup-finish").await?;
    fill(c, "login-username", ADMIN).await?;
    shot(c, dir, "03-login").await?;

    seed(&d.db)?;
    fill(c, "login-pin", PIN).await?;
    click(c, "login-submit").await?;
    el(c, "home").await?;
    wait_text(c, &testid("summary-services"), "6").await?;
    shot(c, dir, "04-home").await?;

    click(c, "nav-agencies").await?;
    el(c, "agency-table").await?;
    click(c, "agency-edit-DUK").await?;
    el(c, "agency-form").await?;
    shot(c, dir, "05-agencies-edit").await?;
    click(c, "agency-cancel").await?;

    click(c, "nav-services").await?;
    el(c, "service-table").await?;
    click(c, "service-add").await?;
    el(c, "service-form").await?;
    shot(c, dir, "06-services-add").await?;
    click(c, "service-cancel").await?;

    click(c, "nav-counters").await?;
    el(c, "counter-table").await?;
    click(c, "counter-edit-L1").await?;
    el(c, "counter-form").await?;
    shot(c, dir, "07-counters-edit").await?;
    click(c, "counter-cancel").await?;

    click(c, "nav-staff").await?;
    el(c, "staff-table").await?;
    shot(c, dir, "08-staff").await?;

    click(c, "nav-holidays").await?;
    el(c, "holiday-table").await?;
    shot(c, dir, "09-holidays").await?;

    click(c, "nav-users").await?;
    el(c, "user-table").await?;
    click(c, "user-pin-sari").await?;
    el(c, "user-form").await?;
    shot(c, dir, "10-users-reset-pin").await?;

    click(c, "nav-settings").await?;
    el(c, "settings-screen").await?;
    shot(c, dir, "11-settings").await?;

    click(c, "lock-button").await?;
    el(c, "lock").await?;
    shot(c, dir, "12-lock").await?;
    click(c, "switch-officer").await?;
    log_in(c, "sari", "135790").await?;
    el(c, "home").await?;
    shot(c, dir, "13-petugas-home").await?;

    select(c, "language", "en").await?;
    click(c, "logout-button").await?;
    el(c, "login").await?;
    shot(c, dir, "14-login-english").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots; run by scripts/screenshots.sh"]
async fn screenshots() -> Res {
    if !enabled("screenshots") {
        return Ok(());
    }
    let dir = std::env::var_os("LOKET_SCREENSHOTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("docs/screenshots"));
    std::fs::create_dir_all(&dir)?;
    let d = Desktop::start().await?;
    let result = tour(&d, &dir).await;
    if result.is_err() {
        save_failure_screenshot(&d, "screenshots").await;
    }
    d.close().await?;
    result
}
