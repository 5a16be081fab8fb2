//! Working-day arithmetic for complaint SLAs. A working day is Monday–Friday and not an
//! active holiday (national holiday or cuti bersama) of the holiday calendar.
//!
//! - The day of receipt is day 0; a due date N working days out is the Nth working day after
//!   it ([`Calendar::add_workdays`]). Received on a Friday with N = 1: the Monday, unless the
//!   Monday is a holiday. N = 0: the day of receipt itself.
//! - A period from day `a` to day `b` spans the working days after `a` up to and including `b`
//!   ([`Calendar::workdays_between`]). This is how pauses ("waiting for citizen") and
//!   resolution times are counted.

use std::collections::HashSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The holiday calendar: the dates that are not working days besides Saturdays and Sundays.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    holidays: HashSet<NaiveDate>,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        Calendar {
            holidays: holidays.into_iter().collect(),
        }
    }

    pub fn is_workday(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&d)
    }

    /// The `n`th working day after `d` (`d` itself for `n = 0`).
    pub fn add_workdays(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day = day + Days::new(1);
            if self.is_workday(day) {
                left -= 1;
            }
        }
        day
    }

    /// The number of working days after `a` up to and including `b` (0 when `b <= a`).
    pub fn workdays_between(&self, a: NaiveDate, b: NaiveDate) -> u32 {
        let mut n = 0;
        let mut day = a;
        while day < b {
            day = day + Days::new(1);
            if self.is_workday(day) {
                n += 1;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cal(hs: &[&str]) -> Calendar {
        Calendar::new(hs.iter().map(|h| d(h)))
    }

    #[test]
    fn add_workdays_table() {
        // (holidays, received day, N, due)
        let cases: &[(&[&str], &str, u32, &str)] = &[
            // plain week: Monday 2026-11-23
            (&[], "2026-11-23", 0, "2026-11-23"),
            (&[], "2026-11-23", 1, "2026-11-24"),
            (&[], "2026-11-23", 4, "2026-11-27"),
            (&[], "2026-11-23", 5, "2026-11-30"),
            // Friday + 1 → Monday; + 1 with Monday a holiday → Tuesday
            (&[], "2026-11-27", 1, "2026-11-30"),
            (&["2026-11-30"], "2026-11-27", 1, "2026-12-01"),
            // received on a weekend: day 0 is that day, day 1 the Monday
            (&[], "2026-11-28", 1, "2026-11-30"),
            (&[], "2026-11-29", 1, "2026-11-30"),
            (&[], "2026-11-28", 0, "2026-11-28"),
            // a holiday in the middle of the week is skipped
            (&["2026-11-25"], "2026-11-23", 3, "2026-11-27"),
            // a holiday on a weekend changes nothing
            (&["2026-11-28"], "2026-11-27", 1, "2026-11-30"),
            // year end: Christmas 2026 (Fri 25) + cuti bersama (Thu 24), New Year (Fri 1 Jan)
            (
                &["2026-12-24", "2026-12-25", "2027-01-01"],
                "2026-12-23",
                1,
                "2026-12-28",
            ),
            (
                &["2026-12-24", "2026-12-25", "2027-01-01"],
                "2026-12-23",
                5,
                "2027-01-04",
            ),
            (&["2027-01-01"], "2026-12-31", 1, "2027-01-04"),
            (&[], "2026-12-31", 1, "2027-01-01"),
            // Idul Fitri 2026: cuti bersama 20, 23, 24 Mar; Nyepi 19 Mar, cuti bersama 18 Mar
            (
                &[
                    "2026-03-18",
                    "2026-03-19",
                    "2026-03-20",
                    "2026-03-23",
                    "2026-03-24",
                ],
                "2026-03-17",
                1,
                "2026-03-25",
            ),
            (
                &[
                    "2026-03-18",
                    "2026-03-19",
                    "2026-03-20",
                    "2026-03-23",
                    "2026-03-24",
                ],
                "2026-03-16",
                10,
                "2026-04-06",
            ),
            // leap year end of February
            (&[], "2028-02-28", 1, "2028-02-29"),
        ];
        for (hs, from, n, want) in cases {
            assert_eq!(
                cal(hs).add_workdays(d(from), *n),
                d(want),
                "holidays {hs:?}: {from} + {n}"
            );
        }
    }

    #[test]
    fn workdays_between_table() {
        // (holidays, a, b, working days in (a, b])
        let cases: &[(&[&str], &str, &str, u32)] = &[
            (&[], "2026-11-23", "2026-11-23", 0),
            (&[], "2026-11-23", "2026-11-24", 1),
            (&[], "2026-11-24", "2026-11-23", 0),
            // Friday → Monday: Sat and Sun do not count, Monday does
            (&[], "2026-11-27", "2026-11-30", 1),
            (&[], "2026-11-27", "2026-11-29", 0),
            (&["2026-11-30"], "2026-11-27", "2026-11-30", 0),
            (&[], "2026-11-23", "2026-12-07", 10),
            (&["2026-12-01", "2026-12-02"], "2026-11-23", "2026-12-07", 8),
            // over the year end
            (
                &["2026-12-25", "2027-01-01"],
                "2026-12-21",
                "2027-01-08",
                12,
            ),
            (&[], "2026-12-31", "2027-01-01", 1),
            // from a weekend day
            (&[], "2026-11-28", "2026-12-01", 2),
        ];
        for (hs, a, b, want) in cases {
            assert_eq!(
                cal(hs).workdays_between(d(a), d(b)),
                *want,
                "holidays {hs:?}: ({a}, {b}]"
            );
        }
    }

    #[test]
    fn adding_then_counting_round_trips() {
        let c = cal(&["2026-12-24", "2026-12-25", "2027-01-01", "2026-11-30"]);
        let mut day = d("2026-11-20");
        while day < d("2027-01-15") {
            for n in 0..25 {
                let due = c.add_workdays(day, n);
                assert_eq!(c.workdays_between(day, due), n, "{day} + {n} = {due}");
                if n > 0 {
                    assert!(c.is_workday(due), "{day} + {n} = {due} is a working day");
                }
                // adding in two steps is adding once (pauses extend the due date this way)
                assert_eq!(
                    c.add_workdays(c.add_workdays(day, n), 3),
                    c.add_workdays(day, n + 3)
                );
            }
            day = day + Days::new(1);
        }
    }
}
