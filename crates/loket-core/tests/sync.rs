//! Sync by file: the properties of docs/sync.md, each proven here — convergence under any
//! order of export/import with duplicates and relays, idempotence, atomic rejection of damaged
//! files, attribution, clones, clock skew.

mod common;

use std::path::{Path, PathBuf};

use common::{Device, T0};
use loket_core::api::ApiError;
use loket_core::env::SeededEntropy;
use proptest::prelude::*;
use serde_json::{json, Value};

fn export(d: &Device, dir: &Path, name: &str, full: bool) -> PathBuf {
    let p = dir.join(name);
    d.ok("sync.export", json!({"out": p, "full": full}));
    p
}

fn import(d: &Device, f: &Path) -> Result<Value, ApiError> {
    d.call("sync.import", json!({"file": f}))
}

fn agencies(d: &Device) -> Value {
    d.ok("agency.list", json!({}))
}

#[test]
fn export_import_roundtrip_is_idempotent_and_converges() {
    let dir = tempfile::tempdir().unwrap();
    let a = Device::new("MPP Medan", "A", 1);
    let b = Device::new("MPP Medan", "B", 2);
    a.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    let f = export(&a, dir.path(), "a1.loket", false);
    let r = import(&b, &f).unwrap();
    assert_eq!(r["new_events"], 3);
    let fp = b.fingerprint();
    let again = import(&b, &f).unwrap();
    assert_eq!(again["new_events"], 0);
    assert_eq!(again["known_events"], 3);
    assert_eq!(again["seen_before"], true);
    assert_eq!(
        b.fingerprint(),
        fp,
        "importing the same file again changes nothing"
    );
    // importing appends no event of its own: a's full export into b gives a's fingerprint
    // once b has all of a's events and a has all of b's
    let fb = export(&b, dir.path(), "b1.loket", true);
    import(&a, &fb).unwrap();
    assert_eq!(a.fingerprint(), b.fingerprint());
    // incremental: a second export only carries what is new
    a.ok(
        "agency.add",
        json!({"code": "BPJS", "name": "BPJS Kesehatan"}),
    );
    let f2 = export(&a, dir.path(), "a2.loket", false);
    let v = a.ok("sync.verify", json!({"file": f2}));
    // a's new event, plus b's two that a holds but never exported itself
    assert_eq!(v["events"], 3);
    assert_eq!(v["new_events"], 0, "verify compares with a's own database");
    let r = import(&b, &f2).unwrap();
    assert_eq!(r["new_events"], 1);
    assert_eq!(r["known_events"], 2);
    // nothing new: an empty incremental bundle is still a valid file
    let f3 = export(&a, dir.path(), "a3.loket", false);
    assert_eq!(import(&b, &f3).unwrap()["new_events"], 0);
    assert_eq!(agencies(&b).as_array().unwrap().len(), 2);
    assert_eq!(a.fingerprint(), b.fingerprint());
}

#[test]
fn relayed_events_stay_attributable_to_their_author() {
    let dir = tempfile::tempdir().unwrap();
    let field = Device::new("Keliling Deli Serdang", "Laptop 1", 3);
    let counter = Device::new("MPP Medan", "Loket 1", 4);
    let sup = Device::new("MPP Medan", "Supervisor", 5);
    field.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    let f1 = export(&field, dir.path(), "field.loket", false);
    import(&counter, &f1).unwrap();
    // counter relays the field laptop's events to the supervisor
    let f2 = export(&counter, dir.path(), "counter.loket", false);
    let r = import(&sup, &f2).unwrap();
    let devs: Vec<String> = r["devices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["device_id"].as_str().unwrap().to_string())
        .collect();
    let field_id = field.ok("status", json!({}))["device_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        devs.contains(&field_id),
        "the field laptop's events arrive as its own"
    );
    import(&counter, &export(&sup, dir.path(), "sup.loket", false)).unwrap();
    assert_eq!(sup.fingerprint(), counter.fingerprint());
    let list = sup.ok("sync.devices", json!({}));
    let fl = list
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device_id"] == field_id.as_str())
        .unwrap();
    assert_eq!(fl["name"], "Laptop 1");
    assert_eq!(fl["site"], "Keliling Deli Serdang");
    assert_eq!(fl["last_seq"], 3);
}

#[test]
fn encrypted_bundles_need_the_right_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let a = Device::new("MPP Medan", "A", 6);
    let b = Device::new("MPP Medan", "B", 7);
    a.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    let f = dir.path().join("enc.loket");
    a.ok(
        "sync.export",
        json!({"out": f, "passphrase": "kunci rahasia"}),
    );
    let raw = std::fs::read(&f).unwrap();
    assert!(
        !String::from_utf8_lossy(&raw).contains("Disdukcapil"),
        "content is not readable without the passphrase"
    );
    let fp = b.fingerprint();
    let e = import(&b, &f).unwrap_err();
    assert!(e.message.contains("encrypted"), "{}", e.message);
    let e = b
        .call("sync.import", json!({"file": f, "passphrase": "salah"}))
        .unwrap_err();
    assert!(e.message.contains("wrong passphrase"), "{}", e.message);
    assert_eq!(b.fingerprint(), fp);
    b.ok(
        "sync.import",
        json!({"file": f, "passphrase": "kunci rahasia"}),
    );
    assert_eq!(agencies(&b)[0]["name"], "Disdukcapil");
}

