//! Which database the desktop opens: the CLI's rules (`loket_core::store::resolve_db_path`),
//! with `--db PATH` (or `--db=PATH`) read from the process arguments.

use std::ffi::OsString;
use std::path::PathBuf;

/// The value of `--db PATH` or `--db=PATH` among the arguments (the program name skipped).
pub fn flag(args: &[OsString]) -> Option<PathBuf> {
    let mut it = args.iter().skip(1);
    while let Some(arg) = it.next() {
        let s = arg.to_string_lossy();
        if s == "--db" {
            if let Some(path) = it.next() {
                return Some(PathBuf::from(path));
            }
        } else if let Some(path) = s.strip_prefix("--db=") {
            return Some(PathBuf::from(path));
        }
    }
    None
}

/// The path for this process: `--db`, else `$LOKET_DB`, else `<data dir>/loket/loket.db`.
pub fn from_process() -> PathBuf {
    let args: Vec<OsString> = std::env::args_os().collect();
    loket_core::store::resolve_db_path(flag(&args), std::env::var_os("LOKET_DB"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use loket_core::store::resolve_db_path;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn flag_beats_env_beats_default() {
        let env = Some(OsString::from("/env/loket.db"));
        let resolve = |a: &[&str], e: Option<OsString>| resolve_db_path(flag(&args(a)), e);
        assert_eq!(
            resolve(&["loket-desktop", "--db", "/a.db"], env.clone()),
            PathBuf::from("/a.db")
        );
        assert_eq!(
            resolve(&["loket-desktop", "--db=/b.db"], env.clone()),
            PathBuf::from("/b.db")
        );
        assert_eq!(
            resolve(&["loket-desktop"], env),
            PathBuf::from("/env/loket.db")
        );
        let default = resolve(&["loket-desktop"], Some(OsString::new()));
        assert!(
            default.ends_with("loket/loket.db"),
            "an empty LOKET_DB falls back to the data directory: {}",
            default.display()
        );
    }

    #[test]
    fn ignores_a_dangling_flag_and_unknown_args() {
        assert_eq!(flag(&args(&["x", "--verbose", "--db"])), None);
        assert_eq!(flag(&args(&["x", "--verbose"])), None);
    }
}
