//! Survey (SKM) and IKM through the real binary: the CLI contract of issue 6.

use loket_tests::Db;
use serde_json::{json, Value};

const BUDI: &str = "198503152010011003";
const HEADER: &str = "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9";

fn write(db: &Db, name: &str, text: &str) -> String {
    let p = db.dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn sample_size_follows_krejcie_morgan() {
    let db = Db::new(); // no database needed: a pure calculation
    for (n, s) in [
        (10, 10),
        (50, 44),
        (100, 80),
        (200, 132),
        (500, 217),
        (1000, 278),
        (5000, 357),
        (10000, 370),
        (1000000, 384),
    ] {
        let out = db.ok(&["survey", "sample-size", "--population", &n.to_string()]);
        assert_eq!(out.trim(), s.to_string(), "N = {n}");
    }
    // the formula, not the reprinted table's 384: 384 100 000 / 1 003 831 = 382.63
    let out = db.ok(&["survey", "sample-size", "--population", "100000"]);
    assert_eq!(out.trim(), "383");
    assert_ne!(
        db.run(&["survey", "sample-size", "--population", "-5"])
            .code,
        0
    );
}

#[test]
fn a_kiosk_response_shows_in_the_ikm() {
    let db = Db::seeded("MPP Medan", "PC 1");
    let msg = db.run(&["ikm", "--json"]).fails().to_string();
    assert!(msg.contains("no survey responses"), "{msg}");
    db.ok(&[
        "survey",
        "submit",
        "--service",
        "KTP",
        "--answers",
        "U9=2,U1=4,U2=4,U3=4,U4=,U5=4,U6=4,U7=4,U8=3",
        "--staff",
        BUDI,
        "--counter",
        "L1",
        "--ticket",
        "A-001",
        "--suggestion",
        "Ruang tunggu panas",
    ]);
    db.ok(&[
        "survey",
        "submit",
        "--service",
        "KTP",
        "--answers",
        "U1=3,U2=3,U3=3,U4=3,U5=3,U6=3,U7=3,U8=3,U9=3",
    ]);
    let v = db.json(&["ikm", "--json"]);
    assert_eq!(
        keys(&v),
        ["category", "grade", "ikm", "nrr", "respondents", "score"]
    );
    assert_eq!(v["respondents"], 2);
    assert_eq!(
        v["nrr"],
        json!({"U1": 3.5, "U2": 3.5, "U3": 3.5, "U4": 3.0, "U5": 3.5, "U6": 3.5,
               "U7": 3.5, "U8": 3.0, "U9": 2.5})
    );
    // Σ NRR = 29.5; IKM = 29.5/9 = 3.2777…; score = 81.944… → 81.94 → B Baik
    assert_eq!(v["ikm"], 3.2778);
    assert_eq!(v["score"], 81.94);
    assert_eq!(v["grade"], "B");
    assert_eq!(v["category"], "Baik");
    // the officer's own figures: his only response left U4 blank → a clear refusal
    let msg = db
        .run(&["ikm", "--staff", BUDI, "--json"])
        .fails()
        .to_string();
    assert!(msg.contains("U4"), "{msg}");
    // the human view highlights the lowest unsur
    let out = db.ok(&["ikm"]);
    assert!(
        out.contains("U9") && out.contains("improvement priority"),
        "{out}"
    );
    assert!(out.contains("81.94"), "{out}");
    let list = db.json(&["survey", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let mine = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ticket"] == "A-001")
        .expect("the response linked to ticket A-001");
    assert_eq!(mine["staff"], BUDI);
    assert_eq!(mine["counter"], "L1");
    assert_eq!(mine["answers"]["U4"], Value::Null);
    assert_eq!(mine["source"], "kiosk");
}

#[test]
fn csv_import_reports_every_bad_row_and_imports_nothing() {
    let db = Db::seeded("MPP Medan", "PC 1");
    let fp = db.fingerprint();
    let f = write(
        &db,
        "bad.csv",
        &format!(
            "{HEADER},staff,suggestion\n\
             2026-11-01,KTP,4,4,4,4,4,4,4,4,4,,\"two\nlines\"\n\
             2026-11-01,KTP,4,4,4,4,9,4,4,4,4,,\n\
             2026-11-01,KTP,4,4,4,4,4,4,4,4,4,199001012015011001,\n\
             2026-11-01,XX,4,4,4,4,4,4,4,4,4,,\n\
             2026-11-01,KTP,3,3,3,3,3,3,3,3,3,,ok\n"
        ),
    );
    let r = db.run(&["survey", "import", "--csv", &f]);
    assert_ne!(r.code, 0);
    let lines: Vec<&str> = r.stderr.trim_end().lines().collect();
    assert_eq!(lines.len(), 4, "{}", r.stderr);
    assert!(
        lines[0].contains("nothing imported") && lines[0].contains("3 bad rows of 5"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("line 4, column u5: "), "{}", lines[1]);
    assert!(
        lines[2].starts_with("line 5, column staff: "),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("line 6, column service: "),
        "{}",
        lines[3]
    );
    assert!(!r.stderr.contains("panicked"));
    assert_eq!(db.fingerprint(), fp, "nothing imported");

    // header problems are line 1
    let f = write(
        &db,
        "h.csv",
        &format!("{HEADER},hobby\n2026-11-01,KTP,4,4,4,4,4,4,4,4,4,x\n"),
    );
    let r = db.run(&["survey", "import", "--csv", &f]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("line 1, column hobby: unknown column"),
        "{}",
        r.stderr
    );

    // not UTF-8
    let p = db.dir.path().join("latin1.csv");
    std::fs::write(&p, b"date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,suggestion\n2026-11-01,KTP,4,4,4,4,4,4,4,4,4,caf\xe9\n").unwrap();
    let r = db.run(&["survey", "import", "--csv", p.to_str().unwrap()]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("line 2, column *: not UTF-8"),
        "{}",
        r.stderr
    );
    // missing file
    let msg = db
        .run(&["survey", "import", "--csv", "/nonexistent/x.csv"])
        .fails()
        .to_string();
    assert!(msg.contains("cannot read"), "{msg}");
    assert_eq!(db.fingerprint(), fp);
}

#[test]
fn csv_import_then_ikm_with_filters_and_duplicates() {
    let mut db = Db::seeded("MPP Medan", "PC 1");
    db.ok(&["agency", "add", "--code", "PTSP", "--name", "DPMPTSP"]);
    db.ok(&[
        "service", "add", "--code", "PBG", "--agency", "PTSP", "--name", "PBG", "--prefix", "C",
    ]);
    db.now = Some("2026-12-05T10:00:00+07:00".into());
    let f = write(
        &db,
        "q4.csv",
        &format!(
            "\u{feff}Service,Date,U1,U2,U3,U4,U5,U6,U7,U8,U9,Staff,Gender\n\
             KTP,2026-10-31,1,1,1,1,1,1,1,1,1,,L\n\
             KTP,2026-11-01,4,4,4,4,4,4,4,4,4,{BUDI},P\n\
             KK,2026-11-15,3,3,3,3,3,3,3,3,3,,P\n\
             PBG,2026-11-30,2,2,2,2,2,2,2,2,2,,L\n"
        ),
    );
    let out = db.ok(&["survey", "import", "--csv", &f]);
    assert!(out.contains("imported 4 responses"), "{out}");
    let score = |args: &[&str]| -> (u64, f64, String) {
        let mut a = vec!["ikm", "--json"];
        a.extend_from_slice(args);
        let v = db.json(&a);
        (
            v["respondents"].as_u64().unwrap(),
            v["score"].as_f64().unwrap(),
            v["grade"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(score(&[]), (4, 62.5, "D".into()));
    assert_eq!(
        score(&["--from", "2026-11-01", "--to", "2026-11-30"]),
        (3, 75.0, "C".into())
    );
    assert_eq!(score(&["--service", "kk"]), (1, 75.0, "C".into()));
    assert_eq!(score(&["--agency", "DUK"]), (3, 66.67, "C".into()));
    assert_eq!(score(&["--staff", BUDI]), (1, 100.0, "A".into()));
    let msg = db
        .run(&["ikm", "--from", "2026-12-01", "--json"])
        .fails()
        .to_string();
    assert!(msg.contains("no survey responses"), "{msg}");
    let msg = db.run(&["ikm", "--from", "2026-13-01"]).fails().to_string();
    assert!(msg.contains("YYYY-MM-DD"), "{msg}");
    // fewer respondents than the sample for the population: a warning on stderr
    let r = db.run(&["ikm", "--json", "--population", "1000"]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("278"), "{}", r.stderr);

    // the same file again is refused; with --allow-duplicate it is imported, with a warning
    let fp = db.fingerprint();
    let msg = db
        .run(&["survey", "import", "--csv", &f])
        .fails()
        .to_string();
    assert!(
        msg.contains("already imported") && msg.contains("--allow-duplicate"),
        "{msg}"
    );
    assert_eq!(db.fingerprint(), fp);
    let r = db.run(&["survey", "import", "--csv", &f, "--allow-duplicate"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("count twice"), "{}", r.stderr);
    assert_eq!(score(&[]).0, 8);
}

#[test]
fn roles_for_survey_commands() {
    let db = Db::seeded("MPP Medan", "PC 1");
    db.run_env(
        &[
            "user",
            "add",
            "--username",
            "budi",
            "--role",
            "petugas",
            "--nip",
            BUDI,
        ],
        &[("LOKET_NEW_PIN", "1111")],
    )
    .ok();
    let f = write(
        &db,
        "a.csv",
        &format!("{HEADER}\n2026-11-01,KTP,4,4,4,4,4,4,4,4,4\n"),
    );
    let as_budi = |args: &[&str]| {
        let mut a = vec!["--user", "budi"];
        a.extend_from_slice(args);
        db.run_env(&a, &[("LOKET_PIN", "1111")])
    };
    let msg = as_budi(&["survey", "import", "--csv", &f])
        .fails()
        .to_string();
    assert!(msg.contains("may not"), "{msg}");
    as_budi(&[
        "survey",
        "submit",
        "--service",
        "KTP",
        "--answers",
        "U1=4,U2=4,U3=4,U4=4,U5=4,U6=4,U7=4,U8=4,U9=4",
    ])
    .ok();
    let v = as_budi(&["ikm", "--json"]).json();
    assert_eq!(v["score"], 100.0);
    assert_eq!(v["grade"], "A");
    assert_eq!(v["category"], "Sangat Baik");
}

#[test]
fn skm_report_as_xlsx_and_pdf() {
    let db = Db::seeded("MPP Medan", "PC 1");
    let out = db.dir.path().join("skm.xlsx");
    let out_s = out.to_str().unwrap();
    // nothing to report: refused, no file
    let msg = db
        .run(&["survey", "report", "--format", "xlsx", "--out", out_s])
        .fails()
        .to_string();
    assert!(msg.contains("no survey responses"), "{msg}");
    assert!(!out.exists());
    let f = write(
        &db,
        "a.csv",
        &format!(
            "{HEADER},gender,suggestion\n\
             2026-11-01,KTP,4,4,4,4,4,4,4,4,2,P,Ruang tunggu sempit\n\
             2026-11-02,KTP,3,3,3,3,3,3,3,3,3,L,\n"
        ),
    );
    db.ok(&["survey", "import", "--csv", &f]);
    let said = db.ok(&[
        "survey",
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--service",
        "KTP",
        "--format",
        "xlsx",
        "--out",
        out_s,
    ]);
    assert!(said.contains("grade"), "{said}");
    let b = std::fs::read(&out).unwrap();
    assert_eq!(&b[..2], b"PK", "an XLSX is a zip");
    let pdf = db.dir.path().join("skm.pdf");
    db.ok(&[
        "survey",
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "pdf",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let b = std::fs::read(&pdf).unwrap();
    assert_eq!(&b[..5], b"%PDF-");
    // an unwritable destination is a one-line error
    let msg = db
        .run(&[
            "survey",
            "report",
            "--format",
            "pdf",
            "--out",
            "/nonexistent/dir/x.pdf",
        ])
        .fails()
        .to_string();
    assert!(msg.contains("cannot write"), "{msg}");
}

#[test]
fn void_a_wrong_import_batch() {
    let db = Db::seeded("MPP Medan", "PC 1");
    let f = write(
        &db,
        "w.csv",
        &format!("{HEADER}\n2026-11-01,KTP,1,1,1,1,1,1,1,1,1\n"),
    );
    db.ok(&["survey", "import", "--csv", &f]);
    let b = db.json(&["survey", "batches", "--json"]);
    assert_eq!(b[0]["file"], "w.csv");
    assert_eq!(b[0]["rows"], 1);
    let id = b[0]["id"].as_str().unwrap().to_string();
    let r = db.run(&["survey", "void", "--reason", "x"]); // a usage error from clap
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--batch"), "{}", r.stderr);
    let out = db.ok(&["survey", "void", "--batch", &id, "--reason", "salah berkas"]);
    assert!(out.contains("voided 1"), "{out}");
    let msg = db.run(&["ikm", "--json"]).fails().to_string();
    assert!(msg.contains("no survey responses"), "{msg}");
    assert_eq!(db.json(&["survey", "batches", "--json"])[0]["void"], true);
    // the corrected file (or the same one) can come in again
    db.ok(&["survey", "import", "--csv", &f]);
    assert_eq!(db.json(&["ikm", "--json"])["respondents"], 1);
}
