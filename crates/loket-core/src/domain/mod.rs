//! Pure domain rules with no storage: identity numbers.
pub mod nik;
pub mod nip;
