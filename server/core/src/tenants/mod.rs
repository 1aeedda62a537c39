//! Tenants: the tree of operator, federations and clubs, their plans, look (colours,
//! logo, language), switchable modules and terms of membership, and the platform views
//! over them. The records the tenancy resolver reads live in [`crate::tenancy`] and are
//! re-exported here. Types (`model`), rules (`validation`), SQL (`storage`), and what a
//! request does (`operations`, `look`).
//!
//! Layer: above accounts and roles (a new club is provisioned with its first
//! administrator).

pub mod logo;
mod look;
mod model;
pub mod module_settings;
mod operations;
mod storage;
pub mod terms;
mod validation;

pub use crate::tenancy::{
    active_clubs, default_lang, find_by_id, find_by_slug, is_valid_slug, operator_slug, plans,
    Plan, TenantRecord,
};
pub use look::*;
pub use model::*;
pub use operations::*;
pub use validation::*;
