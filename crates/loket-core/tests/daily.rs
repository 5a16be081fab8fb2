//! The daily log through the command layer: recap figures against a hand-computed day, review
//! states and roles, approval fingerprint, late data from another device's file marking the
//! day changed after approval, period recap, XLSX read back.

mod common;

use std::path::{Path, PathBuf};

use common::{Device, T0};
use loket_core::api::Actor;
use loket_core::Locale;
use serde_json::{json, Value};

const NIP: &str = "198503152010011003";
const SPV_NIP: &str = "197901012005012001";
const MIN: i64 = 60_000;

fn seed(d: &Device) {
    d.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    for (code, prefix, minutes) in [("KTP", "A", 30), ("KK", "B", 45)] {
        d.ok(
            "service.add",
            json!({"code": code, "agency": "DUK", "name": code, "prefix": prefix, "minutes": minutes}),
        );
    }
    d.ok(
        "counter.add",
        json!({"code": "L1", "name": "Loket 1", "services": ["KTP", "KK"]}),
    );
    d.ok(
        "counter.add",
        json!({"code": "L2", "name": "Loket 2", "services": ["KTP"]}),
    );
    d.ok(
        "sla.set",
        json!({"category": "umum", "name": "Umum", "respond_days": 1, "resolve_days": 5}),
    );
    d.ok(
        "staff.add",
        json!({"nip": NIP, "name": "Budi", "agency": "DUK"}),
    );
    d.ok(
        "staff.add",
        json!({"nip": SPV_NIP, "name": "Sari Dewi", "agency": "DUK"}),
    );
    d.ok(
        "user.add",
        json!({"username": "budi", "role": "petugas", "nip": NIP, "pin": "1111"}),
    );
    d.ok(
        "user.add",
        json!({"username": "sari", "role": "supervisor", "nip": SPV_NIP, "pin": "2222"}),
    );
}

fn as_user(d: &Device, who: &Actor, cmd: &str, args: Value) -> Result<Value, String> {
    d.api
        .call(who, Locale::En, cmd, args)
        .map_err(|e| e.message)
}

/// The hand-computed day 2026-11-23 (WIB), T0 = 09:00:
/// - 09:00 A-001 (KTP), 09:01 B-001 (KK), 09:02 A-002 (KTP), 10:00 A-003 (KTP, left waiting)
/// - budi at L1: calls A-001 09:05 (wait 300 s), starts 09:06, done 09:16 (service 600 s);
///   calls B-001 09:20 (wait 1140 s), starts 09:21, done 09:36 (service 900 s)
/// - L2 (no officer): calls A-002 09:40 (wait 2280 s), no-show 09:45
/// - one complaint at 09:50; two survey responses (all 4, all 3)
fn day(d: &Device) {
    let budi = d.api.login("budi", "1111", Locale::En).unwrap();
    let at = |m: i64| d.clock.set(T0 + m * MIN);
    at(0);
    d.ok("queue.issue", json!({"service": "KTP"}));
    at(1);
    d.ok("queue.issue", json!({"service": "KK"}));
    at(2);
    d.ok("queue.issue", json!({"service": "KTP"}));
    at(5);
    let c = as_user(d, &budi, "queue.call", json!({"counter": "L1"})).unwrap();
    assert_eq!(c["ticket"]["number"], "A-001");
    at(6);
    as_user(d, &budi, "queue.start", json!({"ticket": "A-001"})).unwrap();
    at(16);
    as_user(d, &budi, "queue.finish", json!({"ticket": "A-001"})).unwrap();
    at(20);
    let c = as_user(d, &budi, "queue.call", json!({"counter": "L1"})).unwrap();
    assert_eq!(c["ticket"]["number"], "B-001");
    at(21);
    as_user(d, &budi, "queue.start", json!({"ticket": "B-001"})).unwrap();
    at(36);
    as_user(d, &budi, "queue.finish", json!({"ticket": "B-001"})).unwrap();
    at(40);
    let c = d.ok("queue.call", json!({"counter": "L2"}));
    assert_eq!(c["ticket"]["number"], "A-002");
    at(45);
    d.ok("queue.no_show", json!({"ticket": "A-002"}));
    at(50);
    d.ok(
        "complaint.add",
        json!({"channel": "WA", "category": "umum", "summary": "Antrian lama"}),
    );
    let all = |v: i64| {
        let mut m = serde_json::Map::new();
        for i in 1..=9 {
            m.insert(format!("U{i}"), json!(v));
        }
        Value::Object(m)
    };
    d.ok(
        "survey.submit",
        json!({"service": "KTP", "answers": all(4)}),
    );
    d.ok(
        "survey.submit",
        json!({"service": "KTP", "answers": all(3)}),
    );
    at(60);
    d.ok("queue.issue", json!({"service": "KTP"}));
}

