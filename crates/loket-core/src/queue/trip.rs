//! Layanan Keliling: the current trip of a field laptop. A trip is the device's site (the setup
//! wizard's "site" of a field laptop, e.g. "Keliling Kec. Sunggal") with a place and its dates:
//! `trip.set` writes `kind = "trip"`, `place`, `start_date` and `end_date` on that site, so every
//! ticket (its `site`), step and figure of the device carries the trip, and they travel with
//! the site through sync.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::accounts::Empty;
use crate::api::{Command, Ctx, Perm};
use crate::error::{Error, Result};
use crate::master::text;
use crate::system::{this_site, DeviceKind};
use crate::time::parse_date;

/// A field laptop's current trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Trip {
    /// The site id every record of the trip carries.
    pub site_id: String,
    /// The site's name (the trip's name).
    pub site: String,
    /// Where the officers serve (village, district office, event).
    pub place: String,
    /// First day, `YYYY-MM-DD`.
    pub start_date: String,
    /// Last day, inclusive, `YYYY-MM-DD`.
    pub end_date: String,
}

/// The trip of this device's site, if one was set.
pub fn current_trip(conn: &rusqlite::Connection) -> Result<Option<Trip>> {
    let site = this_site(conn)?;
    let (place, start, end): (Option<String>, Option<String>, Option<String>) = conn.query_row(
        "SELECT place, start_date, end_date FROM p_site WHERE id = ?1",
        params![site.id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(match (place, start, end) {
        (Some(place), Some(start_date), Some(end_date)) => Some(Trip {
            site_id: site.id,
            site: site.name,
            place,
            start_date,
            end_date,
        }),
        _ => None,
    })
}

/// `trip.get`: this device's current trip, or null.
pub struct TripGet;
impl Command for TripGet {
    const NAME: &'static str = "trip.get";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = Option<Trip>;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<Option<Trip>> {
        current_trip(ctx.conn)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TripSetInput {
    /// Where the officers serve, e.g. "Kantor Camat Sunggal".
    pub place: String,
    /// First day `YYYY-MM-DD`.
    pub start_date: String,
    /// Last day `YYYY-MM-DD` (inclusive; at most 90 days after the first).
    pub end_date: String,
}

/// Checks a trip's dates: both valid, the end not before the start, at most 90 days.
pub fn trip_dates(start: &str, end: &str) -> Result<(NaiveDate, NaiveDate)> {
    let s = parse_date(start.trim())?;
    let e = parse_date(end.trim())?;
    if e < s {
        return Err(Error::invalid(
            format!("the trip ends ({e}) before it starts ({s})"),
            format!("tanggal selesai perjalanan ({e}) sebelum tanggal mulai ({s})"),
        ));
    }
    if (e - s).num_days() > 90 {
        return Err(Error::invalid(
            "a trip lasts at most 90 days",
            "perjalanan layanan keliling paling lama 90 hari",
        ));
    }
    Ok((s, e))
}

/// `trip.set`: sets the place and dates of this field laptop's trip (its site).
pub struct TripSet;
impl Command for TripSet {
    const NAME: &'static str = "trip.set";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = TripSetInput;
    type Output = Trip;
    fn run(ctx: &mut Ctx<'_>, i: TripSetInput) -> Result<Trip> {
        let kind = crate::system::status(ctx.conn)?.device_kind;
        if kind != Some(DeviceKind::Field) {
            return Err(Error::invalid(
                "a trip can only be set on a Layanan Keliling laptop (device kind field)",
                "perjalanan hanya dapat diatur pada laptop Layanan Keliling (jenis perangkat field)",
            ));
        }
        let place = text("place", "tempat", &i.place)?;
        let (s, e) = trip_dates(&i.start_date, &i.end_date)?;
        let site = this_site(ctx.conn)?;
        ctx.write(
            "site",
            &site.id,
            vec![
                ("kind", json!("trip")),
                ("place", json!(place)),
                ("start_date", json!(s.to_string())),
                ("end_date", json!(e.to_string())),
            ],
        )?;
        current_trip(ctx.conn)?.ok_or_else(|| Error::Corrupt("the trip was not recorded".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(trip_dates("2026-11-23", "2026-11-23").is_ok());
        assert!(trip_dates("2026-11-23", "2026-11-25").is_ok());
        assert!(trip_dates("2026-11-25", "2026-11-23").is_err());
        assert!(trip_dates("2026-11-23", "2027-03-01").is_err());
        assert!(trip_dates("23-11-2026", "2026-11-25").is_err());
    }
}
