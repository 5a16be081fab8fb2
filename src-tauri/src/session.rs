//! Who is logged in, per window. The shell keeps the actor in Rust (never trusts the webview to
//! say who it is) and decides only *which actor* a call runs as; the command layer decides
//! whether that actor may run it.

use std::collections::HashMap;
use std::sync::Mutex;

use loket_core::api::{Actor, ApiError};
use loket_core::Locale;
use serde::Serialize;
use ts_rs::TS;

/// What the UI learns about its window's session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SessionView {
    pub username: String,
    /// `petugas`, `supervisor` or `admin`.
    pub role: String,
    pub nip: Option<String>,
    /// Locked after idle time: the user is remembered, commands are refused until the PIN is
    /// entered again (or another officer logs in).
    pub locked: bool,
}

#[derive(Debug, Clone)]
struct Session {
    actor: Actor,
    locked: bool,
}

impl Session {
    fn view(&self) -> Option<SessionView> {
        match &self.actor {
            Actor::User {
                username,
                role,
                nip,
            } => Some(SessionView {
                username: username.clone(),
                role: role.as_str().to_string(),
                nip: nip.clone(),
                locked: self.locked,
            }),
            Actor::Machine => None,
        }
    }
}

/// Commands a window without a logged-in user may run, as the machine administrator: the
/// first-run wizard. The command layer itself refuses `init` on an initialised database and
/// `user.bootstrap_admin` once any user exists.
pub const FIRST_RUN_COMMANDS: &[&str] = &["status", "init", "user.bootstrap_admin"];

/// Which commands each window may send through `api_call`. The main window gets every
/// command (the actor's role still limits it); windows added later (a kiosk, a display board)
/// get a short list here and a narrow capability file.
pub fn window_allows(label: &str, command: &str) -> bool {
    match label {
        "main" => true,
        // Other windows (kiosk, board, survey) allow only the commands they need.
        // >>> queue (issue 4)
        // The ticket kiosk: services, issuing and printing tickets (and the printer settings).
        "kiosk" => [
            "status",
            "agency.list",
            "service.list",
            "queue.issue",
            "queue.print",
            "queue.print_to",
            "queue.printer",
            "queue.waiting",
        ]
        .contains(&command),
        // The display board: what is called and waiting, nothing else.
        "board" => ["status", "queue.board"].contains(&command),
        // <<< queue
        // >>> desk (issue 4)
        // <<< desk
        // >>> survey (issue 6)
        // <<< survey
        // >>> sync (issue 7)
        // <<< sync
        _ => {
            let _ = command;
            false
        }
    }
}

#[derive(Default)]
pub struct Sessions {
    by_window: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.by_window.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn view(&self, window: &str) -> Option<SessionView> {
        self.map().get(window).and_then(Session::view)
    }

    /// Replaces the window's session (a login, an unlock, or a switch of officer).
    pub fn set(&self, window: &str, actor: Actor) -> Option<SessionView> {
        let session = Session {
            actor,
            locked: false,
        };
        let view = session.view();
        self.map().insert(window.to_string(), session);
        view
    }

    pub fn lock(&self, window: &str) -> Option<SessionView> {
        let mut map = self.map();
        let session = map.get_mut(window)?;
        session.locked = true;
        session.view()
    }

    pub fn clear(&self, window: &str) {
        self.map().remove(window);
    }

    /// The actor a command from `window` runs as, or the error the UI gets instead.
    pub fn actor_for(
        &self,
        window: &str,
        command: &str,
        locale: Locale,
    ) -> Result<Actor, ApiError> {
        if !window_allows(window, command) {
            return Err(shell_error("window_not_allowed", locale));
        }
        // `status` is public and read-only: the login and lock screens show the site and
        // device, and a user deactivated meanwhile still gets the login screen.
        if command == "status" {
            return Ok(Actor::Machine);
        }
        match self.map().get(window) {
            Some(s) if !s.locked => Ok(s.actor.clone()),
            Some(_) => Err(shell_error("locked", locale)),
            None if FIRST_RUN_COMMANDS.contains(&command) => Ok(Actor::Machine),
            None => Err(shell_error("not_logged_in", locale)),
        }
    }
}

