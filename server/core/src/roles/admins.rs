//! Administrators: the list, granting and removing the role (never the last one), and
//! inviting a new administrator by mail (pending, withdrawn, accepted), also for a tenant
//! the operator provisions.

use super::model::*;
use super::operations::*;
use super::storage::*;
use super::validation::*;
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::mail::Mailer;
use crate::scope::{Actor, TenantScope};
use crate::{accounts::identities, accounts::links, args, ids};
use tessera_common::dto::{AdminEntry, AdminInvitationEntry, AdminsOverview, Stamp};
use tessera_common::time::Timestamp;
use tessera_common::Msg;
use tessera_common::{AppError, IdentityId, MembershipId, RoleId};

/// The tenant's administrators and the plan's cap.
pub async fn admins(db: &Db, scope: &TenantScope) -> Result<AdminsOverview> {
    require_manage(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let admin: IdRow = tx
        .fetch_one(
            "SELECT id FROM roles WHERE tenant_id = $1 AND builtin = 'admin'",
            args![],
        )
        .await?;
    let people = holders(&mut tx, RoleId(admin.id)).await?;
    tx.commit().await?;
    Ok(AdminsOverview {
        admins: people
            .iter()
            .map(|p| AdminEntry {
                person: p.person(),
                invited: p.invited,
                stamp: Stamp {
                    at: Timestamp(p.updated_at),
                    by: p.updated_by_name.clone(),
                },
            })
            .collect(),
        max_admins: scope.tenant().plan.as_ref().and_then(|p| p.max_admins),
        pending: Vec::new(),
    })
}

/// Makes a person an administrator of the tenant, inside an open transaction: adds the
/// membership when they have none, checks the plan's cap.
pub(super) async fn make_admin(
    tx: &mut TenantTx,
    scope: &TenantScope,
    identity: IdentityId,
) -> Result<MembershipId> {
    let admin = lock_admin_role(tx).await?;
    let existing: Option<IdRow> = tx
        .fetch_optional(
            "SELECT id FROM memberships WHERE tenant_id = $1 AND identity_id = $2",
            args![identity],
        )
        .await?;
    let membership = match existing {
        Some(r) => MembershipId(r.id),
        None => {
            let id = ids::new_id();
            tx.insert(
                "memberships",
                vec![("id", id.into()), ("identity_id", identity.into())],
            )
            .await?;
            MembershipId(id)
        }
    };
    let holds: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT role_id FROM membership_roles WHERE tenant_id = $1 AND membership_id = $2 AND role_id = $3",
            args![membership, admin],
        )
        .await?;
    if holds.is_some() {
        return Err(AppError::Conflict(Msg::ErrAlreadyAdmin.into()));
    }
    if let Some(cap) = scope.tenant().plan.as_ref().and_then(|p| p.max_admins) {
        if admin_count(tx, admin).await? >= cap {
            return Err(cap_reached(cap));
        }
    }
    tx.insert(
        "membership_roles",
        vec![
            ("membership_id", membership.into()),
            ("role_id", admin.0.into()),
        ],
    )
    .await?;
    bump_member(tx, membership).await?;
    Ok(membership)
}

/// Makes an existing account an administrator without mail (seeding, the command line,
/// the operator creating a tenant for someone who already has an account).
pub async fn grant_admin(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    identity: IdentityId,
) -> Result<MembershipId> {
    require_manage(scope)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let m = make_admin(&mut tx, scope, identity).await?;
    tx.log("admin_added", None).await?;
    tx.commit().await?;
    Ok(m)
}

