//! Loket desktop: a thin Tauri 2 shell. It opens the same database as the CLI and forwards
//! every UI request to loket-core's command layer; only this crate knows about Tauri.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod db_path;
mod probe;
mod session;
mod watcher;

use std::sync::Arc;

use loket_core::api::{Api, ApiError};
use loket_core::Env;
use tauri::Manager;
use tauri_plugin_window_state::StateFlags;

use commands::Shell;

fn open_database() -> Result<Arc<Api>, ApiError> {
    let path = db_path::from_process();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| ApiError {
            code: "db_open".into(),
            message: format!(
                "Folder basis data {} tidak dapat dibuat: {e}",
                dir.display()
            ),
        })?;
    }
    Api::open(&path, Env::system()).map(Arc::new)
}

/// WebKitGTK's accelerated compositing buys nothing for Loket's flat screens and costs memory:
/// about 60 MB of GL layers in the web process where the GL is software (VMs, office PCs without
/// a usable GPU driver, Xvfb), and some GPU drivers show a blank window with it. Loket turns it
/// off before WebKit starts unless the variable is already set or `LOKET_GPU_COMPOSITING=1`.
fn software_compositing() {
    if cfg!(target_os = "linux")
        && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none()
        && std::env::var("LOKET_GPU_COMPOSITING").as_deref() != Ok("1")
    {
        // single-threaded here: nothing else reads the environment yet
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

fn main() {
    if std::env::args().any(|a| a == "--help" || a == "-h") {
        println!("loket-desktop [--db PATH]\n\nDatabase: --db PATH, else $LOKET_DB, else <data dir>/loket/loket.db");
        return;
    }
    software_compositing();

    // A database that cannot be opened (e.g. written by a newer Loket) is reported in the
    // window: every command then answers with that error.
    let api = open_database();
    if let Err(e) = &api {
        eprintln!("loket-desktop: {}", e.message);
    }

    tauri::Builder::default()
        // First: a second start just focuses the running window.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
                .build(),
        )
        .manage(Shell {
            api: api.clone(),
            sessions: Default::default(),
        })
        .setup(move |app| {
            if let Ok(api) = &api {
                watcher::spawn(app.handle().clone(), api.clone());
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::api_call,
            commands::login,
            commands::logout,
            commands::lock,
            commands::session,
            probe::startup_ready,
            // Shell commands of a capability (windows, devices) go between its anchors.
            // >>> queue (issue 4)
            commands::queue_window_open,
            commands::queue_window_close,
            commands::verify_supervisor,
            // <<< queue
            // >>> desk (issue 4)
            // <<< desk
            // >>> survey (issue 6)
            // <<< survey
            // >>> sync (issue 7)
            // <<< sync
        ])
        .run(tauri::generate_context!())
        .expect("error while running the Loket desktop app");
}
