//! The staff development CLI contract (issue 8): `loket training add`, `loket staff jp|report`,
//! `loket program add|enrol|attend|feedback|complete|impact`, `loket mentoring add|session`,
//! on the real binary, with figures built through the queue, complaint and survey commands
//! under a controlled clock and checked against values computed by hand.

use loket_tests::Db;
use serde_json::Value;

const BUDI: &str = "198503152010011003"; // PNS, DUK (seeded)
const SARI: &str = "199001012022212001"; // PPPK
const RINA: &str = "199203102015032002"; // PNS, made inactive

fn setup() -> Db {
    let db = Db::seeded("MPP Kota Medan", "Loket 1");
    db.ok(&[
        "staff",
        "add",
        "--nip",
        SARI,
        "--name",
        "Sari Dewi",
        "--agency",
        "DUK",
    ]);
    db.ok(&[
        "staff", "add", "--nip", RINA, "--name", "Rina", "--agency", "DUK",
    ]);
    db.ok(&["staff", "update", "--nip", RINA, "--active", "false"]);
    db
}

fn row<'a>(rows: &'a Value, nip: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["nip"] == nip)
        .unwrap_or_else(|| panic!("no row for {nip}: {rows}"))
}

#[test]
fn jp_tracker_targets_shortfall_and_cap() {
    let db = setup();
    let add = |nip: &str, jp: &str, date: &str, kind: &str| {
        db.ok(&[
            "training",
            "add",
            "--nip",
            nip,
            "--title",
            "Pelayanan prima",
            "--kind",
            kind,
            "--jp",
            jp,
            "--date",
            date,
        ])
    };
    let id = add(BUDI, "12", "2026-03-10", "klasikal");
    assert_eq!(id.trim().len(), 36, "prints the record id: {id}");
    add(BUDI, "1.5", "2026-06-01", "nonklasikal");
    add(BUDI, "30", "2025-12-31", "klasikal"); // another year
    let v = db.json(&["staff", "jp", "--year", "2026", "--json"]);
    let rows = v.as_array().unwrap();
    assert_eq!(
        rows.len(),
        2,
        "active officers only (Rina is inactive): {v}"
    );
    let b = row(&v, BUDI);
    for k in ["nip", "name", "type", "jp", "target", "shortfall"] {
        assert!(b.get(k).is_some(), "{k} missing: {b}");
    }
    assert_eq!(b["type"], "PNS");
    assert_eq!(b["jp"], 13.5);
    assert_eq!(b["target"], 20.0);
    assert_eq!(b["shortfall"], 6.5);
    let s = row(&v, SARI);
    assert_eq!(s["type"], "PPPK");
    assert_eq!(
        (s["jp"].as_f64(), s["target"].as_f64()),
        (Some(0.0), Some(0.0))
    );
    assert_eq!(s["shortfall"], 0.0);
    assert_eq!(s["cap"], 24.0);
    // the PPPK target is a setting; 24 JP is the cap
    db.ok(&["training", "settings", "--pppk-target", "10"]);
    let v = db.json(&["staff", "jp", "--year", "2026", "--json"]);
    assert_eq!(row(&v, SARI)["shortfall"], 10.0);
    add(SARI, "26", "2026-08-01", "klasikal");
    let v = db.json(&["staff", "jp", "--year", "2026", "--json"]);
    let s = row(&v, SARI);
    assert_eq!(
        (s["jp"].as_f64(), s["shortfall"].as_f64()),
        (Some(26.0), Some(0.0))
    );
    assert_eq!(s["over_cap"], 2.0);
    // an inactive officer with records in the year is listed
    add(RINA, "4", "2026-02-02", "klasikal");
    let v = db.json(&["staff", "jp", "--year", "2026", "--json"]);
    assert_eq!(row(&v, RINA)["shortfall"], 16.0);
    // minutes convert with the configured JP length (45 by default, here 60)
    db.ok(&["training", "settings", "--jp-minutes", "60"]);
    db.ok(&[
        "training",
        "add",
        "--nip",
        BUDI,
        "--title",
        "E-learning LAN",
        "--kind",
        "nonklasikal",
        "--form",
        "e-learning",
        "--minutes",
        "90",
        "--date",
        "2026-07-01",
    ]);
    let v = db.json(&["staff", "jp", "--year", "2026", "--json"]);
    assert_eq!(row(&v, BUDI)["jp"], 15.0);
    // bad input: clear messages, nothing recorded
    let fp = db.fingerprint();
    for (args, want) in [
        (vec!["--jp", "0", "--kind", "klasikal"], "JP"),
        (vec!["--jp", "1.234", "--kind", "klasikal"], "two decimals"),
        (vec!["--jp", "abc", "--kind", "klasikal"], "JP"),
        (vec!["--jp", "2", "--kind", "webinar"], "kind"),
        (
            vec!["--jp", "2", "--kind", "klasikal", "--form", "coaching"],
            "nonklasikal",
        ),
    ] {
        let mut a = vec![
            "training",
            "add",
            "--nip",
            BUDI,
            "--title",
            "X",
            "--date",
            "2026-01-05",
        ];
        a.extend(args.iter().copied());
        let msg = db.run(&a).fails().to_string();
        assert!(msg.contains(want), "{a:?}: {msg}");
    }
    let msg = db
        .run(&[
            "training",
            "add",
            "--nip",
            "198001012000011001",
            "--title",
            "X",
            "--kind",
            "klasikal",
            "--jp",
            "2",
            "--date",
            "2026-01-05",
        ])
        .fails()
        .to_string();
    assert!(msg.contains("198001012000011001"), "{msg}");
    assert_eq!(db.fingerprint(), fp);
}

