//! `hearth user …` and `hearth mode …` (PRODUCT C1, R4): the same engine functions as the
//! HTTP API, acting as the owner on the host. Missing values are prompted for (passwords
//! without echo); `--json` prints machine-readable output.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use hearth::config::EngineConfig;
use hearth::domain::accounts::{NewUser, UserPatch, UserView};
use hearth::domain::mode::{AdminCredentials, ToMulti};
use hearth::domain::passwords::Secret;
use hearth::domain::policy::{Principal, Role, UserId};
use hearth::domain::Error;
use hearth::Engine;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account.
    Add {
        #[arg(long)]
        username: Option<String>,
        /// admin, manager or default
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        display_name: Option<String>,
        /// Daily messages to the model; leave out for no limit.
        #[arg(long)]
        daily_limit: Option<i64>,
        #[command(flatten)]
        pw: PasswordInput,
    },
    /// Change an account's role, suspension, limit or display name.
    Mod {
        username: String,
        #[arg(long)]
        role: Option<String>,
        /// Suspend: the account cannot sign in and its sessions end at once.
        #[arg(long, conflicts_with = "unsuspend")]
        suspend: bool,
        /// Re-enable a suspended account.
        #[arg(long)]
        unsuspend: bool,
        /// A number, or "none" for no limit.
        #[arg(long)]
        daily_limit: Option<String>,
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Delete an account (its sessions, memberships and threads go).
    Del {
        username: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// List accounts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Set an account's password (its sessions end).
    Passwd {
        username: String,
        #[command(flatten)]
        pw: PasswordInput,
    },
}

#[derive(Args)]
pub struct PasswordInput {
    /// Read the password from the first line of standard input instead of prompting.
    #[arg(long)]
    password_stdin: bool,
}

#[derive(Subcommand)]
pub enum ModeCommand {
    /// Back to single-user: other accounts stay but cannot sign in; the LAN server stops.
    Single,
    /// Multi-user: the owner becomes the admin with this username and password. When the
    /// owner already was the admin, leaving out --admin-username brings it back as it was.
    Multi {
        #[arg(long)]
        admin_username: Option<String>,
        #[command(flatten)]
        pw: PasswordInput,
    },
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("hearth: {e}");
    ExitCode::FAILURE
}

/// A domain error in words for the terminal: never an internal detail (that went to the log).
fn api_fail(e: Error) -> ExitCode {
    match &e {
        Error::NotFound => fail("no such account"),
        Error::Internal(_) => {
            tracing::error!(error = %match &e { Error::Internal(d) => d.as_str(), _ => "" }, "internal error");
            fail("something went wrong inside Hearth; run again with HEARTH_LOG=debug for details")
        }
        _ => fail(format!("{} ({})", e.public_message(), e.code())),
    }
}

fn prompt(label: &str) -> Result<String, String> {
    if !std::io::stdin().is_terminal() {
        return Err(format!("{label} is missing; pass it as a flag (no terminal to ask on)"));
    }
    eprint!("{label}: ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| e.to_string())?;
    Ok(line.trim().to_string())
}

fn read_password(input: &PasswordInput, label: &str) -> Result<Secret, String> {
    if input.password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| e.to_string())?;
        return Ok(Secret::new(line.trim_end_matches(['\n', '\r']).to_string()));
    }
    if !std::io::stdin().is_terminal() {
        return Err("no terminal to ask for the password on; use --password-stdin".into());
    }
    let first = rpassword::prompt_password(format!("{label}: ")).map_err(|e| e.to_string())?;
    let again = rpassword::prompt_password(format!("{label} (again): ")).map_err(|e| e.to_string())?;
    if first != again {
        return Err("the two passwords differ".into());
    }
    Ok(Secret::new(first))
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("role is admin, manager or default, not {s:?}"))
}

/// What the event log records as the address of the command line's actions.
const HOST: &str = "cli";

async fn open(data_dir: &Path) -> Result<(Engine, Principal), String> {
    let engine = Engine::open(&EngineConfig::new(data_dir)).map_err(|e| e.to_string())?;
    let me = engine.host_principal(HOST).await.map_err(|e| e.public_message())?;
    Ok((engine, me))
}

