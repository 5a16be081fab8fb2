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

/// Folds one stored event into the register state and the projections. Returns how many of
/// its field writes now stand beside a different concurrent value (conflicts).
pub fn apply(conn: &Connection, ev: &EventBody) -> Result<u32> {
    let mut conflicts = 0;
    if ev.v > EVENT_VERSION {
        // Kept in the log; folded by a build that understands it (after `rebuild`).
        return Ok(0);
    }
    let def = entity(&ev.entity);
    if let Some(def) = def {
        conn.prepare_cached(&format!(
            "INSERT INTO {} (id) VALUES (?1) ON CONFLICT DO NOTHING",
            def.table
        ))?
        .execute(params![ev.id])?;
    }
    let preds: Vec<(&str, i64)> = ev.pred_refs().collect::<Result<_>>()?;
    for (field, value) in &ev.fields {
        let replaced: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM reg_replaced WHERE entity = ?1 AND entity_id = ?2
                   AND field = ?3 AND device_id = ?4 AND seq = ?5)",
            )?
            .query_row(
                params![ev.entity, ev.id, field, ev.device, ev.seq as i64],
                |r| r.get(0),
            )?;
        if !replaced {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO reg_write (entity, entity_id, field, device_id, seq, hlc, value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                ev.entity,
                ev.id,
                field,
                ev.device,
                ev.seq as i64,
                ev.hlc.0 as i64,
                value.to_string()
            ])?;
        }
        for (pd, ps) in &preds {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO reg_replaced (entity, entity_id, field, device_id, seq)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![ev.entity, ev.id, field, pd, ps])?;
            conn.prepare_cached(
                "DELETE FROM reg_write WHERE entity = ?1 AND entity_id = ?2 AND field = ?3
                   AND device_id = ?4 AND seq = ?5",
            )?
            .execute(params![ev.entity, ev.id, field, pd, ps])?;
        }
        if let Some(def) = def.filter(|d| d.has_field(field)) {
            let (winner, distinct): (Option<String>, i64) = conn
                .prepare_cached(
                    "SELECT (SELECT value FROM reg_write WHERE entity = ?1 AND entity_id = ?2 AND field = ?3
                             ORDER BY hlc DESC, device_id DESC, seq DESC LIMIT 1),
                            (SELECT COUNT(DISTINCT value) FROM reg_write
                             WHERE entity = ?1 AND entity_id = ?2 AND field = ?3)",
                )?
                .query_row(params![ev.entity, ev.id, field], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if !replaced && distinct > 1 {
                conflicts += 1;
            }
            let v = winner
                .and_then(|w| serde_json::from_str::<Value>(&w).ok())
                .unwrap_or(Value::Null);
            conn.prepare_cached(&format!(
                "UPDATE {} SET {field} = ?1 WHERE id = ?2",
                def.table
            ))?
            .execute(params![to_sql(&v), ev.id])?;
        }
    }
    Ok(conflicts)
}

/// Folds an event this device has just written with [`crate::log::append`]. Its `pred` names
/// every surviving write of each field it writes, and nothing can have named it yet (it did
/// not exist), so it becomes the single survivor of each field: no `reg_replaced` lookup and
/// no winner query are needed, and the projection row is written in one statement. The
/// result is exactly what [`apply`] gives (checked by a test that rebuilds and compares).
pub fn apply_local(conn: &Connection, ev: &EventBody) -> Result<()> {
    if ev.v > EVENT_VERSION {
        return Ok(());
    }
    let preds: Vec<(&str, i64)> = ev.pred_refs().collect::<Result<_>>()?;
    let n = ev.fields.len();
    if n > 0 {
        let mut sql = String::from(
            "INSERT OR IGNORE INTO reg_write (entity, entity_id, field, device_id, seq, hlc, value) VALUES ",
        );
        for i in 0..n {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str("(?1, ?2, ?");
            sql.push_str(&(6 + 2 * i).to_string());
            sql.push_str(", ?3, ?4, ?5, ?");
            sql.push_str(&(7 + 2 * i).to_string());
            sql.push(')');
        }
        let mut p: Vec<SqlValue> = vec![
            SqlValue::Text(ev.entity.clone()),
            SqlValue::Text(ev.id.clone()),
            SqlValue::Text(ev.device.clone()),
            SqlValue::Integer(ev.seq as i64),
            SqlValue::Integer(ev.hlc.0 as i64),
        ];
        for (f, v) in &ev.fields {
            p.push(SqlValue::Text(f.clone()));
            p.push(SqlValue::Text(v.to_string()));
        }
        conn.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(p))?;
    }
    if !preds.is_empty() {
        for field in ev.fields.keys() {
            for (pd, ps) in &preds {
                conn.prepare_cached(
                    "INSERT OR IGNORE INTO reg_replaced (entity, entity_id, field, device_id, seq)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![ev.entity, ev.id, field, pd, ps])?;
                conn.prepare_cached(
                    "DELETE FROM reg_write WHERE entity = ?1 AND entity_id = ?2 AND field = ?3
                       AND device_id = ?4 AND seq = ?5",
                )?
                .execute(params![ev.entity, ev.id, field, pd, ps])?;
            }
        }
    }
    if let Some(def) = entity(&ev.entity) {
        let cols: Vec<(&String, &Value)> =
            ev.fields.iter().filter(|(f, _)| def.has_field(f)).collect();
        let mut sql = format!("INSERT INTO {} (id", def.table);
        for (f, _) in &cols {
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
        let mut p: Vec<SqlValue> = vec![SqlValue::Text(ev.id.clone())];
        p.extend(cols.iter().map(|(_, v)| to_sql(v)));
        conn.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(p))?;
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
        apply(conn, &EventBody::from_bytes(&body)?)?;
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
