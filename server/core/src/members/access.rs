//! Who reaches which member records: the one place where a read or change of the register
//! is authorised. Staff with `members.view` / `members.edit` reach every record of the
//! club; a person whose register rights come only from group-scoped roles (a trainer, see
//! [`LeaderGrant`]) reaches the members of the groups they lead today, and of those records
//! only the granted fields. Any other record is not found for them, as another club's is.

use crate::db::{TenantTx, Value};
use crate::error::Result;
use crate::scope::{LeaderGrant, TenantScope};
use tessera_common::dto::{FieldVisibility, MemberDetail, MemberForm, MemberRow};
use tessera_common::modules::{MEMBERS_EDIT, MEMBERS_VIEW};
use tessera_common::{AppError, MemberId};

/// The standard member fields a group-scoped role can grant (the name always shows), each
/// with the record columns it covers.
pub const STANDARD_FIELDS: &[(&str, &[&str])] = &[
    ("birth_date", &["birth_date"]),
    ("email", &["email"]),
    ("phone", &["phone"]),
    ("address", &["street", "postcode", "city"]),
    (
        "membership",
        &[
            "gender",
            "membership_type",
            "season",
            "joined_on",
            "ended_on",
        ],
    ),
    ("guardians_phone", &[]),
];

/// A granted field key: a standard one, or `cf<id>` for a custom field.
pub fn is_field_key(key: &str) -> bool {
    STANDARD_FIELDS.iter().any(|(k, _)| *k == key)
        || key
            .strip_prefix("cf")
            .is_some_and(|n| n.parse::<i64>().is_ok_and(|n| n > 0))
}

/// How far a caller reaches into the register.
#[derive(Clone, Debug)]
pub enum Reach {
    /// Every record (`members.view`, with `members.edit` to change).
    All,
    /// The members of the groups the caller leads, and of them the granted fields.
    Led(LeaderGrant),
}

impl Reach {
    pub fn leader(&self) -> Option<&LeaderGrant> {
        match self {
            Reach::All => None,
            Reach::Led(l) => Some(l),
        }
    }

    /// Whether the field `key` (a standard field or `cf<id>`) shows: every field for staff,
    /// the granted ones for a leader.
    pub fn sees(&self, key: &str) -> bool {
        self.leader().is_none_or(|l| grants(l, key))
    }
}

/// The caller's reach into the register as a whole (list, search, counts): `edit` asks for
/// the right to change. Without either right: the permission's own refusal.
pub fn register(scope: &TenantScope, edit: bool) -> Result<Reach> {
    let p = if edit { MEMBERS_EDIT } else { MEMBERS_VIEW };
    if scope.can(p) {
        return Ok(Reach::All);
    }
    match scope.leader() {
        Some(l) if l.view && (!edit || l.edit) => Ok(Reach::Led(l.clone())),
        _ => scope.require(p).map(|_| Reach::All),
    }
}

/// The caller's reach into one record: [`register`], and for a leader the record must be a
/// member of a group they lead today (`NotFound` otherwise).
pub async fn record(
    tx: &mut TenantTx,
    scope: &TenantScope,
    id: MemberId,
    edit: bool,
) -> Result<Reach> {
    let reach = register(scope, edit)?;
    if let Reach::Led(l) = &reach {
        if !is_led(tx, l, id).await? {
            return Err(AppError::NotFound);
        }
    }
    Ok(reach)
}

/// The SQL condition "`members.id` is a member of a group the leader leads on the day", with
/// its values bound through `param` (which returns the placeholder of a pushed value).
pub fn led_condition(l: &LeaderGrant, mut param: impl FnMut(Value) -> String) -> String {
    let me = param(l.leader.into());
    let day = param(l.today.to_string().into());
    let yes = param(true.into());
    format!(
        "members.id IN (SELECT gm.member_id FROM group_members ld \
         JOIN club_groups cg ON cg.tenant_id = ld.tenant_id AND cg.id = ld.group_id \
         JOIN group_members gm ON gm.tenant_id = ld.tenant_id AND gm.group_id = ld.group_id \
         WHERE ld.tenant_id = $1 AND ld.member_id = {me} AND ld.leader = {yes} \
         AND ld.from_date <= {day} AND (ld.to_date IS NULL OR ld.to_date >= {day}) \
         AND cg.archived_at IS NULL \
         AND gm.from_date <= {day} AND (gm.to_date IS NULL OR gm.to_date >= {day}))"
    )
}

