//! Mentoring: a senior officer (mentor) guides a new one (mentee); goals, a session log and a
//! status (active → completed).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::{officer, opt_text, today};
use crate::api::{Actor, Command, Ctx, Perm};
use crate::error::{Error, Msg, Result};
use crate::time::parse_date;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Pair {
    pub id: String,
    pub mentor: String,
    pub mentor_name: String,
    pub mentee: String,
    pub mentee_name: String,
    pub start: String,
    pub end: Option<String>,
    pub goals: Option<String>,
    /// `active` or `completed`.
    pub status: String,
    pub sessions: i64,
    pub minutes: i64,
    pub last_session: Option<String>,
}

const PAIR_SELECT: &str = "SELECT m.id, m.mentor, a.name, m.mentee, b.name, m.start_date, \
    m.end_date, m.goals, m.status, \
    (SELECT COUNT(*) FROM p_mentoring_session s WHERE s.pair = m.id), \
    (SELECT COALESCE(SUM(s.minutes), 0) FROM p_mentoring_session s WHERE s.pair = m.id), \
    (SELECT MAX(s.date) FROM p_mentoring_session s WHERE s.pair = m.id) \
    FROM p_mentoring m LEFT JOIN p_staff a ON a.id = m.mentor LEFT JOIN p_staff b ON b.id = m.mentee";

fn pair_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Pair> {
    Ok(Pair {
        id: r.get(0)?,
        mentor: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        mentor_name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        mentee: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        mentee_name: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        start: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
        end: r.get(6)?,
        goals: r.get(7)?,
        status: r
            .get::<_, Option<String>>(8)?
            .unwrap_or_else(|| "active".into()),
        sessions: r.get(9)?,
        minutes: r.get(10)?,
        last_session: r.get(11)?,
    })
}

