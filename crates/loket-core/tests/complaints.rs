//! Complaints through the command layer: registration, lifecycle, SLA arithmetic with
//! holidays and pauses, lists, figures, roles, and numbers across synced devices.

mod common;

use common::Device;
use loket_core::api::Actor;
use loket_core::Locale;
use serde_json::{json, Value};

const NIP: &str = "198503152010011003";
const NIP2: &str = "199001012015032001";

/// Site-local wall time (WIB) as epoch ms.
fn wib(s: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(&format!("{s}:00+07:00"))
        .unwrap()
        .timestamp_millis()
}

fn seeded(name: &str, seed: u64) -> Device {
    let d = Device::new("MPP Medan", name, seed);
    d.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    d.ok("agency.add", json!({"code": "PTSP", "name": "DPMPTSP"}));
    d.ok(
        "service.add",
        json!({"code": "KTP", "agency": "DUK", "name": "KTP-el", "prefix": "A"}),
    );
    d.ok(
        "service.add",
        json!({"code": "IZIN", "agency": "PTSP", "name": "Izin usaha", "prefix": "B"}),
    );
    d.ok(
        "staff.add",
        json!({"nip": NIP, "name": "Budi", "agency": "DUK"}),
    );
    d.ok(
        "staff.add",
        json!({"nip": NIP2, "name": "Sri", "agency": "PTSP"}),
    );
    d.ok(
        "sla.set",
        json!({"category": "umum", "name": "Umum", "respond_days": 1, "resolve_days": 5}),
    );
    d.ok(
        "sla.set",
        json!({"category": "BERAT", "name": "Berat", "respond_days": 3, "resolve_days": 14}),
    );
    d
}

fn add(d: &Device, args: Value) -> String {
    d.ok("complaint.add", args)["number"]
        .as_str()
        .unwrap()
        .to_string()
}

fn mv(d: &Device, n: &str, to: &str, at: &str) -> Value {
    d.ok("complaint.move", json!({"number": n, "to": to, "at": at}))
}

fn list(d: &Device, args: Value) -> Vec<Value> {
    d.ok("complaint.list", args).as_array().unwrap().clone()
}

fn find<'a>(rows: &'a [Value], n: &str) -> &'a Value {
    rows.iter().find(|r| r["number"] == n).unwrap()
}

#[test]
fn a_complaint_goes_through_its_lifecycle_with_a_timeline() {
    let d = seeded("Loket 1", 1);
    d.clock.set(wib("2026-11-20T16:00"));
    let out = d.ok(
        "complaint.add",
        json!({"channel": "WA", "category": "umum", "summary": "Antrian terlalu lama",
               "service": "ktp", "name": "Ani", "phone": "0812 3456 7890",
               "nik": "1275011503850003", "details": "Menunggu 3 jam"}),
    );
    let n = out["number"].as_str().unwrap().to_string();
    assert!(n.starts_with("ADU-20261120-"), "{n}");
    assert!(n.ends_with("-001"), "{n}");
    // Friday + 1 working day = Monday; + 5 = next Friday
    assert_eq!(out["respond_due"], "2026-11-23");
    assert_eq!(out["resolve_due"], "2026-11-27");

    d.clock.set(wib("2026-11-23T08:00"));
    mv(&d, &n, "verified", "2026-11-23T08:00");
    let r = d.ok("complaint.assign", json!({"number": n, "staff": NIP}));
    assert_eq!(r["complaint"]["status"], "assigned");
    assert_eq!(r["complaint"]["assigned_nip"], NIP);
    mv(&d, &n, "in_progress", "2026-11-23T08:00");
    d.ok(
        "complaint.move",
        json!({"number": n, "to": "waiting", "note": "minta fotokopi KK"}),
    );
    // waiting since Monday: as of Thursday 3 working days are paused
    d.clock.set(wib("2026-11-26T09:00"));
    let row = find(&list(&d, json!({})), &n).clone();
    assert_eq!(row["paused_days"], 3);
    assert_eq!(row["resolve_due"], "2026-12-02");
    mv(&d, &n, "in_progress", "2026-11-26T09:00");
    d.ok(
        "complaint.note",
        json!({"number": n, "text": "berkas lengkap"}),
    );
    d.clock.set(wib("2026-12-01T10:00"));
    mv(&d, &n, "resolved", "2026-12-01T10:00");
    d.ok(
        "complaint.answer",
        json!({"number": n, "text": "KTP-el sudah dapat diambil"}),
    );
    mv(&d, &n, "closed", "2026-12-01T10:00");

    let det = d.ok("complaint.show", json!({"number": n}));
    assert_eq!(det["status"], "closed");
    assert_eq!(det["agency"], "DUK");
    assert_eq!(det["paused_days"], 3);
    assert_eq!(det["resolve_due"], "2026-12-02");
    assert_eq!(det["resolved_at"], "2026-12-01T10:00:00+07:00");
    assert_eq!(det["resolved_on_time"], true);
    assert_eq!(det["responded_on_time"], true);
    // (20 Nov, 1 Dec] has 7 working days, 3 of them paused
    assert_eq!(det["resolution_days"], 4);
    assert_eq!(det["answer"], "KTP-el sudah dapat diambil");
    assert_eq!(det["allowed_moves"], json!([]));
    let kinds: Vec<&str> = det["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["register", "move", "assign", "move", "move", "move", "note", "move", "answer", "move"]
    );
    let t = det["timeline"].as_array().unwrap();
    assert_eq!(t[4]["to_status"], "waiting");
    assert_eq!(t[4]["note"], "minta fotokopi KK");
    assert_eq!(t[2]["staff_name"], "Budi");
    assert_eq!(t[0]["at"], "2026-11-20T16:00:00+07:00");
    // the state is a function of the events: a rebuild changes nothing
    let fp = d.fingerprint();
    assert_eq!(d.ok("rebuild", json!({})).as_str().unwrap(), fp);
    assert_eq!(d.ok("complaint.show", json!({"number": n})), det);
}

