//! The foundation's CLI contract: init, master data, users and roles, fingerprint, rebuild.

use loket_tests::{loket_bin, Db};
use serde_json::Value;

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn init_once_and_never_again() {
    let db = Db::new();
    let out = db.ok(&[
        "init",
        "--site",
        "MPP Kota Medan",
        "--device",
        "Loket 1",
        "--kind",
        "counter",
        "--tz",
        "Asia/Jakarta",
    ]);
    assert!(out.contains("MPP Kota Medan"), "{out}");
    let fp = db.fingerprint();
    let msg = db
        .run(&["init", "--site", "Other", "--device", "X"])
        .fails()
        .to_string();
    assert!(msg.contains("already initialised"), "{msg}");
    assert_eq!(db.fingerprint(), fp, "a refused init changes nothing");
    let status = db.json(&["status", "--json"]);
    assert_eq!(status["site"], "MPP Kota Medan");
    assert_eq!(status["site_tz"], "Asia/Jakarta");
    assert_eq!(status["device_kind"], "counter");
    let bad = Db::new();
    assert!(bad
        .run(&["init", "--site", "X", "--device", "Y", "--tz", "Mars/Base"])
        .fails()
        .contains("time zone"));
    assert!(bad
        .run(&["init", "--site", " ", "--device", "Y"])
        .fails()
        .contains("site name"));
}

#[test]
fn commands_on_a_missing_database_fail_without_creating_it() {
    let db = Db::new();
    let msg = db.run(&["agency", "list"]).fails().to_string();
    assert!(msg.contains("loket init"), "{msg}");
    assert!(!db.path.exists());
}

#[test]
fn db_flag_and_env_choose_the_database() {
    let a = Db::new();
    a.ok(&["init", "--site", "A", "--device", "A1"]);
    // LOKET_DB is used when --db is absent
    let out = std::process::Command::new(loket_bin())
        .args(["status", "--json"])
        .env("LOKET_DB", &a.path)
        .env("LOKET_NOW", "2026-11-23T09:00:00+07:00")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["site"], "A");
    // --db wins over LOKET_DB
    let b = Db::new();
    b.ok(&["init", "--site", "B", "--device", "B1"]);
    let v = b
        .run_env(
            &["status", "--json"],
            &[("LOKET_DB", a.path.to_str().unwrap())],
        )
        .json();
    assert_eq!(v["site"], "B");
}

#[test]
fn master_data_lists_as_json_arrays() {
    let db = Db::seeded("MPP Medan", "Loket 1");
    let agencies = db.json(&["agency", "list", "--json"]);
    assert_eq!(agencies.as_array().unwrap().len(), 1);
    assert_eq!(agencies[0]["code"], "DUK");
    let services = db.json(&["service", "list", "--json"]);
    assert_eq!(services.as_array().unwrap().len(), 2);
    assert_eq!(services[0]["code"], "KK");
    assert_eq!(services[1]["prefix"], "A");
    assert_eq!(services[1]["minutes"], 30);
    let counters = db.json(&["counter", "list", "--json"]);
    assert_eq!(counters[0]["services"], serde_json::json!(["KTP", "KK"]));
    let staff = db.json(&["staff", "list", "--json"]);
    assert_eq!(staff[0]["nip"], "198503152010011003");
    assert_eq!(staff[0]["employment"], "PNS");
    // text tables for people
    let table = db.ok(&["service", "list"]);
    assert!(table.lines().next().unwrap().starts_with("CODE"));
    assert!(table.contains("KTP-el"));
}

