//! Credentials: password hashing and policy, login throttling.

pub mod password;
pub mod throttle;
pub mod username;
