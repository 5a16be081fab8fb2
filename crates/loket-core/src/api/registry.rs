//! The list of every command: dispatch by name for the desktop, and TypeScript bindings.

use std::path::Path;

use ts_rs::TS;

use super::{parse_args, Api, ApiError, Command};
use crate::{accounts, master, sync, system, Locale};

macro_rules! registry {
    ($($cmd:ty),* $(,)?) => {
        /// Every command name, in registration order.
        pub const COMMAND_NAMES: &[&str] = &[$(<$cmd as Command>::NAME),*];

        /// Whether a command changes shared state (the desktop emits a change event after it).
        pub fn is_mutating(name: &str) -> bool {
            $(if name == <$cmd as Command>::NAME { return <$cmd as Command>::MUTATES; })*
            false
        }

        pub(super) fn dispatch(
            api: &Api,
            actor: &super::Actor,
            locale: Locale,
            name: &str,
            args: serde_json::Value,
        ) -> Result<serde_json::Value, ApiError> {
            $(if name == <$cmd as Command>::NAME {
                let input = parse_args::<<$cmd as Command>::Input>(args, locale, name)?;
                let out = api.run::<$cmd>(actor, locale, input)?;
                return serde_json::to_value(out).map_err(|e| ApiError {
                    code: "internal".into(),
                    message: e.to_string(),
                });
            })*
            Err(ApiError {
                code: "unknown_command".into(),
                message: match locale {
                    Locale::En => format!("unknown command {name:?}"),
                    Locale::Id => format!("perintah {name:?} tidak dikenal"),
                },
            })
        }

        /// Writes the TypeScript types of every command's input and output into `dir`, plus
        /// `commands.ts` mapping each command name to them.
        pub fn export_bindings(dir: &Path) -> std::io::Result<()> {
            std::fs::create_dir_all(dir)?;
            // JSON numbers, not bigint: every integer Loket sends fits in 2^53.
            let cfg = ts_rs::Config::new().with_large_int("number").with_out_dir(dir);
            let mut rows: Vec<(&str, String, String)> = Vec::new();
            $(
                export_type::<<$cmd as Command>::Input>(dir, &cfg)?;
                export_type::<<$cmd as Command>::Output>(dir, &cfg)?;
                rows.push((
                    <$cmd as Command>::NAME,
                    <<$cmd as Command>::Input as TS>::name(&cfg),
                    <<$cmd as Command>::Output as TS>::name(&cfg),
                ));
            )*
            export_type::<super::Actor>(dir, &cfg)?;
            export_type::<super::ApiError>(dir, &cfg)?;
            write_commands_ts(dir, &rows)
        }
    };
}

