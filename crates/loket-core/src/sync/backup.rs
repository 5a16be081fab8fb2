//! Backups. A backup is a consistent copy of the whole database (SQLite's online backup).
//! Restoring one never revives the old device identity: the restored PC gets a new device id
//! and key pair, so it cannot write a second, diverging history under the old id (which other
//! devices would have to keep aside as a clone). The old id's events stay in the log.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::api::{Command, Ctx, Perm};
use crate::env::Env;
use crate::error::{Error, Result};
use crate::{log, store};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupInput {
    pub out: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BackupReport {
    pub file: String,
    pub bytes: u64,
}

/// `backup`: writes a consistent copy of the database (including this device's key: keep it
/// safe) to a new file.
pub struct Backup;
impl Command for Backup {
    const NAME: &'static str = "backup";
    const PERM: Perm = Perm::Admin;
    const MUTATES: bool = false;
    type Input = BackupInput;
    type Output = BackupReport;
    fn run(ctx: &mut Ctx<'_>, i: BackupInput) -> Result<BackupReport> {
        let out = Path::new(&i.out);
        if out.exists() {
            return Err(Error::invalid(
                format!("{} exists already; choose another name", out.display()),
                format!("{} sudah ada; pilih nama lain", out.display()),
            ));
        }
        let mut dst = Connection::open(out)?;
        {
            let b = rusqlite::backup::Backup::new(ctx.conn, &mut dst)?;
            b.run_to_completion(256, Duration::from_millis(0), None)?;
        }
        dst.execute_batch("PRAGMA journal_mode = DELETE;")?;
        drop(dst);
        Ok(BackupReport {
            file: out.display().to_string(),
            bytes: std::fs::metadata(out)?.len(),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RestoreReport {
    pub old_device_id: String,
    pub new_device_id: String,
    pub events: i64,
}

/// Restores a backup into `to` (which must not exist) and gives it a new device identity.
pub fn restore(from: &Path, to: &Path, env: &Env) -> Result<RestoreReport> {
    if to.exists() {
        return Err(Error::invalid(
            format!("{} exists already; restore into a new file", to.display()),
            format!("{} sudah ada; pulihkan ke berkas baru", to.display()),
        ));
    }
    if !from.is_file() {
        return Err(Error::invalid(
            format!("the backup {} does not exist", from.display()),
            format!("cadangan {} tidak ada", from.display()),
        ));
    }
    {
        let src = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let ok: std::result::Result<i64, _> =
            src.query_row("SELECT COUNT(*) FROM local_device", [], |r| r.get(0));
        if !matches!(ok, Ok(1)) {
            return Err(Error::invalid(
                format!("{} is not a Loket backup", from.display()),
                format!("{} bukan cadangan Loket", from.display()),
            ));
        }
        if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut dst = Connection::open(to)?;
        let b = rusqlite::backup::Backup::new(&src, &mut dst)?;
        b.run_to_completion(256, Duration::from_millis(0), None)?;
    }
    let mut conn = store::open(to, false)?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let old = log::require_local_device(&tx)?;
    let (name, kind, site): (Option<String>, Option<String>, Option<String>) = tx.query_row(
        "SELECT name, kind, site FROM p_device WHERE id = ?1",
        params![old.device_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let hlc = old.hlc;
    tx.execute("DELETE FROM local_device", [])?;
    let (new_id, public_key) = log::create_local_device(&tx, env)?;
    tx.execute(
        "UPDATE local_device SET hlc = ?1 WHERE id = 1",
        params![hlc.0 as i64],
    )?;
    log::append(
        &tx,
        env,
        None,
        "device",
        &new_id,
        vec![
            ("name", json!(name)),
            ("kind", json!(kind)),
            ("site", json!(site)),
            ("public_key", json!(public_key)),
        ],
    )?;
    let events: i64 = tx.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
    tx.commit()?;
    Ok(RestoreReport {
        old_device_id: old.device_id,
        new_device_id: new_id,
        events,
    })
}
