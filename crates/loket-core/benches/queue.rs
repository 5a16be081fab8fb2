//! Queue latency with a big database: `queue.issue`, `queue.call` (with start) and
//! `queue.finish` through the command layer (one IMMEDIATE transaction each, synchronous=FULL).
//!
//! The database is built once with the demo generator (`--scale mpp`, `LOKET_BENCH_DAYS` days,
//! default 365 ≈ 1M events) and cached in `target/bench-queue/`. Besides criterion's own
//! report, a plain pass measures every operation and prints p50/p99/max.
//!
//! Every run benches a fresh copy of the cached database (next to it, or in
//! `LOKET_BENCH_COPY_TO`: `/dev/shm` is tmpfs, where fsync is free, which separates Loket's own
//! work from the disk's commit latency).
//!
//! `cargo bench -p loket-core --bench queue`

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use loket_core::api::{Actor, Api};
use loket_core::demo::{generate, DemoOptions, Scale};
use loket_core::queue::{self, QueueCallInput, QueueIssueInput, TicketStepInput};
use loket_core::{Env, Locale};

// The allocator of `loket` (which builds the demo).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// 2026-11-23 09:00 WIB: the demo fills the days before it; the bench works "today".
const T0: i64 = 1_795_399_200_000;

fn db_path() -> PathBuf {
    let days: u32 = std::env::var("LOKET_BENCH_DAYS")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(365);
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("bench-queue");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("mpp-{days}d.db"));
    if !path.exists() {
        let tmp = dir.join(format!("mpp-{days}d.building.db"));
        let _ = std::fs::remove_file(&tmp);
        eprintln!("building the benchmark database ({days} days, scale mpp)…");
        let started = Instant::now();
        let r = generate(
            &tmp,
            &DemoOptions {
                days,
                seed: 1,
                scale: Scale::Mpp,
                pin: "1234".into(),
                now_ms: T0,
            },
            &mut |_, _| {},
        )
        .expect("demo");
        eprintln!(
            "built: {} tickets, {} events in {:.1?}",
            r.tickets,
            r.events,
            started.elapsed()
        );
        // close the WAL into the main file, then move it in place
        let c = rusqlite::Connection::open(&tmp).unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
        drop(c);
        std::fs::rename(&tmp, &path).unwrap();
    }
    path
}

struct Bench {
    api: Api,
    clock: std::sync::Arc<loket_core::env::ManualClock>,
}

impl Bench {
    fn open() -> Bench {
        let (env, clock) = Env::fixed(T0, 99);
        // every run works on a fresh copy: the cached database stays as the demo built it
        let cache = db_path();
        let dir = std::env::var_os("LOKET_BENCH_COPY_TO")
            .map(PathBuf::from)
            .unwrap_or_else(|| cache.parent().expect("cache dir").to_path_buf());
        let path = dir.join("loket-bench-queue-run.db");
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
        std::fs::copy(&cache, &path).unwrap();
        eprintln!("benching a copy: {}", path.display());
        let api = Api::open_existing(&path, env).unwrap();
        Bench { api, clock }
    }
    fn tick(&self) {
        self.clock.advance(1);
    }
    fn issue(&self) -> String {
        self.tick();
        self.api
            .run::<queue::QueueIssue>(
                &Actor::Machine,
                Locale::En,
                QueueIssueInput {
                    service: "KTP".into(),
                    priority: None,
                },
            )
            .unwrap()
            .id
    }
    fn call(&self) -> String {
        self.tick();
        self.api
            .run::<queue::QueueCall>(
                &Actor::Machine,
                Locale::En,
                QueueCallInput {
                    counter: "DUK-1".into(),
                    ticket: None,
                },
            )
            .unwrap()
            .ticket
            .id
    }
    fn step<C>(&self, id: &str)
    where
        C: loket_core::api::Command<Input = TicketStepInput>,
    {
        self.tick();
        self.api
            .run::<C>(
                &Actor::Machine,
                Locale::En,
                TicketStepInput {
                    ticket: id.into(),
                    counter: None,
                    reason: None,
                },
            )
            .unwrap();
    }
}

fn pct(mut v: Vec<Duration>) -> String {
    v.sort();
    let at = |p: f64| v[((v.len() as f64 * p) as usize).min(v.len() - 1)];
    format!(
        "p50 {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms  (n={})",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        v[v.len() - 1].as_secs_f64() * 1e3,
        v.len()
    )
}

fn percentiles(b: &Bench) {
    let tickets: i64 = {
        let c = rusqlite::Connection::open(b.api.path()).unwrap();
        c.query_row("SELECT COUNT(*) FROM p_ticket", [], |r| r.get(0))
            .unwrap()
    };
    let n = 1000;
    let (mut issue, mut call, mut finish) = (vec![], vec![], vec![]);
    for _ in 0..n {
        let t = Instant::now();
        b.issue();
        issue.push(t.elapsed());
    }
    for _ in 0..n {
        let t = Instant::now();
        let id = b.call();
        call.push(t.elapsed());
        b.step::<queue::QueueStart>(&id);
        let t = Instant::now();
        b.step::<queue::QueueFinish>(&id);
        finish.push(t.elapsed());
    }
    // the floor: one empty IMMEDIATE commit with the same durability, next to the database
    let floor = {
        let p = b.api.path().with_file_name("fsync-floor.db");
        let c = rusqlite::Connection::open(&p).unwrap();
        c.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS t (a INTEGER);",
        )
        .unwrap();
        let mut v = Vec::new();
        for i in 0..300 {
            let t = Instant::now();
            c.execute_batch(&format!(
                "BEGIN IMMEDIATE; INSERT INTO t VALUES ({i}); COMMIT;"
            ))
            .unwrap();
            v.push(t.elapsed());
        }
        v
    };
    println!("queue latency with {tickets} tickets in the database:");
    println!(
        "  commit  {}  (one-row commit, synchronous=FULL: the disk's floor)",
        pct(floor)
    );
    println!("  issue   {}", pct(issue));
    println!("  call    {}", pct(call));
    println!("  finish  {}", pct(finish));
}

fn benches(c: &mut Criterion) {
    let b = Bench::open();
    percentiles(&b);
    let mut g = c.benchmark_group("queue");
    g.sample_size(200);
    g.bench_function("issue", |x| x.iter(|| b.issue()));
    // a counter finishes what it called before calling again (outside the measurement), so
    // its open tickets do not pile up as they never do at a real desk
    let called = std::cell::RefCell::new(None::<String>);
    let finish_called = || {
        if let Some(id) = called.borrow_mut().take() {
            b.step::<queue::QueueStart>(&id);
            b.step::<queue::QueueFinish>(&id);
        }
    };
    g.bench_function("call", |x| {
        x.iter_batched(
            || {
                finish_called();
                b.issue()
            },
            |_| *called.borrow_mut() = Some(b.call()),
            BatchSize::PerIteration,
        )
    });
    finish_called();
    g.bench_function("finish", |x| {
        x.iter_batched(
            || {
                b.issue();
                let id = b.call();
                b.step::<queue::QueueStart>(&id);
                id
            },
            |id| b.step::<queue::QueueFinish>(&id),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(queue_benches, benches);
criterion_main!(queue_benches);
