//! Citizen satisfaction survey (SKM) and its index (IKM), per PermenPANRB 14/2017.
//!
//! - Every response is one `survey_response` entity with its own id, written once: date
//!   (site-local) and time, site, service, optional officer (NIP), counter and ticket
//!   (number + issuing device), answers by unsur ID (`u1`..`u9`, 1–4 or blank), respondent
//!   profile (free text: gender, age group, education, occupation), suggestion, and source
//!   (`kiosk`, `manual` or `csv`).
//! - A CSV import is a `survey_batch` entity (file name, SHA-256, row count); its responses name
//!   the batch. A file whose SHA-256 was imported before is refused unless explicitly allowed.
//! - A supervisor can void a wrongly entered response or a whole import batch (`void`,
//!   `void_reason`): nothing is deleted, voided responses just count nowhere.
//! - The IKM is computed at query time from the responses ([`ikm`]): nothing is counted during
//!   the fold, so the figures are a function of the set of events.

pub mod ikm;
pub mod import;
pub mod kiosk;
pub mod report;

use std::collections::BTreeMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::api::{Command, Ctx, Perm};
use crate::error::{Error, Kind, Msg, Result};
use crate::master::code_key;
use crate::system::{self, Site};
use crate::time::parse_date;

pub use ikm::{Grade, Tally, UNSUR};

/// The projected fields of a response, in table order.
pub const RESPONSE_FIELDS: &[&str] = &[
    "date",
    "at",
    "site",
    "service",
    "staff",
    "counter",
    "ticket",
    "ticket_device",
    "u1",
    "u2",
    "u3",
    "u4",
    "u5",
    "u6",
    "u7",
    "u8",
    "u9",
    "gender",
    "age",
    "education",
    "occupation",
    "suggestion",
    "source",
    "batch",
    "void",
    "void_reason",
];

/// The projected fields of an import batch.
pub const BATCH_FIELDS: &[&str] = &[
    "file",
    "sha256",
    "rows",
    "at",
    "site",
    "void",
    "void_reason",
];

/// Where a response came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The survey kiosk screen.
    Kiosk,
    /// Typed in at the desk from a paper form.
    Manual,
    /// A CSV import (paper or online forms).
    Csv,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Kiosk => "kiosk",
            Source::Manual => "manual",
            Source::Csv => "csv",
        }
    }
}

/// The respondent profile. Free text: the lists offered on the kiosk are configurable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Profile {
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
}

/// One stored response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SurveyResponse {
    pub id: String,
    /// Site-local date `YYYY-MM-DD`.
    pub date: String,
    /// Site-local time (ISO 8601 with offset); absent for imported rows (date only).
    pub at: Option<String>,
    pub site: Option<String>,
    pub service: String,
    /// Officer NIP.
    pub staff: Option<String>,
    pub counter: Option<String>,
    /// Ticket number as printed (e.g. `A-007`).
    pub ticket: Option<String>,
    /// The device that issued the ticket (numbers are per device and day).
    pub ticket_device: Option<String>,
    /// Answers by unsur ID `U1`..`U9`: 1–4, or null for a blank.
    pub answers: BTreeMap<String, Option<u8>>,
    pub profile: Profile,
    pub suggestion: Option<String>,
    pub source: Source,
    /// The import batch, for CSV rows.
    pub batch: Option<String>,
}

// ---------------------------------------------------------------- validation

/// Normalises the answers of one response: keys are unsur IDs (`U1`..`U9`, any case), values
/// 1–4 or null. At least one unsur must be answered.
pub fn answers(raw: &BTreeMap<String, Option<i64>>) -> Result<[Option<u8>; 9]> {
    let mut out = [None; 9];
    let mut seen = [false; 9];
    for (k, v) in raw {
        let key = k.trim().to_ascii_uppercase();
        let Some(i) = UNSUR.iter().position(|(id, _)| *id == key) else {
            return Err(Error::invalid(
                format!("unknown unsur {k:?}; use U1 to U9"),
                format!("unsur {k:?} tidak dikenal; gunakan U1 sampai U9"),
            ));
        };
        if std::mem::replace(&mut seen[i], true) {
            return Err(Error::invalid(
                format!("unsur {key} is answered twice"),
                format!("unsur {key} dijawab dua kali"),
            ));
        }
        out[i] = match v {
            None => None,
            Some(s) if (1..=4).contains(s) => Some(*s as u8),
            Some(s) => {
                return Err(Error::invalid(
                    format!("answer to {key} must be 1-4 or blank, not {s}"),
                    format!("jawaban {key} harus 1-4 atau kosong, bukan {s}"),
                ))
            }
        };
    }
    if out.iter().all(Option::is_none) {
        return Err(Error::invalid(
            "a response must answer at least one unsur (U1-U9)",
            "tanggapan harus menjawab paling sedikit satu unsur (U1-U9)",
        ));
    }
    Ok(out)
}

