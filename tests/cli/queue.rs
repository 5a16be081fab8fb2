//! The queue's CLI contract (issue 4): `loket queue …`, `loket service set-policy`,
//! `loket demo`, and two real processes calling and issuing on one database at once.

use std::collections::BTreeSet;
use std::process::Stdio;

use loket_tests::Db;
use serde_json::Value;

const NIP: &str = "198503152010011003";

fn keys(v: &Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn number(out: String) -> String {
    let n = out.trim().to_string();
    assert!(!n.contains('\n'), "one number expected: {n:?}");
    n
}

#[test]
fn issue_call_start_finish_as_the_contract_says() {
    let db = Db::seeded("MPP Medan", "Loket 1");
    db.run_env(
        &[
            "user",
            "add",
            "--username",
            "budi",
            "--role",
            "petugas",
            "--nip",
            NIP,
        ],
        &[("LOKET_NEW_PIN", "1111")],
    )
    .ok();
    assert_eq!(
        number(db.ok(&["queue", "issue", "--service", "KTP"])),
        "A-001"
    );
    assert_eq!(
        number(db.ok(&["queue", "issue", "--service", "ktp", "--priority", "lansia"])),
        "A-002"
    );
    assert_eq!(
        number(db.ok(&["queue", "issue", "--service", "KK"])),
        "B-001"
    );
    let mut db = db;
    db.now = Some("2026-11-23T09:05:00+07:00".into());
    let called = db.run_env(
        &["--user", "budi", "queue", "call", "--counter", "L1"],
        &[("LOKET_PIN", "1111")],
    );
    assert_eq!(number(called.ok().to_string()), "A-001");
    db.now = Some("2026-11-23T09:06:00+07:00".into());
    db.run_env(
        &["--user", "budi", "queue", "start", "--ticket", "A-001"],
        &[("LOKET_PIN", "1111")],
    )
    .ok();
    db.now = Some("2026-11-23T09:16:00+07:00".into());
    db.run_env(
        &["--user", "budi", "queue", "finish", "--ticket", "A-001"],
        &[("LOKET_PIN", "1111")],
    )
    .ok();
    let device = db.json(&["status", "--json"])["device_id"].clone();
    let list = db.json(&["queue", "list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    for k in [
        "number",
        "device",
        "service",
        "status",
        "priority",
        "issued_at",
        "called_at",
        "started_at",
        "finished_at",
        "counter",
        "officer",
    ] {
        assert!(list[0].get(k).is_some(), "key {k} missing: {}", list[0]);
    }
    let a1 = list.iter().find(|t| t["number"] == "A-001").unwrap();
    assert_eq!(a1["device"], device);
    assert_eq!(a1["service"], "KTP");
    assert_eq!(a1["status"], "done");
    assert_eq!(a1["priority"], Value::Null);
    assert_eq!(a1["issued_at"], "2026-11-23T09:00:00+07:00");
    assert_eq!(a1["called_at"], "2026-11-23T09:05:00+07:00");
    assert_eq!(a1["started_at"], "2026-11-23T09:06:00+07:00");
    assert_eq!(a1["finished_at"], "2026-11-23T09:16:00+07:00");
    assert_eq!(a1["counter"], "L1");
    assert_eq!(a1["officer"], NIP);
    let a2 = list.iter().find(|t| t["number"] == "A-002").unwrap();
    assert_eq!(a2["priority"], "lansia");
    assert_eq!(a2["officer"], Value::Null);
    assert_eq!(a2["called_at"], Value::Null);

    let stats = db.json(&["queue", "stats", "--json"]);
    let stats = stats.as_array().unwrap();
    let ktp = stats.iter().find(|s| s["service"] == "KTP").unwrap();
    for k in [
        "service",
        "issued",
        "served",
        "no_show",
        "avg_wait_s",
        "avg_service_s",
    ] {
        assert!(keys(ktp).contains(&k.to_string()), "{k} missing: {ktp}");
    }
    assert_eq!(ktp["issued"], 2);
    assert_eq!(ktp["served"], 1);
    assert_eq!(ktp["no_show"], 0);
    assert_eq!(ktp["avg_wait_s"], 300);
    assert_eq!(ktp["avg_service_s"], 600);
    let kk = stats.iter().find(|s| s["service"] == "KK").unwrap();
    assert_eq!(kk["issued"], 1);
    assert_eq!(kk["avg_wait_s"], Value::Null);

    // another day: empty list, numbers start again
    let other = db.json(&["queue", "list", "--date", "2026-11-22", "--json"]);
    assert_eq!(other, serde_json::json!([]));
    db.now = Some("2026-11-24T08:00:00+07:00".into());
    assert_eq!(
        number(db.ok(&["queue", "issue", "--service", "KTP"])),
        "A-001"
    );
    assert_eq!(
        db.json(&["queue", "list", "--date", "2026-11-23", "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn impossible_steps_fail_with_a_clear_message() {
    let db = Db::seeded("MPP Medan", "Loket 1");
    let msg = db
        .run(&["queue", "call", "--counter", "L1"])
        .fails()
        .to_string();
    assert!(msg.contains("no ticket is waiting for counter L1"), "{msg}");
    db.ok(&["queue", "issue", "--service", "KTP"]);
    let fp = db.fingerprint();
    let cases: &[(&[&str], &str)] = &[
        (&["queue", "finish", "--ticket", "A-001"], "never started"),
        (&["queue", "start", "--ticket", "A-001"], "not been called"),
        (
            &["queue", "no-show", "--ticket", "A-001"],
            "not been called",
        ),
        (&["queue", "recall", "--ticket", "A-001"], "not been called"),
        (&["queue", "cancel", "--ticket", "B-001"], "no ticket B-001"),
        (&["queue", "issue", "--service", "XX"], "XX does not exist"),
        (&["queue", "call", "--counter", "L9"], "L9 does not exist"),
        (
            &[
                "queue",
                "transfer",
                "--ticket",
                "A-001",
                "--service",
                "NOPE",
            ],
            "NOPE does not exist",
        ),
        (
            &[
                "service",
                "set-policy",
                "--code",
                "KTP",
                "--policy",
                "ratio:0",
            ],
            "N must be",
        ),
        (
            &[
                "service",
                "set-policy",
                "--code",
                "KTP",
                "--policy",
                "ratio:abc",
            ],
            "ratio:N",
        ),
        (
            &[
                "service",
                "set-policy",
                "--code",
                "NOPE",
                "--policy",
                "fifo",
            ],
            "does not exist",
        ),
    ];
    for (args, want) in cases {
        let msg = db.run(args).fails().to_string();
        assert!(msg.contains(want), "{args:?}: {msg}");
    }
    assert_eq!(db.fingerprint(), fp, "refused commands change nothing");
    db.ok(&["queue", "call", "--counter", "L1"]);
    db.ok(&["queue", "start", "--ticket", "A-001"]);
    db.ok(&["queue", "finish", "--ticket", "A-001"]);
    let msg = db
        .run(&["queue", "finish", "--ticket", "A-001"])
        .fails()
        .to_string();
    assert!(msg.contains("already finished"), "{msg}");
    // Indonesian
    let msg = db
        .run_env(
            &["queue", "call", "--counter", "L1"],
            &[("LOKET_LANG", "id")],
        )
        .fails()
        .to_string();
    assert!(msg.contains("tidak ada tiket"), "{msg}");
}

#[test]
fn policies_transfer_postpone_and_recall_through_the_cli() {
    let db = Db::seeded("MPP Medan", "Loket 1");
    assert!(db
        .ok(&[
            "service",
            "set-policy",
            "--code",
            "KTP",
            "--policy",
            "ratio:2"
        ])
        .contains("ratio:2"));
    let services = db.json(&["service", "list", "--json"]);
    let ktp = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "KTP")
        .unwrap()
        .clone();
    assert_eq!(ktp["policy"], "ratio:2");
    for p in ["", "", "", "lansia", "", "hamil"] {
        if p.is_empty() {
            db.ok(&["queue", "issue", "--service", "KTP"]);
        } else {
            db.ok(&["queue", "issue", "--service", "KTP", "--priority", p]);
        }
    }
    let mut order = Vec::new();
    for _ in 0..6 {
        let n = number(db.ok(&["queue", "call", "--counter", "L1"]));
        db.ok(&["queue", "start", "--ticket", &n]);
        db.ok(&["queue", "finish", "--ticket", &n]);
        order.push(n);
    }
    assert_eq!(
        order,
        ["A-001", "A-002", "A-004", "A-003", "A-005", "A-006"]
    );

    db.ok(&["queue", "issue", "--service", "KTP"]);
    db.ok(&["queue", "issue", "--service", "KTP"]);
    db.ok(&["queue", "issue", "--service", "KTP"]);
    assert_eq!(
        number(db.ok(&["queue", "call", "--counter", "L1"])),
        "A-007"
    );
    assert!(db
        .ok(&["queue", "recall", "--ticket", "A-007"])
        .contains("recall 1"));
    db.ok(&["queue", "postpone", "--ticket", "A-007", "--after", "1"]);
    assert_eq!(
        number(db.ok(&["queue", "call", "--counter", "L1"])),
        "A-008"
    );
    db.ok(&["queue", "transfer", "--ticket", "A-008", "--service", "KK"]);
    let list = db.json(&["queue", "list", "--json"]);
    let a8 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["number"] == "A-008")
        .unwrap()
        .clone();
    assert_eq!(a8["service"], "KK");
    assert_eq!(a8["status"], "issued");
    // A-007 came back after one other (A-009 is still behind it); the transferred A-008 is last
    assert_eq!(
        number(db.ok(&["queue", "call", "--counter", "L1"])),
        "A-007"
    );
    db.ok(&["queue", "no-show", "--ticket", "A-007"]);
    assert_eq!(
        number(db.ok(&["queue", "call", "--counter", "L1"])),
        "A-009"
    );
    db.ok(&["queue", "cancel", "--ticket", "A-009"]);
    assert_eq!(
        number(db.ok(&["queue", "call", "--counter", "L1"])),
        "A-008"
    );
    let show = db.json(&["queue", "show", "--ticket", "A-008", "--json"]);
    let kinds: Vec<&str> = show["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["issue", "call", "transfer", "call"]);
    let stats = db.json(&["queue", "stats", "--json"]);
    let ktp = stats
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "KTP")
        .unwrap()
        .clone();
    assert_eq!(ktp["no_show"], 1);
    assert_eq!(ktp["issued"], 9);
    // print status and reprint
    db.ok(&[
        "queue", "print", "--ticket", "A-001", "--result", "failed", "--error", "paper",
    ]);
    assert!(db
        .ok(&["queue", "print", "--ticket", "A-001", "--result", "printed"])
        .contains("printed"));
    let board = db.json(&["queue", "board", "--json"]);
    assert_eq!(board["current"][0]["number"], "A-008");
    let by_hour = db.json(&["queue", "metrics", "--by", "hour", "--json"]);
    assert_eq!(by_hour[0]["key"], "09");
    assert_eq!(by_hour[0]["issued"], 9);
    // a rebuild refolds the same state
    let fp = db.fingerprint();
    assert!(db.ok(&["rebuild"]).contains(&fp));
}

/// Two real `loket` processes at the same moment on one database, many times over: numbers
/// never repeat, and no ticket is called twice.
#[test]
fn two_processes_never_duplicate_a_number_nor_call_one_ticket_twice() {
    let db = Db::seeded("MPP Medan", "Loket 1");
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
    let both = |a: &[&str], b: &[&str]| -> (loket_tests::Run, loket_tests::Run) {
        let spawn = |args: &[&str]| {
            db.command(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn loket")
        };
        let (pa, pb) = (spawn(a), spawn(b));
        let run = |c: std::process::Child| {
            let o = c.wait_with_output().unwrap();
            loket_tests::Run {
                code: o.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            }
        };
        (run(pa), run(pb))
    };
    let mut issued = Vec::new();
    let mut called = Vec::new();
    for round in 0..15 {
        // two kiosks issue at once (twice), same service
        for _ in 0..2 {
            let svc = if round % 2 == 0 { "KTP" } else { "KK" };
            let (a, b) = both(
                &["queue", "issue", "--service", svc],
                &["queue", "issue", "--service", svc],
            );
            issued.push(number(a.ok().to_string()));
            issued.push(number(b.ok().to_string()));
        }
        // two counters call at once
        let (a, b) = both(
            &["queue", "call", "--counter", "L1"],
            &["queue", "call", "--counter", "L2"],
        );
        called.push(number(a.ok().to_string()));
        called.push(number(b.ok().to_string()));
    }
    let unique: BTreeSet<&String> = issued.iter().collect();
    assert_eq!(unique.len(), issued.len(), "duplicate number in {issued:?}");
    let unique: BTreeSet<&String> = called.iter().collect();
    assert_eq!(
        unique.len(),
        called.len(),
        "a ticket called twice: {called:?}"
    );
    // and the log agrees: one call step per called ticket
    let list = db.json(&["queue", "list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 60);
    let called_now: Vec<&Value> = list.iter().filter(|t| t["status"] == "called").collect();
    assert_eq!(called_now.len(), 30);
    for t in called_now.iter().take(6) {
        let n = t["number"].as_str().unwrap();
        let show = db.json(&["queue", "show", "--ticket", n, "--json"]);
        let calls = show["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] == "call")
            .count();
        assert_eq!(calls, 1, "{n}");
    }
}

#[test]
fn demo_initialises_an_empty_database_and_repeats_with_the_same_seed() {
    let a = Db::new();
    let b = Db::new();
    let out = a.ok(&["demo", "--days", "3", "--seed", "7"]);
    assert!(out.contains("tickets"), "{out}");
    b.ok(&["demo", "--days", "3", "--seed", "7", "--scale", "small"]);
    assert_eq!(a.fingerprint(), b.fingerprint(), "same seed, same data");
    assert_eq!(a.json(&["status", "--json"])["site"], "MPP Demo");
    // 2026-11-20 was a Friday
    let list = a.json(&["queue", "list", "--date", "2026-11-20", "--json"]);
    assert!(list.as_array().unwrap().len() > 10);
    let weekend = a.json(&["queue", "list", "--date", "2026-11-22", "--json"]);
    assert_eq!(weekend, serde_json::json!([]), "closed on Sunday");
    // an officer logs in with the default PIN
    let users = a.json(&["user", "list", "--json"]);
    let officer = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["nip"].is_string())
        .unwrap()["username"]
        .as_str()
        .unwrap()
        .to_string();
    a.run_env(
        &["--user", &officer, "queue", "stats", "--json"],
        &[("LOKET_PIN", "1234")],
    )
    .ok();
    // on an initialised database it adds
    let seeded = Db::seeded("MPP Medan", "Loket 1");
    seeded.ok(&["demo", "--days", "2", "--seed", "1"]);
    assert_eq!(seeded.json(&["status", "--json"])["site"], "MPP Medan");
    let services = seeded.json(&["service", "list", "--json"]);
    assert!(services.as_array().unwrap().len() > 2);
    let bad = Db::new();
    assert!(bad
        .run(&["demo", "--days", "2", "--scale", "huge"])
        .fails()
        .contains("huge"));
}