fn recap(d: &Device, date: &str) -> Value {
    d.ok("daily.recap", json!({"date": date}))
}

fn find<'a>(rows: &'a Value, key: &str, val: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r[key] == val)
        .unwrap_or_else(|| panic!("no {key}={val} in {rows}"))
}

#[test]
fn recap_figures_match_the_hand_computed_day() {
    let d = Device::new("MPP Medan", "Loket PC", 1);
    seed(&d);
    day(&d);
    let r = recap(&d, "2026-11-23");
    assert_eq!(r["date"], "2026-11-23");
    assert_eq!(r["site"], "MPP Medan");
    assert_eq!(r["status"], "draft");
    let q = &r["queue"];
    assert_eq!(q["issued"], 4);
    assert_eq!(q["called"], 3);
    assert_eq!(q["served"], 2);
    assert_eq!(q["no_show"], 1);
    assert_eq!(q["waiting"], 1);
    assert_eq!(q["avg_wait_s"], (300 + 1140 + 2280) / 3);
    assert_eq!(q["worst_wait_s"], 2280);
    assert_eq!(q["avg_service_s"], (600 + 900) / 2);
    assert_eq!(q["worst_service_s"], 900);
    let ktp = find(&q["by_service"], "service", "KTP");
    assert_eq!(ktp["issued"], 3);
    assert_eq!(ktp["served"], 1);
    assert_eq!(ktp["no_show"], 1);
    assert_eq!(ktp["avg_wait_s"], (300 + 2280) / 2);
    let kk = find(&q["by_service"], "service", "KK");
    assert_eq!(kk["issued"], 1);
    assert_eq!(kk["served"], 1);
    assert_eq!(kk["avg_service_s"], 900);
    let l1 = find(&q["by_counter"], "key", "L1");
    assert_eq!(
        (l1["called"].clone(), l1["served"].clone()),
        (json!(2), json!(2))
    );
    let l2 = find(&q["by_counter"], "key", "L2");
    assert_eq!(
        (l2["called"].clone(), l2["no_show"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(find(&q["by_hour"], "key", "09")["issued"], 3);
    assert_eq!(find(&q["by_hour"], "key", "10")["issued"], 1);
    assert_eq!(r["complaints"]["received"], 1);
    assert_eq!(r["complaints"]["resolved"], 0);
    assert_eq!(r["complaints"]["overdue"], 0);
    assert_eq!(r["survey"]["respondents"], 2);
    assert_eq!(r["survey"]["score"], 87.5);
    assert_eq!(r["survey"]["grade"], "B");
    let officers = r["officers"].as_array().unwrap();
    assert_eq!(officers.len(), 1, "{officers:?}");
    assert_eq!(officers[0]["nip"], NIP);
    assert_eq!(officers[0]["name"], "Budi");
    assert_eq!(officers[0]["served"], 2);
    let devs = r["devices"].as_array().unwrap();
    assert_eq!(devs.len(), 1);
    assert_eq!(devs[0]["tickets"], 4);
    assert_eq!(devs[0]["included"], true);
    assert_eq!(devs[0]["this_device"], true);
    assert_eq!(r["changed_after_approval"], false);

    // another day is empty, and the day is the site's local day
    let e = recap(&d, "2026-11-22");
    assert_eq!(e["queue"]["issued"], 0);
    assert_eq!(e["queue"]["avg_wait_s"], Value::Null);
    assert_eq!(e["survey"]["score"], Value::Null);

    // bad input
    let bad = d
        .call("daily.recap", json!({"date": "23-11-2026"}))
        .unwrap_err();
    assert!(bad.message.contains("23-11-2026"), "{}", bad.message);
    let bad = d
        .call(
            "daily.recap",
            json!({"date": "2026-11-23", "site": "Nowhere"}),
        )
        .unwrap_err();
    assert!(bad.message.contains("Nowhere"), "{}", bad.message);
    // the site by name, case- and space-insensitively
    let r2 = d.ok(
        "daily.recap",
        json!({"date": "2026-11-23", "site": "mpp  MEDAN"}),
    );
    assert_eq!(r2["queue"]["issued"], 4);
}

#[test]
fn complaints_of_a_past_day_are_not_rewritten_by_later_moves() {
    let d = Device::new("MPP Medan", "Loket PC", 1);
    seed(&d);
    d.ok(
        "complaint.add",
        json!({"channel": "WA", "category": "umum", "summary": "A"}),
    );
    let before = recap(&d, "2026-11-23")["complaints"].clone();
    assert_eq!(before["open"], 1);
    // the next day it is verified, assigned, worked on and resolved
    d.clock.set(T0 + 24 * 60 * MIN);
    let n = d.ok("complaint.list", json!({}))[0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    d.ok("complaint.move", json!({"number": n, "to": "verified"}));
    d.ok("complaint.assign", json!({"number": n, "staff": NIP}));
    d.ok("complaint.move", json!({"number": n, "to": "in_progress"}));
    d.ok(
        "complaint.move",
        json!({"number": n, "to": "resolved", "note": "selesai"}),
    );
    assert_eq!(recap(&d, "2026-11-23")["complaints"], before);
    let next = recap(&d, "2026-11-24")["complaints"].clone();
    assert_eq!(next["received"], 0);
    assert_eq!(next["resolved"], 1);
    assert_eq!(next["open"], 0);
    // never resolved: a complaint received on the 23rd with a 1-day respond deadline is
    // overdue a few working days later
    d.ok(
        "complaint.add",
        json!({"channel": "WA", "category": "umum", "summary": "B", "received": "2026-11-24T08:00"}),
    );
    assert_eq!(recap(&d, "2026-11-24")["complaints"]["overdue"], 0);
    assert_eq!(recap(&d, "2026-11-27")["complaints"]["overdue"], 1);
}

fn export(d: &Device, dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    d.ok("sync.export", json!({"out": p, "full": true}));
    p
}

#[test]
fn review_states_roles_lock_and_late_data_from_another_device() {
    let dir = tempfile::tempdir().unwrap();
    let a = Device::new("MPP Medan", "Loket PC", 1);
    seed(&a);
    day(&a);
    // a field laptop of the same site gets the master data, works the same day offline
    let b = Device::new("MPP Medan", "Laptop Keliling", 2);
    b.ok(
        "sync.import",
        json!({"file": export(&a, dir.path(), "a0.loket")}),
    );
    // the office PC learns of the laptop (its first file, before it goes out)
    a.ok(
        "sync.import",
        json!({"file": export(&b, dir.path(), "b0.loket")}),
    );
    b.clock.set(T0 + 30 * MIN);
    b.ok("queue.issue", json!({"service": "KK"}));
    b.clock.set(T0 + 35 * MIN);
    b.ok("queue.call", json!({"counter": "L1"}));
    b.clock.set(T0 + 36 * MIN);
    let b_id = b.ok("status", json!({}))["device_id"]
        .as_str()
        .unwrap()
        .to_string();

    // 16:00: the supervisor reviews the day on the office PC
    a.clock.set(T0 + 7 * 60 * MIN);
    let budi = a.api.login("budi", "1111", Locale::En).unwrap();
    let sari = a.api.login("sari", "2222", Locale::En).unwrap();
    let s = as_user(
        &a,
        &budi,
        "daily.note",
        json!({"date": "2026-11-23", "text": "x"}),
    )
    .unwrap_err();
    assert!(s.contains("petugas"), "{s}");
    assert!(as_user(&a, &budi, "daily.approve", json!({"date": "2026-11-23"})).is_err());
    assert_eq!(
        a.ok("daily.status", json!({"date": "2026-11-23"}))["status"],
        "draft"
    );
    let e = as_user(
        &a,
        &sari,
        "daily.note",
        json!({"date": "2026-11-23", "text": "  "}),
    )
    .unwrap_err();
    assert!(e.contains("empty"), "{e}");
    let e = as_user(
        &a,
        &sari,
        "daily.note",
        json!({"date": "2026-11-24", "text": "x"}),
    )
    .unwrap_err();
    assert!(e.contains("not happened yet"), "{e}");
    let n = as_user(
        &a,
        &sari,
        "daily.note",
        json!({"date": "2026-11-23", "text": "Loket 2 sering kosong"}),
    )
    .unwrap();
    assert_eq!(n["status"], "reviewed");
    assert_eq!(n["locked"], false);
    as_user(
        &a,
        &sari,
        "daily.note",
        json!({"date": "2026-11-23", "text": "Cek printer"}),
    )
    .unwrap();
    let ap = as_user(&a, &sari, "daily.approve", json!({"date": "2026-11-23"})).unwrap();
    assert_eq!(ap["status"], "approved");
    assert_eq!(ap["locked"], true);
    assert_eq!(ap["unchanged"], false);
    assert_eq!(ap["approval"]["by_user"], "sari");
    assert_eq!(ap["approval"]["by_nip"], SPV_NIP);
    assert_eq!(ap["approval"]["by_name"], "Sari Dewi");
    assert_eq!(ap["approval"]["at"], "2026-11-23T16:00:00+07:00");
    let r = recap(&a, "2026-11-23");
    assert_eq!(r["notes"].as_array().unwrap().len(), 2);
    assert_eq!(r["approval"]["fingerprint"], r["fingerprint"]);
    assert_eq!(r["changed_after_approval"], false);
    // the field laptop is listed, with no data included and never imported: obvious
    let lap = find(&r["devices"], "device_id", &b_id);
    assert_eq!(lap["included"], false);
    assert_eq!(lap["tickets"], 0);
    assert_eq!(lap["last_import"], "2026-11-23T10:00:00+07:00");
    let w = r["warnings"].as_array().unwrap();
    assert!(
        w.iter()
            .any(|w| w.as_str().unwrap().contains("Laptop Keliling")),
        "{w:?}"
    );
    // approving again with nothing changed writes nothing
    let fp = a.fingerprint();
    let again = as_user(&a, &sari, "daily.approve", json!({"date": "2026-11-23"})).unwrap();
    assert_eq!(again["unchanged"], true);
    assert_eq!(a.fingerprint(), fp);

    // next week the laptop's file arrives: stored, and the day is marked with what changed
    a.clock.set(T0 + 7 * 24 * 60 * MIN);
    let f = export(&b, dir.path(), "b1.loket");
    let imp = a.ok("sync.import", json!({"file": f}));
    assert!(imp["new_events"].as_i64().unwrap() > 0);
    let r = recap(&a, "2026-11-23");
    assert_eq!(r["status"], "approved");
    assert_eq!(r["locked"], true);
    assert_eq!(r["changed_after_approval"], true);
    assert_eq!(
        r["queue"]["issued"], 5,
        "late data is counted, nothing lost"
    );
    let ch = &r["changes"];
    let issued = find(&ch["figures"], "key", "queue.issued");
    assert_eq!(
        (issued["from"].clone(), issued["to"].clone()),
        (json!(4), json!(5))
    );
    let kk = find(&ch["figures"], "key", "queue.by_service[KK].issued");
    assert_eq!((kk["from"].clone(), kk["to"].clone()), (json!(1), json!(2)));
    assert_eq!(ch["new_devices"], json!([b_id]));
    let lap = find(&r["devices"], "device_id", &b_id);
    assert_eq!(lap["included"], true);
    assert_eq!(lap["tickets"], 1);
    assert_eq!(lap["last_import"], "2026-11-30T09:00:00+07:00");
    let st = a.ok("daily.status", json!({"date": "2026-11-23"}));
    assert_eq!(st["changed_after_approval"], true);
    // re-approval clears the mark and reports what it signed off
    let re = as_user(&a, &sari, "daily.approve", json!({"date": "2026-11-23"})).unwrap();
    assert_eq!(re["changed_after_approval"], false);
    assert!(re["changes"]["figures"].as_array().unwrap().len() >= 2);
    assert_eq!(recap(&a, "2026-11-23")["changed_after_approval"], false);

    // the approvals travel by file too, and both PCs agree on the day
    b.ok(
        "sync.import",
        json!({"file": export(&a, dir.path(), "a1.loket")}),
    );
    let rb = recap(&b, "2026-11-23");
    assert_eq!(rb["status"], "approved");
    assert_eq!(rb["changed_after_approval"], false);
    assert_eq!(rb["fingerprint"], recap(&a, "2026-11-23")["fingerprint"]);
}

#[test]
fn period_recap_has_a_row_per_day_and_totals() {
    let d = Device::new("MPP Medan", "Loket PC", 1);
    seed(&d);
    day(&d);
    d.clock.set(T0 + 24 * 60 * MIN);
    d.ok("queue.issue", json!({"service": "KTP"}));
    let p = d.ok(
        "daily.period",
        json!({"from": "2026-11-22", "to": "2026-11-24"}),
    );
    let days = p["days"].as_array().unwrap();
    assert_eq!(days.len(), 3);
    assert_eq!(days[0]["date"], "2026-11-22");
    assert_eq!(days[0]["issued"], 0);
    assert_eq!(days[1]["issued"], 4);
    assert_eq!(days[1]["served"], 2);
    assert_eq!(days[1]["avg_wait_s"], 1240);
    assert_eq!(days[1]["complaint_backlog"], 1);
    assert_eq!(days[2]["complaint_backlog"], 1);
    assert_eq!(days[1]["skm_score"], 87.5);
    assert_eq!(days[2]["issued"], 1);
    assert_eq!(p["sites"][0]["issued"], 5);
    assert_eq!(p["sites"][0]["served"], 2);
    assert_eq!(p["sites"][0]["survey_respondents"], 2);
    let e = d
        .call(
            "daily.period",
            json!({"from": "2026-11-24", "to": "2026-11-22"}),
        )
        .unwrap_err();
    assert!(e.message.contains("after"), "{}", e.message);
    let e = d
        .call(
            "daily.period",
            json!({"from": "2020-01-01", "to": "2026-11-22"}),
        )
        .unwrap_err();
    assert!(e.message.contains("at most"), "{}", e.message);
}

#[test]
fn xlsx_reads_back_with_numbers_and_dates() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let d = Device::new("MPP Medan", "Loket PC", 1);
    seed(&d);
    day(&d);
    d.clock.set(T0 + 7 * 60 * MIN);
    d.ok("daily.note", json!({"date": "2026-11-23", "text": "Baik"}));
    d.ok("daily.approve", json!({"date": "2026-11-23"}));
    let out = dir.path().join("day.xlsx");
    d.ok(
        "daily.export",
        json!({"date": "2026-11-23", "format": "xlsx", "out": out}),
    );
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let names = wb.sheet_names();
    for s in [
        "Ringkasan",
        "Layanan",
        "Loket",
        "Jam",
        "Petugas",
        "Pengaduan",
        "Survei",
        "Perangkat",
        "Catatan",
    ] {
        assert!(names.iter().any(|n| n == s), "{s} in {names:?}");
    }
    let sum = wb.worksheet_range("Ringkasan").unwrap();
    // the date is a real date cell
    match sum.get_value((2, 1)).unwrap() {
        Data::DateTime(dt) => {
            let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            let day = base + chrono::Days::new(dt.as_f64() as u64);
            assert_eq!(day.to_string(), "2026-11-23")
        }
        other => panic!("date cell is {other:?}"),
    }
    let value_of = |label: &str| {
        let row = (0..sum.height())
            .find(|&r| sum.get_value((r as u32, 0)) == Some(&Data::String(label.into())))
            .unwrap_or_else(|| panic!("no row {label}"));
        sum.get_value((row as u32, 1)).unwrap().clone()
    };
    assert_eq!(value_of("Antrian diambil"), Data::Float(4.0));
    assert_eq!(value_of("Dilayani"), Data::Float(2.0));
    assert_eq!(
        value_of("Rata-rata waktu tunggu (detik)"),
        Data::Float(1240.0)
    );
    assert_eq!(value_of("Nilai SKM (konversi)"), Data::Float(87.5));
    assert_eq!(
        value_of("Disetujui oleh"),
        Data::String("administrator (machine)".into())
    );
    assert!(matches!(value_of("Disetujui pada"), Data::DateTime(_)));
    let svc = wb.worksheet_range("Layanan").unwrap();
    let ktp_row = (1..svc.height() as u32)
        .find(|&r| svc.get_value((r, 0)) == Some(&Data::String("KTP".into())))
        .unwrap();
    assert_eq!(svc.get_value((ktp_row, 2)), Some(&Data::Float(3.0)));
    assert_eq!(svc.get_value((ktp_row, 7)), Some(&Data::Float(30.0)));
    let notes = wb.worksheet_range("Catatan").unwrap();
    assert!(matches!(notes.get_value((1, 0)), Some(Data::DateTime(_))));
    assert_eq!(notes.get_value((1, 3)), Some(&Data::String("Baik".into())));

    // the period workbook: dates and numbers too
    let out = dir.path().join("p.xlsx");
    d.ok(
        "daily.period_export",
        json!({"from": "2026-11-22", "to": "2026-11-23", "format": "xlsx", "out": out}),
    );
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let h = wb.worksheet_range("Harian").unwrap();
    assert!(matches!(h.get_value((1, 0)), Some(Data::DateTime(_))));
    assert_eq!(h.get_value((2, 2)), Some(&Data::Float(4.0)));
    assert_eq!(
        h.get_value((2, 15)),
        Some(&Data::String("disetujui".into()))
    );

    // CSV and PDF are written too
    for (f, magic) in [("csv", &b"date,site"[..]), ("pdf", &b"%PDF"[..])] {
        let out = dir.path().join(format!("day.{f}"));
        d.ok(
            "daily.export",
            json!({"date": "2026-11-23", "format": f, "out": out}),
        );
        assert!(std::fs::read(&out).unwrap().starts_with(magic));
    }
    let e = d
        .call(
            "daily.export",
            json!({"date": "2026-11-23", "format": "xlsx", "out": " "}),
        )
        .unwrap_err();
    assert!(e.message.contains("output file"), "{}", e.message);
}
