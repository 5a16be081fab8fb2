//! The daily log (issue 9): a recap per site and site-local day built from the log (queue,
//! complaints, survey, officers, devices), supervisor notes, approval with a fingerprint of the
//! approved figures, "changed after approval" when late data arrives, period recaps and exports.
//!
//! Records (append-only, one new id each, fields written once):
//! - `daily_note`: site, date, text, at, by_user, by_nip
//! - `daily_approval`: site, date, at, by_user, by_nip, fingerprint, snapshot
//!
//! Status is computed at query time: `draft` (no note, no approval) → `reviewed` (a note) →
//! `approved` (an approval). The latest approval (by time, then id) is the one in force: two
//! devices approving the same day merge by union and agree. The figures are compared with the
//! snapshot of that approval; any difference is listed in `changes`.
//! Rules and formats: `docs/daily.md`.

pub mod export;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

use crate::api::{Command, Ctx, Perm};
use crate::error::{Error, Result};
use crate::queue::{
    self, QueueMetricsBy as MetricsBy, QueueMetricsRow as MetricsRow, ServiceStats,
};
use crate::survey::{self, ikm, SurveyFilter};
use crate::system::{self, Site};
use crate::time::parse_date;

// ---------------------------------------------------------------- types

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "DailyStatus")]
pub enum Status {
    Draft,
    Reviewed,
    Approved,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Reviewed => "reviewed",
            Status::Approved => "approved",
        }
    }
}

