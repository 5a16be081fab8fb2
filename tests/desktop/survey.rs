//! Survey (SKM) screens: the kiosk answered by a citizen, leaving kiosk mode with a PIN, the IKM
//! screen and a CSV import with a bad line.

use std::path::Path;
use std::time::Duration;

use loket_core::api::{Actor, Api};
use loket_core::{Env, Locale};
use serde_json::{json, Value};

use super::harness::*;

const SUPERVISOR: &str = "rudi";
const PETUGAS: &str = "sari";
const STAFF_PIN: &str = "135790";

fn machine(db: &Path, calls: &[(&str, Value)]) -> Res {
    let api = Api::open(db, Env::system()).map_err(|e| e.message)?;
    for (cmd, args) in calls {
        api.call(&Actor::Machine, Locale::Id, cmd, args.clone())
            .map_err(|e| format!("{cmd}: {}", e.message))?;
    }
    Ok(())
}

/// `ready_db`, a 15-second kiosk reset, and one earlier response answering every unsur with 3.
fn prepared(db: &Path) -> Res {
    super::ready_db(db)?;
    let all3: Value = (1..=9)
        .map(|i| (format!("U{i}"), json!(3)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    machine(
        db,
        &[
            (
                "survey.kiosk_configure",
                json!({
                    "profile": [
                        {"field": "gender", "options": ["Laki-laki", "Perempuan"]},
                        {"field": "age", "options": ["< 30 tahun", "30–49 tahun", "≥ 50 tahun"]}
                    ],
                    "suggestion": true, "reset_seconds": 15, "service": "KTP"
                }),
            ),
            ("survey.submit", json!({"service": "KTP", "answers": all3})),
        ],
    )
}

async fn step_is(c: &fantoccini::Client, step: &str) -> Res {
    el(c, "survey-kiosk-run").await?;
    let sel = format!("[data-testid=\"survey-kiosk-run\"][data-step=\"{step}\"]");
    wait_text(c, &sel, "").await?;
    Ok(())
}

async fn kiosk_journey(d: &Desktop) -> Res {
    let c = &d.client;
    super::log_in(c, PETUGAS, STAFF_PIN).await?;
    click(c, "nav-survey-kiosk").await?;
    wait_text(c, &testid("survey-link"), "anonim").await?;
    // the kiosk PC's default service is preselected
    let service = el(c, "survey-kiosk-service").await?.prop("value").await?;
    assert_eq!(service.as_deref(), Some("KTP"));
    click(c, "survey-kiosk-start").await?;

    // Kiosk mode: the menu and header are inert behind the kiosk.
    step_is(c, "welcome").await?;
    assert_eq!(
        c.find_all(fantoccini::Locator::Css(
            "[data-testid=\"shell\"] > nav[inert]"
        ))
        .await?
        .len(),
        1,
        "the menu is inert in kiosk mode"
    );

    // A citizen answers: U2 and U4 skipped, a profile answer, a suggestion.
    click(c, "survey-begin").await?;
    for (unsur, answer) in [
        ("U1", Some(4)),
        ("U2", None),
        ("U3", Some(2)),
        ("U4", None),
        ("U5", Some(4)),
        ("U6", Some(4)),
        ("U7", Some(3)),
        ("U8", Some(4)),
        ("U9", Some(1)),
    ] {
        step_is(c, unsur).await?;
        match answer {
            Some(s) => click(c, &format!("survey-rate-{s}")).await?,
            None => click(c, "survey-skip").await?,
        }
    }
    step_is(c, "profile").await?;
    click(c, "survey-p-gender-1").await?;
    click(c, "survey-next").await?;
    step_is(c, "suggestion").await?;
    fill(c, "survey-suggestion", "Kursi ruang tunggu kurang").await?;
    click(c, "survey-next").await?;
    wait_text(c, &testid("survey-thanks"), "Terima kasih").await?;
    click(c, "survey-done").await?;
    step_is(c, "welcome").await?;

    // Inactivity: a survey left half-way starts over by itself (reset 15 s).
    click(c, "survey-begin").await?;
    click(c, "survey-rate-2").await?;
    step_is(c, "U2").await?;
    tokio::time::sleep(Duration::from_secs(16)).await;
    step_is(c, "welcome").await?;

    // Leaving kiosk mode: a petugas PIN is refused, a wrong supervisor PIN too; the right one works.
    click(c, "survey-exit").await?;
    fill(c, "survey-exit-user", PETUGAS).await?;
    fill(c, "survey-exit-pin", STAFF_PIN).await?;
    click(c, "survey-exit-ok").await?;
    wait_text(
        c,
        "[data-testid=\"survey-exit-dialog\"] [data-testid=\"error\"]",
        "supervisor",
    )
    .await?;
    fill(c, "survey-exit-user", SUPERVISOR).await?;
    fill(c, "survey-exit-pin", "000000").await?;
    click(c, "survey-exit-ok").await?;
    wait_text(
        c,
        "[data-testid=\"survey-exit-dialog\"] [data-testid=\"error\"]",
        "PIN salah",
    )
    .await?;
    step_is(c, "welcome").await?;
    fill(c, "survey-exit-pin", STAFF_PIN).await?;
    click(c, "survey-exit-ok").await?;
    wait_gone(c, &testid("survey-kiosk-run")).await?;
    el(c, "home").await?;
    // the window's session is still the officer's
    wait_text(c, &testid("shell-user"), PETUGAS).await?;

    // The IKM screen (supervisor): 2 respondents; NRR by those who answered each unsur.
    click(c, "logout-button").await?;
    super::log_in(c, SUPERVISOR, STAFF_PIN).await?;
    click(c, "nav-survey-ikm").await?;
    wait_text(c, &testid("survey-respondents"), "2").await?;
    // U1 (3+4)/2 = 3.5; U2 3 (one answer); U3 2.5; U4 3; U9 (3+1)/2 = 2; Σ NRR = 27.5
    // IKM = 27.5/9 = 3.0556; score = 76.39 → C Kurang Baik
    for (u, nrr) in [
        ("U1", "3,5000"),
        ("U2", "3,0000"),
        ("U3", "2,5000"),
        ("U4", "3,0000"),
        ("U9", "2,0000"),
    ] {
        wait_text(c, &testid(&format!("survey-nrr-{u}")), nrr).await?;
    }
    wait_text(c, &testid("survey-ikm"), "3,0556").await?;
    wait_text(c, &testid("survey-score"), "76,39").await?;
    wait_text(c, &testid("survey-grade"), "C · Kurang Baik").await?;
    wait_text(
        c,
        "[data-testid=\"survey-unsur-U9\"] [data-testid=\"survey-priority\"]",
        "Prioritas",
    )
    .await?;
    wait_text(
        c,
        &testid("survey-suggestions"),
        "Kursi ruang tunggu kurang",
    )
    .await?;

    // CSV import with a bad line: every bad line shown with its column, nothing imported.
    let csv = d.db.with_file_name("kertas.csv");
    std::fs::write(
        &csv,
        "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9\n\
         2026-11-02,KTP,4,4,4,4,4,4,4,4,4\n\
         2026-11-02,KTP,4,4,4,9,4,4,4,4,4\n",
    )?;
    c.execute(
        "globalThis.__loketE2eFiles = { pick: [arguments[0]] };",
        vec![json!(csv.to_string_lossy())],
    )
    .await?;
    click(c, "survey-import").await?;
    let row = wait_text(c, &testid("survey-import-error"), "u4").await?;
    assert!(row.starts_with('3'), "line 3 is the bad one: {row}");
    wait_text(c, &testid("survey-import-errors"), "Tidak ada yang diimpor").await?;
    wait_text(c, &testid("survey-respondents"), "2").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survey_kiosk_exit_pin_ikm_and_import() -> Res {
    if !enabled("survey_kiosk_exit_pin_ikm_and_import") {
        return Ok(());
    }
    let d = Desktop::start_with(prepared).await?;
    let result = kiosk_journey(&d).await;
    if result.is_err() {
        super::save_failure_screenshot(&d, "survey_kiosk_exit_pin_ikm_and_import").await;
    }
    d.close().await?;
    result
}

/// Realistic responses for the screenshots: a month of kiosk and paper answers with profiles.
fn screenshot_db(db: &Path) -> Res {
    prepared(db)?;
    let genders = ["Laki-laki", "Perempuan"];
    let ages = ["< 30 tahun", "30–49 tahun", "≥ 50 tahun"];
    let suggestions = [
        "Kursi ruang tunggu kurang saat ramai.",
        "Petugas ramah, terima kasih.",
        "Informasi biaya mohon dipasang di depan loket.",
    ];
    let mut calls = Vec::new();
    for i in 0..23u32 {
        let score = |u: u32| {
            let s = (2 + i64::from((i * 7 + u * 3) % 3) + i64::from(u == 7)).min(4);
            json!(s - i64::from(u == 9 && i % 2 == 0))
        };
        let answers: serde_json::Map<_, _> = (1..=9)
            .map(|u| {
                (
                    format!("U{u}"),
                    if u == 4 && i % 5 == 0 {
                        Value::Null
                    } else {
                        score(u)
                    },
                )
            })
            .collect();
        let mut r = json!({
            "service": if i % 3 == 0 { "KK" } else { "KTP" },
            "answers": answers,
            "profile": {"gender": genders[(i % 2) as usize], "age": ages[(i % 3) as usize]},
        });
        if i % 6 == 1 {
            r["suggestion"] = json!(suggestions[(i / 6) as usize % 3]);
        }
        calls.push(("survey.submit", r));
    }
    machine(db, &calls)
}

async fn survey_tour(d: &Desktop, dir: &Path) -> Res {
    let c = &d.client;
    super::log_in(c, SUPERVISOR, STAFF_PIN).await?;
    click(c, "nav-survey-kiosk").await?;
    el(c, "survey-settings").await?;
    super::shot(c, dir, "40-survey-kiosk-setup").await?;
    click(c, "survey-kiosk-start").await?;
    step_is(c, "welcome").await?;
    super::shot(c, dir, "41-survey-kiosk-welcome").await?;
    click(c, "survey-begin").await?;
    click(c, "survey-rate-4").await?;
    step_is(c, "U2").await?;
    super::shot(c, dir, "42-survey-kiosk-question").await?;
    for _ in 2..=9 {
        click(c, "survey-rate-3").await?;
    }
    step_is(c, "profile").await?;
    click(c, "survey-p-gender-1").await?;
    click(c, "survey-p-age-1").await?;
    super::shot(c, dir, "43-survey-kiosk-profile").await?;
    click(c, "survey-next").await?;
    fill(c, "survey-suggestion", "Antrean sudah tertib, pertahankan.").await?;
    super::shot(c, dir, "44-survey-kiosk-suggestion").await?;
    click(c, "survey-next").await?;
    el(c, "survey-thanks").await?;
    super::shot(c, dir, "45-survey-kiosk-thanks").await?;
    click(c, "survey-done").await?;
    click(c, "survey-exit").await?;
    fill(c, "survey-exit-user", PETUGAS).await?;
    fill(c, "survey-exit-pin", STAFF_PIN).await?;
    click(c, "survey-exit-ok").await?;
    el(c, "error").await?;
    super::shot(c, dir, "46-survey-kiosk-exit-refused").await?;
    fill(c, "survey-exit-user", SUPERVISOR).await?;
    fill(c, "survey-exit-pin", STAFF_PIN).await?;
    click(c, "survey-exit-ok").await?;
    wait_gone(c, &testid("survey-kiosk-run")).await?;

    click(c, "nav-survey-ikm").await?;
    wait_text(c, &testid("survey-respondents"), "25").await?;
    super::shot(c, dir, "47-survey-ikm").await?;
    fill(c, "survey-f-population", "1200").await?;
    wait_text(c, &testid("survey-sample"), "291").await?;
    c.execute("document.querySelector('main').scrollTop = 10000;", vec![])
        .await?;
    super::shot(c, dir, "48-survey-ikm-profile").await?;
    let csv = d.db.with_file_name("survei-kertas.csv");
    std::fs::write(
        &csv,
        "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender\n\
         2026-11-02,KTP,4,4,4,4,4,4,4,4,4,Perempuan\n\
         02/11/2026,KTP,4,4,4,4,4,4,4,4,4,\n\
         2026-11-02,KTPX,4,4,4,9,4,4,4,4,4,\n",
    )?;
    c.execute(
        "globalThis.__loketE2eFiles = { pick: [arguments[0]] }; document.querySelector('main').scrollTop = 0;",
        vec![json!(csv.to_string_lossy())],
    )
    .await?;
    click(c, "survey-import").await?;
    el(c, "survey-import-errors").await?;
    super::shot(c, dir, "49-survey-ikm-import-errors").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots; run by scripts/screenshots.sh"]
async fn screenshots_survey() -> Res {
    if !enabled("screenshots_survey") {
        return Ok(());
    }
    let dir = std::env::var_os("LOKET_SCREENSHOTS_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("docs/screenshots"));
    std::fs::create_dir_all(&dir)?;
    let d = Desktop::start_with(screenshot_db).await?;
    let result = survey_tour(&d, &dir).await;
    if result.is_err() {
        super::save_failure_screenshot(&d, "screenshots_survey").await;
    }
    d.close().await?;
    result
}
