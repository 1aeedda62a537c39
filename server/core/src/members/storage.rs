//! The member register: its SQL. Inserting records (one or many), the pages of the
//! register, a record with its family and account, the tallies behind the filters.

use super::model::*;
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::members::custom_fields::{self, Viewer};
use crate::scope::TenantScope;
use crate::{args, ids, search};
use tessera_common::dto::{
    MemberDetail, MemberFilter, MemberPage, MemberRow, MemberStatus, PersonLink, Stamp,
};
use tessera_common::modules::MEMBERS_EDIT;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, IdentityId, MemberId, Msg, Problem};

/// The columns [`insert_many`] writes, in the order of [`NewMember::values`].
pub(super) const INSERT_COLUMNS: &[&str] = &[
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
    pub(super) fn values(&self, id: MemberId) -> Result<Vec<crate::db::Value>> {
        self.validate()?;
        Ok(vec![
            id.into(),
            self.given_name.trim().into(),
            self.family_name.trim().into(),
            self.birth_date.clone().into(),
            self.gender.clone().into(),
            self.email
                .as_deref()
                .and_then(crate::accounts::identities::normalize_email)
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
            .and_then(crate::accounts::identities::normalize_email);
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

#[derive(sqlx::FromRow)]
pub(super) struct ListRow {
    pub(super) id: i64,
    pub(super) given_name: String,
    pub(super) family_name: String,
    pub(super) birth_date: Option<String>,
    pub(super) email: Option<String>,
    pub(super) city: Option<String>,
    pub(super) status: String,
}

/// A row of a search's page with the number of all its matches.
#[derive(sqlx::FromRow)]
pub(super) struct CountedRow {
    #[sqlx(flatten)]
    pub(super) row: ListRow,
    pub(super) total: i64,
}

/// The orders the register can be sorted in: the value in the address, the column, and
/// whether it runs backwards. Records without a birth or joining date come last either way.
pub(super) const SORTS: &[(&str, &str, bool)] = &[
    ("name", "sort_name", false),
    ("-name", "sort_name", true),
    ("birth", "birth_date", false),
    ("-birth", "birth_date", true),
    ("joined", "joined_on", false),
    ("-joined", "joined_on", true),
];

/// The register page around its rows: the filters as understood, and the membership types
/// and seasons the club uses (from the tallies, not from the records).
#[allow(clippy::too_many_arguments)]
pub(super) async fn page_of(
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
        per_page: filter.rows_per_page(),
        filter: MemberFilter {
            query: query.to_string(),
            status: status.to_string(),
            membership_type: filter.membership_type.trim().to_string(),
            season: filter.season.trim().to_string(),
            sort: sort.to_string(),
            fields: field_filters.into_iter().collect(),
            consent: filter.consent.trim().to_string(),
            per_page: filter.per_page,
            group: String::new(),
            unpaid: String::new(),
        },
        types,
        seasons,
        filter_fields,
        can_edit: scope.can(MEMBERS_EDIT),
        purposes: Vec::new(),
        can_see_fees: scope.can(tessera_common::modules::FEES_VIEW),
        can_manage_groups: scope.can(tessera_common::modules::GROUPS_MANAGE),
        can_mail: scope.can(tessera_common::modules::MAILINGS_SEND),
    })
}

/// The consent purposes the register filters on (the consents feature's table, read here
/// as data: members sit below consents).
pub(super) async fn filter_purposes(
    tx: &mut TenantTx,
) -> Result<Vec<(i64, tessera_common::consent::Localized)>> {
    let rows: Vec<(i64, String, String, String)> = tx
        .fetch_all(
            "SELECT p.id, t.title_en, t.title_nl, t.title_fr FROM consent_purposes p \
             JOIN consent_texts t ON t.tenant_id = p.tenant_id AND t.purpose_id = p.id \
             AND t.text_version = p.text_version \
             WHERE p.tenant_id = $1 ORDER BY p.created_at, p.id",
            args![],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, en, nl, fr)| (id, tessera_common::consent::Localized { en, nl, fr }))
        .collect())
}

