//! The complaints CLI contract: `loket sla set`, `loket complaint add|assign|move|list|stats`,
//! `loket holiday add` and `loket holiday load-national`, on the real binary.

use loket_tests::Db;
use serde_json::Value;

const NIP: &str = "198503152010011003";

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

fn setup() -> Db {
    let db = Db::seeded("MPP Kota Medan", "Loket 1");
    db.ok(&[
        "sla",
        "set",
        "--category",
        "UMUM",
        "--name",
        "Pengaduan umum",
        "--respond-days",
        "1",
        "--resolve-days",
        "5",
    ]);
    db
}

/// `complaint add` with defaults for the required flags that `extra` does not give.
fn add_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["complaint", "add"];
    for (flag, default) in [
        ("--channel", "whatsapp"),
        ("--category", "UMUM"),
        ("--summary", "Antrian terlalu lama"),
    ] {
        if !extra.contains(&flag) {
            args.extend([flag, default]);
        }
    }
    args.extend_from_slice(extra);
    args
}

fn add(db: &Db, extra: &[&str]) -> String {
    let out = db.ok(&add_args(extra));
    let n = out.trim().to_string();
    assert_eq!(out.lines().count(), 1, "prints only the number: {out:?}");
    assert!(n.starts_with("ADU-"), "{n}");
    n
}

fn list(db: &Db, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["complaint", "list", "--json"];
    args.extend_from_slice(extra);
    db.json(&args).as_array().unwrap().clone()
}

#[test]
fn register_assign_move_and_list_with_exact_keys() {
    let mut db = setup();
    // now: Mon 2026-11-23 09:00 WIB; received Friday 16:00
    let n = add(
        &db,
        &[
            "--type",
            "pengaduan",
            "--service",
            "KTP",
            "--received",
            "2026-11-20T16:00",
            "--name",
            "Ani",
            "--phone",
            "081234567890",
            "--nik",
            "1275011503850003",
        ],
    );
    assert!(n.starts_with("ADU-20261123-") && n.ends_with("-001"), "{n}");
    let rows = list(&db, &[]);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(
        keys(r),
        [
            "assigned_nip",
            "category",
            "channel",
            "number",
            "overdue",
            "paused_days",
            "received_at",
            "resolve_due",
            "resolved_at",
            "respond_due",
            "status",
            "type"
        ]
    );
    assert_eq!(r["number"], n.as_str());
    assert_eq!(r["received_at"], "2026-11-20T16:00:00+07:00");
    assert_eq!(r["type"], "pengaduan");
    assert_eq!(r["channel"], "whatsapp");
    assert_eq!(r["category"], "UMUM");
    assert_eq!(r["status"], "received");
    assert_eq!(r["respond_due"], "2026-11-23");
    assert_eq!(r["resolve_due"], "2026-11-27");
    assert_eq!(r["overdue"], false);
    assert_eq!(r["paused_days"], 0);
    assert!(!serde_json::to_string(&rows)
        .unwrap()
        .contains("1275011503850003"));

    // assign from received keeps the status; from verified it moves to assigned
    db.ok(&["complaint", "assign", "--number", &n, "--staff", NIP]);
    assert_eq!(list(&db, &[])[0]["status"], "received");
    db.ok(&[
        "complaint",
        "move",
        "--number",
        &n,
        "--to",
        "verified",
        "--note",
        "lengkap",
        "--at",
        "2026-11-23T08:30",
    ]);
    db.ok(&["complaint", "assign", "--number", &n, "--staff", NIP]);
    let r = &list(&db, &[])[0];
    assert_eq!(r["status"], "assigned");
    assert_eq!(r["assigned_nip"], NIP);
    db.ok(&["complaint", "move", "--number", &n, "--to", "in_progress"]);
    db.ok(&[
        "complaint",
        "move",
        "--number",
        &n,
        "--to",
        "waiting",
        "--note",
        "minta KK",
    ]);
    // Thursday: paused Tue, Wed, Thu
    db.now = Some("2026-11-26T10:00:00+07:00".into());
    let r = &list(&db, &[])[0];
    assert_eq!(r["paused_days"], 3);
    assert_eq!(r["resolve_due"], "2026-12-02");
    db.ok(&["complaint", "move", "--number", &n, "--to", "in_progress"]);
    db.ok(&[
        "complaint",
        "note",
        "--number",
        &n,
        "--text",
        "berkas lengkap",
    ]);
    db.ok(&["complaint", "move", "--number", &n, "--to", "resolved"]);
    db.ok(&[
        "complaint",
        "answer",
        "--number",
        &n,
        "--text",
        "Sudah selesai",
    ]);
    let r = &list(&db, &[])[0];
    assert_eq!(r["status"], "resolved");
    assert_eq!(r["resolved_at"], "2026-11-26T10:00:00+07:00");
    let show = db.json(&["complaint", "show", "--number", &n, "--json"]);
    assert_eq!(show["answer"], "Sudah selesai");
    assert_eq!(show["timeline"].as_array().unwrap().len(), 10);
    assert_eq!(show["timeline"][5]["note"], "minta KK");
    assert_eq!(show["timeline"][1]["to_status"], "verified");
    let text = db.ok(&["complaint", "show", "--number", &n]);
    assert!(
        text.contains("received → verified") && text.contains("lengkap"),
        "{text}"
    );
}

