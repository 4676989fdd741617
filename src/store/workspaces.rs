//! The `workspaces` and `workspace_members` tables. Every read takes the caller's scope, which
//! the policy chose: a workspace the caller may not see does not exist for them (404),
//! whatever the path (DESIGN.md "Scope the queries").

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::ai::settings::ModelSettings;
use crate::domain::policy::{Role, UserId, WorkspaceId, WorkspaceScope};
use crate::store::{new_id, now};

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    pub id: WorkspaceId,
    pub slug: String,
    pub name: String,
    pub system_prompt: String,
    /// The model settings (stored in the `settings` column).
    #[serde(flatten)]
    pub model: ModelSettings,
    /// The embedder its passages' vectors are made with (search by meaning); none: keywords
    /// only.
    pub embedder: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "w.id, w.slug, w.name, w.system_prompt, w.created_at, w.updated_at, w.settings, w.embedder";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Workspace> {
    let settings: String = r.get(6)?;
    Ok(Workspace {
        id: WorkspaceId(r.get(0)?),
        slug: r.get(1)?,
        name: r.get(2)?,
        system_prompt: r.get(3)?,
        model: serde_json::from_str(&settings).unwrap_or_default(),
        embedder: r.get(7)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

/// The SQL form of a [`WorkspaceScope`]: `?1` is "sees all", `?2` the member.
const VISIBLE: &str = "(?1 = 1 OR EXISTS (SELECT 1 FROM workspace_members m \
     WHERE m.workspace_id = w.id AND m.user_id = ?2))";

/// The parameters `?1` and `?2` of [`VISIBLE`] (and of the threads' predicate).
pub(crate) fn scope_params(scope: &WorkspaceScope) -> (bool, &str) {
    match scope {
        WorkspaceScope::All => (true, ""),
        WorkspaceScope::MemberOf(u) => (false, u.as_str()),
    }
}

pub fn list(conn: &Connection, scope: &WorkspaceScope, limit: i64, offset: i64) -> rusqlite::Result<Vec<Workspace>> {
    let (all, member) = scope_params(scope);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM workspaces w WHERE {VISIBLE} \
         ORDER BY w.created_at, w.id LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(params![all, member, limit, offset], from_row)?;
    rows.collect()
}

pub fn get_by_slug(conn: &Connection, scope: &WorkspaceScope, slug: &str) -> rusqlite::Result<Option<Workspace>> {
    let (all, member) = scope_params(scope);
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM workspaces w WHERE w.slug = ?3 AND {VISIBLE}"))?
        .query_row(params![all, member, slug], from_row)
        .optional()
}

/// The longest slug (openapi.json `Workspace.slug`), dedupe suffix included.
pub const SLUG_MAX: usize = 64;

/// Lowercase ASCII letters and digits joined by single dashes, at most [`SLUG_MAX`] characters.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= SLUG_MAX {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "workspace".to_string()
    } else {
        out
    }
}

/// The slug for `name`, with `-2`, `-3`, … appended while taken by another workspace; the
/// base is shortened so that slug and suffix stay within [`SLUG_MAX`].
fn free_slug(conn: &Connection, name: &str, except: Option<&WorkspaceId>) -> rusqlite::Result<String> {
    let base = slugify(name);
    let mut stmt = conn.prepare_cached("SELECT 1 FROM workspaces WHERE slug = ?1 AND id IS NOT ?2")?;
    let mut candidate = base.clone();
    let mut n = 2u64;
    while stmt.exists(params![candidate, except.map(|e| e.as_str())])? {
        let suffix = format!("-{n}");
        let keep = base[..base.len().min(SLUG_MAX - suffix.len())].trim_end_matches('-');
        candidate = format!("{keep}{suffix}");
        n += 1;
    }
    Ok(candidate)
}

pub fn create(conn: &Connection, owner: &UserId, name: &str, system_prompt: &str) -> rusqlite::Result<Workspace> {
    let id = new_id();
    let slug = free_slug(conn, name, None)?;
    let t = now();
    conn.execute(
        "INSERT INTO workspaces (id, slug, name, system_prompt, owner_id, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, slug, name, system_prompt, owner.as_str(), t],
    )?;
    Ok(Workspace {
        id: WorkspaceId(id),
        slug,
        name: name.into(),
        system_prompt: system_prompt.into(),
        model: ModelSettings::default(),
        embedder: None,
        created_at: t,
        updated_at: t,
    })
}

pub fn update(
    conn: &Connection,
    ws: &Workspace,
    name: Option<&str>,
    system_prompt: Option<&str>,
) -> rusqlite::Result<Workspace> {
    let mut out = ws.clone();
    if let Some(n) = name {
        if n != ws.name {
            out.slug = free_slug(conn, n, Some(&ws.id))?;
            out.name = n.to_string();
        }
    }
    if let Some(p) = system_prompt {
        out.system_prompt = p.to_string();
    }
    out.updated_at = now();
    conn.execute(
        "UPDATE workspaces SET slug = ?2, name = ?3, system_prompt = ?4, updated_at = ?5 WHERE id = ?1",
        params![out.id.as_str(), out.slug, out.name, out.system_prompt, out.updated_at],
    )?;
    Ok(out)
}

pub fn set_model_settings(conn: &Connection, id: &WorkspaceId, s: &ModelSettings) -> rusqlite::Result<()> {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "{}".into());
    conn.execute(
        "UPDATE workspaces SET settings = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.as_str(), json, now()],
    )?;
    Ok(())
}