#[test]
fn moves_outside_the_table_fail_naming_the_allowed_ones() {
    let d = seeded("Loket 1", 2);
    let n = add(
        &d,
        json!({"channel": "langsung", "category": "UMUM", "summary": "x"}),
    );
    let e = d
        .call("complaint.move", json!({"number": n, "to": "resolved"}))
        .unwrap_err();
    assert_eq!(e.code, "invalid");
    assert!(
        e.message.contains("allowed: verified, rejected, forwarded"),
        "{}",
        e.message
    );
    let e = d
        .call("complaint.move", json!({"number": n, "to": "received"}))
        .unwrap_err();
    assert!(e.message.contains("allowed"), "{}", e.message);
    let e = d
        .call("complaint.move", json!({"number": n, "to": "done"}))
        .unwrap_err();
    assert!(e.message.contains("unknown status"), "{}", e.message);
    // a final state allows nothing
    let r = d.ok(
        "complaint.move",
        json!({"number": n, "to": "forwarded", "note": "bukan wewenang: BPJS"}),
    );
    assert_eq!(r["complaint"]["status"], "forwarded");
    assert!(r["warnings"].as_array().unwrap().is_empty());
    let e = d
        .call("complaint.move", json!({"number": n, "to": "verified"}))
        .unwrap_err();
    assert!(e.message.contains("none (final)"), "{}", e.message);
    // Indonesian message names them too
    let n2 = add(
        &d,
        json!({"channel": "telepon", "category": "UMUM", "summary": "y"}),
    );
    let e = d
        .api
        .call(
            &Actor::Machine,
            Locale::Id,
            "complaint.move",
            json!({"number": n2, "to": "closed"}),
        )
        .unwrap_err();
    assert!(
        e.message
            .contains("yang boleh: verified, rejected, forwarded"),
        "{}",
        e.message
    );
    // resolved can be reopened, which clears resolved_at
    for to in ["verified", "assigned", "in_progress", "resolved"] {
        d.ok("complaint.move", json!({"number": n2, "to": to}));
    }
    assert!(find(&list(&d, json!({})), &n2)["resolved_at"].is_string());
    d.ok(
        "complaint.move",
        json!({"number": n2, "to": "in_progress", "note": "warga belum puas"}),
    );
    assert!(find(&list(&d, json!({})), &n2)["resolved_at"].is_null());
    // escalated → assigned / in_progress only
    d.ok("complaint.move", json!({"number": n2, "to": "escalated"}));
    let e = d
        .call("complaint.move", json!({"number": n2, "to": "resolved"}))
        .unwrap_err();
    assert!(
        e.message.contains("allowed: assigned, in_progress"),
        "{}",
        e.message
    );
}

