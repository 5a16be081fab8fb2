//! The daily recap and a monthly recap of a busy MPP with years of data (issue 9: each under
//! 50 ms with ~5 million tickets over 5 years). The projection is filled directly with SQL
//! (events are not needed to measure the queries). Scale with `LOKET_BENCH_DAYS` (default
//! 1825 = 5 years) and `LOKET_BENCH_PER_DAY` (default 2740 tickets a day).
//!
//! `cargo bench -p loket-core --bench daily`

use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use loket_core::api::{Actor, Api};
use loket_core::env::Env;
use loket_core::Locale;
use serde_json::json;

fn env_usize(k: &str, d: usize) -> usize {
    std::env::var(k)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(d)
}

fn setup(dir: &std::path::Path) -> Api {
    let days = env_usize("LOKET_BENCH_DAYS", 1825);
    let per_day = env_usize("LOKET_BENCH_PER_DAY", 2740);
    let path = dir.join("bench.db");
    // 2026-11-23 09:00 WIB
    let (env, _) = Env::fixed(1_795_399_200_000, 1);
    let api = Api::open(&path, env).unwrap();
    let m = Actor::Machine;
    api.call(
        &m,
        Locale::En,
        "init",
        json!({"site": "MPP Bench", "device": "PC"}),
    )
    .unwrap();
    api.call(
        &m,
        Locale::En,
        "agency.add",
        json!({"code": "DUK", "name": "Dukcapil"}),
    )
    .unwrap();
    for (c, p) in [("KTP", "A"), ("KK", "B"), ("AKTA", "C"), ("PASPOR", "D")] {
        api.call(
            &m,
            Locale::En,
            "service.add",
            json!({"code": c, "agency": "DUK", "name": c, "prefix": p, "minutes": 30}),
        )
        .unwrap();
    }
    let site: String = api.call(&m, Locale::En, "status", json!({})).unwrap()["site_id"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_default();
    let device: String = api.call(&m, Locale::En, "status", json!({})).unwrap()["device_id"]
        .as_str()
        .unwrap()
        .to_string();
    drop(api);
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    let site = if site.is_empty() {
        conn.query_row("SELECT id FROM p_site LIMIT 1", [], |r| r.get(0))
            .unwrap()
    } else {
        site
    };
    let tx = conn.transaction().unwrap();
    {
        let mut st = tx
            .prepare(
                "INSERT INTO p_ticket (id, number, seq, prefix, issue_service, service, day, device,
                   site, priority, status, issued_at, called_at, started_at, finished_at, counter,
                   officer, recalls, order_key, print)
                 VALUES (?1, ?2, ?3, 'A', ?4, ?4, ?5, ?6, ?7, NULL, ?8, ?9, ?10, ?11, ?12, ?13,
                   ?14, 0, ?3, NULL)",
            )
            .unwrap();
        let first = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() - chrono::Days::new(days as u64);
        let services = ["KTP", "KK", "AKTA", "PASPOR"];
        let mut x: u64 = 42;
        let mut rnd = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for d in 0..days {
            let day = first + chrono::Days::new(d as u64);
            let start = day
                .and_hms_opt(1, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp_millis();
            let ds = day.to_string();
            for i in 0..per_day {
                let issued = start + (i as i64) * 10_000;
                let wait = rnd(3_600_000) as i64;
                let svc = rnd(900_000) as i64;
                let roll = rnd(100);
                let (status, called, started, finished) = if roll < 90 {
                    (
                        "done",
                        Some(issued + wait),
                        Some(issued + wait + 30_000),
                        Some(issued + wait + 30_000 + svc),
                    )
                } else if roll < 97 {
                    ("no_show", Some(issued + wait), None, None)
                } else {
                    ("cancelled", None, None, None)
                };
                st.execute(rusqlite::params![
                    format!("{d}-{i}"),
                    format!("A-{i:03}"),
                    i as i64,
                    services[i % 4],
                    ds,
                    device,
                    site,
                    status,
                    issued,
                    called,
                    started,
                    finished,
                    format!("L{}", rnd(12) + 1),
                    format!("19850315201001{:04}", rnd(20)),
                ])
                .unwrap();
            }
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("ANALYZE").unwrap();
    drop(conn);
    let (env, _) = Env::fixed(1_795_399_200_000, 2);
    Api::open(&path, env).unwrap()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let api = setup(dir.path());
    let m = Actor::Machine;
    let mut g = c.benchmark_group("daily");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function("daily_recap", |b| {
        b.iter(|| {
            api.call(&m, Locale::En, "daily.recap", json!({"date": "2026-11-20"}))
                .unwrap()
        })
    });
    g.bench_function("monthly_recap", |b| {
        b.iter(|| {
            api.call(
                &m,
                Locale::En,
                "daily.period",
                json!({"from": "2026-10-01", "to": "2026-10-31"}),
            )
            .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
