//! The command layer: the only surface the desktop shell and the CLI call. Every command is a
//! [`Command`] with typed input and output (exported to TypeScript), a permission checked here
//! for every caller, and one transaction around it.

mod registry;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, TransactionBehavior};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{self, Role};
use crate::env::Env;
use crate::error::{Error, Msg, Result};
use crate::{store, Locale};

pub use registry::{export_bindings, is_mutating, COMMAND_NAMES};

/// Who is acting. `Machine` is whoever can open the database file directly (the CLI without
/// `--user`, or the desktop's first-run wizard): it has every right, since it could read and
/// write the file anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    Machine,
    User {
        username: String,
        role: Role,
        nip: Option<String>,
    },
}

impl Actor {
    pub fn username(&self) -> Option<&str> {
        match self {
            Actor::Machine => None,
            Actor::User { username, .. } => Some(username),
        }
    }
    /// The officer (staff NIP) this actor records at the desk, if linked.
    pub fn nip(&self) -> Option<&str> {
        match self {
            Actor::Machine => None,
            Actor::User { nip, .. } => nip.as_deref(),
        }
    }
}

/// What a command needs from the acting role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perm {
    /// Anyone, also before login (status, first-run setup guarded by its own checks).
    Public,
    /// Any logged-in user: lists and figures.
    Read,
    /// Front-desk work: queue, complaints, surveys.
    Desk,
    /// Master data and settings shared by the unit: supervisor and admin.
    Configure,
    /// Reviewing and signing off: supervisor and admin.
    Review,
    /// Accounts and maintenance: admin only.
    Admin,
}

impl Perm {
    pub fn allows(self, actor: &Actor) -> bool {
        let role = match actor {
            Actor::Machine => return true,
            Actor::User { role, .. } => *role,
        };
        match self {
            Perm::Public | Perm::Read | Perm::Desk => true,
            Perm::Configure | Perm::Review => matches!(role, Role::Supervisor | Role::Admin),
            Perm::Admin => role == Role::Admin,
        }
    }
}

/// One command of the command layer.
pub trait Command {
    const NAME: &'static str;
    const PERM: Perm;
    const MUTATES: bool;
    /// False only for the commands that work before `init`.
    const NEEDS_INIT: bool = true;
    type Input: DeserializeOwned + TS;
    type Output: Serialize + TS;
    fn run(ctx: &mut Ctx<'_>, input: Self::Input) -> Result<Self::Output>;
}

/// What a command body sees: the open transaction, the injected environment, the actor.
pub struct Ctx<'a> {
    pub conn: &'a Connection,
    pub env: &'a Env,
    pub actor: &'a Actor,
    pub locale: Locale,
}

impl Ctx<'_> {
    pub fn author(&self) -> Option<&str> {
        self.actor.username()
    }
    pub fn now_ms(&self) -> i64 {
        self.env.now_ms()
    }
    /// Appends an event (see [`crate::log::append`]).
    pub fn write(
        &self,
        entity: &str,
        id: &str,
        fields: Vec<(&str, serde_json::Value)>,
    ) -> Result<Option<(String, i64)>> {
        crate::log::append(self.conn, self.env, self.author(), entity, id, fields)
    }
    pub fn msg(&self, m: &Msg) -> String {
        m.get(self.locale).to_string()
    }
}

/// The error shape at the UI boundary: a stable code to branch on and a localized message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    pub fn from_error(e: &Error, locale: Locale) -> ApiError {
        ApiError {
            code: e.code().to_string(),
            message: e.message(locale),
        }
    }
}

/// An open Loket database with its environment. `Send + Sync`: the desktop shares one.
pub struct Api {
    conn: Mutex<Connection>,
    env: Env,
    path: PathBuf,
}

impl Api {
    /// Opens the database, creating the file and schema if missing (desktop first run).
    pub fn open(path: &Path, env: Env) -> Result<Api, ApiError> {
        Self::open_with(path, env, true)
    }