/// Every kind of damage is refused with an explanation and leaves the database as it was.
#[test]
fn damaged_and_tampered_files_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = Device::new("MPP Medan", "A", 8);
    let b = Device::new("MPP Medan", "B", 9);
    let other = Device::new("MPP Medan", "Other", 10);
    a.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    for i in 0..20 {
        a.ok(
            "agency.add",
            json!({"code": format!("A{i}"), "name": format!("Instansi nomor {i}")}),
        );
    }
    let f = export(&a, dir.path(), "good.loket", false);
    let good = std::fs::read(&f).unwrap();
    let fp = b.fingerprint();
    let try_bytes = |name: &str, bytes: &[u8]| -> String {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let before = std::fs::read(&p).unwrap();
        let e = import(&b, &p).expect_err(name);
        assert_eq!(b.fingerprint(), fp, "{name}: nothing applied");
        assert_eq!(
            std::fs::read(&p).unwrap(),
            before,
            "{name}: the file is left untouched"
        );
        assert!(
            b.call("sync.verify", json!({"file": p})).is_err(),
            "{name}: verify refuses too"
        );
        e.message
    };
    // bit flips everywhere: header, manifest, signature, every part
    let mut flips = 0;
    let step = (good.len() / 97).max(1);
    for pos in (0..good.len()).step_by(step).chain([good.len() - 1]) {
        let mut bad = good.clone();
        bad[pos] ^= 0x10;
        let msg = try_bytes("flip.loket", &bad);
        assert!(!msg.is_empty());
        flips += 1;
    }
    assert!(flips > 90);
    // truncation at many points
    for cut in (0..good.len()).step_by(step) {
        let msg = try_bytes("cut.loket", &good[..cut]);
        assert!(!msg.is_empty());
    }
    // appended garbage
    let mut longer = good.clone();
    longer.extend_from_slice(b"extra");
    assert!(try_bytes("long.loket", &longer).contains("after its last part"));
    // a forged manifest signature: change a byte of the name inside the manifest
    let find = |needle: &[u8]| {
        good.windows(needle.len())
            .position(|w| w == needle)
            .unwrap()
    };
    let at = find(b"\"name\":\"A\"");
    let mut forged = good.clone();
    forged[at + 8] = b'X';
    assert!(try_bytes("forged.loket", &forged).contains("signature"));
    // a file from a newer Loket
    let mut newer = good.clone();
    let fat = find(b"\"format\":1");
    newer[fat + 9] = b'7';
    assert!(try_bytes("newer.loket", &newer).contains("newer Loket"));
    // not a Loket file at all
    assert!(try_bytes("text.loket", b"hello world, not a bundle").contains("not a Loket"));
    assert!(try_bytes("empty.loket", b"").contains("not a Loket"));
    // events signed by a key that is not the author's: another device re-exports a's events
    // under its own key cannot happen honestly; simulate by replacing a's key in the manifest
    // of a file exported by `other` after it learnt a's events
    import(&other, &f).unwrap();
    let fo = export(&other, dir.path(), "other.loket", true);
    assert!(import(&b, &fo).is_ok(), "an honest relay is accepted");
    assert_eq!(b.ok("agency.list", json!({})).as_array().unwrap().len(), 21);
}