#[test]
fn assign_works_from_every_open_status_and_moves_only_from_verified() {
    let d = seeded("Loket 1", 3);
    let n = add(
        &d,
        json!({"channel": "email", "category": "UMUM", "summary": "x"}),
    );
    // received: assigned but still received
    let r = d.ok("complaint.assign", json!({"number": n, "staff": NIP}));
    assert_eq!(r["complaint"]["status"], "received");
    assert_eq!(r["complaint"]["assigned_nip"], NIP);
    d.ok("complaint.move", json!({"number": n, "to": "verified"}));
    let r = d.ok("complaint.assign", json!({"number": n, "staff": NIP2}));
    assert_eq!(r["complaint"]["status"], "assigned");
    assert_eq!(r["complaint"]["assigned_nip"], NIP2);
    for to in ["in_progress", "waiting"] {
        d.ok("complaint.move", json!({"number": n, "to": to}));
        let r = d.ok("complaint.assign", json!({"number": n, "staff": NIP}));
        assert_eq!(r["complaint"]["status"], to);
    }
    d.ok("complaint.move", json!({"number": n, "to": "resolved"}));
    let e = d
        .call("complaint.assign", json!({"number": n, "staff": NIP2}))
        .unwrap_err();
    assert!(e.message.contains("only open complaints"), "{}", e.message);
    let e = d
        .call(
            "complaint.assign",
            json!({"number": n.to_lowercase(), "staff": "123"}),
        )
        .unwrap_err();
    assert!(
        e.message.contains("only open"),
        "number is case-insensitive"
    );
    let m = add(
        &d,
        json!({"channel": "email", "category": "UMUM", "summary": "x"}),
    );
    let e = d
        .call(
            "complaint.assign",
            json!({"number": m, "staff": "199001012015032099"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "not_found");
}

#[test]
fn late_entries_use_the_real_received_date_and_times_are_checked() {
    let d = seeded("Loket 1", 4);
    // today is Mon 23 Nov 2026; a letter received on Mon 2 Nov is entered now
    let out = d.ok(
        "complaint.add",
        json!({"channel": "surat", "category": "UMUM", "summary": "Surat",
               "received": "2026-11-02T10:00"}),
    );
    let n = out["number"].as_str().unwrap();
    assert!(
        n.starts_with("ADU-20261123-"),
        "numbered on the day of entry: {n}"
    );
    assert_eq!(out["respond_due"], "2026-11-03");
    assert_eq!(out["resolve_due"], "2026-11-09");
    let rows = list(&d, json!({"overdue": true}));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["overdue"], true);
    // as of a day before the deadline it was not overdue yet
    assert!(list(&d, json!({"overdue": true, "as_of": "2026-11-03"})).is_empty());
    // as of 4 Nov it is overdue: still received after the respond deadline
    assert_eq!(
        list(&d, json!({"overdue": true, "as_of": "2026-11-04"})).len(),
        1
    );
    // steps cannot be before the receipt, before the previous step or in the future
    let e = d
        .call(
            "complaint.move",
            json!({"number": n, "to": "verified", "at": "2026-11-01T10:00"}),
        )
        .unwrap_err();
    assert!(e.message.contains("before complaint"), "{}", e.message);
    let e = d
        .call(
            "complaint.move",
            json!({"number": n, "to": "verified", "at": "2026-11-24T10:00"}),
        )
        .unwrap_err();
    assert!(e.message.contains("future"), "{}", e.message);
    mv(&d, n, "verified", "2026-11-05T10:00");
    let e = d
        .call(
            "complaint.move",
            json!({"number": n, "to": "rejected", "at": "2026-11-04T10:00"}),
        )
        .unwrap_err();
    assert!(e.message.contains("latest status change"), "{}", e.message);
    // verified late: no longer overdue on the respond deadline, not yet on the resolve one
    assert!(list(&d, json!({"overdue": true, "as_of": "2026-11-06"})).is_empty());
    assert_eq!(
        list(&d, json!({"overdue": true, "as_of": "2026-11-10"})).len(),
        1
    );
    let det = d.ok("complaint.show", json!({"number": n}));
    assert_eq!(det["responded_on_time"], false);
    // received in the future / bad formats
    for (args, msg) in [
        (json!({"received": "2026-11-24T10:00"}), "future"),
        (json!({"received": "23/11/2026"}), "YYYY-MM-DDTHH:MM"),
        (json!({"channel": "fax"}), "unknown channel"),
        (json!({"type": "gosip"}), "unknown type"),
        (json!({"nik": "12345"}), "16 digits"),
        (json!({"phone": "abc"}), "phone number"),
        (json!({"summary": " "}), "summary"),
        (json!({"service": "NOPE"}), "does not exist"),
        (json!({"category": "BARU"}), "loket sla set"),
    ] {
        let mut a = json!({"channel": "wa", "category": "UMUM", "summary": "x"});
        for (k, v) in args.as_object().unwrap() {
            a[k] = v.clone();
        }
        let e = d.call("complaint.add", a).unwrap_err();
        assert!(e.message.contains(msg), "{args}: {}", e.message);
    }
    // the 30-day rule is a warning
    let out = d.ok(
        "complaint.add",
        json!({"channel": "wa", "category": "UMUM", "summary": "x",
               "service_date": "2026-10-01", "ticket": "A-007"}),
    );
    let w = out["warnings"].as_array().unwrap();
    assert_eq!(w.len(), 2);
    assert!(w[0].as_str().unwrap().contains("30 days"), "{w:?}");
    assert!(w[1].as_str().unwrap().contains("no days in 2026"), "{w:?}");
    // with holidays in the calendar the second warning goes away
    d.ok(
        "holiday.add",
        json!({"date": "2026-12-25", "name": "Natal"}),
    );
    let out = d.ok(
        "complaint.add",
        json!({"channel": "wa", "category": "UMUM", "summary": "x",
               "received": "2026-11-20"}),
    );
    assert!(out["warnings"].as_array().unwrap().is_empty(), "{out}");
    let n = out["number"].as_str().unwrap();
    let det = d.ok("complaint.show", json!({"number": n}));
    assert_eq!(
        det["received_at"], "2026-11-20T00:00:00+07:00",
        "a date alone is midnight"
    );
}

#[test]
fn holidays_move_due_dates_and_the_national_list_loads_on_request() {
    let d = seeded("Loket 1", 5);
    d.clock.set(wib("2026-12-23T10:00"));
    let n = add(
        &d,
        json!({"channel": "wa", "category": "UMUM", "summary": "x"}),
    );
    // empty calendar: Wed 23 Dec + 1 = Thu 24; + 5 = Wed 30
    let r = find(&list(&d, json!({})), &n).clone();
    assert_eq!(
        (r["respond_due"].as_str(), r["resolve_due"].as_str()),
        (Some("2026-12-24"), Some("2026-12-30"))
    );
    d.ok(
        "holiday.add",
        json!({"date": "2026-12-24", "name": "Cuti Bersama Natal (lokal)"}),
    );
    let out = d.ok("holiday.load_national", json!({"year": 2026}));
    assert_eq!(out["official"], true);
    assert_eq!(out["added"].as_array().unwrap().len(), 24);
    assert_eq!(out["skipped"].as_array().unwrap().len(), 1);
    assert_eq!(out["skipped"][0]["name"], "Cuti Bersama Natal (lokal)");
    let again = d.ok("holiday.load_national", json!({"year": 2026}));
    assert!(again["added"].as_array().unwrap().is_empty());
    let out27 = d.ok("holiday.load_national", json!({"year": 2027}));
    assert_eq!(out27["official"], false);
    assert!(out27["warnings"].as_array().unwrap().len() >= 2);
    // 24 and 25 Dec and 1 Jan are off: respond Mon 28 Dec; resolve 28,29,30,31, 4 Jan
    let r = find(&list(&d, json!({})), &n).clone();
    assert_eq!(r["respond_due"], "2026-12-28");
    assert_eq!(r["resolve_due"], "2027-01-04");
    let e = d
        .call("holiday.load_national", json!({"year": 2031}))
        .unwrap_err();
    assert!(e.message.contains("2025, 2026, 2027"), "{}", e.message);
    // a new database has an empty calendar
    let fresh = Device::new("X", "Y", 9);
    assert_eq!(fresh.ok("holiday.list", json!({})), json!([]));
}

#[test]
fn due_soon_lists_the_next_deadlines() {
    let d = seeded("Loket 1", 6);
    // Mon 23 Nov
    let a = add(
        &d,
        json!({"channel": "wa", "category": "UMUM", "summary": "a"}),
    );
    let b = add(
        &d,
        json!({"channel": "wa", "category": "BERAT", "summary": "b"}),
    );
    d.ok("complaint.move", json!({"number": a, "to": "verified"}));
    d.ok("complaint.move", json!({"number": b, "to": "verified"}));
    // a resolves by Mon 30 Nov; b by 11 Dec
    let soon = d.ok(
        "complaint.due_soon",
        json!({"as_of": "2026-11-26", "within_days": 2}),
    );
    let s = soon.as_array().unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["number"], a);
    assert_eq!(s[0]["deadline"], "resolve");
    assert_eq!(s[0]["due"], "2026-11-30");
    assert_eq!(s[0]["days_left"], 2);
    let c = add(
        &d,
        json!({"channel": "wa", "category": "UMUM", "summary": "c"}),
    );
    let soon = d.ok("complaint.due_soon", json!({}));
    let s = soon.as_array().unwrap();
    assert_eq!(s[0]["number"], c);
    assert_eq!(s[0]["deadline"], "respond");
    assert_eq!(s[0]["due"], "2026-11-24");
}

