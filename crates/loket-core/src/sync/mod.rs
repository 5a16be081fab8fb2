//! Sync by file: signed bundles exported by one device and imported by another, relayed
//! through any number of devices. See `docs/sync.md` for the format and the rules.
//!
//! - Export writes every event this PC holds that it has not exported before (or all with
//!   `full`), per author device, each part ending at a chain head signed by its author.
//! - Import verifies the exporter's signature, every part's size, checksum, chain and signed
//!   head while it streams, and applies the file in the command's single transaction: all of
//!   it or nothing. Known events are skipped (idempotent); the fold is order-independent
//!   (convergent). Import writes no event of its own; what it records is device-local.

pub mod backup;
pub mod bundle;
pub mod crypt;

pub use backup::Backup;

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufReader, BufWriter, Cursor, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Empty;
use crate::api::{Command, Ctx, Perm};
use crate::error::{Error, Result};
use crate::hlc::{Hlc, MAX_DRIFT_MS};
use crate::{fold, log, system};

use bundle::{Manifest, PartInfo, PartWriter, ReadEvent};

fn invalid(en: impl Into<String>, id: impl Into<String>) -> Error {
    Error::invalid(en, id)
}

/// Ahead by more than this (a file cannot arrive before it was written) or behind by more than
/// [`BEHIND_WARN_MS`], a device's clock is flagged as probably wrong.
pub const AHEAD_WARN_MS: i64 = 10 * 60_000;
pub const BEHIND_WARN_MS: i64 = 30 * 86_400_000;

