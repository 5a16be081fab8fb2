//! The SKM report in its familiar layout (Indonesian, as units publish it): respondents and
//! their profile, NRR per unsur, IKM, converted score, grade, the lowest unsur as improvement
//! priority, and the suggestions. Exported as XLSX (`rust_xlsxwriter`) or PDF (`genpdf`, with
//! the DejaVu Sans font bundled in `assets/fonts`, so nothing depends on the machine).

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{compute_ikm, responses, IkmReport, SurveyFilter, SurveyResponse, UNSUR};
use crate::api::{Command, Ctx, Perm};
use crate::error::{Error, Result};
use crate::system;

/// Export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Xlsx,
    Pdf,
}

impl ReportFormat {
    pub fn parse(s: &str) -> Result<ReportFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Ok(ReportFormat::Xlsx),
            "pdf" => Ok(ReportFormat::Pdf),
            _ => Err(Error::invalid(
                format!("report format {s:?} is not xlsx or pdf"),
                format!("format laporan {s:?} bukan xlsx atau pdf"),
            )),
        }
    }
}

/// One profile question's answers: (value, respondents), most frequent first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Breakdown {
    /// `Jenis kelamin`, `Usia`, `Pendidikan`, `Pekerjaan`, `Layanan`.
    pub label: String,
    pub rows: Vec<(String, u32)>,
}

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SkmReport {
    pub site: String,
    /// The selection in words (Indonesian).
    pub period: String,
    pub ikm: IkmReport,
    pub profile: Vec<Breakdown>,
    /// (date, service, suggestion)
    pub suggestions: Vec<(String, String, String)>,
}

const BLANK: &str = "Tidak diisi";

fn breakdown(
    label: &str,
    rs: &[SurveyResponse],
    f: impl Fn(&SurveyResponse) -> Option<&str>,
) -> Breakdown {
    let mut m: BTreeMap<String, u32> = BTreeMap::new();
    for r in rs {
        *m.entry(f(r).unwrap_or(BLANK).to_string()).or_default() += 1;
    }
    let mut rows: Vec<(String, u32)> = m.into_iter().collect();
    rows.sort_by(|a, b| {
        (a.0 == BLANK)
            .cmp(&(b.0 == BLANK))
            .then(b.1.cmp(&a.1))
            .then(a.0.cmp(&b.0))
    });
    Breakdown {
        label: label.to_string(),
        rows,
    }
}

/// The selection in words, in Indonesian.
pub(crate) fn period_id(f: &SurveyFilter) -> String {
    let mut s = match (&f.from, &f.to) {
        (Some(a), Some(b)) => format!("{a} s.d. {b}"),
        (Some(a), None) => format!("sejak {a}"),
        (None, Some(b)) => format!("sampai {b}"),
        (None, None) => "seluruh periode".into(),
    };
    if let Some(x) = &f.service {
        s.push_str(&format!("; layanan {}", x.trim().to_uppercase()));
    }
    if let Some(x) = &f.agency {
        s.push_str(&format!("; instansi {}", x.trim().to_uppercase()));
    }
    if let Some(x) = &f.staff {
        s.push_str(&format!("; petugas {}", super::nip_key(x)));
    }
    if let Some(x) = &f.site {
        s.push_str(&format!("; lokasi {x}"));
    }
    s
}

/// Gathers the report of a selection (refused like the IKM when it cannot be computed).
pub fn build(
    conn: &Connection,
    filter: &SurveyFilter,
    population: Option<u64>,
    locale: crate::Locale,
) -> Result<SkmReport> {
    let ikm = compute_ikm(conn, filter, population, locale)?;
    let rs = responses(conn, filter)?;
    let site = match &filter.site {
        Some(s) => system::site_by_name(conn, s)?.name,
        None => system::this_site(conn)?.name,
    };
    let profile = vec![
        breakdown("Jenis kelamin", &rs, |r| r.profile.gender.as_deref()),
        breakdown("Usia", &rs, |r| r.profile.age.as_deref()),
        breakdown("Pendidikan", &rs, |r| r.profile.education.as_deref()),
        breakdown("Pekerjaan", &rs, |r| r.profile.occupation.as_deref()),
        breakdown("Layanan", &rs, |r| Some(r.service.as_str())),
    ];
    let suggestions = rs
        .iter()
        .filter_map(|r| {
            r.suggestion
                .as_ref()
                .map(|s| (r.date.clone(), r.service.clone(), s.clone()))
        })
        .collect();
    Ok(SkmReport {
        site,
        period: period_id(filter),
        ikm,
        profile,
        suggestions,
    })
}