    /// Opens an existing database; a missing file is an error and is not created.
    pub fn open_existing(path: &Path, env: Env) -> Result<Api, ApiError> {
        Self::open_with(path, env, false)
    }

    fn open_with(path: &Path, env: Env, create: bool) -> Result<Api, ApiError> {
        let conn = store::open(path, create).map_err(|e| ApiError::from_error(&e, Locale::En))?;
        Ok(Api {
            conn: Mutex::new(conn),
            env,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn env(&self) -> &Env {
        &self.env
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs a typed command as `actor`: checks initialisation and permission, then runs it in
    /// one transaction (IMMEDIATE for writes, so concurrent processes serialise cleanly).
    pub fn run<C: Command>(
        &self,
        actor: &Actor,
        locale: Locale,
        input: C::Input,
    ) -> Result<C::Output, ApiError> {
        self.run_inner::<C>(actor, locale, input)
            .map_err(|e| ApiError::from_error(&e, locale))
    }

    fn run_inner<C: Command>(
        &self,
        actor: &Actor,
        locale: Locale,
        input: C::Input,
    ) -> Result<C::Output> {
        let mut conn = self.lock();
        let behavior = if C::MUTATES {
            TransactionBehavior::Immediate
        } else {
            TransactionBehavior::Deferred
        };
        let tx = conn.transaction_with_behavior(behavior)?;
        let initialized = crate::log::local_device(&tx)?.is_some();
        if C::NEEDS_INIT && !initialized {
            return Err(Error::NotInitialized);
        }
        // The role is re-read on every call: a deactivated or demoted user loses rights at once.
        let actor = if initialized {
            accounts::current_actor(&tx, actor)?
        } else {
            actor.clone()
        };
        if !C::PERM.allows(&actor) {
            let role = match &actor {
                Actor::User { role, .. } => role.as_str().to_string(),
                Actor::Machine => "machine".into(),
            };
            return Err(Error::Forbidden {
                role,
                action: Msg::new(
                    format!("run {}", C::NAME),
                    format!("menjalankan {}", C::NAME),
                ),
            });
        }
        let mut ctx = Ctx {
            conn: &tx,
            env: &self.env,
            actor: &actor,
            locale,
        };
        let out = C::run(&mut ctx, input)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs a command by name with JSON arguments (the desktop's path into the same commands).
    pub fn call(
        &self,
        actor: &Actor,
        locale: Locale,
        command: &str,
        args: serde_json::Value,
    ) -> Result<serde_json::Value, ApiError> {
        registry::dispatch(self, actor, locale, command, args)
    }

    /// Logs a user in with username and PIN; repeated failures lock the account on this PC.
    pub fn login(&self, username: &str, pin: &str, locale: Locale) -> Result<Actor, ApiError> {
        let mut conn = self.lock();
        (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let r = accounts::login(&tx, &self.env, username, pin);
            // failures are recorded even when the login itself fails
            tx.commit()?;
            r
        })()
        .map_err(|e| ApiError::from_error(&e, locale))
    }

    pub fn is_mutating(&self, command: &str) -> bool {
        is_mutating(command)
    }

    /// SQLite's `data_version`: changes when another connection (another process) commits.
    pub fn data_version(&self) -> Result<i64, ApiError> {
        self.lock()
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| ApiError::from_error(&Error::Db(e), Locale::En))
    }
}

pub(crate) fn parse_args<T: DeserializeOwned>(
    args: serde_json::Value,
    locale: Locale,
    command: &str,
) -> Result<T, ApiError> {
    let args = if args.is_null() {
        serde_json::Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args).map_err(|e| ApiError {
        code: "bad_request".into(),
        message: match locale {
            Locale::En => format!("wrong arguments for {command}: {e}"),
            Locale::Id => format!("argumen untuk {command} salah: {e}"),
        },
    })
}
