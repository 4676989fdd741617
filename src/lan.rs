//! The LAN server (PRODUCT M4): a second listener on all interfaces (or one) that colleagues'
//! browsers reach, started and stopped without restarting Hearth, only in multi-user mode.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use serde::Serialize;
use serde_json::json;

use crate::access::Mode;
use crate::config::DEFAULT_LAN_PORT;
use crate::error::{ApiError, ApiResult};
use crate::store::{events, settings, StoreError};
use crate::{config_keys, Engine, EngineError};

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
        "docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap", "wg", "tailscale", "zt", "utun",
        "lxc", "lxd", "cni", "flannel", "cali", "podman",
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

fn url_for(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{port}/"),
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}/"),
    }
}

pub(crate) struct Running {
    pub server: crate::Server,
    pub bind: IpAddr,
    pub port: u16,
    /// Tells this run from the next one, for its mode watcher.
    pub generation: u64,
}

static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How often a running LAN server checks that the install is still multi-user: `hearth mode
/// single` from a terminal changes the database, not this process.
const MODE_WATCH_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// Options for starting; `None` keeps the stored setting.
#[derive(Clone, Debug, Default)]
pub struct LanOptions {
    pub bind: Option<IpAddr>,
    pub port: Option<u16>,
}

impl Engine {
    /// Starts the LAN listener. Only in multi-user mode; a taken port is a clear 409.
    pub async fn start_lan(&self, opts: LanOptions, by: Option<&crate::access::UserId>, address: &str) -> ApiResult<LanStatus> {
        if self.mode().await? != Mode::Multi {
            return Err(ApiError::conflict(
                "not_multi_user",
                "Switch Hearth to multi-user mode first: the LAN server only runs with accounts.",
            ));
        }
        let (stored_bind, stored_port) = self.lan_settings().await?;
        let bind = opts.bind.unwrap_or(stored_bind);
        let port = opts.port.unwrap_or(stored_port);
        if !bind.is_unspecified() && !local_addrs().iter().any(|a| a.ip == bind) {
            return Err(ApiError::invalid("invalid_bind", "That address is not one of this computer's network addresses."));
        }
        let mut slot = self.inner.lan.lock().await;
        if let Some(r) = slot.as_ref() {
            if r.bind == bind && (port == 0 || r.port == port) {
                drop(slot);
                return self.lan_status().await;
            }
        }
        if let Some(old) = slot.take() {
            old.server.shutdown().await;
        }
        let server = match self.serve(SocketAddr::new(bind, port)).await {
            Ok(s) => s,
            Err(EngineError::Bind { source, .. }) if source.kind() == std::io::ErrorKind::AddrInUse => {
                return Err(ApiError::conflict(
                    "port_in_use",
                    format!("Port {port} is already in use on this computer. Choose another port and start again."),
                ));
            }
            Err(e) => return Err(ApiError::conflict("cannot_listen", format!("Hearth could not listen on the network: {e}."))),
        };
        let actual = server.local_addr().port();
        let generation = GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        *slot = Some(Running { server, bind, port: actual, generation });
        drop(slot);
        let watcher = self.clone();
        tokio::spawn(async move { watcher.stop_lan_when_single(generation).await });
        self.refresh_allowed_hosts().await?;
        let (uid, addr) = (by.cloned(), address.to_string());
        let bind_s = bind.to_string();
        self.db()
            .write(move |tx| -> Result<(), StoreError> {
                settings::set(tx, config_keys::LAN_BIND, &json!(bind_s))?;
                if port != 0 {
                    settings::set(tx, config_keys::LAN_PORT, &json!(port))?;
                }
                events::log(tx, "server_started", uid.as_ref(), &addr, json!({"bind": bind_s, "port": actual}))
                    .map_err(StoreError::from)
            })
            .await?;
        tracing::info!(target: "hearth::security", bind = %bind, port = actual, "LAN server started");
        self.changed();
        self.lan_status().await
    }

    /// Stops the LAN listener; requests in flight finish first.
    pub async fn stop_lan(&self, by: Option<&crate::access::UserId>, address: &str) -> ApiResult<LanStatus> {
        let running = self.inner.lan.lock().await.take();
        if let Some(r) = running {
            r.server.shutdown().await;
            let (uid, addr) = (by.cloned(), address.to_string());
            self.db()
                .write(move |tx| events::log(tx, "server_stopped", uid.as_ref(), &addr, json!({})).map_err(StoreError::from))
                .await?;
            tracing::info!(target: "hearth::security", "LAN server stopped");
        }
        self.refresh_allowed_hosts().await?;
        self.changed();
        self.lan_status().await
    }