pub(crate) use crate::master::bounded_text as opt_text;

pub(crate) const PROFILE_MAX: usize = 100;
pub(crate) const SUGGESTION_MAX: usize = 2000;
pub(crate) const TICKET_MAX: usize = 40;

fn exists(conn: &Connection, table: &str, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"
        ))?
        .query_row(params![id], |r| r.get(0))?)
}

pub(crate) fn require(conn: &Connection, kind: Kind, table: &str, id: &str) -> Result<()> {
    if !exists(conn, table, id)? {
        return Err(Error::NotFound {
            kind,
            key: id.to_string(),
        });
    }
    Ok(())
}

pub(crate) fn nip_key(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A validated response, ready to be written.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewResponse {
    pub date: String,
    pub at: Option<i64>,
    pub service: String,
    pub staff: Option<String>,
    pub counter: Option<String>,
    pub ticket: Option<String>,
    pub ticket_device: Option<String>,
    pub answers: [Option<u8>; 9],
    pub profile: Profile,
    pub suggestion: Option<String>,
}

pub(crate) fn write_response(
    ctx: &Ctx<'_>,
    site: &Site,
    r: &NewResponse,
    source: Source,
    batch: Option<&str>,
) -> Result<String> {
    let id = ctx.env.new_uuid().to_string();
    let mut f: Vec<(&str, serde_json::Value)> = vec![
        ("date", json!(r.date)),
        ("site", json!(site.id)),
        ("service", json!(r.service)),
        ("source", json!(source.as_str())),
    ];
    let opt = |f: &mut Vec<(&str, serde_json::Value)>, k: &'static str, v: &Option<String>| {
        if let Some(v) = v {
            f.push((k, json!(v)));
        }
    };
    if let Some(at) = r.at {
        f.push(("at", json!(at)));
    }
    opt(&mut f, "staff", &r.staff);
    opt(&mut f, "counter", &r.counter);
    opt(&mut f, "ticket", &r.ticket);
    opt(&mut f, "ticket_device", &r.ticket_device);
    const U: [&str; 9] = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];
    for (i, a) in r.answers.iter().enumerate() {
        if let Some(a) = a {
            f.push((U[i], json!(a)));
        }
    }
    opt(&mut f, "gender", &r.profile.gender);
    opt(&mut f, "age", &r.profile.age);
    opt(&mut f, "education", &r.profile.education);
    opt(&mut f, "occupation", &r.profile.occupation);
    opt(&mut f, "suggestion", &r.suggestion);
    if let Some(b) = batch {
        f.push(("batch", json!(b)));
    }
    ctx.write("survey_response", &id, f)?;
    Ok(id)
}

// ---------------------------------------------------------------- reading

const SELECT: &str = "SELECT r.id, r.date, r.at, r.site, r.service, r.staff, r.counter, r.ticket, \
     r.ticket_device, r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9, r.gender, r.age, \
     r.education, r.occupation, r.suggestion, r.source, r.batch \
     FROM p_survey_response r LEFT JOIN p_service s ON s.id = r.service";