#[test]
fn certificate_is_kept_with_its_hash_and_size_limit() {
    let db = setup();
    let id = db
        .ok(&[
            "training",
            "add",
            "--nip",
            BUDI,
            "--title",
            "Bimtek SIAK",
            "--kind",
            "klasikal",
            "--form",
            "bimtek",
            "--jp",
            "8",
            "--date",
            "2026-05-05",
        ])
        .trim()
        .to_string();
    let cert = db.dir.path().join("sertifikat.pdf");
    let bytes: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&cert, &bytes).unwrap();
    let out = db.ok(&[
        "training",
        "evidence",
        "--id",
        &id,
        "--file",
        cert.to_str().unwrap(),
    ]);
    assert!(out.contains("5000 bytes"), "{out}");
    let list = db.json(&["training", "list", "--nip", BUDI, "--json"]);
    let ev = &list[0]["evidence"];
    assert_eq!(ev["size"], 5000);
    assert_eq!(ev["sha256"].as_str().unwrap().len(), 64);
    let back = db.dir.path().join("back.pdf");
    db.ok(&[
        "training",
        "evidence-save",
        "--id",
        &id,
        "--out",
        back.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(&back).unwrap(), bytes);
    // over 10 MB: refused
    let big = db.dir.path().join("big.pdf");
    std::fs::write(&big, vec![0u8; 10 * 1024 * 1024 + 1]).unwrap();
    let msg = db
        .run(&[
            "training",
            "evidence",
            "--id",
            &id,
            "--file",
            big.to_str().unwrap(),
        ])
        .fails()
        .to_string();
    assert!(msg.contains("10 MB"), "{msg}");
}

/// Runs at a fixed site-local time.
fn at(db: &mut Db, when: &str, args: &[&str]) -> String {
    db.now = Some(format!("{when}:00+07:00"));
    db.ok(args)
}

fn as_user(db: &mut Db, when: &str, user: &str, args: &[&str]) -> String {
    db.now = Some(format!("{when}:00+07:00"));
    let mut a = vec!["--user", user];
    a.extend_from_slice(args);
    db.run_env(&a, &[("LOKET_PIN", "1111")]).ok().to_string()
}

