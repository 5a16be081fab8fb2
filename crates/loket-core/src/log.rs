//! The append-only event log. Every write in Loket is an event keyed `(device_id, seq)`,
//! stored as the exact JSON bytes that are hashed; per device the events form a hash chain
//! (`prev` = hash of the previous event) whose head the device signs with its Ed25519 key.

use std::collections::BTreeMap;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::env::Env;
use crate::error::{Error, Result};
use crate::fold;
use crate::hlc::Hlc;

/// The event format version this build writes and understands. Events of a higher version are
/// stored and kept, but only folded by a build that understands them.
pub const EVENT_VERSION: u32 = 1;

/// One event, exactly as serialised into its stored bytes (field order is fixed by this
/// struct; `fields` is sorted by name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventBody {
    pub v: u32,
    pub device: String,
    pub seq: u64,
    pub hlc: Hlc,
    pub author: Option<String>,
    pub entity: String,
    pub id: String,
    pub fields: BTreeMap<String, Value>,
    /// The writes this event replaces, as `device:seq`, sorted.
    pub pred: Vec<String>,
    /// Hex SHA-256 of the previous event of this device (64 zeros for seq 1).
    pub prev: String,
}

impl EventBody {
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("an event always serialises")
    }
    pub fn from_bytes(b: &[u8]) -> Result<EventBody> {
        serde_json::from_slice(b).map_err(|e| Error::Corrupt(format!("unreadable event: {e}")))
    }
    pub fn pred_refs(&self) -> impl Iterator<Item = Result<(&str, i64)>> {
        self.pred.iter().map(|p| parse_ref(p))
    }
}

pub fn event_ref(device: &str, seq: i64) -> String {
    format!("{device}:{seq}")
}

pub fn parse_ref(s: &str) -> Result<(&str, i64)> {
    s.rsplit_once(':')
        .and_then(|(d, q)| q.parse().ok().map(|q| (d, q)))
        .ok_or_else(|| Error::Corrupt(format!("bad event reference {s:?}")))
}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// This device's identity and position in its own chain.
#[derive(Debug, Clone)]
pub struct LocalDevice {
    pub device_id: String,
    pub last_seq: i64,
    pub head_hash: [u8; 32],
    pub hlc: Hlc,
}

pub fn local_device(conn: &Connection) -> Result<Option<LocalDevice>> {
    conn.prepare_cached(
        "SELECT device_id, last_seq, head_hash, hlc FROM local_device WHERE id = 1",
    )?
    .query_row([], |r| {
        let head: Vec<u8> = r.get(2)?;
        Ok(LocalDevice {
            device_id: r.get(0)?,
            last_seq: r.get(1)?,
            head_hash: head.try_into().unwrap_or([0u8; 32]),
            hlc: Hlc(r.get::<_, i64>(3)? as u64),
        })
    })
    .optional()
    .map_err(Into::into)
}

pub fn require_local_device(conn: &Connection) -> Result<LocalDevice> {
    local_device(conn)?.ok_or(Error::NotInitialized)
}

/// Creates this device's identity: a UUID v7 and an Ed25519 key pair. Returns the device id
/// and its public key (hex).
pub fn create_local_device(conn: &Connection, env: &Env) -> Result<(String, String)> {
    if local_device(conn)?.is_some() {
        return Err(Error::Corrupt("device identity exists already".into()));
    }
    let device_id = env.new_uuid().to_string();
    let secret: [u8; 32] = env.random_bytes();
    let key = SigningKey::from_bytes(&secret);
    conn.execute(
        "INSERT INTO local_device (id, device_id, secret_key, last_seq, head_hash, hlc, created_ms)
         VALUES (1, ?1, ?2, 0, ?3, 0, ?4)",
        params![device_id, secret.to_vec(), vec![0u8; 32], env.now_ms()],
    )?;
    Ok((device_id, hex::encode(key.verifying_key().as_bytes())))
}

