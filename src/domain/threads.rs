//! Threads (PRODUCT W3): the caller's own, in workspaces the caller can see; anyone else's
//! is a 404, for reads, renames, deletes and messages alike.

use serde::Deserialize;

use super::error::{Error, Result};
use super::policy::{self, Principal};
use super::sessions::Caller;
use super::validate;
use crate::store::threads::{self, Message, Thread};
use crate::store::workspaces;
use crate::Engine;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ThreadTitle {
    #[serde(default)]
    pub title: String,
}

/// The thread `id` if it is the caller's, or 404.
fn own(c: &rusqlite::Connection, who: &Principal, id: &str) -> Result<Thread> {
    threads::get(c, &policy::thread_scope(who), id)?.ok_or(Error::NotFound)
}

impl Engine {
    pub async fn list_threads(&self, caller: impl Into<Caller>, slug: String) -> Result<Vec<Thread>> {
        self.read_as(caller.into(), move |c, who| {
            let ws = workspaces::get_by_slug(c, &policy::workspace_scope(who), &slug)?.ok_or(Error::NotFound)?;
            Ok(threads::list(c, &policy::thread_scope(who), &ws.id)?)
        })
        .await
    }

    pub async fn create_thread(&self, caller: impl Into<Caller>, slug: String, t: ThreadTitle) -> Result<Thread> {
        self.write_as(caller.into(), move |tx, who| {
            let ws = workspaces::get_by_slug(tx, &policy::workspace_scope(who), &slug)?.ok_or(Error::NotFound)?;
            let title = validate::thread_title(&t.title)?;
            Ok(threads::create(tx, &policy::thread_scope(who), &ws.id, &title)?)
        })
        .await
    }

    pub async fn thread(&self, caller: impl Into<Caller>, id: String) -> Result<Thread> {
        self.read_as(caller.into(), move |c, who| own(c, who, &id)).await
    }

    pub async fn rename_thread(&self, caller: impl Into<Caller>, id: String, t: ThreadTitle) -> Result<Thread> {
        self.write_as(caller.into(), move |tx, who| {
            own(tx, who, &id)?;
            let title = validate::thread_title(&t.title)?;
            threads::rename(tx, &id, &title)?;
            own(tx, who, &id)
        })
        .await
    }

    pub async fn delete_thread(&self, caller: impl Into<Caller>, id: String) -> Result<()> {
        self.write_as(caller.into(), move |tx, who| {
            own(tx, who, &id)?;
            Ok(threads::delete(tx, &id)?)
        })
        .await
    }

    pub async fn thread_messages(&self, caller: impl Into<Caller>, id: String) -> Result<Vec<Message>> {
        self.read_as(caller.into(), move |c, who| {
            own(c, who, &id)?;
            Ok(threads::messages(c, &id)?)
        })
        .await
    }
}
