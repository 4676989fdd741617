//! The desktop shell, whole and real: the release of `hearth-desktop` built by cargo, in a
//! real X server (Xvfb), driven through WebDriver (tauri-driver in front of WebKitGTK's
//! WebKitWebDriver), on a fresh data directory, with the real engine inside.
//!
//! Needs: DISPLAY (Xvfb), a session D-Bus (single instance, notifications), `tauri-driver`
//! and `WebKitWebDriver` on PATH (or in ~/.cargo/bin), `xdotool`. `scripts/test.sh` installs
//! all of it and runs this under `dbus-run-session -- xvfb-run`.
//!
//! Screenshots land in `target/desktop-artifacts/` (or $HEARTH_DESKTOP_ARTIFACTS).
//!
//! What it checks:
//! 1. the window opens and shows the engine's UI, signed in through the host secret;
//! 2. the lock: the keyboard shortcut (a real X key press) and `--lock` from a second launch
//!    (which also proves single-instance) both bring the lock screen and nothing else;
//! 3. the tray follows the engine: sharing started and stopped through the engine shows in
//!    the tray model (HEARTH_TRAY_STATE_FILE), the LAN server really answers;
//! 4. closing the window while sharing keeps Hearth in the tray (with the note, once), and a
//!    launch brings the window back; quitting stops the LAN server and the loopback server
//!    gracefully;
//! 5. the preferences "start minimized" and "start sharing at launch" hold at the next
//!    launch, and closing the window when nothing is shared quits.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const LOCK_PASSWORD: &str = "ember-quiet-lantern-42";
const ADMIN_PASSWORD: &str = "cedar-river-morning-77";

// ---------------------------------------------------------------- a tiny HTTP client

struct Resp {
    status: u16,
    body: String,
}