fn row_to_response(
    r: &rusqlite::Row<'_>,
    tz: crate::time::SiteZone,
) -> rusqlite::Result<SurveyResponse> {
    let mut answers = BTreeMap::new();
    for (i, (id, _)) in UNSUR.iter().enumerate() {
        let v: Option<i64> = r.get(9 + i)?;
        answers.insert(id.to_string(), v.map(|v| v as u8));
    }
    let source: Option<String> = r.get(23)?;
    Ok(SurveyResponse {
        id: r.get(0)?,
        date: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        at: r.get::<_, Option<i64>>(2)?.map(|ms| tz.format_iso(ms)),
        site: r.get(3)?,
        service: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        staff: r.get(5)?,
        counter: r.get(6)?,
        ticket: r.get(7)?,
        ticket_device: r.get(8)?,
        answers,
        profile: Profile {
            gender: r.get(18)?,
            age: r.get(19)?,
            education: r.get(20)?,
            occupation: r.get(21)?,
        },
        suggestion: r.get(22)?,
        source: match source.as_deref() {
            Some("csv") => Source::Csv,
            Some("manual") => Source::Manual,
            _ => Source::Kiosk,
        },
        batch: r.get(24)?,
    })
}

/// Which responses a figure or list covers. Dates are site-local and inclusive.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, TS)]
pub struct SurveyFilter {
    /// `YYYY-MM-DD`, inclusive.
    #[ts(optional)]
    #[serde(default)]
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    #[ts(optional)]
    #[serde(default)]
    pub to: Option<String>,
    /// Service code.
    #[ts(optional)]
    #[serde(default)]
    pub service: Option<String>,
    /// Agency code (responses of its services).
    #[ts(optional)]
    #[serde(default)]
    pub agency: Option<String>,
    /// Officer NIP.
    #[ts(optional)]
    #[serde(default)]
    pub staff: Option<String>,
    /// Site name (default: every site).
    #[ts(optional)]
    #[serde(default)]
    pub site: Option<String>,
}

/// A filter checked against master data, as SQL.
struct Where {
    sql: String,
    args: Vec<SqlValue>,
}

impl SurveyFilter {
    fn to_where(&self, conn: &Connection) -> Result<Where> {
        // voided responses (withdrawn by a supervisor) count nowhere
        let mut sql = vec!["r.date IS NOT NULL AND COALESCE(r.void, 0) = 0".to_string()];
        let mut args: Vec<SqlValue> = Vec::new();
        let from = self.from.as_deref().map(parse_date).transpose()?;
        let to = self.to.as_deref().map(parse_date).transpose()?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(Error::invalid(
                    format!("--from {f} is after --to {t}"),
                    format!("--from {f} sesudah --to {t}"),
                ));
            }
        }
        if let Some(f) = from {
            args.push(SqlValue::Text(f.to_string()));
            sql.push(format!("r.date >= ?{}", args.len()));
        }
        if let Some(t) = to {
            args.push(SqlValue::Text(t.to_string()));
            sql.push(format!("r.date <= ?{}", args.len()));
        }
        if let Some(s) = &self.service {
            let s = code_key(Kind::Service, s)?;
            require(conn, Kind::Service, "p_service", &s)?;
            args.push(SqlValue::Text(s));
            sql.push(format!("r.service = ?{}", args.len()));
        }
        if let Some(a) = &self.agency {
            let a = code_key(Kind::Agency, a)?;
            require(conn, Kind::Agency, "p_agency", &a)?;
            args.push(SqlValue::Text(a));
            sql.push(format!("s.agency = ?{}", args.len()));
        }
        if let Some(n) = &self.staff {
            let n = nip_key(n);
            require(conn, Kind::Staff, "p_staff", &n)?;
            args.push(SqlValue::Text(n));
            sql.push(format!("r.staff = ?{}", args.len()));
        }
        if let Some(site) = &self.site {
            let site = system::site_by_name(conn, site)?;
            args.push(SqlValue::Text(site.id));
            sql.push(format!("r.site = ?{}", args.len()));
        }
        Ok(Where {
            sql: sql.join(" AND "),
            args,
        })
    }

    /// A one-line description of the selection, for messages and reports.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match (&self.from, &self.to) {
            (Some(f), Some(t)) => parts.push(format!("{f} to {t}")),
            (Some(f), None) => parts.push(format!("from {f}")),
            (None, Some(t)) => parts.push(format!("until {t}")),
            (None, None) => parts.push("all dates".into()),
        }
        if let Some(s) = &self.service {
            parts.push(format!("service {}", s.trim().to_uppercase()));
        }
        if let Some(a) = &self.agency {
            parts.push(format!("agency {}", a.trim().to_uppercase()));
        }
        if let Some(n) = &self.staff {
            parts.push(format!("officer {}", nip_key(n)));
        }
        if let Some(s) = &self.site {
            parts.push(format!("site {s}"));
        }
        parts.join(", ")
    }
}

