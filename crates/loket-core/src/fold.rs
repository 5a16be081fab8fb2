//! Folding events into state. For every field an event writes, the surviving values are the
//! writes that no other write of that field replaces (names in its `pred`). The projection
//! column takes the survivor with the highest (hlc, device, seq); several survivors with
//! different values are a conflict, kept and shown. The result depends only on the set of
//! events, never on the order they arrived in, so a rebuild gives the same fingerprint.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::log::{EventBody, EVENT_VERSION};
use crate::schema::{entity, ENTITIES};

fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// One register write (`?1` entity … `?7` value), as `apply`, `apply_local` and `Batch` store it.
const INSERT_WRITE_SQL: &str = "INSERT OR IGNORE INTO reg_write
       (entity, entity_id, field, device_id, seq, hlc, value)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
/// Deletes one register write by its primary key (`?1` entity, `?2` id, `?3` field,
/// `?4` device, `?5` seq).
const DELETE_WRITE_SQL: &str = "DELETE FROM reg_write
      WHERE entity = ?1 AND entity_id = ?2 AND field = ?3 AND device_id = ?4 AND seq = ?5";
/// Remembers one replacement of a write not held yet (same parameters as [`DELETE_WRITE_SQL`]).
const INSERT_REPLACED_SQL: &str =
    "INSERT OR IGNORE INTO reg_replaced (entity, entity_id, field, device_id, seq)
     VALUES (?1, ?2, ?3, ?4, ?5)";

/// Inserts the event's writes of `fields` into `reg_write` (one cached statement, a row a
/// field).
fn insert_writes(conn: &Connection, ev: &EventBody, fields: &[(&String, &Value)]) -> Result<()> {
    let mut st = conn.prepare_cached(INSERT_WRITE_SQL)?;
    for (f, v) in fields {
        st.execute(params![
            ev.entity,
            ev.id,
            f,
            ev.device,
            ev.seq as i64,
            ev.hlc.0 as i64,
            v.to_string()
        ])?;
    }
    Ok(())
}

/// `?first, ?first+1, ...` for an `IN (...)` list of `n` parameters.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How [`apply`] may learn whether an event named in a `pred` has been folded already.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    /// Every event in the `events` table has been folded (ingest, local writes).
    MeansFolded,
    /// The table holds events not folded yet (`rebuild`): remember every replacement.
    Unknown,
    /// Every named event is held and folded: this device's own write names only surviving
    /// writes, which exist only for folded events (`apply_local`).
    Always,
}

/// The writes of `fields` by the named events are replaced by `ev`. A named event this
/// database has already folded can never arrive again, so its writes are simply deleted; for
/// one not yet folded, the replacement is remembered in `reg_replaced` so that its writes are
/// born replaced when it arrives (in any order).
fn replace_preds(conn: &Connection, ev: &EventBody, fields: &[&String], held: Held) -> Result<()> {
    if fields.is_empty() {
        return Ok(());
    }
    for p in ev.pred_refs() {
        let (pd, ps) = p?;
        let folded: bool = held == Held::Always
            || held == Held::MeansFolded
                && conn
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM events WHERE device_id = ?1 AND seq = ?2)",
                    )?
                    .query_row(params![pd, ps], |r| r.get(0))?;
        if folded || held == Held::Unknown {
            // point deletes by the primary key (an IN list builds a temporary b-tree each time)
            let mut del = conn.prepare_cached(DELETE_WRITE_SQL)?;
            for f in fields {
                del.execute(params![ev.entity, ev.id, f, pd, ps])?;
            }
        }
        if !folded {
            let mut ins = conn.prepare_cached(INSERT_REPLACED_SQL)?;
            for f in fields {
                ins.execute(params![ev.entity, ev.id, f, pd, ps])?;
            }
        }
    }
    Ok(())
}

