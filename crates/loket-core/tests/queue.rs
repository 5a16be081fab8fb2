//! The queue through the command layer: lifecycle, numbers, policies, transfer, postpone,
//! figures, board, and the demo generator.

mod common;

use common::{Device, T0};
use loket_core::api::Actor;
use loket_core::Locale;
use serde_json::{json, Value};

const NIP: &str = "198503152010011003";

fn seeded() -> Device {
    let d = Device::new("MPP Medan", "Loket PC", 1);
    d.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    for (code, prefix, minutes) in [("KTP", "A", 30), ("KK", "B", 45), ("AKTA", "C", 60)] {
        d.ok(
            "service.add",
            json!({"code": code, "agency": "DUK", "name": code, "prefix": prefix, "minutes": minutes}),
        );
    }
    d.ok(
        "counter.add",
        json!({"code": "L1", "name": "Loket 1", "services": ["KTP", "KK"]}),
    );
    d.ok(
        "counter.add",
        json!({"code": "L2", "name": "Loket 2", "services": ["KTP"]}),
    );
    d.ok(
        "counter.add",
        json!({"code": "L3", "name": "Loket 3", "services": ["AKTA"]}),
    );
    d.ok(
        "staff.add",
        json!({"nip": NIP, "name": "Budi", "agency": "DUK"}),
    );
    d.ok(
        "user.add",
        json!({"username": "budi", "role": "petugas", "nip": NIP, "pin": "1111"}),
    );
    d
}

fn issue(d: &Device, service: &str, priority: Option<&str>) -> String {
    let mut a = json!({"service": service});
    if let Some(p) = priority {
        a["priority"] = json!(p);
    }
    d.ok("queue.issue", a)["number"]
        .as_str()
        .unwrap()
        .to_string()
}

fn call(d: &Device, counter: &str) -> String {
    d.ok("queue.call", json!({"counter": counter}))["ticket"]["number"]
        .as_str()
        .unwrap()
        .to_string()
}

fn err(d: &Device, cmd: &str, args: Value) -> String {
    d.call(cmd, args).unwrap_err().message
}

#[test]
fn a_ticket_goes_through_its_lifecycle_with_officer_counter_and_time() {
    let d = seeded();
    let budi = d.api.login("budi", "1111", Locale::En).unwrap();
    let t = d.ok(
        "queue.issue",
        json!({"service": "ktp", "priority": "Lansia"}),
    );
    assert_eq!(t["number"], "A-001");
    assert_eq!(t["status"], "issued");
    assert_eq!(t["priority"], "lansia");
    assert_eq!(t["issued_at"], "2026-11-23T09:00:00+07:00");
    assert_eq!(t["officer"], Value::Null);
    let dev = d.ok("status", json!({}))["device_id"].clone();
    assert_eq!(t["device"], dev);

    d.clock.advance(300_000);
    let c = d
        .api
        .call(&budi, Locale::En, "queue.call", json!({"counter": "L1"}))
        .unwrap();
    assert_eq!(c["ticket"]["number"], "A-001");
    assert_eq!(c["ticket"]["status"], "called");
    assert_eq!(c["ticket"]["counter"], "L1");
    assert_eq!(c["ticket"]["officer"], NIP);
    assert_eq!(c["ticket"]["called_at"], "2026-11-23T09:05:00+07:00");
    d.clock.advance(60_000);
    d.api
        .call(&budi, Locale::En, "queue.start", json!({"ticket": "A-001"}))
        .unwrap();
    d.clock.advance(600_000);
    let f = d
        .api
        .call(&budi, Locale::En, "queue.finish", json!({"ticket": "a1"}))
        .unwrap();
    assert_eq!(f["status"], "done");
    assert_eq!(f["started_at"], "2026-11-23T09:06:00+07:00");
    assert_eq!(f["finished_at"], "2026-11-23T09:16:00+07:00");

    let h = d.ok("queue.get", json!({"ticket": "A-001"}));
    let steps: Vec<(&str, &Value, &Value)> = h["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["kind"].as_str().unwrap(), &s["counter"], &s["officer"]))
        .collect();
    assert_eq!(
        steps,
        vec![
            ("issue", &Value::Null, &Value::Null),
            ("call", &json!("L1"), &json!(NIP)),
            ("start", &json!("L1"), &json!(NIP)),
            ("finish", &json!("L1"), &json!(NIP)),
        ]
    );
    let stats = d.ok("queue.stats", json!({}));
    let ktp = stats
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "KTP")
        .unwrap();
    assert_eq!(ktp["issued"], 1);
    assert_eq!(ktp["served"], 1);
    assert_eq!(ktp["avg_wait_s"], 300);
    assert_eq!(ktp["avg_walk_s"], 60);
    assert_eq!(ktp["avg_service_s"], 600);
    assert_eq!(ktp["over_promise"], 0);
    let by_officer = d.ok("queue.metrics", json!({"by": "officer"}));
    assert_eq!(by_officer[0]["key"], NIP);
    assert_eq!(by_officer[0]["served"], 1);
}

