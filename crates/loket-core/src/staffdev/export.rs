//! XLSX and PDF exports of the staff-development figures: an officer performance report for a
//! period (`staff.report_export`), the JP tracker of a year (`staff.jp_export`) and a training
//! program's summary with feedback and impact (`program.report`).
//!
//! Each export is described once as a [`Report`] (title, a few labelled facts, tables of typed
//! cells) and written by one XLSX writer and one PDF writer, both built on the daily log's
//! helpers (`daily::export`): numbers stay numbers and dates stay dates in the workbook.

use std::path::Path;

use rust_xlsxwriter::{Workbook, Worksheet};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::perf::{self, ImpactRow, OfficerReport, Window};
use super::program::{self, ProgramDetail};
use super::{config, trainings, JpRow, StaffJp, StaffJpInput};
use crate::api::{Command, Ctx, Perm};
use crate::daily::export::{
    fmt, header, new_doc, opt_num, render, secs, table, write_atomically, xdate, xerr, Fmt,
};
use crate::error::{Error, Result};
pub use crate::survey::report::ReportFormat;
use crate::system;

/// Figures resting on fewer cases than this are flagged as a small sample.
pub const SMALL_SAMPLE: u32 = 10;

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Num(f64),
    /// A number that may be missing (an empty cell, "-" in the PDF).
    Opt(Option<f64>),
    /// Seconds, written as a number in the workbook and as m:ss in the PDF.
    Secs(Option<i64>),
    /// `YYYY-MM-DD`, a real date in the workbook.
    Date(String),
}

fn s(v: impl Into<String>) -> Cell {
    Cell::Text(v.into())
}

/// Counts and amounts of any integer type, as the workbook's numbers.
trait AsF64 {
    fn f(self) -> f64;
}
macro_rules! as_f64 {
    ($($t:ty),*) => {$(impl AsF64 for $t {
        fn f(self) -> f64 {
            self as f64
        }
    })*};
}
as_f64!(i32, i64, u32, usize);
impl AsF64 for f64 {
    fn f(self) -> f64 {
        self
    }
}

fn n(v: impl AsF64) -> Cell {
    Cell::Num(v.f())
}
fn yes_no(b: bool) -> Cell {
    s(if b { "Ya" } else { "Tidak" })
}

impl Cell {
    fn text(&self) -> String {
        let num = |v: f64| {
            let t = format!("{v:.2}");
            t.trim_end_matches('0')
                .trim_end_matches('.')
                .replace('.', ",")
        };
        match self {
            Cell::Text(t) | Cell::Date(t) => t.clone(),
            Cell::Num(v) => num(*v),
            Cell::Opt(v) => v.map(num).unwrap_or_else(|| "-".into()),
            Cell::Secs(v) => secs(*v),
        }
    }
}

/// A table: sheet name, headings, rows; `pdf` lists the columns printed (all when empty) with
/// their relative widths.
pub struct Section {
    pub name: &'static str,
    pub head: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    pub pdf: Vec<(usize, usize)>,
}

