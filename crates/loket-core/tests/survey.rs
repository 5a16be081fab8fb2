//! Survey (SKM) and IKM through the command layer: kiosk responses, CSV import, figures.

mod common;

use common::Device;
use loket_core::api::Actor;
use loket_core::Locale;
use serde_json::{json, Value};

const BUDI: &str = "198503152010011003";

fn seeded() -> Device {
    let d = Device::new("MPP Medan", "Loket 1", 3);
    d.ok("agency.add", json!({"code": "DUK", "name": "Disdukcapil"}));
    d.ok("agency.add", json!({"code": "PTSP", "name": "DPMPTSP"}));
    d.ok(
        "service.add",
        json!({"code": "KTP", "agency": "DUK", "name": "KTP-el", "prefix": "A"}),
    );
    d.ok(
        "service.add",
        json!({"code": "IMB", "agency": "PTSP", "name": "PBG", "prefix": "B"}),
    );
    d.ok(
        "counter.add",
        json!({"code": "L1", "name": "Loket 1", "services": ["KTP"]}),
    );
    d.ok(
        "staff.add",
        json!({"nip": BUDI, "name": "Budi", "agency": "DUK"}),
    );
    d.ok(
        "user.add",
        json!({"username": "budi", "role": "petugas", "nip": BUDI, "pin": "1111"}),
    );
    d
}

fn all(v: i64) -> Value {
    json!({"U1": v, "U2": v, "U3": v, "U4": v, "U5": v, "U6": v, "U7": v, "U8": v, "U9": v})
}

fn err(d: &Device, cmd: &str, args: Value) -> loket_core::api::ApiError {
    match d.call(cmd, args.clone()) {
        Ok(v) => panic!("{cmd} {args} should fail, gave {v}"),
        Err(e) => e,
    }
}

fn as_user(d: &Device, user: &str, pin: &str, cmd: &str, args: Value) -> Result<Value, String> {
    let actor: Actor = d.api.login(user, pin, Locale::En).unwrap();
    d.api
        .call(&actor, Locale::En, cmd, args)
        .map_err(|e| format!("{}: {}", e.code, e.message))
}

#[test]
fn kiosk_response_is_stored_by_unsur_id_and_counts_in_the_ikm() {
    let d = seeded();
    // keys in any order and case; U4 left blank
    let r = as_user(
        &d,
        "budi",
        "1111",
        "survey.submit",
        json!({
            "service": "ktp",
            "answers": {"u9": 2, "U1": 4, "U8": 3, "U2": 4, "U3": 4, "U4": null, "U5": 4, "U6": 4, "U7": 4},
            "profile": {"gender": "P", "age": "25-34", "education": "S1", "occupation": "Wiraswasta"},
            "suggestion": "  Ruang tunggu panas  ",
            "staff": BUDI, "counter": "l1", "ticket": "A-007"
        }),
    )
    .unwrap();
    assert_eq!(r["answers"]["U9"], 2);
    assert_eq!(r["answers"]["U8"], 3);
    assert_eq!(r["answers"]["U4"], Value::Null);
    assert_eq!(r["service"], "KTP");
    assert_eq!(r["counter"], "L1");
    assert_eq!(r["staff"], BUDI);
    assert_eq!(r["source"], "kiosk");
    assert_eq!(r["date"], "2026-11-23");
    assert_eq!(r["at"], "2026-11-23T09:00:00+07:00");
    assert_eq!(r["suggestion"], "Ruang tunggu panas");
    assert_eq!(r["profile"]["education"], "S1");
    assert!(r["ticket_device"].as_str().unwrap().len() > 10);
    // a second, complete response so that every unsur has an answer
    d.ok(
        "survey.submit",
        json!({"service": "KTP", "answers": all(3)}),
    );
    let ikm = d.ok("survey.ikm", json!({}));
    assert_eq!(ikm["respondents"], 2);
    assert_eq!(ikm["nrr"]["U1"], 3.5);
    assert_eq!(ikm["nrr"]["U4"], 3.0); // the blank is not a respondent of U4
    assert_eq!(ikm["nrr"]["U9"], 2.5);
    // U1 3.5 U2 3.5 U3 3.5 U4 3 U5 3.5 U6 3.5 U7 3.5 U8 3 U9 2.5 → Σ NRR = 29.5
    // IKM = 29.5/9 = 3.27777… → 3.2778; score = 29.5×25/9 = 81.9444… → 81.94 → B
    assert_eq!(ikm["ikm"], 3.2778);
    assert_eq!(ikm["score"], 81.94);
    assert_eq!(ikm["grade"], "B");
    assert_eq!(ikm["category"], "Baik");
    assert_eq!(ikm["lowest"], json!(["U9"]));
    // the screen's summary: the same IKM, the profile breakdown and the suggestions
    let sum = d.ok("survey.summary", json!({}));
    assert_eq!(sum["ikm"], ikm);
    assert_eq!(sum["profile"][0]["label"], "Jenis kelamin");
    assert_eq!(
        sum["profile"][0]["rows"],
        json!([["P", 1], ["Tidak diisi", 1]])
    );
    assert_eq!(sum["suggestions"][0][2], "Ruang tunggu panas");
    // the officer's own figures: only the first response names him, and it leaves U4 blank
    let e = err(&d, "survey.ikm", json!({"staff": BUDI}));
    assert!(e.message.contains("U4 (Biaya/tarif)"), "{}", e.message);
}