fn public_key_of(conn: &Connection, device_id: &str) -> Result<Option<String>> {
    let shared: Option<String> = conn
        .query_row(
            "SELECT public_key FROM p_device WHERE id = ?1",
            params![device_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if shared.is_some() {
        return Ok(shared);
    }
    Ok(conn
        .query_row(
            "SELECT public_key FROM sync_device WHERE device_id = ?1",
            params![device_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(40).collect()
}

// ------------------------------------------------------------------------------- export

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportInput {
    /// The file to write, or an existing folder (the file name then tells site, device, time).
    pub out: String,
    /// Every event this PC holds, not only what it has not exported before.
    #[ts(optional)]
    pub full: Option<bool>,
    /// Encrypt the file with this passphrase.
    #[ts(optional)]
    pub passphrase: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PartSummary {
    pub device_id: String,
    pub from_seq: i64,
    pub to_seq: i64,
    pub events: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportReport {
    pub file: String,
    pub bundle_id: String,
    pub full: bool,
    pub encrypted: bool,
    pub events: i64,
    pub bytes: u64,
    pub parts: Vec<PartSummary>,
}

fn latest_export_vector(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let v: Option<String> = conn
        .query_row(
            "SELECT vector FROM sync_export ORDER BY exported_ms DESC, rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// Contiguous runs of seqs above `after` for a device, each cut back to the last seq for which
/// a signed head is known (events beyond it could not be proven to the receiver).
fn plan_runs(conn: &Connection, device: &str, after: i64) -> Result<Vec<(i64, i64)>> {
    let mut runs: Vec<(i64, i64)> = Vec::new();
    let mut st = conn
        .prepare_cached("SELECT seq FROM events WHERE device_id = ?1 AND seq > ?2 ORDER BY seq")?;
    let mut rows = st.query(params![device, after])?;
    while let Some(r) = rows.next()? {
        let s: i64 = r.get(0)?;
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == s => *end = s,
            _ => runs.push((s, s)),
        }
    }
    let mut out = Vec::new();
    for (a, b) in runs {
        let head: Option<i64> = conn
            .prepare_cached(
                "SELECT MAX(seq) FROM sync_head WHERE device_id = ?1 AND seq BETWEEN ?2 AND ?3",
            )?
            .query_row(params![device, a, b], |r| r.get(0))?;
        if let Some(h) = head {
            out.push((a, h));
        }
    }
    Ok(out)
}

/// Writes a bundle file. Device-local bookkeeping only; no event is appended.
pub fn export(ctx: &Ctx<'_>, input: &ExportInput) -> Result<ExportReport> {
    let conn = ctx.conn;
    let me = log::require_local_device(conn)?;
    let status = system::status(conn)?;
    let site = system::this_site(conn)?;
    let now = ctx.now_ms();
    if me.last_seq > 0 {
        let h = log::sign_head(conn)?;
        conn.execute(
            "INSERT OR IGNORE INTO sync_head (device_id, seq, hash, signature) VALUES (?1, ?2, ?3, ?4)",
            params![h.device_id, h.seq, me.head_hash.to_vec(), hex::decode(&h.signature).unwrap_or_default()],
        )?;
    }
    let full = input.full.unwrap_or(false);
    let mut vector = if full {
        BTreeMap::new()
    } else {
        latest_export_vector(conn)?
    };

    // where the file goes
    let out = PathBuf::from(&input.out);
    let target = if out.is_dir() {
        let stamp = site.tz.datetime(now).format("%Y%m%d-%H%M%S");
        out.join(format!(
            "loket-{}-{}-{stamp}.loket",
            slug(&site.name),
            slug(status.device_name.as_deref().unwrap_or("device"))
        ))
    } else {
        out
    };
    if target.exists() {
        return Err(invalid(
            format!(
                "{} exists already; choose another name (nothing was written)",
                target.display()
            ),
            format!(
                "{} sudah ada; pilih nama lain (tidak ada yang ditulis)",
                target.display()
            ),
        ));
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(invalid(
            format!("the folder {} does not exist", dir.display()),
            format!("folder {} tidak ada", dir.display()),
        ));
    }

    // parts, each compressed into its own temporary file first (its size and hash go in the
    // manifest, which comes first in the bundle)
    let devices: Vec<String> = conn
        .prepare("SELECT DISTINCT device_id FROM events ORDER BY device_id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut parts: Vec<(PartInfo, tempfile::NamedTempFile)> = Vec::new();
    let mut holdings = BTreeMap::new();
    let mut total = 0i64;
    for device in &devices {
        let max: i64 = conn.query_row(
            "SELECT MAX(seq) FROM events WHERE device_id = ?1",
            params![device],
            |r| r.get(0),
        )?;
        holdings.insert(device.clone(), max);
        let after = vector.get(device).copied().unwrap_or(0);
        let Some(public_key) = public_key_of(conn, device)? else {
            continue;
        };
        for (from, to) in plan_runs(conn, device, after)? {
            let (hash, sig): (Vec<u8>, Vec<u8>) = conn.query_row(
                "SELECT hash, signature FROM sync_head WHERE device_id = ?1 AND seq = ?2",
                params![device, to],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let first_prev: Vec<u8> = conn.query_row(
                "SELECT prev_hash FROM events WHERE device_id = ?1 AND seq = ?2",
                params![device, from],
                |r| r.get(0),
            )?;
            let tmp = tempfile::NamedTempFile::new_in(dir)?;
            let mut w = PartWriter::new(BufWriter::new(tmp.reopen()?))?;
            let mut st = conn.prepare_cached(
                "SELECT body FROM events WHERE device_id = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq",
            )?;
            let mut rows = st.query(params![device, from, to])?;
            while let Some(r) = rows.next()? {
                w.add(r.get_ref(0)?.as_bytes().map_err(rusqlite::Error::from)?)?;
            }
            let (size, raw_size, sha256, mut inner) = w.finish()?;
            inner.flush()?;
            total += to - from + 1;
            parts.push((
                PartInfo {
                    device_id: device.clone(),
                    public_key: public_key.clone(),
                    from_seq: from,
                    to_seq: to,
                    first_prev: hex::encode(first_prev),
                    head_hash: hex::encode(hash),
                    head_signature: hex::encode(sig),
                    size,
                    raw_size,
                    sha256,
                },
                tmp,
            ));
            let v = vector.entry(device.clone()).or_insert(0);
            *v = (*v).max(to);
        }
    }
    let my_key = public_key_of(conn, &me.device_id)?.unwrap_or_default();
    let manifest = Manifest {
        format: bundle::FORMAT,
        bundle_id: ctx.env.new_uuid().to_string(),
        full,
        exporter: bundle::Exporter {
            device_id: me.device_id.clone(),
            public_key: my_key,
            name: status.device_name.clone().unwrap_or_default(),
            site: site.name.clone(),
        },
        exported_at_ms: now,
        exporter_hlc: me.hlc.0,
        vector: holdings,
        parts: parts.iter().map(|(p, _)| p.clone()).collect(),
    };
    let mbytes = serde_json::to_vec(&manifest).expect("manifest serialises");
    let sig = log::sign_hash(conn, 0, &log::sha256(&mbytes))?;
    let sig = hex::decode(&sig.signature).expect("hex");

    // The plain bundle first; encrypted in a second streaming pass when asked.
    let out_tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut sink = BufWriter::new(out_tmp.reopen()?);
        bundle::write_header(&mut sink, &mbytes, &sig)?;
        for (_, tmp) in &parts {
            let mut f = tmp.reopen()?;
            f.seek(SeekFrom::Start(0))?;
            std::io::copy(&mut f, &mut sink)?;
        }
        sink.flush()?;
    }
    let encrypted = match input.passphrase.as_deref() {
        Some("") => return Err(invalid("the passphrase is empty", "kata sandi kosong")),
        Some(_) => true,
        None => false,
    };
    let final_tmp = match input.passphrase.as_deref() {
        Some(p) => reencrypt(out_tmp, dir, p, ctx)?,
        None => out_tmp,
    };
    final_tmp.as_file().sync_all()?;
    let bytes = final_tmp.as_file().metadata()?.len();
    final_tmp
        .persist_noclobber(&target)
        .map_err(|e| Error::Io(e.error))?;
    conn.execute(
        "INSERT INTO sync_export (bundle_id, exported_ms, full, file, events, vector) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![manifest.bundle_id, now, full, target.display().to_string(), total, serde_json::to_string(&vector).expect("json")],
    )?;
    Ok(ExportReport {
        file: target.display().to_string(),
        bundle_id: manifest.bundle_id,
        full,
        encrypted,
        events: total,
        bytes,
        parts: manifest
            .parts
            .iter()
            .map(|p| PartSummary {
                device_id: p.device_id.clone(),
                from_seq: p.from_seq,
                to_seq: p.to_seq,
                events: p.to_seq - p.from_seq + 1,
            })
            .collect(),
    })
}

fn reencrypt(
    plain: tempfile::NamedTempFile,
    dir: &Path,
    pass: &str,
    ctx: &Ctx<'_>,
) -> Result<tempfile::NamedTempFile> {
    let out = tempfile::NamedTempFile::new_in(dir)?;
    let mut w = crypt::EncryptWriter::new(
        BufWriter::new(out.reopen()?),
        pass,
        ctx.env.random_bytes(),
        ctx.env.random_bytes(),
    )?;
    let mut r = BufReader::new(plain.reopen()?);
    std::io::copy(&mut r, &mut w)?;
    w.finish()?.flush()?;
    Ok(out)
}

pub struct Export;
impl Command for Export {
    const NAME: &'static str = "sync.export";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = ExportInput;
    type Output = ExportReport;
    fn run(ctx: &mut Ctx<'_>, i: ExportInput) -> Result<ExportReport> {
        export(ctx, &i)
    }
}

// ------------------------------------------------------------------------------- reading

fn open_bundle(path: &Path, pass: Option<&str>) -> Result<(Box<dyn Read + Send>, bool)> {
    let f = File::open(path).map_err(|e| {
        invalid(
            format!("cannot open {}: {e}", path.display()),
            format!("tidak dapat membuka {}: {e}", path.display()),
        )
    })?;
    let mut f = BufReader::with_capacity(1 << 18, f);
    let mut magic = [0u8; 8];
    let mut n = 0;
    while n < 8 {
        match f.read(&mut magic[n..])? {
            0 => break,
            k => n += k,
        }
    }
    if n == 8 && &magic == crypt::MAGIC {
        let Some(pass) = pass.filter(|p| !p.is_empty()) else {
            return Err(invalid(
                "the file is encrypted: give its passphrase (--passphrase-env VAR)",
                "berkas ini terenkripsi: berikan kata sandinya (--passphrase-env VAR)",
            ));
        };
        let r = crypt::DecryptReader::new(f, pass)?;
        return Ok((Box::new(BufReader::with_capacity(1 << 18, r)), true));
    }
    Ok((Box::new(Cursor::new(magic[..n].to_vec()).chain(f)), false))
}

// ------------------------------------------------------------------------------- import

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ImportInput {
    pub file: String,
    #[ts(optional)]
    pub passphrase: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct DeviceImport {
    pub device_id: String,
    pub name: Option<String>,
    pub new_events: i64,
    pub known_events: i64,
    pub conflicts: i64,
    pub quarantined: i64,
    pub clock_suspect: i64,
    /// Estimated clock skew of this device in seconds (positive: ahead), when measurable.
    pub skew_s: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub file: String,
    pub bundle_id: String,
    pub exporter: String,
    pub exporter_name: String,
    pub exported_at: String,
    pub encrypted: bool,
    /// This bundle was imported here before (applying it again changed nothing).
    pub seen_before: bool,
    pub new_events: i64,
    pub known_events: i64,
    pub conflicts: i64,
    pub quarantined: i64,
    pub devices: Vec<DeviceImport>,
}

struct Importer<'c> {
    conn: &'c Connection,
    /// [`log::INSERT_EVENT_SQL`], held for the whole import.
    insert: rusqlite::CachedStatement<'c>,
    wall: i64,
    max_hlc: Hlc,
    per: BTreeMap<String, DeviceImport>,
    clones: HashMap<String, i64>,
    refold: bool,
    key_checked: HashMap<String, bool>,
    /// Per device: the highest seq held and the hash of the event this import inserted last,
    /// so events arriving in chain order need no neighbour lookups.
    tails: HashMap<String, Tail>,
    /// New events stored but not folded yet, and the device of each.
    batch: fold::Batch,
    /// Per event in `batch`: its device, as a position in `batch_names`.
    batch_devices: Vec<u32>,
    batch_names: Vec<String>,
}

/// How many new events an import folds at once: enough that the events of one record (a
/// ticket's issue, call, start and finish) usually meet in one batch, few enough to keep
/// memory flat.
const FOLD_BATCH: usize = 4096;

#[derive(Clone)]
struct Tail {
    max_seq: i64,
    last: Option<(i64, [u8; 32])>,
}

impl Importer<'_> {
    fn check_key(&mut self, part: &PartInfo) -> Result<()> {
        if self.key_checked.contains_key(&part.device_id) {
            return Ok(());
        }
        if let Some(k) = public_key_of(self.conn, &part.device_id)? {
            if k != part.public_key {
                return Err(invalid(
                    format!("events claim to come from device {} but are signed with another key than the one known for it (forged)", part.device_id),
                    format!("kejadian mengaku berasal dari perangkat {} tetapi ditandatangani dengan kunci lain dari yang dikenal (dipalsukan)", part.device_id),
                ));
            }
        }
        self.key_checked.insert(part.device_id.clone(), true);
        Ok(())
    }

    fn quarantine(&self, device: &str, seq: i64, hash: &[u8], body: &[u8]) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO sync_quarantine (device_id, seq, hash, body, detected_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![device, seq, hash, body, self.wall],
        )?;
        Ok(())
    }

    /// Folds the events stored since the last flush and counts their conflicts.
    fn flush(&mut self) -> Result<()> {
        let conflicts = self.batch.flush(self.conn)?;
        for (device, c) in self.batch_devices.drain(..).zip(conflicts) {
            if c > 0 {
                let device = self.batch_names[device as usize].clone();
                self.per.entry(device).or_default().conflicts += c as i64;
            }
        }
        Ok(())
    }

    /// A device id with two histories: keep every event of it from `from` on aside.
    fn fork(&mut self, device: &str, from: i64) -> Result<()> {
        // what is stored so far is folded before events leave the log
        self.flush()?;
        let from = match self.clones.get(device) {
            Some(&f) => f.min(from),
            None => from,
        };
        self.conn.execute(
            "INSERT INTO sync_clone (device_id, from_seq, detected_ms) VALUES (?1, ?2, ?3)
             ON CONFLICT (device_id) DO UPDATE SET from_seq = MIN(from_seq, excluded.from_seq)",
            params![device, from, self.wall],
        )?;
        self.conn.execute(
            "INSERT OR IGNORE INTO sync_quarantine (device_id, seq, hash, body, detected_ms)
             SELECT device_id, seq, hash, body, ?3 FROM events WHERE device_id = ?1 AND seq >= ?2",
            params![device, from, self.wall],
        )?;
        let moved = self.conn.execute(
            "DELETE FROM events WHERE device_id = ?1 AND seq >= ?2",
            params![device, from],
        )?;
        self.per.entry(device.to_string()).or_default().quarantined += moved as i64;
        self.clones.insert(device.to_string(), from);
        self.tails.remove(device);
        self.refold = true;
        Ok(())
    }

    /// The position of `device` in `batch_names` (the events of a part share one device).
    fn batch_name(&mut self, device: &str) -> u32 {
        if let Some(i) = self.batch_names.iter().rposition(|d| d == device) {
            return i as u32;
        }
        self.batch_names.push(device.to_string());
        (self.batch_names.len() - 1) as u32
    }

    /// The import's figures for `device` (created on first use without a key copy per event).
    fn per_device(&mut self, device: &str) -> &mut DeviceImport {
        if !self.per.contains_key(device) {
            self.per.insert(device.to_string(), DeviceImport::default());
        }
        self.per.get_mut(device).expect("just inserted")
    }

    fn tail(&mut self, device: &str) -> Result<Tail> {
        if let Some(t) = self.tails.get(device) {
            return Ok(t.clone());
        }
        let max_seq: i64 = self.conn.query_row(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE device_id = ?1",
            params![device],
            |r| r.get(0),
        )?;
        let t = Tail {
            max_seq,
            last: None,
        };
        self.tails.insert(device.to_string(), t.clone());
        Ok(t)
    }

    fn event(&mut self, part: &PartInfo, ev: ReadEvent) -> Result<()> {
        self.check_key(part)?;
        let device = ev.body.device.as_str();
        let seq = ev.body.seq as i64;
        if self.clones.get(device).is_some_and(|&f| seq >= f) {
            self.quarantine(device, seq, &ev.hash, &ev.bytes)?;
            self.per_device(device).quarantined += 1;
            return Ok(());
        }
        let tail = self.tail(device)?;
        // Beyond the highest seq held: not known yet and nothing after it.
        let beyond = seq > tail.max_seq;
        let existing: Option<Vec<u8>> = if beyond {
            None
        } else {
            self.conn
                .prepare_cached("SELECT hash FROM events WHERE device_id = ?1 AND seq = ?2")?
                .query_row(params![device, seq], |r| r.get(0))
                .optional()?
        };
        match existing {
            Some(h) if h.as_slice() == ev.hash.as_slice() => {
                self.per_device(device).known_events += 1;
                return Ok(());
            }
            Some(_) => {
                self.fork(device, seq)?;
                self.quarantine(device, seq, &ev.hash, &ev.bytes)?;
                self.per_device(device).quarantined += 1;
                return Ok(());
            }
            None => {}
        }
        // the neighbours we hold must link to this event
        let before: Option<Vec<u8>> = match tail.last {
            Some((s, h)) if s == seq - 1 => Some(h.to_vec()),
            _ => self
                .conn
                .prepare_cached("SELECT hash FROM events WHERE device_id = ?1 AND seq = ?2")?
                .query_row(params![device, seq - 1], |r| r.get(0))
                .optional()?,
        };
        let after: Option<Vec<u8>> = if beyond {
            None
        } else {
            self.conn
                .prepare_cached("SELECT prev_hash FROM events WHERE device_id = ?1 AND seq = ?2")?
                .query_row(params![device, seq + 1], |r| r.get(0))
                .optional()?
        };
        let breaks_before = before.is_some_and(|h| h.as_slice() != ev.prev.as_slice());
        let breaks_after = after.is_some_and(|p| p.as_slice() != ev.hash.as_slice());
        if breaks_before || breaks_after {
            self.fork(device, if breaks_before { seq - 1 } else { seq })?;
            self.quarantine(device, seq, &ev.hash, &ev.bytes)?;
            self.per_device(device).quarantined += 1;
            return Ok(());
        }
        log::insert_event_with(&mut self.insert, &ev.body, &ev.bytes, &ev.hash, &ev.prev)?;
        let new_tail = Tail {
            max_seq: tail.max_seq.max(seq),
            last: Some((seq, ev.hash)),
        };
        match self.tails.get_mut(device) {
            Some(t) => *t = new_tail,
            None => {
                self.tails.insert(device.to_string(), new_tail);
            }
        }
        let ms = ev.body.hlc.ms() as i64;
        let hlc = ev.body.hlc;
        let name = self.batch_name(device);
        self.batch_devices.push(name);
        let suspect = ms > self.wall + MAX_DRIFT_MS as i64;
        let d = self.per_device(device);
        d.new_events += 1;
        if suspect {
            d.clock_suspect += 1;
            self.conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO sync_clock_suspect (device_id, seq) VALUES (?1, ?2)",
                )?
                .execute(params![device, seq])?;
        }
        self.batch.push(ev.body);
        self.max_hlc = self.max_hlc.max(hlc);
        if self.batch.len() >= FOLD_BATCH {
            self.flush()?;
        }
        Ok(())
    }
}

static SECOND_THREAD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Lets `sync.import` read the file on a second thread (see [`read_pipelined`]). For a process
/// whose allocator frees cheaply across threads (the `loket` CLI runs mimalloc): with glibc's
/// malloc the events parsed on one thread and freed on the other make the import slower than
/// on one thread, and mimalloc cost the desktop 13 MiB of memory (over its goal), so the
/// desktop imports on one thread. Both ways give the same result (tests run both).
pub fn import_on_second_thread(on: bool) {
    SECOND_THREAD.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// How many read events may wait between the reading thread and the database.
const PIPELINE_DEPTH: usize = 256;

/// [`bundle::read_parts`] on a second thread: decrypting, decompressing, hashing and parsing the
/// file overlap with storing and folding what was read (a PC has two cores at least). At most
/// [`PIPELINE_DEPTH`] events wait, so memory stays flat. An error on either side stops both;
/// the reader's own error (a damaged file) is returned after the events read before it.
fn read_pipelined(
    r: &mut (dyn Read + Send),
    manifest: &bundle::Manifest,
    mut visit: impl FnMut(&bundle::PartInfo, bundle::ReadEvent) -> Result<()>,
) -> Result<()> {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, bundle::ReadEvent)>(PIPELINE_DEPTH);
        let reader = scope.spawn(move || {
            let mut last = 0usize;
            let mut r = r;
            bundle::read_parts(&mut r, manifest, |part, ev| {
                if !std::ptr::eq(&manifest.parts[last], part) {
                    last = manifest
                        .parts
                        .iter()
                        .position(|p| std::ptr::eq(p, part))
                        .expect("a part of this manifest");
                }
                // the receiver is gone only when the database side failed: stop reading
                tx.send((last, ev))
                    .map_err(|_| Error::Corrupt("the import stopped".into()))
            })
        });
        let mut stored = Ok(());
        for (i, ev) in rx.iter() {
            if let Err(e) = visit(&manifest.parts[i], ev) {
                stored = Err(e);
                break;
            }
        }
        drop(rx);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(Error::Corrupt("the bundle reader stopped".into())));
        match (stored, read) {
            (Err(e), _) => Err(e),
            (Ok(()), read) => read,
        }
    })
}

/// Imports one bundle file inside the caller's transaction. On any error nothing is kept
/// (the transaction is rolled back, local clock included).
pub fn import(ctx: &Ctx<'_>, input: &ImportInput) -> Result<ImportReport> {
    let conn = ctx.conn;
    let me = log::require_local_device(conn)?;
    let path = Path::new(&input.file);
    let (mut r, encrypted) = open_bundle(path, input.passphrase.as_deref())?;
    let (manifest, _sig) = bundle::read_header(&mut r)?;
    let exporter = &manifest.exporter;
    if let Some(k) = public_key_of(conn, &exporter.device_id)? {
        if k != exporter.public_key {
            return Err(invalid(
                format!("the file says it was exported by device {} but is signed with another key (forged)", exporter.device_id),
                format!("berkas mengaku diekspor oleh perangkat {} tetapi ditandatangani dengan kunci lain (dipalsukan)", exporter.device_id),
            ));
        }
    }
    let wall = ctx.now_ms();
    let seen_before: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sync_import WHERE bundle_id = ?1)",
        params![manifest.bundle_id],
        |r| r.get(0),
    )?;
    let clones: HashMap<String, i64> = conn
        .prepare("SELECT device_id, from_seq FROM sync_clone")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut imp = Importer {
        conn,
        insert: conn.prepare_cached(log::INSERT_EVENT_SQL)?,
        wall,
        max_hlc: Hlc(0),
        per: BTreeMap::new(),
        clones,
        refold: false,
        key_checked: HashMap::new(),
        tails: HashMap::new(),
        batch: fold::Batch::new(),
        batch_devices: Vec::new(),
        batch_names: Vec::new(),
    };
    if SECOND_THREAD.load(std::sync::atomic::Ordering::Relaxed) {
        read_pipelined(&mut r, &manifest, |part, ev| imp.event(part, ev))?;
    } else {
        bundle::read_parts(&mut r, &manifest, |part, ev| imp.event(part, ev))?;
    }
    imp.flush()?;
    if imp.refold {
        fold::rebuild(conn)?;
    }
    // signed heads, keys, what we learnt about each device's clock
    for p in &manifest.parts {
        if imp.clones.get(&p.device_id).is_some_and(|&f| p.to_seq >= f) {
            continue;
        }
        conn.execute(
            "INSERT OR IGNORE INTO sync_head (device_id, seq, hash, signature) VALUES (?1, ?2, ?3, ?4)",
            params![
                p.device_id,
                p.to_seq,
                hex::decode(&p.head_hash).unwrap_or_default(),
                hex::decode(&p.head_signature).unwrap_or_default()
            ],
        )?;
        conn.execute(
            "INSERT INTO sync_device (device_id, public_key, last_import_ms) VALUES (?1, ?2, ?3)
             ON CONFLICT (device_id) DO UPDATE SET public_key = excluded.public_key, last_import_ms = excluded.last_import_ms",
            params![p.device_id, p.public_key, wall],
        )?;
    }
    let skew = manifest.exported_at_ms - wall;
    conn.execute(
        "INSERT INTO sync_device (device_id, public_key, last_import_ms, skew_ms, skew_source) VALUES (?1, ?2, ?3, ?4, 'export')
         ON CONFLICT (device_id) DO UPDATE SET public_key = excluded.public_key, skew_ms = excluded.skew_ms, skew_source = 'export'",
        params![exporter.device_id, exporter.public_key, wall, skew],
    )?;
    for (dev, d) in imp.per.iter_mut() {
        if dev == &exporter.device_id {
            d.skew_s = Some(skew / 1000);
        }
        if d.clock_suspect > 0 {
            conn.execute(
                "UPDATE sync_device SET suspect_events = suspect_events + ?2 WHERE device_id = ?1",
                params![dev, d.clock_suspect],
            )?;
        }
        d.name = conn
            .query_row(
                "SELECT name FROM p_device WHERE id = ?1",
                params![dev],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
    }
    // our own events relayed back to us (e.g. after restoring this PC from an older copy)
    let own_max: i64 = conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) FROM events WHERE device_id = ?1",
        params![me.device_id],
        |r| r.get(0),
    )?;
    if own_max > me.last_seq {
        let (count, head): (i64, Vec<u8>) = conn.query_row(
            "SELECT (SELECT COUNT(*) FROM events WHERE device_id = ?1), (SELECT hash FROM events WHERE device_id = ?1 AND seq = ?2)",
            params![me.device_id, own_max],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if count == own_max {
            conn.execute(
                "UPDATE local_device SET last_seq = ?1, head_hash = ?2 WHERE id = 1",
                params![own_max, head],
            )?;
        }
    }
    // the local clock moves forward, never beyond the allowed drift (inside this transaction)
    let (clock, _) = me.hlc.observe(imp.max_hlc, wall);
    conn.execute(
        "UPDATE local_device SET hlc = MAX(hlc, ?1) WHERE id = 1",
        params![clock.0 as i64],
    )?;
    let (new_events, known_events, conflicts, quarantined) =
        imp.per.values().fold((0, 0, 0, 0), |a, d| {
            (
                a.0 + d.new_events,
                a.1 + d.known_events,
                a.2 + d.conflicts,
                a.3 + d.quarantined,
            )
        });
    conn.execute(
        "INSERT INTO sync_import (bundle_id, imported_ms, file, exporter, exported_ms, new_events, known_events)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![manifest.bundle_id, wall, input.file, exporter.device_id, manifest.exported_at_ms, new_events, known_events],
    )?;
    let tz = system::this_site(conn)?.tz;
    Ok(ImportReport {
        file: input.file.clone(),
        bundle_id: manifest.bundle_id.clone(),
        exporter: exporter.device_id.clone(),
        exporter_name: exporter.name.clone(),
        exported_at: tz.format_iso(manifest.exported_at_ms),
        encrypted,
        seen_before,
        new_events,
        known_events,
        conflicts,
        quarantined,
        devices: imp
            .per
            .into_iter()
            .map(|(k, mut d)| {
                d.device_id = k;
                d
            })
            .collect(),
    })
}

pub struct Import;
impl Command for Import {
    const NAME: &'static str = "sync.import";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = true;
    type Input = ImportInput;
    type Output = ImportReport;
    fn run(ctx: &mut Ctx<'_>, i: ImportInput) -> Result<ImportReport> {
        import(ctx, &i)
    }
}

// ------------------------------------------------------------------------------- verify

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct VerifyReport {
    pub file: String,
    pub bundle_id: String,
    pub format: u32,
    pub encrypted: bool,
    pub full: bool,
    pub exporter: String,
    pub exporter_name: String,
    pub site: String,
    pub exported_at: String,
    pub events: i64,
    /// Of those, how many this PC does not hold yet.
    pub new_events: i64,
    pub parts: Vec<PartSummary>,
}

pub fn verify(ctx: &Ctx<'_>, input: &ImportInput) -> Result<VerifyReport> {
    let conn = ctx.conn;
    let (mut r, encrypted) = open_bundle(Path::new(&input.file), input.passphrase.as_deref())?;
    let (manifest, _) = bundle::read_header(&mut r)?;
    let mut events = 0i64;
    let mut new_events = 0i64;
    let mut checked: HashMap<String, ()> = HashMap::new();
    bundle::read_parts(&mut r, &manifest, |part, ev| {
        if !checked.contains_key(&part.device_id) {
            if let Some(k) = public_key_of(conn, &part.device_id)? {
                if k != part.public_key {
                    return Err(invalid(
                        format!("events claim to come from device {} but are signed with another key (forged)", part.device_id),
                        format!("kejadian mengaku berasal dari perangkat {} tetapi ditandatangani dengan kunci lain (dipalsukan)", part.device_id),
                    ));
                }
            }
            checked.insert(part.device_id.clone(), ());
        }
        events += 1;
        let known: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM events WHERE device_id = ?1 AND seq = ?2)",
            )?
            .query_row(params![ev.body.device, ev.body.seq as i64], |r| r.get(0))?;
        if !known {
            new_events += 1;
        }
        Ok(())
    })?;
    let tz = system::this_site(conn)?.tz;
    Ok(VerifyReport {
        file: input.file.clone(),
        bundle_id: manifest.bundle_id.clone(),
        format: manifest.format,
        encrypted,
        full: manifest.full,
        exporter: manifest.exporter.device_id.clone(),
        exporter_name: manifest.exporter.name.clone(),
        site: manifest.exporter.site.clone(),
        exported_at: tz.format_iso(manifest.exported_at_ms),
        events,
        new_events,
        parts: manifest
            .parts
            .iter()
            .map(|p| PartSummary {
                device_id: p.device_id.clone(),
                from_seq: p.from_seq,
                to_seq: p.to_seq,
                events: p.to_seq - p.from_seq + 1,
            })
            .collect(),
    })
}

