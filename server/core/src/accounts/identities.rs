//! One identity per person: e-mail, name, password hash. Identities are platform records;
//! what a person may do lives in their memberships of tenants.

use crate::accounts::password::{self, Verified};
use crate::accounts::FactorState;
use crate::db::Backend;
use crate::db::Db;
use crate::error::Result;
use crate::scope::{Actor, AuthLevel, TenantScope};
use crate::{args, ids};
use tessera_common::dto::{MembershipEntry, TenantKind, Viewer};
use tessera_common::time::Timestamp;
use tessera_common::Msg;
use tessera_common::{AppError, IdentityId, MemberId, MembershipId};

/// Normalises an e-mail address for storage and lookup; `None` when it is not one.
pub fn normalize_email(email: &str) -> Option<String> {
    let e = email.trim().to_lowercase();
    // The syntax is judged by lettre (the crate that sends the mail), so an address we
    // accept is one we can send to. On top of it, our own rules: a domain with a dot (no
    // `user@localhost` or IP literals in a club register), at most 254 characters, and no
    // angle brackets or spaces (lettre's quoted local parts allow them).
    let address: lettre::Address = e.parse().ok()?;
    let domain = address.domain();
    let ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.starts_with('[')
        && e.len() <= 254
        && !e
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == '"');
    ok.then_some(e)
}

/// A display name (of a person or a tenant): trimmed, 1 to 120 characters, no control
/// characters. Returns the trimmed name, or a message for `field`.
pub fn check_name(field: &str, name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 || name.chars().any(char::is_control) {
        return Err(AppError::field(field, Msg::ErrNameLength));
    }
    Ok(name.to_string())
}

/// Whether the account has a password (it was set up, not only invited).
pub async fn has_password(db: &Db, id: IdentityId) -> Result<bool> {
    let mut tx = db.platform(false).await?;
    let row: Option<(bool,)> = tx
        .fetch_optional(
            "SELECT password_hash IS NOT NULL FROM identities WHERE id = $1",
            args![id],
        )
        .await?;
    tx.commit().await?;
    Ok(row.is_some_and(|r| r.0))
}

/// Creates an identity. With a password, the person can sign in at once.
pub async fn create(
    db: &Db,
    actor: &Actor,
    now: Timestamp,
    email: &str,
    name: &str,
    password: Option<String>,
) -> Result<IdentityId> {
    let email =
        normalize_email(email).ok_or_else(|| AppError::field("email", Msg::ErrEmailInvalid))?;
    let name = check_name("name", name)?;
    let name = name.as_str();
    let hash = match password {
        Some(p) => Some(password::hash(p).await?),
        None => None,
    };
    let id = ids::new_id();
    let mut tx = db.platform(true).await?;
    tx.execute(
        "INSERT INTO identities (id, email, name, password_hash, created_at, updated_at, updated_by, updated_by_name) \
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7)",
        args![id, email, name, hash, now, actor.identity, actor.stamp_name()],
    )
    .await
    .map_err(|e| match e {
        AppError::Conflict(_) => AppError::field("email", Msg::ErrAccountExists),
        other => other,
    })?;
    tx.commit().await?;
    Ok(IdentityId(id))
}

/// remembers the language a person chose on their account; mail sent to
/// them (mailings) is written in it.
pub async fn set_lang(db: &Db, id: IdentityId, lang: tessera_common::Lang) -> Result<()> {
    let mut tx = db.platform(true).await?;
    tx.execute(
        "UPDATE identities SET lang = $2 WHERE id = $1 AND (lang IS NULL OR lang <> $2)",
        args![id, lang.code()],
    )
    .await?;
    tx.commit().await
}

pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<IdentityId>> {
    let Some(email) = normalize_email(email) else {
        return Ok(None);
    };
    let mut tx = db.platform(false).await?;
    let row: Option<(i64,)> = tx
        .fetch_optional("SELECT id FROM identities WHERE email = $1", args![email])
        .await?;
    tx.commit().await?;
    Ok(row.map(|r| IdentityId(r.0)))
}

/// Checks an e-mail address and password. Unknown addresses cost the same time and give
/// the same answer (`None`) as a wrong password. A correct password stored with weaker
/// parameters is re-hashed.
pub async fn authenticate(db: &Db, email: &str, password: String) -> Result<Option<IdentityId>> {
    let found: Option<(i64, Option<String>)> = match normalize_email(email) {
        Some(email) => {
            let mut tx = db.platform(false).await?;
            let row = tx
                .fetch_optional(
                    "SELECT id, password_hash FROM identities WHERE email = $1",
                    args![email],
                )
                .await?;
            tx.commit().await?;
            row
        }
        None => None,
    };
    let (id, stored) = match found {
        Some((id, hash)) => (Some(id), hash),
        None => (None, None),
    };
    match password::verify(password, stored).await? {
        Verified::No => Ok(None),
        Verified::Yes => Ok(id.map(IdentityId)),
        Verified::YesRehash(new_hash) => {
            if let Some(id) = id {
                let mut tx = db.platform(true).await?;
                tx.execute(
                    "UPDATE identities SET password_hash = $2 WHERE id = $1",
                    args![id, new_hash],
                )
                .await?;
                tx.commit().await?;
            }
            Ok(id.map(IdentityId))
        }
    }
}

