fn main() {
    // Only these commands exist; each window's capability file (capabilities/*.json) grants the
    // subset it needs through the generated `allow-<command>` permissions.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "api_call",
            "login",
            "logout",
            "lock",
            "session",
            "startup_ready",
            // queue (issue 4): the kiosk and display board windows
            "queue_window_open",
            "queue_window_close",
            "verify_supervisor",
        ]),
    ))
    .expect("tauri-build failed");
}
