//! A workspace's documents over HTTP (PRODUCT A3; API.md documents and search). Uploads are
//! multipart, checked for the caller's rights before a byte is read, and streamed to disk
//! under a random name, hashed and counted against the size cap as they come (never whole in
//! memory); the engine then judges each file by its content.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::error::{ApiError, ApiResult};
use super::extract::{ApiPath, ApiQuery, Authed, Creds};
use crate::ai::documents::{display_name, temp_upload_path, SearchHit, UploadedFile, FILES_MAX};
use crate::domain::workspaces::Page;
use crate::domain::Error;
use crate::store::documents::Document;
use crate::Engine;

pub async fn list(
    State(engine): State<Engine>,
    Creds(c): Creds,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<Page<Document>>> {
    Ok(Json(Page::all(engine.documents(c, slug).await?)))
}

fn bad_upload(detail: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request(
        "invalid_upload",
        format!("Send the documents as multipart/form-data with one or more `file` parts ({detail})."),
    )
}

pub async fn upload(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(slug): ApiPath<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<(StatusCode, Json<Page<Document>>)> {
    // Rights and the workspace first: nobody else makes this server write anything.
    engine.may_upload(&p, slug.clone()).await?;
    let mut multipart = multipart.map_err(bad_upload)?;
    let cap = engine.upload_max_bytes();
    let dir = engine.upload_dir();
    tokio::fs::create_dir_all(&dir).await.map_err(Error::internal)?;
    let mut files: Vec<UploadedFile> = Vec::new();
    while let Some(mut field) = multipart.next_field().await.map_err(bad_upload)? {
        if field.name() != Some("file") {
            return Err(bad_upload(format!("unexpected part {:?}", field.name().unwrap_or(""))));
        }
        if files.len() >= FILES_MAX {
            return Err(Error::TooLarge {
                code: "too_many_files",
                message: format!("Upload at most {FILES_MAX} files at once."),
            }
            .into());
        }
        let name = display_name(field.file_name().unwrap_or(""));
        let temp = temp_upload_path(&dir);
        // From here on the guard removes the file, whatever happens.
        let mut up = UploadedFile { temp: temp.clone(), file_name: name, size: 0, sha256: String::new() };
        let mut out = tokio::fs::File::create(&temp).await.map_err(Error::internal)?;
        let mut hash = Sha256::new();
        while let Some(chunk) = field.chunk().await.map_err(bad_upload)? {
            up.size += chunk.len() as u64;
            if up.size > cap {
                return Err(Error::TooLarge {
                    code: "file_too_large",
                    message: format!(
                        "{:?} is larger than {} MB, the most one may upload here. Nothing was uploaded.",
                        up.file_name,
                        cap >> 20
                    ),
                }
                .into());
            }
            hash.update(&chunk);
            out.write_all(&chunk).await.map_err(Error::internal)?;
        }
        out.flush().await.map_err(Error::internal)?;
        up.sha256 = hex::encode(hash.finalize());
        files.push(up);
    }
    if files.is_empty() {
        return Err(bad_upload("no file was sent"));
    }
    let docs = engine.add_documents(&p, slug, files).await?;
    Ok((StatusCode::CREATED, Json(Page::all(docs))))
}

pub async fn remove(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath((slug, id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    engine.remove_document(&p, slug, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn retry(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath((slug, id)): ApiPath<(String, String)>,
) -> ApiResult<Json<Document>> {
    Ok(Json(engine.retry_document(&p, slug, id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    q: String,
    limit: Option<i64>,
}

pub async fn search(
    State(engine): State<Engine>,
    Creds(c): Creds,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> ApiResult<Json<Page<SearchHit>>> {
    Ok(Json(Page::all(engine.search_documents(c, slug, q.q, q.limit.unwrap_or(10)).await?)))
}
