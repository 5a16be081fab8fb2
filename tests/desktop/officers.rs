//! Officers (issue 8): the officer page of `sari` with tickets she served and a training record
//! seeded through the API; a competency record added in the window moves her JP; an XLSX export
//! through a typed path (WebDriver cannot drive the native save dialog).

use std::path::{Path, PathBuf};

use loket_core::api::{Actor, Api};
use loket_core::{Env, Locale};
use serde_json::{json, Value};

use super::harness::*;

const SARI_NIP: &str = "199107142015032001";
const SARI_PIN: &str = "135790";

/// Today's civil date in WIB (the seeded site's zone), without a date library.
fn today_wib() -> (i64, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
        + 7 * 3600;
    // Howard Hinnant's civil_from_days
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// `ready_db` plus two KTP tickets served by sari today, a training record of 8 JP this year, a
/// program with her feedback and a mentoring pair.
fn officers_db(db: &Path) -> Res {
    super::ready_db(db)?;
    let api = Api::open(db, Env::system()).map_err(|e| e.message)?;
    let m = Actor::Machine;
    let sari = api
        .login("sari", SARI_PIN, Locale::Id)
        .map_err(|e| e.message)?;
    let call = |actor: &Actor, cmd: &str, args: Value| {
        api.call(actor, Locale::Id, cmd, args)
            .map_err(|e| format!("{cmd}: {}", e.message))
    };
    for _ in 0..2 {
        let t = call(&m, "queue.issue", json!({"service": "KTP"}))?;
        let number = t["number"]
            .as_str()
            .or_else(|| t["ticket"]["number"].as_str())
            .unwrap_or_default()
            .to_string();
        call(&sari, "queue.call", json!({"counter": "L1"}))?;
        call(&sari, "queue.start", json!({"ticket": number}))?;
        call(&sari, "queue.finish", json!({"ticket": number}))?;
    }
    let (y, _, _) = today_wib();
    call(
        &m,
        "training.add",
        json!({"nip": SARI_NIP, "title": "Bimtek SIAK Terpusat", "kind": "klasikal", "form": "bimtek", "jp": 8, "date": format!("{y}-01-15"), "provider": "Ditjen Dukcapil"}),
    )?;
    let p = call(
        &m,
        "program.add",
        json!({"title": "Pelayanan Prima", "start": format!("{y}-01-05"), "end": format!("{y}-01-07"), "jp": 12, "budget": 7500000, "target_participants": 10}),
    )?;
    let id = p["id"].as_str().unwrap_or_default().to_string();
    for nip in [SARI_NIP, "198503302010011002"] {
        call(&m, "program.enrol", json!({"program": id, "nip": nip}))?;
        call(
            &m,
            "program.attend",
            json!({"program": id, "nip": nip, "attended": true}),
        )?;
    }
    call(
        &m,
        "program.feedback",
        json!({"program": id, "nip": SARI_NIP, "rating": 5, "comment": "Sangat bermanfaat untuk loket"}),
    )?;
    call(
        &m,
        "program.feedback",
        json!({"program": id, "nip": "198503302010011002", "rating": 4}),
    )?;
    let pair = call(
        &m,
        "mentoring.add",
        json!({"mentor": "198503302010011002", "mentee": SARI_NIP, "start": format!("{y}-01-02"), "goals": "Verifikasi berkas KTP-el mandiri"}),
    )?;
    call(
        &m,
        "mentoring.session",
        json!({"pair": pair["id"], "date": format!("{y}-01-09"), "minutes": 90, "notes": "Pemeriksaan dokumen"}),
    )?;
    Ok(())
}

async fn officer_page(d: &Desktop, out: &Path) -> Res {
    let c = &d.client;
    super::log_in(c, "sari", SARI_PIN).await?;
    click(c, "nav-officers").await?;
    el(c, "officer-page").await?;
    wait_text(c, &testid("officer-name"), "Siti Rahmawati").await?;
    wait_text(c, &testid("fig-served-value"), "2").await?;
    wait_text(c, &testid("jp-value"), "8 dari target 20 JP").await?;
    wait_text(c, &testid("records-table"), "Bimtek SIAK Terpusat").await?;
    wait_text(c, &testid("jp-status"), "Kurang 12 JP").await?;

    // a record with a bad JP is refused with a message, and nothing is lost
    click(c, "record-add").await?;
    select(c, "record-kind", "klasikal").await?;
    fill(c, "record-formname", "workshop").await?;
    fill(c, "record-title", "Workshop Pelayanan Prima").await?;
    fill(c, "record-provider", "BPSDM Provinsi").await?;
    fill(c, "record-amount", "4,567").await?;
    click(c, "record-save").await?;
    wait_text(c, &testid("error"), "JP harus angka").await?;
    assert_eq!(
        el(c, "record-title").await?.prop("value").await?.as_deref(),
        Some("Workshop Pelayanan Prima"),
        "the typed title is kept"
    );
    fill(c, "record-amount", "4,5").await?;
    click(c, "record-save").await?;
    wait_text(c, &testid("notice"), "tersimpan").await?;
    wait_text(c, &testid("jp-value"), "12,5 dari target 20 JP").await?;
    wait_text(c, &testid("jp-status"), "Kurang 7,5 JP").await?;
    wait_text(c, &testid("records-table"), "Workshop Pelayanan Prima").await?;

    // the core has it too
    let api = Api::open(&d.db, Env::system()).map_err(|e| e.message)?;
    let list = api
        .call(
            &Actor::Machine,
            Locale::Id,
            "training.list",
            json!({"nip": SARI_NIP}),
        )
        .map_err(|e| e.message)?;
    let added = list
        .as_array()
        .and_then(|l| l.iter().find(|t| t["title"] == "Workshop Pelayanan Prima"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(added["jp"], 4.5, "{list}");
    assert_eq!(added["form"], "workshop");

    // export the JP tracker through a typed path: a relative path is refused first
    fill(c, "export-jp-path", "jp.xlsx").await?;
    click(c, "export-jp-path-save").await?;
    wait_text(
        c,
        &format!("{} {}", testid("export-jp"), testid("error")),
        "lokasi lengkap",
    )
    .await?;
    fill(c, "export-jp-path", &out.display().to_string()).await?;
    click(c, "export-jp-path-save").await?;
    wait_text(
        c,
        &format!("{} {}", testid("export-jp"), testid("notice")),
        "Berkas tersimpan",
    )
    .await?;
    let bytes = std::fs::read(out)?;
    assert!(
        bytes.starts_with(b"PK\x03\x04"),
        "an XLSX is a zip: {:?}",
        &bytes[..bytes.len().min(8)]
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officers_page_records_jp_and_export() -> Res {
    if !enabled("officers_page_records_jp_and_export") {
        return Ok(());
    }
    let d = Desktop::start_with(officers_db).await?;
    let out_dir = tempfile::tempdir()?;
    let out = out_dir.path().join("jp-sari.xlsx");
    let result = officer_page(&d, &out).await;
    if result.is_err() {
        super::save_failure_screenshot(&d, "officers_page_records_jp_and_export").await;
    }
    d.close().await?;
    result
}

async fn tour(d: &Desktop, dir: &Path) -> Res {
    let c = &d.client;
    super::log_in(c, "sari", SARI_PIN).await?;
    click(c, "nav-officers").await?;
    wait_text(c, &testid("fig-served-value"), "2").await?;
    super::shot(c, dir, "60-officer-own-page").await?;
    click(c, "record-add").await?;
    el(c, "record-form").await?;
    super::shot(c, dir, "61-officer-add-record").await?;
    click(c, "logout-button").await?;

    super::log_in(c, "admin", "246810").await?;
    click(c, "nav-officers").await?;
    el(c, "perf-table").await?;
    super::shot(c, dir, "62-performance-vs-median").await?;
    click(c, &format!("perf-open-{SARI_NIP}")).await?;
    el(c, "assessment").await?;
    fill(
        c,
        "assess-note",
        "Tertib dan ramah; waktu layanan di bawah standar.",
    )
    .await?;
    select(c, "assess-hasil", "di_atas").await?;
    select(c, "assess-perilaku", "sesuai").await?;
    click(c, "assess-save").await?;
    wait_text(c, &testid("assessment-note"), "Tertib").await?;
    super::shot(c, dir, "63-officer-assessment").await?;

    click(c, "nav-officers-jp").await?;
    el(c, "jp-table").await?;
    super::shot(c, dir, "64-jp-tracker").await?;

    click(c, "nav-officers-programs").await?;
    click(c, "program-item").await?;
    el(c, "program-detail").await?;
    wait_text(c, &testid("feedback-summary"), "2").await?;
    super::shot(c, dir, "65-program-feedback").await?;
    el(c, "impact-table").await?;
    c.execute(
        "document.querySelector('[data-testid=\"impact\"]').scrollIntoView()",
        vec![],
    )
    .await?;
    super::shot(c, dir, "66-training-impact").await?;

    click(c, "nav-officers-mentoring").await?;
    click(c, "pair-item").await?;
    el(c, "pair-detail").await?;
    super::shot(c, dir, "67-mentoring").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots; run by scripts/screenshots.sh"]
async fn screenshots_officers() -> Res {
    if !enabled("screenshots_officers") {
        return Ok(());
    }
    let dir = std::env::var_os("LOKET_SCREENSHOTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("docs/screenshots"));
    std::fs::create_dir_all(&dir)?;
    let d = Desktop::start_with(officers_db).await?;
    let result = tour(&d, &dir).await;
    if result.is_err() {
        super::save_failure_screenshot(&d, "screenshots_officers").await;
    }
    d.close().await?;
    result
}
