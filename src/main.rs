//! The `hearth` command line: a thin face on the engine.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hearth::config::{default_data_dir, EngineConfig, DEFAULT_PORT};
use hearth::Engine;

mod cli;

/// mimalloc: many small allocations across threads (requests, rows, JSON) are its strength;
/// glibc malloc showed up as a tenth of the server's time under load.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "hearth",
    version,
    about = "Hearth: a local-first AI workspace.",
    long_about = "Hearth: a local-first AI workspace.\n\n\
        Runs single-user on this machine (optionally behind a lock password) and can turn into \
        a small team's server on the local network. `hearth serve` runs the engine and its web \
        UI without the desktop window; open the printed host login link in a browser on this \
        machine."
)]
struct Cli {
    /// Where Hearth keeps its database and files [default: the platform's data directory,
    /// e.g. ~/.local/share/hearth]
    #[arg(long, global = true, env = "HEARTH_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Another folder of GGUF models (the starter model's); the data directory's `models/`
    /// is always searched.
    #[arg(long, global = true, env = "HEARTH_MODELS_DIR", value_name = "DIR")]
    models_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the engine and its web UI headless, on 127.0.0.1, until Ctrl-C or SIGTERM.
    Serve {
        /// Port to listen on; 0 picks a free one.
        #[arg(long, env = "HEARTH_PORT", default_value_t = DEFAULT_PORT)]
        port: u16,
        /// Also start the LAN server (multi-user mode only), on its saved interface and port:
        /// for a shared Hearth started at boot with nobody at the host.
        #[arg(long, env = "HEARTH_SHARE")]
        share: bool,
    },
    /// Manage accounts on this data directory (works while a server runs on it).
    User {
        #[command(subcommand)]
        command: cli::UserCommand,
    },
    /// Show or switch the mode: single-user, or multi-user with accounts.
    Mode {
        #[command(subcommand)]
        command: Option<cli::ModeCommand>,
    },
    /// Print a new single-use host login link for the Hearth server running on this data
    /// directory (when the first one was used, or the browser that used it is gone). Works only
    /// on the host: it needs the data directory, and the link only from this computer.
    HostLink,
    /// Copy the whole database to FILE (a new file), consistently, even while a server runs.
    Backup { file: PathBuf },
    /// Put a backup into the data directory. An existing database is replaced only with
    /// --force (stop Hearth first); a backup from a newer Hearth is refused.
    Restore {
        file: PathBuf,
        /// Replace the data directory's existing database.
        #[arg(long)]
        force: bool,
    },
}

/// `--share`: the LAN server on its saved interface and port, as the host would start it.
async fn start_sharing(engine: &Engine) {
    use std::io::Write;
    let said = match engine.mode().await {
        Ok(hearth::domain::policy::Mode::Multi) => match engine.host_principal("host").await {
            Ok(me) => match engine.start_lan(&me, hearth::domain::lan::LanOptions::default()).await {
                Ok(st) => format!("Shared on the LAN: {}", st.urls.join(" ")),
                Err(e) => format!("hearth: --share: cannot start the LAN server: {}", e.public_message()),
            },
            Err(e) => format!("hearth: --share: {}", e.public_message()),
        },
        Ok(_) => "hearth: --share: Hearth is single-user: not sharing (switch to multi-user first)".to_string(),
        Err(e) => format!("hearth: --share: {}", e.public_message()),
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{said}");
    let _ = out.flush();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The server logs what it does; one-shot commands print their result and only warnings.
    hearth::logging::init(if matches!(cli.command, Command::Serve { .. }) { "info" } else { "warn" });
    let data_dir = cli.data_dir.unwrap_or_else(default_data_dir);
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("hearth: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match cli.command {
        Command::Serve { port, share } => rt.block_on(serve(data_dir, cli.models_dir, port, share)),
        Command::User { command } => rt.block_on(cli::user(&data_dir, command)),
        Command::Mode { command } => rt.block_on(cli::mode(&data_dir, command)),
        Command::HostLink => rt.block_on(cli::host_link(&data_dir)),
        Command::Backup { file } => cli::backup(&data_dir, &file),
        Command::Restore { file, force } => cli::restore(&data_dir, &file, force),
    }
}

async fn serve(data_dir: PathBuf, models_dir: Option<PathBuf>, port: u16, share: bool) -> ExitCode {
    let mut cfg = EngineConfig::new(&data_dir);
    cfg.model_dirs.extend(models_dir);
    let engine = match Engine::open(&cfg) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("hearth: {e}");
            return ExitCode::FAILURE;
        }
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let server = match engine.serve(addr).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("hearth: {e}. Is another Hearth running? Choose another port with --port.");
            return ExitCode::FAILURE;
        }
    };
    let local = server.local_addr();
    let secret = engine.new_host_secret();
    // `hearth host-link` finds the server here.
    let url_file = match hearth::domain::host::publish_server_url(&data_dir, &format!("http://{local}/")) {
        Ok(f) => Some(f),
        Err(e) => {
            tracing::warn!(error = %e, "cannot write server.url: hearth host-link will not find this server");
            None
        }
    };

    // The host login link goes to this console only, never to the log (like Jupyter's token).
    // Written without println!: a closed stdout (a parent that read only the first line)
    // must not take the server down.
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "Hearth is listening on http://{local}/");
        let _ = writeln!(out, "Host login (single use): http://{local}/host-login?secret={secret}");
        let _ = writeln!(out, "Data directory: {}", data_dir.display());
        let _ = writeln!(out, "For another host login link later: hearth host-link");
        let _ = out.flush();
    }
    if share {
        start_sharing(&engine).await;
    }
    hearth::stop_signal().await;
    tracing::info!("stopping");
    drop(url_file);
    server.shutdown().await;
    ExitCode::SUCCESS
}