/// Adds an administrator by e-mail (`roles.manage`). A person who already has a membership
/// in this club gets the role at once (within the plan's cap). Anyone else, with or without
/// an account elsewhere, is sent a single-use 7-day link and becomes an administrator only
/// when they accept it themselves ([`accept_admin_invitation`]); the answer is the same
/// either way and nothing of another club's person (their name) is read or shown: the
/// invitation keeps what the inviter typed.
#[allow(clippy::too_many_arguments)]
pub async fn invite_admin(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    email: &str,
    name: &str,
) -> Result<AdminInvite> {
    require_manage(scope)?;
    scope.writable()?;
    let email = identities::normalize_email(email)
        .ok_or_else(|| AppError::field("email", Msg::ErrEmailInvalid))?;
    let name = identities::check_name("name", name)?;
    let name = name.as_str();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    // Only this club's memberships are looked at: whether the address has an account in
    // another club changes nothing below.
    let member: Option<(i64, bool)> = tx
        .fetch_optional(
            "SELECT m.identity_id, i.password_hash IS NULL FROM memberships m \
             JOIN identities i ON i.id = m.identity_id \
             WHERE m.tenant_id = $1 AND i.email = $2",
            args![email.clone()],
        )
        .await?;
    if let Some((identity, no_password)) = member {
        let identity = IdentityId(identity);
        let (already, _) = admin_state_in(&mut tx, identity).await?;
        if already {
            tx.commit().await?;
            if no_password {
                // Invited before and not activated yet: a new link replaces the old one.
                links::send_invite(db, mailer, base_url, scope, actor, identity, now).await?;
                return Ok(AdminInvite::Added);
            }
            return Err(AppError::Conflict(Msg::ErrAlreadyAdmin.into()));
        }
        make_admin(&mut tx, scope, identity).await?;
        tx.log("admin_added", Some(&email)).await?;
        tx.commit().await?;
        if no_password {
            links::send_invite(db, mailer, base_url, scope, actor, identity, now).await?;
        }
        return Ok(AdminInvite::Added);
    }
    // The cap is checked here as a courtesy and again when the invitation is accepted.
    if let Some(cap) = scope.tenant().plan.as_ref().and_then(|p| p.max_admins) {
        let admin = lock_admin_role(&mut tx).await?;
        if admin_count(&mut tx, admin).await? >= cap {
            return Err(cap_reached(cap));
        }
    }
    // A new invitation replaces the pending ones for the same address.
    tx.execute(
        "UPDATE admin_invitations SET withdrawn_at = $2 WHERE tenant_id = $1 AND email = $3 \
         AND accepted_at IS NULL AND withdrawn_at IS NULL",
        args![now, email.clone()],
    )
    .await?;
    let token = links::new_token()?;
    tx.insert(
        "admin_invitations",
        vec![
            ("id", ids::new_id().into()),
            ("email", email.clone().into()),
            ("name", name.into()),
            ("token_hash", links::hash_token(&token).into()),
            ("created_at", now.into()),
            ("expires_at", now.plus_seconds(ADMIN_INVITE_SECS).into()),
            ("invited_by", actor.identity.into()),
        ],
    )
    .await?;
    tx.log("admin_invitation_sent", Some(&email)).await?;
    tx.commit().await?;
    let lang = scope.tenant().default_lang;
    let inviter = if actor.name.is_empty() {
        scope.tenant().name.clone()
    } else {
        actor.name.clone()
    };
    let club = scope.tenant().name.clone();
    let path = format!("/c/{}/admin-invitation", scope.tenant().slug);
    mailer
        .send(crate::mail::Mail {
            to: email.clone(),
            subject: Msg::MailAdminInviteSubject.fill(lang, &[("club", &club)]),
            body: Msg::MailAdminInviteBody.fill(
                lang,
                &[
                    ("name", name),
                    ("inviter", &inviter),
                    ("club", &club),
                    ("link", &links::link(base_url, &path, &token)),
                ],
            ),
            brand: Some(crate::mail::Brand::of(scope.tenant(), base_url)),
        })
        .await?;
    // Someone without any account yet also gets the account invitation (the existing
    // flow: choose a password, then accept). Nothing of it reaches the inviter's answer.
    if identities::find_by_email(db, &email).await?.is_none() {
        let id = identities::create(db, actor, now, &email, name, None).await?;
        links::send_invite(db, mailer, base_url, scope, actor, id, now).await?;
    }
    Ok(AdminInvite::Invited)
}

/// The club's pending administrator invitations (`roles.manage`): not accepted, not
/// withdrawn, not expired.
pub async fn pending_admin_invitations(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
) -> Result<Vec<AdminInvitationEntry>> {
    require_manage(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<(i64, String, String, i64, i64)> = tx
        .fetch_all(
            "SELECT id, email, name, created_at, expires_at FROM admin_invitations \
             WHERE tenant_id = $1 AND accepted_at IS NULL AND withdrawn_at IS NULL \
             AND expires_at > $2 ORDER BY created_at, id",
            args![now],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, name, at, until)| AdminInvitationEntry {
            id,
            email,
            name,
            invited_at: Timestamp(at),
            expires_at: Timestamp(until),
        })
        .collect())
}

/// Withdraws a pending administrator invitation (`roles.manage`): its link stops working.
pub async fn withdraw_admin_invitation(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    require_manage(scope)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row: Option<(String,)> = tx
        .fetch_optional(
            "SELECT email FROM admin_invitations WHERE tenant_id = $1 AND id = $2 \
             AND accepted_at IS NULL AND withdrawn_at IS NULL",
            args![id],
        )
        .await?;
    let (email,) = row.ok_or(AppError::NotFound)?;
    tx.update(
        "admin_invitations",
        id,
        vec![("withdrawn_at", now.into())],
        None,
    )
    .await?;
    tx.log("admin_invitation_withdrawn", Some(&email)).await?;
    tx.commit().await
}