#[test]
fn impossible_steps_are_refused_and_change_nothing() {
    let d = seeded();
    assert!(err(&d, "queue.call", json!({"counter": "L1"})).contains("no ticket is waiting"));
    issue(&d, "KTP", None);
    let fp = d.fingerprint();
    let cases: &[(&str, Value, &str)] = &[
        ("queue.finish", json!({"ticket": "A-001"}), "never started"),
        ("queue.start", json!({"ticket": "A-001"}), "not been called"),
        (
            "queue.recall",
            json!({"ticket": "A-001"}),
            "not been called",
        ),
        (
            "queue.no_show",
            json!({"ticket": "A-001"}),
            "not been called",
        ),
        ("queue.start", json!({"ticket": "A-009"}), "no ticket A-009"),
        (
            "queue.start",
            json!({"ticket": "zz"}),
            "not a ticket number",
        ),
        (
            "queue.issue",
            json!({"service": "KTP", "priority": "vip"}),
            "priority group",
        ),
        ("queue.issue", json!({"service": "NOPE"}), "does not exist"),
        ("queue.call", json!({"counter": "L9"}), "does not exist"),
        (
            "queue.transfer",
            json!({"ticket": "A-001", "service": "KTP"}),
            "already in the line",
        ),
        (
            "queue.postpone",
            json!({"ticket": "A-001", "after": -1}),
            "0-1000",
        ),
        (
            "service.set_policy",
            json!({"code": "KTP", "policy": "ratio:0"}),
            "N must be",
        ),
        (
            "service.set_policy",
            json!({"code": "KTP", "policy": "lifo"}),
            "unknown queue policy",
        ),
        (
            "queue.call",
            json!({"counter": "L3"}),
            "no ticket is waiting",
        ),
    ];
    for (cmd, args, want) in cases {
        let e = err(&d, cmd, args.clone());
        assert!(e.contains(want), "{cmd} {args}: {e}");
    }
    assert_eq!(d.fingerprint(), fp, "refused steps write nothing");
    call(&d, "L1");
    d.ok("queue.start", json!({"ticket": "A-001"}));
    assert!(err(
        &d,
        "queue.start",
        json!({"ticket": "A-001", "counter": "L2"})
    )
    .contains("already being served"));
    d.ok("queue.finish", json!({"ticket": "A-001"}));
    assert!(err(&d, "queue.finish", json!({"ticket": "A-001"})).contains("already finished"));
    assert!(err(&d, "queue.cancel", json!({"ticket": "A-001"})).contains("already finished"));
    // a petugas may not change a policy
    let budi = d.api.login("budi", "1111", Locale::En).unwrap();
    let e = d
        .api
        .call(
            &budi,
            Locale::En,
            "service.set_policy",
            json!({"code": "KTP", "policy": "strict"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "forbidden");
}

#[test]
fn numbers_run_per_prefix_and_day_and_reset_daily() {
    let d = seeded();
    assert_eq!(issue(&d, "KTP", None), "A-001");
    assert_eq!(issue(&d, "KK", None), "B-001");
    assert_eq!(issue(&d, "KTP", Some("hamil")), "A-002");
    // the next site-local day starts again at 001
    d.clock.set(T0 + 24 * 3_600_000);
    assert_eq!(issue(&d, "KTP", None), "A-001");
    // yesterday's A-002 is not "today's A-002"
    assert!(err(&d, "queue.cancel", json!({"ticket": "A-002"})).contains("no ticket A-002"));
    for _ in 1..=999 {
        issue(&d, "KK", None);
    }
    assert_eq!(issue(&d, "KK", None), "B-1000");
    let list = d.ok("queue.list", json!({}));
    let mut numbers: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap())
        .collect();
    let n = numbers.len();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), n, "no duplicate number");
    let yesterday = d.ok("queue.list", json!({"date": "2026-11-23"}));
    assert_eq!(yesterday.as_array().unwrap().len(), 3);
}

