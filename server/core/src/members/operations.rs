//! The member register: what a request does. Each function checks the scope's permission,
//! opens the transaction, calls validation and storage, and stamps or mails what changed.

use super::model::*;
use super::storage::*;
use super::validation::*;
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::members::custom_fields::{self, Viewer};
use crate::scope::{Actor, TenantScope};
use crate::{args, ids, search};
use std::collections::BTreeMap;
use tessera_common::dto::{MemberDetail, MemberFilter, MemberPage, MemberStatus, PersonLink};
use tessera_common::modules::{MEMBERS_EDIT, MEMBERS_VIEW};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, MemberId, Msg, Problem};

/// Creates one member (with its own transaction).
pub async fn create(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    m: NewMember,
) -> Result<MemberId> {
    scope.require(MEMBERS_EDIT)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let id = insert(&mut tx, &m).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn counts(db: &Db, scope: &TenantScope, today: Date) -> Result<ClubCounts> {
    let adult_cutoff = Date::new(today.year - 18, today.month, today.day)
        .or_else(|| Date::new(today.year - 18, today.month, today.day - 1))
        .map(|d| d.to_string())
        .unwrap_or_default();
    let mut tx = db.tenant_read(scope).await?;
    // A leader's home counts the members they reach, nothing of the rest of the club.
    if let Some(l) = scope.leader().filter(|_| !scope.can(MEMBERS_VIEW)) {
        let n = super::access::led_count(&mut tx, l).await?;
        tx.commit().await?;
        return Ok(ClubCounts {
            members: n,
            active: n,
            minors: 0,
            families: 0,
        });
    }
    let row: (i64, i64, i64, i64) = tx
        .fetch_one(
            "SELECT \
             (SELECT count(*) FROM members WHERE tenant_id = $1 AND restricted_at IS NULL), \
             (SELECT count(*) FROM members WHERE tenant_id = $1 AND status = 'active' AND restricted_at IS NULL), \
             (SELECT count(*) FROM members WHERE tenant_id = $1 AND status = 'active' AND birth_date > $2 \
              AND restricted_at IS NULL), \
             (SELECT count(DISTINCT guardian_id) FROM member_guardians WHERE tenant_id = $1)",
            args![adult_cutoff],
        )
        .await?;
    tx.commit().await?;
    Ok(ClubCounts {
        members: row.0,
        active: row.1,
        minors: row.2,
        families: row.3,
    })
}

/// One page of the register, sorted by name, optionally filtered by a name or e-mail search.
pub async fn list(db: &Db, scope: &TenantScope, query: &str, page: i64) -> Result<MemberPage> {
    list_filtered(
        db,
        scope,
        &MemberFilter {
            query: query.to_string(),
            ..Default::default()
        },
        page,
    )
    .await
}

/// Up to this many matches a register page is sorted from the matches themselves rather
/// than read in the order of the name index (see `list_with`).
const SMALL_MATCHES: i64 = 2_000;

/// One page of the register with its filters (status, membership type, season), a search
/// by name or e-mail address, and an order. Unknown values are refused with what to use.
pub async fn list_filtered(
    db: &Db,
    scope: &TenantScope,
    filter: &MemberFilter,
    page: i64,
) -> Result<MemberPage> {
    let reach = super::access::register(scope, false)?;
    list_with(db, scope, filter, page, reach).await
}

/// The register's filter for the groups' bulk action, whose own permission
/// (`groups.manage`) the caller checked: the whole register's rows.
pub(crate) async fn list_for_groups(
    db: &Db,
    scope: &TenantScope,
    filter: &MemberFilter,
    page: i64,
) -> Result<MemberPage> {
    list_with(db, scope, filter, page, super::access::Reach::All).await
}

/// The register's filter for issuing a season's invoices (`fees.manage`, checked by the
/// caller, which reaches every payer's name anyway): the whole register's rows.
pub(crate) async fn list_for_fees(
    db: &Db,
    scope: &TenantScope,
    filter: &MemberFilter,
    page: i64,
) -> Result<MemberPage> {
    list_with(db, scope, filter, page, super::access::Reach::All).await
}

async fn list_with(
    db: &Db,
    scope: &TenantScope,
    filter: &MemberFilter,
    page: i64,
    reach: super::access::Reach,
) -> Result<MemberPage> {
    let per_page = filter.rows_per_page();
    let query = filter.query.trim();
    let mut p = Problems::default();
    if query.chars().count() > 100 {
        p.add("q", Msg::ErrSearchLength);
    }
    let status = filter.status.trim();
    if !status.is_empty() && MemberStatus::parse(status).is_none() {
        p.add("status", Msg::ErrChooseStatus);
    }
    for (field, v) in [
        ("membership_type", &filter.membership_type),
        ("season", &filter.season),
    ] {
        if v.chars().count() > 40 {
            p.add(field, Problem::new(Msg::ErrMaxChars).arg("max", 40));
        }
    }
    let sort = if filter.sort.is_empty() {
        "name"
    } else {
        filter.sort.as_str()
    };
    let order = SORTS
        .iter()
        .find(|(k, _, _)| *k == sort)
        .map(|(_, col, desc)| (*col, *desc));
    if order.is_none() {
        p.add("sort", Msg::ErrSort);
    }
    let mut tx = db.tenant_read(scope).await?;
    let filter_fields = custom_fields::filterable(&mut tx, scope).await?;
    let mut field_filters = Vec::new();
    for (id, v) in &filter.fields {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        match filter_fields.iter().find(|f| f.id == *id) {
            Some(f)
                if f.options.iter().any(|o| o == v)
                    || (f.kind == tessera_common::dto::FieldKind::YesNo
                        && matches!(v, "yes" | "no")) =>
            {
                field_filters.push((*id, v.to_string()))
            }
            Some(_) => p.add(&format!("cf{id}"), Msg::ErrChooseFieldOption),
            None => p.add(&format!("cf{id}"), Msg::ErrNotFilterable),
        }
    }
    let purposes = filter_purposes(&mut tx).await?;
    let consent = match filter.consent.trim() {
        "" => None,
        c => match c
            .parse::<i64>()
            .ok()
            .filter(|id| purposes.iter().any(|p| p.0 == *id))
        {
            Some(id) => Some(id),
            None => {
                p.add("consent", Msg::ErrChoosePurpose);
                None
            }
        },
    };
    let group = match filter.group.trim() {
        "" => None,
        g => match g.parse::<i64>().ok().filter(|g| *g > 0) {
            Some(g) => Some(g),
            None => {
                p.add("group", Msg::ErrChooseGroup);
                None
            }
        },
    };
    // reconcile: "unpaid this season" needs fees.view.
    let unpaid = match filter.unpaid.trim() {
        "" => false,
        _ => {
            scope.require(tessera_common::modules::FEES_VIEW)?;
            true
        }
    };
    p.done()?;
    let (column, desc) = order.unwrap_or(("sort_name", false));
    let page = page.clamp(1, 1_000_000);
    let words = search::query_words(query);
    let fields_of_page = (field_filters.clone(), filter_fields);
    if !query.is_empty() && words.is_empty() {
        // Nothing searchable typed (only punctuation): nothing matches.
        return page_of(
            tx,
            scope,
            filter,
            query,
            status,
            sort,
            page,
            Vec::new(),
            0,
            fields_of_page,
        )
        .await
        .map(|mut p| {
            p.purposes = purposes;
            p
        });
    }
    // Only the filters in use become conditions, each a bound parameter.
    // A restricted record (issue 17) is left out; its words are not in the index either.
    let mut conds = vec![
        "tenant_id = $1".to_string(),
        "restricted_at IS NULL".to_string(),
    ];
    let mut args: Vec<crate::db::Value> = Vec::new();
    let param = |args: &mut Vec<crate::db::Value>, v: crate::db::Value| {
        args.push(v);
        format!("${}", args.len() + 1)
    };
    // With a search, the matches lead (CROSS JOIN keeps SQLite from walking the whole
    // name index instead) and each is looked up by its key.
    let mut from = "members".to_string();
    let mut found = String::new();
    let ranges = search::bind_ranges(&words, |v| param(&mut args, v));
    if !words.is_empty() {
        found = search::matches(&ranges);
        from = format!("({found}) s CROSS JOIN members");
        conds.push("id = s.member_id".to_string());
    }
    let mut tally_conds = vec!["tenant_id = $1".to_string()];
    for (col, v) in [
        ("status", status),
        ("membership_type", filter.membership_type.trim()),
        ("season", filter.season.trim()),
    ] {
        if !v.is_empty() {
            let ph = param(&mut args, v.into());
            conds.push(format!("{col} = {ph}"));
            tally_conds.push(format!("{col} = {ph}"));
        }
    }
    if let Some(purpose) = consent {
        // Consent given now: the latest event per member and purpose wins.
        let p = param(&mut args, purpose.into());
        let yes = param(&mut args, true.into());
        conds.push(format!(
            "EXISTS (SELECT 1 FROM member_consents c WHERE c.tenant_id = members.tenant_id \
             AND c.member_id = members.id AND c.purpose_id = {p} AND c.given = {yes})"
        ));
    }
    if unpaid {
        // reconcile: an invoice of the current season still open or partly paid (the
        // partial index invoices_unpaid, one range for the season).
        let yes = param(&mut args, true.into());
        conds.push(format!(
            "members.id IN (SELECT i.member_id FROM invoices i WHERE i.tenant_id = $1 \
             AND i.season_id = (SELECT s.id FROM seasons s WHERE s.tenant_id = $1 \
             AND s.is_current = {yes}) AND i.kind = 'invoice' \
             AND i.status IN ('open', 'partial') AND i.member_id IS NOT NULL)"
        ));
    }
    // A leader's register: the members of the groups they lead today, nobody else.
    if let Some(l) = reach.leader() {
        conds.push(super::access::led_condition(l, |v| param(&mut args, v)));
    }
    if let Some(g) = group {
        // Members in the group today (in the club's zone).
        let g = param(&mut args, g.into());
        let day = param(&mut args, today_of(scope, &reach).into());
        conds.push(format!(
            "members.id IN (SELECT gm.member_id FROM group_members gm WHERE gm.tenant_id = $1 \
             AND gm.group_id = {g} AND gm.from_date <= {day} \
             AND (gm.to_date IS NULL OR gm.to_date >= {day}))"
        ));
    }
    for (id, v) in &field_filters {
        let f = param(&mut args, (*id).into());
        let val = param(&mut args, v.clone().into());
        conds.push(format!(
            "EXISTS (SELECT 1 FROM member_field_values v WHERE v.tenant_id = members.tenant_id \
             AND v.member_id = members.id AND v.field_id = {f} AND v.value = {val})"
        ));
    }
    let where_ = conds.join(" AND ");
    let dir = if desc { "DESC" } else { "ASC" };
    const COLS: &str = "id, given_name, family_name, birth_date, email, city, status";
    // A search alone: every indexed id is a member of this club, so the matches are counted
    // (and, in name order, paged) without reading the records.
    let search_alone = !words.is_empty() && conds.len() == 3;
    let count_matches = format!("SELECT count(*) FROM ({found}) s");
    let (rows, total): (Vec<ListRow>, i64) = if column == "sort_name" && search_alone {
        // In name order the page is taken from the index, which keeps each member's name
        // order, with the number of matches counted in the same statement; only the page's
        // records are read. PostgreSQL counts in the same pass (a window); SQLite counts
        // apart in a subquery it runs once, which cost it a quarter less than the window
        // (that makes it write every match to a table of its own before sorting them).
        let count_args = args.clone();
        tx.reuse_plans().await?;
        let limit = param(&mut args, per_page.into());
        let offset = param(&mut args, ((page - 1) * per_page).into());
        let (total_of_page, window) = match tx.backend() {
            crate::db::Backend::Sqlite => (format!("({count_matches})"), ""),
            crate::db::Backend::Postgres => ("p.total".to_string(), ", count(*) OVER () AS total"),
        };
        let sql = format!(
            "SELECT {COLS}, {total_of_page} AS total FROM (SELECT member_id, sort_name{window} \
             FROM ({}) s ORDER BY sort_name {dir}, member_id {dir} LIMIT {limit} OFFSET {offset}) p \
             CROSS JOIN members WHERE members.tenant_id = $1 AND members.id = p.member_id \
             ORDER BY p.sort_name {dir}, p.member_id {dir}",
            search::matches_sorted(&ranges)
        );
        let counted: Vec<CountedRow> = tx.fetch_all(&sql, args).await?;
        let total = match counted.first() {
            Some(r) => r.total,
            // A page past the last: the matches are counted on their own.
            None => tx.fetch_one::<(i64,)>(&count_matches, count_args).await?.0,
        };
        (counted.into_iter().map(|r| r.row).collect(), total)
    } else {
        // Without a search, the total is the sum of the club's tallies; with one, the count of
        // what the search found.
        let total: (i64,) = if words.is_empty()
            && field_filters.is_empty()
            && consent.is_none()
            && group.is_none()
            && !unpaid
            && reach.leader().is_none()
        {
            tx.fetch_one(
                &format!(
                    "SELECT CAST(coalesce(sum(n), 0) AS BIGINT) - (SELECT count(*) FROM members \
                     WHERE tenant_id = $1 AND restricted_at IS NOT NULL{0}) \
                     FROM member_tallies WHERE tenant_id = $1{0}",
                    tally_conds[1..]
                        .iter()
                        .map(|c| format!(" AND {c}"))
                        .collect::<String>()
                ),
                args.clone(),
            )
            .await?
        } else if search_alone {
            tx.fetch_one(&count_matches, args.clone()).await?
        } else {
            tx.fetch_one(
                &format!("SELECT count(*) FROM {from} WHERE {where_}"),
                args.clone(),
            )
            .await?
        };
        let limit = param(&mut args, per_page.into());
        let offset = param(&mut args, ((page - 1) * per_page).into());
        let sql = if column == "sort_name" {
            // A few matches (a trainer's teams, a team as the filter) are read by their
            // keys and sorted: in name order SQLite walks the whole name index to find
            // them (14 ms a page in a 100,000-member club). The expression keeps the same
            // order but no index can give it.
            let key = if total.0 <= SMALL_MATCHES {
                "sort_name || ''"
            } else {
                "sort_name"
            };
            format!(
                "SELECT {COLS} FROM {from} WHERE {where_} \
             ORDER BY {key} {dir}, id {dir} LIMIT {limit} OFFSET {offset}"
            )
        } else {
            // A date may be missing: the dated records in order, then the others, each part
            // read in the order of the index on (tenant_id, column, id).
            let upto = param(&mut args, (page * per_page).into());
            format!(
            "SELECT {COLS} FROM (\
             SELECT * FROM (SELECT 0 AS part, {column} AS k, {COLS} FROM {from} \
             WHERE {where_} AND {column} IS NOT NULL ORDER BY {column} {dir}, id {dir} LIMIT {upto}) a \
             UNION ALL \
             SELECT * FROM (SELECT 1 AS part, {column} AS k, {COLS} FROM {from} \
             WHERE {where_} AND {column} IS NULL ORDER BY id {dir} LIMIT {upto}) b\
             ) u ORDER BY part, k {dir}, id {dir} LIMIT {limit} OFFSET {offset}"
        )
        };
        let rows: Vec<ListRow> = tx.fetch_all(&sql, args).await?;
        (rows, total.0)
    };
    page_of(
        tx,
        scope,
        filter,
        query,
        status,
        sort,
        page,
        rows,
        total,
        fields_of_page,
    )
    .await
    .map(|mut p| {
        p.purposes = purposes;
        p.filter.group = group.map(|g| g.to_string()).unwrap_or_default();
        p.filter.unpaid = if unpaid { "1".into() } else { String::new() };
        if let Some(l) = reach.leader() {
            p.rows = p
                .rows
                .into_iter()
                .map(|r| super::access::redact_row(l, r))
                .collect();
            p.can_edit = false;
            p.purposes = Vec::new();
        }
        p
    })
}

/// The day "in a group today" is taken on: the leader's day, or the club's today at the
/// time the scope was resolved.
fn today_of(scope: &TenantScope, reach: &super::access::Reach) -> String {
    match reach.leader() {
        Some(l) => l.today.to_string(),
        // A system task has no request day: the memberships that last.
        None => scope
            .resolved_today()
            .map(|d| d.to_string())
            .unwrap_or_else(|| "9999-12-31".to_string()),
    }
}

/// One member with guardians, children and the last-change stamp (`members.view`); with
/// `members.edit` whether their account's second factor can be reset, with `roles.manage`
/// their account and its roles. One read for all of it.
pub async fn get(db: &Db, scope: &TenantScope, id: MemberId) -> Result<MemberDetail> {
    let mut tx = db.tenant_read(scope).await?;
    if let super::access::Reach::Led(l) = super::access::record(&mut tx, scope, id, false).await? {
        let (d, _) = detail_in(&mut tx, id, Viewer::staff(scope), l.edit).await?;
        tx.commit().await?;
        return Ok(super::access::redact_detail(&l, d));
    }
    let can_edit = scope.can(MEMBERS_EDIT);
    let (mut d, account_has_factor) =
        detail_in(&mut tx, id, Viewer::staff(scope), can_edit).await?;
    d.can_edit = can_edit;
    d.can_reset_factor = can_edit && account_has_factor;
    // The account's roles, for those who manage roles, when the record has an account
    // (the record's statement says so; most have none).
    if d.has_account && scope.can(tessera_common::modules::ROLES_MANAGE) {
        d.account = crate::roles::account_roles_in(&mut tx, id).await?;
    }
    tx.commit().await?;
    Ok(d)
}

/// One member record, for its edit form (`members.edit`, which includes reading the record
/// being changed).
pub async fn get_for_edit(db: &Db, scope: &TenantScope, id: MemberId) -> Result<MemberDetail> {
    if scope.leader().is_some() && !scope.can(MEMBERS_EDIT) {
        let mut tx = db.tenant_read(scope).await?;
        let reach = super::access::record(&mut tx, scope, id, true).await?;
        let (d, _) = detail_in(&mut tx, id, Viewer::staff(scope), true).await?;
        tx.commit().await?;
        return Ok(match reach.leader() {
            Some(l) => super::access::redact_detail(l, d),
            None => d,
        });
    }
    scope.require(MEMBERS_EDIT)?;
    let mut d = detail(db, scope, id, Viewer::staff(scope), true).await?;
    d.can_edit = true;
    Ok(d)
}

/// Saves a member record changed by staff (`members.edit`). `expected_version` is the
/// version the form was opened at: a save over someone else's change is refused with who
/// made it and when.
pub async fn update(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: MemberId,
    input: &MemberInput,
    expected_version: i64,
) -> Result<()> {
    let _ = super::access::register(scope, true)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let reach = super::access::record(&mut tx, scope, id, true).await?;
    ensure_changeable(&mut tx, id).await?;
    // A leader changes only the granted fields: the others are kept as stored.
    let leader_input = match reach.leader() {
        Some(l) => {
            let (current, _) = detail_in(&mut tx, id, Viewer::staff(scope), false).await?;
            Some(super::access::leader_form(l, input, &current))
        }
        None => None,
    };
    let input = leader_input.as_ref().unwrap_or(input);
    let checked = validate_input(input, scope.today(now));
    let (cols, mut custom) =
        with_custom(&mut tx, checked, &input.custom, Viewer::staff(scope)).await?;
    if let Some(l) = reach.leader() {
        let defs = custom_fields::definitions(&mut tx).await?;
        custom.retain(|(fid, _)| {
            defs.iter().any(|f| {
                f.id == *fid
                    && super::access::leader_changes_field(
                        l,
                        f.id,
                        f.visibility == tessera_common::dto::FieldVisibility::Sensitive,
                    )
            })
        });
    }
    if !tx
        .update("members", id.0, cols, Some(expected_version))
        .await?
    {
        return Err(conflict(&mut tx, id).await?);
    }
    custom_fields::store(&mut tx, id, &custom).await?;
    search::reindex(&mut tx, id).await?;
    // licences: the federations' copy of the shared fields follows the change.
    crate::fedcopy::refresh_shared(&mut tx, &[id]).await?;
    tx.commit().await
}

/// A restricted record takes no change but the lifting of its restriction
/// (`rights::lift_restriction`), an erased one none at all (issue 17): refused before the
/// form's values are looked at.
async fn ensure_changeable(tx: &mut TenantTx, id: MemberId) -> Result<()> {
    let row: Option<(Option<i64>, Option<i64>)> = tx
        .fetch_optional(
            "SELECT restricted_at, erased_at FROM members WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    match row {
        None => Err(AppError::NotFound),
        Some((_, Some(_))) => Err(AppError::conflict(Msg::ErrRightsErased)),
        Some((Some(_), None)) => Err(AppError::conflict(Msg::ErrRightsRestricted)),
        Some((None, None)) => Ok(()),
    }
}

/// A record's checked standard fields with its custom fields read and checked too, every
/// problem of both reported at once.
async fn with_custom<T>(
    tx: &mut TenantTx,
    checked: Result<T>,
    posted: &BTreeMap<String, String>,
    viewer: Viewer,
) -> Result<(T, Vec<(i64, Vec<String>)>)> {
    let fields = custom_fields::definitions(tx).await?;
    let mut p = Problems::default();
    let custom = custom_fields::read_posted(&fields, posted, viewer, &mut p);
    Ok((p.join(checked)?, custom))
}

/// The membership types the club's records use, for the form to offer.
pub async fn membership_types(db: &Db, scope: &TenantScope) -> Result<Vec<String>> {
    if !scope.can(MEMBERS_VIEW) && scope.leader().is_none() {
        scope.require(MEMBERS_EDIT)?;
    }
    let mut tx = db.tenant_read(scope).await?;
    let types = used_types(&mut tx).await?;
    tx.commit().await?;
    Ok(types)
}

/// Adds a member record typed by staff (`members.edit`); the same checks as a change.
pub async fn create_from_input(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: &MemberInput,
) -> Result<MemberId> {
    scope.require(MEMBERS_EDIT)?;
    let checked = validate_input(input, scope.today(now));
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (mut cols, custom) =
        with_custom(&mut tx, checked, &input.custom, Viewer::staff(scope)).await?;
    let id = ids::new_id();
    cols.insert(0, ("id", id.into()));
    tx.insert("members", cols).await?;
    custom_fields::store(&mut tx, MemberId(id), &custom).await?;
    search::reindex(&mut tx, MemberId(id)).await?;
    tx.commit().await?;
    Ok(MemberId(id))
}

/// Invites the person of a member record to an account (`members.edit`): the account of the
/// record's e-mail address (made when new) is linked to the record in this club, and a
/// 7-day link to set a password is mailed unless the account already has one.
#[allow(clippy::too_many_arguments)]
pub async fn invite_to_account(
    db: &Db,
    mailer: &crate::mail::Mailer,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    member: MemberId,
) -> Result<Invitation> {
    scope.require(MEMBERS_EDIT)?;
    invite_record(db, mailer, base_url, scope, actor, now, member).await
}

/// [`invite_to_account`] without a permission check of its own, for an invitation that is
/// the consequence of a right the caller already checked: approving a registration
/// (`forms.review`) or a registration form that approves itself. It runs in the caller's own
/// scope, so the read-only check applies and nothing else is granted.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn invite_record(
    db: &Db,
    mailer: &crate::mail::Mailer,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    member: MemberId,
) -> Result<Invitation> {
    scope.writable()?;
    let d = detail(db, scope, member, Viewer::staff(scope), false).await?;
    let email = d
        .email
        .clone()
        .ok_or_else(|| AppError::bad_request(Msg::ErrNoEmailToInvite))?;
    let name = format!("{} {}", d.given_name, d.family_name);
    // Decided before anything is stored, so a refusal leaves no account behind (the write
    // transaction decides again on what it reads).
    let known = crate::accounts::identities::find_by_email(db, &email).await?;
    let mut tx = db.tenant_read(scope).await?;
    let state = link_state(&mut tx, member, known).await?;
    tx.commit().await?;
    link_step(state)?;
    let identity = match known {
        Some(id) => id,
        None => crate::accounts::identities::create(db, actor, now, &email, &name, None).await?,
    };
    let mut tx = db.tenant_write(scope, actor, now).await?;
    match link_step(link_state(&mut tx, member, Some(identity)).await?)? {
        LinkStep::Done => {}
        LinkStep::LinkMembership(e) => {
            tx.update("memberships", e, vec![("member_id", member.into())], None)
                .await?;
        }
        LinkStep::AddMembership => {
            tx.insert(
                "memberships",
                vec![
                    ("id", ids::new_id().into()),
                    ("identity_id", identity.into()),
                    ("member_id", member.into()),
                ],
            )
            .await?;
        }
    }
    tx.log("member_invited", Some(&name)).await?;
    tx.commit().await?;
    if crate::accounts::identities::has_password(db, identity).await? {
        return Ok(Invitation::Linked);
    }
    crate::accounts::links::send_invite(db, mailer, base_url, scope, actor, identity, now).await?;
    Ok(Invitation::Sent)
}

