//! The API's own description: `/api/openapi.json` and a browsable page at `/api/docs`.
//! Public: it describes the contract, not anyone's data.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

fn file(body: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static(kind))], body).into_response()
}

pub async fn openapi() -> Response {
    file(include_str!("../../openapi.json"), "application/json")
}

pub async fn page() -> Response {
    file(include_str!("docs/index.html"), "text/html; charset=utf-8")
}

pub async fn script() -> Response {
    file(include_str!("docs/docs.js"), "text/javascript; charset=utf-8")
}

pub async fn style() -> Response {
    file(include_str!("docs/docs.css"), "text/css; charset=utf-8")
}
