//! Pure queue rules: statuses and the steps allowed from each, priority groups, ordering
//! policies and the choice of the next ticket. No database here; `queue/mod.rs` feeds them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The priority groups a kiosk offers (elderly, disabled, pregnant, with an infant).
pub const PRIORITY_GROUPS: &[&str] = &["lansia", "disabilitas", "hamil", "balita"];

/// Parses a priority group (case-insensitive); an empty value means none.
pub fn parse_priority(raw: Option<&str>) -> Result<Option<String>> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let p = raw.to_lowercase();
    if PRIORITY_GROUPS.contains(&p.as_str()) {
        Ok(Some(p))
    } else {
        Err(Error::invalid(
            format!("unknown priority group {raw:?}; use lansia, disabilitas, hamil or balita"),
            format!(
                "kelompok prioritas {raw:?} tidak dikenal; gunakan lansia, disabilitas, hamil atau balita"
            ),
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "TicketStatus")]
pub enum Status {
    Issued,
    Called,
    Serving,
    Done,
    NoShow,
    Cancelled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Issued => "issued",
            Status::Called => "called",
            Status::Serving => "serving",
            Status::Done => "done",
            Status::NoShow => "no_show",
            Status::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Result<Status> {
        Ok(match s.trim().to_lowercase().replace('-', "_").as_str() {
            "issued" | "waiting" => Status::Issued,
            "called" => Status::Called,
            "serving" => Status::Serving,
            "done" => Status::Done,
            "no_show" => Status::NoShow,
            "cancelled" | "canceled" => Status::Cancelled,
            _ => {
                return Err(Error::invalid(
                    format!("unknown ticket status {s:?}; use issued, called, serving, done, no_show or cancelled"),
                    format!("status tiket {s:?} tidak dikenal; gunakan issued, called, serving, done, no_show atau cancelled"),
                ))
            }
        })
    }
    fn id(self) -> &'static str {
        match self {
            Status::Issued => "menunggu",
            Status::Called => "sudah dipanggil",
            Status::Serving => "sedang dilayani",
            Status::Done => "sudah selesai",
            Status::NoShow => "tidak hadir",
            Status::Cancelled => "dibatalkan",
        }
    }
    pub fn is_final(self) -> bool {
        matches!(self, Status::Done | Status::NoShow | Status::Cancelled)
    }
}

/// A step of the ticket lifecycle. Each is recorded as a `ticket_step` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "TicketStepKind")]
pub enum Step {
    Issue,
    Call,
    Recall,
    Start,
    Finish,
    NoShow,
    Cancel,
    Transfer,
    Postpone,
    Print,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Issue => "issue",
            Step::Call => "call",
            Step::Recall => "recall",
            Step::Start => "start",
            Step::Finish => "finish",
            Step::NoShow => "no_show",
            Step::Cancel => "cancel",
            Step::Transfer => "transfer",
            Step::Postpone => "postpone",
            Step::Print => "print",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Step::Issue => "issue",
            Step::Call => "call",
            Step::Recall => "recall",
            Step::Start => "start serving",
            Step::Finish => "finish",
            Step::NoShow => "mark as no-show",
            Step::Cancel => "cancel",
            Step::Transfer => "transfer",
            Step::Postpone => "postpone",
            Step::Print => "print",
        }
    }
    fn id(self) -> &'static str {
        match self {
            Step::Issue => "mengambil",
            Step::Call => "memanggil",
            Step::Recall => "memanggil ulang",
            Step::Start => "mulai melayani",
            Step::Finish => "menyelesaikan",
            Step::NoShow => "menandai tidak hadir",
            Step::Cancel => "membatalkan",
            Step::Transfer => "mengalihkan",
            Step::Postpone => "menunda",
            Step::Print => "mencetak",
        }
    }
}

