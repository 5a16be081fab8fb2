//! Accounts and roles. Users travel as events like master data (the PIN only as an argon2id
//! hash); login failures and lockouts are local to the PC where they happen.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::api::{Actor, Command, Ctx, Perm};
use crate::env::Env;
use crate::error::{Error, Kind, Result};

/// Failed PIN attempts before an account is locked on this PC, and for how long.
pub const MAX_FAILURES: i64 = 5;
pub const LOCK_MINUTES: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Petugas,
    Supervisor,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Petugas => "petugas",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }
    pub fn parse(s: &str) -> Result<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "petugas" => Ok(Role::Petugas),
            "supervisor" => Ok(Role::Supervisor),
            "admin" => Ok(Role::Admin),
            _ => Err(Error::invalid(
                format!("unknown role {s:?}; use petugas, supervisor or admin"),
                format!("peran {s:?} tidak dikenal; gunakan petugas, supervisor atau admin"),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct User {
    pub username: String,
    pub role: Role,
    pub nip: Option<String>,
    pub active: bool,
}

/// The entity id of a username: trimmed and lower-case, so `Budi` and `budi` are one account.
pub fn user_key(raw: &str) -> Result<String> {
    let u = raw.trim().to_lowercase();
    let ok = (2..=32).contains(&u.chars().count())
        && u.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !ok {
        return Err(Error::invalid(
            format!("username {raw:?} must be 2-32 letters, digits, '.', '_' or '-'"),
            format!("nama pengguna {raw:?} harus 2-32 huruf, angka, '.', '_' atau '-'"),
        ));
    }
    Ok(u)
}

fn check_pin(pin: &str) -> Result<()> {
    let n = pin.chars().count();
    if !(4..=64).contains(&n) {
        return Err(Error::invalid(
            "the PIN must have 4 to 64 characters",
            "PIN harus terdiri dari 4 sampai 64 karakter",
        ));
    }
    Ok(())
}

fn hash_pin(env: &Env, pin: &str) -> Result<String> {
    check_pin(pin)?;
    let salt_bytes: [u8; 16] = env.random_bytes();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| Error::Corrupt(e.to_string()))?;
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Corrupt(format!("PIN hashing failed: {e}")))
}

struct UserRow {
    user: User,
    pin_hash: String,
}

fn load_user(conn: &Connection, key: &str) -> Result<Option<UserRow>> {
    conn.prepare_cached("SELECT username, role, nip, active, pin_hash FROM p_user WHERE id = ?1")?
        .query_row(params![key], |r| {
            let role: String = r.get(1)?;
            Ok(UserRow {
                user: User {
                    username: r.get(0)?,
                    role: Role::parse(&role).unwrap_or(Role::Petugas),
                    nip: r.get(2)?,
                    active: r.get::<_, Option<bool>>(3)?.unwrap_or(false),
                },
                pin_hash: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            })
        })
        .optional()
        .map_err(Into::into)
}

fn get_user(conn: &Connection, username: &str) -> Result<UserRow> {
    let key = user_key(username)?;
    load_user(conn, &key)?.ok_or(Error::NotFound {
        kind: Kind::User,
        key: username.trim().to_string(),
    })
}

pub fn list_users(conn: &Connection) -> Result<Vec<User>> {
    let mut st = conn.prepare("SELECT id FROM p_user ORDER BY id")?;
    let keys: Vec<String> = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for k in keys {
        if let Some(u) = load_user(conn, &k)? {
            out.push(u.user);
        }
    }
    Ok(out)
}

/// Re-reads a user actor from the database: its current role and officer link. A user that
/// was deactivated or removed meanwhile can do nothing more.
pub fn current_actor(conn: &Connection, actor: &Actor) -> Result<Actor> {
    match actor {
        Actor::Machine => Ok(Actor::Machine),
        Actor::User { username, .. } => match load_user(conn, &user_key(username)?)? {
            Some(row) if row.user.active => Ok(Actor::User {
                username: row.user.username,
                role: row.user.role,
                nip: row.user.nip,
            }),
            _ => Err(Error::invalid(
                format!("the account {username} is not active any more; log in again"),
                format!("akun {username} sudah tidak aktif; silakan masuk lagi"),
            )),
        },
    }
}

