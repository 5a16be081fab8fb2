//! Exports of the daily log: XLSX (`rust_xlsxwriter`, one sheet per section, numbers as
//! numbers and dates as dates), PDF (`genpdf` with the DejaVu fonts bundled for the SKM
//! report) and CSV. Labels are Indonesian, as units file them. The XLSX/PDF helpers are shared
//! with the staff-development exports (`staffdev::export`).

use std::path::Path;

use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Format, Workbook, Worksheet};

use super::{DailyRecap, PeriodRecap};
use crate::error::{Error, Result};
use crate::queue::QueueMetricsRow as MetricsRow;

pub(crate) fn xerr(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Io(std::io::Error::other(format!("XLSX: {e}")))
}

/// Writes a file via a temporary sibling and a rename: a reader never sees half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "recap".into());
    let tmp = path.with_file_name(format!(".{name}.part"));
    let fail = |e: std::io::Error| {
        Error::invalid(
            format!("cannot write {}: {e}", path.display()),
            format!("tidak dapat menulis {}: {e}", path.display()),
        )
    };
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

fn status_id(s: super::Status) -> &'static str {
    match s {
        super::Status::Draft => "draf",
        super::Status::Reviewed => "ditinjau",
        super::Status::Approved => "disetujui",
    }
}

// ---------------------------------------------------------------- XLSX

pub(crate) struct Fmt {
    pub head: Format,
    pub date: Format,
    pub datetime: Format,
    pub bold: Format,
    pub n2: Format,
}

pub(crate) fn fmt() -> Fmt {
    Fmt {
        head: Format::new().set_bold().set_background_color(0xD9E1F2),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
        bold: Format::new().set_bold(),
        n2: Format::new().set_num_format("0.00"),
    }
}

pub(crate) fn xdate(d: &str) -> Result<ExcelDateTime> {
    let d = crate::time::parse_date(d)?;
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(xerr)
}

/// `2026-11-23T09:15:00+07:00` → that local wall time as an Excel date-time.
fn xdatetime(iso: &str) -> Option<ExcelDateTime> {
    let t = chrono::DateTime::parse_from_rfc3339(iso).ok()?;
    let local = t.naive_local();
    ExcelDateTime::from_timestamp(local.and_utc().timestamp()).ok()
}

pub(crate) fn header(ws: &mut Worksheet, f: &Fmt, row: u32, cols: &[&str]) -> Result<()> {
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &f.head)
            .map_err(xerr)?;
        ws.set_column_width(c as u16, (h.len() as f64 + 4.0).max(12.0))
            .map_err(xerr)?;
    }
    Ok(())
}

pub(crate) fn opt_num(ws: &mut Worksheet, row: u32, col: u16, v: Option<f64>) -> Result<()> {
    if let Some(v) = v {
        ws.write_number(row, col, v).map_err(xerr)?;
    }
    Ok(())
}

fn metrics_sheet(
    wb: &mut Workbook,
    f: &Fmt,
    name: &str,
    key: &str,
    rows: &[MetricsRow],
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xerr)?;
    header(
        ws,
        f,
        0,
        &[
            key,
            "Diambil",
            "Dipanggil",
            "Dilayani",
            "Tidak hadir",
            "Rata-rata tunggu (dtk)",
            "Rata-rata layanan (dtk)",
        ],
    )?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let x = &r.figures;
        ws.write_string(row, 0, &r.key).map_err(xerr)?;
        for (c, v) in [x.issued, x.called, x.served, x.no_show].iter().enumerate() {
            ws.write_number(row, c as u16 + 1, *v as f64)
                .map_err(xerr)?;
        }
        opt_num(ws, row, 5, x.avg_wait_s.map(|v| v as f64))?;
        opt_num(ws, row, 6, x.avg_service_s.map(|v| v as f64))?;
    }
    Ok(())
}