/// The status after `step` from `from`, or a clear refusal naming the ticket.
///
/// | step | allowed from | to |
/// | --- | --- | --- |
/// | call | issued | called |
/// | recall | called | called |
/// | start | called | serving |
/// | finish | serving | done |
/// | no-show | called | no_show |
/// | cancel | issued, called, serving | cancelled |
/// | transfer | issued, called, serving | issued (in the new service's line) |
/// | postpone | issued, called | issued (after K others) |
/// | print | any | unchanged |
pub fn next_status(number: &str, from: Status, step: Step) -> Result<Status> {
    use Status::*;
    let to = match (step, from) {
        (Step::Print, s) => Some(s),
        (Step::Call, Issued) => Some(Called),
        (Step::Recall, Called) => Some(Called),
        (Step::Start, Called) => Some(Serving),
        (Step::Finish, Serving) => Some(Done),
        (Step::NoShow, Called) => Some(NoShow),
        (Step::Cancel, Issued | Called | Serving) => Some(Cancelled),
        (Step::Transfer, Issued | Called | Serving) => Some(Issued),
        (Step::Postpone, Issued | Called) => Some(Issued),
        _ => None,
    };
    if let Some(to) = to {
        return Ok(to);
    }
    // the common mistakes get their own words
    Err(match (step, from) {
        (Step::Finish, Issued | Called) => Error::invalid(
            format!("ticket {number} was never started ({}); start serving it before finishing", from.as_str()),
            format!("tiket {number} belum mulai dilayani ({}); mulai layani dahulu sebelum menyelesaikan", from.id()),
        ),
        (_, Done) => Error::invalid(
            format!("ticket {number} is already finished; cannot {}", step.en()),
            format!("tiket {number} sudah selesai; tidak dapat {}", step.id()),
        ),
        (Step::Start, Issued) | (Step::Recall, Issued) | (Step::NoShow, Issued) => Error::invalid(
            format!("ticket {number} has not been called yet; call it first"),
            format!("tiket {number} belum dipanggil; panggil dahulu"),
        ),
        (Step::Start, Serving) => Error::invalid(
            format!("ticket {number} is already being served"),
            format!("tiket {number} sudah sedang dilayani"),
        ),
        _ => Error::invalid(
            format!("ticket {number} is {}; cannot {} it", from.as_str(), step.en()),
            format!("tiket {number} {}; tidak dapat {}", from.id(), step.id()),
        ),
    })
}

/// The ordering policy of a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// By place in line (issue time).
    Fifo,
    /// Any waiting priority ticket first.
    Strict,
    /// After N normal calls since the last priority call, a waiting priority ticket is next.
    Ratio(u32),
}

impl Policy {
    pub fn parse(raw: &str) -> Result<Policy> {
        let s = raw.trim().to_lowercase();
        let bad = || {
            Error::invalid(
                format!("unknown queue policy {raw:?}; use fifo, strict or ratio:N with N at least 1 (e.g. ratio:3)"),
                format!("kebijakan antrean {raw:?} tidak dikenal; gunakan fifo, strict atau ratio:N dengan N paling sedikit 1 (mis. ratio:3)"),
            )
        };
        match s.as_str() {
            "fifo" => Ok(Policy::Fifo),
            "strict" => Ok(Policy::Strict),
            _ => {
                let n = s.strip_prefix("ratio:").ok_or_else(bad)?;
                let n: u32 = n.trim().parse().map_err(|_| bad())?;
                if !(1..=1000).contains(&n) {
                    return Err(Error::invalid(
                        format!("ratio:{n}: N must be 1-1000 normal calls per priority call"),
                        format!("ratio:{n}: N harus 1-1000 panggilan biasa per satu panggilan prioritas"),
                    ));
                }
                Ok(Policy::Ratio(n))
            }
        }
    }
    /// Unknown stored values fall back to FIFO (never refuse to call).
    pub fn parse_or_fifo(raw: Option<&str>) -> Policy {
        raw.and_then(|r| Policy::parse(r).ok())
            .unwrap_or(Policy::Fifo)
    }
    pub fn as_string(self) -> String {
        match self {
            Policy::Fifo => "fifo".into(),
            Policy::Strict => "strict".into(),
            Policy::Ratio(n) => format!("ratio:{n}"),
        }
    }
}

/// A waiting ticket as the policy sees it: its place in line and whether it has priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cand {
    pub key: i64,
    pub priority: bool,
}

/// The service's choice: index into `line` (sorted by key) and whether the policy let a
/// priority ticket go ahead of an earlier one.
pub fn pick(policy: Policy, line: &[Cand], normals_since_priority: u32) -> Option<(usize, bool)> {
    let first = line.first()?;
    let first_prio = line.iter().position(|c| c.priority);
    let jump = match (policy, first_prio) {
        (_, None) => None,
        (Policy::Fifo, _) => None,
        (Policy::Strict, Some(p)) => Some(p),
        (Policy::Ratio(n), Some(p)) => (normals_since_priority >= n).then_some(p),
    };
    Some(match jump {
        Some(p) => (p, p != 0 || !first.priority),
        None => (0, false),
    })
}

