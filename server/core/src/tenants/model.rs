//! Tenants: the types of a new tenant, of the look and of a stored logo.

use tessera_common::dto::TenantKind;
use tessera_common::{Lang, TenantId};

/// What a new tenant needs.
#[derive(Clone, Debug)]
pub struct NewTenant {
    pub parent: Option<TenantId>,
    pub kind: TenantKind,
    pub slug: String,
    pub name: String,
    pub city: Option<String>,
    pub primary_color: String,
    pub accent_color: String,
    pub default_lang: Lang,
    /// The plan of a club (`None` for federations and the operator, whose modules are
    /// always on).
    pub plan: Option<String>,
}

/// What an administrator may change of the club's look.
#[derive(Clone, Debug)]
pub struct LookInput {
    pub name: String,
    pub primary_color: String,
    pub accent_color: String,
    pub default_lang: String,
}

/// The logo of a club or federation: content type, bytes and content hash.
#[derive(sqlx::FromRow)]
pub struct Logo {
    pub content_type: String,
    pub data: Vec<u8>,
    pub hash: String,
}
