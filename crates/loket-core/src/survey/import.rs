//! CSV import of paper or online-form survey responses: all or nothing.
//!
//! Format: UTF-8 (a BOM is tolerated), a header row, then one response per row. Columns by
//! name (case-insensitive, any order): `date` (YYYY-MM-DD), `service` (code), `u1`..`u9`
//! (1–4 or empty) are required; `staff` (NIP, must exist), `counter` (code, must exist),
//! `ticket`, `gender`, `age`, `education`, `occupation`, `suggestion` are optional. Any other
//! column is an error. Quoted fields may hold commas and line breaks. Rows whose every field
//! is empty are skipped. A header with semicolons and no commas selects `;` as the separator
//! (spreadsheets in an Indonesian locale save CSV that way). Windows line ends are fine.
//!
//! Every bad row is reported as `line L, column C: reason` (L = the physical line where the
//! row starts, header = line 1; C = the column's name); one line per bad row (further problems
//! of the same row are appended after `; also`). On any bad row nothing is imported.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::{
    nip_key, write_response, NewResponse, Profile, Source, PROFILE_MAX, SUGGESTION_MAX, TICKET_MAX,
};
use crate::api::{Command, Ctx, Perm};
use crate::error::{Error, Kind, Msg, Result};
use crate::master::code_key;
use crate::system;

const REQUIRED: &[&str] = &[
    "date", "service", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9",
];
const OPTIONAL: &[&str] = &[
    "staff",
    "counter",
    "ticket",
    "gender",
    "age",
    "education",
    "occupation",
    "suggestion",
];

/// One bad row (or header problem).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportRowError {
    /// Physical line in the file where the row starts (header = 1).
    pub line: u32,
    /// The column's name (as in the contract, lower case), or `*` for the whole row.
    pub column: String,
    pub reason: String,
}