/// The order a line will be called in, simulated with [`pick`] (for the desk's waiting list).
pub fn call_order(policy: Policy, line: &[Cand], mut normals_since_priority: u32) -> Vec<usize> {
    let mut rest: Vec<(usize, Cand)> = line.iter().copied().enumerate().collect();
    let mut out = Vec::with_capacity(line.len());
    while !rest.is_empty() {
        let cands: Vec<Cand> = rest.iter().map(|(_, c)| *c).collect();
        let (i, _) = pick(policy, &cands, normals_since_priority).expect("non-empty");
        let (orig, c) = rest.remove(i);
        if c.priority {
            normals_since_priority = 0;
        } else {
            normals_since_priority += 1;
        }
        out.push(orig);
    }
    out
}

/// Formats a ticket number: prefix, dash, at least three digits (`A-001`, `A-1000`).
pub fn format_number(prefix: &str, seq: i64) -> String {
    format!("{prefix}-{seq:03}")
}

/// Reads a ticket number as people type it: `A-001`, `a-1`, `A001`, `a 7`.
pub fn parse_number(raw: &str) -> Option<(String, i64)> {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let letters: String = s.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &s[letters.len()..];
    if letters.is_empty() || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seq: i64 = digits.parse().ok().filter(|n| *n > 0)?;
    Some((letters.to_uppercase(), seq))
}

/// Where a postponed ticket goes: after the `after`-th other waiting ticket of its line.
/// `keys` are the other waiting tickets' keys in line order; `fresh` is the key a newly
/// issued ticket would get now (the end of the line).
pub fn postpone_key(keys: &[i64], after: usize, fresh: i64) -> i64 {
    if keys.is_empty() {
        return fresh;
    }
    if after == 0 {
        return keys[0] - KEY_STEP;
    }
    if after >= keys.len() {
        return fresh.max(keys[keys.len() - 1] + KEY_STEP);
    }
    let (a, b) = (keys[after - 1], keys[after]);
    if b - a >= 2 {
        a + (b - a) / 2
    } else {
        // no room between two keys (after ~20 postpones into the same gap): tie with the
        // next ticket, broken by issue order
        b
    }
}