async fn find(engine: &Engine, me: &Principal, username: &str) -> Result<UserId, String> {
    match engine.find_user(me, username).await {
        Ok(u) => Ok(u.id),
        Err(Error::NotFound) => Err(format!("no account named {username:?}")),
        Err(e) => Err(e.public_message()),
    }
}

fn print_user(u: &UserView) {
    println!(
        "{:<24} {:<8} {:<10} {}",
        u.username.as_deref().unwrap_or("(owner)"),
        u.role.as_str(),
        if u.suspended { "suspended" } else { "active" },
        u.display_name
    );
}

pub async fn user(data_dir: &Path, cmd: UserCommand) -> ExitCode {
    let (engine, me) = match open(data_dir).await {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    match cmd {
        UserCommand::Add { username, role, display_name, daily_limit, pw } => {
            let username = match username.map(Ok).unwrap_or_else(|| prompt("Username")) {
                Ok(u) => u,
                Err(e) => return fail(e),
            };
            let role = match role
                .map(Ok)
                .unwrap_or_else(|| prompt("Role (admin, manager, default)"))
                .and_then(|r| parse_role(&r))
            {
                Ok(r) => r,
                Err(e) => return fail(e),
            };
            let password = match read_password(&pw, "Password") {
                Ok(p) => p,
                Err(e) => return fail(e),
            };
            let new = NewUser { username, password, role, display_name, daily_message_limit: daily_limit };
            match engine.create_user(&me, new).await {
                Ok(u) => {
                    print_user(&u);
                    ExitCode::SUCCESS
                }
                Err(e) => api_fail(e),
            }
        }
        UserCommand::Mod { username, role, suspend, unsuspend, daily_limit, display_name } => {
            let id = match find(&engine, &me, &username).await {
                Ok(id) => id,
                Err(e) => return fail(e),
            };
            let role = match role.map(|r| parse_role(&r)).transpose() {
                Ok(r) => r,
                Err(e) => return fail(e),
            };
            let limit = match daily_limit.as_deref() {
                None => None,
                Some("none") => Some(None),
                Some(n) => match n.parse::<i64>() {
                    Ok(n) => Some(Some(n)),
                    Err(_) => return fail("--daily-limit is a number or \"none\""),
                },
            };
            let suspended = if suspend {
                Some(true)
            } else if unsuspend {
                Some(false)
            } else {
                None
            };
            let patch = UserPatch { role, suspended, daily_message_limit: limit, display_name };
            match engine.update_user(&me, id, patch).await {
                Ok(u) => {
                    print_user(&u);
                    ExitCode::SUCCESS
                }
                Err(e) => api_fail(e),
            }
        }
        UserCommand::Del { username, yes } => {
            let id = match find(&engine, &me, &username).await {
                Ok(id) => id,
                Err(e) => return fail(e),
            };
            if !yes {
                match prompt(&format!("Delete {username} and their threads? Type the username to confirm")) {
                    Ok(answer) if answer == username => {}
                    Ok(_) => return fail("not confirmed; nothing deleted"),
                    Err(e) => return fail(format!("{e} (or pass --yes)")),
                }
            }
            match engine.delete_user(&me, id).await {
                Ok(report) => {
                    println!(
                        "deleted {username}: {} threads removed, {} workspaces passed to the owner",
                        report.threads_removed, report.workspaces_transferred_to_owner
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => api_fail(e),
            }
        }
        UserCommand::List { json } => match engine.list_users(&me).await {
            Ok(users) if json => {
                println!("{}", serde_json::to_string_pretty(&users).unwrap_or_default());
                ExitCode::SUCCESS
            }
            Ok(users) => {
                println!("{:<24} {:<8} {:<10} DISPLAY NAME", "USERNAME", "ROLE", "STATE");
                users.iter().for_each(print_user);
                ExitCode::SUCCESS
            }
            Err(e) => api_fail(e),
        },
        UserCommand::Passwd { username, pw } => {
            let id = match find(&engine, &me, &username).await {
                Ok(id) => id,
                Err(e) => return fail(e),
            };
            let password = match read_password(&pw, "New password") {
                Ok(p) => p,
                Err(e) => return fail(e),
            };
            match engine.reset_password(&me, id, password).await {
                Ok(()) => {
                    println!("password changed for {username}; their sessions have ended");
                    ExitCode::SUCCESS
                }
                Err(e) => api_fail(e),
            }
        }
    }
}

pub async fn mode(data_dir: &Path, cmd: Option<ModeCommand>) -> ExitCode {
    let (engine, me) = match open(data_dir).await {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let result = match cmd {
        None => Ok(()),
        Some(ModeCommand::Single) => engine.switch_to_single(&me).await,
        Some(ModeCommand::Multi { admin_username, pw }) => {
            let returning = match engine.returning_admin().await {
                Ok(r) => r,
                Err(e) => return api_fail(e),
            };
            let admin = match (admin_username, returning) {
                // The owner already was this admin: it comes back as it was.
                (None, Some(name)) => {
                    eprintln!("the admin {name:?} comes back with its password");
                    None
                }
                (given, _) => {
                    let username = match given.map(Ok).unwrap_or_else(|| prompt("Admin username")) {
                        Ok(u) => u,
                        Err(e) => return fail(e),
                    };
                    let password = match read_password(&pw, "Admin password") {
                        Ok(p) => p,
                        Err(e) => return fail(e),
                    };
                    Some(AdminCredentials { username, password })
                }
            };
            let req = ToMulti { admin, current_password: None, from_host_terminal: true };
            engine.switch_to_multi(&me, req).await
        }
    };
    if let Err(e) = result {
        return api_fail(e);
    }
    match engine.mode().await {
        Ok(m) => {
            println!("{}", m.as_str());
            ExitCode::SUCCESS
        }
        Err(e) => api_fail(e),
    }
}

/// `hearth backup FILE`: a consistent copy of the whole database, taken while a server may run
/// on it.
pub fn backup(data_dir: &Path, file: &Path) -> ExitCode {
    match hearth::store::backup::backup(&data_dir.join("hearth.db"), file) {
        Ok(()) => {
            println!("Backed up {} to {}.", data_dir.display(), file.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("hearth backup: {e}.");
            ExitCode::FAILURE
        }
    }
}

/// `hearth host-link`: a fresh single-use host login link for the server running on this data
/// directory. Reaching the data directory is the proof of being the host; the link works only
/// from this computer (loopback), once, for ten minutes.
pub async fn host_link(data_dir: &Path) -> ExitCode {
    let not_running = || {
        eprintln!(
            "hearth host-link: no Hearth server is running on {}. Start it with: hearth serve",
            data_dir.display()
        );
        ExitCode::FAILURE
    };
    let Some(url) = hearth::domain::host::server_url(data_dir) else { return not_running() };
    // The file may be left from a server that was killed: ask the server itself.
    let alive = match reqwest::Client::builder().timeout(std::time::Duration::from_secs(3)).build() {
        Ok(c) => c.get(format!("{url}api/v1/health")).send().await.is_ok_and(|r| r.status().is_success()),
        Err(_) => false,
    };
    if !alive {
        return not_running();
    }
    let engine = match Engine::open(&EngineConfig::new(data_dir)) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("hearth host-link: {e}");
            return ExitCode::FAILURE;
        }
    };
    match engine.mint_host_link().await {
        Ok(secret) => {
            println!("{url}host-login?secret={secret}");
            println!(
                "Open it in a browser on this computer: it works once, within {} minutes.",
                hearth::domain::host::HOST_LINK_TTL_SECS / 60
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("hearth host-link: {}", e.public_message());
            ExitCode::FAILURE
        }
    }
}

/// `hearth restore FILE [--force]`: puts a backup into the data directory (a new one, or with
/// --force over an existing database).
pub fn restore(data_dir: &Path, file: &Path, force: bool) -> ExitCode {
    if let Err(e) = hearth::ensure_private_dir(data_dir) {
        eprintln!("hearth restore: {e}.");
        return ExitCode::FAILURE;
    }
    match hearth::store::backup::restore(file, &data_dir.join("hearth.db"), force) {
        Ok(schema) => {
            println!("Restored {} into {} (schema {schema}).", file.display(), data_dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("hearth restore: {e}.");
            ExitCode::FAILURE
        }
    }
}
