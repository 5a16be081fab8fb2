//! `loket demo`: a realistic Mal Pelayanan Publik for trying Loket and for benchmarks.
//!
//! Agencies with their services (prefixes, promised minutes), counters, officers with valid
//! NIPs (PNS and PPPK) and user accounts, the national holidays, and the queue of the last N
//! days before today: closed on weekends and holidays, a morning peak, service times per
//! service, priority visitors, recalls, no-shows and cancellations. Every ticket goes through
//! the real queue commands with a clock moved to each simulated instant, so the data is exactly
//! what the desks would have written. The same seed and the same "now" give the same data.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rusqlite::{params, Connection, TransactionBehavior};

use crate::accounts::{self, Role};
use crate::api::{Actor, Command, Ctx};
use crate::domain::nip::parse_nip;
use crate::env::{Env, ManualClock, SeededEntropy};
use crate::error::{Error, Result};
use crate::master;
use crate::queue;
use crate::system;
use crate::Locale;

/// The PIN of every demo user unless `LOKET_NEW_PIN` says otherwise.
pub const DEFAULT_PIN: &str = "1234";

/// The site a fresh demo database gets.
pub const DEMO_SITE: &str = "MPP Demo";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Three agencies, a few counters, about 60 tickets a day.
    Small,
    /// Seven agencies, 15 counters, about 540 tickets a day (≈1M events a year).
    Mpp,
}

impl Scale {
    pub fn parse(s: &str) -> Result<Scale> {
        match s.trim().to_lowercase().as_str() {
            "small" => Ok(Scale::Small),
            "mpp" => Ok(Scale::Mpp),
            _ => Err(Error::invalid(
                format!("unknown demo scale {s:?}; use small or mpp"),
                format!("skala demo {s:?} tidak dikenal; gunakan small atau mpp"),
            )),
        }
    }
}

pub struct DemoOptions {
    pub days: u32,
    pub seed: u64,
    pub scale: Scale,
    /// PIN of the demo users.
    pub pin: String,
    /// "Now": the demo fills the `days` days before this instant's site-local day.
    pub now_ms: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub agencies: usize,
    pub services: usize,
    pub counters: usize,
    pub officers: usize,
    pub users: usize,
    pub tickets: u64,
    pub working_days: u64,
    pub events: i64,
}

struct SvcDef {
    code: &'static str,
    name: &'static str,
    prefix: char,
    minutes: i64,
    /// tickets a day at MPP scale
    volume: f64,
    /// mean service time, minutes
    mean_min: f64,
    policy: &'static str,
}

struct AgencyDef {
    code: &'static str,
    name: &'static str,
    counters: usize,
    services: &'static [SvcDef],
}

const fn s(
    code: &'static str,
    name: &'static str,
    prefix: char,
    minutes: i64,
    volume: f64,
    mean_min: f64,
    policy: &'static str,
) -> SvcDef {
    SvcDef {
        code,
        name,
        prefix,
        minutes,
        volume,
        mean_min,
        policy,
    }
}

