//! Loket's core: everything but the window. No dependency on Tauri or any GUI crate.
//!
//! - [`api`]: the command layer, the only surface the desktop shell and the CLI call.
//! - [`log`], [`fold`], [`hlc`]: the signed event log and the projections folded from it.
//! - [`store`]: SQLite settings and migrations.
//! - one module per capability: [`master`], [`accounts`], [`system`].
//! - [`domain`]: pure rules (NIP, NIK); [`time`]: site zones; [`env`]: injected time/randomness.

pub mod accounts;
pub mod api;
pub mod domain;
pub mod env;
pub mod error;
pub mod fold;
pub mod hlc;
pub mod log;
pub mod master;
pub mod schema;
pub mod store;
pub mod system;
pub mod time;
// >>> queue (issue 4)
pub mod demo;
pub mod queue;
// <<< queue
// >>> complaints (issue 5)
pub mod complaints;
// <<< complaints
// >>> survey (issue 6)
pub mod survey;
// <<< survey
// >>> sync (issue 7)
pub mod sync;
// <<< sync
// >>> staff development (issue 8)
pub mod staffdev;
// <<< staff development
// >>> daily log (issue 9)
pub mod daily;
// <<< daily log

pub use env::Env;
pub use error::{Error, Result};

/// The language of messages: Bahasa Indonesia first, English second.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Id,
    En,
}

impl Locale {
    /// `id…` → Indonesian, anything else → English.
    pub fn from_tag(tag: &str) -> Locale {
        if tag.to_ascii_lowercase().starts_with("id") {
            Locale::Id
        } else {
            Locale::En
        }
    }
}