#[test]
fn bad_moves_and_input_fail_with_one_line() {
    let db = setup();
    let n = add(&db, &[]);
    let fp = db.fingerprint();
    let msg = db
        .run(&["complaint", "move", "--number", &n, "--to", "resolved"])
        .fails()
        .to_string();
    assert!(msg.contains("verified, rejected, forwarded"), "{msg}");
    let msg = db
        .run(&["complaint", "move", "--number", &n, "--to", "finished"])
        .fails()
        .to_string();
    assert!(msg.contains("unknown status"), "{msg}");
    let msg = db
        .run(&["complaint", "move", "--number", "ADU-1", "--to", "verified"])
        .fails()
        .to_string();
    assert!(msg.contains("does not exist"), "{msg}");
    for (args, want) in [
        (vec!["--channel", "fax"], "unknown channel"),
        (vec!["--category", "LAIN"], "loket sla set"),
        (vec!["--received", "2026-11-24T08:00"], "future"),
        (vec!["--received", "kemarin"], "YYYY-MM-DDTHH:MM"),
        (vec!["--nik", "12"], "16 digits"),
        (vec!["--type", "gosip"], "unknown type"),
        (vec!["--service", "XX"], "does not exist"),
    ] {
        let a = add_args(&args);
        let msg = db.run(&a).fails().to_string();
        assert!(msg.contains(want), "{args:?}: {msg}");
    }
    let msg = db
        .run(&[
            "sla",
            "set",
            "--category",
            "X",
            "--name",
            "X",
            "--respond-days",
            "3",
            "--resolve-days",
            "2",
        ])
        .fails()
        .to_string();
    assert!(msg.contains("not more than"), "{msg}");
    let msg = db
        .run(&[
            "complaint",
            "assign",
            "--number",
            &n,
            "--staff",
            "199001012015032001",
        ])
        .fails()
        .to_string();
    assert!(msg.contains("does not exist"), "{msg}");
    assert_eq!(db.fingerprint(), fp, "refused commands change nothing");
    // aliases and warnings
    let out = db.run(&[
        "complaint",
        "add",
        "--channel",
        "SP4N-LAPOR!",
        "--category",
        "umum",
        "--summary",
        "x",
        "--type",
        "aspirasi",
        "--service-date",
        "2026-10-01",
    ]);
    assert!(out.stderr.contains("30 days"), "{out:?}");
    let rows = list(&db, &[]);
    assert!(rows
        .iter()
        .any(|r| r["channel"] == "lapor" && r["type"] == "aspirasi"));
}

