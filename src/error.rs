//! One error enum, one mapping (DESIGN.md, after kanidm): every failure has a stable
//! snake_case code for the UI to branch on and a message for people. Details that help
//! debugging go to the log only, never into a response.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: malformed input (bad JSON, wrong types, unknown fields).
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    /// 401: no session, an ended session, or a locked install.
    #[error("{message}")]
    Unauthorized { code: &'static str, message: String },
    /// 403: authenticated but not allowed, or a refused Host/Origin.
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    /// 404: not found, or not the caller's.
    #[error("not found")]
    NotFound,
    /// 409: the state does not allow it.
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// 413: body over the route's limit.
    #[error("request body too large")]
    TooLarge,
    /// 415: a body that is not JSON where JSON is expected.
    #[error("expected a JSON body")]
    UnsupportedMediaType,
    /// 422: valid JSON, invalid values.
    #[error("{message}")]
    Invalid { code: &'static str, message: String },
    /// 429: throttled; the number is the seconds to wait.
    #[error("too many attempts")]
    Throttled { retry_after_secs: u64 },
    /// 405 for a known path with an unknown method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 500: our fault. The detail is logged, never returned.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::BadRequest { code, message: message.into() }
    }
    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> Self {
        Self::Unauthorized { code, message: message.into() }
    }
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Self::Forbidden { code, message: message.into() }
    }
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict { code, message: message.into() }
    }
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid { code, message: message.into() }
    }
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::Internal(detail.to_string())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden { .. } => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::BadRequest { code, .. }
            | Self::Unauthorized { code, .. }
            | Self::Forbidden { code, .. }
            | Self::Conflict { code, .. }
            | Self::Invalid { code, .. } => code,
            Self::NotFound => "not_found",
            Self::TooLarge => "body_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::Throttled { .. } => "throttled",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Internal(_) => "internal",
        }
    }

    fn public_message(&self) -> String {
        match self {
            Self::NotFound => "Not found. Check the address, or ask for access.".into(),
            Self::TooLarge => "The request is too large. Send less data.".into(),
            Self::UnsupportedMediaType => {
                "Send the body as JSON with Content-Type: application/json.".into()
            }
            Self::Throttled { retry_after_secs } => format!(
                "Too many attempts. Wait {} and try again.",
                if *retry_after_secs <= 1 { "a second".to_string() } else { format!("{retry_after_secs} seconds") }
            ),
            Self::MethodNotAllowed => "This method is not allowed on this path.".into(),
            Self::Internal(_) => {
                "Something went wrong inside Hearth. Try again; if it persists, check the log."
                    .into()
            }
            other => other.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let Self::Internal(detail) = &self {
            tracing::error!(detail = %detail, "internal error");
        }
        let body = json!({ "error": { "code": self.code(), "message": self.public_message() } });
        let mut resp = (status, axum::Json(body)).into_response();
        if let Self::Throttled { retry_after_secs } = self {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.max(1).to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        resp
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Internal(format!("database: {e}"))
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> Self {
        Self::Internal(e.to_string())
    }
}