/// A whole export: the first sheet holds the title and the facts, one sheet per section.
pub struct Report {
    pub title: String,
    pub facts: Vec<(&'static str, Cell)>,
    pub sections: Vec<Section>,
}

fn write(ws: &mut Worksheet, f: &Fmt, row: u32, col: u16, c: &Cell) -> Result<()> {
    match c {
        Cell::Text(t) => ws.write_string(row, col, t).map(|_| ()).map_err(xerr),
        Cell::Num(v) => ws.write_number(row, col, *v).map(|_| ()).map_err(xerr),
        Cell::Opt(v) => opt_num(ws, row, col, *v),
        Cell::Secs(v) => opt_num(ws, row, col, v.map(|x| x as f64)),
        Cell::Date(d) => ws
            .write_datetime_with_format(row, col, xdate(d)?, &f.date)
            .map(|_| ())
            .map_err(xerr),
    }
}

pub fn to_xlsx(r: &Report) -> Result<Vec<u8>> {
    let f = fmt();
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name("Ringkasan").map_err(xerr)?;
        ws.set_column_width(0, 34).map_err(xerr)?;
        ws.set_column_width(1, 40).map_err(xerr)?;
        ws.write_string_with_format(0, 0, &r.title, &f.bold)
            .map_err(xerr)?;
        for (i, (label, c)) in r.facts.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_string(row, 0, *label).map_err(xerr)?;
            write(ws, &f, row, 1, c)?;
        }
    }
    for sec in &r.sections {
        let ws = wb.add_worksheet();
        ws.set_name(sec.name).map_err(xerr)?;
        header(ws, &f, 0, &sec.head)?;
        for (i, cells) in sec.rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                write(ws, &f, i as u32 + 1, c as u16, cell)?;
            }
        }
    }
    wb.save_to_buffer().map_err(xerr)
}

pub fn to_pdf(r: &Report) -> Result<Vec<u8>> {
    use genpdf::elements::{Break, Paragraph};
    use genpdf::style::Style;
    use genpdf::Element as _;
    let mut doc = new_doc(&r.title)?;
    doc.push(
        Paragraph::new(r.title.to_uppercase())
            .aligned(genpdf::Alignment::Center)
            .styled(Style::new().bold().with_font_size(13)),
    );
    doc.push(Break::new(1));
    for (label, c) in &r.facts {
        doc.push(Paragraph::new(format!("{label}: {}", c.text())));
    }
    for sec in &r.sections {
        doc.push(Break::new(1));
        doc.push(Paragraph::new(sec.name).styled(Style::new().bold()));
        if sec.rows.is_empty() {
            doc.push(Paragraph::new("(tidak ada data)"));
            continue;
        }
        let cols: Vec<(usize, usize)> = if sec.pdf.is_empty() {
            (0..sec.head.len()).map(|i| (i, 2)).collect()
        } else {
            sec.pdf.clone()
        };
        let head: Vec<&str> = cols.iter().map(|(i, _)| sec.head[*i]).collect();
        let rows = sec
            .rows
            .iter()
            .map(|r| cols.iter().map(|(i, _)| r[*i].text()).collect())
            .collect();
        table(&mut doc, cols.iter().map(|c| c.1).collect(), &head, rows)?;
    }
    render(doc)
}

// ---------------------------------------------------------------- the three reports

fn site_name(conn: &rusqlite::Connection) -> Result<String> {
    Ok(system::this_site(conn)?.name)
}

