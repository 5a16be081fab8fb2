//! The command layer as the desktop and the CLI see it: JSON in, `{code, message}` out, roles
//! enforced for every caller.

mod common;

use common::{Device, T0};
use loket_core::api::{Actor, Api, COMMAND_NAMES};
use loket_core::{Env, Locale};
use serde_json::json;

fn seeded() -> Device {
    let d = Device::new("MPP Medan", "Loket 1", 1);
    d.ok("agency.add", json!({"code": "duk", "name": "Disdukcapil"}));
    d.ok(
        "service.add",
        json!({"code": "ktp", "agency": "DUK", "name": "KTP-el", "prefix": "a", "minutes": 30}),
    );
    d.ok(
        "staff.add",
        json!({"nip": "198503152010011003", "name": "Budi", "agency": "DUK"}),
    );
    d.ok(
        "user.add",
        json!({"username": "Admin", "role": "admin", "pin": "1234"}),
    );
    d.ok(
        "user.add",
        json!({"username": "budi", "role": "petugas", "nip": "198503152010011003", "pin": "1111"}),
    );
    d.ok(
        "user.add",
        json!({"username": "sri", "role": "supervisor", "pin": "2222"}),
    );
    d
}

fn login(d: &Device, u: &str, pin: &str) -> Actor {
    d.api.login(u, pin, Locale::En).unwrap()
}