/// The day's recap: sheets Ringkasan, Layanan, Loket, Jam, Petugas, Perangkat, Catatan.
pub fn daily_xlsx(r: &DailyRecap) -> Result<Vec<u8>> {
    let f = fmt();
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name("Ringkasan").map_err(xerr)?;
        ws.set_column_width(0, 34).map_err(xerr)?;
        ws.set_column_width(1, 22).map_err(xerr)?;
        ws.write_string_with_format(0, 0, "Rekap Harian Layanan", &f.bold)
            .map_err(xerr)?;
        ws.write_string(1, 0, "Unit / lokasi").map_err(xerr)?;
        ws.write_string(1, 1, &r.site).map_err(xerr)?;
        ws.write_string(2, 0, "Tanggal").map_err(xerr)?;
        ws.write_datetime_with_format(2, 1, xdate(&r.date)?, &f.date)
            .map_err(xerr)?;
        ws.write_string(3, 0, "Status").map_err(xerr)?;
        ws.write_string(3, 1, status_id(r.status)).map_err(xerr)?;
        let mut row = 4;
        if let Some(a) = &r.approval {
            ws.write_string(row, 0, "Disetujui oleh").map_err(xerr)?;
            ws.write_string(row, 1, &a.by_name).map_err(xerr)?;
            row += 1;
            ws.write_string(row, 0, "Disetujui pada").map_err(xerr)?;
            if let Some(t) = xdatetime(&a.at) {
                ws.write_datetime_with_format(row, 1, t, &f.datetime)
                    .map_err(xerr)?;
            }
            row += 1;
        }
        if r.changed_after_approval {
            ws.write_string(row, 0, "Berubah sesudah disetujui")
                .map_err(xerr)?;
            ws.write_string(row, 1, "YA").map_err(xerr)?;
            row += 1;
        }
        row += 1;
        let q = &r.queue;
        let nums: Vec<(&str, Option<f64>)> = vec![
            ("Antrian diambil", Some(q.issued as f64)),
            ("Dilayani", Some(q.served as f64)),
            ("Tidak hadir", Some(q.no_show as f64)),
            ("Dibatalkan", Some(q.cancelled as f64)),
            ("Masih menunggu", Some(q.waiting as f64)),
            (
                "Rata-rata waktu tunggu (detik)",
                q.avg_wait_s.map(|v| v as f64),
            ),
            (
                "Waktu tunggu terlama (detik)",
                q.worst_wait_s.map(|v| v as f64),
            ),
            (
                "Rata-rata waktu layanan (detik)",
                q.avg_service_s.map(|v| v as f64),
            ),
            (
                "Waktu layanan terlama (detik)",
                q.worst_service_s.map(|v| v as f64),
            ),
            ("Melebihi standar waktu", Some(q.over_promise as f64)),
            ("Pengaduan diterima", Some(r.complaints.received as f64)),
            ("Pengaduan selesai", Some(r.complaints.resolved as f64)),
            ("Pengaduan terbuka", Some(r.complaints.open as f64)),
            (
                "Pengaduan lewat batas waktu",
                Some(r.complaints.overdue as f64),
            ),
            ("Responden SKM", Some(r.survey.respondents as f64)),
            ("Nilai SKM (konversi)", r.survey.score),
        ];
        for (k, v) in nums {
            ws.write_string(row, 0, k).map_err(xerr)?;
            if let Some(v) = v {
                ws.write_number(row, 1, v).map_err(xerr)?;
            }
            row += 1;
        }
        ws.write_string(row, 0, "Mutu SKM").map_err(xerr)?;
        if let Some(g) = &r.survey.grade {
            ws.write_string(row, 1, g).map_err(xerr)?;
        }
        row += 2;
        for w in &r.warnings {
            ws.write_string(row, 0, format!("Peringatan: {w}"))
                .map_err(xerr)?;
            row += 1;
        }
        if let Some(c) = &r.changes {
            row += 1;
            header(
                ws,
                &f,
                row,
                &["Berubah sesudah disetujui", "Semula", "Sekarang"],
            )?;
            row += 1;
            for ch in &c.figures {
                ws.write_string(row, 0, &ch.key).map_err(xerr)?;
                for (col, v) in [(1u16, &ch.from), (2, &ch.to)] {
                    match v {
                        serde_json::Value::Number(n) => {
                            ws.write_number(row, col, n.as_f64().unwrap_or(0.0))
                                .map_err(xerr)?;
                        }
                        serde_json::Value::Null => {}
                        other => {
                            ws.write_string(row, col, other.to_string()).map_err(xerr)?;
                        }
                    }
                }
                row += 1;
            }
            for d in &c.new_devices {
                ws.write_string(row, 0, format!("Data baru dari perangkat {d}"))
                    .map_err(xerr)?;
                row += 1;
            }
        }
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Layanan").map_err(xerr)?;
        header(
            ws,
            &f,
            0,
            &[
                "Kode",
                "Layanan",
                "Diambil",
                "Dilayani",
                "Tidak hadir",
                "Rata-rata tunggu (dtk)",
                "Rata-rata layanan (dtk)",
                "Standar (menit)",
            ],
        )?;
        for (i, s) in r.queue.by_service.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_string(row, 0, &s.service).map_err(xerr)?;
            ws.write_string(row, 1, &s.name).map_err(xerr)?;
            let x = &s.figures;
            ws.write_number(row, 2, x.issued as f64).map_err(xerr)?;
            ws.write_number(row, 3, x.served as f64).map_err(xerr)?;
            ws.write_number(row, 4, x.no_show as f64).map_err(xerr)?;
            opt_num(ws, row, 5, x.avg_wait_s.map(|v| v as f64))?;
            opt_num(ws, row, 6, x.avg_service_s.map(|v| v as f64))?;
            opt_num(ws, row, 7, s.promised_minutes.map(f64::from))?;
        }
    }
    metrics_sheet(&mut wb, &f, "Loket", "Loket", &r.queue.by_counter)?;
    metrics_sheet(&mut wb, &f, "Jam", "Jam", &r.queue.by_hour)?;
    {
        let ws = wb.add_worksheet();
        ws.set_name("Petugas").map_err(xerr)?;
        header(
            ws,
            &f,
            0,
            &[
                "NIP",
                "Nama",
                "Dipanggil",
                "Dilayani",
                "Tidak hadir",
                "Rata-rata layanan (dtk)",
            ],
        )?;
        for (i, o) in r.officers.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_string(row, 0, &o.nip).map_err(xerr)?;
            ws.write_string(row, 1, o.name.as_deref().unwrap_or(""))
                .map_err(xerr)?;
            ws.write_number(row, 2, o.called as f64).map_err(xerr)?;
            ws.write_number(row, 3, o.served as f64).map_err(xerr)?;
            ws.write_number(row, 4, o.no_show as f64).map_err(xerr)?;
            opt_num(ws, row, 5, o.avg_service_s.map(|v| v as f64))?;
        }
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Pengaduan").map_err(xerr)?;
        header(
            ws,
            &f,
            0,
            &["Diterima", "Selesai", "Terbuka", "Lewat batas waktu"],
        )?;
        let c = &r.complaints;
        for (col, v) in [c.received, c.resolved, c.open, c.overdue]
            .iter()
            .enumerate()
        {
            ws.write_number(1, col as u16, *v as f64).map_err(xerr)?;
        }
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Survei").map_err(xerr)?;
        header(
            ws,
            &f,
            0,
            &["Responden", "IKM", "Nilai konversi", "Mutu", "Kinerja"],
        )?;
        let s = &r.survey;
        ws.write_number(1, 0, s.respondents as f64).map_err(xerr)?;
        if let Some(v) = s.ikm {
            ws.write_number_with_format(1, 1, v, &Format::new().set_num_format("0.0000"))
                .map_err(xerr)?;
        }
        if let Some(v) = s.score {
            ws.write_number_with_format(1, 2, v, &f.n2).map_err(xerr)?;
        }
        ws.write_string(1, 3, s.grade.as_deref().unwrap_or(""))
            .map_err(xerr)?;
        ws.write_string(1, 4, s.category.as_deref().unwrap_or(""))
            .map_err(xerr)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Perangkat").map_err(xerr)?;
        header(
            ws,
            &f,
            0,
            &[
                "Perangkat",
                "ID",
                "Jenis",
                "Tiket",
                "Pengaduan",
                "Termasuk",
                "Impor terakhir",
                "Event terakhir",
                "Selisih jam (dtk)",
            ],
        )?;
        for (i, d) in r.devices.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_string(row, 0, d.name.as_deref().unwrap_or(""))
                .map_err(xerr)?;
            ws.write_string(row, 1, &d.device_id).map_err(xerr)?;
            ws.write_string(row, 2, d.kind.as_deref().unwrap_or(""))
                .map_err(xerr)?;
            ws.write_number(row, 3, d.tickets as f64).map_err(xerr)?;
            ws.write_number(row, 4, d.complaints as f64).map_err(xerr)?;
            ws.write_boolean(row, 5, d.included).map_err(xerr)?;
            for (col, t) in [(6u16, &d.last_import), (7, &d.last_seen)] {
                if let Some(t) = t.as_deref().and_then(xdatetime) {
                    ws.write_datetime_with_format(row, col, t, &f.datetime)
                        .map_err(xerr)?;
                }
            }
            opt_num(ws, row, 8, d.skew_s.map(|v| v as f64))?;
        }
        ws.set_column_width(6, 20).map_err(xerr)?;
        ws.set_column_width(7, 20).map_err(xerr)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Catatan").map_err(xerr)?;
        header(ws, &f, 0, &["Waktu", "Pengguna", "NIP", "Catatan"])?;
        ws.set_column_width(0, 20).map_err(xerr)?;
        ws.set_column_width(3, 60).map_err(xerr)?;
        for (i, n) in r.notes.iter().enumerate() {
            let row = i as u32 + 1;
            if let Some(t) = xdatetime(&n.at) {
                ws.write_datetime_with_format(row, 0, t, &f.datetime)
                    .map_err(xerr)?;
            }
            ws.write_string(row, 1, n.by_user.as_deref().unwrap_or(""))
                .map_err(xerr)?;
            ws.write_string(row, 2, n.by_nip.as_deref().unwrap_or(""))
                .map_err(xerr)?;
            ws.write_string(row, 3, &n.text).map_err(xerr)?;
        }
    }
    wb.save_to_buffer().map_err(xerr)
}

