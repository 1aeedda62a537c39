//! Server functions of groups (issue 19): the groups page and a group's page, kinds,
//! groups, age categories, memberships over time with leaders, the register's bulk action,
//! and the leader scope of roles. Every change is a POST answered by a redirect.

use leptos::prelude::*;
use tessera_common::groups::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::{parse_id, parse_version};
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

#[cfg(feature = "ssr")]
fn on(v: &str) -> bool {
    matches!(v.trim(), "on" | "true" | "1")
}

/// The groups page: kinds and groups (a leader: the groups they lead).
#[server(prefix = "/api", endpoint = "groups")]
pub async fn get_groups(club: String) -> Result<GroupsOverview, AppError> {
    let c = ctx().await?;
    c.once(format!("groups:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::groups::overview(&c.services.db, &scope, c.now()).await
    })
    .await
}

/// One group's page.
#[server(prefix = "/api", endpoint = "group")]
pub async fn get_group(club: String, id: String) -> Result<GroupDetail, AppError> {
    let c = ctx().await?;
    c.once(format!("group:{club}:{id}"), async {
        let scope = c.club(&club).await?;
        let id: i64 = parse_id(&id)?;
        tessera_core::groups::detail(&c.services.db, &scope, id, c.now()).await
    })
    .await
}

/// The club's roles with their leader scope (`roles.manage`).
#[server(prefix = "/api", endpoint = "group_role_scopes")]
pub async fn get_role_scopes(club: String) -> Result<Vec<RoleScopeInfo>, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    Ok(tessera_core::groups::role_scopes(&c.services.db, &scope)
        .await?
        .into_iter()
        .map(|r| RoleScopeInfo {
            id: r.id.0,
            name: r.name,
            permissions: r.permissions,
            group_scoped: r.group_scoped,
            member_fields: r.member_fields,
            version: r.version,
        })
        .collect())
}

/// The age categories suggested for members of an age kind who are in none yet.
#[server(prefix = "/api", endpoint = "group_band_suggestions")]
pub async fn get_band_suggestions(
    club: String,
    kind: String,
) -> Result<Vec<BandSuggestion>, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let kind: i64 = parse_id(&kind)?;
    tessera_core::groups::suggest_bands(&c.services.db, &scope, kind, c.now()).await
}

/// Creates a kind of group (`id` empty) or renames / archives one (`groups.manage`).
#[server(prefix = "/api", endpoint = "save_group_kind")]
pub async fn save_group_kind(#[server(flatten)] input: KindForm) -> Result<(), AppError> {
    use tessera_core::groups;
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let db = &c.services.db;
    if input.id.trim().is_empty() {
        groups::create_kind(
            db,
            &scope,
            &c.actor,
            c.now(),
            &input.name,
            on(&input.age_bands),
            &input.reference_date,
        )
        .await?;
    } else {
        groups::update_kind(
            db,
            &scope,
            &c.actor,
            c.now(),
            parse_id(&input.id)?,
            &input.name,
            &input.reference_date,
            on(&input.archived),
            parse_version(&input.version)?,
        )
        .await?;
    }
    done(&format!("/c/{}/groups?done=saved", scope.tenant().slug));
    Ok(())
}