/// The performance report of a period: each officer next to the unit's median, and the notes.
pub fn performance(site: &str, from: &str, to: &str, rows: &[OfficerReport]) -> Report {
    let mut perf_rows = Vec::new();
    let mut notes = Vec::new();
    for r in rows {
        let m = &r.unit_median;
        perf_rows.push(vec![
            s(&r.nip),
            s(&r.name),
            s(r.kind.as_str()),
            s(&r.agency),
            n(r.days_present),
            n(r.served),
            Cell::Opt(m.served),
            Cell::Secs(r.avg_service_s),
            Cell::Secs(m.avg_service_s.map(|v| v.round() as i64)),
            Cell::Secs(r.median_service_s),
            Cell::Secs(r.promised_s),
            n(r.over_promise),
            Cell::Secs(r.avg_wait_s),
            Cell::Secs(m.avg_wait_s.map(|v| v.round() as i64)),
            n(r.no_show),
            Cell::Opt(m.no_show),
            n(r.complaints_assigned),
            n(r.complaints_resolved),
            n(r.complaints_on_time),
            Cell::Opt(m.complaints_on_time),
            Cell::Opt(r.ikm_score),
            n(r.ikm_respondents),
            Cell::Opt(m.ikm_score),
            n(m.officers),
        ]);
        if let Some(a) = &r.assessment {
            notes.push(vec![
                s(&r.nip),
                s(&r.name),
                s(&a.note),
                s(a.hasil.map(|l| l.as_str()).unwrap_or("-")),
                s(a.perilaku.map(|l| l.as_str()).unwrap_or("-")),
                s(a.predicate.clone().unwrap_or_else(|| "-".into())),
            ]);
        }
    }
    Report {
        title: "Laporan Kinerja Petugas".into(),
        facts: vec![
            ("Unit / lokasi", s(site)),
            ("Periode dari", Cell::Date(from.into())),
            ("Periode sampai", Cell::Date(to.into())),
            ("Jumlah petugas", n(rows.len())),
            (
                "Catatan",
                s("Dibandingkan dengan median unit (instansi), bukan peringkat"),
            ),
        ],
        sections: vec![
            Section {
                name: "Kinerja",
                head: vec![
                    "NIP",
                    "Nama",
                    "Jenis",
                    "Instansi",
                    "Hari hadir",
                    "Dilayani",
                    "Median unit: dilayani",
                    "Rata-rata layanan (dtk)",
                    "Median unit: layanan (dtk)",
                    "Median layanan (dtk)",
                    "Standar waktu (dtk)",
                    "Melebihi standar",
                    "Rata-rata tunggu (dtk)",
                    "Median unit: tunggu (dtk)",
                    "Tidak hadir",
                    "Median unit: tidak hadir",
                    "Pengaduan ditugaskan",
                    "Pengaduan selesai",
                    "Pengaduan tepat waktu",
                    "Median unit: tepat waktu",
                    "Nilai SKM",
                    "Responden SKM",
                    "Median unit: SKM",
                    "Petugas (dasar median)",
                ],
                rows: perf_rows,
                pdf: vec![
                    (1, 5),
                    (4, 2),
                    (5, 2),
                    (6, 2),
                    (7, 2),
                    (8, 2),
                    (14, 2),
                    (18, 2),
                    (20, 2),
                    (22, 2),
                ],
            },
            Section {
                name: "Penilaian",
                head: vec![
                    "NIP",
                    "Nama",
                    "Catatan",
                    "Hasil kerja",
                    "Perilaku",
                    "Predikat",
                ],
                rows: notes,
                pdf: vec![(1, 4), (2, 8), (5, 3)],
            },
        ],
    }
}