impl std::fmt::Display for ImportRowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.reason
        )
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SurveyImportInput {
    /// The file's text (or give `path`).
    #[ts(optional)]
    pub csv: Option<String>,
    /// A file to read instead of `csv` (the desktop's file picker gives a path).
    #[ts(optional)]
    pub path: Option<String>,
    /// The file name, recorded with the batch.
    #[ts(optional)]
    pub file: Option<String>,
    /// Import even when a file with the same SHA-256 was imported before.
    #[ts(optional)]
    pub allow_duplicate: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SurveyImportResult {
    /// Responses imported (0 when any row is bad).
    pub imported: u32,
    /// Data rows read (skipped empty rows not counted).
    pub rows: u32,
    /// The batch id, when imported.
    pub batch: Option<String>,
    /// Hex SHA-256 of the file.
    pub sha256: String,
    /// Bad rows; non-empty means nothing was imported.
    pub errors: Vec<ImportRowError>,
    pub warnings: Vec<String>,
}

struct RowErrors {
    line: u32,
    list: Vec<(String, Msg)>,
}

/// The valid responses, or every bad row.
type Parsed = std::result::Result<Vec<NewResponse>, Vec<ImportRowError>>;

/// Validates a whole file. Returns the responses, or every bad row. A file-level problem
/// (no header, no rows) is an `Err`.
fn parse(ctx: &Ctx<'_>, text: &str, today: chrono::NaiveDate) -> Result<(u32, Parsed)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Spreadsheets set to an Indonesian locale save "CSV" with semicolons: a header with
    // semicolons and no commas selects `;` as the separator.
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') && !first.contains(',') {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header = match records.next() {
        None => {
            return Err(Error::invalid(
                "the file is empty; a header row is required (date, service, u1..u9, ...)",
                "berkas kosong; baris judul kolom wajib ada (date, service, u1..u9, ...)",
            ))
        }
        Some(Err(e)) => return Err(csv_error(&e)),
        Some(Ok(h)) => h,
    };
    // header → column index
    let mut errors: Vec<ImportRowError> = Vec::new();
    let mut col: HashMap<&'static str, usize> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let herr = |column: String, m: Msg| ImportRowError {
        line: 1,
        column,
        reason: ctx.msg(&m),
    };
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim().to_lowercase();
        names.push(name.clone());
        let known = REQUIRED.iter().chain(OPTIONAL.iter()).find(|k| **k == name);
        match known {
            _ if name.is_empty() => errors.push(herr(
                format!("{}", i + 1),
                Msg::new(
                    format!("column {} has no name in the header", i + 1),
                    format!("kolom {} tidak bernama pada baris judul", i + 1),
                ),
            )),
            None => errors.push(herr(
                name.clone(),
                Msg::new(
                    format!("unknown column {raw:?}; known columns: date, service, u1..u9, staff, counter, ticket, gender, age, education, occupation, suggestion (the first row must be the header)"),
                    format!("kolom {raw:?} tidak dikenal; kolom yang dikenal: date, service, u1..u9, staff, counter, ticket, gender, age, education, occupation, suggestion (baris pertama harus judul kolom)"),
                ),
            )),
            Some(k) => {
                if col.insert(k, i).is_some() {
                    errors.push(herr(
                        name.clone(),
                        Msg::new(
                            format!("column {name} appears twice"),
                            format!("kolom {name} muncul dua kali"),
                        ),
                    ));
                }
            }
        }
    }
    for k in REQUIRED {
        if !col.contains_key(k) && !names.iter().any(|n| n == k) {
            errors.push(herr(
                k.to_string(),
                Msg::new(
                    format!("required column {k} is missing from the header"),
                    format!("kolom wajib {k} tidak ada pada baris judul"),
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Ok((0, Err(errors)));
    }
    let width = header.len();

    let mut services: HashMap<String, bool> = HashMap::new();
    let mut staff: HashMap<String, bool> = HashMap::new();
    let mut counters: HashMap<String, bool> = HashMap::new();
    let exists = |cache: &mut HashMap<String, bool>, table: &str, id: &str| -> Result<bool> {
        if let Some(b) = cache.get(id) {
            return Ok(*b);
        }
        let b = super::exists(ctx.conn, table, id)?;
        cache.insert(id.to_string(), b);
        Ok(b)
    };

    let mut out = Vec::new();
    let mut read = 0u32;
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                read += 1;
                let line = e.position().map(|p| line_at(text, p.byte())).unwrap_or(0);
                errors.push(ImportRowError {
                    line,
                    column: "*".into(),
                    reason: csv_error(&e).message(ctx.locale),
                });
                continue;
            }
        };
        let line = rec.position().map(|p| line_at(text, p.byte())).unwrap_or(0);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        read += 1;
        let mut row = RowErrors {
            line,
            list: Vec::new(),
        };
        if rec.len() != width {
            let column = if rec.len() < width {
                names[rec.len()].clone()
            } else {
                format!("{}", width + 1)
            };
            row.list.push((
                column,
                Msg::new(
                    format!(
                        "the row has {} fields but the header has {width}",
                        rec.len()
                    ),
                    format!("baris ini berisi {} kolom, baris judul {width}", rec.len()),
                ),
            ));
            errors.push(row.finish(ctx));
            continue;
        }
        let get = |k: &str| col.get(k).map(|&i| rec[i].trim()).unwrap_or("");
        let mut r = NewResponse::default();
        // date
        let d = get("date");
        match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(date) if date > today => row.list.push((
                "date".into(),
                Msg::new(
                    format!("{d} is in the future (today is {today})"),
                    format!("{d} belum terjadi (hari ini {today})"),
                ),
            )),
            Ok(date) => r.date = date.to_string(),
            Err(_) if d.is_empty() => row
                .list
                .push(("date".into(), Msg::new("date is empty", "tanggal kosong"))),
            Err(_) => row.list.push((
                "date".into(),
                Msg::new(
                    format!("{d:?} is not a date in the form YYYY-MM-DD"),
                    format!("{d:?} bukan tanggal berformat YYYY-MM-DD"),
                ),
            )),
        }
        // service
        let s = get("service");
        if s.is_empty() {
            row.list.push((
                "service".into(),
                Msg::new("service code is empty", "kode layanan kosong"),
            ));
        } else {
            match code_key(Kind::Service, s) {
                Ok(code) if exists(&mut services, "p_service", &code)? => r.service = code,
                Ok(code) => row.list.push((
                    "service".into(),
                    Msg::new(
                        format!("service {code} does not exist"),
                        format!("layanan {code} tidak ada"),
                    ),
                )),
                Err(e) => row.list.push(("service".into(), msg_of(&e))),
            }
        }
        // u1..u9
        for i in 0..9 {
            let k = REQUIRED[2 + i];
            let v = get(k);
            r.answers[i] = match v {
                "" => None,
                "1" => Some(1),
                "2" => Some(2),
                "3" => Some(3),
                "4" => Some(4),
                _ => {
                    row.list.push((
                        k.to_string(),
                        Msg::new(
                            format!("{v:?} is not a score 1-4 (leave it empty for no answer)"),
                            format!("{v:?} bukan nilai 1-4 (kosongkan bila tidak dijawab)"),
                        ),
                    ));
                    None
                }
            };
        }
        if r.answers.iter().all(Option::is_none)
            && !row.list.iter().any(|(c, _)| c.starts_with('u'))
        {
            row.list.push((
                "u1".into(),
                Msg::new(
                    "no unsur answered: at least one of u1..u9 must be 1-4",
                    "tidak ada unsur yang dijawab: paling sedikit satu dari u1..u9 harus 1-4",
                ),
            ));
        }
        // staff
        let n = get("staff");
        if !n.is_empty() {
            let nip = nip_key(n);
            if exists(&mut staff, "p_staff", &nip)? {
                r.staff = Some(nip);
            } else {
                row.list.push((
                    "staff".into(),
                    Msg::new(
                        format!("officer (NIP) {nip} does not exist"),
                        format!("pegawai (NIP) {nip} tidak ada"),
                    ),
                ));
            }
        }
        // counter
        let c = get("counter");
        if !c.is_empty() {
            match code_key(Kind::Counter, c) {
                Ok(code) if exists(&mut counters, "p_counter", &code)? => r.counter = Some(code),
                Ok(code) => row.list.push((
                    "counter".into(),
                    Msg::new(
                        format!("counter {code} does not exist"),
                        format!("loket {code} tidak ada"),
                    ),
                )),
                Err(e) => row.list.push(("counter".into(), msg_of(&e))),
            }
        }
        // free text
        let mut text = |k: &str, max: usize| -> Option<String> {
            let v = get(k);
            if v.is_empty() {
                return None;
            }
            if v.chars().count() > max {
                row.list.push((
                    k.to_string(),
                    Msg::new(
                        format!("longer than {max} characters"),
                        format!("lebih dari {max} karakter"),
                    ),
                ));
                return None;
            }
            Some(v.to_string())
        };
        r.ticket = text("ticket", TICKET_MAX);
        r.profile = Profile {
            gender: text("gender", PROFILE_MAX),
            age: text("age", PROFILE_MAX),
            education: text("education", PROFILE_MAX),
            occupation: text("occupation", PROFILE_MAX),
        };
        r.suggestion = text("suggestion", SUGGESTION_MAX);
        if row.list.is_empty() {
            out.push(r);
        } else {
            errors.push(row.finish(ctx));
        }
    }
    if errors.is_empty() {
        Ok((read, Ok(out)))
    } else {
        Ok((read, Err(errors)))
    }
}