const PERIOD_HEAD: [&str; 17] = [
    "Tanggal",
    "Lokasi",
    "Diambil",
    "Dilayani",
    "Tidak hadir",
    "Rata-rata tunggu (dtk)",
    "Tunggu terlama (dtk)",
    "Rata-rata layanan (dtk)",
    "Pengaduan diterima",
    "Pengaduan selesai",
    "Pengaduan terbuka",
    "Pengaduan lewat batas",
    "Responden SKM",
    "Nilai SKM",
    "Mutu SKM",
    "Status",
    "",
];

/// A period: sheet Harian (one row per site and day, with a trend chart) and Lokasi (totals).
pub fn period_xlsx(p: &PeriodRecap) -> Result<Vec<u8>> {
    let f = fmt();
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name("Harian").map_err(xerr)?;
        header(ws, &f, 0, &PERIOD_HEAD[..16])?;
        for (i, d) in p.days.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_datetime_with_format(row, 0, xdate(&d.date)?, &f.date)
                .map_err(xerr)?;
            ws.write_string(row, 1, &d.site).map_err(xerr)?;
            for (c, v) in [d.issued, d.served, d.no_show].iter().enumerate() {
                ws.write_number(row, c as u16 + 2, *v as f64)
                    .map_err(xerr)?;
            }
            opt_num(ws, row, 5, d.avg_wait_s.map(|v| v as f64))?;
            opt_num(ws, row, 6, d.worst_wait_s.map(|v| v as f64))?;
            opt_num(ws, row, 7, d.avg_service_s.map(|v| v as f64))?;
            for (c, v) in [
                d.complaints_received,
                d.complaints_resolved,
                d.complaint_backlog,
                d.complaints_overdue,
                d.survey_respondents,
            ]
            .iter()
            .enumerate()
            {
                ws.write_number(row, c as u16 + 8, *v as f64)
                    .map_err(xerr)?;
            }
            if let Some(s) = d.skm_score {
                ws.write_number_with_format(row, 13, s, &f.n2)
                    .map_err(xerr)?;
            }
            ws.write_string(row, 14, d.skm_grade.as_deref().unwrap_or(""))
                .map_err(xerr)?;
            ws.write_string(row, 15, status_id(d.status))
                .map_err(xerr)?;
        }
        // Trends (first site's rows when several): served and average wait; complaint backlog.
        let n = p
            .days
            .iter()
            .take_while(|d| p.days.first().is_some_and(|f| f.site == d.site))
            .count() as u32;
        if n > 0 {
            let mut c1 = Chart::new(ChartType::Line);
            c1.title()
                .set_name("Dilayani dan rata-rata tunggu per hari");
            c1.add_series()
                .set_name("Dilayani")
                .set_categories(("Harian", 1, 0, n, 0))
                .set_values(("Harian", 1, 3, n, 3));
            c1.add_series()
                .set_name("Rata-rata tunggu (dtk)")
                .set_categories(("Harian", 1, 0, n, 0))
                .set_values(("Harian", 1, 5, n, 5))
                .set_secondary_axis(true);
            ws.insert_chart(n + 3, 0, &c1).map_err(xerr)?;
            let mut c2 = Chart::new(ChartType::Line);
            c2.title().set_name("Pengaduan terbuka dan nilai SKM");
            c2.add_series()
                .set_name("Pengaduan terbuka")
                .set_categories(("Harian", 1, 0, n, 0))
                .set_values(("Harian", 1, 10, n, 10));
            c2.add_series()
                .set_name("Nilai SKM")
                .set_categories(("Harian", 1, 0, n, 0))
                .set_values(("Harian", 1, 13, n, 13))
                .set_secondary_axis(true);
            ws.insert_chart(n + 3, 8, &c2).map_err(xerr)?;
        }
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Lokasi").map_err(xerr)?;
        header(
            ws,
            &f,
            0,
            &[
                "Lokasi",
                "Diambil",
                "Dilayani",
                "Tidak hadir",
                "Rata-rata tunggu (dtk)",
                "Tunggu terlama (dtk)",
                "Rata-rata layanan (dtk)",
                "Pengaduan diterima",
                "Pengaduan selesai",
                "Responden SKM",
                "Nilai SKM",
                "Mutu SKM",
                "Hari disetujui",
                "Hari",
            ],
        )?;
        for (i, s) in p.sites.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_string(row, 0, &s.site).map_err(xerr)?;
            for (c, v) in [s.issued, s.served, s.no_show].iter().enumerate() {
                ws.write_number(row, c as u16 + 1, *v as f64)
                    .map_err(xerr)?;
            }
            opt_num(ws, row, 4, s.avg_wait_s.map(|v| v as f64))?;
            opt_num(ws, row, 5, s.worst_wait_s.map(|v| v as f64))?;
            opt_num(ws, row, 6, s.avg_service_s.map(|v| v as f64))?;
            ws.write_number(row, 7, s.complaints_received as f64)
                .map_err(xerr)?;
            ws.write_number(row, 8, s.complaints_resolved as f64)
                .map_err(xerr)?;
            ws.write_number(row, 9, s.survey_respondents as f64)
                .map_err(xerr)?;
            opt_num(ws, row, 10, s.skm_score)?;
            ws.write_string(row, 11, s.skm_grade.as_deref().unwrap_or(""))
                .map_err(xerr)?;
            ws.write_number(row, 12, s.days_approved as f64)
                .map_err(xerr)?;
            ws.write_number(row, 13, s.days as f64).map_err(xerr)?;
        }
    }
    wb.save_to_buffer().map_err(xerr)
}

