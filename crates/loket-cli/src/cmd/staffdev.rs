//! `loket training|program|mentoring …` and `loket staff jp|report|assess|assessments`:
//! staff development (issue 8).

use clap::Subcommand;
use loket_core::accounts::Empty;
use std::path::PathBuf;

use loket_core::staffdev::{self, export, mentoring, perf, program};

use crate::output::{print_list, Table};
use crate::{warn, App, Fail, ListArgs, Res};

/// JP as typed: decimals with `.` or `,` (1.5 or 1,5).
fn parse_jp(raw: &str) -> Res<f64> {
    raw.trim()
        .replace(',', ".")
        .parse::<f64>()
        .map_err(|_| Fail(format!("{raw:?} is not a number of JP (e.g. 2 or 1.5)")))
}

fn parse_opt_jp(raw: Option<String>) -> Res<Option<f64>> {
    raw.as_deref().map(parse_jp).transpose()
}

/// `--format xlsx|pdf` as the core's export format.
fn format_of(app: &App, raw: &str) -> Res<export::ReportFormat> {
    export::ReportFormat::parse(raw).map_err(|e| Fail(e.message(app.locale)))
}

fn wrote(s: export::StaffdevExportSaved) {
    println!("wrote {} ({} bytes)", s.path, s.bytes);
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref()
        .map(|x| x.to_string())
        .unwrap_or_else(|| "-".into())
}

