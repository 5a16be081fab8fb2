//! Complaints (pengaduan), issue 5: registering complaints from every channel, their
//! lifecycle with a who/when/why timeline, SLA profiles per category counted in working days
//! against the holiday calendar, overdue and due-soon lists, and figures.
//!
//! Storage (see `docs/complaints.md`):
//! - `sla_profile` (id = category code): name, working days to respond and to resolve.
//! - `complaint` (id = UUID): registers (status, assigned officer, responded/resolved/closed
//!   times, final answer) plus the data written once at registration, including the SLA days
//!   of its category at that moment.
//! - `complaint_step` (id = UUID, fields written once): the append-only timeline —
//!   registration, every transition, assignment, follow-up note and final answer.
//!
//! Due dates, pauses, overdue and the figures are computed at query time from these records
//! and the current holiday calendar, so the state stays a function of the set of events.

pub mod workdays;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::accounts::{Empty, Role};
use crate::api::{Actor, Command, Ctx, Perm};
use crate::domain::nik::{mask_nik, parse_nik};
use crate::error::{Error, Msg, Result};
use crate::master::{self, text};
use crate::system;
use crate::time::{parse_date, parse_local_datetime, SiteZone};

pub use workdays::Calendar;

// ---------------------------------------------------------------- vocabularies

/// Where a complaint came in.
pub const CHANNELS: &[&str] = &[
    "langsung",
    "telepon",
    "whatsapp",
    "surat",
    "email",
    "lapor",
    "kotak_saran",
    "media_sosial",
];

fn norm(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace(['-', ' ', '.'], "_")
        .replace('!', "")
}

/// A channel by name or alias (walk-in, phone, wa, letter, e-mail, sp4n-lapor, …).
pub fn parse_channel(raw: &str) -> Result<&'static str> {
    let c = match norm(raw).as_str() {
        "langsung" | "walk_in" | "walkin" | "direct" | "tatap_muka" | "loket" | "desk" => {
            "langsung"
        }
        "telepon" | "telpon" | "telp" | "phone" | "telephone" | "tel" => "telepon",
        "whatsapp" | "wa" => "whatsapp",
        "surat" | "letter" | "post" => "surat",
        "email" | "e_mail" | "surel" | "mail" => "email",
        "lapor" | "sp4n" | "sp4n_lapor" | "sp4nlapor" => "lapor",
        "kotak_saran" | "kotaksaran" | "suggestion_box" | "box" => "kotak_saran",
        "media_sosial" | "medsos" | "sosmed" | "social_media" | "social" => "media_sosial",
        _ => {
            return Err(Error::invalid(
                format!(
                    "unknown channel {raw:?}; use one of {}",
                    CHANNELS.join(", ")
                ),
                format!(
                    "saluran {raw:?} tidak dikenal; gunakan salah satu dari {}",
                    CHANNELS.join(", ")
                ),
            ))
        }
    };
    Ok(c)
}

pub const TYPES: &[&str] = &["pengaduan", "aspirasi", "informasi"];

/// A report type (LAPOR!): pengaduan, aspirasi or (permintaan) informasi.
pub fn parse_type(raw: &str) -> Result<&'static str> {
    match norm(raw).as_str() {
        "pengaduan" | "complaint" | "aduan" => Ok("pengaduan"),
        "aspirasi" | "aspiration" | "saran" | "suggestion" => Ok("aspirasi"),
        "informasi" | "permintaan_informasi" | "information" | "info" => Ok("informasi"),
        _ => Err(Error::invalid(
            format!("unknown type {raw:?}; use pengaduan, aspirasi or informasi"),
            format!("jenis {raw:?} tidak dikenal; gunakan pengaduan, aspirasi atau informasi"),
        )),
    }
}

/// The lifecycle states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Received,
    Verified,
    Assigned,
    InProgress,
    Waiting,
    Resolved,
    Closed,
    Escalated,
    Forwarded,
    Rejected,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Received,
        Status::Verified,
        Status::Assigned,
        Status::InProgress,
        Status::Waiting,
        Status::Resolved,
        Status::Closed,
        Status::Escalated,
        Status::Forwarded,
        Status::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Verified => "verified",
            Status::Assigned => "assigned",
            Status::InProgress => "in_progress",
            Status::Waiting => "waiting",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
            Status::Escalated => "escalated",
            Status::Forwarded => "forwarded",
            Status::Rejected => "rejected",
        }
    }

    pub fn parse(raw: &str) -> Result<Status> {
        let n = norm(raw);
        let n = match n.as_str() {
            "inprogress" | "progress" => "in_progress",
            "waiting_for_citizen" => "waiting",
            other => other,
        };
        Status::ALL
            .into_iter()
            .find(|s| s.as_str() == n)
            .ok_or_else(|| {
                let names: Vec<&str> = Status::ALL[1..].iter().map(|s| s.as_str()).collect();
                Error::invalid(
                    format!("unknown status {raw:?}; use one of {}", names.join(", ")),
                    format!(
                        "status {raw:?} tidak dikenal; gunakan salah satu dari {}",
                        names.join(", ")
                    ),
                )
            })
    }

    /// The lifecycle table: where a complaint may go from here.
    pub fn allowed(self) -> &'static [Status] {
        use Status::*;
        match self {
            Received => &[Verified, Rejected, Forwarded],
            Verified => &[Assigned, Rejected, Forwarded, Escalated],
            Assigned => &[InProgress, Escalated, Forwarded],
            InProgress => &[Waiting, Resolved, Escalated],
            Waiting => &[InProgress, Resolved, Closed],
            Escalated => &[Assigned, InProgress],
            Resolved => &[Closed, InProgress],
            Closed | Rejected | Forwarded => &[],
        }
    }

    /// Open = still being handled (not resolved, closed, rejected or forwarded).
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            Status::Resolved | Status::Closed | Status::Rejected | Status::Forwarded
        )
    }
}

// ---------------------------------------------------------------- helpers

/// A category code: trimmed, upper-case, 1-20 of `A-Z 0-9 - _`.
pub fn category_key(raw: &str) -> Result<String> {
    let c = raw.trim().to_uppercase();
    let ok = (1..=20).contains(&c.len())
        && c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
    if !ok {
        return Err(Error::invalid(
            format!("category code {raw:?} must be 1-20 letters, digits, '-' or '_'"),
            format!("kode kategori {raw:?} harus 1-20 huruf, angka, '-' atau '_'"),
        ));
    }
    Ok(c)
}

fn opt_text(raw: Option<&str>, max: usize, en: &str, id: &str) -> Result<Option<String>> {
    crate::master::bounded_text(en, id, raw, max)
}

fn long_text(raw: &str, max: usize, en: &str, id: &str) -> Result<String> {
    opt_text(Some(raw), max, en, id)?.ok_or_else(|| {
        Error::invalid(
            format!("{en} must not be empty"),
            format!("{id} wajib diisi"),
        )
    })
}

fn phone(raw: Option<&str>) -> Result<Option<String>> {
    let Some(p) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let digits = p.chars().filter(|c| c.is_ascii_digit()).count();
    let ok = p
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')' | '.'))
        && (5..=15).contains(&digits);
    if !ok {
        return Err(Error::invalid(
            format!(
                "phone number {p:?} must have 5-15 digits (+, -, spaces and brackets are allowed)"
            ),
            format!("nomor telepon {p:?} harus 5-15 angka (boleh +, -, spasi dan kurung)"),
        ));
    }
    Ok(Some(p.to_string()))
}

fn site_tz(conn: &Connection) -> Result<SiteZone> {
    Ok(system::this_site(conn)?.tz)
}

/// Parses an optional site-local `YYYY-MM-DDTHH:MM` into epoch ms (default: now). Refuses
/// a time more than 5 minutes in the future.
fn local_time(ctx: &Ctx<'_>, tz: SiteZone, raw: Option<&str>, what: &str) -> Result<i64> {
    let now = ctx.now_ms();
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(now);
    };
    // A date alone (a letter dated, not timed) is that day's start.
    let t = match parse_local_datetime(raw) {
        Ok(t) => t,
        Err(e) => match parse_date(raw) {
            Ok(d) => d.and_hms_opt(0, 0, 0).expect("midnight"),
            Err(_) => return Err(e),
        },
    };
    let ms = tz.local_to_ms(t);
    if ms > now + 5 * 60_000 {
        return Err(Error::invalid(
            format!(
                "{what} {raw} is in the future (now is {})",
                tz.format_iso(now)
            ),
            format!(
                "waktu {raw} belum terjadi (sekarang {})",
                tz.format_iso(now)
            ),
        ));
    }
    Ok(ms)
}

/// The holiday calendar as it is now (active holidays).
pub fn calendar(conn: &Connection) -> Result<Calendar> {
    Ok(Calendar::new(
        master::holidays(conn, None)?
            .into_iter()
            .filter_map(|h| NaiveDate::parse_from_str(&h.date, "%Y-%m-%d").ok()),
    ))
}

fn is_admin(actor: &Actor) -> bool {
    match actor {
        Actor::Machine => true,
        Actor::User { role, .. } => *role == Role::Admin,
    }
}

