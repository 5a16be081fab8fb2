//! The queue (antrian): tickets, their lifecycle, the ordering policies and the figures.
//!
//! A ticket is the entity `ticket` (fields written at each step); every step is also one
//! `ticket_step` record (one new id each, written once) carrying the officer, the counter and
//! the time: the ticket's history. Numbers (`A-001`) and the place in line (`order_key`) are
//! assigned inside the command's IMMEDIATE transaction, so two processes never issue the same
//! number nor call the same ticket. The live queue is the one of this device (its tickets of
//! today); lists and figures cover every device whose events this database holds.
//! Rules and formats: `docs/queue.md`.

pub mod escpos;
mod printer;
pub mod rules;
pub mod trip;

pub use printer::{
    PrinterSettings, QueuePrintOutcome, QueuePrintTo, QueuePrintToInput, QueuePrinter,
    QueueSetPrinter, QueueSetPrinterInput,
};

use std::collections::BTreeMap;

use chrono::{NaiveDate, Timelike};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::api::{Command, Ctx, Perm};
use crate::error::{Error, Kind, Result};
use crate::master::{self, code_key};
use crate::system::{this_site, Site};
use crate::time::parse_date;

use rules::{Cand, KEY_STEP};
pub use rules::{Policy, Status, Step, PRIORITY_GROUPS};

// ---------------------------------------------------------------- types

/// A ticket as lists, the desk and the board see it. Times are ISO 8601 with the site's offset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Ticket {
    pub number: String,
    /// The device that issued it (several devices may hold the same number after sync).
    pub device: String,
    /// The service whose line it is in now (changes on transfer).
    pub service: String,
    pub status: Status,
    pub priority: Option<String>,
    pub issued_at: String,
    /// The first call.
    pub called_at: Option<String>,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// The counter of the latest call.
    pub counter: Option<String>,
    /// NIP of the officer of the latest step at a counter, or null.
    pub officer: Option<String>,
    pub id: String,
    /// The service it was issued for (its number's prefix).
    pub issue_service: String,
    /// Site-local issue day `YYYY-MM-DD`.
    pub day: String,
    pub seq: i64,
    pub recalls: i64,
    /// `printed`, `failed`, or null (not recorded).
    pub print: Option<String>,
    pub site: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TicketStep {
    pub id: String,
    pub kind: Step,
    pub at: String,
    pub service: Option<String>,
    pub counter: Option<String>,
    pub officer: Option<String>,
    /// Step details: `{"from": "KTP", "to": "KK"}` (transfer), `{"after": 3}` (postpone),
    /// `{"result": "failed", "error": "…"}` (print), `{"reason": "…"}` (cancel).
    pub detail: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TicketDetail {
    pub ticket: Ticket,
    pub steps: Vec<TicketStep>,
}

/// The result of a step at the desk: the ticket, plus warnings worth showing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QueueStepResult {
    pub ticket: Ticket,
    pub warnings: Vec<String>,
}

// ---------------------------------------------------------------- reading

pub(crate) const COLS: &str =
    "id, number, device, service, status, priority, issued_at, called_at, \
    started_at, finished_at, counter, officer, issue_service, day, seq, recalls, print, site";

pub(crate) struct Row0 {
    pub(crate) id: String,
    pub(crate) number: String,
    pub(crate) device: String,
    pub(crate) service: String,
    pub(crate) status: Status,
    pub(crate) priority: Option<String>,
    pub(crate) issued_at: i64,
    pub(crate) called_at: Option<i64>,
    pub(crate) started_at: Option<i64>,
    pub(crate) finished_at: Option<i64>,
    pub(crate) counter: Option<String>,
    pub(crate) officer: Option<String>,
    pub(crate) issue_service: String,
    pub(crate) day: String,
    pub(crate) seq: i64,
    pub(crate) recalls: i64,
    pub(crate) print: Option<String>,
    pub(crate) site: Option<String>,
}

pub(crate) fn read_row(r: &Row<'_>) -> rusqlite::Result<Row0> {
    let status: Option<String> = r.get(4)?;
    Ok(Row0 {
        id: r.get(0)?,
        number: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        device: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        service: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        status: status
            .and_then(|s| Status::parse(&s).ok())
            .unwrap_or(Status::Issued),
        priority: r.get(5)?,
        issued_at: r.get::<_, Option<i64>>(6)?.unwrap_or(0),
        called_at: r.get(7)?,
        started_at: r.get(8)?,
        finished_at: r.get(9)?,
        counter: r.get(10)?,
        officer: r.get(11)?,
        issue_service: r.get::<_, Option<String>>(12)?.unwrap_or_default(),
        day: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
        seq: r.get::<_, Option<i64>>(14)?.unwrap_or(0),
        recalls: r.get::<_, Option<i64>>(15)?.unwrap_or(0),
        print: r.get(16)?,
        site: r.get(17)?,
    })
}

impl Row0 {
    fn ticket(self, site: &Site) -> Ticket {
        let f = |ms: Option<i64>| ms.map(|m| site.tz.format_iso(m));
        Ticket {
            number: self.number,
            device: self.device,
            service: self.service,
            status: self.status,
            priority: self.priority,
            issued_at: site.tz.format_iso(self.issued_at),
            called_at: f(self.called_at),
            started_at: f(self.started_at),
            finished_at: f(self.finished_at),
            counter: self.counter,
            officer: self.officer,
            id: self.id,
            issue_service: self.issue_service,
            day: self.day,
            seq: self.seq,
            recalls: self.recalls,
            print: self.print,
            site: self.site,
        }
    }
}

fn load(conn: &Connection, id: &str) -> Result<Row0> {
    conn.prepare_cached(&format!("SELECT {COLS} FROM p_ticket WHERE id = ?1"))?
        .query_row(params![id], read_row)
        .optional()?
        .ok_or_else(|| no_ticket(id))
}

fn no_ticket(key: &str) -> Error {
    Error::invalid(
        format!("there is no ticket {key} today on this device"),
        format!("tidak ada tiket {key} hari ini di perangkat ini"),
    )
}

/// This device, its site and the site-local day now.
struct Here {
    device: String,
    site: Site,
    now: i64,
    today: NaiveDate,
}