/// Chooses the workspace's embedder (`id` and its dimension), or none.
pub fn set_embedder(conn: &Connection, id: &WorkspaceId, embedder: Option<(&str, usize)>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE workspaces SET embedder = ?2, embedder_dim = ?3, updated_at = ?4 WHERE id = ?1",
        params![id.as_str(), embedder.map(|e| e.0), embedder.map(|e| e.1 as i64), now()],
    )?;
    Ok(())
}

/// A workspace by id, whoever asks (for work already admitted, such as a queued reply).
pub fn by_id(conn: &Connection, id: &str) -> rusqlite::Result<Option<Workspace>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM workspaces w WHERE w.id = ?1"))?
        .query_row([id], from_row)
        .optional()
}

pub fn delete(conn: &Connection, ws: &Workspace) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM workspaces WHERE id = ?1", [ws.id.as_str()])?;
    Ok(())
}

pub fn exists(conn: &Connection, id: &WorkspaceId) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = ?1)")?
        .query_row([id.as_str()], |r| r.get(0))
}

/// A member of a workspace, as its member list shows it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub id: UserId,
    pub username: Option<String>,
    pub display_name: String,
    pub role: Role,
}

pub fn members(conn: &Connection, ws: &WorkspaceId) -> rusqlite::Result<Vec<Member>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.username, u.display_name, u.role FROM workspace_members m JOIN users u ON u.id = m.user_id \
         WHERE m.workspace_id = ?1 ORDER BY u.username",
    )?;
    let rows = stmt.query_map([ws.as_str()], |r| {
        let role: String = r.get(3)?;
        Ok(Member {
            id: UserId(r.get(0)?),
            username: r.get(1)?,
            display_name: r.get(2)?,
            role: Role::parse(&role).unwrap_or(Role::Default),
        })
    })?;
    rows.collect()
}

pub fn member_ids(conn: &Connection, ws: &WorkspaceId) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT user_id FROM workspace_members WHERE workspace_id = ?1")?;
    let rows = stmt.query_map([ws.as_str()], |r| r.get(0))?;
    rows.collect()
}

/// Makes `users` the workspace's members, exactly.
pub fn replace_members(conn: &Connection, ws: &WorkspaceId, users: &[String]) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM workspace_members WHERE workspace_id = ?1", [ws.as_str()])?;
    let mut add = conn.prepare_cached(
        "INSERT OR IGNORE INTO workspace_members (workspace_id, user_id, added_at) VALUES (?1, ?2, ?3)",
    )?;
    let t = now();
    for u in users {
        add.execute(params![ws.as_str(), u, t])?;
    }
    Ok(())
}

/// Makes `workspaces` the user's memberships, exactly.
pub fn replace_memberships(conn: &Connection, user: &UserId, workspaces: &[WorkspaceId]) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM workspace_members WHERE user_id = ?1", [user.as_str()])?;
    let mut add = conn.prepare_cached(
        "INSERT OR IGNORE INTO workspace_members (workspace_id, user_id, added_at) VALUES (?1, ?2, ?3)",
    )?;
    let t = now();
    for w in workspaces {
        add.execute(params![w.as_str(), user.as_str(), t])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_stay_within_the_limit_with_their_suffix() {
        let conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch("CREATE TABLE workspaces (id TEXT PRIMARY KEY, slug TEXT UNIQUE, name TEXT, system_prompt TEXT, owner_id TEXT, created_at INTEGER, updated_at INTEGER, settings TEXT DEFAULT '{}', embedder TEXT, embedder_dim INTEGER);")
            .unwrap_or_else(|e| panic!("{e}"));
        let name = "a".repeat(100);
        let owner = UserId("o".into());
        let mut slugs = Vec::new();
        for _ in 0..12 {
            slugs.push(create(&conn, &owner, &name, "").unwrap_or_else(|e| panic!("{e}")).slug);
        }
        assert_eq!(slugs[0], "a".repeat(64));
        assert_eq!(slugs[1], format!("{}-2", "a".repeat(62)));
        assert_eq!(slugs[11], format!("{}-12", "a".repeat(61)));
        assert!(slugs.iter().all(|s| s.len() <= SLUG_MAX));
        let dashed = slugify(&format!("{}-b", "x".repeat(61)));
        assert_eq!(dashed.len(), 63);
    }
}
