//! Hearth's desktop shell (PRODUCT D1–D4): the engine in-process, on the same data directory
//! as `hearth serve`, a window that shows the web UI from the engine's loopback server
//! (opened through the per-launch host secret), the tray, the lock shortcut, desktop
//! preferences and one instance at a time. Nothing here is a second API: the window talks
//! HTTP to the engine like any browser; the shell only adds what is native.
//!
//! Command line (also forwarded to a running Hearth by a second launch):
//!   --lock            lock now (single-user mode with a lock password)
//!   --start-sharing   start the LAN server (multi-user), or open the share page (single-user)
//!   --stop-sharing    stop the LAN server
//!   --quit            stop the servers gracefully and quit
//! With no option, a second launch brings the first one's window to the front.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod prefs;
mod tray;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use hearth::config::{default_data_dir, EngineConfig, DEFAULT_PORT};
use hearth::domain::lan::LanOptions;
use hearth::domain::policy::{Mode, Principal};
use hearth::Engine;
use tauri::{AppHandle, Manager, RunEvent, WebviewUrl, WebviewWindow, WebviewWindowBuilder, WindowEvent};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_global_shortcut::{GlobalShortcutExt, ShortcutState};
use tauri_plugin_notification::NotificationExt;

use crate::prefs::{Geometry, Prefs};
use crate::tray::{Tray, TrayModel};

/// The lock shortcut (PRODUCT M2, D3). Registered system-wide so that it works whatever has
/// the focus; Ctrl+Alt+L and Super+L belong to the desktop's own screen lock.
const LOCK_SHORTCUT: &str = "CmdOrCtrl+Shift+L";
/// How often the tray re-reads "users online", which changes without a notification.
const TRAY_POLL: Duration = Duration::from_secs(15);
const MAIN: &str = "main";
const QR: &str = "qr";
/// What the engine's event log records as the address of actions taken by the shell.
const BY_HOST: &str = "host";

/// How WebKitGTK runs the window, chosen before anything else so that WebKit's processes
/// inherit it (they take their environment from this one, and no thread exists yet). Each
/// choice trades something Hearth's UI (documents and forms, served from the engine) does not
/// use for memory and a smaller attack surface; the figures are from `scripts/bench-desktop.sh`
/// in Xvfb, the whole process tree's PSS when idle.
fn tune_webkit() {
    choose_rendering();
    choose_javascript();
}

/// The page is drawn with the CPU rather than through GPU compositing, unless
/// `HEARTH_WEBVIEW_GPU=1` (or the user set WebKit's own `WEBKIT_DISABLE_COMPOSITING_MODE`).
/// Compositing costs about 90 MB in the web process where the GPU is Mesa's software
/// renderer (315 → 226 MB) and is the usual cause of blank windows on some GPU drivers.
///
/// Without compositing the shell's own process draws nothing with GL: the web process
/// paints into shared memory and GTK shows it with cairo. Left alone, GTK and WebKit's UI
/// side still open a GL display at start-up only to probe it, which loads the whole GL
/// driver into this process (with Mesa: its LLVM; 227 → 205 MB). So GTK's GL is turned off,
/// and EGL is started here with no driver at all (see [`egl_without_drivers`]); the web
/// process, which needs EGL, still finds its driver.
fn choose_rendering() {
    if std::env::var("HEARTH_WEBVIEW_GPU").is_ok_and(|v| v == "1") {
        return;
    }
    match std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE") {
        None => std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
        // WebKit's own reading: any value but "0" turns compositing off.
        Some(v) if v == "0" => return,
        Some(_) => {}
    }
    if std::env::var_os("GDK_GL").is_none() {
        std::env::set_var("GDK_GL", "disable");
    }
    #[cfg(target_os = "linux")]
    egl_without_drivers();
}

/// The window's JavaScript runs in JavaScriptCore's interpreter, without its JIT compilers,
/// unless `HEARTH_WEBVIEW_JIT=1` (or the user set JSC's own `JSC_useJIT`). The window shows
/// what other people wrote and what a model answered; JIT compilers are where most of the
/// browser-engine flaws exploited in the wild have been, which is why hardened browser modes
/// (Apple's Lockdown Mode, Edge's enhanced security) turn them off. The UI's script is small
/// and event-driven: launch to UI stays within run-to-run noise (median of 8: 556 ms with the
/// JIT, 607 without), and the web process keeps no compiled code (202 → 195 MB).
fn choose_javascript() {
    if std::env::var("HEARTH_WEBVIEW_JIT").is_ok_and(|v| v == "1") || std::env::var_os("JSC_useJIT").is_some() {
        return;
    }
    std::env::set_var("JSC_useJIT", "0");
}