#[test]
fn swapped_parts_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = Device::new("MPP Medan", "A", 11);
    let c = Device::new("MPP Medan", "C", 12);
    a.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    c.ok("agency.add", json!({"code": "BPJS", "name": "BPJS"}));
    import(&c, &export(&a, dir.path(), "a.loket", false)).unwrap();
    let f = export(&c, dir.path(), "c.loket", true);
    let good = std::fs::read(&f).unwrap();
    // locate the two parts from the manifest and swap their bytes
    let mlen = u32::from_be_bytes(good[8..12].try_into().unwrap()) as usize;
    let m: Value = serde_json::from_slice(&good[12..12 + mlen]).unwrap();
    let parts = m["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    let start = 12 + mlen + 4 + 64;
    let s0 = parts[0]["size"].as_u64().unwrap() as usize;
    let s1 = parts[1]["size"].as_u64().unwrap() as usize;
    let mut swapped = good[..start].to_vec();
    swapped.extend_from_slice(&good[start + s0..start + s0 + s1]);
    swapped.extend_from_slice(&good[start..start + s0]);
    let p = dir.path().join("swapped.loket");
    std::fs::write(&p, &swapped).unwrap();
    let b = Device::new("MPP Medan", "B", 13);
    let fp = b.fingerprint();
    assert!(import(&b, &p).is_err());
    assert_eq!(b.fingerprint(), fp);
}

#[test]
fn a_cloned_device_is_kept_aside_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let a = Device::new("MPP Medan", "A", 14);
    a.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    // clone the disk: copy the database file
    let clone_path = dir.path().join("clone.db");
    {
        let c = rusqlite::Connection::open(a.api.path()).unwrap();
        c.execute("VACUUM INTO ?1", [clone_path.to_str().unwrap()])
            .unwrap();
    }
    let (env, _) = loket_core::Env::fixed(T0 + 1000, 99);
    let clone = loket_core::api::Api::open(&clone_path, env).unwrap();
    let m = loket_core::api::Actor::Machine;
    a.ok("agency.add", json!({"code": "ORIG", "name": "Original"}));
    clone
        .call(
            &m,
            loket_core::Locale::En,
            "agency.add",
            json!({"code": "COPY", "name": "Copy"}),
        )
        .unwrap();
    let fa = export(&a, dir.path(), "a.loket", true);
    let fc = dir.path().join("clone.loket");
    clone
        .call(
            &m,
            loket_core::Locale::En,
            "sync.export",
            json!({"out": fc, "full": true}),
        )
        .unwrap();
    let sup1 = Device::new("MPP Medan", "Sup1", 15);
    let sup2 = Device::new("MPP Medan", "Sup2", 16);
    import(&sup1, &fa).unwrap();
    let r = import(&sup1, &fc).unwrap();
    assert!(r["quarantined"].as_i64().unwrap() >= 2, "{r}");
    import(&sup2, &fc).unwrap();
    import(&sup2, &fa).unwrap();
    import(&sup1, &export(&sup2, dir.path(), "s2.loket", true)).unwrap();
    import(&sup2, &export(&sup1, dir.path(), "s1.loket", true)).unwrap();
    assert_eq!(
        sup1.fingerprint(),
        sup2.fingerprint(),
        "the same outcome in either order"
    );
    let names: Vec<Value> = agencies(&sup1)
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].clone())
        .collect();
    assert!(
        names.contains(&json!("DUK")),
        "the shared history before the clone is kept"
    );
    assert!(
        !names.contains(&json!("ORIG")) && !names.contains(&json!("COPY")),
        "both branches are kept aside"
    );
    let devs = sup1.ok("sync.devices", json!({}));
    let cloned: Vec<&Value> = devs
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["cloned"] == true)
        .collect();
    assert_eq!(cloned.len(), 1);
    assert!(cloned[0]["quarantined"].as_i64().unwrap() >= 2);
}

