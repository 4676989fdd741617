//! The LAN server (PRODUCT M4): a second listener on all interfaces (or one) that colleagues'
//! browsers reach, started and stopped without restarting Hearth, only in multi-user mode.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use std::time::Duration;

use serde::Serialize;
use serde_json::json;

use super::error::{Error, Result};
use super::events::EventKind;
use super::policy::{self, Mode, Principal};
use super::validate;
use crate::store::{events, sessions, settings as stored};
use crate::{Engine, EngineError};

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LanStatus {
    pub running: bool,
    /// Every URL colleagues can use, the pinned one first, then real adapters before
    /// VPN and virtual ones.
    pub urls: Vec<String>,
    pub port: u16,
    /// `0.0.0.0` for all interfaces, or the one chosen address.
    pub bind: String,
    pub pinned: Option<String>,
    pub https: bool,
    pub fingerprint: Option<String>,
    pub users_online: i64,
    pub allowed_hosts: Vec<String>,
    /// This machine's addresses the server may be bound to (`bind`), real adapters first.
    pub interfaces: Vec<InterfaceView>,
    /// "All interfaces" takes IPv6 as well as IPv4 (then IPv6 addresses are listed too).
    pub dual_stack: bool,
}

/// One network address of this machine, with the interface it belongs to.
#[derive(Clone, Debug)]
pub struct LocalAddr {
    pub interface: String,
    pub ip: IpAddr,
}

/// Interfaces that are usually VPNs, containers or virtual machines: listed after real ones.
fn is_virtual(name: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "docker",
        "br-",
        "veth",
        "virbr",
        "vmnet",
        "vboxnet",
        "tun",
        "tap",
        "wg",
        "tailscale",
        "zt",
        "utun",
        "lxc",
        "lxd",
        "cni",
        "flannel",
        "cali",
        "podman",
    ];
    PREFIXES.iter().any(|p| name.starts_with(p))
}

/// Non-loopback addresses of this machine (IPv4, and IPv6 other than link-local), real
/// adapters first.
pub fn local_addrs() -> Vec<LocalAddr> {
    let mut out: Vec<LocalAddr> = local_ip_address::list_afinet_netifas()
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, ip)| !ip.is_loopback() && !ip.is_unspecified())
        .filter(|(_, ip)| match ip {
            IpAddr::V6(v6) => (v6.segments()[0] & 0xffc0) != 0xfe80,
            IpAddr::V4(_) => true,
        })
        .map(|(interface, ip)| LocalAddr { interface, ip })
        .collect();
    out.sort_by_key(|a| (is_virtual(&a.interface), a.ip.is_ipv6(), a.interface.clone()));
    out
}

/// The URL of an address: the port left out when it is HTTP's own (80).
fn url_for(ip: IpAddr, port: u16) -> String {
    let host = match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    };
    if port == 80 {
        format!("http://{host}/")
    } else {
        format!("http://{host}:{port}/")
    }
}

/// Whether a socket on `[::]` also takes IPv4 here (Linux's default; not where
/// `net.ipv6.bindv6only` is set, nor where the system says nothing).
fn dual_stack_default() -> bool {
    std::fs::read_to_string("/proc/sys/net/ipv6/bindv6only").is_ok_and(|v| v.trim() == "0")
}

/// An interface address the LAN server may be bound to (`LanStatus.interfaces`).
#[derive(Clone, Debug, Serialize)]
pub struct InterfaceView {
    pub name: String,
    pub address: String,
    /// A VPN, container or virtual machine adapter (listed last).
    #[serde(rename = "virtual")]
    pub is_virtual: bool,
}

/// The LAN listener while it runs.
pub(crate) struct Running {
    pub server: crate::Server,
    pub bind: IpAddr,
    pub port: u16,
    /// "All interfaces" listens on `[::]`, taking IPv4 and IPv6 alike.
    pub dual_stack: bool,
}

/// How often a running LAN server checks that the install is still multi-user: `hearth mode
/// single` from a terminal changes the database, not this process.
const MODE_WATCH_EVERY: Duration = Duration::from_secs(1);
const MODE_WATCH_TASK: &str = "lan-mode-watch";
/// How long a stopping listener lets requests in flight finish.
const GRACE: Duration = Duration::from_secs(10);

/// Options for starting; `None` keeps the stored setting.
#[derive(Clone, Debug, Default)]
pub struct LanOptions {
    pub bind: Option<IpAddr>,
    pub port: Option<u16>,
}

fn require_lan_operator(who: &Principal) -> Result<()> {
    policy::require_host(who)?;
    policy::require_admin(who)
}

