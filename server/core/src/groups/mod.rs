//! Groups (issue 19): kinds of group the club names, groups, and who is in them from which
//! day to which day, and who leads them. A member is in group G on day d when one of their
//! periods has `from_date <= d` and (`to_date` empty or `to_date >= d`).
//!
//! For the other features: [`members_on`] (the members of a group on a day), [`led_groups`]
//! (the groups a person leads on a day) and [`may_see_member`] (whether the caller reaches a
//! record: a leader only their groups' members, through `members::access`).
//!
//! Layer: above members.

use crate::db::{Db, TenantTx, Value};
use crate::error::Result;
use crate::members::access::{self, Reach};
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use std::collections::BTreeMap;
use tessera_common::dto::Stamp;
use tessera_common::groups::*;
use tessera_common::modules::{GROUPS_MANAGE, MEMBERS_VIEW};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, MemberId, Msg, Problem};

pub const MAX_NAME: usize = 60;
pub const MAX_DESCRIPTION: usize = 500;
/// Kinds a club may define, and groups per club.
pub const MAX_KINDS: i64 = 50;
pub const MAX_GROUPS: i64 = 1000;
/// Members one bulk action takes.
pub const MAX_BULK: usize = 1000;

fn check_name(v: &str) -> Result<String> {
    let t = v.trim().to_string();
    if t.is_empty() || t.chars().count() > MAX_NAME || t.chars().any(char::is_control) {
        return Err(AppError::field(
            "name",
            Problem::new(Msg::ErrGroupName).arg("max", MAX_NAME),
        ));
    }
    Ok(t)
}

fn check_description(v: &str) -> Result<String> {
    let t = v.trim().to_string();
    if t.chars().count() > MAX_DESCRIPTION
        || t.chars().any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        return Err(AppError::field(
            "description",
            Problem::new(Msg::ErrMaxChars).arg("max", MAX_DESCRIPTION),
        ));
    }
    Ok(t)
}

/// A date typed in a form (`YYYY-MM-DD`), or a clear refusal naming the field.
pub fn parse_day(field: &str, v: &str) -> Result<Date> {
    Date::parse(v.trim()).ok_or_else(|| AppError::field(field, Msg::ErrDateFormat))
}

fn optional_day(field: &str, v: &str) -> Result<Option<Date>> {
    if v.trim().is_empty() {
        Ok(None)
    } else {
        parse_day(field, v).map(Some)
    }
}

/// Who may read groups: those who manage them read every group (with the members' contact
/// fields when they also see the register); a leader reads the groups they lead.
enum Reader {
    All { manage: bool },
    Leader(crate::scope::LeaderGrant),
}

fn reader(scope: &TenantScope) -> Result<Reader> {
    if scope.can(GROUPS_MANAGE) {
        return Ok(Reader::All { manage: true });
    }
    match scope.leader() {
        Some(l) => Ok(Reader::Leader(l.clone())),
        None => scope
            .require(GROUPS_MANAGE)
            .map(|_| Reader::All { manage: true }),
    }
}

#[derive(sqlx::FromRow)]
struct KindRow {
    id: i64,
    name: String,
    age_bands: bool,
    reference_date: Option<String>,
    archived_at: Option<i64>,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    kind_id: i64,
    name: String,
    description: String,
    min_birth_year: Option<i64>,
    max_birth_year: Option<i64>,
    archived_at: Option<i64>,
    version: i64,
    updated_at: i64,
    updated_by_name: Option<String>,
    members_today: i64,
}

impl GroupRow {
    fn info(self) -> GroupInfo {
        GroupInfo {
            id: self.id,
            kind_id: self.kind_id,
            name: self.name,
            description: self.description,
            min_birth_year: self.min_birth_year.map(|y| y as i32),
            max_birth_year: self.max_birth_year.map(|y| y as i32),
            archived: self.archived_at.is_some(),
            version: self.version,
            members_today: self.members_today,
            stamp: Stamp {
                at: Timestamp(self.updated_at),
                by: self.updated_by_name,
            },
        }
    }
}

const GROUP_COLS: &str = "g.id, g.kind_id, g.name, g.description, g.min_birth_year, \
    g.max_birth_year, g.archived_at, g.version, g.updated_at, g.updated_by_name, \
    (SELECT count(*) FROM group_members gm WHERE gm.tenant_id = g.tenant_id \
     AND gm.group_id = g.id AND gm.from_date <= $2 \
     AND (gm.to_date IS NULL OR gm.to_date >= $2)) AS members_today";