#[test]
fn stats_per_category_channel_agency_and_officer() {
    let d = seeded("Loket 1", 7);
    // Mon 2 Nov: three complaints
    d.clock.set(wib("2026-11-02T09:00"));
    let a = add(
        &d,
        json!({"channel": "wa", "category": "UMUM", "summary": "a", "service": "KTP"}),
    );
    let b = add(
        &d,
        json!({"channel": "surat", "category": "UMUM", "summary": "b", "service": "IZIN"}),
    );
    let c = add(
        &d,
        json!({"channel": "wa", "category": "BERAT", "summary": "c", "agency": "PTSP"}),
    );
    let _open = add(
        &d,
        json!({"channel": "lapor", "category": "UMUM", "summary": "o"}),
    );
    for (n, nip) in [(&a, NIP), (&b, NIP2), (&c, NIP2)] {
        d.ok("complaint.move", json!({"number": n, "to": "verified"}));
        d.ok("complaint.assign", json!({"number": n, "staff": nip}));
        d.ok("complaint.move", json!({"number": n, "to": "in_progress"}));
    }
    // a: resolved Wed 4 Nov (2 days, on time); b: Tue 10 Nov (6 days, late: due Mon 9)
    d.clock.set(wib("2026-11-04T09:00"));
    d.ok("complaint.move", json!({"number": a, "to": "resolved"}));
    d.clock.set(wib("2026-11-10T09:00"));
    d.ok("complaint.move", json!({"number": b, "to": "resolved"}));
    d.clock.set(wib("2026-11-12T09:00"));
    d.ok("complaint.move", json!({"number": c, "to": "resolved"}));
    // c resolved Thu 12 Nov: 8 working days
    let s = d.ok(
        "complaint.stats",
        json!({"from": "2026-11-01", "to": "2026-11-30"}),
    );
    assert_eq!(s["received"], 4);
    assert_eq!(s["resolved"], 3);
    assert_eq!(s["resolved_on_time"], 2);
    assert_eq!(s["median_resolution_days"], 6.0);
    let item = |k: &str, key: Value| -> Value {
        s[k].as_array()
            .unwrap()
            .iter()
            .find(|i| i["key"] == key)
            .cloned()
            .unwrap_or_else(|| panic!("{k} {key}: {s}"))
    };
    let umum = item("by_category", json!("UMUM"));
    assert_eq!(
        (
            umum["received"].as_u64(),
            umum["resolved"].as_u64(),
            umum["resolved_on_time"].as_u64()
        ),
        (Some(3), Some(2), Some(1))
    );
    assert_eq!(umum["median_resolution_days"], 4.0);
    assert_eq!(item("by_channel", json!("whatsapp"))["resolved"], 2);
    assert_eq!(item("by_channel", json!("lapor"))["resolved"], 0);
    assert!(item("by_channel", json!("lapor"))["median_resolution_days"].is_null());
    let ptsp = item("by_agency", json!("PTSP"));
    assert_eq!(ptsp["received"], 2);
    assert_eq!(ptsp["resolved_on_time"], 1);
    assert_eq!(item("by_agency", Value::Null)["received"], 1);
    let sri = item("by_officer", json!(NIP2));
    assert_eq!(sri["resolved"], 2);
    assert_eq!(sri["median_resolution_days"], 7.0);
    // outside the period: nothing
    let none = d.ok("complaint.stats", json!({"from": "2026-12-01"}));
    assert_eq!(none["received"], 0);
    assert!(none["median_resolution_days"].is_null());
    assert!(d
        .call(
            "complaint.stats",
            json!({"from": "2026-12-01", "to": "2026-11-01"})
        )
        .is_err());
}