// ---------------------------------------------------------------- CSV

fn cerr(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(format!("CSV: {e}")))
}

fn o<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// A day as long-format rows: section, item, metric, value.
pub fn daily_csv(r: &DailyRecap) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["date", "site", "section", "item", "metric", "value"])
        .map_err(cerr)?;
    let mut rec = |section: &str, item: &str, metric: &str, value: String| {
        w.write_record([
            r.date.as_str(),
            r.site.as_str(),
            section,
            item,
            metric,
            value.as_str(),
        ])
    };
    rec("day", "", "status", r.status.as_str().into()).map_err(cerr)?;
    rec(
        "day",
        "",
        "changed_after_approval",
        r.changed_after_approval.to_string(),
    )
    .map_err(cerr)?;
    if let Some(a) = &r.approval {
        rec("day", "", "approved_by", a.by_name.clone()).map_err(cerr)?;
        rec("day", "", "approved_at", a.at.clone()).map_err(cerr)?;
    }
    let q = &r.queue;
    for (m, v) in [
        ("issued", q.issued.to_string()),
        ("served", q.served.to_string()),
        ("no_show", q.no_show.to_string()),
        ("cancelled", q.cancelled.to_string()),
        ("waiting", q.waiting.to_string()),
        ("avg_wait_s", o(q.avg_wait_s)),
        ("worst_wait_s", o(q.worst_wait_s)),
        ("avg_service_s", o(q.avg_service_s)),
        ("worst_service_s", o(q.worst_service_s)),
    ] {
        rec("queue", "", m, v).map_err(cerr)?;
    }
    let rows = |section: &str, key: &str, x: &crate::queue::QueueFigures| {
        vec![
            (
                section.to_string(),
                key.to_string(),
                "issued",
                x.issued.to_string(),
            ),
            (
                section.to_string(),
                key.to_string(),
                "served",
                x.served.to_string(),
            ),
            (
                section.to_string(),
                key.to_string(),
                "no_show",
                x.no_show.to_string(),
            ),
            (
                section.to_string(),
                key.to_string(),
                "avg_wait_s",
                o(x.avg_wait_s),
            ),
            (
                section.to_string(),
                key.to_string(),
                "avg_service_s",
                o(x.avg_service_s),
            ),
        ]
    };
    let mut all = Vec::new();
    for s in &q.by_service {
        all.extend(rows("by_service", &s.service, &s.figures));
    }
    for m in &q.by_counter {
        all.extend(rows("by_counter", &m.key, &m.figures));
    }
    for m in &q.by_hour {
        all.extend(rows("by_hour", &m.key, &m.figures));
    }
    for (s, k, m, v) in all {
        rec(&s, &k, m, v).map_err(cerr)?;
    }
    let c = &r.complaints;
    for (m, v) in [
        ("received", c.received),
        ("resolved", c.resolved),
        ("open", c.open),
        ("overdue", c.overdue),
    ] {
        rec("complaints", "", m, v.to_string()).map_err(cerr)?;
    }
    rec(
        "survey",
        "",
        "respondents",
        r.survey.respondents.to_string(),
    )
    .map_err(cerr)?;
    rec("survey", "", "score", o(r.survey.score)).map_err(cerr)?;
    rec("survey", "", "grade", o(r.survey.grade.clone())).map_err(cerr)?;
    for of in &r.officers {
        rec("officers", &of.nip, "served", of.served.to_string()).map_err(cerr)?;
        rec("officers", &of.nip, "no_show", of.no_show.to_string()).map_err(cerr)?;
    }
    for d in &r.devices {
        rec("devices", &d.device_id, "tickets", d.tickets.to_string()).map_err(cerr)?;
        rec(
            "devices",
            &d.device_id,
            "last_import",
            o(d.last_import.clone()),
        )
        .map_err(cerr)?;
    }
    for n in &r.notes {
        rec(
            "notes",
            &n.at,
            o(n.by_user.clone()).as_str(),
            n.text.clone(),
        )
        .map_err(cerr)?;
    }
    w.into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