// ---------------------------------------------------------------- SLA profiles

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SlaProfile {
    pub category: String,
    pub name: String,
    /// Working days to respond (leave `received`).
    pub respond_days: u32,
    /// Working days to resolve (extended by pauses while waiting for the citizen).
    pub resolve_days: u32,
    pub active: bool,
}

pub fn sla_profiles(conn: &Connection) -> Result<Vec<SlaProfile>> {
    let mut st = conn.prepare(
        "SELECT id, name, respond_days, resolve_days, active FROM p_sla_profile ORDER BY id",
    )?;
    let rows = st.query_map([], |r| {
        Ok(SlaProfile {
            category: r.get(0)?,
            name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            respond_days: r.get::<_, Option<u32>>(2)?.unwrap_or(0),
            resolve_days: r.get::<_, Option<u32>>(3)?.unwrap_or(0),
            active: r.get::<_, Option<bool>>(4)?.unwrap_or(true),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn sla_profile(conn: &Connection, category: &str) -> Result<Option<SlaProfile>> {
    Ok(sla_profiles(conn)?
        .into_iter()
        .find(|p| p.category == category))
}

/// The longest SLA a profile may set: Perpres 76/2013 / PermenPANRB 62/2018 ask for
/// settlement within 60 days.
pub const MAX_SLA_DAYS: i64 = 60;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SlaSetInput {
    pub category: String,
    pub name: String,
    pub respond_days: i64,
    pub resolve_days: i64,
}

/// `sla.set`: creates or changes the SLA profile of a category. Complaints keep the days of
/// the profile as it was when they were registered.
pub struct SlaSet;
impl Command for SlaSet {
    const NAME: &'static str = "sla.set";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = SlaSetInput;
    type Output = SlaProfile;
    fn run(ctx: &mut Ctx<'_>, i: SlaSetInput) -> Result<SlaProfile> {
        let category = category_key(&i.category)?;
        let name = text("SLA profile name", "nama profil SLA", &i.name)?;
        if !(1..=MAX_SLA_DAYS).contains(&i.resolve_days) {
            return Err(Error::invalid(
                format!(
                    "working days to resolve must be 1-{MAX_SLA_DAYS}, not {}",
                    i.resolve_days
                ),
                format!(
                    "hari kerja penyelesaian harus 1-{MAX_SLA_DAYS}, bukan {}",
                    i.resolve_days
                ),
            ));
        }
        if !(0..=i.resolve_days).contains(&i.respond_days) {
            return Err(Error::invalid(
                format!(
                    "working days to respond must be 0-{} (not more than to resolve), not {}",
                    i.resolve_days, i.respond_days
                ),
                format!(
                    "hari kerja tanggapan harus 0-{} (tidak lebih dari penyelesaian), bukan {}",
                    i.resolve_days, i.respond_days
                ),
            ));
        }
        ctx.write(
            "sla_profile",
            &category,
            vec![
                ("name", json!(name)),
                ("respond_days", json!(i.respond_days)),
                ("resolve_days", json!(i.resolve_days)),
                ("active", json!(true)),
            ],
        )?;
        Ok(sla_profile(ctx.conn, &category)?.expect("just written"))
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SlaRemoveInput {
    pub category: String,
}

/// `sla.remove`: deactivates a category's profile; new complaints of it are refused.
pub struct SlaRemove;
impl Command for SlaRemove {
    const NAME: &'static str = "sla.remove";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = SlaRemoveInput;
    type Output = SlaProfile;
    fn run(ctx: &mut Ctx<'_>, i: SlaRemoveInput) -> Result<SlaProfile> {
        let category = category_key(&i.category)?;
        let Some(p) = sla_profile(ctx.conn, &category)?.filter(|p| p.active) else {
            return Err(Error::invalid(
                format!("there is no SLA profile for category {category}"),
                format!("tidak ada profil SLA untuk kategori {category}"),
            ));
        };
        ctx.write("sla_profile", &category, vec![("active", json!(false))])?;
        Ok(SlaProfile { active: false, ..p })
    }
}

pub struct SlaList;
impl Command for SlaList {
    const NAME: &'static str = "sla.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = Vec<SlaProfile>;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<Vec<SlaProfile>> {
        Ok(sla_profiles(ctx.conn)?
            .into_iter()
            .filter(|p| p.active)
            .collect())
    }
}

// ---------------------------------------------------------------- national holidays

const NATIONAL_HOLIDAYS: &str = include_str!("../../data/holidays-id.tsv");

/// One bundled holiday.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NationalHoliday {
    pub date: String,
    /// `libur` (libur nasional) or `cuti` (cuti bersama).
    pub kind: String,
    pub name: String,
}

/// The bundled list for a year: `(entries, official?, source)`, or `None` when not bundled.
pub fn national_holidays(year: i32) -> Option<(Vec<NationalHoliday>, bool, String)> {
    let mut status: Option<(bool, String)> = None;
    let mut out = Vec::new();
    for line in NATIONAL_HOLIDAYS.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with("@status") && cols.len() >= 4 && cols[1] == year.to_string() {
            status = Some((cols[2] == "official", cols[3].to_string()));
        } else if cols.len() == 3 && cols[0].starts_with(&format!("{year:04}-")) {
            out.push(NationalHoliday {
                date: cols[0].to_string(),
                kind: cols[1].to_string(),
                name: cols[2].trim().to_string(),
            });
        }
    }
    status.map(|(official, source)| (out, official, source))
}

/// The years with a bundled list.
pub fn national_years() -> Vec<i32> {
    NATIONAL_HOLIDAYS
        .lines()
        .filter(|l| l.starts_with("@status"))
        .filter_map(|l| l.split('\t').nth(1)?.parse().ok())
        .collect()
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct HolidayLoadNationalInput {
    pub year: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct HolidayLoadResult {
    pub year: i32,
    /// True when the bundled list is the year's official SKB list; false when it is partial.
    pub official: bool,
    pub source: String,
    pub added: Vec<master::Holiday>,
    /// Dates already in the calendar (kept as they are).
    pub skipped: Vec<master::Holiday>,
    pub warnings: Vec<String>,
}

/// `holiday.load_national`: adds a year's national holidays and cuti bersama from the bundled
/// list. An action, never automatic; dates already in the calendar are skipped.
pub struct HolidayLoadNational;
impl Command for HolidayLoadNational {
    const NAME: &'static str = "holiday.load_national";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = HolidayLoadNationalInput;
    type Output = HolidayLoadResult;
    fn run(ctx: &mut Ctx<'_>, i: HolidayLoadNationalInput) -> Result<HolidayLoadResult> {
        let Some((list, official, source)) = national_holidays(i.year) else {
            let years: Vec<String> = national_years().iter().map(|y| y.to_string()).collect();
            return Err(Error::invalid(
                format!(
                    "there is no bundled holiday list for {}; bundled years: {}. Add the days with `loket holiday add`",
                    i.year,
                    years.join(", ")
                ),
                format!(
                    "tidak ada daftar hari libur bawaan untuk {}; tahun yang tersedia: {}. Tambahkan dengan `loket holiday add`",
                    i.year,
                    years.join(", ")
                ),
            ));
        };
        let existing: HashMap<String, String> = master::holidays(ctx.conn, Some(i.year))?
            .into_iter()
            .map(|h| (h.date, h.name))
            .collect();
        let mut added = Vec::new();
        let mut skipped = Vec::new();
        for h in list {
            if let Some(name) = existing.get(&h.date) {
                skipped.push(master::Holiday {
                    date: h.date,
                    name: name.clone(),
                });
                continue;
            }
            ctx.write(
                "holiday",
                &h.date,
                vec![("name", json!(h.name)), ("active", json!(true))],
            )?;
            added.push(master::Holiday {
                date: h.date,
                name: h.name,
            });
        }
        let mut warnings = vec![ctx.msg(&Msg::new(
            format!("check the {} calendar against the SKB 3 Menteri on national holidays and cuti bersama for that year", i.year),
            format!("periksa kalender {} dengan SKB 3 Menteri tentang hari libur nasional dan cuti bersama tahun itu", i.year),
        ))];
        if !official {
            warnings.push(ctx.msg(&Msg::new(
                format!("the bundled {} list is partial ({source}): add Isra Mikraj, Nyepi, Idul Fitri, Waisak, Idul Adha, 1 Muharam, Maulid and the cuti bersama from the SKB", i.year),
                format!("daftar bawaan {} belum lengkap: tambahkan Isra Mikraj, Nyepi, Idul Fitri, Waisak, Idul Adha, 1 Muharam, Maulid dan cuti bersama dari SKB", i.year),
            )));
        }
        Ok(HolidayLoadResult {
            year: i.year,
            official,
            source,
            added,
            skipped,
            warnings,
        })
    }
}

// ---------------------------------------------------------------- complaint records

/// A complaint as read from its projection plus its moves (for pauses).
#[derive(Debug, Clone)]
struct Rec {
    id: String,
    number: String,
    received_at: i64,
    kind: String,
    channel: String,
    category: String,
    service: Option<String>,
    agency: Option<String>,
    ticket: Option<String>,
    service_date: Option<String>,
    name: Option<String>,
    phone: Option<String>,
    nik: Option<String>,
    summary: String,
    details: Option<String>,
    respond_days: u32,
    resolve_days: u32,
    status: Status,
    assigned_nip: Option<String>,
    responded_at: Option<i64>,
    resolved_at: Option<i64>,
    closed_at: Option<i64>,
    answer: Option<String>,
    answer_at: Option<i64>,
    answer_by: Option<String>,
    registered_at: Option<i64>,
}

const REC_COLS: &str = "id, number, received_at, type, channel, category, service, agency, ticket, \
    service_date, name, phone, nik, summary, details, respond_days, resolve_days, status, \
    assigned_nip, responded_at, resolved_at, closed_at, answer, answer_at, answer_by, registered_at";

fn rec_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Rec> {
    let status: Option<String> = r.get(17)?;
    Ok(Rec {
        id: r.get(0)?,
        number: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        received_at: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
        kind: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        channel: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        category: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
        service: r.get(6)?,
        agency: r.get(7)?,
        ticket: r.get(8)?,
        service_date: r.get(9)?,
        name: r.get(10)?,
        phone: r.get(11)?,
        nik: r.get(12)?,
        summary: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
        details: r.get(14)?,
        respond_days: r.get::<_, Option<u32>>(15)?.unwrap_or(0),
        resolve_days: r.get::<_, Option<u32>>(16)?.unwrap_or(0),
        status: status
            .and_then(|s| Status::parse(&s).ok())
            .unwrap_or(Status::Received),
        assigned_nip: r.get(18)?,
        responded_at: r.get(19)?,
        resolved_at: r.get(20)?,
        closed_at: r.get(21)?,
        answer: r.get(22)?,
        answer_at: r.get(23)?,
        answer_by: r.get(24)?,
        registered_at: r.get(25)?,
    })
}

fn all_recs(conn: &Connection) -> Result<Vec<Rec>> {
    let mut st = conn.prepare(&format!(
        "SELECT {REC_COLS} FROM p_complaint WHERE number IS NOT NULL ORDER BY received_at, number"
    ))?;
    let rows = st.query_map([], rec_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Normalises a complaint number as typed (case, spaces).
fn number_key(raw: &str) -> String {
    raw.trim().to_uppercase()
}

fn find_rec(conn: &Connection, raw: &str) -> Result<Rec> {
    let number = number_key(raw);
    let mut st = conn.prepare(&format!(
        "SELECT {REC_COLS} FROM p_complaint WHERE number = ?1 ORDER BY id"
    ))?;
    let mut found: Vec<Rec> = st
        .query_map(params![number], rec_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    match found.len() {
        0 => Err(Error::invalid(
            format!("complaint {number} does not exist; see `loket complaint list`"),
            format!("pengaduan {number} tidak ada; lihat `loket complaint list`"),
        )),
        1 => Ok(found.remove(0)),
        _ => Err(Error::invalid(
            format!("complaint number {number} is used by {} records (two devices share a device tag); open it from the list", found.len()),
            format!("nomor pengaduan {number} dipakai {} catatan (dua perangkat berbagi tanda perangkat); buka dari daftar", found.len()),
        )),
    }
}

/// One moving step (status change) of a complaint, for pauses.
#[derive(Debug, Clone)]
struct Move {
    at: i64,
    to: Status,
}

fn moves_of(conn: &Connection, complaint: Option<&str>) -> Result<HashMap<String, Vec<Move>>> {
    let mut st = conn.prepare(
        "SELECT complaint, at, to_status FROM p_complaint_step
          WHERE to_status IS NOT NULL AND (?1 IS NULL OR complaint = ?1)
          ORDER BY complaint, at, ordinal, recorded_at, id",
    )?;
    let rows = st.query_map(params![complaint], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?.unwrap_or_default(),
            r.get::<_, Option<i64>>(1)?.unwrap_or(0),
            r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        ))
    })?;
    let mut out: HashMap<String, Vec<Move>> = HashMap::new();
    for row in rows {
        let (c, at, to) = row?;
        if let Ok(to) = Status::parse(&to) {
            out.entry(c).or_default().push(Move { at, to });
        }
    }
    Ok(out)
}

/// Working days paused while waiting for the citizen: for every waiting period, the working
/// days after the day it began up to and including the day it ended; a period still open
/// counts up to `as_of`.
fn paused_days(cal: &Calendar, tz: SiteZone, moves: &[Move], as_of: NaiveDate) -> u32 {
    let mut total = 0;
    let mut since: Option<NaiveDate> = None;
    for m in moves {
        let day = tz.local_date(m.at);
        match (m.to == Status::Waiting, since) {
            (true, None) => since = Some(day),
            (false, Some(start)) => {
                total += cal.workdays_between(start, day);
                since = None;
            }
            _ => {}
        }
    }
    if let Some(start) = since {
        total += cal.workdays_between(start, as_of);
    }
    total
}

/// Everything computed about a complaint as of a day.
#[derive(Debug, Clone)]
struct Figures {
    received: NaiveDate,
    respond_due: NaiveDate,
    resolve_due: NaiveDate,
    paused: u32,
    overdue: bool,
    resolution_days: Option<u32>,
    resolved_on_time: Option<bool>,
    responded_on_time: Option<bool>,
}

fn figures(rec: &Rec, moves: &[Move], cal: &Calendar, tz: SiteZone, as_of: NaiveDate) -> Figures {
    let received = tz.local_date(rec.received_at);
    let paused = paused_days(cal, tz, moves, as_of);
    let respond_due = cal.add_workdays(received, rec.respond_days);
    let resolve_due = cal.add_workdays(received, rec.resolve_days + paused);
    let overdue = (rec.status.is_open() && as_of > resolve_due)
        || (rec.status == Status::Received && as_of > respond_due);
    let resolved = rec.resolved_at.map(|ms| tz.local_date(ms));
    let resolution_days =
        resolved.map(|d| cal.workdays_between(received, d).saturating_sub(paused));
    Figures {
        received,
        respond_due,
        resolve_due,
        paused,
        overdue,
        resolution_days,
        resolved_on_time: resolved.map(|d| d <= resolve_due),
        responded_on_time: rec.responded_at.map(|ms| tz.local_date(ms) <= respond_due),
    }
}

/// One site-local day's complaint figures (the daily log, issue 9).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayCounts {
    /// Received that day.
    pub received: u32,
    /// Moved to `resolved` that day.
    pub resolved: u32,
    /// Open at the end of that day (the backlog).
    pub open: u32,
    /// Open and overdue at the end of that day.
    pub overdue: u32,
}

/// The complaint figures of a site for each of `days`. Each complaint's status at the end of
/// a day is replayed from its moves dated up to then, and overdue is decided by the same rule
/// as `complaint.list` as of that day, so a later move does not rewrite a past day.
pub fn day_counts(
    conn: &Connection,
    site_id: &str,
    tz: SiteZone,
    days: &[NaiveDate],
) -> Result<Vec<DayCounts>> {
    let cal = calendar(conn)?;
    let mut st = conn.prepare(&format!(
        "SELECT {REC_COLS} FROM p_complaint WHERE number IS NOT NULL AND site = ?1"
    ))?;
    let recs: Vec<Rec> = st
        .query_map(params![site_id], rec_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let moves = moves_of(conn, None)?;
    let none = Vec::new();
    let mut out = vec![DayCounts::default(); days.len()];
    for r in &recs {
        let ms = moves.get(&r.id).unwrap_or(&none);
        let received = tz.local_date(r.received_at);
        for (d, c) in days.iter().zip(out.iter_mut()) {
            if ms
                .iter()
                .any(|m| m.to == Status::Resolved && tz.local_date(m.at) == *d)
            {
                c.resolved += 1;
            }
            if received > *d {
                continue;
            }
            let end = tz.day_bounds(*d).1;
            let upto: Vec<Move> = ms.iter().filter(|m| m.at < end).cloned().collect();
            let mut then = r.clone();
            then.status = upto.last().map(|m| m.to).unwrap_or(Status::Received);
            then.resolved_at = upto
                .iter()
                .rev()
                .find(|m| m.to == Status::Resolved)
                .map(|m| m.at);
            let f = figures(&then, &upto, &cal, tz, *d);
            c.received += (received == *d) as u32;
            c.open += then.status.is_open() as u32;
            c.overdue += f.overdue as u32;
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- numbers

/// The 4-hex device tag in complaint numbers: the first 2 bytes of SHA-256(device id), so
/// devices initialised at the same moment (UUID v7 ids share their leading time bits) still
/// get different tags.
pub fn device_tag(device_id: &str) -> String {
    hex::encode_upper(&crate::log::sha256(device_id.as_bytes())[..2])
}

/// Allocates the next number `ADU-YYYYMMDD-TTTT-NNN` of this device for a site-local day
/// (inside the command's write transaction).
fn next_number(conn: &Connection, device_id: &str, day: NaiveDate) -> Result<String> {
    let prefix = format!("ADU-{}-{}-", day.format("%Y%m%d"), device_tag(device_id));
    let mut st = conn.prepare("SELECT number FROM p_complaint WHERE substr(number, 1, ?2) = ?1")?;
    let max = st
        .query_map(params![prefix, prefix.len() as i64], |r| {
            r.get::<_, Option<String>>(0)
        })?
        .filter_map(|n| n.ok().flatten())
        .filter_map(|n| n[prefix.len()..].parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("{prefix}{:03}", max + 1))
}

// ---------------------------------------------------------------- output rows

/// A complaint in lists (never a full NIK).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ComplaintRow {
    pub number: String,
    /// Site-local ISO 8601, e.g. `2026-11-23T09:15:00+07:00`.
    pub received_at: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub channel: String,
    pub category: String,
    pub status: Status,
    pub assigned_nip: Option<String>,
    /// `YYYY-MM-DD`: the respond deadline (leaving `received`).
    pub respond_due: String,
    /// `YYYY-MM-DD`: the resolve deadline, extended by `paused_days`.
    pub resolve_due: String,
    pub resolved_at: Option<String>,
    pub overdue: bool,
    pub paused_days: u32,
    pub summary: String,
    pub service: Option<String>,
    pub agency: Option<String>,
    /// Masked NIK, if one was given.
    pub nik: Option<String>,
}

fn row(rec: &Rec, f: &Figures, tz: SiteZone) -> ComplaintRow {
    ComplaintRow {
        number: rec.number.clone(),
        received_at: tz.format_iso(rec.received_at),
        kind: rec.kind.clone(),
        channel: rec.channel.clone(),
        category: rec.category.clone(),
        status: rec.status,
        assigned_nip: rec.assigned_nip.clone(),
        respond_due: f.respond_due.to_string(),
        resolve_due: f.resolve_due.to_string(),
        resolved_at: rec.resolved_at.map(|ms| tz.format_iso(ms)),
        overdue: f.overdue,
        paused_days: f.paused,
        summary: rec.summary.clone(),
        service: rec.service.clone(),
        agency: rec.agency.clone(),
        nik: rec.nik.as_deref().map(mask_nik),
    }
}

// ---------------------------------------------------------------- add

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ComplaintAddInput {
    pub channel: String,
    pub category: String,
    pub summary: String,
    /// pengaduan (default), aspirasi or informasi.
    #[serde(rename = "type")]
    #[ts(optional, rename = "type")]
    pub kind: Option<String>,
    /// Related service code; its agency becomes the complaint's agency.
    #[ts(optional)]
    pub service: Option<String>,
    /// Agency code, when there is no related service.
    #[ts(optional)]
    pub agency: Option<String>,
    /// Related queue ticket (free text, e.g. `A-007`).
    #[ts(optional)]
    pub ticket: Option<String>,
    /// The day the citizen was served (`YYYY-MM-DD`), for the 30-day rule.
    #[ts(optional)]
    pub service_date: Option<String>,
    /// Site-local `YYYY-MM-DDTHH:MM` when it really came in (default: now).
    #[ts(optional)]
    pub received: Option<String>,
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub phone: Option<String>,
    #[ts(optional)]
    pub nik: Option<String>,
    #[ts(optional)]
    pub details: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ComplaintAdded {
    pub number: String,
    pub respond_due: String,
    pub resolve_due: String,
    pub warnings: Vec<String>,
}

/// A citizen may complain up to this many days after the service (Perpres 76/2013).
pub const COMPLAIN_WITHIN_DAYS: i64 = 30;

pub struct ComplaintAdd;
impl Command for ComplaintAdd {
    const NAME: &'static str = "complaint.add";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = ComplaintAddInput;
    type Output = ComplaintAdded;
    fn run(ctx: &mut Ctx<'_>, i: ComplaintAddInput) -> Result<ComplaintAdded> {
        let tz = site_tz(ctx.conn)?;
        let channel = parse_channel(&i.channel)?;
        let kind = match i.kind.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(t) => parse_type(t)?,
            None => "pengaduan",
        };
        let category = category_key(&i.category)?;
        let summary = text("summary", "ringkasan", &i.summary)?;
        let details = opt_text(i.details.as_deref(), 4000, "details", "uraian")?;
        let name = opt_text(i.name.as_deref(), 200, "name", "nama")?;
        let phone = phone(i.phone.as_deref())?;
        let ticket = opt_text(i.ticket.as_deref(), 40, "ticket", "nomor tiket")?;
        let mut warnings = Vec::new();
        let nik = match i.nik.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(n) => {
                let n = parse_nik(n).map_err(Error::Invalid)?;
                warnings.extend(n.warnings.iter().map(|w| ctx.msg(w)));
                Some(n.digits)
            }
        };
        let Some(sla) = sla_profile(ctx.conn, &category)?.filter(|p| p.active) else {
            return Err(Error::invalid(
                format!("category {category} has no SLA profile; set one first with `loket sla set --category {category} --name TEXT --respond-days N --resolve-days N`"),
                format!("kategori {category} belum punya profil SLA; buat dahulu dengan `loket sla set --category {category} --name TEKS --respond-days N --resolve-days N`"),
            ));
        };
        let (service, mut agency) = match i
            .service
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(code) => {
                let s = master::service(ctx.conn, code)?;
                (Some(s.code), Some(s.agency).filter(|a| !a.is_empty()))
            }
            None => (None, None),
        };
        if let Some(a) = i.agency.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let a = master::code_key(crate::error::Kind::Agency, a)?;
            if !master::agencies(ctx.conn)?.iter().any(|x| x.code == a) {
                return Err(Error::NotFound {
                    kind: crate::error::Kind::Agency,
                    key: a,
                });
            }
            if agency.as_ref().is_some_and(|s| *s != a) {
                return Err(Error::invalid(
                    format!(
                        "service {} belongs to agency {}, not {a}",
                        service.clone().unwrap_or_default(),
                        agency.clone().unwrap_or_default()
                    ),
                    format!(
                        "layanan {} milik instansi {}, bukan {a}",
                        service.clone().unwrap_or_default(),
                        agency.clone().unwrap_or_default()
                    ),
                ));
            }
            agency = Some(a);
        }
        let received_at = local_time(ctx, tz, i.received.as_deref(), "received time")?;
        let received = tz.local_date(received_at);
        let service_date = match i
            .service_date
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(d) => {
                let d = parse_date(d)?;
                if d > received {
                    return Err(Error::invalid(
                        format!(
                            "the service date {d} is after the complaint was received ({received})"
                        ),
                        format!("tanggal layanan {d} sesudah pengaduan diterima ({received})"),
                    ));
                }
                let days = (received - d).num_days();
                if days > COMPLAIN_WITHIN_DAYS {
                    warnings.push(ctx.msg(&Msg::new(
                        format!("received {days} days after the service ({d}); complaints are due within {COMPLAIN_WITHIN_DAYS} days of the service (Perpres 76/2013)"),
                        format!("diterima {days} hari setelah layanan ({d}); pengaduan disampaikan paling lambat {COMPLAIN_WITHIN_DAYS} hari setelah layanan (Perpres 76/2013)"),
                    )));
                }
                Some(d.to_string())
            }
        };
        let dev = crate::log::require_local_device(ctx.conn)?;
        let site = system::this_site(ctx.conn)?;
        let number = next_number(ctx.conn, &dev.device_id, tz.local_date(ctx.now_ms()))?;
        let id = ctx.env.new_uuid().to_string();
        ctx.write(
            "complaint",
            &id,
            vec![
                ("number", json!(number)),
                ("received_at", json!(received_at)),
                ("type", json!(kind)),
                ("channel", json!(channel)),
                ("category", json!(category)),
                ("service", json!(service)),
                ("agency", json!(agency)),
                ("ticket", json!(ticket)),
                ("service_date", json!(service_date)),
                ("name", json!(name)),
                ("phone", json!(phone)),
                ("nik", json!(nik)),
                ("summary", json!(summary)),
                ("details", json!(details)),
                ("respond_days", json!(sla.respond_days)),
                ("resolve_days", json!(sla.resolve_days)),
                ("status", json!(Status::Received.as_str())),
                ("site", json!(site.id)),
                ("device", json!(dev.device_id)),
                ("registered_at", json!(ctx.now_ms())),
            ],
        )?;
        step(
            ctx,
            &id,
            "register",
            None,
            Some(Status::Received),
            None,
            None,
            received_at,
        )?;
        let rec = find_rec(ctx.conn, &number)?;
        let cal = calendar(ctx.conn)?;
        // An empty calendar for the year makes every weekday a working day: say so.
        let year = received.format("%Y").to_string();
        if master::holidays(ctx.conn, year.parse().ok())?.is_empty() {
            warnings.push(ctx.msg(&Msg::new(
                format!("the holiday calendar has no days in {year}: deadlines skip only weekends; load them with `loket holiday load-national --year {year}` or add them with `loket holiday add`"),
                format!("kalender hari libur {year} masih kosong: tenggat hanya melewati akhir pekan; muat dengan `loket holiday load-national --year {year}` atau tambahkan dengan `loket holiday add`"),
            )));
        }
        let f = figures(&rec, &[], &cal, tz, received);
        Ok(ComplaintAdded {
            number,
            respond_due: f.respond_due.to_string(),
            resolve_due: f.resolve_due.to_string(),
            warnings,
        })
    }
}

#[allow(clippy::too_many_arguments)]
fn step(
    ctx: &Ctx<'_>,
    complaint: &str,
    kind: &str,
    from: Option<Status>,
    to: Option<Status>,
    staff: Option<&str>,
    note: Option<&str>,
    at: i64,
) -> Result<()> {
    let id = ctx.env.new_uuid().to_string();
    // The position among this complaint's steps (ties of `at` keep the order they were made).
    let ordinal: i64 = ctx.conn.query_row(
        "SELECT COUNT(*) FROM p_complaint_step WHERE complaint = ?1",
        params![complaint],
        |r| r.get(0),
    )?;
    ctx.write(
        "complaint_step",
        &id,
        vec![
            ("complaint", json!(complaint)),
            ("kind", json!(kind)),
            ("from_status", json!(from.map(Status::as_str))),
            ("to_status", json!(to.map(Status::as_str))),
            ("staff", json!(staff)),
            ("note", json!(note)),
            ("at", json!(at)),
            ("ordinal", json!(ordinal + 1)),
            ("by_user", json!(ctx.author())),
            ("by_nip", json!(ctx.actor.nip())),
            ("recorded_at", json!(ctx.now_ms())),
        ],
    )?;
    Ok(())
}

/// The time of the latest status change (or the registration) of a complaint.
fn last_step_at(conn: &Connection, complaint: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT MAX(at) FROM p_complaint_step WHERE complaint = ?1 AND to_status IS NOT NULL",
            params![complaint],
            |r| r.get::<_, Option<i64>>(0),
        )
        .optional()?
        .flatten())
}

/// `--at` of a step: defaults to now; not before the complaint was received, not before its
/// latest status change (the lifecycle is recorded in order), not in the future.
fn step_time(ctx: &Ctx<'_>, tz: SiteZone, rec: &Rec, raw: Option<&str>) -> Result<i64> {
    let at = local_time(ctx, tz, raw, "time")?;
    if at < rec.received_at {
        return Err(Error::invalid(
            format!(
                "{} is before complaint {} was received ({})",
                tz.format_iso(at),
                rec.number,
                tz.format_iso(rec.received_at)
            ),
            format!(
                "{} sebelum pengaduan {} diterima ({})",
                tz.format_iso(at),
                rec.number,
                tz.format_iso(rec.received_at)
            ),
        ));
    }
    if let Some(last) = last_step_at(ctx.conn, &rec.id)? {
        if at < last {
            return Err(Error::invalid(
                format!(
                    "{} is before the latest status change of complaint {} ({}); the lifecycle is recorded in order",
                    tz.format_iso(at),
                    rec.number,
                    tz.format_iso(last)
                ),
                format!(
                    "{} sebelum perubahan status terakhir pengaduan {} ({}); status dicatat berurutan",
                    tz.format_iso(at),
                    rec.number,
                    tz.format_iso(last)
                ),
            ));
        }
    }
    Ok(at)
}

fn note_text(raw: Option<&str>) -> Result<Option<String>> {
    opt_text(raw, 2000, "note", "catatan")
}

/// Applies a transition: the step record and the registers it changes.
fn transition(
    ctx: &Ctx<'_>,
    rec: &Rec,
    to: Status,
    at: i64,
    staff: Option<&str>,
    note: Option<&str>,
    kind: &str,
) -> Result<()> {
    let from = rec.status;
    let mut f = vec![("status", json!(to.as_str()))];
    if from == Status::Received && rec.responded_at.is_none() {
        f.push(("responded_at", json!(at)));
    }
    match to {
        Status::Resolved => f.push(("resolved_at", json!(at))),
        Status::Closed => f.push(("closed_at", json!(at))),
        Status::InProgress if from == Status::Resolved => {
            f.push(("resolved_at", json!(null)));
        }
        _ => {}
    }
    if let Some(s) = staff {
        f.push(("assigned_nip", json!(s)));
    }
    ctx.write("complaint", &rec.id, f)?;
    step(ctx, &rec.id, kind, Some(from), Some(to), staff, note, at)
}

// ---------------------------------------------------------------- move / assign

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ComplaintMoveInput {
    pub number: String,
    /// verified, assigned, in_progress, waiting, resolved, closed, escalated, forwarded, rejected
    pub to: String,
    #[ts(optional)]
    pub note: Option<String>,
    /// Site-local `YYYY-MM-DDTHH:MM` (default: now).
    #[ts(optional)]
    pub at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ComplaintMoved {
    pub complaint: ComplaintRow,
    pub warnings: Vec<String>,
}

fn names(list: &[Status]) -> String {
    if list.is_empty() {
        "none (final)".into()
    } else {
        list.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn current_row(ctx: &Ctx<'_>, number: &str) -> Result<ComplaintRow> {
    let tz = site_tz(ctx.conn)?;
    let rec = find_rec(ctx.conn, number)?;
    let moves = moves_of(ctx.conn, Some(&rec.id))?
        .remove(&rec.id)
        .unwrap_or_default();
    let cal = calendar(ctx.conn)?;
    let today = tz.local_date(ctx.now_ms());
    Ok(row(&rec, &figures(&rec, &moves, &cal, tz, today), tz))
}

pub struct ComplaintMove;
impl Command for ComplaintMove {
    const NAME: &'static str = "complaint.move";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = ComplaintMoveInput;
    type Output = ComplaintMoved;
    fn run(ctx: &mut Ctx<'_>, i: ComplaintMoveInput) -> Result<ComplaintMoved> {
        let tz = site_tz(ctx.conn)?;
        let rec = find_rec(ctx.conn, &i.number)?;
        let to = Status::parse(&i.to)?;
        let allowed = rec.status.allowed();
        if !allowed.contains(&to) {
            let list = names(allowed);
            return Err(Error::invalid(
                format!(
                    "complaint {} is {}; it cannot move to {}; allowed: {list}",
                    rec.number,
                    rec.status.as_str(),
                    to.as_str()
                ),
                format!(
                    "pengaduan {} berstatus {}; tidak dapat pindah ke {}; yang boleh: {}",
                    rec.number,
                    rec.status.as_str(),
                    to.as_str(),
                    if allowed.is_empty() {
                        "tidak ada (final)".into()
                    } else {
                        list
                    }
                ),
            ));
        }
        let note = note_text(i.note.as_deref())?;
        let at = step_time(ctx, tz, &rec, i.at.as_deref())?;
        let mut warnings = Vec::new();
        if note.is_none() && matches!(to, Status::Rejected | Status::Forwarded | Status::Escalated)
        {
            warnings.push(ctx.msg(&Msg::new(
                format!(
                    "no reason was given for {}; add one with a note",
                    to.as_str()
                ),
                format!(
                    "alasan {} tidak diisi; tambahkan dengan catatan",
                    to.as_str()
                ),
            )));
        }
        transition(ctx, &rec, to, at, None, note.as_deref(), "move")?;
        Ok(ComplaintMoved {
            complaint: current_row(ctx, &rec.number)?,
            warnings,
        })
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ComplaintAssignInput {
    pub number: String,
    /// The officer's NIP.
    pub staff: String,
    #[ts(optional)]
    pub note: Option<String>,
    /// Site-local `YYYY-MM-DDTHH:MM` (default: now).
    #[ts(optional)]
    pub at: Option<String>,
}

/// `complaint.assign`: gives an open complaint to an officer; from `verified` it also moves
/// the complaint to `assigned`.
pub struct ComplaintAssign;
impl Command for ComplaintAssign {
    const NAME: &'static str = "complaint.assign";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = ComplaintAssignInput;
    type Output = ComplaintMoved;
    fn run(ctx: &mut Ctx<'_>, i: ComplaintAssignInput) -> Result<ComplaintMoved> {
        let tz = site_tz(ctx.conn)?;
        let rec = find_rec(ctx.conn, &i.number)?;
        if !rec.status.is_open() {
            return Err(Error::invalid(
                format!(
                    "complaint {} is {}; only open complaints (received, verified, assigned, in_progress, waiting, escalated) can be assigned",
                    rec.number,
                    rec.status.as_str()
                ),
                format!(
                    "pengaduan {} berstatus {}; hanya pengaduan terbuka (received, verified, assigned, in_progress, waiting, escalated) yang dapat ditugaskan",
                    rec.number,
                    rec.status.as_str()
                ),
            ));
        }
        let staff = master::staff(ctx.conn, &i.staff)?;
        if !staff.active {
            return Err(Error::invalid(
                format!("officer {} ({}) is inactive", staff.nip, staff.name),
                format!("pegawai {} ({}) tidak aktif", staff.nip, staff.name),
            ));
        }
        let note = note_text(i.note.as_deref())?;
        let at = step_time(ctx, tz, &rec, i.at.as_deref())?;
        if rec.status == Status::Verified {
            transition(
                ctx,
                &rec,
                Status::Assigned,
                at,
                Some(&staff.nip),
                note.as_deref(),
                "assign",
            )?;
        } else {
            ctx.write(
                "complaint",
                &rec.id,
                vec![("assigned_nip", json!(staff.nip))],
            )?;
            step(
                ctx,
                &rec.id,
                "assign",
                None,
                None,
                Some(&staff.nip),
                note.as_deref(),
                at,
            )?;
        }
        Ok(ComplaintMoved {
            complaint: current_row(ctx, &rec.number)?,
            warnings: vec![],
        })
    }
}

// ---------------------------------------------------------------- notes and answer

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ComplaintNoteInput {
    pub number: String,
    pub text: String,
    #[ts(optional)]
    pub at: Option<String>,
}

/// `complaint.note`: a follow-up note on the timeline (any status).
pub struct ComplaintNote;
impl Command for ComplaintNote {
    const NAME: &'static str = "complaint.note";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = ComplaintNoteInput;
    type Output = ComplaintDetail;
    fn run(ctx: &mut Ctx<'_>, i: ComplaintNoteInput) -> Result<ComplaintDetail> {
        let tz = site_tz(ctx.conn)?;
        let rec = find_rec(ctx.conn, &i.number)?;
        let t = long_text(&i.text, 2000, "the note", "catatan")?;
        let at = step_time(ctx, tz, &rec, i.at.as_deref())?;
        step(ctx, &rec.id, "note", None, None, None, Some(&t), at)?;
        detail(ctx, &rec.number, None)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ComplaintAnswerInput {
    pub number: String,
    /// The final answer given to the citizen.
    pub text: String,
}

/// `complaint.answer`: records (or corrects) the final answer to the citizen.
pub struct ComplaintAnswer;
impl Command for ComplaintAnswer {
    const NAME: &'static str = "complaint.answer";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = ComplaintAnswerInput;
    type Output = ComplaintDetail;
    fn run(ctx: &mut Ctx<'_>, i: ComplaintAnswerInput) -> Result<ComplaintDetail> {
        let rec = find_rec(ctx.conn, &i.number)?;
        let t = long_text(&i.text, 4000, "the answer", "jawaban")?;
        let now = ctx.now_ms();
        let at = now.max(last_step_at(ctx.conn, &rec.id)?.unwrap_or(0));
        ctx.write(
            "complaint",
            &rec.id,
            vec![
                ("answer", json!(t)),
                ("answer_at", json!(now)),
                ("answer_by", json!(ctx.author())),
            ],
        )?;
        step(ctx, &rec.id, "answer", None, None, None, Some(&t), at)?;
        detail(ctx, &rec.number, None)
    }
}

// ---------------------------------------------------------------- corrections

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ComplaintUpdateInput {
    pub number: String,
    #[serde(rename = "type")]
    #[ts(optional, rename = "type")]
    pub kind: Option<String>,
    #[ts(optional)]
    pub channel: Option<String>,
    #[ts(optional)]
    pub summary: Option<String>,
    /// An empty text removes the value (also for the fields below).
    #[ts(optional)]
    pub details: Option<String>,
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub phone: Option<String>,
    #[ts(optional)]
    pub nik: Option<String>,
    #[ts(optional)]
    pub ticket: Option<String>,
}

/// `complaint.update`: corrects what was registered (type, channel, summary, details, citizen
/// contact, NIK, ticket). The category, received time and SLA stay as registered; every
/// correction is a timeline entry naming the changed fields (never their values).
pub struct ComplaintUpdate;
impl Command for ComplaintUpdate {
    const NAME: &'static str = "complaint.update";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = ComplaintUpdateInput;
    type Output = ComplaintDetail;
    fn run(ctx: &mut Ctx<'_>, i: ComplaintUpdateInput) -> Result<ComplaintDetail> {
        let rec = find_rec(ctx.conn, &i.number)?;
        let mut f: Vec<(&str, serde_json::Value)> = Vec::new();
        if let Some(t) = &i.kind {
            f.push(("type", json!(parse_type(t)?)));
        }
        if let Some(c) = &i.channel {
            f.push(("channel", json!(parse_channel(c)?)));
        }
        if let Some(t) = &i.summary {
            f.push(("summary", json!(text("summary", "ringkasan", t)?)));
        }
        if let Some(t) = &i.details {
            f.push((
                "details",
                json!(opt_text(Some(t), 4000, "details", "uraian")?),
            ));
        }
        if let Some(t) = &i.name {
            f.push(("name", json!(opt_text(Some(t), 200, "name", "nama")?)));
        }
        if let Some(t) = &i.phone {
            f.push(("phone", json!(phone(Some(t))?)));
        }
        if let Some(t) = &i.ticket {
            f.push((
                "ticket",
                json!(opt_text(Some(t), 40, "ticket", "nomor tiket")?),
            ));
        }
        if let Some(t) = &i.nik {
            let v = match t.trim() {
                "" => None,
                n => Some(parse_nik(n).map_err(Error::Invalid)?.digits),
            };
            f.push(("nik", json!(v)));
        }
        let current = |name: &str| -> serde_json::Value {
            match name {
                "type" => json!(rec.kind),
                "channel" => json!(rec.channel),
                "summary" => json!(rec.summary),
                "details" => json!(rec.details),
                "name" => json!(rec.name),
                "phone" => json!(rec.phone),
                "ticket" => json!(rec.ticket),
                "nik" => json!(rec.nik),
                _ => serde_json::Value::Null,
            }
        };
        f.retain(|(k, v)| current(k) != *v);
        if !f.is_empty() {
            let changed: Vec<&str> = f.iter().map(|(k, _)| *k).collect();
            let note = format!("corrected: {}", changed.join(", "));
            ctx.write("complaint", &rec.id, f)?;
            let at = ctx
                .now_ms()
                .max(last_step_at(ctx.conn, &rec.id)?.unwrap_or(0));
            step(ctx, &rec.id, "edit", None, None, None, Some(&note), at)?;
        }
        detail(ctx, &rec.number, None)
    }
}

// ---------------------------------------------------------------- detail

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TimelineEntry {
    /// register, move, assign, note, answer or edit
    pub kind: String,
    /// Site-local ISO 8601.
    pub at: String,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    /// The officer assigned in this step.
    pub staff: Option<String>,
    pub staff_name: Option<String>,
    pub note: Option<String>,
    /// The user who recorded it (none: the machine administrator).
    pub by_user: Option<String>,
    pub by_nip: Option<String>,
    /// When it was recorded (differs from `at` for steps entered later).
    pub recorded_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ComplaintDetail {
    #[serde(flatten)]
    #[ts(flatten)]
    pub row: ComplaintRow,
    pub ticket: Option<String>,
    pub service_date: Option<String>,
    pub service_name: Option<String>,
    pub name: Option<String>,
    pub phone: Option<String>,
    /// Full NIK for admins only; masked for everyone else.
    pub nik_full: bool,
    pub details: Option<String>,
    pub respond_days: u32,
    pub resolve_days: u32,
    pub assigned_name: Option<String>,
    pub responded_at: Option<String>,
    pub responded_on_time: Option<bool>,
    pub resolved_on_time: Option<bool>,
    /// Working days from receipt to resolution, pauses excluded.
    pub resolution_days: Option<u32>,
    pub closed_at: Option<String>,
    pub answer: Option<String>,
    pub answer_at: Option<String>,
    pub answer_by: Option<String>,
    pub registered_at: Option<String>,
    /// Where the complaint may move next.
    pub allowed_moves: Vec<Status>,
    pub timeline: Vec<TimelineEntry>,
}

fn detail(ctx: &Ctx<'_>, number: &str, as_of: Option<NaiveDate>) -> Result<ComplaintDetail> {
    let tz = site_tz(ctx.conn)?;
    let rec = find_rec(ctx.conn, number)?;
    let moves = moves_of(ctx.conn, Some(&rec.id))?
        .remove(&rec.id)
        .unwrap_or_default();
    let cal = calendar(ctx.conn)?;
    let as_of = as_of.unwrap_or_else(|| tz.local_date(ctx.now_ms()));
    let f = figures(&rec, &moves, &cal, tz, as_of);
    let staff: HashMap<String, String> = master::staff_list(ctx.conn)?
        .into_iter()
        .map(|s| (s.nip, s.name))
        .collect();
    let mut st = ctx.conn.prepare(
        "SELECT kind, at, from_status, to_status, staff, note, by_user, by_nip, recorded_at
           FROM p_complaint_step WHERE complaint = ?1 ORDER BY at, ordinal, recorded_at, id",
    )?;
    let timeline = st
        .query_map(params![rec.id], |r| {
            let st = |v: Option<String>| v.and_then(|s| Status::parse(&s).ok());
            let staff_nip: Option<String> = r.get(4)?;
            Ok(TimelineEntry {
                kind: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                at: tz.format_iso(r.get::<_, Option<i64>>(1)?.unwrap_or(0)),
                from_status: st(r.get(2)?),
                to_status: st(r.get(3)?),
                staff_name: staff_nip.as_ref().and_then(|n| staff.get(n).cloned()),
                staff: staff_nip,
                note: r.get(5)?,
                by_user: r.get(6)?,
                by_nip: r.get(7)?,
                recorded_at: tz.format_iso(r.get::<_, Option<i64>>(8)?.unwrap_or(0)),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let full = is_admin(ctx.actor);
    let mut row = row(&rec, &f, tz);
    if full {
        row.nik = rec.nik.clone();
    }
    let service_name = match &rec.service {
        Some(s) => master::service(ctx.conn, s).ok().map(|s| s.name),
        None => None,
    };
    Ok(ComplaintDetail {
        row,
        ticket: rec.ticket.clone(),
        service_date: rec.service_date.clone(),
        service_name,
        name: rec.name.clone(),
        phone: rec.phone.clone(),
        nik_full: full && rec.nik.is_some(),
        details: rec.details.clone(),
        respond_days: rec.respond_days,
        resolve_days: rec.resolve_days,
        assigned_name: rec
            .assigned_nip
            .as_ref()
            .and_then(|n| staff.get(n).cloned()),
        responded_at: rec.responded_at.map(|ms| tz.format_iso(ms)),
        responded_on_time: f.responded_on_time,
        resolved_on_time: f.resolved_on_time,
        resolution_days: f.resolution_days,
        closed_at: rec.closed_at.map(|ms| tz.format_iso(ms)),
        answer: rec.answer.clone(),
        answer_at: rec.answer_at.map(|ms| tz.format_iso(ms)),
        answer_by: rec.answer_by.clone(),
        registered_at: rec.registered_at.map(|ms| tz.format_iso(ms)),
        allowed_moves: rec.status.allowed().to_vec(),
        timeline,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ComplaintShowInput {
    pub number: String,
    /// `YYYY-MM-DD` for overdue and pauses (default: today, site-local).
    #[ts(optional)]
    pub as_of: Option<String>,
}

/// `complaint.show`: one complaint with its full timeline. Only admins see the full NIK.
pub struct ComplaintShow;
impl Command for ComplaintShow {
    const NAME: &'static str = "complaint.show";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = ComplaintShowInput;
    type Output = ComplaintDetail;
    fn run(ctx: &mut Ctx<'_>, i: ComplaintShowInput) -> Result<ComplaintDetail> {
        let as_of = i.as_of.as_deref().map(parse_date).transpose()?;
        detail(ctx, &i.number, as_of)
    }
}

// ---------------------------------------------------------------- lists

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ComplaintListInput {
    /// Only overdue complaints.
    #[ts(optional)]
    pub overdue: Option<bool>,
    /// Only open complaints (not resolved, closed, rejected or forwarded).
    #[ts(optional)]
    pub open: Option<bool>,
    /// `YYYY-MM-DD` (default: today, site-local).
    #[ts(optional)]
    pub as_of: Option<String>,
    #[ts(optional)]
    pub status: Option<String>,
    #[ts(optional)]
    pub category: Option<String>,
    #[ts(optional)]
    pub channel: Option<String>,
    #[ts(optional)]
    pub assigned_nip: Option<String>,
    /// Received on or after this day (`YYYY-MM-DD`).
    #[ts(optional)]
    pub from: Option<String>,
    /// Received on or before this day (`YYYY-MM-DD`).
    #[ts(optional)]
    pub to: Option<String>,
}

fn as_of_date(ctx: &Ctx<'_>, tz: SiteZone, raw: Option<&str>) -> Result<NaiveDate> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => parse_date(d),
        None => Ok(tz.local_date(ctx.now_ms())),
    }
}

/// All complaints with their figures as of a day.
fn computed(ctx: &Ctx<'_>, tz: SiteZone, as_of: NaiveDate) -> Result<Vec<(Rec, Figures)>> {
    let cal = calendar(ctx.conn)?;
    let mut moves = moves_of(ctx.conn, None)?;
    Ok(all_recs(ctx.conn)?
        .into_iter()
        .map(|r| {
            let m = moves.remove(&r.id).unwrap_or_default();
            let f = figures(&r, &m, &cal, tz, as_of);
            (r, f)
        })
        .collect())
}

fn date_range(
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let from = from
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse_date)
        .transpose()?;
    let to = to
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse_date)
        .transpose()?;
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(Error::invalid(
                format!("the period starts ({a}) after it ends ({b})"),
                format!("periode dimulai ({a}) sesudah berakhir ({b})"),
            ));
        }
    }
    Ok((from, to))
}

/// `complaint.list`: overdue first, then by due date.
pub struct ComplaintList;
impl Command for ComplaintList {
    const NAME: &'static str = "complaint.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = ComplaintListInput;
    type Output = Vec<ComplaintRow>;
    fn run(ctx: &mut Ctx<'_>, i: ComplaintListInput) -> Result<Vec<ComplaintRow>> {
        let tz = site_tz(ctx.conn)?;
        let as_of = as_of_date(ctx, tz, i.as_of.as_deref())?;
        let status = i.status.as_deref().map(Status::parse).transpose()?;
        let category = i.category.as_deref().map(category_key).transpose()?;
        let channel = i.channel.as_deref().map(parse_channel).transpose()?;
        let (from, to) = date_range(i.from.as_deref(), i.to.as_deref())?;
        let nip: Option<String> = i
            .assigned_nip
            .as_deref()
            .map(|n| n.chars().filter(|c| !c.is_whitespace()).collect());
        let mut rows: Vec<(Rec, Figures)> = computed(ctx, tz, as_of)?
            .into_iter()
            .filter(|(r, f)| {
                (i.overdue != Some(true) || f.overdue)
                    && (i.open != Some(true) || r.status.is_open())
                    && status.is_none_or(|s| r.status == s)
                    && category.as_ref().is_none_or(|c| &r.category == c)
                    && channel.is_none_or(|c| r.channel == c)
                    && nip
                        .as_ref()
                        .is_none_or(|n| r.assigned_nip.as_ref() == Some(n))
                    && from.is_none_or(|d| f.received >= d)
                    && to.is_none_or(|d| f.received <= d)
            })
            .collect();
        rows.sort_by(|(ra, fa), (rb, fb)| {
            fb.overdue
                .cmp(&fa.overdue)
                .then(rb.status.is_open().cmp(&ra.status.is_open()))
                .then(fa.resolve_due.cmp(&fb.resolve_due))
                .then(ra.received_at.cmp(&rb.received_at))
                .then(ra.number.cmp(&rb.number))
        });
        Ok(rows.iter().map(|(r, f)| row(r, f, tz)).collect())
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ComplaintDueSoonInput {
    #[ts(optional)]
    pub as_of: Option<String>,
    /// Working days ahead (default 2).
    #[ts(optional)]
    pub within_days: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DueSoon {
    #[serde(flatten)]
    #[ts(flatten)]
    pub complaint: ComplaintRow,
    /// `respond` or `resolve`: the deadline that comes next.
    pub deadline: String,
    /// `YYYY-MM-DD`
    pub due: String,
    /// Working days left until it (0 = due today).
    pub days_left: u32,
}

/// `complaint.due_soon`: open complaints not yet overdue whose next deadline falls within the
/// next working days; soonest first. The supervisor's reminder list.
pub struct ComplaintDueSoon;
impl Command for ComplaintDueSoon {
    const NAME: &'static str = "complaint.due_soon";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = ComplaintDueSoonInput;
    type Output = Vec<DueSoon>;
    fn run(ctx: &mut Ctx<'_>, i: ComplaintDueSoonInput) -> Result<Vec<DueSoon>> {
        let tz = site_tz(ctx.conn)?;
        let as_of = as_of_date(ctx, tz, i.as_of.as_deref())?;
        let within = i.within_days.unwrap_or(2).min(60);
        let cal = calendar(ctx.conn)?;
        let horizon = cal.add_workdays(as_of, within);
        let mut out: Vec<DueSoon> = computed(ctx, tz, as_of)?
            .into_iter()
            .filter(|(r, f)| r.status.is_open() && !f.overdue)
            .filter_map(|(r, f)| {
                let (deadline, due) = if r.status == Status::Received {
                    ("respond", f.respond_due.min(f.resolve_due))
                } else {
                    ("resolve", f.resolve_due)
                };
                (due >= as_of && due <= horizon).then(|| DueSoon {
                    deadline: deadline.into(),
                    due: due.to_string(),
                    days_left: cal.workdays_between(as_of, due),
                    complaint: row(&r, &f, tz),
                })
            })
            .collect();
        out.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then(a.complaint.number.cmp(&b.complaint.number))
        });
        Ok(out)
    }
}

// ---------------------------------------------------------------- stats

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ComplaintStatsInput {
    /// Received on or after (`YYYY-MM-DD`).
    #[ts(optional)]
    pub from: Option<String>,
    /// Received on or before (`YYYY-MM-DD`).
    #[ts(optional)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatsItem {
    /// The category, channel, agency or officer NIP (null: none recorded).
    pub key: Option<String>,
    pub received: u32,
    pub resolved: u32,
    pub resolved_on_time: u32,
    /// Median working days from receipt to resolution (pauses excluded); null if none.
    pub median_resolution_days: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ComplaintFigures {
    pub from: Option<String>,
    pub to: Option<String>,
    pub received: u32,
    pub resolved: u32,
    pub resolved_on_time: u32,
    pub median_resolution_days: Option<f64>,
    /// Open complaints overdue today (site-local).
    pub overdue: u32,
    pub by_category: Vec<StatsItem>,
    pub by_channel: Vec<StatsItem>,
    pub by_agency: Vec<StatsItem>,
    pub by_officer: Vec<StatsItem>,
}

pub fn median(v: &mut [u32]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] as f64 + v[n / 2] as f64) / 2.0
    })
}

#[derive(Default)]
struct Acc {
    received: u32,
    resolved: u32,
    on_time: u32,
    days: Vec<u32>,
}

impl Acc {
    fn add(&mut self, f: &Figures) {
        self.received += 1;
        if let Some(d) = f.resolution_days {
            self.resolved += 1;
            self.days.push(d);
            if f.resolved_on_time == Some(true) {
                self.on_time += 1;
            }
        }
    }
    fn item(mut self, key: Option<String>) -> StatsItem {
        StatsItem {
            key,
            received: self.received,
            resolved: self.resolved,
            resolved_on_time: self.on_time,
            median_resolution_days: median(&mut self.days),
        }
    }
}

fn group(map: BTreeMap<Option<String>, Acc>) -> Vec<StatsItem> {
    map.into_iter().map(|(k, a)| a.item(k)).collect()
}

/// `complaint.stats`: figures for the complaints received in a period (site-local days): how
/// many were resolved (and are still resolved), how many of those by their resolve due date,
/// and the median resolution time in working days.
pub struct ComplaintStats;
impl Command for ComplaintStats {
    const NAME: &'static str = "complaint.stats";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = ComplaintStatsInput;
    type Output = ComplaintFigures;
    fn run(ctx: &mut Ctx<'_>, i: ComplaintStatsInput) -> Result<ComplaintFigures> {
        let tz = site_tz(ctx.conn)?;
        let (from, to) = date_range(i.from.as_deref(), i.to.as_deref())?;
        let today = tz.local_date(ctx.now_ms());
        let mut all = Acc::default();
        let mut overdue = 0;
        let mut by_category: BTreeMap<Option<String>, Acc> = BTreeMap::new();
        let mut by_channel: BTreeMap<Option<String>, Acc> = BTreeMap::new();
        let mut by_agency: BTreeMap<Option<String>, Acc> = BTreeMap::new();
        let mut by_officer: BTreeMap<Option<String>, Acc> = BTreeMap::new();
        for (r, f) in computed(ctx, tz, today)? {
            if from.is_some_and(|d| f.received < d) || to.is_some_and(|d| f.received > d) {
                continue;
            }
            all.add(&f);
            overdue += f.overdue as u32;
            by_category
                .entry(Some(r.category.clone()))
                .or_default()
                .add(&f);
            by_channel
                .entry(Some(r.channel.clone()))
                .or_default()
                .add(&f);
            by_agency.entry(r.agency.clone()).or_default().add(&f);
            by_officer
                .entry(r.assigned_nip.clone())
                .or_default()
                .add(&f);
        }
        let total = all.item(None);
        Ok(ComplaintFigures {
            from: from.map(|d| d.to_string()),
            to: to.map(|d| d.to_string()),
            received: total.received,
            resolved: total.resolved,
            resolved_on_time: total.resolved_on_time,
            median_resolution_days: total.median_resolution_days,
            overdue,
            by_category: group(by_category),
            by_channel: group(by_channel),
            by_agency: group(by_agency),
            by_officer: group(by_officer),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn lifecycle_table_is_exactly_the_issue() {
        use Status::*;
        let table: &[(Status, &[Status])] = &[
            (Received, &[Verified, Rejected, Forwarded]),
            (Verified, &[Assigned, Rejected, Forwarded, Escalated]),
            (Assigned, &[InProgress, Escalated, Forwarded]),
            (InProgress, &[Waiting, Resolved, Escalated]),
            (Waiting, &[InProgress, Resolved, Closed]),
            (Escalated, &[Assigned, InProgress]),
            (Resolved, &[Closed, InProgress]),
            (Closed, &[]),
            (Rejected, &[]),
            (Forwarded, &[]),
        ];
        for (from, to) in table {
            for s in Status::ALL {
                assert_eq!(
                    from.allowed().contains(&s),
                    to.contains(&s),
                    "{} → {}",
                    from.as_str(),
                    s.as_str()
                );
            }
        }
        // nothing ever moves back to received
        assert!(Status::ALL.iter().all(|s| !s.allowed().contains(&Received)));
        let open: Vec<&str> = Status::ALL
            .iter()
            .filter(|s| s.is_open())
            .map(|s| s.as_str())
            .collect();
        assert_eq!(
            open,
            [
                "received",
                "verified",
                "assigned",
                "in_progress",
                "waiting",
                "escalated"
            ]
        );
    }

    #[test]
    fn vocabularies_and_aliases() {
        for (raw, want) in [
            ("langsung", "langsung"),
            ("Walk-in", "langsung"),
            ("WA", "whatsapp"),
            ("telepon", "telepon"),
            ("phone", "telepon"),
            ("surat", "surat"),
            ("e-mail", "email"),
            ("SP4N-LAPOR!", "lapor"),
            ("lapor", "lapor"),
            ("kotak saran", "kotak_saran"),
            ("medsos", "media_sosial"),
            ("media_sosial", "media_sosial"),
        ] {
            assert_eq!(parse_channel(raw).unwrap(), want, "{raw}");
        }
        assert!(parse_channel("fax")
            .unwrap_err()
            .to_string()
            .contains("langsung, telepon"));
        assert_eq!(parse_type("permintaan informasi").unwrap(), "informasi");
        assert_eq!(parse_type("Aspirasi").unwrap(), "aspirasi");
        assert!(parse_type("gossip").is_err());
        assert_eq!(Status::parse("in-progress").unwrap(), Status::InProgress);
        assert!(Status::parse("done")
            .unwrap_err()
            .to_string()
            .contains("verified"));
    }

    #[test]
    fn pauses_count_working_days_after_the_start_up_to_the_end() {
        let tz = SiteZone::Wib;
        let at = |s: &str| {
            tz.local_to_ms(chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap())
        };
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mv = |s: &str, to: Status| Move { at: at(s), to };
        let cal = Calendar::new([d("2026-12-25"), d("2026-12-24"), d("2027-01-01")]);
        let cases: Vec<(Vec<Move>, &str, u32)> = vec![
            // no waiting
            (
                vec![mv("2026-11-23T09:00", Status::InProgress)],
                "2026-12-31",
                0,
            ),
            // Tue → Thu: Wed, Thu
            (
                vec![
                    mv("2026-11-24T09:00", Status::Waiting),
                    mv("2026-11-26T15:00", Status::InProgress),
                ],
                "2026-12-31",
                2,
            ),
            // waiting and back the same day: 0
            (
                vec![
                    mv("2026-11-24T09:00", Status::Waiting),
                    mv("2026-11-24T15:00", Status::InProgress),
                ],
                "2026-12-31",
                0,
            ),
            // Fri → Mon over a weekend: 1
            (
                vec![
                    mv("2026-11-27T16:00", Status::Waiting),
                    mv("2026-11-30T08:00", Status::Resolved),
                ],
                "2026-12-31",
                1,
            ),
            // still waiting: counts up to the as-of day
            (
                vec![mv("2026-11-24T09:00", Status::Waiting)],
                "2026-11-27",
                3,
            ),
            (
                vec![mv("2026-11-24T09:00", Status::Waiting)],
                "2026-11-24",
                0,
            ),
            // two periods; the second over the year end with holidays
            (
                vec![
                    mv("2026-11-24T09:00", Status::Waiting),
                    mv("2026-11-25T09:00", Status::InProgress),
                    mv("2026-12-23T09:00", Status::Waiting),
                    mv("2027-01-04T09:00", Status::InProgress),
                ],
                "2027-02-01",
                1 + 5,
            ),
        ];
        for (moves, as_of, want) in cases {
            assert_eq!(paused_days(&cal, tz, &moves, d(as_of)), want, "{moves:?}");
        }
    }

    #[test]
    fn device_tags_differ_for_time_ordered_ids() {
        let a = device_tag("019ab000-0000-7000-8000-000000000001");
        let b = device_tag("019ab000-0000-7000-8000-000000000002");
        assert_eq!(a.len(), 4);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase()));
        assert_ne!(a, b);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5]), Some(5.0));
        assert_eq!(median(&mut [9, 1, 4]), Some(4.0));
        assert_eq!(median(&mut [4, 1, 2, 9]), Some(3.0));
    }

    #[test]
    fn bundled_holidays_are_well_formed() {
        assert_eq!(national_years(), vec![2025, 2026, 2027]);
        for y in national_years() {
            let (list, official, _) = national_holidays(y).unwrap();
            assert_eq!(official, y != 2027, "{y}");
            let mut seen = std::collections::HashSet::new();
            for h in &list {
                let d = parse_date(&h.date).unwrap();
                assert_eq!(d.year(), y);
                assert!(seen.insert(d), "duplicate {d}");
                assert!(h.kind == "libur" || h.kind == "cuti", "{h:?}");
                assert!(!h.name.is_empty());
            }
        }
        let (y26, _, _) = national_holidays(2026).unwrap();
        // SKB 2026: 17 days of libur nasional (16 dates; Idul Fitri has 2) and 8 cuti bersama
        assert_eq!(y26.iter().filter(|h| h.kind == "libur").count(), 17);
        assert_eq!(y26.iter().filter(|h| h.kind == "cuti").count(), 8);
        let (y25, _, _) = national_holidays(2025).unwrap();
        assert_eq!(y25.iter().filter(|h| h.kind == "libur").count(), 17);
        // 10 cuti bersama + 18 Aug 2025 added in August 2025
        assert_eq!(y25.iter().filter(|h| h.kind == "cuti").count(), 11);
        assert!(national_holidays(2024).is_none());
    }
}
