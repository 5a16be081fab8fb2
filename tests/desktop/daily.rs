//! Daily log (issue 9): a supervisor reviews, notes and approves a past day in the window; data
//! for that day arriving later marks it "changed after approval" with what changed; the day is
//! exported to XLSX through the typed path. `screenshots_daily` (ignored) saves 70-79.

use std::path::{Path, PathBuf};
use std::time::Duration;

use loket_core::api::{Actor, Api};
use loket_core::{Env, Locale};
use serde_json::{json, Value};

use super::harness::*;

/// The reviewed day (a Monday, long past on any machine running the suite).
const DAY: &str = "2025-06-16";
/// 2025-06-16 09:00 WIB.
const T9: i64 = 1_750_039_200_000;
const MIN: i64 = 60_000;
const SUPERVISOR: &str = "rudi";
const PETUGAS: &str = "sari";
const STAFF_PIN: &str = "135790";

/// The core opened on the test database with a clock that only moves when told to.
struct Seeder {
    api: Api,
    clock: std::sync::Arc<loket_core::env::ManualClock>,
}

impl Seeder {
    fn open(db: &Path, seed: u64) -> Res<Seeder> {
        let (env, clock) = Env::fixed(T9, seed);
        let api = Api::open(db, env).map_err(|e| e.message)?;
        Ok(Seeder { api, clock })
    }

    fn at(&self, minutes: i64) {
        self.clock.set(T9 + minutes * MIN);
    }

    fn call(&self, who: &Actor, cmd: &str, args: Value) -> Res<Value> {
        Ok(self
            .api
            .call(who, Locale::Id, cmd, args)
            .map_err(|e| format!("{cmd}: {}", e.message))?)
    }
}

fn survey_answers(v: i64) -> Value {
    let mut m = serde_json::Map::new();
    for i in 1..=9 {
        m.insert(format!("U{i}"), json!(v));
    }
    Value::Object(m)
}

/// The day: three tickets at L1 (two served by sari, one no-show), one complaint and two
/// survey responses, all on `DAY`.
fn seed_day(db: &Path) -> Res {
    super::ready_db(db)?;
    let s = Seeder::open(db, 70)?;
    let m = Actor::Machine;
    let sari = s
        .api
        .login(PETUGAS, STAFF_PIN, Locale::Id)
        .map_err(|e| e.message)?;
    s.call(
        &m,
        "sla.set",
        json!({"category": "umum", "name": "Umum", "respond_days": 1, "resolve_days": 5}),
    )?;
    s.at(0);
    s.call(&m, "queue.issue", json!({"service": "KTP"}))?;
    s.at(1);
    s.call(&m, "queue.issue", json!({"service": "KK"}))?;
    s.at(2);
    s.call(&m, "queue.issue", json!({"service": "KTP"}))?;
    s.at(5);
    s.call(&sari, "queue.call", json!({"counter": "L1"}))?;
    s.at(6);
    s.call(&sari, "queue.start", json!({"ticket": "A-001"}))?;
    s.at(16);
    s.call(&sari, "queue.finish", json!({"ticket": "A-001"}))?;
    s.at(20);
    s.call(&sari, "queue.call", json!({"counter": "L1"}))?;
    s.at(21);
    s.call(&sari, "queue.start", json!({"ticket": "B-001"}))?;
    s.at(36);
    s.call(&sari, "queue.finish", json!({"ticket": "B-001"}))?;
    s.at(40);
    s.call(&m, "queue.call", json!({"counter": "L1"}))?;
    s.at(45);
    s.call(&m, "queue.no_show", json!({"ticket": "A-002"}))?;
    s.at(50);
    s.call(
        &m,
        "complaint.add",
        json!({"channel": "WA", "category": "umum", "summary": "Antrian KTP lama"}),
    )?;
    s.call(
        &m,
        "survey.submit",
        json!({"service": "KTP", "answers": survey_answers(4)}),
    )?;
    s.call(
        &m,
        "survey.submit",
        json!({"service": "KK", "answers": survey_answers(3)}),
    )?;
    Ok(())
}

