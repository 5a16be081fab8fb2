//! `loket`: the command line face of the command layer. Every subcommand maps onto one
//! command of `loket_core::api`, run with the same permission checks as the desktop.

// mimalloc: with it the sync import reads the file on a second thread (glibc's malloc makes the
// cross-thread frees of its events slow); the demo and every command allocate less dearly too.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cmd;
mod output;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use loket_core::accounts::Empty;
use loket_core::api::{Actor, Api, ApiError, Command};
use loket_core::env::{Env, ManualClock};
use loket_core::system::{self, DeviceKind};
use loket_core::Locale;

use cmd::master::{AgencyCmd, CounterCmd, HolidayCmd, ServiceCmd, StaffCmd, UserCmd};

#[derive(Parser)]
#[command(
    name = "loket",
    version,
    about = "Loket: queue, complaints, survey and daily log for public-service desks"
)]
struct Cli {
    /// Database file (default: env LOKET_DB, else ~/.local/share/loket/loket.db)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Act as this user (PIN from env LOKET_PIN, else prompted). Without it the command runs
    /// as the machine administrator.
    #[arg(long, global = true, value_name = "NAME")]
    user: Option<String>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Create this device's identity and its site (once per database)
    Init {
        #[arg(long)]
        site: String,
        #[arg(long)]
        device: String,
        #[arg(long, default_value = "counter", value_parser = ["counter", "field", "supervisor"])]
        kind: String,
        /// Asia/Jakarta (WIB, default), Asia/Makassar (WITA), Asia/Jayapura (WIT)
        #[arg(long, default_value = "Asia/Jakarta")]
        tz: String,
    },
    /// Show this device, its site and the schema
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Agencies (instansi)
    #[command(subcommand)]
    Agency(AgencyCmd),
    /// Services (layanan)
    #[command(subcommand)]
    Service(ServiceCmd),
    /// Counters (loket)
    #[command(subcommand)]
    Counter(CounterCmd),
    /// Officers (pegawai)
    #[command(subcommand)]
    Staff(StaffCmd),
    /// Holiday calendar
    #[command(subcommand)]
    Holiday(HolidayCmd),
    /// User accounts
    #[command(subcommand)]
    User(UserCmd),
    /// Print a digest of the shared state (same events → same line)
    Fingerprint,
    /// Drop and refold every projection from the event log
    Rebuild,
    // >>> queue (issue 4)
    /// The queue (antrian): tickets, calls, the desk's steps, lists and figures
    #[command(subcommand)]
    Queue(cmd::queue::QueueCmd),
    /// Fill the database with a realistic MPP (initialises an empty one; same seed → same data)
    Demo(cmd::queue::DemoArgs),
    // <<< queue
    // >>> complaints (issue 5)
    /// SLA profiles of complaint categories (working days)
    #[command(subcommand)]
    Sla(cmd::complaints::SlaCmd),
    /// Complaints (pengaduan)
    #[command(subcommand)]
    Complaint(cmd::complaints::ComplaintCmd),
    // <<< complaints
    // >>> survey (issue 6)
    /// Citizen satisfaction survey (SKM): import, responses, sample size
    #[command(subcommand)]
    Survey(cmd::survey::SurveyCmd),
    /// Satisfaction index (IKM) per PermenPANRB 14/2017
    Ikm(cmd::survey::IkmArgs),
    // <<< survey
    // >>> sync (issue 7)
    /// Write a bundle file of the events this PC has not exported yet (or all with --full)
    Export {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        pass: cmd::sync::PassArg,
    },
    /// Verify and apply bundle files (a folder: its *.loket files); each file all or nothing
    Import {
        #[arg(required = true, value_name = "FILE_OR_DIR")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        pass: cmd::sync::PassArg,
    },
    /// Check a bundle file without importing it
    Verify {
        file: PathBuf,
        #[command(flatten)]
        pass: cmd::sync::PassArg,
    },
    /// Every known device: site, kind, last event, last import, clock skew
    Devices {
        #[arg(long)]
        json: bool,
    },
    /// Concurrent edits of one field; `pick` resolves one
    Conflicts {
        #[command(subcommand)]
        cmd: Option<cmd::sync::ConflictsCmd>,
        #[arg(long)]
        json: bool,
    },
    /// Write a consistent copy of the database (it holds this device's key: keep it safe)
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup into the database path (--db), as a NEW device (new id and key)
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
    // <<< sync
    // >>> staff development (issue 8)
    /// Competency development records (JP) and their certificates
    #[command(subcommand)]
    Training(cmd::staffdev::TrainingCmd),
    /// Training programs: enrolment, attendance, feedback, completion, impact
    #[command(subcommand)]
    Program(cmd::staffdev::ProgramCmd),
    /// Mentoring pairs and their sessions
    #[command(subcommand)]
    Mentoring(cmd::staffdev::MentoringCmd),
    // <<< staff development
    // >>> daily log (issue 9)
    /// The daily log of a site: recap, supervisor notes, approval, exports
    Daily(cmd::daily::DailyArgs),
    /// Recap of a period (every site unless --site), per day: XLSX, PDF or CSV
    Recap(cmd::daily::RecapArgs),
    // <<< daily log
}