/// Calls a counter until empty; returns the numbers in call order.
fn drain(d: &Device, counter: &str) -> Vec<String> {
    let mut out = Vec::new();
    while let Ok(v) = d.call("queue.call", json!({"counter": counter})) {
        let n = v["ticket"]["number"].as_str().unwrap().to_string();
        d.ok("queue.start", json!({"ticket": n}));
        d.ok("queue.finish", json!({"ticket": n}));
        out.push(n);
    }
    out
}

#[test]
fn policies_order_the_line() {
    // (policy, arrivals N/P in order, expected call order)
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "fifo",
            "NNPNP",
            &["A-001", "A-002", "A-003", "A-004", "A-005"],
        ),
        (
            "strict",
            "NNPNP",
            &["A-003", "A-005", "A-001", "A-002", "A-004"],
        ),
        (
            "ratio:2",
            "NNNNNPPP",
            &[
                "A-001", "A-002", "A-006", "A-003", "A-004", "A-007", "A-005", "A-008",
            ],
        ),
        ("ratio:1", "PPNN", &["A-001", "A-002", "A-003", "A-004"]),
    ];
    for (policy, arrivals, want) in cases {
        let d = seeded();
        d.ok(
            "service.set_policy",
            json!({"code": "KTP", "policy": policy}),
        );
        for c in arrivals.chars() {
            issue(&d, "KTP", (c == 'P').then_some("lansia"));
        }
        let waiting: Vec<String> = d
            .ok("queue.waiting", json!({"counter": "L2"}))
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["number"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(&waiting, want, "predicted order, {policy}");
        assert_eq!(&drain(&d, "L2"), want, "{policy}");
    }
}

#[test]
fn ratio_counts_per_service_per_day_across_interruptions() {
    let d = seeded();
    d.ok(
        "service.set_policy",
        json!({"code": "KTP", "policy": "ratio:2"}),
    );
    issue(&d, "KTP", None);
    issue(&d, "KTP", None);
    assert_eq!(drain(&d, "L2"), ["A-001", "A-002"]);
    // two normal calls happened: a priority ticket that arrives now goes before normals
    issue(&d, "KTP", None);
    issue(&d, "KTP", Some("disabilitas"));
    assert_eq!(call(&d, "L2"), "A-004");
    // a new day starts the count again
    d.clock.set(T0 + 24 * 3_600_000);
    issue(&d, "KTP", None);
    issue(&d, "KTP", Some("balita"));
    assert_eq!(call(&d, "L2"), "A-001");
}

#[test]
fn a_counter_with_several_services_calls_across_them() {
    let d = seeded();
    d.ok(
        "service.set_policy",
        json!({"code": "KK", "policy": "strict"}),
    );
    issue(&d, "KTP", None);
    issue(&d, "KK", None); // B-001
    issue(&d, "KTP", None);
    issue(&d, "KK", Some("lansia")); // B-002: KK's policy moves it ahead
    assert_eq!(drain(&d, "L1"), ["B-002", "A-001", "B-001", "A-002"]);
    // L2 only serves KTP
    issue(&d, "KK", None);
    assert!(err(&d, "queue.call", json!({"counter": "L2"})).contains("no ticket is waiting"));
}

#[test]
fn transfer_keeps_number_and_history_and_joins_the_end_of_the_new_line() {
    let d = seeded();
    issue(&d, "AKTA", None); // C-001
    d.clock.advance(1000);
    issue(&d, "KK", None); // B-001
    d.clock.advance(1000);
    let first = call(&d, "L3");
    assert_eq!(first, "C-001");
    d.ok("queue.start", json!({"ticket": "C-001"}));
    d.clock.advance(1000);
    let t = d.ok(
        "queue.transfer",
        json!({"ticket": "C-001", "service": "KK"}),
    );
    assert_eq!(t["number"], "C-001");
    assert_eq!(t["service"], "KK");
    assert_eq!(t["issue_service"], "AKTA");
    assert_eq!(t["status"], "issued");
    assert_eq!(
        t["called_at"], "2026-11-23T09:00:02+07:00",
        "the first call is kept for the wait time"
    );
    // B-001 was in KK's line before the transfer
    assert_eq!(drain(&d, "L1"), ["B-001", "C-001"]);
    let h = d.ok("queue.get", json!({"ticket": "C-001"}));
    let kinds: Vec<&str> = h["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["issue", "call", "start", "transfer", "call", "start", "finish"]
    );
    assert_eq!(h["steps"][3]["detail"], json!({"from": "AKTA", "to": "KK"}));
    // figures: issued counts for AKTA, served for KK
    let stats = d.ok("queue.stats", json!({}));
    let get = |c: &str| {
        stats
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["service"] == c)
            .unwrap()
            .clone()
    };
    assert_eq!(get("AKTA")["issued"], 1);
    assert_eq!(get("AKTA")["served"], 0);
    assert_eq!(get("KK")["issued"], 1);
    assert_eq!(get("KK")["served"], 2);
}

