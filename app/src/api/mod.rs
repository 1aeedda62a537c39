//! The server functions: the UI's only API. All are POST (`#[server]`'s default), all
//! return `Result<_, AppError>`, and every one that touches tenant data resolves its scope
//! through `ssr::ctx()` first. The tenant slug is the route's path segment, passed on as an
//! argument and checked against the session's memberships like the path itself; no
//! argument ever names a tenant id.
//!
//! Every function here is listed in the cross-tenant harness
//! (`server/tests/http.rs`, `CROSS_TENANT`).

use leptos::prelude::*;
use tessera_common::dto::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::ctx;

/// An id from the path or a form: anything that is not one is simply not found.
#[cfg(feature = "ssr")]
pub(crate) fn parse_id<T: std::str::FromStr>(s: &str) -> Result<T, AppError> {
    s.trim().parse().map_err(|_| AppError::NotFound)
}

/// The version a form was opened at (optimistic concurrency).
#[cfg(feature = "ssr")]
pub(crate) fn parse_version(s: &str) -> Result<i64, AppError> {
    s.trim()
        .parse()
        .map_err(|_| AppError::bad_request(tessera_common::Msg::ErrVersionMissing))
}

// activities
mod activities;
mod affiliations; // affiliations
mod checks;
mod consents;
mod documents;
mod dupes;
mod fedreads; // xfer18
mod fedstats; // dash18
mod forms;
mod groups;
mod invoices; // invoices
mod licences; // licences
mod mailings; // mailings
mod members;
mod platform;
mod privacy;
mod reconcile; // reconcile
mod renewal; // renewal
mod retention;
mod rights;
mod settings;
mod templates; // templates
mod transfers; // xfer18: transfers
pub use activities::*;
pub use affiliations::*; // affiliations
pub use checks::*;
pub use consents::*;
pub use documents::*;
pub use dupes::*;
pub use fedreads::*; // xfer18
pub use fedstats::*; // dash18
pub use forms::*;
pub use groups::*;
pub use invoices::*; // invoices
pub use licences::*; // licences
pub use mailings::*; // mailings
pub use members::*;
pub use platform::*;
pub use privacy::*;
pub use reconcile::*; // reconcile
pub use renewal::*; // renewal
pub use retention::*;
pub use rights::*;
pub use settings::*;
pub use templates::*; // templates
pub use transfers::*; // xfer18: transfers

/// The landing page: the viewer's clubs, and the public club directory.
#[server(prefix = "/api", endpoint = "landing")]
pub async fn get_landing() -> Result<Landing, AppError> {
    let c = ctx().await?;
    let memberships = match c.actor.identity {
        Some(id) => tessera_core::identities::memberships(&c.services.db, id).await?,
        None => Vec::new(),
    };
    let directory = tessera_core::tenants::directory(&c.services.db).await?;
    Ok(Landing {
        viewer: c.viewer,
        memberships,
        directory,
    })
}

/// The signed-in person, for the page header.
#[server(prefix = "/api", endpoint = "viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    Ok(ctx().await?.viewer)
}

#[cfg(feature = "ssr")]
fn frame_of(scope: &tessera_core::scope::TenantScope) -> ClubFrame {
    let t = scope.tenant();
    ClubFrame {
        id: t.id,
        slug: t.slug.clone(),
        name: t.name.clone(),
        primary_color: t.primary_color.clone(),
        accent_color: t.accent_color.clone(),
        logo: t.logo_url(),
        admin: scope.is_admin(),
        roles: scope.role_names(),
        // A leader reaches the register of their groups: the pages show it.
        permissions: scope
            .permissions()
            .map(|p| p.id().to_string())
            .chain(scope.leader().into_iter().flat_map(|l| {
                l.view
                    .then(|| "members.view".to_string())
                    .into_iter()
                    .chain(l.edit.then(|| "members.edit".to_string()))
            }))
            .collect(),
        modules: scope
            .active_modules()
            .iter()
            .map(|m| m.id.to_string())
            .collect(),
        has_record: scope.member_id().is_some(),
        terms_pending: None,
        read_only_since: scope.read_only_since(),
        trial_ends_at: t
            .trial_ends_at
            .filter(|_| scope.read_only_since().is_none()),
        time_zone: t.time_zone.clone(),
        membership_ended: scope.membership_ended(),
        contract: match (&t.contract_end_on, &t.deletion_on) {
            (Some(ends_on), Some(deletion_on)) => Some(ContractEnd {
                ends_on: ends_on.clone(),
                deletion_on: deletion_on.clone(),
            }),
            _ => None,
        },
    }
}

/// The frame of every club page: name, colours, the viewer's role.
#[server(prefix = "/api", endpoint = "club_frame")]
pub async fn get_club_frame(club: String) -> Result<ClubFrame, AppError> {
    let c = ctx().await?;
    let scope = c.club_before_terms(&club).await?;
    let mut frame = frame_of(&scope);
    if scope.terms_accepted().is_err() {
        frame.terms_pending = tessera_core::terms::latest(&c.services.db, &scope).await?;
    }
    Ok(frame)
}

/// The club home page.
#[server(prefix = "/api", endpoint = "club_home")]
pub async fn get_club_home(club: String) -> Result<ClubHome, AppError> {
    let c = ctx().await?;
    c.once(format!("club_home:{club}"), async {
        let scope = c.club(&club).await?;
        let db = &c.services.db;
        let counts =
            tessera_core::members::counts(db, &scope, scope.today(c.services.now())).await?;
        let t = scope.tenant();
        let federation = match t.parent_id {
            Some(p) => tessera_core::tenants::find_by_id(db, p)
                .await?
                .filter(|f| f.kind == TenantKind::Federation)
                .map(|f| (f.slug, f.name)),
            None => None,
        };
        Ok(ClubHome {
            frame: frame_of(&scope),
            city: t.city.clone(),
            federation,
            members: counts.members,
            active_members: counts.active,
            minors: counts.minors,
            families: counts.families,
            stamp: t.stamp.clone(),
        })
    })
    .await
}