#[test]
fn bad_kiosk_input_is_refused_and_writes_nothing() {
    let d = seeded();
    let fp = d.fingerprint();
    let cases = [
        (
            json!({"service": "KTP", "answers": {"U10": 3}}),
            "unknown unsur",
        ),
        (json!({"service": "KTP", "answers": {"U1": 5}}), "1-4"),
        (
            json!({"service": "KTP", "answers": {"U1": 4, "u1": 3}}),
            "twice",
        ),
        (json!({"service": "KTP", "answers": {"U1": 0}}), "1-4"),
        (
            json!({"service": "KTP", "answers": {"U1": null}}),
            "at least one",
        ),
        (json!({"service": "KTP", "answers": {}}), "at least one"),
        (
            json!({"service": "NOSUCH", "answers": all(4)}),
            "NOSUCH does not exist",
        ),
        (
            json!({"service": "KTP", "answers": all(4), "staff": "199001012015011001"}),
            "does not exist",
        ),
        (
            json!({"service": "KTP", "answers": all(4), "counter": "L9"}),
            "L9 does not exist",
        ),
        (
            json!({"service": "KTP", "answers": all(4), "date": "2026-11-01"}),
            "manual",
        ),
        (
            json!({"service": "KTP", "answers": all(4), "source": "manual", "date": "2026-11-24"}),
            "future",
        ),
        (
            json!({"service": "KTP", "answers": all(4), "source": "csv"}),
            "import",
        ),
        (
            json!({"service": "KTP", "answers": all(4), "suggestion": "x".repeat(2001)}),
            "2000",
        ),
    ];
    for (args, want) in cases {
        let e = err(&d, "survey.submit", args.clone());
        assert!(e.message.contains(want), "{args}: {}", e.message);
    }
    assert_eq!(d.fingerprint(), fp);
    // a paper form typed in later keeps its own date and no time
    let r = d.ok(
        "survey.submit",
        json!({"service": "KTP", "answers": all(4), "source": "manual", "date": "2026-11-02"}),
    );
    assert_eq!(r["date"], "2026-11-02");
    assert_eq!(r["at"], Value::Null);
    assert_eq!(r["source"], "manual");
}

const HEADER: &str = "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9";

