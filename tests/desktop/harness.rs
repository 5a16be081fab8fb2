//! Runs the real `loket-desktop` binary under Xvfb and drives it through WebDriver
//! (tauri-driver → WebKitWebDriver → the app's WebKitGTK webview).

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

pub type Res<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// How long a UI wait may take (a debug build is slow to hash PINs).
pub const WAIT: Duration = Duration::from_secs(30);

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// `<target>/debug`, found from this test binary (`<target>/debug/deps/desktop-*`), so it works
/// with any `CARGO_TARGET_DIR`.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    exe.parent()
        .and_then(Path::parent)
        .expect("target/debug")
        .to_path_buf()
}

/// Whether the suite should run; prints why not otherwise.
pub fn enabled(test: &str) -> bool {
    if std::env::var("LOKET_E2E").as_deref() == Ok("0") {
        println!("SKIP {test}: LOKET_E2E=0 (desktop end-to-end tests disabled on purpose)");
        return false;
    }
    if !cfg!(target_os = "linux") {
        println!("SKIP {test}: the WebDriver suite runs on Linux (WebKitWebDriver)");
        return false;
    }
    true
}

fn run(cmd: &mut Command, what: &str) -> Res {
    let status = cmd
        .status()
        .map_err(|e| format!("{what}: cannot start: {e}"))?;
    if !status.success() {
        return Err(format!("{what} failed ({status})").into());
    }
    Ok(())
}

/// The desktop binary with the UI embedded. Unless `LOKET_DESKTOP_BIN` names one, builds the UI
/// (`npm run build`) and `loket-desktop --features custom-protocol` into this target dir (cheap
/// when up to date; scripts/e2e.sh has normally done it already).
/// The build runs once per test process: the journeys run in parallel, and a second `npm run
/// build` (which empties `ui/dist` first) racing a rebuild of the desktop would embed a UI with
/// missing files ("asset not found: index.html").
pub fn app_binary() -> Res<PathBuf> {
    if let Some(bin) = std::env::var_os("LOKET_DESKTOP_BIN") {
        return Ok(PathBuf::from(bin));
    }
    static BUILT: std::sync::Mutex<Option<Result<PathBuf, String>>> = std::sync::Mutex::new(None);
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if built.is_none() {
        *built = Some(build_app_binary().map_err(|e| e.to_string()));
    }
    match built.as_ref().expect("set above") {
        Ok(bin) => Ok(bin.clone()),
        Err(e) => Err(e.clone().into()),
    }
}

fn build_app_binary() -> Res<PathBuf> {
    let root = workspace_root();
    if std::env::var("LOKET_E2E_BUILD").as_deref() != Ok("0") {
        if !root.join("ui/node_modules").is_dir() {
            return Err("ui/node_modules is missing: run scripts/setup.sh (npm ci in ui/)".into());
        }
        run(
            Command::new("npm")
                .args(["run", "build", "--silent"])
                .current_dir(root.join("ui")),
            "npm run build (ui)",
        )?;
        let target = profile_dir().parent().expect("target dir").to_path_buf();
        run(
            Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .args([
                    "build",
                    "--quiet",
                    "-p",
                    "loket-desktop",
                    "--features",
                    "custom-protocol",
                ])
                .env("CARGO_TARGET_DIR", &target)
                .current_dir(&root),
            "cargo build -p loket-desktop --features custom-protocol",
        )?;
    }
    let bin = profile_dir().join(format!("loket-desktop{}", std::env::consts::EXE_SUFFIX));
    if !bin.is_file() {
        return Err(format!("{} not found: run scripts/e2e.sh", bin.display()).into());
    }
    Ok(bin)
}

fn which(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Ends a child politely (SIGTERM) and waits; tauri-driver then stops WebKitWebDriver, which a
/// SIGKILL would leave running and holding its port.
fn terminate(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!(
        "process {} ignored SIGTERM for 10 s; leaving it",
        child.id()
    );
}

/// A private X server (1366×768, the common office screen), stopped on drop.
pub struct Xvfb {
    child: Option<Child>,
    pub display: String,
}

impl Xvfb {
    /// Starts Xvfb when installed; otherwise uses an existing `DISPLAY`.
    pub fn start() -> Res<Xvfb> {
        let Some(xvfb) = which("Xvfb") else {
            return match std::env::var("DISPLAY") {
                Ok(display) if !display.is_empty() => Ok(Xvfb {
                    child: None,
                    display,
                }),
                _ => Err("neither Xvfb nor a DISPLAY: run scripts/setup.sh (installs xvfb)".into()),
            };
        };
        // -displayfd 1: Xvfb picks a free display number and prints it when ready.
        let mut child = Command::new(xvfb)
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1366x768x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line)?;
        let n = line.trim();
        if n.is_empty() {
            terminate(&mut child);
            return Err("Xvfb did not report a display".into());
        }
        Ok(Xvfb {
            display: format!(":{n}"),
            child: Some(child),
        })
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        if let Some(c) = &mut self.child {
            terminate(c);
        }
    }
}

