//! NIP (Nomor Induk Pegawai), 18 digits.
//!
//! PNS:  birth date YYYYMMDD · TMT CPNS YYYYMM · gender (1 male, 2 female) · serial 001–999.
//! PPPK: birth date YYYYMMDD · TMT year YYYY · `2` · a digit 1–9 · gender · serial.
//! Digit 13 tells them apart: `0`/`1` (first digit of a month) for PNS, `2` for PPPK.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum Employment {
    #[serde(rename = "PNS")]
    Pns,
    #[serde(rename = "PPPK")]
    Pppk,
}

impl Employment {
    pub fn as_str(self) -> &'static str {
        match self {
            Employment::Pns => "PNS",
            Employment::Pppk => "PPPK",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nip {
    pub digits: String,
    pub employment: Employment,
    pub birth: NaiveDate,
    /// First day of the TMT month (PNS) or 1 January of the TMT year (PPPK).
    pub tmt: NaiveDate,
    pub gender: Gender,
    pub serial: u16,
    /// Accepted, but worth a look (e.g. under 18 at TMT).
    pub warnings: Vec<Msg>,
}

fn num(s: &str) -> u32 {
    s.parse().expect("checked digits")
}

/// Validates a NIP; the error names the wrong part.
pub fn parse_nip(input: &str) -> Result<Nip, Msg> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if s.len() != 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Msg::new(
            format!(
                "NIP {input:?} must be exactly 18 digits (it has {} characters)",
                s.chars().count()
            ),
            format!(
                "NIP {input:?} harus tepat 18 angka (panjangnya {} karakter)",
                s.chars().count()
            ),
        ));
    }
    let (y, m, d) = (num(&s[0..4]), num(&s[4..6]), num(&s[6..8]));
    let birth = NaiveDate::from_ymd_opt(y as i32, m, d)
        .filter(|_| y >= 1900)
        .ok_or_else(|| {
            Msg::new(
                format!(
                    "NIP {s}: digits 1-8 ({}) are not a real birth date (YYYYMMDD)",
                    &s[0..8]
                ),
                format!(
                    "NIP {s}: angka ke-1 s.d. 8 ({}) bukan tanggal lahir yang benar (YYYYMMDD)",
                    &s[0..8]
                ),
            )
        })?;
    let marker = s.as_bytes()[12];
    let (employment, tmt) = match marker {
        b'0' | b'1' => {
            let (ty, tm) = (num(&s[8..12]), num(&s[12..14]));
            if !(1..=12).contains(&tm) {
                return Err(Msg::new(
                    format!("NIP {s}: TMT month (digits 13-14) is {tm:02}; it must be 01-12"),
                    format!("NIP {s}: bulan TMT (angka ke-13 s.d. 14) adalah {tm:02}; harus 01-12"),
                ));
            }
            let tmt = NaiveDate::from_ymd_opt(ty as i32, tm, 1).ok_or_else(|| {
                Msg::new(
                    format!("NIP {s}: TMT {} is not a real month", &s[8..14]),
                    format!("NIP {s}: TMT {} bukan bulan yang benar", &s[8..14]),
                )
            })?;
            (Employment::Pns, tmt)
        }
        b'2' => {
            let ty = num(&s[8..12]);
            if s.as_bytes()[13] == b'0' {
                return Err(Msg::new(
                    format!("NIP {s}: for a PPPK NIP digit 14 must be 1-9, not 0"),
                    format!("NIP {s}: untuk NIP PPPK angka ke-14 harus 1-9, bukan 0"),
                ));
            }
            let tmt = NaiveDate::from_ymd_opt(ty as i32, 1, 1).ok_or_else(|| {
                Msg::new(
                    format!("NIP {s}: TMT year {ty} is not valid"),
                    format!("NIP {s}: tahun TMT {ty} tidak benar"),
                )
            })?;
            (Employment::Pppk, tmt)
        }
        other => {
            return Err(Msg::new(
                format!(
                    "NIP {s}: digit 13 is {}; it must be 0 or 1 (PNS TMT month) or 2 (PPPK marker)",
                    other as char
                ),
                format!(
                    "NIP {s}: angka ke-13 adalah {}; harus 0 atau 1 (bulan TMT PNS) atau 2 (penanda PPPK)",
                    other as char
                ),
            ))
        }
    };
    let gender = match s.as_bytes()[14] {
        b'1' => Gender::Male,
        b'2' => Gender::Female,
        g => {
            return Err(Msg::new(
                format!("NIP {s}: gender digit (15) is {}; it must be 1 (male) or 2 (female)", g as char),
                format!("NIP {s}: angka jenis kelamin (ke-15) adalah {}; harus 1 (laki-laki) atau 2 (perempuan)", g as char),
            ))
        }
    };
    let serial = num(&s[15..18]) as u16;
    if serial == 0 {
        return Err(Msg::new(
            format!("NIP {s}: serial number (digits 16-18) must be 001-999, not 000"),
            format!("NIP {s}: nomor urut (angka ke-16 s.d. 18) harus 001-999, bukan 000"),
        ));
    }
    let tmt_after_birth = match employment {
        Employment::Pns => (tmt.year(), tmt.month()) > (birth.year(), birth.month()),
        Employment::Pppk => tmt.year() > birth.year(),
    };
    if !tmt_after_birth {
        return Err(Msg::new(
            format!(
                "NIP {s}: TMT ({}) is not after the birth date ({birth})",
                &s[8..if employment == Employment::Pns {
                    14
                } else {
                    12
                }]
            ),
            format!(
                "NIP {s}: TMT ({}) tidak setelah tanggal lahir ({birth})",
                &s[8..if employment == Employment::Pns {
                    14
                } else {
                    12
                }]
            ),
        ));
    }
    let mut warnings = Vec::new();
    let age_at_tmt = tmt.years_since(birth).unwrap_or(0);
    if age_at_tmt < 18 {
        warnings.push(Msg::new(
            format!("NIP {s}: the officer was {age_at_tmt} at TMT (under 18); please check the NIP"),
            format!("NIP {s}: pegawai berusia {age_at_tmt} tahun saat TMT (di bawah 18); mohon periksa NIP"),
        ));
    }
    Ok(Nip {
        digits: s,
        employment,
        birth,
        tmt,
        gender,
        serial,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(nip: &str) -> String {
        parse_nip(nip).unwrap_err().en
    }

    #[test]
    fn valid_pns_and_pppk() {
        let n = parse_nip("198503152010011003").unwrap();
        assert_eq!(n.employment, Employment::Pns);
        assert_eq!(n.birth.to_string(), "1985-03-15");
        assert_eq!(n.tmt.to_string(), "2010-01-01");
        assert_eq!(n.gender, Gender::Male);
        assert_eq!(n.serial, 3);
        assert!(n.warnings.is_empty());

        let p = parse_nip("199002022022212001").unwrap();
        assert_eq!(p.employment, Employment::Pppk);
        assert_eq!(p.tmt.to_string(), "2022-01-01");
        assert_eq!(p.gender, Gender::Female);
        assert_eq!(p.serial, 1);
        // spaces as people type them are accepted
        assert!(parse_nip("19850315 201001 1 003").is_ok());
    }

    #[test]
    fn each_wrong_part_is_named() {
        let cases = [
            ("12345", "18 digits"),
            ("19850315201001100A", "18 digits"),
            ("198502302010011003", "birth date"),
            ("198513152010011003", "birth date"),
            ("198503152010131003", "TMT month"),
            ("198503152010001003", "TMT month"),
            ("198503152010511003", "digit 13"),
            ("199002022022203001", "digit 14"),
            ("198503152010013003", "gender"),
            ("198503152010011000", "serial"),
            ("198503152010011000", "001-999"),
            ("198503151980212001", "not after the birth"),
        ];
        for (nip, want) in cases {
            let e = err(nip);
            assert!(e.contains(want), "{nip}: {e:?} should mention {want:?}");
        }
        // TMT in the birth month or before it
        assert!(err("198503151985031003").contains("not after the birth date"));
        assert!(err("198503151980031003").contains("not after the birth date"));
    }

    #[test]
    fn under_18_at_tmt_is_a_warning_not_an_error() {
        let n = parse_nip("200501012020011001").unwrap();
        assert_eq!(n.warnings.len(), 1);
        assert!(n.warnings[0].en.contains("under 18"));
        let n = parse_nip("200501012023011001").unwrap();
        assert!(n.warnings.is_empty(), "18 at TMT is fine");
    }
}
