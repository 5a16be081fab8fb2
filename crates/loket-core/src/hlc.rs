//! Hybrid logical clock: 48-bit milliseconds and a 16-bit counter packed into a `u64`, with the
//! device id as the final tie-break. The wall time is always passed in (never read here).

use serde::{Deserialize, Serialize};

/// How far an observed remote clock may pull the local clock ahead of the wall clock.
pub const MAX_DRIFT_MS: u64 = 24 * 3_600_000;

const COUNTER_BITS: u32 = 16;
const COUNTER_MASK: u64 = (1 << COUNTER_BITS) - 1;
const MS_MASK: u64 = (1 << 48) - 1;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Hlc(pub u64);

impl Hlc {
    pub fn new(ms: u64, counter: u16) -> Hlc {
        Hlc(((ms & MS_MASK) << COUNTER_BITS) | counter as u64)
    }
    pub fn ms(self) -> u64 {
        self.0 >> COUNTER_BITS
    }
    pub fn counter(self) -> u16 {
        (self.0 & COUNTER_MASK) as u16
    }

    /// The clock value for a new local event, given the last one issued and the wall time.
    /// Monotonic even when the wall clock goes backwards.
    pub fn tick(self, wall_ms: i64) -> Hlc {
        let wall = wall_ms.max(0) as u64 & MS_MASK;
        if wall > self.ms() {
            Hlc::new(wall, 0)
        } else {
            self.successor()
        }
    }

    fn successor(self) -> Hlc {
        if self.counter() == u16::MAX {
            Hlc::new(self.ms() + 1, 0)
        } else {
            Hlc(self.0 + 1)
        }
    }

    /// Merges a clock seen on an imported event. The local clock never moves more than
    /// [`MAX_DRIFT_MS`] ahead of the wall clock; the returned flag says the remote value was
    /// beyond that bound (the event is kept, and flagged `clock_suspect`).
    pub fn observe(self, remote: Hlc, wall_ms: i64) -> (Hlc, bool) {
        let wall = wall_ms.max(0) as u64;
        let limit = Hlc::new(wall + MAX_DRIFT_MS, 0);
        let suspect = remote > limit;
        let candidate = if suspect { limit } else { remote };
        (self.max(candidate), suspect)
    }
}

impl std::fmt::Display for Hlc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{:05}", self.ms(), self.counter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_48_bit_ms_and_16_bit_counter() {
        let h = Hlc::new(1_700_000_000_123, 42);
        assert_eq!(h.ms(), 1_700_000_000_123);
        assert_eq!(h.counter(), 42);
        assert!(Hlc::new(5, 0) > Hlc::new(4, u16::MAX));
    }

    #[test]
    fn tick_follows_wall_clock_and_never_goes_back() {
        let a = Hlc::default().tick(1000);
        assert_eq!(a, Hlc::new(1000, 0));
        let b = a.tick(1000);
        assert_eq!(b, Hlc::new(1000, 1));
        // wall clock jumps back an hour: still monotonic
        let c = b.tick(1000 - 3_600_000);
        assert!(c > b);
        assert_eq!(c, Hlc::new(1000, 2));
        let d = c.tick(2000);
        assert_eq!(d, Hlc::new(2000, 0));
    }

    #[test]
    fn counter_overflow_carries_into_ms() {
        let h = Hlc::new(7, u16::MAX);
        assert_eq!(h.tick(0), Hlc::new(8, 0));
    }

    #[test]
    fn observe_bounds_far_future_clocks() {
        let wall = 1_000_000_000;
        let local = Hlc::new(wall as u64, 0);
        let (h, suspect) = local.observe(Hlc::new(wall as u64 + 3_600_000, 3), wall);
        assert!(!suspect);
        assert_eq!(h, Hlc::new(wall as u64 + 3_600_000, 3));
        let two_years = 2 * 365 * 86_400_000u64;
        let (h, suspect) = local.observe(Hlc::new(wall as u64 + two_years, 0), wall);
        assert!(suspect);
        assert_eq!(h.ms(), wall as u64 + MAX_DRIFT_MS);
        // a remote clock in the past never moves the local clock back
        let (h, suspect) = local.observe(Hlc::new(5, 0), wall);
        assert!(!suspect);
        assert_eq!(h, local);
    }
}