/// Order keys are milliseconds × 10⁶: room for about 20 postpones into any one gap.
pub const KEY_STEP: i64 = 1_000_000;

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn lifecycle_table() {
        let ok: &[(Status, Step, Status)] = &[
            (Issued, Step::Call, Called),
            (Called, Step::Recall, Called),
            (Called, Step::Start, Serving),
            (Serving, Step::Finish, Done),
            (Called, Step::NoShow, NoShow),
            (Issued, Step::Cancel, Cancelled),
            (Called, Step::Cancel, Cancelled),
            (Serving, Step::Cancel, Cancelled),
            (Issued, Step::Transfer, Issued),
            (Called, Step::Transfer, Issued),
            (Serving, Step::Transfer, Issued),
            (Issued, Step::Postpone, Issued),
            (Called, Step::Postpone, Issued),
            (Done, Step::Print, Done),
        ];
        for (from, step, to) in ok {
            assert_eq!(
                next_status("A-001", *from, *step).unwrap(),
                *to,
                "{from:?} {step:?}"
            );
        }
        let bad: &[(Status, Step, &str)] = &[
            (Called, Step::Finish, "never started"),
            (Issued, Step::Finish, "never started"),
            (Done, Step::Finish, "already finished"),
            (Done, Step::Call, "already finished"),
            (Issued, Step::Start, "not been called"),
            (Issued, Step::Recall, "not been called"),
            (Issued, Step::NoShow, "not been called"),
            (Serving, Step::Start, "already being served"),
            (Serving, Step::Call, "is serving"),
            (Serving, Step::NoShow, "is serving"),
            (Serving, Step::Postpone, "is serving"),
            (NoShow, Step::Start, "is no_show"),
            (Cancelled, Step::Call, "is cancelled"),
            (Cancelled, Step::Transfer, "is cancelled"),
            (NoShow, Step::Recall, "is no_show"),
        ];
        for (from, step, want) in bad {
            let e = next_status("A-007", *from, *step).unwrap_err().to_string();
            assert!(
                e.contains(want) && e.contains("A-007"),
                "{from:?} {step:?}: {e}"
            );
        }
    }

    #[test]
    fn policies_parse_and_refuse() {
        assert_eq!(Policy::parse("FIFO").unwrap(), Policy::Fifo);
        assert_eq!(Policy::parse("strict").unwrap(), Policy::Strict);
        assert_eq!(Policy::parse("ratio:3").unwrap(), Policy::Ratio(3));
        assert_eq!(Policy::Ratio(3).as_string(), "ratio:3");
        for bad in ["ratio:0", "ratio:", "ratio:x", "ratio:-1", "lifo", ""] {
            assert!(Policy::parse(bad).is_err(), "{bad}");
        }
        assert!(Policy::parse("ratio:0")
            .unwrap_err()
            .to_string()
            .contains("N must be"));
    }

    fn line(spec: &str) -> Vec<Cand> {
        // "NNPN": N normal, P priority, in line order
        spec.chars()
            .enumerate()
            .map(|(i, c)| Cand {
                key: i as i64,
                priority: c == 'P',
            })
            .collect()
    }

    #[test]
    fn pick_follows_each_policy() {
        type Case = (Policy, &'static str, u32, Option<(usize, bool)>);
        let cases: &[Case] = &[
            (Policy::Fifo, "", 0, None),
            (Policy::Fifo, "NNP", 9, Some((0, false))),
            (Policy::Fifo, "PNN", 0, Some((0, false))),
            (Policy::Strict, "NNP", 0, Some((2, true))),
            (Policy::Strict, "PNN", 0, Some((0, false))),
            (Policy::Strict, "NNN", 0, Some((0, false))),
            (Policy::Ratio(2), "NNP", 0, Some((0, false))),
            (Policy::Ratio(2), "NNP", 1, Some((0, false))),
            (Policy::Ratio(2), "NNP", 2, Some((2, true))),
            (Policy::Ratio(2), "NNP", 5, Some((2, true))),
            // only one kind waiting: call it
            (Policy::Ratio(2), "PPP", 0, Some((0, false))),
            (Policy::Ratio(2), "NNN", 7, Some((0, false))),
            // a priority ticket is never worse off than in FIFO
            (Policy::Ratio(3), "PNN", 0, Some((0, false))),
        ];
        for (p, spec, n, want) in cases {
            assert_eq!(pick(*p, &line(spec), *n), *want, "{p:?} {spec} {n}");
        }
    }

    #[test]
    fn call_orders_over_a_whole_line() {
        let order = |p, spec: &str, n| -> String {
            let l = line(spec);
            call_order(p, &l, n)
                .into_iter()
                .map(|i| format!("{}{i}", if l[i].priority { 'P' } else { 'N' }))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(order(Policy::Fifo, "NNPNP", 0), "N0 N1 P2 N3 P4");
        assert_eq!(order(Policy::Strict, "NNPNP", 0), "P2 P4 N0 N1 N3");
        assert_eq!(
            order(Policy::Ratio(2), "NNNNNPPP", 0),
            "N0 N1 P5 N2 N3 P6 N4 P7"
        );
        assert_eq!(order(Policy::Ratio(1), "NNNPP", 0), "N0 P3 N1 P4 N2");
        // the count carries over from earlier calls of the day
        assert_eq!(order(Policy::Ratio(2), "NNP", 2), "P2 N0 N1");
    }

    #[test]
    fn numbers_format_and_parse() {
        assert_eq!(format_number("A", 1), "A-001");
        assert_eq!(format_number("B", 42), "B-042");
        assert_eq!(format_number("A", 999), "A-999");
        assert_eq!(format_number("A", 1000), "A-1000");
        for (raw, want) in [
            ("A-001", Some(("A", 1))),
            ("a-1", Some(("A", 1))),
            ("A001", Some(("A", 1))),
            (" b 12 ", Some(("B", 12))),
            ("A-1000", Some(("A", 1000))),
            ("A-000", None),
            ("001", None),
            ("A-", None),
            ("A-1x", None),
        ] {
            assert_eq!(
                parse_number(raw),
                want.map(|(p, n)| (p.to_string(), n)),
                "{raw}"
            );
        }
    }

    #[test]
    fn postpone_keys_land_after_k_others() {
        let s = KEY_STEP;
        let keys = [10 * s, 20 * s, 30 * s];
        assert_eq!(postpone_key(&keys, 1, 99 * s), 15 * s);
        assert_eq!(postpone_key(&keys, 2, 99 * s), 25 * s);
        assert_eq!(postpone_key(&keys, 3, 99 * s), 99 * s);
        assert_eq!(postpone_key(&keys, 9, 99 * s), 99 * s);
        assert_eq!(postpone_key(&keys, 0, 99 * s), 9 * s);
        assert_eq!(postpone_key(&[], 3, 99 * s), 99 * s);
        assert!(parse_priority(Some("Lansia")).unwrap().as_deref() == Some("lansia"));
        assert!(parse_priority(Some("vip")).is_err());
        assert_eq!(parse_priority(Some(" ")).unwrap(), None);
    }
}
