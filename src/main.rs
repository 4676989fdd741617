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
        Command::Serve { port } => rt.block_on(serve(data_dir, cli.models_dir, port)),
        Command::User { command } => rt.block_on(cli::user(&data_dir, command)),
        Command::Mode { command } => rt.block_on(cli::mode(&data_dir, command)),
        Command::Backup { file } => cli::backup(&data_dir, &file),
        Command::Restore { file, force } => cli::restore(&data_dir, &file, force),
    }
}

async fn serve(data_dir: PathBuf, models_dir: Option<PathBuf>, port: u16) -> ExitCode {
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
    // The host login link goes to this console only, never to the log (like Jupyter's token).
    // Written without println!: a closed stdout (a parent that read only the first line)
    // must not take the server down.
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "Hearth is listening on http://{local}/");
        let _ = writeln!(out, "Host login (single use): http://{local}/host-login?secret={secret}");
        let _ = writeln!(out, "Data directory: {}", data_dir.display());
        let _ = out.flush();
    }
    hearth::stop_signal().await;
    tracing::info!("stopping");
    server.shutdown().await;
    ExitCode::SUCCESS
}