    /// While run `generation` of the LAN server lasts: when the install turns single-user
    /// behind this process's back (the CLI on a live data directory), stop it, as the
    /// in-process switch does. Single-user requests from the network are refused meanwhile
    /// anyway (only loopback counts in single-user mode).
    async fn stop_lan_when_single(&self, generation: u64) {
        loop {
            tokio::time::sleep(MODE_WATCH_EVERY).await;
            if self.inner.lan.lock().await.as_ref().map(|r| r.generation) != Some(generation) {
                return;
            }
            if matches!(self.mode().await, Ok(Mode::Single)) {
                tracing::info!(target: "hearth::security", "the install is single-user now: stopping the LAN server");
                if let Err(e) = self.stop_lan(None, "local").await {
                    tracing::warn!(error = %e, "stopping the LAN server after the switch to single-user failed");
                }
                return;
            }
        }
    }

    async fn lan_settings(&self) -> ApiResult<(IpAddr, u16)> {
        self.db()
            .run(|c| -> Result<(IpAddr, u16), StoreError> {
                let bind = settings::get(c, config_keys::LAN_BIND)?
                    .and_then(|v| v.as_str().and_then(|s| s.parse().ok()))
                    .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
                let port = settings::get(c, config_keys::LAN_PORT)?
                    .and_then(|v| v.as_u64())
                    .and_then(|p| u16::try_from(p).ok())
                    .unwrap_or(DEFAULT_LAN_PORT);
                Ok((bind, port))
            })
            .await
            .map_err(ApiError::from)
    }

    pub async fn lan_status(&self) -> ApiResult<LanStatus> {
        let (stored_bind, stored_port) = self.lan_settings().await?;
        let (running, bind, port) = match self.inner.lan.lock().await.as_ref() {
            Some(r) => (true, r.bind, r.port),
            None => (false, stored_bind, stored_port),
        };
        let idle = self.idle_timeout().as_secs() as i64;
        let (pinned, allowed_hosts, users_online) = self
            .db()
            .run(move |c| -> Result<(Option<String>, Vec<String>, i64), StoreError> {
                let pinned = settings::get(c, config_keys::LAN_PINNED)?.and_then(|v| v.as_str().map(str::to_string));
                let hosts = settings::get(c, config_keys::ALLOWED_HOSTS)?
                    .and_then(|v| serde_json::from_value(v).ok())
                    .unwrap_or_default();
                let online = c.query_row(
                    "SELECT count(DISTINCT user_id) FROM sessions WHERE expires_at > ?1 AND last_seen_at > ?1 - ?2",
                    rusqlite::params![crate::store::now(), idle],
                    |r| r.get(0),
                )?;
                Ok((pinned, hosts, online))
            })
            .await?;
        let mut urls: Vec<String> = if bind.is_unspecified() {
            local_addrs().into_iter().map(|a| url_for(a.ip, port)).collect()
        } else {
            vec![url_for(bind, port)]
        };
        if let Some(p) = &pinned {
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
            pinned,
            https: false,
            fingerprint: None,
            users_online,
            allowed_hosts,
        })
    }

    /// Names the Host header may carry: loopback always; while the LAN server runs, this
    /// machine's addresses and the names the admin listed. Never a wildcard.
    pub(crate) async fn refresh_allowed_hosts(&self) -> ApiResult<()> {
        let running = self.inner.lan.lock().await.is_some();
        let mut names: Vec<String> = Vec::new();
        if running {
            names.extend(local_addrs().into_iter().map(|a| a.ip.to_string()));
            let listed: Vec<String> = self
                .db()
                .run(|c| -> Result<Vec<String>, StoreError> {
                    Ok(settings::get(c, config_keys::ALLOWED_HOSTS)?
                        .and_then(|v| serde_json::from_value(v).ok())
                        .unwrap_or_default())
                })
                .await?;
            names.extend(listed.into_iter().map(|n| n.to_ascii_lowercase()));
        }
        if let Ok(mut w) = self.inner.allowed_hosts.write() {
            *w = names;
        }
        Ok(())
    }
}