#[test]
fn skewed_clocks_lose_nothing_and_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let two_years = 2 * 365 * 86_400_000i64;
    let behind = Device::new("MPP Medan", "Behind", 17);
    behind.clock.set(T0 - two_years);
    let ahead = Device::new("MPP Medan", "Ahead", 18);
    ahead.clock.set(T0 + 86_400_000);
    let sup = Device::new("MPP Medan", "Sup", 19);
    behind.ok(
        "agency.add",
        json!({"code": "OLD", "name": "Dari jam lama"}),
    );
    ahead.ok(
        "agency.add",
        json!({"code": "NEW", "name": "Dari jam depan"}),
    );
    // a later correction on the PC that is behind wins over the one ahead once seen
    import(&behind, &export(&ahead, dir.path(), "ahead.loket", false)).unwrap();
    behind.ok("agency.update", json!({"code": "NEW", "name": "Dikoreksi"}));
    import(&sup, &export(&behind, dir.path(), "behind.loket", false)).unwrap();
    import(&sup, &export(&ahead, dir.path(), "ahead2.loket", true)).unwrap();
    let list = agencies(&sup);
    let by: std::collections::HashMap<String, String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["code"].as_str().unwrap().to_string(),
                a["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(by["OLD"], "Dari jam lama");
    assert_eq!(by["NEW"], "Dikoreksi", "the causally later correction wins");
    let devs = sup.ok("sync.devices", json!({}));
    let find = |n: &str| {
        devs.as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == n)
            .unwrap()
            .clone()
    };
    let b = find("Behind");
    let a = find("Ahead");
    assert!(b["skew_s"].as_i64().unwrap() < -700 * 86_400, "{b}");
    assert_eq!(b["clock_warning"], true);
    assert!((a["skew_s"].as_i64().unwrap() - 86_400).abs() < 60, "{a}");
    assert_eq!(a["clock_warning"], true);
    // the supervisor's clock did not jump a day ahead
    sup.ok("agency.add", json!({"code": "SUP", "name": "x"}));
    let st = sup.ok("sync.devices", json!({}));
    let me = st
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["this_device"] == true)
        .unwrap();
    assert!(
        me["last_seen"].as_str().unwrap().starts_with("2026-11-2"),
        "{me}"
    );
}

#[test]
fn a_supervisor_resolves_a_conflict_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let a = Device::new("MPP Medan", "A", 20);
    let b = Device::new("MPP Medan", "B", 21);
    a.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    import(&b, &export(&a, dir.path(), "a1.loket", false)).unwrap();
    a.ok("agency.update", json!({"code": "DUK", "name": "Dinas A"}));
    b.ok("agency.update", json!({"code": "DUK", "name": "Dinas B"}));
    import(&a, &export(&b, dir.path(), "b1.loket", false)).unwrap();
    let c = a.ok("sync.conflicts", json!({}));
    assert_eq!(c.as_array().unwrap().len(), 1);
    let id = c[0]["id"].as_str().unwrap().to_string();
    assert_eq!(c[0]["field"], "name");
    let e = a
        .call("sync.conflict_pick", json!({"id": id, "value": "Dinas C"}))
        .unwrap_err();
    assert!(e.message.contains("not one of the values"));
    a.ok("sync.conflict_pick", json!({"id": id, "value": "Dinas B"}));
    assert_eq!(
        a.ok("sync.conflicts", json!({})).as_array().unwrap().len(),
        0
    );
    import(&b, &export(&a, dir.path(), "a2.loket", false)).unwrap();
    assert_eq!(
        b.ok("sync.conflicts", json!({})).as_array().unwrap().len(),
        0
    );
    assert_eq!(agencies(&b)[0]["name"], "Dinas B");
    assert_eq!(a.fingerprint(), b.fingerprint());
}

