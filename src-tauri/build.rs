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
            "verify_supervisor",
        ]),
    ))
    .expect("tauri-build failed");
}
