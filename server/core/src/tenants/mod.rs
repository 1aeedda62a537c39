//! Tenants: the tree of operator, federations and clubs, their plans, look (colours,
//! logo, language), switchable modules and terms of membership, and the platform views
//! over them. The records the tenancy resolver reads live in [`crate::tenancy`] and are
//! re-exported here.
//!
//! Layer: above accounts and roles (a new club is provisioned with its first
//! administrator).

pub mod logo;
pub mod module_settings;
mod operations;
pub mod terms;

pub use crate::tenancy::{
    active_clubs, default_lang, find_by_id, find_by_slug, is_valid_slug, operator_slug, plans,
    Plan, TenantRecord,
};
pub use operations::*;
