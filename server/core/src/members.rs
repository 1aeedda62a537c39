//! The member register of a club.

use crate::custom_fields::{self, Viewer};
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{args, ids, search};
use std::collections::BTreeMap;
use tessera_common::dto::{
    MemberDetail, MemberFilter, MemberPage, MemberRow, MemberStatus, PersonLink, Stamp,
};
use tessera_common::modules::{MEMBERS_EDIT, MEMBERS_VIEW};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, IdentityId, MemberId, Msg, Problem};

/// A new member record.
#[derive(Clone, Debug, Default)]
pub struct NewMember {
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub status: Option<MemberStatus>,
    pub joined_on: Option<String>,
    pub membership_type: Option<String>,
    pub season: Option<String>,
}

/// The key the register sorts by: family name, then given name, case-folded.
pub fn sort_name(given: &str, family: &str) -> String {
    format!("{} {}", family.trim(), given.trim()).to_lowercase()
}

fn check_name(field: &str, v: &str) -> Result<()> {
    let n = v.trim().chars().count();
    if n == 0 || n > 100 {
        return Err(AppError::field(field, Msg::ErrChars1To100));
    }
    Ok(())
}

impl NewMember {
    fn validate(&self) -> Result<()> {
        check_name("given_name", &self.given_name)?;
        check_name("family_name", &self.family_name)?;
        for (field, v) in [
            ("birth_date", &self.birth_date),
            ("joined_on", &self.joined_on),
        ] {
            if let Some(d) = v {
                if Date::parse(d).is_none() {
                    return Err(AppError::field(field, Msg::ErrDateFormat));
                }
            }
        }
        if let Some(e) = &self.email {
            if crate::identities::normalize_email(e).is_none() {
                return Err(AppError::field("email", Msg::ErrEmailInvalid));
            }
        }
        Ok(())
    }
}

/// The columns [`insert_many`] writes, in the order of [`NewMember::values`].
const INSERT_COLUMNS: &[&str] = &[
    "id",
    "given_name",
    "family_name",
    "birth_date",
    "gender",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "status",
    "joined_on",
    "membership_type",
    "season",
    "sort_name",
];

impl NewMember {
    /// The record's values for [`INSERT_COLUMNS`], checked and normalised.
    fn values(&self, id: MemberId) -> Result<Vec<crate::db::Value>> {
        self.validate()?;
        Ok(vec![
            id.into(),
            self.given_name.trim().into(),
            self.family_name.trim().into(),
            self.birth_date.clone().into(),
            self.gender.clone().into(),
            self.email
                .as_deref()
                .and_then(crate::identities::normalize_email)
                .into(),
            self.phone.clone().into(),
            self.street.clone().into(),
            self.postcode.clone().into(),
            self.city.clone().into(),
            self.status.unwrap_or(MemberStatus::Active).as_str().into(),
            self.joined_on.clone().into(),
            self.membership_type.clone().into(),
            self.season.clone().into(),
            sort_name(&self.given_name, &self.family_name).into(),
        ])
    }
}

/// Inserts a member inside an open write transaction (used by seeding and imports, which
/// commit many records at once).
pub(crate) async fn insert(tx: &mut TenantTx, m: &NewMember) -> Result<MemberId> {
    Ok(insert_many(tx, std::slice::from_ref(m)).await?[0])
}

/// Inserts many members inside an open write transaction with multi-row statements (no
/// round trip per record), each stamped like [`TenantTx::insert`] stamps, with their search
/// words. Nothing is written when one record is refused.
pub(crate) async fn insert_many(tx: &mut TenantTx, ms: &[NewMember]) -> Result<Vec<MemberId>> {
    let mut ids = Vec::with_capacity(ms.len());
    let mut rows = Vec::with_capacity(ms.len());
    let mut words = Vec::new();
    for m in ms {
        let id = MemberId(ids::new_id());
        rows.push(m.values(id)?);
        let email = m
            .email
            .as_deref()
            .and_then(crate::identities::normalize_email);
        words.extend(search::rows(
            id,
            &m.given_name,
            &m.family_name,
            email.as_deref(),
        ));
        ids.push(id);
    }
    tx.insert_many_cols("members", INSERT_COLUMNS, rows).await?;
    tx.insert_index_rows("member_search", search::COLUMNS, words)
        .await?;
    Ok(ids)
}

