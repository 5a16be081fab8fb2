//! The Tauri commands: a thin bridge to loket-core's command layer. No business logic here.

use std::sync::Arc;

use loket_core::api::{Actor, Api, ApiError};
use loket_core::Locale;
use serde::Serialize;
use serde_json::Value;
use tauri::{AppHandle, Emitter, State, WebviewWindow};

use crate::session::{shell_error, SessionView, Sessions};

/// Event pushed to every window after a change; the UI re-fetches what it shows.
pub const CHANGED_EVENT: &str = "loket://changed";

#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// `local` (a command of this app) or `external` (another process, e.g. the CLI).
    pub source: &'static str,
    pub command: Option<String>,
}

/// The shared state: the opened database (or why it could not be opened) and the sessions.
pub struct Shell {
    pub api: Result<Arc<Api>, ApiError>,
    pub sessions: Sessions,
}

impl Shell {
    fn api(&self) -> Result<Arc<Api>, ApiError> {
        self.api.clone()
    }
}

fn locale_or_default(locale: Option<Locale>) -> Locale {
    locale.unwrap_or_default()
}

/// Runs blocking database work off the IPC thread.
async fn blocking<T: Send + 'static>(
    locale: Locale,
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .unwrap_or_else(|_| Err(shell_error("internal", locale)))
}

/// Runs one command of the command layer as the window's actor.
#[tauri::command]
pub async fn api_call(
    app: AppHandle,
    window: WebviewWindow,
    shell: State<'_, Shell>,
    command: String,
    args: Option<Value>,
    locale: Option<Locale>,
) -> Result<Value, ApiError> {
    let locale = locale_or_default(locale);
    let api = shell.api()?;
    let actor = shell.sessions.actor_for(window.label(), &command, locale)?;
    let args = args.unwrap_or(Value::Null);
    let name = command.clone();
    let result = blocking(locale, move || {
        let out = api.call(&actor, locale, &name, args)?;
        Ok((out, api.is_mutating(&name)))
    })
    .await;
    let (out, mutating) = result?;
    if mutating {
        let _ = app.emit(
            CHANGED_EVENT,
            Changed {
                source: "local",
                command: Some(command),
            },
        );
    }
    Ok(out)
}

/// Logs a user in on this window (also unlocks, and switches officer).
#[tauri::command]
pub async fn login(
    window: WebviewWindow,
    shell: State<'_, Shell>,
    username: String,
    pin: String,
    locale: Option<Locale>,
) -> Result<SessionView, ApiError> {
    let locale = locale_or_default(locale);
    let api = shell.api()?;
    let actor = blocking(locale, move || api.login(&username, &pin, locale)).await?;
    if matches!(actor, Actor::Machine) {
        return Err(shell_error("not_a_user", locale));
    }
    shell
        .sessions
        .set(window.label(), actor)
        .ok_or_else(|| shell_error("not_a_user", locale))
}

/// Locks the window's session after idle time; the user stays known for a quick PIN re-entry.
#[tauri::command]
pub fn lock(window: WebviewWindow, shell: State<'_, Shell>) -> Option<SessionView> {
    shell.sessions.lock(window.label())
}

#[tauri::command]
pub fn logout(window: WebviewWindow, shell: State<'_, Shell>) {
    shell.sessions.clear(window.label());
}

#[tauri::command]
pub fn session(window: WebviewWindow, shell: State<'_, Shell>) -> Option<SessionView> {
    shell.sessions.view(window.label())
}

// >>> queue (issue 4)
/// The queue's second windows: `kiosk` (the ticket kiosk, touch, often fullscreen) and `board`
/// (the display board on a second monitor or TV). Each has its own label and capability file
/// (`capabilities/kiosk.json`, `capabilities/board.json`) and loads the same UI with
/// `?view=<label>`; `session::window_allows` gives it only the commands it needs.
pub const QUEUE_WINDOWS: &[&str] = &["kiosk", "board"];
use loket_core::accounts::Role;