fn css(id: &str, attr: &str, value: &str) -> String {
    format!("[data-testid=\"{id}\"][data-{attr}=\"{value}\"]")
}

async fn open_day(c: &fantoccini::Client) -> Res {
    super::log_in(c, SUPERVISOR, STAFF_PIN).await?;
    click(c, "nav-daily").await?;
    el(c, "daily-screen").await?;
    fill(c, "daily-date", DAY).await?;
    wait_text(c, &testid("daily-status-card"), "16 Jun 2025").await?;
    Ok(())
}

async fn review_approve_late_data_export(d: &Desktop, out_dir: &Path) -> Res {
    let c = &d.client;
    open_day(c).await?;

    // The recap of the seeded day.
    wait_text(c, &testid("daily-issued"), "3").await?;
    wait_text(c, &testid("daily-served"), "2").await?;
    wait_text(c, &testid("daily-no-show"), "1").await?;
    // A-001 waited 5 min, B-001 19 min, A-002 38 min: worst 38 min.
    wait_text(c, &testid("daily-worst-wait"), "38 mnt").await?;
    wait_text(c, &testid("daily-complaints-received"), "1").await?;
    wait_text(c, &testid("daily-survey-respondents"), "2").await?;
    wait_text(
        c,
        &css("daily-officer", "nip", "199107142015032001"),
        "Siti",
    )
    .await?;
    wait_text(c, &css("daily-by-service-row", "key", "KTP"), "2").await?;
    el(c, "daily-by-hour").await?;
    wait_text(c, &testid("daily-status"), "Draf").await?;

    // An empty note is refused with a message; nothing is written.
    click(c, "daily-note-add").await?;
    wait_text(c, &testid("error"), "Catatan kosong").await?;

    // A note makes the day reviewed.
    fill(
        c,
        "daily-note-text",
        "Antrian KTP panjang pukul 09.00; tambah petugas besok.",
    )
    .await?;
    click(c, "daily-note-add").await?;
    wait_text(c, &testid("daily-note"), "Antrian KTP panjang").await?;
    wait_text(c, &testid("daily-note"), SUPERVISOR).await?;
    wait_text(c, &testid("daily-status"), "Sudah ditinjau").await?;

    // Approval: status, approver and time shown, the day locked, no approve button.
    click(c, "daily-approve").await?;
    wait_text(c, &testid("daily-status"), "Disetujui").await?;
    let who = wait_text(c, &testid("daily-approver"), SUPERVISOR).await?;
    assert!(who.contains("WIB"), "approval time in the site zone: {who}");
    el(c, "daily-locked").await?;
    wait_gone(c, &testid("daily-approve")).await?;

    // The calendar is not involved (the day is long past), but the core agrees.
    let api = Api::open(&d.db, Env::system()).map_err(|e| e.message)?;
    let state = api
        .call(
            &Actor::Machine,
            Locale::Id,
            "daily.status",
            json!({"date": DAY}),
        )
        .map_err(|e| e.message)?;
    assert_eq!(state["status"], "approved", "{state}");
    assert_eq!(state["approval"]["by_user"], SUPERVISOR, "{state}");
    drop(api);

    // Late data for that day (a field laptop's ticket, as an import would bring it) arrives
    // after the approval: stored, and the window shows what changed without any click.
    let s = Seeder::open(&d.db, 71)?;
    s.at(300);
    s.call(&Actor::Machine, "queue.issue", json!({"service": "KK"}))?;
    drop(s);
    wait_text(c, &testid("daily-changed"), "Berubah setelah disetujui").await?;
    let issued = wait_text(c, &css("daily-change", "key", "queue.issued"), "4").await?;
    assert!(issued.contains('3'), "from 3 to 4: {issued}");
    wait_text(
        c,
        &css("daily-change", "key", "queue.by_service[KK].issued"),
        "2",
    )
    .await?;
    wait_text(c, &testid("daily-issued"), "4").await?;
    wait_text(c, &testid("daily-approve"), "Setujui ulang").await?;

    // Export the day to XLSX through the typed path (native dialogs cannot be driven).
    let out = out_dir.join("rekap-harian");
    click(c, "daily-export-advanced").await?;
    fill(c, "daily-export-path", &out.to_string_lossy()).await?;
    click(c, "daily-export-to-path").await?;
    let saved = out_dir.join("rekap-harian.xlsx");
    wait_text(
        c,
        "[data-testid=\"daily-export\"] [data-testid=\"notice\"]",
        "rekap-harian.xlsx",
    )
    .await?;
    let bytes = std::fs::read(&saved)?;
    assert!(bytes.starts_with(b"PK\x03\x04"), "an XLSX is a zip file");
    assert!(
        bytes.len() > 4000,
        "a workbook with sheets: {} bytes",
        bytes.len()
    );

    // A path that is not a full path is refused before anything is written.
    fill(c, "daily-export-path", "rekap.xlsx").await?;
    click(c, "daily-export-to-path").await?;
    wait_text(
        c,
        "[data-testid=\"daily-export\"] [data-testid=\"error\"]",
        "path lengkap",
    )
    .await?;

    // Approving again clears the mark and records the new figures.
    click(c, "daily-approve").await?;
    wait_gone(c, &testid("daily-changed")).await?;
    wait_text(c, &testid("daily-status"), "Disetujui").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn daily_review_approve_late_data_export() -> Res {
    if !enabled("daily_review_approve_late_data_export") {
        return Ok(());
    }
    let out = tempfile_dir()?;
    let d = Desktop::start_with(seed_day).await?;
    let result = review_approve_late_data_export(&d, &out).await;
    if result.is_err() {
        super::save_failure_screenshot(&d, "daily_review_approve_late_data_export").await;
    }
    d.close().await?;
    let _ = std::fs::remove_dir_all(&out);
    result
}

fn tempfile_dir() -> Res<PathBuf> {
    let dir = std::env::temp_dir().join(format!(
        "loket-e2e-daily-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

// ---------------------------------------------------------------------------------------------
// Screenshots 70-79.

/// Three weeks of demo-like days before the seeded one: a busy month for the period recap.
fn seed_month(db: &Path) -> Res {
    seed_day(db)?;
    let s = Seeder::open(db, 72)?;
    let m = Actor::Machine;
    let sari = s
        .api
        .login(PETUGAS, STAFF_PIN, Locale::Id)
        .map_err(|e| e.message)?;
    let rudi = s
        .api
        .login(SUPERVISOR, STAFF_PIN, Locale::Id)
        .map_err(|e| e.message)?;
    const DAY_MS: i64 = 24 * 60 * MIN;
    for back in 1..=20i64 {
        let base = -back * DAY_MS;
        let n = 4 + (back * 7) % 9;
        for i in 0..n {
            s.clock.set(T9 + base + i * 11 * MIN);
            let service = ["KTP", "KK", "PKB"][(i % 3) as usize];
            s.call(&m, "queue.issue", json!({"service": service}))?;
        }
        for i in 0..n.min(6) {
            s.clock.set(T9 + base + (30 + i * 20) * MIN);
            let called = s.call(&sari, "queue.call", json!({"counter": "L1"}));
            let Ok(t) = called else { continue };
            let Some(num) = t["ticket"]["number"].as_str().map(str::to_string) else {
                continue;
            };
            s.clock.set(T9 + base + (31 + i * 20) * MIN);
            s.call(&sari, "queue.start", json!({"ticket": num}))?;
            s.clock.set(T9 + base + (40 + i * 20 + back % 5) * MIN);
            s.call(&sari, "queue.finish", json!({"ticket": num}))?;
        }
        if back % 3 == 0 {
            s.call(
                &m,
                "complaint.add",
                json!({"channel": "Loket", "category": "umum", "summary": "Keluhan layanan"}),
            )?;
        }
        for v in [3, 4, if back % 2 == 0 { 2 } else { 4 }] {
            s.call(
                &m,
                "survey.submit",
                json!({"service": "KTP", "answers": survey_answers(v)}),
            )?;
        }
        if back > 6 {
            s.clock.set(T9 + base + 9 * 60 * MIN);
            s.call(&rudi, "daily.approve", json!({"date": day_of(back)}))?;
        } else if back % 2 == 0 {
            s.clock.set(T9 + base + 9 * 60 * MIN);
            s.call(
                &rudi,
                "daily.note",
                json!({"date": day_of(back), "text": "Sudah dicek."}),
            )?;
        }
    }
    Ok(())
}

/// `DAY` minus `back` days (June 2025 has 30 days; `back` ≤ 20 stays within May–June).
fn day_of(back: i64) -> String {
    let d = 16 - back;
    if d >= 1 {
        format!("2025-06-{d:02}")
    } else {
        format!("2025-05-{:02}", 31 + d)
    }
}

async fn tour(d: &Desktop, dir: &Path) -> Res {
    let c = &d.client;
    open_day(c).await?;
    wait_text(c, &testid("daily-issued"), "3").await?;
    super::shot(c, dir, "70-daily-draft").await?;

    fill(
        c,
        "daily-note-text",
        "Antrian KTP panjang pukul 09.00; tambah petugas besok.",
    )
    .await?;
    click(c, "daily-note-add").await?;
    wait_text(c, &testid("daily-status"), "Sudah ditinjau").await?;
    click(c, "daily-approve").await?;
    wait_text(c, &testid("daily-status"), "Disetujui").await?;
    super::shot(c, dir, "71-daily-approved").await?;

    let s = Seeder::open(&d.db, 73)?;
    s.at(300);
    s.call(&Actor::Machine, "queue.issue", json!({"service": "KK"}))?;
    drop(s);
    wait_text(c, &testid("daily-changed"), "Berubah setelah disetujui").await?;
    super::shot(c, dir, "72-daily-changed-after-approval").await?;

    // scroll to the lower half (officers, devices)
    c.execute(
        "document.querySelector('[data-testid=\"daily-devices\"]').scrollIntoView()",
        vec![],
    )
    .await?;
    super::shot(c, dir, "73-daily-officers-devices").await?;

    click(c, "nav-daily-period").await?;
    el(c, "period-screen").await?;
    fill(c, "period-from", "2025-05-27").await?;
    fill(c, "period-to", "2025-06-16").await?;
    click(c, "period-show").await?;
    wait_text(c, &testid("period-shown"), "27 Mei 2025").await?;
    el(c, "period-chart-served").await?;
    super::shot(c, dir, "74-period-recap").await?;
    c.execute(
        "document.querySelector('[data-testid=\"period-chart-backlog\"]').scrollIntoView()",
        vec![],
    )
    .await?;
    super::shot(c, dir, "75-period-charts").await?;

    // An officer reads the day without the review controls.
    click(c, "logout-button").await?;
    super::log_in(c, PETUGAS, STAFF_PIN).await?;
    click(c, "nav-daily").await?;
    fill(c, "daily-date", DAY).await?;
    el(c, "daily-readonly").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    super::shot(c, dir, "76-daily-petugas-readonly").await?;

    select(c, "language", "en").await?;
    wait_text(c, &testid("daily-status"), "Approved").await?;
    super::shot(c, dir, "77-daily-english").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots"]
async fn screenshots_daily() -> Res {
    if !enabled("screenshots_daily") {
        return Ok(());
    }
    let dir = std::env::var_os("LOKET_SCREENSHOTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("docs/screenshots"));
    std::fs::create_dir_all(&dir)?;
    let d = Desktop::start_with(seed_month).await?;
    let result = tour(&d, &dir).await;
    if result.is_err() {
        super::save_failure_screenshot(&d, "screenshots_daily").await;
    }
    d.close().await?;
    result
}
