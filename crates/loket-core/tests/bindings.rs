//! The TypeScript types in `ui/src/lib/bindings` are generated from the Rust types. This test
//! fails when they are stale; `LOKET_UPDATE_BINDINGS=1 cargo test -p loket-core --test
//! bindings` (or `scripts/gen-bindings.sh`) regenerates them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every `.ts` file below `dir`, by its path relative to `dir` (ts-rs writes some types, such
/// as `serde_json/JsonValue.ts`, into subfolders).
fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(base, &p, out);
                } else if p.extension().is_some_and(|x| x == "ts") {
                    let rel = p
                        .strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    out.insert(rel, std::fs::read_to_string(&p).unwrap());
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn typescript_bindings_are_fresh() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings");
    let tmp = tempfile::tempdir().unwrap();
    loket_core::api::export_bindings(tmp.path()).unwrap();
    let fresh = read_dir(tmp.path());
    assert!(fresh.contains_key("commands.ts") && fresh.contains_key("Agency.ts"));
    if std::env::var("LOKET_UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        for (name, text) in &fresh {
            let path = committed.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        return;
    }
    let old = read_dir(&committed);
    assert!(
        old == fresh,
        "ui/src/lib/bindings is stale: run scripts/gen-bindings.sh and commit the result \
         (differs in: {:?})",
        fresh
            .keys()
            .chain(old.keys())
            .filter(|k| fresh.get(*k) != old.get(*k))
            .collect::<std::collections::BTreeSet<_>>()
    );
}