fn signing_key(conn: &Connection) -> Result<SigningKey> {
    let secret: Vec<u8> = conn
        .query_row(
            "SELECT secret_key FROM local_device WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(Error::NotInitialized)?;
    let secret: [u8; 32] = secret
        .try_into()
        .map_err(|_| Error::Corrupt("device key has the wrong length".into()))?;
    Ok(SigningKey::from_bytes(&secret))
}

/// Appends one event written by this device and folds it into the projections. `fields` are
/// the new values; the event's `pred` names every surviving write of those fields, so this
/// write replaces them (a correction made after seeing a value always wins over it).
/// Fields whose single current value already equals the new one are left out; when nothing
/// changes, no event is written and `None` is returned.
pub fn append(
    conn: &Connection,
    env: &Env,
    author: Option<&str>,
    entity: &str,
    id: &str,
    fields: Vec<(&str, Value)>,
) -> Result<Option<(String, i64)>> {
    let dev = require_local_device(conn)?;
    let mut pred: Vec<String> = Vec::new();
    let mut body_fields = BTreeMap::new();
    {
        // One read of the entity's surviving writes (not one per field); only the written
        // fields' rows are kept (borrowed until then).
        let mut current: Vec<(usize, String, i64, String)> = Vec::new();
        let mut st = conn.prepare_cached(
            "SELECT field, device_id, seq, value FROM reg_write WHERE entity = ?1 AND entity_id = ?2",
        )?;
        let mut rows = st.query(params![entity, id])?;
        while let Some(r) = rows.next()? {
            let field = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if let Some(k) = fields.iter().position(|(name, _)| *name == field) {
                current.push((k, r.get(1)?, r.get(2)?, r.get(3)?));
            }
        }
        let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
        for (name, value) in fields {
            // rows were matched to a name's first position
            let k = names.iter().position(|n| *n == name).unwrap_or(usize::MAX);
            let mut cur = current.iter().filter(|c| c.0 == k).peekable();
            let single = cur.clone().count() == 1;
            if single {
                let (_, _, _, text) = cur.peek().expect("one");
                if serde_json::from_str::<Value>(text).ok().as_ref() == Some(&value) {
                    continue;
                }
            }
            pred.extend(cur.map(|(_, d, s, _)| event_ref(d, *s)));
            body_fields.insert(name.to_string(), value);
        }
    }
    if body_fields.is_empty() {
        return Ok(None);
    }
    pred.sort();
    pred.dedup();
    let seq = dev.last_seq + 1;
    let hlc = dev.hlc.tick(env.now_ms());
    let body = EventBody {
        v: EVENT_VERSION,
        device: dev.device_id.clone(),
        seq: seq as u64,
        hlc,
        author: author.map(str::to_string),
        entity: entity.to_string(),
        id: id.to_string(),
        fields: body_fields,
        pred,
        prev: hex::encode(dev.head_hash),
    };
    let bytes = body.to_bytes();
    let hash = sha256(&bytes);
    insert_event(conn, &body, &bytes, &hash, &dev.head_hash)?;
    conn.prepare_cached(
        "UPDATE local_device SET last_seq = ?1, head_hash = ?2, hlc = ?3 WHERE id = 1",
    )?
    .execute(params![seq, hash.to_vec(), hlc.0 as i64])?;
    // Fast path (queue, issue 4): `pred` names every surviving write of each field, so this
    // write becomes the single survivor; `fold::apply_local` skips the lookups `apply` needs
    // for events from elsewhere. `rebuild` still folds with `apply` (same result).
    fold::apply_local(conn, &body)?;
    Ok(Some((dev.device_id, seq)))
}

/// The statement [`insert_event_with`] runs.
pub const INSERT_EVENT_SQL: &str =
    "INSERT INTO events (device_id, seq, hlc, entity, entity_id, version, prev_hash, hash, body)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/// Stores an event's bytes (does not fold it).
pub fn insert_event(
    conn: &Connection,
    body: &EventBody,
    bytes: &[u8],
    hash: &[u8; 32],
    prev: &[u8; 32],
) -> Result<()> {
    let mut st = conn.prepare_cached(INSERT_EVENT_SQL)?;
    insert_event_with(&mut st, body, bytes, hash, prev)
}

/// [`insert_event`] with a statement of [`INSERT_EVENT_SQL`] the caller holds (an import
/// stores many).
pub fn insert_event_with(
    st: &mut rusqlite::Statement<'_>,
    body: &EventBody,
    bytes: &[u8],
    hash: &[u8; 32],
    prev: &[u8; 32],
) -> Result<()> {
    st.execute(params![
        body.device,
        body.seq as i64,
        body.hlc.0 as i64,
        body.entity,
        body.id,
        body.v,
        &prev[..],
        &hash[..],
        bytes
    ])?;
    Ok(())
}

/// A device's signed statement of its chain head: "my events 1..=seq end in this hash".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedHead {
    pub device_id: String,
    pub seq: i64,
    pub hash: String,
    pub signature: String,
}

fn head_message(device_id: &str, seq: i64, hash: &[u8]) -> Vec<u8> {
    let mut m = b"loket-chain-head-v1\0".to_vec();
    m.extend_from_slice(device_id.as_bytes());
    m.push(0);
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(hash);
    m
}

/// Signs this device's current chain head with its key.
pub fn sign_head(conn: &Connection) -> Result<SignedHead> {
    let dev = require_local_device(conn)?;
    sign_hash(conn, dev.last_seq, &dev.head_hash)
}