fn here(ctx: &Ctx<'_>) -> Result<Here> {
    let device = crate::log::require_local_device(ctx.conn)?.device_id;
    let site = this_site(ctx.conn)?;
    let now = ctx.now_ms();
    let today = site.tz.local_date(now);
    Ok(Here {
        device,
        site,
        now,
        today,
    })
}

/// Finds a ticket: its id, or a number meaning today's ticket on this device.
fn find(conn: &Connection, h: &Here, key: &str) -> Result<Row0> {
    let key = key.trim();
    if uuid::Uuid::parse_str(key).is_ok() {
        return load(conn, key);
    }
    let (prefix, seq) = rules::parse_number(key).ok_or_else(|| {
        Error::invalid(
            format!("{key:?} is not a ticket number such as A-001"),
            format!("{key:?} bukan nomor tiket seperti A-001"),
        )
    })?;
    let number = rules::format_number(&prefix, seq);
    let id: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM p_ticket WHERE device = ?1 AND day = ?2 AND prefix = ?3 AND seq = ?4",
        )?
        .query_row(params![h.device, h.today.to_string(), prefix, seq], |r| {
            r.get(0)
        })
        .optional()?;
    load(conn, &id.ok_or_else(|| no_ticket(&number))?)
}

/// A service by code (one cached query; `master::service` reads them all).
fn service(conn: &Connection, code: &str) -> Result<master::Service> {
    let code = code_key(Kind::Service, code)?;
    conn.prepare_cached(
        "SELECT id, agency, name, prefix, minutes, fee, product, policy, active
         FROM p_service WHERE id = ?1",
    )?
    .query_row(params![code], |r| {
        Ok(master::Service {
            code: r.get(0)?,
            agency: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            prefix: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            minutes: r.get(4)?,
            fee: r.get(5)?,
            product: r.get(6)?,
            policy: r
                .get::<_, Option<String>>(7)?
                .unwrap_or_else(|| master::DEFAULT_POLICY.into()),
            active: r.get::<_, Option<bool>>(8)?.unwrap_or(true),
        })
    })
    .optional()?
    .ok_or(Error::NotFound {
        kind: Kind::Service,
        key: code,
    })
}

/// A counter by code (one cached query).
fn counter(conn: &Connection, code: &str) -> Result<master::Counter> {
    let code = code_key(Kind::Counter, code)?;
    conn.prepare_cached("SELECT id, name, services, active FROM p_counter WHERE id = ?1")?
        .query_row(params![code], |r| {
            let services: Option<String> = r.get(2)?;
            Ok(master::Counter {
                code: r.get(0)?,
                name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                services: services
                    .and_then(|s| serde_json::from_str(&s).ok())
                    .unwrap_or_default(),
                active: r.get::<_, Option<bool>>(3)?.unwrap_or(true),
            })
        })
        .optional()?
        .ok_or(Error::NotFound {
            kind: Kind::Counter,
            key: code,
        })
}

fn active_service(conn: &Connection, code: &str) -> Result<master::Service> {
    let s = service(conn, code)?;
    if !s.active {
        return Err(Error::invalid(
            format!("service {} is not active", s.code),
            format!("layanan {} tidak aktif", s.code),
        ));
    }
    Ok(s)
}

fn active_counter(conn: &Connection, code: &str) -> Result<master::Counter> {
    let c = counter(conn, code)?;
    if !c.active {
        return Err(Error::invalid(
            format!("counter {} is not active", c.code),
            format!("loket {} tidak aktif", c.code),
        ));
    }
    Ok(c)
}

// ---------------------------------------------------------------- writing

/// The next place at the end of this device's line today: strictly increasing, so tickets
/// issued in the same millisecond keep their order.
fn fresh_key(conn: &Connection, h: &Here) -> Result<i64> {
    let max: Option<i64> = conn
        .prepare_cached("SELECT MAX(order_key) FROM p_ticket WHERE device = ?1 AND day = ?2")?
        .query_row(params![h.device, h.today.to_string()], |r| r.get(0))?;
    Ok((h.now * KEY_STEP).max(max.map_or(i64::MIN, |m| m + KEY_STEP)))
}

fn write_step(
    ctx: &Ctx<'_>,
    h: &Here,
    ticket: &str,
    kind: Step,
    service: &str,
    counter: Option<&str>,
    detail: Option<serde_json::Value>,
) -> Result<()> {
    // n = the seq this step's own event gets: running per device, never repeated
    let n = crate::log::require_local_device(ctx.conn)?.last_seq + 1;
    let id = ctx.env.new_uuid().to_string();
    crate::log::append(
        ctx.conn,
        ctx.env,
        ctx.author(),
        "ticket_step",
        &id,
        vec![
            ("ticket", json!(ticket)),
            ("n", json!(n)),
            ("device", json!(h.device)),
            ("kind", json!(kind.as_str())),
            ("at", json!(h.now)),
            ("day", json!(h.today.to_string())),
            ("service", json!(service)),
            ("counter", json!(counter)),
            ("officer", json!(ctx.actor.nip())),
            (
                "detail",
                detail.map_or(json!(null), |d| json!(d.to_string())),
            ),
        ],
    )?;
    Ok(())
}

/// Checks the step, writes the ticket's new fields and the step record.
#[allow(clippy::too_many_arguments)]
fn step(
    ctx: &Ctx<'_>,
    h: &Here,
    t: &Row0,
    kind: Step,
    service: &str,
    counter: Option<&str>,
    mut fields: Vec<(&str, serde_json::Value)>,
    detail: Option<serde_json::Value>,
) -> Result<Ticket> {
    let to = rules::next_status(&t.number, t.status, kind)?;
    fields.push(("status", json!(to.as_str())));
    ctx.write("ticket", &t.id, fields)?;
    write_step(ctx, h, &t.id, kind, service, counter, detail)?;
    Ok(load(ctx.conn, &t.id)?.ticket(&h.site))
}