#[test]
fn postpone_returns_after_k_others_and_recall_is_the_same_ticket() {
    let d = seeded();
    for _ in 0..5 {
        issue(&d, "KTP", None);
    }
    assert_eq!(call(&d, "L2"), "A-001");
    let r = d.ok("queue.recall", json!({"ticket": "A-001"}));
    assert_eq!(r["recalls"], 1);
    let r = d.ok("queue.recall", json!({"ticket": "A-001"}));
    assert_eq!(r["recalls"], 2);
    assert_eq!(r["number"], "A-001");
    let list = d.ok("queue.list", json!({}));
    assert_eq!(
        list.as_array().unwrap().len(),
        5,
        "a recall is never a new ticket"
    );
    d.ok("queue.postpone", json!({"ticket": "A-001", "after": 2}));
    d.ok("queue.postpone", json!({"ticket": "A-005", "after": 0}));
    // A-001 went after two others; A-005 then to the front
    assert_eq!(
        drain(&d, "L2"),
        ["A-005", "A-002", "A-003", "A-001", "A-004"]
    );
    // after more tickets than wait: the end of the line
    issue(&d, "KTP", None);
    issue(&d, "KTP", None);
    assert_eq!(call(&d, "L2"), "A-006");
    d.ok("queue.postpone", json!({"ticket": "A-006", "after": 9}));
    issue(&d, "KTP", None);
    assert_eq!(drain(&d, "L2"), ["A-007", "A-006", "A-008"]);
}

