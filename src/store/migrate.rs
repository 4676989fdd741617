//! Numbered SQL migrations from `migrations/`, applied in one transaction at start.
//! The schema version is SQLite's `user_version`; a database with a higher version than
//! this binary knows is refused rather than guessed at.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Every migration, in order. Index + 1 is the schema version it produces.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_accounts.sql"),
    include_str!("../../migrations/0003_chat.sql"),
    include_str!("../../migrations/0004_queue.sql"),
    include_str!("../../migrations/0005_memories.sql"),
    include_str!("../../migrations/0006_documents.sql"),
    include_str!("../../migrations/0007_vectors.sql"),
    include_str!("../../migrations/0008_host_links.sql"),
];

pub const LATEST_SCHEMA: i64 = MIGRATIONS.len() as i64;

pub fn schema_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

pub(super) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = schema_version(&tx)?;
    if found > LATEST_SCHEMA {
        return Err(StoreError::TooNew { found, known: LATEST_SCHEMA });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(())
}