/// The counter a desk step happens at: the given one (checked against the ticket's) or the
/// ticket's own.
fn desk_counter(conn: &Connection, t: &Row0, given: Option<&str>) -> Result<Option<String>> {
    match given {
        None => Ok(t.counter.clone()),
        Some(c) => {
            let c = active_counter(conn, c)?;
            if let Some(tc) = &t.counter {
                if tc != &c.code && t.status != Status::Issued {
                    return Err(Error::invalid(
                        format!(
                            "ticket {} was called to counter {tc}, not {}",
                            t.number, c.code
                        ),
                        format!(
                            "tiket {} dipanggil ke loket {tc}, bukan {}",
                            t.number, c.code
                        ),
                    ));
                }
            }
            Ok(Some(c.code))
        }
    }
}

// ---------------------------------------------------------------- policy

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ServiceSetPolicyInput {
    pub code: String,
    /// `fifo`, `strict` or `ratio:N` (N ≥ 1).
    pub policy: String,
}

/// `service.set_policy`: the ordering policy of a service's line.
pub struct ServiceSetPolicy;
impl Command for ServiceSetPolicy {
    const NAME: &'static str = "service.set_policy";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = ServiceSetPolicyInput;
    type Output = master::Service;
    fn run(ctx: &mut Ctx<'_>, i: ServiceSetPolicyInput) -> Result<master::Service> {
        let policy = Policy::parse(&i.policy)?;
        let s = master::service(ctx.conn, &i.code)?;
        ctx.write(
            "service",
            &s.code,
            vec![("policy", json!(policy.as_string()))],
        )?;
        master::service(ctx.conn, &s.code)
    }
}

// ---------------------------------------------------------------- issue

#[derive(Debug, Clone, Deserialize, TS)]
pub struct QueueIssueInput {
    pub service: String,
    /// `lansia`, `disabilitas`, `hamil` or `balita`.
    #[ts(optional)]
    pub priority: Option<String>,
}

/// `queue.issue`: a new ticket with the next number of the day for this device and prefix.
pub struct QueueIssue;
impl Command for QueueIssue {
    const NAME: &'static str = "queue.issue";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = QueueIssueInput;
    type Output = Ticket;
    fn run(ctx: &mut Ctx<'_>, i: QueueIssueInput) -> Result<Ticket> {
        let priority = rules::parse_priority(i.priority.as_deref())?;
        let s = active_service(ctx.conn, &i.service)?;
        let h = here(ctx)?;
        let day = h.today.to_string();
        let max: Option<i64> = ctx
            .conn
            .prepare_cached(
                "SELECT MAX(seq) FROM p_ticket WHERE device = ?1 AND day = ?2 AND prefix = ?3",
            )?
            .query_row(params![h.device, day, s.prefix], |r| r.get(0))?;
        let seq = max.unwrap_or(0) + 1;
        let number = rules::format_number(&s.prefix, seq);
        let key = fresh_key(ctx.conn, &h)?;
        let id = ctx.env.new_uuid().to_string();
        ctx.write(
            "ticket",
            &id,
            vec![
                ("number", json!(number)),
                ("seq", json!(seq)),
                ("prefix", json!(s.prefix)),
                ("issue_service", json!(s.code)),
                ("service", json!(s.code)),
                ("day", json!(day)),
                ("device", json!(h.device)),
                ("site", json!(h.site.id)),
                ("priority", json!(priority)),
                ("status", json!(Status::Issued.as_str())),
                ("issued_at", json!(h.now)),
                ("order_key", json!(key)),
                ("recalls", json!(0)),
            ],
        )?;
        write_step(ctx, &h, &id, Step::Issue, &s.code, None, None)?;
        Ok(load(ctx.conn, &id)?.ticket(&h.site))
    }
}

// ---------------------------------------------------------------- call

#[derive(Debug, Clone, Deserialize, TS)]
pub struct QueueCallInput {
    pub counter: String,
    /// Call this waiting ticket instead of the next one in line.
    #[ts(optional)]
    pub ticket: Option<String>,
}

/// Normal calls of a service today (this device) since its last priority call, counted up to
/// `cap` (the ratio's N: more is never needed). Walks the day's calls backwards.
fn normals_since_priority(conn: &Connection, h: &Here, service: &str, cap: u32) -> Result<u32> {
    let mut st = conn.prepare_cached(
        "SELECT t.priority IS NOT NULL FROM p_ticket_step s JOIN p_ticket t ON t.id = s.ticket
         WHERE s.device = ?1 AND s.day = ?2 AND s.service = ?3 AND s.kind = 'call'
         ORDER BY s.n DESC",
    )?;
    let mut rows = st.query(params![h.device, h.today.to_string(), service])?;
    let mut n = 0;
    while n < cap {
        match rows.next()? {
            Some(r) if !r.get::<_, bool>(0)? => n += 1,
            _ => break,
        }
    }
    Ok(n)
}