/// The responses a filter selects, oldest first.
pub fn responses(conn: &Connection, filter: &SurveyFilter) -> Result<Vec<SurveyResponse>> {
    let w = filter.to_where(conn)?;
    let tz = system::this_site(conn)?.tz;
    let mut st = conn.prepare(&format!(
        "{SELECT} WHERE {} ORDER BY r.date, r.at, r.id",
        w.sql
    ))?;
    let rows = st.query_map(params_from_iter(w.args.iter()), |r| row_to_response(r, tz))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Respondent count and per-unsur tallies of a selection.
pub fn tallies(conn: &Connection, filter: &SurveyFilter) -> Result<(u64, [Tally; 9])> {
    let w = filter.to_where(conn)?;
    let mut cols = vec!["COUNT(*)".to_string()];
    for i in 1..=9 {
        cols.push(format!("COALESCE(SUM(r.u{i}), 0), COUNT(r.u{i})"));
    }
    let sql = format!(
        "SELECT {} FROM p_survey_response r LEFT JOIN p_service s ON s.id = r.service WHERE {}",
        cols.join(", "),
        w.sql
    );
    conn.query_row(&sql, params_from_iter(w.args.iter()), |r| {
        let n: i64 = r.get(0)?;
        let mut t = [Tally::default(); 9];
        for (i, x) in t.iter_mut().enumerate() {
            x.sum = r.get::<_, i64>(1 + 2 * i)? as u64;
            x.answered = r.get::<_, i64>(2 + 2 * i)? as u64;
        }
        Ok((n as u64, t))
    })
    .map_err(Into::into)
}

/// Tickets served (status `done`) in the selection, from the queue's tickets (`day` is the
/// site-local day of issue). `None` when there are none: the unit does not run its queue in
/// Loket (or not in that period), so the population is unknown rather than zero.
pub fn population_served(conn: &Connection, filter: &SurveyFilter) -> Result<Option<u64>> {
    let mut sql = vec!["t.status = 'done'".to_string()];
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(f) = &filter.from {
        args.push(SqlValue::Text(parse_date(f)?.to_string()));
        sql.push(format!("t.day >= ?{}", args.len()));
    }
    if let Some(t) = &filter.to {
        args.push(SqlValue::Text(parse_date(t)?.to_string()));
        sql.push(format!("t.day <= ?{}", args.len()));
    }
    if let Some(s) = &filter.service {
        args.push(SqlValue::Text(code_key(Kind::Service, s)?));
        sql.push(format!("t.service = ?{}", args.len()));
    }
    if let Some(a) = &filter.agency {
        args.push(SqlValue::Text(code_key(Kind::Agency, a)?));
        sql.push(format!("s.agency = ?{}", args.len()));
    }
    if let Some(n) = &filter.staff {
        args.push(SqlValue::Text(nip_key(n)));
        sql.push(format!("t.officer = ?{}", args.len()));
    }
    let n: i64 = conn.query_row(
        &format!(
            "SELECT COUNT(*) FROM p_ticket t LEFT JOIN p_service s ON s.id = t.service WHERE {}",
            sql.join(" AND ")
        ),
        params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    Ok((n > 0).then_some(n as u64))
}

// ---------------------------------------------------------------- the IKM

/// One unsur's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UnsurFigure {
    /// `U1`..`U9`
    pub id: String,
    pub name: String,
    /// Respondents who answered it.
    pub answered: u32,
    pub sum: u32,
    /// Rounded half-up to 4 decimals.
    pub nrr: f64,
}

/// The IKM of a selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IkmReport {
    pub filter: SurveyFilter,
    pub respondents: u32,
    /// NRR per unsur ID, rounded half-up to 4 decimals.
    pub nrr: BTreeMap<String, f64>,
    pub unsur: Vec<UnsurFigure>,
    /// Σ NRR × 1/9 (exact), rounded half-up to 4 decimals.
    pub ikm: f64,
    /// IKM × 25 from the exact IKM, rounded half-up to 2 decimals.
    pub score: f64,
    pub grade: Grade,
    /// Sangat Baik | Baik | Kurang Baik | Tidak Baik
    pub category: String,
    /// The unsur with the lowest NRR (improvement priority); several when tied.
    pub lowest: Vec<String>,
    /// Population served in the period (tickets done, or as given), when known.
    pub population: Option<u32>,
    /// Krejcie–Morgan sample size for that population.
    pub sample_size: Option<u32>,
    pub warnings: Vec<String>,
}

