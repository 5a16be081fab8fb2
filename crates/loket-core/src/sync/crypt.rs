//! Passphrase encryption of bundle files: a key derived with argon2id from the passphrase and a
//! random salt, and XChaCha20-Poly1305 in the STREAM construction over 64 KiB chunks (each
//! chunk authenticated, the last one marked, so truncation and reordering are detected).
//! Streams in both directions with constant memory.

use std::io::{self, Read, Write};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305};

use crate::error::{Error, Result};

pub const MAGIC: &[u8; 8] = b"LOKETENC";
const VERSION: u8 = 1;
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;
const NONCE: usize = 19;
const SALT: usize = 16;
/// argon2id cost: 19 MiB, 2 passes (OWASP minimum).
const M_COST: u32 = 19_456;
const T_COST: u32 = 2;
const P_COST: u32 = 1;
/// The most a file may ask of the reader's key derivation: 64 MiB of memory (a crafted header
/// must not make an import allocate without bound), 8 passes, 4 lanes.
const MAX_M_COST: u32 = 64 * 1024;
const MAX_T_COST: u32 = 8;
const MAX_P_COST: u32 = 4;
pub const HEADER_LEN: usize = 8 + 1 + 12 + SALT + NONCE;

fn derive(pass: &str, salt: &[u8], m: u32, t: u32, p: u32) -> Result<XChaCha20Poly1305> {
    if m > MAX_M_COST || t > MAX_T_COST || p > MAX_P_COST {
        return Err(Error::invalid(
            "the file asks for unreasonable key-derivation costs; it is damaged or not a Loket file",
            "berkas meminta biaya penurunan kunci yang tidak wajar; berkas rusak atau bukan berkas Loket",
        ));
    }
    let params = Params::new(m, t, p, Some(32)).map_err(|e| Error::Corrupt(e.to_string()))?;
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(pass.as_bytes(), salt, &mut key)
        .map_err(|e| Error::Corrupt(e.to_string()))?;
    Ok(XChaCha20Poly1305::new(&key.into()))
}

fn wrong_pass() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "LOKET_DECRYPT: wrong passphrase, or the encrypted file is damaged or truncated",
    )
}

/// Encrypts everything written to it; call [`EncryptWriter::finish`] at the end.
pub struct EncryptWriter<W: Write> {
    inner: W,
    enc: Option<EncryptorBE32<XChaCha20Poly1305>>,
    buf: Vec<u8>,
}

impl<W: Write> EncryptWriter<W> {
    pub fn new(mut inner: W, pass: &str, salt: [u8; SALT], nonce: [u8; NONCE]) -> Result<Self> {
        let cipher = derive(pass, &salt, M_COST, T_COST, P_COST)?;
        inner.write_all(MAGIC)?;
        inner.write_all(&[VERSION])?;
        for v in [M_COST, T_COST, P_COST] {
            inner.write_all(&v.to_be_bytes())?;
        }
        inner.write_all(&salt)?;
        inner.write_all(&nonce)?;
        Ok(EncryptWriter {
            inner,
            enc: Some(EncryptorBE32::from_aead(cipher, &nonce.into())),
            buf: Vec::with_capacity(CHUNK),
        })
    }