/// One service's waiting line today on this device, in line order: (id, candidate).
fn line(conn: &Connection, h: &Here, service: &str) -> Result<Vec<(String, Cand)>> {
    let mut st = conn.prepare_cached(
        "SELECT id, order_key, priority FROM p_ticket
         WHERE service = ?1 AND status = 'issued' AND day = ?2 AND device = ?3
         ORDER BY order_key, issued_at, seq, id",
    )?;
    let rows = st.query_map(params![service, h.today.to_string(), h.device], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Cand {
                key: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                priority: r.get::<_, Option<String>>(2)?.is_some(),
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The first ticket in a service's line and its first priority ticket (when another one), in
/// line order: all that [`rules::pick`] needs, read with two index lookups.
fn line_heads(
    conn: &Connection,
    h: &Here,
    service: &str,
    with_priority: bool,
) -> Result<Vec<(String, Cand)>> {
    let day = h.today.to_string();
    let read = |r: &Row<'_>| -> rusqlite::Result<(String, Cand)> {
        Ok((
            r.get::<_, String>(0)?,
            Cand {
                key: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                priority: r.get::<_, Option<String>>(2)?.is_some(),
            },
        ))
    };
    let first = conn
        .prepare_cached(
            "SELECT id, order_key, priority FROM p_ticket
             WHERE service = ?1 AND status = 'issued' AND day = ?2 AND device = ?3
             ORDER BY order_key, issued_at, seq, id LIMIT 1",
        )?
        .query_row(params![service, day, h.device], read)
        .optional()?;
    let Some(first) = first else {
        return Ok(vec![]);
    };
    if first.1.priority || !with_priority {
        return Ok(vec![first]);
    }
    let prio = conn
        .prepare_cached(
            "SELECT id, order_key, priority FROM p_ticket
             WHERE service = ?1 AND status = 'issued' AND day = ?2 AND device = ?3
               AND priority IS NOT NULL
             ORDER BY order_key, issued_at, seq, id LIMIT 1",
        )?
        .query_row(params![service, day, h.device], read)
        .optional()?;
    Ok(std::iter::once(first).chain(prio).collect())
}

/// The ticket a counter calls next. Each of its services picks by its own policy; among those
/// picks, one that its policy moved ahead (a priority ticket under `strict`/`ratio`) goes
/// first, otherwise the one longest in line (lowest order key) — see docs/queue.md.
fn next_for_counter(conn: &Connection, h: &Here, c: &master::Counter) -> Result<Option<String>> {
    let mut best: Option<((bool, i64), String)> = None;
    for code in &c.services {
        let Ok(s) = service(conn, code) else {
            continue;
        };
        if !s.active {
            continue;
        }
        // the policy only ever takes the first in line or the first priority ticket
        let policy = Policy::parse_or_fifo(Some(&s.policy));
        let since = match policy {
            Policy::Ratio(n) => normals_since_priority(conn, h, &s.code, n)?,
            _ => 0,
        };
        let may_jump = match policy {
            Policy::Fifo => false,
            Policy::Strict => true,
            Policy::Ratio(n) => since >= n,
        };
        let l = line_heads(conn, h, &s.code, may_jump)?;
        if l.is_empty() {
            continue;
        }
        let cands: Vec<Cand> = l.iter().map(|(_, c)| *c).collect();
        if let Some((i, jumped)) = rules::pick(policy, &cands, since) {
            let rank = (!jumped, cands[i].key);
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, l[i].0.clone()));
            }
        }
    }
    Ok(best.map(|(_, id)| id))
}