#[test]
fn nik_is_masked_except_for_admins_and_roles_are_enforced() {
    let d = seeded("Loket 1", 8);
    d.ok(
        "user.add",
        json!({"username": "adm", "role": "admin", "pin": "1234"}),
    );
    d.ok(
        "user.add",
        json!({"username": "budi", "role": "petugas", "nip": NIP, "pin": "1111"}),
    );
    d.ok(
        "user.add",
        json!({"username": "sri", "role": "supervisor", "pin": "2222"}),
    );
    let login = |u: &str, p: &str| d.api.login(u, p, Locale::En).unwrap();
    let (adm, budi, sri) = (
        login("adm", "1234"),
        login("budi", "1111"),
        login("sri", "2222"),
    );
    let call = |a: &Actor, c: &str, v: Value| d.api.call(a, Locale::En, c, v);
    let n = call(
        &budi,
        "complaint.add",
        json!({"channel": "langsung", "category": "UMUM", "summary": "x", "nik": "1275011503850003"}),
    )
    .unwrap()["number"]
        .as_str()
        .unwrap()
        .to_string();
    let rows = call(&adm, "complaint.list", json!({})).unwrap();
    assert_eq!(rows[0]["nik"], "1275••••••••0003");
    assert!(!rows.to_string().contains("1275011503850003"));
    for who in [&budi, &sri] {
        let det = call(who, "complaint.show", json!({"number": n})).unwrap();
        assert_eq!(det["nik"], "1275••••••••0003");
        assert_eq!(det["nik_full"], false);
    }
    let det = call(&adm, "complaint.show", json!({"number": n})).unwrap();
    assert_eq!(det["nik"], "1275011503850003");
    assert_eq!(det["nik_full"], true);
    // the step records who did it
    call(
        &budi,
        "complaint.move",
        json!({"number": n, "to": "verified"}),
    )
    .unwrap();
    let det = call(&sri, "complaint.show", json!({"number": n})).unwrap();
    assert_eq!(det["timeline"][1]["by_user"], "budi");
    assert_eq!(det["timeline"][1]["by_nip"], NIP);
    // settings are for supervisors and admins
    let e = call(
        &budi,
        "sla.set",
        json!({"category": "X", "name": "X", "respond_days": 1, "resolve_days": 2}),
    )
    .unwrap_err();
    assert_eq!(e.code, "forbidden");
    assert_eq!(
        call(&budi, "holiday.load_national", json!({"year": 2026}))
            .unwrap_err()
            .code,
        "forbidden"
    );
    call(
        &sri,
        "sla.set",
        json!({"category": "X", "name": "X", "respond_days": 1, "resolve_days": 2}),
    )
    .unwrap();
}

