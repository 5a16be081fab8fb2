//! Staff-development exports read back: numbers are numbers, dates are dates, and the PDF
//! carries the report (issue 8).

mod common;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use common::Device;
use serde_json::json;

const BUDI: &str = "198503152010011003";
const SARI: &str = "199001012022212001";

fn seeded() -> Device {
    let d = Device::new("MPP Medan", "Loket 1", 3);
    d.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    for (nip, name) in [(BUDI, "Budi"), (SARI, "Sari")] {
        d.ok(
            "staff.add",
            json!({"nip": nip, "name": name, "agency": "DUK"}),
        );
    }
    d.ok(
        "training.add",
        json!({"nip": BUDI, "title": "Bimtek SIAK", "kind": "klasikal", "form": "bimtek", "jp": 12.5, "date": "2026-03-04", "start": "2026-03-02"}),
    );
    d
}

/// The value right of a label in the first column.
fn value_of(r: &Range<Data>, label: &str) -> Data {
    let row = (0..r.height() as u32)
        .find(|&i| r.get_value((i, 0)) == Some(&Data::String(label.into())))
        .unwrap_or_else(|| panic!("no row {label}"));
    r.get_value((row, 1)).unwrap().clone()
}

fn row_of(r: &Range<Data>, nip: &str) -> u32 {
    (1..r.height() as u32)
        .find(|&i| r.get_value((i, 0)) == Some(&Data::String(nip.into())))
        .unwrap_or_else(|| panic!("no row {nip}"))
}

fn day_of(v: &Data) -> String {
    match v {
        Data::DateTime(dt) => {
            let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            (base + chrono::Days::new(dt.as_f64() as u64)).to_string()
        }
        other => panic!("not a date: {other:?}"),
    }
}

#[test]
fn jp_tracker_reads_back_with_numbers_and_dates() {
    let d = seeded();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("jp.xlsx");
    let saved = d.ok(
        "staff.jp_export",
        json!({"year": 2026, "format": "xlsx", "out": out}),
    );
    assert_eq!(saved["path"], out.display().to_string());
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let sum = wb.worksheet_range("Ringkasan").unwrap();
    assert_eq!(value_of(&sum, "Tahun"), Data::Float(2026.0));
    assert_eq!(value_of(&sum, "Target PNS (JP)"), Data::Float(20.0));
    assert_eq!(value_of(&sum, "Batas PPPK (JP)"), Data::Float(24.0));
    assert_eq!(value_of(&sum, "Di bawah target"), Data::Float(1.0));
    let jp = wb.worksheet_range("JP").unwrap();
    let b = row_of(&jp, BUDI);
    assert_eq!(jp.get_value((b, 4)), Some(&Data::Float(12.5)));
    assert_eq!(jp.get_value((b, 5)), Some(&Data::Float(20.0)));
    assert_eq!(jp.get_value((b, 6)), Some(&Data::Float(7.5)), "shortfall");
    assert_eq!(jp.get_value((b, 9)), Some(&Data::String("Ya".into())));
    // Sari is PPPK: target 0 (default), cap 24
    let s = row_of(&jp, SARI);
    assert_eq!(jp.get_value((s, 2)), Some(&Data::String("PPPK".into())));
    assert_eq!(jp.get_value((s, 7)), Some(&Data::Float(24.0)));
    let rec = wb.worksheet_range("Catatan pengembangan").unwrap();
    assert_eq!(day_of(rec.get_value((1, 6)).unwrap()), "2026-03-02");
    assert_eq!(day_of(rec.get_value((1, 7)).unwrap()), "2026-03-04");
    assert_eq!(rec.get_value((1, 8)), Some(&Data::Float(12.5)));

    // the PDF carries the same figures
    let pdf = dir.path().join("jp.pdf");
    d.ok(
        "staff.jp_export",
        json!({"year": 2026, "format": "pdf", "out": pdf}),
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&bytes).contains("DejaVu"));
    let e = d
        .call(
            "staff.jp_export",
            json!({"year": 2026, "format": "xlsx", "out": "  "}),
        )
        .unwrap_err();
    assert!(e.message.contains("output file"), "{}", e.message);
}