#[test]
fn first_run_status_init_and_bootstrap() {
    let dir = tempfile::tempdir().unwrap();
    let api = Api::open(&dir.path().join("x.db"), Env::fixed(T0, 1).0).unwrap();
    let m = Actor::Machine;
    let s = api.call(&m, Locale::Id, "status", json!(null)).unwrap();
    assert_eq!(s["initialized"], false);
    let e = api
        .call(&m, Locale::Id, "agency.list", json!({}))
        .unwrap_err();
    assert_eq!(e.code, "not_initialized");
    assert!(e.message.contains("belum disiapkan"), "{}", e.message);
    let s = api
        .call(
            &m,
            Locale::En,
            "init",
            json!({"site": "MPP  Medan", "device": "PC 1", "kind": "field", "tz": "WITA"}),
        )
        .unwrap();
    assert_eq!(s["site"], "MPP  Medan");
    assert_eq!(s["site_tz"], "Asia/Makassar");
    assert_eq!(s["device_kind"], "field");
    assert_eq!(s["has_users"], false);
    let e = api
        .call(&m, Locale::En, "init", json!({"site": "b", "device": "c"}))
        .unwrap_err();
    assert_eq!(e.code, "already_initialized");
    // anyone may create the first admin, but only once
    let anon = Actor::User {
        username: "nobody".into(),
        role: loket_core::accounts::Role::Petugas,
        nip: None,
    };
    api.call(
        &Actor::Machine,
        Locale::En,
        "user.bootstrap_admin",
        json!({"username": "admin", "pin": "9999"}),
    )
    .unwrap();
    let e = api
        .call(
            &Actor::Machine,
            Locale::En,
            "user.bootstrap_admin",
            json!({"username": "x", "pin": "9999"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "invalid");
    let e = api
        .call(&anon, Locale::En, "agency.list", json!({}))
        .unwrap_err();
    assert!(e.message.contains("not active"), "{}", e.message);
}

#[test]
fn roles_are_enforced_in_the_command_layer() {
    let d = seeded();
    let petugas = login(&d, "budi", "1111");
    let sup = login(&d, "sri", "2222");
    let admin = login(&d, "ADMIN", "1234");
    assert_eq!(petugas.nip(), Some("198503152010011003"));
    let call = |a: &Actor, c: &str, args| d.api.call(a, Locale::Id, c, args);
    // petugas reads, but does not configure or manage users
    assert!(call(&petugas, "agency.list", json!({})).is_ok());
    let e = call(&petugas, "agency.add", json!({"code": "X", "name": "Y"})).unwrap_err();
    assert_eq!(e.code, "forbidden");
    assert!(e.message.contains("petugas"), "{}", e.message);
    // supervisor configures master data but not users
    assert!(call(
        &sup,
        "agency.add",
        json!({"code": "BPJS", "name": "BPJS Kesehatan"})
    )
    .is_ok());
    assert_eq!(
        call(
            &sup,
            "user.add",
            json!({"username": "x", "role": "admin", "pin": "1234"})
        )
        .unwrap_err()
        .code,
        "forbidden"
    );
    assert_eq!(
        call(&sup, "rebuild", json!({})).unwrap_err().code,
        "forbidden"
    );
    // admin does everything
    assert!(call(
        &admin,
        "user.add",
        json!({"username": "x1", "role": "petugas", "pin": "1234"})
    )
    .is_ok());
    // a demoted user loses rights at once, even with an old session
    call(
        &admin,
        "user.update",
        json!({"username": "sri", "role": "petugas"}),
    )
    .unwrap();
    assert_eq!(
        call(&sup, "agency.add", json!({"code": "Z", "name": "Z"}))
            .unwrap_err()
            .code,
        "forbidden"
    );
    call(
        &admin,
        "user.update",
        json!({"username": "budi", "active": false}),
    )
    .unwrap();
    assert!(call(&petugas, "agency.list", json!({})).is_err());
    assert_eq!(
        d.api.login("budi", "1111", Locale::En).unwrap_err().code,
        "bad_credentials"
    );
}

#[test]
fn wrong_pins_lock_the_account_on_this_pc() {
    let d = seeded();
    for _ in 0..4 {
        assert_eq!(
            d.api.login("budi", "0000", Locale::En).unwrap_err().code,
            "bad_credentials"
        );
    }
    let e = d.api.login("budi", "0000", Locale::En).unwrap_err();
    assert_eq!(e.code, "locked");
    // even the right PIN is refused while locked
    assert_eq!(
        d.api.login("budi", "1111", Locale::En).unwrap_err().code,
        "locked"
    );
    d.clock.advance(5 * 60_000 + 1);
    assert!(d.api.login("budi", "1111", Locale::En).is_ok());
    // unknown users get the same answer as a wrong PIN
    assert_eq!(
        d.api.login("ghost", "1111", Locale::En).unwrap_err().code,
        "bad_credentials"
    );
}

#[test]
fn pins_are_stored_only_as_argon2id_hashes() {
    let d = seeded();
    let raw = rusqlite::Connection::open(d.api.path()).unwrap();
    let hashes: Vec<String> = raw
        .prepare("SELECT pin_hash FROM p_user")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(hashes.len(), 3);
    for h in &hashes {
        assert!(h.starts_with("$argon2id$"), "{h}");
    }
    let bodies: Vec<Vec<u8>> = raw
        .prepare("SELECT body FROM events WHERE entity = 'user'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for b in bodies {
        let text = String::from_utf8(b).unwrap();
        assert!(
            !text.contains("\"pin\""),
            "no clear PIN in any event: {text}"
        );
    }
    let users = d.ok("user.list", json!({}));
    assert!(
        !users.to_string().contains("argon2"),
        "user.list never shows hashes"
    );
    assert_eq!(users[0]["username"], "admin");
    assert_eq!(users.as_array().unwrap()[0].as_object().unwrap().len(), 4);
}

#[test]
fn the_last_admin_cannot_be_removed_and_pin_reset_unlocks() {
    let d = seeded();
    let e = d
        .call("user.update", json!({"username": "admin", "active": false}))
        .unwrap_err();
    assert!(e.message.contains("last active admin"), "{}", e.message);
    for _ in 0..5 {
        let _ = d.api.login("budi", "9", Locale::En);
    }
    assert_eq!(
        d.api.login("budi", "1111", Locale::En).unwrap_err().code,
        "locked"
    );
    d.ok("user.reset_pin", json!({"username": "budi", "pin": "4321"}));
    assert!(d.api.login("budi", "4321", Locale::En).is_ok());
    assert_eq!(
        d.call("user.reset_pin", json!({"username": "budi", "pin": "12"}))
            .unwrap_err()
            .code,
        "invalid"
    );
}

#[test]
fn master_data_rules_name_the_problem() {
    let d = seeded();
    let e = d
        .call(
            "service.add",
            json!({"code": "KK", "agency": "DUK", "name": "KK", "prefix": "A"}),
        )
        .unwrap_err();
    assert!(
        e.message.contains("prefix A") && e.message.contains("KTP"),
        "{}",
        e.message
    );
    let e = d
        .call(
            "service.add",
            json!({"code": "KK", "agency": "NOPE", "name": "KK", "prefix": "B"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "not_found");
    assert!(e.message.contains("NOPE"));
    let e = d
        .call("agency.add", json!({"code": "DUK", "name": "again"}))
        .unwrap_err();
    assert_eq!(e.code, "duplicate");
    let e = d
        .call(
            "counter.add",
            json!({"code": "L1", "name": "Loket 1", "services": ["KTP", "XX"]}),
        )
        .unwrap_err();
    assert!(e.message.contains("XX"));
    let e = d
        .call(
            "staff.add",
            json!({"nip": "198503152010011000", "name": "X", "agency": "DUK"}),
        )
        .unwrap_err();
    assert!(e.message.contains("serial"), "{}", e.message);
    let s = d.ok(
        "staff.add",
        json!({"nip": "199002022022212001", "name": "Sari", "agency": "DUK"}),
    );
    assert_eq!(s["staff"]["employment"], "PPPK");
    assert_eq!(s["warnings"].as_array().unwrap().len(), 0);
    let s = d.ok(
        "staff.add",
        json!({"nip": "200501012020011001", "name": "Muda", "agency": "DUK"}),
    );
    assert_eq!(s["warnings"].as_array().unwrap().len(), 1);
    // edits keep what was not touched
    d.ok(
        "service.update",
        json!({"code": "ktp", "name": "KTP Elektronik"}),
    );
    let svc = d.ok("service.list", json!({}));
    assert_eq!(svc[0]["name"], "KTP Elektronik");
    assert_eq!(svc[0]["minutes"], 30);
    assert_eq!(svc[0]["prefix"], "A");
    // holidays
    d.ok(
        "holiday.add",
        json!({"date": "2026-12-25", "name": "Natal"}),
    );
    assert_eq!(
        d.call("holiday.add", json!({"date": "2026-12-25", "name": "x"}))
            .unwrap_err()
            .code,
        "duplicate"
    );
    assert_eq!(
        d.call("holiday.add", json!({"date": "2026-13-01", "name": "x"}))
            .unwrap_err()
            .code,
        "invalid"
    );
    d.ok("holiday.remove", json!({"date": "2026-12-25"}));
    assert_eq!(
        d.ok("holiday.list", json!({"year": 2026}))
            .as_array()
            .unwrap()
            .len(),
        0
    );
    // bad JSON arguments are a clear error, not a panic
    let e = d.call("agency.add", json!({"code": 5})).unwrap_err();
    assert_eq!(e.code, "bad_request");
    assert_eq!(
        d.call("nope", json!({})).unwrap_err().code,
        "unknown_command"
    );
}

#[test]
fn rebuild_keeps_the_fingerprint() {
    let d = seeded();
    d.ok(
        "agency.update",
        json!({"code": "DUK", "name": "Dinas Kependudukan"}),
    );
    let fp = d.fingerprint();
    assert_eq!(fp.len(), 64);
    assert_eq!(d.ok("rebuild", json!({})).as_str().unwrap(), fp);
    assert_eq!(d.fingerprint(), fp);
    d.ok(
        "agency.update",
        json!({"code": "DUK", "name": "Disdukcapil"}),
    );
    assert_ne!(d.fingerprint(), fp);
}

#[test]
fn every_command_is_registered_once() {
    let mut names = COMMAND_NAMES.to_vec();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len());
    assert!(names.contains(&"agency.add") && names.contains(&"user.bootstrap_admin"));
}
