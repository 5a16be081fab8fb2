//! Officers' performance from what the desk records, compared with their unit's median; the
//! supervisor's assessment note; and a training program's impact (before vs after windows).
//!
//! Sources (nothing is re-computed here that another module already computes):
//! - tickets: `queue.metrics` grouped by officer (served, no-shows, average wait and service
//!   time, tickets over the service's promised time), plus the median service time and the
//!   average promised time of the officer's served tickets (read from `p_ticket`);
//! - complaints: `complaint.stats` by officer (complaints received in the period and assigned
//!   to the officer, resolved, resolved by their due date — the complaints module's rule);
//! - SKM: the survey module's tallies of the responses naming the officer, and its exact IKM
//!   arithmetic; the score is the converted score (25–100), null without a computable IKM;
//! - days present: site-local days with a ticket step by the officer or a complaint step
//!   recorded by them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::{nip_key, officer, program};
use crate::accounts::Role;
use crate::api::{Actor, Command, Ctx, Perm};
use crate::complaints::{self, median, ComplaintStats, ComplaintStatsInput};
use crate::domain::nip::Employment;
use crate::error::{Error, Result};
use crate::master;
use crate::queue::{QueueMetrics, QueueMetricsBy as MetricsBy, QueueMetricsInput as MetricsInput};
use crate::survey::{self, ikm, SurveyFilter};
use crate::system;
use crate::time::parse_date;

/// The figures of one officer over a range of days.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub served: i64,
    pub called: i64,
    pub no_show: i64,
    pub avg_wait_s: Option<i64>,
    pub avg_service_s: Option<i64>,
    pub median_service_s: Option<i64>,
    pub promised_s: Option<i64>,
    pub over_promise: i64,
    pub complaints_assigned: u32,
    pub complaints_resolved: u32,
    pub complaints_on_time: u32,
    pub ikm_score: Option<f64>,
    pub ikm_respondents: u32,
    pub days_present: u32,
}

/// A checked, inclusive range of site-local days.
pub fn day_range(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate)> {
    let (f, t) = (parse_date(from)?, parse_date(to)?);
    check_range(f, t)?;
    Ok((f, t))
}

fn check_range(f: NaiveDate, t: NaiveDate) -> Result<()> {
    if f > t {
        return Err(Error::invalid(
            format!("the period starts ({f}) after it ends ({t})"),
            format!("periode dimulai ({f}) sesudah berakhir ({t})"),
        ));
    }
    if (t - f).num_days() > 3660 {
        return Err(Error::invalid(
            "the period may span at most 10 years",
            "periode paling panjang 10 tahun",
        ));
    }
    Ok(())
}

