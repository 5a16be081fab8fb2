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
// <<< queue
// >>> desk (issue 4)
// <<< desk
// >>> survey (issue 6)
/// Checks that `username`/`pin` belong to a supervisor or admin (e.g. to leave the survey kiosk)
/// without touching the window's session. A wrong PIN counts as a failed login (lockout).
#[tauri::command]
pub async fn verify_supervisor(
    shell: State<'_, Shell>,
    username: String,
    pin: String,
    locale: Option<Locale>,
) -> Result<String, ApiError> {
    let locale = locale_or_default(locale);
    let api = shell.api()?;
    let actor = blocking(locale, move || api.login(&username, &pin, locale)).await?;
    match actor {
        Actor::User { username, role, .. }
            if matches!(
                role,
                loket_core::accounts::Role::Supervisor | loket_core::accounts::Role::Admin
            ) =>
        {
            Ok(username)
        }
        _ => Err(ApiError {
            code: "not_supervisor".into(),
            message: match locale {
                Locale::Id => "Hanya supervisor atau admin yang dapat melakukan ini.",
                Locale::En => "Only a supervisor or an admin can do this.",
            }
            .into(),
        }),
    }
}
// <<< survey
// >>> sync (issue 7)
// <<< sync