fn pct(n: u32, total: u32) -> f64 {
    if total == 0 {
        0.0
    } else {
        (n as f64 * 10_000.0 / total as f64).round() / 100.0
    }
}

fn unsur_name(id: &str) -> &'static str {
    UNSUR
        .iter()
        .find(|(u, _)| *u == id)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

// ---------------------------------------------------------------- XLSX

fn xerr(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Io(std::io::Error::other(format!("XLSX: {e}")))
}

pub fn to_xlsx(r: &SkmReport) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};
    let mut wb = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let n4 = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.0000");
    let n2 = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.00");
    let int = Format::new().set_border(FormatBorder::Thin);
    let low = Format::new()
        .set_border(FormatBorder::Thin)
        .set_bold()
        .set_background_color(Color::RGB(0xF8CBAD));
    let low4 = low.clone().set_num_format("0.0000");
    let i = &r.ikm;

    // Sheet 1: summary and NRR per unsur
    let ws = wb.add_worksheet();
    ws.set_name("Ringkasan").map_err(xerr)?;
    ws.set_column_width(0, 6).map_err(xerr)?;
    ws.set_column_width(1, 42).map_err(xerr)?;
    for c in 2..=5 {
        ws.set_column_width(c, 14).map_err(xerr)?;
    }
    ws.write_string_with_format(0, 0, "Laporan Survei Kepuasan Masyarakat (SKM)", &title)
        .map_err(xerr)?;
    let meta = [
        ("Unit / lokasi", r.site.clone()),
        ("Periode", r.period.clone()),
        ("Dasar", "PermenPANRB Nomor 14 Tahun 2017".to_string()),
    ];
    let mut row = 2u32;
    for (k, v) in meta {
        ws.write_string_with_format(row, 0, k, &bold)
            .map_err(xerr)?;
        ws.write_string(row, 2, v).map_err(xerr)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, "Jumlah responden", &bold)
        .map_err(xerr)?;
    ws.write_number(row, 2, i.respondents as f64)
        .map_err(xerr)?;
    row += 1;
    if let (Some(p), Some(s)) = (i.population, i.sample_size) {
        ws.write_string_with_format(row, 0, "Populasi dilayani / sampel minimal", &bold)
            .map_err(xerr)?;
        ws.write_string(row, 2, format!("{p} / {s} (Krejcie-Morgan)"))
            .map_err(xerr)?;
        row += 1;
    }
    row += 1;
    let heads = [
        "No",
        "Unsur pelayanan",
        "Jumlah nilai",
        "Responden menjawab",
        "NRR",
        "NRR tertimbang (× 1/9)",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &head)
            .map_err(xerr)?;
    }
    row += 1;
    for u in &i.unsur {
        let is_low = i.lowest.contains(&u.id);
        let (f, f4) = if is_low { (&low, &low4) } else { (&cell, &n4) };
        ws.write_string_with_format(row, 0, &u.id, f)
            .map_err(xerr)?;
        let name = if is_low {
            format!("{} (prioritas perbaikan)", u.name)
        } else {
            u.name.clone()
        };
        ws.write_string_with_format(row, 1, name, f).map_err(xerr)?;
        ws.write_number_with_format(row, 2, u.sum as f64, if is_low { &low } else { &int })
            .map_err(xerr)?;
        ws.write_number_with_format(row, 3, u.answered as f64, if is_low { &low } else { &int })
            .map_err(xerr)?;
        ws.write_number_with_format(row, 4, u.nrr, f4)
            .map_err(xerr)?;
        // displayed to 4 decimals; exact value = sum / answered / 9
        ws.write_number_with_format(row, 5, u.sum as f64 / u.answered as f64 / 9.0, f4)
            .map_err(xerr)?;
        row += 1;
    }
    row += 1;
    let results: [(&str, f64, &Format); 2] = [
        ("IKM (Σ NRR × 1/9)", i.ikm, &n4),
        ("Nilai konversi (IKM × 25)", i.score, &n2),
    ];
    for (k, v, f) in results {
        ws.write_string_with_format(row, 1, k, &bold)
            .map_err(xerr)?;
        ws.write_number_with_format(row, 4, v, f).map_err(xerr)?;
        row += 1;
    }
    ws.write_string_with_format(row, 1, "Mutu pelayanan", &bold)
        .map_err(xerr)?;
    ws.write_string(row, 4, i.grade.letter()).map_err(xerr)?;
    row += 1;
    ws.write_string_with_format(row, 1, "Kinerja unit pelayanan", &bold)
        .map_err(xerr)?;
    ws.write_string(row, 4, &i.category).map_err(xerr)?;
    row += 2;
    ws.write_string_with_format(row, 1, "Prioritas perbaikan", &bold)
        .map_err(xerr)?;
    let pri: Vec<String> = i
        .lowest
        .iter()
        .map(|id| format!("{id} {}", unsur_name(id)))
        .collect();
    ws.write_string(row, 2, pri.join("; ")).map_err(xerr)?;
    for w in &i.warnings {
        row += 1;
        ws.write_string(row, 1, format!("Catatan: {w}"))
            .map_err(xerr)?;
    }

    // Sheet 2: respondent profile
    let ws = wb.add_worksheet();
    ws.set_name("Profil responden").map_err(xerr)?;
    ws.set_column_width(0, 20).map_err(xerr)?;
    ws.set_column_width(1, 30).map_err(xerr)?;
    ws.set_column_width(2, 12).map_err(xerr)?;
    ws.set_column_width(3, 10).map_err(xerr)?;
    let mut row = 0u32;
    for b in &r.profile {
        for (c, h) in [b.label.as_str(), "Jawaban", "Responden", "%"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(row, c as u16, *h, &head)
                .map_err(xerr)?;
        }
        row += 1;
        for (v, n) in &b.rows {
            ws.write_string_with_format(row, 1, v, &cell)
                .map_err(xerr)?;
            ws.write_number_with_format(row, 2, *n as f64, &int)
                .map_err(xerr)?;
            ws.write_number_with_format(row, 3, pct(*n, i.respondents), &n2)
                .map_err(xerr)?;
            row += 1;
        }
        row += 1;
    }

    // Sheet 3: suggestions
    let ws = wb.add_worksheet();
    ws.set_name("Saran").map_err(xerr)?;
    ws.set_column_width(0, 12).map_err(xerr)?;
    ws.set_column_width(1, 12).map_err(xerr)?;
    ws.set_column_width(2, 80).map_err(xerr)?;
    for (c, h) in ["Tanggal", "Layanan", "Saran dan masukan"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &head)
            .map_err(xerr)?;
    }
    for (k, (d, s, t)) in r.suggestions.iter().enumerate() {
        let row = k as u32 + 1;
        ws.write_string_with_format(row, 0, d, &cell)
            .map_err(xerr)?;
        ws.write_string_with_format(row, 1, s, &cell)
            .map_err(xerr)?;
        ws.write_string_with_format(row, 2, t, &cell)
            .map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

// ---------------------------------------------------------------- PDF

static FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

fn perr(e: genpdf::error::Error) -> Error {
    Error::Io(std::io::Error::other(format!("PDF: {e}")))
}

pub fn to_pdf(r: &SkmReport) -> Result<Vec<u8>> {
    use genpdf::elements::{Break, FrameCellDecorator, Paragraph, TableLayout};
    use genpdf::fonts::{FontData, FontFamily};
    use genpdf::style::Style;
    use genpdf::Element as _;

    let font = |b: &[u8]| FontData::new(b.to_vec(), None).map_err(perr);
    // The report uses no italics: those two slots are PDF built-ins (not embedded), so only
    // the two DejaVu faces are embedded.
    let builtin = |b: &[u8], f| FontData::new(b.to_vec(), Some(f)).map_err(perr);
    let family = FontFamily {
        regular: font(FONT_REGULAR)?,
        bold: font(FONT_BOLD)?,
        italic: builtin(FONT_REGULAR, printpdf::BuiltinFont::HelveticaOblique)?,
        bold_italic: builtin(FONT_BOLD, printpdf::BuiltinFont::HelveticaBoldOblique)?,
    };
    let mut doc = genpdf::Document::new(family);
    doc.set_title("Laporan Survei Kepuasan Masyarakat");
    doc.set_font_size(9);
    doc.set_paper_size(genpdf::PaperSize::A4);
    let mut deco = genpdf::SimplePageDecorator::new();
    deco.set_margins(15);
    doc.set_page_decorator(deco);
    let bold = Style::new().bold();
    let i = &r.ikm;
    let p = |s: &str| Paragraph::new(s.to_string()).padded(1);
    let pb = |s: &str| Paragraph::new(s.to_string()).styled(bold).padded(1);

    doc.push(
        Paragraph::new("LAPORAN SURVEI KEPUASAN MASYARAKAT (SKM)")
            .aligned(genpdf::Alignment::Center)
            .styled(Style::new().bold().with_font_size(14)),
    );
    doc.push(Paragraph::new("PermenPANRB Nomor 14 Tahun 2017").aligned(genpdf::Alignment::Center));
    doc.push(Break::new(1));
    doc.push(Paragraph::new(format!("Unit / lokasi: {}", r.site)));
    doc.push(Paragraph::new(format!("Periode: {}", r.period)));
    doc.push(Paragraph::new(format!(
        "Jumlah responden: {}",
        i.respondents
    )));
    if let (Some(pop), Some(s)) = (i.population, i.sample_size) {
        doc.push(Paragraph::new(format!(
            "Populasi dilayani: {pop}; sampel minimal (Krejcie-Morgan): {s}"
        )));
    }
    doc.push(Break::new(1));

    doc.push(Paragraph::new("I. Nilai per unsur pelayanan").styled(bold));
    let mut t = TableLayout::new(vec![1, 7, 2, 2, 2, 2]);
    t.set_cell_decorator(FrameCellDecorator::new(true, true, false));
    let mut hr = t.row();
    for h in [
        "No",
        "Unsur pelayanan",
        "Jumlah nilai",
        "Menjawab",
        "NRR",
        "NRR × 1/9",
    ] {
        hr.push_element(pb(h));
    }
    hr.push().map_err(perr)?;
    for u in &i.unsur {
        let is_low = i.lowest.contains(&u.id);
        let mk = |s: String| {
            if is_low {
                Paragraph::new(s).styled(bold).padded(1)
            } else {
                Paragraph::new(s).styled(Style::new()).padded(1)
            }
        };
        let name = if is_low {
            format!("{} (prioritas perbaikan)", u.name)
        } else {
            u.name.clone()
        };
        t.row()
            .element(mk(u.id.clone()))
            .element(mk(name))
            .element(mk(u.sum.to_string()))
            .element(mk(u.answered.to_string()))
            .element(mk(format!("{:.4}", u.nrr)))
            .element(mk(format!("{:.4}", u.sum as f64 / u.answered as f64 / 9.0)))
            .push()
            .map_err(perr)?;
    }
    doc.push(t);
    doc.push(Break::new(1));

    doc.push(Paragraph::new("II. Indeks Kepuasan Masyarakat").styled(bold));
    let mut t = TableLayout::new(vec![3, 2]);
    t.set_cell_decorator(FrameCellDecorator::new(true, true, false));
    for (k, v) in [
        ("IKM (Σ NRR × 1/9)", format!("{:.4}", i.ikm)),
        ("Nilai konversi (IKM × 25)", format!("{:.2}", i.score)),
        ("Mutu pelayanan", i.grade.letter().to_string()),
        ("Kinerja unit pelayanan", i.category.clone()),
    ] {
        t.row().element(p(k)).element(pb(&v)).push().map_err(perr)?;
    }
    doc.push(t);
    let pri: Vec<String> = i
        .lowest
        .iter()
        .map(|id| format!("{id} {}", unsur_name(id)))
        .collect();
    doc.push(Break::new(0.5));
    doc.push(Paragraph::new(format!("Prioritas perbaikan: {}", pri.join("; "))).styled(bold));
    for w in &i.warnings {
        doc.push(Paragraph::new(format!("Catatan: {w}")));
    }
    doc.push(Break::new(1));

    doc.push(Paragraph::new("III. Profil responden").styled(bold));
    let mut t = TableLayout::new(vec![3, 5, 2, 2]);
    t.set_cell_decorator(FrameCellDecorator::new(true, true, false));
    t.row()
        .element(pb("Karakteristik"))
        .element(pb("Jawaban"))
        .element(pb("Responden"))
        .element(pb("%"))
        .push()
        .map_err(perr)?;
    for b in &r.profile {
        for (k, (v, n)) in b.rows.iter().enumerate() {
            t.row()
                .element(p(if k == 0 { &b.label } else { "" }))
                .element(p(v))
                .element(p(&n.to_string()))
                .element(p(&format!("{:.2}", pct(*n, i.respondents))))
                .push()
                .map_err(perr)?;
        }
    }
    doc.push(t);
    doc.push(Break::new(1));

    doc.push(Paragraph::new("IV. Saran dan masukan").styled(bold));
    if r.suggestions.is_empty() {
        doc.push(Paragraph::new("(tidak ada)"));
    } else {
        let mut t = TableLayout::new(vec![2, 2, 8]);
        t.set_cell_decorator(FrameCellDecorator::new(true, true, false));
        t.row()
            .element(pb("Tanggal"))
            .element(pb("Layanan"))
            .element(pb("Saran"))
            .push()
            .map_err(perr)?;
        for (d, s, x) in &r.suggestions {
            t.row()
                .element(p(d))
                .element(p(s))
                .element(p(&x.replace(['\r', '\n'], " ")))
                .push()
                .map_err(perr)?;
        }
        doc.push(t);
    }
    let mut out = Vec::new();
    doc.render(&mut out).map_err(perr)?;
    Ok(out)
}

// ---------------------------------------------------------------- command

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SurveyReportInput {
    #[serde(flatten)]
    pub filter: SurveyFilter,
    #[ts(optional)]
    pub population: Option<u32>,
    pub format: ReportFormat,
    /// Where to write the file.
    pub out: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SurveyReportSaved {
    pub path: String,
    pub bytes: u32,
    pub report: SkmReport,
}

/// `survey.report`: writes the SKM report of a selection as XLSX or PDF.
pub struct SurveyReport;
impl Command for SurveyReport {
    const NAME: &'static str = "survey.report";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = SurveyReportInput;
    type Output = SurveyReportSaved;
    fn run(ctx: &mut Ctx<'_>, i: SurveyReportInput) -> Result<SurveyReportSaved> {
        let out = i.out.trim();
        if out.is_empty() {
            return Err(Error::invalid(
                "the output file is missing",
                "berkas keluaran belum diisi",
            ));
        }
        let report = build(ctx.conn, &i.filter, i.population.map(u64::from), ctx.locale)?;
        let bytes = match i.format {
            ReportFormat::Xlsx => to_xlsx(&report)?,
            ReportFormat::Pdf => to_pdf(&report)?,
        };
        write_atomically(Path::new(out), &bytes)?;
        Ok(SurveyReportSaved {
            path: out.to_string(),
            bytes: bytes.len() as u32,
            report,
        })
    }
}

/// `survey.summary`: what the report shows (IKM, profile breakdown, suggestions), for a screen.
pub struct SurveySummary;
impl Command for SurveySummary {
    const NAME: &'static str = "survey.summary";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = super::SurveyIkmInput;
    type Output = SkmReport;
    fn run(ctx: &mut Ctx<'_>, i: super::SurveyIkmInput) -> Result<SkmReport> {
        build(ctx.conn, &i.filter, i.population.map(u64::from), ctx.locale)
    }
}

/// Writes a file via a temporary sibling and a rename: a reader never sees half a report.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = path.with_file_name(format!(".{name}.part"));
    std::fs::write(&tmp, bytes).map_err(|e| {
        Error::invalid(
            format!("cannot write {}: {e}", path.display()),
            format!("tidak dapat menulis {}: {e}", path.display()),
        )
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::invalid(
            format!("cannot write {}: {e}", path.display()),
            format!("tidak dapat menulis {}: {e}", path.display()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::{Grade, UnsurFigure};

    fn sample() -> SkmReport {
        let unsur: Vec<UnsurFigure> = UNSUR
            .iter()
            .enumerate()
            .map(|(k, (id, name))| UnsurFigure {
                id: id.to_string(),
                name: name.to_string(),
                answered: 3,
                sum: if k == 3 { 7 } else { 10 },
                nrr: if k == 3 { 2.3333 } else { 3.3333 },
            })
            .collect();
        SkmReport {
            site: "MPP Kota Medan".into(),
            period: "2026-10-01 s.d. 2026-12-31".into(),
            ikm: IkmReport {
                filter: SurveyFilter::default(),
                respondents: 3,
                nrr: unsur.iter().map(|u| (u.id.clone(), u.nrr)).collect(),
                unsur,
                ikm: 3.2222,
                score: 80.56,
                grade: Grade::B,
                category: "Baik".into(),
                lowest: vec!["U4".into()],
                population: Some(100),
                sample_size: Some(80),
                warnings: vec!["hanya 3 responden".into()],
            },
            profile: vec![Breakdown {
                label: "Jenis kelamin".into(),
                rows: vec![("P".into(), 2), (BLANK.into(), 1)],
            }],
            suggestions: vec![(
                "2026-11-01".into(),
                "KTP".into(),
                "Antrean lebih tertib — terima kasih".into(),
            )],
        }
    }

    #[test]
    fn xlsx_is_a_zip_with_the_sheets() {
        let b = to_xlsx(&sample()).unwrap();
        assert_eq!(&b[..2], b"PK");
        let s = String::from_utf8_lossy(&b);
        // sheet names are stored uncompressed in workbook.xml only when not deflated, so
        // check the zip directory for the three worksheets instead
        assert!(s.contains("xl/worksheets/sheet3.xml"), "three sheets");
    }

    #[test]
    fn pdf_renders_with_the_bundled_font() {
        let b = to_pdf(&sample()).unwrap();
        assert_eq!(&b[..5], b"%PDF-");
        assert!(b.len() > 10_000);
        let s = String::from_utf8_lossy(&b);
        assert!(s.contains("DejaVu"), "the bundled font is embedded");
    }

    #[test]
    fn breakdown_counts_blanks_last() {
        let mk = |g: Option<&str>| SurveyResponse {
            id: String::new(),
            date: String::new(),
            at: None,
            site: None,
            service: "KTP".into(),
            staff: None,
            counter: None,
            ticket: None,
            ticket_device: None,
            answers: BTreeMap::new(),
            profile: crate::survey::Profile {
                gender: g.map(str::to_string),
                ..Default::default()
            },
            suggestion: None,
            source: crate::survey::Source::Kiosk,
            batch: None,
        };
        let rs = vec![
            mk(None),
            mk(Some("L")),
            mk(Some("P")),
            mk(Some("P")),
            mk(None),
            mk(None),
        ];
        let b = breakdown("Jenis kelamin", &rs, |r| r.profile.gender.as_deref());
        assert_eq!(
            b.rows,
            vec![("P".into(), 2), ("L".into(), 1), (BLANK.into(), 3)]
        );
        assert_eq!(pct(1, 3), 33.33);
    }
}