thread_local! {
    /// The text of the last projection upsert, rebuilt in place (no allocation per call).
    static UPSERT_SQL: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Writes the projection row `id` with the given column values (inserting it if new).
fn upsert_projection(
    conn: &Connection,
    table: &str,
    id: &str,
    cols: &[(&str, SqlValue)],
) -> Result<()> {
    use std::fmt::Write;
    UPSERT_SQL.with(|sql| {
        let mut sql = sql.borrow_mut();
        sql.clear();
        let _ = write!(sql, "INSERT INTO {table} (id");
        for (f, _) in cols {
            let _ = write!(sql, ", {f}");
        }
        sql.push_str(") VALUES (?1");
        for i in 0..cols.len() {
            let _ = write!(sql, ", ?{}", i + 2);
        }
        sql.push_str(") ON CONFLICT (id) DO ");
        if cols.is_empty() {
            sql.push_str("NOTHING");
        } else {
            sql.push_str("UPDATE SET ");
            for (i, (f, _)) in cols.iter().enumerate() {
                let sep = if i > 0 { ", " } else { "" };
                let _ = write!(sql, "{sep}{f} = excluded.{f}");
            }
        }
        let params = std::iter::once(&id as &dyn rusqlite::ToSql)
            .chain(cols.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        conn.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(params))?;
        Ok(())
    })
}

/// Folds one stored event into the register state and the projections. Returns how many of
/// its field writes now stand beside a different concurrent value (conflicts). Every other
/// event in the `events` table must have been folded already (as `log::ingest` and the sync
/// import do).
pub fn apply(conn: &Connection, ev: &EventBody) -> Result<u32> {
    apply_held(conn, ev, Held::MeansFolded)
}

fn apply_held(conn: &Connection, ev: &EventBody, held: Held) -> Result<u32> {
    if ev.v > EVENT_VERSION {
        // Kept in the log; folded by a build that understands it (after `rebuild`).
        return Ok(0);
    }
    let def = entity(&ev.entity);
    let fields: Vec<&String> = ev.fields.keys().collect();
    // Writes of this event that an event folded earlier already replaced.
    let replaced: Vec<String> = conn
        .prepare_cached(
            "SELECT field FROM reg_replaced WHERE entity = ?1 AND entity_id = ?2
               AND device_id = ?3 AND seq = ?4",
        )?
        .query_map(params![ev.entity, ev.id, ev.device, ev.seq as i64], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    let surviving: Vec<(&String, &Value)> = ev
        .fields
        .iter()
        .filter(|(f, _)| !replaced.contains(f))
        .collect();
    insert_writes(conn, ev, &surviving)?;
    replace_preds(conn, ev, &fields, held)?;
    let Some(def) = def else {
        return Ok(0);
    };
    // The survivors of every projected field this event writes, best first per field.
    let projected: Vec<&String> = fields.into_iter().filter(|f| def.has_field(f)).collect();
    let mut cols: Vec<(&str, SqlValue)> = Vec::with_capacity(projected.len());
    let mut conflicts = 0;
    if !projected.is_empty() {
        let mut args: Vec<SqlValue> = vec![
            SqlValue::Text(ev.entity.clone()),
            SqlValue::Text(ev.id.clone()),
        ];
        args.extend(projected.iter().map(|f| SqlValue::Text((*f).clone())));
        let survivors: Vec<(String, String)> = conn
            .prepare_cached(&format!(
                "SELECT field, value FROM reg_write WHERE entity = ?1 AND entity_id = ?2
                   AND field IN ({}) ORDER BY field, hlc DESC, device_id DESC, seq DESC",
                placeholders(3, projected.len())
            ))?
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for f in projected {
            let mine = || survivors.iter().filter(|(sf, _)| sf == f);
            let winner = mine()
                .next()
                .and_then(|(_, w)| serde_json::from_str::<Value>(w).ok())
                .unwrap_or(Value::Null);
            let first = mine().next().map(|(_, v)| v);
            if !replaced.contains(f) && mine().any(|(_, v)| Some(v) != first) {
                conflicts += 1;
            }
            cols.push((f.as_str(), to_sql(&winner)));
        }
    }
    upsert_projection(conn, def.table, &ev.id, &cols)?;
    Ok(conflicts)
}

/// Folds many stored events at once, with exactly the state and conflict counts that [`apply`]
/// called on each of them in push order gives (checked by a property test). The events of
/// one entity are folded in memory: its surviving writes and remembered replacements are read
/// once, and written back once with its projection row, so a write replaced within the batch
/// (a ticket issued, called, started and finished) never touches the database.
///
/// Every pushed event must be in the `events` table already, and every other event there
/// must have been folded (as for [`apply`]).
#[derive(Default)]
pub struct Batch {
    events: Vec<EventBody>,
}

/// Device ids and field names of one flush as small numbers (a batch names few of them), so
/// the in-memory registers are keyed without allocating.
#[derive(Default)]
struct Names {
    ids: FastMap<String, u32>,
    names: Vec<String>,
    /// The last device looked up (the events of a part share one).
    last_device: Option<u32>,
}

impl Names {
    fn device(&mut self, s: &str) -> u32 {
        if let Some(i) = self.last_device.filter(|&i| self.names[i as usize] == s) {
            return i;
        }
        let i = self.id(s);
        self.last_device = Some(i);
        i
    }
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.ids.insert(s.to_string(), i);
        self.names.push(s.to_string());
        i
    }
    fn name(&self, i: u32) -> &str {
        &self.names[i as usize]
    }
}

/// A fast hash for the short keys of one flush (device ids, field names, positions); a
/// flush holds at most a batch's worth of keys, so colliding keys cost little.
#[derive(Default)]
struct FastHash(u64);

impl Hasher for FastHash {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(w));
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHash>>;

/// A text column of a row, borrowed.
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A write in a batch's entity state: `(field, device, seq)`.
type Key = (u32, u32, i64);
/// A write's value while a batch is folded: read from `reg_write` (JSON text), or borrowed
/// from an event of the batch (serialised only if it is stored).
enum Val<'a> {
    Stored(String),
    New(&'a Value),
}

impl Val<'_> {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Val::Stored(t) => t.as_str().into(),
            Val::New(v) => v.to_string().into(),
        }
    }
    fn value(&self) -> Value {
        match self {
            Val::Stored(t) => serde_json::from_str(t).unwrap_or(Value::Null),
            Val::New(v) => (*v).clone(),
        }
    }
}