/// Makes EGL in this process (and only this one) start with an empty list of drivers.
///
/// libglvnd, the EGL front-end of the major Linux distributions (Debian 12 included), reads
/// its list of drivers from `__EGL_VENDOR_LIBRARY_FILENAMES` once, at the process's first EGL
/// call; an EGL without libglvnd ignores the variable and nothing changes. That call is made
/// here, with the variable naming no driver, and the variable is then put back as it was, so
/// the processes WebKit starts later find their drivers as usual. WebKit's UI side then sees
/// no EGL display and skips its probe (it only asks for the GPU's device file, which the
/// web process can find itself, and the DMA-BUF renderer is not used without compositing).
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn egl_without_drivers() {
    const VENDORS: &str = "__EGL_VENDOR_LIBRARY_FILENAMES";
    const EGL_EXTENSIONS: i32 = 0x3055;
    type QueryString = unsafe extern "C" fn(*mut std::ffi::c_void, i32) -> *const std::ffi::c_char;
    let before = std::env::var_os(VENDORS);
    std::env::set_var(VENDORS, "/dev/null");
    // SAFETY: dlopen/dlsym get NUL-terminated names; the symbol, when found, is libglvnd's
    // `EGLAPI const char *eglQueryString(EGLDisplay dpy, EGLint name)`, whose signature
    // `QueryString` matches; EGL_NO_DISPLAY (null) with EGL_EXTENSIONS is a valid query,
    // and its returned string is not kept. The library stays loaded: WebKit links it anyway.
    unsafe {
        let lib = libc::dlopen(c"libEGL.so.1".as_ptr(), libc::RTLD_NOW | libc::RTLD_GLOBAL);
        if !lib.is_null() {
            let sym = libc::dlsym(lib, c"eglQueryString".as_ptr());
            if !sym.is_null() {
                let query: QueryString = std::mem::transmute::<*mut std::ffi::c_void, QueryString>(sym);
                query(std::ptr::null_mut(), EGL_EXTENSIONS);
            }
        }
    }
    match before {
        Some(v) => std::env::set_var(VENDORS, v),
        None => std::env::remove_var(VENDORS),
    }
}

/// Everything the shell's handlers share.
struct Shell {
    engine: Engine,
    data_dir: PathBuf,
    /// `http://127.0.0.1:PORT`, the loopback server the window uses.
    base: String,
    loopback: tokio::sync::Mutex<Option<hearth::Server>>,
    prefs: Prefs,
    tray: Mutex<Option<Tray>>,
    last_model: Mutex<Option<TrayModel>>,
    refreshing: tokio::sync::Mutex<()>,
    /// Mirrors the tray model, for the synchronous close handler.
    sharing: AtomicBool,
    quitting: AtomicBool,
    geometry: Mutex<Geometry>,
}

fn main() -> std::process::ExitCode {
    tune_webkit();
    init_logging();
    let data_dir = std::env::var_os("HEARTH_DATA_DIR").map(PathBuf::from).unwrap_or_else(default_data_dir);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let context = tauri::generate_context!();
    let app = tauri::Builder::default()
        // First, so that a second launch is caught before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            let acted = run_args(app, argv.get(1..).unwrap_or_default());
            if !acted {
                show_main(app, None);
            }
        }))
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_global_shortcut::Builder::new().build())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_autostart::init(tauri_plugin_autostart::MacosLauncher::LaunchAgent, None))
        .setup(move |app| {
            // The engine opens here, after the single-instance check: a second launch only
            // hands its arguments to the first and never touches the database.
            // Models: the data directory's, the installed starter model (/usr/lib/hearth),
            // and HEARTH_MODELS_DIR (as for `hearth serve`: a build run from the repository).
            let mut cfg = EngineConfig::new(&data_dir);
            cfg.model_dirs.extend(std::env::var_os("HEARTH_MODELS_DIR").map(std::path::PathBuf::from));
            let engine = Engine::open(&cfg).map_err(|e| {
                eprintln!("hearth-desktop: cannot open the data directory {}: {e}", data_dir.display());
                e
            })?;
            setup(app.handle(), engine, data_dir.clone(), &args)?;
            Ok(())
        })
        .on_window_event(on_window_event)
        .build(context);
    let app = match app {
        Ok(a) => a,
        Err(e) => {
            eprintln!("hearth-desktop: cannot start: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    app.run(|app, event| {
        if let RunEvent::ExitRequested { api, .. } = event {
            // Every way out (the last window closed, Quit, a signal) goes through the
            // graceful stop, which calls exit again once the servers are down.
            // Without a shell (set-up failed) there is nothing to stop.
            let quitting = app.try_state::<Shell>().is_none_or(|s| s.quitting.load(Ordering::SeqCst));
            if !quitting {
                api.prevent_exit();
                quit(app);
            }
        }
    });
    std::process::ExitCode::SUCCESS
}