/// Links guardians to children (pairs of guardian, child), all members of this club, with
/// multi-row statements.
pub(crate) async fn link_guardians(
    tx: &mut TenantTx,
    pairs: &[(MemberId, MemberId)],
) -> Result<()> {
    if pairs.iter().any(|(g, c)| g == c) {
        return Err(AppError::bad_request(Msg::ErrOwnGuardian));
    }
    let rows = pairs
        .iter()
        .map(|(g, c)| vec![(*g).into(), (*c).into()])
        .collect();
    tx.insert_many_cols("member_guardians", &["guardian_id", "child_id"], rows)
        .await
}

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

/// Counts for the club home page.
pub struct ClubCounts {
    pub members: i64,
    pub active: i64,
    pub minors: i64,
    pub families: i64,
}

pub async fn counts(db: &Db, scope: &TenantScope, today: Date) -> Result<ClubCounts> {
    let adult_cutoff = Date::new(today.year - 18, today.month, today.day)
        .or_else(|| Date::new(today.year - 18, today.month, today.day - 1))
        .map(|d| d.to_string())
        .unwrap_or_default();
    let mut tx = db.tenant_read(scope).await?;
    let row: (i64, i64, i64, i64) = tx
        .fetch_one(
            "SELECT \
             (SELECT count(*) FROM members WHERE tenant_id = $1), \
             (SELECT count(*) FROM members WHERE tenant_id = $1 AND status = 'active'), \
             (SELECT count(*) FROM members WHERE tenant_id = $1 AND status = 'active' AND birth_date > $2), \
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

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    email: Option<String>,
    city: Option<String>,
    status: String,
}

/// A row of a search's page with the number of all its matches.
#[derive(sqlx::FromRow)]
struct CountedRow {
    #[sqlx(flatten)]
    row: ListRow,
    total: i64,
}

pub const PER_PAGE: i64 = 50;

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

/// The orders the register can be sorted in: the value in the address, the column, and
/// whether it runs backwards. Records without a birth or joining date come last either way.
const SORTS: &[(&str, &str, bool)] = &[
    ("name", "sort_name", false),
    ("-name", "sort_name", true),
    ("birth", "birth_date", false),
    ("-birth", "birth_date", true),
    ("joined", "joined_on", false),
    ("-joined", "joined_on", true),
];

/// One page of the register with its filters (status, membership type, season), a search
/// by name or e-mail address, and an order. Unknown values are refused with what to use.
pub async fn list_filtered(
    db: &Db,
    scope: &TenantScope,
    filter: &MemberFilter,
    page: i64,
) -> Result<MemberPage> {
    scope.require(MEMBERS_VIEW)?;
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
        .await;
    }
    // Only the filters in use become conditions, each a bound parameter.
    let mut conds = vec!["tenant_id = $1".to_string()];
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
    let search_alone = !words.is_empty() && conds.len() == 2;
    let count_matches = format!("SELECT count(*) FROM ({found}) s");
    let (rows, total): (Vec<ListRow>, i64) = if column == "sort_name" && search_alone {
        // In name order the page is taken from the index, which keeps each member's name
        // order, with the number of matches counted in the same statement; only the page's
        // records are read. PostgreSQL counts in the same pass (a window); SQLite counts
        // apart in a subquery it runs once, which cost it a quarter less than the window
        // (that makes it write every match to a table of its own before sorting them).
        let count_args = args.clone();
        tx.reuse_plans().await?;
        let limit = param(&mut args, PER_PAGE.into());
        let offset = param(&mut args, ((page - 1) * PER_PAGE).into());
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
        let total: (i64,) = if words.is_empty() && field_filters.is_empty() {
            tx.fetch_one(
                &format!(
                    "SELECT CAST(coalesce(sum(n), 0) AS BIGINT) FROM member_tallies WHERE {}",
                    tally_conds.join(" AND ")
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
        let limit = param(&mut args, PER_PAGE.into());
        let offset = param(&mut args, ((page - 1) * PER_PAGE).into());
        let sql = if column == "sort_name" {
            format!(
                "SELECT {COLS} FROM {from} WHERE {where_} \
             ORDER BY sort_name {dir}, id {dir} LIMIT {limit} OFFSET {offset}"
            )
        } else {
            // A date may be missing: the dated records in order, then the others, each part
            // read in the order of the index on (tenant_id, column, id).
            let upto = param(&mut args, (page * PER_PAGE).into());
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
}

/// The register page around its rows: the filters as understood, and the membership types
/// and seasons the club uses (from the tallies, not from the records).
#[allow(clippy::too_many_arguments)]
async fn page_of(
    mut tx: TenantTx,
    scope: &TenantScope,
    filter: &MemberFilter,
    query: &str,
    status: &str,
    sort: &str,
    page: i64,
    rows: Vec<ListRow>,
    total: i64,
    (field_filters, filter_fields): (Vec<(i64, String)>, Vec<tessera_common::dto::CustomField>),
) -> Result<MemberPage> {
    // The seasons (newest first) and the types the filters offer, in one statement.
    let choices: Vec<(String, String)> = tx
        .fetch_all(
            &format!(
                "SELECT 's' AS kind, v FROM ({USED_SEASONS}) s \
                 UNION ALL SELECT 't' AS kind, v FROM ({USED_TYPES}) t"
            ),
            args![],
        )
        .await?;
    tx.commit().await?;
    let (seasons, types): (Vec<_>, Vec<_>) = choices.into_iter().partition(|(k, _)| k == "s");
    let mut seasons: Vec<String> = seasons.into_iter().map(|(_, v)| v).collect();
    let mut types: Vec<String> = types.into_iter().map(|(_, v)| v).collect();
    seasons.sort_by(|a, b| b.cmp(a));
    types.sort();
    Ok(MemberPage {
        rows: rows
            .into_iter()
            .map(|r| MemberRow {
                id: MemberId(r.id),
                given_name: r.given_name,
                family_name: r.family_name,
                birth_date: r.birth_date,
                email: r.email,
                city: r.city,
                status: MemberStatus::parse(&r.status).unwrap_or(MemberStatus::Active),
            })
            .collect(),
        total,
        page,
        per_page: PER_PAGE,
        filter: MemberFilter {
            query: query.to_string(),
            status: status.to_string(),
            membership_type: filter.membership_type.trim().to_string(),
            season: filter.season.trim().to_string(),
            sort: sort.to_string(),
            fields: field_filters.into_iter().collect(),
        },
        types,
        seasons,
        filter_fields,
        can_edit: scope.can(MEMBERS_EDIT),
    })
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    street: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
    status: String,
    joined_on: Option<String>,
    ended_on: Option<String>,
    gender: Option<String>,
    membership_type: Option<String>,
    season: Option<String>,
    version: i64,
    updated_at: i64,
    updated_by_name: Option<String>,
    has_account: bool,
    account_has_factor: bool,
    has_family: bool,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: i64,
    given_name: String,
    family_name: String,
}

#[derive(sqlx::FromRow)]
struct FamilyRow {
    rel: String,
    #[sqlx(flatten)]
    person: LinkRow,
}

fn links(rows: Vec<LinkRow>) -> Vec<PersonLink> {
    rows.into_iter()
        .map(|r| PersonLink {
            id: MemberId(r.id),
            name: format!("{} {}", r.given_name, r.family_name),
        })
        .collect()
}

/// One member with guardians, children and the last-change stamp (`members.view`); with
/// `members.edit` whether their account's second factor can be reset, with `roles.manage`
/// their account and its roles. One read for all of it.
pub async fn get(db: &Db, scope: &TenantScope, id: MemberId) -> Result<MemberDetail> {
    scope.require(MEMBERS_VIEW)?;
    let can_edit = scope.can(MEMBERS_EDIT);
    let mut tx = db.tenant_read(scope).await?;
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
    scope.require(MEMBERS_EDIT)?;
    let mut d = detail(db, scope, id, Viewer::staff(scope), true).await?;
    d.can_edit = true;
    Ok(d)
}

/// One member record with the custom fields `viewer` may see, read without a permission
/// check (callers check).
async fn detail(
    db: &Db,
    scope: &TenantScope,
    id: MemberId,
    viewer: Viewer,
    can_change: bool,
) -> Result<MemberDetail> {
    let mut tx = db.tenant_read(scope).await?;
    let (d, _) = detail_in(&mut tx, id, viewer, can_change).await?;
    tx.commit().await?;
    Ok(d)
}

/// [`detail`] in the caller's transaction, with whether an account linked to the record has
/// a second factor (the caller decides whether that may be shown).
async fn detail_in(
    tx: &mut TenantTx,
    id: MemberId,
    viewer: Viewer,
    can_change: bool,
) -> Result<(MemberDetail, bool)> {
    let row: DetailRow = tx
        .fetch_optional(
            "SELECT id, given_name, family_name, birth_date, email, phone, street, postcode, city, \
             status, joined_on, ended_on, gender, membership_type, season, version, updated_at, \
             updated_by_name, EXISTS (SELECT 1 FROM memberships s WHERE s.tenant_id = members.tenant_id \
             AND s.member_id = members.id) AS has_account, \
             EXISTS (SELECT 1 FROM identities i WHERE i.totp_enabled_at IS NOT NULL AND \
              (i.id = members.identity_id OR i.id IN (SELECT s.identity_id FROM memberships s \
               WHERE s.tenant_id = members.tenant_id AND s.member_id = members.id))) AS account_has_factor, \
             (EXISTS (SELECT 1 FROM member_guardians g WHERE g.tenant_id = members.tenant_id \
               AND g.child_id = members.id) \
              OR EXISTS (SELECT 1 FROM member_guardians g WHERE g.tenant_id = members.tenant_id \
               AND g.guardian_id = members.id)) AS has_family \
             FROM members WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    // Guardians (by name) and children (by birth date) in one statement, for the few
    // records that have any.
    let family: Vec<FamilyRow> = if !row.has_family {
        Vec::new()
    } else {
        tx.fetch_all(
            "SELECT 'g' AS rel, m.id, m.given_name, m.family_name, m.sort_name AS k \
             FROM (SELECT guardian_id FROM member_guardians WHERE tenant_id = $1 AND child_id = $2) g \
             CROSS JOIN members m WHERE m.tenant_id = $1 AND m.id = g.guardian_id \
             UNION ALL \
             SELECT 'c' AS rel, m.id, m.given_name, m.family_name, m.birth_date AS k \
             FROM (SELECT child_id FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2) g \
             CROSS JOIN members m WHERE m.tenant_id = $1 AND m.id = g.child_id \
             ORDER BY rel DESC, k",
            args![id],
        )
        .await?
    };
    let (guardians, children): (Vec<FamilyRow>, Vec<FamilyRow>) =
        family.into_iter().partition(|r| r.rel == "g");
    let custom = custom_fields::values_of(tx, id, viewer, can_change).await?;
    let account_has_factor = row.account_has_factor;
    let detail = MemberDetail {
        id: MemberId(row.id),
        given_name: row.given_name,
        family_name: row.family_name,
        birth_date: row.birth_date,
        email: row.email,
        phone: row.phone,
        street: row.street,
        postcode: row.postcode,
        city: row.city,
        status: MemberStatus::parse(&row.status).unwrap_or(MemberStatus::Active),
        joined_on: row.joined_on,
        ended_on: row.ended_on,
        gender: row.gender,
        membership_type: row.membership_type,
        season: row.season,
        version: row.version,
        can_edit: false,
        has_account: row.has_account,
        guardians: links(guardians.into_iter().map(|r| r.person).collect()),
        children: links(children.into_iter().map(|r| r.person).collect()),
        stamp: Stamp {
            at: Timestamp(row.updated_at),
            by: row.updated_by_name,
        },
        can_reset_factor: false,
        account: None,
        custom,
    };
    Ok((detail, account_has_factor))
}

// ---------------------------------------------------------------- changing a record

/// A member record as a form submits it: every standard field as typed (the form's own
/// type, shared with the pages).
pub use tessera_common::dto::MemberForm as MemberInput;

/// The fields a member may change in their own record.
#[derive(Clone, Debug, Default)]
pub struct SelfInput {
    pub email: String,
    pub phone: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    /// The club's own fields the member may change, as posted (see `MemberForm::custom`).
    pub custom: BTreeMap<String, String>,
}

/// Collects the problems of a form, one message per field.
#[derive(Default)]
pub(crate) struct Problems(Vec<tessera_common::FieldError>);

impl Problems {
    pub(crate) fn add(&mut self, field: &str, problem: impl Into<tessera_common::Problem>) {
        self.0.push(tessera_common::FieldError::new(field, problem));
    }
    pub(crate) fn done(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
    /// `checked`'s result with these problems added to its own.
    fn join<T>(self, checked: Result<T>) -> Result<T> {
        match checked {
            Err(AppError::Invalid(mut v)) => {
                v.extend(self.0);
                Err(AppError::Invalid(v))
            }
            Err(e) => Err(e),
            Ok(t) => self.done().map(|_| t),
        }
    }
}

fn optional(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

fn check_text(p: &mut Problems, field: &str, v: &str, max: usize) -> Option<String> {
    let v = optional(v);
    if let Some(t) = &v {
        if t.chars().count() > max || t.chars().any(char::is_control) {
            p.add(field, Problem::new(Msg::ErrMaxCharsOneLine).arg("max", max));
        }
    }
    v
}

fn check_date(p: &mut Problems, field: &str, v: &str, today: Date) -> Option<Date> {
    let v = optional(v)?;
    match Date::parse(&v) {
        Some(d) if d.year >= 1900 && d <= today.plus_years(1) => Some(d),
        Some(_) => {
            p.add(field, Msg::ErrDateRange);
            None
        }
        None => {
            p.add(field, Msg::ErrDateFormat);
            None
        }
    }
}

/// A phone number: digits with the usual separators, 6 to 20 digits, an optional leading +.
pub fn check_phone(v: &str) -> bool {
    let digits = v.chars().filter(char::is_ascii_digit).count();
    (6..=20).contains(&digits)
        && v.chars().enumerate().all(|(i, c)| {
            c.is_ascii_digit()
                || matches!(c, ' ' | '-' | '.' | '/' | '(' | ')')
                || (c == '+' && i == 0)
        })
}

fn check_contact(
    p: &mut Problems,
    email: &str,
    phone: &str,
    street: &str,
    postcode: &str,
    city: &str,
) -> [Option<String>; 5] {
    let email = optional(email).and_then(|e| match crate::identities::normalize_email(&e) {
        Some(n) => Some(n),
        None => {
            p.add("email", Msg::ErrEmailExample);
            None
        }
    });
    let phone = optional(phone).filter(|v| {
        let ok = check_phone(v);
        if !ok {
            p.add("phone", Msg::ErrPhone);
        }
        ok
    });
    let street = check_text(p, "street", street, 120);
    let postcode = optional(postcode).filter(|v| {
        let ok = v.chars().count() <= 10
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
        if !ok {
            p.add("postcode", Msg::ErrPostcode);
        }
        ok
    });
    let city = check_text(p, "city", city, 80);
    [email, phone, street, postcode, city]
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
    scope.require(MEMBERS_EDIT)?;
    let checked = validate_input(input, today);
    // The club's own fields too, by the same definitions and rules a save reads (in a
    // read transaction: nothing is written).
    let mut tx = db.tenant_read(scope).await?;
    let result = with_custom(&mut tx, checked, &input.custom, Viewer::staff(scope)).await;
    tx.commit().await?;
    result.map(|_| ())
}

/// Checks a submitted record; every problem is reported at once, per field. The one set
/// of rules for a record, whether typed in the form, read from an import file or sent with
/// a registration form. Returns the columns to store.
pub(crate) fn validate_input(
    input: &MemberInput,
    today: Date,
) -> Result<Vec<(&'static str, crate::db::Value)>> {
    let mut p = Problems::default();
    let mut name = |field: &str, v: &str| {
        let t = v.trim().to_string();
        if t.is_empty() || t.chars().count() > 100 || t.chars().any(char::is_control) {
            p.add(field, Msg::ErrChars1To100);
        }
        t
    };
    let given = name("given_name", &input.given_name);
    let family = name("family_name", &input.family_name);
    let birth = check_date(&mut p, "birth_date", &input.birth_date, today);
    if birth.is_some_and(|b| b > today) {
        p.add("birth_date", Msg::ErrBirthFuture);
    }
    let gender = optional(&input.gender);
    if gender
        .as_deref()
        .is_some_and(|g| !matches!(g, "f" | "m" | "x"))
    {
        p.add("gender", Msg::ErrChooseOptionOrEmpty);
    }
    let [email, phone, street, postcode, city] = check_contact(
        &mut p,
        &input.email,
        &input.phone,
        &input.street,
        &input.postcode,
        &input.city,
    );
    let membership_type = check_text(&mut p, "membership_type", &input.membership_type, 40);
    let season = optional(&input.season);
    if let Some(s) = &season {
        let ok = s.len() == 9
            && s.as_bytes()[4] == b'-'
            && matches!(
                (s[..4].parse::<i32>(), s[5..].parse::<i32>()),
                (Ok(a), Ok(b)) if b == a + 1 && (1900..=2200).contains(&a)
            );
        if !ok {
            p.add("season", Msg::ErrSeason);
        }
    }
    let status = MemberStatus::parse(input.status.trim());
    if status.is_none() {
        p.add("status", Msg::ErrChooseStatus);
    }
    let joined = check_date(&mut p, "joined_on", &input.joined_on, today);
    let ended = check_date(&mut p, "ended_on", &input.ended_on, today);
    if let (Some(j), Some(e)) = (joined, ended) {
        if e < j {
            p.add("ended_on", Msg::ErrEndBeforeJoin);
        }
    }
    if status == Some(MemberStatus::Ended) && ended.is_none() && optional(&input.ended_on).is_none()
    {
        p.add("ended_on", Msg::ErrEndDateMissing);
    }
    p.done()?;
    Ok(vec![
        ("given_name", given.clone().into()),
        ("family_name", family.clone().into()),
        ("sort_name", sort_name(&given, &family).into()),
        ("birth_date", birth.map(|d| d.to_string()).into()),
        ("gender", gender.into()),
        ("email", email.into()),
        ("phone", phone.into()),
        ("street", street.into()),
        ("postcode", postcode.into()),
        ("city", city.into()),
        ("membership_type", membership_type.into()),
        ("season", season.into()),
        (
            "status",
            status.unwrap_or(MemberStatus::Active).as_str().into(),
        ),
        ("joined_on", joined.map(|d| d.to_string()).into()),
        ("ended_on", ended.map(|d| d.to_string()).into()),
    ])
}

/// The conflict of a stale save: who changed the record, and when.
async fn conflict(tx: &mut TenantTx, id: MemberId) -> Result<AppError> {
    let row: Option<(i64, Option<String>)> = tx
        .fetch_optional(
            "SELECT updated_at, updated_by_name FROM members WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    let (at, by) = row.ok_or(AppError::NotFound)?;
    Ok(AppError::Conflict(
        Problem::new(Msg::ErrRecordChanged)
            .arg_or("who", by, Msg::SystemActor)
            .arg("when", Timestamp(at).format_brussels()),
    ))
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
    scope.require(MEMBERS_EDIT)?;
    let checked = validate_input(input, now.utc_date());
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (cols, custom) = with_custom(&mut tx, checked, &input.custom, Viewer::staff(scope)).await?;
    if !tx
        .update("members", id.0, cols, Some(expected_version))
        .await?
    {
        return Err(conflict(&mut tx, id).await?);
    }
    custom_fields::store(&mut tx, id, &custom).await?;
    search::reindex(&mut tx, id).await?;
    tx.commit().await
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
    if !scope.can(MEMBERS_VIEW) {
        scope.require(MEMBERS_EDIT)?;
    }
    let mut tx = db.tenant_read(scope).await?;
    let types = used_types(&mut tx).await?;
    tx.commit().await?;
    Ok(types)
}

/// The membership types in use (at most 100), as `v`.
const USED_TYPES: &str = "SELECT membership_type AS v FROM member_tallies WHERE tenant_id = $1 \
    AND membership_type <> '' GROUP BY membership_type HAVING sum(n) > 0 \
    ORDER BY membership_type LIMIT 100";
/// The seasons in use (at most 100, newest first), as `v`.
const USED_SEASONS: &str = "SELECT season AS v FROM member_tallies WHERE tenant_id = $1 \
    AND season <> '' GROUP BY season HAVING sum(n) > 0 ORDER BY season DESC LIMIT 100";

async fn used_types(tx: &mut TenantTx) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = tx.fetch_all(USED_TYPES, args![]).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
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
    let checked = validate_input(input, now.utc_date());
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

/// What inviting a member to an account did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invitation {
    /// A link to set a password was mailed (a new account, or one never used).
    Sent,
    /// The address already belongs to an account that signs in: it is now linked to the
    /// record, no mail needed.
    Linked,
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
    let known = crate::identities::find_by_email(db, &email).await?;
    let mut tx = db.tenant_read(scope).await?;
    let state = link_state(&mut tx, member, known).await?;
    tx.commit().await?;
    link_step(state)?;
    let identity = match known {
        Some(id) => id,
        None => crate::identities::create(db, actor, now, &email, &name, None).await?,
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
    if crate::identities::has_password(db, identity).await? {
        return Ok(Invitation::Linked);
    }
    crate::links::send_invite(db, mailer, base_url, scope, actor, identity, now).await?;
    Ok(Invitation::Sent)
}

/// The membership linked to a record, and the membership of the account (if known).
type LinkState = (Option<i64>, Option<(i64, Option<i64>)>);

async fn link_state(
    tx: &mut TenantTx,
    member: MemberId,
    identity: Option<IdentityId>,
) -> Result<LinkState> {
    let linked: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM memberships WHERE tenant_id = $1 AND member_id = $2",
            args![member],
        )
        .await?;
    let existing: Option<(i64, Option<i64>)> = match identity {
        Some(id) => {
            tx.fetch_optional(
                "SELECT id, member_id FROM memberships WHERE tenant_id = $1 AND identity_id = $2",
                args![id],
            )
            .await?
        }
        None => None,
    };
    Ok((linked.map(|l| l.0), existing))
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

/// The age from which a member manages their own record: guardians' access ends then.
pub const AGE_OF_MAJORITY: i32 = 18;

#[derive(sqlx::FromRow)]
struct ChildRow {
    id: i64,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
}

/// Whether a birth date makes someone a minor on `today` (unknown: not a minor, so no one
/// keeps access to a record on a guess).
fn is_minor(birth_date: Option<&str>, today: Date) -> bool {
    birth_date
        .and_then(Date::parse)
        .is_some_and(|b| b.age_on(today) < AGE_OF_MAJORITY)
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
async fn require_guardian(
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
    require_guardian(db, scope, child, now.utc_date()).await?;
    update_contact(db, scope, actor, now, child, input, expected_version).await
}

#[derive(sqlx::FromRow)]
struct AdultRow {
    id: i64,
    email: Option<String>,
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
    let today = now.utc_date();
    let cutoff = today.plus_years(-AGE_OF_MAJORITY).to_string();
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<AdultRow> = tx
        .fetch_all(
            "SELECT m.id, m.email FROM members m WHERE m.tenant_id = $1 \
             AND m.adult_invited_at IS NULL AND m.birth_date IS NOT NULL AND m.birth_date <= $2 \
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
    tx.commit().await
}