/// One entity's surviving writes while a batch is folded: key → `(hlc, value)`.
type Writes<'a> = BTreeMap<Key, (i64, Val<'a>)>;

impl Batch {
    pub fn new() -> Batch {
        Batch::default()
    }
    pub fn len(&self) -> usize {
        self.events.len()
    }
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
    pub fn push(&mut self, ev: EventBody) {
        self.events.push(ev);
    }

    /// Folds every pushed event and empties the batch. Returns, in push order, how many of
    /// each event's field writes stood beside a different concurrent value when it was folded.
    pub fn flush(&mut self, conn: &Connection) -> Result<Vec<u32>> {
        let events = std::mem::take(&mut self.events);
        let mut conflicts = vec![0u32; events.len()];
        let mut names = Names::default();
        // `(device, seq)` → position in the batch
        let mut pos: FastMap<(u32, i64), usize> = FastMap::default();
        let mut groups: FastMap<(&str, &str), Vec<usize>> = FastMap::default();
        for (k, ev) in events.iter().enumerate() {
            pos.insert((names.device(&ev.device), ev.seq as i64), k);
            if ev.v <= EVENT_VERSION {
                groups.entry((&ev.entity, &ev.id)).or_default().push(k);
            }
        }
        // Replacements are remembered only for events that arrive before what they replace;
        // when none is remembered, no entity needs to look.
        let any_replaced: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM reg_replaced)")?
            .query_row([], |r| r.get(0))?;
        let mut held: FastMap<(u32, i64), bool> = FastMap::default();
        // the statements run for (nearly) every entity, held for the whole flush
        let mut read_writes = conn.prepare_cached(
            "SELECT field, device_id, seq, hlc, value FROM reg_write
              WHERE entity = ?1 AND entity_id = ?2",
        )?;
        let mut insert_write = conn.prepare_cached(INSERT_WRITE_SQL)?;
        // per event: its fields (named by number) and those a folded event replaced already
        let mut fields: Vec<(u32, &Value)> = Vec::new();
        let mut replaced: Vec<u32> = Vec::new();
        // in key order: the register and projection b-trees are written front to back
        let mut groups: Vec<((&str, &str), Vec<usize>)> = groups.into_iter().collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for ((ent, id), ks) in groups {
            let mut w = Writes::new();
            {
                let mut rows = read_writes.query(params![ent, id])?;
                while let Some(r) = rows.next()? {
                    let key = (names.id(text(r, 0)?), names.id(text(r, 1)?), r.get(2)?);
                    w.insert(key, (r.get(3)?, Val::Stored(r.get(4)?)));
                }
            }
            let before: Vec<Key> = w.keys().copied().collect();
            let mut replaced_set: HashSet<Key, BuildHasherDefault<FastHash>> = HashSet::default();
            if any_replaced {
                let mut st = conn.prepare_cached(
                    "SELECT field, device_id, seq FROM reg_replaced
                      WHERE entity = ?1 AND entity_id = ?2",
                )?;
                let mut rows = st.query(params![ent, id])?;
                while let Some(r) = rows.next()? {
                    replaced_set.insert((names.id(text(r, 0)?), names.id(text(r, 1)?), r.get(2)?));
                }
            }
            let mut new_replaced: Vec<Key> = Vec::new();
            let def = entity(ent);
            let mut touched: BTreeSet<u32> = BTreeSet::new();
            for &k in &ks {
                let ev = &events[k];
                let (dev, seq) = (names.device(&ev.device), ev.seq as i64);
                fields.clear();
                fields.extend(ev.fields.iter().map(|(f, v)| (names.id(f), v)));
                replaced.clear();
                replaced.extend(
                    fields
                        .iter()
                        .map(|&(f, _)| f)
                        .filter(|&f| replaced_set.contains(&(f, dev, seq))),
                );
                for &(f, v) in &fields {
                    if !replaced.contains(&f) {
                        w.entry((f, dev, seq))
                            .or_insert_with(|| (ev.hlc.0 as i64, Val::New(v)));
                    }
                }
                if !fields.is_empty() {
                    for p in ev.pred_refs() {
                        let (pd, ps) = p?;
                        let pd = names.id(pd);
                        let folded = match pos.get(&(pd, ps)) {
                            Some(&j) => j < k,
                            None => match held.get(&(pd, ps)) {
                                Some(&h) => h,
                                None => {
                                    let h: bool = conn
                                        .prepare_cached(
                                            "SELECT EXISTS (SELECT 1 FROM events
                                              WHERE device_id = ?1 AND seq = ?2)",
                                        )?
                                        .query_row(params![names.name(pd), ps], |r| r.get(0))?;
                                    held.insert((pd, ps), h);
                                    h
                                }
                            },
                        };
                        for &(f, _) in &fields {
                            if folded {
                                w.remove(&(f, pd, ps));
                            } else if replaced_set.insert((f, pd, ps)) {
                                new_replaced.push((f, pd, ps));
                            }
                        }
                    }
                }
                let Some(def) = def else { continue };
                for &(f, _) in &fields {
                    if !def.has_field(names.name(f)) {
                        continue;
                    }
                    touched.insert(f);
                    if replaced.contains(&f) {
                        continue;
                    }
                    let mut values = survivors(&w, f).map(|(_, v)| v);
                    if let Some(first) = values.next() {
                        // several survivors (rare): compare their JSON texts
                        let mut rest = values.peekable();
                        if rest.peek().is_some() {
                            let first = first.text();
                            if rest.any(|v| v.text() != first) {
                                conflicts[k] += 1;
                            }
                        }
                    }
                }
            }
            // runs a statement on one register key: (?1 entity, ?2 id, ?3 field, ?4 device, ?5 seq)
            let on_key = |sql: &str, key: &Key| -> Result<()> {
                conn.prepare_cached(sql)?.execute(params![
                    ent,
                    id,
                    names.name(key.0),
                    names.name(key.1),
                    key.2
                ])?;
                Ok(())
            };
            for key in before.iter().filter(|key| !w.contains_key(*key)) {
                on_key(DELETE_WRITE_SQL, key)?;
            }
            for (key, (hlc, value)) in &w {
                if before.binary_search(key).is_err() {
                    let text = value.text();
                    insert_write.execute(params![
                        ent,
                        id,
                        names.name(key.0),
                        names.name(key.1),
                        key.2,
                        hlc,
                        text.as_ref()
                    ])?;
                }
            }
            for key in &new_replaced {
                on_key(INSERT_REPLACED_SQL, key)?;
            }
            if let Some(def) = def {
                let cols: Vec<(&str, SqlValue)> = touched
                    .iter()
                    .map(|&f| {
                        // the winner: highest (hlc, device, seq)
                        let best = survivors(&w, f)
                            .max_by(|a, b| {
                                (a.0 .0, names.name(a.0 .1), a.0 .2).cmp(&(
                                    b.0 .0,
                                    names.name(b.0 .1),
                                    b.0 .2,
                                ))
                            })
                            .map(|(_, v)| match v {
                                Val::New(v) => to_sql(v),
                                stored => to_sql(&stored.value()),
                            })
                            .unwrap_or(SqlValue::Null);
                        (names.name(f), best)
                    })
                    .collect();
                upsert_projection(conn, def.table, id, &cols)?;
            }
        }
        Ok(conflicts)
    }
}