#[test]
fn no_show_cancel_print_and_the_board() {
    let d = seeded();
    issue(&d, "KTP", None);
    issue(&d, "KTP", None);
    issue(&d, "KK", None);
    let t = d.ok(
        "queue.print",
        json!({"ticket": "A-001", "result": "failed", "error": "no paper"}),
    );
    assert_eq!(t["print"], "failed");
    let t = d.ok(
        "queue.print",
        json!({"ticket": "A-001", "result": "printed"}),
    );
    assert_eq!(t["print"], "printed");
    assert_eq!(call(&d, "L2"), "A-001");
    d.ok("queue.no_show", json!({"ticket": "A-001"}));
    assert_eq!(call(&d, "L1"), "A-002");
    d.ok("queue.recall", json!({"ticket": "A-002"}));
    d.ok(
        "queue.cancel",
        json!({"ticket": "B-001", "reason": "wrong service"}),
    );
    let b = d.ok("queue.board", json!({}));
    assert_eq!(b["current"].as_array().unwrap().len(), 1);
    assert_eq!(b["current"][0]["number"], "A-002");
    assert_eq!(b["current"][0]["counter_name"], "Loket 1");
    let last: Vec<(&str, &str)> = b["last_calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["number"].as_str().unwrap(), c["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        last,
        [("A-002", "recall"), ("A-002", "call"), ("A-001", "call")]
    );
    assert!(b["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["waiting"] == 0));
    let stats = d.ok("queue.stats", json!({}));
    let ktp = stats
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "KTP")
        .unwrap();
    assert_eq!(ktp["no_show"], 1);
    assert_eq!(ktp["no_show_rate"], 0.5);
    let kinds: Vec<String> = d.ok("queue.get", json!({"ticket": "A-001"}))["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}{}",
                s["kind"].as_str().unwrap(),
                s["detail"]
                    .get("result")
                    .and_then(Value::as_str)
                    .unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        kinds,
        ["issue", "printfailed", "printprinted", "call", "no_show"]
    );
}

#[test]
fn rebuild_refolds_the_queue_to_the_same_fingerprint() {
    let d = seeded();
    d.ok(
        "service.set_policy",
        json!({"code": "KTP", "policy": "ratio:2"}),
    );
    for i in 0..12 {
        issue(
            &d,
            if i % 3 == 0 { "KK" } else { "KTP" },
            (i % 4 == 0).then_some("lansia"),
        );
        d.clock.advance(17_000);
    }
    for _ in 0..4 {
        let n = call(&d, "L1");
        d.ok("queue.start", json!({"ticket": n}));
        d.clock.advance(30_000);
        d.ok("queue.finish", json!({"ticket": n}));
    }
    let n = call(&d, "L2");
    d.ok("queue.postpone", json!({"ticket": n, "after": 1}));
    let n = call(&d, "L2");
    d.ok("queue.transfer", json!({"ticket": n, "service": "AKTA"}));
    let before = d.fingerprint();
    let list_before = d.ok("queue.list", json!({}));
    let after = d.ok("rebuild", json!({})).as_str().unwrap().to_string();
    assert_eq!(before, after);
    assert_eq!(d.ok("queue.list", json!({})), list_before);
}

#[test]
fn demo_is_deterministic_and_adds_to_an_initialised_database() {
    use loket_core::demo::{generate, DemoOptions, Scale};
    let opts = |seed| DemoOptions {
        days: 4,
        seed,
        scale: Scale::Small,
        pin: "1234".into(),
        now_ms: T0,
    };
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let mut ticks = Vec::new();
    let ra = generate(&a, &opts(5), &mut |d, t| ticks.push((d, t))).unwrap();
    let rb = generate(&b, &opts(5), &mut |_, _| {}).unwrap();
    assert_eq!(ra, rb);
    assert_eq!(ticks.last(), Some(&(4, 4)));
    // 2026-11-19..22: Thu, Fri, Sat, Sun → two working days
    assert_eq!(ra.working_days, 2);
    assert!(ra.tickets > 20, "{ra:?}");
    let fp = |p: &std::path::Path| {
        let api = loket_core::api::Api::open_existing(p, loket_core::Env::fixed(T0, 1).0).unwrap();
        let v = api
            .call(&Actor::Machine, Locale::En, "fingerprint", json!({}))
            .unwrap();
        let list = api
            .call(
                &Actor::Machine,
                Locale::En,
                "queue.list",
                json!({"date": "2026-11-20"}),
            )
            .unwrap();
        let staff = api
            .call(&Actor::Machine, Locale::En, "staff.list", json!({}))
            .unwrap();
        let status = api
            .call(&Actor::Machine, Locale::En, "status", json!({}))
            .unwrap();
        (v, list, staff, status)
    };
    let (fa, list, staff, status) = fp(&a);
    assert_eq!(fa, fp(&b).0, "same seed, same data");
    assert_eq!(status["site"], "MPP Demo");
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().any(|t| t["priority"] != Value::Null));
    assert!(
        list.iter().all(|t| t["status"] != "issued"),
        "every ticket handled"
    );
    assert!(list
        .iter()
        .filter(|t| t["status"] == "done")
        .all(|t| t["officer"].is_string()));
    let kinds: std::collections::BTreeSet<&str> = staff
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["employment"].as_str().unwrap())
        .collect();
    assert!(kinds.contains("PNS"), "{kinds:?}");
    // an officer's account works with the PIN
    let api = loket_core::api::Api::open_existing(&a, loket_core::Env::fixed(T0, 1).0).unwrap();
    let users = api
        .call(&Actor::Machine, Locale::En, "user.list", json!({}))
        .unwrap();
    let officer = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["nip"].is_string())
        .unwrap();
    api.login(officer["username"].as_str().unwrap(), "1234", Locale::En)
        .unwrap();
    drop(api);
    // a second run adds to it
    let rc = generate(&a, &opts(6), &mut |_, _| {}).unwrap();
    assert_eq!(rc.agencies, ra.agencies);
    assert!(rc.tickets > 0);
    assert_ne!(fp(&a).0, fa);
}

