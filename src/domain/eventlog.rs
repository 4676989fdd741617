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

/// The log as a CSV document: times in ISO 8601 (UTC), people and workspaces by name beside
/// their ids, the details that matter in their own columns (the rest as JSON).
pub fn to_csv(rows: &[Event]) -> String {
    let mut out =
        String::from("id,time_utc,type,user,user_id,address,target,target_id,workspace,workspace_id,reason,details\n");
    let text = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    for e in rows {
        let mut rest = e.details.clone();
        if let Some(o) = rest.as_object_mut() {
            for k in ["target", "workspace", "reason"] {
                o.remove(k);
            }
        }
        let rest = if rest.as_object().is_some_and(|o| o.is_empty()) { String::new() } else { rest.to_string() };
        let cells = [
            csv_cell(&e.kind),
            csv_cell(e.user_name.as_deref().or(e.username.as_deref()).unwrap_or("")),
            csv_cell(e.user_id.as_deref().unwrap_or("")),
            csv_cell(&e.address),
            csv_cell(e.target_name.as_deref().unwrap_or("")),
            csv_cell(&text(&e.details, "target")),
            csv_cell(e.workspace_name.as_deref().unwrap_or("")),
            csv_cell(&text(&e.details, "workspace")),
            csv_cell(&text(&e.details, "reason")),
            csv_cell(&rest),
        ];
        out.push_str(&format!("{},{},{}\n", e.id, iso_utc(e.at), cells.join(",")));
    }
    out
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (RFC 3339, UTC).
pub fn iso_utc(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| secs.to_string())
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
