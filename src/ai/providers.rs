//! OpenAI-compatible providers (PRODUCT A5): admins add a base URL and an optional API key,
//! test the connection, and their models join the list. The key goes to the secrets store
//! (OS keyring, or the 0600 file) and never comes back out: not in a response, an event or
//! a log line.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::backend::ModelInfo;
use super::openai::OpenAiBackend;
use crate::domain::events::{record, EventKind};
use crate::domain::policy::{self, Principal};
use crate::domain::{Error, Result};
use crate::secrets::{names, SecretStore, SecretString};
use crate::store::providers::{self, Provider};
use crate::Engine;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewProvider {
    pub name: String,
    pub base_url: String,
    #[serde(default)]
    pub api_key: Option<String>,
    /// Replies it writes at once (default 4).
    #[serde(default)]
    pub concurrency: Option<u32>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ProviderPatch {
    pub name: Option<String>,
    pub base_url: Option<String>,
    /// A new key; `null` removes the key; absent keeps it.
    #[serde(default, deserialize_with = "crate::domain::accounts::double_option")]
    pub api_key: Option<Option<String>>,
    pub concurrency: Option<u32>,
}

/// What a connection test found.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderTest {
    pub ok: bool,
    pub models: Vec<ModelInfo>,
    /// What failed, in words, when it did.
    pub error: Option<String>,
}

fn check_name(n: &str) -> Result<String> {
    let n = n.trim();
    if n.is_empty() || n.chars().count() > 80 || n.chars().any(char::is_control) {
        return Err(Error::invalid("invalid_name", "Give the provider a name of 1 to 80 characters."));
    }
    Ok(n.to_string())
}

/// An http(s) URL without credentials in it (a key goes in its own field).
fn check_url(u: &str) -> Result<String> {
    let u = u.trim().trim_end_matches('/');
    let bad = || {
        Error::invalid(
            "invalid_url",
            "The base URL is an http:// or https:// address, such as http://127.0.0.1:11434/v1.",
        )
    };
    let parsed = url_parts(u).ok_or_else(bad)?;
    if parsed.contains('@') || u.len() > 500 || u.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    Ok(u.to_string())
}

/// The authority of an http(s) URL, if it is one.
fn url_parts(u: &str) -> Option<&str> {
    let rest = u.strip_prefix("http://").or_else(|| u.strip_prefix("https://"))?;
    let authority = rest.split('/').next()?;
    (!authority.is_empty()).then_some(authority)
}

/// Replies a provider writes at once by default: a local server on one GPU serves a few.
pub const DEFAULT_CONCURRENCY: u32 = 4;
pub const MAX_CONCURRENCY: u32 = 1000;

fn check_concurrency(n: u32) -> Result<u32> {
    if !(1..=MAX_CONCURRENCY).contains(&n) {
        return Err(Error::invalid(
            "invalid_concurrency",
            format!("concurrency is 1 to {MAX_CONCURRENCY} replies at once."),
        ));
    }
    Ok(n)
}

fn check_key(k: &str) -> Result<SecretString> {
    if k.is_empty() || k.len() > 1000 || k.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(Error::invalid("invalid_api_key", "The API key is one line without spaces."));
    }
    Ok(SecretString::new(k))
}

impl Engine {
    /// The secrets store, opened on first use (a keyring may be slow to answer).
    fn secrets(&self) -> &SecretStore {
        self.inner.secrets.get_or_init(|| SecretStore::open(&self.inner.data_dir))
    }

    /// Makes the provider a backend of the queue (its key read from the secrets store).
    fn load_provider(&self, p: &Provider) -> Result<()> {
        let key = if p.has_key {
            self.secrets()
                .get(&names::provider_key(&p.id))
                .map_err(|e| Error::internal(format!("secrets store: {e}")))?
        } else {
            None
        };
        let backend = OpenAiBackend::new(&p.base_url, key).map_err(|e| Error::internal(e.to_string()))?;
        self.ai().register(&p.id, Arc::new(backend));
        self.ai().queue.set_concurrency(&p.id, p.concurrency as usize);
        Ok(())
    }

    /// Registers the backends once, on first need: every stored provider (and the embedded
    /// model's folders, once that backend exists).
    pub(crate) async fn ensure_backends(&self) {
        self.inner
            .backends_loaded
            .get_or_init(|| async {
                let embedded = super::embedded::EmbeddedBackend::new(self.inner.model_dirs.clone());
                self.ai().register("embedded", Arc::new(embedded));
                // One reply at a time on CPU: four at once all finish later than four in a row.
                self.ai().queue.set_concurrency("embedded", 1);
                if let Err(e) = self.load_providers().await {
                    tracing::warn!(error = %e, "cannot load the providers");
                }
            })
            .await;
    }

    /// Registers every stored provider.
    async fn load_providers(&self) -> Result<()> {
        let all = self.db().run(|c| providers::list(c).map_err(Error::from)).await?;
        for p in &all {
            if let Err(e) = self.load_provider(p) {
                tracing::warn!(provider = %p.name, error = %e, "cannot load a provider");
            }
        }
        Ok(())
    }

    pub async fn providers(&self, who: &Principal) -> Result<Vec<Provider>> {
        policy::require_admin(who)?;
        self.ensure_backends().await;
        self.db().run(|c| providers::list(c).map_err(Error::from)).await
    }

