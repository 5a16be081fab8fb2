//! Sync by file in the real window: a second device of the same site (another database,
//! prepared through the command layer) exports bundles; the window verifies and imports them
//! through the typed-path field (WebDriver cannot drive native dialogs), shows the summary per
//! device, refuses a tampered file with its reason, asks for a passphrase, lists the device and
//! lets a supervisor settle the conflict of two devices editing one field.

use std::path::{Path, PathBuf};

use fantoccini::{Client, Locator};
use loket_core::api::{Actor, Api};
use loket_core::{Env, Locale};
use serde_json::{json, Value};

use super::harness::*;
use super::{log_in, ready_db, save_failure_screenshot, shot, SITE};

const LAPTOP: &str = "Laptop Keliling";
/// A counter PC whose clock is two years behind.
const OLD_CLOCK: &str = "Loket 2";
const PASSPHRASE: &str = "kopi pagi di loket tiga";
/// The agency both devices rename concurrently.
const NAME_HERE: &str = "Disdukcapil Kota Contoh";
const NAME_LAPTOP: &str = "Dukcapil Layanan Keliling";

/// The bundles the second device wrote, in a folder that outlives the test's window.
struct Bundles {
    dir: tempfile::TempDir,
    plain: PathBuf,
    encrypted: PathBuf,
    tampered: PathBuf,
    skewed: PathBuf,
}

fn call(api: &Api, cmd: &str, args: Value) -> Res<Value> {
    api.call(&Actor::Machine, Locale::Id, cmd, args)
        .map_err(|e| format!("{cmd}: {}", e.message).into())
}

/// The window's database (`ready_db`), and a field laptop of the same site that received the
/// window's data, then worked on its own: a new agency, a holiday, and a rename of DUK that
/// the window's PC also renamed (a conflict once the laptop's file is imported).
fn prepare(db: &Path) -> Res<Bundles> {
    ready_db(db)?;
    let dir = tempfile::tempdir()?;
    let here = Api::open(db, Env::system()).map_err(|e| e.message)?;
    let first = dir.path().join("dari-loket-1.loket");
    call(&here, "sync.export", json!({"out": first, "full": true}))?;

    let laptop_db = dir.path().join("laptop.db");
    let laptop = Api::open(&laptop_db, Env::system()).map_err(|e| e.message)?;
    call(
        &laptop,
        "init",
        json!({"site": SITE, "device": LAPTOP, "kind": "field"}),
    )?;
    call(&laptop, "sync.import", json!({"file": first}))?;
    call(
        &laptop,
        "agency.add",
        json!({"code": "KUA", "name": "Kantor Urusan Agama"}),
    )?;
    call(
        &laptop,
        "holiday.add",
        json!({"date": "2026-12-24", "name": "Cuti bersama Natal (malam)"}),
    )?;
    call(
        &laptop,
        "agency.update",
        json!({"code": "DUK", "name": NAME_LAPTOP}),
    )?;
    call(
        &here,
        "agency.update",
        json!({"code": "DUK", "name": NAME_HERE}),
    )?;

    let out = dir.path().join("kiriman");
    std::fs::create_dir(&out)?;
    let plain = call(&laptop, "sync.export", json!({"out": out}))?["file"]
        .as_str()
        .ok_or("export gave no file")?
        .into();
    let encrypted = out.join("laptop-semua-terenkripsi.loket");
    call(
        &laptop,
        "sync.export",
        json!({"out": encrypted, "full": true, "passphrase": PASSPHRASE}),
    )?;
    // A copy altered after export: one digit of the export time in the signed manifest.
    let tampered = dir.path().join("diubah.loket");
    let mut bytes = std::fs::read(&plain)?;
    let key = b"\"exported_at_ms\":";
    let at = bytes
        .windows(key.len())
        .position(|w| w == key)
        .ok_or("no export time in the manifest")?
        + key.len();
    bytes[at + 3] = if bytes[at + 3] == b'9' {
        b'8'
    } else {
        bytes[at + 3] + 1
    };
    std::fs::write(&tampered, bytes)?;

    // A PC of the same site with its clock two years behind: nothing is lost, the skew shows.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis() as i64;
    let (env, _clock) = Env::fixed(now - 2 * 365 * 86_400_000, 9);
    let old = Api::open(&dir.path().join("loket2.db"), env).map_err(|e| e.message)?;
    call(&old, "init", json!({"site": SITE, "device": OLD_CLOCK}))?;
    call(
        &old,
        "holiday.add",
        json!({"date": "2026-12-26", "name": "Cuti bersama Natal"}),
    )?;
    let skewed = dir.path().join("loket2.loket");
    call(&old, "sync.export", json!({"out": skewed}))?;

    Ok(Bundles {
        skewed,
        dir,
        plain,
        encrypted,
        tampered,
    })
}