/// A small day at the desk, built through the queue, complaint and survey commands.
fn desk_day() -> Db {
    let mut db = setup();
    db.ok(&[
        "counter",
        "add",
        "--code",
        "L2",
        "--name",
        "Loket 2",
        "--services",
        "KTP,KK",
    ]);
    for (u, nip) in [("budi", BUDI), ("sari", SARI)] {
        db.run_env(
            &[
                "user",
                "add",
                "--username",
                u,
                "--role",
                "petugas",
                "--nip",
                nip,
            ],
            &[("LOKET_NEW_PIN", "1111")],
        )
        .ok();
    }
    db.ok(&[
        "sla",
        "set",
        "--category",
        "UMUM",
        "--name",
        "Umum",
        "--respond-days",
        "1",
        "--resolve-days",
        "5",
    ]);
    let d = "2026-11-23T";
    for t in ["09:00", "09:05", "09:06", "09:07"] {
        at(
            &mut db,
            &format!("{d}{t}"),
            &["queue", "issue", "--service", "KTP"],
        );
    }
    // Budi at L1: A-001 wait 600 s, service 600 s; A-002 wait 1500 s, service 1200 s;
    // A-003 wait 3240 s, no-show.
    as_user(
        &mut db,
        &format!("{d}09:10"),
        "budi",
        &["queue", "call", "--counter", "L1"],
    );
    as_user(
        &mut db,
        &format!("{d}09:12"),
        "budi",
        &["queue", "start", "--ticket", "A-001"],
    );
    as_user(
        &mut db,
        &format!("{d}09:22"),
        "budi",
        &["queue", "finish", "--ticket", "A-001"],
    );
    as_user(
        &mut db,
        &format!("{d}09:30"),
        "budi",
        &["queue", "call", "--counter", "L1"],
    );
    as_user(
        &mut db,
        &format!("{d}09:31"),
        "budi",
        &["queue", "start", "--ticket", "A-002"],
    );
    as_user(
        &mut db,
        &format!("{d}09:51"),
        "budi",
        &["queue", "finish", "--ticket", "A-002"],
    );
    as_user(
        &mut db,
        &format!("{d}10:00"),
        "budi",
        &["queue", "call", "--counter", "L1"],
    );
    as_user(
        &mut db,
        &format!("{d}10:05"),
        "budi",
        &["queue", "no-show", "--ticket", "A-003"],
    );
    // Sari at L2: A-004 wait 3780 s, service 1800 s.
    as_user(
        &mut db,
        &format!("{d}10:10"),
        "sari",
        &["queue", "call", "--counter", "L2"],
    );
    as_user(
        &mut db,
        &format!("{d}10:10"),
        "sari",
        &["queue", "start", "--ticket", "A-004"],
    );
    as_user(
        &mut db,
        &format!("{d}10:40"),
        "sari",
        &["queue", "finish", "--ticket", "A-004"],
    );
    // two surveys naming Budi: all 4s and all 3s → NRR 3.5 everywhere → 87.50
    for a in ["4", "3"] {
        let answers: Vec<String> = (1..=9).map(|u| format!("U{u}={a}")).collect();
        at(
            &mut db,
            &format!("{d}11:00"),
            &[
                "survey",
                "submit",
                "--service",
                "KTP",
                "--staff",
                BUDI,
                "--answers",
                &answers.join(","),
            ],
        );
    }
    // two complaints assigned to Budi (due 2026-11-30): one resolved on time, one late
    let mut numbers = vec![];
    for _ in 0..2 {
        let n = at(
            &mut db,
            &format!("{d}11:30"),
            &[
                "complaint",
                "add",
                "--channel",
                "langsung",
                "--category",
                "UMUM",
                "--summary",
                "Lama",
            ],
        );
        let n = n.trim().to_string();
        at(
            &mut db,
            &format!("{d}11:40"),
            &["complaint", "move", "--number", &n, "--to", "verified"],
        );
        at(
            &mut db,
            &format!("{d}11:45"),
            &["complaint", "assign", "--number", &n, "--staff", BUDI],
        );
        at(
            &mut db,
            &format!("{d}11:50"),
            &["complaint", "move", "--number", &n, "--to", "in_progress"],
        );
        numbers.push(n);
    }
    at(
        &mut db,
        "2026-11-24T10:00",
        &[
            "complaint",
            "move",
            "--number",
            &numbers[0],
            "--to",
            "resolved",
        ],
    );
    at(
        &mut db,
        "2026-12-10T10:00",
        &[
            "complaint",
            "move",
            "--number",
            &numbers[1],
            "--to",
            "resolved",
        ],
    );
    db
}