fn init_logging() {
    hearth::logging::init("info");
}

/// The principal the shell acts as: the owner, on the host (its actions are the host's own).
async fn host(engine: &Engine) -> Option<Principal> {
    match engine.host_principal(BY_HOST).await {
        Ok(p) => Some(p),
        Err(e) => {
            tracing::error!(error = %e, "cannot read the owner");
            None
        }
    }
}

fn setup(
    app: &AppHandle,
    engine: Engine,
    data_dir: PathBuf,
    args: &[String],
) -> Result<(), Box<dyn std::error::Error>> {
    let port = std::env::var("HEARTH_PORT").ok().and_then(|p| p.parse::<u16>().ok()).unwrap_or(DEFAULT_PORT);
    let server = tauri::async_runtime::block_on(async {
        match engine.serve(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await {
            Ok(s) => Ok(s),
            // Only this window uses the loopback server: any free port will do when the
            // usual one is taken (by `hearth serve`, say).
            Err(e) if port != 0 => {
                tracing::warn!(error = %e, "port {port} is taken; the window uses another loopback port");
                engine.serve(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await
            }
            Err(e) => Err(e),
        }
    })?;
    let base = format!("http://{}", server.local_addr());
    tracing::info!(url = %base, data_dir = %data_dir.display(), "Hearth desktop: engine listening on loopback");
    let prefs = Prefs::open(app, &data_dir);
    let geometry = prefs.geometry();
    let start_minimized = prefs.flag(prefs::START_MINIMIZED);
    let start_sharing = prefs.flag(prefs::START_SHARING);
    app.manage(Shell {
        engine: engine.clone(),
        data_dir,
        base,
        loopback: tokio::sync::Mutex::new(Some(server)),
        prefs,
        tray: Mutex::new(None),
        last_model: Mutex::new(None),
        refreshing: tokio::sync::Mutex::new(()),
        sharing: AtomicBool::new(false),
        quitting: AtomicBool::new(false),
        geometry: Mutex::new(geometry),
    });

    create_main(app, geometry, !start_minimized)?;

    let model = tauri::async_runtime::block_on(TrayModel::read(&engine));
    let autostart = {
        use tauri_plugin_autostart::ManagerExt;
        app.autolaunch().is_enabled().unwrap_or(false)
    };
    let tray = Tray::create(app, &model, start_minimized, start_sharing, autostart, on_menu)?;
    if let Some(shell) = app.try_state::<Shell>() {
        shell.sharing.store(model.sharing, Ordering::SeqCst);
        set_locked(&shell.tray, Some(tray));
        set_locked(&shell.last_model, Some(model));
    }

    if let Err(e) = app.global_shortcut().on_shortcut(LOCK_SHORTCUT, |app, _, ev| {
        if ev.state == ShortcutState::Pressed {
            lock(app);
        }
    }) {
        tracing::warn!(error = %e, shortcut = LOCK_SHORTCUT, "cannot register the lock shortcut; lock from the tray");
    }

    // The tray follows the engine: every change it announces, and a slow poll.
    let handle = app.clone();
    let mut changes = engine.subscribe();
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::select! {
                r = changes.changed() => if r.is_err() { break },
                _ = tokio::time::sleep(TRAY_POLL) => {}
            }
            refresh_tray(&handle).await;
        }
    });

    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        hearth::stop_signal().await;
        tracing::info!("signal received: quitting");
        quit(&handle);
    });

    if start_sharing {
        let handle = app.clone();
        tauri::async_runtime::spawn(async move {
            if engine.mode().await.is_ok_and(|m| m == Mode::Multi) {
                start_sharing_now(&handle).await;
            } else {
                tracing::info!("\"start sharing at launch\" is on, but Hearth is single-user: not sharing");
            }
        });
    }
    run_args(app, args);
    Ok(())
}