/// Creates a group (`id` empty) or changes / archives one (`groups.manage`).
#[server(prefix = "/api", endpoint = "save_group")]
pub async fn save_group(#[server(flatten)] input: GroupForm) -> Result<(), AppError> {
    use tessera_core::groups;
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let db = &c.services.db;
    let g = groups::GroupInput {
        name: input.name.clone(),
        description: input.description.clone(),
        min_birth_year: input.min_birth_year.clone(),
        max_birth_year: input.max_birth_year.clone(),
    };
    let id = if input.id.trim().is_empty() {
        let kind: i64 = input
            .kind
            .trim()
            .parse()
            .map_err(|_| AppError::field("kind", tessera_common::Msg::ErrChooseGroupKind))?;
        groups::create_group(db, &scope, &c.actor, c.now(), kind, &g).await?
    } else {
        let id: i64 = parse_id(&input.id)?;
        groups::update_group(
            db,
            &scope,
            &c.actor,
            c.now(),
            id,
            &g,
            on(&input.archived),
            parse_version(&input.version)?,
        )
        .await?;
        id
    };
    done(&format!(
        "/c/{}/groups/{id}?done=saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// Makes the bands of an age kind (`U8 U10 …`, and a seniors band when named).
#[server(prefix = "/api", endpoint = "create_age_bands")]
pub async fn create_age_bands(#[server(flatten)] input: BandsForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let kind: i64 = parse_id(&input.kind)?;
    tessera_core::groups::create_bands(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        kind,
        &input.limits,
        &input.seniors,
    )
    .await?;
    done(&format!("/c/{}/groups?done=saved", scope.tenant().slug));
    Ok(())
}

/// Puts the suggested members of an age kind into their categories from today.
#[server(prefix = "/api", endpoint = "apply_age_bands")]
pub async fn apply_age_bands(club: String, kind: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let kind: i64 = parse_id(&kind)?;
    let n =
        tessera_core::groups::apply_bands(&c.services.db, &scope, &c.actor, c.now(), kind).await?;
    done(&format!(
        "/c/{}/groups?done=added&n={n}",
        scope.tenant().slug
    ));
    Ok(())
}

/// Adds a member to a group (`period` empty), or ends / changes one period.
#[server(prefix = "/api", endpoint = "save_group_period")]
pub async fn save_group_period(#[server(flatten)] input: PeriodForm) -> Result<(), AppError> {
    use tessera_core::groups;
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let db = &c.services.db;
    let group: i64 = parse_id(&input.group)?;
    if input.period.trim().is_empty() {
        let member: tessera_common::MemberId = input
            .member
            .trim()
            .parse()
            .map_err(|_| AppError::field("member", tessera_common::Msg::ErrNoSuchMember))?;
        groups::add_member(
            db,
            &scope,
            &c.actor,
            c.now(),
            group,
            member,
            &input.from_date,
            &input.to_date,
            on(&input.leader),
        )
        .await?;
    } else {
        groups::update_period(
            db,
            &scope,
            &c.actor,
            c.now(),
            group,
            parse_id(&input.period)?,
            &input.to_date,
            on(&input.leader),
            parse_version(&input.version)?,
        )
        .await?;
    }
    done(&format!(
        "/c/{}/groups/{group}?done=saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// The register's bulk action: the filtered members added to a group or ended in it.
#[server(prefix = "/api", endpoint = "bulk_group")]
pub async fn bulk_group(#[server(flatten)] input: BulkGroupForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let target: i64 = input
        .target
        .trim()
        .parse()
        .map_err(|_| AppError::field("target", tessera_common::Msg::ErrChooseGroup))?;
    let add = match input.action.as_str() {
        "add" => true,
        "end" => false,
        _ => {
            return Err(AppError::field(
                "action",
                tessera_common::Msg::ErrChooseGroup,
            ))
        }
    };
    // The members ticked in the register (`ids[]`), checked before any id is read.
    if input.pick == "ticked" || (input.pick.is_empty() && !input.ids.is_empty()) {
        if input.ids.len() > tessera_core::groups::MAX_BULK {
            return Err(AppError::bad_request(
                tessera_common::Problem::new(tessera_common::Msg::ErrTooManySelected)
                    .arg("max", tessera_core::groups::MAX_BULK),
            ));
        }
        let ids: Vec<tessera_common::MemberId> = input
            .ids
            .iter()
            .map(|i| parse_id::<i64>(i).map(tessera_common::MemberId))
            .collect::<Result<_, _>>()?;
        let r = tessera_core::groups::bulk_selected(
            &c.services.db,
            &scope,
            &c.actor,
            c.now(),
            target,
            &ids,
            add,
            &input.date,
        )
        .await?;
        done(&format!(
            "/c/{}/groups/{target}?done=bulk&n={}",
            scope.tenant().slug,
            r.changed
        ));
        return Ok(());
    }
    let filter = tessera_common::dto::MemberFilter {
        query: input.q.clone(),
        status: input.status.clone(),
        membership_type: input.membership_type.clone(),
        season: input.season.clone(),
        consent: input.consent.clone(),
        group: input.group.clone(),
        ..Default::default()
    };
    let r = tessera_core::groups::bulk_filtered(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        target,
        &filter,
        add,
        &input.date,
    )
    .await?;
    done(&format!(
        "/c/{}/groups/{target}?done=bulk&n={}",
        scope.tenant().slug,
        r.changed
    ));
    Ok(())
}

/// Limits a role to the groups its holders lead, with the member fields it grants
/// (`roles.manage`).
#[server(prefix = "/api", endpoint = "save_role_scope")]
pub async fn save_role_scope(#[server(flatten)] input: RoleScopeForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let role: i64 = parse_id(&input.role)?;
    let mut fields: Vec<String> = input
        .fields
        .split_whitespace()
        .chain(input.custom.split_whitespace())
        .map(str::to_string)
        .collect();
    for (key, v) in [
        ("birth_date", &input.f_birth_date),
        ("email", &input.f_email),
        ("phone", &input.f_phone),
        ("address", &input.f_address),
        ("membership", &input.f_membership),
        ("guardians_phone", &input.f_guardians_phone),
    ] {
        if on(v) {
            fields.push(key.to_string());
        }
    }
    tessera_core::groups::set_role_scope(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        tessera_common::RoleId(role),
        on(&input.scoped),
        &fields,
        parse_version(&input.version)?,
    )
    .await?;
    if input.back == "role" {
        done(&format!(
            "/c/{}/settings/roles/{role}?done=scope",
            scope.tenant().slug
        ));
    } else {
        done(&format!("/c/{}/groups?done=saved", scope.tenant().slug));
    }
    Ok(())
}

/// The member page's read-only groups and bounced mails (`members.view`; no right to
/// manage groups or mailings needed).
#[server(prefix = "/api", endpoint = "member_groups")]
pub async fn get_member_groups(club: String, member: String) -> Result<MemberGroupsInfo, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let member = tessera_common::MemberId(parse_id(&member)?);
    let db = &c.services.db;
    Ok(MemberGroupsInfo {
        groups_active: scope.module_active("groups"),
        groups: tessera_core::groups::of_member(db, &scope, member, c.now()).await?,
        bounces: tessera_core::mailings::bounces_of(db, &scope, member).await?,
    })
}

/// The groups the register filters on and offers in its bulk form: for those who manage or
/// lead groups, and for those who only see the register (`members.view`), read-only.
#[server(prefix = "/api", endpoint = "register_groups")]
pub async fn get_register_groups(club: String) -> Result<RegisterGroupChoices, AppError> {
    let c = ctx().await?;
    c.once(format!("register_groups:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::groups::register_view(&c.services.db, &scope, c.now()).await
    })
    .await
}