/// `queue.call`: the counter calls the next ticket of its services (or a given one).
pub struct QueueCall;
impl Command for QueueCall {
    const NAME: &'static str = "queue.call";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = QueueCallInput;
    type Output = QueueStepResult;
    fn run(ctx: &mut Ctx<'_>, i: QueueCallInput) -> Result<QueueStepResult> {
        let c = active_counter(ctx.conn, &i.counter)?;
        let h = here(ctx)?;
        let t = match &i.ticket {
            Some(key) => {
                let t = find(ctx.conn, &h, key)?;
                if t.status == Status::Issued && !c.services.contains(&t.service) {
                    return Err(Error::invalid(
                        format!(
                            "counter {} does not serve {} (ticket {}); transfer it first",
                            c.code, t.service, t.number
                        ),
                        format!(
                            "loket {} tidak melayani {} (tiket {}); alihkan dahulu",
                            c.code, t.service, t.number
                        ),
                    ));
                }
                t
            }
            None => {
                let id = next_for_counter(ctx.conn, &h, &c)?.ok_or_else(|| {
                    Error::invalid(
                        format!(
                            "no ticket is waiting for counter {} ({})",
                            c.code,
                            c.services.join(", ")
                        ),
                        format!(
                            "tidak ada tiket yang menunggu untuk loket {} ({})",
                            c.code,
                            c.services.join(", ")
                        ),
                    )
                })?;
                load(ctx.conn, &id)?
            }
        };
        // what this counter still has open (five named, more as "…"): a warning, not a refusal
        let mut open: Vec<String> = {
            let mut st = ctx.conn.prepare_cached(
                "SELECT number, status FROM p_ticket WHERE counter = ?1 AND device = ?2
                 AND day = ?3 AND status IN ('called', 'serving') AND id <> ?4 ORDER BY number
                 LIMIT 6",
            )?;
            let rows = st.query_map(params![c.code, h.device, h.today.to_string(), t.id], |r| {
                Ok(format!(
                    "{} ({})",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?
                ))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if open.len() > 5 {
            open.truncate(5);
            open.push("…".into());
        }
        let mut fields = vec![
            ("counter", json!(c.code)),
            ("officer", json!(ctx.actor.nip())),
        ];
        if t.called_at.is_none() {
            fields.push(("called_at", json!(h.now)));
        }
        let service = t.service.clone();
        let ticket = step(
            ctx,
            &h,
            &t,
            Step::Call,
            &service,
            Some(&c.code),
            fields,
            None,
        )?;
        let warnings = if open.is_empty() {
            vec![]
        } else {
            vec![ctx.msg(&crate::error::Msg::new(
                format!("counter {} still has {}", c.code, open.join(", ")),
                format!("loket {} masih memegang {}", c.code, open.join(", ")),
            ))]
        };
        Ok(QueueStepResult { ticket, warnings })
    }
}

// ---------------------------------------------------------------- desk steps

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TicketStepInput {
    /// A ticket number of today on this device (`A-001`) or a ticket id.
    pub ticket: String,
    /// The counter acting; defaults to the counter that called the ticket.
    #[ts(optional)]
    pub counter: Option<String>,
    /// Why (cancel).
    #[ts(optional)]
    pub reason: Option<String>,
}

fn desk_step(ctx: &Ctx<'_>, i: TicketStepInput, kind: Step) -> Result<Ticket> {
    let h = here(ctx)?;
    let t = find(ctx.conn, &h, &i.ticket)?;
    rules::next_status(&t.number, t.status, kind)?;
    let counter = desk_counter(ctx.conn, &t, i.counter.as_deref())?;
    let officer = json!(ctx.actor.nip());
    let mut fields: Vec<(&str, serde_json::Value)> = Vec::new();
    let mut detail = None;
    match kind {
        Step::Start => {
            fields.push(("started_at", json!(h.now)));
            fields.push(("officer", officer));
        }
        Step::Finish => {
            fields.push(("finished_at", json!(h.now)));
            fields.push(("officer", officer));
        }
        Step::NoShow => {
            fields.push(("finished_at", json!(h.now)));
            fields.push(("officer", officer));
        }
        Step::Recall => {
            fields.push(("recalls", json!(t.recalls + 1)));
        }
        Step::Cancel => {
            fields.push(("finished_at", json!(h.now)));
            if let Some(r) = i.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                detail = Some(json!({ "reason": r }));
            }
        }
        _ => unreachable!("desk_step handles start, finish, no-show, recall, cancel"),
    }
    let service = t.service.clone();
    step(
        ctx,
        &h,
        &t,
        kind,
        &service,
        counter.as_deref(),
        fields,
        detail,
    )
}

macro_rules! desk_command {
    ($ty:ident, $name:literal, $step:expr, $doc:literal) => {
        #[doc = $doc]
        pub struct $ty;
        impl Command for $ty {
            const NAME: &'static str = $name;
            const PERM: Perm = Perm::Desk;
            const MUTATES: bool = true;
            type Input = TicketStepInput;
            type Output = Ticket;
            fn run(ctx: &mut Ctx<'_>, i: TicketStepInput) -> Result<Ticket> {
                desk_step(ctx, i, $step)
            }
        }
    };
}

desk_command!(
    QueueStart,
    "queue.start",
    Step::Start,
    "`queue.start`: the citizen is at the counter; service begins."
);
desk_command!(
    QueueFinish,
    "queue.finish",
    Step::Finish,
    "`queue.finish`: service done."
);
desk_command!(
    QueueNoShow,
    "queue.no_show",
    Step::NoShow,
    "`queue.no_show`: called, did not come."
);
desk_command!(
    QueueRecall,
    "queue.recall",
    Step::Recall,
    "`queue.recall`: call the same ticket again (counted; never a new ticket)."
);
desk_command!(
    QueueCancel,
    "queue.cancel",
    Step::Cancel,
    "`queue.cancel`: the ticket is withdrawn."
);

#[derive(Debug, Clone, Deserialize, TS)]
pub struct QueueTransferInput {
    pub ticket: String,
    /// The service whose line it joins.
    pub service: String,
}

/// `queue.transfer`: the ticket keeps its number and history and joins the end of the new
/// service's line (by the time of the transfer), keeping its priority group.
pub struct QueueTransfer;
impl Command for QueueTransfer {
    const NAME: &'static str = "queue.transfer";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = QueueTransferInput;
    type Output = Ticket;
    fn run(ctx: &mut Ctx<'_>, i: QueueTransferInput) -> Result<Ticket> {
        let h = here(ctx)?;
        let t = find(ctx.conn, &h, &i.ticket)?;
        rules::next_status(&t.number, t.status, Step::Transfer)?;
        let s = active_service(ctx.conn, &i.service)?;
        if s.code == t.service {
            return Err(Error::invalid(
                format!("ticket {} is already in the line of {}", t.number, s.code),
                format!("tiket {} sudah berada di antrean {}", t.number, s.code),
            ));
        }
        let key = fresh_key(ctx.conn, &h)?;
        let from = t.service.clone();
        let counter = t.counter.clone();
        step(
            ctx,
            &h,
            &t,
            Step::Transfer,
            &s.code,
            counter.as_deref(),
            vec![("service", json!(s.code)), ("order_key", json!(key))],
            Some(json!({"from": from, "to": s.code})),
        )
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct QueuePostponeInput {
    pub ticket: String,
    /// How many other waiting tickets of its line go first (0 = next in line).
    pub after: i64,
}

/// `queue.postpone`: back into the line, after `after` other waiting tickets of its service
/// (in line order; fewer waiting → the end of the line).
pub struct QueuePostpone;
impl Command for QueuePostpone {
    const NAME: &'static str = "queue.postpone";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = QueuePostponeInput;
    type Output = Ticket;
    fn run(ctx: &mut Ctx<'_>, i: QueuePostponeInput) -> Result<Ticket> {
        if !(0..=1000).contains(&i.after) {
            return Err(Error::invalid(
                format!("--after must be 0-1000 tickets, not {}", i.after),
                format!("--after harus 0-1000 tiket, bukan {}", i.after),
            ));
        }
        let h = here(ctx)?;
        let t = find(ctx.conn, &h, &i.ticket)?;
        rules::next_status(&t.number, t.status, Step::Postpone)?;
        let others: Vec<i64> = line(ctx.conn, &h, &t.service)?
            .into_iter()
            .filter(|(id, _)| *id != t.id)
            .map(|(_, c)| c.key)
            .collect();
        let key = rules::postpone_key(&others, i.after as usize, fresh_key(ctx.conn, &h)?);
        let counter = t.counter.clone();
        let service = t.service.clone();
        step(
            ctx,
            &h,
            &t,
            Step::Postpone,
            &service,
            counter.as_deref(),
            vec![("order_key", json!(key))],
            Some(json!({ "after": i.after })),
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum QueuePrintResult {
    Printed,
    Failed,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct QueuePrintInput {
    pub ticket: String,
    pub result: QueuePrintResult,
    /// The printer's complaint, when it failed.
    #[ts(optional)]
    pub error: Option<String>,
}

/// `queue.print`: records a print attempt of a ticket (`printed` or `failed`). A reprint is
/// another attempt; the ticket shows the latest result.
pub struct QueuePrint;
impl Command for QueuePrint {
    const NAME: &'static str = "queue.print";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = QueuePrintInput;
    type Output = Ticket;
    fn run(ctx: &mut Ctx<'_>, i: QueuePrintInput) -> Result<Ticket> {
        record_print(ctx, &i.ticket, i.result, i.error.as_deref())
    }
}

/// Records one print attempt of a ticket (a `print` step; the ticket keeps the latest result).
fn record_print(
    ctx: &Ctx<'_>,
    ticket: &str,
    result: QueuePrintResult,
    error: Option<&str>,
) -> Result<Ticket> {
    let h = here(ctx)?;
    let t = find(ctx.conn, &h, ticket)?;
    let result = match result {
        QueuePrintResult::Printed => "printed",
        QueuePrintResult::Failed => "failed",
    };
    let mut detail = json!({ "result": result });
    if let Some(e) = error.map(str::trim).filter(|e| !e.is_empty()) {
        detail["error"] = json!(e);
    }
    let service = t.service.clone();
    step(
        ctx,
        &h,
        &t,
        Step::Print,
        &service,
        None,
        vec![("print", json!(result))],
        Some(detail),
    )
}

// ---------------------------------------------------------------- reading commands

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct QueueListInput {
    /// `YYYY-MM-DD`, site-local; default today.
    #[ts(optional)]
    pub date: Option<String>,
    /// Only tickets in the line of this counter's services or called to it.
    #[ts(optional)]
    pub counter: Option<String>,
    #[ts(optional)]
    pub service: Option<String>,
    #[ts(optional)]
    pub status: Option<String>,
}

fn day_of(ctx: &Ctx<'_>, site: &Site, date: Option<&str>) -> Result<NaiveDate> {
    match date {
        Some(d) => parse_date(d),
        None => Ok(site.tz.local_date(ctx.now_ms())),
    }
}

fn tickets_of_day(conn: &Connection, day: &str) -> Result<Vec<Row0>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM p_ticket WHERE day = ?1 ORDER BY issued_at, order_key, device, seq"
    ))?;
    let rows = st.query_map(params![day], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `queue.list`: the tickets of a day (every device), in issue order.
pub struct QueueList;
impl Command for QueueList {
    const NAME: &'static str = "queue.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = QueueListInput;
    type Output = Vec<Ticket>;
    fn run(ctx: &mut Ctx<'_>, i: QueueListInput) -> Result<Vec<Ticket>> {
        let site = this_site(ctx.conn)?;
        let day = day_of(ctx, &site, i.date.as_deref())?;
        let counter = i
            .counter
            .as_deref()
            .map(|c| master::counter(ctx.conn, c))
            .transpose()?;
        let service = i
            .service
            .as_deref()
            .map(|s| code_key(Kind::Service, s))
            .transpose()?;
        let status = i.status.as_deref().map(Status::parse).transpose()?;
        Ok(tickets_of_day(ctx.conn, &day.to_string())?
            .into_iter()
            .filter(|t| service.as_ref().is_none_or(|s| &t.service == s))
            .filter(|t| status.is_none_or(|s| t.status == s))
            .filter(|t| {
                counter.as_ref().is_none_or(|c| {
                    t.counter.as_deref() == Some(&c.code)
                        || (t.status == Status::Issued && c.services.contains(&t.service))
                })
            })
            .map(|t| t.ticket(&site))
            .collect())
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct QueueWaitingInput {
    #[ts(optional)]
    pub counter: Option<String>,
    #[ts(optional)]
    pub service: Option<String>,
}

/// `queue.waiting`: today's waiting tickets on this device in the order they will be called
/// (each service's policy applied; for a counter, its services merged as `queue.call` does).
pub struct QueueWaiting;
impl Command for QueueWaiting {
    const NAME: &'static str = "queue.waiting";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = QueueWaitingInput;
    type Output = Vec<Ticket>;
    fn run(ctx: &mut Ctx<'_>, i: QueueWaitingInput) -> Result<Vec<Ticket>> {
        let h = here(ctx)?;
        let services: Vec<String> = match (&i.counter, &i.service) {
            (Some(c), _) => master::counter(ctx.conn, c)?.services,
            (None, Some(s)) => vec![master::service(ctx.conn, s)?.code],
            (None, None) => master::services(ctx.conn)?
                .into_iter()
                .map(|s| s.code)
                .collect(),
        };
        // per service: its line in call order; the lines merged by place in line (order key)
        let mut heads: Vec<std::collections::VecDeque<(i64, String)>> = Vec::new();
        for code in services {
            let Ok(s) = master::service(ctx.conn, &code) else {
                continue;
            };
            let l = line(ctx.conn, &h, &s.code)?;
            let policy = Policy::parse_or_fifo(Some(&s.policy));
            let since = match policy {
                Policy::Ratio(n) => normals_since_priority(ctx.conn, &h, &s.code, n)?,
                _ => 0,
            };
            let cands: Vec<Cand> = l.iter().map(|(_, c)| *c).collect();
            heads.push(
                rules::call_order(policy, &cands, since)
                    .into_iter()
                    .map(|idx| (cands[idx].key, l[idx].0.clone()))
                    .collect(),
            );
        }
        let mut out = Vec::new();
        loop {
            let best = heads
                .iter()
                .enumerate()
                .filter_map(|(i, q)| q.front().map(|f| (f.0, i)))
                .min();
            let Some((_, qi)) = best else { break };
            let (_, id) = heads[qi].pop_front().expect("front");
            out.push(load(ctx.conn, &id)?.ticket(&h.site));
        }
        Ok(out)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct QueueGetInput {
    pub ticket: String,
}

/// `queue.get`: one ticket with its whole history.
pub struct QueueGet;
impl Command for QueueGet {
    const NAME: &'static str = "queue.get";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = QueueGetInput;
    type Output = TicketDetail;
    fn run(ctx: &mut Ctx<'_>, i: QueueGetInput) -> Result<TicketDetail> {
        let h = here(ctx)?;
        let t = find(ctx.conn, &h, &i.ticket)?;
        let mut st = ctx.conn.prepare_cached(
            "SELECT id, kind, at, service, counter, officer, detail FROM p_ticket_step
             WHERE ticket = ?1 ORDER BY at, n, id",
        )?;
        let steps = st
            .query_map(params![t.id], |r| {
                let kind: String = r.get(1)?;
                let detail: Option<String> = r.get(6)?;
                Ok(TicketStep {
                    id: r.get(0)?,
                    kind: serde_json::from_value(json!(kind)).unwrap_or(Step::Issue),
                    at: h
                        .site
                        .tz
                        .format_iso(r.get::<_, Option<i64>>(2)?.unwrap_or(0)),
                    service: r.get(3)?,
                    counter: r.get(4)?,
                    officer: r.get(5)?,
                    detail: detail.and_then(|d| serde_json::from_str(&d).ok()),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(TicketDetail {
            ticket: t.ticket(&h.site),
            steps,
        })
    }
}

// ---------------------------------------------------------------- display board

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QueueBoardCall {
    pub number: String,
    pub counter: String,
    pub counter_name: String,
    pub service: String,
    pub status: Status,
    /// `call` or `recall`.
    pub kind: Step,
    pub at: String,
    pub recalls: i64,
    /// Orders calls: higher is later (the board announces new ones).
    pub n: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QueueBoardWaiting {
    pub service: String,
    pub name: String,
    pub prefix: String,
    pub waiting: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QueueBoardState {
    /// Per counter, its ticket being called or served now (latest call first).
    pub current: Vec<QueueBoardCall>,
    /// The latest calls and recalls, newest first.
    pub last_calls: Vec<QueueBoardCall>,
    pub waiting: Vec<QueueBoardWaiting>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct QueueBoardInput {
    /// How many latest calls (default 10).
    #[ts(optional)]
    pub last: Option<u32>,
}

/// `queue.board`: what the display board shows, for this device's live queue today.
pub struct QueueBoard;
impl Command for QueueBoard {
    const NAME: &'static str = "queue.board";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = QueueBoardInput;
    type Output = QueueBoardState;
    fn run(ctx: &mut Ctx<'_>, i: QueueBoardInput) -> Result<QueueBoardState> {
        let h = here(ctx)?;
        let names: BTreeMap<String, String> = master::counters(ctx.conn)?
            .into_iter()
            .map(|c| (c.code, c.name))
            .collect();
        let mut st = ctx.conn.prepare_cached(
            "SELECT t.number, s.counter, t.service, t.status, s.kind, s.at, t.recalls, s.n, t.id
             FROM p_ticket_step s JOIN p_ticket t ON t.id = s.ticket
             WHERE s.device = ?1 AND s.day = ?2 AND s.kind IN ('call', 'recall')
             ORDER BY s.n DESC",
        )?;
        let mut rows = st.query(params![h.device, h.today.to_string()])?;
        let last_n = i.last.unwrap_or(10) as usize;
        let mut last_calls = Vec::new();
        let mut current: Vec<QueueBoardCall> = Vec::new();
        let mut seen_ticket = std::collections::BTreeSet::new();
        while let Some(r) = rows.next()? {
            let counter: String = r.get::<_, Option<String>>(1)?.unwrap_or_default();
            let status: String = r.get::<_, Option<String>>(3)?.unwrap_or_default();
            let kind: String = r.get(4)?;
            let call = QueueBoardCall {
                number: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                counter_name: names.get(&counter).cloned().unwrap_or_default(),
                counter,
                service: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                status: Status::parse(&status).unwrap_or(Status::Called),
                kind: if kind == "recall" {
                    Step::Recall
                } else {
                    Step::Call
                },
                at: h
                    .site
                    .tz
                    .format_iso(r.get::<_, Option<i64>>(5)?.unwrap_or(0)),
                recalls: r.get::<_, Option<i64>>(6)?.unwrap_or(0),
                n: r.get::<_, Option<i64>>(7)?.unwrap_or(0),
            };
            let tid: String = r.get(8)?;
            let first_seen = seen_ticket.insert(tid);
            if first_seen
                && matches!(call.status, Status::Called | Status::Serving)
                && !current.iter().any(|c| c.counter == call.counter)
            {
                current.push(call.clone());
            }
            if last_calls.len() < last_n {
                last_calls.push(call);
            } else if current.len() >= names.len() {
                break;
            }
        }
        drop(rows);
        let mut waiting = Vec::new();
        for s in master::services(ctx.conn)?.into_iter().filter(|s| s.active) {
            let n: i64 = ctx
                .conn
                .prepare_cached(
                    "SELECT COUNT(*) FROM p_ticket WHERE service = ?1 AND status = 'issued'
                     AND day = ?2 AND device = ?3",
                )?
                .query_row(params![s.code, h.today.to_string(), h.device], |r| r.get(0))?;
            waiting.push(QueueBoardWaiting {
                service: s.code,
                name: s.name,
                prefix: s.prefix,
                waiting: n,
            });
        }
        Ok(QueueBoardState {
            current,
            last_calls,
            waiting,
        })
    }
}

// ---------------------------------------------------------------- figures

/// QueueFigures of one group of tickets. Times are seconds; null when there is nothing to average.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct QueueFigures {
    pub issued: i64,
    pub called: i64,
    pub served: i64,
    pub no_show: i64,
    pub cancelled: i64,
    pub waiting: i64,
    /// issued → first call
    pub avg_wait_s: Option<i64>,
    /// call → start
    pub avg_walk_s: Option<i64>,
    /// start → done
    pub avg_service_s: Option<i64>,
    /// no-shows / called (0-1), null when none was called
    pub no_show_rate: Option<f64>,
    /// done tickets whose issue → done took longer than the service's promised minutes
    pub over_promise: i64,
}

#[derive(Default)]
pub(crate) struct Acc {
    f: QueueFigures,
    wait: (i64, i64),
    walk: (i64, i64),
    service: (i64, i64),
}

/// What the queue figures need of a ticket: its status and times.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Times {
    pub(crate) status: Status,
    pub(crate) issued_at: i64,
    pub(crate) called_at: Option<i64>,
    pub(crate) started_at: Option<i64>,
    pub(crate) finished_at: Option<i64>,
}

impl Acc {
    pub(crate) fn add(&mut self, t: &Row0, promised: Option<u32>, count_issued: bool) {
        self.add_times(
            Times {
                status: t.status,
                issued_at: t.issued_at,
                called_at: t.called_at,
                started_at: t.started_at,
                finished_at: t.finished_at,
            },
            promised,
            count_issued,
        )
    }

    pub(crate) fn add_times(&mut self, t: Times, promised: Option<u32>, count_issued: bool) {
        if count_issued {
            self.f.issued += 1;
        }
        if let Some(c) = t.called_at {
            self.f.called += 1;
            self.wait.0 += c - t.issued_at;
            self.wait.1 += 1;
            if let Some(s) = t.started_at {
                self.walk.0 += s - c;
                self.walk.1 += 1;
            }
        }
        match t.status {
            Status::Done => {
                self.f.served += 1;
                if let (Some(s), Some(e)) = (t.started_at, t.finished_at) {
                    self.service.0 += e - s;
                    self.service.1 += 1;
                }
                if let (Some(m), Some(e)) = (promised, t.finished_at) {
                    if e - t.issued_at > m as i64 * 60_000 {
                        self.f.over_promise += 1;
                    }
                }
            }
            Status::NoShow => self.f.no_show += 1,
            Status::Cancelled => self.f.cancelled += 1,
            Status::Issued => self.f.waiting += 1,
            _ => {}
        }
    }
    pub(crate) fn done(mut self) -> QueueFigures {
        let avg =
            |(s, n): (i64, i64)| (n > 0).then(|| (s as f64 / n as f64 / 1000.0).round() as i64);
        self.f.avg_wait_s = avg(self.wait);
        self.f.avg_walk_s = avg(self.walk);
        self.f.avg_service_s = avg(self.service);
        self.f.no_show_rate = (self.f.called > 0)
            .then(|| (self.f.no_show as f64 / self.f.called as f64 * 1000.0).round() / 1000.0);
        self.f
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceStats {
    pub service: String,
    pub name: String,
    /// Promised completion time (standar pelayanan), minutes.
    pub promised_minutes: Option<u32>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub figures: QueueFigures,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct QueueStatsInput {
    #[ts(optional)]
    pub date: Option<String>,
}

/// `queue.stats`: one day's figures per service (every device). `issued` counts tickets by the
/// service they were issued for; the rest by the service whose line they ended in.
pub struct QueueStats;
impl Command for QueueStats {
    const NAME: &'static str = "queue.stats";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = QueueStatsInput;
    type Output = Vec<ServiceStats>;
    fn run(ctx: &mut Ctx<'_>, i: QueueStatsInput) -> Result<Vec<ServiceStats>> {
        let site = this_site(ctx.conn)?;
        let day = day_of(ctx, &site, i.date.as_deref())?;
        service_stats(ctx.conn, &tickets_of_day(ctx.conn, &day.to_string())?)
    }
}

/// Figures per service of a set of tickets (`queue.stats`; the daily recap).
pub(crate) fn service_stats(conn: &Connection, tickets: &[Row0]) -> Result<Vec<ServiceStats>> {
    let services = master::services(conn)?;
    let promised: BTreeMap<&str, Option<u32>> = services
        .iter()
        .map(|s| (s.code.as_str(), s.minutes))
        .collect();
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    for t in tickets {
        let p = promised.get(t.service.as_str()).copied().flatten();
        acc.entry(t.service.clone())
            .or_default()
            .add(t, p, t.issue_service == t.service);
        if t.issue_service != t.service {
            acc.entry(t.issue_service.clone()).or_default().f.issued += 1;
        }
    }
    let mut out = Vec::new();
    for s in &services {
        let a = acc.remove(&s.code);
        if a.is_none() && !s.active {
            continue;
        }
        out.push(ServiceStats {
            service: s.code.clone(),
            name: s.name.clone(),
            promised_minutes: s.minutes,
            figures: a.unwrap_or_default().done(),
        });
    }
    for (code, a) in acc {
        out.push(ServiceStats {
            service: code,
            name: String::new(),
            promised_minutes: None,
            figures: a.done(),
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum QueueMetricsBy {
    Officer,
    Counter,
    Service,
    Hour,
    Day,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct QueueMetricsInput {
    pub by: QueueMetricsBy,
    /// First day `YYYY-MM-DD` (default today).
    #[ts(optional)]
    pub from: Option<String>,
    /// Last day, inclusive (default `from`).
    #[ts(optional)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QueueMetricsRow {
    /// The officer's NIP, counter code, service code, site-local hour `09`, or day; `-` for
    /// tickets without one (e.g. never called).
    pub key: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub figures: QueueFigures,
}

/// `queue.metrics`: the figures over a range of days grouped by officer, counter, service,
/// hour of issue or day.
pub struct QueueMetrics;
impl Command for QueueMetrics {
    const NAME: &'static str = "queue.metrics";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = QueueMetricsInput;
    type Output = Vec<QueueMetricsRow>;
    fn run(ctx: &mut Ctx<'_>, i: QueueMetricsInput) -> Result<Vec<QueueMetricsRow>> {
        let site = this_site(ctx.conn)?;
        let from = day_of(ctx, &site, i.from.as_deref())?;
        let to = match &i.to {
            Some(t) => parse_date(t)?,
            None => from,
        };
        if to < from || (to - from).num_days() > 3660 {
            return Err(Error::invalid(
                "the range must run forward and span at most 10 years",
                "rentang tanggal harus maju dan paling panjang 10 tahun",
            ));
        }
        let promised: BTreeMap<String, Option<u32>> = master::services(ctx.conn)?
            .into_iter()
            .map(|s| (s.code, s.minutes))
            .collect();
        let mut st = ctx.conn.prepare_cached(&format!(
            "SELECT {COLS} FROM p_ticket WHERE day >= ?1 AND day <= ?2"
        ))?;
        let rows = st.query_map(params![from.to_string(), to.to_string()], read_row)?;
        let mut g = Grouper::new(i.by, site.tz, promised);
        for t in rows {
            g.add(&t?);
        }
        Ok(g.rows())
    }
}

/// Figures grouped by officer, counter, service, hour or day (`queue.metrics`; the daily
/// recap and period recaps).
pub(crate) struct Grouper {
    by: QueueMetricsBy,
    tz: crate::time::SiteZone,
    promised: BTreeMap<String, Option<u32>>,
    acc: BTreeMap<String, Acc>,
}

impl Grouper {
    pub(crate) fn new(
        by: QueueMetricsBy,
        tz: crate::time::SiteZone,
        promised: BTreeMap<String, Option<u32>>,
    ) -> Grouper {
        Grouper {
            by,
            tz,
            promised,
            acc: BTreeMap::new(),
        }
    }
    pub(crate) fn add(&mut self, t: &Row0) {
        let key = match self.by {
            QueueMetricsBy::Officer => t.officer.clone(),
            QueueMetricsBy::Counter => t.counter.clone(),
            QueueMetricsBy::Service => Some(t.service.clone()),
            QueueMetricsBy::Hour => Some(format!("{:02}", self.tz.datetime(t.issued_at).hour())),
            QueueMetricsBy::Day => Some(t.day.clone()),
        }
        .unwrap_or_else(|| "-".into());
        let p = self.promised.get(&t.service).copied().flatten();
        self.acc.entry(key).or_default().add(t, p, true);
    }
    pub(crate) fn rows(self) -> Vec<QueueMetricsRow> {
        self.acc
            .into_iter()
            .map(|(key, a)| QueueMetricsRow {
                key,
                figures: a.done(),
            })
            .collect()
    }
}