#[derive(sqlx::FromRow)]
pub(super) struct DetailRow {
    pub(super) id: i64,
    pub(super) given_name: String,
    pub(super) family_name: String,
    pub(super) birth_date: Option<String>,
    pub(super) email: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) street: Option<String>,
    pub(super) postcode: Option<String>,
    pub(super) city: Option<String>,
    pub(super) status: String,
    pub(super) joined_on: Option<String>,
    pub(super) ended_on: Option<String>,
    pub(super) gender: Option<String>,
    pub(super) membership_type: Option<String>,
    pub(super) season: Option<String>,
    pub(super) version: i64,
    pub(super) updated_at: i64,
    pub(super) updated_by_name: Option<String>,
    pub(super) restricted_at: Option<i64>,
    pub(super) erased_at: Option<i64>,
    pub(super) has_account: bool,
    pub(super) account_has_factor: bool,
    pub(super) has_family: bool,
}

#[derive(sqlx::FromRow)]
pub(super) struct LinkRow {
    pub(super) id: i64,
    pub(super) given_name: String,
    pub(super) family_name: String,
}

#[derive(sqlx::FromRow)]
pub(super) struct FamilyRow {
    pub(super) rel: String,
    #[sqlx(flatten)]
    pub(super) person: LinkRow,
}

pub(super) fn links(rows: Vec<LinkRow>) -> Vec<PersonLink> {
    rows.into_iter()
        .map(|r| PersonLink {
            id: MemberId(r.id),
            name: format!("{} {}", r.given_name, r.family_name),
        })
        .collect()
}

/// One member record with the custom fields `viewer` may see, read without a permission
/// check (callers check).
pub(super) async fn detail(
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
pub(super) async fn detail_in(
    tx: &mut TenantTx,
    id: MemberId,
    viewer: Viewer,
    can_change: bool,
) -> Result<(MemberDetail, bool)> {
    let row: DetailRow = tx
        .fetch_optional(
            "SELECT id, given_name, family_name, birth_date, email, phone, street, postcode, city, \
             status, joined_on, ended_on, gender, membership_type, season, version, updated_at, \
             updated_by_name, restricted_at, erased_at, EXISTS (SELECT 1 FROM memberships s WHERE s.tenant_id = members.tenant_id \
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
        restricted_at: row.restricted_at.map(Timestamp),
        erased: row.erased_at.is_some(),
    };
    Ok((detail, account_has_factor))
}

/// The conflict of a stale save: who changed the record, and when.
pub(super) async fn conflict(tx: &mut TenantTx, id: MemberId) -> Result<AppError> {
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

/// The membership types in use (at most 100), as `v`.
pub(super) const USED_TYPES: &str =
    "SELECT membership_type AS v FROM member_tallies WHERE tenant_id = $1 \
    AND membership_type <> '' GROUP BY membership_type HAVING sum(n) > 0 \
    ORDER BY membership_type LIMIT 100";
/// The seasons in use (at most 100, newest first), as `v`.
pub(super) const USED_SEASONS: &str =
    "SELECT season AS v FROM member_tallies WHERE tenant_id = $1 \
    AND season <> '' GROUP BY season HAVING sum(n) > 0 ORDER BY season DESC LIMIT 100";

pub(super) async fn used_types(tx: &mut TenantTx) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = tx.fetch_all(USED_TYPES, args![]).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The membership linked to a record, and the membership of the account (if known).
pub(super) type LinkState = (Option<i64>, Option<(i64, Option<i64>)>);

pub(super) async fn link_state(
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

#[derive(sqlx::FromRow)]
pub(super) struct ChildRow {
    pub(super) id: i64,
    pub(super) given_name: String,
    pub(super) family_name: String,
    pub(super) birth_date: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct AdultRow {
    pub(super) id: i64,
    pub(super) email: Option<String>,
}
