//! The IKM (Indeks Kepuasan Masyarakat) arithmetic of PermenPANRB 14/2017, exact.
//!
//! - NRR per unsur = sum of its scores / number of respondents who answered it (blanks are
//!   left out of both).
//! - IKM = Σ NRR_u × 1/9, computed as one exact fraction (big integers), never with 0.111.
//! - Converted score = IKM × 25, rounded half-up to 2 decimals on the exact value.
//! - Grade on the rounded score: 88.31–100 A Sangat Baik; 76.61–88.30 B Baik;
//!   65.00–76.60 C Kurang Baik; 25.00–64.99 D Tidak Baik.
//! - Displayed NRR and IKM: rounded half-up to 4 decimals on the exact value (the score is
//!   computed from the exact IKM, not from the displayed one).
//! - Sample size: Krejcie–Morgan, s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)) with χ² = 3.841,
//!   P = 0.5, d = 0.05, which is exactly 3841·N / (10·N + 3831); rounded half-up.

use num_bigint::BigUint;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The nine unsur, by ID (never by position), with their names in the regulation.
pub const UNSUR: [(&str, &str); 9] = [
    ("U1", "Persyaratan"),
    ("U2", "Sistem, mekanisme dan prosedur"),
    ("U3", "Waktu penyelesaian"),
    ("U4", "Biaya/tarif"),
    ("U5", "Produk spesifikasi jenis pelayanan"),
    ("U6", "Kompetensi pelaksana"),
    ("U7", "Perilaku pelaksana"),
    ("U8", "Penanganan pengaduan, saran dan masukan"),
    ("U9", "Sarana dan prasarana"),
];

/// Quality grade (mutu pelayanan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    /// From the converted score in hundredths (8831 = 88.31).
    pub fn from_score_cents(cents: u64) -> Grade {
        match cents {
            8831.. => Grade::A,
            7661.. => Grade::B,
            6500.. => Grade::C,
            _ => Grade::D,
        }
    }
    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }
    /// Kinerja unit pelayanan.
    pub fn category(self) -> &'static str {
        match self {
            Grade::A => "Sangat Baik",
            Grade::B => "Baik",
            Grade::C => "Kurang Baik",
            Grade::D => "Tidak Baik",
        }
    }
}

/// Per-unsur totals: the sum of the scores and how many respondents answered it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub sum: u64,
    pub answered: u64,
}

/// The exact result. Decimal fields are rounded half-up from the exact fractions.
#[derive(Debug, Clone, PartialEq)]
pub struct Ikm {
    /// NRR per unsur × 10⁴ (U1..U9 in order).
    pub nrr_e4: [u64; 9],
    /// IKM × 10⁴.
    pub ikm_e4: u64,
    /// Converted score × 100.
    pub score_cents: u64,
    pub grade: Grade,
}

impl Ikm {
    pub fn nrr(&self, i: usize) -> f64 {
        self.nrr_e4[i] as f64 / 10_000.0
    }
    pub fn ikm(&self) -> f64 {
        self.ikm_e4 as f64 / 10_000.0
    }
    pub fn score(&self) -> f64 {
        self.score_cents as f64 / 100.0
    }
}

