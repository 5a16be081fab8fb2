//! The bundle file: how events travel between devices.
//!
//! ```text
//! "LOKETBND"  u32 manifest length  manifest JSON  u32 signature length  Ed25519 signature
//! part 1 (zstd) part 2 (zstd) …          — each exactly `size` bytes, in manifest order
//! ```
//! The exporter signs the manifest bytes. Each part carries one device's events
//! `from_seq..=to_seq` (length-prefixed event bytes with the `prev` hash left out, since it is
//! the hash of the event before) and that device's own signature over its chain head at
//! `to_seq`, so events stay attributable to their author when relayed. The whole file may be
//! wrapped in passphrase encryption ([`super::crypt`]).

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Msg, Result};
use crate::log::{self, EventBody, SignedHead};

pub const MAGIC: &[u8; 8] = b"LOKETBND";
/// The bundle format this build writes and reads.
pub const FORMAT: u32 = 1;
/// Limits that keep a damaged or hostile file from exhausting memory.
pub const MAX_MANIFEST: u32 = 16 * 1024 * 1024;
pub const MAX_EVENT: u32 = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exporter {
    pub device_id: String,
    pub public_key: String,
    pub name: String,
    pub site: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartInfo {
    pub device_id: String,
    /// The author device's public key (hex).
    pub public_key: String,
    pub from_seq: i64,
    pub to_seq: i64,
    /// Hash of event `from_seq - 1` (zeros when `from_seq` is 1).
    pub first_prev: String,
    /// Hash of event `to_seq`, signed by the author device.
    pub head_hash: String,
    pub head_signature: String,
    /// Compressed size, uncompressed size, SHA-256 of the compressed bytes.
    pub size: u64,
    pub raw_size: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub bundle_id: String,
    pub full: bool,
    pub exporter: Exporter,
    /// The exporter's wall clock when it wrote the file (ms) and its hybrid clock.
    pub exported_at_ms: i64,
    pub exporter_hlc: u64,
    /// Per device, the highest seq the exporter holds (what it acknowledges having).
    pub vector: BTreeMap<String, i64>,
    pub parts: Vec<PartInfo>,
}

fn bad(en: impl Into<String>, id: impl Into<String>) -> Error {
    Error::Invalid(Msg::new(en, id))
}

fn truncated(what: &str, what_id: &str) -> Error {
    bad(
        format!("the file is truncated ({what} is incomplete)"),
        format!("berkas terpotong ({what_id} tidak lengkap)"),
    )
}

/// Strips the trailing `prev` hash of stored event bytes: `…,"prev":"<64 hex>"}` → `…,"prev":""}`.
pub fn strip_prev(bytes: &[u8]) -> Result<Vec<u8>> {
    let n = bytes.len();
    let ok = n > 75
        && bytes[n - 2] == b'"'
        && bytes[n - 1] == b'}'
        && &bytes[n - 75..n - 66] == b",\"prev\":\"";
    if !ok {
        return Err(Error::Corrupt(
            "stored event has an unexpected layout".into(),
        ));
    }
    let mut out = Vec::with_capacity(n - 64);
    out.extend_from_slice(&bytes[..n - 66]);
    out.extend_from_slice(b"\"}");
    Ok(out)
}

/// Puts the `prev` hash back into stripped event bytes.
fn restore_prev(stripped: &[u8], prev: &[u8; 32]) -> Option<Vec<u8>> {
    let n = stripped.len();
    if n < 12 || &stripped[n - 11..] != b",\"prev\":\"\"}" {
        return None;
    }
    let mut out = Vec::with_capacity(n + 64);
    out.extend_from_slice(&stripped[..n - 2]);
    out.extend_from_slice(hex::encode(prev).as_bytes());
    out.extend_from_slice(b"\"}");
    Some(out)
}

/// Writes the events of one part: compresses and hashes on the fly into `out`.
pub struct PartWriter<W: Write> {
    enc: zstd::stream::write::Encoder<'static, HashingWriter<W>>,
    raw: u64,
}

pub struct HashingWriter<W: Write> {
    inner: W,
    hash: Sha256,
    count: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(b)?;
        self.hash.update(&b[..n]);
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> PartWriter<W> {
    pub fn new(out: W) -> Result<Self> {
        let hw = HashingWriter {
            inner: out,
            hash: Sha256::new(),
            count: 0,
        };
        Ok(PartWriter {
            enc: zstd::stream::write::Encoder::new(hw, 9)?,
            raw: 0,
        })
    }
    /// Adds one event given its stored bytes.
    pub fn add(&mut self, stored: &[u8]) -> Result<()> {
        let s = strip_prev(stored)?;
        self.enc.write_all(&(s.len() as u32).to_be_bytes())?;
        self.enc.write_all(&s)?;
        self.raw += 4 + s.len() as u64;
        Ok(())
    }
    /// Returns (compressed size, raw size, sha256 hex, the inner writer).
    pub fn finish(self) -> Result<(u64, u64, String, W)> {
        let hw = self.enc.finish()?;
        Ok((
            hw.count,
            self.raw,
            hex::encode(hw.hash.finalize()),
            hw.inner,
        ))
    }
}

/// Writes the file header: magic, manifest, exporter signature.
pub fn write_header(out: &mut impl Write, manifest_bytes: &[u8], signature: &[u8]) -> Result<()> {
    out.write_all(MAGIC)?;
    out.write_all(&(manifest_bytes.len() as u32).to_be_bytes())?;
    out.write_all(manifest_bytes)?;
    out.write_all(&(signature.len() as u32).to_be_bytes())?;
    out.write_all(signature)?;
    Ok(())
}

/// One event read from a part, checked against its chain.
pub struct ReadEvent {
    pub bytes: Vec<u8>,
    pub body: EventBody,
    pub hash: [u8; 32],
    pub prev: [u8; 32],
}

/// Reads a bundle's header from an (already decrypted) stream and verifies the exporter's
/// signature and the format version.
pub fn read_header(r: &mut impl Read) -> Result<(Manifest, Vec<u8>)> {
    let mut magic = [0u8; 8];
    if let Err(e) = r.read_exact(&mut magic) {
        if e.to_string().contains("LOKET_DECRYPT") {
            return Err(map_io(e, "the file header", "kepala berkas"));
        }
        return Err(bad(
            "this is not a Loket bundle file (it is empty or too short)",
            "ini bukan berkas bundel Loket (kosong atau terlalu pendek)",
        ));
    }
    if &magic != MAGIC {
        return Err(bad(
            "this is not a Loket bundle file (wrong signature bytes at the start)",
            "ini bukan berkas bundel Loket (tanda di awal berkas salah)",
        ));
    }
    let mlen = read_u32(r, "the manifest", "manifes")?;
    if mlen > MAX_MANIFEST {
        return Err(bad(
            "the manifest is impossibly large; the file is damaged",
            "manifes terlalu besar; berkas rusak",
        ));
    }
    let mut mbytes = vec![0u8; mlen as usize];
    read_exact(r, &mut mbytes, "the manifest", "manifes")?;
    let slen = read_u32(r, "the signature", "tanda tangan")?;
    if slen != 64 {
        return Err(bad(
            "the file's signature has the wrong size; the file is damaged",
            "ukuran tanda tangan berkas salah; berkas rusak",
        ));
    }
    let mut sig = [0u8; 64];
    read_exact(r, &mut sig, "the signature", "tanda tangan")?;
    // Peek at the format before trusting the layout of the rest.
    let format = serde_json::from_slice::<serde_json::Value>(&mbytes)
        .ok()
        .and_then(|v| v.get("format").and_then(|f| f.as_u64()));
    match format {
        Some(f) if f as u32 > FORMAT => {
            return Err(bad(
                format!("the file was written by a newer Loket (bundle format {f}; this Loket reads up to {FORMAT}); update Loket and import it again"),
                format!("berkas ditulis oleh Loket yang lebih baru (format bundel {f}; Loket ini hanya membaca sampai {FORMAT}); perbarui Loket lalu impor lagi"),
            ))
        }
        Some(_) => {}
        None => return Err(bad("the manifest is unreadable; the file is damaged", "manifes tidak terbaca; berkas rusak")),
    }
    let manifest: Manifest = serde_json::from_slice(&mbytes).map_err(|_| {
        bad(
            "the manifest is unreadable; the file is damaged",
            "manifes tidak terbaca; berkas rusak",
        )
    })?;
    let signed = SignedHead {
        device_id: manifest.exporter.device_id.clone(),
        seq: 0,
        hash: hex::encode(log::sha256(&mbytes)),
        signature: hex::encode(sig),
    };
    if !log::verify_head(&manifest.exporter.public_key, &signed) {
        return Err(bad(
            "the file's signature does not match its content: it was changed after export (tampered or damaged)",
            "tanda tangan berkas tidak cocok dengan isinya: berkas diubah setelah diekspor (dirusak atau dipalsukan)",
        ));
    }
    Ok((manifest, sig.to_vec()))
}

fn read_exact(r: &mut impl Read, buf: &mut [u8], what: &str, what_id: &str) -> Result<()> {
    r.read_exact(buf).map_err(|e| map_io(e, what, what_id))
}

fn read_u32(r: &mut impl Read, what: &str, what_id: &str) -> Result<u32> {
    let mut b = [0u8; 4];
    read_exact(r, &mut b, what, what_id)?;
    Ok(u32::from_be_bytes(b))
}

/// Turns read errors into the messages a supervisor understands.
pub fn map_io(e: io::Error, what: &str, what_id: &str) -> Error {
    let text = e.to_string();
    if text.contains("LOKET_DECRYPT") {
        bad(
            "wrong passphrase, or the encrypted file is damaged or truncated",
            "kata sandi salah, atau berkas terenkripsi rusak atau terpotong",
        )
    } else if e.kind() == io::ErrorKind::UnexpectedEof {
        truncated(what, what_id)
    } else {
        Error::Io(e)
    }
}

struct HashingReader<R: Read> {
    inner: R,
    hash: Sha256,
    count: u64,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, b: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(b)?;
        self.hash.update(&b[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

/// Reads every part, verifying sizes, hashes, chains and the author's signed head, and hands
/// each event to `visit` as it streams (nothing is held in memory but one event).
/// `visit` returns an error to stop. The caller decides whether anything is kept.
pub fn read_parts(
    r: &mut impl Read,
    manifest: &Manifest,
    mut visit: impl FnMut(&PartInfo, ReadEvent) -> Result<()>,
) -> Result<()> {
    for (pi, part) in manifest.parts.iter().enumerate() {
        let at = format!(
            "part {} (device {}, events {}-{})",
            pi + 1,
            part.device_id,
            part.from_seq,
            part.to_seq
        );
        let at_id = format!(
            "bagian {} (perangkat {}, kejadian {}-{})",
            pi + 1,
            part.device_id,
            part.from_seq,
            part.to_seq
        );
        if part.from_seq < 1 || part.to_seq < part.from_seq {
            return Err(bad(
                format!("{at}: impossible range"),
                format!("{at_id}: rentang tidak mungkin"),
            ));
        }
        let head = SignedHead {
            device_id: part.device_id.clone(),
            seq: part.to_seq,
            hash: part.head_hash.clone(),
            signature: part.head_signature.clone(),
        };
        if !log::verify_head(&part.public_key, &head) {
            return Err(bad(
                format!("{at}: the device's signature on its events does not verify (forged or damaged)"),
                format!("{at_id}: tanda tangan perangkat atas kejadiannya tidak sah (dipalsukan atau rusak)"),
            ));
        }
        let mut hr = HashingReader {
            inner: (&mut *r).take(part.size),
            hash: Sha256::new(),
            count: 0,
        };
        {
            let dec = zstd::stream::read::Decoder::new(&mut hr).map_err(Error::Io)?;
            // never decompress more than the manifest announced
            let mut dec = BufReader::new(dec.take(part.raw_size + 1));
            let mut prev: [u8; 32] = decode_hash(&part.first_prev).ok_or_else(|| {
                bad(
                    format!("{at}: bad previous hash"),
                    format!("{at_id}: hash sebelumnya salah"),
                )
            })?;
            let mut raw = 0u64;
            for seq in part.from_seq..=part.to_seq {
                let mut lb = [0u8; 4];
                dec.read_exact(&mut lb)
                    .map_err(|e| part_err(e, &at, &at_id))?;
                let len = u32::from_be_bytes(lb);
                if len > MAX_EVENT {
                    return Err(bad(
                        format!("{at}: an event is impossibly large"),
                        format!("{at_id}: ada kejadian yang terlalu besar"),
                    ));
                }
                let mut s = vec![0u8; len as usize];
                dec.read_exact(&mut s)
                    .map_err(|e| part_err(e, &at, &at_id))?;
                raw += 4 + len as u64;
                let bytes = restore_prev(&s, &prev).ok_or_else(|| {
                    bad(
                        format!("{at}: event {seq} is malformed"),
                        format!("{at_id}: kejadian {seq} cacat"),
                    )
                })?;
                let body = EventBody::from_bytes(&bytes).map_err(|_| {
                    bad(
                        format!("{at}: event {seq} is unreadable"),
                        format!("{at_id}: kejadian {seq} tidak terbaca"),
                    )
                })?;
                if body.device != part.device_id || body.seq as i64 != seq {
                    return Err(bad(
                        format!("{at}: event {seq} is out of place (it says device {} event {})", body.device, body.seq),
                        format!("{at_id}: kejadian {seq} salah tempat (tertulis perangkat {} kejadian {})", body.device, body.seq),
                    ));
                }
                let hash = log::sha256(&bytes);
                visit(
                    part,
                    ReadEvent {
                        bytes,
                        body,
                        hash,
                        prev,
                    },
                )?;
                prev = hash;
            }
            if hex::encode(prev) != part.head_hash {
                return Err(bad(
                    format!("{at}: the events do not lead to the signed chain head (changed or reordered)"),
                    format!("{at_id}: rangkaian kejadian tidak sampai ke kepala rantai yang ditandatangani (diubah atau diacak)"),
                ));
            }
            // nothing may follow the last event
            if raw != part.raw_size
                || !dec
                    .fill_buf()
                    .map_err(|e| part_err(e, &at, &at_id))?
                    .is_empty()
            {
                return Err(bad(
                    format!("{at}: size does not match the manifest"),
                    format!("{at_id}: ukuran tidak sesuai manifes"),
                ));
            }
        }
        // drain what the decoder did not need (zstd frame end) so the hash covers the part
        io::copy(&mut hr, &mut io::sink()).map_err(|e| part_err(e, &at, &at_id))?;
        if hr.count != part.size {
            return Err(truncated(&at, &at_id));
        }
        if hex::encode(hr.hash.finalize()) != part.sha256 {
            return Err(bad(
                format!("{at}: content does not match its checksum (damaged or changed)"),
                format!("{at_id}: isi tidak cocok dengan checksum-nya (rusak atau diubah)"),
            ));
        }
    }
    let mut extra = [0u8; 1];
    if r.read(&mut extra)
        .map_err(|e| map_io(e, "the file end", "akhir berkas"))?
        != 0
    {
        return Err(bad(
            "the file has data after its last part (damaged or changed)",
            "berkas memiliki data setelah bagian terakhirnya (rusak atau diubah)",
        ));
    }
    Ok(())
}

fn part_err(e: io::Error, at: &str, at_id: &str) -> Error {
    if e.to_string().contains("LOKET_DECRYPT") {
        return map_io(e, at, at_id);
    }
    if e.kind() == io::ErrorKind::UnexpectedEof {
        return truncated(at, at_id);
    }
    bad(
        format!("{at}: cannot be decompressed (damaged or changed)"),
        format!("{at_id}: tidak dapat didekompresi (rusak atau diubah)"),
    )
}

pub fn decode_hash(h: &str) -> Option<[u8; 32]> {
    hex::decode(h).ok()?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prev_is_stripped_and_restored_exactly() {
        let body = EventBody {
            v: 1,
            device: "d".into(),
            seq: 2,
            hlc: crate::hlc::Hlc(5),
            author: None,
            entity: "agency".into(),
            id: "DUK".into(),
            fields: Default::default(),
            pred: vec![],
            prev: hex::encode([7u8; 32]),
        };
        let bytes = body.to_bytes();
        let s = strip_prev(&bytes).unwrap();
        assert_eq!(s.len(), bytes.len() - 64);
        assert_eq!(restore_prev(&s, &[7u8; 32]).unwrap(), bytes);
        assert!(restore_prev(b"{}", &[0; 32]).is_none());
    }
}
