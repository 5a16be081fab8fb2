//! `loket survey …` and `loket ikm`: citizen satisfaction survey (SKM) and its index (IKM).

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use loket_core::survey::{self, ikm::UNSUR, Profile, Source, SurveyFilter};
use loket_core::Locale;

use crate::output::{print_list, Table};
use crate::{warn, App, Fail, Res};

#[derive(Args, Clone)]
pub struct FilterArgs {
    /// First day (site-local, YYYY-MM-DD), inclusive
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (site-local, YYYY-MM-DD), inclusive
    #[arg(long)]
    pub to: Option<String>,
    /// Service code
    #[arg(long)]
    pub service: Option<String>,
    /// Agency code (responses of its services)
    #[arg(long)]
    pub agency: Option<String>,
    /// Officer NIP
    #[arg(long)]
    pub staff: Option<String>,
    /// Site name (default: every site)
    #[arg(long)]
    pub site: Option<String>,
}

impl FilterArgs {
    fn filter(self) -> SurveyFilter {
        SurveyFilter {
            from: self.from,
            to: self.to,
            service: self.service,
            agency: self.agency,
            staff: self.staff,
            site: self.site,
        }
    }
}

#[derive(Args)]
pub struct IkmArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Population served in the period for the sample-size check (default: tickets served,
    /// when the queue has them)
    #[arg(long)]
    pub population: Option<u32>,
    /// Print {"respondents", "nrr", "ikm", "score", "grade", "category"} as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum SurveyCmd {
    /// Import responses from a CSV file (all or nothing)
    Import {
        #[arg(long, value_name = "FILE")]
        csv: PathBuf,
        /// Import even if the same file (same SHA-256) was imported before
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// Krejcie–Morgan sample size for a population
    SampleSize {
        #[arg(long)]
        population: u64,
    },
    /// Record one response (as the kiosk screen does, or a paper form with --manual)
    Submit {
        #[arg(long)]
        service: String,
        /// Answers by unsur ID, e.g. U1=4,U2=3,U3=,U4=4 (empty = blank)
        #[arg(long, value_delimiter = ',')]
        answers: Vec<String>,
        #[arg(long)]
        staff: Option<String>,
        #[arg(long)]
        counter: Option<String>,
        #[arg(long)]
        ticket: Option<String>,
        #[arg(long)]
        gender: Option<String>,
        #[arg(long)]
        age: Option<String>,
        #[arg(long)]
        education: Option<String>,
        #[arg(long)]
        occupation: Option<String>,
        #[arg(long)]
        suggestion: Option<String>,
        /// A paper form typed in at the desk
        #[arg(long)]
        manual: bool,
        /// The date on the paper form (with --manual)
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write the SKM report (profile, NRR per unsur, IKM, grade, priorities, suggestions)
    Report {
        #[command(flatten)]
        filter: FilterArgs,
        /// Population served in the period, for the sample-size note
        #[arg(long)]
        population: Option<u32>,
        #[arg(long, value_parser = ["xlsx", "pdf"])]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// List CSV import batches
    Batches {
        #[arg(long)]
        json: bool,
    },
    /// Withdraw a wrongly entered response or a whole import batch (supervisor/admin)
    Void {
        #[arg(
            long,
            conflicts_with = "response",
            required_unless_present = "response"
        )]
        batch: Option<String>,
        #[arg(long)]
        response: Option<String>,
        #[arg(long)]
        reason: String,
    },
    /// List responses
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        json: bool,
    },
}

fn parse_answers(raw: &[String]) -> Res<BTreeMap<String, Option<i64>>> {
    let mut out = BTreeMap::new();
    for item in raw.iter().filter(|s| !s.trim().is_empty()) {
        let (k, v) = item.split_once('=').ok_or_else(|| {
            Fail(format!(
                "answer {item:?} must look like U1=4 (or U1= for a blank)"
            ))
        })?;
        let v = v.trim();
        let v = if v.is_empty() {
            None
        } else {
            Some(
                v.parse::<i64>()
                    .map_err(|_| Fail(format!("answer to {k} must be 1-4, not {v:?}")))?,
            )
        };
        out.insert(k.trim().to_string(), v);
    }
    Ok(out)
}

pub fn sample_size(population: u64) {
    println!("{}", survey::ikm::sample_size(population));
}

