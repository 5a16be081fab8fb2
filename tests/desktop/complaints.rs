//! Complaints (issue 5) in the real window: register a complaint at the desk, move it through
//! the lifecycle with notes, read its timeline, the overdue and due-soon lists and the
//! supervisor's reminders on Home. `screenshots_complaints` (ignored) saves screens 30-39.

use std::path::{Path, PathBuf};

use fantoccini::Locator;
use loket_core::api::{Actor, Api};
use loket_core::{Env, Locale};
use serde_json::json;

use super::harness::*;

/// An old complaint (received in January 2026, 5 working days to resolve) is overdue whenever
/// the test runs; one received now, still `received` with 1 working day to respond, is due soon.
const OLD_SUMMARY: &str = "Surat pengaduan KTP belum dibalas";
const FRESH_SUMMARY: &str = "Menanyakan syarat akta kelahiran";

fn complaints_db(db: &Path) -> Res {
    super::ready_db(db)?;
    let api = Api::open(db, Env::system()).map_err(|e| e.message)?;
    let call = |cmd: &str, args: serde_json::Value| {
        api.call(&Actor::Machine, Locale::Id, cmd, args)
            .map_err(|e| format!("{cmd}: {}", e.message))
    };
    call(
        "sla.set",
        json!({"category": "LAYANAN", "name": "Pelayanan umum", "respond_days": 1, "resolve_days": 5}),
    )?;
    call(
        "sla.set",
        json!({"category": "INFO", "name": "Permintaan informasi", "respond_days": 1, "resolve_days": 3}),
    )?;
    call(
        "complaint.add",
        json!({"channel": "surat", "category": "LAYANAN", "summary": OLD_SUMMARY,
               "received": "2026-01-05T09:00", "service": "KTP", "name": "Ahmad"}),
    )?;
    call(
        "complaint.add",
        json!({"channel": "whatsapp", "type": "informasi", "category": "INFO", "summary": FRESH_SUMMARY,
               "service": "AKTA"}),
    )?;
    Ok(())
}

/// Sets an input's value as typing would (datetime-local inputs take no keys in WebKitWebDriver).
async fn set_value(c: &fantoccini::Client, id: &str, value: &str) -> Res {
    let e = el(c, id).await?;
    c.execute(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        vec![serde_json::to_value(&e)?, json!(value)],
    )
    .await?;
    Ok(())
}

/// Chooses a move, writes its note and confirms; waits for the new status.
async fn move_to(c: &fantoccini::Client, to: &str, note: &str, status_text: &str) -> Res {
    click(c, &format!("complaint-move-{to}")).await?;
    fill(c, "complaint-move-note", note).await?;
    click(c, "complaint-move-confirm").await?;
    wait_text(c, &testid("complaint-status"), status_text).await?;
    wait_gone(c, &testid("complaint-move-form")).await?;
    Ok(())
}

