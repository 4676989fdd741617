//! The event log as admins read it (PRODUCT E1): filters, pages, CSV, and clearing, which is
//! itself the first entry of the new log.

use serde_json::json;

use super::error::{Error, Result};
use super::events::EventKind;
use super::policy::{self, Principal};
use super::validate;
use super::workspaces::Page;
use crate::store::events::{self, Event, Filter};
use crate::Engine;

/// The most rows one read (or one CSV) returns.
pub const MAX_ROWS: i64 = 100_000;

/// CSV cells that a spreadsheet would run as a formula are prefixed with a quote
/// (OWASP "CSV injection").
pub(crate) fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The log as a CSV document.
pub fn to_csv(rows: &[Event]) -> String {
    let mut out = String::from("id,at,type,user_id,username,address,details\n");
    for e in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            e.id,
            e.at,
            csv_cell(&e.kind),
            csv_cell(e.user_id.as_deref().unwrap_or("")),
            csv_cell(e.username.as_deref().unwrap_or("")),
            csv_cell(&e.address),
            csv_cell(&e.details.to_string())
        ));
    }
    out
}

impl Engine {
    pub async fn events(&self, who: &Principal, filter: Filter, limit: i64, offset: i64) -> Result<Page<Event>> {
        policy::require_admin(who)?;
        validate::page(limit, offset, MAX_ROWS)?;
        let rows = self.db().run(move |c| events::list(c, &filter, limit + 1, offset).map_err(Error::from)).await?;
        Ok(Page::of(rows, limit, offset))
    }

    /// Clears the log; returns how many entries went.
    pub async fn clear_events(&self, who: &Principal) -> Result<usize> {
        policy::require_admin(who)?;
        let (uid, addr) = (who.user_id.clone(), who.address.clone());
        self.db()
            .write(move |tx| -> Result<usize> {
                let n = events::clear(tx)?;
                crate::store::events::log(tx, EventKind::EventsCleared, Some(&uid), &addr, json!({"removed": n}))?;
                Ok(n)
            })
            .await
    }
}