/// Signs `(this device, seq, hash)` with the device key. Seq 0 is used for statements that
/// are not chain heads (a bundle manifest's hash).
pub fn sign_hash(conn: &Connection, seq: i64, hash: &[u8; 32]) -> Result<SignedHead> {
    let dev = require_local_device(conn)?;
    let key = signing_key(conn)?;
    let sig = key.sign(&head_message(&dev.device_id, seq, hash));
    Ok(SignedHead {
        device_id: dev.device_id,
        seq,
        hash: hex::encode(hash),
        signature: hex::encode(sig.to_bytes()),
    })
}

/// Checks a signed head against a device's public key (hex).
pub fn verify_head(public_key_hex: &str, head: &SignedHead) -> bool {
    let Ok(pk) = hex::decode(public_key_hex) else {
        return false;
    };
    let Ok(pk): std::result::Result<[u8; 32], _> = pk.try_into() else {
        return false;
    };
    let Ok(vk) = VerifyingKey::from_bytes(&pk) else {
        return false;
    };
    let Ok(sig) = hex::decode(&head.signature) else {
        return false;
    };
    let Ok(sig): std::result::Result<[u8; 64], _> = sig.try_into() else {
        return false;
    };
    let Ok(hash) = hex::decode(&head.hash) else {
        return false;
    };
    vk.verify(
        &head_message(&head.device_id, head.seq, &hash),
        &Signature::from_bytes(&sig),
    )
    .is_ok()
}

/// Re-hashes a device's stored chain: every body hashes to its `hash`, names the previous
/// hash in `prev`, and seqs run 1, 2, 3, … without a gap. Returns the head `(seq, hash)`.
pub fn verify_chain(conn: &Connection, device_id: &str) -> Result<(i64, [u8; 32])> {
    let mut st = conn.prepare(
        "SELECT seq, prev_hash, hash, body FROM events WHERE device_id = ?1 ORDER BY seq",
    )?;
    let mut rows = st.query(params![device_id])?;
    let mut expect_seq = 1i64;
    let mut prev = [0u8; 32];
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let prev_hash: Vec<u8> = r.get(1)?;
        let hash: Vec<u8> = r.get(2)?;
        let body: Vec<u8> = r.get(3)?;
        let at = format!("device {device_id} event {seq}");
        if seq != expect_seq {
            return Err(Error::Corrupt(format!(
                "{at}: expected event {expect_seq}, the chain has a gap"
            )));
        }
        let computed = sha256(&body);
        if computed.as_slice() != hash.as_slice() {
            return Err(Error::Corrupt(format!(
                "{at}: content does not match its hash"
            )));
        }
        if prev_hash.as_slice() != prev.as_slice() {
            return Err(Error::Corrupt(format!(
                "{at}: does not follow the previous event"
            )));
        }
        let parsed = EventBody::from_bytes(&body)?;
        if parsed.prev != hex::encode(prev)
            || parsed.seq as i64 != seq
            || parsed.device != device_id
        {
            return Err(Error::Corrupt(format!(
                "{at}: header does not match its position"
            )));
        }
        prev = computed;
        expect_seq += 1;
    }
    Ok((expect_seq - 1, prev))
}

/// Stores and folds an event written by another device (its exact bytes). Returns `false`
/// when the same event is present already. The same `(device, seq)` with other content is
/// refused: two writers share one device id (e.g. a cloned disk).
pub fn ingest(conn: &Connection, bytes: &[u8]) -> Result<bool> {
    let body = EventBody::from_bytes(bytes)?;
    let hash = sha256(bytes);
    let existing: Option<Vec<u8>> = conn
        .prepare_cached("SELECT hash FROM events WHERE device_id = ?1 AND seq = ?2")?
        .query_row(params![body.device, body.seq as i64], |r| r.get(0))
        .optional()?;
    if let Some(h) = existing {
        if h.as_slice() == hash.as_slice() {
            return Ok(false);
        }
        return Err(Error::Corrupt(format!(
            "device {} event {} exists with different content (a cloned device?)",
            body.device, body.seq
        )));
    }
    let prev: [u8; 32] = hex::decode(&body.prev)
        .ok()
        .and_then(|p| p.try_into().ok())
        .ok_or_else(|| {
            Error::Corrupt(format!(
                "device {} event {}: bad prev hash",
                body.device, body.seq
            ))
        })?;
    insert_event(conn, &body, bytes, &hash, &prev)?;
    fold::apply(conn, &body)?;
    Ok(true)
}

/// Every stored event's bytes, in `(device, seq)` order.
pub fn all_event_bytes(conn: &Connection) -> Result<Vec<Vec<u8>>> {
    let mut st = conn.prepare("SELECT body FROM events ORDER BY device_id, seq")?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
