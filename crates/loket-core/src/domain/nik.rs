//! NIK (Nomor Induk Kependudukan), 16 digits: province (2) · regency/city (2) · district (2) ·
//! birth date DDMMYY with DD + 40 for women · serial 0001–9999. No check digit. The region is
//! where the NIK was first issued; an unknown province is a warning, not a rejection.
//! NIKs are personal data (UU 27/2022): screens and exports show them masked.

use chrono::NaiveDate;

use crate::error::Msg;

const PROVINCES: &[u8] = &[
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
    71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nik {
    pub digits: String,
    pub province: u8,
    pub female: bool,
    /// Day and month of birth (the year has two digits only, so the century is unknown).
    pub birth_day: u32,
    pub birth_month: u32,
    pub birth_yy: u32,
    pub warnings: Vec<Msg>,
}

/// Validates a NIK. Wrong length, an impossible birth date or serial 0000 are errors; an
/// unknown province code is a warning.
pub fn parse_nik(input: &str) -> Result<Nik, Msg> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if s.len() != 16 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Msg::new(
            "NIK must be exactly 16 digits",
            "NIK harus tepat 16 angka",
        ));
    }
    let n = |a: usize, b: usize| -> u32 { s[a..b].parse().expect("digits") };
    let province = n(0, 2) as u8;
    let (mut dd, mm, yy) = (n(6, 8), n(8, 10), n(10, 12));
    let female = dd > 40;
    if female {
        dd -= 40;
    }
    // The century is unknown; a date valid in 2000-2099 or 1900-1999 is accepted.
    let real = NaiveDate::from_ymd_opt(2000 + yy as i32, mm, dd).is_some()
        || NaiveDate::from_ymd_opt(1900 + yy as i32, mm, dd).is_some();
    if !real {
        return Err(Msg::new(
            format!(
                "NIK digits 7-12 ({}) are not a birth date DDMMYY (women: DD + 40)",
                &s[6..12]
            ),
            format!(
                "angka ke-7 s.d. 12 NIK ({}) bukan tanggal lahir DDMMYY (perempuan: DD + 40)",
                &s[6..12]
            ),
        ));
    }
    if n(12, 16) == 0 {
        return Err(Msg::new(
            "NIK serial (last 4 digits) must be 0001-9999",
            "nomor urut NIK (4 angka terakhir) harus 0001-9999",
        ));
    }
    let mut warnings = Vec::new();
    if !PROVINCES.contains(&province) {
        warnings.push(Msg::new(
            format!("NIK province code {province:02} is not a known province; please check"),
            format!("kode provinsi NIK {province:02} tidak dikenal; mohon periksa"),
        ));
    }
    Ok(Nik {
        digits: s,
        province,
        female,
        birth_day: dd,
        birth_month: mm,
        birth_yy: yy,
        warnings,
    })
}

/// Masks a NIK for display: the first and last four digits stay, e.g. `1275••••••••0003`.
/// Anything that is not 16 characters is masked entirely but for its last two.
pub fn mask_nik(nik: &str) -> String {
    let chars: Vec<char> = nik.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() == 16 {
        let mut out: String = chars[..4].iter().collect();
        out.push_str(&"•".repeat(8));
        out.extend(&chars[12..]);
        out
    } else {
        let keep = chars.len().min(2);
        let mut out = "•".repeat(chars.len() - keep);
        out.extend(&chars[chars.len() - keep..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_male_and_female() {
        let m = parse_nik("1275011503850003").unwrap();
        assert_eq!(m.province, 12);
        assert!(!m.female);
        assert_eq!((m.birth_day, m.birth_month, m.birth_yy), (15, 3, 85));
        assert!(m.warnings.is_empty());
        let f = parse_nik("3171035508920001").unwrap();
        assert!(f.female);
        assert_eq!(f.birth_day, 15);
    }

    #[test]
    fn errors_and_warnings() {
        assert!(parse_nik("12750115038500")
            .unwrap_err()
            .en
            .contains("16 digits"));
        assert!(parse_nik("127501150385000x").is_err());
        assert!(parse_nik("1275013213850003")
            .unwrap_err()
            .en
            .contains("birth date"));
        assert!(parse_nik("1275017202850003")
            .unwrap_err()
            .en
            .contains("birth date"));
        assert!(parse_nik("1275011503850000")
            .unwrap_err()
            .en
            .contains("serial"));
        let w = parse_nik("9975011503850003").unwrap();
        assert_eq!(w.warnings.len(), 1);
        assert!(w.warnings[0].en.contains("province"));
        // 29 Feb exists in years ending 00, 04, …
        assert!(parse_nik("1275012902040003").is_ok());
        assert!(parse_nik("1275012902050003").is_err());
    }

    #[test]
    fn masking_never_shows_the_middle() {
        assert_eq!(mask_nik("1275011503850003"), "1275••••••••0003");
        assert_eq!(mask_nik("12345"), "•••45");
        assert!(!mask_nik("1275011503850003").contains("011503"));
    }
}
