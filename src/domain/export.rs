//! Everyone's own data out (PRODUCT A4, C1): `GET /me/backup` gives a person a zip of all
//! that is theirs — profile, memories, threads with every message, daily counts — in JSON
//! documented by the zip's README.txt and versioned by its manifest.json.

use std::io::Write;

use serde::Serialize;
use serde_json::json;

use super::error::{Error, Result};
use super::policy::Principal;
use super::profile::Me;
use crate::store::threads::{Message, Thread};
use crate::store::{memories, threads, usage, users};
use crate::Engine;

/// The format's name and version in manifest.json.
pub const FORMAT: &str = "hearth-personal-backup";
pub const VERSION: u32 = 1;

const README: &str = "\
This zip holds everything that is yours in Hearth, as JSON (UTF-8). Times are Unix times in
seconds (UTC).

manifest.json  {format: \"hearth-personal-backup\", version: 1, exportedAt, user}
profile.json   your profile: id, username, displayName, bio, role, preferences, createdAt
               (never your password or anything that would sign you in)
memories.json  your memories: [{id, content, sourceMessageId, createdAt, updatedAt}]
threads.json   your threads, each with its workspace's name and every message:
               [{id, title, workspaceId, workspace, createdAt, updatedAt,
                 messages: [{id, role, content, createdAt, status, model, finishReason,
                             error, promptTokens, completionTokens}]}]
usage.json     messages counted against your daily limit, per UTC day: [{day, messages}]
";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ThreadOut {
    #[serde(flatten)]
    thread: Thread,
    workspace: String,
    messages: Vec<Message>,
}

/// A personal backup: its file name and bytes.
pub struct PersonalBackup {
    pub file_name: String,
    pub zip: Vec<u8>,
}

/// A file name made only of safe characters.
fn safe_name(s: &str) -> String {
    let cleaned: String =
        s.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).take(40).collect();
    if cleaned.is_empty() {
        "me".into()
    } else {
        cleaned
    }
}

impl Engine {
    pub async fn personal_backup(&self, who: &Principal) -> Result<PersonalBackup> {
        let id = who.user_id.clone();
        let now = self.now();
        let (me, mems, thread_rows, message_rows, days) = self
            .db()
            .run(move |c| -> Result<_> {
                let u = users::get(c, &id)?.ok_or(Error::NotFound)?;
                let me = Me::new(u, crate::store::settings::mode(c)?);
                Ok((
                    me,
                    memories::list(c, &id)?,
                    threads::all_of_user(c, id.as_str())?,
                    threads::all_messages_of_user(c, id.as_str())?,
                    usage::daily(c, &id)?,
                ))
            })
            .await?;
        let mut by_thread: std::collections::HashMap<String, Vec<Message>> = std::collections::HashMap::new();
        for (tid, m) in message_rows {
            by_thread.entry(tid).or_default().push(m);
        }
        let threads_out: Vec<ThreadOut> = thread_rows
            .into_iter()
            .map(|(t, workspace)| ThreadOut {
                messages: by_thread.remove(&t.id).unwrap_or_default(),
                thread: t,
                workspace,
            })
            .collect();
        let (day, _) = crate::ai::chat::utc_day(now);
        let name = me.username.clone().unwrap_or_else(|| me.display_name.clone());
        let file_name = format!("hearth-backup-{}-{day}.zip", safe_name(&name));
        let profile = json!({
            "id": me.id,
            "username": me.username,
            "displayName": me.display_name,
            "bio": me.bio,
            "role": me.role,
            "preferences": me.preferences,
            "createdAt": me.created_at,
        });
        let manifest = json!({"format": FORMAT, "version": VERSION, "exportedAt": now, "user": me.id});
        let usage_out: Vec<_> = days.into_iter().map(|(day, n)| json!({"day": day, "messages": n})).collect();
        let files: Vec<(&str, Vec<u8>)> = vec![
            ("README.txt", README.as_bytes().to_vec()),
            ("manifest.json", to_json(&manifest)?),
            ("profile.json", to_json(&profile)?),
            ("memories.json", to_json(&mems)?),
            ("threads.json", to_json(&threads_out)?),
            ("usage.json", to_json(&usage_out)?),
        ];
        let zip = tokio::task::spawn_blocking(move || zip_files(&files))
            .await
            .map_err(|e| Error::internal(format!("backup task: {e}")))??;
        Ok(PersonalBackup { file_name, zip })
    }
}

fn to_json<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(v).map_err(Error::internal)
}

fn zip_files(files: &[(&str, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(*name, opts).map_err(Error::internal)?;
        w.write_all(bytes).map_err(Error::internal)?;
    }
    Ok(w.finish().map_err(Error::internal)?.into_inner())
}