#[test]
fn performance_report_reads_back_with_the_unit_median_and_the_note() {
    let d = seeded();
    d.ok(
        "staff.assess",
        json!({"nip": BUDI, "from": "2026-11-01", "to": "2026-11-30", "note": "Rapi dan tepat waktu", "hasil": "di_atas", "perilaku": "di_atas"}),
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kinerja.xlsx");
    d.ok(
        "staff.report_export",
        json!({"from": "2026-11-01", "to": "2026-11-30", "format": "xlsx", "out": out}),
    );
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let sum = wb.worksheet_range("Ringkasan").unwrap();
    assert_eq!(day_of(&value_of(&sum, "Periode dari")), "2026-11-01");
    assert_eq!(day_of(&value_of(&sum, "Periode sampai")), "2026-11-30");
    assert_eq!(value_of(&sum, "Jumlah petugas"), Data::Float(2.0));
    let k = wb.worksheet_range("Kinerja").unwrap();
    assert_eq!(
        k.get_value((0, 6)),
        Some(&Data::String("Median unit: dilayani".into()))
    );
    let b = row_of(&k, BUDI);
    assert_eq!(
        k.get_value((b, 5)),
        Some(&Data::Float(0.0)),
        "served is a number"
    );
    // nobody was present: the unit median has no base (an empty cell, not a zero)
    assert_eq!(k.get_value((b, 23)), Some(&Data::Float(0.0)));
    assert!(matches!(k.get_value((b, 6)), None | Some(Data::Empty)));
    let notes = wb.worksheet_range("Penilaian").unwrap();
    assert_eq!(notes.get_value((1, 0)), Some(&Data::String(BUDI.into())));
    assert_eq!(
        notes.get_value((1, 2)),
        Some(&Data::String("Rapi dan tepat waktu".into()))
    );
    assert_eq!(
        notes.get_value((1, 5)),
        Some(&Data::String("Sangat Baik".into()))
    );
    let pdf = dir.path().join("kinerja.pdf");
    d.ok(
        "staff.report_export",
        json!({"from": "2026-11-01", "to": "2026-11-30", "format": "pdf", "out": pdf}),
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let e = d
        .call(
            "staff.report_export",
            json!({"from": "2026-11-30", "to": "2026-11-01", "format": "xlsx", "out": out}),
        )
        .unwrap_err();
    assert_eq!(e.code, "invalid", "{e}");
}

#[test]
fn program_report_has_participants_feedback_and_impact_cases() {
    let d = seeded();
    let p = d.ok(
        "program.add",
        json!({"title": "Pelayanan prima", "start": "2026-11-10", "end": "2026-11-12", "jp": 12, "budget": 5000000}),
    );
    let id = p["id"].as_str().unwrap();
    for nip in [BUDI, SARI] {
        d.ok("program.enrol", json!({"program": id, "nip": nip}));
    }
    d.ok(
        "program.attend",
        json!({"program": id, "nip": BUDI, "attended": true}),
    );
    d.ok(
        "program.feedback",
        json!({"program": id, "nip": BUDI, "rating": 4, "comment": "Bermanfaat"}),
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("program.xlsx");
    d.ok(
        "program.report",
        json!({"program": id, "days": 7, "format": "xlsx", "out": out}),
    );
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let sum = wb.worksheet_range("Ringkasan").unwrap();
    assert_eq!(day_of(&value_of(&sum, "Mulai")), "2026-11-10");
    assert_eq!(value_of(&sum, "Anggaran (Rp)"), Data::Float(5_000_000.0));
    assert_eq!(value_of(&sum, "Rata-rata nilai (1-5)"), Data::Float(4.0));
    assert_eq!(value_of(&sum, "Jendela dampak (hari)"), Data::Float(7.0));
    let part = wb.worksheet_range("Peserta").unwrap();
    let b = row_of(&part, BUDI);
    assert_eq!(part.get_value((b, 2)), Some(&Data::String("hadir".into())));
    assert_eq!(part.get_value((b, 3)), Some(&Data::Float(4.0)));
    let fb = wb.worksheet_range("Umpan balik").unwrap();
    assert_eq!(
        fb.get_value((4, 1)),
        Some(&Data::Float(1.0)),
        "one rating of 4"
    );
    let imp = wb.worksheet_range("Dampak").unwrap();
    // two windows per participant not marked absent
    assert_eq!(imp.height(), 1 + 2 * 2);
    let b = row_of(&imp, BUDI);
    assert_eq!(imp.get_value((b, 2)), Some(&Data::String("sebelum".into())));
    assert_eq!(day_of(imp.get_value((b, 3)).unwrap()), "2026-11-03");
    assert_eq!(day_of(imp.get_value((b, 4)).unwrap()), "2026-11-09");
    assert_eq!(
        imp.get_value((b, 11)),
        Some(&Data::Float(0.0)),
        "no tickets"
    );
    assert_eq!(
        imp.get_value((b, 14)),
        Some(&Data::String("Ya".into())),
        "small sample"
    );
    let pdf = dir.path().join("program.pdf");
    d.ok(
        "program.report",
        json!({"program": id, "format": "pdf", "out": pdf}),
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let e = d
        .call(
            "program.report",
            json!({"program": "nope", "format": "xlsx", "out": out}),
        )
        .unwrap_err();
    assert!(e.message.contains("does not exist"), "{e}");
}