/// A period: one row per site and day.
pub fn period_csv(p: &PeriodRecap) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "date",
        "site",
        "issued",
        "served",
        "no_show",
        "avg_wait_s",
        "worst_wait_s",
        "avg_service_s",
        "complaints_received",
        "complaints_resolved",
        "complaint_backlog",
        "complaints_overdue",
        "survey_respondents",
        "skm_score",
        "skm_grade",
        "status",
    ])
    .map_err(cerr)?;
    for d in &p.days {
        w.write_record([
            d.date.clone(),
            d.site.clone(),
            d.issued.to_string(),
            d.served.to_string(),
            d.no_show.to_string(),
            o(d.avg_wait_s),
            o(d.worst_wait_s),
            o(d.avg_service_s),
            d.complaints_received.to_string(),
            d.complaints_resolved.to_string(),
            d.complaint_backlog.to_string(),
            d.complaints_overdue.to_string(),
            d.survey_respondents.to_string(),
            o(d.skm_score),
            o(d.skm_grade.clone()),
            d.status.as_str().to_string(),
        ])
        .map_err(cerr)?;
    }
    w.into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

// ---------------------------------------------------------------- PDF

static FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

pub(crate) fn perr(e: genpdf::error::Error) -> Error {
    Error::Io(std::io::Error::other(format!("PDF: {e}")))
}