impl RowErrors {
    fn finish(self, ctx: &Ctx<'_>) -> ImportRowError {
        let mut it = self.list.into_iter();
        let (column, first) = it.next().expect("at least one problem");
        let mut reason = ctx.msg(&first);
        for (c, m) in it {
            let also = match ctx.locale {
                crate::Locale::En => "also column",
                crate::Locale::Id => "juga kolom",
            };
            reason.push_str(&format!("; {also} {c}: {}", ctx.msg(&m)));
        }
        ImportRowError {
            line: self.line,
            column,
            reason,
        }
    }
}

/// The physical line (1-based) of a byte offset: counted here rather than taken from the CSV
/// reader, which miscounts after Windows line ends. Blank lines before a record are skipped
/// (the reader skips them too).
fn line_at(text: &str, byte: u64) -> u32 {
    let b = text.as_bytes();
    let mut end = (byte as usize).min(b.len());
    // a record may be positioned on the line end that closed the previous one
    while end < b.len() && (b[end] == b'\r' || b[end] == b'\n') {
        end += 1;
    }
    b[..end].iter().filter(|b| **b == b'\n').count() as u32 + 1
}

fn msg_of(e: &Error) -> Msg {
    Msg::new(e.message(crate::Locale::En), e.message(crate::Locale::Id))
}

fn csv_error(e: &csv::Error) -> Error {
    Error::invalid(
        format!("the file cannot be read as CSV: {e}"),
        format!("berkas tidak dapat dibaca sebagai CSV: {e}"),
    )
}