fn set_locked<T>(m: &Mutex<T>, v: T) {
    if let Ok(mut g) = m.lock() {
        *g = v;
    }
}

/// Opens a fresh host login: a new per-launch secret each time, single use, loopback only.
fn host_login_url(shell: &Shell) -> Option<url::Url> {
    let secret = shell.engine.new_host_secret();
    url::Url::parse(&format!("{}/host-login?secret={secret}", shell.base)).ok()
}

fn create_main(app: &AppHandle, g: Geometry, visible: bool) -> Result<WebviewWindow, Box<dyn std::error::Error>> {
    let shell = app.state::<Shell>();
    let url = host_login_url(&shell).ok_or("bad loopback URL")?;
    let origin = url.origin();
    let mut b = WebviewWindowBuilder::new(app, MAIN, WebviewUrl::External(url))
        // The window shows Hearth and nothing else: a link elsewhere does not take it away
        // from the engine's origin.
        .on_navigation(move |to| {
            let ok = to.origin() == origin;
            if !ok {
                tracing::info!(to = %to.origin().ascii_serialization(), "navigation away from Hearth blocked");
            }
            ok
        })
        .title("Hearth")
        .inner_size(g.width, g.height)
        .min_inner_size(400.0, 300.0)
        .maximized(g.maximized)
        .visible(visible);
    if let (Some(x), Some(y)) = (g.x, g.y) {
        b = b.position(x, y);
    }
    Ok(b.build()?)
}

/// Shows the main window (re-creating it if it was closed), optionally at `path` of the UI.
fn show_main(app: &AppHandle, path: Option<&str>) {
    let Some(shell) = app.try_state::<Shell>() else { return };
    let win = match app.get_webview_window(MAIN) {
        Some(w) => w,
        None => {
            let g = shell.geometry.lock().map(|g| *g).unwrap_or_default();
            match create_main(app, g, true) {
                Ok(w) => w,
                Err(e) => {
                    tracing::error!(error = %e, "cannot open the window");
                    return;
                }
            }
        }
    };
    if let Some(p) = path {
        navigate(&shell, &win, p);
    }
    let _ = win.unminimize();
    let _ = win.show();
    let _ = win.set_focus();
}

fn navigate(shell: &Shell, win: &WebviewWindow, path: &str) {
    match url::Url::parse(&format!("{}{path}", shell.base)) {
        Ok(u) => {
            if let Err(e) = win.navigate(u) {
                tracing::warn!(error = %e, "cannot navigate the window");
            }
        }
        Err(e) => tracing::warn!(error = %e, "bad UI path"),
    }
}

fn on_menu(app: &AppHandle, id: &str) {
    match id {
        tray::ID_SHARE => toggle_sharing(app),
        tray::ID_COPY => copy_url(app),
        tray::ID_QR => show_qr(app),
        tray::ID_OPEN => show_main(app, None),
        tray::ID_LOCK => lock(app),
        tray::ID_QUIT => quit(app),
        tray::ID_PREF_AUTOSTART => {
            let Some(shell) = app.try_state::<Shell>() else { return };
            let Some(t) = shell.tray.lock().ok().and_then(|t| t.clone()) else { return };
            if let Ok(checked) = t.pref_autostart.is_checked() {
                set_autostart(app, checked);
            }
        }
        tray::ID_PREF_MINIMIZED | tray::ID_PREF_SHARING => {
            let Some(shell) = app.try_state::<Shell>() else { return };
            let Some(t) = shell.tray.lock().ok().and_then(|t| t.clone()) else { return };
            let (item, key) = if id == tray::ID_PREF_MINIMIZED {
                (&t.pref_minimized, prefs::START_MINIMIZED)
            } else {
                (&t.pref_sharing, prefs::START_SHARING)
            };
            if let Ok(checked) = item.is_checked() {
                shell.prefs.set_flag(key, checked);
            }
        }
        _ => {}
    }
}

/// The command-line actions; true when one was given.
fn run_args(app: &AppHandle, args: &[String]) -> bool {
    let mut acted = false;
    for a in args {
        acted = true;
        match a.as_str() {
            "--lock" => lock(app),
            "--start-sharing" => start_sharing(app),
            "--stop-sharing" => stop_sharing(app),
            "--quit" => quit(app),
            "--autostart-on" => set_autostart(app, true),
            "--autostart-off" => set_autostart(app, false),
            other => {
                tracing::warn!(
                    arg = other,
                    "unknown option (known: --lock, --start-sharing, --stop-sharing, --autostart-on, --autostart-off, --quit)"
                );
                acted = false;
            }
        }
    }
    acted
}