fn http(method: &str, url: &str, body: Option<&Value>) -> Result<Resp, String> {
    let rest = url.strip_prefix("http://").ok_or("only http")?;
    let (authority, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(a, p)| (a, format!("/{p}")));
    let mut s = TcpStream::connect(authority).map_err(|e| format!("connect {authority}: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(60))).ok();
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{payload}",
        payload.len()
    );
    s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    if raw.is_empty() {
        return Err(format!("empty response from {authority}"));
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(|| format!("no header end in {text:?}"))?;
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or("no status")?;
    let body =
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { dechunk(body) } else { body.to_string() };
    Ok(Resp { status, body })
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_until<T>(what: &str, timeout: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < timeout, "timed out after {timeout:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

// ---------------------------------------------------------------- WebDriver

struct Driver {
    child: Child,
    base: String,
}

impl Driver {
    fn start(env: &[(String, String)]) -> Driver {
        let port = free_port();
        let native = free_port();
        let mut cmd = Command::new(find_tool("tauri-driver"));
        cmd.args(["--port", &port.to_string(), "--native-port", &native.to_string()]);
        cmd.args(["--native-driver", &find_tool("WebKitWebDriver").to_string_lossy()]);
        cmd.envs(env.iter().cloned()).stdout(Stdio::null()).stderr(Stdio::inherit());
        let child = cmd.spawn().expect("start tauri-driver");
        let base = format!("http://127.0.0.1:{port}");
        wait_until("tauri-driver", Duration::from_secs(30), || http("GET", &format!("{base}/status"), None).ok());
        Driver { child, base }
    }

    /// Starts the app (WebKitWebDriver launches it) and returns the session id.
    fn new_session(&self, app: &Path) -> String {
        let caps = json!({"capabilities": {"alwaysMatch": {"tauri:options": {"application": app}}}});
        // tauri-driver answers before its native driver (WebKitWebDriver) listens; on a busy
        // machine the first try can find it not there yet and get an empty answer.
        let mut tries = 0;
        let r = loop {
            match http("POST", &format!("{}/session", self.base), Some(&caps)) {
                Ok(r) => break r,
                Err(e) if tries < 5 => {
                    eprintln!("new session: {e}; trying again");
                    tries += 1;
                    std::thread::sleep(Duration::from_secs(2));
                }
                Err(e) => panic!("new session: {e}"),
            }
        };
        let v: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
        let id = v["value"]["sessionId"].as_str().or(v["sessionId"].as_str());
        id.unwrap_or_else(|| panic!("no WebDriver session ({}): {}", r.status, r.body)).to_string()
    }

    fn cmd(&self, sid: &str, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}/session/{sid}{path}", self.base);
        // WebKitWebDriver now and then closes a connection without an answer right after a
        // page finishes loading; the command was not run then, so it is sent again.
        let mut tries = 0;
        let r = loop {
            match http(method, &url, body.as_ref()) {
                Err(e) if e.starts_with("empty response") && tries < 5 => {
                    tries += 1;
                    eprintln!("WebDriver closed without answering {method} {path}; again ({tries})");
                    std::thread::sleep(Duration::from_millis(300));
                }
                other => break other?,
            }
        };
        let v: Value = serde_json::from_str(&r.body).map_err(|e| format!("{e}: {}", r.body))?;
        if r.status >= 400 {
            return Err(format!("{} {}", r.status, v["value"]));
        }
        Ok(v["value"].clone())
    }

    fn script(&self, sid: &str, js: &str) -> Result<Value, String> {
        self.cmd(sid, "POST", "/execute/sync", Some(json!({"script": js, "args": []})))
    }

    /// `fetch` from inside the window: the window's own cookies, origin and CSRF header.
    fn fetch(&self, sid: &str, method: &str, path: &str, body: Option<Value>) -> (u16, String) {
        let js = format!(
            "const done = arguments[arguments.length - 1];\
             fetch({path}, {{method: {method}, headers: {{'Content-Type': 'application/json', 'X-Hearth-CSRF': '1'}}, \
               body: {body}}}).then(r => r.text().then(t => done([r.status, t])), e => done([0, String(e)]));",
            path = json!(path),
            method = json!(method),
            body = body.map_or("undefined".to_string(), |b| json!(b.to_string()).to_string()),
        );
        let v =
            self.cmd(sid, "POST", "/execute/async", Some(json!({"script": js, "args": []}))).expect("fetch in window");
        (v[0].as_u64().unwrap_or(0) as u16, v[1].as_str().unwrap_or("").to_string())
    }

    fn wait_for(&self, sid: &str, what: &str, js_condition: &str) {
        let js = format!("return !!({js_condition});");
        wait_until(what, Duration::from_secs(60), || self.script(sid, &js).ok().filter(|v| v == &json!(true)));
    }

    fn find(&self, sid: &str, css: &str) -> String {
        let v = self.cmd(sid, "POST", "/element", Some(json!({"using": "css selector", "value": css}))).expect(css);
        v.as_object().and_then(|o| o.values().next()).and_then(|v| v.as_str()).expect("element id").to_string()
    }

    fn end(&self, sid: &str) {
        let _ = http("DELETE", &format!("{}/session/{sid}", self.base), None);
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn artifacts_dir() -> PathBuf {
    std::env::var_os("HEARTH_DESKTOP_ARTIFACTS").map(PathBuf::from).unwrap_or_else(|| {
        // tests run in the package's folder; artifacts go to the workspace's target/.
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
        target.join("desktop-artifacts")
    })
}

fn find_tool(name: &str) -> PathBuf {
    let mut dirs: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if let Some(home) =
        std::env::var_os("CARGO_HOME").or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo").into()))
    {
        dirs.push(Path::new(&home).join("bin"));
    }
    dirs.iter()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{name} not found: run scripts/test.sh, which installs it"))
}

// ---------------------------------------------------------------- the app around it

struct App {
    bin: PathBuf,
    env: Vec<(String, String)>,
    tray_file: PathBuf,
    base: String,
}

impl App {
    /// A second launch with `args`: it must hand them to the running instance and exit.
    fn second_launch(&self, args: &[&str]) {
        let mut child = Command::new(&self.bin)
            .args(args)
            .envs(self.env.iter().cloned())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let status =
            wait_until("the second instance to exit", Duration::from_secs(20), || child.try_wait().ok().flatten());
        assert!(status.success(), "second launch {args:?} failed: {status}");
    }

    fn tray(&self) -> Value {
        std::fs::read_to_string(&self.tray_file).ok().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or(Value::Null)
    }

    fn wait_tray(&self, what: &str, f: impl Fn(&Value) -> bool) -> Value {
        wait_until(&format!("the tray to show {what}"), Duration::from_secs(30), || Some(self.tray()).filter(|t| f(t)))
    }

    fn item(t: &Value, id: &str) -> Value {
        t["items"].as_array().and_then(|a| a.iter().find(|i| i["id"] == id).cloned()).unwrap_or(Value::Null)
    }

    fn wait_gone(&self) {
        wait_until("the loopback server to stop", Duration::from_secs(30), || {
            http("GET", &format!("{}/api/v1/health", self.base), None).is_err().then_some(())
        });
    }
}

fn x_window_visible(title: &str) -> bool {
    Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", &format!("^{title}$")])
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.is_empty())
}

/// Closes the window titled `title` as a window manager's close button does: the
/// `WM_DELETE_WINDOW` message of ICCCM, sent to each of its X windows (Xvfb has no window
/// manager, and xdotool's `windowclose` destroys the window instead of asking it to close).
/// Through Python's ctypes on libX11, so that this crate keeps forbidding `unsafe`.
fn close_window(title: &str) {
    let out = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", &format!("^{title}$")])
        .output()
        .expect("xdotool");
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout).split_whitespace().map(String::from).collect();
    assert!(!ids.is_empty(), "no visible window {title:?} to close");
    const SEND_DELETE: &str = r#"
import ctypes, sys
x = ctypes.CDLL("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
x.XFlush.argtypes = [ctypes.c_void_p]
class ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]
class XEvent(ctypes.Union):
    _fields_ = [("cm", ClientMessage), ("pad", ctypes.c_long * 24)]
d = x.XOpenDisplay(None)
assert d, "no X display"
for w in sys.argv[1:]:
    ev = XEvent()
    ev.cm.type = 33  # ClientMessage
    ev.cm.window = int(w)
    ev.cm.message_type = x.XInternAtom(d, b"WM_PROTOCOLS", 0)
    ev.cm.format = 32
    ev.cm.data[0] = x.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
    x.XSendEvent(d, int(w), 0, 0, ctypes.byref(ev))
x.XFlush(d)
"#;
    let st = Command::new("python3").arg("-c").arg(SEND_DELETE).args(&ids).status().expect("python3");
    assert!(st.success(), "sending WM_DELETE_WINDOW failed");
}

/// A screenshot of the window titled "Hearth" as the X server shows it (`xwd`), saved as a
/// PNG in the artifacts folder. From X rather than WebDriver: WebKitWebDriver's screenshot
/// needs GPU compositing, which the shell turns off. The picture must show something: a
/// blank or one-colour window fails.
fn screenshot(name: &str) -> PathBuf {
    let out =
        Command::new("xdotool").args(["search", "--onlyvisible", "--name", "^Hearth$"]).output().expect("xdotool");
    let id =
        String::from_utf8_lossy(&out.stdout).split_whitespace().last().expect("a visible Hearth window").to_string();
    let xwd = Command::new("xwd").args(["-silent", "-id", &id]).output().expect("xwd");
    assert!(xwd.status.success(), "xwd: {}", String::from_utf8_lossy(&xwd.stderr));
    let (width, height, rgb) = xwd_to_rgb(&xwd.stdout);
    let colours: std::collections::HashSet<&[u8]> = rgb.chunks(3).collect();
    assert!(colours.len() > 16, "the screenshot {name} ({width}x{height}) is blank: {} colours", colours.len());
    let mut png_bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png_bytes, width, height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.write_header().unwrap().write_image_data(&rgb).unwrap();
    }
    let dir = artifacts_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png_bytes).unwrap();
    eprintln!("screenshot: {}", path.display());
    path
}

/// Decodes an XWD dump (X11's `XWDFileHeader`: 25 big-endian 32-bit fields, the window's
/// name, the colour map, then the pixels) of a true-colour window into RGB bytes.
fn xwd_to_rgb(data: &[u8]) -> (u32, u32, Vec<u8>) {
    let field = |i: usize| u32::from_be_bytes(data[i * 4..i * 4 + 4].try_into().unwrap());
    let (header_size, format, width, height) = (field(0) as usize, field(2), field(4), field(5));
    let (byte_order, bits_per_pixel, bytes_per_line) = (field(7), field(11), field(12) as usize);
    let masks = [field(14), field(15), field(16)];
    let ncolors = field(19) as usize;
    assert!(format == 2 && bits_per_pixel == 32, "a 32-bit ZPixmap expected (format {format}, {bits_per_pixel} bpp)");
    let pixels = &data[header_size + ncolors * 12..];
    assert!(pixels.len() >= bytes_per_line * height as usize, "a short XWD dump");
    let mut rgb = Vec::with_capacity(width as usize * height as usize * 3);
    for row in pixels.chunks(bytes_per_line).take(height as usize) {
        for px in row.chunks(4).take(width as usize) {
            let b: [u8; 4] = px.try_into().unwrap();
            let v = if byte_order == 0 { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) };
            for m in masks {
                rgb.push(((v & m) >> m.trailing_zeros()) as u8);
            }
        }
    }
    (width, height, rgb)
}