/// One member record. The id arrives as text from the path; anything that is not an id
/// is simply not found.
#[server(prefix = "/api", endpoint = "member_detail")]
pub async fn get_member(club: String, id: String) -> Result<MemberDetail, AppError> {
    let c = ctx().await?;
    c.once(format!("member_detail:{club}:{id}"), async {
        let scope = c.club(&club).await?;
        let id: tessera_common::MemberId = parse_id(&id)?;
        tessera_core::members::get(&c.services.db, &scope, id).await
    })
    .await
}

/// The federation home page with its affiliated clubs and their counts.
#[server(prefix = "/api", endpoint = "federation_home")]
pub async fn get_federation_home(federation: String) -> Result<FederationHome, AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    let clubs = tessera_core::tenants::federation_clubs(&c.services.db, &scope).await?;
    let t = scope.tenant();
    Ok(FederationHome {
        slug: t.slug.clone(),
        name: t.name.clone(),
        admin: scope.is_admin(),
        roles: scope.role_names(),
        clubs,
        stamp: t.stamp.clone(),
    })
}

/// The operator's overview of every tenant with its usage counts.
#[server(prefix = "/api", endpoint = "admin_overview")]
pub async fn get_admin_overview() -> Result<AdminOverview, AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    tessera_core::tenants::overview(&c.services.db, &scope).await
}

/// Starts (or restarts) setting up the authenticator app: a new key, not active until
/// confirmed with a code. Only for the signed-in person themself, or a staff member whose
/// enrolment is pending.
#[server(prefix = "/api", endpoint = "totp_setup")]
pub async fn get_totp_setup() -> Result<TotpSetup, AppError> {
    use tessera_core::accounts::{self, Pending};
    let c = ctx().await?;
    let id = c.actor.identity.ok_or(AppError::Unauthenticated)?;
    match c.actor.pending {
        None | Some(Pending::Enrol) => {}
        Some(Pending::Verify) => return Err(AppError::Unauthenticated),
    }
    let state = accounts::factor_state(&c.services.db, id).await?;
    if state.totp_enabled {
        return Err(AppError::Conflict(
            tessera_common::Msg::ErrTotpAlreadySet.into(),
        ));
    }
    let (key, account) = accounts::begin_totp(&c.services.db, id).await?;
    let url = tessera_core::totp::otpauth_url(&key, &account)?;
    let qr_svg = tessera_core::totp::qr_svg(&url)?;
    Ok(TotpSetup {
        pending_key: key,
        qr_svg,
        account,
        required: state.is_staff,
    })
}

/// The address typed in a sign-in that failed a moment ago, once (see
/// `ssr::SESSION_LOGIN_EMAIL`): the sign-in form shows it again. Only this session's own
/// typing comes back.
#[server(prefix = "/api", endpoint = "login_draft")]
pub async fn take_login_draft() -> Result<Option<String>, AppError> {
    let c = ctx().await?;
    Ok(crate::ssr::take_draft(&c.session, crate::ssr::SESSION_LOGIN_EMAIL).await)
}

/// The recovery codes made a moment ago, once: they are removed from the session as they
/// are read.
#[server(prefix = "/api", endpoint = "take_recovery_codes")]
pub async fn take_recovery_codes() -> Result<Vec<String>, AppError> {
    let c = ctx().await?;
    c.me()?;
    let codes: Option<Vec<String>> = c
        .session
        .remove(crate::ssr::SESSION_SHOW_CODES)
        .await
        .map_err(tessera_core::error::internal)?;
    Ok(codes.unwrap_or_default())
}

/// The account page: second factor, sessions, security events.
#[server(prefix = "/api", endpoint = "account")]
pub async fn get_account() -> Result<AccountOverview, AppError> {
    use tessera_core::accounts;
    let c = ctx().await?;
    let id = c.me()?;
    let db = &c.services.db;
    let state = accounts::factor_state(db, id).await?;
    let current = c.session.id().map(|s| s.to_string());
    let sessions = accounts::sessions_of(db, id)
        .await?
        .into_iter()
        .map(|s| SessionInfo {
            handle: accounts::session_handle(&s.session_id),
            current: current.as_deref() == Some(s.session_id.as_str()),
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            address: s.address,
            device: s.user_agent,
        })
        .collect();
    let events = accounts::events_of(db, id, 30)
        .await?
        .into_iter()
        .map(|e| SecurityEvent {
            kind: e.kind,
            at: e.at,
            address: e.address,
        })
        .collect();
    Ok(AccountOverview {
        viewer: c.viewer.clone().ok_or(AppError::Unauthenticated)?,
        totp_enabled: state.totp_enabled,
        is_staff: state.is_staff,
        recovery_codes_left: state.recovery_codes_left,
        sessions,
        events,
    })
}

/// The club's event log: settings, modules, roles, assignments, exports and security
/// events (the audit module, `audit.view`).
#[server(prefix = "/api", endpoint = "club_events")]
pub async fn get_club_events(club: String) -> Result<Vec<ClubEventEntry>, AppError> {
    let c = ctx().await?;
    c.once(format!("club_events:{club}"), async {
        let scope = c.club(&club).await?;
        Ok(
            tessera_core::accounts::club_events(&c.services.db, &scope, 100)
                .await?
                .into_iter()
                .map(|e| ClubEventEntry {
                    kind: e.kind,
                    detail: e.detail,
                    at: e.at,
                    person: e.person,
                })
                .collect(),
        )
    })
    .await
}