const AGENCIES: &[AgencyDef] = &[
    AgencyDef {
        code: "DUK",
        name: "Dinas Kependudukan dan Pencatatan Sipil",
        counters: 4,
        services: &[
            s("KTP", "KTP-el", 'A', 60, 80.0, 6.0, "ratio:3"),
            s("KK", "Kartu Keluarga", 'B', 60, 60.0, 8.0, "ratio:3"),
            s("AKL", "Akta Kelahiran", 'C', 60, 30.0, 7.0, "fifo"),
            s("PDH", "Surat Pindah Datang", 'D', 60, 15.0, 10.0, "fifo"),
        ],
    },
    AgencyDef {
        code: "SAMSAT",
        name: "Samsat",
        counters: 3,
        services: &[
            s(
                "PKB",
                "Pajak Kendaraan Tahunan",
                'J',
                30,
                70.0,
                5.0,
                "strict",
            ),
            s("BBN", "Balik Nama Kendaraan", 'K', 60, 15.0, 15.0, "fifo"),
        ],
    },
    AgencyDef {
        code: "BPJS",
        name: "BPJS Kesehatan",
        counters: 2,
        services: &[
            s(
                "BPJ-DAF",
                "Pendaftaran Peserta",
                'H',
                30,
                40.0,
                8.0,
                "strict",
            ),
            s(
                "BPJ-UBH",
                "Perubahan Data Peserta",
                'I',
                20,
                35.0,
                6.0,
                "strict",
            ),
        ],
    },
    AgencyDef {
        code: "DPMPTSP",
        name: "Dinas Penanaman Modal dan PTSP",
        counters: 2,
        services: &[
            s(
                "NIB",
                "Perizinan Berusaha (NIB)",
                'E',
                30,
                25.0,
                12.0,
                "fifo",
            ),
            s(
                "PBG",
                "Persetujuan Bangunan Gedung",
                'F',
                60,
                10.0,
                20.0,
                "fifo",
            ),
            s(
                "SIP",
                "Izin Praktik Tenaga Kesehatan",
                'G',
                60,
                8.0,
                15.0,
                "fifo",
            ),
        ],
    },
    AgencyDef {
        code: "IMIGRASI",
        name: "Kantor Imigrasi",
        counters: 2,
        services: &[
            s("PASPOR", "Paspor Baru", 'L', 60, 30.0, 15.0, "ratio:2"),
            s(
                "PAS-GANTI",
                "Penggantian Paspor",
                'M',
                60,
                15.0,
                12.0,
                "ratio:2",
            ),
        ],
    },
    AgencyDef {
        code: "PAJAK",
        name: "Kantor Pelayanan Pajak Pratama",
        counters: 1,
        services: &[
            s("NPWP", "Pendaftaran NPWP", 'N', 30, 15.0, 8.0, "fifo"),
            s("SPT", "Konsultasi SPT", 'O', 30, 20.0, 10.0, "fifo"),
        ],
    },
    AgencyDef {
        code: "PDAM",
        name: "PDAM Tirta",
        counters: 1,
        services: &[
            s(
                "PDAM-PSB",
                "Pasang Sambungan Baru",
                'P',
                30,
                10.0,
                10.0,
                "fifo",
            ),
            s("PDAM-TGH", "Pengaduan Tagihan", 'Q', 20, 15.0, 7.0, "fifo"),
        ],
    },
];

const FIRST: &[&str] = &[
    "Budi", "Siti", "Agus", "Dewi", "Rudi", "Sri", "Andi", "Rina", "Hendra", "Yuni", "Joko",
    "Wati", "Fajar", "Lestari", "Bambang", "Nur", "Eko", "Ratna", "Doni", "Maya", "Ahmad", "Indah",
    "Rizky", "Putri", "Hadi", "Fitri", "Teguh", "Ayu", "Samsul", "Desi",
];
const LAST: &[&str] = &[
    "Santoso",
    "Lubis",
    "Siregar",
    "Nasution",
    "Harahap",
    "Wijaya",
    "Saragih",
    "Simanjuntak",
    "Pratama",
    "Hasibuan",
    "Sitompul",
    "Ginting",
    "Tarigan",
    "Purba",
    "Rahmawati",
    "Hidayat",
    "Setiawan",
    "Kurniawan",
    "Sembiring",
    "Panjaitan",
];