#[test]
fn bad_master_data_is_refused_with_the_problem_named() {
    let db = Db::seeded("MPP Medan", "Loket 1");
    let fp = db.fingerprint();
    let cases: &[(&[&str], &str)] = &[
        (
            &["agency", "add", "--code", "DUK", "--name", "x"],
            "DUK already exists",
        ),
        (
            &[
                "service", "add", "--code", "KTP", "--agency", "DUK", "--name", "x", "--prefix",
                "C",
            ],
            "KTP already exists",
        ),
        (
            &[
                "service", "add", "--code", "PAS", "--agency", "IMI", "--name", "Paspor",
                "--prefix", "P",
            ],
            "agency IMI does not exist",
        ),
        (
            &[
                "service", "add", "--code", "AKTA", "--agency", "DUK", "--name", "Akta",
                "--prefix", "a",
            ],
            "prefix A is already used by service KTP",
        ),
        (
            &[
                "service", "add", "--code", "AKTA", "--agency", "DUK", "--name", "Akta",
                "--prefix", "12",
            ],
            "single letter",
        ),
        (
            &[
                "counter",
                "add",
                "--code",
                "L2",
                "--name",
                "Loket 2",
                "--services",
                "KTP,NOPE",
            ],
            "service NOPE does not exist",
        ),
        (
            &[
                "counter",
                "add",
                "--code",
                "L1",
                "--name",
                "again",
                "--services",
                "KTP",
            ],
            "L1 already exists",
        ),
        (
            &[
                "staff",
                "add",
                "--nip",
                "198503152010011003",
                "--name",
                "x",
                "--agency",
                "DUK",
            ],
            "already exists",
        ),
        (
            &[
                "staff",
                "add",
                "--nip",
                "19850315201001100",
                "--name",
                "x",
                "--agency",
                "DUK",
            ],
            "18 digits",
        ),
        (
            &[
                "staff",
                "add",
                "--nip",
                "198502302010011003",
                "--name",
                "x",
                "--agency",
                "DUK",
            ],
            "birth date",
        ),
        (
            &[
                "staff",
                "add",
                "--nip",
                "198503152010131003",
                "--name",
                "x",
                "--agency",
                "DUK",
            ],
            "TMT month",
        ),
        (
            &[
                "staff",
                "add",
                "--nip",
                "199002022022203001",
                "--name",
                "x",
                "--agency",
                "DUK",
            ],
            "digit 14",
        ),
        (
            &[
                "staff",
                "add",
                "--nip",
                "198503152010513003",
                "--name",
                "x",
                "--agency",
                "DUK",
            ],
            "digit 13",
        ),
        (
            &[
                "staff",
                "add",
                "--nip",
                "198503152010013003",
                "--name",
                "x",
                "--agency",
                "DUK",
            ],
            "gender",
        ),
        (
            &[
                "staff",
                "add",
                "--nip",
                "198503152010011000",
                "--name",
                "x",
                "--agency",
                "DUK",
            ],
            "serial",
        ),
        (
            &[
                "staff",
                "add",
                "--nip",
                "198503151984121003",
                "--name",
                "x",
                "--agency",
                "DUK",
            ],
            "not after the birth date",
        ),
        (
            &[
                "staff",
                "add",
                "--nip",
                "198001012000011001",
                "--name",
                "x",
                "--agency",
                "NOPE",
            ],
            "agency NOPE does not exist",
        ),
        (
            &["user", "add", "--username", "a b", "--role", "admin"],
            "username",
        ),
    ];
    for (args, want) in cases {
        let r = db.run_env(args, &[("LOKET_NEW_PIN", "1234")]);
        let msg = r.fails();
        assert!(
            msg.contains(want),
            "{args:?}: {msg:?} should mention {want:?}"
        );
    }
    assert_eq!(db.fingerprint(), fp, "refused commands change nothing");
}

#[test]
fn under_18_at_tmt_is_a_warning_with_success() {
    let db = Db::seeded("MPP Medan", "Loket 1");
    let r = db.run(&[
        "staff",
        "add",
        "--nip",
        "200501012020011001",
        "--name",
        "Muda",
        "--agency",
        "DUK",
    ]);
    r.ok();
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("under 18"),
        "{r:?}"
    );
    let pppk = db.run(&[
        "staff",
        "add",
        "--nip",
        "199002022022212001",
        "--name",
        "Sari",
        "--agency",
        "DUK",
    ]);
    assert!(pppk.ok().contains("PPPK"));
    assert!(pppk.stderr.is_empty());
}