/// `survey.import`: imports a CSV of responses, all or nothing.
pub struct SurveyImport;
impl Command for SurveyImport {
    const NAME: &'static str = "survey.import";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = SurveyImportInput;
    type Output = SurveyImportResult;
    fn run(ctx: &mut Ctx<'_>, i: SurveyImportInput) -> Result<SurveyImportResult> {
        let site = system::this_site(ctx.conn)?;
        let now = ctx.now_ms();
        let today = site.tz.local_date(now);
        let (csv, from_path) = match (i.csv, i.path) {
            (Some(csv), None) => (csv, None),
            (None, Some(path)) => {
                let bytes = std::fs::read(&path)?;
                let name = std::path::Path::new(&path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned());
                match String::from_utf8(bytes) {
                    Ok(text) => (text, name),
                    Err(e) => {
                        return Ok(SurveyImportResult {
                            imported: 0,
                            rows: 0,
                            batch: None,
                            sha256: hex::encode(crate::log::sha256(e.as_bytes())),
                            errors: vec![ImportRowError {
                                line: 1,
                                column: "*".into(),
                                reason: ctx.msg(&Msg::new(
                                    "not UTF-8 text (save the file as CSV UTF-8)",
                                    "bukan teks UTF-8 (simpan berkas sebagai CSV UTF-8)",
                                )),
                            }],
                            warnings: vec![],
                        })
                    }
                }
            }
            _ => {
                return Err(Error::invalid(
                    "give either the CSV text or a file path",
                    "isi teks CSV atau jalur berkas (salah satu)",
                ))
            }
        };
        let sha = hex::encode(crate::log::sha256(csv.as_bytes()));
        let file = i
            .file
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .or(from_path);
        let previous: Option<(String, Option<String>, Option<i64>)> = ctx
            .conn
            .query_row(
                "SELECT id, file, at FROM p_survey_batch WHERE sha256 = ?1 AND COALESCE(void, 0) = 0 ORDER BY at LIMIT 1",
                params![sha],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let mut warnings = Vec::new();
        if let Some((id, pfile, at)) = previous {
            let when = at.map(|ms| site.tz.format_iso(ms)).unwrap_or_default();
            let pfile = pfile.unwrap_or_else(|| "-".into());
            if !i.allow_duplicate.unwrap_or(false) {
                return Err(Error::invalid(
                    format!("this file (SHA-256 {}) was already imported on {when} as batch {id} ({pfile}); nothing was imported; to import it again on purpose, use --allow-duplicate", &sha[..12]),
                    format!("berkas ini (SHA-256 {}) sudah diimpor pada {when} sebagai batch {id} ({pfile}); tidak ada yang diimpor; untuk mengimpor ulang dengan sengaja, gunakan --allow-duplicate", &sha[..12]),
                ));
            }
            warnings.push(ctx.msg(&Msg::new(
                format!("the same file was imported before as batch {id}; its responses now count twice"),
                format!("berkas yang sama pernah diimpor sebagai batch {id}; tanggapannya kini terhitung dua kali"),
            )));
        }
        let (read, parsed) = parse(ctx, &csv, today)?;
        let rows = match parsed {
            Err(errors) => {
                return Ok(SurveyImportResult {
                    imported: 0,
                    rows: read,
                    batch: None,
                    sha256: sha,
                    errors,
                    warnings,
                })
            }
            Ok(rows) => rows,
        };
        if rows.is_empty() {
            return Err(Error::invalid(
                "the file has a header but no responses; nothing was imported",
                "berkas hanya berisi baris judul tanpa tanggapan; tidak ada yang diimpor",
            ));
        }
        let batch = ctx.env.new_uuid().to_string();
        let mut f = vec![
            ("sha256", json!(sha)),
            ("rows", json!(rows.len())),
            ("at", json!(now)),
            ("site", json!(site.id)),
        ];
        if let Some(file) = &file {
            f.push(("file", json!(file)));
        }
        ctx.write("survey_batch", &batch, f)?;
        for r in &rows {
            write_response(ctx, &site, r, Source::Csv, Some(&batch))?;
        }
        Ok(SurveyImportResult {
            imported: rows.len() as u32,
            rows: rows.len() as u32,
            batch: Some(batch),
            sha256: sha,
            errors: vec![],
            warnings,
        })
    }
}
