//! The event log and its fold: hash chains, signed heads, field registers with pred, and the
//! law that the state depends only on the set of events (any order gives one fingerprint).

mod common;

use loket_core::env::{Env, SeededEntropy};
use loket_core::{fold, log, store};
use proptest::prelude::*;
use rusqlite::Connection;
use serde_json::json;

use common::T0;

struct Dev {
    conn: Connection,
    env: Env,
    clock: std::sync::Arc<loket_core::env::ManualClock>,
    _dir: tempfile::TempDir,
}

fn dev(seed: u64, clock_ms: i64) -> Dev {
    let dir = tempfile::tempdir().unwrap();
    let conn = store::open(&dir.path().join("d.db"), true).unwrap();
    let (env, clock) = Env::fixed(clock_ms, seed);
    log::create_local_device(&conn, &env).unwrap();
    Dev {
        conn,
        env,
        clock,
        _dir: dir,
    }
}

fn empty_db() -> (Connection, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    (store::open(&dir.path().join("e.db"), true).unwrap(), dir)
}

fn write(d: &Dev, id: &str, field: &str, v: serde_json::Value) {
    log::append(
        &d.conn,
        &d.env,
        Some("tester"),
        "agency",
        id,
        vec![(field, v)],
    )
    .unwrap();
}

fn sync(from: &Dev, to: &Dev) {
    for b in log::all_event_bytes(&from.conn).unwrap() {
        log::ingest(&to.conn, &b).unwrap();
    }
}

