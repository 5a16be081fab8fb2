//! The core's error type. Every message exists in English and Bahasa Indonesia; the command
//! layer turns an [`Error`] into the `{code, message}` the UI and the CLI show.

use crate::Locale;

/// A message in both languages Loket speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub en: String,
    pub id: String,
}

impl Msg {
    pub fn new(en: impl Into<String>, id: impl Into<String>) -> Self {
        Msg {
            en: en.into(),
            id: id.into(),
        }
    }
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => &self.en,
            Locale::Id => &self.id,
        }
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// The kinds of records a "not found" or "duplicate" error can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Agency,
    Service,
    Counter,
    Staff,
    User,
    Holiday,
    Prefix,
    Device,
    Site,
}

impl Kind {
    pub fn name(self, locale: Locale) -> &'static str {
        use Kind::*;
        match (self, locale) {
            (Agency, Locale::En) => "agency",
            (Agency, Locale::Id) => "instansi",
            (Service, Locale::En) => "service",
            (Service, Locale::Id) => "layanan",
            (Counter, Locale::En) => "counter",
            (Counter, Locale::Id) => "loket",
            (Staff, Locale::En) => "officer (NIP)",
            (Staff, Locale::Id) => "pegawai (NIP)",
            (User, Locale::En) => "user",
            (User, Locale::Id) => "pengguna",
            (Holiday, Locale::En) => "holiday",
            (Holiday, Locale::Id) => "hari libur",
            (Prefix, Locale::En) => "ticket prefix",
            (Prefix, Locale::Id) => "huruf awalan tiket",
            (Device, Locale::En) => "device",
            (Device, Locale::Id) => "perangkat",
            (Site, Locale::En) => "site",
            (Site, Locale::Id) => "lokasi",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("the database {path} was written by a newer Loket (schema {found}; this program knows up to {known}); update Loket before opening it")]
    NewerSchema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("there is no Loket database at {0}; run `loket init` first")]
    NoDatabase(String),
    #[error("the database is not initialised yet; run `loket init --site NAME --device NAME`")]
    NotInitialized,
    #[error(
        "the database is already initialised (site {site}, device {device}); nothing was changed"
    )]
    AlreadyInitialized { site: String, device: String },
    #[error("{} {key} does not exist", kind.name(Locale::En))]
    NotFound { kind: Kind, key: String },
    #[error("{} {key} already exists", kind.name(Locale::En))]
    Duplicate { kind: Kind, key: String },
    #[error("{0}")]
    Invalid(Msg),
    #[error("role {role} may not {action}")]
    Forbidden { role: String, action: Msg },
    #[error("wrong username or PIN")]
    BadCredentials,
    #[error(
        "account {username} is locked after repeated wrong PINs; try again in {minutes} minute(s)"
    )]
    Locked { username: String, minutes: i64 },
    #[error("the event log is damaged: {0}")]
    Corrupt(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(en: impl Into<String>, id: impl Into<String>) -> Self {
        Error::Invalid(Msg::new(en, id))
    }

    /// A stable machine-readable code; the UI branches on these, never on messages.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Db(_) => "database",
            Error::Io(_) => "io",
            Error::NewerSchema { .. } => "newer_schema",
            Error::NoDatabase(_) => "no_database",
            Error::NotInitialized => "not_initialized",
            Error::AlreadyInitialized { .. } => "already_initialized",
            Error::NotFound { .. } => "not_found",
            Error::Duplicate { .. } => "duplicate",
            Error::Invalid(_) => "invalid",
            Error::Forbidden { .. } => "forbidden",
            Error::BadCredentials => "bad_credentials",
            Error::Locked { .. } => "locked",
            Error::Corrupt(_) => "corrupt",
        }
    }

    /// The message in the requested language.
    pub fn message(&self, locale: Locale) -> String {
        if locale == Locale::En {
            return self.to_string();
        }
        match self {
            Error::Db(e) => format!("kesalahan basis data: {e}"),
            Error::Io(e) => format!("kesalahan berkas: {e}"),
            Error::NewerSchema { path, found, known } => format!(
                "basis data {path} ditulis oleh Loket versi yang lebih baru (skema {found}; program ini hanya mengenal sampai {known}); perbarui Loket sebelum membukanya"
            ),
            Error::NoDatabase(p) => {
                format!("tidak ada basis data Loket di {p}; jalankan `loket init` dahulu")
            }
            Error::NotInitialized => "basis data belum disiapkan; jalankan penyiapan awal".into(),
            Error::AlreadyInitialized { site, device } => format!(
                "basis data sudah disiapkan (lokasi {site}, perangkat {device}); tidak ada yang diubah"
            ),
            Error::NotFound { kind, key } => format!("{} {key} tidak ada", kind.name(locale)),
            Error::Duplicate { kind, key } => format!("{} {key} sudah ada", kind.name(locale)),
            Error::Invalid(m) => m.id.clone(),
            Error::Forbidden { role, action } => {
                format!("peran {role} tidak berwenang untuk {}", action.id)
            }
            Error::BadCredentials => "nama pengguna atau PIN salah".into(),
            Error::Locked { username, minutes } => format!(
                "akun {username} terkunci karena PIN salah berulang kali; coba lagi dalam {minutes} menit"
            ),
            Error::Corrupt(m) => format!("log kejadian rusak: {m}"),
        }
    }
}