/// The shell's choices about WebKit (`tune_webkit` in main.rs) hold in the running app: its
/// own process has loaded no GL driver (with Mesa that is the driver and LLVM, ~20 MB of the
/// desktop's memory budget), and the web process, which draws the page into shared memory,
/// runs it without the JIT.
fn webkit_as_tuned(bin: &Path) {
    let bin = bin.canonicalize().unwrap();
    let pids: Vec<u32> =
        std::fs::read_dir("/proc").unwrap().filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok()).collect();
    let parent_of = |pid: u32| -> Option<u32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()
    };
    let app: Vec<u32> =
        pids.iter().copied().filter(|p| std::fs::read_link(format!("/proc/{p}/exe")).is_ok_and(|e| e == bin)).collect();
    assert_eq!(app.len(), 1, "one app process: {app:?}");
    let app = app[0];
    let maps = std::fs::read_to_string(format!("/proc/{app}/maps")).unwrap();
    let gl: Vec<&str> = maps.lines().filter(|l| l.contains("/dri/") || l.contains("libLLVM")).collect();
    assert!(gl.is_empty(), "the shell's own process loaded a GL driver: {gl:?}");
    let web: Vec<u32> = pids
        .iter()
        .copied()
        .filter(|&p| parent_of(p) == Some(app))
        .filter(|p| std::fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|c| c.starts_with("WebKitWebProces")))
        .collect();
    assert!(!web.is_empty(), "a web process under the app");
    for p in web {
        let env = std::fs::read(format!("/proc/{p}/environ")).unwrap();
        assert!(env.split(|&b| b == 0).any(|v| v == b"JSC_useJIT=0"), "web process {p} runs with the JIT");
    }
}