fn name_of(c: &Connection, id: &str) -> Option<String> {
    use rusqlite::OptionalExtension;
    c.query_row("SELECT name FROM p_agency WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()
    .unwrap()
    .flatten()
}

#[test]
fn chain_links_every_event_and_detects_tampering() {
    let d = dev(1, T0);
    for i in 0..5 {
        write(&d, "DUK", "name", json!(format!("Disdukcapil {i}")));
    }
    let me = log::require_local_device(&d.conn).unwrap();
    let (seq, head) = log::verify_chain(&d.conn, &me.device_id).unwrap();
    assert_eq!(seq, 5);
    assert_eq!(head, me.head_hash);
    // each stored body hashes to its hash and names the previous one
    let bodies = log::all_event_bytes(&d.conn).unwrap();
    let second = log::EventBody::from_bytes(&bodies[1]).unwrap();
    assert_eq!(second.prev, hex::encode(log::sha256(&bodies[0])));
    // change one stored byte: the chain no longer verifies
    d.conn
        .execute(
            "UPDATE events SET body = CAST(replace(CAST(body AS TEXT), 'Disdukcapil 2', 'Disdukcapil X') AS BLOB) WHERE seq = 3",
            [],
        )
        .unwrap();
    let err = log::verify_chain(&d.conn, &me.device_id).unwrap_err();
    assert!(err.to_string().contains("event 3"), "{err}");
}

#[test]
fn signed_head_verifies_with_the_device_key_only() {
    let d = dev(2, T0);
    let id = log::require_local_device(&d.conn).unwrap().device_id;
    log::append(
        &d.conn,
        &d.env,
        None,
        "device",
        &id,
        vec![("name", json!("PC"))],
    )
    .unwrap();
    let head = log::sign_head(&d.conn).unwrap();
    assert_eq!(head.seq, 1);
    let secret: Vec<u8> = d
        .conn
        .query_row("SELECT secret_key FROM local_device", [], |r| r.get(0))
        .unwrap();
    let sk = ed25519_dalek::SigningKey::from_bytes(&secret.try_into().unwrap());
    let pk = hex::encode(sk.verifying_key().as_bytes());
    assert!(log::verify_head(&pk, &head));
    let mut forged = head.clone();
    forged.seq = 2;
    assert!(!log::verify_head(&pk, &forged));
    let other = dev(3, T0);
    let other_head = log::sign_head(&other.conn).unwrap();
    assert!(
        !log::verify_head(&pk, &other_head),
        "another device's signature is not ours"
    );
}

#[test]
fn later_correction_wins_even_against_a_far_future_clock() {
    let two_years = 2 * 365 * 86_400_000;
    let future = dev(4, T0 + two_years);
    let good = dev(5, T0);
    write(&future, "DUK", "name", json!("Dukcapil (jam salah)"));
    sync(&future, &good);
    write(&good, "DUK", "name", json!("Disdukcapil"));
    sync(&good, &future);
    assert_eq!(name_of(&good.conn, "DUK").as_deref(), Some("Disdukcapil"));
    assert_eq!(name_of(&future.conn, "DUK").as_deref(), Some("Disdukcapil"));
    assert_eq!(
        fold::fingerprint(&good.conn).unwrap(),
        fold::fingerprint(&future.conn).unwrap()
    );
}

#[test]
fn concurrent_edits_are_kept_as_a_conflict_with_a_deterministic_default() {
    let a = dev(6, T0);
    let b = dev(7, T0);
    write(&a, "DUK", "name", json!("Disdukcapil"));
    sync(&a, &b);
    a.clock.advance(1000);
    b.clock.advance(2000);
    write(&a, "DUK", "name", json!("Dinas Dukcapil"));
    write(&b, "DUK", "name", json!("Disdukcapil Kota"));
    sync(&a, &b);
    sync(&b, &a);
    let survivors: i64 = a
        .conn
        .query_row(
            "SELECT COUNT(*) FROM reg_write WHERE entity='agency' AND field='name'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(survivors, 2, "both concurrent values are kept");
    // default: the highest clock (b wrote later)
    assert_eq!(name_of(&a.conn, "DUK").as_deref(), Some("Disdukcapil Kota"));
    assert_eq!(name_of(&b.conn, "DUK").as_deref(), Some("Disdukcapil Kota"));
    // a pick after seeing both replaces both
    write(&a, "DUK", "name", json!("Dinas Dukcapil"));
    sync(&a, &b);
    let survivors: i64 = b
        .conn
        .query_row(
            "SELECT COUNT(*) FROM reg_write WHERE entity='agency' AND field='name'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(survivors, 1);
    assert_eq!(name_of(&b.conn, "DUK").as_deref(), Some("Dinas Dukcapil"));
}

#[test]
fn field_level_registers_keep_untouched_fields() {
    let a = dev(8, T0);
    let b = dev(9, T0);
    log::append(
        &a.conn,
        &a.env,
        None,
        "agency",
        "DUK",
        vec![("name", json!("A")), ("active", json!(true))],
    )
    .unwrap();
    sync(&a, &b);
    write(&a, "DUK", "name", json!("B")); // a renames
    write(&b, "DUK", "active", json!(false)); // b deactivates, concurrently
    sync(&a, &b);
    sync(&b, &a);
    for d in [&a, &b] {
        let (name, active): (String, bool) = d
            .conn
            .query_row(
                "SELECT name, active FROM p_agency WHERE id='DUK'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((name.as_str(), active), ("B", false));
    }
}

#[test]
fn unchanged_values_write_no_event_and_ingest_is_idempotent() {
    let a = dev(10, T0);
    write(&a, "DUK", "name", json!("A"));
    assert!(log::append(
        &a.conn,
        &a.env,
        None,
        "agency",
        "DUK",
        vec![("name", json!("A"))]
    )
    .unwrap()
    .is_none());
    let b = dev(11, T0);
    sync(&a, &b);
    let fp = fold::fingerprint(&b.conn).unwrap();
    for bytes in log::all_event_bytes(&a.conn).unwrap() {
        assert!(
            !log::ingest(&b.conn, &bytes).unwrap(),
            "known event is skipped"
        );
    }
    assert_eq!(fold::fingerprint(&b.conn).unwrap(), fp);
    // same key, different content: refused
    let mut forged =
        log::EventBody::from_bytes(&log::all_event_bytes(&a.conn).unwrap()[0]).unwrap();
    forged.fields.insert("name".into(), json!("forged"));
    let err = log::ingest(&b.conn, &forged.to_bytes()).unwrap_err();
    assert!(err.to_string().contains("different content"), "{err}");
}

#[test]
fn events_of_a_newer_format_are_kept_but_not_folded() {
    let (c, _d) = empty_db();
    let a = dev(12, T0);
    write(&a, "DUK", "name", json!("A"));
    let mut ev = log::EventBody::from_bytes(&log::all_event_bytes(&a.conn).unwrap()[0]).unwrap();
    ev.v = log::EVENT_VERSION + 1;
    assert!(log::ingest(&c, &ev.to_bytes()).unwrap());
    let n: i64 = c
        .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(name_of(&c, "DUK"), None);
    let rows: i64 = c
        .query_row("SELECT COUNT(*) FROM p_agency", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);
}

/// One step of a random multi-device history.
#[derive(Debug, Clone)]
enum Op {
    Write {
        dev: usize,
        id: u8,
        field: u8,
        value: u8,
        dt: u32,
    },
    Sync {
        from: usize,
        to: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..3u8, 0..3u8, 0..4u8, 0..5000u32)
            .prop_map(|(dev, id, field, value, dt)| Op::Write { dev, id, field, value, dt }),
        1 => (0..3usize, 0..3usize).prop_map(|(from, to)| Op::Sync { from, to }),
    ]
}

fn shuffled(mut v: Vec<Vec<u8>>, seed: u64) -> Vec<Vec<u8>> {
    let rng = SeededEntropy::new(seed);
    for i in (1..v.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

/// Plays `ops` on three devices (the second and third with skewed clocks) and returns them
/// with every event any of them holds (sorted, without duplicates).
fn history(ops: &[Op], skew: i64) -> ([Dev; 3], Vec<Vec<u8>>) {
    let devs = [dev(100, T0), dev(101, T0 + skew), dev(102, T0 - skew)];
    for op in ops {
        match *op {
            Op::Write {
                dev,
                id,
                field,
                value,
                dt,
            } => {
                let d = &devs[dev];
                d.clock.advance(dt as i64);
                let name = ("name", json!(format!("nama {value}")));
                let active = ("active", json!(value % 2 == 0));
                let fields = match field {
                    0 => vec![name],
                    1 => vec![active],
                    _ => vec![name, active],
                };
                log::append(
                    &d.conn,
                    &d.env,
                    Some("tester"),
                    "agency",
                    &format!("A{id}"),
                    fields,
                )
                .unwrap();
            }
            Op::Sync { from, to } if from != to => sync(&devs[from], &devs[to]),
            Op::Sync { .. } => {}
        }
    }
    let mut all: Vec<Vec<u8>> = devs
        .iter()
        .flat_map(|d| log::all_event_bytes(&d.conn).unwrap())
        .collect();
    all.sort();
    all.dedup();
    (devs, all)
}

fn fold_all(events: &[Vec<u8>]) -> (String, Connection, tempfile::TempDir) {
    let (c, d) = empty_db();
    let tx = c.unchecked_transaction().unwrap();
    for e in events {
        log::ingest(&tx, e).unwrap();
    }
    tx.commit().unwrap();
    (fold::fingerprint(&c).unwrap(), c, d)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Folding any permutation of a set of events gives the same fingerprint, equal to the
    /// fingerprint after a rebuild, and equal to that of a device that holds all of them.
    #[test]
    fn any_permutation_of_the_events_folds_to_one_fingerprint(
        ops in prop::collection::vec(op(), 1..40),
        seed in any::<u64>(),
        skew in prop::sample::select(vec![0i64, -3_600_000, 86_400_000 * 400]),
    ) {
        let (devs, all) = history(&ops, skew);
        let (fp_sorted, c, _d1) = fold_all(&all);
        let mut rev = all.clone();
        rev.reverse();
        let (fp_rev, _, _d2) = fold_all(&rev);
        let (fp_shuf, _, _d3) = fold_all(&shuffled(all.clone(), seed));
        prop_assert_eq!(&fp_sorted, &fp_rev);
        prop_assert_eq!(&fp_sorted, &fp_shuf);
        fold::rebuild(&c).unwrap();
        prop_assert_eq!(&fp_sorted, &fold::fingerprint(&c).unwrap());
        // a device that receives everything converges to the same state
        for d in &devs[1..] { sync(d, &devs[0]); }
        prop_assert_eq!(&fp_sorted, &fold::fingerprint(&devs[0].conn).unwrap());
    }
}

/// Stores an event's bytes without folding it.
fn store(c: &Connection, bytes: &[u8]) -> log::EventBody {
    let body = log::EventBody::from_bytes(bytes).unwrap();
    let prev: [u8; 32] = hex::decode(&body.prev).unwrap().try_into().unwrap();
    log::insert_event(c, &body, bytes, &log::sha256(bytes), &prev).unwrap();
    body
}

/// The fingerprint, the conflicts counted per event and the remembered replacements.
type FoldResult = (String, Vec<u32>, Vec<(String, String, String, String, i64)>);

fn fold_result(c: &Connection, conflicts: Vec<u32>) -> FoldResult {
    let replaced = c
        .prepare("SELECT entity, entity_id, field, device_id, seq FROM reg_replaced ORDER BY 1, 2, 3, 4, 5")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (fold::fingerprint(c).unwrap(), conflicts, replaced)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Folding in batches (as the sync import does) gives exactly what folding the events one
    /// by one in the same order gives: the same state, the same conflicts counted for each
    /// event and the same remembered replacements, wherever the batches are cut.
    #[test]
    fn batch_fold_equals_folding_one_by_one(
        ops in prop::collection::vec(op(), 1..60),
        seed in any::<u64>(),
        cuts in prop::collection::vec(1..12usize, 1..6),
    ) {
        let (_devs, all) = history(&ops, 3_600_000);
        let events = shuffled(all, seed);
        let (one, _d1) = empty_db();
        let mut one_conflicts = Vec::new();
        for e in &events {
            let body = store(&one, e);
            one_conflicts.push(fold::apply(&one, &body).unwrap());
        }
        let (many, _d2) = empty_db();
        let mut batch = fold::Batch::new();
        let mut many_conflicts = Vec::new();
        let mut cut = cuts.iter().cycle();
        let mut size = *cut.next().unwrap();
        for e in &events {
            batch.push(store(&many, e));
            if batch.len() == size {
                many_conflicts.extend(batch.flush(&many).unwrap());
                size = *cut.next().unwrap();
            }
        }
        many_conflicts.extend(batch.flush(&many).unwrap());
        prop_assert!(batch.is_empty());
        let a = fold_result(&one, one_conflicts);
        let b = fold_result(&many, many_conflicts);
        prop_assert_eq!(a, b);
    }
}
