//! `loket daily` and `loket recap`: the daily log, supervisor review, period recaps, exports.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use loket_core::daily::{self, Format};

use crate::output::Table;
use crate::{warn, App, Fail, Res};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DailyArgs {
    #[command(subcommand)]
    pub cmd: Option<DailyCmd>,
    /// The site-local day, YYYY-MM-DD
    #[arg(long)]
    pub date: Option<String>,
    /// Site name (default: this device's site)
    #[arg(long)]
    pub site: Option<String>,
    /// Print the recap as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum DailyCmd {
    /// Add a supervisor note to a day (supervisor/admin)
    Note {
        #[arg(long)]
        date: String,
        #[arg(long)]
        site: Option<String>,
        #[arg(long)]
        text: String,
    },
    /// Approve (sign off) a day: records who, when and a fingerprint of its figures
    Approve {
        #[arg(long)]
        date: String,
        #[arg(long)]
        site: Option<String>,
    },
    /// The review state of a day (draft, reviewed, approved; locked)
    Status {
        #[arg(long)]
        date: String,
        #[arg(long)]
        site: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write a day's recap as XLSX, PDF or CSV
    Export {
        #[arg(long)]
        date: String,
        #[arg(long)]
        site: Option<String>,
        /// xlsx, pdf or csv
        #[arg(long)]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct RecapArgs {
    /// First day, YYYY-MM-DD
    #[arg(long)]
    pub from: String,
    /// Last day (inclusive), YYYY-MM-DD
    #[arg(long)]
    pub to: String,
    /// Site name (default: every site)
    #[arg(long)]
    pub site: Option<String>,
    /// xlsx, pdf or csv
    #[arg(long)]
    pub format: Option<String>,
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print the recap as JSON instead of writing a file
    #[arg(long)]
    pub json: bool,
}

fn format(app: &App, raw: &str) -> Res<Format> {
    Format::parse(raw).map_err(|e| Fail(e.message(app.locale)))
}

fn secs(v: Option<i64>) -> String {
    match v {
        None => "-".into(),
        Some(s) => format!("{}m{:02}s", s / 60, s % 60),
    }
}

pub fn daily(app: &App, a: DailyArgs) -> Res {
    match a.cmd {
        None => {
            let date = a.date.ok_or_else(|| {
                Fail(
                    "give the day with --date YYYY-MM-DD (e.g. loket daily --date 2026-11-23)"
                        .into(),
                )
            })?;
            let r = app.run::<daily::DailyRecapCmd>(daily::DailyInput { date, site: a.site })?;
            if a.json {
                println!("{}", serde_json::to_string_pretty(&r).expect("json"));
                return Ok(());
            }
            warn(app, &r.warnings);
            print_recap(&r);
        }
        Some(DailyCmd::Note { date, site, text }) => {
            let s = app.run::<daily::DailyNoteCmd>(daily::DailyNoteInput { date, site, text })?;
            println!(
                "noted {} at {} ({} note(s), status {})",
                s.date,
                s.site,
                s.notes,
                s.status.as_str()
            );
        }
        Some(DailyCmd::Approve { date, site }) => {
            let r = app.run::<daily::DailyApproveCmd>(daily::DailyInput { date, site })?;
            let who = r
                .state
                .approval
                .as_ref()
                .map(|a| format!("{} at {}", a.by_name, a.at))
                .unwrap_or_default();
            if r.unchanged {
                println!(
                    "{} at {} is already approved ({who}); nothing changed since",
                    r.state.date, r.state.site
                );
            } else {
                println!("approved {} at {} ({who})", r.state.date, r.state.site);
                if let Some(c) = &r.changes {
                    for ch in &c.figures {
                        println!("  re-approved change: {} {} → {}", ch.key, ch.from, ch.to);
                    }
                    for d in &c.new_devices {
                        println!("  re-approved new data from device {d}");
                    }
                }
            }
        }
        Some(DailyCmd::Status { date, site, json }) => {
            let s = app.run::<daily::DailyStatusCmd>(daily::DailyInput { date, site })?;
            if json {
                println!("{}", serde_json::to_string_pretty(&s).expect("json"));
            } else {
                println!(
                    "{} {}: {}{}{}",
                    s.site,
                    s.date,
                    s.status.as_str(),
                    if s.locked { ", locked" } else { "" },
                    if s.changed_after_approval {
                        ", CHANGED AFTER APPROVAL"
                    } else {
                        ""
                    }
                );
            }
        }
        Some(DailyCmd::Export {
            date,
            site,
            format: f,
            out,
        }) => {
            let format = format(app, &f)?;
            let s = app.run::<daily::DailyExportCmd>(daily::DailyExportInput {
                date,
                site,
                format,
                out: out.display().to_string(),
            })?;
            println!("wrote {} ({} bytes)", s.path, s.bytes);
        }
    }
    Ok(())
}

fn print_recap(r: &daily::DailyRecap) {
    println!("{} — {} ({})", r.site, r.date, r.tz);
    let mut status = r.status.as_str().to_string();
    if let Some(a) = &r.approval {
        status.push_str(&format!(" by {} at {}", a.by_name, a.at));
    }
    if r.changed_after_approval {
        status.push_str("  ** CHANGED AFTER APPROVAL **");
    }
    println!("status:     {status}");
    let q = &r.queue;
    println!(
        "queue:      {} issued, {} served, {} no-show, {} cancelled, {} waiting",
        q.issued, q.served, q.no_show, q.cancelled, q.waiting
    );
    println!(
        "times:      wait avg {} worst {}; service avg {} worst {}",
        secs(q.avg_wait_s),
        secs(q.worst_wait_s),
        secs(q.avg_service_s),
        secs(q.worst_service_s)
    );
    let c = &r.complaints;
    println!(
        "complaints: {} received, {} resolved, {} open, {} overdue",
        c.received, c.resolved, c.open, c.overdue
    );
    let s = &r.survey;
    println!(
        "survey:     {} respondents, score {}, grade {}",
        s.respondents,
        s.score
            .map(|v| format!("{v:.2}"))
            .unwrap_or_else(|| "-".into()),
        s.grade.clone().unwrap_or_else(|| "-".into())
    );
    if !q.by_service.is_empty() {
        println!();
        println!(
            "{}",
            Table::new(&[
                "SERVICE",
                "ISSUED",
                "SERVED",
                "NO-SHOW",
                "AVG WAIT",
                "AVG SERVICE"
            ])
            .rows(q.by_service.iter().map(|s| vec![
                s.service.clone(),
                s.figures.issued.to_string(),
                s.figures.served.to_string(),
                s.figures.no_show.to_string(),
                secs(s.figures.avg_wait_s),
                secs(s.figures.avg_service_s),
            ]))
            .render()
        );
    }
    if !r.officers.is_empty() {
        println!();
        println!(
            "{}",
            Table::new(&["OFFICER", "NAME", "CALLED", "SERVED", "NO-SHOW"])
                .rows(r.officers.iter().map(|o| vec![
                    o.nip.clone(),
                    o.name.clone().unwrap_or_default(),
                    o.called.to_string(),
                    o.served.to_string(),
                    o.no_show.to_string(),
                ]))
                .render()
        );
    }
    println!();
    println!(
        "{}",
        Table::new(&["DEVICE", "TICKETS", "INCLUDED", "LAST IMPORT"])
            .rows(r.devices.iter().map(|d| vec![
                d.name.clone().unwrap_or_else(|| d.device_id.clone()),
                d.tickets.to_string(),
                if d.included { "yes" } else { "NO" }.into(),
                if d.this_device {
                    "(this device)".into()
                } else {
                    d.last_import.clone().unwrap_or_else(|| "never".into())
                },
            ]))
            .render()
    );
    for n in &r.notes {
        println!(
            "note {} {}: {}",
            n.at,
            n.by_user.clone().unwrap_or_else(|| "admin".into()),
            n.text
        );
    }
    if let Some(c) = &r.changes {
        for ch in &c.figures {
            println!("changed: {} {} → {}", ch.key, ch.from, ch.to);
        }
        for d in &c.new_devices {
            println!("changed: new data from device {d}");
        }
    }
}

pub fn recap(app: &App, a: RecapArgs) -> Res {
    match (a.format, a.out) {
        (Some(f), Some(out)) => {
            let format = format(app, &f)?;
            let s = app.run::<daily::DailyPeriodExportCmd>(daily::RecapExportInput {
                from: a.from,
                to: a.to,
                site: a.site,
                format,
                out: out.display().to_string(),
            })?;
            println!("wrote {} ({} bytes)", s.path, s.bytes);
        }
        (None, None) if a.json => {
            let p = app.run::<daily::DailyPeriodCmd>(daily::RecapInput {
                from: a.from,
                to: a.to,
                site: a.site,
            })?;
            println!("{}", serde_json::to_string_pretty(&p).expect("json"));
        }
        (None, None) => {
            let p = app.run::<daily::DailyPeriodCmd>(daily::RecapInput {
                from: a.from,
                to: a.to,
                site: a.site,
            })?;
            println!(
                "{}",
                Table::new(&[
                    "DATE", "SITE", "ISSUED", "SERVED", "AVG WAIT", "BACKLOG", "SKM", "STATUS"
                ])
                .rows(p.days.iter().map(|d| vec![
                        d.date.clone(),
                        d.site.clone(),
                        d.issued.to_string(),
                        d.served.to_string(),
                        secs(d.avg_wait_s),
                        d.complaint_backlog.to_string(),
                        d.skm_score.map(|v| format!("{v:.2}")).unwrap_or_else(|| "-".into()),
                        d.status.as_str().into(),
                    ]))
                .render()
            );
        }
        _ => {
            return Err(Fail(
                "give both --format and --out to write a file (or neither, to print)".into(),
            ))
        }
    }
    Ok(())
}
