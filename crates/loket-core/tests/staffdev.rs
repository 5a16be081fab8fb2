//! Staff development through the command layer: roles, exact JP sums, one feedback per
//! participant, and projections that refold to the same fingerprint.

mod common;

use common::Device;
use loket_core::Locale;
use serde_json::{json, Value};

const BUDI: &str = "198503152010011003";
const SARI: &str = "199001012022212001";

fn seeded() -> Device {
    let d = Device::new("MPP Medan", "Loket 1", 3);
    d.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    for (nip, name) in [(BUDI, "Budi"), (SARI, "Sari")] {
        d.ok(
            "staff.add",
            json!({"nip": nip, "name": name, "agency": "DUK"}),
        );
    }
    d.ok(
        "user.add",
        json!({"username": "budi", "role": "petugas", "nip": BUDI, "pin": "1111"}),
    );
    d
}

fn row<'a>(rows: &'a Value, nip: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["nip"] == nip)
        .unwrap()
}

#[test]
fn a_petugas_records_only_their_own_training_and_cannot_plan_programs() {
    let d = seeded();
    let budi = d.api.login("budi", "1111", Locale::En).unwrap();
    let add = |nip: &str| {
        d.api.call(
            &budi,
            Locale::En,
            "training.add",
            json!({"nip": nip, "title": "Kursus", "kind": "klasikal", "jp": 2, "date": "2026-02-01"}),
        )
    };
    assert!(add(BUDI).is_ok());
    let e = add(SARI).unwrap_err();
    assert_eq!(e.code, "forbidden", "{e}");
    let e = d
        .api
        .call(
            &budi,
            Locale::En,
            "program.add",
            json!({"title": "X", "start": "2026-01-01", "end": "2026-01-02", "jp": 4}),
        )
        .unwrap_err();
    assert_eq!(e.code, "forbidden");
}

#[test]
fn jp_sums_are_exact_in_hundredths() {
    let d = seeded();
    // ten records of 0.1 JP: a float sum would give 0.9999999999999999
    for _ in 0..10 {
        d.ok(
            "training.add",
            json!({"nip": SARI, "title": "Micro", "kind": "nonklasikal", "form": "e-learning", "jp": 0.1, "date": "2026-03-01"}),
        );
    }
    d.ok("staffdev.configure", json!({"pppk_target_jp": 1.5}));
    let v = d.ok("staff.jp", json!({"year": 2026}));
    let s = row(&v, SARI);
    assert_eq!(s["jp"], 1.0);
    assert_eq!(s["shortfall"], 0.5);
    assert_eq!(s["records"], 10);
    let e = d
        .call("staffdev.configure", json!({"pppk_target_jp": 30}))
        .unwrap_err();
    assert!(e.message.contains("cap"), "{e}");
    let v = d.ok("staff.jp", json!({"year": 2026, "behind": true}));
    assert_eq!(v.as_array().unwrap().len(), 2, "both are behind: {v}");
}

#[test]
fn one_feedback_per_participant_and_rebuild_keeps_the_state() {
    let d = seeded();
    let p = d.ok(
        "program.add",
        json!({"title": "Pelayanan prima", "start": "2026-11-10", "end": "2026-11-12", "jp": 12, "budget": 5000000, "target_participants": 1}),
    );
    let id = p["id"].as_str().unwrap();
    d.ok("program.enrol", json!({"program": id, "nip": BUDI}));
    let w = d.ok("program.enrol", json!({"program": id, "nip": SARI}));
    assert_eq!(
        w["warnings"].as_array().unwrap().len(),
        1,
        "over the target: {w}"
    );
    for r in [2, 4] {
        d.ok(
            "program.feedback",
            json!({"program": id, "nip": BUDI, "rating": r}),
        );
    }
    let e = d
        .call("program.complete", json!({"program": id}))
        .unwrap_err();
    assert!(e.message.contains("attendance"), "{e}");
    d.ok(
        "program.attend",
        json!({"program": id, "nip": BUDI, "attended": true}),
    );
    let c = d.ok("program.complete", json!({"program": id}));
    assert_eq!(c["created"].as_array().unwrap().len(), 1);
    assert_eq!(
        c["warnings"].as_array().unwrap().len(),
        1,
        "Sari: attendance unknown"
    );
    let show = d.ok("program.show", json!({"program": id}));
    assert_eq!(show["feedback"]["count"], 1);
    assert_eq!(show["feedback"]["avg_rating"], 4.0);
    let t = d.ok("training.list", json!({"nip": BUDI}));
    assert_eq!(t[0]["start"], "2026-11-10");
    assert_eq!(t[0]["date"], "2026-11-12");
    assert_eq!(t[0]["program"], id);
    // closed programs take no more enrolments
    let e = d
        .call("program.enrol", json!({"program": id, "nip": BUDI}))
        .unwrap_err();
    assert!(e.message.contains("completed"), "{e}");
    let fp = d.fingerprint();
    d.ok("rebuild", json!({}));
    assert_eq!(d.fingerprint(), fp);
}