impl Engine {
    /// Starts (or moves) the LAN listener, on the host. Only in multi-user mode; a taken
    /// port is a clear 409.
    pub async fn start_lan(&self, who: &Principal, opts: LanOptions) -> Result<LanStatus> {
        require_lan_operator(who)?;
        if self.mode().await? != Mode::Multi {
            return Err(Error::conflict(
                "not_multi_user",
                "Switch Hearth to multi-user mode first: the LAN server only runs with accounts.",
            ));
        }
        let mut next = self.settings();
        let bind = opts.bind.unwrap_or(next.lan_bind);
        let port = opts.port.unwrap_or(next.lan_port);
        if !bind.is_unspecified() && !local_addrs().iter().any(|a| a.ip == bind) {
            return Err(Error::invalid(
                "invalid_bind",
                "That address is not one of this computer's network addresses.",
            ));
        }
        // One start or stop at a time; the state itself is only locked for a moment, so
        // the tray reads it while a listener winds down.
        let _op = self.inner.lan_op.lock().await;
        let same = self.lan_running().is_some_and(|(b, p)| b == bind && (port == 0 || p == port));
        if same {
            return self.lan_status().await;
        }
        self.shut_lan().await;
        // All interfaces: both IP versions on one socket where the system allows it, else
        // IPv4 only (and then only IPv4 addresses are listed).
        let dual = bind == IpAddr::V4(Ipv4Addr::UNSPECIFIED) && dual_stack_default();
        let first = if dual { IpAddr::V6(Ipv6Addr::UNSPECIFIED) } else { bind };
        let mut listened = (self.inner.listen)(self.clone(), SocketAddr::new(first, port)).await;
        let mut dual_stack = dual && listened.is_ok();
        if dual
            && listened.as_ref().is_err_and(
                |e| !matches!(e, EngineError::Bind { source, .. } if source.kind() == std::io::ErrorKind::AddrInUse),
            )
        {
            listened = (self.inner.listen)(self.clone(), SocketAddr::new(bind, port)).await;
            dual_stack = false;
        }
        let server = match listened {
            Ok(s) => s,
            Err(EngineError::Bind { source, .. }) if source.kind() == std::io::ErrorKind::AddrInUse => {
                return Err(Error::conflict(
                    "port_in_use",
                    format!("Port {port} is already in use on this computer. Choose another port and start again."),
                ));
            }
            Err(e) => {
                return Err(Error::conflict("cannot_listen", format!("Hearth could not listen on the network: {e}.")))
            }
        };
        let actual = server.local_addr().port();
        if let Ok(mut slot) = self.inner.lan.lock() {
            *slot = Some(Running { server, bind, port: actual, dual_stack });
        }
        let watcher = self.clone();
        self.tasks().start(MODE_WATCH_TASK, move |stop| async move { watcher.stop_lan_when_single(stop).await });
        next.lan_bind = bind;
        if port != 0 {
            next.lan_port = port;
        }
        let (uid, addr, to_store) = (who.user_id.clone(), who.address.clone(), next.clone());
        self.db()
            .write(move |tx| -> Result<()> {
                stored::save(tx, &to_store)?;
                events::log(
                    tx,
                    EventKind::ServerStarted,
                    Some(&uid),
                    &addr,
                    json!({"bind": bind.to_string(), "port": actual}),
                )?;
                Ok(())
            })
            .await?;
        self.settings_committed(next);
        self.refresh_allowed_hosts();
        tracing::info!(target: "hearth::security", bind = %bind, port = actual, "LAN server started");
        self.changed();
        self.lan_status().await
    }

    /// Stops the LAN listener, on the host; requests in flight finish first.
    pub async fn stop_lan(&self, who: &Principal) -> Result<LanStatus> {
        require_lan_operator(who)?;
        let _op = self.inner.lan_op.lock().await;
        self.tasks().stop(MODE_WATCH_TASK, GRACE).await;
        if self.shut_lan().await {
            self.log_event(EventKind::ServerStopped, Some(&who.user_id), &who.address, json!({})).await?;
        }
        self.lan_status().await
    }

    /// Takes the listener out of the state and stops it (the state is not locked while it
    /// winds down). True when one was running.
    async fn shut_lan(&self) -> bool {
        let running = self.inner.lan.lock().ok().and_then(|mut slot| slot.take());
        let Some(r) = running else { return false };
        self.refresh_allowed_hosts();
        r.server.shutdown().await;
        tracing::info!(target: "hearth::security", "LAN server stopped");
        self.changed();
        true
    }

    fn lan_dual_stack(&self) -> bool {
        self.inner.lan.lock().ok().is_some_and(|slot| slot.as_ref().is_some_and(|r| r.dual_stack))
    }

    fn lan_running(&self) -> Option<(IpAddr, u16)> {
        self.inner.lan.lock().ok().and_then(|slot| slot.as_ref().map(|r| (r.bind, r.port)))
    }

