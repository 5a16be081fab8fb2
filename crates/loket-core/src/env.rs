//! Injected time and randomness. Domain logic never calls `now()` or a random generator
//! directly: it asks the [`Env`] it was given, so tests and `loket demo` are deterministic.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

/// A source of wall-clock time in milliseconds since the Unix epoch.
pub trait Clock: Send + Sync {
    fn now_ms(&self) -> i64;
}

/// The operating system's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        chrono::Utc::now().timestamp_millis()
    }
}

/// A clock that only moves when told to; for tests and replays.
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new(ms: i64) -> Self {
        ManualClock(AtomicI64::new(ms))
    }
    pub fn set(&self, ms: i64) {
        self.0.store(ms, Ordering::SeqCst)
    }
    pub fn advance(&self, ms: i64) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// A source of random bytes (keys, salts, ids).
pub trait Entropy: Send + Sync {
    fn fill(&self, buf: &mut [u8]);
}

/// The operating system's random generator.
pub struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&self, buf: &mut [u8]) {
        getrandom::getrandom(buf).expect("the operating system's random generator failed");
    }
}

/// A deterministic generator (SplitMix64) for tests and reproducible demo data.
pub struct SeededEntropy(Mutex<u64>);

impl SeededEntropy {
    pub fn new(seed: u64) -> Self {
        SeededEntropy(Mutex::new(seed))
    }
    pub fn next_u64(&self) -> u64 {
        let mut s = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Entropy for SeededEntropy {
    fn fill(&self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let v = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}

/// Everything from the outside world that the core may use.
#[derive(Clone)]
pub struct Env {
    pub clock: Arc<dyn Clock>,
    pub entropy: Arc<dyn Entropy>,
}

impl Env {
    /// The real clock and the operating system's randomness.
    pub fn system() -> Self {
        Env {
            clock: Arc::new(SystemClock),
            entropy: Arc::new(OsEntropy),
        }
    }

    /// A fixed clock at `ms` and seeded randomness.
    pub fn fixed(ms: i64, seed: u64) -> (Self, Arc<ManualClock>) {
        let clock = Arc::new(ManualClock::new(ms));
        (
            Env {
                clock: clock.clone(),
                entropy: Arc::new(SeededEntropy::new(seed)),
            },
            clock,
        )
    }

    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    pub fn random_bytes<const N: usize>(&self) -> [u8; N] {
        let mut b = [0u8; N];
        self.entropy.fill(&mut b);
        b
    }

    /// A time-ordered UUID (v7) from the injected clock and randomness.
    pub fn new_uuid(&self) -> uuid::Uuid {
        let rnd: [u8; 10] = self.random_bytes();
        uuid::Builder::from_unix_timestamp_millis(self.now_ms().max(0) as u64, &rnd).into_uuid()
    }
}
