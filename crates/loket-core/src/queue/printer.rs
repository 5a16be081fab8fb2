//! Ticket printing on this PC: the device-local printer settings of the kiosk and the raw
//! ESC/POS print of a ticket to a printer device (e.g. `/dev/usb/lp0`) or a file. Each attempt
//! is recorded as a `print` step (`printed` or `failed` with the printer's complaint); a failed
//! print does not hide the ticket: the kiosk shows the failure and can print again.

use std::io::Write;
use std::time::Duration;

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::escpos::{self, Paper, Slip};
use super::{find, here, record_print, QueuePrintResult, QueueWaiting, QueueWaitingInput, Ticket};
use crate::api::{Command, Ctx, Perm};
use crate::error::{Error, Result};
use crate::system::local_setting;

const MODE: &str = "queue.print_mode";
const DEVICE: &str = "queue.printer_device";
const PAPER: &str = "queue.paper_mm";
const RESET: &str = "queue.kiosk_reset_s";

/// How long a printer may take to accept a slip before the attempt counts as failed.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

/// This PC's ticket printer (device-local: not synced, outside the fingerprint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PrinterSettings {
    /// `html` (the system print dialog, 58/80 mm layout), `escpos` (raw bytes to `device`) or
    /// `off` (numbers are shown, not printed).
    pub mode: String,
    /// Printer device or file for `escpos`, e.g. `/dev/usb/lp0`.
    pub device: Option<String>,
    /// Paper width in mm: 58 or 80.
    pub paper_mm: u32,
    /// Seconds after which the kiosk returns to its start screen.
    pub kiosk_reset_s: u32,
}

pub(crate) fn settings(conn: &rusqlite::Connection) -> Result<PrinterSettings> {
    Ok(PrinterSettings {
        mode: local_setting(conn, MODE)?.unwrap_or_else(|| "html".into()),
        device: local_setting(conn, DEVICE)?.filter(|d| !d.is_empty()),
        paper_mm: local_setting(conn, PAPER)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(80),
        kiosk_reset_s: local_setting(conn, RESET)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(20),
    })
}