fn press(keys: &str) {
    let st = Command::new("xdotool").args(["key", "--clearmodifiers", keys]).status().expect("xdotool");
    assert!(st.success(), "xdotool key {keys}");
}

/// Unlock through the lock screen, as a person would: type the password, press Unlock.
fn unlock(driver: &Driver, sid: &str) {
    let input = driver.find(sid, "[data-testid=\"unlock-form\"] input[type=\"password\"]");
    driver.cmd(sid, "POST", &format!("/element/{input}/value"), Some(json!({"text": LOCK_PASSWORD}))).unwrap();
    let submit = driver.find(sid, "[data-testid=\"unlock-submit\"]");
    driver.cmd(sid, "POST", &format!("/element/{submit}/click"), Some(json!({}))).unwrap();
    driver.wait_for(sid, "the UI after unlocking", "document.querySelector('[data-testid=\"nav-workspaces\"]')");
}

async fn last_server_event(data_dir: &Path) -> String {
    let engine = hearth::Engine::open(&hearth::config::EngineConfig::new(data_dir)).unwrap();
    engine
        .db()
        .run(|c| {
            c.query_row(
                "SELECT kind || ' by ' || address FROM events WHERE kind LIKE 'server_%' ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get::<_, String>(0),
            )
            .map_err(hearth::store::StoreError::from)
        })
        .await
        .unwrap()
}