pub struct Verify;
impl Command for Verify {
    const NAME: &'static str = "sync.verify";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = false;
    type Input = ImportInput;
    type Output = VerifyReport;
    fn run(ctx: &mut Ctx<'_>, i: ImportInput) -> Result<VerifyReport> {
        verify(ctx, &i)
    }
}

// ------------------------------------------------------------------------------- probe

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProbeInput {
    /// Files and folders (e.g. dropped on the window); a folder means its `*.loket` files.
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProbedFile {
    pub file: String,
    /// The file starts like a passphrase-encrypted bundle: ask for the passphrase first.
    pub encrypted: bool,
    /// Its size, or null when it cannot be read (import then says why).
    pub bytes: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProbeReport {
    pub files: Vec<ProbedFile>,
    /// Folders given that hold no `.loket` file.
    pub empty_folders: Vec<String>,
}

/// Expands folders to their `*.loket` files (sorted by name) and tells which files are
/// encrypted, without reading more than their first bytes. Changes nothing.
pub fn probe(input: &ProbeInput) -> ProbeReport {
    let mut files = Vec::new();
    let mut empty_folders = Vec::new();
    for raw in &input.paths {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let path = Path::new(raw);
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|rd| {
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|f| {
                            f.is_file()
                                && f.extension()
                                    .is_some_and(|x| x.eq_ignore_ascii_case("loket"))
                        })
                        .collect()
                })
                .unwrap_or_default();
            if found.is_empty() {
                empty_folders.push(raw.to_string());
            }
            found.sort();
            for f in &found {
                files.push(probe_file(f));
            }
        } else {
            files.push(probe_file(path));
        }
    }
    ProbeReport {
        files,
        empty_folders,
    }
}