/// Computes the IKM of a selection; `population` overrides the tickets served.
pub fn compute_ikm(
    conn: &Connection,
    filter: &SurveyFilter,
    population: Option<u64>,
    locale: crate::Locale,
) -> Result<IkmReport> {
    let (n, t) = tallies(conn, filter)?;
    if n == 0 {
        return Err(Error::invalid(
            format!(
                "no survey responses in the selection ({})",
                filter.describe()
            ),
            format!(
                "tidak ada tanggapan survei pada pilihan ini ({})",
                report::period_id(filter)
            ),
        ));
    }
    let r = ikm::compute(&t).map_err(|e| match e {
        ikm::IkmError::Unanswered(ids) => {
            let names: Vec<String> = ids
                .iter()
                .map(|id| {
                    let name = UNSUR.iter().find(|(u, _)| u == id).map(|(_, n)| *n).unwrap_or("");
                    format!("{id} ({name})")
                })
                .collect();
            Error::invalid(
                format!(
                    "no respondent answered {} in the selection ({}); the IKM weighs all nine unsur equally, so it cannot be computed",
                    names.join(", "),
                    filter.describe()
                ),
                format!(
                    "tidak ada responden yang menjawab {} pada pilihan ini ({}); IKM memberi bobot sama pada kesembilan unsur, jadi tidak dapat dihitung",
                    names.join(", "),
                    report::period_id(filter)
                ),
            )
        }
        ikm::IkmError::OutOfRange(id) => Error::Corrupt(format!("scores of {id} outside 1-4")),
    })?;
    let mut nrr = BTreeMap::new();
    let mut unsur = Vec::new();
    for (i, (id, name)) in UNSUR.iter().enumerate() {
        nrr.insert(id.to_string(), r.nrr(i));
        unsur.push(UnsurFigure {
            id: id.to_string(),
            name: name.to_string(),
            answered: t[i].answered as u32,
            sum: t[i].sum as u32,
            nrr: r.nrr(i),
        });
    }
    // Lowest by exact NRR (cross-multiplied), not by the rounded one.
    let lowest_val = (0..9)
        .min_by(|&a, &b| {
            (t[a].sum as u128 * t[b].answered as u128)
                .cmp(&(t[b].sum as u128 * t[a].answered as u128))
        })
        .expect("nine unsur");
    let lowest = (0..9)
        .filter(|&i| {
            t[i].sum as u128 * t[lowest_val].answered as u128
                == t[lowest_val].sum as u128 * t[i].answered as u128
        })
        .map(|i| UNSUR[i].0.to_string())
        .collect();
    let population = match population {
        Some(p) => Some(p),
        None => population_served(conn, filter)?,
    };
    let sample_size = population.map(ikm::sample_size);
    let mut warnings = Vec::new();
    if let (Some(p), Some(s)) = (population, sample_size) {
        if n < s {
            let m = Msg::new(
                format!("only {n} respondents; the Krejcie–Morgan sample for a population of {p} is {s}"),
                format!("hanya {n} responden; sampel Krejcie–Morgan untuk populasi {p} adalah {s}"),
            );
            warnings.push(m.get(locale).to_string());
        }
    }
    Ok(IkmReport {
        filter: filter.clone(),
        respondents: n as u32,
        nrr,
        unsur,
        ikm: r.ikm(),
        score: r.score(),
        grade: r.grade,
        category: r.grade.category().to_string(),
        lowest,
        population: population.map(|p| p as u32),
        sample_size: sample_size.map(|s| s as u32),
        warnings,
    })
}

