//! The edge's errors: the domain's [`Error`] mapped to HTTP statuses once (kanidm's
//! `https/errors.rs`), plus the failures only HTTP has (a body that is not JSON, too large,
//! an unknown method). Every error answers `{"error": {"code", "message"}}` (API.md); an
//! internal detail goes to the log only.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::domain::Error;

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Domain(#[from] Error),
    /// 400: a request that does not parse (bad JSON, wrong types, unknown fields, bad path).
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    /// 413: body over the route's limit.
    #[error("The request is too large. Send less data.")]
    TooLarge,
    /// 415: a body that is not JSON where JSON is expected.
    #[error("Send the body as JSON with Content-Type: application/json.")]
    UnsupportedMediaType,
    /// 405: a known path with an unknown method.
    #[error("This method is not allowed on this path.")]
    MethodNotAllowed,
}

impl ApiError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::BadRequest { code, message: message.into() }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Domain(e) => match e {
                Error::Unauthenticated { .. } => StatusCode::UNAUTHORIZED,
                Error::Forbidden { .. } => StatusCode::FORBIDDEN,
                Error::NotFound => StatusCode::NOT_FOUND,
                Error::Conflict { .. } => StatusCode::CONFLICT,
                Error::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
                Error::Throttled { .. } | Error::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
                Error::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
                Error::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
                Error::UnsupportedType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Domain(e) => e.code(),
            Self::BadRequest { code, .. } => code,
            Self::TooLarge => "body_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::MethodNotAllowed => "method_not_allowed",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let Self::Domain(Error::Internal(detail)) = &self {
            tracing::error!(detail = %detail, "internal error");
        }
        let message = match &self {
            Self::Domain(e) => e.public_message(),
            other => other.to_string(),
        };
        let body = json!({ "error": { "code": self.code(), "message": message } });
        let mut resp = (status, axum::Json(body)).into_response();
        let wait = match self {
            Self::Domain(Error::Throttled { retry_after_secs }) => Some(retry_after_secs),
            Self::Domain(Error::TooMany { retry_after_secs, .. }) => retry_after_secs,
            _ => None,
        };
        if let Some(retry_after_secs) = wait {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.max(1).to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        resp
    }
}
