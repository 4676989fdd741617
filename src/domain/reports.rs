//! What admins and managers read across users (PRODUCT W3, L1): every chat with its prompt,
//! filtered and paged or as CSV, and per-user usage over a range of UTC days.

use serde::Serialize;

use super::error::{Error, Result};
use super::eventlog::{csv_cell, MAX_ROWS};
use super::policy::{self, Principal};
use super::validate;
use super::workspaces::Page;
use crate::ai::chat::utc_day;
use crate::store::reports::{self, ChatFilter, ChatRecord, UsageRange};
use crate::Engine;

/// The longest range of days one usage report covers.
pub const MAX_USAGE_DAYS: i64 = 366;

/// The chats as a CSV document.
pub fn chats_csv(rows: &[ChatRecord]) -> String {
    let mut out = String::from(
        "id,time_utc,user_id,username,workspace,thread,prompt,response,status,model,prompt_tokens,completion_tokens\n",
    );
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    for c in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{}\n",
            csv_cell(&c.id),
            super::eventlog::iso_utc(c.created_at),
            csv_cell(&c.user_id),
            csv_cell(c.username.as_deref().unwrap_or("")),
            csv_cell(&c.workspace_slug),
            csv_cell(&c.thread_title),
            csv_cell(&c.prompt),
            csv_cell(&c.response),
            csv_cell(&c.status),
            csv_cell(c.model.as_deref().unwrap_or("")),
            num(c.prompt_tokens),
            num(c.completion_tokens),
        ));
    }
    out
}

/// One user's usage (`GET /usage`).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserUsage {
    pub user_id: String,
    pub username: Option<String>,
    pub display_name: String,
    pub role: String,
    pub daily_message_limit: Option<i64>,
    pub used_today: i64,
    pub remaining_today: Option<i64>,
    pub messages: i64,
    pub prompt_tokens: i64,
    pub completion_tokens: i64,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageReport {
    pub items: Vec<UserUsage>,
    pub next: Option<i64>,
    pub from: String,
    pub to: String,
    pub resets_at: i64,
}

impl UsageReport {
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "user_id,username,role,daily_limit,used_today,remaining_today,messages,prompt_tokens,completion_tokens,from,to\n",
        );
        let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        for u in &self.items {
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{},{},{},{}\n",
                csv_cell(&u.user_id),
                csv_cell(u.username.as_deref().unwrap_or("")),
                csv_cell(&u.role),
                num(u.daily_message_limit),
                u.used_today,
                num(u.remaining_today),
                u.messages,
                u.prompt_tokens,
                u.completion_tokens,
                self.from,
                self.to,
            ));
        }
        out
    }
}

/// Days since the epoch of a `YYYY-MM-DD` date, or a 422.
pub fn parse_day(s: &str) -> Result<i64> {
    let bad = || Error::invalid("invalid_date", format!("{s:?} is not a date like 2026-01-31."));
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return Err(bad()) };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return Err(bad());
    }
    let (y, m, d): (i32, u8, u8) =
        (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    let month = time::Month::try_from(m).map_err(|_| bad())?;
    let date = time::Date::from_calendar_date(y, month, d).map_err(|_| bad())?;
    Ok(i64::from(date.to_julian_day() - time::OffsetDateTime::UNIX_EPOCH.date().to_julian_day()))
}

impl Engine {
    /// Every chat, for admins and managers.
    pub async fn chats(
        &self,
        who: &Principal,
        filter: ChatFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Page<ChatRecord>> {
        policy::require_chat_reader(who)?;
        validate::page(limit, offset, MAX_ROWS)?;
        let rows = self.db().run(move |c| reports::chats(c, &filter, limit + 1, offset).map_err(Error::from)).await?;
        Ok(Page::of(rows, limit, offset))
    }

    /// Per-user usage over `[from, to]` (UTC days; today when absent), for admins and
    /// managers.
    pub async fn usage_report(
        &self,
        who: &Principal,
        from: Option<String>,
        to: Option<String>,
        user: Option<String>,
    ) -> Result<UsageReport> {
        policy::require_chat_reader(who)?;
        let (today, resets_at) = utc_day(self.now());
        let from = from.unwrap_or_else(|| today.clone());
        let to = to.unwrap_or_else(|| from.clone());
        let (from_day, to_day) = (parse_day(&from)?, parse_day(&to)?);
        if to_day < from_day || to_day - from_day >= MAX_USAGE_DAYS {
            return Err(Error::invalid(
                "invalid_date",
                format!("`to` is on or after `from`, and at most {MAX_USAGE_DAYS} days after it."),
            ));
        }
        // Canonical forms, so the ledger's text days compare in order.
        let (from, to) = (utc_day(from_day * 86_400).0, utc_day(to_day * 86_400).0);
        let (f, t, td) = (from.clone(), to.clone(), today.clone());
        let rows = self
            .db()
            .run(move |c| {
                let range = UsageRange {
                    today: &td,
                    from: &f,
                    to: &t,
                    from_at: from_day * 86_400,
                    to_at: (to_day + 1) * 86_400,
                    user: user.as_deref(),
                };
                reports::usage(c, &range).map_err(Error::from)
            })
            .await?;
        let items = rows
            .into_iter()
            .map(|r| UserUsage {
                remaining_today: r.daily_message_limit.map(|l| (l - r.used_today).max(0)),
                user_id: r.user_id,
                username: r.username,
                display_name: r.display_name,
                role: r.role,
                daily_message_limit: r.daily_message_limit,
                used_today: r.used_today,
                messages: r.messages,
                prompt_tokens: r.prompt_tokens,
                completion_tokens: r.completion_tokens,
            })
            .collect();
        Ok(UsageReport { items, next: None, from, to, resets_at })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn days_parse_strictly() {
        assert_eq!(parse_day("1970-01-01").unwrap(), 0);
        assert_eq!(parse_day("2026-01-01").unwrap(), 1_767_225_600 / 86_400);
        for bad in
            ["2026-02-30", "2026-1-01", "26-01-01", "2026-01-01T00", "", "2026/01/01", "+026-01-01", "2026-13-01"]
        {
            assert!(parse_day(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn chat_csv_defuses_formulas() {
        let c = ChatRecord {
            id: "m1".into(),
            thread_id: "t".into(),
            thread_title: "=cmd".into(),
            workspace_id: "w".into(),
            workspace_slug: "team".into(),
            workspace_name: "Team".into(),
            user_id: "u".into(),
            username: Some("ann".into()),
            prompt: "say \"hi\"".into(),
            response: "@SUM(A1)".into(),
            status: "done".into(),
            model: None,
            created_at: 5,
            prompt_tokens: Some(3),
            completion_tokens: None,
        };
        let csv = chats_csv(&[c]);
        let line = csv.lines().nth(1).unwrap();
        assert_eq!(line, r#""m1",1970-01-01T00:00:05Z,"u","ann","team","'=cmd","say ""hi""","'@SUM(A1)","done","",3,"#);
    }
}
