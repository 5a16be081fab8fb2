//! Sync import benchmark (not a test). Builds a database of N events (default 1 000 000,
//! `LOKET_BENCH_EVENTS` to change), exports it as one bundle and measures, side by side in one
//! run:
//! - bytes per event in the file (goal: ≤ 60),
//! - a plain SQLite bulk insert of the same event rows in one transaction (the baseline),
//! - `sync.import` (verify + apply, fold included) of the file into a fresh database, in a child
//!   process so its peak memory (VmHWM) is its own (goal: < 100 MB and flat in file size: the
//!   same import of a quarter of the events is measured too),
//! - the ratio import speed / baseline speed (goal: ≥ 0.5).
//!
//! Run: `cargo bench -p loket-core --bench sync_import` (release build).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use loket_core::api::{Actor, Api};
use loket_core::{log, store, Env, Locale};
use serde_json::json;

// The allocator of `loket`, so the import is measured as the CLI runs it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const T0: i64 = 1_795_399_200_000;

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// The importing PC's clock: a day after the newest event (a supervisor importing the field
/// laptops' work, not files from a device whose clock runs weeks ahead; that case has its
/// own test).
fn import_wall(n: usize) -> i64 {
    T0 + (n as i64 + 1) * STEP_MS + 86_400_000
}

/// Milliseconds between two events of the source.
const STEP_MS: i64 = 1500;

fn child_import(file: &str, db: &str, wall: i64) {
    let (env, _) = Env::fixed(wall, 2);
    // as `loket` runs it (mimalloc, above)
    loket_core::sync::import_on_second_thread(true);
    let api = Api::open(Path::new(db), env).expect("open");
    let m = Actor::Machine;
    api.call(
        &m,
        Locale::En,
        "init",
        json!({"site": "Bench", "device": "Importer"}),
    )
    .expect("init");
    let t = Instant::now();
    let r = api
        .call(&m, Locale::En, "sync.import", json!({"file": file}))
        .expect("import");
    println!(
        "{} {} {}",
        t.elapsed().as_millis(),
        peak_kb(),
        r["new_events"]
    );
}

/// Writes `n` events shaped like a day's desk work: records created with several fields and
/// later edited (so events carry pred references), across many entity ids.
fn build_source(dir: &Path, n: usize) -> (std::path::PathBuf, std::path::PathBuf) {
    let db = dir.join("source.db");
    let (env, clock) = Env::fixed(T0, 1);
    let api = Api::open(&db, env.clone()).expect("open");
    api.call(
        &Actor::Machine,
        Locale::En,
        "init",
        json!({"site": "Bench", "device": "Source"}),
    )
    .expect("init");
    drop(api);
    let conn = store::open(&db, false).expect("open");
    let tx = conn.unchecked_transaction().expect("tx");
    for i in 0..n {
        clock.advance(STEP_MS);
        let id = format!("T{:07}", i / 4);
        let fields = match i % 4 {
            0 => vec![
                ("name", json!(format!("A-{:03}", i % 1000))),
                ("active", json!(true)),
            ],
            1 => vec![("name", json!(format!("A-{:03} dipanggil", i % 1000)))],
            2 => vec![("active", json!(false))],
            _ => vec![
                ("name", json!(format!("A-{:03} selesai", i % 1000))),
                ("active", json!(true)),
            ],
        };
        log::append(&tx, &env, Some("petugas1"), "agency", &id, fields).expect("append");
    }
    tx.commit().expect("commit");
    let file = dir.join("bundle.loket");
    let api = Api::open(&db, env).expect("open");
    api.call(
        &Actor::Machine,
        Locale::En,
        "sync.export",
        json!({"out": file, "full": true}),
    )
    .expect("export");
    (db, file)
}

/// One row of the `events` table.
type EventRow = (
    String,
    i64,
    i64,
    String,
    String,
    i64,
    Vec<u8>,
    Vec<u8>,
    Vec<u8>,
);

