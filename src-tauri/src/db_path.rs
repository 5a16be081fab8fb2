//! Which database the desktop opens: the same rules as the CLI.

use std::ffi::OsString;
use std::path::PathBuf;

/// `--db PATH` (or `--db=PATH`) wins, then `LOKET_DB`, then `<data dir>/loket/loket.db`
/// (e.g. `~/.local/share/loket/loket.db`, `%APPDATA%\loket\loket.db`).
pub fn resolve(
    args: &[OsString],
    env_db: Option<OsString>,
    data_dir: Option<PathBuf>,
) -> Option<PathBuf> {
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
    if let Some(path) = env_db.filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    data_dir.map(|d| d.join("loket").join("loket.db"))
}

/// The path for this process.
pub fn from_process() -> Option<PathBuf> {
    let args: Vec<OsString> = std::env::args_os().collect();
    resolve(&args, std::env::var_os("LOKET_DB"), dirs::data_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn flag_beats_env_beats_default() {
        let data = Some(PathBuf::from("/home/u/.local/share"));
        let env = Some(OsString::from("/env/loket.db"));
        assert_eq!(
            resolve(
                &args(&["loket-desktop", "--db", "/a.db"]),
                env.clone(),
                data.clone()
            ),
            Some(PathBuf::from("/a.db"))
        );
        assert_eq!(
            resolve(
                &args(&["loket-desktop", "--db=/b.db"]),
                env.clone(),
                data.clone()
            ),
            Some(PathBuf::from("/b.db"))
        );
        assert_eq!(
            resolve(&args(&["loket-desktop"]), env, data.clone()),
            Some(PathBuf::from("/env/loket.db"))
        );
        assert_eq!(
            resolve(&args(&["loket-desktop"]), Some(OsString::new()), data),
            Some(PathBuf::from("/home/u/.local/share/loket/loket.db"))
        );
        assert_eq!(resolve(&args(&["loket-desktop"]), None, None), None);
    }

    #[test]
    fn ignores_a_dangling_flag_and_unknown_args() {
        assert_eq!(
            resolve(
                &args(&["x", "--verbose", "--db"]),
                Some("/e.db".into()),
                None
            ),
            Some(PathBuf::from("/e.db"))
        );
    }
}