/// `queue.printer`: this PC's printer settings.
pub struct QueuePrinter;
impl Command for QueuePrinter {
    const NAME: &'static str = "queue.printer";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = crate::accounts::Empty;
    type Output = PrinterSettings;
    fn run(ctx: &mut Ctx<'_>, _: crate::accounts::Empty) -> Result<PrinterSettings> {
        settings(ctx.conn)
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct QueueSetPrinterInput {
    #[ts(optional)]
    pub mode: Option<String>,
    /// Empty clears it.
    #[ts(optional)]
    pub device: Option<String>,
    #[ts(optional)]
    pub paper_mm: Option<u32>,
    #[ts(optional)]
    pub kiosk_reset_s: Option<u32>,
}

fn put(conn: &rusqlite::Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO local_setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// `queue.set_printer`: changes this PC's printer settings (supervisor, admin).
pub struct QueueSetPrinter;
impl Command for QueueSetPrinter {
    const NAME: &'static str = "queue.set_printer";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = QueueSetPrinterInput;
    type Output = PrinterSettings;
    fn run(ctx: &mut Ctx<'_>, i: QueueSetPrinterInput) -> Result<PrinterSettings> {
        if let Some(m) = i.mode.as_deref().map(str::trim) {
            if !matches!(m, "html" | "escpos" | "off") {
                return Err(Error::invalid(
                    format!("print mode {m:?} must be html, escpos or off"),
                    format!("mode cetak {m:?} harus html, escpos atau off"),
                ));
            }
            put(ctx.conn, MODE, m)?;
        }
        if let Some(p) = i.paper_mm {
            if Paper::parse(p).is_none() {
                return Err(Error::invalid(
                    format!("paper width {p} mm: use 58 or 80"),
                    format!("lebar kertas {p} mm: gunakan 58 atau 80"),
                ));
            }
            put(ctx.conn, PAPER, &p.to_string())?;
        }
        if let Some(s) = i.kiosk_reset_s {
            if !(5..=600).contains(&s) {
                return Err(Error::invalid(
                    "the kiosk reset must be 5-600 seconds",
                    "kembali ke awal kios harus 5-600 detik",
                ));
            }
            put(ctx.conn, RESET, &s.to_string())?;
        }
        if let Some(d) = i.device.as_deref().map(str::trim) {
            put(ctx.conn, DEVICE, d)?;
        }
        let s = settings(ctx.conn)?;
        if s.mode == "escpos" && s.device.is_none() {
            return Err(Error::invalid(
                "raw ESC/POS printing needs a printer device or file",
                "cetak ESC/POS langsung memerlukan perangkat printer atau berkas",
            ));
        }
        Ok(s)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct QueuePrintToInput {
    /// Ticket id or today's number on this device.
    pub ticket: String,
    /// Printer device or file; default: this PC's setting.
    #[ts(optional)]
    pub device: Option<String>,
    /// 58 or 80; default: this PC's setting.
    #[ts(optional)]
    pub paper_mm: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QueuePrintOutcome {
    pub ticket: Ticket,
    pub printed: bool,
    /// Why the printer refused, when it did (also recorded in the print step).
    pub error: Option<String>,
    /// Tickets waiting before this one (the slip says it).
    pub ahead: Option<usize>,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

fn priority_label(p: &str) -> &'static str {
    match p {
        "lansia" => "Lansia",
        "disabilitas" => "Penyandang disabilitas",
        "hamil" => "Ibu hamil",
        "balita" => "Membawa balita",
        _ => "Prioritas",
    }
}

/// Writes `bytes` to `path`, giving up after [`WRITE_TIMEOUT`] (a stuck printer must not hold
/// the database). Returns the printer's complaint on failure.
fn send(path: &str, bytes: Vec<u8>) -> std::result::Result<(), String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let p = path.to_string();
    std::thread::spawn(move || {
        let r = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&p)
            .and_then(|mut f| f.write_all(&bytes).and_then(|_| f.flush()));
        let _ = tx.send(r.map_err(|e| e.to_string()));
    });
    match rx.recv_timeout(WRITE_TIMEOUT) {
        Ok(r) => r,
        Err(_) => Err(format!("no answer within {} s", WRITE_TIMEOUT.as_secs())),
    }
}

/// `queue.print_to`: prints a ticket slip as raw ESC/POS to a printer device or file and
/// records the attempt. A printer failure is an outcome (`printed: false`, recorded), not an
/// error: the ticket stays issued and can be printed again.
pub struct QueuePrintTo;
impl Command for QueuePrintTo {
    const NAME: &'static str = "queue.print_to";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = QueuePrintToInput;
    type Output = QueuePrintOutcome;
    fn run(ctx: &mut Ctx<'_>, i: QueuePrintToInput) -> Result<QueuePrintOutcome> {
        let s = settings(ctx.conn)?;
        let device = i
            .device
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .or(s.device)
            .ok_or_else(|| {
                Error::invalid(
                    "no ticket printer is set on this PC",
                    "printer tiket belum diatur di PC ini",
                )
            })?;
        let mm = i.paper_mm.unwrap_or(s.paper_mm);
        let paper = Paper::parse(mm).ok_or_else(|| {
            Error::invalid(
                format!("paper width {mm} mm: use 58 or 80"),
                format!("lebar kertas {mm} mm: gunakan 58 atau 80"),
            )
        })?;
        let h = here(ctx)?;
        let t = find(ctx.conn, &h, &i.ticket)?;
        let service = super::service(ctx.conn, &t.service)?;
        let ahead = if t.status == super::Status::Issued {
            let line = QueueWaiting::run(
                ctx,
                QueueWaitingInput {
                    counter: None,
                    service: Some(t.service.clone()),
                },
            )?;
            line.iter().position(|w| w.id == t.id)
        } else {
            None
        };
        let at = h.site.tz.datetime(t.issued_at);
        use chrono::Datelike;
        let issued = format!(
            "{} {} {} {} {}",
            at.day(),
            MONTHS[at.month0() as usize],
            at.year(),
            at.format("%H:%M"),
            h.site.tz.abbr()
        );
        let slip = Slip {
            site: h.site.name.clone(),
            service: service.name,
            number: t.number.clone(),
            issued,
            priority: t
                .priority
                .as_deref()
                .map(|p| format!("Prioritas: {}", priority_label(p))),
            ahead,
        };
        let outcome = send(&device, escpos::ticket(&slip, paper));
        let error = outcome.err().map(|e| format!("{device}: {e}"));
        let result = if error.is_some() {
            QueuePrintResult::Failed
        } else {
            QueuePrintResult::Printed
        };
        let ticket = record_print(ctx, &t.id, result, error.as_deref())?;
        Ok(QueuePrintOutcome {
            ticket,
            printed: error.is_none(),
            error,
            ahead,
        })
    }
}
