//! Server functions that change member records: staff edit a record (`members.edit`), a
//! member edits the contact details of their own. A refused save keeps what was typed (in
//! the session, read back once by the form), so a form posted without JavaScript loses
//! nothing either.

// A server function's arguments are its form's fields, one per input.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use std::collections::BTreeMap;
use tessera_common::dto::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::{parse_id, parse_version};
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done, keep_draft_if_refused, take_draft};

#[cfg(feature = "ssr")]
fn contact_input(
    email: String,
    phone: String,
    street: String,
    postcode: String,
    city: String,
    custom: BTreeMap<String, String>,
) -> tessera_core::members::SelfInput {
    tessera_core::members::SelfInput {
        email,
        phone,
        street,
        postcode,
        city,
        custom,
    }
}

/// Passes a contact save's result on, keeping what was typed when it was refused.
#[cfg(feature = "ssr")]
async fn keep_contact_draft(
    c: &crate::ssr::Ctx,
    key: &str,
    result: Result<(), AppError>,
    input: &tessera_core::members::SelfInput,
) -> Result<(), AppError> {
    let form = MemberForm {
        email: input.email.clone(),
        phone: input.phone.clone(),
        street: input.street.clone(),
        postcode: input.postcode.clone(),
        city: input.city.clone(),
        custom: input.custom.clone(),
        ..Default::default()
    };
    keep_draft_if_refused(&c.session, key, &form, result).await
}

#[cfg(feature = "ssr")]
fn draft_key(club: &str, id: &str) -> String {
    format!("draft:member:{club}:{id}")
}

/// A member record with what its form needs (`members.edit`).
#[server(prefix = "/api", endpoint = "member_edit")]
pub async fn get_member_edit(club: String, id: String) -> Result<MemberEdit, AppError> {
    let c = ctx().await?;
    c.once(format!("member_edit:{club}:{id}"), async {
        let scope = c.club(&club).await?;
        let mid: tessera_common::MemberId = parse_id(&id)?;
        let member = tessera_core::members::get_for_edit(&c.services.db, &scope, mid).await?;
        let types = tessera_core::members::membership_types(&c.services.db, &scope).await?;
        let draft = take_draft(&c.session, &draft_key(&club, &id)).await;
        Ok(MemberEdit {
            custom: member.custom.clone(),
            member: Some(member),
            draft,
            types,
            duplicates: Vec::new(),
        })
    })
    .await
}

