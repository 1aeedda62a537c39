//! The one error type that crosses the server-function boundary.
//!
//! Domain code returns it, server functions pass it on unchanged, and [`AppError::status`]
//! is the single place that maps it to an HTTP status. Its messages are safe to show to
//! anyone: internal details stay in the server log, keyed by the reference in `Internal`.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// A problem with one input field, shown next to that field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The thing does not exist, or the caller may not know that it exists. Tenant
    /// isolation answers with this, never with `Forbidden`, so that other tenants' slugs
    /// and ids cannot be probed.
    #[error("not found")]
    NotFound,
    /// The caller must sign in first.
    #[error("sign-in required")]
    Unauthenticated,
    /// Signed in and inside the tenant, but without the right for this.
    #[error("you do not have the right to do this")]
    Forbidden,
    /// Input that cannot be accepted, with a readable reason.
    #[error("{0}")]
    BadRequest(String),
    /// Input with per-field problems.
    #[error("some fields need attention")]
    Invalid(Vec<FieldError>),
    /// The record changed since it was read, or a unique value is taken.
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts; try again after the given number of seconds.
    #[error("too many attempts, try again in {0} seconds")]
    TooManyRequests(u64),
    /// The club's terms of use must be accepted first.
    #[error("accept the club's terms of use first")]
    TermsRequired,
    /// The environment is read-only (for instance an expired trial).
    #[error("this environment is read-only")]
    ReadOnly,
    /// Something failed on our side. The string is a reference to find it in the log.
    #[error("something went wrong on our side (reference {0})")]
    Internal(String),
}

impl AppError {
    /// The HTTP status for this error: the one mapping used by pages and server functions.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::TermsRequired => 403,
            AppError::BadRequest(_) | AppError::Invalid(_) => 400,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests(_) => 429,
            AppError::ReadOnly => 423,
            AppError::Internal(_) => 500,
        }
    }

    pub fn bad_request(msg: impl Into<String>) -> Self {
        AppError::BadRequest(msg.into())
    }

    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The caller sent something we could not read: that is their input, not our fault.
            ServerFnErrorErr::Args(msg) => {
                AppError::BadRequest(format!("the request could not be read: {msg}"))
            }
            ServerFnErrorErr::MissingArg(arg) => {
                AppError::BadRequest(format!("the request is missing the field {arg}"))
            }
            ServerFnErrorErr::Request(_) => {
                AppError::Internal("the server could not be reached".into())
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_maps_to_its_status() {
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::Unauthenticated.status(), 401);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::bad_request("x").status(), 400);
        assert_eq!(AppError::field("a", "b").status(), 400);
        assert_eq!(AppError::Conflict("x".into()).status(), 409);
        assert_eq!(AppError::TooManyRequests(3).status(), 429);
        assert_eq!(AppError::ReadOnly.status(), 423);
        assert_eq!(AppError::Internal("r".into()).status(), 500);
    }

    #[test]
    fn unreadable_arguments_are_the_callers_fault() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args("bad".into()));
        assert_eq!(e.status(), 400);
        let e = AppError::from_server_fn_error(ServerFnErrorErr::MissingArg("club".into()));
        assert_eq!(e.status(), 400);
    }
}