/// National holidays (libur nasional) the demo puts in the calendar where missing.
const HOLIDAYS: &[(&str, &str)] = &[
    ("2025-01-01", "Tahun Baru Masehi"),
    ("2025-01-27", "Isra Mikraj"),
    ("2025-01-29", "Tahun Baru Imlek"),
    ("2025-03-29", "Hari Suci Nyepi"),
    ("2025-03-31", "Idul Fitri"),
    ("2025-04-01", "Idul Fitri"),
    ("2025-04-18", "Wafat Yesus Kristus"),
    ("2025-05-01", "Hari Buruh"),
    ("2025-05-12", "Hari Raya Waisak"),
    ("2025-05-29", "Kenaikan Yesus Kristus"),
    ("2025-06-01", "Hari Lahir Pancasila"),
    ("2025-06-06", "Idul Adha"),
    ("2025-06-27", "Tahun Baru Islam"),
    ("2025-08-17", "Hari Kemerdekaan"),
    ("2025-09-05", "Maulid Nabi Muhammad"),
    ("2025-12-25", "Hari Raya Natal"),
    ("2026-01-01", "Tahun Baru Masehi"),
    ("2026-01-16", "Isra Mikraj"),
    ("2026-02-17", "Tahun Baru Imlek"),
    ("2026-03-19", "Hari Suci Nyepi"),
    ("2026-03-20", "Idul Fitri"),
    ("2026-03-21", "Idul Fitri"),
    ("2026-04-03", "Wafat Yesus Kristus"),
    ("2026-05-01", "Hari Buruh"),
    ("2026-05-14", "Kenaikan Yesus Kristus"),
    ("2026-05-27", "Idul Adha"),
    ("2026-05-31", "Hari Raya Waisak"),
    ("2026-06-01", "Hari Lahir Pancasila"),
    ("2026-06-16", "Tahun Baru Islam"),
    ("2026-08-17", "Hari Kemerdekaan"),
    ("2026-08-25", "Maulid Nabi Muhammad"),
    ("2026-12-25", "Hari Raya Natal"),
];

/// The demo's own random stream (SplitMix64), separate from the ids' entropy.
struct Rng(SeededEntropy);

impl Rng {
    fn u(&self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }
    fn range(&self, a: i64, b: i64) -> i64 {
        a + (self.0.next_u64() % ((b - a + 1).max(1) as u64)) as i64
    }
    fn normal(&self) -> f64 {
        let u1 = self.u().max(1e-12);
        let u2 = self.u();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
    fn poisson(&self, mean: f64) -> usize {
        // normal approximation is fine for the volumes here
        (mean + mean.sqrt() * self.normal()).round().max(0.0) as usize
    }
    fn pick<'a, T>(&self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// A valid NIP: PNS (birth · TMT CPNS month · gender · serial) or PPPK (birth · TMT year · 2 ·
/// digit · gender · serial), checked with the real parser.
fn make_nip(rng: &Rng, pppk: bool, used: &BTreeSet<String>) -> String {
    loop {
        let y = rng.range(1968, 1998) as i32;
        let m = rng.range(1, 12) as u32;
        let d = rng.range(1, 28) as u32;
        let g = rng.range(1, 2);
        let serial = rng.range(1, 999);
        let nip = if pppk {
            let ty = rng.range(2019, 2024);
            format!(
                "{y:04}{m:02}{d:02}{ty:04}2{}{g}{serial:03}",
                rng.range(1, 9)
            )
        } else {
            let ty = (y as i64 + rng.range(22, 30)).min(2024);
            let tm = rng.range(1, 12);
            format!("{y:04}{m:02}{d:02}{ty:04}{tm:02}{g}{serial:03}")
        };
        if let Ok(n) = parse_nip(&nip) {
            if n.warnings.is_empty() && !used.contains(&n.digits) {
                return n.digits;
            }
        }
    }
}

struct Demo<'a> {
    conn: &'a mut Connection,
    env: Env,
    clock: Arc<ManualClock>,
}

impl Demo<'_> {
    /// Runs one command body in the open transaction `tx` as `actor`.
    fn run<C: Command>(
        tx: &Connection,
        env: &Env,
        actor: &Actor,
        i: C::Input,
    ) -> Result<C::Output> {
        let mut ctx = Ctx {
            conn: tx,
            env,
            actor,
            locale: Locale::En,
        };
        C::run(&mut ctx, i)
    }

    fn in_tx<T>(&mut self, f: impl FnOnce(&Connection, &Env) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, &self.env)?;
        tx.commit()?;
        Ok(out)
    }
}

/// One ticket of the simulation.
struct Visit {
    arrive: i64,
    service: usize,
    priority: Option<&'static str>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Act {
    Issue,
    Call,
    Recall,
    Start,
    Finish,
    NoShow,
    Cancel,
}

/// The file a new demo database is built in before it takes its name.
pub fn building_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".demo-building");
    path.with_file_name(name)
}