/// The queue of a day. Times in seconds; null when there is nothing to average.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyQueue {
    pub issued: i64,
    pub called: i64,
    pub served: i64,
    pub no_show: i64,
    pub cancelled: i64,
    /// Still waiting at the end of the records (never called).
    pub waiting: i64,
    pub avg_wait_s: Option<i64>,
    pub avg_service_s: Option<i64>,
    /// Longest issue → first call.
    pub worst_wait_s: Option<i64>,
    /// Longest start → done.
    pub worst_service_s: Option<i64>,
    pub no_show_rate: Option<f64>,
    /// Done tickets that took longer than the service's promised minutes.
    pub over_promise: i64,
    pub by_service: Vec<ServiceStats>,
    pub by_counter: Vec<MetricsRow>,
    /// Site-local hour of issue (`08`, `09`, …).
    pub by_hour: Vec<MetricsRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyComplaints {
    pub received: u32,
    pub resolved: u32,
    /// Open and past their deadline at the end of the day.
    pub overdue: u32,
    /// Open at the end of the day (the backlog).
    pub open: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailySurvey {
    pub respondents: u32,
    /// IKM converted score (25–100), null when it cannot be computed.
    pub score: Option<f64>,
    /// A–D, null when there is no score.
    pub grade: Option<String>,
    pub ikm: Option<f64>,
    pub category: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyOfficer {
    pub nip: String,
    pub name: Option<String>,
    pub called: i64,
    pub served: i64,
    pub no_show: i64,
    pub avg_service_s: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyDevice {
    pub device_id: String,
    pub name: Option<String>,
    pub kind: Option<String>,
    /// Tickets of the day issued on it.
    pub tickets: i64,
    /// Complaints of the day recorded on it.
    pub complaints: i64,
    /// Some of the day's data comes from it.
    pub included: bool,
    /// When its last file was imported here (null: never, or this device).
    pub last_import: Option<String>,
    /// Its last event held here (by its own clock).
    pub last_seen: Option<String>,
    pub this_device: bool,
    pub skew_s: Option<i64>,
    pub clock_warning: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyNote {
    pub at: String,
    pub by_user: Option<String>,
    pub by_nip: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyApproval {
    pub at: String,
    pub by_user: Option<String>,
    pub by_nip: Option<String>,
    /// The approver's name (staff name, else the username).
    pub by_name: String,
    /// SHA-256 of the canonical recap figures approved.
    pub fingerprint: String,
}

/// One figure that differs from the approved snapshot (`queue.served`,
/// `queue.by_service[KTP].served`, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyChange {
    pub key: String,
    #[ts(type = "unknown")]
    pub from: Value,
    #[ts(type = "unknown")]
    pub to: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyChanges {
    pub figures: Vec<DailyChange>,
    /// Devices whose data for the day was not in the approved figures.
    pub new_devices: Vec<String>,
}

/// The recap of one site and day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyRecap {
    pub date: String,
    pub site: String,
    pub site_id: String,
    /// WIB, WITA or WIT.
    pub tz: String,
    pub status: Status,
    pub queue: DailyQueue,
    pub complaints: DailyComplaints,
    pub survey: DailySurvey,
    pub officers: Vec<DailyOfficer>,
    pub devices: Vec<DailyDevice>,
    pub warnings: Vec<String>,
    pub notes: Vec<DailyNote>,
    pub approval: Option<DailyApproval>,
    /// SHA-256 of the canonical figures now.
    pub fingerprint: String,
    pub changed_after_approval: bool,
    pub changes: Option<DailyChanges>,
    /// Approved: edits of this day through the UI are refused.
    pub locked: bool,
}

// ---------------------------------------------------------------- site and date

/// The site by name (case/space-insensitive), default this device's site.
pub fn resolve_site(conn: &Connection, name: Option<&str>) -> Result<Site> {
    match name.map(str::trim).filter(|s| !s.is_empty()) {
        Some(n) => system::site_by_name(conn, n),
        None => system::this_site(conn),
    }
}

fn parse_day(raw: &str) -> Result<NaiveDate> {
    parse_date(raw.trim())
}

// ---------------------------------------------------------------- figures

fn promised(conn: &Connection) -> Result<BTreeMap<String, Option<u32>>> {
    Ok(crate::master::services(conn)?
        .into_iter()
        .map(|s| (s.code, s.minutes))
        .collect())
}

pub(crate) fn tickets(
    conn: &Connection,
    site: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<queue::Row0>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM p_ticket WHERE site = ?1 AND day >= ?2 AND day <= ?3",
        queue::COLS
    ))?;
    let rows = st.query_map(
        params![site, from.to_string(), to.to_string()],
        queue::read_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Queue totals of a set of tickets, through the queue's own figures.
fn queue_totals<'a>(
    ts: impl IntoIterator<Item = &'a queue::Row0>,
    promised: &BTreeMap<String, Option<u32>>,
) -> queue::QueueFigures {
    let mut acc = queue::Acc::default();
    for t in ts {
        acc.add(t, promised.get(&t.service).copied().flatten(), true);
    }
    acc.done()
}

/// Milliseconds as whole seconds, rounded.
fn whole_s(ms: i64) -> i64 {
    (ms as f64 / 1000.0).round() as i64
}

fn worst(ts: &[&queue::Row0]) -> (Option<i64>, Option<i64>) {
    let s = whole_s;
    let wait = ts
        .iter()
        .filter_map(|t| t.called_at.map(|c| c - t.issued_at))
        .max()
        .map(s);
    let service = ts
        .iter()
        .filter(|t| t.status == queue::Status::Done)
        .filter_map(|t| Some(t.finished_at? - t.started_at?))
        .max()
        .map(s);
    (wait, service)
}

/// Queue figures and the worst wait of a set of tickets, accumulated as they stream.
#[derive(Default)]
struct DayAcc {
    acc: queue::Acc,
    worst_wait_ms: Option<i64>,
}

impl DayAcc {
    fn add(&mut self, t: queue::Times, promised: Option<u32>) {
        if let Some(c) = t.called_at {
            self.worst_wait_ms = self.worst_wait_ms.max(Some(c - t.issued_at));
        }
        self.acc.add_times(t, promised, true);
    }
    /// The figures and the worst wait in seconds (as [`worst`] gives it).
    fn done(self) -> (queue::QueueFigures, Option<i64>) {
        (self.acc.done(), self.worst_wait_ms.map(whole_s))
    }
}

/// A period's tickets of one site folded into figures per day and for the whole period while
/// they stream from the `(site, day)` index: nothing is kept per ticket (a month of a busy MPP
/// is ~85 000 tickets; issue 9 wants the recap under 50 ms).
fn period_tickets(
    conn: &Connection,
    site: &str,
    from: NaiveDate,
    to: NaiveDate,
    promised: &BTreeMap<String, Option<u32>>,
) -> Result<(BTreeMap<String, DayAcc>, DayAcc)> {
    let mut st = conn.prepare_cached(
        "SELECT day, service, status, issued_at, called_at, started_at, finished_at
           FROM p_ticket WHERE site = ?1 AND day >= ?2 AND day <= ?3",
    )?;
    let mut rows = st.query(params![site, from.to_string(), to.to_string()])?;
    let mut per: BTreeMap<String, DayAcc> = BTreeMap::new();
    let mut total = DayAcc::default();
    while let Some(r) = rows.next()? {
        let day = r.get_ref(0)?.as_str_or_null().ok().flatten().unwrap_or("");
        let service = r.get_ref(1)?.as_str_or_null().ok().flatten().unwrap_or("");
        let t = queue::Times {
            status: r
                .get_ref(2)?
                .as_str_or_null()
                .ok()
                .flatten()
                .and_then(|s| queue::Status::parse(s).ok())
                .unwrap_or(queue::Status::Issued),
            issued_at: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
            called_at: r.get(4)?,
            started_at: r.get(5)?,
            finished_at: r.get(6)?,
        };
        let p = promised.get(service).copied().flatten();
        match per.get_mut(day) {
            Some(acc) => acc.add(t, p),
            None => {
                let mut acc = DayAcc::default();
                acc.add(t, p);
                per.insert(day.to_string(), acc);
            }
        }
        total.add(t, p);
    }
    Ok((per, total))
}

fn survey_day(
    conn: &Connection,
    site: &Site,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<DailySurvey> {
    let filter = SurveyFilter {
        from: Some(from.to_string()),
        to: Some(to.to_string()),
        site: Some(site.name.clone()),
        ..Default::default()
    };
    let (n, t) = survey::tallies(conn, &filter)?;
    let r = if n > 0 { ikm::compute(&t).ok() } else { None };
    Ok(DailySurvey {
        respondents: n as u32,
        score: r.as_ref().map(|r| r.score()),
        grade: r.as_ref().map(|r| r.grade.letter().to_string()),
        ikm: r.as_ref().map(|r| r.ikm()),
        category: r.as_ref().map(|r| r.grade.category().to_string()),
    })
}

/// Everything of a day but its review state.
struct Figures {
    queue: DailyQueue,
    complaints: DailyComplaints,
    survey: DailySurvey,
    officers: Vec<DailyOfficer>,
    devices: Vec<DailyDevice>,
    warnings: Vec<String>,
}

fn figures(conn: &Connection, site: &Site, date: NaiveDate) -> Result<Figures> {
    let promised = promised(conn)?;
    let ts = tickets(conn, &site.id, date, date)?;
    let tot = queue_totals(&ts, &promised);
    let refs: Vec<&queue::Row0> = ts.iter().collect();
    let (worst_wait_s, worst_service_s) = worst(&refs);
    let group = |by| {
        let mut g = queue::Grouper::new(by, site.tz, promised.clone());
        for t in &ts {
            g.add(t);
        }
        g.rows()
    };
    let by_counter = group(MetricsBy::Counter);
    let by_hour = group(MetricsBy::Hour);
    let by_officer = group(MetricsBy::Officer);
    let by_service: Vec<ServiceStats> = queue::service_stats(conn, &ts)?
        .into_iter()
        .filter(|s| s.figures.issued > 0 || s.figures.called > 0 || s.figures.waiting > 0)
        .collect();
    let queue = DailyQueue {
        issued: tot.issued,
        called: tot.called,
        served: tot.served,
        no_show: tot.no_show,
        cancelled: tot.cancelled,
        waiting: tot.waiting,
        avg_wait_s: tot.avg_wait_s,
        avg_service_s: tot.avg_service_s,
        worst_wait_s,
        worst_service_s,
        no_show_rate: tot.no_show_rate,
        over_promise: tot.over_promise,
        by_service,
        by_counter,
        by_hour,
    };

    let c = crate::complaints::day_counts(conn, &site.id, site.tz, &[date])?[0];
    let complaints = DailyComplaints {
        received: c.received,
        resolved: c.resolved,
        overdue: c.overdue,
        open: c.open,
    };
    let survey = survey_day(conn, site, date, date)?;

    let names: BTreeMap<String, String> = crate::master::staff_list(conn)?
        .into_iter()
        .map(|s| (s.nip, s.name))
        .collect();
    let officers = by_officer
        .into_iter()
        .filter(|r| r.key != "-")
        .map(|r| DailyOfficer {
            name: names.get(&r.key).cloned(),
            nip: r.key,
            called: r.figures.called,
            served: r.figures.served,
            no_show: r.figures.no_show,
            avg_service_s: r.figures.avg_service_s,
        })
        .collect();

    // Devices: every device of the site, plus any other whose data is in the day.
    let mut tickets_by: BTreeMap<String, i64> = BTreeMap::new();
    let mut out_of_order: BTreeMap<String, i64> = BTreeMap::new();
    for t in &ts {
        *tickets_by.entry(t.device.clone()).or_default() += 1;
        let bad = t.called_at.is_some_and(|c| c < t.issued_at)
            || matches!((t.started_at, t.called_at), (Some(s), Some(c)) if s < c)
            || matches!((t.finished_at, t.started_at), (Some(f), Some(s)) if f < s);
        if bad {
            *out_of_order.entry(t.device.clone()).or_default() += 1;
        }
    }
    let (start, end) = site.tz.day_bounds(date);
    let mut complaints_by: BTreeMap<String, i64> = BTreeMap::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT device, COUNT(*) FROM p_complaint
              WHERE site = ?1 AND received_at >= ?2 AND received_at < ?3 AND number IS NOT NULL
              GROUP BY device",
        )?;
        let rows = st.query_map(params![site.id, start, end], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                r.get::<_, i64>(1)?,
            ))
        })?;
        for row in rows {
            let (d, n) = row?;
            complaints_by.insert(d, n);
        }
    }
    let mut devices = Vec::new();
    let mut warnings = Vec::new();
    let mut seen = BTreeSet::new();
    let site_of: BTreeMap<String, Option<String>> = {
        let mut st = conn.prepare_cached("SELECT id, site FROM p_device")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for d in crate::sync::devices(conn)? {
        let t = tickets_by.get(&d.device_id).copied().unwrap_or(0);
        let c = complaints_by.get(&d.device_id).copied().unwrap_or(0);
        let of_site = site_of.get(&d.device_id).cloned().flatten().as_deref() == Some(&site.id);
        if !of_site && t == 0 && c == 0 {
            continue;
        }
        seen.insert(d.device_id.clone());
        let label = d.name.clone().unwrap_or_else(|| d.device_id.clone());
        if d.clock_warning && (t > 0 || c > 0) {
            warnings.push(match d.skew_s {
                Some(s) => format!(
                    "the clock of device {label} looks wrong (about {s} s off); check its times"
                ),
                None => format!("the clock of device {label} looks wrong; check its times"),
            });
        }
        if let Some(n) = out_of_order.get(&d.device_id) {
            warnings.push(format!(
                "{n} ticket(s) from device {label} have steps out of time order (clock changed?)"
            ));
        }
        if of_site && !d.this_device && t == 0 && c == 0 {
            warnings.push(format!(
                "no data from device {label} for this day (last file imported: {}); is a file missing?",
                d.last_import.as_deref().unwrap_or("never")
            ));
        }
        devices.push(DailyDevice {
            included: t > 0 || c > 0,
            tickets: t,
            complaints: c,
            last_import: d.last_import,
            last_seen: d.last_seen,
            this_device: d.this_device,
            skew_s: d.skew_s,
            clock_warning: d.clock_warning,
            device_id: d.device_id,
            name: d.name,
            kind: d.kind,
        });
    }
    // data from a device this database does not know (should not happen, never hidden)
    for (id, n) in &tickets_by {
        if !seen.contains(id) && !id.is_empty() {
            devices.push(DailyDevice {
                device_id: id.clone(),
                name: None,
                kind: None,
                tickets: *n,
                complaints: complaints_by.get(id).copied().unwrap_or(0),
                included: true,
                last_import: None,
                last_seen: None,
                this_device: false,
                skew_s: None,
                clock_warning: false,
            });
        }
    }
    Ok(Figures {
        queue,
        complaints,
        survey,
        officers,
        devices,
        warnings,
    })
}