/// Saves a member record (`members.edit`); `version` is the version the form was opened at.
#[server(prefix = "/api", endpoint = "update_member")]
pub async fn update_member(#[server(flatten)] input: MemberUpdate) -> Result<(), AppError> {
    use tessera_core::members;
    let MemberUpdate {
        club,
        id,
        version,
        form,
    } = input;
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    scope.require(tessera_common::modules::MEMBERS_EDIT)?;
    let mid: tessera_common::MemberId = parse_id(&id)?;
    let input = form.clone();
    let result = match parse_version(&version) {
        Ok(v) => members::update(&c.services.db, &scope, &c.actor, c.now(), mid, &input, v).await,
        Err(e) => Err(e),
    };
    keep_draft_if_refused(&c.session, &draft_key(&club, &id), &form, result).await?;
    done(&format!(
        "/c/{}/members/{mid}?done=saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// Adds a member record (`members.edit`).
#[server(prefix = "/api", endpoint = "create_member")]
pub async fn create_member(
    club: String,
    #[server(flatten)] form: MemberForm,
    // staff confirmed that the person is not one of the possible duplicates.
    #[server(default)] different: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let result = tessera_core::dupes::create_member(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &form,
        !different.is_empty(),
    )
    .await;
    let id = keep_draft_if_refused(&c.session, &draft_key(&club, "new"), &form, result).await?;
    done(&format!(
        "/c/{}/members/{id}?done=created",
        scope.tenant().slug
    ));
    Ok(())
}

/// The form of a new member record (`members.edit`): the draft of a refused save, if any.
#[server(prefix = "/api", endpoint = "member_new")]
pub async fn get_member_new(club: String) -> Result<MemberEdit, AppError> {
    let c = ctx().await?;
    c.once(format!("member_new:{club}"), async {
        let scope = c.club(&club).await?;
        scope.require(tessera_common::modules::MEMBERS_EDIT)?;
        let types = tessera_core::members::membership_types(&c.services.db, &scope).await?;
        let draft = take_draft(&c.session, &draft_key(&club, "new")).await;
        let custom = tessera_core::custom_fields::blank(&c.services.db, &scope).await?;
        // A refused new record: the records that may be the same person.
        let duplicates = match &draft {
            Some(f) => {
                tessera_core::dupes::find(&c.services.db, &scope, &tessera_core::dupes::probe_of(f))
                    .await?
            }
            None => Vec::new(),
        };
        Ok(MemberEdit {
            member: None,
            draft,
            types,
            custom,
            duplicates,
        })
    })
    .await
}

/// Invites the person of a member record to an account linked to it (`members.edit`).
#[server(prefix = "/api", endpoint = "invite_member")]
pub async fn invite_member(club: String, id: String) -> Result<(), AppError> {
    use tessera_core::members::{self, Invitation};
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let mid: tessera_common::MemberId = parse_id(&id)?;
    let outcome = members::invite_to_account(
        &c.services.db,
        &c.services.mailer,
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        mid,
    )
    .await?;
    let what = match outcome {
        Invitation::Sent => "invited",
        Invitation::Linked => "linked",
    };
    done(&format!(
        "/c/{}/members/{mid}?done={what}",
        scope.tenant().slug
    ));
    Ok(())
}

/// The caller's own member record in the club (any member whose account is linked to one).
#[server(prefix = "/api", endpoint = "my_record")]
pub async fn get_my_record(club: String) -> Result<MyRecord, AppError> {
    let c = ctx().await?;
    c.once(format!("my_record:{club}"), async {
        let scope = c.club_own_data(&club).await?;
        let member = tessera_core::members::own(&c.services.db, &scope).await?;
        let draft = take_draft(&c.session, &draft_key(&club, "me")).await;
        let children =
            tessera_core::members::my_children(&c.services.db, &scope, scope.today(c.now()))
                .await?;
        Ok(MyRecord {
            member,
            draft,
            children,
            as_guardian: false,
        })
    })
    .await
}

/// A guardian's view of their minor child's record.
#[server(prefix = "/api", endpoint = "child_record")]
pub async fn get_child_record(club: String, id: String) -> Result<MyRecord, AppError> {
    let c = ctx().await?;
    c.once(format!("child_record:{club}:{id}"), async {
        let scope = c.club_own_data(&club).await?;
        let child: tessera_common::MemberId = parse_id(&id)?;
        let member =
            tessera_core::members::child(&c.services.db, &scope, child, scope.today(c.now()))
                .await?;
        let draft = take_draft(&c.session, &draft_key(&club, &format!("child:{id}"))).await;
        Ok(MyRecord {
            member,
            draft,
            children: Vec::new(),
            as_guardian: true,
        })
    })
    .await
}

/// A guardian saves the contact details of their minor child's record.
#[server(prefix = "/api", endpoint = "update_child_record")]
pub async fn update_child_record(
    #[server(flatten)] input: UpdateChildRecordInput,
) -> Result<(), AppError> {
    let UpdateChildRecordInput {
        club,
        id,
        version,
        email,
        phone,
        street,
        postcode,
        city,
        cf,
    } = input;
    let c = ctx().await?;
    let scope = c.club_own_data(&club).await?;
    let child: tessera_common::MemberId = parse_id(&id)?;
    let input = contact_input(email, phone, street, postcode, city, cf);
    let result = match parse_version(&version) {
        Ok(v) => {
            tessera_core::members::update_child(
                &c.services.db,
                &scope,
                &c.actor,
                c.now(),
                child,
                &input,
                v,
            )
            .await
        }
        Err(e) => Err(e),
    };
    keep_contact_draft(
        &c,
        &draft_key(&club, &format!("child:{id}")),
        result,
        &input,
    )
    .await?;
    done(&format!(
        "/c/{}/me/children/{child}?done=saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// A member saves the contact details of their own record.
#[server(prefix = "/api", endpoint = "update_my_record")]
pub async fn update_my_record(
    #[server(flatten)] input: UpdateMyRecordInput,
) -> Result<(), AppError> {
    let UpdateMyRecordInput {
        club,
        version,
        email,
        phone,
        street,
        postcode,
        city,
        cf,
    } = input;
    let c = ctx().await?;
    let scope = c.club_own_data(&club).await?;
    let input = contact_input(email, phone, street, postcode, city, cf);
    let result = match parse_version(&version) {
        Ok(v) => {
            tessera_core::members::update_own(&c.services.db, &scope, &c.actor, c.now(), &input, v)
                .await
        }
        Err(e) => Err(e),
    };
    keep_contact_draft(&c, &draft_key(&club, "me"), result, &input).await?;
    done(&format!("/c/{}/me?done=saved", scope.tenant().slug));
    Ok(())
}

/// The club's own fields of member records (`members.fields`).
#[server(prefix = "/api", endpoint = "field_settings")]
pub async fn get_field_settings(club: String) -> Result<FieldSettings, AppError> {
    let c = ctx().await?;
    c.once(format!("field_settings:{club}"), async {
        let scope = c.club(&club).await?;
        let fields = tessera_core::custom_fields::list(&c.services.db, &scope).await?;
        let draft: Option<(String, FieldForm)> =
            take_draft(&c.session, &field_draft_key(&club)).await;
        let (draft_for, draft) = draft.unzip();
        Ok(FieldSettings {
            fields,
            draft,
            draft_for,
        })
    })
    .await
}

#[cfg(feature = "ssr")]
fn field_draft_key(club: &str) -> String {
    format!("draft:field:{club}")
}

/// A refused field save keeps what was typed, for the form it came from.
#[cfg(feature = "ssr")]
async fn keep_field_draft(
    c: &crate::ssr::Ctx,
    club: &str,
    which: &str,
    form: FieldForm,
    result: Result<(), AppError>,
) -> Result<(), AppError> {
    let kept = (which.to_string(), form);
    keep_draft_if_refused(&c.session, &field_draft_key(club), &kept, result).await
}

/// Adds a custom field to the club's member records (`members.fields`).
#[server(prefix = "/api", endpoint = "create_field")]
pub async fn create_field(#[server(flatten)] input: CreateFieldInput) -> Result<(), AppError> {
    let CreateFieldInput {
        club,
        label,
        kind,
        help,
        required,
        options,
        visibility,
        member_editable,
    } = input;
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let form = FieldForm {
        label,
        kind,
        help,
        required: required.is_some(),
        options,
        visibility,
        member_editable: member_editable.is_some(),
    };
    let result =
        tessera_core::custom_fields::create(&c.services.db, &scope, &c.actor, c.now(), &form)
            .await
            .map(|_| ());
    keep_field_draft(&c, &club, "new", form, result).await?;
    done(&format!(
        "/c/{}/settings/fields?done=field_saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// Changes a custom field (`members.fields`); `version` is the version the form was
/// opened at.
#[server(prefix = "/api", endpoint = "update_field")]
pub async fn update_field(#[server(flatten)] input: UpdateFieldInput) -> Result<(), AppError> {
    let UpdateFieldInput {
        club,
        id,
        version,
        label,
        kind,
        help,
        required,
        options,
        visibility,
        member_editable,
    } = input;
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    scope.require(tessera_common::modules::MEMBERS_FIELDS)?;
    let fid: i64 = parse_id(&id)?;
    let form = FieldForm {
        label,
        kind,
        help,
        required: required.is_some(),
        options,
        visibility,
        member_editable: member_editable.is_some(),
    };
    let result = match parse_version(&version) {
        Ok(v) => {
            tessera_core::custom_fields::update(
                &c.services.db,
                &scope,
                &c.actor,
                c.now(),
                fid,
                &form,
                v,
            )
            .await
        }
        Err(e) => Err(e),
    };
    keep_field_draft(&c, &club, &id, form, result).await?;
    done(&format!(
        "/c/{}/settings/fields?done=field_saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// Deletes a custom field and its values (`members.fields`).
#[server(prefix = "/api", endpoint = "delete_field")]
pub async fn delete_field(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let fid: i64 = parse_id(&id)?;
    tessera_core::custom_fields::delete(&c.services.db, &scope, &c.actor, c.now(), fid).await?;
    done(&format!(
        "/c/{}/settings/fields?done=field_deleted",
        scope.tenant().slug
    ));
    Ok(())
}

/// Moves a custom field up or down in the record (`members.fields`).
#[server(prefix = "/api", endpoint = "move_field")]
pub async fn move_field(club: String, id: String, direction: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let fid: i64 = parse_id(&id)?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(AppError::bad_request(tessera_common::Msg::ErrMoveUpDown)),
    };
    tessera_core::custom_fields::move_field(&c.services.db, &scope, &c.actor, c.now(), fid, up)
        .await?;
    done(&format!("/c/{}/settings/fields", scope.tenant().slug));
    Ok(())
}

/// A member import through the web, with its report when `preview` is set (`members.edit`).
#[server(prefix = "/api", endpoint = "member_import")]
pub async fn get_import(
    club: String,
    id: String,
    #[server(default)] preview: String,
) -> Result<ImportJob, AppError> {
    let c = ctx().await?;
    c.once(format!("member_import:{club}:{id}:{preview}"), async {
        let scope = c.club(&club).await?;
        let iid: i64 = parse_id(&id)?;
        tessera_core::member_imports::get(&c.services.db, &scope, c.now(), iid, !preview.is_empty())
            .await
    })
    .await
}

/// Saves how the columns of an import map to fields (`map[c{column}]=field`) and shows
/// the report (`members.edit`).
#[server(prefix = "/api", endpoint = "map_import")]
pub async fn map_import(
    club: String,
    id: String,
    #[server(default)] map: BTreeMap<String, String>,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let iid: i64 = parse_id(&id)?;
    let mapping = mapping_of(&map)?;
    tessera_core::member_imports::set_mapping(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        iid,
        &mapping,
    )
    .await?;
    done(&format!(
        "/c/{}/members/import/{iid}?preview=1",
        scope.tenant().slug
    ));
    Ok(())
}

/// The mapping form's columns (`map[c{column}]=field`) as (column, field) pairs.
#[cfg(feature = "ssr")]
fn mapping_of(map: &BTreeMap<String, String>) -> Result<Vec<(usize, String)>, AppError> {
    map.iter()
        .map(|(k, v)| {
            let col: usize = k
                .strip_prefix('c')
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| {
                    AppError::field("mapping", tessera_common::Msg::ErrMappingUnreadable)
                })?;
            Ok((col, v.clone()))
        })
        .collect()
}

/// The report of an import under the mapping the form shows now, stored nowhere: the
/// mapping form's preview as a column's field changes (`members.edit`).
#[server(prefix = "/api", endpoint = "preview_import")]
pub async fn preview_import(
    club: String,
    id: String,
    #[server(default)] map: BTreeMap<String, String>,
) -> Result<ImportPreview, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let iid: i64 = parse_id(&id)?;
    let mapping = mapping_of(&map)?;
    tessera_core::member_imports::preview_mapping(&c.services.db, &scope, c.now(), iid, &mapping)
        .await
}

/// Starts an import (all or nothing, in the background) (`members.edit`).
#[server(prefix = "/api", endpoint = "start_import")]
pub async fn start_import(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let iid: i64 = parse_id(&id)?;
    tessera_core::member_imports::start(&c.services.db, &scope, &c.actor, c.now(), iid).await?;
    done(&format!("/c/{}/members/import/{iid}", scope.tenant().slug));
    Ok(())
}

/// One page of the member register (its arguments are the register's filters).
#[server(prefix = "/api", endpoint = "member_list")]
pub async fn list_members(
    club: String,
    q: String,
    page: i64,
    #[server(default)] status: String,
    #[server(default)] membership_type: String,
    #[server(default)] season: String,
    #[server(default)] sort: String,
    #[server(default)] fields: std::collections::BTreeMap<i64, String>,
    #[server(default)] per: i64,
    #[server(default)] consent: String,
    #[server(default)] group: String,
    #[server(default)] unpaid: String,
) -> Result<MemberPage, AppError> {
    let c = ctx().await?;
    c.once(
        format!(
            "member_list:{club}:{q}:{page}:{status}:{membership_type}:{season}:{sort}:{fields:?}:{per}:{consent}:{group}:{unpaid}"
        ),
        async {
            let scope = c.club(&club).await?;
            let filter = MemberFilter {
                query: q.clone(),
                status: status.clone(),
                membership_type: membership_type.clone(),
                season: season.clone(),
                sort: sort.clone(),
                fields: fields.clone(),
                consent: consent.clone(),
                per_page: per,
                group: group.clone(),
                unpaid: unpaid.clone(),
            };
            tessera_core::members::list_filtered(&c.services.db, &scope, &filter, page).await
        },
    )
    .await
}