fn baseline(src: &Path, dir: &Path) -> (u128, i64) {
    let dst = dir.join("baseline.db");
    let conn = store::open(&dst, true).expect("open");
    conn.execute("ATTACH DATABASE ?1 AS src", [src.to_str().unwrap()])
        .expect("attach");
    let rows: Vec<EventRow> = {
        let mut st = conn
            .prepare("SELECT device_id, seq, hlc, entity, entity_id, version, prev_hash, hash, body FROM src.events")
            .expect("prepare");
        st.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
    };
    conn.execute("DETACH DATABASE src", []).expect("detach");
    let t = Instant::now();
    let tx = conn.unchecked_transaction().expect("tx");
    {
        let mut ins = tx
            .prepare("INSERT INTO events (device_id, seq, hlc, entity, entity_id, version, prev_hash, hash, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
            .expect("prepare");
        for r in &rows {
            ins.execute(rusqlite::params![
                r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8
            ])
            .expect("insert");
        }
    }
    tx.commit().expect("commit");
    (t.elapsed().as_millis(), rows.len() as i64)
}

fn run_child(file: &Path, db: &Path, n: usize) -> (u128, u64, i64) {
    let out = Command::new(std::env::current_exe().expect("exe"))
        .args([
            "--import-child",
            file.to_str().unwrap(),
            db.to_str().unwrap(),
            &import_wall(n).to_string(),
        ])
        .output()
        .expect("child");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut it = text
        .split_whitespace()
        .map(|v| v.parse::<i64>().unwrap_or(-1));
    (
        it.next().unwrap_or(-1) as u128,
        it.next().unwrap_or(-1) as u64,
        it.next().unwrap_or(-1),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--import-child") {
        let wall = args
            .get(i + 3)
            .and_then(|w| w.parse().ok())
            .unwrap_or(import_wall(1_000_000));
        child_import(&args[i + 1], &args[i + 2], wall);
        return;
    }
    let n: usize = std::env::var("LOKET_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("tmp");
    // LOKET_BENCH_KEEP=1 keeps the files, to profile the import alone:
    //   perf record <this binary> --import-child <dir>/bundle.loket /tmp/x.db [WALL_MS]
    let dir_path = if std::env::var_os("LOKET_BENCH_KEEP").is_some() {
        let p = dir.keep();
        println!("files kept in {}", p.display());
        p
    } else {
        dir.path().to_path_buf()
    };
    let dir = &dir_path;
    let quarter = dir.join("q");
    std::fs::create_dir_all(&quarter).unwrap();
    println!("building {n} events and a quarter-size set ...");
    let (src, file) = build_source(dir, n);
    let (_, qfile) = build_source(&quarter, n / 4);
    let size = std::fs::metadata(&file).unwrap().len();
    let (base_ms, rows) = baseline(&src, dir);
    let (imp_ms, peak, new_events) = run_child(&file, &dir.join("import.db"), n);
    let (qimp_ms, qpeak, _) = run_child(&qfile, &quarter.join("import.db"), n / 4);
    let ratio = base_ms as f64 / imp_ms.max(1) as f64;
    println!("events in bundle:        {rows}");
    println!(
        "bundle size:             {size} bytes = {:.1} bytes/event (goal <= 60)",
        size as f64 / rows as f64
    );
    println!(
        "plain bulk insert:       {base_ms} ms ({:.0} events/s)",
        rows as f64 / (base_ms.max(1) as f64 / 1000.0)
    );
    println!(
        "import (verify+apply):   {imp_ms} ms ({:.0} events/s), {new_events} new",
        rows as f64 / (imp_ms.max(1) as f64 / 1000.0)
    );
    println!("import speed / baseline: {ratio:.2} (goal >= 0.5)");
    println!("import peak memory:      {} MB at {n} events, {} MB at {} events (goal < 100 MB, flat); quarter import {qimp_ms} ms", peak / 1024, qpeak / 1024, n / 4);
}