pub(crate) fn new_doc(title: &str) -> Result<genpdf::Document> {
    use genpdf::fonts::{FontData, FontFamily};
    let font = |b: &[u8]| FontData::new(b.to_vec(), None).map_err(perr);
    let builtin = |b: &[u8], f| FontData::new(b.to_vec(), Some(f)).map_err(perr);
    let family = FontFamily {
        regular: font(FONT_REGULAR)?,
        bold: font(FONT_BOLD)?,
        italic: builtin(FONT_REGULAR, printpdf::BuiltinFont::HelveticaOblique)?,
        bold_italic: builtin(FONT_BOLD, printpdf::BuiltinFont::HelveticaBoldOblique)?,
    };
    let mut doc = genpdf::Document::new(family);
    doc.set_title(title);
    doc.set_font_size(9);
    doc.set_paper_size(genpdf::PaperSize::A4);
    let mut deco = genpdf::SimplePageDecorator::new();
    deco.set_margins(15);
    doc.set_page_decorator(deco);
    Ok(doc)
}

pub(crate) fn table(
    doc: &mut genpdf::Document,
    widths: Vec<usize>,
    head: &[&str],
    rows: Vec<Vec<String>>,
) -> Result<()> {
    use genpdf::elements::{FrameCellDecorator, Paragraph, TableLayout};
    use genpdf::style::Style;
    use genpdf::Element as _;
    let mut t = TableLayout::new(widths);
    t.set_cell_decorator(FrameCellDecorator::new(true, true, false));
    let mut hr = t.row();
    for h in head {
        hr.push_element(Paragraph::new(*h).styled(Style::new().bold()).padded(1));
    }
    hr.push().map_err(perr)?;
    for r in rows {
        let mut row = t.row();
        for c in r {
            row.push_element(Paragraph::new(c).padded(1));
        }
        row.push().map_err(perr)?;
    }
    doc.push(t);
    Ok(())
}

pub(crate) fn secs(v: Option<i64>) -> String {
    match v {
        None => "-".into(),
        Some(s) => format!("{}:{:02}", s / 60, s % 60),
    }
}

pub(crate) fn render(doc: genpdf::Document) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    doc.render(&mut out).map_err(perr)?;
    Ok(out)
}