enum LinkStep {
    Done,
    LinkMembership(i64),
    AddMembership,
}

/// What linking an account to a record takes, or why it cannot be.
fn link_step(state: LinkState) -> Result<LinkStep> {
    match state {
        (Some(l), Some((e, _))) if l == e => Ok(LinkStep::Done),
        (Some(_), _) => Err(AppError::Conflict(Msg::ErrOtherAccountLinked.into())),
        (None, Some((_, Some(_)))) => {
            Err(AppError::Conflict(Msg::ErrAccountLinkedElsewhere.into()))
        }
        (None, Some((e, None))) => Ok(LinkStep::LinkMembership(e)),
        (None, None) => Ok(LinkStep::AddMembership),
    }
}

/// The minors whose guardian the caller's own record is, on `today`.
pub async fn my_children(db: &Db, scope: &TenantScope, today: Date) -> Result<Vec<PersonLink>> {
    let Some(me) = scope.member_id() else {
        return Ok(Vec::new());
    };
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<ChildRow> = tx
        .fetch_all(
            "SELECT m.id, m.given_name, m.family_name, m.birth_date FROM (SELECT child_id \
             FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2) g \
             CROSS JOIN members m WHERE m.tenant_id = $1 AND m.id = g.child_id \
             ORDER BY m.birth_date, m.id",
            args![me],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .filter(|r| is_minor(r.birth_date.as_deref(), today))
        .map(|r| PersonLink {
            id: MemberId(r.id),
            name: format!("{} {}", r.given_name, r.family_name),
        })
        .collect())
}