/// The figure of a reminder once loaded (`–` while loading).
async fn count(c: &fantoccini::Client, id: &str) -> Res<String> {
    let e = el(c, id).await?;
    for _ in 0..100 {
        let text = e.text().await?;
        if text.trim() != "–" {
            return Ok(text.trim().to_string());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("{id} never loaded").into())
}

async fn el_css(c: &fantoccini::Client, css: &str) -> Res<String> {
    Ok(c.find(Locator::Css(css)).await?.text().await?)
}

fn row_of(number: &str) -> String {
    format!("[data-testid=\"complaint-row\"][data-id=\"{number}\"]")
}

async fn rows_with(c: &fantoccini::Client, tone: &str) -> Res<Vec<String>> {
    let css = format!("[data-testid=\"complaint-row\"][data-tone=\"{tone}\"]");
    let mut out = Vec::new();
    for e in c.find_all(Locator::Css(&css)).await? {
        out.push(e.text().await?);
    }
    Ok(out)
}

async fn register_and_resolve(d: &Desktop) -> Res {
    let c = &d.client;
    super::log_in(c, "rudi", "135790").await?;

    // Home: the supervisor's reminders count the seeded overdue and due-soon complaints.
    assert_eq!(count(c, "reminder-overdue-count").await?, "1");
    assert_eq!(count(c, "reminder-due-soon-count").await?, "1");

    // Register at the desk. Client-side checks first: nothing is sent with an empty summary, a
    // time in the future or a NIK that is not a NIK.
    click(c, "nav-complaint_new").await?;
    select(c, "complaint-category", "LAYANAN").await?;
    set_value(c, "complaint-received", "2099-01-01T10:00").await?;
    fill(c, "complaint-nik", "1234").await?;
    click(c, "complaint-submit").await?;
    el(c, "complaint-problems").await?;
    wait_text(c, &testid("complaint-err-summary"), "ringkasan").await?;
    wait_text(c, &testid("complaint-err-received"), "masa depan").await?;
    wait_text(c, &testid("complaint-err-nik"), "16 angka").await?;
    // An unknown province is only a warning (the core accepts it and warns too).
    fill(c, "complaint-nik", "9975011508900001").await?;
    wait_text(c, &testid("complaint-nik-warning"), "99").await?;

    // Clearing the form brings back the default received time: now.
    click(c, "complaint-reset").await?;
    wait_gone(c, &testid("complaint-problems")).await?;
    select(c, "complaint-channel", "langsung").await?;
    select(c, "complaint-category", "LAYANAN").await?;
    fill(
        c,
        "complaint-summary",
        "Petugas loket 2 tidak ada di tempat",
    )
    .await?;
    fill(
        c,
        "complaint-details",
        "Menunggu 40 menit, loket kosong sejak pukul 10.",
    )
    .await?;
    select(c, "complaint-service", "KTP").await?;
    fill(c, "complaint-ticket", "a-007").await?;
    fill(c, "complaint-name", "Budi Hartono").await?;
    fill(c, "complaint-phone", "0812 3456 7890").await?;
    fill(c, "complaint-nik", "9975011508900001").await?;
    click(c, "complaint-submit").await?;
    let added = wait_text(c, &testid("complaint-added-number"), "ADU-").await?;
    let number = added
        .split_whitespace()
        .find(|w| w.starts_with("ADU-"))
        .ok_or("no complaint number")?
        .to_string();
    wait_text(c, &testid("complaint-added-warnings"), "99").await?;

    // Detail: received, then verified → assigned → in progress ⇄ waiting → resolved, with notes.
    click(c, "complaint-added-open").await?;
    wait_text(c, &testid("complaint-number"), &number).await?;
    wait_text(c, &testid("complaint-status"), "Diterima").await?;
    let nik = el(c, "complaint-nik").await?.text().await?;
    assert!(
        nik.contains('•') && !nik.contains("0115089"),
        "a supervisor sees the NIK masked: {nik}"
    );

    move_to(c, "verified", "Identitas dan tiket dicek", "Diverifikasi").await?;

    // Assigning from `verified` moves the complaint to `assigned`.
    click(c, "complaint-assign-submit").await?;
    wait_text(c, &testid("error"), "Pilih petugas").await?;
    select(c, "complaint-assign-officer", "199107142015032001").await?;
    fill(c, "complaint-assign-note", "Koordinator loket KTP").await?;
    click(c, "complaint-assign-submit").await?;
    wait_text(c, &testid("complaint-status"), "Ditugaskan").await?;
    wait_text(c, &testid("complaint-officer"), "Siti Rahmawati").await?;

    move_to(c, "in_progress", "Dicek jadwal petugas", "Diproses").await?;

    // Waiting for the citizen needs the reason: refused here without one.
    click(c, "complaint-move-waiting").await?;
    click(c, "complaint-move-confirm").await?;
    wait_text(c, &testid("error"), "alasan").await?;
    fill(
        c,
        "complaint-move-note",
        "Menunggu foto nomor antrian dari warga",
    )
    .await?;
    click(c, "complaint-move-confirm").await?;
    wait_text(c, &testid("complaint-status"), "Menunggu warga").await?;

    move_to(c, "in_progress", "Foto diterima lewat WhatsApp", "Diproses").await?;

    fill(
        c,
        "complaint-note-text",
        "Petugas loket 2 ditegur supervisor",
    )
    .await?;
    click(c, "complaint-note-submit").await?;
    wait_text(
        c,
        &testid("complaint-timeline"),
        "Petugas loket 2 ditegur supervisor",
    )
    .await?;

    move_to(
        c,
        "resolved",
        "Jadwal istirahat loket dibuat bergiliran",
        "Selesai",
    )
    .await?;
    wait_text(c, &testid("complaint-resolved-info"), "tepat waktu").await?;
    fill(
        c,
        "complaint-answer",
        "Mohon maaf, jadwal istirahat petugas kini bergiliran.",
    )
    .await?;
    click(c, "complaint-answer-submit").await?;
    wait_text(c, &testid("complaint-answer-text"), "bergiliran").await?;

    // The timeline keeps every step with who and why, oldest first.
    let timeline = el(c, "complaint-timeline").await?.text().await?;
    for needle in [
        "Dicatat",
        "Identitas dan tiket dicek",
        "Siti Rahmawati",
        "Koordinator loket KTP",
        "Menunggu foto nomor antrian dari warga",
        "Foto diterima lewat WhatsApp",
        "Jadwal istirahat loket dibuat bergiliran",
        "oleh rudi",
    ] {
        assert!(
            timeline.contains(needle),
            "timeline lacks {needle:?}: {timeline}"
        );
    }
    let entries = c
        .find_all(Locator::Css("[data-testid=\"timeline-entry\"]"))
        .await?;
    let mut kinds = Vec::new();
    for e in &entries {
        let kind = e.attr("data-kind").await?.unwrap_or_default();
        let to = e.attr("data-to").await?.unwrap_or_default();
        kinds.push(if to.is_empty() {
            kind
        } else {
            format!("{kind}:{to}")
        });
    }
    assert_eq!(
        kinds,
        [
            "register:received",
            "move:verified",
            "assign:assigned",
            "move:in_progress",
            "move:waiting",
            "move:in_progress",
            "note",
            "move:resolved",
            "answer",
        ],
        "timeline steps"
    );

    // The core agrees.
    let api = Api::open(&d.db, Env::system()).map_err(|e| e.message)?;
    let shown = api
        .call(
            &Actor::Machine,
            Locale::Id,
            "complaint.show",
            json!({"number": number}),
        )
        .map_err(|e| e.message)?;
    assert_eq!(shown["status"], "resolved", "{shown}");
    assert_eq!(shown["assigned_nip"], "199107142015032001");
    assert_eq!(shown["ticket"], "A-007");
    assert_eq!(shown["resolved_on_time"], true);

    // Lists: overdue first and marked; the due-soon view holds the fresh one.
    click(c, "complaint-back").await?;
    click(c, "complaints-view-all").await?;
    wait_text(c, &row_of(&number), "Selesai").await?;
    let first = el(c, "complaint-row").await?.text().await?;
    assert!(
        first.contains(OLD_SUMMARY),
        "the overdue complaint is listed first: {first}"
    );
    let mine = el_css(c, &row_of(&number)).await?;
    assert!(
        mine.contains("9975••••••••0001") && !mine.contains("0115089"),
        "lists show the NIK masked: {mine}"
    );
    click(c, "complaints-view-overdue").await?;
    wait_gone(c, &row_of(&number)).await?;
    let overdue = rows_with(c, "overdue").await?;
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert!(overdue[0].contains("Lewat tenggat"), "{overdue:?}");
    click(c, "complaints-view-due_soon").await?;
    wait_text(c, &testid("complaints-table"), FRESH_SUMMARY).await?;
    let soon = rows_with(c, "due_soon").await?;
    assert_eq!(soon.len(), 1, "{soon:?}");
    assert!(soon[0].contains(FRESH_SUMMARY), "{soon:?}");

    // Home's reminder links to the overdue list.
    click(c, "nav-home").await?;
    assert_eq!(count(c, "reminder-overdue-count").await?, "1");
    assert_eq!(count(c, "reminder-due-soon-count").await?, "1");
    click(c, "reminder-overdue").await?;
    wait_text(c, &testid("complaints-table"), OLD_SUMMARY).await?;
    let active = el(c, "complaints-view-overdue").await?;
    assert_eq!(active.attr("aria-selected").await?.as_deref(), Some("true"));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn complaints_register_resolve_timeline_reminders() -> Res {
    let name = "complaints_register_resolve_timeline_reminders";
    if !enabled(name) {
        return Ok(());
    }
    let d = Desktop::start_with(complaints_db).await?;
    let result = register_and_resolve(&d).await;
    if result.is_err() {
        super::save_failure_screenshot(&d, name).await;
    }
    d.close().await?;
    result
}

// ---------------------------------------------------------------------------------------------
// Screenshots 30-39.

async fn tour(d: &Desktop, dir: &Path) -> Res {
    let c = &d.client;
    {
        // A month of history so the list, detail and figures show something real.
        let api = Api::open(&d.db, Env::system()).map_err(|e| e.message)?;
        let call = |cmd: &str, args: serde_json::Value| {
            api.call(&Actor::Machine, Locale::Id, cmd, args)
                .map_err(|e| format!("{cmd}: {}", e.message))
        };
        call("holiday.load_national", json!({"year": 2026}))?;
        let history = [
            (
                "2026-11-02T09:10",
                "langsung",
                "LAYANAN",
                "KTP",
                "Antrian KTP lebih dari 2 jam",
                Some("199107142015032001"),
                "resolved",
                "2026-11-05T14:00",
            ),
            (
                "2026-11-03T10:20",
                "whatsapp",
                "LAYANAN",
                "KK",
                "KK belum dicetak setelah 7 hari",
                Some("198503302010011002"),
                "resolved",
                "2026-11-16T11:00",
            ),
            (
                "2026-11-09T13:00",
                "lapor",
                "LAYANAN",
                "PBB",
                "Biaya pengecekan sertipikat tidak jelas",
                Some("199001152022212001"),
                "waiting",
                "2026-11-12T09:00",
            ),
            (
                "2026-11-16T08:45",
                "email",
                "INFO",
                "PASPOR",
                "Syarat paspor anak",
                Some("199107142015032001"),
                "resolved",
                "2026-11-17T10:00",
            ),
            (
                "2026-11-18T15:30",
                "media_sosial",
                "LAYANAN",
                "PKB",
                "Petugas Samsat kurang ramah",
                None,
                "verified",
                "2026-11-19T09:00",
            ),
        ];
        for (received, channel, category, service, summary, officer, status, at) in history {
            let added = call(
                "complaint.add",
                json!({"channel": channel, "category": category, "service": service, "summary": summary, "received": received}),
            )?;
            let number = added["number"].as_str().unwrap_or_default().to_string();
            call(
                "complaint.move",
                json!({"number": number, "to": "verified", "at": received}),
            )?;
            if let Some(nip) = officer {
                call(
                    "complaint.assign",
                    json!({"number": number, "staff": nip, "at": received}),
                )?;
                call(
                    "complaint.move",
                    json!({"number": number, "to": "in_progress", "at": received}),
                )?;
                let note = (status == "waiting").then_some("Menunggu salinan bukti bayar");
                call(
                    "complaint.move",
                    json!({"number": number, "to": status, "at": at, "note": note}),
                )?;
            }
        }
    }
    super::log_in(c, "rudi", "135790").await?;
    count(c, "reminder-overdue-count").await?;
    super::shot(c, dir, "30-complaints-home-reminders").await?;

    click(c, "nav-complaint_new").await?;
    select(c, "complaint-channel", "telepon").await?;
    select(c, "complaint-category", "LAYANAN").await?;
    select(c, "complaint-service", "AKTA").await?;
    fill(
        c,
        "complaint-summary",
        "Akta kelahiran salah ketik nama ibu",
    )
    .await?;
    fill(c, "complaint-name", "Rina Marlina").await?;
    fill(c, "complaint-phone", "0813 1111 2222").await?;
    fill(c, "complaint-nik", "327501550890").await?;
    click(c, "complaint-submit").await?;
    el(c, "complaint-err-nik").await?;
    super::shot(c, dir, "31-complaints-register-checks").await?;
    fill(c, "complaint-nik", "3275015508900002").await?;
    click(c, "complaint-submit").await?;
    el(c, "complaint-added").await?;
    super::shot(c, dir, "32-complaints-registered").await?;

    click(c, "nav-complaints").await?;
    click(c, "complaints-view-all").await?;
    el(c, "complaints-table").await?;
    super::shot(c, dir, "33-complaints-list").await?;

    let rows = c
        .find_all(Locator::Css("[data-testid=\"complaint-row\"]"))
        .await?;
    let mut waiting = None;
    for r in rows {
        if r.text().await?.contains("Biaya pengecekan") {
            waiting = r.attr("data-id").await?;
        }
    }
    let waiting = waiting.ok_or("no waiting complaint")?;
    click(c, &format!("complaint-open-{waiting}")).await?;
    el(c, "complaint-timeline").await?;
    super::shot(c, dir, "34-complaints-detail-timeline").await?;
    click(c, "complaint-move-in_progress").await?;
    fill(c, "complaint-move-note", "Bukti bayar diterima").await?;
    super::shot(c, dir, "35-complaints-detail-move").await?;
    click(c, "complaint-move-cancel").await?;

    click(c, "nav-complaint_dashboard").await?;
    el(c, "dash-breakdown").await?;
    super::shot(c, dir, "36-complaints-dashboard").await?;
    click(c, "dash-dim-by_officer").await?;
    super::shot(c, dir, "37-complaints-dashboard-officers").await?;

    click(c, "nav-complaint_settings").await?;
    el(c, "sla-table").await?;
    fill(c, "holiday-year", "2027").await?;
    click(c, "holiday-load-national").await?;
    el(c, "holiday-loaded").await?;
    super::shot(c, dir, "38-complaints-sla-holidays").await?;

    click(c, "logout-button").await?;
    super::log_in(c, "admin", super::PIN).await?;
    click(c, "nav-complaints").await?;
    click(c, "complaints-view-all").await?;
    let rows = c
        .find_all(Locator::Css("[data-testid=\"complaint-row\"]"))
        .await?;
    let mut akta = None;
    for r in rows {
        if r.text().await?.contains("Akta kelahiran salah") {
            akta = r.attr("data-id").await?;
        }
    }
    click(
        c,
        &format!("complaint-open-{}", akta.ok_or("no new complaint")?),
    )
    .await?;
    wait_text(c, &testid("complaint-nik"), "3275015508900002").await?;
    super::shot(c, dir, "39-complaints-detail-admin-nik").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots; run by scripts/screenshots.sh"]
async fn screenshots_complaints() -> Res {
    if !enabled("screenshots_complaints") {
        return Ok(());
    }
    let dir = std::env::var_os("LOKET_SCREENSHOTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("docs/screenshots"));
    std::fs::create_dir_all(&dir)?;
    let d = Desktop::start_with(complaints_db).await?;
    let result = tour(&d, &dir).await;
    if result.is_err() {
        super::save_failure_screenshot(&d, "screenshots_complaints").await;
    }
    d.close().await?;
    result
}