/// The groups page: every kind with its groups and their numbers today. A leader sees the
/// groups they lead, nothing else.
pub async fn overview(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<GroupsOverview> {
    let r = reader(scope)?;
    let today = scope.today(now);
    let mut tx = db.tenant_read(scope).await?;
    let kinds: Vec<KindRow> = tx
        .fetch_all(
            "SELECT id, name, age_bands, reference_date, archived_at, version FROM group_kinds \
             WHERE tenant_id = $1 ORDER BY archived_at IS NOT NULL, sort, name",
            args![],
        )
        .await?;
    let groups: Vec<GroupRow> = match &r {
        Reader::All { .. } => {
            tx.fetch_all(
                &format!(
                    "SELECT {GROUP_COLS} FROM club_groups g WHERE g.tenant_id = $1 \
                     ORDER BY g.archived_at IS NOT NULL, g.min_birth_year DESC, g.name"
                ),
                args![today.to_string()],
            )
            .await?
        }
        Reader::Leader(l) => {
            tx.fetch_all(
                &format!(
                    "SELECT {GROUP_COLS} FROM club_groups g WHERE g.tenant_id = $1 \
                     AND g.archived_at IS NULL AND g.id IN (SELECT ld.group_id FROM group_members ld \
                     WHERE ld.tenant_id = $1 AND ld.member_id = $3 AND ld.leader = $4 \
                     AND ld.from_date <= $2 AND (ld.to_date IS NULL OR ld.to_date >= $2)) \
                     ORDER BY g.name"
                ),
                args![today.to_string(), l.leader, true],
            )
            .await?
        }
    };
    tx.commit().await?;
    let mut by_kind: BTreeMap<i64, Vec<GroupInfo>> = BTreeMap::new();
    for g in groups {
        by_kind.entry(g.kind_id).or_default().push(g.info());
    }
    let leader = matches!(r, Reader::Leader(_));
    Ok(GroupsOverview {
        kinds: kinds
            .into_iter()
            .filter_map(|k| {
                let groups = by_kind.remove(&k.id).unwrap_or_default();
                if leader && groups.is_empty() {
                    return None;
                }
                Some(GroupKind {
                    id: k.id,
                    name: k.name,
                    age_bands: k.age_bands,
                    reference_date: k.reference_date,
                    archived: k.archived_at.is_some(),
                    version: k.version,
                    groups,
                })
            })
            .collect(),
        can_manage: matches!(r, Reader::All { manage: true }),
        today: today.to_string(),
    })
}

/// The register's groups (its filter and the bulk form), without counting anyone's
/// members: an age category of a large club holds most of it, and counting it on every
/// register page took a 100,000-member register from about 1,300 to 18 requests/s. Those
/// who see the register (`members.view`) choose from every current group
/// (`register_choices`); a leader without it from the groups they lead (a few members each,
/// counted by the groups page's own reading).
pub async fn register_view(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
) -> Result<RegisterGroupChoices> {
    if scope.leader().is_some() && !scope.can(MEMBERS_VIEW) {
        let o = overview(db, scope, now).await?;
        return Ok(RegisterGroupChoices {
            groups: o
                .kinds
                .iter()
                .filter(|k| !k.archived)
                .flat_map(|k| {
                    k.groups
                        .iter()
                        .filter(|g| !g.archived)
                        .map(move |g| (g.id, format!("{} · {}", k.name, g.name)))
                })
                .collect(),
            can_manage: o.can_manage,
            today: o.today,
        });
    }
    Ok(RegisterGroupChoices {
        groups: register_choices(db, scope).await?,
        can_manage: scope.can(GROUPS_MANAGE),
        today: scope.today(now).to_string(),
    })
}

async fn stamp_conflict(tx: &mut TenantTx, table: &str, id: i64) -> Result<AppError> {
    let row: Option<(i64, Option<String>)> = tx
        .fetch_optional(
            &format!(
                "SELECT updated_at, updated_by_name FROM {table} WHERE tenant_id = $1 AND id = $2"
            ),
            args![id],
        )
        .await?;
    let (at, by) = row.ok_or(AppError::NotFound)?;
    Ok(AppError::Conflict(
        Problem::new(Msg::ErrGroupChanged)
            .arg_or("who", by, Msg::SystemActor)
            .arg("when", Timestamp(at).format_brussels()),
    ))
}

async fn name_taken(tx: &mut TenantTx, table: &str, name: &str, except: i64) -> Result<bool> {
    let rows: Vec<(i64, String)> = tx
        .fetch_all(
            &format!("SELECT id, name FROM {table} WHERE tenant_id = $1"),
            args![],
        )
        .await?;
    let key = name.to_lowercase();
    Ok(rows
        .iter()
        .any(|(id, n)| *id != except && n.to_lowercase() == key))
}

/// Creates a kind of group (`groups.manage`); with `age_bands`, its groups are age
/// categories taken on `reference_date` (empty: the 31st of December of each year).
pub async fn create_kind(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    name: &str,
    age_bands: bool,
    reference_date: &str,
) -> Result<i64> {
    scope.require(GROUPS_MANAGE)?;
    let name = check_name(name)?;
    let reference = optional_day("reference_date", reference_date)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM group_kinds WHERE tenant_id = $1",
            args![],
        )
        .await?;
    if n >= MAX_KINDS {
        return Err(AppError::bad_request(
            Problem::new(Msg::ErrTooManyGroups).arg("max", MAX_KINDS),
        ));
    }
    if name_taken(&mut tx, "group_kinds", &name, 0).await? {
        return Err(AppError::field("name", Msg::ErrGroupNameTaken));
    }
    let id = ids::new_id();
    tx.insert(
        "group_kinds",
        vec![
            ("id", id.into()),
            ("name", name.clone().into()),
            ("age_bands", age_bands.into()),
            ("reference_date", reference.map(|d| d.to_string()).into()),
            ("sort", n.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log("group_kind_created", Some(&name)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Renames a kind, changes its reference date, or archives / restores it (`groups.manage`),
/// at the version the form was opened at (409 over someone else's change).
#[allow(clippy::too_many_arguments)]
pub async fn update_kind(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    name: &str,
    reference_date: &str,
    archived: bool,
    version: i64,
) -> Result<()> {
    scope.require(GROUPS_MANAGE)?;
    let name = check_name(name)?;
    let reference = optional_day("reference_date", reference_date)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    if name_taken(&mut tx, "group_kinds", &name, id).await? {
        return Err(AppError::field("name", Msg::ErrGroupNameTaken));
    }
    let archived_at: Option<i64> = if archived { Some(now.millis()) } else { None };
    if !tx
        .update(
            "group_kinds",
            id,
            vec![
                ("name", name.clone().into()),
                ("reference_date", reference.map(|d| d.to_string()).into()),
                ("archived_at", archived_at.into()),
            ],
            Some(version),
        )
        .await?
    {
        return Err(stamp_conflict(&mut tx, "group_kinds", id).await?);
    }
    tx.log("group_kind_changed", Some(&name)).await?;
    tx.commit().await
}

/// A group as a form submits it.
#[derive(Clone, Debug, Default)]
pub struct GroupInput {
    pub name: String,
    pub description: String,
    /// Age categories: the band's birth years (empty: open).
    pub min_birth_year: String,
    pub max_birth_year: String,
}

fn check_year(field: &str, v: &str) -> Result<Option<i64>> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<i64>() {
        Ok(y) if (1900..=2200).contains(&y) => Ok(Some(y)),
        _ => Err(AppError::field(field, Msg::ErrBirthYear)),
    }
}

fn check_group(input: &GroupInput) -> Result<(String, String, Option<i64>, Option<i64>)> {
    let name = check_name(&input.name)?;
    let description = check_description(&input.description)?;
    let min = check_year("min_birth_year", &input.min_birth_year)?;
    let max = check_year("max_birth_year", &input.max_birth_year)?;
    if let (Some(a), Some(b)) = (min, max) {
        if b < a {
            return Err(AppError::field("max_birth_year", Msg::ErrBandYears));
        }
    }
    Ok((name, description, min, max))
}

/// Creates a group of a kind (`groups.manage`). A kind that is archived or of another club
/// is refused.
pub async fn create_group(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    kind: i64,
    input: &GroupInput,
) -> Result<i64> {
    scope.require(GROUPS_MANAGE)?;
    let (name, description, min, max) = check_group(input)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let k: Option<(Option<i64>,)> = tx
        .fetch_optional(
            "SELECT archived_at FROM group_kinds WHERE tenant_id = $1 AND id = $2",
            args![kind],
        )
        .await?;
    match k {
        None => return Err(AppError::field("kind", Msg::ErrChooseGroupKind)),
        Some((Some(_),)) => return Err(AppError::bad_request(Msg::ErrGroupArchived)),
        Some((None,)) => {}
    }
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM club_groups WHERE tenant_id = $1",
            args![],
        )
        .await?;
    if n >= MAX_GROUPS {
        return Err(AppError::bad_request(
            Problem::new(Msg::ErrTooManyGroups).arg("max", MAX_GROUPS),
        ));
    }
    if name_taken(&mut tx, "club_groups", &name, 0).await? {
        return Err(AppError::field("name", Msg::ErrGroupNameTaken));
    }
    let id = ids::new_id();
    tx.insert(
        "club_groups",
        vec![
            ("id", id.into()),
            ("kind_id", kind.into()),
            ("name", name.clone().into()),
            ("description", description.into()),
            ("min_birth_year", min.into()),
            ("max_birth_year", max.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log("group_created", Some(&name)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Renames a group, changes its description or band, or archives / restores it
/// (`groups.manage`), at the version its form was opened at.
#[allow(clippy::too_many_arguments)]
pub async fn update_group(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    input: &GroupInput,
    archived: bool,
    version: i64,
) -> Result<()> {
    scope.require(GROUPS_MANAGE)?;
    let (name, description, min, max) = check_group(input)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    if name_taken(&mut tx, "club_groups", &name, id).await? {
        return Err(AppError::field("name", Msg::ErrGroupNameTaken));
    }
    let archived_at: Option<i64> = if archived { Some(now.millis()) } else { None };
    if !tx
        .update(
            "club_groups",
            id,
            vec![
                ("name", name.clone().into()),
                ("description", description.into()),
                ("min_birth_year", min.into()),
                ("max_birth_year", max.into()),
                ("archived_at", archived_at.into()),
            ],
            Some(version),
        )
        .await?
    {
        return Err(stamp_conflict(&mut tx, "club_groups", id).await?);
    }
    tx.log("group_changed", Some(&name)).await?;
    tx.commit().await
}

#[derive(sqlx::FromRow)]
struct PeriodRow {
    id: i64,
    member_id: i64,
    given_name: String,
    family_name: String,
    from_date: String,
    to_date: Option<String>,
    leader: bool,
    version: i64,
    birth_date: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    updated_at: i64,
    updated_by_name: Option<String>,
}

/// One group's page (`groups.manage` or `members.view`; a leader: a group they lead, any
/// other is not found): its members and leaders over time, the fields of each the viewer
/// may see.
pub async fn detail(db: &Db, scope: &TenantScope, id: i64, now: Timestamp) -> Result<GroupDetail> {
    let r = reader(scope)?;
    let today = scope.today(now).to_string();
    let mut tx = db.tenant_read(scope).await?;
    let group: GroupRow = tx
        .fetch_optional(
            &format!("SELECT {GROUP_COLS} FROM club_groups g WHERE g.tenant_id = $1 AND g.id = $3"),
            args![today.clone(), id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    if let Reader::Leader(l) = &r {
        if group.archived_at.is_some() || !leads(&mut tx, l.leader, id, &today).await? {
            return Err(AppError::NotFound);
        }
    }
    let (kind_name, age_bands): (String, bool) = tx
        .fetch_one(
            "SELECT name, age_bands FROM group_kinds WHERE tenant_id = $1 AND id = $2",
            args![group.kind_id],
        )
        .await?;
    let rows: Vec<PeriodRow> = tx
        .fetch_all(
            "SELECT gm.id, gm.member_id, m.given_name, m.family_name, gm.from_date, gm.to_date, \
             gm.leader, gm.version, m.birth_date, m.phone, m.email, gm.updated_at, gm.updated_by_name \
             FROM group_members gm JOIN members m ON m.tenant_id = gm.tenant_id AND m.id = gm.member_id \
             WHERE gm.tenant_id = $1 AND gm.group_id = $2 AND m.restricted_at IS NULL \
             ORDER BY gm.leader DESC, m.sort_name, gm.from_date",
            args![id],
        )
        .await?;
    // The guardians' phones of the group's members, in one statement.
    let phones: Vec<(i64, Option<String>)> = tx
        .fetch_all(
            "SELECT g.child_id, p.phone FROM member_guardians g \
             JOIN members p ON p.tenant_id = g.tenant_id AND p.id = g.guardian_id \
             WHERE g.tenant_id = $1 AND g.child_id IN (SELECT gm.member_id FROM group_members gm \
             WHERE gm.tenant_id = $1 AND gm.group_id = $2) ORDER BY p.sort_name",
            args![id],
        )
        .await?;
    tx.commit().await?;
    let mut guardian_phones: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (child, phone) in phones {
        if let Some(p) = phone {
            guardian_phones.entry(child).or_default().push(p);
        }
    }
    let (see, can_manage) = match &r {
        Reader::All { manage } => {
            let view = scope.can(MEMBERS_VIEW);
            let all = |_: &str| view;
            (
                [
                    all("birth_date"),
                    all("phone"),
                    all("email"),
                    all("guardians_phone"),
                ],
                *manage,
            )
        }
        Reader::Leader(l) => (
            [
                l.fields.contains("birth_date"),
                l.fields.contains("phone"),
                l.fields.contains("email"),
                l.fields.contains("guardians_phone"),
            ],
            false,
        ),
    };
    let periods = rows
        .into_iter()
        .map(|p| GroupPeriod {
            current: p.from_date <= today && p.to_date.as_ref().is_none_or(|t| *t >= today),
            id: p.id,
            member: MemberId(p.member_id),
            name: format!("{} {}", p.given_name, p.family_name),
            from_date: p.from_date,
            to_date: p.to_date,
            leader: p.leader,
            version: p.version,
            birth_date: p.birth_date.filter(|_| see[0]),
            phone: p.phone.filter(|_| see[1]),
            email: p.email.filter(|_| see[2]),
            guardians_phone: if see[3] {
                guardian_phones.remove(&p.member_id).unwrap_or_default()
            } else {
                Vec::new()
            },
            stamp: Stamp {
                at: Timestamp(p.updated_at),
                by: p.updated_by_name,
            },
        })
        .collect();
    Ok(GroupDetail {
        group: group.info(),
        kind_name,
        age_bands,
        periods,
        can_manage,
        can_open_members: scope.can(MEMBERS_VIEW) || matches!(&r, Reader::Leader(l) if l.view),
        today,
    })
}

/// Whether `leader` leads `group` on `day` (inside the caller's transaction).
pub(crate) async fn leads(
    tx: &mut TenantTx,
    leader: MemberId,
    group: i64,
    day: &str,
) -> Result<bool> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM group_members WHERE tenant_id = $1 AND group_id = $2 \
             AND member_id = $3 AND leader = $4 AND from_date <= $5 \
             AND (to_date IS NULL OR to_date >= $5)",
            args![group, leader, true, day.to_string()],
        )
        .await?;
    Ok(row.is_some())
}

/// A group of this club that is not archived, for a change of its members.
async fn open_group(tx: &mut TenantTx, group: i64) -> Result<()> {
    let row: Option<(Option<i64>,)> = tx
        .fetch_optional(
            "SELECT archived_at FROM club_groups WHERE tenant_id = $1 AND id = $2",
            args![group],
        )
        .await?;
    match row {
        None => Err(AppError::NotFound),
        Some((Some(_),)) => Err(AppError::bad_request(Msg::ErrGroupArchived)),
        Some((None,)) => Ok(()),
    }
}

/// Whether a period from `from` to `to` of `member` in `group` overlaps one already stored
/// (another than `except`).
async fn overlaps(
    tx: &mut TenantTx,
    group: i64,
    member: i64,
    from: Date,
    to: Option<Date>,
    except: i64,
) -> Result<bool> {
    let to = to
        .map(|d| d.to_string())
        .unwrap_or_else(|| "9999-12-31".into());
    let row: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM group_members WHERE tenant_id = $1 AND group_id = $2 \
             AND member_id = $3 AND id <> $4 AND from_date <= $5 \
             AND (to_date IS NULL OR to_date >= $6)",
            args![group, member, except, to, from.to_string()],
        )
        .await?;
    Ok(row.is_some())
}

/// Adds a member to a group from `from` to `to` (inclusive; empty: while it lasts), as a
/// leader or not (`groups.manage`). A member of another club (or none) is refused, as is a
/// period that overlaps one the member already has in the group, or ends before it starts.
#[allow(clippy::too_many_arguments)]
pub async fn add_member(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    group: i64,
    member: MemberId,
    from: &str,
    to: &str,
    leader: bool,
) -> Result<i64> {
    scope.require(GROUPS_MANAGE)?;
    let from = parse_day("from_date", from)?;
    let to = optional_day("to_date", to)?;
    if to.is_some_and(|t| t < from) {
        return Err(AppError::field("to_date", Msg::ErrToBeforeFrom));
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    open_group(&mut tx, group).await?;
    let known: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM members WHERE tenant_id = $1 AND id = $2 AND erased_at IS NULL",
            args![member],
        )
        .await?;
    if known.is_none() {
        return Err(AppError::field("member", Msg::ErrNoSuchMember));
    }
    if overlaps(&mut tx, group, member.0, from, to, 0).await? {
        return Err(AppError::conflict(Msg::ErrAlreadyInGroup));
    }
    let id = ids::new_id();
    tx.insert(
        "group_members",
        vec![
            ("id", id.into()),
            ("group_id", group.into()),
            ("member_id", member.into()),
            ("from_date", from.to_string().into()),
            ("to_date", to.map(|d| d.to_string()).into()),
            ("leader", leader.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct PeriodKey {
    group_id: i64,
    member_id: i64,
    from_date: String,
    to_date: Option<String>,
}

/// Changes one period (`groups.manage`) at its version: ends it on `to` (empty: open again)
/// and sets whether the member leads the group in it.
#[allow(clippy::too_many_arguments)]
pub async fn update_period(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    group: i64,
    period: i64,
    to: &str,
    leader: bool,
    version: i64,
) -> Result<()> {
    scope.require(GROUPS_MANAGE)?;
    let to = optional_day("to_date", to)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let p: PeriodKey = tx
        .fetch_optional(
            "SELECT group_id, member_id, from_date, to_date FROM group_members \
             WHERE tenant_id = $1 AND id = $2 AND group_id = $3",
            args![period, group],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let from =
        Date::parse(&p.from_date).ok_or_else(|| AppError::bad_request(Msg::ErrDateFormat))?;
    if to.is_some_and(|t| t < from) {
        return Err(AppError::field("to_date", Msg::ErrToBeforeFrom));
    }
    let _ = p.to_date;
    if overlaps(&mut tx, p.group_id, p.member_id, from, to, period).await? {
        return Err(AppError::conflict(Msg::ErrAlreadyInGroup));
    }
    if !tx
        .update(
            "group_members",
            period,
            vec![
                ("to_date", to.map(|d| d.to_string()).into()),
                ("leader", leader.into()),
            ],
            Some(version),
        )
        .await?
    {
        return Err(stamp_conflict(&mut tx, "group_members", period).await?);
    }
    tx.commit().await
}

/// What a bulk action did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BulkResult {
    pub changed: usize,
    /// Already in the group (add) or not in it (end): left as they were.
    pub skipped: usize,
}

fn check_bulk(members: &[MemberId]) -> Result<()> {
    if members.is_empty() {
        return Err(AppError::bad_request(Msg::ErrSelectMembers));
    }
    if members.len() > MAX_BULK {
        return Err(AppError::bad_request(
            Problem::new(Msg::ErrTooManySelected).arg("max", MAX_BULK),
        ));
    }
    Ok(())
}

/// Adds the selected members to a group from `from` (`groups.manage`), in one transaction:
/// those already in it on that day (or later) are skipped; an id that is not a member of
/// this club refuses the whole action.
#[allow(clippy::too_many_arguments)]
pub async fn bulk_add(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    group: i64,
    members: &[MemberId],
    from: &str,
) -> Result<BulkResult> {
    scope.require(GROUPS_MANAGE)?;
    check_bulk(members)?;
    let from = parse_day("from_date", from)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    open_group(&mut tx, group).await?;
    let mut ids_list: Vec<i64> = members.iter().map(|m| m.0).collect();
    ids_list.sort_unstable();
    ids_list.dedup();
    let known = existing_members(&mut tx, &ids_list).await?;
    if known.len() != ids_list.len() {
        return Err(AppError::field("member", Msg::ErrNoSuchMember));
    }
    // Members with a period that reaches `from` or later are already in.
    let inside: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT DISTINCT member_id FROM group_members WHERE tenant_id = $1 AND group_id = $2 \
             AND (to_date IS NULL OR to_date >= $3)",
            args![group, from.to_string()],
        )
        .await?;
    let inside: std::collections::BTreeSet<i64> = inside.into_iter().map(|r| r.0).collect();
    let changed = insert_periods(
        &mut tx,
        now,
        &from.to_string(),
        ids_list
            .iter()
            .filter(|m| !inside.contains(m))
            .map(|m| (group, *m)),
    )
    .await?;
    tx.commit().await?;
    Ok(BulkResult {
        changed,
        skipped: ids_list.len() - changed,
    })
}

/// Ends the selected members' open periods in a group on `to` (`groups.manage`), in one
/// transaction; members not in the group on that day are skipped; a period that starts
/// after `to` refuses the whole action (it would end before it starts).
#[allow(clippy::too_many_arguments)]
pub async fn bulk_end(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    group: i64,
    members: &[MemberId],
    to: &str,
) -> Result<BulkResult> {
    scope.require(GROUPS_MANAGE)?;
    check_bulk(members)?;
    let to = parse_day("to_date", to)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    open_group(&mut tx, group).await?;
    let mut ids_list: Vec<i64> = members.iter().map(|m| m.0).collect();
    ids_list.sort_unstable();
    ids_list.dedup();
    let known = existing_members(&mut tx, &ids_list).await?;
    if known.len() != ids_list.len() {
        return Err(AppError::field("member", Msg::ErrNoSuchMember));
    }
    let open: Vec<(i64, i64, String)> = tx
        .fetch_all(
            "SELECT id, member_id, from_date FROM group_members WHERE tenant_id = $1 \
             AND group_id = $2 AND (to_date IS NULL OR to_date > $3)",
            args![group, to.to_string()],
        )
        .await?;
    let wanted: std::collections::BTreeSet<i64> = ids_list.iter().copied().collect();
    let mut changed = 0;
    for (id, member, from) in open.into_iter().filter(|r| wanted.contains(&r.1)) {
        if from > to.to_string() {
            return Err(AppError::field("to_date", Msg::ErrToBeforeFrom));
        }
        let _ = member;
        tx.update(
            "group_members",
            id,
            vec![("to_date", to.to_string().into())],
            None,
        )
        .await?;
        changed += 1;
    }
    tx.commit().await?;
    Ok(BulkResult {
        changed,
        skipped: ids_list.len().saturating_sub(changed),
    })
}

async fn existing_members(tx: &mut TenantTx, ids_list: &[i64]) -> Result<Vec<i64>> {
    let mut found = Vec::new();
    for chunk in ids_list.chunks(500) {
        let mut args: Vec<Value> = Vec::new();
        let ph: Vec<String> = chunk
            .iter()
            .map(|id| {
                args.push((*id).into());
                format!("${}", args.len() + 1)
            })
            .collect();
        let rows: Vec<(i64,)> = tx
            .fetch_all(
                &format!(
                    "SELECT id FROM members WHERE tenant_id = $1 AND erased_at IS NULL \
                     AND id IN ({})",
                    ph.join(", ")
                ),
                args,
            )
            .await?;
        found.extend(rows.into_iter().map(|r| r.0));
    }
    Ok(found)
}

/// The birth years of an age band `U{under}` taken on `reference`: members who have not
/// reached `under` in the reference year and have reached `from_age` (the band below's
/// limit, 0 for the youngest). `under` None: from `from_age` on (seniors).
pub fn band_years(
    reference: Date,
    from_age: i32,
    under: Option<i32>,
) -> (Option<i32>, Option<i32>) {
    // Born in year y: reaches age (reference.year - y) during the reference year.
    let max = reference.year - from_age;
    let min = under.map(|u| reference.year - u + 1);
    (min, Some(max))
}

/// The kind's reference date: its own, or the 31st of December of `today`'s year.
fn reference_of(k: Option<&str>, today: Date) -> Date {
    k.and_then(Date::parse)
        .or_else(|| Date::new(today.year, 12, 31))
        .unwrap_or(today)
}

/// Creates the age categories of an age-band kind from their upper ages (`U8`, `U10`, … for
/// `8 10 …`), each covering the birth years from the band below's limit, taken on the kind's
/// reference date, and with `seniors` a last band for everyone older (`groups.manage`).
#[allow(clippy::too_many_arguments)]
pub async fn create_bands(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    kind: i64,
    limits: &str,
    seniors_name: &str,
) -> Result<usize> {
    scope.require(GROUPS_MANAGE)?;
    let mut ages: Vec<i32> = Vec::new();
    for w in limits.split(|c: char| c == ',' || c.is_whitespace()) {
        let w = w.trim().trim_start_matches(['U', 'u']);
        if w.is_empty() {
            continue;
        }
        match w.parse::<i32>() {
            Ok(a) if (2..=99).contains(&a) => ages.push(a),
            _ => return Err(AppError::field("limits", Msg::ErrBandLimits)),
        }
    }
    ages.sort_unstable();
    ages.dedup();
    if ages.is_empty() || ages.len() > 30 {
        return Err(AppError::field("limits", Msg::ErrBandLimits));
    }
    let seniors = seniors_name.trim();
    if !seniors.is_empty() {
        check_name(seniors)?;
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let k: Option<(bool, Option<String>, Option<i64>)> = tx
        .fetch_optional(
            "SELECT age_bands, reference_date, archived_at FROM group_kinds \
             WHERE tenant_id = $1 AND id = $2",
            args![kind],
        )
        .await?;
    let reference = match k {
        None => return Err(AppError::field("kind", Msg::ErrChooseGroupKind)),
        Some((_, _, Some(_))) => return Err(AppError::bad_request(Msg::ErrGroupArchived)),
        Some((false, _, _)) => return Err(AppError::bad_request(Msg::ErrNotAgeBands)),
        Some((true, r, None)) => reference_of(r.as_deref(), scope.today(now)),
    };
    let mut bands: Vec<(String, Option<i32>, Option<i32>)> = Vec::new();
    let mut from_age = 0;
    for a in &ages {
        let (min, max) = band_years(reference, from_age, Some(*a));
        bands.push((format!("U{a}"), min, max));
        from_age = *a;
    }
    if !seniors.is_empty() {
        let (min, max) = band_years(reference, from_age, None);
        bands.push((seniors.to_string(), min, max));
    }
    for (name, _, _) in &bands {
        if name_taken(&mut tx, "club_groups", name, 0).await? {
            return Err(AppError::field(
                "limits",
                Problem::new(Msg::ErrBandTaken).arg("name", name),
            ));
        }
    }
    let n = bands.len();
    let rows = bands
        .into_iter()
        .map(|(name, min, max)| {
            vec![
                ids::new_id().into(),
                kind.into(),
                name.into(),
                String::new().into(),
                min.map(i64::from).into(),
                max.map(i64::from).into(),
                now.into(),
            ]
        })
        .collect();
    tx.insert_many_cols(
        "club_groups",
        &[
            "id",
            "kind_id",
            "name",
            "description",
            "min_birth_year",
            "max_birth_year",
            "created_at",
        ],
        rows,
    )
    .await?;
    tx.log("group_created", Some(limits.trim())).await?;
    tx.commit().await?;
    Ok(n)
}

/// The age categories suggested for the club's active members of an age-band kind who are
/// in none of its groups on `today`: the band whose birth years hold the member's (a member
/// without a birth date, or outside every band, gets none).
pub async fn suggest_bands(
    db: &Db,
    scope: &TenantScope,
    kind: i64,
    now: Timestamp,
) -> Result<Vec<BandSuggestion>> {
    scope.require(GROUPS_MANAGE)?;
    let today = scope.today(now).to_string();
    let mut tx = db.tenant_read(scope).await?;
    let out = suggestions_in(&mut tx, kind, &today).await?;
    tx.commit().await?;
    Ok(out)
}

async fn suggestions_in(tx: &mut TenantTx, kind: i64, today: &str) -> Result<Vec<BandSuggestion>> {
    let k: Option<(bool,)> = tx
        .fetch_optional(
            "SELECT age_bands FROM group_kinds WHERE tenant_id = $1 AND id = $2",
            args![kind],
        )
        .await?;
    match k {
        None => return Err(AppError::NotFound),
        Some((false,)) => return Err(AppError::bad_request(Msg::ErrNotAgeBands)),
        Some((true,)) => {}
    }
    let bands: Vec<(i64, String, Option<i64>, Option<i64>)> = tx
        .fetch_all(
            "SELECT id, name, min_birth_year, max_birth_year FROM club_groups \
             WHERE tenant_id = $1 AND kind_id = $2 AND archived_at IS NULL \
             AND (min_birth_year IS NOT NULL OR max_birth_year IS NOT NULL) \
             ORDER BY max_birth_year DESC",
            args![kind],
        )
        .await?;
    let people: Vec<(i64, String, String, String)> = tx
        .fetch_all(
            "SELECT m.id, m.given_name, m.family_name, m.birth_date FROM members m \
             WHERE m.tenant_id = $1 AND m.status = 'active' AND m.birth_date IS NOT NULL \
             AND m.restricted_at IS NULL AND m.id NOT IN (SELECT gm.member_id FROM group_members gm \
             JOIN club_groups g ON g.tenant_id = gm.tenant_id AND g.id = gm.group_id \
             WHERE gm.tenant_id = $1 AND g.kind_id = $2 AND gm.from_date <= $3 \
             AND (gm.to_date IS NULL OR gm.to_date >= $3)) ORDER BY m.sort_name",
            args![kind, today.to_string()],
        )
        .await?;
    Ok(people
        .into_iter()
        .filter_map(|(id, given, family, birth)| {
            let year: i64 = birth.get(..4)?.parse().ok()?;
            let (gid, gname, _, _) = bands.iter().find(|(_, _, min, max)| {
                min.is_none_or(|a| year >= a) && max.is_none_or(|b| year <= b)
            })?;
            Some(BandSuggestion {
                member: MemberId(id),
                name: format!("{given} {family}"),
                birth_date: birth,
                group_id: *gid,
                group_name: gname.clone(),
            })
        })
        .collect())
}

/// Puts every suggested member into their age category from today (`groups.manage`), in
/// one transaction. Returns how many were added.
pub async fn apply_bands(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    kind: i64,
) -> Result<usize> {
    scope.require(GROUPS_MANAGE)?;
    let today = scope.today(now).to_string();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let suggestions = suggestions_in(&mut tx, kind, &today).await?;
    let n = insert_periods(
        &mut tx,
        now,
        &today,
        suggestions.iter().map(|s| (s.group_id, s.member.0)),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

/// The members of a group on `day` (for the other features: activities, mailings). The
/// caller checks its own permission; a group of another club is not found.
pub async fn members_on(
    db: &Db,
    scope: &TenantScope,
    group: i64,
    day: Date,
) -> Result<Vec<MemberId>> {
    let mut tx = db.tenant_read(scope).await?;
    let exists: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM club_groups WHERE tenant_id = $1 AND id = $2",
            args![group],
        )
        .await?;
    if exists.is_none() {
        return Err(AppError::NotFound);
    }
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT DISTINCT gm.member_id FROM group_members gm WHERE gm.tenant_id = $1 \
             AND gm.group_id = $2 AND gm.from_date <= $3 \
             AND (gm.to_date IS NULL OR gm.to_date >= $3) ORDER BY gm.member_id",
            args![group, day.to_string()],
        )
        .await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(|r| MemberId(r.0)).collect())
}

/// The groups (not archived) the caller leads on `day`, through their own member record
/// (empty without one).
pub async fn led_groups(db: &Db, scope: &TenantScope, day: Date) -> Result<Vec<i64>> {
    let Some(me) = scope.member_id() else {
        return Ok(Vec::new());
    };
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT DISTINCT ld.group_id FROM group_members ld \
             JOIN club_groups g ON g.tenant_id = ld.tenant_id AND g.id = ld.group_id \
             WHERE ld.tenant_id = $1 AND ld.member_id = $2 AND ld.leader = $3 \
             AND g.archived_at IS NULL AND ld.from_date <= $4 \
             AND (ld.to_date IS NULL OR ld.to_date >= $4) ORDER BY ld.group_id",
            args![me, true, day.to_string()],
        )
        .await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Whether the caller reaches the record `member` (to see it; `edit`: to change it): staff
/// with the register's rights every record of the club, a leader the members of the groups
/// they lead today. `Ok(false)` for a record out of reach, the permission's refusal without
/// any right to the register.
pub async fn may_see_member(
    db: &Db,
    scope: &TenantScope,
    member: MemberId,
    edit: bool,
) -> Result<bool> {
    let mut tx = db.tenant_read(scope).await?;
    let r = match access::record(&mut tx, scope, member, edit).await {
        Ok(Reach::All) => {
            let row: Option<(i64,)> = tx
                .fetch_optional(
                    "SELECT id FROM members WHERE tenant_id = $1 AND id = $2",
                    args![member],
                )
                .await?;
            Ok(row.is_some())
        }
        Ok(Reach::Led(_)) => Ok(true),
        Err(AppError::NotFound) => Ok(false),
        Err(e) => Err(e),
    };
    tx.commit().await?;
    r
}

/// A club role as the leader-scope form shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleScope {
    pub id: tessera_common::RoleId,
    pub name: String,
    pub permissions: Vec<String>,
    pub group_scoped: bool,
    pub member_fields: Vec<String>,
    pub version: i64,
}

/// The club's own roles (not the administrator role) with their leader scope
/// (`roles.manage`).
pub async fn role_scopes(db: &Db, scope: &TenantScope) -> Result<Vec<RoleScope>> {
    scope.require(tessera_common::modules::ROLES_MANAGE)?;
    if !scope.module_active("groups") {
        return Err(AppError::NotFound);
    }
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<(i64, String, String, bool, String, i64)> = tx
        .fetch_all(
            "SELECT id, name, permissions, group_scoped, member_fields, version FROM roles \
             WHERE tenant_id = $1 AND builtin IS NULL ORDER BY name_key",
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, perms, scoped, fields, version)| RoleScope {
            id: tessera_common::RoleId(id),
            name,
            permissions: perms.split_whitespace().map(str::to_string).collect(),
            group_scoped: scoped,
            member_fields: fields.split_whitespace().map(str::to_string).collect(),
            version,
        })
        .collect())
}

/// Limits a role to the groups its holders lead (or lifts the limit) and sets the member
/// fields it grants (`roles.manage`), at the version the form was opened at. A limited role
/// may hold only the leader's permissions; a field must be one of the register's (a custom
/// field of this club), a sensitive one only when the role holds `members.sensitive`. The
/// holders' next request sees the change.
#[allow(clippy::too_many_arguments)]
pub async fn set_role_scope(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    role: tessera_common::RoleId,
    group_scoped: bool,
    fields: &[String],
    version: i64,
) -> Result<()> {
    scope.require(tessera_common::modules::ROLES_MANAGE)?;
    if !scope.module_active("groups") {
        return Err(AppError::NotFound);
    }
    let mut wanted: Vec<String> = Vec::new();
    for f in fields {
        let f = f.trim();
        if f.is_empty() {
            continue;
        }
        if !access::is_field_key(f) {
            return Err(AppError::field("fields", Msg::ErrFieldGrant));
        }
        if !wanted.iter().any(|w| w == f) {
            wanted.push(f.to_string());
        }
    }
    wanted.sort();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row: Option<(Option<String>, String)> = tx
        .fetch_optional(
            "SELECT builtin, permissions FROM roles WHERE tenant_id = $1 AND id = $2",
            args![role.0],
        )
        .await?;
    let (builtin, perms) = row.ok_or(AppError::NotFound)?;
    if builtin.is_some() {
        return Err(AppError::bad_request(Msg::ErrBuiltinRole));
    }
    let perms = crate::scope::parse_permissions(&perms);
    if group_scoped
        && perms
            .iter()
            .any(|p| !crate::scope::LEADER_PERMISSIONS.contains(p))
    {
        return Err(AppError::field("permissions", Msg::ErrLeaderPermissions));
    }
    let sensitive = perms.contains(&tessera_common::modules::MEMBERS_SENSITIVE);
    let defs = crate::members::custom_fields::definitions(&mut tx).await?;
    for f in &wanted {
        if let Some(id) = f.strip_prefix("cf").and_then(|n| n.parse::<i64>().ok()) {
            match defs.iter().find(|d| d.id == id) {
                None => return Err(AppError::field("fields", Msg::ErrFieldGrant)),
                Some(d)
                    if d.visibility == tessera_common::dto::FieldVisibility::Sensitive
                        && !sensitive =>
                {
                    return Err(AppError::field("fields", Msg::ErrSensitiveGrant));
                }
                Some(_) => {}
            }
        }
    }
    if !tx
        .update(
            "roles",
            role.0,
            vec![
                ("group_scoped", group_scoped.into()),
                ("member_fields", wanted.join(" ").into()),
            ],
            Some(version),
        )
        .await?
    {
        return Err(stamp_conflict(&mut tx, "roles", role.0).await?);
    }
    // The holders' next request rotates their session and sees the new reach.
    tx.execute(
        "UPDATE identities SET rights_serial = rights_serial + 1 WHERE id IN (\
         SELECT m.identity_id FROM memberships m JOIN membership_roles mr \
         ON mr.tenant_id = m.tenant_id AND mr.membership_id = m.id \
         WHERE m.tenant_id = $1 AND mr.role_id = $2)",
        args![role.0],
    )
    .await?;
    tx.log("role_scope_changed", Some(&wanted.join(" ")))
        .await?;
    tx.commit().await
}

/// The register's bulk action (`groups.manage`, which reaches the names of whoever it puts
/// in a group anyway): adds every member the
/// register's filter shows to `target` from `date` (`add`), or ends them in it on `date`.
/// More than [`MAX_BULK`] members are refused (narrow the filter); none at all too.
#[allow(clippy::too_many_arguments)]
pub async fn bulk_filtered(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    target: i64,
    filter: &tessera_common::dto::MemberFilter,
    add: bool,
    date: &str,
) -> Result<BulkResult> {
    scope.require(GROUPS_MANAGE)?;
    let mut f = filter.clone();
    f.per_page = 100;
    let first = crate::members::list_for_groups(db, scope, &f, 1).await?;
    if first.total as usize > MAX_BULK {
        return Err(AppError::bad_request(
            Problem::new(Msg::ErrTooManySelected).arg("max", MAX_BULK),
        ));
    }
    let mut chosen: Vec<MemberId> = first.rows.iter().map(|r| r.id).collect();
    let mut page = 2;
    while (chosen.len() as i64) < first.total && page <= 11 {
        let p = crate::members::list_for_groups(db, scope, &f, page).await?;
        if p.rows.is_empty() {
            break;
        }
        chosen.extend(p.rows.iter().map(|r| r.id));
        page += 1;
    }
    if add {
        bulk_add(db, scope, actor, now, target, &chosen, date).await
    } else {
        bulk_end(db, scope, actor, now, target, &chosen, date).await
    }
}

/// Open periods (not leading) from `from` for each (group, member), in one statement; the
/// number added. Shared by the bulk add and the age bands.
async fn insert_periods(
    tx: &mut TenantTx,
    now: Timestamp,
    from: &str,
    periods: impl Iterator<Item = (i64, i64)>,
) -> Result<usize> {
    let rows: Vec<Vec<Value>> = periods
        .map(|(group, member)| {
            vec![
                ids::new_id().into(),
                group.into(),
                member.into(),
                from.to_string().into(),
                false.into(),
                now.into(),
            ]
        })
        .collect();
    let n = rows.len();
    tx.insert_many_cols(
        "group_members",
        &[
            "id",
            "group_id",
            "member_id",
            "from_date",
            "leader",
            "created_at",
        ],
        rows,
    )
    .await?;
    Ok(n)
}

/// The register's bulk action on the members ticked in it (`groups.manage`): adds them to
/// `target` from `date` (`add`) or ends them in it on `date`, in one transaction. An id
/// that is not a member of this club answers not found and changes nothing; more than
/// [`MAX_BULK`] ids, or none, are refused.
#[allow(clippy::too_many_arguments)]
pub async fn bulk_selected(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    target: i64,
    members: &[MemberId],
    add: bool,
    date: &str,
) -> Result<BulkResult> {
    scope.require(GROUPS_MANAGE)?;
    check_bulk(members)?;
    let mut ids_list: Vec<i64> = members.iter().map(|m| m.0).collect();
    ids_list.sort_unstable();
    ids_list.dedup();
    let mut tx = db.tenant_read(scope).await?;
    let known = existing_members(&mut tx, &ids_list).await?;
    tx.commit().await?;
    if known.len() != ids_list.len() {
        return Err(AppError::NotFound);
    }
    if add {
        bulk_add(db, scope, actor, now, target, members, date).await
    } else {
        bulk_end(db, scope, actor, now, target, members, date).await
    }
}

/// A member's groups over time, for the member's page: read-only, for those who see the
/// register (`members.view`), without the right to manage groups. Empty while the groups
/// module is off; a record of another club is not found.
pub async fn of_member(
    db: &Db,
    scope: &TenantScope,
    member: MemberId,
    now: Timestamp,
) -> Result<Vec<MemberGroup>> {
    scope.require(MEMBERS_VIEW)?;
    let today = scope.today(now).to_string();
    let mut tx = db.tenant_read(scope).await?;
    let known: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM members WHERE tenant_id = $1 AND id = $2",
            args![member],
        )
        .await?;
    if known.is_none() {
        return Err(AppError::NotFound);
    }
    if !scope.module_active("groups") {
        tx.commit().await?;
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, String, String, String, Option<String>, bool)> = tx
        .fetch_all(
            "SELECT g.id, g.name, k.name, gm.from_date, gm.to_date, gm.leader \
             FROM group_members gm JOIN club_groups g ON g.tenant_id = gm.tenant_id \
             AND g.id = gm.group_id JOIN group_kinds k ON k.tenant_id = g.tenant_id \
             AND k.id = g.kind_id WHERE gm.tenant_id = $1 AND gm.member_id = $2 \
             ORDER BY gm.from_date DESC, g.name",
            args![member],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind, from, to, leader)| MemberGroup {
            current: from <= today && to.as_ref().is_none_or(|t| *t >= today),
            group_id: id,
            group_name: name,
            kind_name: kind,
            from_date: from,
            to_date: to,
            leader,
        })
        .collect())
}

/// The groups the register filters on, for those who see the register (`members.view`)
/// without managing groups: each `(id, "kind · group")`, archived ones left out. Empty
/// while the groups module is off.
pub async fn register_choices(db: &Db, scope: &TenantScope) -> Result<Vec<(i64, String)>> {
    scope.require(MEMBERS_VIEW)?;
    if !scope.module_active("groups") {
        return Ok(Vec::new());
    }
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<(i64, String, String)> = tx
        .fetch_all(
            "SELECT g.id, k.name, g.name FROM club_groups g JOIN group_kinds k \
             ON k.tenant_id = g.tenant_id AND k.id = g.kind_id WHERE g.tenant_id = $1 \
             AND g.archived_at IS NULL AND k.archived_at IS NULL ORDER BY k.sort, k.name, g.name",
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, name)| (id, format!("{kind} · {name}")))
        .collect())
}