/// Checks username and PIN. Wrong PINs are counted on this PC; after [`MAX_FAILURES`] the
/// account is locked for [`LOCK_MINUTES`]. The caller commits even on failure.
pub fn login(conn: &Connection, env: &Env, username: &str, pin: &str) -> Result<Actor> {
    let key = user_key(username).map_err(|_| Error::BadCredentials)?;
    let now = env.now_ms();
    let locked_until: i64 = conn
        .query_row(
            "SELECT locked_until FROM local_login_failure WHERE username = ?1",
            params![key],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    if locked_until > now {
        return Err(Error::Locked {
            username: key,
            minutes: ((locked_until - now) + 59_999) / 60_000,
        });
    }
    let row = load_user(conn, &key)?.filter(|r| r.user.active);
    let ok = match &row {
        Some(r) => PasswordHash::new(&r.pin_hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(pin.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false),
        None => false,
    };
    if !ok {
        let failures: i64 = conn.query_row(
            "INSERT INTO local_login_failure (username, failures, locked_until) VALUES (?1, 1, 0)
             ON CONFLICT (username) DO UPDATE SET failures = failures + 1
             RETURNING failures",
            params![key],
            |r| r.get(0),
        )?;
        if failures >= MAX_FAILURES {
            conn.execute(
                "UPDATE local_login_failure SET failures = 0, locked_until = ?2 WHERE username = ?1",
                params![key, now + LOCK_MINUTES * 60_000],
            )?;
            return Err(Error::Locked {
                username: key,
                minutes: LOCK_MINUTES,
            });
        }
        return Err(Error::BadCredentials);
    }
    conn.execute(
        "DELETE FROM local_login_failure WHERE username = ?1",
        params![key],
    )?;
    let u = row.expect("checked").user;
    Ok(Actor::User {
        username: u.username,
        role: u.role,
        nip: u.nip,
    })
}

fn check_staff_exists(conn: &Connection, nip: &str) -> Result<String> {
    let nip: String = nip.chars().filter(|c| !c.is_whitespace()).collect();
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM p_staff WHERE id = ?1)",
        params![nip],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(Error::NotFound {
            kind: Kind::Staff,
            key: nip,
        });
    }
    Ok(nip)
}

fn active_admins(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM p_user WHERE role = 'admin' AND active = 1",
        [],
        |r| r.get(0),
    )?)
}

