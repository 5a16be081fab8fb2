//! `loket queue …`, `loket service set-policy` and `loket demo`: the queue (antrian).

use std::io::IsTerminal;
use std::path::Path;

use clap::{Args, Subcommand};
use loket_core::env::Env;
use loket_core::queue::{self, QueueMetricsBy, QueuePrintResult, Ticket, TicketStepInput};
use loket_core::Locale;

use crate::output::{print_list, Table};
use crate::{warn, App, Fail, Res};

#[derive(Subcommand)]
pub enum QueueCmd {
    /// Issue a ticket; prints its number (e.g. A-001)
    Issue {
        #[arg(long)]
        service: String,
        /// Priority group: lansia, disabilitas, hamil or balita
        #[arg(long)]
        priority: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Call the next ticket for a counter (or --ticket); prints its number
    Call {
        #[arg(long)]
        counter: String,
        /// Call this waiting ticket instead of the next in line
        #[arg(long)]
        ticket: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The citizen came: start serving
    Start(StepArgs),
    /// Service done
    Finish(StepArgs),
    /// Called but did not come
    NoShow(StepArgs),
    /// Call the same ticket again
    Recall(StepArgs),
    /// Withdraw a ticket
    Cancel {
        #[command(flatten)]
        step: StepArgs,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Move a ticket to another service's line (keeps number and history)
    Transfer {
        #[arg(long)]
        ticket: String,
        #[arg(long)]
        service: String,
    },
    /// Put a ticket back in line after K other waiting tickets
    Postpone {
        #[arg(long)]
        ticket: String,
        #[arg(long, value_name = "K")]
        after: i64,
    },
    /// Record a print attempt (printed|failed); a reprint is another attempt
    Print {
        #[arg(long)]
        ticket: String,
        /// printed or failed
        #[arg(long)]
        result: String,
        #[arg(long)]
        error: Option<String>,
    },
    /// Tickets of a day (default today), every device
    List {
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        counter: Option<String>,
        #[arg(long)]
        service: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Today's waiting tickets in the order they will be called
    Waiting {
        #[arg(long)]
        counter: Option<String>,
        #[arg(long)]
        service: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One ticket with its history
    Show {
        #[arg(long)]
        ticket: String,
        #[arg(long)]
        json: bool,
    },
    /// What the display board shows
    Board {
        #[arg(long)]
        json: bool,
    },
    /// A day's figures per service
    Stats {
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// QueueFigures grouped by officer, counter, service, hour or day over a range of days
    Metrics {
        /// officer, counter, service, hour or day
        #[arg(long)]
        by: String,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct StepArgs {
    /// Ticket number of today on this device or ticket id
    #[arg(long)]
    ticket: String,
    /// The counter acting (default: the one that called it)
    #[arg(long)]
    counter: Option<String>,
}

#[derive(Args)]
pub struct DemoArgs {
    /// Days of history, ending today
    #[arg(long, default_value_t = 30)]
    days: u32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// small or mpp
    #[arg(long, default_value = "small")]
    scale: String,
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn print_ticket(json: bool, t: &Ticket) {
    if json {
        println!("{}", serde_json::to_string_pretty(t).expect("json"));
    } else {
        println!("{}", t.number);
    }
}

fn table(rows: &[Ticket]) -> Table {
    Table::new(&[
        "NUMBER", "SERVICE", "STATUS", "PRIORITY", "ISSUED", "CALLED", "COUNTER", "OFFICER",
    ])
    .rows(rows.iter().map(|t| {
        vec![
            t.number.clone(),
            t.service.clone(),
            t.status.as_str().into(),
            opt(&t.priority),
            t.issued_at.get(11..16).unwrap_or_default().into(),
            t.called_at
                .as_deref()
                .and_then(|c| c.get(11..16))
                .unwrap_or_default()
                .into(),
            opt(&t.counter),
            opt(&t.officer),
        ]
    }))
}

fn json_out<T: serde::Serialize>(v: &T) {
    println!("{}", serde_json::to_string_pretty(v).expect("json"));
}

pub fn set_policy(app: &App, code: String, policy: String) -> Res {
    let s = app.run::<queue::ServiceSetPolicy>(queue::ServiceSetPolicyInput { code, policy })?;
    println!("service {} policy {}", s.code, s.policy);
    Ok(())
}

pub fn run(app: &App, c: QueueCmd) -> Res {
    let step = |s: StepArgs| TicketStepInput {
        ticket: s.ticket,
        counter: s.counter,
        reason: None,
    };
    let done = |t: Ticket| {
        println!(
            "{} {}{}",
            t.number,
            t.status.as_str(),
            t.counter
                .as_deref()
                .map(|c| format!(" (counter {c})"))
                .unwrap_or_default()
        );
    };
    match c {
        QueueCmd::Issue {
            service,
            priority,
            json,
        } => {
            let t = app.run::<queue::QueueIssue>(queue::QueueIssueInput { service, priority })?;
            print_ticket(json, &t);
        }
        QueueCmd::Call {
            counter,
            ticket,
            json,
        } => {
            let r = app.run::<queue::QueueCall>(queue::QueueCallInput { counter, ticket })?;
            warn(app, &r.warnings);
            print_ticket(json, &r.ticket);
        }
        QueueCmd::Start(s) => done(app.run::<queue::QueueStart>(step(s))?),
        QueueCmd::Finish(s) => done(app.run::<queue::QueueFinish>(step(s))?),
        QueueCmd::NoShow(s) => done(app.run::<queue::QueueNoShow>(step(s))?),
        QueueCmd::Recall(s) => {
            let t = app.run::<queue::QueueRecall>(step(s))?;
            println!(
                "{} recalled to counter {} (recall {})",
                t.number,
                opt(&t.counter),
                t.recalls
            );
        }
        QueueCmd::Cancel { step: s, reason } => {
            let mut i = step(s);
            i.reason = reason;
            done(app.run::<queue::QueueCancel>(i)?)
        }
        QueueCmd::Transfer { ticket, service } => {
            let t =
                app.run::<queue::QueueTransfer>(queue::QueueTransferInput { ticket, service })?;
            println!("{} waits in the line of {}", t.number, t.service);
        }
        QueueCmd::Postpone { ticket, after } => {
            let t = app.run::<queue::QueuePostpone>(queue::QueuePostponeInput { ticket, after })?;
            println!("{} postponed after {after} other ticket(s)", t.number);
        }
        QueueCmd::Print {
            ticket,
            result,
            error,
        } => {
            let result = match result.trim().to_lowercase().as_str() {
                "printed" => QueuePrintResult::Printed,
                "failed" => QueuePrintResult::Failed,
                _ => {
                    return Err(Fail(format!(
                        "--result must be printed or failed, not {result:?}"
                    )))
                }
            };
            let t = app.run::<queue::QueuePrint>(queue::QueuePrintInput {
                ticket,
                result,
                error,
            })?;
            println!("{} print {}", t.number, opt(&t.print));
        }
        QueueCmd::List {
            date,
            counter,
            service,
            status,
            json,
        } => {
            let rows = app.run::<queue::QueueList>(queue::QueueListInput {
                date,
                counter,
                service,
                status,
            })?;
            print_list(json, &rows, || table(&rows));
        }
        QueueCmd::Waiting {
            counter,
            service,
            json,
        } => {
            let rows =
                app.run::<queue::QueueWaiting>(queue::QueueWaitingInput { counter, service })?;
            print_list(json, &rows, || table(&rows));
        }
        QueueCmd::Show { ticket, json } => {
            let d = app.run::<queue::QueueGet>(queue::QueueGetInput { ticket })?;
            if json {
                json_out(&d);
            } else {
                println!("{}", table(std::slice::from_ref(&d.ticket)).render());
                println!();
                println!(
                    "{}",
                    Table::new(&["AT", "STEP", "SERVICE", "COUNTER", "OFFICER", "DETAIL"])
                        .rows(d.steps.iter().map(|s| vec![
                            s.at.clone(),
                            s.kind.as_str().into(),
                            opt(&s.service),
                            opt(&s.counter),
                            opt(&s.officer),
                            s.detail.as_ref().map(|d| d.to_string()).unwrap_or_default(),
                        ]))
                        .render()
                );
            }
        }
        QueueCmd::Board { json } => {
            let b = app.run::<queue::QueueBoard>(queue::QueueBoardInput { last: None })?;
            if json {
                json_out(&b);
            } else {
                for c in &b.current {
                    println!("{}  →  {} ({})", c.number, c.counter_name, c.counter);
                }
                for w in &b.waiting {
                    println!("{} {}: {} waiting", w.prefix, w.name, w.waiting);
                }
            }
        }
        QueueCmd::Stats { date, json } => {
            let rows = app.run::<queue::QueueStats>(queue::QueueStatsInput { date })?;
            let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
            print_list(json, &rows, || {
                Table::new(&[
                    "SERVICE",
                    "ISSUED",
                    "SERVED",
                    "NO-SHOW",
                    "WAITING",
                    "WAIT s",
                    "SERVICE s",
                    "OVER PROMISE",
                ])
                .rows(rows.iter().map(|s| {
                    vec![
                        s.service.clone(),
                        s.figures.issued.to_string(),
                        s.figures.served.to_string(),
                        s.figures.no_show.to_string(),
                        s.figures.waiting.to_string(),
                        n(s.figures.avg_wait_s),
                        n(s.figures.avg_service_s),
                        s.figures.over_promise.to_string(),
                    ]
                }))
            });
        }
        QueueCmd::Metrics { by, from, to, json } => {
            let by = match by.trim().to_lowercase().as_str() {
                "officer" => QueueMetricsBy::Officer,
                "counter" => QueueMetricsBy::Counter,
                "service" => QueueMetricsBy::Service,
                "hour" => QueueMetricsBy::Hour,
                "day" => QueueMetricsBy::Day,
                _ => {
                    return Err(Fail(format!(
                        "--by must be officer, counter, service, hour or day, not {by:?}"
                    )))
                }
            };
            let rows = app.run::<queue::QueueMetrics>(queue::QueueMetricsInput { by, from, to })?;
            let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
            print_list(json, &rows, || {
                Table::new(&[
                    "KEY",
                    "ISSUED",
                    "SERVED",
                    "NO-SHOW",
                    "WAIT s",
                    "WALK s",
                    "SERVICE s",
                ])
                .rows(rows.iter().map(|r| {
                    vec![
                        r.key.clone(),
                        r.figures.issued.to_string(),
                        r.figures.served.to_string(),
                        r.figures.no_show.to_string(),
                        n(r.figures.avg_wait_s),
                        n(r.figures.avg_walk_s),
                        n(r.figures.avg_service_s),
                    ]
                }))
            });
        }
    }
    Ok(())
}

/// `loket demo`: fills the database with a realistic MPP (initialising it when empty).
pub fn demo(path: &Path, env: &Env, locale: Locale, a: DemoArgs) -> Res {
    let scale = loket_core::demo::Scale::parse(&a.scale).map_err(|e| Fail(e.message(locale)))?;
    let pin =
        std::env::var("LOKET_NEW_PIN").unwrap_or_else(|_| loket_core::demo::DEFAULT_PIN.into());
    let tty = std::io::stderr().is_terminal();
    let mut last_pct = u64::MAX;
    let mut progress = |done: u64, total: u64| {
        if !tty || total == 0 {
            return;
        }
        let pct = done * 100 / total;
        if pct != last_pct {
            last_pct = pct;
            let w = 40usize;
            let fill = (pct as usize * w) / 100;
            eprint!(
                "\r[{}{}] {pct:3}%  day {done}/{total}",
                "#".repeat(fill),
                " ".repeat(w - fill)
            );
            if done == total {
                eprintln!();
            }
        }
    };
    let opts = loket_core::demo::DemoOptions {
        days: a.days,
        seed: a.seed,
        scale,
        pin,
        now_ms: env.now_ms(),
    };
    let r = loket_core::demo::generate(path, &opts, &mut progress)
        .map_err(|e| Fail(e.message(locale)))?;
    println!(
        "demo: {} agencies, {} services, {} counters, {} officers, {} users (PIN {}), {} tickets over {} working days, {} events",
        r.agencies,
        r.services,
        r.counters,
        r.officers,
        r.users,
        if std::env::var("LOKET_NEW_PIN").is_ok() {
            "from LOKET_NEW_PIN".to_string()
        } else {
            loket_core::demo::DEFAULT_PIN.to_string()
        },
        r.tickets,
        r.working_days,
        r.events
    );
    Ok(())
}