/// Errors raised by the shell itself, in the same `{code, message}` shape as the core's.
pub fn shell_error(code: &str, locale: Locale) -> ApiError {
    let (id, en) = match code {
        "not_logged_in" => ("Silakan masuk terlebih dahulu.", "Please log in first."),
        "locked" => (
            "Layar terkunci. Masukkan PIN untuk melanjutkan.",
            "The screen is locked. Enter the PIN to continue.",
        ),
        "window_not_allowed" => (
            "Perintah ini tidak tersedia di jendela ini.",
            "This command is not available in this window.",
        ),
        "not_a_user" => (
            "Akun ini tidak dapat masuk ke aplikasi.",
            "This account cannot log in to the app.",
        ),
        _ => ("Terjadi kesalahan internal.", "An internal error occurred."),
    };
    ApiError {
        code: code.to_string(),
        message: match locale {
            Locale::Id => id,
            Locale::En => en,
        }
        .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use loket_core::accounts::Role;

    fn sari() -> Actor {
        Actor::User {
            username: "sari".into(),
            role: Role::Petugas,
            nip: None,
        }
    }

    #[test]
    fn without_login_only_first_run_commands_run_as_machine() {
        let s = Sessions::default();
        for c in FIRST_RUN_COMMANDS {
            assert_eq!(s.actor_for("main", c, Locale::Id), Ok(Actor::Machine));
        }
        let err = s.actor_for("main", "agency.list", Locale::Id).unwrap_err();
        assert_eq!(err.code, "not_logged_in");
        assert_eq!(err.message, "Silakan masuk terlebih dahulu.");
    }

    #[test]
    fn a_logged_in_window_runs_as_its_user_even_for_first_run_commands() {
        let s = Sessions::default();
        let view = s.set("main", sari()).unwrap();
        assert_eq!(view.username, "sari");
        assert_eq!(view.role, "petugas");
        assert_eq!(s.actor_for("main", "init", Locale::En), Ok(sari()));
        assert_eq!(s.actor_for("main", "agency.add", Locale::En), Ok(sari()));
    }

    #[test]
    fn locking_keeps_the_user_and_refuses_commands() {
        let s = Sessions::default();
        s.set("main", sari());
        let view = s.lock("main").unwrap();
        assert!(view.locked);
        assert_eq!(s.view("main").unwrap().username, "sari");
        assert_eq!(
            s.actor_for("main", "agency.list", Locale::En)
                .unwrap_err()
                .code,
            "locked"
        );
        assert_eq!(
            s.actor_for("main", "status", Locale::En),
            Ok(Actor::Machine)
        );
        // unlocking is a fresh login
        s.set("main", sari());
        assert!(!s.view("main").unwrap().locked);
        s.clear("main");
        assert_eq!(s.view("main"), None);
    }

    #[test]
    fn other_windows_get_nothing_yet() {
        let s = Sessions::default();
        assert_eq!(
            s.actor_for("unknown", "status", Locale::Id)
                .unwrap_err()
                .code,
            "window_not_allowed"
        );
    }

    // >>> queue (issue 4)
    #[test]
    fn the_kiosk_and_the_board_run_only_their_commands_as_the_opener() {
        let s = Sessions::default();
        s.set("kiosk", sari());
        s.set("board", sari());
        assert_eq!(s.actor_for("kiosk", "queue.issue", Locale::Id), Ok(sari()));
        assert_eq!(
            s.actor_for("kiosk", "queue.print_to", Locale::Id),
            Ok(sari())
        );
        assert_eq!(s.actor_for("board", "queue.board", Locale::Id), Ok(sari()));
        for (w, c) in [
            ("kiosk", "queue.call"),
            ("kiosk", "user.add"),
            ("kiosk", "queue.set_printer"),
            ("board", "queue.issue"),
            ("board", "queue.list"),
        ] {
            assert_eq!(
                s.actor_for(w, c, Locale::Id).unwrap_err().code,
                "window_not_allowed",
                "{w} {c}"
            );
        }
        // closing a window forgets its user; the main window is not touched
        s.clear("kiosk");
        assert_eq!(
            s.actor_for("kiosk", "queue.issue", Locale::Id)
                .unwrap_err()
                .code,
            "not_logged_in"
        );
    }
    // <<< queue
}

#[cfg(test)]
mod bindings {
    use super::SessionView;
    use std::path::Path;
    use ts_rs::TS;

    /// The UI imports `ui/src/lib/shell-bindings/SessionView.ts`; this fails when it is stale.
    /// Regenerate with `UPDATE_BINDINGS=1 cargo test -p loket-desktop bindings`.
    #[test]
    fn shell_bindings_are_current() {
        let cfg = ts_rs::Config::new();
        let text = SessionView::export_to_string(&cfg).expect("render SessionView");
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../ui/src/lib/shell-bindings/SessionView.ts");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            current,
            text,
            "{} is stale: run UPDATE_BINDINGS=1 cargo test -p loket-desktop bindings",
            path.display()
        );
    }
}