fn create_user(
    ctx: &Ctx<'_>,
    username: &str,
    role: Role,
    nip: Option<&str>,
    pin: &str,
) -> Result<User> {
    let key = user_key(username)?;
    if load_user(ctx.conn, &key)?.is_some() {
        return Err(Error::Duplicate {
            kind: Kind::User,
            key,
        });
    }
    let nip = nip.map(|n| check_staff_exists(ctx.conn, n)).transpose()?;
    let hash = hash_pin(ctx.env, pin)?;
    ctx.write(
        "user",
        &key,
        vec![
            ("username", json!(key)),
            ("role", json!(role.as_str())),
            ("nip", json!(nip)),
            ("pin_hash", json!(hash)),
            ("active", json!(true)),
        ],
    )?;
    Ok(get_user(ctx.conn, &key)?.user)
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UserAddInput {
    pub username: String,
    pub role: Role,
    #[ts(optional)]
    pub nip: Option<String>,
    pub pin: String,
}

/// `user.add`: only an admin adds users.
pub struct UserAdd;
impl Command for UserAdd {
    const NAME: &'static str = "user.add";
    const PERM: Perm = Perm::Admin;
    const MUTATES: bool = true;
    type Input = UserAddInput;
    type Output = User;
    fn run(ctx: &mut Ctx<'_>, i: UserAddInput) -> Result<User> {
        create_user(ctx, &i.username, i.role, i.nip.as_deref(), &i.pin)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BootstrapAdminInput {
    pub username: String,
    pub pin: String,
}

/// `user.bootstrap_admin`: the first-run wizard creates the first admin; refused once any
/// user exists.
pub struct UserBootstrapAdmin;
impl Command for UserBootstrapAdmin {
    const NAME: &'static str = "user.bootstrap_admin";
    const PERM: Perm = Perm::Public;
    const MUTATES: bool = true;
    type Input = BootstrapAdminInput;
    type Output = User;
    fn run(ctx: &mut Ctx<'_>, i: BootstrapAdminInput) -> Result<User> {
        let any: bool = ctx
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM p_user)", [], |r| r.get(0))?;
        if any {
            return Err(Error::invalid(
                "users exist already; an admin adds further users",
                "pengguna sudah ada; pengguna baru ditambahkan oleh admin",
            ));
        }
        create_user(ctx, &i.username, Role::Admin, None, &i.pin)
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct Empty {}

/// `user.list`
pub struct UserList;
impl Command for UserList {
    const NAME: &'static str = "user.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = Vec<User>;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<Vec<User>> {
        list_users(ctx.conn)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UserUpdateInput {
    pub username: String,
    #[ts(optional)]
    pub role: Option<Role>,
    /// Link to an officer; an empty string removes the link.
    #[ts(optional)]
    pub nip: Option<String>,
    #[ts(optional)]
    pub active: Option<bool>,
}

/// `user.update`: role, officer link, active. The last active admin cannot be demoted or
/// deactivated.
pub struct UserUpdate;
impl Command for UserUpdate {
    const NAME: &'static str = "user.update";
    const PERM: Perm = Perm::Admin;
    const MUTATES: bool = true;
    type Input = UserUpdateInput;
    type Output = User;
    fn run(ctx: &mut Ctx<'_>, i: UserUpdateInput) -> Result<User> {
        let row = get_user(ctx.conn, &i.username)?;
        let key = user_key(&i.username)?;
        let mut fields = Vec::new();
        if let Some(role) = i.role {
            fields.push(("role", json!(role.as_str())));
        }
        if let Some(nip) = &i.nip {
            if nip.trim().is_empty() {
                fields.push(("nip", json!(null)));
            } else {
                fields.push(("nip", json!(check_staff_exists(ctx.conn, nip)?)));
            }
        }
        if let Some(active) = i.active {
            fields.push(("active", json!(active)));
        }
        let loses_admin = row.user.role == Role::Admin
            && row.user.active
            && (i.role.is_some_and(|r| r != Role::Admin) || i.active == Some(false));
        if loses_admin && active_admins(ctx.conn)? <= 1 {
            return Err(Error::invalid(
                format!(
                    "{} is the last active admin; make another admin first",
                    row.user.username
                ),
                format!(
                    "{} adalah admin aktif terakhir; jadikan pengguna lain admin dahulu",
                    row.user.username
                ),
            ));
        }
        ctx.write("user", &key, fields)?;
        Ok(get_user(ctx.conn, &key)?.user)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UserResetPinInput {
    pub username: String,
    pub pin: String,
}

/// `user.reset_pin`: sets a new PIN and lifts a lockout on this PC.
pub struct UserResetPin;
impl Command for UserResetPin {
    const NAME: &'static str = "user.reset_pin";
    const PERM: Perm = Perm::Admin;
    const MUTATES: bool = true;
    type Input = UserResetPinInput;
    type Output = User;
    fn run(ctx: &mut Ctx<'_>, i: UserResetPinInput) -> Result<User> {
        let key = user_key(&i.username)?;
        get_user(ctx.conn, &key)?;
        let hash = hash_pin(ctx.env, &i.pin)?;
        ctx.write("user", &key, vec![("pin_hash", json!(hash))])?;
        ctx.conn.execute(
            "DELETE FROM local_login_failure WHERE username = ?1",
            params![key],
        )?;
        Ok(get_user(ctx.conn, &key)?.user)
    }
}