#[test]
fn sla_profiles_are_validated_and_snapshotted() {
    let d = seeded("Loket 1", 10);
    for (args, msg) in [
        (json!({"respond_days": 1, "resolve_days": 0}), "1-60"),
        (json!({"respond_days": 1, "resolve_days": 61}), "1-60"),
        (
            json!({"respond_days": 6, "resolve_days": 5}),
            "not more than",
        ),
        (json!({"respond_days": -1, "resolve_days": 5}), "0-5"),
    ] {
        let mut a = json!({"category": "Y", "name": "Y"});
        for (k, v) in args.as_object().unwrap() {
            a[k] = v.clone();
        }
        let e = d.call("sla.set", a).unwrap_err();
        assert!(e.message.contains(msg), "{args}: {}", e.message);
    }
    let n = add(
        &d,
        json!({"channel": "wa", "category": "UMUM", "summary": "x"}),
    );
    // changing the profile later does not change the complaint's deadline
    d.ok(
        "sla.set",
        json!({"category": "UMUM", "name": "Umum", "respond_days": 2, "resolve_days": 10}),
    );
    assert_eq!(find(&list(&d, json!({})), &n)["resolve_due"], "2026-11-30");
    let m = add(
        &d,
        json!({"channel": "wa", "category": "UMUM", "summary": "y"}),
    );
    assert_eq!(find(&list(&d, json!({})), &m)["resolve_due"], "2026-12-07");
    let profiles = d.ok("sla.list", json!({}));
    assert_eq!(profiles.as_array().unwrap().len(), 2);
    d.ok("sla.remove", json!({"category": "berat"}));
    assert_eq!(d.ok("sla.list", json!({})).as_array().unwrap().len(), 1);
    let e = d
        .call(
            "complaint.add",
            json!({"channel": "wa", "category": "BERAT", "summary": "z"}),
        )
        .unwrap_err();
    assert!(e.message.contains("loket sla set"), "{}", e.message);
}