#[test]
fn users_roles_and_pins() {
    let db = Db::seeded("MPP Medan", "Loket 1");
    db.run_env(
        &["user", "add", "--username", "admin", "--role", "admin"],
        &[("LOKET_NEW_PIN", "1234")],
    )
    .ok();
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
    let users = db.json(&["user", "list", "--json"]);
    assert_eq!(users.as_array().unwrap().len(), 3);
    for u in users.as_array().unwrap() {
        assert_eq!(keys(u), ["active", "nip", "role", "username"]);
    }
    let budi = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "budi")
        .unwrap();
    assert_eq!(budi["nip"], "198503152010011003");
    assert_eq!(budi["role"], "petugas");
    // no PIN in the environment and no terminal: a clear message, nothing added
    let msg = db
        .run(&["user", "add", "--username", "xyz", "--role", "petugas"])
        .fails()
        .to_string();
    assert!(msg.contains("LOKET_NEW_PIN"), "{msg}");
    // unknown officer
    let r = db.run_env(
        &[
            "user",
            "add",
            "--username",
            "xyz",
            "--role",
            "petugas",
            "--nip",
            "198001012000011001",
        ],
        &[("LOKET_NEW_PIN", "1234")],
    );
    assert!(r.fails().contains("198001012000011001"));
    // acting as a user
    let as_budi = |args: &[&str], pin: &str| {
        let mut a = vec!["--user", "budi"];
        a.extend_from_slice(args);
        db.run_env(&a, &[("LOKET_PIN", pin)])
    };
    assert!(as_budi(&["agency", "list", "--json"], "1111")
        .json()
        .is_array());
    assert!(as_budi(&["agency", "list"], "0000")
        .fails()
        .contains("wrong username or PIN"));
    let msg = as_budi(&["agency", "add", "--code", "X", "--name", "Y"], "1111")
        .fails()
        .to_string();
    assert!(
        msg.contains("petugas") && msg.contains("agency.add"),
        "{msg}"
    );
    // only admin adds users
    let r = db.run_env(
        &[
            "--user",
            "sri",
            "user",
            "add",
            "--username",
            "zed",
            "--role",
            "petugas",
        ],
        &[("LOKET_PIN", "2222"), ("LOKET_NEW_PIN", "1234")],
    );
    assert!(r.fails().contains("supervisor"));
    let r = db.run_env(
        &[
            "--user",
            "admin",
            "user",
            "add",
            "--username",
            "zed",
            "--role",
            "petugas",
        ],
        &[("LOKET_PIN", "1234"), ("LOKET_NEW_PIN", "5555")],
    );
    r.ok();
    // supervisors configure master data
    db.run_env(
        &[
            "--user",
            "sri",
            "agency",
            "add",
            "--code",
            "BPJS",
            "--name",
            "BPJS Kesehatan",
        ],
        &[("LOKET_PIN", "2222")],
    )
    .ok();
    // lockout after repeated failures, reported clearly
    for _ in 0..4 {
        as_budi(&["agency", "list"], "9999").fails();
    }
    let msg = as_budi(&["agency", "list"], "9999").fails().to_string();
    assert!(msg.contains("locked"), "{msg}");
    assert!(as_budi(&["agency", "list"], "1111")
        .fails()
        .contains("locked"));
}

#[test]
fn indonesian_messages_on_request() {
    let db = Db::seeded("MPP Medan", "Loket 1");
    let msg = db
        .run_env(
            &["agency", "add", "--code", "DUK", "--name", "x"],
            &[("LOKET_LANG", "id")],
        )
        .fails()
        .to_string();
    assert!(msg.contains("instansi DUK sudah ada"), "{msg}");
}

#[test]
fn rebuild_gives_the_same_fingerprint() {
    let db = Db::seeded("MPP Medan", "Loket 1");
    db.ok(&[
        "agency",
        "update",
        "--code",
        "DUK",
        "--name",
        "Dinas Kependudukan dan Pencatatan Sipil",
    ]);
    db.ok(&["holiday", "add", "--date", "2026-12-25", "--name", "Natal"]);
    let fp = db.fingerprint();
    let out = db.ok(&["rebuild"]);
    assert!(out.contains(&fp), "{out}");
    assert_eq!(db.fingerprint(), fp);
    let names: Vec<Value> = db
        .json(&["agency", "list", "--json"])
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(names[0]["name"], "Dinas Kependudukan dan Pencatatan Sipil");
}

#[test]
fn same_site_name_is_one_site_whatever_the_spelling() {
    let a = Db::new();
    a.ok(&["init", "--site", "MPP Kota Medan", "--device", "A"]);
    let b = Db::new();
    b.ok(&["init", "--site", "  mpp kota  MEDAN ", "--device", "B"]);
    let sa = a.json(&["status", "--json"]);
    let sb = b.json(&["status", "--json"]);
    assert_eq!(sa["site_id"], sb["site_id"]);
    assert_ne!(sa["device_id"], sb["device_id"]);
    let c = Db::new();
    c.ok(&["init", "--site", "MPP Kota Binjai", "--device", "C"]);
    assert_ne!(c.json(&["status", "--json"])["site_id"], sa["site_id"]);
}

#[test]
fn newer_schema_is_refused_and_the_file_untouched() {
    let db = Db::new();
    db.ok(&["init", "--site", "A", "--device", "A1"]);
    {
        let c = rusqlite::Connection::open(&db.path).unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&db.path).unwrap();
    let msg = db.run(&["agency", "list"]).fails().to_string();
    assert!(msg.contains("newer Loket") && msg.contains("99"), "{msg}");
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

#[test]
fn several_processes_write_one_database_at_once() {
    let db = Db::seeded("MPP Medan", "Loket 1");
    let children: Vec<_> = (0..6)
        .map(|i| {
            db.command(&[
                "agency",
                "add",
                "--code",
                &format!("AG{i}"),
                "--name",
                &format!("Instansi {i}"),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        db.json(&["agency", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        7
    );
    // the device's chain stayed intact: every seq once, fingerprint stable after rebuild
    let fp = db.fingerprint();
    db.ok(&["rebuild"]);
    assert_eq!(db.fingerprint(), fp);
}

#[test]
fn usage_errors_do_not_panic() {
    let db = Db::new();
    let r = db.run(&["agency", "add", "--code", "X"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--name"), "{r:?}");
    assert!(!r.stderr.contains("panicked"));
}