fn probe_file(path: &Path) -> ProbedFile {
    let mut magic = [0u8; 8];
    let opened = File::open(path).and_then(|mut f| {
        let len = f.metadata()?.len();
        let mut n = 0;
        while n < 8 {
            match f.read(&mut magic[n..])? {
                0 => break,
                k => n += k,
            }
        }
        Ok((len, n))
    });
    let (bytes, encrypted) = match opened {
        Ok((len, n)) => (Some(len as i64), n == 8 && &magic == crypt::MAGIC),
        Err(_) => (None, false),
    };
    ProbedFile {
        file: path.display().to_string(),
        encrypted,
        bytes,
    }
}

/// `sync.probe`: what the desktop asks before importing dropped or picked paths.
pub struct Probe;
impl Command for Probe {
    const NAME: &'static str = "sync.probe";
    const PERM: Perm = Perm::Desk;
    const MUTATES: bool = false;
    type Input = ProbeInput;
    type Output = ProbeReport;
    fn run(_: &mut Ctx<'_>, i: ProbeInput) -> Result<ProbeReport> {
        Ok(probe(&i))
    }
}

// ------------------------------------------------------------------------------- devices

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeviceView {
    pub device_id: String,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub site: Option<String>,
    /// Highest event number held from this device.
    pub last_seq: i64,
    /// Time of its last event (by its own clock), in this site's zone.
    pub last_seen: Option<String>,
    /// Estimated clock skew in seconds (positive: ahead of this PC), when measurable.
    pub skew_s: Option<i64>,
    pub skew_source: Option<String>,
    pub last_import: Option<String>,
    pub this_device: bool,
    /// The clock looks wrong (too far ahead or behind, or events beyond the allowed drift).
    pub clock_warning: bool,
    pub clock_suspect_events: i64,
    /// Two histories were seen under this device id (a cloned disk or restored backup).
    pub cloned: bool,
    pub quarantined: i64,
    /// Some of its events are missing here (a file not imported yet).
    pub gaps: bool,
}

