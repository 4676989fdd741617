//! The signed-in user's own profile (PRODUCT U5): name, bio, preferences and avatar.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::error::{Error, Result};
use super::events::EventKind;
use super::policy::{self, Mode, Principal, Role, UserId};
use super::sessions::CallerState;
use super::validate;
use crate::store::events;
use crate::store::users::{self, ProfilePatch, User};
use crate::Engine;

/// What a user may see of their own account: never the hash.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub id: UserId,
    pub username: Option<String>,
    pub display_name: String,
    pub bio: String,
    pub role: Role,
    pub is_owner: bool,
    pub has_avatar: bool,
    pub preferences: Value,
    pub lock_enabled: bool,
    pub created_at: i64,
}

impl Me {
    pub(crate) fn new(u: User, mode: Mode) -> Me {
        Me {
            lock_enabled: u.is_owner && mode == Mode::Single && u.password_hash.is_some(),
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            bio: u.bio,
            role: u.role,
            is_owner: u.is_owner,
            has_avatar: u.has_avatar,
            preferences: u.preferences,
            created_at: u.created_at,
        }
    }
}

/// Self-service fields only: a body with `role`, `suspended` or anything else is refused.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MePatch {
    pub display_name: Option<String>,
    pub bio: Option<String>,
    pub preferences: Option<serde_json::Map<String, Value>>,
}

/// Largest avatar accepted (PRODUCT U5 "size-capped").
pub const AVATAR_MAX_BYTES: usize = 512 * 1024;
const AVATAR_MAX_SIDE: usize = 4096;

/// Accepts PNG, JPEG or WebP, decided by the bytes themselves, never by the name or the
/// declared type; the header must parse to sane dimensions.
fn sniff_image(bytes: &[u8]) -> Result<&'static str> {
    let kind = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "image/webp"
    } else {
        return Err(Error::invalid("invalid_image", "Use a PNG, JPEG or WebP image."));
    };
    match imagesize::blob_size(bytes) {
        Ok(s) if s.width > 0 && s.height > 0 && s.width <= AVATAR_MAX_SIDE && s.height <= AVATAR_MAX_SIDE => Ok(kind),
        _ => Err(Error::invalid("invalid_image", "That image could not be read, or is larger than 4096×4096 pixels.")),
    }
}

/// An avatar: the image's bytes and its type.
pub struct Avatar {
    pub data: Vec<u8>,
    pub content_type: String,
}

impl Engine {
    pub async fn me(&self, who: &Principal) -> Result<Me> {
        let id = who.user_id.clone();
        self.db()
            .run(move |c| {
                let u = users::get(c, &id)?.ok_or(Error::NotFound)?;
                Ok(Me::new(u, crate::store::settings::mode(c)?))
            })
            .await
    }

    pub async fn update_me(&self, who: &Principal, patch: MePatch) -> Result<Me> {
        let display_name = patch.display_name.as_deref().map(validate::display_name).transpose()?;
        if patch.bio.as_ref().is_some_and(|s| s.chars().count() > 2000) {
            return Err(Error::invalid("invalid_bio", "Keep the bio to 2,000 characters."));
        }
        let preferences = patch.preferences.map(Value::Object);
        if preferences.as_ref().is_some_and(|p| p.to_string().len() > 8192) {
            return Err(Error::invalid("invalid_preferences", "Preferences are limited to 8 KiB."));
        }
        let change = ProfilePatch { display_name, bio: patch.bio, preferences };
        let id = who.user_id.clone();
        self.db().write(move |tx| users::update_profile(tx, &id, &change).map_err(Error::from)).await?;
        self.me(who).await
    }

    pub async fn set_avatar(&self, who: &Principal, bytes: Vec<u8>) -> Result<()> {
        if bytes.len() > AVATAR_MAX_BYTES {
            return Err(Error::invalid("avatar_too_large", "Use an image of at most 512 KiB."));
        }
        let kind = sniff_image(&bytes)?;
        let (id, addr) = (who.user_id.clone(), who.address.clone());
        self.db()
            .write(move |tx| -> Result<()> {
                users::set_avatar(tx, &id, &bytes, kind)?;
                events::log(tx, EventKind::AvatarChanged, Some(&id), &addr, json!({"type": kind}))?;
                Ok(())
            })
            .await
    }

    pub async fn remove_avatar(&self, who: &Principal) -> Result<()> {
        let (id, addr) = (who.user_id.clone(), who.address.clone());
        self.db()
            .write(move |tx| -> Result<()> {
                if users::clear_avatar(tx, &id)? {
                    events::log(tx, EventKind::AvatarRemoved, Some(&id), &addr, json!({}))?;
                }
                Ok(())
            })
            .await
    }

    /// An avatar of a user the caller may see: any signed-in user sees colleagues' avatars;
    /// the login page sees active accounts' only when it lists users (login style `list`).
    pub async fn avatar(&self, state: CallerState, user: String) -> Result<Avatar> {
        let signed_in = state.principal.is_some();
        if !signed_in && state.locked {
            return Err(super::sessions::locked());
        }
        let style_is_list = self.settings().login_style == super::settings::LoginStyle::List;
        let found = self
            .db()
            .run(move |c| -> Result<Option<(Vec<u8>, String)>> {
                if !signed_in && !policy::login_list_visible(crate::store::settings::mode(c)?, style_is_list) {
                    return Err(Error::unauthenticated("unauthenticated", "Sign in to see this."));
                }
                Ok(users::avatar(c, &user, signed_in)?)
            })
            .await?;
        let (data, content_type) = found.ok_or(Error::NotFound)?;
        Ok(Avatar { data, content_type })
    }
}
