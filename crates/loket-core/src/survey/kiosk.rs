//! The survey kiosk's settings on this PC: which profile questions the citizen is asked (and the
//! answers offered), whether a suggestion is asked for, the inactivity reset and the service an
//! anonymous kiosk records. Device-local (`local_setting` key `survey_kiosk`, outside the
//! fingerprint): each kiosk PC is set up where it stands. The answers are stored in the
//! responses as free text, so changing the lists never changes a stored response.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Empty;
use crate::api::{Command, Ctx, Perm};
use crate::error::{Error, Kind, Result};
use crate::master::code_key;
use crate::system::local_setting;

const KEY: &str = "survey_kiosk";
/// Longest profile answer the responses accept.
const MAX_OPTION: usize = 100;
const MAX_OPTIONS: usize = 12;

/// One profile question and the answers offered (the citizen may skip it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileQuestion {
    /// `gender`, `age`, `education` or `occupation`.
    pub field: String,
    pub options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KioskConfig {
    /// The profile questions asked, in this order; a field not listed is not asked.
    pub profile: Vec<ProfileQuestion>,
    /// Whether the citizen is offered a suggestion box.
    pub suggestion: bool,
    /// Seconds without a touch before the kiosk starts over (15-600).
    pub reset_seconds: u32,
    /// Service code recorded by an anonymous kiosk (not started from the desk).
    pub service: Option<String>,
}

pub const FIELDS: [&str; 4] = ["gender", "age", "education", "occupation"];

fn list(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

impl Default for KioskConfig {
    fn default() -> Self {
        let q = |field: &str, options: &[&str]| ProfileQuestion {
            field: field.into(),
            options: list(options),
        };
        KioskConfig {
            profile: vec![
                q("gender", &["Laki-laki", "Perempuan"]),
                q(
                    "age",
                    &[
                        "< 20 tahun",
                        "20–29 tahun",
                        "30–39 tahun",
                        "40–49 tahun",
                        "≥ 50 tahun",
                    ],
                ),
                q(
                    "education",
                    &["SD ke bawah", "SMP", "SMA/SMK", "D1–D3", "D4/S1", "S2/S3"],
                ),
                q(
                    "occupation",
                    &[
                        "PNS/TNI/Polri",
                        "Pegawai swasta",
                        "Wiraswasta",
                        "Pelajar/Mahasiswa",
                        "Lainnya",
                    ],
                ),
            ],
            suggestion: true,
            reset_seconds: 60,
            service: None,
        }
    }
}

pub fn config(conn: &rusqlite::Connection) -> Result<KioskConfig> {
    Ok(local_setting(conn, KEY)?
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default())
}

fn check(conn: &rusqlite::Connection, c: &mut KioskConfig) -> Result<()> {
    if !(15..=600).contains(&c.reset_seconds) {
        return Err(Error::invalid(
            format!(
                "the kiosk reset must be 15-600 seconds, not {}",
                c.reset_seconds
            ),
            format!("reset kios harus 15-600 detik, bukan {}", c.reset_seconds),
        ));
    }
    let mut seen = Vec::new();
    for q in &mut c.profile {
        if !FIELDS.contains(&q.field.as_str()) {
            return Err(Error::invalid(
                format!(
                    "unknown profile question {:?} (gender, age, education, occupation)",
                    q.field
                ),
                format!(
                    "pertanyaan profil {:?} tidak dikenal (gender, age, education, occupation)",
                    q.field
                ),
            ));
        }
        if seen.contains(&q.field) {
            return Err(Error::invalid(
                format!("the profile question {} is listed twice", q.field),
                format!("pertanyaan profil {} tercantum dua kali", q.field),
            ));
        }
        seen.push(q.field.clone());
        let mut options: Vec<String> = Vec::new();
        for o in &q.options {
            let o = o.trim().to_string();
            if o.is_empty() {
                continue;
            }
            if o.chars().count() > MAX_OPTION {
                return Err(Error::invalid(
                    format!("the answer {o:?} is longer than {MAX_OPTION} characters"),
                    format!("pilihan {o:?} lebih dari {MAX_OPTION} karakter"),
                ));
            }
            if options.iter().any(|x| x.to_lowercase() == o.to_lowercase()) {
                return Err(Error::invalid(
                    format!("the answer {o:?} of {} is listed twice", q.field),
                    format!("pilihan {o:?} pada {} tercantum dua kali", q.field),
                ));
            }
            options.push(o);
        }
        if options.is_empty() || options.len() > MAX_OPTIONS {
            return Err(Error::invalid(
                format!("{} needs 1-{MAX_OPTIONS} answers to choose from", q.field),
                format!("{} perlu 1-{MAX_OPTIONS} pilihan jawaban", q.field),
            ));
        }
        q.options = options;
    }
    if let Some(s) = c.service.take() {
        if !s.trim().is_empty() {
            let key = code_key(Kind::Service, &s)?;
            super::require(conn, Kind::Service, "p_service", &key)?;
            c.service = Some(key);
        }
    }
    Ok(())
}

/// `survey.kiosk_config`: this PC's kiosk settings (defaults when never set).
pub struct SurveyKioskConfig;
impl Command for SurveyKioskConfig {
    const NAME: &'static str = "survey.kiosk_config";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = KioskConfig;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<KioskConfig> {
        config(ctx.conn)
    }
}

/// `survey.kiosk_configure`: replaces this PC's kiosk settings (supervisor/admin).
pub struct SurveyKioskConfigure;
impl Command for SurveyKioskConfigure {
    const NAME: &'static str = "survey.kiosk_configure";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = KioskConfig;
    type Output = KioskConfig;
    fn run(ctx: &mut Ctx<'_>, mut c: KioskConfig) -> Result<KioskConfig> {
        check(ctx.conn, &mut c)?;
        let text = serde_json::json!(c).to_string();
        ctx.conn.execute(
            "INSERT INTO local_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![KEY, text],
        )?;
        Ok(c)
    }
}
