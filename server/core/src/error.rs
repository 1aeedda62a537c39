//! Helpers around [`AppError`], the one error type.

use tessera_common::AppError;

pub type Result<T> = std::result::Result<T, AppError>;

/// Logs an unexpected failure with a short reference and returns an `Internal` error that
/// carries only that reference, so no detail reaches the client.
pub fn internal(e: impl std::fmt::Display) -> AppError {
    let reference = crate::ids::short_reference();
    tracing::error!(reference = %reference, error = %e, "internal error");
    AppError::Internal(reference)
}