/// Checks that the caller is a guardian of `child` and the child is still a minor on
/// `today`. Someone else's record is simply not found; a child who came of age manages
/// their own record, which the refusal says.
pub(crate) async fn require_guardian(
    db: &Db,
    scope: &TenantScope,
    child: MemberId,
    today: Date,
) -> Result<()> {
    let me = scope.member_id().ok_or(AppError::NotFound)?;
    let mut tx = db.tenant_read(scope).await?;
    let row: Option<(Option<String>,)> = tx
        .fetch_optional(
            "SELECT m.birth_date FROM member_guardians g \
             JOIN members m ON m.tenant_id = g.tenant_id AND m.id = g.child_id \
             WHERE g.tenant_id = $1 AND g.guardian_id = $2 AND g.child_id = $3",
            args![me, child],
        )
        .await?;
    tx.commit().await?;
    let (birth,) = row.ok_or(AppError::NotFound)?;
    if is_minor(birth.as_deref(), today) {
        Ok(())
    } else {
        Err(AppError::bad_request(Msg::ErrComeOfAge))
    }
}

/// A guardian reads their minor child's record.
pub async fn child(
    db: &Db,
    scope: &TenantScope,
    child: MemberId,
    today: Date,
) -> Result<MemberDetail> {
    require_guardian(db, scope, child, today).await?;
    detail(db, scope, child, Viewer::Member, true).await
}