/// The SKM converted score (25–100) of the responses naming an officer in a range, with the
/// number of respondents; the score is null when there are none or an unsur nobody answered.
pub fn skm_of(
    conn: &Connection,
    nip: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(u32, Option<f64>)> {
    let filter = SurveyFilter {
        from: Some(from.to_string()),
        to: Some(to.to_string()),
        staff: Some(nip.to_string()),
        ..Default::default()
    };
    let (n, t) = survey::tallies(conn, &filter)?;
    if n == 0 {
        return Ok((0, None));
    }
    Ok((n as u32, ikm::compute(&t).ok().map(|r| r.score())))
}

/// Figures of every officer with any record in `[from, to]` (site-local days, inclusive).
pub fn figures(
    ctx: &mut Ctx<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<String, Figures>> {
    check_range(from, to)?;
    let mut out: BTreeMap<String, Figures> = BTreeMap::new();
    // tickets: the queue's own figures by officer
    let rows = <QueueMetrics as Command>::run(
        ctx,
        MetricsInput {
            by: MetricsBy::Officer,
            from: Some(from.to_string()),
            to: Some(to.to_string()),
        },
    )?;
    for r in rows {
        if r.key == "-" {
            continue;
        }
        let f = out.entry(r.key).or_default();
        f.served = r.figures.served;
        f.called = r.figures.called;
        f.no_show = r.figures.no_show;
        f.avg_wait_s = r.figures.avg_wait_s;
        f.avg_service_s = r.figures.avg_service_s;
        f.over_promise = r.figures.over_promise;
    }
    // the median service time and the promised time of the served tickets
    let promised: HashMap<String, Option<u32>> = master::services(ctx.conn)?
        .into_iter()
        .map(|s| (s.code, s.minutes))
        .collect();
    let mut durations: HashMap<String, (Vec<u32>, i64, i64)> = HashMap::new();
    {
        let mut st = ctx.conn.prepare(
            "SELECT officer, service, started_at, finished_at FROM p_ticket
              WHERE status = 'done' AND officer IS NOT NULL AND day >= ?1 AND day <= ?2",
        )?;
        let rows = st.query_map(params![from.to_string(), to.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
            ))
        })?;
        for row in rows {
            let (nip, service, s, e) = row?;
            let d = durations.entry(nip).or_default();
            if let (Some(s), Some(e)) = (s, e) {
                d.0.push(((e - s).max(0) / 1000) as u32);
            }
            if let Some(Some(m)) = service.and_then(|s| promised.get(&s).copied()) {
                d.1 += m as i64 * 60;
                d.2 += 1;
            }
        }
    }
    for (nip, (mut v, psum, pn)) in durations {
        let f = out.entry(nip).or_default();
        f.median_service_s = median(&mut v).map(|m| m.round() as i64);
        f.promised_s = (pn > 0).then(|| (psum as f64 / pn as f64).round() as i64);
    }
    // complaints: the complaints module's figures by officer
    let stats = <ComplaintStats as Command>::run(
        ctx,
        ComplaintStatsInput {
            from: Some(from.to_string()),
            to: Some(to.to_string()),
        },
    )?;
    for s in stats.by_officer {
        if let Some(nip) = s.key {
            let f = out.entry(nip).or_default();
            f.complaints_assigned = s.received;
            f.complaints_resolved = s.resolved;
            f.complaints_on_time = s.resolved_on_time;
        }
    }
    // days present: ticket steps and complaint steps by the officer
    let tz = system::this_site(ctx.conn)?.tz;
    let mut days: HashMap<String, BTreeSet<String>> = HashMap::new();
    {
        let mut st = ctx.conn.prepare(
            "SELECT DISTINCT officer, day FROM p_ticket_step
              WHERE officer IS NOT NULL AND day >= ?1 AND day <= ?2",
        )?;
        let rows = st.query_map(params![from.to_string(), to.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (nip, day) = row?;
            days.entry(nip).or_default().insert(day);
        }
        let (lo, _) = tz.day_bounds(from);
        let (_, hi) = tz.day_bounds(to);
        let mut st = ctx.conn.prepare(
            "SELECT by_nip, at FROM p_complaint_step
              WHERE by_nip IS NOT NULL AND at >= ?1 AND at < ?2",
        )?;
        let rows = st.query_map(params![lo, hi], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (nip, at) = row?;
            days.entry(nip)
                .or_default()
                .insert(tz.local_date(at).to_string());
        }
    }
    for (nip, d) in days {
        out.entry(nip).or_default().days_present = d.len() as u32;
    }
    // SKM of the responses naming each officer (known officers only)
    let known: BTreeSet<String> = master::staff_list(ctx.conn)?
        .into_iter()
        .map(|s| s.nip)
        .collect();
    let with_surveys: Vec<String> = {
        let mut st = ctx.conn.prepare(
            "SELECT DISTINCT staff FROM p_survey_response
              WHERE staff IS NOT NULL AND date >= ?1 AND date <= ?2",
        )?;
        let rows = st.query_map(params![from.to_string(), to.to_string()], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for nip in with_surveys.into_iter().filter(|n| known.contains(n)) {
        let (n, score) = skm_of(ctx.conn, &nip, from, to)?;
        let f = out.entry(nip).or_default();
        f.ikm_respondents = n;
        f.ikm_score = score;
    }
    Ok(out)
}

// ---------------------------------------------------------------- SKP predicate

/// A level of work result or behaviour against expectations (PermenPANRB 6/2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    DiAtas,
    Sesuai,
    DiBawah,
}

impl Level {
    pub fn parse(raw: &str) -> Result<Level> {
        let k = raw.trim().to_lowercase().replace([' ', '-'], "_");
        Ok(match k.as_str() {
            "di_atas" | "diatas" | "di_atas_ekspektasi" | "above" => Level::DiAtas,
            "sesuai" | "sesuai_ekspektasi" | "meets" | "as_expected" => Level::Sesuai,
            "di_bawah" | "dibawah" | "di_bawah_ekspektasi" | "below" => Level::DiBawah,
            _ => {
                return Err(Error::invalid(
                    format!("unknown level {raw:?}; use di_atas, sesuai or di_bawah"),
                    format!("tingkat {raw:?} tidak dikenal; gunakan di_atas, sesuai atau di_bawah"),
                ))
            }
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Level::DiAtas => "di_atas",
            Level::Sesuai => "sesuai",
            Level::DiBawah => "di_bawah",
        }
    }
}

/// The SKP predicate from work result (hasil kerja) × behaviour (perilaku), PermenPANRB 6/2022.
pub fn predicate(hasil: Level, perilaku: Level) -> &'static str {
    use Level::*;
    match (hasil, perilaku) {
        (DiAtas, DiAtas) => "Sangat Baik",
        (DiAtas, Sesuai) | (Sesuai, Sesuai) | (Sesuai, DiAtas) => "Baik",
        (DiAtas, DiBawah) | (Sesuai, DiBawah) => "Kurang/Misconduct",
        (DiBawah, DiBawah) => "Sangat Kurang",
        (DiBawah, Sesuai) | (DiBawah, DiAtas) => "Butuh Perbaikan",
    }
}

// ---------------------------------------------------------------- assessment notes

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Assessment {
    pub nip: String,
    pub from: String,
    pub to: String,
    pub note: String,
    pub hasil: Option<Level>,
    pub perilaku: Option<Level>,
    /// The SKP predicate, when both levels are given.
    pub predicate: Option<String>,
    pub by: Option<String>,
    pub at: String,
}

fn assessment_row(
    r: &rusqlite::Row<'_>,
    tz: crate::time::SiteZone,
) -> rusqlite::Result<Assessment> {
    let lvl = |s: Option<String>| s.and_then(|s| Level::parse(&s).ok());
    Ok(Assessment {
        nip: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
        from: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        to: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        note: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        hasil: lvl(r.get(4)?),
        perilaku: lvl(r.get(5)?),
        predicate: r.get(6)?,
        by: r.get(7)?,
        at: tz.format_iso(r.get::<_, Option<i64>>(8)?.unwrap_or(0)),
    })
}

const ASSESS_COLS: &str = "nip, from_date, to_date, note, hasil, perilaku, predicate, by_user, at";

pub fn assessments(conn: &Connection, nip: Option<&str>) -> Result<Vec<Assessment>> {
    let tz = system::this_site(conn)?.tz;
    let mut st = conn.prepare(&format!(
        "SELECT {ASSESS_COLS} FROM p_staff_assessment WHERE note IS NOT NULL
           AND (?1 IS NULL OR nip = ?1) ORDER BY nip, from_date, to_date"
    ))?;
    let rows = st.query_map(params![nip], |r| assessment_row(r, tz))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn assessment(
    conn: &Connection,
    nip: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Option<Assessment>> {
    let tz = system::this_site(conn)?.tz;
    Ok(conn
        .query_row(
            &format!(
                "SELECT {ASSESS_COLS} FROM p_staff_assessment WHERE id = ?1 AND note IS NOT NULL"
            ),
            params![format!("{nip}:{from}:{to}")],
            |r| assessment_row(r, tz),
        )
        .optional()?)
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffAssessInput {
    pub nip: String,
    pub from: String,
    pub to: String,
    /// A short note (at most 1000 characters).
    pub note: String,
    /// Work result against expectations: `di_atas`, `sesuai`, `di_bawah`.
    #[ts(optional)]
    pub hasil: Option<String>,
    /// Behaviour against expectations: `di_atas`, `sesuai`, `di_bawah`.
    #[ts(optional)]
    pub perilaku: Option<String>,
}

/// `staff.assess`: the supervisor's note on an officer's period (a new one replaces it).
pub struct StaffAssess;
impl Command for StaffAssess {
    const NAME: &'static str = "staff.assess";
    const PERM: Perm = Perm::Review;
    const MUTATES: bool = true;
    type Input = StaffAssessInput;
    type Output = Assessment;
    fn run(ctx: &mut Ctx<'_>, i: StaffAssessInput) -> Result<Assessment> {
        let s = officer(ctx.conn, &i.nip)?;
        let (from, to) = day_range(&i.from, &i.to)?;
        let note = super::opt_text("note", "catatan", Some(&i.note), 1000)?
            .ok_or_else(|| Error::invalid("the note must not be empty", "catatan wajib diisi"))?;
        let hasil = i.hasil.as_deref().map(Level::parse).transpose()?;
        let perilaku = i.perilaku.as_deref().map(Level::parse).transpose()?;
        let pred = match (hasil, perilaku) {
            (Some(h), Some(p)) => Some(predicate(h, p)),
            (None, None) => None,
            _ => {
                return Err(Error::invalid(
                    "give both the work result (--hasil) and the behaviour (--perilaku) for an SKP predicate, or neither",
                    "isi hasil kerja (--hasil) dan perilaku (--perilaku) sekaligus untuk predikat SKP, atau tidak keduanya",
                ))
            }
        };
        ctx.write(
            "staff_assessment",
            &format!("{}:{from}:{to}", s.nip),
            vec![
                ("nip", json!(s.nip)),
                ("from_date", json!(from.to_string())),
                ("to_date", json!(to.to_string())),
                ("note", json!(note)),
                ("hasil", json!(hasil.map(Level::as_str))),
                ("perilaku", json!(perilaku.map(Level::as_str))),
                ("predicate", json!(pred)),
                ("by_user", json!(ctx.author())),
                ("at", json!(ctx.now_ms())),
            ],
        )?;
        assessment(ctx.conn, &s.nip, from, to)?
            .ok_or_else(|| Error::Corrupt("assessment not projected".into()))
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct StaffAssessmentsInput {
    #[ts(optional)]
    pub nip: Option<String>,
}

pub struct StaffAssessments;
impl Command for StaffAssessments {
    const NAME: &'static str = "staff.assessments";
    const PERM: Perm = Perm::Review;
    const MUTATES: bool = false;
    type Input = StaffAssessmentsInput;
    type Output = Vec<Assessment>;
    fn run(ctx: &mut Ctx<'_>, i: StaffAssessmentsInput) -> Result<Vec<Assessment>> {
        let nip = i.nip.as_deref().map(|n| officer(ctx.conn, n)).transpose()?;
        assessments(ctx.conn, nip.as_ref().map(|s| s.nip.as_str()))
    }
}

// ---------------------------------------------------------------- the report

/// The medians of an officer's unit (agency) over its officers present in the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct UnitMedian {
    pub agency: String,
    /// Officers of the unit present at least one day in the period (the medians' base).
    pub officers: u32,
    pub served: Option<f64>,
    pub avg_service_s: Option<f64>,
    pub avg_wait_s: Option<f64>,
    pub no_show: Option<f64>,
    pub complaints_on_time: Option<f64>,
    pub ikm_score: Option<f64>,
}

/// One officer's performance in a period, next to the unit's median (never a ranking).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OfficerReport {
    pub nip: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: Employment,
    pub agency: String,
    pub active: bool,
    pub from: String,
    pub to: String,
    /// Tickets served (done) by the officer.
    pub served: i64,
    /// Average start → done, seconds.
    pub avg_service_s: Option<i64>,
    pub median_service_s: Option<i64>,
    /// Average promised completion time (standar pelayanan) of the served tickets' services.
    pub promised_s: Option<i64>,
    /// Served tickets whose issue → done exceeded their service's promised minutes.
    pub over_promise: i64,
    /// Average issue → first call of the officer's tickets, seconds.
    pub avg_wait_s: Option<i64>,
    pub called: i64,
    pub no_show: i64,
    /// Complaints received in the period and assigned to the officer.
    pub complaints_assigned: u32,
    pub complaints_resolved: u32,
    /// Resolved by their due date (working days, pauses excluded).
    pub complaints_on_time: u32,
    /// SKM converted score (25–100) of the responses naming the officer; null when none.
    pub ikm_score: Option<f64>,
    pub ikm_respondents: u32,
    /// Days with any recorded activity (ticket or complaint steps).
    pub days_present: u32,
    pub unit_median: UnitMedian,
    /// The supervisor's note for exactly this period.
    pub assessment: Option<Assessment>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffReportInput {
    pub from: String,
    pub to: String,
    #[ts(optional)]
    pub agency: Option<String>,
    #[ts(optional)]
    pub nip: Option<String>,
}

fn med_i(v: impl Iterator<Item = i64>) -> Option<f64> {
    let mut x: Vec<u32> = v.map(|n| n.max(0) as u32).collect();
    median(&mut x)
}

/// `staff.report`: per officer (active ones, plus inactive ones with records in the period),
/// by NIP. A petugas sees their own row only.
pub struct StaffReport;
impl Command for StaffReport {
    const NAME: &'static str = "staff.report";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = StaffReportInput;
    type Output = Vec<OfficerReport>;
    fn run(ctx: &mut Ctx<'_>, i: StaffReportInput) -> Result<Vec<OfficerReport>> {
        let (from, to) = day_range(&i.from, &i.to)?;
        let agency = i
            .agency
            .as_deref()
            .map(|a| master::code_key(crate::error::Kind::Agency, a))
            .transpose()?;
        if let Some(a) = &agency {
            if !master::agencies(ctx.conn)?.iter().any(|x| &x.code == a) {
                return Err(Error::NotFound {
                    kind: crate::error::Kind::Agency,
                    key: a.clone(),
                });
            }
        }
        let only = i.nip.as_deref().map(|n| officer(ctx.conn, n)).transpose()?;
        let own: Option<String> = match ctx.actor {
            Actor::User {
                role: Role::Petugas,
                nip,
                ..
            } => Some(nip.clone().unwrap_or_default()),
            _ => None,
        };
        let figs = figures(ctx, from, to)?;
        let staff = master::staff_list(ctx.conn)?;
        let listed: Vec<(&master::Staff, Figures)> = staff
            .iter()
            .filter_map(|s| {
                let f = figs.get(&s.nip).cloned();
                (s.active || f.is_some()).then(|| (s, f.unwrap_or_default()))
            })
            .collect();
        // unit medians over the officers of each agency present in the period
        let mut units: BTreeMap<&str, UnitMedian> = BTreeMap::new();
        let mut by_agency: BTreeMap<&str, Vec<&Figures>> = BTreeMap::new();
        for (s, f) in &listed {
            if f.days_present > 0 || f.served > 0 {
                by_agency.entry(s.agency.as_str()).or_default().push(f);
            }
        }
        for (a, fs) in by_agency {
            units.insert(
                a,
                UnitMedian {
                    agency: a.to_string(),
                    officers: fs.len() as u32,
                    served: med_i(fs.iter().map(|f| f.served)),
                    avg_service_s: med_i(fs.iter().filter_map(|f| f.avg_service_s)),
                    avg_wait_s: med_i(fs.iter().filter_map(|f| f.avg_wait_s)),
                    no_show: med_i(fs.iter().map(|f| f.no_show)),
                    complaints_on_time: med_i(fs.iter().map(|f| f.complaints_on_time as i64)),
                    ikm_score: med_i(
                        fs.iter()
                            .filter_map(|f| f.ikm_score)
                            .map(|s| (s * 100.0).round() as i64),
                    )
                    .map(|c| (c / 100.0 * 100.0).round() / 100.0),
                },
            );
        }
        let mut out = Vec::new();
        for (s, f) in listed {
            if agency.as_ref().is_some_and(|a| &s.agency != a)
                || only.as_ref().is_some_and(|o| o.nip != s.nip)
                || own.as_ref().is_some_and(|o| o != &s.nip)
            {
                continue;
            }
            out.push(OfficerReport {
                nip: s.nip.clone(),
                name: s.name.clone(),
                kind: s.employment,
                agency: s.agency.clone(),
                active: s.active,
                from: from.to_string(),
                to: to.to_string(),
                served: f.served,
                avg_service_s: f.avg_service_s,
                median_service_s: f.median_service_s,
                promised_s: f.promised_s,
                over_promise: f.over_promise,
                avg_wait_s: f.avg_wait_s,
                called: f.called,
                no_show: f.no_show,
                complaints_assigned: f.complaints_assigned,
                complaints_resolved: f.complaints_resolved,
                complaints_on_time: f.complaints_on_time,
                ikm_score: f.ikm_score,
                ikm_respondents: f.ikm_respondents,
                days_present: f.days_present,
                unit_median: units.get(s.agency.as_str()).cloned().unwrap_or(UnitMedian {
                    agency: s.agency.clone(),
                    ..Default::default()
                }),
                assessment: assessment(ctx.conn, &s.nip, from, to)?,
            });
        }
        Ok(out)
    }
}

// ---------------------------------------------------------------- training impact

/// How many records stand behind a window's figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Cases {
    /// Tickets served.
    pub tickets: i64,
    /// Complaints received in the window, assigned to the officer and resolved.
    pub complaints: u32,
    /// Survey responses naming the officer.
    pub surveys: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Window {
    /// First day (inclusive).
    pub from: String,
    /// Last day (inclusive).
    pub to: String,
    pub served: i64,
    pub avg_service_s: Option<i64>,
    pub median_service_s: Option<i64>,
    pub complaints_resolved: u32,
    pub complaints_on_time: u32,
    pub ikm_score: Option<f64>,
    pub cases: Cases,
}

fn window(f: Option<&Figures>, from: NaiveDate, to: NaiveDate) -> Window {
    let f = f.cloned().unwrap_or_default();
    Window {
        from: from.to_string(),
        to: to.to_string(),
        served: f.served,
        avg_service_s: f.avg_service_s,
        median_service_s: f.median_service_s,
        complaints_resolved: f.complaints_resolved,
        complaints_on_time: f.complaints_on_time,
        ikm_score: f.ikm_score,
        cases: Cases {
            tickets: f.served,
            complaints: f.complaints_resolved,
            surveys: f.ikm_respondents,
        },
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImpactRow {
    pub nip: String,
    pub name: String,
    pub program: String,
    /// Window length in days.
    pub days: i64,
    /// `[start − days, start − 1]`.
    pub before: Window,
    /// `[end + 1, end + days]`.
    pub after: Window,
    /// False while the after window has not ended yet (figures still growing).
    pub after_complete: bool,
}

/// The two windows of an impact comparison: before = `[start − n, start)`, after =
/// `(end, end + n]`, as inclusive day ranges.
pub fn impact_windows(
    start: NaiveDate,
    end: NaiveDate,
    n: i64,
) -> ((NaiveDate, NaiveDate), (NaiveDate, NaiveDate)) {
    (
        (start - Duration::days(n), start - Duration::days(1)),
        (end + Duration::days(1), end + Duration::days(n)),
    )
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProgramImpactInput {
    pub program: String,
    /// Window length in days (1-366).
    pub days: i64,
}

/// `program.impact`: each participant's figures in the `days` before the program started and
/// the `days` after it ended. Participants: enrolled and not marked absent.
pub struct ProgramImpact;
impl Command for ProgramImpact {
    const NAME: &'static str = "program.impact";
    const PERM: Perm = Perm::Review;
    const MUTATES: bool = false;
    type Input = ProgramImpactInput;
    type Output = Vec<ImpactRow>;
    fn run(ctx: &mut Ctx<'_>, i: ProgramImpactInput) -> Result<Vec<ImpactRow>> {
        if !(1..=366).contains(&i.days) {
            return Err(Error::invalid(
                format!("the window must be 1-366 days, not {}", i.days),
                format!("jendela harus 1-366 hari, bukan {}", i.days),
            ));
        }
        let p = program::program(ctx.conn, &i.program)?;
        let (start, end) = (parse_date(&p.start)?, parse_date(&p.end)?);
        let ((bf, bt), (af, at)) = impact_windows(start, end, i.days);
        let before = figures(ctx, bf, bt)?;
        let after = figures(ctx, af, at)?;
        let today = super::today(ctx)?;
        let mut out = Vec::new();
        for part in program::participants(ctx.conn, &p.id)? {
            if !part.enrolled || part.attended == Some(false) {
                continue;
            }
            out.push(ImpactRow {
                nip: part.nip.clone(),
                name: part.name.clone(),
                program: p.id.clone(),
                days: i.days,
                before: window(before.get(&part.nip), bf, bt),
                after: window(after.get(&part.nip), af, at),
                after_complete: today > at,
            });
        }
        Ok(out)
    }
}

/// Used by tests: the figures of one officer in a range (through the same path as reports).
pub fn officer_figures(
    ctx: &mut Ctx<'_>,
    nip: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Figures> {
    Ok(figures(ctx, from, to)?
        .remove(&nip_key(nip))
        .unwrap_or_default())
}

#[allow(unused_imports)]
use complaints as _;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skp_predicate_is_the_regulation_table() {
        use Level::*;
        let table = [
            (DiAtas, DiBawah, "Kurang/Misconduct"),
            (DiAtas, Sesuai, "Baik"),
            (DiAtas, DiAtas, "Sangat Baik"),
            (Sesuai, DiBawah, "Kurang/Misconduct"),
            (Sesuai, Sesuai, "Baik"),
            (Sesuai, DiAtas, "Baik"),
            (DiBawah, DiBawah, "Sangat Kurang"),
            (DiBawah, Sesuai, "Butuh Perbaikan"),
            (DiBawah, DiAtas, "Butuh Perbaikan"),
        ];
        for (h, p, want) in table {
            assert_eq!(predicate(h, p), want, "{h:?} × {p:?}");
        }
        assert_eq!(Level::parse("Di Atas").unwrap(), DiAtas);
        assert!(Level::parse("great").is_err());
    }

    #[test]
    fn impact_windows_table() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // (start, end, n) → before [from, to], after [from, to]
        let cases = [
            (
                "2026-03-10",
                "2026-03-12",
                30,
                ("2026-02-08", "2026-03-09"),
                ("2026-03-13", "2026-04-11"),
            ),
            (
                "2026-03-10",
                "2026-03-10",
                1,
                ("2026-03-09", "2026-03-09"),
                ("2026-03-11", "2026-03-11"),
            ),
            (
                "2026-01-01",
                "2026-01-02",
                7,
                ("2025-12-25", "2025-12-31"),
                ("2026-01-03", "2026-01-09"),
            ),
            (
                "2028-03-01",
                "2028-03-01",
                2,
                ("2028-02-28", "2028-02-29"),
                ("2028-03-02", "2028-03-03"),
            ),
        ];
        for (s, e, n, (bf, bt), (af, at)) in cases {
            let ((a, b), (c, dd)) = impact_windows(d(s), d(e), n);
            assert_eq!((a, b, c, dd), (d(bf), d(bt), d(af), d(at)), "{s}..{e} ±{n}");
            // exactly n days each, none overlapping the program
            assert_eq!((b - a).num_days() + 1, n);
            assert_eq!((dd - c).num_days() + 1, n);
            assert!(b < d(s) && c > d(e));
        }
    }
}