// ---------------------------------------------------------------- commands

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SurveySubmitInput {
    /// Service code.
    pub service: String,
    /// Answers by unsur ID (`U1`..`U9`): 1–4, or null/absent for a blank.
    pub answers: BTreeMap<String, Option<i64>>,
    #[ts(optional)]
    #[serde(default)]
    pub profile: Option<Profile>,
    #[ts(optional)]
    pub suggestion: Option<String>,
    /// Officer NIP, when started from the desk.
    #[ts(optional)]
    pub staff: Option<String>,
    /// Counter code, when started from the desk.
    #[ts(optional)]
    pub counter: Option<String>,
    /// Ticket number (e.g. `A-007`), when started from the desk.
    #[ts(optional)]
    pub ticket: Option<String>,
    /// The device that issued the ticket (default: this device).
    #[ts(optional)]
    pub ticket_device: Option<String>,
    /// `kiosk` (default) or `manual` (a paper form typed in at the desk).
    #[ts(optional)]
    pub source: Option<Source>,
    /// The date on a paper form (`manual` only; default today).
    #[ts(optional)]
    pub date: Option<String>,
}

/// `survey.submit`: one response from the kiosk screen (or a paper form typed in).
pub struct SurveySubmit;
impl Command for SurveySubmit {
    const NAME: &'static str = "survey.submit";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = SurveySubmitInput;
    type Output = SurveyResponse;
    fn run(ctx: &mut Ctx<'_>, i: SurveySubmitInput) -> Result<SurveyResponse> {
        let site = system::this_site(ctx.conn)?;
        let now = ctx.now_ms();
        let today = site.tz.local_date(now);
        let source = i.source.unwrap_or(Source::Kiosk);
        let (date, at) = match (&i.date, source) {
            (None, _) => (today, Some(now)),
            (Some(d), Source::Manual) => {
                let d = parse_date(d)?;
                if d > today {
                    return Err(Error::invalid(
                        format!("the survey date {d} is in the future (today is {today})"),
                        format!("tanggal survei {d} belum terjadi (hari ini {today})"),
                    ));
                }
                (d, if d == today { Some(now) } else { None })
            }
            (Some(_), _) => {
                return Err(Error::invalid(
                    "a date can only be given for a manual (paper) response",
                    "tanggal hanya dapat diisi untuk tanggapan manual (formulir kertas)",
                ))
            }
        };
        if source == Source::Csv {
            return Err(Error::invalid(
                "CSV responses come in through survey import",
                "tanggapan CSV masuk melalui impor survei",
            ));
        }
        let service = code_key(Kind::Service, &i.service)?;
        require(ctx.conn, Kind::Service, "p_service", &service)?;
        let staff = match i.staff.as_deref().map(nip_key).filter(|s| !s.is_empty()) {
            Some(n) => {
                require(ctx.conn, Kind::Staff, "p_staff", &n)?;
                Some(n)
            }
            None => None,
        };
        let counter = match i
            .counter
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(c) => {
                let c = code_key(Kind::Counter, c)?;
                require(ctx.conn, Kind::Counter, "p_counter", &c)?;
                Some(c)
            }
            None => None,
        };
        let ticket = opt_text("ticket", "tiket", i.ticket.as_deref(), TICKET_MAX)?;
        let ticket_device = match &ticket {
            Some(_) => Some(
                opt_text(
                    "ticket device",
                    "perangkat tiket",
                    i.ticket_device.as_deref(),
                    100,
                )?
                .unwrap_or(crate::log::require_local_device(ctx.conn)?.device_id),
            ),
            None => None,
        };
        let p = i.profile.unwrap_or_default();
        let profile = Profile {
            gender: opt_text("gender", "jenis kelamin", p.gender.as_deref(), PROFILE_MAX)?,
            age: opt_text("age", "usia", p.age.as_deref(), PROFILE_MAX)?,
            education: opt_text(
                "education",
                "pendidikan",
                p.education.as_deref(),
                PROFILE_MAX,
            )?,
            occupation: opt_text(
                "occupation",
                "pekerjaan",
                p.occupation.as_deref(),
                PROFILE_MAX,
            )?,
        };
        let r = NewResponse {
            date: date.to_string(),
            at,
            service,
            staff,
            counter,
            ticket,
            ticket_device,
            answers: answers(&i.answers)?,
            profile,
            suggestion: opt_text(
                "suggestion",
                "saran",
                i.suggestion.as_deref(),
                SUGGESTION_MAX,
            )?,
        };
        let id = write_response(ctx, &site, &r, source, None)?;
        response(ctx.conn, &id)
    }
}