    pub fn finish(mut self) -> Result<W> {
        let enc = self.enc.take().expect("not finished twice");
        let ct = enc
            .encrypt_last(self.buf.as_slice())
            .map_err(|_| Error::Corrupt("encryption failed".into()))?;
        self.inner.write_all(&ct)?;
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for EncryptWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let mut rest = data;
        while !rest.is_empty() {
            let take = (CHUNK - self.buf.len()).min(rest.len());
            self.buf.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            // A full chunk is only sealed once more data follows, so the last chunk is known.
            if self.buf.len() == CHUNK && !rest.is_empty() {
                let ct = self
                    .enc
                    .as_mut()
                    .expect("not finished")
                    .encrypt_next(self.buf.as_slice())
                    .map_err(|_| io::Error::other("encryption failed"))?;
                self.inner.write_all(&ct)?;
                self.buf.clear();
            }
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Decrypts a stream written by [`EncryptWriter`]; the magic has been read already.
pub struct DecryptReader<R: Read> {
    inner: R,
    dec: Option<DecryptorBE32<XChaCha20Poly1305>>,
    plain: Vec<u8>,
    pos: usize,
    peeked: Option<u8>,
    done: bool,
}

impl<R: Read> DecryptReader<R> {
    /// Reads the header after the magic and derives the key.
    pub fn new(mut inner: R, pass: &str) -> Result<Self> {
        let mut head = [0u8; 1 + 12 + SALT + NONCE];
        inner.read_exact(&mut head).map_err(|_| {
            Error::invalid(
                "the encrypted file is truncated (its header is incomplete)",
                "berkas terenkripsi terpotong (kepalanya tidak lengkap)",
            )
        })?;
        if head[0] != VERSION {
            return Err(Error::invalid(
                format!("the file is encrypted with format {} which this Loket does not know; update Loket", head[0]),
                format!("berkas dienkripsi dengan format {} yang belum dikenal; perbarui Loket", head[0]),
            ));
        }
        let n = |i: usize| u32::from_be_bytes(head[1 + 4 * i..5 + 4 * i].try_into().unwrap());
        let salt = &head[13..13 + SALT];
        let nonce: [u8; NONCE] = head[13 + SALT..].try_into().unwrap();
        let cipher = derive(pass, salt, n(0), n(1), n(2))?;
        Ok(DecryptReader {
            inner,
            dec: Some(DecryptorBE32::from_aead(cipher, &nonce.into())),
            plain: Vec::new(),
            pos: 0,
            peeked: None,
            done: false,
        })
    }

    fn fill(&mut self) -> io::Result<()> {
        let mut ct = Vec::with_capacity(CHUNK + TAG);
        if let Some(b) = self.peeked.take() {
            ct.push(b);
        }
        let mut limited = (&mut self.inner).take((CHUNK + TAG - ct.len()) as u64);
        limited.read_to_end(&mut ct)?;
        let mut one = [0u8; 1];
        let last = if ct.len() < CHUNK + TAG {
            true
        } else {
            match self.inner.read(&mut one)? {
                0 => true,
                _ => {
                    self.peeked = Some(one[0]);
                    false
                }
            }
        };
        self.plain = if last {
            self.done = true;
            self.dec
                .take()
                .ok_or_else(wrong_pass)?
                .decrypt_last(ct.as_slice())
                .map_err(|_| wrong_pass())?
        } else {
            self.dec
                .as_mut()
                .ok_or_else(wrong_pass)?
                .decrypt_next(ct.as_slice())
                .map_err(|_| wrong_pass())?
        };
        self.pos = 0;
        Ok(())
    }
}

impl<R: Read> Read for DecryptReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.plain.len() {
            if self.done {
                return Ok(0);
            }
            self.fill()?;
        }
        let n = out.len().min(self.plain.len() - self.pos);
        out[..n].copy_from_slice(&self.plain[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(len: usize) {
        let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        let mut w = EncryptWriter::new(Vec::new(), "rahasia", [1; SALT], [2; NONCE]).unwrap();
        w.write_all(&data).unwrap();
        let file = w.finish().unwrap();
        assert_eq!(&file[..8], MAGIC);
        let mut r = DecryptReader::new(&file[8..], "rahasia").unwrap();
        let mut back = Vec::new();
        r.read_to_end(&mut back).unwrap();
        assert_eq!(back, data, "len {len}");
        // wrong passphrase
        let mut r = DecryptReader::new(&file[8..], "salah").unwrap();
        assert!(r.read_to_end(&mut Vec::new()).is_err());
        // truncation at every chunk boundary and in the middle
        for cut in [
            file.len() - 1,
            file.len() - TAG,
            HEADER_LEN + (CHUNK + TAG).min(file.len() - HEADER_LEN - 1),
        ] {
            if cut <= HEADER_LEN || cut >= file.len() {
                continue;
            }
            let mut r = DecryptReader::new(&file[8..cut], "rahasia").unwrap();
            assert!(
                r.read_to_end(&mut Vec::new()).is_err(),
                "cut at {cut} of {}",
                file.len()
            );
        }
    }

    #[test]
    fn roundtrips_and_detects_wrong_pass_and_truncation() {
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5] {
            roundtrip(len);
        }
    }

    fn header(m: u32, t: u32, p: u32) -> Vec<u8> {
        let mut h = vec![VERSION];
        for v in [m, t, p] {
            h.extend_from_slice(&v.to_be_bytes());
        }
        h.extend_from_slice(&[0; SALT + NONCE]);
        h
    }

    #[test]
    fn refuses_key_derivation_costs_a_crafted_header_could_abuse() {
        // found by the fuzzer: a header asking for ~700 MiB of argon2 memory
        let fuzzed = [
            1u8, 0, 10, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 254, 255, 255, 0, 0, 0, 0, 0, 0, 0, 41, 0, 0, 0, 0, 41, 0, 0,
        ];
        for h in [
            fuzzed.to_vec(),
            header(MAX_M_COST + 1, 2, 1),
            header(8, MAX_T_COST + 1, 1),
            header(8, 2, MAX_P_COST + 1),
        ] {
            let e = DecryptReader::new(h.as_slice(), "p")
                .err()
                .expect("refused");
            assert!(e.to_string().contains("unreasonable"), "{e}");
        }
        // what our own writer asks for stays accepted
        assert!(DecryptReader::new(header(M_COST, T_COST, P_COST).as_slice(), "p").is_ok());
    }
}
