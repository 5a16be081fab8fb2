//! Layanan Keliling: a field laptop's trip (place and dates on its site) through the command layer.

mod common;

use common::{Device, T0};
use loket_core::api::Api;
use loket_core::env::Env;
use serde_json::json;

fn field_device() -> Device {
    let dir = tempfile::tempdir().unwrap();
    let (env, clock): (Env, _) = Env::fixed(T0, 3);
    let api = Api::open(&dir.path().join("loket.db"), env).unwrap();
    let d = Device {
        api,
        clock,
        _dir: dir,
    };
    d.ok(
        "init",
        json!({"site": "Keliling Sunggal", "device": "Laptop 1", "kind": "field"}),
    );
    d
}

#[test]
fn a_field_laptop_records_its_trip_and_tickets_carry_it() {
    let d = field_device();
    assert_eq!(d.ok("trip.get", json!({})), json!(null));
    let trip = d.ok(
        "trip.set",
        json!({"place": "  Kantor Camat Sunggal ", "start_date": "2026-11-23", "end_date": "2026-11-25"}),
    );
    assert_eq!(trip["place"], "Kantor Camat Sunggal");
    assert_eq!(trip["site"], "Keliling Sunggal");
    assert_eq!(trip["start_date"], "2026-11-23");
    assert_eq!(trip["end_date"], "2026-11-25");
    assert_eq!(d.ok("trip.get", json!({})), trip);

    d.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    d.ok(
        "service.add",
        json!({"code": "KTP", "agency": "DUK", "name": "KTP", "prefix": "A"}),
    );
    let t = d.ok("queue.issue", json!({"service": "KTP"}));
    assert_eq!(t["site"], trip["site_id"]);

    // A later change of place is one more write; the state survives a rebuild.
    let before = d.fingerprint();
    assert_eq!(d.ok("rebuild", json!({})).as_str().unwrap(), before);
    assert_eq!(d.ok("trip.get", json!({})), trip);
}

#[test]
fn bad_trips_are_refused_and_write_nothing() {
    let d = field_device();
    let fp = d.fingerprint();
    for args in [
        json!({"place": "", "start_date": "2026-11-23", "end_date": "2026-11-25"}),
        json!({"place": "Desa", "start_date": "2026-11-25", "end_date": "2026-11-23"}),
        json!({"place": "Desa", "start_date": "23/11/2026", "end_date": "2026-11-25"}),
        json!({"place": "Desa", "start_date": "2026-01-01", "end_date": "2026-12-31"}),
    ] {
        let e = d.call("trip.set", args.clone()).unwrap_err();
        assert_eq!(e.code, "invalid", "{args}");
    }
    assert_eq!(d.fingerprint(), fp);
}

#[test]
fn only_a_field_laptop_has_a_trip() {
    let d = Device::new("MPP Medan", "Loket PC", 1);
    let e = d
        .call(
            "trip.set",
            json!({"place": "Desa", "start_date": "2026-11-23", "end_date": "2026-11-23"}),
        )
        .unwrap_err();
    assert!(e.message.contains("field"), "{}", e.message);
    assert_eq!(d.ok("trip.get", json!({})), json!(null));
}