/// Why an IKM cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IkmError {
    /// These unsur (IDs) were answered by nobody: the regulation weighs all nine equally.
    Unanswered(Vec<&'static str>),
    /// A tally holds a score outside 1–4 on average (a bug upstream).
    OutOfRange(&'static str),
}

/// `round_half_up(p / q × scale)` for non-negative p and positive q.
fn round_half_up(p: &BigUint, q: &BigUint, scale: u64) -> u64 {
    let two = BigUint::from(2u32);
    let r = (p * scale * &two + q) / (q * &two);
    u64::try_from(r).expect("a score between 1 and 100 fits in u64")
}

/// Computes NRR, IKM, score and grade from per-unsur tallies (U1..U9 in order).
pub fn compute(t: &[Tally; 9]) -> Result<Ikm, IkmError> {
    let missing: Vec<&'static str> = t
        .iter()
        .zip(UNSUR.iter())
        .filter(|(x, _)| x.answered == 0)
        .map(|(_, (id, _))| *id)
        .collect();
    if !missing.is_empty() {
        return Err(IkmError::Unanswered(missing));
    }
    for (x, (id, _)) in t.iter().zip(UNSUR.iter()) {
        if x.sum < x.answered || x.sum > 4 * x.answered {
            return Err(IkmError::OutOfRange(id));
        }
    }
    let mut nrr_e4 = [0u64; 9];
    for (i, x) in t.iter().enumerate() {
        nrr_e4[i] = round_half_up(&BigUint::from(x.sum), &BigUint::from(x.answered), 10_000);
    }
    // Σ s_u/n_u = N / D with D = Π n_u and N = Σ s_u · D / n_u.
    let d: BigUint = t.iter().map(|x| BigUint::from(x.answered)).product();
    let n: BigUint = t
        .iter()
        .map(|x| BigUint::from(x.sum) * (&d / BigUint::from(x.answered)))
        .sum();
    // IKM = N / (9D); score = 25 N / (9D).
    let q = &d * 9u32;
    let ikm_e4 = round_half_up(&n, &q, 10_000);
    let score_cents = round_half_up(&(&n * 25u32), &q, 100);
    Ok(Ikm {
        nrr_e4,
        ikm_e4,
        score_cents,
        grade: Grade::from_score_cents(score_cents),
    })
}

/// Krejcie–Morgan sample size for a population of `n`: 3841·N / (10·N + 3831), rounded
/// half-up (the exact form of χ² = 3.841, P = 0.5, d = 0.05). 0 for an empty population.
pub fn sample_size(n: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    let num = 3841u128 * n as u128;
    let den = 10u128 * n as u128 + 3831;
    ((2 * num + den) / (2 * den)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(sum: u64, answered: u64) -> [Tally; 9] {
        [Tally { sum, answered }; 9]
    }

    /// Hand-computed cases: (tallies, nrr×10⁴ per unsur, ikm×10⁴, score×100, grade).
    #[test]
    fn ikm_table() {
        #[allow(clippy::type_complexity)]
        let cases: Vec<(&str, [Tally; 9], [u64; 9], u64, u64, Grade)> = vec![
            // everyone answers 4 everywhere: NRR 4, IKM 4, score 100
            (
                "all fours",
                same(40, 10),
                [40_000; 9],
                40_000,
                10_000,
                Grade::A,
            ),
            // everyone answers 1: the minimum 25.00, D
            (
                "all ones",
                same(10, 10),
                [10_000; 9],
                10_000,
                2_500,
                Grade::D,
            ),
            // 8831/2500 = 3.5324 per unsur → score 88.31 exactly → A
            (
                "88.31 is A",
                same(8831, 2500),
                [35_324; 9],
                35_324,
                8_831,
                Grade::A,
            ),
            // 3.5320 → 88.30 → B
            (
                "88.30 is B",
                same(8830, 2500),
                [35_320; 9],
                35_320,
                8_830,
                Grade::B,
            ),
            // 3.5322 → 88.305 exactly → half-up 88.31 → A
            (
                "88.305 rounds up to A",
                same(35_322, 10_000),
                [35_322; 9],
                35_322,
                8_831,
                Grade::A,
            ),
            // 7661/2500 = 3.0644 → 76.61 → B
            (
                "76.61 is B",
                same(7661, 2500),
                [30_644; 9],
                30_644,
                7_661,
                Grade::B,
            ),
            // 7660/2500 = 3.064 → 76.60 → C
            (
                "76.60 is C",
                same(7660, 2500),
                [30_640; 9],
                30_640,
                7_660,
                Grade::C,
            ),
            // 6500/2500 = 2.6 → 65.00 → C
            (
                "65.00 is C",
                same(13, 5),
                [26_000; 9],
                26_000,
                6_500,
                Grade::C,
            ),
            // 6499/2500 = 2.5996 → 64.99 → D
            (
                "64.99 is D",
                same(6499, 2500),
                [25_996; 9],
                25_996,
                6_499,
                Grade::D,
            ),
            // 2.59982 → 64.9955 → half-up 65.00 → C (rounded score decides)
            (
                "64.9955 rounds up to C",
                same(259_982, 100_000),
                [25_998; 9],
                25_998,
                6_500,
                Grade::C,
            ),
        ];
        for (name, t, nrr, ikm, score, grade) in cases {
            let r = compute(&t).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_eq!(r.nrr_e4, nrr, "{name}: nrr");
            assert_eq!(r.ikm_e4, ikm, "{name}: ikm");
            assert_eq!(r.score_cents, score, "{name}: score");
            assert_eq!(r.grade, grade, "{name}: grade");
        }
    }

    #[test]
    fn blanks_change_the_divisor_of_their_unsur_only() {
        // 4 respondents; U1 answered by 3 (4,4,3 → 11/3 = 3.6667), the rest by all 4 with
        // sum 12 (NRR 3). Σ NRR = 11/3 + 24 = 83/3; IKM = 83/27 = 3.074074…; score =
        // 2075/27 = 76.851851… → 76.85 → B.
        let mut t = same(12, 4);
        t[0] = Tally {
            sum: 11,
            answered: 3,
        };
        let r = compute(&t).unwrap();
        assert_eq!(r.nrr_e4[0], 36_667);
        assert_eq!(r.nrr_e4[1], 30_000);
        assert_eq!(r.ikm_e4, 30_741);
        assert_eq!(r.score_cents, 7_685);
        assert_eq!(r.grade, Grade::B);
        // Counting a blank as a respondent (dividing by 4) would give 11/4 and a lower score.
        let mut wrong = t;
        wrong[0].answered = 4;
        assert_eq!(compute(&wrong).unwrap().score_cents, 7_431); // (2.75+24)/9*25 = 74.3055…
    }

    #[test]
    fn exact_weights_differ_from_rounded_ones() {
        // NRR 3.5 everywhere: exact 1/9 gives 87.50; a weight of 0.111 would give 87.41.
        let r = compute(&same(35, 10)).unwrap();
        assert_eq!(r.score_cents, 8_750);
        let with_0111 = (3.5f64 * 0.111 * 9.0 * 25.0 * 100.0).round() as u64;
        assert_ne!(with_0111, r.score_cents);
    }

    #[test]
    fn mixed_denominators_are_exact() {
        // Large, pairwise different respondent counts (product far beyond 64 bits).
        let counts = [
            99_991u64, 99_989, 99_971, 99_961, 99_929, 99_923, 99_907, 99_901, 99_881,
        ];
        let mut t = [Tally::default(); 9];
        for (i, c) in counts.iter().enumerate() {
            t[i] = Tally {
                sum: c * 3 + 1,
                answered: *c,
            };
        }
        let r = compute(&t).unwrap();
        // Each NRR is 3 + 1/c (≈3.00001): IKM rounds to 3.0000, score 75.00 (75.0002…).
        assert_eq!(r.ikm_e4, 30_000);
        assert_eq!(r.score_cents, 7_500);
        assert_eq!(r.grade, Grade::C);
    }

    #[test]
    fn an_unsur_nobody_answered_is_refused() {
        let mut t = same(30, 10);
        t[3] = Tally::default();
        t[8] = Tally::default();
        assert_eq!(compute(&t), Err(IkmError::Unanswered(vec!["U4", "U9"])));
    }

    /// The published Krejcie–Morgan (1970) table: (N, s).
    #[test]
    fn krejcie_morgan_table() {
        let table: &[(u64, u64)] = &[
            (10, 10),
            (15, 14),
            (20, 19),
            (25, 24),
            (30, 28),
            (40, 36),
            (50, 44),
            (60, 52),
            (70, 59),
            (80, 66),
            (90, 73),
            (100, 80),
            (110, 86),
            (120, 92),
            (130, 97),
            (140, 103),
            (150, 108),
            (160, 113),
            (170, 118),
            (180, 123),
            (190, 127),
            (200, 132),
            (210, 136),
            (220, 140),
            (230, 144),
            (240, 148),
            (250, 152),
            (260, 155),
            (270, 159),
            (280, 162),
            (290, 165),
            (300, 169),
            (320, 175),
            (340, 181),
            (360, 186),
            (380, 191),
            (400, 196),
            (420, 201),
            (440, 205),
            (460, 210),
            (480, 214),
            (500, 217),
            (550, 226),
            (600, 234),
            (650, 242),
            (700, 248),
            (750, 254),
            (800, 260),
            (850, 265),
            (900, 269),
            (950, 274),
            (1000, 278),
            (1100, 285),
            (1200, 291),
            (1300, 297),
            (1400, 302),
            (1500, 306),
            (1600, 310),
            (1700, 313),
            (1800, 317),
            (1900, 320),
            (2000, 322),
            (2200, 327),
            (2400, 331),
            (2600, 335),
            (2800, 338),
            (3000, 341),
            (3500, 346),
            (4000, 351),
            (4500, 354),
            (5000, 357),
            (6000, 361),
            (7000, 364),
            (8000, 367),
            (9000, 368),
            (10_000, 370),
            (15_000, 375),
            (20_000, 377),
            (30_000, 379),
            (40_000, 380),
            (50_000, 381),
            (75_000, 382),
            (1_000_000, 384),
        ];
        for &(n, s) in table {
            assert_eq!(sample_size(n), s, "N = {n}");
        }
        // The one quirk: the table prints 384 for N = 100 000, the formula gives
        // 384 100 000 / 1 003 831 = 382.63 → 383. Loket follows the formula.
        assert_eq!(sample_size(100_000), 383);
        assert_eq!(sample_size(0), 0);
        assert_eq!(sample_size(1), 1);
    }

    #[test]
    fn grades_at_every_boundary() {
        let cases = [
            (10_000, Grade::A),
            (8_831, Grade::A),
            (8_830, Grade::B),
            (7_661, Grade::B),
            (7_660, Grade::C),
            (6_500, Grade::C),
            (6_499, Grade::D),
            (2_500, Grade::D),
        ];
        for (c, g) in cases {
            assert_eq!(Grade::from_score_cents(c), g, "{c}");
        }
        assert_eq!(Grade::B.category(), "Baik");
    }
}