/// The day's recap, printable: the unit's name, the figures, the notes and the approver.
pub fn daily_pdf(r: &DailyRecap) -> Result<Vec<u8>> {
    use genpdf::elements::{Break, Paragraph};
    use genpdf::style::Style;
    use genpdf::Element as _;
    let mut doc = new_doc("Rekap Harian Layanan")?;
    let bold = Style::new().bold();
    doc.push(
        Paragraph::new("REKAP HARIAN LAYANAN")
            .aligned(genpdf::Alignment::Center)
            .styled(Style::new().bold().with_font_size(14)),
    );
    doc.push(
        Paragraph::new(r.site.clone())
            .aligned(genpdf::Alignment::Center)
            .styled(Style::new().bold().with_font_size(12)),
    );
    doc.push(Break::new(1));
    doc.push(Paragraph::new(format!("Tanggal: {} ({})", r.date, r.tz)));
    doc.push(Paragraph::new(format!("Status: {}", status_id(r.status))));
    if r.changed_after_approval {
        doc.push(
            Paragraph::new(
                "PERHATIAN: data hari ini berubah sesudah disetujui; perlu disetujui ulang.",
            )
            .styled(bold),
        );
    }
    doc.push(Break::new(1));
    let q = &r.queue;
    doc.push(Paragraph::new("I. Antrian").styled(bold));
    table(
        &mut doc,
        vec![3, 2, 2, 2, 3, 3, 3],
        &[
            "Diambil",
            "Dilayani",
            "Tidak hadir",
            "Batal",
            "Tunggu rata-rata",
            "Tunggu terlama",
            "Layanan rata-rata",
        ],
        vec![vec![
            q.issued.to_string(),
            q.served.to_string(),
            q.no_show.to_string(),
            q.cancelled.to_string(),
            secs(q.avg_wait_s),
            secs(q.worst_wait_s),
            secs(q.avg_service_s),
        ]],
    )?;
    doc.push(Break::new(0.5));
    table(
        &mut doc,
        vec![2, 5, 2, 2, 2, 3, 3],
        &[
            "Kode",
            "Layanan",
            "Diambil",
            "Dilayani",
            "Tidak hadir",
            "Tunggu rata-rata",
            "Layanan rata-rata",
        ],
        q.by_service
            .iter()
            .map(|s| {
                vec![
                    s.service.clone(),
                    s.name.clone(),
                    s.figures.issued.to_string(),
                    s.figures.served.to_string(),
                    s.figures.no_show.to_string(),
                    secs(s.figures.avg_wait_s),
                    secs(s.figures.avg_service_s),
                ]
            })
            .collect(),
    )?;
    doc.push(Break::new(0.5));
    table(
        &mut doc,
        vec![3, 2, 2, 2, 3],
        &[
            "Loket",
            "Dipanggil",
            "Dilayani",
            "Tidak hadir",
            "Layanan rata-rata",
        ],
        q.by_counter
            .iter()
            .map(|m| {
                vec![
                    m.key.clone(),
                    m.figures.called.to_string(),
                    m.figures.served.to_string(),
                    m.figures.no_show.to_string(),
                    secs(m.figures.avg_service_s),
                ]
            })
            .collect(),
    )?;
    doc.push(Break::new(1));
    doc.push(Paragraph::new("II. Pengaduan dan survei").styled(bold));
    let c = &r.complaints;
    let s = &r.survey;
    table(
        &mut doc,
        vec![2, 2, 2, 3, 2, 2, 2],
        &[
            "Diterima",
            "Selesai",
            "Terbuka",
            "Lewat batas",
            "Responden",
            "Nilai SKM",
            "Mutu",
        ],
        vec![vec![
            c.received.to_string(),
            c.resolved.to_string(),
            c.open.to_string(),
            c.overdue.to_string(),
            s.respondents.to_string(),
            s.score
                .map(|v| format!("{v:.2}"))
                .unwrap_or_else(|| "-".into()),
            s.grade.clone().unwrap_or_else(|| "-".into()),
        ]],
    )?;
    doc.push(Break::new(1));
    doc.push(Paragraph::new("III. Petugas").styled(bold));
    table(
        &mut doc,
        vec![4, 5, 2, 2, 2],
        &["NIP", "Nama", "Dipanggil", "Dilayani", "Tidak hadir"],
        r.officers
            .iter()
            .map(|o| {
                vec![
                    o.nip.clone(),
                    o.name.clone().unwrap_or_default(),
                    o.called.to_string(),
                    o.served.to_string(),
                    o.no_show.to_string(),
                ]
            })
            .collect(),
    )?;
    doc.push(Break::new(1));
    doc.push(Paragraph::new("IV. Perangkat (data yang termasuk)").styled(bold));
    table(
        &mut doc,
        vec![4, 2, 2, 5],
        &["Perangkat", "Tiket", "Termasuk", "Impor terakhir"],
        r.devices
            .iter()
            .map(|d| {
                vec![
                    d.name.clone().unwrap_or_else(|| d.device_id.clone()),
                    d.tickets.to_string(),
                    if d.included { "ya" } else { "TIDAK" }.into(),
                    if d.this_device {
                        "(perangkat ini)".into()
                    } else {
                        d.last_import
                            .clone()
                            .unwrap_or_else(|| "belum pernah".into())
                    },
                ]
            })
            .collect(),
    )?;
    for w in &r.warnings {
        doc.push(Paragraph::new(format!("Peringatan: {w}")));
    }
    if !r.notes.is_empty() {
        doc.push(Break::new(1));
        doc.push(Paragraph::new("V. Catatan supervisor").styled(bold));
        for n in &r.notes {
            doc.push(Paragraph::new(format!(
                "{} — {}: {}",
                n.at,
                n.by_user.clone().unwrap_or_else(|| "administrator".into()),
                n.text
            )));
        }
    }
    doc.push(Break::new(2));
    match &r.approval {
        Some(a) => {
            doc.push(Paragraph::new(format!("Disetujui oleh: {}", a.by_name)).styled(bold));
            if let Some(nip) = &a.by_nip {
                doc.push(Paragraph::new(format!("NIP {nip}")));
            }
            doc.push(Paragraph::new(format!("Pada: {}", a.at)));
            doc.push(Paragraph::new(format!(
                "Sidik data: {}",
                &a.fingerprint[..16.min(a.fingerprint.len())]
            )));
        }
        None => doc.push(Paragraph::new("Belum disetujui supervisor.").styled(bold)),
    }
    render(doc)
}

