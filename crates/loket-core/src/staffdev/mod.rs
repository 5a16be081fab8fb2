//! Staff development (issue 8): officers' performance from what the desk records, competency
//! development records (JP) with certificate evidence, the yearly JP tracker, training
//! programs (enrolment, attendance, feedback, completion), mentoring, and training impact.
//!
//! Storage (entities; see `docs/staffdev.md`):
//! - `staffdev_config` (id `default`): `jp_minutes` (1 JP = 45 minutes by default) and the PPPK
//!   JP target (hundredths; default 0).
//! - `training` (id = UUID, one competency development record): officer, kind, form, title,
//!   provider, dates, JP (stored in hundredths: `jp_x100`), origin program, evidence.
//! - `training_evidence` (id = UUID, written once): the certificate file itself (base64), its
//!   name, size and SHA-256.
//! - `program`, `program_participant` (id = `<program>:<nip>`: enrolment, attendance and the
//!   participant's one feedback — a new feedback replaces the old one).
//! - `mentoring` (a pair), `mentoring_session` (id = UUID, written once).
//! - `staff_assessment` (id = `<nip>:<from>:<to>`): the supervisor's note for a period.
//!
//! Every figure (JP totals, performance, medians, impact) is computed at query time; the
//! queue, complaint and survey figures come from those modules' own functions and commands.

pub mod b64;
pub mod export;
pub mod mentoring;
pub mod perf;
pub mod program;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::accounts::{Empty, Role};
use crate::api::{Actor, Command, Ctx, Perm};
use crate::domain::nip::Employment;
use crate::error::{Error, Msg, Result};
use crate::master::{self, Staff};
use crate::system;
use crate::time::parse_date;

/// PNS: at least 20 JP a year (PP 11/2017 as amended by PP 17/2020).
pub const PNS_TARGET_JP: i64 = 20;
/// PPPK: at most 24 JP per contract year (shown as the cap).
pub const PPPK_CAP_JP: i64 = 24;
/// Minutes in one JP unless configured otherwise.
pub const DEFAULT_JP_MINUTES: i64 = 45;
/// The largest certificate file kept in the database.
pub const MAX_EVIDENCE_BYTES: u64 = 10 * 1024 * 1024;
/// The largest JP a single record may carry (a degree programme counts many).
pub const MAX_JP: i64 = 2000;

// ---------------------------------------------------------------- shared helpers

/// A NIP as typed: spaces removed.
pub fn nip_key(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The officer, or a clear "does not exist".
pub fn officer(conn: &Connection, raw: &str) -> Result<Staff> {
    master::staff(conn, &nip_key(raw))
}

/// A petugas may record only for themself; supervisors and admins for anyone.
pub(crate) fn require_self_or_supervisor(ctx: &Ctx<'_>, nip: &str, what: &Msg) -> Result<()> {
    if let Actor::User { role, nip: own, .. } = ctx.actor {
        if *role == Role::Petugas && own.as_deref() != Some(nip) {
            return Err(Error::Forbidden {
                role: role.as_str().into(),
                action: Msg::new(
                    format!("{} for another officer ({nip})", what.en),
                    format!("{} untuk pegawai lain ({nip})", what.id),
                ),
            });
        }
    }
    Ok(())
}

pub(crate) use crate::master::bounded_text as opt_text;

pub(crate) fn today(ctx: &Ctx<'_>) -> Result<NaiveDate> {
    Ok(system::this_site(ctx.conn)?.tz.local_date(ctx.now_ms()))
}

/// JP as typed (decimals allowed, at most two) → hundredths.
pub fn jp_x100(jp: f64) -> Result<i64> {
    let bad = || {
        Error::invalid(
            format!("JP must be a number above 0 and at most {MAX_JP} with at most two decimals (e.g. 2 or 1.5), not {jp}"),
            format!("JP harus angka di atas 0 dan paling banyak {MAX_JP} dengan paling banyak dua desimal (mis. 2 atau 1.5), bukan {jp}"),
        )
    };
    if !jp.is_finite() || jp <= 0.0 || jp > MAX_JP as f64 {
        return Err(bad());
    }
    let x = jp * 100.0;
    let r = x.round();
    if (x - r).abs() > 1e-6 || r < 1.0 {
        return Err(bad());
    }
    Ok(r as i64)
}

/// Hundredths → JP for output.
pub fn jp_f(x100: i64) -> f64 {
    x100 as f64 / 100.0
}

/// Minutes of learning → JP hundredths, rounded half-up (1 JP = `jp_minutes`).
pub fn minutes_to_jp_x100(minutes: i64, jp_minutes: i64) -> i64 {
    (minutes * 100 * 2 + jp_minutes) / (2 * jp_minutes)
}

// ---------------------------------------------------------------- settings

/// Shared staff-development settings (events, so every PC of the unit agrees).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StaffdevConfig {
    /// Minutes in one JP (default 45; the 45-minute JP is a convention, hence configurable).
    pub jp_minutes: i64,
    /// Yearly JP target of PPPK officers (default 0).
    pub pppk_target_jp: f64,
    /// Yearly JP target of PNS officers (fixed by regulation: 20).
    pub pns_target_jp: f64,
    /// The PPPK maximum per contract year (24), shown as the cap.
    pub pppk_cap_jp: f64,
}