    /// While the LAN server runs: when the install turns single-user behind this process's
    /// back (the CLI on a live data directory), stop it, as the in-process switch does.
    /// Single-user requests from the network are refused meanwhile anyway (only loopback
    /// counts in single-user mode).
    async fn stop_lan_when_single(&self, stop: tokio_util::sync::CancellationToken) {
        loop {
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = tokio::time::sleep(MODE_WATCH_EVERY) => {}
            }
            if matches!(self.mode().await, Ok(Mode::Single)) {
                tracing::info!(target: "hearth::security", "the install is single-user now: stopping the LAN server");
                let _op = self.inner.lan_op.lock().await;
                if self.shut_lan().await {
                    if let Err(e) = self.log_event(EventKind::ServerStopped, None, "local", json!({})).await {
                        tracing::warn!(error = %e, "logging the LAN server's stop failed");
                    }
                }
                return;
            }
        }
    }

    /// The LAN server's state, for the host's own faces (the tray); see [`Engine::server_status`].
    pub async fn lan_status(&self) -> Result<LanStatus> {
        let s = self.settings();
        let (running, bind, port) = match self.lan_running() {
            Some((bind, port)) => (true, bind, port),
            None => (false, s.lan_bind, s.lan_port),
        };
        // Only the addresses it listens on (or would): IPv6 ones when "all interfaces" takes
        // both IP versions.
        let dual = if running { self.lan_dual_stack() } else { dual_stack_default() };
        let interfaces: Vec<InterfaceView> = local_addrs()
            .into_iter()
            .map(|a| InterfaceView {
                is_virtual: is_virtual(&a.interface),
                name: a.interface,
                address: a.ip.to_string(),
            })
            .collect();
        let idle = self.idle_timeout().as_secs() as i64;
        let users_online = self.db().run(move |c| sessions::users_online(c, idle).map_err(Error::from)).await?;
        let mut urls: Vec<String> = if bind.is_unspecified() {
            local_addrs().into_iter().filter(|a| a.ip.is_ipv4() || dual).map(|a| url_for(a.ip, port)).collect()
        } else {
            vec![url_for(bind, port)]
        };
        if let Some(p) = &s.lan_pinned_url {
            if let Some(i) = urls.iter().position(|u| u == p) {
                let u = urls.remove(i);
                urls.insert(0, u);
            }
        }
        Ok(LanStatus {
            running,
            urls,
            port,
            bind: bind.to_string(),
            pinned: s.lan_pinned_url,
            https: false,
            fingerprint: None,
            users_online,
            allowed_hosts: s.allowed_hosts,
            interfaces,
            dual_stack: bind.is_unspecified() && dual,
        })
    }

    /// The LAN server's state (`GET /server`): the host only.
    pub async fn server_status(&self, who: &Principal) -> Result<LanStatus> {
        policy::require_host(who)?;
        self.lan_status().await
    }

    /// Pins one of the server's own URLs (it is handed out as a link: UI, tray, QR), or
    /// unpins with `None`.
    pub async fn pin_lan_url(&self, who: &Principal, url: Option<String>) -> Result<LanStatus> {
        require_lan_operator(who)?;
        if let Some(u) = &url {
            if !self.lan_status().await?.urls.contains(u) {
                return Err(Error::invalid("invalid_url", "Pin one of the server's URLs."));
            }
        }
        let mut next = self.settings();
        next.lan_pinned_url = url.clone();
        self.save_settings(who, next, json!({"pinnedUrl": url})).await?;
        self.lan_status().await
    }

    /// The host names the Host header may carry besides this machine's addresses.
    pub async fn set_allowed_hosts(&self, who: &Principal, names: Vec<String>) -> Result<LanStatus> {
        require_lan_operator(who)?;
        let names = names.iter().map(|n| validate::host_name(n)).collect::<Result<Vec<_>>>()?;
        let mut next = self.settings();
        next.allowed_hosts = names.clone();
        self.save_settings(who, next, json!({"allowedHosts": names})).await?;
        self.refresh_allowed_hosts();
        self.lan_status().await
    }

    /// A QR code (SVG) for one of the server's own URLs, so a phone can open it; another
    /// URL is a 404.
    pub async fn lan_qr_svg(&self, who: &Principal, url: &str) -> Result<String> {
        policy::require_host(who)?;
        if !self.lan_status().await?.urls.iter().any(|u| u == url) {
            return Err(Error::NotFound);
        }
        let code = qrcode::QrCode::new(url.as_bytes()).map_err(Error::internal)?;
        Ok(code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(240, 240).quiet_zone(true).build())
    }

    /// Names the Host header may carry: loopback always; while the LAN server runs, this
    /// machine's addresses and the names the admin listed. Never a wildcard.
    pub(crate) fn refresh_allowed_hosts(&self) {
        let mut names: Vec<String> = Vec::new();
        if self.lan_running().is_some() {
            names.extend(local_addrs().into_iter().map(|a| a.ip.to_string()));
            names.extend(self.settings().allowed_hosts.into_iter().map(|n| n.to_ascii_lowercase()));
        }
        if let Ok(mut w) = self.inner.allowed_hosts.write() {
            *w = names;
        }
    }

    /// True when `name` (a Host header's name, lowercase, without port) may reach this
    /// engine: loopback names always, others as [`Engine::refresh_allowed_hosts`] listed.
    pub fn host_name_allowed(&self, name: &str) -> bool {
        matches!(name, "localhost" | "127.0.0.1" | "::1")
            || self.inner.allowed_hosts.read().is_ok_and(|list| list.iter().any(|n| n == name))
    }
}