#[test]
fn a_new_demo_database_is_built_aside_and_appears_only_when_complete() {
    use loket_core::demo::{building_path, generate, DemoOptions, Scale};
    let opts = DemoOptions {
        days: 3,
        seed: 9,
        scale: Scale::Small,
        pin: "1234".into(),
        now_ms: T0,
    };
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.db");
    // a building file left by a killed run is replaced
    std::fs::write(building_path(&fresh), b"half a database").unwrap();
    let mut seen_while_building = Vec::new();
    generate(&fresh, &opts, &mut |_, _| {
        seen_while_building.push(fresh.exists());
    })
    .unwrap();
    assert!(
        seen_while_building.iter().all(|e| !e),
        "no database under the name before it is complete"
    );
    assert!(!building_path(&fresh).exists(), "the building file is gone");
    let conn = loket_core::store::open(&fresh, false).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    // the same data as filling an existing (empty) database in place
    let in_place = dir.path().join("in-place.db");
    drop(loket_core::store::open(&in_place, true).unwrap());
    generate(&in_place, &opts, &mut |_, _| {}).unwrap();
    let fp = |p: &std::path::Path| {
        loket_core::api::Api::open_existing(p, loket_core::Env::fixed(T0, 1).0)
            .unwrap()
            .call(&Actor::Machine, Locale::En, "fingerprint", json!({}))
            .unwrap()
    };
    assert_eq!(fp(&fresh), fp(&in_place));
    // a file that appears under the name meanwhile is never replaced
    let raced = dir.path().join("raced.db");
    let err = generate(&raced, &opts, &mut |done, _| {
        if done == 1 {
            std::fs::write(&raced, b"someone else's").unwrap();
        }
    })
    .unwrap_err();
    assert!(err.to_string().contains("created by someone else"), "{err}");
    assert_eq!(std::fs::read(&raced).unwrap(), b"someone else's");
    assert!(!building_path(&raced).exists());
}

#[test]
fn raw_escpos_print_to_a_file_and_a_failing_printer_is_recorded() {
    let d = seeded();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("printer.bin");
    // defaults: the system print dialog, 80 mm
    let s = d.ok("queue.printer", json!({}));
    assert_eq!(s["mode"], "html");
    assert_eq!(s["paper_mm"], 80);
    // raw printing needs a device; a paper width must be 58 or 80
    let e = d
        .call("queue.set_printer", json!({"mode": "escpos"}))
        .unwrap_err();
    assert_eq!(e.code, "invalid");
    let e = d
        .call("queue.set_printer", json!({"paper_mm": 57}))
        .unwrap_err();
    assert!(e.message.contains("58 or 80"), "{}", e.message);
    let s = d.ok(
        "queue.set_printer",
        json!({"mode": "escpos", "device": file.to_str().unwrap(), "paper_mm": 58, "kiosk_reset_s": 30}),
    );
    assert_eq!(s["device"], file.to_str().unwrap());
    assert_eq!(s["kiosk_reset_s"], 30);
    assert_eq!(d.ok("queue.printer", json!({})), s);

    issue(&d, "KTP", None);
    let n = issue(&d, "KTP", Some("lansia"));
    let out = d.ok("queue.print_to", json!({"ticket": n}));
    assert_eq!(out["printed"], true);
    assert_eq!(out["ticket"]["print"], "printed");
    assert_eq!(out["ahead"], 1);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..2], &[0x1b, b'@']);
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("A-002") && text.contains("Lansia"), "{text}");

    // a printer that is not there: a recorded failure, not an error; then a reprint works
    let missing = dir.path().join("no-such-dir").join("lp0");
    let out = d.ok(
        "queue.print_to",
        json!({"ticket": n, "device": missing.to_str().unwrap()}),
    );
    assert_eq!(out["printed"], false);
    assert_eq!(out["ticket"]["print"], "failed");
    let err = out["error"].as_str().unwrap();
    assert!(err.contains("no-such-dir"), "{err}");
    let steps = d.ok("queue.get", json!({"ticket": n}))["steps"].clone();
    let prints: Vec<&Value> = steps
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "print")
        .collect();
    assert_eq!(prints.len(), 2);
    assert_eq!(prints[1]["detail"]["result"], "failed");
    assert!(prints[1]["detail"]["error"]
        .as_str()
        .unwrap()
        .contains("no-such-dir"));
    let out = d.ok("queue.print_to", json!({"ticket": n}));
    assert_eq!(out["ticket"]["print"], "printed");
    assert_eq!(
        out["ticket"]["status"], "issued",
        "printing never moves a ticket"
    );
}
