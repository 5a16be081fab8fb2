//! Site time zones and the site-local day. Indonesia has three zones and no daylight saving,
//! so each is a fixed offset; every "day" in Loket is the site's local day, never the OS zone's.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum SiteZone {
    #[serde(rename = "Asia/Jakarta")]
    Wib,
    #[serde(rename = "Asia/Makassar")]
    Wita,
    #[serde(rename = "Asia/Jayapura")]
    Wit,
}

impl SiteZone {
    /// Accepts IANA names of Indonesian zones and the abbreviations WIB/WITA/WIT.
    pub fn parse(s: &str) -> Result<SiteZone> {
        match s.trim().to_ascii_lowercase().as_str() {
            "asia/jakarta" | "asia/pontianak" | "wib" | "+07:00" | "utc+7" => Ok(SiteZone::Wib),
            "asia/makassar" | "wita" | "+08:00" | "utc+8" => Ok(SiteZone::Wita),
            "asia/jayapura" | "wit" | "+09:00" | "utc+9" => Ok(SiteZone::Wit),
            _ => Err(Error::invalid(
                format!("unknown time zone {s:?}; use Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)"),
                format!("zona waktu {s:?} tidak dikenal; gunakan Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)"),
            )),
        }
    }

    pub fn iana(self) -> &'static str {
        match self {
            SiteZone::Wib => "Asia/Jakarta",
            SiteZone::Wita => "Asia/Makassar",
            SiteZone::Wit => "Asia/Jayapura",
        }
    }

    pub fn abbr(self) -> &'static str {
        match self {
            SiteZone::Wib => "WIB",
            SiteZone::Wita => "WITA",
            SiteZone::Wit => "WIT",
        }
    }

    pub fn offset(self) -> FixedOffset {
        let hours = match self {
            SiteZone::Wib => 7,
            SiteZone::Wita => 8,
            SiteZone::Wit => 9,
        };
        FixedOffset::east_opt(hours * 3600).expect("valid offset")
    }

    pub fn datetime(self, ms: i64) -> DateTime<FixedOffset> {
        self.offset()
            .timestamp_millis_opt(ms)
            .single()
            .unwrap_or_else(|| self.offset().timestamp_millis_opt(0).unwrap())
    }

    /// The site-local calendar day of an instant.
    pub fn local_date(self, ms: i64) -> NaiveDate {
        self.datetime(ms).date_naive()
    }

    /// `[start, end)` of a site-local day in epoch milliseconds.
    pub fn day_bounds(self, date: NaiveDate) -> (i64, i64) {
        let start = self.local_to_ms(date.and_hms_opt(0, 0, 0).expect("midnight"));
        (start, start + 86_400_000)
    }

    /// A site-local wall time as epoch milliseconds.
    pub fn local_to_ms(self, t: NaiveDateTime) -> i64 {
        self.offset()
            .from_local_datetime(&t)
            .single()
            .expect("fixed offsets are never ambiguous")
            .timestamp_millis()
    }

    /// ISO 8601 with the site's offset, e.g. `2026-11-23T09:15:00+07:00`.
    pub fn format_iso(self, ms: i64) -> String {
        self.datetime(ms).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            format!("{s:?} is not a date in the form YYYY-MM-DD"),
            format!("{s:?} bukan tanggal berformat YYYY-MM-DD"),
        )
    })
}

/// Parses `YYYY-MM-DDTHH:MM` (site-local wall time).
pub fn parse_local_datetime(s: &str) -> Result<NaiveDateTime> {
    let s = s.trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .map_err(|_| {
            Error::invalid(
                format!("{s:?} is not a date and time in the form YYYY-MM-DDTHH:MM"),
                format!("{s:?} bukan tanggal dan jam berformat YYYY-MM-DDTHH:MM"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_day_follows_the_site_zone_not_utc() {
        // 2026-11-22T18:30Z is already 23 Nov in WIB (01:30) and WIT (03:30).
        let ms = chrono::DateTime::parse_from_rfc3339("2026-11-22T18:30:00Z")
            .unwrap()
            .timestamp_millis();
        assert_eq!(SiteZone::Wib.local_date(ms).to_string(), "2026-11-23");
        assert_eq!(SiteZone::Wit.local_date(ms).to_string(), "2026-11-23");
        // 16:30Z is 23:30 WIB on the 22nd but 00:30 WITA on the 23rd.
        let ms = ms - 2 * 3_600_000;
        assert_eq!(SiteZone::Wib.local_date(ms).to_string(), "2026-11-22");
        assert_eq!(SiteZone::Wita.local_date(ms).to_string(), "2026-11-23");
    }

    #[test]
    fn day_bounds_cover_exactly_one_local_day() {
        let d = parse_date("2026-11-23").unwrap();
        let (a, b) = SiteZone::Wita.day_bounds(d);
        assert_eq!(SiteZone::Wita.local_date(a), d);
        assert_eq!(SiteZone::Wita.local_date(b - 1), d);
        assert_ne!(SiteZone::Wita.local_date(b), d);
        assert_eq!(SiteZone::Wita.format_iso(a), "2026-11-23T00:00:00+08:00");
    }

    #[test]
    fn zones_parse_from_names_and_abbreviations() {
        assert_eq!(SiteZone::parse("asia/jakarta").unwrap(), SiteZone::Wib);
        assert_eq!(SiteZone::parse("WITA").unwrap(), SiteZone::Wita);
        assert_eq!(SiteZone::parse("Asia/Jayapura").unwrap(), SiteZone::Wit);
        assert!(SiteZone::parse("Europe/Berlin").is_err());
    }
}