/// "Start Hearth when I log in": the system's autostart entry (on Linux an XDG `.desktop` file
/// in the user's autostart folder), and the tray's check mark to match. With "start sharing
/// when Hearth starts", a shared Hearth comes back after the host reboots, with nobody at it.
fn set_autostart(app: &AppHandle, on: bool) {
    use tauri_plugin_autostart::ManagerExt;
    let launcher = app.autolaunch();
    let done = if on { launcher.enable() } else { launcher.disable() };
    if let Err(e) = done {
        tracing::warn!(error = %e, on, "cannot change starting at login");
        notify(app, "Hearth could not change starting at login", &e.to_string());
    }
    let now = launcher.is_enabled().unwrap_or(false);
    tracing::info!(enabled = now, "start at login");
    if let Some(t) = app.try_state::<Shell>().and_then(|s| s.tray.lock().ok().and_then(|t| t.clone())) {
        let _ = t.pref_autostart.set_checked(now);
    }
}

fn toggle_sharing(app: &AppHandle) {
    let sharing = app.try_state::<Shell>().is_some_and(|s| s.sharing.load(Ordering::SeqCst));
    if sharing {
        stop_sharing(app)
    } else {
        start_sharing(app)
    }
}

/// Multi-user: start the LAN server. Single-user: sharing needs an admin account first, so
/// the window opens on the share page (the wizard asks for the admin's name and password).
fn start_sharing(app: &AppHandle) {
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let Some(shell) = handle.try_state::<Shell>() else { return };
        match shell.engine.mode().await {
            Ok(Mode::Multi) => start_sharing_now(&handle).await,
            Ok(Mode::Single) => show_main(&handle, Some("/share")),
            Err(e) => tracing::error!(error = %e, "cannot read the mode"),
        }
    });
}

async fn start_sharing_now(app: &AppHandle) {
    let Some(shell) = app.try_state::<Shell>() else { return };
    let Some(me) = host(&shell.engine).await else { return };
    if let Err(e) = shell.engine.start_lan(&me, LanOptions::default()).await {
        tracing::warn!(error = %e, "cannot start sharing");
        notify(app, "Hearth could not start sharing", &e.to_string());
    }
}

fn stop_sharing(app: &AppHandle) {
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let Some(shell) = handle.try_state::<Shell>() else { return };
        let Some(me) = host(&shell.engine).await else { return };
        if let Err(e) = shell.engine.stop_lan(&me).await {
            tracing::warn!(error = %e, "cannot stop sharing");
        }
    });
}

fn copy_url(app: &AppHandle) {
    let Some(shell) = app.try_state::<Shell>() else { return };
    let url = shell.last_model.lock().ok().and_then(|m| m.as_ref().and_then(|m| m.url.clone()));
    if let Some(u) = url {
        if let Err(e) = app.clipboard().write_text(u) {
            tracing::warn!(error = %e, "cannot copy to the clipboard");
        }
    }
}

/// A small window with the QR code of the LAN URL, drawn by the engine's own route.
fn show_qr(app: &AppHandle) {
    let Some(shell) = app.try_state::<Shell>() else { return };
    let Some(lan_url) = shell.last_model.lock().ok().and_then(|m| m.as_ref().and_then(|m| m.url.clone())) else {
        return;
    };
    let Ok(mut u) = url::Url::parse(&format!("{}/api/v1/server/qr", shell.base)) else { return };
    u.query_pairs_mut().append_pair("url", &lan_url);
    if let Some(w) = app.get_webview_window(QR) {
        let _ = w.navigate(u);
        let _ = w.show();
        let _ = w.set_focus();
        return;
    }
    if let Err(e) = WebviewWindowBuilder::new(app, QR, WebviewUrl::External(u))
        .title(format!("Hearth: {lan_url}"))
        .inner_size(360.0, 400.0)
        .resizable(true)
        .build()
    {
        tracing::warn!(error = %e, "cannot open the QR window");
    }
}

/// Lock now (tray, shortcut, `--lock`): the engine ends every owner session, then the window
/// reloads and, as every API call now answers 401 `locked`, shows the lock screen only.
fn lock(app: &AppHandle) {
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let Some(shell) = handle.try_state::<Shell>() else { return };
        let Some(me) = host(&shell.engine).await else { return };
        match shell.engine.lock(Some(&me), BY_HOST).await {
            Ok(()) => {
                tracing::info!("locked");
                if let Some(w) = handle.get_webview_window(MAIN) {
                    navigate(&shell, &w, "/");
                }
            }
            Err(e) => {
                tracing::info!(error = %e, "lock refused");
                notify(&handle, "Hearth cannot lock", &e.to_string());
            }
        }
    });
}

