//! `loket sla …`, `loket complaint …` and `loket holiday load-national`: complaints
//! (pengaduan), their SLA profiles and the bundled national holiday lists.

use clap::Subcommand;
use loket_core::accounts::Empty;
use loket_core::complaints as c;
use serde::Serialize;

use crate::output::{print_list, yes, Table};
use crate::{warn, App, ListArgs, Res};

#[derive(Subcommand)]
pub enum SlaCmd {
    /// Create or change the SLA profile of a complaint category (working days)
    Set {
        #[arg(long)]
        category: String,
        #[arg(long)]
        name: String,
        /// Working days to respond (leave `received`)
        #[arg(long)]
        respond_days: i64,
        /// Working days to resolve (extended while waiting for the citizen)
        #[arg(long)]
        resolve_days: i64,
    },
    /// Deactivate a category's profile (new complaints of it are refused)
    Remove {
        #[arg(long)]
        category: String,
    },
    List(ListArgs),
}

#[derive(Subcommand)]
pub enum ComplaintCmd {
    /// Register a complaint; prints its number
    Add {
        /// langsung, telepon, whatsapp, surat, email, lapor, kotak_saran, media_sosial
        #[arg(long)]
        channel: String,
        /// Category code (needs an SLA profile: `loket sla set`)
        #[arg(long)]
        category: String,
        #[arg(long)]
        summary: String,
        /// pengaduan (default), aspirasi or informasi
        #[arg(long = "type")]
        kind: Option<String>,
        /// Related service code (its agency is recorded)
        #[arg(long)]
        service: Option<String>,
        /// Agency code, when there is no related service
        #[arg(long)]
        agency: Option<String>,
        /// Related queue ticket, e.g. A-007
        #[arg(long)]
        ticket: Option<String>,
        /// Day of the service complained about (YYYY-MM-DD), for the 30-day rule
        #[arg(long)]
        service_date: Option<String>,
        /// When it really came in, site-local YYYY-MM-DDTHH:MM (default: now)
        #[arg(long)]
        received: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        nik: Option<String>,
        #[arg(long)]
        details: Option<String>,
    },
    /// Assign an open complaint to an officer (from `verified` it also moves to `assigned`)
    Assign {
        #[arg(long)]
        number: String,
        /// Officer NIP
        #[arg(long)]
        staff: String,
        #[arg(long)]
        note: Option<String>,
        /// Site-local YYYY-MM-DDTHH:MM (default: now)
        #[arg(long)]
        at: Option<String>,
    },
    /// Move a complaint along its lifecycle
    Move {
        #[arg(long)]
        number: String,
        /// verified assigned in_progress waiting resolved closed escalated forwarded rejected
        #[arg(long)]
        to: String,
        /// Why (kept on the timeline)
        #[arg(long)]
        note: Option<String>,
        /// Site-local YYYY-MM-DDTHH:MM (default: now)
        #[arg(long)]
        at: Option<String>,
    },
    /// Add a follow-up note to the timeline
    Note {
        #[arg(long)]
        number: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        at: Option<String>,
    },
    /// Record the final answer given to the citizen
    Answer {
        #[arg(long)]
        number: String,
        #[arg(long)]
        text: String,
    },
    /// Correct what was registered (an empty value removes it)
    Update {
        #[arg(long)]
        number: String,
        #[arg(long = "type")]
        kind: Option<String>,
        #[arg(long)]
        channel: Option<String>,
        #[arg(long)]
        summary: Option<String>,
        #[arg(long)]
        details: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        nik: Option<String>,
        #[arg(long)]
        ticket: Option<String>,
    },
    /// One complaint with its timeline
    Show {
        #[arg(long)]
        number: String,
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Complaints, overdue first
    List {
        /// Only overdue complaints
        #[arg(long)]
        overdue: bool,
        /// Only open complaints
        #[arg(long)]
        open: bool,
        /// YYYY-MM-DD (default: today, site-local)
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        channel: Option<String>,
        /// Assigned officer NIP
        #[arg(long)]
        staff: Option<String>,
        /// Received on or after (YYYY-MM-DD)
        #[arg(long)]
        from: Option<String>,
        /// Received on or before (YYYY-MM-DD)
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Open complaints whose next deadline is within N working days
    DueSoon {
        #[arg(long)]
        as_of: Option<String>,
        /// Working days ahead (default 2)
        #[arg(long)]
        within: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Figures for complaints received in a period
    Stats {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// The `complaint list --json` contract: exactly these keys, never a full NIK.
#[derive(Serialize)]
struct ListRow<'a> {
    number: &'a str,
    received_at: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    channel: &'a str,
    category: &'a str,
    status: c::Status,
    assigned_nip: Option<&'a str>,
    respond_due: &'a str,
    resolve_due: &'a str,
    resolved_at: Option<&'a str>,
    overdue: bool,
    paused_days: u32,
}

impl<'a> From<&'a c::ComplaintRow> for ListRow<'a> {
    fn from(r: &'a c::ComplaintRow) -> Self {
        ListRow {
            number: &r.number,
            received_at: &r.received_at,
            kind: &r.kind,
            channel: &r.channel,
            category: &r.category,
            status: r.status,
            assigned_nip: r.assigned_nip.as_deref(),
            respond_due: &r.respond_due,
            resolve_due: &r.resolve_due,
            resolved_at: r.resolved_at.as_deref(),
            overdue: r.overdue,
            paused_days: r.paused_days,
        }
    }
}

fn table(rows: &[c::ComplaintRow]) -> Table {
    Table::new(&[
        "NUMBER", "RECEIVED", "TYPE", "CHANNEL", "CATEGORY", "STATUS", "OFFICER", "RESPOND",
        "RESOLVE", "PAUSED", "OVERDUE", "SUMMARY",
    ])
    .rows(rows.iter().map(|r| {
        vec![
            r.number.clone(),
            r.received_at.chars().take(16).collect(),
            r.kind.clone(),
            r.channel.clone(),
            r.category.clone(),
            r.status.as_str().into(),
            r.assigned_nip.clone().unwrap_or_default(),
            r.respond_due.clone(),
            r.resolve_due.clone(),
            r.paused_days.to_string(),
            yes(r.overdue),
            r.summary.chars().take(40).collect(),
        ]
    }))
}

fn json<T: Serialize>(v: &T) {
    println!("{}", serde_json::to_string_pretty(v).expect("json"));
}

pub fn sla(app: &App, cmd: SlaCmd) -> Res {
    match cmd {
        SlaCmd::Set {
            category,
            name,
            respond_days,
            resolve_days,
        } => {
            let p = app.run::<c::SlaSet>(c::SlaSetInput {
                category,
                name,
                respond_days,
                resolve_days,
            })?;
            println!(
                "SLA {}: respond in {} and resolve in {} working days",
                p.category, p.respond_days, p.resolve_days
            );
        }
        SlaCmd::Remove { category } => {
            let p = app.run::<c::SlaRemove>(c::SlaRemoveInput { category })?;
            println!("SLA profile {} removed", p.category);
        }
        SlaCmd::List(l) => {
            let rows = app.run::<c::SlaList>(Empty {})?;
            print_list(l.json, &rows, || {
                Table::new(&["CATEGORY", "NAME", "RESPOND_DAYS", "RESOLVE_DAYS"]).rows(
                    rows.iter().map(|p| {
                        vec![
                            p.category.clone(),
                            p.name.clone(),
                            p.respond_days.to_string(),
                            p.resolve_days.to_string(),
                        ]
                    }),
                )
            });
        }
    }
    Ok(())
}

/// `loket holiday load-national --year Y`
pub fn load_national(app: &App, year: i32, as_json: bool) -> Res {
    let r = app.run::<c::HolidayLoadNational>(c::HolidayLoadNationalInput { year })?;
    warn(app, &r.warnings);
    if as_json {
        json(&r);
    } else {
        println!(
            "{} holidays of {} added, {} already present ({})",
            r.added.len(),
            r.year,
            r.skipped.len(),
            r.source
        );
    }
    Ok(())
}

pub fn complaint(app: &App, cmd: ComplaintCmd) -> Res {
    match cmd {
        ComplaintCmd::Add {
            channel,
            category,
            summary,
            kind,
            service,
            agency,
            ticket,
            service_date,
            received,
            name,
            phone,
            nik,
            details,
        } => {
            let r = app.run::<c::ComplaintAdd>(c::ComplaintAddInput {
                channel,
                category,
                summary,
                kind,
                service,
                agency,
                ticket,
                service_date,
                received,
                name,
                phone,
                nik,
                details,
            })?;
            warn(app, &r.warnings);
            println!("{}", r.number);
        }
        ComplaintCmd::Assign {
            number,
            staff,
            note,
            at,
        } => {
            let r = app.run::<c::ComplaintAssign>(c::ComplaintAssignInput {
                number,
                staff,
                note,
                at,
            })?;
            warn(app, &r.warnings);
            println!(
                "complaint {} assigned to {} ({})",
                r.complaint.number,
                r.complaint.assigned_nip.unwrap_or_default(),
                r.complaint.status.as_str()
            );
        }
        ComplaintCmd::Move {
            number,
            to,
            note,
            at,
        } => {
            let r = app.run::<c::ComplaintMove>(c::ComplaintMoveInput {
                number,
                to,
                note,
                at,
            })?;
            warn(app, &r.warnings);
            println!(
                "complaint {} is now {}",
                r.complaint.number,
                r.complaint.status.as_str()
            );
        }
        ComplaintCmd::Note { number, text, at } => {
            let d = app.run::<c::ComplaintNote>(c::ComplaintNoteInput { number, text, at })?;
            println!("note added to complaint {}", d.row.number);
        }
        ComplaintCmd::Answer { number, text } => {
            let d = app.run::<c::ComplaintAnswer>(c::ComplaintAnswerInput { number, text })?;
            println!("answer of complaint {} recorded", d.row.number);
        }
        ComplaintCmd::Update {
            number,
            kind,
            channel,
            summary,
            details,
            name,
            phone,
            nik,
            ticket,
        } => {
            let d = app.run::<c::ComplaintUpdate>(c::ComplaintUpdateInput {
                number,
                kind,
                channel,
                summary,
                details,
                name,
                phone,
                nik,
                ticket,
            })?;
            println!("complaint {} updated", d.row.number);
        }
        ComplaintCmd::Show {
            number,
            as_of,
            json: as_json,
        } => {
            let d = app.run::<c::ComplaintShow>(c::ComplaintShowInput { number, as_of })?;
            if as_json {
                json(&d);
            } else {
                show(&d);
            }
        }
        ComplaintCmd::List {
            overdue,
            open,
            as_of,
            status,
            category,
            channel,
            staff,
            from,
            to,
            json: as_json,
        } => {
            let rows = app.run::<c::ComplaintList>(c::ComplaintListInput {
                overdue: Some(overdue),
                open: Some(open),
                as_of,
                status,
                category,
                channel,
                assigned_nip: staff,
                from,
                to,
            })?;
            let out: Vec<ListRow> = rows.iter().map(ListRow::from).collect();
            print_list(as_json, &out, || table(&rows));
        }
        ComplaintCmd::DueSoon {
            as_of,
            within,
            json: as_json,
        } => {
            let rows = app.run::<c::ComplaintDueSoon>(c::ComplaintDueSoonInput {
                as_of,
                within_days: within,
            })?;
            print_list(as_json, &rows, || {
                Table::new(&[
                    "NUMBER",
                    "STATUS",
                    "DEADLINE",
                    "DUE",
                    "DAYS_LEFT",
                    "OFFICER",
                    "SUMMARY",
                ])
                .rows(rows.iter().map(|d| {
                    vec![
                        d.complaint.number.clone(),
                        d.complaint.status.as_str().into(),
                        d.deadline.clone(),
                        d.due.clone(),
                        d.days_left.to_string(),
                        d.complaint.assigned_nip.clone().unwrap_or_default(),
                        d.complaint.summary.chars().take(40).collect(),
                    ]
                }))
            });
        }
        ComplaintCmd::Stats {
            from,
            to,
            json: as_json,
        } => {
            let s = app.run::<c::ComplaintStats>(c::ComplaintStatsInput { from, to })?;
            if as_json {
                json(&s);
            } else {
                stats(&s);
            }
        }
    }
    Ok(())
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("-")
}

fn show(d: &c::ComplaintDetail) {
    let r = &d.row;
    println!("number:      {}", r.number);
    println!(
        "received:    {} via {} ({})",
        r.received_at, r.channel, r.kind
    );
    println!("category:    {}", r.category);
    println!("status:      {}", r.status.as_str());
    println!(
        "officer:     {} {}",
        opt(&r.assigned_nip),
        d.assigned_name.as_deref().unwrap_or("")
    );
    println!(
        "service:     {} {} (agency {})",
        opt(&r.service),
        d.service_name.as_deref().unwrap_or(""),
        opt(&r.agency)
    );
    println!(
        "citizen:     {} · {} · NIK {}",
        opt(&d.name),
        opt(&d.phone),
        opt(&r.nik)
    );
    println!("summary:     {}", r.summary);
    if let Some(t) = &d.details {
        println!("details:     {t}");
    }
    println!(
        "respond by:  {} ({} working days)",
        r.respond_due, d.respond_days
    );
    println!(
        "resolve by:  {} ({} working days + {} paused)",
        r.resolve_due, d.resolve_days, r.paused_days
    );
    println!("overdue:     {}", yes(r.overdue));
    if let Some(a) = &d.answer {
        println!("answer:      {a}");
    }
    println!("timeline:");
    for t in &d.timeline {
        let what = match (&t.from_status, &t.to_status) {
            (Some(f), Some(to)) => format!("{} → {}", f.as_str(), to.as_str()),
            (None, Some(to)) => to.as_str().to_string(),
            _ => t.kind.clone(),
        };
        let staff = t
            .staff
            .as_deref()
            .map(|s| format!(" officer {s}"))
            .unwrap_or_default();
        let note = t
            .note
            .as_deref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        println!(
            "  {}  {:<8} {}{} (by {}){}",
            t.at.chars().take(16).collect::<String>(),
            t.kind,
            what,
            staff,
            t.by_user.as_deref().unwrap_or("admin"),
            note
        );
    }
}

fn stats(s: &c::ComplaintFigures) {
    println!(
        "received {} · resolved {} · on time {} · median {} working days · overdue now {}",
        s.received,
        s.resolved,
        s.resolved_on_time,
        s.median_resolution_days
            .map(|m| m.to_string())
            .unwrap_or_else(|| "-".into()),
        s.overdue
    );
    for (title, items) in [
        ("CATEGORY", &s.by_category),
        ("CHANNEL", &s.by_channel),
        ("AGENCY", &s.by_agency),
        ("OFFICER", &s.by_officer),
    ] {
        if items.is_empty() {
            continue;
        }
        println!();
        println!(
            "{}",
            Table::new(&[title, "RECEIVED", "RESOLVED", "ON_TIME", "MEDIAN_DAYS"])
                .rows(items.iter().map(|i| {
                    vec![
                        i.key.clone().unwrap_or_else(|| "-".into()),
                        i.received.to_string(),
                        i.resolved.to_string(),
                        i.resolved_on_time.to_string(),
                        i.median_resolution_days
                            .map(|m| m.to_string())
                            .unwrap_or_else(|| "-".into()),
                    ]
                }))
                .render()
        );
    }
}