/// The JP tracker of a year with the records behind it.
pub fn jp_tracker(
    site: &str,
    year: i32,
    cfg: &super::StaffdevConfig,
    rows: &[JpRow],
    records: &[super::Training],
) -> Report {
    let behind = rows.iter().filter(|r| r.behind).count();
    Report {
        title: format!("Pemantauan JP Pengembangan Kompetensi {year}"),
        facts: vec![
            ("Unit / lokasi", s(site)),
            ("Tahun", n(year)),
            ("Target PNS (JP)", n(cfg.pns_target_jp)),
            ("Target PPPK (JP)", n(cfg.pppk_target_jp)),
            ("Batas PPPK (JP)", n(cfg.pppk_cap_jp)),
            ("Menit per JP", n(cfg.jp_minutes)),
            ("Petugas", n(rows.len())),
            ("Di bawah target", n(behind)),
        ],
        sections: vec![
            Section {
                name: "JP",
                head: vec![
                    "NIP",
                    "Nama",
                    "Jenis",
                    "Instansi",
                    "JP",
                    "Target",
                    "Kekurangan",
                    "Batas",
                    "Di atas batas",
                    "Di bawah target",
                    "Catatan",
                ],
                rows: rows
                    .iter()
                    .map(|r| {
                        vec![
                            s(&r.nip),
                            s(&r.name),
                            s(r.kind.as_str()),
                            s(&r.agency),
                            n(r.jp),
                            n(r.target),
                            n(r.shortfall),
                            Cell::Opt(r.cap),
                            n(r.over_cap),
                            yes_no(r.behind),
                            n(r.records),
                        ]
                    })
                    .collect(),
                pdf: vec![(0, 4), (1, 5), (2, 2), (4, 2), (5, 2), (6, 2), (7, 2)],
            },
            Section {
                name: "Catatan pengembangan",
                head: vec![
                    "NIP",
                    "Nama",
                    "Jenis",
                    "Bentuk",
                    "Judul",
                    "Penyelenggara",
                    "Mulai",
                    "Selesai",
                    "JP",
                    "Sertifikat",
                    "SHA-256",
                ],
                rows: records
                    .iter()
                    .map(|t| {
                        vec![
                            s(&t.nip),
                            s(&t.name),
                            s(t.kind.as_str()),
                            s(t.form.clone().unwrap_or_default()),
                            s(&t.title),
                            s(t.provider.clone().unwrap_or_default()),
                            t.start.clone().map(Cell::Date).unwrap_or_else(|| s("")),
                            Cell::Date(t.date.clone()),
                            n(t.jp),
                            s(t.evidence
                                .as_ref()
                                .map(|e| e.file_name.clone())
                                .unwrap_or_default()),
                            s(t.evidence
                                .as_ref()
                                .map(|e| e.sha256.clone())
                                .unwrap_or_default()),
                        ]
                    })
                    .collect(),
                pdf: vec![(1, 4), (2, 2), (4, 6), (7, 2), (8, 1), (9, 3)],
            },
        ],
    }
}

fn status_id(st: program::Status) -> &'static str {
    match st {
        program::Status::Planned => "direncanakan",
        program::Status::Completed => "selesai",
        program::Status::Cancelled => "dibatalkan",
    }
}

fn window_cells(label: &str, r: &ImpactRow, w: &Window) -> Vec<Cell> {
    let c = &w.cases;
    let small = c.tickets < i64::from(SMALL_SAMPLE) || c.surveys < SMALL_SAMPLE;
    vec![
        s(&r.nip),
        s(&r.name),
        s(label),
        Cell::Date(w.from.clone()),
        Cell::Date(w.to.clone()),
        n(w.served),
        Cell::Secs(w.avg_service_s),
        Cell::Secs(w.median_service_s),
        n(w.complaints_resolved),
        n(w.complaints_on_time),
        Cell::Opt(w.ikm_score),
        n(c.tickets),
        n(c.complaints),
        n(c.surveys),
        yes_no(small),
    ]
}

