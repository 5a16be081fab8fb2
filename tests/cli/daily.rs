//! The daily log through the real binary: the `loket daily` JSON contract, notes and approval
//! with roles, late data from another database's file (`loket export`/`loket import`), exports
//! and the period recap.

use loket_tests::Db;
use serde_json::Value;

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

fn at(db: &mut Db, t: &str) {
    db.now = Some(format!("2026-11-23T{t}:00+07:00"));
}

fn users(db: &Db) {
    db.run_env(
        &[
            "user",
            "add",
            "--username",
            "budi",
            "--role",
            "petugas",
            "--nip",
            "198503152010011003",
        ],
        &[("LOKET_NEW_PIN", "1111")],
    )
    .ok();
    db.run_env(
        &["user", "add", "--username", "sri", "--role", "supervisor"],
        &[("LOKET_NEW_PIN", "2222")],
    )
    .ok();
}

/// A-001 issued 09:00, called 09:10 (wait 600 s), started 09:11, done 09:21 (600 s);
/// B-001 issued 09:05, called 09:30 (wait 1500 s), no-show 09:35.
fn day(db: &mut Db) {
    at(db, "09:00");
    db.ok(&["queue", "issue", "--service", "KTP"]);
    at(db, "09:05");
    db.ok(&["queue", "issue", "--service", "KK"]);
    at(db, "09:10");
    db.ok(&["queue", "call", "--counter", "L1"]);
    at(db, "09:11");
    db.ok(&["queue", "start", "--ticket", "A-001"]);
    at(db, "09:21");
    db.ok(&["queue", "finish", "--ticket", "A-001"]);
    at(db, "09:30");
    db.ok(&["queue", "call", "--counter", "L1"]);
    at(db, "09:35");
    db.ok(&["queue", "no-show", "--ticket", "B-001"]);
}

#[test]
fn daily_json_contract_and_figures() {
    let mut db = Db::seeded("MPP Medan", "Loket 1");
    day(&mut db);
    let r = db.json(&["daily", "--date", "2026-11-23", "--json"]);
    for k in [
        "date",
        "site",
        "status",
        "queue",
        "complaints",
        "survey",
        "officers",
        "devices",
        "changed_after_approval",
    ] {
        assert!(r.get(k).is_some(), "key {k} missing: {:?}", keys(&r));
    }
    for k in [
        "issued",
        "served",
        "no_show",
        "avg_wait_s",
        "avg_service_s",
        "by_service",
    ] {
        assert!(r["queue"].get(k).is_some(), "queue.{k} missing");
    }
    for k in ["received", "resolved", "overdue"] {
        assert!(r["complaints"].get(k).is_some(), "complaints.{k} missing");
    }
    for k in ["respondents", "score", "grade"] {
        assert!(r["survey"].get(k).is_some(), "survey.{k} missing");
    }
    assert_eq!(r["date"], "2026-11-23");
    assert_eq!(r["site"], "MPP Medan");
    assert_eq!(r["status"], "draft");
    assert_eq!(r["queue"]["issued"], 2);
    assert_eq!(r["queue"]["served"], 1);
    assert_eq!(r["queue"]["no_show"], 1);
    assert_eq!(r["queue"]["avg_wait_s"], (600 + 1500) / 2);
    assert_eq!(r["queue"]["avg_service_s"], 600);
    assert_eq!(r["queue"]["worst_wait_s"], 1500);
    assert_eq!(r["changed_after_approval"], false);
    assert!(r["officers"].is_array() && r["devices"].is_array());
    assert_eq!(r["devices"][0]["tickets"], 2);
    // --site by name, case- and space-insensitive
    let r2 = db.json(&[
        "daily",
        "--date",
        "2026-11-23",
        "--site",
        " mpp medan ",
        "--json",
    ]);
    assert_eq!(r2["queue"]["issued"], 2);
    // human output
    let out = db.ok(&["daily", "--date", "2026-11-23"]);
    assert!(out.contains("2 issued, 1 served, 1 no-show"), "{out}");
    // bad input: one clear line, non-zero
    let e = db
        .run(&["daily", "--date", "23/11/2026", "--json"])
        .fails()
        .to_string();
    assert!(e.contains("23/11/2026"), "{e}");
    let e = db
        .run(&[
            "daily",
            "--date",
            "2026-11-23",
            "--site",
            "Atlantis",
            "--json",
        ])
        .fails()
        .to_string();
    assert!(e.contains("Atlantis"), "{e}");
    db.run(&["daily", "--json"]).fails();
}