/// The surviving writes of `field` in a batch's entity state: `((hlc, device, seq), value)`.
fn survivors<'w, 'a>(
    w: &'w Writes<'a>,
    field: u32,
) -> impl Iterator<Item = ((i64, u32, i64), &'w Val<'a>)> {
    w.range((field, 0, i64::MIN)..=(field, u32::MAX, i64::MAX))
        .map(|(&(_, d, s), (h, v))| ((*h, d, s), v))
}

/// Folds an event this device has just written with [`crate::log::append`]. Its `pred` names
/// every surviving write of each field it writes (all of them events this database holds), and
/// nothing can have named it yet (it did not exist), so it becomes the single survivor of each
/// field: no `reg_replaced` lookup and no winner query are needed, and the projection row is
/// written in one statement. The result is exactly what [`apply`] gives (checked by a test that
/// rebuilds and compares).
pub fn apply_local(conn: &Connection, ev: &EventBody) -> Result<()> {
    if ev.v > EVENT_VERSION {
        return Ok(());
    }
    let writes: Vec<(&String, &Value)> = ev.fields.iter().collect();
    insert_writes(conn, ev, &writes)?;
    replace_preds(
        conn,
        ev,
        &ev.fields.keys().collect::<Vec<_>>(),
        Held::Always,
    )?;
    if let Some(def) = entity(&ev.entity) {
        let cols: Vec<(&str, SqlValue)> = ev
            .fields
            .iter()
            .filter(|(f, _)| def.has_field(f))
            .map(|(f, v)| (f.as_str(), to_sql(v)))
            .collect();
        upsert_projection(conn, def.table, &ev.id, &cols)?;
    }
    Ok(())
}