/// A training program: its facts, participants, feedback and the before/after impact.
pub fn program_report(site: &str, d: &ProgramDetail, impact: &[ImpactRow], days: u32) -> Report {
    let p = &d.program;
    let fb = &d.feedback;
    let mut facts = vec![
        ("Unit / lokasi", s(site)),
        ("Program", s(&p.title)),
        ("Topik", s(p.topic.clone().unwrap_or_default())),
        ("Jenis", s(p.kind.as_str())),
        ("Penyelenggara", s(p.provider.clone().unwrap_or_default())),
        ("Mulai", Cell::Date(p.start.clone())),
        ("Selesai", Cell::Date(p.end.clone())),
        ("JP", n(p.jp)),
        ("Anggaran (Rp)", Cell::Opt(p.budget.map(|b| b as f64))),
        (
            "Target peserta",
            Cell::Opt(p.target_participants.map(|b| b as f64)),
        ),
        ("Status", s(status_id(p.status))),
        ("Terdaftar", n(p.enrolled)),
        ("Hadir", n(d.attended)),
        ("Umpan balik", n(fb.count)),
        ("Rata-rata nilai (1-5)", Cell::Opt(fb.avg_rating)),
        ("Jendela dampak (hari)", n(days)),
    ];
    if !fb.missing.is_empty() {
        facts.push(("Belum memberi umpan balik", s(fb.missing.join(", "))));
    }
    let attended = |a: Option<bool>| match a {
        Some(true) => "hadir",
        Some(false) => "tidak hadir",
        None => "belum dicatat",
    };
    Report {
        title: format!("Laporan Program Pelatihan: {}", p.title),
        facts,
        sections: vec![
            Section {
                name: "Peserta",
                head: vec!["NIP", "Nama", "Kehadiran", "Nilai", "Komentar"],
                rows: d
                    .participants
                    .iter()
                    .filter(|x| x.enrolled)
                    .map(|x| {
                        vec![
                            s(&x.nip),
                            s(&x.name),
                            s(attended(x.attended)),
                            Cell::Opt(x.rating.map(|r| r as f64)),
                            s(x.comment.clone().unwrap_or_default()),
                        ]
                    })
                    .collect(),
                pdf: vec![(0, 4), (1, 5), (2, 3), (3, 1), (4, 6)],
            },
            Section {
                name: "Umpan balik",
                head: vec!["Nilai", "Jumlah"],
                rows: fb
                    .distribution
                    .iter()
                    .enumerate()
                    .map(|(i, c)| vec![n(i as f64 + 1.0), n(*c)])
                    .collect(),
                pdf: vec![],
            },
            Section {
                name: "Dampak",
                head: vec![
                    "NIP",
                    "Nama",
                    "Jendela",
                    "Dari",
                    "Sampai",
                    "Dilayani",
                    "Rata-rata layanan (dtk)",
                    "Median layanan (dtk)",
                    "Pengaduan selesai",
                    "Pengaduan tepat waktu",
                    "Nilai SKM",
                    "Kasus: tiket",
                    "Kasus: pengaduan",
                    "Kasus: survei",
                    "Sampel kecil",
                ],
                rows: impact
                    .iter()
                    .flat_map(|r| {
                        [
                            window_cells("sebelum", r, &r.before),
                            window_cells("sesudah", r, &r.after),
                        ]
                    })
                    .collect(),
                pdf: vec![
                    (1, 4),
                    (2, 2),
                    (5, 2),
                    (6, 2),
                    (9, 2),
                    (10, 2),
                    (11, 2),
                    (13, 2),
                    (14, 2),
                ],
            },
        ],
    }
}

// ---------------------------------------------------------------- commands

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StaffdevExportSaved {
    pub path: String,
    pub bytes: u32,
}