/// Whether `id` is in a group the leader leads on the grant's day.
pub async fn is_led(tx: &mut TenantTx, l: &LeaderGrant, id: MemberId) -> Result<bool> {
    let mut args: Vec<Value> = vec![id.into()];
    let cond = led_condition(l, |v| {
        args.push(v);
        format!("${}", args.len() + 1)
    });
    let row: Option<(i64,)> = tx
        .fetch_optional(
            &format!("SELECT id FROM members WHERE tenant_id = $1 AND id = $2 AND {cond}"),
            args,
        )
        .await?;
    Ok(row.is_some())
}

fn grants(l: &LeaderGrant, key: &str) -> bool {
    l.fields.contains(key)
}

/// A register row as a leader may see it.
pub fn redact_row(l: &LeaderGrant, mut r: MemberRow) -> MemberRow {
    if !grants(l, "birth_date") {
        r.birth_date = None;
    }
    if !grants(l, "email") {
        r.email = None;
    }
    if !grants(l, "address") {
        r.city = None;
    }
    r
}

/// A record as a leader may see it: the name, the status and the granted fields; custom
/// fields granted one by one (a sensitive one only with `members.sensitive`); no account,
/// no family but the guardians when their phone is granted.
pub fn redact_detail(l: &LeaderGrant, mut d: MemberDetail) -> MemberDetail {
    if !grants(l, "birth_date") {
        d.birth_date = None;
    }
    if !grants(l, "email") {
        d.email = None;
    }
    if !grants(l, "phone") {
        d.phone = None;
    }
    if !grants(l, "address") {
        d.street = None;
        d.postcode = None;
        d.city = None;
    }
    if !grants(l, "membership") {
        d.gender = None;
        d.membership_type = None;
        d.season = None;
        d.joined_on = None;
        d.ended_on = None;
    }
    if !grants(l, "guardians_phone") {
        d.guardians = Vec::new();
    }
    d.children = Vec::new();
    d.has_account = false;
    d.account = None;
    d.can_reset_factor = false;
    d.custom.retain(|c| {
        grants(l, &format!("cf{}", c.field.id))
            && (l.sensitive || c.field.visibility != FieldVisibility::Sensitive)
    });
    for c in &mut d.custom {
        c.editable = c.editable && l.edit;
    }
    d.can_edit = l.edit;
    d
}

/// The form a leader posted, with every field they may not change taken from the record as
/// it is (so nothing they cannot see is changed or cleared), and the custom fields limited
/// to the granted ones.
pub fn leader_form(l: &LeaderGrant, posted: &MemberForm, current: &MemberDetail) -> MemberForm {
    let keep = |key: &str, posted: &str, current: &Option<String>| {
        if grants(l, key) {
            posted.to_string()
        } else {
            current.clone().unwrap_or_default()
        }
    };
    MemberForm {
        given_name: current.given_name.clone(),
        family_name: current.family_name.clone(),
        birth_date: keep("birth_date", &posted.birth_date, &current.birth_date),
        gender: keep("membership", &posted.gender, &current.gender),
        email: keep("email", &posted.email, &current.email),
        phone: keep("phone", &posted.phone, &current.phone),
        street: keep("address", &posted.street, &current.street),
        postcode: keep("address", &posted.postcode, &current.postcode),
        city: keep("address", &posted.city, &current.city),
        membership_type: keep(
            "membership",
            &posted.membership_type,
            &current.membership_type,
        ),
        season: keep("membership", &posted.season, &current.season),
        status: current.status.as_str().to_string(),
        joined_on: keep("membership", &posted.joined_on, &current.joined_on),
        ended_on: keep("membership", &posted.ended_on, &current.ended_on),
        custom: posted.custom.clone(),
    }
}

/// Whether a leader may change the custom field `id` (granted, and not sensitive without
/// `members.sensitive`).
pub fn leader_changes_field(l: &LeaderGrant, id: i64, sensitive: bool) -> bool {
    l.edit && grants(l, &format!("cf{id}")) && (l.sensitive || !sensitive)
}

/// The members a leader reaches on the grant's day (for counts and the groups pages).
pub async fn led_count(tx: &mut TenantTx, l: &LeaderGrant) -> Result<i64> {
    let mut args: Vec<Value> = Vec::new();
    let cond = led_condition(l, |v| {
        args.push(v);
        format!("${}", args.len() + 1)
    });
    let row: (i64,) = tx
        .fetch_one(
            &format!(
                "SELECT count(*) FROM members WHERE tenant_id = $1 AND restricted_at IS NULL \
                 AND {cond}"
            ),
            args,
        )
        .await?;
    Ok(row.0)
}
