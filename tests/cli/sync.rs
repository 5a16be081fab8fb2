//! Sync by file through the real binary: the CLI contract, multi-file import, and a kill in the
//! middle of an import that must leave the database exactly as before.

use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;
use std::time::Duration;

use loket_tests::Db;
use serde_json::Value;

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn export_verify_import_devices_conflicts_contract() {
    let a = Db::seeded("MPP Medan", "Loket 1");
    let b = Db::new();
    b.ok(&[
        "init",
        "--site",
        "MPP Medan",
        "--device",
        "Supervisor",
        "--kind",
        "supervisor",
    ]);
    let file = a.dir.path().join("a.loket");
    let out = a.ok(&["export", "--out", file.to_str().unwrap()]);
    assert!(out.contains("exported"), "{out}");
    assert!(b.ok(&["verify", file.to_str().unwrap()]).starts_with("ok:"));
    let fp_before = b.fingerprint();
    let out = b.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("applied"), "{out}");
    assert_ne!(b.fingerprint(), fp_before);
    // again: a no-op, still exit 0
    let fp = b.fingerprint();
    assert!(b
        .ok(&["import", file.to_str().unwrap()])
        .contains("0 new event(s)"));
    assert_eq!(b.fingerprint(), fp);
    assert_eq!(
        b.json(&["service", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // devices
    let devs = b.json(&["devices", "--json"]);
    assert_eq!(devs.as_array().unwrap().len(), 2);
    for d in devs.as_array().unwrap() {
        for k in [
            "device_id",
            "name",
            "kind",
            "site",
            "last_seq",
            "last_seen",
            "skew_s",
        ] {
            assert!(d.get(k).is_some(), "devices key {k} missing in {d}");
        }
    }
    let loket1 = devs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "Loket 1")
        .unwrap();
    assert_eq!(loket1["kind"], "counter");
    assert_eq!(loket1["site"], "MPP Medan");
    assert_eq!(loket1["skew_s"], 0);
    // conflicts: both edit the same service name concurrently
    a.ok(&[
        "service",
        "update",
        "--code",
        "KTP",
        "--name",
        "KTP Elektronik",
    ]);
    b.ok(&["service", "update", "--code", "KTP", "--name", "E-KTP"]);
    let fa = a.dir.path().join("a2.loket");
    a.ok(&["export", "--out", fa.to_str().unwrap()]);
    b.ok(&["import", fa.to_str().unwrap()]);
    let c = b.json(&["conflicts", "--json"]);
    assert_eq!(c.as_array().unwrap().len(), 1);
    assert_eq!(
        keys(&c[0]),
        ["default", "entity", "entity_id", "field", "id", "values"]
    );
    assert_eq!(c[0]["entity"], "service");
    assert_eq!(c[0]["entity_id"], "KTP");
    let id = c[0]["id"].as_str().unwrap().to_string();
    assert!(b
        .run(&["conflicts", "pick", "--id", &id, "--value", "nope"])
        .fails()
        .contains("not one of the values"));
    b.ok(&["conflicts", "pick", "--id", &id, "--value", "E-KTP"]);
    assert_eq!(
        b.json(&["conflicts", "--json"]).as_array().unwrap().len(),
        0
    );
    let svc = b.json(&["service", "list", "--json"]);
    let ktp = svc
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "KTP")
        .unwrap();
    assert_eq!(ktp["name"], "E-KTP");
}