#[derive(Subcommand)]
pub enum TrainingCmd {
    /// Record a competency development activity (JP; 1 JP = 45 minutes unless configured)
    Add {
        #[arg(long)]
        nip: String,
        #[arg(long)]
        title: String,
        /// pendidikan | klasikal | nonklasikal
        #[arg(long)]
        kind: String,
        /// seminar, workshop, bimtek, kursus, e-learning, coaching, mentoring, on-the-job, …
        #[arg(long)]
        form: Option<String>,
        /// JP, decimals allowed (1.5); or give --minutes instead
        #[arg(long, required_unless_present = "minutes")]
        jp: Option<String>,
        /// Learning minutes, converted with the configured minutes per JP
        #[arg(long, conflicts_with = "jp")]
        minutes: Option<i64>,
        /// Completion day YYYY-MM-DD (counts for that year)
        #[arg(long)]
        date: String,
        /// First day, for several days
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        provider: Option<String>,
        /// Certificate file to keep as evidence (at most 10 MB)
        #[arg(long)]
        certificate: Option<String>,
    },
    /// Competency development records
    List {
        #[arg(long)]
        nip: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Withdraw a record entered by mistake
    Remove {
        #[arg(long)]
        id: String,
    },
    /// Keep a certificate file (at most 10 MB) as a record's evidence; its SHA-256 is recorded
    Evidence {
        #[arg(long)]
        id: String,
        #[arg(long)]
        file: String,
    },
    /// Write a record's certificate to a file (checked against its SHA-256)
    EvidenceSave {
        #[arg(long)]
        id: String,
        #[arg(long)]
        out: String,
    },
    /// Show or change the minutes per JP and the PPPK yearly target
    Settings {
        #[arg(long)]
        jp_minutes: Option<i64>,
        #[arg(long)]
        pppk_target: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// The staff-development subcommands of `loket staff` (flattened into it).
#[derive(Subcommand)]
pub enum StaffDevCmd {
    /// JP per officer in a year against the target (PNS 20; PPPK as configured, cap 24)
    Jp {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        agency: Option<String>,
        /// Only officers behind their target
        #[arg(long)]
        behind: bool,
        #[arg(long)]
        json: bool,
    },
    /// Performance per officer in a period, next to the unit's median
    Report {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        nip: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The performance report of a period as XLSX or PDF
    ReportExport {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        nip: Option<String>,
        #[arg(long, value_parser = ["xlsx", "pdf"])]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The JP tracker of a year (with its records) as XLSX or PDF
    JpExport {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long, value_parser = ["xlsx", "pdf"])]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The supervisor's note on an officer's period (replaces an earlier one)
    Assess {
        #[arg(long)]
        nip: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        note: String,
        /// Work result vs expectations: di_atas | sesuai | di_bawah
        #[arg(long)]
        hasil: Option<String>,
        /// Behaviour vs expectations: di_atas | sesuai | di_bawah
        #[arg(long)]
        perilaku: Option<String>,
    },
    /// Supervisors' notes
    Assessments {
        #[arg(long)]
        nip: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ProgramCmd {
    /// Plan a training program (prints its id)
    Add {
        #[arg(long)]
        title: String,
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: String,
        #[arg(long)]
        jp: String,
        #[arg(long)]
        topic: Option<String>,
        /// Kind of the records it creates (default klasikal)
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        form: Option<String>,
        #[arg(long)]
        provider: Option<String>,
        /// Rupiah
        #[arg(long)]
        budget: Option<i64>,
        #[arg(long)]
        target_participants: Option<i64>,
    },
    List(ListArgs),
    /// A program, its participants and the feedback summary
    Show {
        #[arg(long)]
        program: String,
        #[arg(long)]
        json: bool,
    },
    Enrol {
        #[arg(long)]
        program: String,
        #[arg(long)]
        nip: String,
    },
    Withdraw {
        #[arg(long)]
        program: String,
        #[arg(long)]
        nip: String,
    },
    /// Record attendance (--absent for a participant who did not come)
    Attend {
        #[arg(long)]
        program: String,
        #[arg(long)]
        nip: String,
        #[arg(long)]
        absent: bool,
    },
    /// A participant's rating (1-5) and comment; a new one replaces the old one
    Feedback {
        #[arg(long)]
        program: String,
        #[arg(long)]
        nip: String,
        #[arg(long)]
        rating: i64,
        #[arg(long)]
        comment: Option<String>,
    },
    /// Close a program: attending participants get a training record with its JP
    Complete {
        #[arg(long)]
        program: String,
    },
    Cancel {
        #[arg(long)]
        program: String,
    },
    /// A program's summary, participants, feedback and impact as XLSX or PDF
    Report {
        #[arg(long)]
        program: String,
        /// Impact window in days (default 30)
        #[arg(long)]
        days: Option<u32>,
        #[arg(long, value_parser = ["xlsx", "pdf"])]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Participants' figures N days before the start vs N days after the end
    Impact {
        #[arg(long)]
        program: String,
        #[arg(long)]
        days: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum MentoringCmd {
    /// Pair a mentor with a mentee (prints the pair id)
    Add {
        #[arg(long)]
        mentor: String,
        #[arg(long)]
        mentee: String,
        #[arg(long)]
        start: String,
        #[arg(long)]
        goals: Option<String>,
    },
    /// Change goals or status (active | completed)
    Update {
        #[arg(long)]
        pair: String,
        #[arg(long)]
        goals: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        end: Option<String>,
    },
    /// Log a session
    Session {
        #[arg(long)]
        pair: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        minutes: i64,
        #[arg(long)]
        notes: Option<String>,
    },
    List {
        #[arg(long)]
        nip: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Show {
        #[arg(long)]
        pair: String,
        #[arg(long)]
        json: bool,
    },
}

fn json_out<T: serde::Serialize>(v: &T) {
    println!("{}", serde_json::to_string_pretty(v).expect("serialises"));
}

pub fn training(app: &App, c: TrainingCmd) -> Res {
    match c {
        TrainingCmd::Add {
            nip,
            title,
            kind,
            form,
            jp,
            minutes,
            date,
            start,
            provider,
            certificate,
        } => {
            let s = app.run::<staffdev::TrainingAdd>(staffdev::TrainingAddInput {
                nip,
                title,
                kind,
                form,
                jp: parse_opt_jp(jp)?,
                minutes,
                date,
                start,
                provider,
            })?;
            warn(app, &s.warnings);
            if let Some(path) = certificate {
                app.run::<staffdev::TrainingEvidence>(staffdev::TrainingEvidenceInput {
                    id: s.training.id.clone(),
                    path,
                })?;
            }
            println!("{}", s.training.id);
        }
        TrainingCmd::List { nip, year, json } => {
            let rows =
                app.run::<staffdev::TrainingList>(staffdev::TrainingListInput { nip, year })?;
            print_list(json, &rows, || {
                Table::new(&[
                    "ID",
                    "NIP",
                    "DATE",
                    "KIND",
                    "FORM",
                    "JP",
                    "TITLE",
                    "CERTIFICATE",
                ])
                .rows(rows.iter().map(|t| {
                    vec![
                        t.id.clone(),
                        t.nip.clone(),
                        t.date.clone(),
                        t.kind.as_str().into(),
                        opt(&t.form),
                        t.jp.to_string(),
                        t.title.clone(),
                        t.evidence
                            .as_ref()
                            .map(|e| e.file_name.clone())
                            .unwrap_or_else(|| "-".into()),
                    ]
                }))
            });
        }
        TrainingCmd::Remove { id } => {
            let t = app.run::<staffdev::TrainingRemove>(staffdev::TrainingRemoveInput { id })?;
            println!("training record {} removed", t.id);
        }
        TrainingCmd::Evidence { id, file } => {
            let t = app.run::<staffdev::TrainingEvidence>(staffdev::TrainingEvidenceInput {
                id,
                path: file,
            })?;
            let e = t
                .evidence
                .ok_or_else(|| Fail("certificate not kept".into()))?;
            println!(
                "certificate {} kept ({} bytes, sha256 {})",
                e.file_name, e.size, e.sha256
            );
        }
        TrainingCmd::EvidenceSave { id, out } => {
            let e =
                app.run::<staffdev::TrainingEvidenceSave>(staffdev::TrainingEvidenceSaveInput {
                    id,
                    out: out.clone(),
                })?;
            println!("{out} written ({} bytes, sha256 {})", e.size, e.sha256);
        }
        TrainingCmd::Settings {
            jp_minutes,
            pppk_target,
            json,
        } => {
            let c = if jp_minutes.is_none() && pppk_target.is_none() {
                app.run::<staffdev::StaffdevConfigGet>(Empty {})?
            } else {
                app.run::<staffdev::StaffdevConfigure>(staffdev::StaffdevConfigureInput {
                    jp_minutes,
                    pppk_target_jp: parse_opt_jp(pppk_target)?,
                })?
            };
            if json {
                json_out(&c);
            } else {
                println!(
                    "1 JP = {} minutes; PNS target {} JP; PPPK target {} JP (cap {} JP)",
                    c.jp_minutes, c.pns_target_jp, c.pppk_target_jp, c.pppk_cap_jp
                );
            }
        }
    }
    Ok(())
}

pub fn staff(app: &App, c: StaffDevCmd) -> Res {
    match c {
        StaffDevCmd::Jp {
            year,
            agency,
            behind,
            json,
        } => {
            let rows = app.run::<staffdev::StaffJp>(staffdev::StaffJpInput {
                year,
                agency,
                behind: Some(behind),
            })?;
            print_list(json, &rows, || {
                Table::new(&["NIP", "NAME", "TYPE", "JP", "TARGET", "SHORTFALL", "CAP"]).rows(
                    rows.iter().map(|r| {
                        vec![
                            r.nip.clone(),
                            r.name.clone(),
                            r.kind.as_str().into(),
                            r.jp.to_string(),
                            r.target.to_string(),
                            r.shortfall.to_string(),
                            opt(&r.cap),
                        ]
                    }),
                )
            });
        }
        StaffDevCmd::Report {
            from,
            to,
            agency,
            nip,
            json,
        } => {
            let rows = app.run::<perf::StaffReport>(perf::StaffReportInput {
                from,
                to,
                agency,
                nip,
            })?;
            print_list(json, &rows, || {
                Table::new(&[
                    "NIP",
                    "NAME",
                    "DAYS",
                    "SERVED (UNIT MEDIAN)",
                    "AVG SERVICE S (UNIT)",
                    "MEDIAN S",
                    "NO-SHOW",
                    "COMPLAINTS ON TIME/RESOLVED",
                    "SKM",
                ])
                .rows(rows.iter().map(|r| {
                    vec![
                        r.nip.clone(),
                        r.name.clone(),
                        r.days_present.to_string(),
                        format!("{} ({})", r.served, opt(&r.unit_median.served)),
                        format!(
                            "{} ({})",
                            opt(&r.avg_service_s),
                            opt(&r.unit_median.avg_service_s)
                        ),
                        opt(&r.median_service_s),
                        r.no_show.to_string(),
                        format!("{}/{}", r.complaints_on_time, r.complaints_resolved),
                        match r.ikm_score {
                            Some(s) => format!("{s:.2} (n={})", r.ikm_respondents),
                            None => "-".into(),
                        },
                    ]
                }))
            });
        }
        StaffDevCmd::Assess {
            nip,
            from,
            to,
            note,
            hasil,
            perilaku,
        } => {
            let a = app.run::<perf::StaffAssess>(perf::StaffAssessInput {
                nip,
                from,
                to,
                note,
                hasil,
                perilaku,
            })?;
            match &a.predicate {
                Some(p) => println!(
                    "assessment of {} for {} to {} saved (predikat {p})",
                    a.nip, a.from, a.to
                ),
                None => println!("assessment of {} for {} to {} saved", a.nip, a.from, a.to),
            }
        }
        StaffDevCmd::ReportExport {
            from,
            to,
            agency,
            nip,
            format,
            out,
        } => wrote(
            app.run::<export::StaffReportExport>(export::StaffReportExportInput {
                from,
                to,
                agency,
                nip,
                format: format_of(app, &format)?,
                out: out.display().to_string(),
            })?,
        ),
        StaffDevCmd::JpExport {
            year,
            agency,
            format,
            out,
        } => wrote(
            app.run::<export::StaffJpExport>(export::StaffJpExportInput {
                year,
                agency,
                format: format_of(app, &format)?,
                out: out.display().to_string(),
            })?,
        ),
        StaffDevCmd::Assessments { nip, json } => {
            let rows = app.run::<perf::StaffAssessments>(perf::StaffAssessmentsInput { nip })?;
            print_list(json, &rows, || {
                Table::new(&["NIP", "FROM", "TO", "PREDICATE", "NOTE"]).rows(rows.iter().map(|a| {
                    vec![
                        a.nip.clone(),
                        a.from.clone(),
                        a.to.clone(),
                        opt(&a.predicate),
                        a.note.clone(),
                    ]
                }))
            });
        }
    }
    Ok(())
}

pub fn program(app: &App, c: ProgramCmd) -> Res {
    let saved = |s: program::ParticipantSaved, what: &str| {
        warn(app, &s.warnings);
        println!("{} {what} ({})", s.participant.nip, s.program);
    };
    match c {
        ProgramCmd::Add {
            title,
            start,
            end,
            jp,
            topic,
            kind,
            form,
            provider,
            budget,
            target_participants,
        } => {
            let p = app.run::<program::ProgramAdd>(program::ProgramAddInput {
                title,
                start,
                end,
                jp: parse_jp(&jp)?,
                topic,
                kind,
                form,
                provider,
                budget,
                target_participants,
            })?;
            println!("{}", p.id);
        }
        ProgramCmd::List(l) => {
            let rows = app.run::<program::ProgramList>(Empty {})?;
            print_list(l.json, &rows, || {
                Table::new(&["ID", "START", "END", "JP", "STATUS", "ENROLLED", "TITLE"]).rows(
                    rows.iter().map(|p| {
                        vec![
                            p.id.clone(),
                            p.start.clone(),
                            p.end.clone(),
                            p.jp.to_string(),
                            format!("{:?}", p.status).to_lowercase(),
                            p.enrolled.to_string(),
                            p.title.clone(),
                        ]
                    }),
                )
            });
        }
        ProgramCmd::Show { program: id, json } => {
            let d = app.run::<program::ProgramShow>(program::ProgramRef { program: id })?;
            if json {
                json_out(&d);
            } else {
                println!(
                    "{} ({} to {}, {} JP, {:?})",
                    d.program.title, d.program.start, d.program.end, d.program.jp, d.program.status
                );
                println!(
                    "participants: {} enrolled, {} attended; feedback: {} (average {})",
                    d.program.enrolled,
                    d.attended,
                    d.feedback.count,
                    opt(&d.feedback.avg_rating)
                );
                for (nip, c) in &d.feedback.comments {
                    println!("  {nip}: {c}");
                }
            }
        }
        ProgramCmd::Enrol { program: p, nip } => saved(
            app.run::<program::ProgramEnrol>(program::ProgramParticipantInput { program: p, nip })?,
            "enrolled",
        ),
        ProgramCmd::Withdraw { program: p, nip } => saved(
            app.run::<program::ProgramWithdraw>(program::ProgramParticipantInput {
                program: p,
                nip,
            })?,
            "withdrawn",
        ),
        ProgramCmd::Attend {
            program: p,
            nip,
            absent,
        } => saved(
            app.run::<program::ProgramAttend>(program::ProgramAttendInput {
                program: p,
                nip,
                attended: !absent,
            })?,
            if absent { "absent" } else { "attended" },
        ),
        ProgramCmd::Feedback {
            program: p,
            nip,
            rating,
            comment,
        } => saved(
            app.run::<program::ProgramFeedback>(program::ProgramFeedbackInput {
                program: p,
                nip,
                rating,
                comment,
            })?,
            "feedback saved",
        ),
        ProgramCmd::Complete { program: p } => {
            let r = app.run::<program::ProgramComplete>(program::ProgramRef { program: p })?;
            warn(app, &r.warnings);
            println!(
                "program {} completed; {} training record(s) created",
                r.program.id,
                r.created.len()
            );
        }
        ProgramCmd::Cancel { program: p } => {
            let r = app.run::<program::ProgramCancel>(program::ProgramRef { program: p })?;
            println!("program {} cancelled", r.id);
        }
        ProgramCmd::Report {
            program: p,
            days,
            format,
            out,
        } => wrote(
            app.run::<export::ProgramReport>(export::ProgramReportInput {
                program: p,
                days,
                format: format_of(app, &format)?,
                out: out.display().to_string(),
            })?,
        ),
        ProgramCmd::Impact {
            program: p,
            days,
            json,
        } => {
            let rows =
                app.run::<perf::ProgramImpact>(perf::ProgramImpactInput { program: p, days })?;
            print_list(json, &rows, || {
                let w = |x: &perf::Window| {
                    format!(
                        "served {} · avg {}s · on time {} · SKM {} · cases {}/{}/{}",
                        x.served,
                        opt(&x.avg_service_s),
                        x.complaints_on_time,
                        opt(&x.ikm_score),
                        x.cases.tickets,
                        x.cases.complaints,
                        x.cases.surveys
                    )
                };
                Table::new(&["NIP", "NAME", "BEFORE", "AFTER"]).rows(
                    rows.iter()
                        .map(|r| vec![r.nip.clone(), r.name.clone(), w(&r.before), w(&r.after)]),
                )
            });
        }
    }
    Ok(())
}

pub fn mentoring(app: &App, c: MentoringCmd) -> Res {
    match c {
        MentoringCmd::Add {
            mentor,
            mentee,
            start,
            goals,
        } => {
            let p = app.run::<mentoring::MentoringAdd>(mentoring::MentoringAddInput {
                mentor,
                mentee,
                start,
                goals,
            })?;
            println!("{}", p.id);
        }
        MentoringCmd::Update {
            pair,
            goals,
            status,
            end,
        } => {
            let p = app.run::<mentoring::MentoringUpdate>(mentoring::MentoringUpdateInput {
                pair,
                goals,
                status,
                end,
            })?;
            println!("mentoring pair {} is {}", p.id, p.status);
        }
        MentoringCmd::Session {
            pair,
            date,
            minutes,
            notes,
        } => {
            let s = app.run::<mentoring::MentoringSession>(mentoring::MentoringSessionInput {
                pair,
                date,
                minutes,
                notes,
            })?;
            warn(app, &s.warnings);
            println!(
                "session logged ({} sessions, {} minutes in all)",
                s.pair.sessions, s.pair.minutes
            );
        }
        MentoringCmd::List { nip, status, json } => {
            let rows =
                app.run::<mentoring::MentoringList>(mentoring::MentoringListInput { nip, status })?;
            print_list(json, &rows, || {
                Table::new(&[
                    "ID", "MENTOR", "MENTEE", "START", "STATUS", "SESSIONS", "MINUTES",
                ])
                .rows(rows.iter().map(|p| {
                    vec![
                        p.id.clone(),
                        p.mentor.clone(),
                        p.mentee.clone(),
                        p.start.clone(),
                        p.status.clone(),
                        p.sessions.to_string(),
                        p.minutes.to_string(),
                    ]
                }))
            });
        }
        MentoringCmd::Show { pair, json } => {
            let d = app.run::<mentoring::MentoringShow>(mentoring::MentoringShowInput { pair })?;
            if json {
                json_out(&d);
            } else {
                println!(
                    "{} → {} since {} ({}); goals: {}",
                    d.pair.mentor,
                    d.pair.mentee,
                    d.pair.start,
                    d.pair.status,
                    opt(&d.pair.goals)
                );
                for s in &d.sessions {
                    println!("  {} {} min {}", s.date, s.minutes, opt(&s.notes));
                }
            }
        }
    }
    Ok(())
}