#[test]
fn staff_report_figures_by_hand() {
    let mut db = desk_day();
    db.now = Some("2026-12-11T09:00:00+07:00".into());
    let v = db.json(&[
        "staff",
        "report",
        "--from",
        "2026-11-23",
        "--to",
        "2026-11-23",
        "--json",
    ]);
    assert_eq!(v.as_array().unwrap().len(), 2, "active officers: {v}");
    let b = row(&v, BUDI);
    for k in [
        "nip",
        "name",
        "served",
        "avg_service_s",
        "no_show",
        "complaints_resolved",
        "complaints_on_time",
        "ikm_score",
    ] {
        assert!(b.get(k).is_some(), "{k} missing: {b}");
    }
    assert_eq!(b["name"], "Budi Santoso");
    assert_eq!(b["served"], 2);
    assert_eq!(b["avg_service_s"], 900); // (600 + 1200) / 2
    assert_eq!(b["median_service_s"], 900);
    assert_eq!(b["no_show"], 1);
    assert_eq!(b["avg_wait_s"], 1780); // (600 + 1500 + 3240) / 3
    assert_eq!(b["promised_s"], 1800); // KTP promises 30 minutes
    assert_eq!(b["complaints_assigned"], 2);
    assert_eq!(b["complaints_resolved"], 2);
    assert_eq!(b["complaints_on_time"], 1);
    assert_eq!(b["ikm_score"], 87.5);
    assert_eq!(b["ikm_respondents"], 2);
    assert_eq!(b["days_present"], 1);
    let s = row(&v, SARI);
    assert_eq!(
        (s["served"].as_i64(), s["avg_service_s"].as_i64()),
        (Some(1), Some(1800))
    );
    assert_eq!(s["avg_wait_s"], 3780);
    assert_eq!(s["no_show"], 0);
    assert!(s["ikm_score"].is_null(), "no surveys → null: {s}");
    assert_eq!(s["complaints_on_time"], 0);
    // the unit's median, not a ranking: served [1, 2] → 1.5; service [900, 1800] → 1350
    assert_eq!(b["unit_median"]["served"], 1.5);
    assert_eq!(b["unit_median"]["avg_service_s"], 1350.0);
    assert_eq!(b["unit_median"]["officers"], 2);
    // an empty period: zeros and nulls
    let v = db.json(&[
        "staff",
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-02",
        "--json",
    ]);
    let b = row(&v, BUDI);
    assert_eq!(b["served"], 0);
    assert!(b["avg_service_s"].is_null() && b["ikm_score"].is_null());
    // the supervisor's note, shown with the period it covers
    db.ok(&[
        "staff",
        "assess",
        "--nip",
        BUDI,
        "--from",
        "2026-11-23",
        "--to",
        "2026-11-23",
        "--note",
        "Cepat, ramah",
        "--hasil",
        "di_atas",
        "--perilaku",
        "sesuai",
    ]);
    let v = db.json(&[
        "staff",
        "report",
        "--from",
        "2026-11-23",
        "--to",
        "2026-11-23",
        "--json",
    ]);
    assert_eq!(row(&v, BUDI)["assessment"]["predicate"], "Baik");
    assert_eq!(row(&v, BUDI)["assessment"]["note"], "Cepat, ramah");
    // a petugas sees their own row only
    let mine = as_user(
        &mut db,
        "2026-12-11T09:00",
        "sari",
        &[
            "staff",
            "report",
            "--from",
            "2026-11-23",
            "--to",
            "2026-11-23",
            "--json",
        ],
    );
    let mine: Value = serde_json::from_str(&mine).unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["nip"], SARI);
    // bad periods
    assert!(db
        .run(&[
            "staff",
            "report",
            "--from",
            "2026-11-24",
            "--to",
            "2026-11-23",
            "--json"
        ])
        .fails()
        .contains("after"));
    assert!(db
        .run(&[
            "staff",
            "report",
            "--from",
            "23-11-2026",
            "--to",
            "2026-11-23"
        ])
        .fails()
        .contains("YYYY-MM-DD"));
}

