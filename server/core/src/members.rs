//! The member register of a club.

use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use tessera_common::dto::{MemberDetail, MemberPage, MemberRow, MemberStatus, PersonLink, Stamp};
use tessera_common::modules::{MEMBERS_EDIT, MEMBERS_VIEW};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, MemberId};

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
}

/// The key the register sorts by: family name, then given name, case-folded.
pub fn sort_name(given: &str, family: &str) -> String {
    format!("{} {}", family.trim(), given.trim()).to_lowercase()
}

fn check_name(field: &str, v: &str) -> Result<()> {
    let n = v.trim().chars().count();
    if n == 0 || n > 100 {
        return Err(AppError::field(field, "give 1 to 100 characters"));
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
                    return Err(AppError::field(
                        field,
                        "use a real date written as YYYY-MM-DD",
                    ));
                }
            }
        }
        if let Some(e) = &self.email {
            if crate::identities::normalize_email(e).is_none() {
                return Err(AppError::field("email", "enter a valid e-mail address"));
            }
        }
        Ok(())
    }
}

/// Inserts a member inside an open write transaction (used by seeding and imports, which
/// commit many records at once).
pub(crate) async fn insert(tx: &mut TenantTx, m: &NewMember) -> Result<MemberId> {
    m.validate()?;
    let id = ids::new_id();
    tx.insert(
        "members",
        vec![
            ("id", id.into()),
            ("given_name", m.given_name.trim().into()),
            ("family_name", m.family_name.trim().into()),
            ("birth_date", m.birth_date.clone().into()),
            ("gender", m.gender.clone().into()),
            (
                "email",
                m.email
                    .as_deref()
                    .and_then(crate::identities::normalize_email)
                    .into(),
            ),
            ("phone", m.phone.clone().into()),
            ("street", m.street.clone().into()),
            ("postcode", m.postcode.clone().into()),
            ("city", m.city.clone().into()),
            (
                "status",
                m.status.unwrap_or(MemberStatus::Active).as_str().into(),
            ),
            ("joined_on", m.joined_on.clone().into()),
            ("sort_name", sort_name(&m.given_name, &m.family_name).into()),
        ],
    )
    .await?;
    Ok(MemberId(id))
}

/// Links a guardian to a child, both members of the same club.
pub(crate) async fn link_guardian(
    tx: &mut TenantTx,
    guardian: MemberId,
    child: MemberId,
) -> Result<()> {
    if guardian == child {
        return Err(AppError::bad_request(
            "a member cannot be their own guardian",
        ));
    }
    tx.insert(
        "member_guardians",
        vec![("guardian_id", guardian.into()), ("child_id", child.into())],
    )
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

pub const PER_PAGE: i64 = 50;

/// One page of the register, sorted by name, optionally filtered by a name or e-mail search.
pub async fn list(db: &Db, scope: &TenantScope, query: &str, page: i64) -> Result<MemberPage> {
    scope.require(MEMBERS_VIEW)?;
    let query = query.trim();
    if query.chars().count() > 100 {
        return Err(AppError::field("q", "search with at most 100 characters"));
    }
    let page = page.clamp(1, 1_000_000);
    let pattern = format!(
        "%{}%",
        query
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let filter = "tenant_id = $1 AND ($2 = '' OR sort_name LIKE $3 ESCAPE '\\' OR email LIKE $3 ESCAPE '\\')";
    let mut tx = db.tenant_read(scope).await?;
    let total: (i64,) = tx
        .fetch_one(
            &format!("SELECT count(*) FROM members WHERE {filter}"),
            args![query, pattern.clone()],
        )
        .await?;
    let rows: Vec<ListRow> = tx
        .fetch_all(
            &format!(
                "SELECT id, given_name, family_name, birth_date, email, city, status FROM members \
                 WHERE {filter} ORDER BY sort_name, id LIMIT $4 OFFSET $5"
            ),
            args![query, pattern, PER_PAGE, (page - 1) * PER_PAGE],
        )
        .await?;
    tx.commit().await?;
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
        total: total.0,
        page,
        per_page: PER_PAGE,
        query: query.to_string(),
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
    updated_at: i64,
    updated_by_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: i64,
    given_name: String,
    family_name: String,
}

fn links(rows: Vec<LinkRow>) -> Vec<PersonLink> {
    rows.into_iter()
        .map(|r| PersonLink {
            id: MemberId(r.id),
            name: format!("{} {}", r.given_name, r.family_name),
        })
        .collect()
}

/// One member with guardians, children and the last-change stamp.
pub async fn get(db: &Db, scope: &TenantScope, id: MemberId) -> Result<MemberDetail> {
    scope.require(MEMBERS_VIEW)?;
    let mut tx = db.tenant_read(scope).await?;
    let row: DetailRow = tx
        .fetch_optional(
            "SELECT id, given_name, family_name, birth_date, email, phone, street, postcode, city, \
             status, joined_on, updated_at, updated_by_name FROM members WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let guardians: Vec<LinkRow> = tx
        .fetch_all(
            "SELECT m.id, m.given_name, m.family_name FROM member_guardians g \
             JOIN members m ON m.tenant_id = g.tenant_id AND m.id = g.guardian_id \
             WHERE g.tenant_id = $1 AND g.child_id = $2 ORDER BY m.sort_name",
            args![id],
        )
        .await?;
    let children: Vec<LinkRow> = tx
        .fetch_all(
            "SELECT m.id, m.given_name, m.family_name FROM member_guardians g \
             JOIN members m ON m.tenant_id = g.tenant_id AND m.id = g.child_id \
             WHERE g.tenant_id = $1 AND g.guardian_id = $2 ORDER BY m.birth_date",
            args![id],
        )
        .await?;
    tx.commit().await?;
    Ok(MemberDetail {
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
        guardians: links(guardians),
        children: links(children),
        stamp: Stamp {
            at: Timestamp(row.updated_at),
            by: row.updated_by_name,
        },
        can_reset_factor: false,
        account: None,
    })
}