fn save(out: &str, format: ReportFormat, r: &Report) -> Result<StaffdevExportSaved> {
    let out = out.trim();
    if out.is_empty() {
        return Err(Error::invalid(
            "the output file is missing",
            "berkas keluaran belum diisi",
        ));
    }
    let bytes = match format {
        ReportFormat::Xlsx => to_xlsx(r)?,
        ReportFormat::Pdf => to_pdf(r)?,
    };
    write_atomically(Path::new(out), &bytes)?;
    Ok(StaffdevExportSaved {
        path: out.to_string(),
        bytes: bytes.len() as u32,
    })
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StaffReportExportInput {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub agency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub nip: Option<String>,
    pub format: ReportFormat,
    /// Where to write the file.
    pub out: String,
}

/// `staff.report_export`: the performance report of a period as XLSX or PDF (a petugas gets
/// only their own row, as with `staff.report`).
pub struct StaffReportExport;
impl Command for StaffReportExport {
    const NAME: &'static str = "staff.report_export";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = StaffReportExportInput;
    type Output = StaffdevExportSaved;
    fn run(ctx: &mut Ctx<'_>, i: StaffReportExportInput) -> Result<StaffdevExportSaved> {
        let rows = perf::StaffReport::run(
            ctx,
            perf::StaffReportInput {
                from: i.from.clone(),
                to: i.to.clone(),
                agency: i.agency,
                nip: i.nip,
            },
        )?;
        let (from, to) = perf::day_range(&i.from, &i.to)?;
        let r = performance(
            &site_name(ctx.conn)?,
            &from.to_string(),
            &to.to_string(),
            &rows,
        );
        save(&i.out, i.format, &r)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StaffJpExportInput {
    pub year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub agency: Option<String>,
    pub format: ReportFormat,
    pub out: String,
}

/// A petugas's own NIP: they export only their own row, as on their screen.
fn own_nip(ctx: &Ctx<'_>) -> Option<String> {
    match ctx.actor {
        crate::api::Actor::User {
            role: crate::accounts::Role::Petugas,
            nip,
            ..
        } => Some(nip.clone().unwrap_or_default()),
        _ => None,
    }
}

/// `staff.jp_export`: the JP tracker of a year with its records as XLSX or PDF (a petugas gets
/// only their own row).
pub struct StaffJpExport;
impl Command for StaffJpExport {
    const NAME: &'static str = "staff.jp_export";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = StaffJpExportInput;
    type Output = StaffdevExportSaved;
    fn run(ctx: &mut Ctx<'_>, i: StaffJpExportInput) -> Result<StaffdevExportSaved> {
        let own = own_nip(ctx);
        let rows = StaffJp::run(
            ctx,
            StaffJpInput {
                year: i.year,
                agency: i.agency,
                behind: None,
            },
        )?
        .into_iter()
        .filter(|r| own.as_ref().is_none_or(|own| *own == r.nip))
        .collect::<Vec<_>>();
        let records: Vec<_> = trainings(ctx.conn, None, Some(i.year))?
            .into_iter()
            .filter(|t| rows.iter().any(|r| r.nip == t.nip))
            .collect();
        let r = jp_tracker(
            &site_name(ctx.conn)?,
            i.year,
            &config(ctx.conn)?,
            &rows,
            &records,
        );
        save(&i.out, i.format, &r)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProgramReportInput {
    pub program: String,
    /// Impact window in days (1-366, default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub days: Option<u32>,
    pub format: ReportFormat,
    pub out: String,
}

/// `program.report`: a program's summary, participants, feedback and impact as XLSX or PDF.
pub struct ProgramReport;
impl Command for ProgramReport {
    const NAME: &'static str = "program.report";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = ProgramReportInput;
    type Output = StaffdevExportSaved;
    fn run(ctx: &mut Ctx<'_>, i: ProgramReportInput) -> Result<StaffdevExportSaved> {
        let days = i.days.unwrap_or(30);
        let detail = program::ProgramShow::run(
            ctx,
            program::ProgramRef {
                program: i.program.clone(),
            },
        )?;
        let impact = perf::ProgramImpact::run(
            ctx,
            perf::ProgramImpactInput {
                program: i.program,
                days: days as i64,
            },
        )?;
        let r = program_report(&site_name(ctx.conn)?, &detail, &impact, days);
        save(&i.out, i.format, &r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        Report {
            title: "Uji".into(),
            facts: vec![("Tanggal", Cell::Date("2026-11-23".into()))],
            sections: vec![Section {
                name: "Data",
                head: vec!["Nama", "Nilai", "Waktu"],
                rows: vec![vec![s("Sari"), n(1.5), Cell::Secs(Some(125))]],
                pdf: vec![],
            }],
        }
    }

    #[test]
    fn cells_print_as_people_read_them() {
        assert_eq!(n(1.5).text(), "1,5");
        assert_eq!(n(2.25).text(), "2,25");
        assert_eq!(n(20.0).text(), "20");
        assert_eq!(Cell::Opt(None).text(), "-");
        assert_eq!(Cell::Secs(Some(125)).text(), "2:05");
    }

    #[test]
    fn both_formats_render() {
        assert!(to_xlsx(&sample()).unwrap().starts_with(b"PK"));
        assert!(to_pdf(&sample()).unwrap().starts_with(b"%PDF-"));
    }
}