/// A running tauri-driver on its own ports, stopped on drop.
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Driver {
    pub fn start(display: &str, home: &Path) -> Res<Driver> {
        let driver = which("tauri-driver")
            .ok_or("tauri-driver not found: run scripts/setup.sh (cargo install tauri-driver)")?;
        let port = free_port();
        let native_port = free_port();
        let child = Command::new(driver)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", display)
            // Fresh per-run dirs: WebKit storage, window state, and no GNOME session quirks.
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            // No session bus: the single-instance plugin then never hands this run over to a
            // Loket the developer has open.
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                "unix:path=/nonexistent/loket-e2e-bus",
            )
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .env("NO_AT_BRIDGE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()?;
        let mut d = Driver { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                terminate(&mut d.child);
                return Err("tauri-driver did not start listening".into());
            }
            if let Ok(Some(status)) = d.child.try_wait() {
                return Err(format!("tauri-driver exited early: {status}").into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(d)
    }

    /// Launches the app with `--db <db>` and opens a WebDriver session on its window.
    pub async fn launch(&self, app: &Path, db: &Path) -> Res<Client> {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({ "application": app, "args": ["--db", db] }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await?;
        Ok(client)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

/// Everything one desktop test needs, torn down in the right order.
pub struct Desktop {
    pub client: Client,
    pub db: PathBuf,
    _watchdog: Watchdog,
    _driver: Driver,
    _xvfb: Xvfb,
    _dir: tempfile::TempDir,
}

/// Ends a journey that hangs (a WebDriver call that never answers) instead of the whole suite:
/// after `LOKET_E2E_LIMIT` seconds (default 300) it stops the app started on this test's
/// database, so every pending WebDriver call fails and the test reports where it was.
struct Watchdog {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Watchdog {
    fn start(db: &Path) -> Watchdog {
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = done.clone();
        let db = db.display().to_string();
        let limit = std::env::var("LOKET_E2E_LIMIT")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300u64);
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(limit);
            while Instant::now() < deadline {
                if flag.load(std::sync::atomic::Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(250));
            }
            eprintln!("E2E watchdog: the test ran over {limit} s; stopping the app on {db}");
            let _ = Command::new("pkill").args(["-TERM", "-f", &db]).status();
            std::thread::sleep(Duration::from_secs(5));
            let _ = Command::new("pkill").args(["-KILL", "-f", &db]).status();
        });
        Watchdog { done }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Desktop {
    /// Starts the app on a new, empty database (the first-run wizard shows).
    pub async fn start() -> Res<Desktop> {
        Self::start_with(|_| Ok(())).await
    }

    /// Starts the app after `prepare` has written the database (e.g. `super::ready_db`), so a
    /// journey begins at the login screen with data in place.
    pub async fn start_with(prepare: impl FnOnce(&Path) -> Res) -> Res<Desktop> {
        let app = app_binary()?;
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("loket.db");
        prepare(&db)?;
        let xvfb = Xvfb::start()?;
        let driver = Driver::start(&xvfb.display, dir.path())?;
        let watchdog = Watchdog::start(&db);
        let client = driver.launch(&app, &db).await?;
        Ok(Desktop {
            client,
            db,
            _watchdog: watchdog,
            _driver: driver,
            _xvfb: xvfb,
            _dir: dir,
        })
    }

    /// Ends the WebDriver session (closing the app) before the driver and Xvfb stop.
    pub async fn close(self) -> Res {
        let Desktop { client, .. } = self;
        client.close().await?;
        Ok(())
    }
}

pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Waits for an element by `data-testid`.
pub async fn el(c: &Client, id: &str) -> Res<Element> {
    let css = testid(id);
    Ok(c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&css))
        .await
        .map_err(|e| format!("waiting for {css}: {e}"))?)
}

/// Clicks an element after scrolling it to the middle of its scroll container (WebKitWebDriver
/// refuses clicks on elements at the edge of a nested scroll area as not interactable).
pub async fn click(c: &Client, id: &str) -> Res {
    let e = el(c, id).await?;
    c.execute(
        "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
        vec![serde_json::to_value(&e)?],
    )
    .await?;
    e.click().await?;
    Ok(())
}

/// Replaces the value of an input.
pub async fn fill(c: &Client, id: &str, text: &str) -> Res {
    let e = el(c, id).await?;
    e.clear().await?;
    e.send_keys(text).await?;
    Ok(())
}

pub async fn select(c: &Client, id: &str, value: &str) -> Res {
    el(c, id).await?.select_by_value(value).await?;
    Ok(())
}

/// Waits until the element's text contains `needle`; returns the text.
pub async fn wait_text(c: &Client, selector: &str, needle: &str) -> Res<String> {
    let deadline = Instant::now() + WAIT;
    let mut last = String::new();
    loop {
        if let Ok(e) = c.find(Locator::Css(selector)).await {
            if let Ok(t) = e.text().await {
                if t.contains(needle) {
                    return Ok(t);
                }
                last = t;
            }
        }
        if Instant::now() > deadline {
            return Err(
                format!("{selector} never contained {needle:?}; last text {last:?}").into(),
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until nothing matches the selector.
pub async fn wait_gone(c: &Client, selector: &str) -> Res {
    let deadline = Instant::now() + WAIT;
    while !c.find_all(Locator::Css(selector)).await?.is_empty() {
        if Instant::now() > deadline {
            return Err(format!("{selector} is still shown").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}