async fn refresh_tray(app: &AppHandle) {
    let Some(shell) = app.try_state::<Shell>() else { return };
    // One refresh at a time (a change and the poll can meet), and no std lock held while the
    // tray is redrawn: menu updates wait for the main thread, which may itself be in a menu
    // handler that takes those locks.
    let _one = shell.refreshing.lock().await;
    let model = TrayModel::read(&shell.engine).await;
    shell.sharing.store(model.sharing, Ordering::SeqCst);
    let old = match shell.last_model.lock() {
        Ok(mut last) if last.as_ref() != Some(&model) => last.replace(model.clone()),
        _ => return,
    };
    let tray = shell.tray.lock().ok().and_then(|t| t.clone());
    if let Some(t) = tray {
        t.show(&model, old.as_ref());
    }
    tracing::debug!(sharing = model.sharing, mode = model.mode, "tray updated");
}

fn on_window_event(window: &tauri::Window, event: &WindowEvent) {
    if window.label() != MAIN {
        return;
    }
    let app = window.app_handle();
    let Some(shell) = app.try_state::<Shell>() else { return };
    match event {
        WindowEvent::Resized(_) | WindowEvent::Moved(_) => remember_geometry(&shell, window),
        WindowEvent::CloseRequested { api, .. } => {
            remember_geometry(&shell, window);
            if let Ok(g) = shell.geometry.lock() {
                shell.prefs.set_geometry(*g);
            }
            shell.prefs.save();
            if shell.sharing.load(Ordering::SeqCst) && !shell.quitting.load(Ordering::SeqCst) {
                // Colleagues are connected: keep serving from the tray.
                api.prevent_close();
                let _ = window.hide();
                if !shell.prefs.flag(prefs::CLOSE_NOTE_SHOWN) {
                    notify(
                        app,
                        "Hearth is still sharing",
                        "Hearth keeps running in the tray so that others can still use it. \
                         Choose Quit in the tray menu to stop it.",
                    );
                    shell.prefs.set_flag(prefs::CLOSE_NOTE_SHOWN, true);
                }
            }
        }
        _ => {}
    }
}

fn remember_geometry(shell: &Shell, window: &tauri::Window) {
    if window.is_minimized().unwrap_or(false) || !window.is_visible().unwrap_or(true) {
        return;
    }
    let maximized = window.is_maximized().unwrap_or(false);
    let scale = window.scale_factor().unwrap_or(1.0);
    let Ok(mut g) = shell.geometry.lock() else { return };
    g.maximized = maximized;
    if maximized {
        return;
    }
    if let Ok(size) = window.inner_size() {
        let l = size.to_logical::<f64>(scale);
        g.width = l.width;
        g.height = l.height;
    }
    if let Ok(pos) = window.outer_position() {
        let l = pos.to_logical::<f64>(scale);
        g.x = Some(l.x);
        g.y = Some(l.y);
    }
}

fn notify(app: &AppHandle, title: &str, body: &str) {
    if let Err(e) = app.notification().builder().title(title).body(body).show() {
        tracing::info!(error = %e, %title, "no notification service; {body}");
    }
}

/// Quit: stop the LAN server (requests in flight finish), then the loopback server, save
/// the preferences, exit. Idempotent.
fn quit(app: &AppHandle) {
    let Some(shell) = app.try_state::<Shell>() else {
        app.exit(0);
        return;
    };
    if shell.quitting.swap(true, Ordering::SeqCst) {
        return;
    }
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let Some(shell) = handle.try_state::<Shell>() else { return };
        if let Ok(g) = shell.geometry.lock() {
            shell.prefs.set_geometry(*g);
        }
        shell.prefs.save();
        if let Some(me) = host(&shell.engine).await {
            if let Err(e) = shell.engine.stop_lan(&me).await {
                tracing::warn!(error = %e, "stopping the LAN server");
            }
        }
        if let Some(server) = shell.loopback.lock().await.take() {
            server.shutdown().await;
        }
        // Anything else the engine runs (the session purge, later the model queue).
        shell.engine.shutdown().await;
        tracing::info!(data_dir = %shell.data_dir.display(), "Hearth desktop stopped");
        handle.exit(0);
    });
}
