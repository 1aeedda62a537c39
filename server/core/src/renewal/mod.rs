//! Season renewal and health-insurer certificates (issue 20, items 6 and 7).
//!
//! - [`operations`]: renewal into a new season (open for a selection, the mailed links,
//!   confirm or leave, the end of those who did not renew on the club's day).
//! - [`certificates`]: the certificate a member (or guardian) downloads for a paid season,
//!   the club's officer and signature image ([`signature`]).
//!
//! Works on the tables of migration 0036 (seasons, invoices, invoice lines, payments) and
//! its own (0040: `certificate_settings`, `renewals`, `renewal_members`); it calls no
//! function of the invoices or reconciliation features (they are built in parallel).
//!
//! Layer: above accounts, members and consents.

pub mod certificates;
pub mod operations;
pub mod signature;
pub mod stand_in;

pub use certificates::{
    certificate_pdf, paid_seasons, pdf_text, save_officer, set_signature, settings,
};
pub use operations::{
    answer, end_due, invitation, open, overview, renewal_invoice_hook, OpenRenewal, LINK_DAYS,
};