pub fn pair(conn: &Connection, id: &str) -> Result<Pair> {
    let id = id.trim().to_lowercase();
    conn.query_row(
        &format!("{PAIR_SELECT} WHERE m.id = ?1 AND m.mentor IS NOT NULL"),
        params![id],
        pair_row,
    )
    .optional()?
    .ok_or_else(|| {
        Error::invalid(
            format!("mentoring pair {id} does not exist; see `loket mentoring list`"),
            format!("pasangan mentoring {id} tidak ada; lihat `loket mentoring list`"),
        )
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MentoringAddInput {
    pub mentor: String,
    pub mentee: String,
    pub start: String,
    #[ts(optional)]
    pub goals: Option<String>,
}

/// `mentoring.add`: pairs a mentor with a mentee (both existing, active, different officers;
/// one active pair per mentor and mentee).
pub struct MentoringAdd;
impl Command for MentoringAdd {
    const NAME: &'static str = "mentoring.add";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = MentoringAddInput;
    type Output = Pair;
    fn run(ctx: &mut Ctx<'_>, i: MentoringAddInput) -> Result<Pair> {
        let mentor = officer(ctx.conn, &i.mentor)?;
        let mentee = officer(ctx.conn, &i.mentee)?;
        if mentor.nip == mentee.nip {
            return Err(Error::invalid(
                format!("an officer cannot mentor themself ({})", mentor.nip),
                format!(
                    "pegawai tidak dapat menjadi mentor dirinya sendiri ({})",
                    mentor.nip
                ),
            ));
        }
        for s in [&mentor, &mentee] {
            if !s.active {
                return Err(Error::invalid(
                    format!("officer {} is inactive", s.nip),
                    format!("pegawai {} tidak aktif", s.nip),
                ));
            }
        }
        let start = parse_date(&i.start)?;
        let existing: Option<String> = ctx
            .conn
            .query_row(
                "SELECT id FROM p_mentoring WHERE mentor = ?1 AND mentee = ?2 AND status = 'active'",
                params![mentor.nip, mentee.nip],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Err(Error::invalid(
                format!(
                    "{} already mentors {} (pair {id}, active)",
                    mentor.nip, mentee.nip
                ),
                format!(
                    "{} sudah menjadi mentor {} (pasangan {id}, aktif)",
                    mentor.nip, mentee.nip
                ),
            ));
        }
        let goals = opt_text("goals", "tujuan", i.goals.as_deref(), 2000)?;
        let id = ctx.env.new_uuid().to_string();
        ctx.write(
            "mentoring",
            &id,
            vec![
                ("mentor", json!(mentor.nip)),
                ("mentee", json!(mentee.nip)),
                ("start_date", json!(start.to_string())),
                ("goals", json!(goals)),
                ("status", json!("active")),
                ("by_user", json!(ctx.author())),
                ("recorded_at", json!(ctx.now_ms())),
            ],
        )?;
        pair(ctx.conn, &id)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MentoringUpdateInput {
    pub pair: String,
    #[ts(optional)]
    pub goals: Option<String>,
    /// `active` or `completed`.
    #[ts(optional)]
    pub status: Option<String>,
    /// End day (default: today when completing).
    #[ts(optional)]
    pub end: Option<String>,
}

/// `mentoring.update`: goals and status.
pub struct MentoringUpdate;
impl Command for MentoringUpdate {
    const NAME: &'static str = "mentoring.update";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = MentoringUpdateInput;
    type Output = Pair;
    fn run(ctx: &mut Ctx<'_>, i: MentoringUpdateInput) -> Result<Pair> {
        let p = pair(ctx.conn, &i.pair)?;
        let mut f = vec![];
        if let Some(g) = &i.goals {
            f.push(("goals", json!(opt_text("goals", "tujuan", Some(g), 2000)?)));
        }
        match i.status.as_deref().map(|s| s.trim().to_lowercase()) {
            Some(s) if s == "completed" || s == "selesai" => {
                let end = match &i.end {
                    Some(e) => parse_date(e)?,
                    None => today(ctx)?,
                };
                if end < parse_date(&p.start)? {
                    return Err(Error::invalid(
                        format!("the end ({end}) is before the start ({})", p.start),
                        format!(
                            "tanggal selesai ({end}) sebelum tanggal mulai ({})",
                            p.start
                        ),
                    ));
                }
                f.push(("status", json!("completed")));
                f.push(("end_date", json!(end.to_string())));
            }
            Some(s) if s == "active" || s == "aktif" => {
                f.push(("status", json!("active")));
                f.push(("end_date", json!(null)));
            }
            Some(s) => {
                return Err(Error::invalid(
                    format!("unknown status {s:?}; use active or completed"),
                    format!("status {s:?} tidak dikenal; gunakan active atau completed"),
                ))
            }
            None => {}
        }
        if f.is_empty() {
            return Err(Error::invalid(
                "nothing to change: give goals or a status",
                "tidak ada yang diubah: isi tujuan atau status",
            ));
        }
        ctx.write("mentoring", &p.id, f)?;
        pair(ctx.conn, &p.id)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MentoringSessionInput {
    pub pair: String,
    pub date: String,
    /// 1-600.
    pub minutes: i64,
    #[ts(optional)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Session {
    pub id: String,
    pub pair: String,
    pub date: String,
    pub minutes: i64,
    pub notes: Option<String>,
    pub by: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SessionSaved {
    pub session: Session,
    pub pair: Pair,
    pub warnings: Vec<String>,
}

/// `mentoring.session`: logs a session of an active pair (by the mentor, the mentee or a
/// supervisor).
pub struct MentoringSession;
impl Command for MentoringSession {
    const NAME: &'static str = "mentoring.session";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = MentoringSessionInput;
    type Output = SessionSaved;
    fn run(ctx: &mut Ctx<'_>, i: MentoringSessionInput) -> Result<SessionSaved> {
        let p = pair(ctx.conn, &i.pair)?;
        if let Actor::User {
            role: crate::accounts::Role::Petugas,
            nip,
            ..
        } = ctx.actor
        {
            let own = nip.as_deref();
            if own != Some(p.mentor.as_str()) && own != Some(p.mentee.as_str()) {
                return Err(Error::Forbidden {
                    role: "petugas".into(),
                    action: Msg::new(
                        "log a session of a pair they are not part of",
                        "mencatat sesi pasangan yang bukan miliknya",
                    ),
                });
            }
        }
        if p.status != "active" {
            return Err(Error::invalid(
                format!(
                    "mentoring pair {} is completed; reopen it to log sessions",
                    p.id
                ),
                format!(
                    "pasangan mentoring {} sudah selesai; aktifkan lagi untuk mencatat sesi",
                    p.id
                ),
            ));
        }
        let date = parse_date(&i.date)?;
        if date < parse_date(&p.start)? {
            return Err(Error::invalid(
                format!(
                    "the session ({date}) is before the pair started ({})",
                    p.start
                ),
                format!("sesi ({date}) sebelum pasangan dimulai ({})", p.start),
            ));
        }
        if !(1..=600).contains(&i.minutes) {
            return Err(Error::invalid(
                format!("session minutes must be 1-600, not {}", i.minutes),
                format!("menit sesi harus 1-600, bukan {}", i.minutes),
            ));
        }
        let mut warnings = vec![];
        if date > today(ctx)? {
            warnings.push(ctx.msg(&Msg::new(
                format!("the session date {date} is in the future"),
                format!("tanggal sesi {date} ada di masa depan"),
            )));
        }
        let notes = opt_text("notes", "catatan", i.notes.as_deref(), 4000)?;
        let id = ctx.env.new_uuid().to_string();
        ctx.write(
            "mentoring_session",
            &id,
            vec![
                ("pair", json!(p.id)),
                ("date", json!(date.to_string())),
                ("minutes", json!(i.minutes)),
                ("notes", json!(notes)),
                ("by_user", json!(ctx.author())),
                ("recorded_at", json!(ctx.now_ms())),
            ],
        )?;
        Ok(SessionSaved {
            session: Session {
                id,
                pair: p.id.clone(),
                date: date.to_string(),
                minutes: i.minutes,
                notes,
                by: ctx.author().map(str::to_string),
            },
            pair: pair(ctx.conn, &p.id)?,
            warnings,
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct MentoringListInput {
    /// Pairs where this officer is mentor or mentee.
    #[ts(optional)]
    pub nip: Option<String>,
    #[ts(optional)]
    pub status: Option<String>,
}

pub struct MentoringList;
impl Command for MentoringList {
    const NAME: &'static str = "mentoring.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = MentoringListInput;
    type Output = Vec<Pair>;
    fn run(ctx: &mut Ctx<'_>, i: MentoringListInput) -> Result<Vec<Pair>> {
        let nip = i
            .nip
            .as_deref()
            .map(|n| officer(ctx.conn, n))
            .transpose()?
            .map(|s| s.nip);
        let status = i.status.as_deref().map(|s| s.trim().to_lowercase());
        let mut st = ctx.conn.prepare(&format!(
            "{PAIR_SELECT} WHERE m.mentor IS NOT NULL AND (?1 IS NULL OR m.mentor = ?1 OR m.mentee = ?1)
               AND (?2 IS NULL OR m.status = ?2) ORDER BY m.start_date, m.id"
        ))?;
        let rows = st.query_map(params![nip, status], pair_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MentoringShowInput {
    pub pair: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PairDetail {
    pub pair: Pair,
    pub sessions: Vec<Session>,
}

pub struct MentoringShow;
impl Command for MentoringShow {
    const NAME: &'static str = "mentoring.show";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = MentoringShowInput;
    type Output = PairDetail;
    fn run(ctx: &mut Ctx<'_>, i: MentoringShowInput) -> Result<PairDetail> {
        let p = pair(ctx.conn, &i.pair)?;
        let mut st = ctx.conn.prepare(
            "SELECT id, pair, date, minutes, notes, by_user FROM p_mentoring_session
              WHERE pair = ?1 ORDER BY date, recorded_at, id",
        )?;
        let rows = st.query_map(params![p.id], |r| {
            Ok(Session {
                id: r.get(0)?,
                pair: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                date: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                minutes: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                notes: r.get(4)?,
                by: r.get(5)?,
            })
        })?;
        Ok(PairDetail {
            sessions: rows.collect::<rusqlite::Result<_>>()?,
            pair: p,
        })
    }
}