/// A guardian changes the contact details of their minor child's record; stamped as the
/// guardian.
pub async fn update_child(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    child: MemberId,
    input: &SelfInput,
    expected_version: i64,
) -> Result<()> {
    require_guardian(db, scope, child, scope.today(now)).await?;
    update_contact(db, scope, actor, now, child, input, expected_version).await
}

/// The daily family task of one club: every member with guardians who has come of age and
/// was not invited yet is invited to an account of their own (when the record has an
/// e-mail address and no account); the invitation is recorded, so it is sent once. Their
/// guardians' access has already ended by then (it is checked against the birth date on
/// every request). Returns how many were invited.
pub async fn invite_members_of_age(
    db: &Db,
    mailer: &crate::mail::Mailer,
    base_url: &str,
    scope: &TenantScope,
    now: Timestamp,
) -> Result<usize> {
    let today = scope.today(now);
    let cutoff = today.plus_years(-AGE_OF_MAJORITY).to_string();
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<AdultRow> = tx
        .fetch_all(
            "SELECT m.id, m.email FROM members m WHERE m.tenant_id = $1 \
             AND m.adult_invited_at IS NULL AND m.birth_date IS NOT NULL AND m.birth_date <= $2 \
             AND m.restricted_at IS NULL \
             AND m.status IN ('active', 'applicant') \
             AND EXISTS (SELECT 1 FROM member_guardians g WHERE g.tenant_id = m.tenant_id AND g.child_id = m.id) \
             AND NOT EXISTS (SELECT 1 FROM memberships s WHERE s.tenant_id = m.tenant_id AND s.member_id = m.id)",
            args![cutoff],
        )
        .await?;
    tx.commit().await?;
    let system = Actor::system("families");
    let mut invited = 0;
    for r in rows {
        if r.email.is_some() {
            match invite_to_account(db, mailer, base_url, scope, &system, now, MemberId(r.id)).await
            {
                Ok(_) => invited += 1,
                // The address is a parent's, already linked to their own record: the club
                // gives the new adult an address of their own and invites them by hand.
                Err(AppError::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        // Recorded either way: a record without an address is not retried every day.
        let mut tx = db.tenant_write(scope, &system, now).await?;
        tx.execute(
            "UPDATE members SET adult_invited_at = $3 WHERE tenant_id = $1 AND id = $2",
            args![r.id, now],
        )
        .await?;
        tx.commit().await?;
    }
    Ok(invited)
}

/// The member record linked to the caller's own account in this club.
pub async fn own(db: &Db, scope: &TenantScope) -> Result<MemberDetail> {
    let id = scope.member_id().ok_or(AppError::NotFound)?;
    detail(db, scope, id, Viewer::Member, true).await
}

/// A member changes the contact fields of their own record; the change is stamped as theirs.
pub async fn update_own(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: &SelfInput,
    expected_version: i64,
) -> Result<()> {
    let id = scope.member_id().ok_or(AppError::NotFound)?;
    update_contact(db, scope, actor, now, id, input, expected_version).await
}

/// Changes the contact fields of one record (self-service and guardians).
async fn update_contact(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: MemberId,
    input: &SelfInput,
    expected_version: i64,
) -> Result<()> {
    let mut p = Problems::default();
    let [email, phone, street, postcode, city] = check_contact(
        &mut p,
        &input.email,
        &input.phone,
        &input.street,
        &input.postcode,
        &input.city,
    );
    let mut tx = db.tenant_write(scope, actor, now).await?;
    ensure_changeable(&mut tx, id).await?;
    let ((), custom) = with_custom(&mut tx, p.done(), &input.custom, Viewer::Member).await?;
    let cols = vec![
        ("email", email.into()),
        ("phone", phone.into()),
        ("street", street.into()),
        ("postcode", postcode.into()),
        ("city", city.into()),
    ];
    if !tx
        .update("members", id.0, cols, Some(expected_version))
        .await?
    {
        return Err(conflict(&mut tx, id).await?);
    }
    custom_fields::store(&mut tx, id, &custom).await?;
    search::reindex(&mut tx, id).await?;
    // licences: the federations' copy of the shared fields follows the change.
    crate::fedcopy::refresh_shared(&mut tx, &[id]).await?;
    tx.commit().await
}

/// Checks a record as typed in the staff form, storing nothing: the rules of a save
/// ([`validate_input`] and the club's own fields, `custom_fields::read_posted`), for the
/// form's validation as you type (`members.edit`).
pub async fn check_input(
    db: &Db,
    scope: &TenantScope,
    input: &MemberInput,
    today: Date,
) -> Result<()> {
    let _ = super::access::register(scope, true)?;
    let checked = validate_input(input, today);
    // The club's own fields too, by the same definitions and rules a save reads (in a
    // read transaction: nothing is written).
    let mut tx = db.tenant_read(scope).await?;
    let result = with_custom(&mut tx, checked, &input.custom, Viewer::staff(scope)).await;
    tx.commit().await?;
    result.map(|_| ())
}