#[test]
fn import_many_files_each_on_its_own() {
    let a = Db::seeded("MPP Medan", "Loket 1");
    let b = Db::new();
    b.ok(&["init", "--site", "MPP Medan", "--device", "Supervisor"]);
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("1-good.loket");
    a.ok(&["export", "--out", good.to_str().unwrap()]);
    let bad = dir.path().join("2-bad.loket");
    let mut bytes = std::fs::read(&good).unwrap();
    let n = bytes.len();
    bytes[n - 3] ^= 0xff;
    std::fs::write(&bad, &bytes).unwrap();
    std::fs::write(dir.path().join("readme.txt"), "not a bundle").unwrap();
    // a folder: its .loket files; the damaged one is refused, the good one applied, exit != 0
    let r = b.run(&["import", dir.path().to_str().unwrap()]);
    assert_ne!(r.code, 0);
    assert!(
        r.stdout.contains("applied") && r.stdout.contains("1-good"),
        "{r:?}"
    );
    assert!(
        r.stderr.contains("refused") && r.stderr.contains("2-bad"),
        "{r:?}"
    );
    assert_eq!(
        b.json(&["agency", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // the good file alone: exit 0
    b.ok(&["import", good.to_str().unwrap()]);
    // encrypted export and import with --passphrase-env
    let enc = dir.path().join("enc.loket");
    a.run_env(
        &[
            "export",
            "--out",
            enc.to_str().unwrap(),
            "--full",
            "--passphrase-env",
            "PW",
        ],
        &[("PW", "kunci")],
    )
    .ok();
    assert!(b
        .run(&["import", enc.to_str().unwrap()])
        .fails()
        .contains("encrypted"));
    let r = b.run_env(
        &["import", enc.to_str().unwrap(), "--passphrase-env", "PW"],
        &[("PW", "salah")],
    );
    assert!(r.stderr.contains("wrong passphrase"), "{r:?}");
    b.run_env(
        &["verify", enc.to_str().unwrap(), "--passphrase-env", "PW"],
        &[("PW", "kunci")],
    )
    .ok();
    b.run_env(
        &["import", enc.to_str().unwrap(), "--passphrase-env", "PW"],
        &[("PW", "kunci")],
    )
    .ok();
    assert!(b
        .run(&["export", "--out", enc.to_str().unwrap()])
        .fails()
        .contains("exists already"));
    // export into a folder: the name tells site, device and time
    let out = a.ok(&["export", "--out", dir.path().to_str().unwrap()]);
    assert!(
        out.contains("loket-mpp-medan-loket-1-20261123-090000.loket"),
        "{out}"
    );
}

/// Builds a database with many events directly through the core (fast), as device "Big".
fn big_db(n: usize) -> Db {
    let db = Db::new();
    db.ok(&["init", "--site", "MPP Medan", "--device", "Big"]);
    let (env, _) = loket_core::Env::fixed(1_795_399_200_000, 5);
    let conn = loket_core::store::open(&db.path, false).unwrap();
    let tx = conn.unchecked_transaction().unwrap();
    for i in 0..n {
        loket_core::log::append(
            &tx,
            &env,
            None,
            "agency",
            &format!("AG{i:06}"),
            vec![
                ("name", serde_json::json!(format!("Instansi {i}"))),
                ("active", serde_json::json!(true)),
            ],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    db
}

fn integrity(db: &Db) {
    let c = rusqlite::Connection::open(&db.path).unwrap();
    let r: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(r, "ok");
}

#[test]
fn killing_an_import_midway_leaves_the_database_as_before() {
    let src = big_db(40_000);
    let file = src.dir.path().join("big.loket");
    src.ok(&["export", "--out", file.to_str().unwrap()]);
    let dst = Db::new();
    dst.ok(&["init", "--site", "MPP Medan", "--device", "Supervisor"]);
    let before = dst.fingerprint();
    let mut killed = 0;
    for delay_ms in [150u64, 400, 900, 1600] {
        let mut child = dst
            .command(&["import", file.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        // SIGKILL: no chance to clean up (a no-op if it has just exited on its own)
        let _ = child.kill();
        // whether the signal ended it, not whether it ran when we looked: it may finish
        // between a look and the kill
        let status = child.wait().unwrap();
        let finished = status.signal().is_none();
        if !finished {
            killed += 1;
        } else {
            assert!(status.success(), "the import failed on its own: {status}");
        }
        integrity(&dst);
        let fp = dst.fingerprint();
        if finished {
            assert_ne!(fp, before);
            break;
        }
        assert_eq!(
            fp, before,
            "killed after {delay_ms} ms: nothing of the file may remain"
        );
        assert_eq!(
            dst.json(&["agency", "list", "--json"])
                .as_array()
                .unwrap()
                .len(),
            0
        );
    }
    assert!(
        killed > 0,
        "the import was always faster than the first kill; make the file bigger"
    );
    // and then the whole file applies
    dst.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        dst.json(&["agency", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        40_000
    );
}

#[test]
fn a_restored_backup_is_a_new_device_and_never_a_clone() {
    let a = Db::seeded("MPP Medan", "Loket 1");
    let backup = a.dir.path().join("backup.db");
    a.ok(&["backup", "--out", backup.to_str().unwrap()]);
    assert!(a
        .run(&["backup", "--out", backup.to_str().unwrap()])
        .fails()
        .contains("exists already"));
    // the PC keeps working after the backup was taken
    a.ok(&["agency", "add", "--code", "AFTER", "--name", "After backup"]);
    // the disk dies; the backup is restored on a replacement PC
    let restored = Db::new();
    let out = restored.ok(&["restore", "--from", backup.to_str().unwrap()]);
    assert!(out.contains("now device"), "{out}");
    assert!(restored
        .run(&["restore", "--from", backup.to_str().unwrap()])
        .fails()
        .contains("exists already"));
    let sa = a.json(&["status", "--json"]);
    let sr = restored.json(&["status", "--json"]);
    assert_ne!(sa["device_id"], sr["device_id"], "a new device id");
    assert_eq!(sa["site_id"], sr["site_id"]);
    assert_eq!(sr["device_name"], "Loket 1");
    restored.ok(&[
        "agency",
        "add",
        "--code",
        "NEWPC",
        "--name",
        "On the new PC",
    ]);
    // both histories reach the supervisor without any clone alarm, and nothing is lost
    let sup = Db::new();
    sup.ok(&["init", "--site", "MPP Medan", "--device", "Supervisor"]);
    for (db, name) in [(&a, "a.loket"), (&restored, "r.loket")] {
        let f = db.dir.path().join(name);
        db.ok(&["export", "--out", f.to_str().unwrap(), "--full"]);
        sup.ok(&["import", f.to_str().unwrap()]);
    }
    let devs = sup.json(&["devices", "--json"]);
    assert!(
        devs.as_array()
            .unwrap()
            .iter()
            .all(|d| d["cloned"] == false),
        "{devs}"
    );
    let codes: Vec<String> = sup
        .json(&["agency", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap().to_string())
        .collect();
    assert!(
        codes.contains(&"AFTER".to_string())
            && codes.contains(&"NEWPC".to_string())
            && codes.contains(&"DUK".to_string()),
        "{codes:?}"
    );
}
