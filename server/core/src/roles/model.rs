//! Roles: their types and limits.

use crate::accounts::links;
use tessera_common::RoleId;

pub const MAX_NAME: usize = 60;

/// Roles a tenant may define besides the administrator role.
pub const MAX_ROLES: i64 = 100;

/// A role as an administrator submits it.
#[derive(Clone, Debug, Default)]
pub struct RoleInput {
    pub name: String,
    pub staff: bool,
    pub permissions: Vec<String>,
}

/// A change to the roles one person holds.
#[derive(Clone, Copy, Debug)]
pub enum RoleChange<'a> {
    /// The whole new set.
    Set(&'a [RoleId]),
    Add(RoleId),
    Remove(RoleId),
}

/// How long an administrator invitation's link lasts.
pub const ADMIN_INVITE_SECS: i64 = links::INVITE_SECS;

/// What [`invite_admin`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdminInvite {
    /// The person is a member of the club and now an administrator.
    Added,
    /// An invitation was stored and mailed (whether or not an account exists).
    Invited,
}