fn queue_error(code: &str, locale: Locale) -> ApiError {
    let (id, en) = match code {
        "unknown_window" => (
            "Jenis jendela tidak dikenal (kiosk atau board).",
            "Unknown window kind (kiosk or board).",
        ),
        "not_supervisor" => (
            "Hanya supervisor atau admin yang dapat melakukan ini.",
            "Only a supervisor or an admin can do this.",
        ),
        "window_failed" => (
            "Jendela tidak dapat dibuka.",
            "The window could not be opened.",
        ),
        other => return shell_error(other, locale),
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

/// Opens (or focuses) the kiosk or the display board. The new window acts as the opener's
/// user, for its own short list of commands only (`session::window_allows`).
#[tauri::command]
pub async fn queue_window_open(
    app: AppHandle,
    window: WebviewWindow,
    shell: State<'_, Shell>,
    kind: String,
    fullscreen: Option<bool>,
    locale: Option<Locale>,
) -> Result<(), ApiError> {
    use tauri::{Manager, WebviewUrl, WebviewWindowBuilder, WindowEvent};
    // (the window kinds are fixed; `kind` only selects one)
    let locale = locale_or_default(locale);
    let label = QUEUE_WINDOWS
        .iter()
        .find(|l| **l == kind)
        .copied()
        .ok_or_else(|| queue_error("unknown_window", locale))?;
    if window.label() != "main" {
        return Err(shell_error("window_not_allowed", locale));
    }
    // The opener must be logged in and unlocked; its actor is handed to the new window.
    let actor = shell
        .sessions
        .actor_for(window.label(), "queue.issue", locale)?;
    shell.sessions.set(label, actor);
    if let Some(w) = app.get_webview_window(label) {
        let _ = w.unminimize();
        let _ = w.show();
        if let Some(f) = fullscreen {
            let _ = w.set_fullscreen(f);
        }
        let _ = w.set_focus();
        return Ok(());
    }
    let title = match label {
        "kiosk" => "Loket — Kios Antrian",
        _ => "Loket — Papan Antrian",
    };
    let url = WebviewUrl::App(format!("index.html?view={label}").into());
    let w = WebviewWindowBuilder::new(&app, label, url)
        .title(title)
        .inner_size(1280.0, 768.0)
        .min_inner_size(800.0, 600.0)
        .fullscreen(fullscreen.unwrap_or(false))
        .build()
        .map_err(|e| {
            eprintln!("loket-desktop: window {label}: {e}");
            queue_error("window_failed", locale)
        })?;
    let handle = app.clone();
    let is_kiosk = label == "kiosk";
    w.on_window_event(move |event| match event {
        // The kiosk closes only through `queue_window_close` (a supervisor's PIN).
        WindowEvent::CloseRequested { api, .. } if is_kiosk => api.prevent_close(),
        WindowEvent::Destroyed => handle.state::<Shell>().sessions.clear(label),
        _ => {}
    });
    Ok(())
}

/// Checks a supervisor's or admin's PIN without touching any window's session (for leaving a
/// kiosk, or any other kiosk-like screen). A wrong PIN counts as a failed login (lockout).
/// Returns the user on success.
#[tauri::command]
pub async fn verify_supervisor(
    shell: State<'_, Shell>,
    username: String,
    pin: String,
    locale: Option<Locale>,
) -> Result<SessionView, ApiError> {
    let locale = locale_or_default(locale);
    let api = shell.api()?;
    let actor = blocking(locale, move || api.login(&username, &pin, locale)).await?;
    match &actor {
        Actor::User {
            username,
            role: role @ (Role::Supervisor | Role::Admin),
            nip,
        } => Ok(SessionView {
            username: username.clone(),
            role: role.as_str().to_string(),
            nip: nip.clone(),
            locked: false,
        }),
        _ => Err(queue_error("not_supervisor", locale)),
    }
}

/// Closes the calling kiosk or board window after a supervisor's or admin's PIN.
#[tauri::command]
pub async fn queue_window_close(
    window: WebviewWindow,
    shell: State<'_, Shell>,
    username: String,
    pin: String,
    locale: Option<Locale>,
) -> Result<(), ApiError> {
    let loc = locale_or_default(locale);
    if !QUEUE_WINDOWS.contains(&window.label()) {
        return Err(shell_error("window_not_allowed", loc));
    }
    verify_supervisor(shell.clone(), username, pin, locale).await?;
    shell.sessions.clear(window.label());
    window.destroy().map_err(|_| shell_error("internal", loc))
}
// <<< queue
// >>> desk (issue 4)
// <<< desk
// >>> survey (issue 6)
// (leaving the survey kiosk uses `verify_supervisor` above)
// <<< survey
// >>> sync (issue 7)
// <<< sync