#[test]
fn notes_approval_roles_and_late_data_from_another_database() {
    let mut a = Db::seeded("MPP Medan", "Loket 1");
    users(&a);
    day(&mut a);
    // the field laptop: same site, gets the master data by file, works offline that day
    let mut b = Db::new();
    b.ok(&[
        "init",
        "--site",
        "MPP Medan",
        "--device",
        "Laptop",
        "--kind",
        "field",
    ]);
    let f0 = a.dir.path().join("a0.loket");
    a.ok(&["export", "--out", f0.to_str().unwrap()]);
    b.ok(&["import", f0.to_str().unwrap()]);
    at(&mut b, "10:00");
    b.ok(&["queue", "issue", "--service", "KTP"]);

    at(&mut a, "16:00");
    // a petugas may not note or approve
    let e = a
        .run_env(
            &[
                "--user",
                "budi",
                "daily",
                "note",
                "--date",
                "2026-11-23",
                "--text",
                "x",
            ],
            &[("LOKET_PIN", "1111")],
        )
        .fails()
        .to_string();
    assert!(e.contains("petugas"), "{e}");
    a.run_env(
        &["--user", "budi", "daily", "approve", "--date", "2026-11-23"],
        &[("LOKET_PIN", "1111")],
    )
    .fails();
    let sri = |db: &Db, args: &[&str]| {
        let mut v = vec!["--user", "sri"];
        v.extend_from_slice(args);
        db.run_env(&v, &[("LOKET_PIN", "2222")])
    };
    sri(
        &a,
        &[
            "daily",
            "note",
            "--date",
            "2026-11-23",
            "--text",
            "Antrian KK lama",
        ],
    )
    .ok();
    assert_eq!(
        a.json(&["daily", "--date", "2026-11-23", "--json"])["status"],
        "reviewed"
    );
    let out = sri(&a, &["daily", "approve", "--date", "2026-11-23"])
        .ok()
        .to_string();
    assert!(out.contains("approved 2026-11-23"), "{out}");
    let r = a.json(&["daily", "--date", "2026-11-23", "--json"]);
    assert_eq!(r["status"], "approved");
    assert_eq!(r["approval"]["by_user"], "sri");
    assert_eq!(r["approval"]["at"], "2026-11-23T16:00:00+07:00");
    assert_eq!(r["changed_after_approval"], false);
    let st = a.json(&["daily", "status", "--date", "2026-11-23", "--json"]);
    assert_eq!(st["locked"], true);

    // a week later the laptop's file is imported: kept, and the day shows what changed
    a.now = Some("2026-11-30T09:00:00+07:00".into());
    let f1 = b.dir.path().join("b1.loket");
    b.ok(&["export", "--out", f1.to_str().unwrap()]);
    a.ok(&["import", f1.to_str().unwrap()]);
    let r = a.json(&["daily", "--date", "2026-11-23", "--json"]);
    assert_eq!(r["status"], "approved");
    assert_eq!(r["changed_after_approval"], true);
    assert_eq!(r["queue"]["issued"], 3);
    let changes = r["changes"]["figures"].as_array().unwrap();
    let issued = changes.iter().find(|c| c["key"] == "queue.issued").unwrap();
    assert_eq!(issued["from"], 2);
    assert_eq!(issued["to"], 3);
    assert_eq!(r["changes"]["new_devices"].as_array().unwrap().len(), 1);
    let human = a.ok(&["daily", "--date", "2026-11-23"]);
    assert!(human.contains("CHANGED AFTER APPROVAL"), "{human}");
    // re-approval clears it
    sri(&a, &["daily", "approve", "--date", "2026-11-23"]).ok();
    let r = a.json(&["daily", "--date", "2026-11-23", "--json"]);
    assert_eq!(r["changed_after_approval"], false);
    let again = sri(&a, &["daily", "approve", "--date", "2026-11-23"])
        .ok()
        .to_string();
    assert!(again.contains("already approved"), "{again}");
    // a future day cannot be approved
    let e = sri(&a, &["daily", "approve", "--date", "2026-12-30"])
        .fails()
        .to_string();
    assert!(e.contains("not happened yet"), "{e}");
}

#[test]
fn exports_and_period_recap() {
    let mut db = Db::seeded("MPP Medan", "Loket 1");
    day(&mut db);
    let dir = db.dir.path().to_path_buf();
    for (f, magic) in [
        ("xlsx", &b"PK"[..]),
        ("pdf", &b"%PDF"[..]),
        ("csv", &b"date,site"[..]),
    ] {
        let out = dir.join(format!("day.{f}"));
        let msg = db.ok(&[
            "daily",
            "export",
            "--date",
            "2026-11-23",
            "--format",
            f,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(msg.contains("wrote"), "{msg}");
        assert!(std::fs::read(&out).unwrap().starts_with(magic), "{f}");
        let out = dir.join(format!("period.{f}"));
        db.ok(&[
            "recap",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            f,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(std::fs::read(&out).unwrap().starts_with(magic), "{f}");
    }
    let csv = std::fs::read_to_string(dir.join("period.csv")).unwrap();
    assert_eq!(csv.lines().count(), 31, "a header and one row per day");
    let row = csv.lines().find(|l| l.starts_with("2026-11-23")).unwrap();
    assert!(
        row.starts_with("2026-11-23,MPP Medan,2,1,1,1050,1500,600,"),
        "{row}"
    );
    let day_csv = std::fs::read_to_string(dir.join("day.csv")).unwrap();
    assert!(
        day_csv.contains("2026-11-23,MPP Medan,queue,,served,1"),
        "{day_csv}"
    );
    let e = db
        .run(&[
            "daily",
            "export",
            "--date",
            "2026-11-23",
            "--format",
            "docx",
            "--out",
            "x",
        ])
        .fails()
        .to_string();
    assert!(e.contains("docx"), "{e}");
    let e = db
        .run(&[
            "recap",
            "--from",
            "2026-11-30",
            "--to",
            "2026-11-01",
            "--format",
            "csv",
            "--out",
            "x.csv",
        ])
        .fails()
        .to_string();
    assert!(e.contains("after"), "{e}");
    let p = db.json(&[
        "recap",
        "--from",
        "2026-11-22",
        "--to",
        "2026-11-23",
        "--json",
    ]);
    assert_eq!(p["days"].as_array().unwrap().len(), 2);
    assert_eq!(p["days"][1]["served"], 1);
}
