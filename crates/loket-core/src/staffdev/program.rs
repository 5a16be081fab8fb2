//! Training programs: a planned program (topic, dates, budget, JP, target participants),
//! enrolment, attendance, participants' feedback (one per participant; a new one replaces it)
//! and its summary, and completion, which creates the competency development records of the
//! participants marked as attending.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::{
    check_form, jp_f, jp_x100, officer, opt_text, require_self_or_supervisor, today, training,
    write_training, NewTraining, TrainingKind,
};
use crate::accounts::Empty;
use crate::api::{Command, Ctx, Perm};
use crate::error::{Error, Msg, Result};
use crate::master;
use crate::time::parse_date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "ProgramStatus")]
pub enum Status {
    Planned,
    Completed,
    Cancelled,
}

impl Status {
    fn parse(s: &str) -> Status {
        match s {
            "completed" => Status::Completed,
            "cancelled" => Status::Cancelled,
            _ => Status::Planned,
        }
    }
    fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Completed => "completed",
            Status::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Program {
    pub id: String,
    pub title: String,
    pub topic: Option<String>,
    pub kind: TrainingKind,
    pub form: Option<String>,
    pub provider: Option<String>,
    pub start: String,
    pub end: String,
    pub jp: f64,
    /// Budget in rupiah.
    pub budget: Option<i64>,
    /// Planned number of participants.
    pub target_participants: Option<i64>,
    pub status: Status,
    pub enrolled: i64,
}

const PROGRAM_COLS: &str = "p.id, p.title, p.topic, p.kind, p.form, p.provider, p.start_date, \
    p.end_date, p.jp_x100, p.budget, p.target_participants, p.status, \
    (SELECT COUNT(*) FROM p_program_participant x WHERE x.program = p.id AND x.enrolled = 1)";

fn program_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Program> {
    Ok(Program {
        id: r.get(0)?,
        title: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        topic: r.get(2)?,
        kind: r
            .get::<_, Option<String>>(3)?
            .and_then(|k| TrainingKind::parse(&k).ok())
            .unwrap_or(TrainingKind::Klasikal),
        form: r.get(4)?,
        provider: r.get(5)?,
        start: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        end: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
        jp: jp_f(r.get::<_, Option<i64>>(8)?.unwrap_or(0)),
        budget: r.get(9)?,
        target_participants: r.get(10)?,
        status: Status::parse(&r.get::<_, Option<String>>(11)?.unwrap_or_default()),
        enrolled: r.get(12)?,
    })
}

pub fn program(conn: &Connection, id: &str) -> Result<Program> {
    let id = id.trim().to_lowercase();
    conn.query_row(
        &format!("SELECT {PROGRAM_COLS} FROM p_program p WHERE p.id = ?1 AND p.title IS NOT NULL"),
        params![id],
        program_row,
    )
    .optional()?
    .ok_or_else(|| {
        Error::invalid(
            format!("program {id} does not exist; see `loket program list`"),
            format!("program {id} tidak ada; lihat `loket program list`"),
        )
    })
}

pub fn programs(conn: &Connection) -> Result<Vec<Program>> {
    let mut st = conn.prepare(&format!(
        "SELECT {PROGRAM_COLS} FROM p_program p WHERE p.title IS NOT NULL ORDER BY p.start_date, p.id"
    ))?;
    let rows = st.query_map([], program_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Participant {
    pub nip: String,
    pub name: String,
    pub enrolled: bool,
    /// null: not recorded yet.
    pub attended: Option<bool>,
    pub rating: Option<i64>,
    pub comment: Option<String>,
    /// The training record created on completion.
    pub training: Option<String>,
}

pub fn participants(conn: &Connection, program: &str) -> Result<Vec<Participant>> {
    let mut st = conn.prepare(
        "SELECT x.nip, s.name, x.enrolled, x.attended, x.rating, x.comment, x.training
           FROM p_program_participant x LEFT JOIN p_staff s ON s.id = x.nip
          WHERE x.program = ?1 ORDER BY x.nip",
    )?;
    let rows = st.query_map(params![program], |r| {
        Ok(Participant {
            nip: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
            name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            enrolled: r.get::<_, Option<bool>>(2)?.unwrap_or(false),
            attended: r.get(3)?,
            rating: r.get(4)?,
            comment: r.get(5)?,
            training: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn participant(conn: &Connection, program: &str, nip: &str) -> Result<Option<Participant>> {
    Ok(participants(conn, program)?
        .into_iter()
        .find(|p| p.nip == nip))
}

fn not_enrolled(nip: &str, program: &str) -> Error {
    Error::invalid(
        format!("officer {nip} is not enrolled in program {program}"),
        format!("pegawai {nip} tidak terdaftar pada program {program}"),
    )
}

fn refuse_if_closed(p: &Program, what: &Msg) -> Result<()> {
    if p.status != Status::Planned {
        return Err(Error::invalid(
            format!(
                "program {} is {}; cannot {}",
                p.id,
                p.status.as_str(),
                what.en
            ),
            format!(
                "program {} sudah {}; tidak dapat {}",
                p.id,
                match p.status {
                    Status::Completed => "selesai",
                    _ => "dibatalkan",
                },
                what.id
            ),
        ));
    }
    Ok(())
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProgramAddInput {
    pub title: String,
    pub start: String,
    pub end: String,
    pub jp: f64,
    #[ts(optional)]
    pub topic: Option<String>,
    /// Kind of the records it creates (default `klasikal`).
    #[ts(optional)]
    pub kind: Option<String>,
    #[ts(optional)]
    pub form: Option<String>,
    #[ts(optional)]
    pub provider: Option<String>,
    /// Rupiah.
    #[ts(optional)]
    pub budget: Option<i64>,
    #[ts(optional)]
    pub target_participants: Option<i64>,
}

/// `program.add`: plans a training program.
pub struct ProgramAdd;
impl Command for ProgramAdd {
    const NAME: &'static str = "program.add";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = ProgramAddInput;
    type Output = Program;
    fn run(ctx: &mut Ctx<'_>, i: ProgramAddInput) -> Result<Program> {
        let title = master::text("title", "judul", &i.title)?;
        let (start, end) = (parse_date(&i.start)?, parse_date(&i.end)?);
        if start > end {
            return Err(Error::invalid(
                format!("the program starts ({start}) after it ends ({end})"),
                format!("program dimulai ({start}) sesudah berakhir ({end})"),
            ));
        }
        if (end - start).num_days() > 366 * 5 {
            return Err(Error::invalid(
                "a program may last at most 5 years",
                "program paling lama 5 tahun",
            ));
        }
        let jp = jp_x100(i.jp)?;
        let kind = match &i.kind {
            Some(k) => TrainingKind::parse(k)?,
            None => TrainingKind::Klasikal,
        };
        let (form, _) = check_form(kind, i.form.as_deref())?;
        if let Some(b) = i.budget {
            if b < 0 {
                return Err(Error::invalid(
                    format!("the budget cannot be negative ({b})"),
                    format!("anggaran tidak boleh negatif ({b})"),
                ));
            }
        }
        if let Some(t) = i.target_participants {
            if !(1..=10_000).contains(&t) {
                return Err(Error::invalid(
                    format!("target participants must be 1-10000, not {t}"),
                    format!("target peserta harus 1-10000, bukan {t}"),
                ));
            }
        }
        let id = ctx.env.new_uuid().to_string();
        ctx.write(
            "program",
            &id,
            vec![
                ("title", json!(title)),
                (
                    "topic",
                    json!(opt_text("topic", "topik", i.topic.as_deref(), 500)?),
                ),
                ("kind", json!(kind.as_str())),
                ("form", json!(form)),
                (
                    "provider",
                    json!(opt_text(
                        "provider",
                        "penyelenggara",
                        i.provider.as_deref(),
                        200
                    )?),
                ),
                ("start_date", json!(start.to_string())),
                ("end_date", json!(end.to_string())),
                ("jp_x100", json!(jp)),
                ("budget", json!(i.budget)),
                ("target_participants", json!(i.target_participants)),
                ("status", json!("planned")),
                ("by_user", json!(ctx.author())),
                ("recorded_at", json!(ctx.now_ms())),
            ],
        )?;
        program(ctx.conn, &id)
    }
}

pub struct ProgramList;
impl Command for ProgramList {
    const NAME: &'static str = "program.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = Vec<Program>;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<Vec<Program>> {
        programs(ctx.conn)
    }
}

/// Participants' feedback summarised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FeedbackSummary {
    pub count: i64,
    /// Mean rating (1-5), two decimals; null without feedback.
    pub avg_rating: Option<f64>,
    /// How many gave 1, 2, 3, 4, 5.
    pub distribution: Vec<i64>,
    /// (nip, comment)
    pub comments: Vec<(String, String)>,
    /// Enrolled participants who attended (or whose attendance is not recorded) without feedback.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProgramDetail {
    pub program: Program,
    pub participants: Vec<Participant>,
    pub attended: i64,
    pub feedback: FeedbackSummary,
}

pub fn summary(parts: &[Participant]) -> FeedbackSummary {
    let enrolled: Vec<&Participant> = parts.iter().filter(|p| p.enrolled).collect();
    let rated: Vec<i64> = enrolled.iter().filter_map(|p| p.rating).collect();
    let mut distribution = vec![0; 5];
    for r in &rated {
        if (1..=5).contains(r) {
            distribution[(*r - 1) as usize] += 1;
        }
    }
    let sum: i64 = rated.iter().sum();
    FeedbackSummary {
        count: rated.len() as i64,
        avg_rating: (!rated.is_empty())
            .then(|| (sum as f64 / rated.len() as f64 * 100.0).round() / 100.0),
        distribution,
        comments: enrolled
            .iter()
            .filter(|p| p.rating.is_some())
            .filter_map(|p| p.comment.clone().map(|c| (p.nip.clone(), c)))
            .collect(),
        missing: enrolled
            .iter()
            .filter(|p| p.rating.is_none() && p.attended != Some(false))
            .map(|p| p.nip.clone())
            .collect(),
    }
}

fn detail(conn: &Connection, id: &str) -> Result<ProgramDetail> {
    let program = program(conn, id)?;
    let participants = participants(conn, &program.id)?;
    Ok(ProgramDetail {
        attended: participants
            .iter()
            .filter(|p| p.enrolled && p.attended == Some(true))
            .count() as i64,
        feedback: summary(&participants),
        participants,
        program,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProgramRef {
    pub program: String,
}

/// `program.show`: the program, its participants and the feedback summary.
pub struct ProgramShow;
impl Command for ProgramShow {
    const NAME: &'static str = "program.show";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = ProgramRef;
    type Output = ProgramDetail;
    fn run(ctx: &mut Ctx<'_>, i: ProgramRef) -> Result<ProgramDetail> {
        detail(ctx.conn, &i.program)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProgramParticipantInput {
    pub program: String,
    pub nip: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ParticipantSaved {
    pub program: String,
    pub participant: Participant,
    pub warnings: Vec<String>,
}

fn pid(program: &str, nip: &str) -> String {
    format!("{program}:{nip}")
}

/// `program.enrol`: adds an officer to a planned program.
pub struct ProgramEnrol;
impl Command for ProgramEnrol {
    const NAME: &'static str = "program.enrol";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = ProgramParticipantInput;
    type Output = ParticipantSaved;
    fn run(ctx: &mut Ctx<'_>, i: ProgramParticipantInput) -> Result<ParticipantSaved> {
        let p = program(ctx.conn, &i.program)?;
        refuse_if_closed(&p, &Msg::new("enrol participants", "mendaftarkan peserta"))?;
        let s = officer(ctx.conn, &i.nip)?;
        if !s.active {
            return Err(Error::invalid(
                format!("officer {} is inactive", s.nip),
                format!("pegawai {} tidak aktif", s.nip),
            ));
        }
        if participant(ctx.conn, &p.id, &s.nip)?.is_some_and(|x| x.enrolled) {
            return Err(Error::invalid(
                format!("officer {} is already enrolled in program {}", s.nip, p.id),
                format!("pegawai {} sudah terdaftar pada program {}", s.nip, p.id),
            ));
        }
        let mut warnings = vec![];
        if let Some(t) = p.target_participants {
            if p.enrolled >= t {
                warnings.push(ctx.msg(&Msg::new(
                    format!("the program now has more participants than its target of {t}"),
                    format!("peserta program kini melebihi target {t} orang"),
                )));
            }
        }
        ctx.write(
            "program_participant",
            &pid(&p.id, &s.nip),
            vec![
                ("program", json!(p.id)),
                ("nip", json!(s.nip)),
                ("enrolled", json!(true)),
                ("enrolled_at", json!(ctx.now_ms())),
            ],
        )?;
        Ok(ParticipantSaved {
            participant: participant(ctx.conn, &p.id, &s.nip)?.expect("just written"),
            program: p.id,
            warnings,
        })
    }
}

/// `program.withdraw`: takes an officer off a planned program.
pub struct ProgramWithdraw;
impl Command for ProgramWithdraw {
    const NAME: &'static str = "program.withdraw";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = ProgramParticipantInput;
    type Output = ParticipantSaved;
    fn run(ctx: &mut Ctx<'_>, i: ProgramParticipantInput) -> Result<ParticipantSaved> {
        let p = program(ctx.conn, &i.program)?;
        refuse_if_closed(
            &p,
            &Msg::new("withdraw participants", "membatalkan peserta"),
        )?;
        let nip = super::nip_key(&i.nip);
        if !participant(ctx.conn, &p.id, &nip)?.is_some_and(|x| x.enrolled) {
            return Err(not_enrolled(&nip, &p.id));
        }
        ctx.write(
            "program_participant",
            &pid(&p.id, &nip),
            vec![("enrolled", json!(false))],
        )?;
        Ok(ParticipantSaved {
            participant: participant(ctx.conn, &p.id, &nip)?.expect("exists"),
            program: p.id,
            warnings: vec![],
        })
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProgramAttendInput {
    pub program: String,
    pub nip: String,
    /// true: attended; false: absent.
    pub attended: bool,
}

/// `program.attend`: records whether an enrolled participant attended.
pub struct ProgramAttend;
impl Command for ProgramAttend {
    const NAME: &'static str = "program.attend";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = ProgramAttendInput;
    type Output = ParticipantSaved;
    fn run(ctx: &mut Ctx<'_>, i: ProgramAttendInput) -> Result<ParticipantSaved> {
        let p = program(ctx.conn, &i.program)?;
        refuse_if_closed(&p, &Msg::new("change attendance", "mengubah kehadiran"))?;
        let nip = super::nip_key(&i.nip);
        if !participant(ctx.conn, &p.id, &nip)?.is_some_and(|x| x.enrolled) {
            return Err(not_enrolled(&nip, &p.id));
        }
        let mut warnings = vec![];
        if today(ctx)? < parse_date(&p.start)? {
            warnings.push(ctx.msg(&Msg::new(
                format!(
                    "the program starts on {}; attendance recorded ahead",
                    p.start
                ),
                format!(
                    "program dimulai {}; kehadiran dicatat lebih dahulu",
                    p.start
                ),
            )));
        }
        ctx.write(
            "program_participant",
            &pid(&p.id, &nip),
            vec![("attended", json!(i.attended))],
        )?;
        Ok(ParticipantSaved {
            participant: participant(ctx.conn, &p.id, &nip)?.expect("exists"),
            program: p.id,
            warnings,
        })
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProgramFeedbackInput {
    pub program: String,
    pub nip: String,
    /// 1 (poor) to 5 (excellent).
    pub rating: i64,
    #[ts(optional)]
    pub comment: Option<String>,
}

/// `program.feedback`: a participant's rating and comment; a new one replaces the old one.
pub struct ProgramFeedback;
impl Command for ProgramFeedback {
    const NAME: &'static str = "program.feedback";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = ProgramFeedbackInput;
    type Output = ParticipantSaved;
    fn run(ctx: &mut Ctx<'_>, i: ProgramFeedbackInput) -> Result<ParticipantSaved> {
        let p = program(ctx.conn, &i.program)?;
        let nip = super::nip_key(&i.nip);
        require_self_or_supervisor(ctx, &nip, &Msg::new("give feedback", "memberi umpan balik"))?;
        if p.status == Status::Cancelled {
            return Err(Error::invalid(
                format!("program {} was cancelled; no feedback", p.id),
                format!("program {} dibatalkan; tidak ada umpan balik", p.id),
            ));
        }
        if !(1..=5).contains(&i.rating) {
            return Err(Error::invalid(
                format!("the rating must be 1-5, not {}", i.rating),
                format!("nilai harus 1-5, bukan {}", i.rating),
            ));
        }
        let Some(part) = participant(ctx.conn, &p.id, &nip)?.filter(|x| x.enrolled) else {
            return Err(not_enrolled(&nip, &p.id));
        };
        if part.attended == Some(false) {
            return Err(Error::invalid(
                format!("officer {nip} is recorded as absent from program {}; only participants who attended give feedback", p.id),
                format!("pegawai {nip} tercatat tidak hadir pada program {}; hanya peserta yang hadir memberi umpan balik", p.id),
            ));
        }
        let comment = opt_text("comment", "komentar", i.comment.as_deref(), 2000)?;
        let mut warnings = vec![];
        if today(ctx)? < parse_date(&p.start)? {
            warnings.push(ctx.msg(&Msg::new(
                format!("the program has not started yet (starts {})", p.start),
                format!("program belum dimulai (mulai {})", p.start),
            )));
        }
        if part.rating.is_some() {
            warnings.push(ctx.msg(&Msg::new(
                "this replaces the participant's earlier feedback",
                "ini menggantikan umpan balik peserta sebelumnya",
            )));
        }
        ctx.write(
            "program_participant",
            &pid(&p.id, &nip),
            vec![
                ("rating", json!(i.rating)),
                ("comment", json!(comment)),
                ("feedback_at", json!(ctx.now_ms())),
            ],
        )?;
        Ok(ParticipantSaved {
            participant: participant(ctx.conn, &p.id, &nip)?.expect("exists"),
            program: p.id,
            warnings,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProgramCompleted {
    pub program: Program,
    /// Training record ids created now (one per attending participant without one).
    pub created: Vec<String>,
    pub warnings: Vec<String>,
}

/// `program.complete`: closes a program after its end and creates a competency development
/// record (kind, form, title, provider, dates and JP of the program) for every enrolled
/// participant marked as attending. Participants whose attendance was not recorded get none
/// (a warning names them). Refused while no attendance at all is recorded.
pub struct ProgramComplete;
impl Command for ProgramComplete {
    const NAME: &'static str = "program.complete";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = ProgramRef;
    type Output = ProgramCompleted;
    fn run(ctx: &mut Ctx<'_>, i: ProgramRef) -> Result<ProgramCompleted> {
        let p = program(ctx.conn, &i.program)?;
        refuse_if_closed(&p, &Msg::new("complete it", "menyelesaikannya"))?;
        let (start, end): (NaiveDate, NaiveDate) = (parse_date(&p.start)?, parse_date(&p.end)?);
        if today(ctx)? < end {
            return Err(Error::invalid(
                format!("program {} ends on {end}; complete it after that", p.id),
                format!("program {} berakhir {end}; selesaikan sesudahnya", p.id),
            ));
        }
        let parts: Vec<Participant> = participants(ctx.conn, &p.id)?
            .into_iter()
            .filter(|x| x.enrolled)
            .collect();
        if parts.iter().all(|x| x.attended.is_none()) {
            return Err(Error::invalid(
                format!("no attendance is recorded for program {}; record it first (`loket program attend`)", p.id),
                format!("belum ada kehadiran tercatat untuk program {}; catat dahulu (`loket program attend`)", p.id),
            ));
        }
        let mut created = vec![];
        let mut unknown = vec![];
        for x in &parts {
            match x.attended {
                Some(true) if x.training.is_none() => {
                    let tid = write_training(
                        ctx,
                        NewTraining {
                            nip: &x.nip,
                            kind: p.kind,
                            form: p.form.clone(),
                            title: p.title.clone(),
                            provider: p.provider.clone(),
                            start: (start != end).then_some(start),
                            date: end,
                            jp_x100: (p.jp * 100.0).round() as i64,
                            minutes: None,
                            program: Some(&p.id),
                        },
                    )?;
                    ctx.write(
                        "program_participant",
                        &pid(&p.id, &x.nip),
                        vec![("training", json!(tid))],
                    )?;
                    training(ctx.conn, &tid)?;
                    created.push(tid);
                }
                None => unknown.push(x.nip.clone()),
                _ => {}
            }
        }
        ctx.write(
            "program",
            &p.id,
            vec![
                ("status", json!("completed")),
                ("completed_at", json!(ctx.now_ms())),
            ],
        )?;
        let mut warnings = vec![];
        if !unknown.is_empty() {
            warnings.push(ctx.msg(&Msg::new(
                format!(
                    "attendance not recorded, no training record: {}",
                    unknown.join(", ")
                ),
                format!(
                    "kehadiran tidak tercatat, tanpa catatan pelatihan: {}",
                    unknown.join(", ")
                ),
            )));
        }
        Ok(ProgramCompleted {
            program: program(ctx.conn, &p.id)?,
            created,
            warnings,
        })
    }
}

/// `program.cancel`: a planned program that will not take place.
pub struct ProgramCancel;
impl Command for ProgramCancel {
    const NAME: &'static str = "program.cancel";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = ProgramRef;
    type Output = Program;
    fn run(ctx: &mut Ctx<'_>, i: ProgramRef) -> Result<Program> {
        let p = program(ctx.conn, &i.program)?;
        refuse_if_closed(&p, &Msg::new("cancel it", "membatalkannya"))?;
        ctx.write("program", &p.id, vec![("status", json!("cancelled"))])?;
        program(ctx.conn, &p.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(
        nip: &str,
        enrolled: bool,
        attended: Option<bool>,
        rating: Option<i64>,
        c: Option<&str>,
    ) -> Participant {
        Participant {
            nip: nip.into(),
            name: String::new(),
            enrolled,
            attended,
            rating,
            comment: c.map(Into::into),
            training: None,
        }
    }

    #[test]
    fn feedback_summary() {
        let parts = vec![
            part("1", true, Some(true), Some(5), Some("bagus")),
            part("2", true, Some(true), Some(4), None),
            part("3", true, None, Some(4), Some("cukup")),
            part("4", true, Some(true), None, None),
            part("5", true, Some(false), None, None),
            part("6", false, None, Some(1), Some("withdrawn")),
        ];
        let s = summary(&parts);
        assert_eq!(s.count, 3);
        assert_eq!(s.avg_rating, Some(4.33)); // 13 / 3
        assert_eq!(s.distribution, vec![0, 0, 0, 2, 1]);
        assert_eq!(
            s.comments,
            vec![("1".into(), "bagus".into()), ("3".into(), "cukup".into())]
        );
        assert_eq!(s.missing, vec!["4".to_string()]);
        let none = summary(&[]);
        assert_eq!((none.count, none.avg_rating), (0, None));
    }
}