pub fn devices(conn: &Connection) -> Result<Vec<DeviceView>> {
    let me = log::require_local_device(conn)?;
    let tz = system::this_site(conn)?.tz;
    let mut st = conn.prepare(
        "WITH ids AS (SELECT id AS device_id FROM p_device UNION SELECT DISTINCT device_id FROM events
                      UNION SELECT device_id FROM sync_clone)
         SELECT ids.device_id, d.name, d.kind, s.name,
                (SELECT MAX(seq) FROM events e WHERE e.device_id = ids.device_id),
                (SELECT COUNT(*) FROM events e WHERE e.device_id = ids.device_id),
                (SELECT MAX(hlc) FROM events e WHERE e.device_id = ids.device_id),
                sd.skew_ms, sd.skew_source, sd.last_import_ms, COALESCE(sd.suspect_events, 0),
                (SELECT from_seq FROM sync_clone c WHERE c.device_id = ids.device_id),
                (SELECT COUNT(*) FROM sync_quarantine q WHERE q.device_id = ids.device_id)
         FROM ids LEFT JOIN p_device d ON d.id = ids.device_id
                  LEFT JOIN p_site s ON s.id = d.site
                  LEFT JOIN sync_device sd ON sd.device_id = ids.device_id
         ORDER BY s.name, d.name, ids.device_id",
    )?;
    let rows = st.query_map([], |r| {
        let id: String = r.get(0)?;
        let last_seq: Option<i64> = r.get(4)?;
        let count: i64 = r.get(5)?;
        let hlc: Option<i64> = r.get(6)?;
        let skew_ms: Option<i64> = r.get(7)?;
        let suspect: i64 = r.get(10)?;
        let cloned: Option<i64> = r.get(11)?;
        Ok(DeviceView {
            this_device: id == me.device_id,
            device_id: id,
            name: r.get(1)?,
            kind: r.get(2)?,
            site: r.get(3)?,
            last_seq: last_seq.unwrap_or(0),
            last_seen: hlc.map(|h| tz.format_iso(Hlc(h as u64).ms() as i64)),
            skew_s: skew_ms.map(|s| s / 1000),
            skew_source: r.get(8)?,
            last_import: r.get::<_, Option<i64>>(9)?.map(|ms| tz.format_iso(ms)),
            clock_warning: suspect > 0
                || skew_ms.is_some_and(|s| !(-BEHIND_WARN_MS..=AHEAD_WARN_MS).contains(&s)),
            clock_suspect_events: suspect,
            cloned: cloned.is_some(),
            quarantined: r.get(12)?,
            gaps: last_seq.is_some_and(|m| m != count),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub struct Devices;
impl Command for Devices {
    const NAME: &'static str = "sync.devices";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = Vec<DeviceView>;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<Vec<DeviceView>> {
        devices(ctx.conn)
    }
}

// ------------------------------------------------------------------------------- conflicts

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ConflictView {
    /// Stable id of the conflict (entity, id and field).
    pub id: String,
    pub entity: String,
    pub entity_id: String,
    pub field: String,
    /// The concurrent values, as JSON.
    pub values: Vec<serde_json::Value>,
    /// The value shown until someone picks: the write with the highest clock.
    pub default: serde_json::Value,
}

fn conflict_id(entity: &str, id: &str, field: &str) -> String {
    let h = log::sha256(format!("{entity}\0{id}\0{field}").as_bytes());
    hex::encode(&h[..6])
}

pub fn conflicts(conn: &Connection) -> Result<Vec<ConflictView>> {
    let mut st = conn.prepare(
        "SELECT entity, entity_id, field FROM reg_write GROUP BY entity, entity_id, field
         HAVING COUNT(DISTINCT value) > 1 ORDER BY entity, entity_id, field",
    )?;
    let keys: Vec<(String, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (entity, entity_id, field) in keys {
        let mut vs = conn.prepare_cached(
            "SELECT value FROM reg_write WHERE entity = ?1 AND entity_id = ?2 AND field = ?3
             ORDER BY hlc DESC, device_id DESC, seq DESC",
        )?;
        let values: Vec<String> = vs
            .query_map(params![entity, entity_id, field], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let parse = |v: &String| serde_json::from_str(v).unwrap_or(serde_json::Value::Null);
        let mut distinct: Vec<serde_json::Value> = Vec::new();
        for v in &values {
            let v = parse(v);
            if !distinct.contains(&v) {
                distinct.push(v);
            }
        }
        out.push(ConflictView {
            id: conflict_id(&entity, &entity_id, &field),
            default: distinct[0].clone(),
            values: distinct,
            entity,
            entity_id,
            field,
        });
    }
    Ok(out)
}

pub struct Conflicts;
impl Command for Conflicts {
    const NAME: &'static str = "sync.conflicts";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = Vec<ConflictView>;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<Vec<ConflictView>> {
        conflicts(ctx.conn)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConflictPickInput {
    pub id: String,
    /// One of the conflict's values: its text for text values, else its JSON.
    pub value: String,
}

/// `sync.conflict_pick`: a supervisor's choice, written as a new event that replaces every
/// concurrent value, so it wins on every device that receives it.
pub struct ConflictPick;
impl Command for ConflictPick {
    const NAME: &'static str = "sync.conflict_pick";
    const PERM: Perm = Perm::Review;
    const MUTATES: bool = true;
    type Input = ConflictPickInput;
    type Output = ConflictView;
    fn run(ctx: &mut Ctx<'_>, i: ConflictPickInput) -> Result<ConflictView> {
        let all = conflicts(ctx.conn)?;
        let c = all
            .into_iter()
            .find(|c| c.id == i.id.trim())
            .ok_or_else(|| {
                invalid(
                    format!("there is no open conflict {}; see `loket conflicts`", i.id),
                    format!(
                        "tidak ada konflik terbuka {}; lihat `loket conflicts`",
                        i.id
                    ),
                )
            })?;
        let chosen = c
            .values
            .iter()
            .find(|v| match v {
                serde_json::Value::String(s) => s == &i.value,
                other => other.to_string() == i.value,
            })
            .cloned()
            .ok_or_else(|| {
                let opts: Vec<String> = c.values.iter().map(|v| v.to_string()).collect();
                invalid(
                    format!(
                        "{:?} is not one of the values of this conflict: {}",
                        i.value,
                        opts.join(", ")
                    ),
                    format!(
                        "{:?} bukan salah satu nilai konflik ini: {}",
                        i.value,
                        opts.join(", ")
                    ),
                )
            })?;
        ctx.write(
            &c.entity,
            &c.entity_id,
            vec![(c.field.as_str(), chosen.clone())],
        )?;
        Ok(ConflictView {
            values: vec![chosen.clone()],
            default: chosen,
            ..c
        })
    }
}