#[test]
fn program_feedback_completion_and_impact_windows() {
    let mut db = desk_day();
    // a one-day program on 2026-11-24
    let pid = at(
        &mut db,
        "2026-11-23T12:00",
        &[
            "program",
            "add",
            "--title",
            "Pelayanan prima",
            "--start",
            "2026-11-24",
            "--end",
            "2026-11-24",
            "--jp",
            "8",
        ],
    );
    let pid = pid.trim().to_string();
    assert_eq!(pid.len(), 36, "{pid}");
    at(
        &mut db,
        "2026-11-23T12:00",
        &["program", "enrol", "--program", &pid, "--nip", BUDI],
    );
    at(
        &mut db,
        "2026-11-23T12:00",
        &["program", "enrol", "--program", &pid, "--nip", SARI],
    );
    assert!(db
        .run(&["program", "enrol", "--program", &pid, "--nip", BUDI])
        .fails()
        .contains("already"));
    // feedback: enrolled participants only, 1-5, a new one replaces the old one
    assert!(db
        .run(&[
            "program",
            "feedback",
            "--program",
            &pid,
            "--nip",
            RINA,
            "--rating",
            "4"
        ])
        .fails()
        .contains("not enrolled"));
    assert!(db
        .run(&[
            "program",
            "feedback",
            "--program",
            &pid,
            "--nip",
            BUDI,
            "--rating",
            "6"
        ])
        .fails()
        .contains("1-5"));
    at(
        &mut db,
        "2026-11-24T16:00",
        &["program", "attend", "--program", &pid, "--nip", BUDI],
    );
    at(
        &mut db,
        "2026-11-24T16:00",
        &[
            "program",
            "attend",
            "--program",
            &pid,
            "--nip",
            SARI,
            "--absent",
        ],
    );
    at(
        &mut db,
        "2026-11-24T16:05",
        &[
            "program",
            "feedback",
            "--program",
            &pid,
            "--nip",
            BUDI,
            "--rating",
            "3",
            "--comment",
            "Terlalu cepat",
        ],
    );
    at(
        &mut db,
        "2026-11-24T16:10",
        &[
            "program",
            "feedback",
            "--program",
            &pid,
            "--nip",
            BUDI,
            "--rating",
            "5",
            "--comment",
            "Bermanfaat",
        ],
    );
    assert!(db
        .run(&[
            "program",
            "feedback",
            "--program",
            &pid,
            "--nip",
            SARI,
            "--rating",
            "4"
        ])
        .fails()
        .contains("absent"));
    let show = db.json(&["program", "show", "--program", &pid, "--json"]);
    assert_eq!(show["feedback"]["count"], 1);
    assert_eq!(show["feedback"]["avg_rating"], 5.0);
    assert_eq!(show["feedback"]["comments"][0][1], "Bermanfaat");
    // completing creates the attending participants' training records (8 JP in 2026)
    let out = at(
        &mut db,
        "2026-11-25T08:00",
        &["program", "complete", "--program", &pid],
    );
    assert!(out.contains("1 training record"), "{out}");
    let jp = db.json(&["staff", "jp", "--year", "2026", "--json"]);
    assert_eq!(row(&jp, BUDI)["jp"], 8.0);
    assert_eq!(row(&jp, SARI)["jp"], 0.0);
    // after the program Budi serves one ticket on 2026-11-25 in 300 s
    at(
        &mut db,
        "2026-11-25T09:00",
        &["queue", "issue", "--service", "KTP"],
    );
    as_user(
        &mut db,
        "2026-11-25T09:01",
        "budi",
        &["queue", "call", "--counter", "L1"],
    );
    as_user(
        &mut db,
        "2026-11-25T09:05",
        "budi",
        &["queue", "start", "--ticket", "A-001"],
    );
    as_user(
        &mut db,
        "2026-11-25T09:10",
        "budi",
        &["queue", "finish", "--ticket", "A-001"],
    );
    db.now = Some("2026-12-11T09:00:00+07:00".into());
    // before = [start − 1, start) = 2026-11-23; after = (end, end + 1] = 2026-11-25
    let v = db.json(&[
        "program",
        "impact",
        "--program",
        &pid,
        "--days",
        "1",
        "--json",
    ]);
    assert_eq!(
        v.as_array().unwrap().len(),
        1,
        "absent participants are left out: {v}"
    );
    let b = row(&v, BUDI);
    assert_eq!(b["name"], "Budi Santoso");
    let (be, af) = (&b["before"], &b["after"]);
    for w in [be, af] {
        for k in [
            "served",
            "avg_service_s",
            "complaints_on_time",
            "ikm_score",
            "cases",
        ] {
            assert!(w.get(k).is_some(), "{k} missing: {w}");
        }
    }
    assert_eq!(
        (be["from"].as_str(), be["to"].as_str()),
        (Some("2026-11-23"), Some("2026-11-23"))
    );
    assert_eq!(
        (af["from"].as_str(), af["to"].as_str()),
        (Some("2026-11-25"), Some("2026-11-25"))
    );
    assert_eq!(be["served"], 2);
    assert_eq!(be["avg_service_s"], 900);
    assert_eq!(be["complaints_on_time"], 1);
    assert_eq!(be["ikm_score"], 87.5);
    assert_eq!(be["cases"]["tickets"], 2);
    assert_eq!(be["cases"]["complaints"], 2);
    assert_eq!(be["cases"]["surveys"], 2);
    assert_eq!(af["served"], 1);
    assert_eq!(af["avg_service_s"], 300);
    assert!(af["ikm_score"].is_null());
    assert_eq!(af["cases"]["surveys"], 0);
    // a 2-day window reaches back to 2026-11-22 and forward to 2026-11-26: same cases
    let v = db.json(&[
        "program",
        "impact",
        "--program",
        &pid,
        "--days",
        "2",
        "--json",
    ]);
    assert_eq!(row(&v, BUDI)["before"]["from"], "2026-11-22");
    assert_eq!(row(&v, BUDI)["after"]["to"], "2026-11-26");
    assert!(db
        .run(&[
            "program",
            "impact",
            "--program",
            &pid,
            "--days",
            "0",
            "--json"
        ])
        .fails()
        .contains("1-366"));
    assert!(db
        .run(&[
            "program",
            "impact",
            "--program",
            "nope",
            "--days",
            "5",
            "--json"
        ])
        .fails()
        .contains("does not exist"));
}

