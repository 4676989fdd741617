//! The API's own description: `/api/openapi.json` and a browsable page at `/api/docs`.
//! Public: it describes the contract, not anyone's data.
//!
//! The page is swagger-ui (npm's swagger-ui-dist), built into `ui/dist` with the web UI
//! (`ui/scripts/api-docs.mjs`: the page at `api-docs/index.html`, its scripts and styles
//! under `assets/`) and embedded with it, so the binary alone serves it: nothing is fetched
//! from anywhere else, at build or at run time. "Try it out" runs as the caller, with their
//! session cookie; the page adds `X-Hearth-CSRF: 1` to unsafe methods.

use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// The path of the built page inside `ui/dist`.
const PAGE: &str = "/api-docs/index.html";

/// The page's Content-Security-Policy: the app's (see `headers_and_ids`) plus images from
/// `data:` and `blob:` URLs. swagger-ui.css draws its icons (arrows, locks, the model toggles)
/// as `data:` SVG images, and "Try it out" shows an image response (an avatar, the QR code)
/// from a `blob:` URL it makes of the body. Images only: scripts, styles, connections and
/// everything else stay `'self'`, and no other page gets this.
pub(super) const PAGE_CSP: &str = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], include_str!("../../openapi.json"))
        .into_response()
}

pub async fn page() -> Response {
    let mut resp = super::ui::serve(Method::GET, Uri::from_static(PAGE)).await;
    if resp.status() == StatusCode::NOT_FOUND {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"))],
            "The API page was not built into this binary. Run `npm ci && npm run build` in ui/, then build Hearth again. The description itself is at /api/openapi.json.\n",
        )
            .into_response();
    }
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    resp
}