/// A signed-in session's person: the actor, what the page frame shows of them, their
/// rights counter (it moves whenever their roles change) and their second-factor state.
pub struct SessionPerson {
    pub actor: Actor,
    pub viewer: Viewer,
    pub rights: i64,
    pub factors: FactorState,
}

/// The person of a signed-in session, read in one statement (every signed-in request asks;
/// on PostgreSQL kept between requests while nothing it comes from changes, see
/// `access_cache`), or `None` when the identity no longer exists.
pub async fn actor(db: &Db, id: IdentityId, level: AuthLevel) -> Result<Option<SessionPerson>> {
    let row = db
        .access
        .person(
            id.0,
            // Boxed: every page's future holds this one while it waits.
            Box::pin(async {
                let mut tx = db.platform(false).await?;
                let row = crate::tenancy::state_row(&mut tx, id).await?;
                tx.commit().await?;
                Ok(row)
            }),
        )
        .await?;
    Ok(row.map(|r| SessionPerson {
        factors: r.factors(),
        actor: Actor {
            identity: Some(id),
            name: r.name.clone(),
            level,
            pending: None,
            stamp_label: None,
        },
        viewer: Viewer {
            name: r.name,
            email: r.email,
        },
        rights: r.rights_serial,
    }))
}

/// One role a person holds somewhere, read across their tenants.
#[derive(sqlx::FromRow)]
pub(crate) struct MyRole {
    pub tenant_id: i64,
    pub name: String,
    pub builtin: Option<String>,
}

/// The roles of `id` in every tenant. On PostgreSQL through `my_roles()`, which returns the
/// roles of the identity set for the transaction only.
pub(crate) async fn roles_everywhere(
    tx: &mut crate::db::Tx,
    id: IdentityId,
) -> Result<Vec<MyRole>> {
    tx.as_identity(id.0).await?;
    match tx.backend() {
        Backend::Postgres => {
            tx.fetch_all(
                "SELECT tenant_id, name, builtin FROM my_roles() WHERE $1::bigint IS NOT NULL",
                args![id],
            )
            .await
        }
        Backend::Sqlite => {
            tx.fetch_all(
                "SELECT mr.tenant_id, r.name, r.builtin FROM memberships m \
                 JOIN membership_roles mr ON mr.tenant_id = m.tenant_id AND mr.membership_id = m.id \
                 JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id \
                 WHERE m.identity_id = $1",
                args![id],
            )
            .await
        }
    }
}

#[derive(sqlx::FromRow)]
struct MembershipRow {
    tenant_id: i64,
    slug: String,
    name: String,
    kind: String,
}

/// The tenants this person belongs to, for the landing page. Row-level security on
/// PostgreSQL lets a person read their own memberships and no one else's.
pub async fn memberships(db: &Db, id: IdentityId) -> Result<Vec<MembershipEntry>> {
    let mut tx = db.platform(false).await?;
    tx.as_identity(id.0).await?;
    let rows: Vec<MembershipRow> = tx
        .fetch_all(
            "SELECT t.id AS tenant_id, t.slug, t.name, t.kind FROM memberships m \
             JOIN tenants t ON t.id = m.tenant_id \
             WHERE m.identity_id = $1 AND t.status = 'active' ORDER BY t.kind DESC, t.name",
            args![id],
        )
        .await?;
    let roles = roles_everywhere(&mut tx, id).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(MembershipEntry {
                admin: roles
                    .iter()
                    .any(|x| x.tenant_id == r.tenant_id && x.builtin.is_some()),
                roles: roles
                    .iter()
                    .filter(|x| x.tenant_id == r.tenant_id && x.builtin.is_none())
                    .map(|x| x.name.clone())
                    .collect(),
                slug: r.slug,
                name: r.name,
                kind: TenantKind::parse(&r.kind)?,
            })
        })
        .collect())
}

/// Adds `identity` to the tenant of `scope` (without roles: a plain member), optionally
/// linked to a member record. Roles are given through `roles::assign`.
pub async fn add_membership(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    identity: IdentityId,
    member: Option<MemberId>,
) -> Result<MembershipId> {
    let id = ids::new_id();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    tx.insert(
        "memberships",
        vec![
            ("id", id.into()),
            ("identity_id", identity.into()),
            ("member_id", member.into()),
        ],
    )
    .await
    .map_err(|e| match e {
        AppError::Conflict(_) => AppError::Conflict(Msg::ErrAlreadyInTenant.into()),
        other => other,
    })?;
    tx.commit().await?;
    Ok(MembershipId(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_or_refused() {
        assert_eq!(
            normalize_email("  Anne.Peeters@Example.BE "),
            Some("anne.peeters@example.be".into())
        );
        for bad in [
            "",
            "anne",
            "anne@",
            "@example.be",
            "anne@example",
            "an ne@example.be",
            "a@b@example.be",
            "<a>@example.be",
            "anne@.example.be",
            "anne@example.be.",
            "anne@[192.168.0.1]",
            "anne..peeters@example.be",
            ".anne@example.be",
            "anne@-example.be",
            "\"an ne\"@example.be",
            "anne\n@example.be",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad}");
        }
        let long = format!("{}@example.be", "a".repeat(250));
        assert_eq!(normalize_email(&long), None);
        for good in [
            "a.b+club@sub.example.be",
            "o'brien@example.ie",
            "x_y-z@example-club.be",
            "jean@café.be",
        ] {
            assert_eq!(normalize_email(good).as_deref(), Some(good), "{good}");
        }
    }
}