#[test]
fn mentoring_pairs_and_sessions() {
    let db = setup();
    let pair = db.ok(&[
        "mentoring",
        "add",
        "--mentor",
        BUDI,
        "--mentee",
        SARI,
        "--start",
        "2026-11-01",
    ]);
    let pair = pair.trim().to_string();
    assert_eq!(pair.len(), 36, "{pair}");
    assert!(db
        .run(&[
            "mentoring",
            "add",
            "--mentor",
            BUDI,
            "--mentee",
            BUDI,
            "--start",
            "2026-11-01"
        ])
        .fails()
        .contains("themself"));
    assert!(db
        .run(&[
            "mentoring",
            "add",
            "--mentor",
            BUDI,
            "--mentee",
            "198001012000011001",
            "--start",
            "2026-11-01"
        ])
        .fails()
        .contains("198001012000011001"));
    assert!(db
        .run(&[
            "mentoring",
            "add",
            "--mentor",
            BUDI,
            "--mentee",
            SARI,
            "--start",
            "2026-11-02"
        ])
        .fails()
        .contains("already"));
    db.ok(&[
        "mentoring",
        "session",
        "--pair",
        &pair,
        "--date",
        "2026-11-10",
        "--minutes",
        "60",
        "--notes",
        "SOP KTP",
    ]);
    db.ok(&[
        "mentoring",
        "session",
        "--pair",
        &pair,
        "--date",
        "2026-11-17",
        "--minutes",
        "45",
    ]);
    assert!(db
        .run(&[
            "mentoring",
            "session",
            "--pair",
            &pair,
            "--date",
            "2026-10-01",
            "--minutes",
            "45"
        ])
        .fails()
        .contains("before"));
    assert!(db
        .run(&[
            "mentoring",
            "session",
            "--pair",
            &pair,
            "--date",
            "2026-11-18",
            "--minutes",
            "0"
        ])
        .fails()
        .contains("1-600"));
    let list = db.json(&["mentoring", "list", "--json"]);
    assert_eq!(list[0]["sessions"], 2);
    assert_eq!(list[0]["minutes"], 105);
    assert_eq!(list[0]["status"], "active");
    db.ok(&[
        "mentoring",
        "update",
        "--pair",
        &pair,
        "--status",
        "completed",
    ]);
    assert!(db
        .run(&[
            "mentoring",
            "session",
            "--pair",
            &pair,
            "--date",
            "2026-11-20",
            "--minutes",
            "30"
        ])
        .fails()
        .contains("completed"));
    let fp = db.fingerprint();
    db.ok(&["rebuild"]);
    assert_eq!(db.fingerprint(), fp, "state is a function of the events");
}