#[test]
fn desktop_window_lock_and_tray() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no DISPLAY: run under Xvfb (scripts/test.sh does: dbus-run-session -- xvfb-run -a cargo test -p hearth-desktop)"
    );
    // Only this run's screenshots in the artifacts folder.
    let _ = std::fs::remove_dir_all(artifacts_dir());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("home")).unwrap();
    let data_dir = tmp.path().join("data");
    let port = free_port();
    let app = App {
        bin: PathBuf::from(env!("CARGO_BIN_EXE_hearth-desktop")),
        env: vec![
            ("HEARTH_DATA_DIR".into(), data_dir.display().to_string()),
            ("HEARTH_PORT".into(), port.to_string()),
            ("HEARTH_TRAY_STATE_FILE".into(), tmp.path().join("tray.json").display().to_string()),
            ("HEARTH_LOG".into(), "info,hearth=debug,hearth_desktop=debug".into()),
            ("TAURI_WEBVIEW_AUTOMATION".into(), "true".into()),
            // The autostart entry goes to this test's own home (~/.config/autostart).
            ("HOME".into(), tmp.path().join("home").display().to_string()),
        ],
        tray_file: tmp.path().join("tray.json"),
        base: format!("http://127.0.0.1:{port}"),
    };
    let driver = Driver::start(&app.env);

    // ------------------------------------------------ 1. the window shows the engine's UI
    let started = Instant::now();
    let sid = driver.new_session(&app.bin);
    driver.wait_for(&sid, "the workspaces screen", "document.querySelector('[data-testid=\"nav-workspaces\"]')");
    eprintln!("window showed the UI {:?} after launch", started.elapsed());
    let href = driver.script(&sid, "return location.href").unwrap();
    assert_eq!(href, json!(format!("{}/", app.base)), "the window is on the engine's loopback server, past host-login");
    let cookies = driver.script(&sid, "return document.cookie").unwrap();
    assert_eq!(cookies, json!(""), "the session cookies are HttpOnly: the page cannot read them");
    let (st, body) = driver.fetch(&sid, "GET", "/api/v1/me", None);
    assert_eq!(st, 200, "signed in as the owner: {body}");
    assert!(x_window_visible("Hearth"), "a real X window titled Hearth is mapped");
    screenshot("01-window-shows-ui");
    webkit_as_tuned(&app.bin);

    let t = app.wait_tray("single-user, not shared", |t| t["mode"] == "single");
    assert_eq!(t["sharing"], false);
    assert_eq!(t["icon"], "idle");
    assert_eq!(App::item(&t, "share")["text"], "Start sharing…");
    assert_eq!(App::item(&t, "copy-url")["enabled"], false);

    // ------------------------------------------------ 2. the lock
    let (st, body) = driver.fetch(&sid, "PUT", "/api/v1/me/lock", Some(json!({"newPassword": LOCK_PASSWORD})));
    assert!(st < 300, "set the lock password: {st} {body}");
    driver.script(&sid, "location.reload(); return 1").unwrap();
    driver.wait_for(&sid, "the UI after the reload", "document.querySelector('[data-testid=\"nav-workspaces\"]')");
    // The shortcut is a real key press in the X server, caught by the shell's global grab.
    wait_until("the lock shortcut to lock", Duration::from_secs(30), || {
        press("ctrl+shift+l");
        std::thread::sleep(Duration::from_millis(500));
        http("GET", &format!("{}/api/v1/status", app.base), None)
            .ok()
            .filter(|r| serde_json::from_str::<Value>(&r.body).is_ok_and(|v| v["locked"] == true))
    });
    driver.wait_for(
        &sid,
        "the lock screen and nothing else",
        "document.querySelector('[data-testid=\"lock-screen\"]') && !document.querySelector('nav') \
         && !document.querySelector('[data-testid=\"nav-workspaces\"]')",
    );
    let (st, _) = driver.fetch(&sid, "GET", "/api/v1/workspaces", None);
    assert_eq!(st, 401, "locked: the API gives nothing");
    screenshot("02-locked-by-shortcut");

    unlock(&driver, &sid);

    // "Start sharing…" in single-user mode needs an admin account: it opens the share page.
    app.second_launch(&["--start-sharing"]);
    driver.wait_for(&sid, "the share page", "location.pathname === '/share'");
    let t = app.tray();
    assert_eq!(t["sharing"], false, "nothing is shared before the switch: {t}");
    screenshot("03-share-page");

    // `--lock` from a second launch: single instance hands it to this one.
    app.second_launch(&["--lock"]);
    driver.wait_for(
        &sid,
        "the lock screen after --lock",
        "document.querySelector('[data-testid=\"lock-screen\"]') && !document.querySelector('nav')",
    );
    screenshot("04-locked-by-second-launch");

    // Quit from a second launch: both servers stop, the process ends.
    app.second_launch(&["--quit"]);
    app.wait_gone();
    driver.end(&sid);
    // The desktop preferences were saved, next to the database.
    let prefs: Value = serde_json::from_str(&std::fs::read_to_string(data_dir.join("desktop.json")).unwrap()).unwrap();
    assert!(prefs["window"]["width"].as_f64().is_some_and(|w| w >= 400.0), "window geometry saved: {prefs}");

    // ------------------------------------------------ 3. the tray follows sharing
    // Relaunch: with a lock password, the host login leads to the lock screen first.
    let sid = driver.new_session(&app.bin);
    driver.wait_for(&sid, "the lock screen at start", "document.querySelector('[data-testid=\"lock-screen\"]')");
    unlock(&driver, &sid);
    // The share switch, as the share page does it: the window's host session, the engine's route.
    let (st, body) = driver.fetch(
        &sid,
        "POST",
        "/api/v1/mode",
        Some(json!({"mode": "multi", "admin": {"username": "admin", "password": ADMIN_PASSWORD}, "currentPassword": LOCK_PASSWORD})),
    );
    assert_eq!(st, 200, "switch to multi-user: {body}");
    let t = app.wait_tray("multi-user, not shared", |t| t["mode"] == "multi");
    assert_eq!(t["sharing"], false);
    assert_eq!(App::item(&t, "share")["text"], "Start sharing");
    assert_eq!(App::item(&t, "lock")["enabled"], false);

    // Start through the engine (its host-only route, not the shell): the tray must follow.
    let lan_port = free_port();
    let (st, body) = driver.fetch(&sid, "POST", "/api/v1/server", Some(json!({"action": "start", "port": lan_port})));
    assert_eq!(st, 200, "start the LAN server: {body}");
    let t = app.wait_tray("sharing", |t| t["sharing"] == true);
    assert_eq!(t["icon"], "sharing", "the icon changes when exposed");
    let url = t["url"].as_str().expect("a LAN URL while sharing").to_string();
    assert!(url.ends_with(&format!(":{lan_port}/")), "{url}");
    assert!(t["tooltip"].as_str().unwrap_or("").contains(&url), "the tooltip names the URL: {t}");
    assert_eq!(App::item(&t, "url")["text"], json!(format!("Address: {url}")));
    assert_eq!(App::item(&t, "share")["text"], "Stop sharing");
    assert_eq!(App::item(&t, "copy-url")["enabled"], true);
    assert_eq!(App::item(&t, "show-qr")["enabled"], true);
    assert_eq!(t["usersOnline"], 1, "the admin's window session is online: {t}");
    assert_eq!(App::item(&t, "users")["text"], "1 user signed in");
    // The LAN server really answers on the address the tray shows, and its QR code exists.
    let health = http("GET", &format!("{url}api/v1/health"), None).expect("the LAN URL answers");
    assert_eq!(health.status, 200, "{}", health.body);
    let (st, svg) = driver.fetch(
        &sid,
        "GET",
        &format!("/api/v1/server/qr?url={}", url.replace(':', "%3A").replace('/', "%2F")),
        None,
    );
    assert!(st == 200 && svg.contains("<svg"), "the QR code the tray shows: {st} {svg}");
    driver.script(&sid, "location.reload(); return 1").unwrap();
    driver.wait_for(&sid, "the UI", "document.querySelector('[data-testid=\"nav-workspaces\"]')");
    screenshot("05-sharing");
    driver.script(&sid, "location.href = '/server'; return 1").unwrap();
    std::thread::sleep(Duration::from_secs(1));
    screenshot("06-server-panel");

    // "Start Hearth when I log in": an XDG autostart entry that runs this program, and off
    // again (the tray's preference, handed over by a second launch).
    let autostart_dir = tmp.path().join("home").join(".config").join("autostart");
    let entry = || {
        std::fs::read_dir(&autostart_dir)
            .ok()
            .and_then(|d| d.flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|x| x == "desktop")))
    };
    assert!(entry().is_none(), "no autostart entry before it is asked for");
    app.second_launch(&["--autostart-on"]);
    let file = wait_until("the autostart entry", Duration::from_secs(20), entry);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("[Desktop Entry]") && text.contains(&*app.bin.to_string_lossy()), "{text}");
    app.second_launch(&["--autostart-off"]);
    wait_until("the autostart entry to go", Duration::from_secs(20), || entry().is_none().then_some(()));

    // Stop with the tray's own action (handed over by a second launch).
    app.second_launch(&["--stop-sharing"]);
    let t = app.wait_tray("not sharing", |t| t["sharing"] == false);
    assert_eq!(t["icon"], "idle");
    assert_eq!(App::item(&t, "share")["text"], "Start sharing");
    assert_eq!(App::item(&t, "copy-url")["enabled"], false);
    assert!(http("GET", &format!("{url}api/v1/health"), None).is_err(), "the LAN port is closed again");
    let (st, body) = driver.fetch(&sid, "GET", "/api/v1/server", None);
    assert!(st == 200 && body.contains("\"running\":false"), "{st} {body}");

    // And start again with the tray's action: the engine remembers the port.
    app.second_launch(&["--start-sharing"]);
    let t = app.wait_tray("sharing again", |t| t["sharing"] == true);
    assert_eq!(t["url"], json!(url));

    // Closing the window while sharing keeps Hearth serving from the tray (and says so once).
    close_window("Hearth");
    wait_until("the window to hide", Duration::from_secs(30), || (!x_window_visible("Hearth")).then_some(()));
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(
        http("GET", &format!("{url}api/v1/health"), None).map(|r| r.status),
        Ok(200),
        "still sharing after the close"
    );
    assert_eq!(http("GET", &format!("{}/api/v1/health", app.base), None).map(|r| r.status), Ok(200));
    assert_eq!(app.tray()["sharing"], true);
    let prefs: Value = serde_json::from_str(&std::fs::read_to_string(data_dir.join("desktop.json")).unwrap()).unwrap();
    assert_eq!(prefs["closeNoteShown"], true, "the \"still running in the tray\" note was given: {prefs}");
    // Launching Hearth again brings the window back.
    app.second_launch(&[]);
    wait_until("the window to come back", Duration::from_secs(30), || x_window_visible("Hearth").then_some(()));

    // Quit while sharing: the LAN server is stopped gracefully (and logged) first.
    app.second_launch(&["--quit"]);
    app.wait_gone();
    assert!(http("GET", &format!("{url}api/v1/health"), None).is_err(), "the LAN server stopped with the app");
    driver.end(&sid);
    assert_eq!(rt.block_on(last_server_event(&data_dir)), "server_stopped by host");

    // ------------------------------------------------ 4. preferences at launch
    // "Start minimized to the tray" and "start sharing at launch", as the tray's checkboxes
    // save them; a plain launch (no WebDriver) as from the desktop's menu.
    let prefs_file = data_dir.join("desktop.json");
    let mut prefs: Value = serde_json::from_str(&std::fs::read_to_string(&prefs_file).unwrap()).unwrap();
    prefs["startMinimized"] = json!(true);
    prefs["startSharingAtLaunch"] = json!(true);
    std::fs::write(&prefs_file, prefs.to_string()).unwrap();
    let _ = std::fs::remove_file(&app.tray_file);
    let mut child = Command::new(&app.bin)
        .envs(app.env.iter().cloned())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let t = app.wait_tray("sharing at launch", |t| t["sharing"] == true);
    assert_eq!(t["url"], json!(url), "the same LAN address as before");
    assert_eq!(http("GET", &format!("{url}api/v1/health"), None).map(|r| r.status), Ok(200));
    std::thread::sleep(Duration::from_secs(1));
    assert!(!x_window_visible("Hearth"), "started minimized: only the tray");
    app.second_launch(&[]);
    wait_until("the window on demand", Duration::from_secs(30), || x_window_visible("Hearth").then_some(()));

    // Closing the window when nothing is shared quits Hearth, servers first.
    app.second_launch(&["--stop-sharing"]);
    app.wait_tray("not sharing", |t| t["sharing"] == false);
    close_window("Hearth");
    let status = wait_until("Hearth to quit on close", Duration::from_secs(30), || child.try_wait().ok().flatten());
    assert!(status.success(), "a clean exit: {status}");
    app.wait_gone();
}