registry!(
    system::Status,
    system::Init,
    system::Fingerprint,
    system::Rebuild,
    system::SettingsUpdate,
    accounts::UserBootstrapAdmin,
    accounts::UserAdd,
    accounts::UserList,
    accounts::UserUpdate,
    accounts::UserResetPin,
    master::AgencyAdd,
    master::AgencyUpdate,
    master::AgencyList,
    master::ServiceAdd,
    master::ServiceUpdate,
    master::ServiceList,
    master::CounterAdd,
    master::CounterUpdate,
    master::CounterList,
    master::StaffAdd,
    master::StaffUpdate,
    master::StaffList,
    master::HolidayAdd,
    master::HolidayRemove,
    master::HolidayList,
    // >>> queue (issue 4)
    crate::queue::ServiceSetPolicy,
    crate::queue::QueueIssue,
    crate::queue::QueueCall,
    crate::queue::QueueStart,
    crate::queue::QueueFinish,
    crate::queue::QueueNoShow,
    crate::queue::QueueRecall,
    crate::queue::QueueCancel,
    crate::queue::QueueTransfer,
    crate::queue::QueuePostpone,
    crate::queue::QueuePrint,
    crate::queue::QueueList,
    crate::queue::QueueWaiting,
    crate::queue::QueueGet,
    crate::queue::QueueBoard,
    crate::queue::QueueStats,
    crate::queue::QueueMetrics,
    crate::queue::QueuePrintTo,
    crate::queue::QueuePrinter,
    crate::queue::QueueSetPrinter,
    // <<< queue
    // >>> desk (issue 4)
    crate::queue::trip::TripGet,
    crate::queue::trip::TripSet,
    // <<< desk
    // >>> complaints (issue 5)
    crate::complaints::SlaSet,
    crate::complaints::SlaRemove,
    crate::complaints::SlaList,
    crate::complaints::HolidayLoadNational,
    crate::complaints::ComplaintAdd,
    crate::complaints::ComplaintAssign,
    crate::complaints::ComplaintMove,
    crate::complaints::ComplaintNote,
    crate::complaints::ComplaintAnswer,
    crate::complaints::ComplaintUpdate,
    crate::complaints::ComplaintShow,
    crate::complaints::ComplaintList,
    crate::complaints::ComplaintDueSoon,
    crate::complaints::ComplaintStats,
    // <<< complaints
    // >>> survey (issue 6)
    crate::survey::SurveySubmit,
    crate::survey::SurveyImport,
    crate::survey::SurveyList,
    crate::survey::SurveyIkm,
    crate::survey::SurveySampleSize,
    crate::survey::report::SurveyReport,
    crate::survey::report::SurveySummary,
    crate::survey::SurveyBatches,
    crate::survey::SurveyVoid,
    crate::survey::kiosk::SurveyKioskConfig,
    crate::survey::kiosk::SurveyKioskConfigure,
    // <<< survey
    // >>> sync (issue 7)
    sync::Export,
    sync::Import,
    sync::Verify,
    sync::Probe,
    sync::Devices,
    sync::Conflicts,
    sync::ConflictPick,
    sync::Backup,
    // <<< sync
    // >>> staff development (issue 8)
    crate::staffdev::StaffdevConfigGet,
    crate::staffdev::StaffdevConfigure,
    crate::staffdev::TrainingAdd,
    crate::staffdev::TrainingList,
    crate::staffdev::TrainingRemove,
    crate::staffdev::TrainingEvidence,
    crate::staffdev::TrainingEvidenceSave,
    crate::staffdev::StaffJp,
    crate::staffdev::perf::StaffReport,
    crate::staffdev::perf::StaffAssess,
    crate::staffdev::perf::StaffAssessments,
    crate::staffdev::program::ProgramAdd,
    crate::staffdev::program::ProgramList,
    crate::staffdev::program::ProgramShow,
    crate::staffdev::program::ProgramEnrol,
    crate::staffdev::program::ProgramWithdraw,
    crate::staffdev::program::ProgramAttend,
    crate::staffdev::program::ProgramFeedback,
    crate::staffdev::program::ProgramComplete,
    crate::staffdev::program::ProgramCancel,
    crate::staffdev::perf::ProgramImpact,
    crate::staffdev::mentoring::MentoringAdd,
    crate::staffdev::mentoring::MentoringUpdate,
    crate::staffdev::mentoring::MentoringSession,
    crate::staffdev::mentoring::MentoringList,
    crate::staffdev::mentoring::MentoringShow,
    crate::staffdev::export::StaffReportExport,
    crate::staffdev::export::StaffJpExport,
    crate::staffdev::export::ProgramReport,
    // <<< staff development
    // >>> daily log (issue 9)
    crate::daily::DailyRecapCmd,
    crate::daily::DailyStatusCmd,
    crate::daily::DailyNoteCmd,
    crate::daily::DailyApproveCmd,
    crate::daily::DailyExportCmd,
    crate::daily::DailyPeriodCmd,
    crate::daily::DailyPeriodExportCmd,
    // <<< daily log
);

struct Exporter<'a> {
    cfg: &'a ts_rs::Config,
    error: Option<ts_rs::ExportError>,
}

impl ts_rs::TypeVisitor for Exporter<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if self.error.is_none() && T::output_path().is_some() {
            self.error = T::export_all(self.cfg).err();
        }
    }
}

/// Exports a named type with its dependencies, or the named types inside `Vec<T>` and the like.
fn export_type<T: TS + 'static + ?Sized>(_dir: &Path, cfg: &ts_rs::Config) -> std::io::Result<()> {
    let mut ex = Exporter { cfg, error: None };
    if T::output_path().is_some() {
        ex.error = T::export_all(cfg).err();
    } else {
        T::visit_dependencies(&mut ex);
        T::visit_generics(&mut ex);
    }
    match ex.error {
        Some(e) => Err(std::io::Error::other(e)),
        None => Ok(()),
    }
}

fn write_commands_ts(dir: &Path, rows: &[(&str, String, String)]) -> std::io::Result<()> {
    let mut types: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".ts") && n != "commands.ts" && n != "index.ts")
        .map(|n| n.trim_end_matches(".ts").to_string())
        .collect();
    types.sort();
    let mut out = String::from("// Generated by loket-core (export_bindings). Do not edit.\n");
    for t in &types {
        out.push_str(&format!("import type {{ {t} }} from \"./{t}\";\n"));
    }
    out.push_str("\n/** Every command of the command layer: its input and output types. */\nexport type Commands = {\n");
    for (name, input, output) in rows {
        out.push_str(&format!(
            "  \"{name}\": {{ input: {input}; output: {output} }};\n"
        ));
    }
    out.push_str("};\n\nexport type CommandName = keyof Commands;\n");
    std::fs::write(dir.join("commands.ts"), out)?;
    let mut index = String::from("// Generated by loket-core (export_bindings). Do not edit.\n");
    for t in &types {
        index.push_str(&format!("export type {{ {t} }} from \"./{t}\";\n"));
    }
    index.push_str("export type { Commands, CommandName } from \"./commands\";\n");
    std::fs::write(dir.join("index.ts"), index)
}