#[test]
fn csv_import_is_all_or_nothing_with_every_bad_row_reported() {
    let d = seeded();
    let fp = d.fingerprint();
    let csv = format!(
        "{HEADER},staff,counter,suggestion\n\
         2026-11-01,KTP,4,4,4,4,4,4,4,4,4,,,\"multi\nline, with comma\"\n\
         2026-11-01,KTP,4,4,4,x,4,4,4,4,4,,,\n\
         01/11/2026,KTP,4,4,4,4,4,4,4,4,4,,,\n\
         2026-11-01,NOPE,4,4,4,4,4,4,4,4,4,,,\n\
         2026-11-01,KTP,,,,,,,,,,,,\n\
         2026-11-01,KTP,4,4,4,4,4,4,4,4,4,199001012015011001,,\n\
         2026-11-01,KTP,4,4,4,4,4,4,4,4,4,,L7,\n\
         2026-11-01,KTP,4,4,4\n\
         2026-12-01,KTP,4,4,4,4,4,4,4,4,4,,,\n\
         2026-11-01,KTP,3,3,3,3,3,3,3,3,3,,,ok\n"
    );
    let r = d.ok("survey.import", json!({"csv": csv, "file": "bad.csv"}));
    assert_eq!(r["imported"], 0);
    assert_eq!(r["rows"], 10);
    assert_eq!(r["batch"], Value::Null);
    let errs: Vec<(u64, String, String)> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["column"].as_str().unwrap().to_string(),
                e["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // the quoted field spans lines 2-3, so the next row starts on line 4
    let want: &[(u64, &str, &str)] = &[
        (4, "u4", "\"x\" is not a score 1-4"),
        (5, "date", "not a date in the form YYYY-MM-DD"),
        (6, "service", "NOPE does not exist"),
        (7, "u1", "no unsur answered"),
        (8, "staff", "199001012015011001 does not exist"),
        (9, "counter", "L7 does not exist"),
        (10, "u4", "5 fields but the header has 14"),
        (11, "date", "in the future"),
    ];
    assert_eq!(errs.len(), want.len(), "{errs:?}");
    for ((l, c, m), (wl, wc, wm)) in errs.iter().zip(want) {
        assert_eq!((l, c.as_str()), (wl, *wc), "{m}");
        assert!(m.contains(wm), "line {l}: {m}");
    }
    assert_eq!(d.fingerprint(), fp, "nothing was imported");
    assert_eq!(d.ok("survey.list", json!({})), json!([]));
}

#[test]
fn csv_header_rules() {
    let d = seeded();
    let cases: &[(&str, &str, &str)] = &[
        (
            "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,colour\n",
            "colour",
            "unknown column",
        ),
        (
            "date,service,u1,u2,u3,u4,u5,u6,u7,u8\n",
            "u9",
            "required column u9 is missing",
        ),
        (
            "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,U1\n",
            "u1",
            "appears twice",
        ),
        ("2026-11-01,KTP,4,4,4,4,4,4,4,4,4\n", "2026-11-01", "header"),
    ];
    for (head, col, want) in cases {
        let csv = format!("{head}2026-11-01,KTP,4,4,4,4,4,4,4,4,4\n");
        let r = d.ok("survey.import", json!({ "csv": csv }));
        let e = r["errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["column"] == *col)
            .unwrap_or_else(|| panic!("{head}: {r}"));
        assert_eq!(e["line"], 1);
        assert!(e["reason"].as_str().unwrap().contains(want), "{e}");
    }
    // empty file and header-only file are refused as a whole
    assert!(err(&d, "survey.import", json!({"csv": ""}))
        .message
        .contains("header row is required"));
    assert!(
        err(&d, "survey.import", json!({"csv": format!("{HEADER}\n")}))
            .message
            .contains("no responses")
    );
    // BOM, any case, any order, quoted fields; empty rows are skipped
    let csv = "\u{feff}U9,Service,DATE,u8,u7,u6,u5,u4,u3,u2,u1,Suggestion\n\
               1,ktp,2026-11-03,2,2,2,2,2,2,2,4,\"a, b\"\n\
               ,,,,,,,,,,,\n";
    let r = d.ok("survey.import", json!({ "csv": csv, "file": "x.csv" }));
    assert_eq!(r["imported"], 1, "{r}");
    let rows = d.ok("survey.list", json!({}));
    assert_eq!(rows[0]["answers"]["U1"], 4);
    assert_eq!(rows[0]["answers"]["U9"], 1);
    assert_eq!(rows[0]["date"], "2026-11-03");
    assert_eq!(rows[0]["source"], "csv");
    assert_eq!(rows[0]["suggestion"], "a, b");
    assert_eq!(rows[0]["batch"], r["batch"]);
}

#[test]
fn the_same_file_twice_is_refused_unless_allowed() {
    let d = seeded();
    let csv =
        format!("{HEADER}\n2026-11-01,KTP,4,4,4,4,4,4,4,4,4\n2026-11-02,KTP,2,2,2,2,2,2,2,2,2\n");
    let r = d.ok("survey.import", json!({"csv": csv, "file": "a.csv"}));
    assert_eq!(r["imported"], 2);
    let fp = d.fingerprint();
    let e = err(&d, "survey.import", json!({"csv": csv, "file": "b.csv"}));
    assert!(e.message.contains("already imported"), "{}", e.message);
    assert!(e.message.contains("a.csv"), "{}", e.message);
    assert_eq!(d.fingerprint(), fp);
    let r = d.ok(
        "survey.import",
        json!({"csv": csv, "file": "b.csv", "allow_duplicate": true}),
    );
    assert_eq!(r["imported"], 2);
    assert!(r["warnings"][0].as_str().unwrap().contains("count twice"));
    assert_eq!(d.ok("survey.ikm", json!({}))["respondents"], 4);
}

#[test]
fn ikm_filters_by_period_service_agency_and_officer() {
    let d = seeded();
    let csv = format!(
        "{HEADER},staff\n\
         2026-10-31,KTP,1,1,1,1,1,1,1,1,1,\n\
         2026-11-01,KTP,4,4,4,4,4,4,4,4,4,{BUDI}\n\
         2026-11-15,KTP,3,3,3,3,3,3,3,3,3,\n\
         2026-11-30,IMB,2,2,2,2,2,2,2,2,2,\n"
    );
    d.clock.set(common::T0 + 10 * 86_400_000); // 2026-12-03
    assert_eq!(d.ok("survey.import", json!({ "csv": csv }))["imported"], 4);
    let score = |f: Value| {
        let r = d.ok("survey.ikm", f);
        (
            r["respondents"].as_u64().unwrap(),
            r["score"].as_f64().unwrap(),
        )
    };
    assert_eq!(score(json!({})), (4, 62.5));
    assert_eq!(
        score(json!({"from": "2026-11-01", "to": "2026-11-30"})),
        (3, 75.0)
    );
    assert_eq!(
        score(json!({"from": "2026-11-01", "to": "2026-11-15", "service": "ktp"})),
        (2, 87.5)
    );
    assert_eq!(score(json!({"agency": "PTSP"})), (1, 50.0));
    assert_eq!(score(json!({"staff": BUDI})), (1, 100.0));
    assert_eq!(score(json!({"site": "mpp medan"})), (4, 62.5));
    let e = err(&d, "survey.ikm", json!({"from": "2026-12-01"}));
    assert!(e.message.contains("no survey responses"), "{}", e.message);
    assert!(err(&d, "survey.ikm", json!({"service": "NOPE"}))
        .message
        .contains("NOPE"));
    assert!(err(
        &d,
        "survey.ikm",
        json!({"from": "2026-11-30", "to": "2026-11-01"})
    )
    .message
    .contains("after"));
    // fewer respondents than the Krejcie–Morgan sample: a warning, not a refusal
    let r = d.ok("survey.ikm", json!({"population": 100}));
    assert_eq!(r["sample_size"], 80);
    assert!(r["warnings"][0].as_str().unwrap().contains("80"), "{r}");
    // rebuilding from the log gives the same figures
    let fp = d.fingerprint();
    d.ok("rebuild", json!({}));
    assert_eq!(d.fingerprint(), fp);
    assert_eq!(score(json!({})), (4, 62.5));
}

#[test]
fn roles_population_and_sample_size() {
    let d = seeded();
    let csv = format!("{HEADER}\n2026-11-01,KTP,4,4,4,4,4,4,4,4,4\n");
    let e = as_user(&d, "budi", "1111", "survey.import", json!({ "csv": csv })).unwrap_err();
    assert!(e.starts_with("forbidden"), "{e}");
    assert!(as_user(&d, "budi", "1111", "survey.ikm", json!({})).is_err()); // no responses yet
    assert_eq!(d.ok("survey.sample_size", json!({"population": 1000})), 278);
    d.ok(
        "survey.submit",
        json!({"service": "KTP", "answers": all(4)}),
    );
    let r = d.ok("survey.ikm", json!({}));
    assert_eq!(r["population"], Value::Null, "no queue data: no population");
    assert_eq!(r["warnings"], json!([]));
}

#[test]
fn semicolon_csv_with_windows_line_ends() {
    let d = seeded();
    let csv = "date;service;u1;u2;u3;u4;u5;u6;u7;u8;u9;suggestion\r\n\
               2026-11-01;KTP;4;4;4;4;4;4;4;4;4;\"cepat; ramah\"\r\n\r\n\
               2026-11-02;KTP;3;3;3;3;3;3;3;3;7;\r\n";
    let r = d.ok("survey.import", json!({ "csv": csv }));
    assert_eq!(r["errors"][0]["line"], 4, "{r}"); // after a blank line
    assert_eq!(r["errors"][0]["column"], "u9", "{r}");
    let csv = csv.replace(";7;", ";3;");
    let r = d.ok("survey.import", json!({ "csv": csv }));
    assert_eq!(r["imported"], 2, "{r}");
    let rows = d.ok("survey.list", json!({}));
    assert_eq!(rows[0]["suggestion"], "cepat; ramah");
    assert_eq!(d.ok("survey.ikm", json!({}))["score"], 87.5);
}

#[test]
fn a_wrong_import_is_voided_not_deleted() {
    let d = seeded();
    d.ok(
        "user.add",
        json!({"username": "sri", "role": "supervisor", "pin": "2222"}),
    );
    let csv =
        format!("{HEADER}\n2026-11-01,KTP,1,1,1,1,1,1,1,1,1\n2026-11-02,KTP,2,2,2,2,2,2,2,2,2\n");
    let r = d.ok("survey.import", json!({"csv": csv, "file": "wrong.csv"}));
    let batch = r["batch"].as_str().unwrap().to_string();
    let kiosk = d.ok(
        "survey.submit",
        json!({"service": "KTP", "answers": all(4)}),
    );
    assert_eq!(d.ok("survey.ikm", json!({}))["respondents"], 3);
    // a desk officer may not void; a supervisor may, with a reason
    let e = as_user(
        &d,
        "budi",
        "1111",
        "survey.void",
        json!({"batch": batch, "reason": "salah berkas"}),
    )
    .unwrap_err();
    assert!(e.starts_with("forbidden"), "{e}");
    assert!(
        err(&d, "survey.void", json!({"batch": batch, "reason": " "}))
            .message
            .contains("reason")
    );
    assert!(err(&d, "survey.void", json!({"reason": "x"}))
        .message
        .contains("either"));
    assert!(
        err(&d, "survey.void", json!({"batch": "nope", "reason": "x"}))
            .message
            .contains("nope")
    );
    let v = as_user(
        &d,
        "sri",
        "2222",
        "survey.void",
        json!({"batch": batch, "reason": "salah berkas"}),
    )
    .unwrap();
    assert_eq!(v["voided"], 2);
    assert!(
        err(&d, "survey.void", json!({"batch": batch, "reason": "x"}))
            .message
            .contains("already void")
    );
    let ikm = d.ok("survey.ikm", json!({}));
    assert_eq!(ikm["respondents"], 1);
    assert_eq!(ikm["score"], 100.0);
    assert_eq!(d.ok("survey.list", json!({})).as_array().unwrap().len(), 1);
    let b = d.ok("survey.batches", json!({}));
    assert_eq!(b[0]["void"], true);
    assert_eq!(b[0]["void_reason"], "salah berkas");
    assert_eq!(b[0]["file"], "wrong.csv");
    // the voided file may be imported again without --allow-duplicate
    assert_eq!(d.ok("survey.import", json!({"csv": csv}))["imported"], 2);
    // one response
    let id = kiosk["id"].as_str().unwrap();
    assert_eq!(
        d.ok("survey.void", json!({"response": id, "reason": "uji coba"}))["voided"],
        1
    );
    assert_eq!(d.ok("survey.ikm", json!({}))["respondents"], 2);
    // nothing is lost: the log still holds every response, and rebuild agrees
    let fp = d.fingerprint();
    d.ok("rebuild", json!({}));
    assert_eq!(d.fingerprint(), fp);
    assert_eq!(d.ok("survey.ikm", json!({}))["respondents"], 2);
}

#[test]
fn kiosk_settings_default_validate_and_stay_on_this_pc() {
    let d = seeded();
    let fp = d.fingerprint();
    let c = d.ok("survey.kiosk_config", json!({}));
    let fields: Vec<&str> = c["profile"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["gender", "age", "education", "occupation"]);
    assert_eq!(
        c["profile"][0]["options"],
        json!(["Laki-laki", "Perempuan"])
    );
    assert_eq!(c["suggestion"], true);
    assert_eq!(c["reset_seconds"], 60);
    assert_eq!(c["service"], Value::Null);

    // only gender and occupation, trimmed answers, a service by code in any case
    let want = json!({
        "profile": [
            {"field": "occupation", "options": [" Petani ", "Nelayan", ""]},
            {"field": "gender", "options": ["L", "P"]}
        ],
        "suggestion": false, "reset_seconds": 30, "service": "ktp"
    });
    let saved = d.ok("survey.kiosk_configure", want);
    assert_eq!(saved["profile"][0]["options"], json!(["Petani", "Nelayan"]));
    assert_eq!(saved["service"], "KTP");
    assert_eq!(d.ok("survey.kiosk_config", json!({})), saved);
    assert_eq!(d.fingerprint(), fp, "device-local: not an event");

    let base = |patch: Value| {
        let mut c = saved.clone();
        for (k, v) in patch.as_object().unwrap() {
            c[k] = v.clone();
        }
        c
    };
    for (patch, msg) in [
        (json!({"reset_seconds": 5}), "15-600 seconds"),
        (
            json!({"profile": [{"field": "religion", "options": ["x"]}]}),
            "unknown profile question",
        ),
        (
            json!({"profile": [{"field": "age", "options": ["a"]}, {"field": "age", "options": ["b"]}]}),
            "listed twice",
        ),
        (
            json!({"profile": [{"field": "age", "options": ["a", "A"]}]}),
            "listed twice",
        ),
        (
            json!({"profile": [{"field": "age", "options": [" "]}]}),
            "1-12 answers",
        ),
        (
            json!({"profile": [{"field": "age", "options": ["x".repeat(101)]}]}),
            "longer than 100",
        ),
        (json!({"service": "NOPE"}), "NOPE"),
    ] {
        let e = err(&d, "survey.kiosk_configure", base(patch.clone()));
        assert!(e.message.contains(msg), "{patch}: {}", e.message);
    }
    assert_eq!(
        d.ok("survey.kiosk_config", json!({})),
        saved,
        "refusals change nothing"
    );
    // a petugas may read the settings (the kiosk runs under the desk's session), not change them
    assert!(as_user(&d, "budi", "1111", "survey.kiosk_config", json!({})).is_ok());
    let e = as_user(&d, "budi", "1111", "survey.kiosk_configure", saved.clone()).unwrap_err();
    assert!(e.starts_with("forbidden"), "{e}");
}

#[test]
fn csv_import_from_a_path_like_the_file_picker() {
    let d = seeded();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("kertas-november.csv");
    std::fs::write(
        &good,
        format!("{HEADER}\n2026-11-01,KTP,4,4,4,,4,4,4,4,4\n"),
    )
    .unwrap();
    let r = d.ok("survey.import", json!({"path": good.to_str().unwrap()}));
    assert_eq!(r["imported"], 1);
    let batches = d.ok("survey.batches", json!({}));
    assert_eq!(
        batches[0]["file"], "kertas-november.csv",
        "the file's name is recorded"
    );

    let latin = dir.path().join("latin1.csv");
    std::fs::write(&latin, b"date,service,u1\n2026-11-01,KTP,4,\xe9\n").unwrap();
    let r = d.ok("survey.import", json!({"path": latin.to_str().unwrap()}));
    assert_eq!(r["imported"], 0);
    assert_eq!(r["errors"][0]["line"], 1);
    assert_eq!(r["errors"][0]["column"], "*");
    assert!(r["errors"][0]["reason"].as_str().unwrap().contains("UTF-8"));

    let e = err(&d, "survey.import", json!({}));
    assert!(
        e.message.contains("either the CSV text or a file path"),
        "{}",
        e.message
    );
    let e = err(
        &d,
        "survey.import",
        json!({"path": dir.path().join("missing.csv").to_str().unwrap()}),
    );
    assert_eq!(e.code, "io");
}