#[test]
fn numbers_stay_unique_when_devices_merge_their_logs() {
    let a = seeded("Loket 1", 11);
    let b = seeded("Loket 2", 12);
    let mut numbers = Vec::new();
    for d in [&a, &b] {
        for i in 0..3 {
            numbers.push(add(
                d,
                json!({"channel": "wa", "category": "UMUM", "summary": format!("s{i}")}),
            ));
        }
    }
    assert!(numbers[0].ends_with("-001") && numbers[2].ends_with("-003"));
    assert!(numbers[3].ends_with("-001"));
    // ship b's events into a (what sync does) and a's into b
    let path = |d: &Device| d._dir.path().join("loket.db");
    let ca = loket_core::store::open(&path(&a), false).unwrap();
    let cb = loket_core::store::open(&path(&b), false).unwrap();
    for ev in loket_core::log::all_event_bytes(&cb).unwrap() {
        loket_core::log::ingest(&ca, &ev).unwrap();
    }
    for ev in loket_core::log::all_event_bytes(&ca).unwrap() {
        loket_core::log::ingest(&cb, &ev).unwrap();
    }
    drop((ca, cb));
    let rows = list(&a, json!({}));
    let mut got: Vec<String> = rows
        .iter()
        .map(|r| r["number"].as_str().unwrap().to_string())
        .collect();
    got.sort();
    numbers.sort();
    assert_eq!(got, numbers, "six complaints, six distinct numbers");
    numbers.dedup();
    assert_eq!(numbers.len(), 6);
    assert_eq!(a.fingerprint(), b.fingerprint());
    // a keeps numbering its own complaints after the merge
    let next = add(
        &a,
        json!({"channel": "wa", "category": "UMUM", "summary": "z"}),
    );
    assert!(next.ends_with("-004"), "{next}");
}

#[test]
fn corrections_are_kept_on_the_timeline() {
    let d = seeded("Loket 1", 13);
    let n = add(
        &d,
        json!({"channel": "wa", "category": "UMUM", "summary": "Antrian", "name": "Ani"}),
    );
    let det = d.ok(
        "complaint.update",
        json!({"number": n, "channel": "telepon", "summary": "Antrian lama", "name": "Ani",
               "nik": "1275011503850003", "phone": ""}),
    );
    assert_eq!(det["channel"], "telepon");
    assert_eq!(det["summary"], "Antrian lama");
    assert_eq!(det["nik"], "1275011503850003", "machine = admin sees it");
    let last = det["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "edit");
    // names the changed fields only, never the values (no NIK in the timeline)
    assert_eq!(last["note"], "corrected: channel, summary, nik");
    // nothing changed: no new entry
    let again = d.ok("complaint.update", json!({"number": n, "name": "Ani"}));
    assert_eq!(again["timeline"].as_array().unwrap().len(), 2);
    let e = d
        .call("complaint.update", json!({"number": n, "nik": "99"}))
        .unwrap_err();
    assert!(e.message.contains("16 digits"), "{}", e.message);
    let e = d
        .call("complaint.update", json!({"number": n, "summary": ""}))
        .unwrap_err();
    assert!(e.message.contains("summary"), "{}", e.message);
}