/// Fills the database at `path` (creating and initialising it when needed).
///
/// A database that does not exist yet is built aside, in [`building_path`], with no journal
/// and no syncs (a bulk load writes every page once instead of twice: WAL, then checkpoint),
/// then synced and given its name with a hard link that fails rather than replace a file that
/// appeared meanwhile. A crash or an error leaves no database at `path`, only the building
/// file (removed by the next run). An existing database is filled in place, in WAL mode.
pub fn generate(
    path: &Path,
    o: &DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoReport> {
    if o.days > 3660 {
        return Err(Error::invalid(
            "--days must be at most 3660",
            "--days paling banyak 3660",
        ));
    }
    if path.exists() {
        let mut conn = crate::store::open(path, true)?;
        // A big page cache, and WAL commits without a sync each (a crash loses at most the
        // last simulated days, never the database's integrity). The demo's connection only;
        // every other connection keeps synchronous=FULL.
        conn.execute_batch(
            "PRAGMA cache_size = -262144; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;",
        )?;
        return fill(&mut conn, o, progress);
    }
    let tmp = building_path(path);
    remove_if_there(&tmp)?;
    let built = (|| {
        let mut conn = crate::store::open(&tmp, true)?;
        // Nobody else can see this file: a rollback journal in memory (a failing command
        // still rolls back), no syncs, one lock for the whole load.
        conn.execute_batch(
            "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;
             PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;",
        )?;
        let report = fill(&mut conn, o, progress)?;
        conn.execute_batch("PRAGMA journal_mode = WAL;")?;
        conn.close().map_err(|(_, e)| e)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        Ok(report)
    })();
    let report = match built {
        Ok(r) => r,
        Err(e) => {
            let _ = remove_if_there(&tmp);
            return Err(e);
        }
    };
    let linked = std::fs::hard_link(&tmp, path);
    remove_if_there(&tmp)?;
    match linked {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::invalid(
                format!(
                    "{} was created by someone else while the demo was being built; nothing was changed",
                    path.display()
                ),
                format!(
                    "{} dibuat pihak lain selama data demo dibangun; tidak ada yang diubah",
                    path.display()
                ),
            ))
        }
        Err(e) => return Err(e.into()),
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // the new name itself survives a power cut
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(report)
}