pub fn survey(app: &App, c: SurveyCmd) -> Res {
    match c {
        SurveyCmd::Import {
            csv,
            allow_duplicate,
        } => import(app, csv, allow_duplicate)?,
        SurveyCmd::SampleSize { population } => sample_size(population),
        SurveyCmd::Submit {
            service,
            answers,
            staff,
            counter,
            ticket,
            gender,
            age,
            education,
            occupation,
            suggestion,
            manual,
            date,
            json,
        } => {
            let r = app.run::<survey::SurveySubmit>(survey::SurveySubmitInput {
                service,
                answers: parse_answers(&answers)?,
                profile: Some(Profile {
                    gender,
                    age,
                    education,
                    occupation,
                }),
                suggestion,
                staff,
                counter,
                ticket,
                ticket_device: None,
                source: Some(if manual {
                    Source::Manual
                } else {
                    Source::Kiosk
                }),
                date,
            })?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r).expect("json"));
            } else {
                println!("response {} recorded ({} {})", r.id, r.service, r.date);
            }
        }
        SurveyCmd::Report {
            filter,
            population,
            format,
            out,
        } => {
            let format = survey::report::ReportFormat::parse(&format)
                .map_err(|e| Fail(e.message(app.locale)))?;
            let r = app.run::<survey::report::SurveyReport>(survey::report::SurveyReportInput {
                filter: filter.filter(),
                population,
                format,
                out: out.display().to_string(),
            })?;
            warn(app, &r.report.ikm.warnings);
            println!(
                "wrote {} ({} respondents, IKM score {:.2}, grade {} {})",
                r.path,
                r.report.ikm.respondents,
                r.report.ikm.score,
                r.report.ikm.grade.letter(),
                r.report.ikm.category
            );
        }
        SurveyCmd::Batches { json } => {
            let rows = app.run::<survey::SurveyBatches>(loket_core::accounts::Empty {})?;
            print_list(json, &rows, || {
                Table::new(&["BATCH", "IMPORTED", "FILE", "ROWS", "VOID", "SHA-256"]).rows(
                    rows.iter().map(|b| {
                        vec![
                            b.id.clone(),
                            b.at.clone().unwrap_or_default(),
                            b.file.clone().unwrap_or_default(),
                            b.rows.to_string(),
                            crate::output::yes(b.void),
                            b.sha256[..b.sha256.len().min(12)].to_string(),
                        ]
                    }),
                )
            });
        }
        SurveyCmd::Void {
            batch,
            response,
            reason,
        } => {
            let r = app.run::<survey::SurveyVoid>(survey::SurveyVoidInput {
                batch,
                response,
                reason,
            })?;
            println!("voided {} response(s)", r.voided);
        }
        SurveyCmd::List { filter, json } => {
            let rows = app.run::<survey::SurveyList>(filter.filter())?;
            print_list(json, &rows, || {
                let mut h = vec!["DATE", "SERVICE", "STAFF", "SOURCE"];
                h.extend(UNSUR.iter().map(|(id, _)| *id));
                h.push("SUGGESTION");
                Table::new(&h).rows(rows.iter().map(|r| {
                    let mut v = vec![
                        r.date.clone(),
                        r.service.clone(),
                        r.staff.clone().unwrap_or_default(),
                        r.source.as_str().to_string(),
                    ];
                    v.extend(r.answers.values().map(|a| match a {
                        Some(a) => a.to_string(),
                        None => "-".into(),
                    }));
                    v.push(
                        r.suggestion
                            .as_deref()
                            .unwrap_or_default()
                            .replace(['\n', '\r'], " "),
                    );
                    v
                }))
            });
        }
    }
    Ok(())
}

fn import(app: &App, path: PathBuf, allow_duplicate: bool) -> Res {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes =
        std::fs::read(&path).map_err(|e| Fail(format!("cannot read {}: {e}", path.display())))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let (summary, detail) = if app.locale == Locale::Id {
                (
                    format!("tidak ada yang diimpor: {name} bukan teks UTF-8"),
                    "bukan teks UTF-8 (simpan berkas sebagai CSV UTF-8)",
                )
            } else {
                (
                    format!("nothing imported: {name} is not UTF-8 text"),
                    "not UTF-8 text (save the file as CSV UTF-8)",
                )
            };
            eprintln!("loket: {summary}");
            eprintln!("line {line}, column *: {detail}");
            std::process::exit(1);
        }
    };
    let r = app.run::<survey::SurveyImport>(survey::SurveyImportInput {
        csv: Some(text),
        path: None,
        file: Some(name.clone()),
        allow_duplicate: Some(allow_duplicate),
    })?;
    warn(app, &r.warnings);
    if !r.errors.is_empty() {
        let n = r.errors.len();
        if app.locale == Locale::Id {
            eprintln!(
                "loket: tidak ada yang diimpor: {n} baris salah dari {} di {name}",
                r.rows
            );
        } else {
            let rows = if n == 1 { "row" } else { "rows" };
            eprintln!(
                "loket: nothing imported: {n} bad {rows} of {} in {name}",
                r.rows
            );
        }
        for e in &r.errors {
            eprintln!("{e}");
        }
        std::process::exit(1);
    }
    println!(
        "imported {} responses from {name} (batch {})",
        r.imported,
        r.batch.unwrap_or_default()
    );
    Ok(())
}

pub fn ikm(app: &App, a: IkmArgs) -> Res {
    let r = app.run::<survey::SurveyIkm>(survey::SurveyIkmInput {
        filter: a.filter.filter(),
        population: a.population,
    })?;
    warn(app, &r.warnings);
    if a.json {
        let v = serde_json::json!({
            "respondents": r.respondents,
            "nrr": r.nrr,
            "ikm": r.ikm,
            "score": r.score,
            "grade": r.grade.letter(),
            "category": r.category,
        });
        println!("{}", serde_json::to_string_pretty(&v).expect("json"));
        return Ok(());
    }
    println!("selection:   {}", r.filter.describe());
    println!("respondents: {}", r.respondents);
    let t = Table::new(&["UNSUR", "NAME", "ANSWERED", "NRR", ""]).rows(r.unsur.iter().map(|u| {
        vec![
            u.id.clone(),
            u.name.clone(),
            u.answered.to_string(),
            format!("{:.4}", u.nrr),
            if r.lowest.contains(&u.id) {
                "<- lowest: improvement priority".into()
            } else {
                String::new()
            },
        ]
    }));
    println!("{}", t.render());
    println!("IKM:         {:.4}", r.ikm);
    println!("score:       {:.2}", r.score);
    println!("grade:       {} ({})", r.grade.letter(), r.category);
    if let (Some(p), Some(s)) = (r.population, r.sample_size) {
        println!("population:  {p} (sample size {s})");
    }
    Ok(())
}