pub fn config(conn: &Connection) -> Result<StaffdevConfig> {
    let row: Option<(Option<i64>, Option<i64>)> = conn
        .query_row(
            "SELECT jp_minutes, pppk_target_jp_x100 FROM p_staffdev_config WHERE id = 'default'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (m, t) = row.unwrap_or((None, None));
    Ok(StaffdevConfig {
        jp_minutes: m.unwrap_or(DEFAULT_JP_MINUTES),
        pppk_target_jp: jp_f(t.unwrap_or(0)),
        pns_target_jp: PNS_TARGET_JP as f64,
        pppk_cap_jp: PPPK_CAP_JP as f64,
    })
}

pub struct StaffdevConfigGet;
impl Command for StaffdevConfigGet {
    const NAME: &'static str = "staffdev.config";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = StaffdevConfig;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<StaffdevConfig> {
        config(ctx.conn)
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct StaffdevConfigureInput {
    /// Minutes in one JP (15-120).
    #[ts(optional)]
    pub jp_minutes: Option<i64>,
    /// Yearly JP target of PPPK officers (0-24).
    #[ts(optional)]
    pub pppk_target_jp: Option<f64>,
}

pub struct StaffdevConfigure;
impl Command for StaffdevConfigure {
    const NAME: &'static str = "staffdev.configure";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = StaffdevConfigureInput;
    type Output = StaffdevConfig;
    fn run(ctx: &mut Ctx<'_>, i: StaffdevConfigureInput) -> Result<StaffdevConfig> {
        let mut f = Vec::new();
        if let Some(m) = i.jp_minutes {
            if !(15..=120).contains(&m) {
                return Err(Error::invalid(
                    format!("minutes per JP must be 15-120, not {m}"),
                    format!("menit per JP harus 15-120, bukan {m}"),
                ));
            }
            f.push(("jp_minutes", json!(m)));
        }
        if let Some(t) = i.pppk_target_jp {
            let x = if t == 0.0 { 0 } else { jp_x100(t)? };
            if x > PPPK_CAP_JP * 100 {
                return Err(Error::invalid(
                    format!("the PPPK target ({t} JP) cannot exceed the cap of {PPPK_CAP_JP} JP"),
                    format!("target PPPK ({t} JP) tidak boleh melebihi batas {PPPK_CAP_JP} JP"),
                ));
            }
            f.push(("pppk_target_jp_x100", json!(x)));
        }
        if f.is_empty() {
            return Err(Error::invalid(
                "nothing to change: give the minutes per JP or the PPPK target",
                "tidak ada yang diubah: isi menit per JP atau target PPPK",
            ));
        }
        ctx.write("staffdev_config", "default", f)?;
        config(ctx.conn)
    }
}

// ---------------------------------------------------------------- training records

/// The kinds of competency development (Peraturan LAN 10/2018).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TrainingKind {
    /// Formal education (degree).
    Pendidikan,
    /// Classroom training: seminar, workshop, bimtek, course, sosialisasi…
    Klasikal,
    /// Non-classroom: e-learning, coaching, mentoring, on-the-job, benchmarking…
    Nonklasikal,
}

/// Forms of each kind, as listed by Peraturan LAN 10/2018 (other forms are accepted as typed).
pub const KLASIKAL_FORMS: &[&str] = &[
    "pelatihan",
    "seminar",
    "konferensi",
    "sarasehan",
    "workshop",
    "lokakarya",
    "kursus",
    "penataran",
    "bimtek",
    "sosialisasi",
];
pub const NONKLASIKAL_FORMS: &[&str] = &[
    "coaching",
    "mentoring",
    "e-learning",
    "pelatihan jarak jauh",
    "detasemen",
    "secondment",
    "pembelajaran alam terbuka",
    "patok banding",
    "benchmarking",
    "pertukaran pegawai",
    "belajar mandiri",
    "komunitas belajar",
    "community of practice",
    "bimbingan di tempat kerja",
    "on-the-job",
    "magang",
    "internship",
];

impl TrainingKind {
    pub fn parse(raw: &str) -> Result<TrainingKind> {
        let k = raw.trim().to_lowercase().replace([' ', '_'], "-");
        Ok(match k.as_str() {
            "pendidikan" | "education" | "degree" => TrainingKind::Pendidikan,
            "klasikal" | "pelatihan-klasikal" | "classical" | "classroom" => TrainingKind::Klasikal,
            "nonklasikal"
            | "non-klasikal"
            | "pelatihan-nonklasikal"
            | "pelatihan-non-klasikal"
            | "nonclassical"
            | "non-classical" => TrainingKind::Nonklasikal,
            _ => {
                return Err(Error::invalid(
                    format!("unknown kind {raw:?}; use pendidikan, klasikal or nonklasikal"),
                    format!(
                    "jenis {raw:?} tidak dikenal; gunakan pendidikan, klasikal atau nonklasikal"
                ),
                ))
            }
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            TrainingKind::Pendidikan => "pendidikan",
            TrainingKind::Klasikal => "klasikal",
            TrainingKind::Nonklasikal => "nonklasikal",
        }
    }
}

/// Normalises a form; a known form of the other kind is refused, an unknown one warned about.
pub fn check_form(kind: TrainingKind, raw: Option<&str>) -> Result<(Option<String>, Vec<Msg>)> {
    let Some(form) = opt_text("form", "bentuk", raw, 60)? else {
        return Ok((None, vec![]));
    };
    let f = form.to_lowercase();
    let f = match f.as_str() {
        "elearning" | "e learning" => "e-learning".to_string(),
        "on the job" | "on-the-job training" | "ojt" => "on-the-job".to_string(),
        "bimbingan teknis" => "bimtek".to_string(),
        _ => f,
    };
    let in_k = KLASIKAL_FORMS.contains(&f.as_str());
    let in_n = NONKLASIKAL_FORMS.contains(&f.as_str());
    let wrong = match kind {
        TrainingKind::Klasikal => in_n,
        TrainingKind::Nonklasikal => in_k,
        TrainingKind::Pendidikan => in_k || in_n,
    };
    if wrong {
        let right = if in_k { "klasikal" } else { "nonklasikal" };
        return Err(Error::invalid(
            format!(
                "form {f:?} is pelatihan {right}, not {}; use --kind {right}",
                kind.as_str()
            ),
            format!(
                "bentuk {f:?} termasuk pelatihan {right}, bukan {}; gunakan --kind {right}",
                kind.as_str()
            ),
        ));
    }
    let mut warnings = vec![];
    if kind != TrainingKind::Pendidikan && !in_k && !in_n {
        warnings.push(Msg::new(
            format!("form {f:?} is not in the list of Peraturan LAN 10/2018; kept as typed"),
            format!(
                "bentuk {f:?} tidak ada dalam daftar Peraturan LAN 10/2018; disimpan apa adanya"
            ),
        ));
    }
    Ok((Some(f), warnings))
}

/// One competency development record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Training {
    pub id: String,
    pub nip: String,
    pub name: String,
    pub kind: TrainingKind,
    pub form: Option<String>,
    pub title: String,
    pub provider: Option<String>,
    /// First day, when it lasted several days.
    pub start: Option<String>,
    /// The day it was completed (counts for that year's JP).
    pub date: String,
    pub jp: f64,
    /// Learning minutes, when the record was entered in minutes.
    pub minutes: Option<i64>,
    /// The program it came from.
    pub program: Option<String>,
    /// The certificate: file name, size, SHA-256 (the file itself is in the database).
    pub evidence: Option<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Evidence {
    pub id: String,
    pub file_name: String,
    pub size: i64,
    pub sha256: String,
}

const TRAINING_SELECT: &str = "SELECT t.id, t.nip, s.name, t.kind, t.form, t.title, t.provider, \
    t.start_date, t.date, t.jp_x100, t.minutes, t.program, e.id, e.file_name, e.size, e.sha256 \
    FROM p_training t LEFT JOIN p_staff s ON s.id = t.nip \
    LEFT JOIN p_training_evidence e ON e.id = t.evidence";

fn training_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Training> {
    let kind: Option<String> = r.get(3)?;
    let ev_id: Option<String> = r.get(12)?;
    Ok(Training {
        id: r.get(0)?,
        nip: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        kind: kind
            .and_then(|k| TrainingKind::parse(&k).ok())
            .unwrap_or(TrainingKind::Klasikal),
        form: r.get(4)?,
        title: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
        provider: r.get(6)?,
        start: r.get(7)?,
        date: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
        jp: jp_f(r.get::<_, Option<i64>>(9)?.unwrap_or(0)),
        minutes: r.get(10)?,
        program: r.get(11)?,
        evidence: match ev_id {
            Some(id) => Some(Evidence {
                id,
                file_name: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
                size: r.get::<_, Option<i64>>(14)?.unwrap_or(0),
                sha256: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
            }),
            None => None,
        },
    })
}

pub fn training(conn: &Connection, id: &str) -> Result<Training> {
    let id = id.trim().to_lowercase();
    conn.query_row(
        &format!("{TRAINING_SELECT} WHERE t.id = ?1 AND t.active = 1"),
        params![id],
        training_row,
    )
    .optional()?
    .ok_or_else(|| {
        Error::invalid(
            format!("training record {id} does not exist; see `loket training list`"),
            format!("catatan pengembangan kompetensi {id} tidak ada; lihat `loket training list`"),
        )
    })
}

/// Active records, optionally of one officer and/or one year (by completion date).
pub fn trainings(conn: &Connection, nip: Option<&str>, year: Option<i32>) -> Result<Vec<Training>> {
    let mut st = conn.prepare(&format!(
        "{TRAINING_SELECT} WHERE t.active = 1 AND (?1 IS NULL OR t.nip = ?1)
           AND (?2 IS NULL OR substr(t.date, 1, 4) = ?2) ORDER BY t.nip, t.date, t.id"
    ))?;
    let rows = st.query_map(params![nip, year.map(|y| format!("{y:04}"))], training_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a new record holds (already checked).
pub(crate) struct NewTraining<'a> {
    pub nip: &'a str,
    pub kind: TrainingKind,
    pub form: Option<String>,
    pub title: String,
    pub provider: Option<String>,
    pub start: Option<NaiveDate>,
    pub date: NaiveDate,
    pub jp_x100: i64,
    pub minutes: Option<i64>,
    pub program: Option<&'a str>,
}

pub(crate) fn write_training(ctx: &Ctx<'_>, t: NewTraining<'_>) -> Result<String> {
    let id = ctx.env.new_uuid().to_string();
    let site = system::this_site(ctx.conn)?;
    ctx.write(
        "training",
        &id,
        vec![
            ("nip", json!(t.nip)),
            ("kind", json!(t.kind.as_str())),
            ("form", json!(t.form)),
            ("title", json!(t.title)),
            ("provider", json!(t.provider)),
            ("start_date", json!(t.start.map(|d| d.to_string()))),
            ("date", json!(t.date.to_string())),
            ("jp_x100", json!(t.jp_x100)),
            ("minutes", json!(t.minutes)),
            ("program", json!(t.program)),
            ("active", json!(true)),
            ("by_user", json!(ctx.author())),
            ("recorded_at", json!(ctx.now_ms())),
            ("site", json!(site.id)),
        ],
    )?;
    Ok(id)
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TrainingAddInput {
    pub nip: String,
    pub title: String,
    /// `pendidikan`, `klasikal` or `nonklasikal`.
    pub kind: String,
    /// seminar, workshop, bimtek, kursus, e-learning, coaching, mentoring, on-the-job, …
    #[ts(optional)]
    pub form: Option<String>,
    /// JP (decimals allowed, e.g. 1.5). Give either `jp` or `minutes`.
    #[ts(optional)]
    pub jp: Option<f64>,
    /// Learning minutes, converted to JP with the configured minutes per JP.
    #[ts(optional)]
    pub minutes: Option<i64>,
    /// Completion day `YYYY-MM-DD` (the JP counts for its year).
    pub date: String,
    /// First day, for a record spanning several days.
    #[ts(optional)]
    pub start: Option<String>,
    #[ts(optional)]
    pub provider: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TrainingSaved {
    pub training: Training,
    pub warnings: Vec<String>,
}

/// `training.add`: one competency development record.
pub struct TrainingAdd;
impl Command for TrainingAdd {
    const NAME: &'static str = "training.add";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = TrainingAddInput;
    type Output = TrainingSaved;
    fn run(ctx: &mut Ctx<'_>, i: TrainingAddInput) -> Result<TrainingSaved> {
        let staff = officer(ctx.conn, &i.nip)?;
        require_self_or_supervisor(
            ctx,
            &staff.nip,
            &Msg::new("record training", "mencatat pengembangan kompetensi"),
        )?;
        let title = master::text("title", "judul", &i.title)?;
        let kind = TrainingKind::parse(&i.kind)?;
        let (form, mut warnings) = check_form(kind, i.form.as_deref())?;
        let provider = opt_text("provider", "penyelenggara", i.provider.as_deref(), 200)?;
        let date = parse_date(&i.date)?;
        let start = i.start.as_deref().map(parse_date).transpose()?;
        if let Some(s) = start {
            if s > date {
                return Err(Error::invalid(
                    format!("the start ({s}) is after the completion date ({date})"),
                    format!("tanggal mulai ({s}) sesudah tanggal selesai ({date})"),
                ));
            }
        }
        let cfg = config(ctx.conn)?;
        let (jp, minutes) = match (i.jp, i.minutes) {
            (Some(jp), None) => (jp_x100(jp)?, None),
            (None, Some(m)) => {
                if !(1..=MAX_JP * 120).contains(&m) {
                    return Err(Error::invalid(
                        format!("learning minutes must be 1-{}, not {m}", MAX_JP * 120),
                        format!("menit pembelajaran harus 1-{}, bukan {m}", MAX_JP * 120),
                    ));
                }
                (minutes_to_jp_x100(m, cfg.jp_minutes).max(1), Some(m))
            }
            (Some(_), Some(_)) => {
                return Err(Error::invalid(
                    "give either JP or minutes, not both",
                    "isi JP atau menit, jangan keduanya",
                ))
            }
            (None, None) => {
                return Err(Error::invalid(
                    "the JP (--jp) is required",
                    "JP (--jp) wajib diisi",
                ))
            }
        };
        if date > today(ctx)? {
            warnings.push(Msg::new(
                format!("the completion date {date} is in the future"),
                format!("tanggal selesai {date} ada di masa depan"),
            ));
        }
        if !staff.active {
            warnings.push(Msg::new(
                format!("officer {} is inactive", staff.nip),
                format!("pegawai {} tidak aktif", staff.nip),
            ));
        }
        let dup: bool = ctx.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM p_training WHERE active = 1 AND nip = ?1
               AND date = ?2 AND lower(title) = lower(?3))",
            params![staff.nip, date.to_string(), title],
            |r| r.get(0),
        )?;
        if dup {
            warnings.push(Msg::new(
                format!(
                    "{} already has a record {title:?} on {date}; recorded again",
                    staff.nip
                ),
                format!(
                    "{} sudah punya catatan {title:?} pada {date}; dicatat lagi",
                    staff.nip
                ),
            ));
        }
        let id = write_training(
            ctx,
            NewTraining {
                nip: &staff.nip,
                kind,
                form,
                title,
                provider,
                start,
                date,
                jp_x100: jp,
                minutes,
                program: None,
            },
        )?;
        Ok(TrainingSaved {
            training: training(ctx.conn, &id)?,
            warnings: warnings.iter().map(|w| ctx.msg(w)).collect(),
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct TrainingListInput {
    #[ts(optional)]
    pub nip: Option<String>,
    #[ts(optional)]
    pub year: Option<i32>,
}

pub struct TrainingList;
impl Command for TrainingList {
    const NAME: &'static str = "training.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = TrainingListInput;
    type Output = Vec<Training>;
    fn run(ctx: &mut Ctx<'_>, i: TrainingListInput) -> Result<Vec<Training>> {
        let nip = match &i.nip {
            Some(n) => Some(officer(ctx.conn, n)?.nip),
            None => None,
        };
        if let Some(y) = i.year {
            check_year(y)?;
        }
        trainings(ctx.conn, nip.as_deref(), i.year)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TrainingRemoveInput {
    pub id: String,
}

/// `training.remove`: withdraws a record entered by mistake (the event history keeps it).
pub struct TrainingRemove;
impl Command for TrainingRemove {
    const NAME: &'static str = "training.remove";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = TrainingRemoveInput;
    type Output = Training;
    fn run(ctx: &mut Ctx<'_>, i: TrainingRemoveInput) -> Result<Training> {
        let t = training(ctx.conn, &i.id)?;
        require_self_or_supervisor(
            ctx,
            &t.nip,
            &Msg::new(
                "remove a training record",
                "menghapus catatan pengembangan kompetensi",
            ),
        )?;
        ctx.write("training", &t.id, vec![("active", json!(false))])?;
        Ok(t)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TrainingEvidenceInput {
    /// The training record.
    pub id: String,
    /// Path of the certificate file (PDF, image…), at most 10 MB.
    pub path: String,
}

/// `training.evidence`: keeps the certificate file in the database (so it travels with the
/// records) and records its SHA-256; a new file replaces the previous one.
pub struct TrainingEvidence;
impl Command for TrainingEvidence {
    const NAME: &'static str = "training.evidence";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = TrainingEvidenceInput;
    type Output = Training;
    fn run(ctx: &mut Ctx<'_>, i: TrainingEvidenceInput) -> Result<Training> {
        let t = training(ctx.conn, &i.id)?;
        require_self_or_supervisor(
            ctx,
            &t.nip,
            &Msg::new("attach a certificate", "melampirkan sertifikat"),
        )?;
        let path = std::path::Path::new(i.path.trim());
        let meta = std::fs::metadata(path).map_err(|e| {
            Error::invalid(
                format!("cannot read the certificate file {}: {e}", path.display()),
                format!(
                    "berkas sertifikat {} tidak dapat dibaca: {e}",
                    path.display()
                ),
            )
        })?;
        if !meta.is_file() {
            return Err(Error::invalid(
                format!("{} is not a file", path.display()),
                format!("{} bukan berkas", path.display()),
            ));
        }
        if meta.len() > MAX_EVIDENCE_BYTES {
            return Err(Error::invalid(
                format!(
                    "the certificate file is {:.1} MB; at most 10 MB is kept (scan at a lower resolution)",
                    meta.len() as f64 / 1_048_576.0
                ),
                format!(
                    "berkas sertifikat {:.1} MB; paling besar 10 MB (pindai dengan resolusi lebih rendah)",
                    meta.len() as f64 / 1_048_576.0
                ),
            ));
        }
        let bytes = std::fs::read(path)?;
        if bytes.is_empty() {
            return Err(Error::invalid(
                "the certificate file is empty",
                "berkas sertifikat kosong",
            ));
        }
        let sha = hex::encode(crate::log::sha256(&bytes));
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "sertifikat".into());
        let eid = ctx.env.new_uuid().to_string();
        ctx.write(
            "training_evidence",
            &eid,
            vec![
                ("training", json!(t.id)),
                ("file_name", json!(file_name)),
                ("size", json!(bytes.len() as i64)),
                ("sha256", json!(sha)),
                ("data", json!(b64::encode(&bytes))),
                ("by_user", json!(ctx.author())),
                ("recorded_at", json!(ctx.now_ms())),
            ],
        )?;
        ctx.write("training", &t.id, vec![("evidence", json!(eid))])?;
        training(ctx.conn, &t.id)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TrainingEvidenceSaveInput {
    pub id: String,
    /// Where to write the certificate file.
    pub out: String,
}

/// `training.evidence_save`: writes a record's certificate to a file, checked against its hash.
pub struct TrainingEvidenceSave;
impl Command for TrainingEvidenceSave {
    const NAME: &'static str = "training.evidence_save";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = TrainingEvidenceSaveInput;
    type Output = Evidence;
    fn run(ctx: &mut Ctx<'_>, i: TrainingEvidenceSaveInput) -> Result<Evidence> {
        let t = training(ctx.conn, &i.id)?;
        let Some(ev) = t.evidence else {
            return Err(Error::invalid(
                format!("training record {} has no certificate", t.id),
                format!("catatan {} tidak punya sertifikat", t.id),
            ));
        };
        let data: Option<String> = ctx.conn.query_row(
            "SELECT data FROM p_training_evidence WHERE id = ?1",
            params![ev.id],
            |r| r.get(0),
        )?;
        let bytes = data.as_deref().and_then(b64::decode).unwrap_or_default();
        if hex::encode(crate::log::sha256(&bytes)) != ev.sha256 {
            return Err(Error::Corrupt(format!(
                "the certificate of training {} does not match its SHA-256",
                t.id
            )));
        }
        std::fs::write(i.out.trim(), &bytes)?;
        Ok(ev)
    }
}

// ---------------------------------------------------------------- JP tracker

pub(crate) fn check_year(y: i32) -> Result<()> {
    if !(1950..=2200).contains(&y) {
        return Err(Error::invalid(
            format!("year {y} is out of range (1950-2200)"),
            format!("tahun {y} di luar rentang (1950-2200)"),
        ));
    }
    Ok(())
}

/// Target, cap and shortfall of one officer's yearly JP (all in hundredths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpStanding {
    pub target: i64,
    pub cap: Option<i64>,
    pub shortfall: i64,
    pub over_cap: i64,
}

/// PNS: target 20 JP, no cap. PPPK: the configured target, the 24 JP cap.
pub fn jp_standing(kind: Employment, jp_x100: i64, pppk_target_x100: i64) -> JpStanding {
    let (target, cap) = match kind {
        Employment::Pns => (PNS_TARGET_JP * 100, None),
        Employment::Pppk => (pppk_target_x100, Some(PPPK_CAP_JP * 100)),
    };
    JpStanding {
        target,
        cap,
        shortfall: (target - jp_x100).max(0),
        over_cap: cap.map(|c| (jp_x100 - c).max(0)).unwrap_or(0),
    }
}

/// One officer's JP in a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct JpRow {
    pub nip: String,
    pub name: String,
    /// `PNS` or `PPPK` (from the NIP).
    #[serde(rename = "type")]
    pub kind: Employment,
    pub agency: String,
    pub active: bool,
    pub year: i32,
    /// JP completed in the year.
    pub jp: f64,
    pub target: f64,
    /// How many JP are missing to reach the target (0 when reached).
    pub shortfall: f64,
    /// PPPK: the yearly maximum (24); null for PNS.
    pub cap: Option<f64>,
    /// PPPK: JP above the cap (0 when within it).
    pub over_cap: f64,
    /// Behind the target.
    pub behind: bool,
    pub records: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffJpInput {
    pub year: i32,
    #[ts(optional)]
    pub agency: Option<String>,
    /// Only officers behind their target.
    #[ts(optional)]
    pub behind: Option<bool>,
}

/// `staff.jp`: per officer (active ones, plus inactive ones with records that year), the JP
/// of the year against the target, by NIP.
pub struct StaffJp;
impl Command for StaffJp {
    const NAME: &'static str = "staff.jp";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = StaffJpInput;
    type Output = Vec<JpRow>;
    fn run(ctx: &mut Ctx<'_>, i: StaffJpInput) -> Result<Vec<JpRow>> {
        check_year(i.year)?;
        let agency = match &i.agency {
            Some(a) => {
                let a = master::code_key(crate::error::Kind::Agency, a)?;
                if !master::agencies(ctx.conn)?.iter().any(|x| x.code == a) {
                    return Err(Error::NotFound {
                        kind: crate::error::Kind::Agency,
                        key: a,
                    });
                }
                Some(a)
            }
            None => None,
        };
        let cfg = config(ctx.conn)?;
        let pppk_target = (cfg.pppk_target_jp * 100.0).round() as i64;
        let mut sums: std::collections::HashMap<String, (i64, i64)> = Default::default();
        for t in trainings(ctx.conn, None, Some(i.year))? {
            let e = sums.entry(t.nip.clone()).or_default();
            e.0 += (t.jp * 100.0).round() as i64;
            e.1 += 1;
        }
        let mut out = Vec::new();
        for s in master::staff_list(ctx.conn)? {
            let (jp, records) = sums.get(&s.nip).copied().unwrap_or((0, 0));
            if !s.active && records == 0 {
                continue;
            }
            if agency.as_ref().is_some_and(|a| &s.agency != a) {
                continue;
            }
            let st = jp_standing(s.employment, jp, pppk_target);
            if i.behind == Some(true) && st.shortfall == 0 {
                continue;
            }
            out.push(JpRow {
                nip: s.nip,
                name: s.name,
                kind: s.employment,
                agency: s.agency,
                active: s.active,
                year: i.year,
                jp: jp_f(jp),
                target: jp_f(st.target),
                shortfall: jp_f(st.shortfall),
                cap: st.cap.map(jp_f),
                over_cap: jp_f(st.over_cap),
                behind: st.shortfall > 0,
                records,
            });
        }
        Ok(out)
    }
}

/// The year of a date (for callers that hold a `NaiveDate`).
pub fn year_of(d: NaiveDate) -> i32 {
    d.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jp_parsing_table() {
        let cases: &[(f64, Option<i64>)] = &[
            (1.0, Some(100)),
            (1.5, Some(150)),
            (0.25, Some(25)),
            (20.0, Some(2000)),
            (0.01, Some(1)),
            (2000.0, Some(200_000)),
            (0.0, None),
            (-1.0, None),
            (1.234, None),
            (2000.01, None),
            (f64::NAN, None),
            (f64::INFINITY, None),
        ];
        for &(jp, want) in cases {
            assert_eq!(jp_x100(jp).ok(), want, "{jp}");
        }
    }

    #[test]
    fn minutes_to_jp_table() {
        // (minutes, minutes per JP, JP × 100)
        let cases = [
            (45, 45, 100),
            (90, 45, 200),
            (60, 45, 133), // 1.333… → 1.33
            (30, 45, 67),  // 0.666… → 0.67
            (900, 45, 2000),
            (60, 60, 100),
            (50, 60, 83), // 0.8333 → 0.83
        ];
        for (m, per, want) in cases {
            assert_eq!(minutes_to_jp_x100(m, per), want, "{m} min at {per}");
        }
    }

    #[test]
    fn targets_shortfall_and_cap_table() {
        use Employment::*;
        // (type, JP×100, PPPK target×100) → (target, cap, shortfall, over_cap)
        let cases = [
            (Pns, 0, 0, (2000, None, 2000, 0)),
            (Pns, 1250, 0, (2000, None, 750, 0)),
            (Pns, 2000, 0, (2000, None, 0, 0)),
            (Pns, 3000, 1000, (2000, None, 0, 0)),
            (Pppk, 0, 0, (0, Some(2400), 0, 0)),
            (Pppk, 500, 1200, (1200, Some(2400), 700, 0)),
            (Pppk, 2400, 1200, (1200, Some(2400), 0, 0)),
            (Pppk, 2650, 0, (0, Some(2400), 0, 250)),
        ];
        for (k, jp, t, (target, cap, short, over)) in cases {
            let s = jp_standing(k, jp, t);
            assert_eq!(
                (s.target, s.cap, s.shortfall, s.over_cap),
                (target, cap, short, over),
                "{k:?} {jp} {t}"
            );
        }
    }

    #[test]
    fn kinds_and_forms() {
        assert_eq!(
            TrainingKind::parse(" Klasikal ").unwrap(),
            TrainingKind::Klasikal
        );
        assert_eq!(
            TrainingKind::parse("non-klasikal").unwrap(),
            TrainingKind::Nonklasikal
        );
        assert!(TrainingKind::parse("webinar").is_err());
        let (f, w) = check_form(TrainingKind::Nonklasikal, Some("E-Learning")).unwrap();
        assert_eq!(f.as_deref(), Some("e-learning"));
        assert!(w.is_empty());
        assert!(check_form(TrainingKind::Klasikal, Some("coaching")).is_err());
        assert!(check_form(TrainingKind::Nonklasikal, Some("bimtek")).is_err());
        let (_, w) = check_form(TrainingKind::Klasikal, Some("diklat khusus")).unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(
            check_form(TrainingKind::Klasikal, Some("  ")).unwrap().0,
            None
        );
    }
}