#[derive(Args)]
pub struct ListArgs {
    /// Print a JSON array of objects
    #[arg(long)]
    pub json: bool,
}

/// The failure of a CLI run: one line on stderr.
pub struct Fail(pub String);

impl From<ApiError> for Fail {
    fn from(e: ApiError) -> Self {
        Fail(e.message)
    }
}

pub type Res<T = ()> = Result<T, Fail>;

fn locale() -> Locale {
    std::env::var("LOKET_LANG")
        .ok()
        .map(|l| Locale::from_tag(&l))
        .unwrap_or(Locale::En)
}

/// The real clock, or a fixed one from `LOKET_NOW` (RFC 3339) for scripted runs and tests.
fn env() -> Res<Env> {
    let mut env = Env::system();
    if let Ok(now) = std::env::var("LOKET_NOW") {
        let t = chrono::DateTime::parse_from_rfc3339(&now).map_err(|_| {
            Fail(format!(
                "LOKET_NOW={now:?} is not an RFC 3339 time such as 2026-11-23T09:00:00+07:00"
            ))
        })?;
        env.clock = Arc::new(ManualClock::new(t.timestamp_millis()));
    }
    Ok(env)
}

fn db_path(cli: &Cli) -> PathBuf {
    loket_core::store::resolve_db_path(cli.db.clone(), std::env::var_os("LOKET_DB"))
}

pub fn secret(env_var: &str, prompt: &str, confirm: bool) -> Res<String> {
    if let Ok(v) = std::env::var(env_var) {
        return Ok(v);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Fail(format!(
            "no terminal to ask for the PIN; set {env_var}"
        )));
    }
    let read = |p: &str| {
        rpassword::prompt_password(p).map_err(|e| Fail(format!("cannot read the PIN: {e}")))
    };
    let pin = read(prompt)?;
    if confirm && read("Repeat the PIN: ")? != pin {
        return Err(Fail("the two PINs differ; nothing was changed".into()));
    }
    Ok(pin)
}

pub struct App {
    pub api: Api,
    pub actor: Actor,
    pub locale: Locale,
}

