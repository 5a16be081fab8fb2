//! Fuzzes the bundle reader: any byte string must be refused with an error (or read), never
//! panic, hang or allocate without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use loket_core::sync::bundle::{read_header, read_parts};

fuzz_target!(|data: &[u8]| {
    let mut r = data;
    if let Ok((manifest, _)) = read_header(&mut r) {
        let _ = read_parts(&mut r, &manifest, |_, _| Ok(()));
    }
    // the same bytes inside an encrypted wrapper
    if data.len() > 8 {
        if let Ok(mut d) = loket_core::sync::crypt::DecryptReader::new(&data[8..], "p") {
            let _ = std::io::copy(&mut d, &mut std::io::sink());
        }
    }
});
