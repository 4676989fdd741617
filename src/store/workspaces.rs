//! Workspaces. Every read takes the principal: a workspace the caller may not see does not
//! exist for them (404), whatever the path (DESIGN.md "Scope the queries").

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::access::{Principal, WorkspaceId};
use crate::store::{new_id, now};

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    pub id: WorkspaceId,
    pub slug: String,
    pub name: String,
    pub system_prompt: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "w.id, w.slug, w.name, w.system_prompt, w.created_at, w.updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Workspace> {
    Ok(Workspace {
        id: WorkspaceId(r.get(0)?),
        slug: r.get(1)?,
        name: r.get(2)?,
        system_prompt: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

/// Visible to the caller: all for admins and managers, memberships for everyone else.
const VISIBLE: &str = "(?1 = 1 OR EXISTS (SELECT 1 FROM workspace_members m \
     WHERE m.workspace_id = w.id AND m.user_id = ?2))";

pub fn list(conn: &Connection, who: &Principal, limit: i64, offset: i64) -> rusqlite::Result<Vec<Workspace>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM workspaces w WHERE {VISIBLE} \
         ORDER BY w.created_at, w.id LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(
        params![who.manages_workspaces(), who.user_id.as_str(), limit, offset],
        from_row,
    )?;
    rows.collect()
}

pub fn get_by_slug(conn: &Connection, who: &Principal, slug: &str) -> rusqlite::Result<Option<Workspace>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM workspaces w WHERE w.slug = ?3 AND {VISIBLE}"))?
        .query_row(params![who.manages_workspaces(), who.user_id.as_str(), slug], from_row)
        .optional()
}

/// Lowercase ASCII letters and digits joined by single dashes, at most 64 characters.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 64 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "workspace".to_string() } else { out }
}

/// The slug for `name`, with `-2`, `-3`, … appended while taken by another workspace.
fn free_slug(conn: &Connection, name: &str, except: Option<&WorkspaceId>) -> rusqlite::Result<String> {
    let base = slugify(name);
    let mut stmt = conn.prepare_cached("SELECT 1 FROM workspaces WHERE slug = ?1 AND id IS NOT ?2")?;
    let mut candidate = base.clone();
    let mut n = 2;
    while stmt.exists(params![candidate, except.map(|e| e.as_str())])? {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

pub fn create(conn: &Connection, who: &Principal, name: &str, system_prompt: &str) -> rusqlite::Result<Workspace> {
    let id = new_id();
    let slug = free_slug(conn, name, None)?;
    let t = now();
    conn.execute(
        "INSERT INTO workspaces (id, slug, name, system_prompt, owner_id, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, slug, name, system_prompt, who.user_id.as_str(), t],
    )?;
    Ok(Workspace { id: WorkspaceId(id), slug, name: name.into(), system_prompt: system_prompt.into(), created_at: t, updated_at: t })
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

pub fn delete(conn: &Connection, ws: &Workspace) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM workspaces WHERE id = ?1", [ws.id.as_str()])?;
    Ok(())
}