impl App {
    pub fn run<C: Command>(&self, input: C::Input) -> Res<C::Output> {
        Ok(self.api.run::<C>(&self.actor, self.locale, input)?)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // mimalloc frees across threads cheaply (see the allocator above)
    loket_core::sync::import_on_second_thread(true);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(msg)) => {
            eprintln!("loket: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Res {
    let locale = locale();
    let path = db_path(&cli);
    let env = env()?;
    // >>> survey (issue 6)
    // A pure calculation: works without a database.
    if let Cmd::Survey(cmd::survey::SurveyCmd::SampleSize { population }) = &cli.cmd {
        cmd::survey::sample_size(*population);
        return Ok(());
    }
    // <<< survey
    if let Cmd::Restore { from } = &cli.cmd {
        let r = loket_core::sync::backup::restore(from, &path, &env)
            .map_err(|e| Fail(e.message(locale)))?;
        println!(
            "restored {} event(s) into {}; this PC is now device {} (the backup's device {} is not reused)",
            r.events,
            path.display(),
            r.new_device_id,
            r.old_device_id
        );
        return Ok(());
    }
    // A bulk load with a connection of its own (no second one held open by this process).
    if let Cmd::Demo(a) = cli.cmd {
        return cmd::queue::demo(&path, &env, locale, a);
    }
    let is_init = matches!(cli.cmd, Cmd::Init { .. });
    let api = if is_init {
        Api::open(&path, env)?
    } else {
        Api::open_existing(&path, env)?
    };
    let actor = match &cli.user {
        None => Actor::Machine,
        Some(u) => {
            let pin = secret("LOKET_PIN", &format!("PIN for {u}: "), false)?;
            api.login(u, &pin, locale)?
        }
    };
    let app = App { api, actor, locale };
    dispatch(&app, cli.cmd)
}

pub fn warn(app: &App, warnings: &[String]) {
    let label = if app.locale == Locale::Id {
        "peringatan"
    } else {
        "warning"
    };
    for w in warnings {
        eprintln!("loket: {label}: {w}");
    }
}

fn dispatch(app: &App, cmd: Cmd) -> Res {
    match cmd {
        Cmd::Init {
            site,
            device,
            kind,
            tz,
        } => {
            let s = app.run::<system::Init>(system::InitInput {
                site,
                device,
                kind: Some(DeviceKind::parse(&kind).map_err(|e| Fail(e.message(app.locale)))?),
                tz: Some(tz),
            })?;
            println!(
                "initialised device {} ({}) at site {} ({})",
                s.device_name.unwrap_or_default(),
                s.device_id.unwrap_or_default(),
                s.site.unwrap_or_default(),
                s.site_tz.map(|t| t.abbr()).unwrap_or_default()
            );
        }
        Cmd::Status { json } => {
            let s = app.run::<system::Status>(Empty {})?;
            if json {
                println!("{}", serde_json::to_string_pretty(&s).expect("json"));
            } else {
                println!(
                    "site:    {} ({})",
                    s.site.unwrap_or_default(),
                    s.site_tz.map(|t| t.iana()).unwrap_or_default()
                );
                println!(
                    "device:  {} {} ({})",
                    s.device_name.unwrap_or_default(),
                    s.device_id.unwrap_or_default(),
                    s.device_kind.map(|k| k.as_str()).unwrap_or_default()
                );
                println!("schema:  {}", s.schema_version);
            }
        }
        Cmd::Agency(c) => cmd::master::agency(app, c)?,
        Cmd::Service(c) => cmd::master::service(app, c)?,
        Cmd::Counter(c) => cmd::master::counter(app, c)?,
        Cmd::Staff(c) => cmd::master::staff(app, c)?,
        Cmd::Holiday(c) => cmd::master::holiday(app, c)?,
        Cmd::User(c) => cmd::master::user(app, c)?,
        // capability commands, one section each:
        // >>> queue (issue 4)
        Cmd::Queue(c) => cmd::queue::run(app, c)?,
        Cmd::Demo(_) => unreachable!("run handles demo before opening the database"),
        // <<< queue
        // >>> complaints (issue 5)
        Cmd::Sla(c) => cmd::complaints::sla(app, c)?,
        Cmd::Complaint(c) => cmd::complaints::complaint(app, c)?,
        // <<< complaints
        // >>> survey (issue 6)
        Cmd::Survey(c) => cmd::survey::survey(app, c)?,
        Cmd::Ikm(a) => cmd::survey::ikm(app, a)?,
        // <<< survey
        // >>> sync (issue 7)
        Cmd::Export { out, full, pass } => cmd::sync::export(app, out, full, pass)?,
        Cmd::Import { files, pass } => cmd::sync::import(app, files, pass)?,
        Cmd::Verify { file, pass } => cmd::sync::verify(app, &file, pass)?,
        Cmd::Devices { json } => cmd::sync::devices(app, json)?,
        Cmd::Conflicts { cmd, json } => cmd::sync::conflicts(app, cmd, json)?,
        Cmd::Backup { out } => {
            let r = app.run::<loket_core::sync::Backup>(loket_core::sync::backup::BackupInput {
                out: out.display().to_string(),
            })?;
            println!("backup written to {} ({} bytes)", r.file, r.bytes);
        }
        Cmd::Restore { .. } => unreachable!("handled before opening the database"),
        // <<< sync
        // >>> staff development (issue 8)
        Cmd::Training(c) => cmd::staffdev::training(app, c)?,
        Cmd::Program(c) => cmd::staffdev::program(app, c)?,
        Cmd::Mentoring(c) => cmd::staffdev::mentoring(app, c)?,
        // <<< staff development
        // >>> daily log (issue 9)
        Cmd::Daily(a) => cmd::daily::daily(app, a)?,
        Cmd::Recap(a) => cmd::daily::recap(app, a)?,
        // <<< daily log
        Cmd::Fingerprint => println!("{}", app.run::<system::Fingerprint>(Empty {})?),
        Cmd::Rebuild => {
            let fp = app.run::<system::Rebuild>(Empty {})?;
            println!("rebuilt; fingerprint {fp}");
        }
    }
    Ok(())
}