#[test]
fn overdue_as_of_and_holidays() {
    let mut db = setup();
    // a letter received Mon 2 Nov, entered today (23 Nov)
    let late = add(
        &db,
        &["--channel", "surat", "--received", "2026-11-02T10:00"],
    );
    let fresh = add(&db, &[]);
    let over = list(&db, &["--overdue"]);
    assert_eq!(over.len(), 1);
    assert_eq!(over[0]["number"], late.as_str());
    assert_eq!(over[0]["respond_due"], "2026-11-03");
    assert_eq!(over[0]["resolve_due"], "2026-11-09");
    assert!(list(&db, &["--overdue", "--as-of", "2026-11-03"]).is_empty());
    assert_eq!(list(&db, &["--overdue", "--as-of", "2026-11-04"]).len(), 1);
    // overdue first in the full list
    let all = list(&db, &[]);
    assert_eq!(all[0]["number"], late.as_str());
    assert_eq!(all[1]["number"], fresh.as_str());
    // a holiday on Tue 24 Nov moves the fresh complaint's deadlines
    db.ok(&[
        "holiday",
        "add",
        "--date",
        "2026-11-24",
        "--name",
        "Libur daerah",
    ]);
    let r = list(&db, &[])
        .into_iter()
        .find(|r| r["number"] == fresh.as_str())
        .unwrap();
    assert_eq!(r["respond_due"], "2026-11-25");
    assert_eq!(r["resolve_due"], "2026-12-01");
    // year end with the bundled national list
    let msg = db.run(&["holiday", "load-national", "--year", "2026"]);
    assert!(msg.stderr.contains("SKB"), "{msg:?}");
    assert!(msg.ok().contains("25 holidays of 2026 added"));
    let again = db.json(&["holiday", "load-national", "--year", "2026", "--json"]);
    assert_eq!(again["added"].as_array().unwrap().len(), 0);
    assert_eq!(again["skipped"].as_array().unwrap().len(), 25);
    db.now = Some("2026-12-23T10:00:00+07:00".into());
    db.ok(&["holiday", "load-national", "--year", "2027"]);
    let yend = add(&db, &[]);
    let r = list(&db, &[])
        .into_iter()
        .find(|r| r["number"] == yend.as_str())
        .unwrap();
    assert_eq!(r["respond_due"], "2026-12-28");
    assert_eq!(r["resolve_due"], "2027-01-04");
    assert!(db
        .run(&["holiday", "load-national", "--year", "2019"])
        .fails()
        .contains("no bundled holiday list"));
    assert!(db
        .run(&["complaint", "list", "--as-of", "23-11-2026"])
        .fails()
        .contains("YYYY-MM-DD"));
}

#[test]
fn stats_object_and_figures() {
    let mut db = setup();
    db.ok(&[
        "staff",
        "add",
        "--nip",
        "199001012015032001",
        "--name",
        "Sri",
        "--agency",
        "DUK",
    ]);
    db.now = Some("2026-11-02T09:00:00+07:00".into());
    let a = add(&db, &["--service", "KTP"]);
    let b = add(&db, &["--service", "KK", "--channel", "email"]);
    let _c = add(&db, &[]);
    for (n, nip) in [(&a, NIP), (&b, "199001012015032001")] {
        db.ok(&["complaint", "move", "--number", n, "--to", "verified"]);
        db.ok(&["complaint", "assign", "--number", n, "--staff", nip]);
        db.ok(&["complaint", "move", "--number", n, "--to", "in_progress"]);
    }
    db.now = Some("2026-11-05T09:00:00+07:00".into());
    db.ok(&["complaint", "move", "--number", &a, "--to", "resolved"]);
    db.now = Some("2026-11-13T09:00:00+07:00".into());
    db.ok(&["complaint", "move", "--number", &b, "--to", "resolved"]);
    let s = db.json(&[
        "complaint",
        "stats",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--json",
    ]);
    for k in [
        "received",
        "resolved",
        "resolved_on_time",
        "median_resolution_days",
        "by_category",
        "by_channel",
        "by_agency",
        "by_officer",
    ] {
        assert!(s.get(k).is_some(), "missing {k}: {s}");
    }
    assert_eq!(s["received"], 3);
    assert_eq!(s["resolved"], 2);
    // a: 3 working days (on time); b: 9 working days (late, due 9 Nov)
    assert_eq!(s["resolved_on_time"], 1);
    assert_eq!(s["median_resolution_days"], 6.0);
    let cat = &s["by_category"][0];
    assert_eq!(
        keys(cat),
        [
            "key",
            "median_resolution_days",
            "received",
            "resolved",
            "resolved_on_time"
        ]
    );
    assert_eq!(cat["key"], "UMUM");
    assert_eq!(cat["received"], 3);
    let duk = s["by_agency"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "DUK")
        .unwrap();
    assert_eq!(duk["received"], 2);
    assert_eq!(duk["resolved_on_time"], 1);
    let budi = s["by_officer"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == NIP)
        .unwrap();
    assert_eq!(budi["median_resolution_days"], 3.0);
    let email = s["by_channel"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "email")
        .unwrap();
    assert_eq!(email["resolved_on_time"], 0);
    let empty = db.json(&["complaint", "stats", "--from", "2027-01-01", "--json"]);
    assert_eq!(empty["received"], 0);
    assert!(empty["median_resolution_days"].is_null());
    // rebuild keeps every figure
    let fp = db.fingerprint();
    db.ok(&["rebuild"]);
    assert_eq!(db.fingerprint(), fp);
    assert_eq!(
        db.json(&[
            "complaint",
            "stats",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--json"
        ]),
        s
    );
}