fn remove_if_there(p: &Path) -> Result<()> {
    match std::fs::remove_file(p) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// Generates into an open connection (see [`generate`]).
fn fill(
    conn: &mut Connection,
    o: &DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoReport> {
    let clock = Arc::new(ManualClock::new(o.now_ms));
    let env = Env {
        clock: clock.clone(),
        entropy: Arc::new(SeededEntropy::new(o.seed ^ 0x6c6f_6b65_7444_656d)),
    };
    let rng = Rng(SeededEntropy::new(o.seed));
    let mut d = Demo { conn, env, clock };
    let machine = Actor::Machine;
    let start_events: i64 = d
        .conn
        .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;

    // ------------------------------------------------ site, master data, people
    let agencies: Vec<&AgencyDef> = match o.scale {
        Scale::Mpp => AGENCIES.iter().collect(),
        Scale::Small => AGENCIES
            .iter()
            .filter(|a| ["DUK", "SAMSAT", "BPJS"].contains(&a.code))
            .collect(),
    };
    let volume_factor = match o.scale {
        Scale::Mpp => 1.0,
        Scale::Small => 0.25,
    };
    let pin = o.pin.clone();
    // (service code, def) and per agency its counters with their services and officers
    struct Desk {
        code: String,
        services: Vec<usize>,
        officers: Vec<Actor>,
    }
    let mut svc: Vec<(String, &SvcDef)> = Vec::new();
    let mut desks: Vec<Desk> = Vec::new();
    let mut report = DemoReport::default();
    d.in_tx(|tx, env| {
        if crate::log::local_device(tx)?.is_none() {
            Demo::run::<system::Init>(
                tx,
                env,
                &machine,
                system::InitInput {
                    site: DEMO_SITE.into(),
                    device: "Demo PC".into(),
                    kind: None,
                    tz: None,
                },
            )?;
        }
        for (date, name) in HOLIDAYS {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM p_holiday WHERE id = ?1 AND active = 1)",
                params![date],
                |r| r.get(0),
            )?;
            if !exists {
                Demo::run::<master::HolidayAdd>(
                    tx,
                    env,
                    &machine,
                    master::HolidayAddInput {
                        date: date.to_string(),
                        name: name.to_string(),
                    },
                )?;
            }
        }
        let mut used_nips: BTreeSet<String> =
            master::staff_list(tx)?.into_iter().map(|s| s.nip).collect();
        let mut used_users: BTreeSet<String> = accounts::list_users(tx)?
            .into_iter()
            .map(|u| u.username)
            .collect();
        let has_admin = used_users.contains("admin");
        let has_supervisor = used_users.contains("supervisor");
        let add_user =
            |tx: &Connection, base: &str, role: Role, nip: Option<String>| -> Result<Actor> {
                let mut name = base.to_string();
                let mut k = 2;
                while used_users.contains(&name) {
                    name = format!("{base}{k}");
                    k += 1;
                }
                used_users.insert(name.clone());
                let u = Demo::run::<accounts::UserAdd>(
                    tx,
                    env,
                    &machine,
                    accounts::UserAddInput {
                        username: name,
                        role,
                        nip,
                        pin: pin.clone(),
                    },
                )?;
                Ok(Actor::User {
                    username: u.username,
                    role: u.role,
                    nip: u.nip,
                })
            };
        let mut add_user = add_user;
        if !has_admin {
            add_user(tx, "admin", Role::Admin, None)?;
            report.users += 1;
        }
        if !has_supervisor {
            add_user(tx, "supervisor", Role::Supervisor, None)?;
            report.users += 1;
        }
        for a in &agencies {
            if master::agencies(tx)?.iter().all(|x| x.code != a.code) {
                Demo::run::<master::AgencyAdd>(
                    tx,
                    env,
                    &machine,
                    master::AgencyAddInput {
                        code: a.code.into(),
                        name: a.name.into(),
                    },
                )?;
            }
            report.agencies += 1;
            let mut mine = Vec::new();
            for sd in a.services {
                let existing = master::services(tx)?;
                if !existing.iter().any(|x| x.code == sd.code) {
                    // the demo's letter, or the first free one
                    let taken: BTreeSet<String> =
                        existing.iter().map(|x| x.prefix.clone()).collect();
                    let Some(prefix) = std::iter::once(sd.prefix)
                        .chain('A'..='Z')
                        .map(String::from)
                        .find(|p| !taken.contains(p))
                    else {
                        continue;
                    };
                    Demo::run::<master::ServiceAdd>(
                        tx,
                        env,
                        &machine,
                        master::ServiceAddInput {
                            code: sd.code.into(),
                            agency: a.code.into(),
                            name: sd.name.into(),
                            prefix,
                            minutes: Some(sd.minutes),
                            fee: Some("Tidak dipungut biaya".into()),
                            product: None,
                        },
                    )?;
                    Demo::run::<queue::ServiceSetPolicy>(
                        tx,
                        env,
                        &machine,
                        queue::ServiceSetPolicyInput {
                            code: sd.code.into(),
                            policy: sd.policy.into(),
                        },
                    )?;
                }
                mine.push(svc.len());
                svc.push((sd.code.to_string(), sd));
                report.services += 1;
            }
            let n_counters = match o.scale {
                Scale::Mpp => a.counters,
                Scale::Small => a.counters.div_ceil(2),
            };
            for k in 1..=n_counters {
                let code = format!("{}-{k}", a.code);
                let names: Vec<String> = mine.iter().map(|&i| svc[i].0.clone()).collect();
                if master::counters(tx)?.iter().all(|c| c.code != code) {
                    Demo::run::<master::CounterAdd>(
                        tx,
                        env,
                        &machine,
                        master::CounterAddInput {
                            code: code.clone(),
                            name: format!("Loket {} {k}", a.code),
                            services: names,
                        },
                    )?;
                }
                report.counters += 1;
                // two officers share each counter over the week
                let mut officers = Vec::new();
                for _ in 0..2 {
                    let pppk = rng.u() < 0.3;
                    let nip = make_nip(&rng, pppk, &used_nips);
                    used_nips.insert(nip.clone());
                    let first = rng.pick(FIRST);
                    let last = rng.pick(LAST);
                    Demo::run::<master::StaffAdd>(
                        tx,
                        env,
                        &machine,
                        master::StaffAddInput {
                            nip: nip.clone(),
                            name: format!("{first} {last}"),
                            agency: a.code.into(),
                            position: Some(
                                if pppk {
                                    "Pengadministrasi Umum (PPPK)"
                                } else {
                                    "Pengelola Layanan"
                                }
                                .into(),
                            ),
                        },
                    )?;
                    report.officers += 1;
                    let base = format!("{}.{}", first.to_lowercase(), last.to_lowercase());
                    officers.push(add_user(tx, &base, Role::Petugas, Some(nip))?);
                    report.users += 1;
                }
                desks.push(Desk {
                    code,
                    services: mine.clone(),
                    officers,
                });
            }
        }
        Ok(())
    })?;

    // ------------------------------------------------ the days
    let site = {
        let tx = d.conn.transaction()?;
        let s = system::this_site(&tx)?;
        tx.commit()?;
        s
    };
    let holidays: BTreeSet<String> = master::holidays(d.conn, None)?
        .into_iter()
        .map(|h| h.date)
        .collect();
    let today = site.tz.local_date(o.now_ms);
    let days: Vec<NaiveDate> = (1..=o.days as i64)
        .rev()
        .map(|k| today - Duration::days(k))
        .collect();
    let total = days.len() as u64;
    progress(0, total);
    let hour_weights = [0.17, 0.23, 0.2, 0.13, 0.07, 0.11, 0.09]; // 08..14
    for (di, day) in days.iter().enumerate() {
        let closed = matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
            || holidays.contains(&day.to_string());
        if closed {
            progress(di as u64 + 1, total);
            continue;
        }
        report.working_days += 1;
        let (day0, _) = site.tz.day_bounds(*day);
        let at = |h: f64| day0 + (h * 3_600_000.0) as i64;
        let weekday_factor = match day.weekday() {
            Weekday::Mon => 1.25,
            Weekday::Tue => 1.05,
            Weekday::Wed => 1.0,
            Weekday::Thu => 0.95,
            _ => 0.75,
        };
        // arrivals
        let mut visits: Vec<Visit> = Vec::new();
        for (si, (_, sd)) in svc.iter().enumerate() {
            let n = rng.poisson(sd.volume * volume_factor * weekday_factor);
            for _ in 0..n {
                let mut r = rng.u();
                let mut h = 0;
                while h < hour_weights.len() - 1 && r >= hour_weights[h] {
                    r -= hour_weights[h];
                    h += 1;
                }
                let arrive = at(8.0 + h as f64 + rng.u());
                let priority = (rng.u() < 0.08).then(|| *rng.pick(queue::PRIORITY_GROUPS));
                visits.push(Visit {
                    arrive,
                    service: si,
                    priority,
                });
            }
        }
        visits.sort_by_key(|v| v.arrive);
        // the counters serve, each with today's officer
        let mut acts: Vec<(i64, Act, usize, usize)> = Vec::new(); // (time, act, visit, desk)
        for (vi, v) in visits.iter().enumerate() {
            acts.push((v.arrive, Act::Issue, vi, 0));
        }
        let mut taken = vec![false; visits.len()];
        let mut free_at: Vec<i64> = desks
            .iter()
            .map(|_| at(8.0) + rng.range(0, 600_000))
            .collect();
        while let Some((k, t)) = free_at
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, t)| *t < i64::MAX)
            .min_by_key(|(k, t)| (*t, *k))
        {
            let desk = &desks[k];
            let mine = |v: &Visit| desk.services.contains(&v.service);
            let waiting: Vec<usize> = (0..visits.len())
                .filter(|&i| !taken[i] && visits[i].arrive <= t && mine(&visits[i]))
                .collect();
            if waiting.is_empty() {
                free_at[k] = (0..visits.len())
                    .filter(|&i| !taken[i] && visits[i].arrive > t && mine(&visits[i]))
                    .map(|i| visits[i].arrive + 1000)
                    .min()
                    .unwrap_or(i64::MAX);
                continue;
            }
            // priority visitors go first where the service's policy says so (roughly)
            let vi = waiting
                .iter()
                .copied()
                .find(|&i| {
                    visits[i].priority.is_some() && svc[visits[i].service].1.policy != "fifo"
                })
                .unwrap_or(waiting[0]);
            taken[vi] = true;
            let sd = svc[visits[vi].service].1;
            let call = t.max(visits[vi].arrive + 1000);
            acts.push((call, Act::Call, vi, k));
            let r = rng.u();
            let end = if r < 0.05 {
                // did not come: one recall, then no-show
                acts.push((call + 60_000, Act::Recall, vi, k));
                acts.push((call + 150_000, Act::NoShow, vi, k));
                call + 150_000
            } else if r < 0.06 {
                acts.push((call + 30_000, Act::Cancel, vi, k));
                call + 30_000
            } else {
                let walk = rng.range(15_000, 90_000);
                let mins = (sd.mean_min.ln() - 0.125 + 0.5 * rng.normal()).exp();
                let service_ms = ((mins * 60_000.0) as i64).max(60_000);
                let walk = if rng.u() < 0.04 {
                    // slow to come: recalled once
                    acts.push((call + 45_000, Act::Recall, vi, k));
                    45_000 + walk
                } else {
                    walk
                };
                acts.push((call + walk, Act::Start, vi, k));
                acts.push((call + walk + service_ms, Act::Finish, vi, k));
                call + walk + service_ms
            };
            free_at[k] = end + rng.range(5_000, 40_000);
        }
        acts.sort();
        // write them through the real commands, the clock at each instant
        let officer_of = |k: usize| -> &Actor {
            let o = &desks[k].officers;
            &o[(day.ordinal() as usize + k) % o.len()]
        };
        let mut ids: Vec<Option<String>> = vec![None; visits.len()];
        let clock = d.clock.clone();
        d.in_tx(|tx, env| {
            for (t, act, vi, k) in &acts {
                clock.set(*t);
                let v = &visits[*vi];
                let step = |id: &str, k: usize| queue::TicketStepInput {
                    ticket: id.to_string(),
                    counter: Some(desks[k].code.clone()),
                    reason: None,
                };
                match act {
                    Act::Issue => {
                        let tk = Demo::run::<queue::QueueIssue>(
                            tx,
                            env,
                            &machine,
                            queue::QueueIssueInput {
                                service: svc[v.service].0.clone(),
                                priority: v.priority.map(str::to_string),
                            },
                        )?;
                        ids[*vi] = Some(tk.id);
                    }
                    other => {
                        let id = ids[*vi].clone().expect("issued before");
                        let who = officer_of(*k);
                        match other {
                            Act::Call => {
                                Demo::run::<queue::QueueCall>(
                                    tx,
                                    env,
                                    who,
                                    queue::QueueCallInput {
                                        counter: desks[*k].code.clone(),
                                        ticket: Some(id),
                                    },
                                )?;
                            }
                            Act::Recall => {
                                Demo::run::<queue::QueueRecall>(tx, env, who, step(&id, *k))?;
                            }
                            Act::Start => {
                                Demo::run::<queue::QueueStart>(tx, env, who, step(&id, *k))?;
                            }
                            Act::Finish => {
                                Demo::run::<queue::QueueFinish>(tx, env, who, step(&id, *k))?;
                            }
                            Act::NoShow => {
                                Demo::run::<queue::QueueNoShow>(tx, env, who, step(&id, *k))?;
                            }
                            Act::Cancel => {
                                Demo::run::<queue::QueueCancel>(tx, env, who, step(&id, *k))?;
                            }
                            Act::Issue => unreachable!(),
                        }
                    }
                }
            }
            Ok(())
        })?;
        report.tickets += visits.len() as u64;
        progress(di as u64 + 1, total);
    }
    d.clock.set(o.now_ms);
    let end_events: i64 = d
        .conn
        .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
    report.events = end_events - start_events;
    // keep the statistics the planner uses fresh after a bulk load
    d.conn.execute_batch("PRAGMA optimize;")?;
    Ok(report)
}