    pub async fn add_provider(&self, who: &Principal, new: NewProvider) -> Result<Provider> {
        policy::require_admin(who)?;
        self.ensure_backends().await;
        let name = check_name(&new.name)?;
        let url = check_url(&new.base_url)?;
        let key = new.api_key.as_deref().filter(|k| !k.is_empty()).map(check_key).transpose()?;
        let has_key = key.is_some();
        let concurrency = check_concurrency(new.concurrency.unwrap_or(DEFAULT_CONCURRENCY))?;
        let (n, u) = (name.clone(), url.clone());
        let who2 = who.clone();
        let p = self
            .write_as(who.clone().into(), move |tx, _| {
                if providers::name_taken(tx, &n, None)? {
                    return Err(Error::conflict("name_taken", "Another provider has that name."));
                }
                let p = providers::insert(tx, &n, &u, has_key, concurrency)?;
                record(
                    tx,
                    &who2,
                    EventKind::ProviderAdded,
                    json!({"provider": p.id, "name": n, "baseUrl": u, "apiKey": has_key, "concurrency": concurrency}),
                )?;
                Ok(p)
            })
            .await?;
        if let Some(k) = key {
            if let Err(e) = self.secrets().set(&names::provider_key(&p.id), &k) {
                // Keep no provider whose key could not be kept.
                let id = p.id.clone();
                self.db().write(move |tx| providers::delete(tx, &id).map(|_| ()).map_err(Error::from)).await?;
                return Err(Error::internal(format!("secrets store: {e}")));
            }
        }
        self.load_provider(&p)?;
        Ok(p)
    }

    pub async fn update_provider(&self, who: &Principal, id: String, patch: ProviderPatch) -> Result<Provider> {
        policy::require_admin(who)?;
        let name = patch.name.as_deref().map(check_name).transpose()?;
        let url = patch.base_url.as_deref().map(check_url).transpose()?;
        let key = match &patch.api_key {
            Some(Some(k)) => Some(Some(check_key(k)?)),
            Some(None) => Some(None),
            None => None,
        };
        let has_key = key.as_ref().map(Option::is_some);
        let concurrency = patch.concurrency.map(check_concurrency).transpose()?;
        let (pid, who2) = (id.clone(), who.clone());
        let p = self
            .write_as(who.clone().into(), move |tx, _| {
                providers::get(tx, &pid)?.ok_or(Error::NotFound)?;
                if let Some(n) = &name {
                    if providers::name_taken(tx, n, Some(&pid))? {
                        return Err(Error::conflict("name_taken", "Another provider has that name."));
                    }
                }
                providers::update(tx, &pid, name.as_deref(), url.as_deref(), has_key, concurrency)?;
                let details = json!({"provider": pid, "name": name, "baseUrl": url, "apiKeyChanged": has_key.is_some(), "concurrency": concurrency});
                record(tx, &who2, EventKind::ProviderChanged, details)?;
                providers::get(tx, &pid)?.ok_or(Error::NotFound)
            })
            .await?;
        let secret = names::provider_key(&id);
        let stored = match key {
            Some(Some(k)) => self.secrets().set(&secret, &k),
            Some(None) => self.secrets().delete(&secret),
            None => Ok(()),
        };
        stored.map_err(|e| Error::internal(format!("secrets store: {e}")))?;
        self.load_provider(&p)?;
        Ok(p)
    }

    pub async fn remove_provider(&self, who: &Principal, id: String) -> Result<()> {
        policy::require_admin(who)?;
        let (pid, who2) = (id.clone(), who.clone());
        self.write_as(who.clone().into(), move |tx, _| {
            if !providers::delete(tx, &pid)? {
                return Err(Error::NotFound);
            }
            record(tx, &who2, EventKind::ProviderRemoved, json!({"provider": pid}))?;
            Ok(())
        })
        .await?;
        self.ai().unregister(&id);
        if let Err(e) = self.secrets().delete(&names::provider_key(&id)) {
            tracing::warn!(error = %e, "cannot remove a provider's key from the secrets store");
        }
        Ok(())
    }

    /// Reaches the provider and lists its models; says what failed, in words.
    pub async fn test_provider(&self, who: &Principal, id: String) -> Result<ProviderTest> {
        policy::require_admin(who)?;
        self.ensure_backends().await;
        let pid = id.clone();
        self.db().run(move |c| providers::get(c, &pid)?.ok_or(Error::NotFound)).await?;
        let backend = self.ai().backend(&id).ok_or(Error::NotFound)?;
        Ok(match backend.models().await {
            Ok(models) => ProviderTest { ok: true, models, error: None },
            Err(e) => ProviderTest { ok: false, models: Vec::new(), error: Some(e.to_string()) },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_urls_are_http_without_credentials() {
        assert_eq!(check_url("http://127.0.0.1:11434/v1/").ok().as_deref(), Some("http://127.0.0.1:11434/v1"));
        assert!(check_url("https://api.example.com/v1").is_ok());
        for bad in [
            "ftp://x/v1",
            "file:///etc/passwd",
            "http://",
            "http://user:pw@host/v1",
            "javascript:alert(1)",
            "http://a b/",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
