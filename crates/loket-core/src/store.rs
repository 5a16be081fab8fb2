//! Opening the SQLite database: crash-safe settings, concurrent use by several processes, and
//! embedded numbered migrations, each applied in its own transaction.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

/// The migrations, in order; migration `i` brings the schema to version `i + 1`.
/// Additive only: never edit one that has shipped.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../migrations/0001_init.sql")),
    // >>> queue (issue 4)
    ("0002_queue", include_str!("../migrations/0002_queue.sql")),
    // <<< queue
    // >>> complaints (issue 5)
    (
        "0003_complaints",
        include_str!("../migrations/0003_complaints.sql"),
    ),
    // <<< complaints
    // >>> survey (issue 6)
    ("0004_survey", include_str!("../migrations/0004_survey.sql")),
    // <<< survey
    // >>> sync (issue 7)
    ("0005_sync", include_str!("../migrations/0005_sync.sql")),
    // <<< sync
    // >>> staff development (issue 8)
    (
        "0006_staffdev",
        include_str!("../migrations/0006_staffdev.sql"),
    ),
    // <<< staff development
    // >>> daily log (issue 9)
    ("0007_daily", include_str!("../migrations/0007_daily.sql")),
    // <<< daily log
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The default database location: `<data dir>/loket/loket.db`
/// (`~/.local/share/loket/loket.db` on Linux, `%APPDATA%\loket\loket.db` on Windows).
pub fn default_db_path() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            if cfg!(windows) {
                std::env::var_os("APPDATA").map(PathBuf::from)
            } else {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share"))
            }
        })
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("loket").join("loket.db")
}

/// Which database a process opens, the same for the CLI and the desktop: an explicit path
/// (`--db PATH`) wins, then `$LOKET_DB` when set and not empty, then [`default_db_path`].
pub fn resolve_db_path(flag: Option<PathBuf>, env_db: Option<std::ffi::OsString>) -> PathBuf {
    flag.or_else(|| env_db.filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(default_db_path)
}

/// WAL pages after which a commit checkpoints (see [`open`]).
pub const WAL_AUTOCHECKPOINT_PAGES: i64 = 10_000;

/// Opens (and, with `create`, creates) the database and brings its schema up to date.
/// A database written by a newer schema is refused before anything is changed.
pub fn open(path: &Path, create: bool) -> Result<Connection> {
    if !create && !path.exists() {
        return Err(Error::NoDatabase(path.display().to_string()));
    }
    if create {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
    }
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(Duration::from_secs(10))?;
    // room for every command's cached statements (the default 16 thrashes; queue, issue 4)
    conn.set_prepared_statement_cache_capacity(256);
    check_not_newer(&conn, path)?;
    // WAL lets readers and one writer work at once across processes; synchronous=FULL makes
    // a committed transaction survive power loss.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Checkpoints (copying the WAL back into the database file) run inside the commit that
    // crosses the threshold. SQLite's default (1 000 pages) is crossed every 30-50 queue
    // steps (each writes 20-35 pages), which put a checkpoint into 2-3 % of all steps and
    // their p99 at ~3 ms; 10 000 pages (a WAL of ~40 MB) makes it one step in ~300
    // (docs/benchmarks.md, issue 4). The WAL file is cut back to 64 MB after a big import.
    conn.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)?;
    conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
    migrate(&mut conn, path)?;
    Ok(conn)
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

fn check_not_newer(conn: &Connection, path: &Path) -> Result<()> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            path: path.display().to_string(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    for (i, (_name, sql)) in MIGRATIONS.iter().enumerate() {
        let target = i as i64 + 1;
        if user_version(conn)? >= target {
            continue;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let now = user_version(&tx)?;
        if now > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                path: path.display().to_string(),
                found: now,
                known: SCHEMA_VERSION,
            });
        }
        if now < target {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", target)?;
        }
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_and_migrates_with_durable_settings() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b/loket.db");
        let c = open(&p, true).unwrap();
        assert_eq!(user_version(&c).unwrap(), SCHEMA_VERSION);
        let mode: String = c
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        let fk: i64 = c
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let ckpt: i64 = c
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ckpt, WAL_AUTOCHECKPOINT_PAGES);
        drop(c);
        // opening again is a no-op
        let c = open(&p, false).unwrap();
        assert_eq!(user_version(&c).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn missing_database_is_not_created_without_create() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("none.db");
        assert!(matches!(open(&p, false), Err(Error::NoDatabase(_))));
        assert!(!p.exists());
    }

    #[test]
    fn newer_schema_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("new.db");
        {
            let c = Connection::open(&p).unwrap();
            c.execute_batch("CREATE TABLE x(a); PRAGMA user_version = 999;")
                .unwrap();
        }
        let before = std::fs::read(&p).unwrap();
        let err = open(&p, true).unwrap_err();
        assert!(
            matches!(err, Error::NewerSchema { found: 999, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("newer Loket"));
        assert_eq!(std::fs::read(&p).unwrap(), before);
        assert!(!dir.path().join("new.db-wal").exists());
    }
}