#[test]
fn exports_write_xlsx_and_pdf_files() {
    let db = setup();
    db.ok(&[
        "training",
        "add",
        "--nip",
        BUDI,
        "--title",
        "Bimtek",
        "--kind",
        "klasikal",
        "--jp",
        "8",
        "--date",
        "2026-03-10",
    ]);
    let p = db.ok(&[
        "program",
        "add",
        "--title",
        "Prima",
        "--start",
        "2026-04-01",
        "--end",
        "2026-04-02",
        "--jp",
        "8",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let path = |f: &str| dir.path().join(f).display().to_string();
    let runs: [(Vec<&str>, &str, &[u8]); 4] = [
        (
            vec!["staff", "jp-export", "--year", "2026", "--format", "xlsx"],
            "jp.xlsx",
            b"PK\x03\x04",
        ),
        (
            vec!["staff", "jp-export", "--year", "2026", "--format", "pdf"],
            "jp.pdf",
            b"%PDF-",
        ),
        (
            vec![
                "staff",
                "report-export",
                "--from",
                "2026-03-01",
                "--to",
                "2026-03-31",
                "--format",
                "xlsx",
            ],
            "kinerja.xlsx",
            b"PK\x03\x04",
        ),
        (
            vec![
                "program",
                "report",
                "--program",
                p.trim(),
                "--days",
                "14",
                "--format",
                "pdf",
            ],
            "program.pdf",
            b"%PDF-",
        ),
    ];
    for (args, file, magic) in runs {
        let out = path(file);
        let mut a = args.clone();
        a.extend(["--out", out.as_str()]);
        let printed = db.ok(&a);
        assert!(printed.contains(&out), "{printed}");
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(magic), "{file}");
    }
    // the JSON contracts are unchanged by the new subcommands
    let rows: Value =
        serde_json::from_str(&db.ok(&["staff", "jp", "--year", "2026", "--json"])).unwrap();
    assert_eq!(row(&rows, BUDI)["shortfall"], 12.0);
}