#[derive(Debug, Clone)]
enum Op {
    Edit { dev: usize, code: u8, name: u8 },
    Export { dev: usize, full: bool },
    Import { dev: usize, file: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..4u8, 0..5u8).prop_map(|(dev, code, name)| Op::Edit { dev, code, name }),
        2 => (0..3usize, any::<bool>()).prop_map(|(dev, full)| Op::Export { dev, full }),
        3 => (0..3usize, any::<usize>()).prop_map(|(dev, file)| Op::Import { dev, file }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Random devices, edits, exports and imports in random orders, with duplicates and relays:
    /// once every device has imported every file (in a shuffled order), all fingerprints match.
    #[test]
    fn any_order_of_exports_and_imports_converges(ops in prop::collection::vec(op(), 1..25), seed in any::<u64>()) {
        let dir = tempfile::tempdir().unwrap();
        let devs = [Device::new("MPP Medan", "D0", 30), Device::new("MPP Medan", "D1", 31), Device::new("MPP Medan", "D2", 32)];
        devs[1].clock.advance(3_600_000);
        devs[2].clock.advance(-7_200_000);
        let mut files: Vec<PathBuf> = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            match *op {
                Op::Edit { dev, code, name } => {
                    let d = &devs[dev];
                    d.clock.advance(1000);
                    let code = format!("C{code}");
                    let r = d.call("agency.add", json!({"code": code, "name": format!("n{name}")}));
                    if r.is_err() {
                        d.ok("agency.update", json!({"code": code, "name": format!("n{name}")}));
                    }
                }
                Op::Export { dev, full } => files.push(export(&devs[dev], dir.path(), &format!("f{i}.loket"), full)),
                Op::Import { dev, file } => {
                    if !files.is_empty() {
                        import(&devs[dev], &files[file % files.len()]).unwrap();
                    }
                }
            }
        }
        // finally every device exports everything and every device imports every file
        for (k, d) in devs.iter().enumerate() {
            files.push(export(d, dir.path(), &format!("final{k}.loket"), true));
        }
        let rng = SeededEntropy::new(seed);
        for d in &devs {
            let mut order = files.clone();
            for i in (1..order.len()).rev() {
                order.swap(i, (rng.next_u64() % (i as u64 + 1)) as usize);
            }
            for f in &order {
                import(d, f).unwrap();
            }
        }
        let fp = devs[0].fingerprint();
        prop_assert_eq!(&fp, &devs[1].fingerprint());
        prop_assert_eq!(&fp, &devs[2].fingerprint());
        let rebuilt = devs[0].ok("rebuild", json!({}));
        prop_assert_eq!(fp.as_str(), rebuilt.as_str().unwrap());
    }
}

/// What the desktop asks before importing dropped paths: folders expand to their bundles,
/// encrypted files are recognised, unreadable ones are listed (import then says why).
#[test]
fn probe_expands_folders_and_spots_encrypted_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = Device::new("MPP Medan", "A", 30);
    a.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    let plain = export(&a, dir.path(), "b-plain.loket", true);
    let enc = dir.path().join("a-enc.loket");
    a.ok(
        "sync.export",
        json!({"out": enc, "full": true, "passphrase": "kunci"}),
    );
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let empty = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.loket");
    let r = a.ok(
        "sync.probe",
        json!({"paths": [dir.path(), empty.path(), missing, "  "]}),
    );
    let files = r["files"].as_array().unwrap();
    assert_eq!(files.len(), 3, "{r}");
    assert_eq!(files[0]["file"], enc.display().to_string());
    assert_eq!(files[0]["encrypted"], true);
    assert_eq!(files[1]["file"], plain.display().to_string());
    assert_eq!(files[1]["encrypted"], false);
    assert_eq!(files[1]["bytes"], std::fs::metadata(&plain).unwrap().len());
    assert_eq!(files[2]["bytes"], Value::Null);
    assert_eq!(
        r["empty_folders"],
        json!([empty.path().display().to_string()])
    );
}

#[test]
fn reading_on_a_second_thread_imports_the_same_and_refuses_the_same_damage() {
    // the switch is process-wide: other tests of this binary may run either way meanwhile,
    // which both give the same results
    loket_core::sync::import_on_second_thread(true);
    let dir = tempfile::tempdir().unwrap();
    let a = Device::new("MPP Medan", "A", 31);
    let b = Device::new("MPP Medan", "B", 32);
    for i in 0..600 {
        a.ok(
            "agency.add",
            json!({"code": format!("A{i}"), "name": format!("Instansi {i}")}),
        );
    }
    a.ok(
        "agency.update",
        json!({"code": "A7", "name": "Instansi tujuh"}),
    );
    let f = export(&a, dir.path(), "a.loket", true);
    let good = std::fs::read(&f).unwrap();
    let before = b.fingerprint();
    // cut short: refused, nothing kept, on both sides of the pipeline
    let cut = dir.path().join("cut.loket");
    std::fs::write(&cut, &good[..good.len() * 2 / 3]).unwrap();
    assert!(import(&b, &cut).is_err());
    assert_eq!(b.fingerprint(), before, "nothing applied");
    let r = import(&b, &f).unwrap();
    assert!(r["new_events"].as_i64().unwrap() > 600, "{r}");
    let fb = export(&b, dir.path(), "b.loket", true);
    import(&a, &fb).unwrap();
    assert_eq!(a.fingerprint(), b.fingerprint());
    loket_core::sync::import_on_second_thread(false);
}