/// A period recap, printable: per-site totals and per-day rows.
pub fn period_pdf(p: &PeriodRecap, unit: &str) -> Result<Vec<u8>> {
    use genpdf::elements::{Break, Paragraph};
    use genpdf::style::Style;
    use genpdf::Element as _;
    let mut doc = new_doc("Rekap Periode Layanan")?;
    doc.push(
        Paragraph::new("REKAP PERIODE LAYANAN")
            .aligned(genpdf::Alignment::Center)
            .styled(Style::new().bold().with_font_size(14)),
    );
    doc.push(
        Paragraph::new(unit.to_string())
            .aligned(genpdf::Alignment::Center)
            .styled(Style::new().bold().with_font_size(12)),
    );
    doc.push(
        Paragraph::new(format!("Periode: {} s.d. {}", p.from, p.to))
            .aligned(genpdf::Alignment::Center),
    );
    doc.push(Break::new(1));
    table(
        &mut doc,
        vec![5, 2, 2, 3, 3, 2, 2, 2],
        &[
            "Lokasi",
            "Diambil",
            "Dilayani",
            "Tunggu rata-rata",
            "Layanan rata-rata",
            "Pengaduan",
            "SKM",
            "Disetujui",
        ],
        p.sites
            .iter()
            .map(|s| {
                vec![
                    s.site.clone(),
                    s.issued.to_string(),
                    s.served.to_string(),
                    secs(s.avg_wait_s),
                    secs(s.avg_service_s),
                    s.complaints_received.to_string(),
                    s.skm_score
                        .map(|v| format!("{v:.2}"))
                        .unwrap_or_else(|| "-".into()),
                    format!("{}/{}", s.days_approved, s.days),
                ]
            })
            .collect(),
    )?;
    doc.push(Break::new(1));
    table(
        &mut doc,
        vec![3, 4, 2, 2, 3, 3, 2, 2, 2],
        &[
            "Tanggal",
            "Lokasi",
            "Diambil",
            "Dilayani",
            "Tunggu",
            "Layanan",
            "Aduan terbuka",
            "SKM",
            "Status",
        ],
        p.days
            .iter()
            .map(|d| {
                vec![
                    d.date.clone(),
                    d.site.clone(),
                    d.issued.to_string(),
                    d.served.to_string(),
                    secs(d.avg_wait_s),
                    secs(d.avg_service_s),
                    d.complaint_backlog.to_string(),
                    d.skm_score
                        .map(|v| format!("{v:.2}"))
                        .unwrap_or_else(|| "-".into()),
                    status_id(d.status).into(),
                ]
            })
            .collect(),
    )?;
    render(doc)
}