fn file_item(path: &Path) -> String {
    format!(
        "[data-testid=\"sync-import-file\"][data-file=\"{}\"]",
        path.display()
    )
}

async fn add_path(c: &Client, path: &Path) -> Res {
    fill(c, "sync-import-path", &path.display().to_string()).await?;
    click(c, "sync-import-add").await
}

/// Waits until the file's entry has the status.
async fn wait_status(c: &Client, path: &Path, status: &str) -> Res {
    let css = format!("{}[data-status=\"{status}\"]", file_item(path));
    c.wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::Css(&css))
        .await
        .map_err(|e| format!("waiting for {css}: {e}"))?;
    Ok(())
}

async fn sync_journey(d: &Desktop, b: &Bundles, shots: Option<&Path>) -> Res {
    let c = &d.client;
    log_in(c, "rudi", "135790").await?;
    click(c, "nav-sync-import").await?;
    el(c, "sync-import-screen").await?;
    if let Some(dir) = shots {
        shot(c, dir, "50-sync-import-empty").await?;
    }

    // A tampered file: refused when checked, with the reason, and nothing changed.
    add_path(c, &b.tampered).await?;
    wait_status(c, &b.tampered, "rejected").await?;
    let reason = wait_text(
        c,
        &format!(
            "{} [data-testid=\"sync-import-reason\"]",
            file_item(&b.tampered)
        ),
        "dipalsukan",
    )
    .await?;
    assert!(
        reason.contains("Tidak ada data yang diubah"),
        "the refusal says nothing changed: {reason}"
    );

    // The laptop's file: checked (events, new ones), then imported.
    add_path(c, &b.plain).await?;
    wait_status(c, &b.plain, "verified").await?;
    wait_text(c, &file_item(&b.plain), LAPTOP).await?;
    wait_text(c, &testid("sync-import-run"), "Impor 1 berkas").await?;
    if let Some(dir) = shots {
        shot(c, dir, "51-sync-import-verified").await?;
    }
    click(c, "sync-import-run").await?;
    wait_status(c, &b.plain, "imported").await?;
    let row = format!(
        "{} [data-testid=\"sync-import-device\"][data-name=\"{LAPTOP}\"]",
        file_item(&b.plain)
    );
    let laptop_row = wait_text(c, &row, LAPTOP).await?;
    let laptop_new = c
        .find(Locator::Css(&format!(
            "{row} [data-testid=\"sync-import-device-new\"]"
        )))
        .await?
        .text()
        .await?;
    let summary = wait_text(
        c,
        &testid("sync-import-summary"),
        "1 berkas diimpor, 1 ditolak",
    )
    .await?;
    assert!(
        summary.contains("konflik baru: 1"),
        "one conflict from the rename: {summary}"
    );
    assert_ne!(
        laptop_new.trim(),
        "0",
        "the laptop's own events are new here: {laptop_row}"
    );
    if let Some(dir) = shots {
        shot(c, dir, "52-sync-import-summary").await?;
    }

    // A file from a PC whose clock is two years behind: imported, the skew reported.
    add_path(c, &b.skewed).await?;
    wait_status(c, &b.skewed, "verified").await?;
    click(c, "sync-import-run").await?;
    wait_status(c, &b.skewed, "imported").await?;
    wait_text(c, &file_item(&b.skewed), "2 tahun lebih lambat").await?;

    // The encrypted full export: a passphrase first; a wrong one is refused and can be retried.
    add_path(c, &b.encrypted).await?;
    wait_status(c, &b.encrypted, "needs_passphrase").await?;
    fill(c, "sync-import-pass", "salah sekali").await?;
    click(c, "sync-import-unlock").await?;
    wait_status(c, &b.encrypted, "rejected").await?;
    wait_text(c, &file_item(&b.encrypted), "kata sandi salah").await?;
    if let Some(dir) = shots {
        shot(c, dir, "53-sync-import-passphrase").await?;
    }
    fill(c, "sync-import-pass", PASSPHRASE).await?;
    click(c, "sync-import-unlock").await?;
    wait_status(c, &b.encrypted, "verified").await?;
    click(c, "sync-import-run").await?;
    wait_status(c, &b.encrypted, "imported").await?;
    wait_text(
        c,
        &testid("sync-import-summary"),
        "3 berkas diimpor, 1 ditolak",
    )
    .await?;

    // The laptop is a known device now, with its site and kind.
    click(c, "nav-sync-devices").await?;
    let device = format!("[data-testid=\"sync-device-row\"][data-name=\"{LAPTOP}\"]");
    let text = wait_text(c, &device, SITE).await?;
    assert!(text.contains("Layanan keliling"), "kind shown: {text}");
    let old = format!("[data-testid=\"sync-device-row\"][data-name=\"{OLD_CLOCK}\"]");
    let text = wait_text(c, &old, "Jam perangkat tampaknya salah").await?;
    assert!(text.contains("2 tahun lebih lambat"), "skew shown: {text}");
    el(c, "sync-devices-clock-note").await?;
    if let Some(dir) = shots {
        shot(c, dir, "54-sync-devices").await?;
    }

    // Home reminds the supervisor of the open conflict and the PC with a wrong clock.
    click(c, "nav-home").await?;
    let home = wait_text(c, &testid("sync-home"), "1 konflik data").await?;
    assert!(home.contains("1 perangkat perlu diperiksa"), "{home}");
    if let Some(dir) = shots {
        shot(c, dir, "58-sync-home").await?;
    }

    // The conflict: both names side by side, the default marked; the supervisor picks one.
    click(c, "sync-home-conflicts").await?;
    let conflict = "[data-testid=\"sync-conflict\"][data-field=\"name\"]";
    let text = wait_text(c, conflict, NAME_HERE).await?;
    assert!(text.contains(NAME_LAPTOP), "both values shown: {text}");
    assert!(
        text.contains("Ditampilkan sekarang"),
        "default marked: {text}"
    );
    if let Some(dir) = shots {
        shot(c, dir, "55-sync-conflicts").await?;
    }
    // Pick the value not shown now, so the result is visible.
    let mut other = None;
    for v in c
        .find_all(Locator::Css("[data-testid=\"sync-conflict-value\"]"))
        .await?
    {
        if !v.text().await?.contains("Ditampilkan sekarang") {
            other = v.attr("data-value").await?;
        }
    }
    let other = other.ok_or("no value besides the default")?;
    let shown_now = if other == NAME_HERE {
        NAME_LAPTOP
    } else {
        NAME_HERE
    };
    let pick = format!(
        "[data-testid=\"sync-conflict-value\"][data-value=\"{other}\"] [data-testid=\"sync-conflict-pick\"]"
    );
    c.find(Locator::Css(&pick)).await?.click().await?;
    wait_text(c, &testid("notice"), &other).await?;
    el(c, "sync-conflicts-none").await?;
    wait_gone(c, conflict).await?;

    // The pick is the agency's name now.
    click(c, "nav-agencies").await?;
    let list = wait_text(c, "main", &other).await?;
    assert!(!list.contains(shown_now), "the other value is gone: {list}");

    // Export from the window to a folder (typed), protected by a passphrase.
    click(c, "nav-sync-export").await?;
    let out = b.dir.path().join("ekspor-jendela");
    std::fs::create_dir(&out)?;
    fill(c, "sync-export-folder", &out.display().to_string()).await?;
    click(c, "sync-export-encrypt").await?;
    fill(c, "sync-export-pass", PASSPHRASE).await?;
    fill(c, "sync-export-pass2", "lain").await?;
    click(c, "sync-export-start").await?;
    wait_text(c, &testid("error"), "tidak sama").await?;
    fill(c, "sync-export-pass2", PASSPHRASE).await?;
    wait_text(c, &testid("sync-export-strength"), "kuat").await?;
    if let Some(dir) = shots {
        shot(c, dir, "56-sync-export-form").await?;
    }
    click(c, "sync-export-start").await?;
    let file = wait_text(c, &testid("sync-export-file"), ".loket").await?;
    let written: Vec<_> = std::fs::read_dir(&out)?.flatten().collect();
    assert_eq!(written.len(), 1, "one bundle written");
    assert_eq!(
        written[0].path().display().to_string(),
        file.trim(),
        "the summary names the file written"
    );
    wait_text(c, &testid("sync-export-summary"), "terenkripsi").await?;
    if let Some(dir) = shots {
        shot(c, dir, "57-sync-export-done").await?;
    }
    Ok(())
}

async fn run(name: &str, shots: Option<&Path>) -> Res {
    let mut bundles = None;
    let d = Desktop::start_with(|db| {
        bundles = Some(prepare(db)?);
        Ok(())
    })
    .await?;
    let b = bundles.ok_or("no bundles")?;
    let result = sync_journey(&d, &b, shots).await;
    if result.is_err() {
        save_failure_screenshot(&d, name).await;
    }
    d.close().await?;
    result
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_import_devices_conflicts_export() -> Res {
    if !enabled("sync_import_devices_conflicts_export") {
        return Ok(());
    }
    run("sync_import_devices_conflicts_export", None).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots; run by scripts/screenshots.sh"]
async fn screenshots_sync() -> Res {
    if !enabled("screenshots_sync") {
        return Ok(());
    }
    let dir = std::env::var_os("LOKET_SCREENSHOTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("docs/screenshots"));
    std::fs::create_dir_all(&dir)?;
    run("screenshots_sync", Some(&dir)).await
}