/// Drops every projection and the register state and folds the whole log again.
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM reg_write; DELETE FROM reg_replaced;")?;
    for e in ENTITIES {
        conn.execute(&format!("DELETE FROM {}", e.table), [])?;
    }
    let mut st = conn.prepare("SELECT body FROM events ORDER BY hlc, device_id, seq")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let body: Vec<u8> = r.get(0)?;
        apply_held(conn, &EventBody::from_bytes(&body)?, Held::Unknown)?;
    }
    Ok(())
}

fn hash_value(h: &mut Sha256, v: SqlValue) {
    match v {
        SqlValue::Null => h.update([0u8]),
        SqlValue::Integer(i) => {
            h.update([1u8]);
            h.update(i.to_be_bytes());
        }
        SqlValue::Real(f) => {
            h.update([2u8]);
            h.update(f.to_bits().to_be_bytes());
        }
        SqlValue::Text(s) => {
            h.update([3u8]);
            h.update((s.len() as u64).to_be_bytes());
            h.update(s.as_bytes());
        }
        SqlValue::Blob(b) => {
            h.update([4u8]);
            h.update((b.len() as u64).to_be_bytes());
            h.update(&b);
        }
    }
}

fn hash_query(
    h: &mut Sha256,
    conn: &Connection,
    label: &str,
    sql: &str,
    ncols: usize,
) -> Result<()> {
    h.update(label.as_bytes());
    h.update([0u8]);
    let mut st = conn.prepare(sql)?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        h.update([b'r']);
        for i in 0..ncols {
            hash_value(h, r.get::<_, SqlValue>(i)?);
        }
    }
    Ok(())
}

/// A hex digest of the shared state: every projection in a canonical order plus the surviving
/// writes (which carry the conflicts). Device-local tables are outside it.
pub fn fingerprint(conn: &Connection) -> Result<String> {
    let mut h = Sha256::new();
    let mut defs: Vec<_> = ENTITIES.iter().collect();
    defs.sort_by_key(|d| d.table);
    for d in defs {
        let cols = std::iter::once("id")
            .chain(d.fields.iter().copied())
            .collect::<Vec<_>>();
        let sql = format!("SELECT {} FROM {} ORDER BY id", cols.join(", "), d.table);
        hash_query(&mut h, conn, d.table, &sql, cols.len())?;
    }
    hash_query(
        &mut h,
        conn,
        "reg_write",
        "SELECT entity, entity_id, field, device_id, seq, hlc, value FROM reg_write
         ORDER BY entity, entity_id, field, device_id, seq",
        7,
    )?;
    Ok(hex::encode(h.finalize()))
}