/// Accepts an administrator invitation of the club of `scope` (resolved publicly from the
/// link's club: the person is not a member yet) as the signed-in `actor`, whose address
/// must be the invited one. Adds the membership and the Administrator role, checking the
/// plan's cap again; the link is used once.
pub async fn accept_admin_invitation(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    token: &str,
) -> Result<MembershipId> {
    let identity = actor.identity.ok_or(AppError::Unauthenticated)?;
    let invalid = || AppError::bad_request(Msg::ErrAdminInviteInvalid);
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row: Option<(i64, String)> = tx
        .fetch_optional(
            "SELECT id, email FROM admin_invitations WHERE tenant_id = $1 AND token_hash = $2 \
             AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > $3",
            args![links::hash_token(token), now],
        )
        .await?;
    let (id, email) = row.ok_or_else(invalid)?;
    let mine: Option<(String,)> = tx
        .fetch_optional(
            "SELECT email FROM identities WHERE id = $2",
            args![identity],
        )
        .await?;
    if mine.map(|m| m.0) != Some(email.clone()) {
        return Err(AppError::bad_request(Msg::ErrAdminInviteOtherAccount));
    }
    // Of two simultaneous acceptances, one wins.
    let n = tx
        .execute(
            "UPDATE admin_invitations SET accepted_at = $3, accepted_by = $4, version = version + 1 \
             WHERE tenant_id = $1 AND id = $2 AND accepted_at IS NULL AND withdrawn_at IS NULL",
            args![id, now, identity],
        )
        .await?;
    if n != 1 {
        return Err(invalid());
    }
    let admin = lock_admin_role(&mut tx).await?;
    let held: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT mr.role_id FROM membership_roles mr JOIN memberships m \
             ON m.tenant_id = mr.tenant_id AND m.id = mr.membership_id \
             WHERE mr.tenant_id = $1 AND m.identity_id = $2 AND mr.role_id = $3",
            args![identity, admin],
        )
        .await?;
    if held.is_some() {
        return Err(AppError::Conflict(Msg::ErrAlreadyAdmin.into()));
    }
    let membership = make_admin(&mut tx, scope, identity).await?;
    tx.log("admin_invitation_accepted", Some(&email)).await?;
    tx.commit().await?;
    Ok(membership)
}

/// The operator provisions a tenant's administrator by e-mail (a new tenant, or one that
/// lost its administrators): the account is made when new, the role given within the
/// plan's cap, and a 7-day link mailed to set a password. Clubs themselves add
/// administrators through [`invite_admin`], which never grants a non-member anything
/// before they accept.
#[allow(clippy::too_many_arguments)]
pub async fn provision_admin(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    email: &str,
    name: &str,
) -> Result<()> {
    require_manage(scope)?;
    scope.writable()?;
    let email = identities::normalize_email(email)
        .ok_or_else(|| AppError::field("email", Msg::ErrEmailInvalid))?;
    let name = identities::check_name("name", name)?;
    let name = name.as_str();
    let known = identities::find_by_email(db, &email).await?;
    // Checked before anything is stored, so a refusal leaves no account behind (the write
    // transaction checks again).
    let (already, pending) = match known {
        Some(id) => admin_state(db, scope, id).await?,
        None => (false, true),
    };
    if already {
        if pending {
            // Invited before and not accepted yet: a new link replaces the old one.
            let id = known.ok_or(AppError::NotFound)?;
            return links::send_invite(db, mailer, base_url, scope, actor, id, now).await;
        }
        return Err(AppError::Conflict(Msg::ErrAlreadyAdmin.into()));
    }
    if let Some(cap) = scope.tenant().plan.as_ref().and_then(|p| p.max_admins) {
        if admins(db, scope).await?.admins.len() as i64 >= cap {
            return Err(cap_reached(cap));
        }
    }
    let identity = match known {
        Some(id) => id,
        None => identities::create(db, actor, now, &email, name, None).await?,
    };
    let mut tx = db.tenant_write(scope, actor, now).await?;
    make_admin(&mut tx, scope, identity).await?;
    tx.log("admin_invited", Some(&email)).await?;
    tx.commit().await?;
    links::send_invite(db, mailer, base_url, scope, actor, identity, now).await
}

/// Takes the administrator role from a person (never from the last administrator).
pub async fn remove_admin(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    membership: MembershipId,
) -> Result<()> {
    require_manage(scope)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let admin = lock_admin_role(&mut tx).await?;
    membership_exists(&mut tx, membership).await?;
    let n = tx
        .execute(
            "DELETE FROM membership_roles WHERE tenant_id = $1 AND membership_id = $2 AND role_id = $3",
            args![membership, admin],
        )
        .await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    if admin_count(&mut tx, admin).await? == 0 {
        return Err(last_admin());
    }
    tx.update("memberships", membership.0, vec![], None).await?;
    bump_member(&mut tx, membership).await?;
    let who: Option<(String,)> = tx
        .fetch_optional(
            "SELECT i.email FROM memberships m JOIN identities i ON i.id = m.identity_id \
             WHERE m.tenant_id = $1 AND m.id = $2",
            args![membership],
        )
        .await?;
    tx.log("admin_removed", who.as_ref().map(|w| w.0.as_str()))
        .await?;
    tx.commit().await
}