/// The canonical content that approval fingerprints: the figures and each device's share,
/// without device-local facts (import times, clock estimates) that differ between PCs.
fn content(date: NaiveDate, site: &Site, f: &Figures) -> Value {
    let devices: Vec<Value> = f
        .devices
        .iter()
        .filter(|d| d.included)
        .map(
            |d| json!({"device_id": d.device_id, "tickets": d.tickets, "complaints": d.complaints}),
        )
        .collect();
    canonical(json!({
        "date": date.to_string(),
        "site": site.id,
        "queue": f.queue,
        "complaints": f.complaints,
        "survey": f.survey,
        "officers": f.officers,
        "devices": devices,
    }))
}

/// Objects with sorted keys, recursively (independent of serde_json's map order).
fn canonical(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let sorted: BTreeMap<String, Value> =
                m.into_iter().map(|(k, v)| (k, canonical(v))).collect();
            Value::Object(sorted.into_iter().collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(canonical).collect()),
        other => other,
    }
}

fn hash(v: &Value) -> String {
    hex::encode(crate::log::sha256(
        serde_json::to_string(v).expect("json").as_bytes(),
    ))
}

/// The key naming an element of an array of objects in a diff path.
fn elem_key(v: &Value, i: usize) -> String {
    for k in ["service", "key", "nip", "device_id"] {
        if let Some(s) = v.get(k).and_then(Value::as_str) {
            return s.to_string();
        }
    }
    i.to_string()
}

fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&p, x, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                flatten(&format!("{prefix}[{}]", elem_key(x, i)), x, out);
            }
        }
        other => {
            out.insert(prefix.to_string(), other.clone());
        }
    }
}

/// What differs between the approved snapshot and the figures now.
pub fn diff(approved: &Value, now: &Value) -> DailyChanges {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    flatten("", approved, &mut a);
    flatten("", now, &mut b);
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut figures = Vec::new();
    for k in keys {
        if k.starts_with("devices[") {
            continue;
        }
        let from = a.get(k).cloned().unwrap_or(Value::Null);
        let to = b.get(k).cloned().unwrap_or(Value::Null);
        if from != to {
            figures.push(DailyChange {
                key: k.clone(),
                from,
                to,
            });
        }
    }
    let ids = |v: &Value| -> BTreeMap<String, Value> {
        v.get("devices")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|d| Some((d.get("device_id")?.as_str()?.to_string(), d.clone())))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (old, new) = (ids(approved), ids(now));
    let mut new_devices = Vec::new();
    for (id, d) in &new {
        match old.get(id) {
            None => new_devices.push(id.clone()),
            Some(o) if o != d => {
                for k in ["tickets", "complaints"] {
                    if o.get(k) != d.get(k) {
                        figures.push(DailyChange {
                            key: format!("devices[{id}].{k}"),
                            from: o.get(k).cloned().unwrap_or(Value::Null),
                            to: d.get(k).cloned().unwrap_or(Value::Null),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    DailyChanges {
        figures,
        new_devices,
    }
}

// ---------------------------------------------------------------- review records

struct ApprovalRec {
    at: i64,
    by_user: Option<String>,
    by_nip: Option<String>,
    fingerprint: String,
    snapshot: String,
}

fn notes(conn: &Connection, site: &Site, date: NaiveDate) -> Result<Vec<DailyNote>> {
    let mut st = conn.prepare_cached(
        "SELECT at, by_user, by_nip, text FROM p_daily_note
          WHERE site = ?1 AND date = ?2 ORDER BY at, id",
    )?;
    let rows = st.query_map(params![site.id, date.to_string()], |r| {
        Ok(DailyNote {
            at: site.tz.format_iso(r.get::<_, Option<i64>>(0)?.unwrap_or(0)),
            by_user: r.get(1)?,
            by_nip: r.get(2)?,
            text: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn latest_approval(conn: &Connection, site: &str, date: NaiveDate) -> Result<Option<ApprovalRec>> {
    use rusqlite::OptionalExtension;
    conn.prepare_cached(
        "SELECT at, by_user, by_nip, fingerprint, snapshot FROM p_daily_approval
          WHERE site = ?1 AND date = ?2 AND fingerprint IS NOT NULL
          ORDER BY at DESC, id DESC LIMIT 1",
    )?
    .query_row(params![site, date.to_string()], |r| {
        Ok(ApprovalRec {
            at: r.get::<_, Option<i64>>(0)?.unwrap_or(0),
            by_user: r.get(1)?,
            by_nip: r.get(2)?,
            fingerprint: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            snapshot: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        })
    })
    .optional()
    .map_err(Into::into)
}

/// Whether a site's day is approved: edits of that day through the UI are refused (data that
/// arrives by import is still stored and marks the day changed after approval).
pub fn is_locked(conn: &Connection, site_id: &str, date: NaiveDate) -> Result<bool> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT COUNT(*) FROM p_daily_approval WHERE site = ?1 AND date = ?2 AND fingerprint IS NOT NULL",
        )?
        .query_row(params![site_id, date.to_string()], |r| r.get(0))?;
    Ok(n > 0)
}

fn approver_name(conn: &Connection, user: Option<&str>, nip: Option<&str>) -> String {
    if let Some(n) = nip {
        if let Ok(s) = crate::master::staff(conn, n) {
            return s.name;
        }
    }
    user.map(str::to_string)
        .unwrap_or_else(|| "administrator (machine)".into())
}

/// The recap of a site's day with its review state.
pub fn recap(conn: &Connection, site: &Site, date: NaiveDate) -> Result<DailyRecap> {
    let f = figures(conn, site, date)?;
    let c = content(date, site, &f);
    let fingerprint = hash(&c);
    let notes = notes(conn, site, date)?;
    let appr = latest_approval(conn, &site.id, date)?;
    let (changed, changes) = match &appr {
        Some(a) if a.fingerprint != fingerprint => {
            let snap: Value = serde_json::from_str(&a.snapshot).unwrap_or(Value::Null);
            (true, Some(diff(&snap, &c)))
        }
        _ => (false, None),
    };
    let status = match (&appr, notes.is_empty()) {
        (Some(_), _) => Status::Approved,
        (None, false) => Status::Reviewed,
        (None, true) => Status::Draft,
    };
    Ok(DailyRecap {
        date: date.to_string(),
        site: site.name.clone(),
        site_id: site.id.clone(),
        tz: site.tz.abbr().to_string(),
        status,
        queue: f.queue,
        complaints: f.complaints,
        survey: f.survey,
        officers: f.officers,
        devices: f.devices,
        warnings: f.warnings,
        notes,
        approval: appr.as_ref().map(|a| DailyApproval {
            at: site.tz.format_iso(a.at),
            by_name: approver_name(conn, a.by_user.as_deref(), a.by_nip.as_deref()),
            by_user: a.by_user.clone(),
            by_nip: a.by_nip.clone(),
            fingerprint: a.fingerprint.clone(),
        }),
        fingerprint,
        changed_after_approval: changed,
        changes,
        locked: appr.is_some(),
    })
}

// ---------------------------------------------------------------- period recap

/// One day of a period recap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PeriodDay {
    pub date: String,
    pub site: String,
    pub issued: i64,
    pub served: i64,
    pub no_show: i64,
    pub avg_wait_s: Option<i64>,
    pub worst_wait_s: Option<i64>,
    pub avg_service_s: Option<i64>,
    pub complaints_received: u32,
    pub complaints_resolved: u32,
    /// Open complaints at the end of the day.
    pub complaint_backlog: u32,
    pub complaints_overdue: u32,
    pub survey_respondents: u32,
    pub skm_score: Option<f64>,
    pub skm_grade: Option<String>,
    /// `draft`, `reviewed` or `approved` (`approved*`: changed after approval is not checked
    /// here; open the day).
    pub status: Status,
}

/// Totals of a site over the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PeriodSite {
    pub site: String,
    pub issued: i64,
    pub served: i64,
    pub no_show: i64,
    pub avg_wait_s: Option<i64>,
    pub worst_wait_s: Option<i64>,
    pub avg_service_s: Option<i64>,
    pub complaints_received: u32,
    pub complaints_resolved: u32,
    pub survey_respondents: u32,
    pub skm_score: Option<f64>,
    pub skm_grade: Option<String>,
    pub days_approved: u32,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PeriodRecap {
    pub from: String,
    pub to: String,
    pub sites: Vec<PeriodSite>,
    pub days: Vec<PeriodDay>,
}

/// The longest period a recap covers.
pub const MAX_PERIOD_DAYS: i64 = 731;

pub fn period(
    conn: &Connection,
    sites: &[Site],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<PeriodRecap> {
    if to < from {
        return Err(Error::invalid(
            format!("--from {from} is after --to {to}"),
            format!("--from {from} sesudah --to {to}"),
        ));
    }
    if (to - from).num_days() + 1 > MAX_PERIOD_DAYS {
        return Err(Error::invalid(
            format!("a recap covers at most {MAX_PERIOD_DAYS} days; split {from} to {to}"),
            format!("rekap paling panjang {MAX_PERIOD_DAYS} hari; bagi {from} s.d. {to}"),
        ));
    }
    let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
    let promised = promised(conn)?;
    let mut out_days = Vec::new();
    let mut out_sites = Vec::new();
    for site in sites {
        let (mut per, total) = period_tickets(conn, &site.id, from, to, &promised)?;
        let complaints = crate::complaints::day_counts(conn, &site.id, site.tz, &days)?;
        let approved: BTreeSet<String> = {
            let mut st = conn.prepare_cached(
                "SELECT DISTINCT date FROM p_daily_approval
                  WHERE site = ?1 AND date >= ?2 AND date <= ?3 AND fingerprint IS NOT NULL",
            )?;
            let rows = st.query_map(params![site.id, from.to_string(), to.to_string()], |r| {
                r.get::<_, String>(0)
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let noted: BTreeSet<String> = {
            let mut st = conn.prepare_cached(
                "SELECT DISTINCT date FROM p_daily_note WHERE site = ?1 AND date >= ?2 AND date <= ?3",
            )?;
            let rows = st.query_map(params![site.id, from.to_string(), to.to_string()], |r| {
                r.get::<_, String>(0)
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut c_received = 0;
        let mut c_resolved = 0;
        for (d, c) in days.iter().zip(&complaints) {
            let key = d.to_string();
            let (tot, ww) = per.remove(&key).unwrap_or_default().done();
            let s = survey_day(conn, site, *d, *d)?;
            c_received += c.received;
            c_resolved += c.resolved;
            out_days.push(PeriodDay {
                status: if approved.contains(&key) {
                    Status::Approved
                } else if noted.contains(&key) {
                    Status::Reviewed
                } else {
                    Status::Draft
                },
                date: key,
                site: site.name.clone(),
                issued: tot.issued,
                served: tot.served,
                no_show: tot.no_show,
                avg_wait_s: tot.avg_wait_s,
                worst_wait_s: ww,
                avg_service_s: tot.avg_service_s,
                complaints_received: c.received,
                complaints_resolved: c.resolved,
                complaint_backlog: c.open,
                complaints_overdue: c.overdue,
                survey_respondents: s.respondents,
                skm_score: s.score,
                skm_grade: s.grade,
            });
        }
        let (tot, ww) = total.done();
        let s = survey_day(conn, site, from, to)?;
        out_sites.push(PeriodSite {
            site: site.name.clone(),
            issued: tot.issued,
            served: tot.served,
            no_show: tot.no_show,
            avg_wait_s: tot.avg_wait_s,
            worst_wait_s: ww,
            avg_service_s: tot.avg_service_s,
            complaints_received: c_received,
            complaints_resolved: c_resolved,
            survey_respondents: s.respondents,
            skm_score: s.score,
            skm_grade: s.grade,
            days_approved: approved.len() as u32,
            days: days.len() as u32,
        });
    }
    Ok(PeriodRecap {
        from: from.to_string(),
        to: to.to_string(),
        sites: out_sites,
        days: out_days,
    })
}

/// Every site, by name.
pub fn all_sites(conn: &Connection) -> Result<Vec<Site>> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM p_site WHERE name IS NOT NULL ORDER BY name, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(s) = system::site_by_id(conn, &id)? {
            out.push(s);
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- commands

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DailyInput {
    /// `YYYY-MM-DD`, site-local.
    pub date: String,
    /// Site name (default: this device's site).
    #[ts(optional)]
    pub site: Option<String>,
}

/// `daily.recap`: the recap of a site's day with its review state.
pub struct DailyRecapCmd;
impl Command for DailyRecapCmd {
    const NAME: &'static str = "daily.recap";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = DailyInput;
    type Output = DailyRecap;
    fn run(ctx: &mut Ctx<'_>, i: DailyInput) -> Result<DailyRecap> {
        let site = resolve_site(ctx.conn, i.site.as_deref())?;
        recap(ctx.conn, &site, parse_day(&i.date)?)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyState {
    pub date: String,
    pub site: String,
    pub status: Status,
    pub locked: bool,
    pub notes: u32,
    pub approval: Option<DailyApproval>,
    pub changed_after_approval: bool,
}

impl From<&DailyRecap> for DailyState {
    fn from(r: &DailyRecap) -> Self {
        DailyState {
            date: r.date.clone(),
            site: r.site.clone(),
            status: r.status,
            locked: r.locked,
            notes: r.notes.len() as u32,
            approval: r.approval.clone(),
            changed_after_approval: r.changed_after_approval,
        }
    }
}

/// `daily.status`: the review state of a site's day (is it locked?).
pub struct DailyStatusCmd;
impl Command for DailyStatusCmd {
    const NAME: &'static str = "daily.status";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = DailyInput;
    type Output = DailyState;
    fn run(ctx: &mut Ctx<'_>, i: DailyInput) -> Result<DailyState> {
        let site = resolve_site(ctx.conn, i.site.as_deref())?;
        Ok((&recap(ctx.conn, &site, parse_day(&i.date)?)?).into())
    }
}

fn not_future(ctx: &Ctx<'_>, site: &Site, date: NaiveDate, what: (&str, &str)) -> Result<()> {
    let today = site.tz.local_date(ctx.now_ms());
    if date > today {
        return Err(Error::invalid(
            format!(
                "{date} has not happened yet at {} (today is {today}); cannot {} it",
                site.name, what.0
            ),
            format!(
                "{date} belum terjadi di {} (hari ini {today}); tidak dapat {}",
                site.name, what.1
            ),
        ));
    }
    Ok(())
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DailyNoteInput {
    pub date: String,
    #[ts(optional)]
    pub site: Option<String>,
    pub text: String,
}

/// The longest note.
pub const MAX_NOTE_CHARS: usize = 4000;

/// `daily.note`: a supervisor's note on a day (several allowed; the first makes a draft day
/// `reviewed`). Notes are allowed on an approved day too; they do not change the figures.
pub struct DailyNoteCmd;
impl Command for DailyNoteCmd {
    const NAME: &'static str = "daily.note";
    const PERM: Perm = Perm::Review;
    const MUTATES: bool = true;
    type Input = DailyNoteInput;
    type Output = DailyState;
    fn run(ctx: &mut Ctx<'_>, i: DailyNoteInput) -> Result<DailyState> {
        let site = resolve_site(ctx.conn, i.site.as_deref())?;
        let date = parse_day(&i.date)?;
        let text = i.text.trim();
        if text.is_empty() {
            return Err(Error::invalid(
                "the note is empty; write what you found",
                "catatan kosong; tuliskan temuan Anda",
            ));
        }
        if text.chars().count() > MAX_NOTE_CHARS {
            return Err(Error::invalid(
                format!("the note is longer than {MAX_NOTE_CHARS} characters"),
                format!("catatan lebih dari {MAX_NOTE_CHARS} karakter"),
            ));
        }
        not_future(ctx, &site, date, ("note on", "memberi catatan"))?;
        let id = ctx.env.new_uuid().to_string();
        ctx.write(
            "daily_note",
            &id,
            vec![
                ("site", json!(site.id)),
                ("date", json!(date.to_string())),
                ("text", json!(text)),
                ("at", json!(ctx.now_ms())),
                ("by_user", json!(ctx.author())),
                ("by_nip", json!(ctx.actor.nip())),
            ],
        )?;
        Ok((&recap(ctx.conn, &site, date)?).into())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyApproved {
    #[serde(flatten)]
    #[ts(flatten)]
    pub state: DailyState,
    /// Already approved with these very figures: nothing was written.
    pub unchanged: bool,
    /// What changed since the previous approval (a re-approval), if anything.
    pub changes: Option<DailyChanges>,
}

/// `daily.approve`: signs a day off. Records who, when, and the fingerprint and snapshot of
/// the figures approved. Approving again is needed (and allowed) after late data changed the
/// day; approving an unchanged approved day writes nothing.
pub struct DailyApproveCmd;
impl Command for DailyApproveCmd {
    const NAME: &'static str = "daily.approve";
    const PERM: Perm = Perm::Review;
    const MUTATES: bool = true;
    type Input = DailyInput;
    type Output = DailyApproved;
    fn run(ctx: &mut Ctx<'_>, i: DailyInput) -> Result<DailyApproved> {
        let site = resolve_site(ctx.conn, i.site.as_deref())?;
        let date = parse_day(&i.date)?;
        not_future(ctx, &site, date, ("approve", "menyetujui"))?;
        let before = recap(ctx.conn, &site, date)?;
        if before.status == Status::Approved && !before.changed_after_approval {
            return Ok(DailyApproved {
                state: (&before).into(),
                unchanged: true,
                changes: None,
            });
        }
        let f = figures(ctx.conn, &site, date)?;
        let c = content(date, &site, &f);
        let id = ctx.env.new_uuid().to_string();
        ctx.write(
            "daily_approval",
            &id,
            vec![
                ("site", json!(site.id)),
                ("date", json!(date.to_string())),
                ("at", json!(ctx.now_ms())),
                ("by_user", json!(ctx.author())),
                ("by_nip", json!(ctx.actor.nip())),
                ("fingerprint", json!(hash(&c))),
                ("snapshot", json!(serde_json::to_string(&c).expect("json"))),
            ],
        )?;
        let after = recap(ctx.conn, &site, date)?;
        Ok(DailyApproved {
            state: (&after).into(),
            unchanged: false,
            changes: before.changes,
        })
    }
}

/// Export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "DailyFormat")]
pub enum Format {
    Xlsx,
    Pdf,
    Csv,
}

impl Format {
    pub fn parse(s: &str) -> Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Ok(Format::Xlsx),
            "pdf" => Ok(Format::Pdf),
            "csv" => Ok(Format::Csv),
            _ => Err(Error::invalid(
                format!("format {s:?} is not xlsx, pdf or csv"),
                format!("format {s:?} bukan xlsx, pdf atau csv"),
            )),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DailyExportInput {
    pub date: String,
    #[ts(optional)]
    pub site: Option<String>,
    pub format: Format,
    /// Where to write the file.
    pub out: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DailySaved {
    pub path: String,
    pub bytes: u32,
}

fn out_path(raw: &str) -> Result<&std::path::Path> {
    let out = raw.trim();
    if out.is_empty() {
        return Err(Error::invalid(
            "the output file is missing",
            "berkas keluaran belum diisi",
        ));
    }
    Ok(std::path::Path::new(out))
}

/// `daily.export`: writes a day's recap as XLSX (a sheet per section), PDF or CSV.
pub struct DailyExportCmd;
impl Command for DailyExportCmd {
    const NAME: &'static str = "daily.export";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = DailyExportInput;
    type Output = DailySaved;
    fn run(ctx: &mut Ctx<'_>, i: DailyExportInput) -> Result<DailySaved> {
        let out = out_path(&i.out)?;
        let site = resolve_site(ctx.conn, i.site.as_deref())?;
        let r = recap(ctx.conn, &site, parse_day(&i.date)?)?;
        let bytes = match i.format {
            Format::Xlsx => export::daily_xlsx(&r)?,
            Format::Pdf => export::daily_pdf(&r)?,
            Format::Csv => export::daily_csv(&r)?,
        };
        export::write_atomically(out, &bytes)?;
        Ok(DailySaved {
            path: out.display().to_string(),
            bytes: bytes.len() as u32,
        })
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RecapInput {
    pub from: String,
    pub to: String,
    /// Site name (default: every site).
    #[ts(optional)]
    pub site: Option<String>,
}

/// `daily.period`: per-day rows and per-site totals over a period (every site by default).
pub struct DailyPeriodCmd;
impl Command for DailyPeriodCmd {
    const NAME: &'static str = "daily.period";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = RecapInput;
    type Output = PeriodRecap;
    fn run(ctx: &mut Ctx<'_>, i: RecapInput) -> Result<PeriodRecap> {
        period_of(ctx.conn, &i)
    }
}

fn period_of(conn: &Connection, i: &RecapInput) -> Result<PeriodRecap> {
    let sites = match i.site.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(n) => vec![system::site_by_name(conn, n)?],
        None => all_sites(conn)?,
    };
    period(conn, &sites, parse_day(&i.from)?, parse_day(&i.to)?)
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RecapExportInput {
    pub from: String,
    pub to: String,
    #[ts(optional)]
    pub site: Option<String>,
    pub format: Format,
    pub out: String,
}

/// `daily.period_export`: writes a period recap as XLSX (with a trend chart), PDF or CSV.
pub struct DailyPeriodExportCmd;
impl Command for DailyPeriodExportCmd {
    const NAME: &'static str = "daily.period_export";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = RecapExportInput;
    type Output = DailySaved;
    fn run(ctx: &mut Ctx<'_>, i: RecapExportInput) -> Result<DailySaved> {
        let out = out_path(&i.out)?;
        let p = period_of(
            ctx.conn,
            &RecapInput {
                from: i.from.clone(),
                to: i.to.clone(),
                site: i.site.clone(),
            },
        )?;
        let unit = system::this_site(ctx.conn)?.name;
        let bytes = match i.format {
            Format::Xlsx => export::period_xlsx(&p)?,
            Format::Pdf => export::period_pdf(&p, &unit)?,
            Format::Csv => export::period_csv(&p)?,
        };
        export::write_atomically(out, &bytes)?;
        Ok(DailySaved {
            path: out.display().to_string(),
            bytes: bytes.len() as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_names_changed_figures_and_new_devices() {
        let a = json!({"queue": {"served": 3, "by_service": [{"service": "KTP", "served": 3}]},
                       "devices": [{"device_id": "d1", "tickets": 3, "complaints": 0}]});
        let b = json!({"queue": {"served": 5, "by_service": [{"service": "KTP", "served": 4}, {"service": "KK", "served": 1}]},
                       "devices": [{"device_id": "d1", "tickets": 3, "complaints": 0},
                                   {"device_id": "d2", "tickets": 2, "complaints": 0}]});
        let d = diff(&a, &b);
        let keys: Vec<(&str, &Value, &Value)> = d
            .figures
            .iter()
            .map(|c| (c.key.as_str(), &c.from, &c.to))
            .collect();
        assert_eq!(
            keys,
            vec![
                ("queue.by_service[KK].served", &Value::Null, &json!(1)),
                ("queue.by_service[KK].service", &Value::Null, &json!("KK")),
                ("queue.by_service[KTP].served", &json!(3), &json!(4)),
                ("queue.served", &json!(3), &json!(5)),
            ]
        );
        assert_eq!(d.new_devices, vec!["d2".to_string()]);
        let same = diff(&a, &a);
        assert!(same.figures.is_empty() && same.new_devices.is_empty());
    }

    #[test]
    fn canonical_json_sorts_keys_so_the_hash_is_stable() {
        let a: Value =
            serde_json::from_str(r#"{"b": 1, "a": {"d": 2, "c": [1, {"z": 1, "y": 2}]}}"#).unwrap();
        let b: Value =
            serde_json::from_str(r#"{"a": {"c": [1, {"y": 2, "z": 1}], "d": 2}, "b": 1}"#).unwrap();
        assert_eq!(hash(&canonical(a.clone())), hash(&canonical(b)));
        assert_eq!(
            serde_json::to_string(&canonical(a)).unwrap(),
            r#"{"a":{"c":[1,{"y":2,"z":1}],"d":2},"b":1}"#
        );
    }

    #[test]
    fn formats_parse_and_bad_ones_are_refused() {
        for (raw, f) in [
            ("xlsx", Format::Xlsx),
            (" PDF ", Format::Pdf),
            ("Csv", Format::Csv),
        ] {
            assert_eq!(Format::parse(raw).unwrap(), f);
        }
        assert!(Format::parse("docx").is_err());
    }
}