/// One response by id.
pub fn response(conn: &Connection, id: &str) -> Result<SurveyResponse> {
    let tz = system::this_site(conn)?.tz;
    conn.query_row(&format!("{SELECT} WHERE r.id = ?1"), params![id], |r| {
        row_to_response(r, tz)
    })
    .optional()?
    .ok_or_else(|| {
        Error::invalid(
            format!("no survey response {id}"),
            format!("tidak ada tanggapan survei {id}"),
        )
    })
}

/// `survey.list`: the responses of a selection.
pub struct SurveyList;
impl Command for SurveyList {
    const NAME: &'static str = "survey.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = SurveyFilter;
    type Output = Vec<SurveyResponse>;
    fn run(ctx: &mut Ctx<'_>, f: SurveyFilter) -> Result<Vec<SurveyResponse>> {
        responses(ctx.conn, &f)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SurveyIkmInput {
    #[serde(flatten)]
    pub filter: SurveyFilter,
    /// The population served in the period, for the sample-size check (default: tickets
    /// served, when the queue has them).
    #[ts(optional)]
    pub population: Option<u32>,
}

/// `survey.ikm`: NRR per unsur, IKM, converted score, grade and category.
pub struct SurveyIkm;
impl Command for SurveyIkm {
    const NAME: &'static str = "survey.ikm";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = SurveyIkmInput;
    type Output = IkmReport;
    fn run(ctx: &mut Ctx<'_>, i: SurveyIkmInput) -> Result<IkmReport> {
        compute_ikm(ctx.conn, &i.filter, i.population.map(u64::from), ctx.locale)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SurveySampleSizeInput {
    pub population: u32,
}

/// `survey.sample_size`: Krejcie–Morgan sample size for a population.
pub struct SurveySampleSize;
impl Command for SurveySampleSize {
    const NAME: &'static str = "survey.sample_size";
    const PERM: Perm = Perm::Public;
    const MUTATES: bool = false;
    const NEEDS_INIT: bool = false;
    type Input = SurveySampleSizeInput;
    type Output = u32;
    fn run(_ctx: &mut Ctx<'_>, i: SurveySampleSizeInput) -> Result<u32> {
        Ok(ikm::sample_size(u64::from(i.population)) as u32)
    }
}

// ---------------------------------------------------------------- batches and voiding

/// One CSV import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SurveyBatch {
    pub id: String,
    pub file: Option<String>,
    pub sha256: String,
    pub rows: u32,
    /// When it was imported (ISO 8601, site time).
    pub at: Option<String>,
    pub void: bool,
    pub void_reason: Option<String>,
}

pub fn batches(conn: &Connection) -> Result<Vec<SurveyBatch>> {
    let tz = system::this_site(conn)?.tz;
    let mut st = conn.prepare(
        "SELECT id, file, sha256, rows, at, void, void_reason FROM p_survey_batch ORDER BY at, id",
    )?;
    let rows = st.query_map([], |r| {
        Ok(SurveyBatch {
            id: r.get(0)?,
            file: r.get(1)?,
            sha256: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            rows: r.get::<_, Option<u32>>(3)?.unwrap_or(0),
            at: r.get::<_, Option<i64>>(4)?.map(|ms| tz.format_iso(ms)),
            void: r.get::<_, Option<bool>>(5)?.unwrap_or(false),
            void_reason: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `survey.batches`: the CSV imports, oldest first.
pub struct SurveyBatches;
impl Command for SurveyBatches {
    const NAME: &'static str = "survey.batches";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = crate::accounts::Empty;
    type Output = Vec<SurveyBatch>;
    fn run(ctx: &mut Ctx<'_>, _: crate::accounts::Empty) -> Result<Vec<SurveyBatch>> {
        batches(ctx.conn)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SurveyVoidInput {
    /// Void every response of this import batch…
    #[ts(optional)]
    pub batch: Option<String>,
    /// …or this one response.
    #[ts(optional)]
    pub response: Option<String>,
    /// Why (kept with the record).
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SurveyVoided {
    /// Responses voided now.
    pub voided: u32,
}

/// `survey.void`: withdraws a wrongly entered response or a whole import batch. Nothing is
/// deleted; the records keep who, when and why, and count nowhere.
pub struct SurveyVoid;
impl Command for SurveyVoid {
    const NAME: &'static str = "survey.void";
    const PERM: Perm = Perm::Review;
    const MUTATES: bool = true;
    type Input = SurveyVoidInput;
    type Output = SurveyVoided;
    fn run(ctx: &mut Ctx<'_>, i: SurveyVoidInput) -> Result<SurveyVoided> {
        let reason = crate::master::text("reason", "alasan", &i.reason)?;
        let mark = || vec![("void", json!(true)), ("void_reason", json!(reason))];
        let is_void = |table: &str, id: &str| -> Result<Option<bool>> {
            Ok(ctx
                .conn
                .query_row(
                    &format!("SELECT COALESCE(void, 0) FROM {table} WHERE id = ?1"),
                    params![id],
                    |r| r.get::<_, bool>(0),
                )
                .optional()?)
        };
        let already = |what: &str, id: &str| {
            Error::invalid(
                format!("{what} {id} is already void"),
                format!("{what} {id} sudah dibatalkan"),
            )
        };
        match (
            i.batch.as_deref().map(str::trim),
            i.response.as_deref().map(str::trim),
        ) {
            (Some(b), None) => {
                match is_void("p_survey_batch", b)? {
                    None => {
                        return Err(Error::invalid(
                            format!("no survey import batch {b}"),
                            format!("tidak ada batch impor survei {b}"),
                        ))
                    }
                    Some(true) => return Err(already("batch", b)),
                    Some(false) => {}
                }
                let ids: Vec<String> = ctx
                    .conn
                    .prepare(
                        "SELECT id FROM p_survey_response WHERE batch = ?1 AND COALESCE(void, 0) = 0",
                    )?
                    .query_map(params![b], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                ctx.write("survey_batch", b, mark())?;
                for id in &ids {
                    ctx.write("survey_response", id, mark())?;
                }
                Ok(SurveyVoided {
                    voided: ids.len() as u32,
                })
            }
            (None, Some(r)) => {
                match is_void("p_survey_response", r)? {
                    None => {
                        return Err(Error::invalid(
                            format!("no survey response {r}"),
                            format!("tidak ada tanggapan survei {r}"),
                        ))
                    }
                    Some(true) => return Err(already("response", r)),
                    Some(false) => {}
                }
                ctx.write("survey_response", r, mark())?;
                Ok(SurveyVoided { voided: 1 })
            }
            _ => Err(Error::invalid(
                "give either a batch or a response to void",
                "isi batch atau tanggapan yang akan dibatalkan (salah satu)",
            )),
        }
    }
}

pub use import::{ImportRowError, SurveyImport, SurveyImportInput, SurveyImportResult};

#[cfg(test)]
mod tests {
    use super::*;

    /// The population is the tickets served (status `done`) in the selection, by the ticket's
    /// site-local day, service, agency and officer.
    #[test]
    fn population_is_the_tickets_served_in_the_selection() {
        let dir = tempfile::tempdir().unwrap();
        let c = crate::store::open(&dir.path().join("p.db"), true).unwrap();
        c.execute_batch(
            "INSERT INTO p_service (id, agency) VALUES ('KTP', 'DUK'), ('IMB', 'PTSP');
             INSERT INTO p_ticket (id, service, status, day, officer) VALUES
               ('1', 'KTP', 'done', '2026-11-01', '198503152010011003'),
               ('2', 'KTP', 'done', '2026-11-02', NULL),
               ('3', 'KTP', 'no_show', '2026-11-02', NULL), ('4', 'IMB', 'done', '2026-11-02', NULL),
               ('5', 'KTP', 'done', '2026-12-01', '198503152010011003');",
        )
        .unwrap();
        let all = SurveyFilter::default();
        assert_eq!(population_served(&c, &all).unwrap(), Some(4));
        let f = SurveyFilter {
            from: Some("2026-11-02".into()),
            to: Some("2026-11-30".into()),
            ..Default::default()
        };
        assert_eq!(population_served(&c, &f).unwrap(), Some(2));
        let f = SurveyFilter {
            agency: Some("duk".into()),
            ..f
        };
        assert_eq!(population_served(&c, &f).unwrap(), Some(1));
        let f = SurveyFilter {
            staff: Some("198503152010011003".into()),
            ..Default::default()
        };
        assert_eq!(population_served(&c, &f).unwrap(), Some(2));
    }
}
