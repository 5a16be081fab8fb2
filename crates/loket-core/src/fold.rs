//! Folding events into state. For every field an event writes, the surviving values are the
//! writes that no other write of that field replaces (names in its `pred`). The projection
//! column takes the survivor with the highest (hlc, device, seq); several survivors with
//! different values are a conflict, kept and shown. The result depends only on the set of
//! events, never on the order they arrived in, so a rebuild gives the same fingerprint.

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

/// Inserts the event's writes of `fields` into `reg_write` in one statement.
fn insert_writes(conn: &Connection, ev: &EventBody, fields: &[(&String, &Value)]) -> Result<()> {
    if fields.is_empty() {
        return Ok(());
    }
    let mut sql = String::from(
        "INSERT OR IGNORE INTO reg_write (entity, entity_id, field, device_id, seq, hlc, value) VALUES ",
    );
    for i in 0..fields.len() {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str(&format!(
            "(?1, ?2, ?{}, ?3, ?4, ?5, ?{})",
            6 + 2 * i,
            7 + 2 * i
        ));
    }
    let mut p: Vec<SqlValue> = vec![
        SqlValue::Text(ev.entity.clone()),
        SqlValue::Text(ev.id.clone()),
        SqlValue::Text(ev.device.clone()),
        SqlValue::Integer(ev.seq as i64),
        SqlValue::Integer(ev.hlc.0 as i64),
    ];
    for (f, v) in fields {
        p.push(SqlValue::Text((*f).clone()));
        p.push(SqlValue::Text(v.to_string()));
    }
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(p))?;
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
        let folded: bool = held == Held::MeansFolded
            && conn
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM events WHERE device_id = ?1 AND seq = ?2)",
                )?
                .query_row(params![pd, ps], |r| r.get(0))?;
        let mut args: Vec<SqlValue> = vec![
            SqlValue::Text(ev.entity.clone()),
            SqlValue::Text(ev.id.clone()),
            SqlValue::Text(pd.to_string()),
            SqlValue::Integer(ps),
        ];
        args.extend(fields.iter().map(|f| SqlValue::Text((*f).clone())));
        if folded || held == Held::Unknown {
            conn.prepare_cached(&format!(
                "DELETE FROM reg_write WHERE entity = ?1 AND entity_id = ?2 AND device_id = ?3
                   AND seq = ?4 AND field IN ({})",
                placeholders(5, fields.len())
            ))?
            .execute(rusqlite::params_from_iter(args.clone()))?;
        }
        if !folded {
            let values = (0..fields.len())
                .map(|i| format!("(?1, ?2, ?{}, ?3, ?4)", 5 + i))
                .collect::<Vec<_>>()
                .join(", ");
            conn.prepare_cached(&format!(
                "INSERT OR IGNORE INTO reg_replaced (entity, entity_id, field, device_id, seq)
                 VALUES {values}"
            ))?
            .execute(rusqlite::params_from_iter(args))?;
        }
    }
    Ok(())
}

/// Writes the projection row `id` with the given column values (inserting it if new).
fn upsert_projection(
    conn: &Connection,
    table: &str,
    id: &str,
    cols: &[(&str, SqlValue)],
) -> Result<()> {
    let mut sql = format!("INSERT INTO {table} (id");
    for (f, _) in cols {
        sql.push_str(", ");
        sql.push_str(f);
    }
    sql.push_str(") VALUES (?1");
    for i in 0..cols.len() {
        sql.push_str(&format!(", ?{}", i + 2));
    }
    sql.push_str(") ON CONFLICT (id) DO ");
    if cols.is_empty() {
        sql.push_str("NOTHING");
    } else {
        sql.push_str("UPDATE SET ");
        let sets: Vec<String> = cols
            .iter()
            .map(|(f, _)| format!("{f} = excluded.{f}"))
            .collect();
        sql.push_str(&sets.join(", "));
    }
    let mut p: Vec<SqlValue> = vec![SqlValue::Text(id.to_string())];
    p.extend(cols.iter().map(|(_, v)| v.clone()));
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(p))?;
    Ok(())
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
        Held::MeansFolded,
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
