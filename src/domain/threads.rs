//! Threads (PRODUCT W3): the caller's own, in workspaces the caller can see; anyone else's
//! is a 404, for reads, renames, deletes and messages alike.

use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::policy::{self, Principal};
use super::sessions::Caller;
use super::validate;
use crate::store::threads::{self, Message, Thread};
use crate::store::workspaces;
use crate::Engine;

/// Messages per history page, by default and at most.
pub const HISTORY_PAGE: i64 = 100;
pub const HISTORY_PAGE_MAX: i64 = 500;

/// A page of history: `next` is the cursor for the older messages.
#[derive(Serialize)]
pub struct MessagePage {
    pub items: Vec<Message>,
    pub next: Option<String>,
}

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

    /// A page of one of the caller's threads: the newest `limit` messages older than
    /// `cursor` (a message of this thread), oldest first; `next` is the cursor before them.
    pub async fn thread_messages(
        &self,
        caller: impl Into<Caller>,
        id: String,
        limit: Option<i64>,
        cursor: Option<String>,
    ) -> Result<MessagePage> {
        let limit = limit.unwrap_or(HISTORY_PAGE);
        self.read_as(caller.into(), move |c, who| {
            own(c, who, &id)?;
            validate::page(limit, 0, HISTORY_PAGE_MAX)?;
            if let Some(cur) = &cursor {
                if !threads::is_message_of(c, &id, cur)? {
                    return Err(Error::invalid("invalid_cursor", "cursor is not a message of this thread."));
                }
            }
            let (items, more) = threads::messages_page(c, &id, cursor.as_deref(), limit)?;
            let next = if more { items.first().map(|m| m.id.clone()) } else { None };
            Ok(MessagePage { items, next })
        })
        .await
    }
}
