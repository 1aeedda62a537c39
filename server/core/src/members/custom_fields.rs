//! The club's own fields on member records: their definitions (`members.fields`), who may
//! see and change each one, the rules of each kind (IBAN and Belgian national register
//! number checksums included), and their values, stored with the record they belong to.

pub use super::field_rules::*;
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::members::Problems;
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use std::collections::BTreeMap;
use tessera_common::dto::{CustomField, CustomValue, FieldForm, FieldKind, FieldVisibility, Stamp};
use tessera_common::modules::{MEMBERS_FIELDS, MEMBERS_SENSITIVE};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, MemberId};
use tessera_common::{Msg, Problem};

/// At most this many custom fields per club.
pub const MAX_FIELDS: i64 = 60;

pub(super) const MAX_OPTIONS: usize = 50;

#[derive(sqlx::FromRow)]
pub(super) struct FieldRow {
    pub(super) id: i64,
    pub(super) label: String,
    pub(super) kind: String,
    pub(super) help: Option<String>,
    pub(super) required: bool,
    pub(super) options: Option<String>,
    pub(super) visibility: String,
    pub(super) member_editable: bool,
    pub(super) version: i64,
    pub(super) updated_at: i64,
    pub(super) updated_by_name: Option<String>,
}

/// The columns of a [`FieldRow`], of `custom_fields f`.
pub(super) const FIELD_COLUMNS: &str = "f.id, f.label, f.kind, f.help, f.required, f.options, \
    f.visibility, f.member_editable, f.version, f.updated_at, f.updated_by_name";

#[derive(sqlx::FromRow)]
pub(super) struct FieldValueRow {
    #[sqlx(flatten)]
    pub(super) field: FieldRow,
    pub(super) value: Option<String>,
}

impl FieldRow {
    pub(super) fn into_field(self) -> CustomField {
        CustomField {
            id: self.id,
            label: self.label,
            kind: FieldKind::parse(&self.kind).unwrap_or(FieldKind::Text),
            help: self.help,
            required: self.required,
            options: self
                .options
                .unwrap_or_default()
                .lines()
                .map(str::to_string)
                .collect(),
            visibility: FieldVisibility::parse(&self.visibility)
                .unwrap_or(FieldVisibility::Sensitive),
            member_editable: self.member_editable,
            version: self.version,
            stamp: Stamp {
                at: Timestamp(self.updated_at),
                by: self.updated_by_name,
            },
        }
    }
}

/// Every custom field of the club, in their order.
pub(crate) async fn definitions(tx: &mut TenantTx) -> Result<Vec<CustomField>> {
    let rows: Vec<FieldRow> = tx
        .fetch_all(
            &format!(
                "SELECT {FIELD_COLUMNS} FROM custom_fields f WHERE tenant_id = $1 \
                 ORDER BY f.position, f.id"
            ),
            args![],
        )
        .await?;
    Ok(rows.into_iter().map(FieldRow::into_field).collect())
}

/// Who is looking at or changing a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// Staff with `members.view` (and `members.edit` to change).
    Staff { sensitive: bool },
    /// The member themselves, or their guardian.
    Member,
}

impl Viewer {
    pub fn staff(scope: &TenantScope) -> Viewer {
        Viewer::Staff {
            sensitive: scope.can(MEMBERS_SENSITIVE),
        }
    }

    pub fn sees(self, f: &CustomField) -> bool {
        match (self, f.visibility) {
            (Viewer::Staff { sensitive }, FieldVisibility::Sensitive) => sensitive,
            (Viewer::Staff { .. }, _) => true,
            (Viewer::Member, v) => v == FieldVisibility::Member,
        }
    }

    pub fn changes(self, f: &CustomField) -> bool {
        self.sees(f)
            && match self {
                Viewer::Staff { .. } => true,
                Viewer::Member => f.member_editable,
            }
    }
}

/// The record's values of the fields the viewer may see; `editable` is set for those the
/// viewer may change when `can_change`.
pub(crate) async fn values_of(
    tx: &mut TenantTx,
    member: MemberId,
    viewer: Viewer,
    can_change: bool,
) -> Result<Vec<CustomValue>> {
    // The club's fields with this member's values, one row per value (or one without).
    let rows: Vec<FieldValueRow> = tx
        .fetch_all(
            &format!(
                "SELECT {FIELD_COLUMNS}, v.value FROM custom_fields f \
                 LEFT JOIN member_field_values v ON v.tenant_id = f.tenant_id \
                 AND v.member_id = $2 AND v.field_id = f.id \
                 WHERE f.tenant_id = $1 ORDER BY f.position, f.id, v.value"
            ),
            args![member],
        )
        .await?;
    let mut fields: Vec<(CustomField, Vec<String>)> = Vec::new();
    for r in rows {
        let value = r.value;
        match fields.last_mut() {
            Some((f, values)) if f.id == r.field.id => values.extend(value),
            _ => fields.push((r.field.into_field(), value.into_iter().collect())),
        }
    }
    Ok(fields
        .into_iter()
        .filter(|(f, _)| viewer.sees(f))
        .map(|(f, mut values)| {
            if f.kind == FieldKind::Multi {
                // In the order of the options, the way the club listed them.
                values.sort_by_key(|v| f.options.iter().position(|o| o == v));
            }
            let editable = can_change && viewer.changes(&f);
            CustomValue {
                field: f,
                values,
                editable,
            }
        })
        .collect())
}

/// The values posted for the fields `viewer` may change, checked; every problem is added
/// to `p` under the field's form name (`cf{id}`).
pub(crate) fn read_posted(
    fields: &[CustomField],
    posted: &BTreeMap<String, String>,
    viewer: Viewer,
    p: &mut Problems,
) -> Vec<(i64, Vec<String>)> {
    let mut out = Vec::new();
    for f in fields.iter().filter(|f| viewer.changes(f)) {
        let raw: Vec<&str> = if f.kind == FieldKind::Multi {
            let prefix = format!("c{}~", f.id);
            posted
                .iter()
                .filter(|(k, _)| k.starts_with(&prefix))
                .map(|(_, v)| v.as_str())
                .collect()
        } else {
            posted
                .get(&format!("c{}", f.id))
                .map(|v| vec![v.as_str()])
                .unwrap_or_default()
        };
        match check_values(f, &raw) {
            Ok(values) => out.push((f.id, values)),
            Err(message) => p.add(&format!("cf{}", f.id), message),
        }
    }
    out
}

/// Stores a record's values of the given fields (replacing what was there), inside the
/// record's own write transaction.
pub(crate) async fn store(
    tx: &mut TenantTx,
    member: MemberId,
    values: &[(i64, Vec<String>)],
) -> Result<()> {
    for (field, vs) in values {
        tx.execute(
            "DELETE FROM member_field_values WHERE tenant_id = $1 AND member_id = $2 \
             AND field_id = $3",
            args![member, *field],
        )
        .await?;
        for v in vs {
            tx.insert(
                "member_field_values",
                vec![
                    ("member_id", member.into()),
                    ("field_id", (*field).into()),
                    ("value", v.clone().into()),
                ],
            )
            .await?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- defining fields

pub(super) fn label_key(label: &str) -> String {
    label.trim().to_lowercase()
}

/// A checked field definition.
pub(crate) struct Definition {
    label: String,
    kind: FieldKind,
    help: Option<String>,
    options: Vec<String>,
    visibility: FieldVisibility,
    member_editable: bool,
}

/// Checks a field definition; every problem at once, per form field.
pub(crate) fn validate(input: &FieldForm) -> Result<Definition> {
    let mut p = Problems::default();
    let label = input.label.trim().to_string();
    if label.is_empty() || label.chars().count() > 80 || label.chars().any(char::is_control) {
        p.add("label", Msg::ErrLabelLength);
    }
    let kind = FieldKind::parse(input.kind.trim());
    if kind.is_none() {
        p.add("kind", Msg::ErrChooseFieldKind);
    }
    let help = input.help.trim();
    if help.chars().count() > 300 || help.chars().any(char::is_control) {
        p.add(
            "help",
            Problem::new(Msg::ErrMaxCharsOneLine).arg("max", 300),
        );
    }
    let help = (!help.is_empty()).then(|| help.to_string());
    let mut options: Vec<String> = Vec::new();
    for o in input
        .options
        .lines()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        if o.chars().count() > 80 || o.chars().any(char::is_control) {
            p.add(
                "options",
                Problem::new(Msg::ErrOptionLength)
                    .arg("start", o.chars().take(20).collect::<String>()),
            );
            break;
        }
        if !options.iter().any(|x| x.to_lowercase() == o.to_lowercase()) {
            options.push(o.to_string());
        }
    }
    match kind {
        Some(k) if k.has_options() => {
            if options.is_empty() {
                p.add("options", Msg::ErrOptionsNeeded);
            } else if options.len() > MAX_OPTIONS {
                p.add(
                    "options",
                    Problem::new(Msg::ErrTooManyOptions).arg("max", MAX_OPTIONS),
                );
            }
        }
        _ => {
            if !options.is_empty() {
                p.add("options", Msg::ErrNoOptionsForKind);
            }
        }
    }
    let mut visibility = FieldVisibility::parse(input.visibility.trim());
    if visibility.is_none() {
        p.add("visibility", Msg::ErrChooseVisibility);
    }
    if kind == Some(FieldKind::NationalNumber) {
        // Always behind its own permission, whatever was chosen.
        visibility = Some(FieldVisibility::Sensitive);
    }
    if input.member_editable && visibility != Some(FieldVisibility::Member) {
        p.add("member_editable", Msg::ErrMemberEditable);
    }
    p.done()?;
    Ok(Definition {
        label,
        kind: kind.unwrap_or(FieldKind::Text),
        help,
        options,
        visibility: visibility.unwrap_or(FieldVisibility::Sensitive),
        member_editable: input.member_editable,
    })
}

/// The fields of a new record, empty, for staff who add one (`members.edit`).
pub async fn blank(db: &Db, scope: &TenantScope) -> Result<Vec<CustomValue>> {
    scope.require(tessera_common::modules::MEMBERS_EDIT)?;
    let viewer = Viewer::staff(scope);
    let mut tx = db.tenant_read(scope).await?;
    let fields = definitions(&mut tx).await?;
    tx.commit().await?;
    Ok(fields
        .into_iter()
        .filter(|f| viewer.sees(f))
        .map(|field| CustomValue {
            editable: viewer.changes(&field),
            field,
            values: Vec::new(),
        })
        .collect())
}

/// The club's fields for the settings page (`members.fields`).
pub async fn list(db: &Db, scope: &TenantScope) -> Result<Vec<CustomField>> {
    scope.require(MEMBERS_FIELDS)?;
    let mut tx = db.tenant_read(scope).await?;
    let fields = definitions(&mut tx).await?;
    tx.commit().await?;
    Ok(fields)
}

/// The fields the register can filter on, for a viewer with `members.view`.
pub(crate) async fn filterable(tx: &mut TenantTx, scope: &TenantScope) -> Result<Vec<CustomField>> {
    let viewer = Viewer::staff(scope);
    Ok(definitions(tx)
        .await?
        .into_iter()
        .filter(|f| f.kind.filterable() && viewer.sees(f))
        .collect())
}

pub(super) fn duplicate_label(e: AppError) -> AppError {
    match e {
        AppError::Conflict(_) => AppError::field("label", Msg::ErrFieldLabelTaken),
        e => e,
    }
}

pub(super) fn describe(label: &str, kind: FieldKind) -> String {
    format!("{label} ({})", kind.as_str())
}

/// Adds a field at the end of the record (`members.fields`).
pub async fn create(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: &FieldForm,
) -> Result<i64> {
    scope.require(MEMBERS_FIELDS)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let id = create_in(&mut tx, scope, input).await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a field inside a transaction of the caller (`members.fields`), with every rule of
/// [`create`]: a federation template adopted by the club is created through here.
pub(crate) async fn create_in(
    tx: &mut TenantTx,
    scope: &TenantScope,
    input: &FieldForm,
) -> Result<i64> {
    scope.require(MEMBERS_FIELDS)?;
    let Definition {
        label,
        kind,
        help,
        options,
        visibility,
        member_editable: editable,
    } = validate(input)?;
    let (count, last): (i64, Option<i64>) = tx
        .fetch_one(
            "SELECT count(*), max(position) FROM custom_fields WHERE tenant_id = $1",
            args![],
        )
        .await?;
    if count >= MAX_FIELDS {
        return Err(AppError::bad_request(
            Problem::new(Msg::ErrTooManyFields).arg("max", MAX_FIELDS),
        ));
    }
    let taken: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM custom_fields WHERE tenant_id = $1 AND label_key = $2",
            args![label_key(&label)],
        )
        .await?;
    if taken.is_some() {
        return Err(AppError::field("label", Msg::ErrFieldLabelTaken));
    }
    let id = ids::new_id();
    tx.insert(
        "custom_fields",
        vec![
            ("id", id.into()),
            ("label", label.clone().into()),
            ("label_key", label_key(&label).into()),
            ("kind", kind.as_str().into()),
            ("help", help.into()),
            ("required", input.required.into()),
            (
                "options",
                (!options.is_empty()).then(|| options.join("\n")).into(),
            ),
            ("visibility", visibility.as_str().into()),
            ("member_editable", editable.into()),
            ("position", (last.unwrap_or(0) + 1).into()),
        ],
    )
    .await
    .map_err(duplicate_label)?;
    tx.log("field_created", Some(&describe(&label, kind)))
        .await?;
    Ok(id)
}

/// Changes a field (`members.fields`). Its kind stays what it was (stored values were
/// checked against it); options removed from a choice keep the records that chose them
/// until those records are changed. `version` is the version the form was opened at.
pub async fn update(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    input: &FieldForm,
    version: i64,
) -> Result<()> {
    scope.require(MEMBERS_FIELDS)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let current: Option<(String,)> = tx
        .fetch_optional(
            "SELECT kind FROM custom_fields WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    let (kind,) = current.ok_or(AppError::NotFound)?;
    let mut input = input.clone();
    if input.kind.trim() != kind {
        return Err(AppError::field("kind", Msg::ErrFieldKeepsKind));
    }
    input.kind = kind;
    let Definition {
        label,
        kind,
        help,
        options,
        visibility,
        member_editable: editable,
    } = validate(&input)?;
    let taken: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM custom_fields WHERE tenant_id = $1 AND label_key = $2 AND id <> $3",
            args![label_key(&label), id],
        )
        .await?;
    if taken.is_some() {
        return Err(AppError::field("label", Msg::ErrFieldLabelTaken));
    }
    let saved = tx
        .update(
            "custom_fields",
            id,
            vec![
                ("label", label.clone().into()),
                ("label_key", label_key(&label).into()),
                ("help", help.into()),
                ("required", input.required.into()),
                (
                    "options",
                    (!options.is_empty()).then(|| options.join("\n")).into(),
                ),
                ("visibility", visibility.as_str().into()),
                ("member_editable", editable.into()),
            ],
            Some(version),
        )
        .await
        .map_err(duplicate_label)?;
    if !saved {
        return Err(AppError::Conflict(Msg::ErrFieldChanged.into()));
    }
    tx.log("field_changed", Some(&describe(&label, kind)))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a field and every record's value of it (`members.fields`).
pub async fn delete(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    scope.require(MEMBERS_FIELDS)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row: Option<(String, String)> = tx
        .fetch_optional(
            "SELECT label, kind FROM custom_fields WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    let (label, kind) = row.ok_or(AppError::NotFound)?;
    tx.execute(
        "DELETE FROM member_field_values WHERE tenant_id = $1 AND field_id = $2",
        args![id],
    )
    .await?;
    tx.execute(
        "DELETE FROM custom_fields WHERE tenant_id = $1 AND id = $2",
        args![id],
    )
    .await?;
    tx.log("field_deleted", Some(&format!("{label} ({kind})")))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves a field one place up or down in the record (`members.fields`).
pub async fn move_field(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    up: bool,
) -> Result<()> {
    scope.require(MEMBERS_FIELDS)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let rows: Vec<(i64, i64)> = tx
        .fetch_all(
            "SELECT id, position FROM custom_fields WHERE tenant_id = $1 ORDER BY position, id",
            args![],
        )
        .await?;
    let mut order: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let at = order
        .iter()
        .position(|x| *x == id)
        .ok_or(AppError::NotFound)?;
    let other = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|o| *o < order.len())
    };
    let Some(other) = other else {
        return Ok(());
    };
    order.swap(at, other);
    // Each field whose place changes carries the change's stamp (and a new version).
    for (n, fid) in order.iter().enumerate() {
        let position = n as i64 + 1;
        if rows.iter().any(|(i, p)| i == fid && *p == position) {
            continue;
        }
        tx.update(
            "custom_fields",
            *fid,
            vec![("position", position.into())],
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind) -> CustomField {
        CustomField {
            id: 1,
            label: "x".into(),
            kind,
            help: None,
            required: false,
            options: vec!["Red".into(), "Blue".into()],
            visibility: FieldVisibility::Member,
            member_editable: false,
            version: 1,
            stamp: Stamp {
                at: Timestamp(0),
                by: None,
            },
        }
    }

    #[test]
    fn iban_checksums_are_checked_and_stored_grouped() {
        assert_eq!(
            normalize_iban("be68-5390-0754-7034").as_deref(),
            Some("BE68 5390 0754 7034")
        );
        assert_eq!(
            normalize_iban("FR14 2004 1010 0505 0001 3M02 606").as_deref(),
            Some("FR14 2004 1010 0505 0001 3M02 606")
        );
        assert_eq!(
            normalize_iban("be68539007547034").as_deref(),
            Some("BE68 5390 0754 7034")
        );
        assert_eq!(
            normalize_iban("NL91 ABNA 0417 1643 00").as_deref(),
            Some("NL91 ABNA 0417 1643 00")
        );
        assert_eq!(
            normalize_iban("DE89 3704 0044 0532 0130 00").as_deref(),
            Some("DE89 3704 0044 0532 0130 00")
        );
        for bad in [
            "BE69539007547034",      // wrong check digits
            "BE6853900754703",       // too short for Belgium
            "BE68 5390 0754 7034 1", // too long for Belgium
            "XX",
            "",
            "<script>alert(1)</script>",
            "BE68 5390 0754 703é",
            "XX68539007547034",       // no such country
            "DE89370400440532013001", // German length, wrong checksum
            "BE68-5390-0754-7034X",
        ] {
            assert_eq!(normalize_iban(bad), None, "{bad}");
        }
    }

    #[test]
    fn national_numbers_are_checked_for_both_centuries() {
        // Born 1985-07-30: 97 - (850730033 mod 97) = 28.
        assert_eq!(
            normalize_national_number("85073003328").as_deref(),
            Some("85.07.30-033.28")
        );
        assert_eq!(
            normalize_national_number("85.07.30-033.28").as_deref(),
            Some("85.07.30-033.28")
        );
        // Born in 2000s: a 2 in front of the nine digits.
        let base = 10_203_004u64; // 01.02.03-004
        let check = 97 - (2_000_000_000 + base) % 97;
        let n = format!("{base:09}{check:02}");
        assert!(normalize_national_number(&n).is_some(), "{n}");
        for bad in [
            "85073003329",
            "8507300332",
            "850730033288",
            "85.13.30-033.xx",
            "",
            "abcdefghijk",
        ] {
            assert_eq!(normalize_national_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn each_kind_refuses_wrong_values_with_a_message() {
        let ok = |k: FieldKind, v: &str| check_values(&field(k), &[v]);
        assert_eq!(ok(FieldKind::Number, "3,5"), Ok(vec!["3.5".to_string()]));
        assert_eq!(ok(FieldKind::Number, "-007"), Ok(vec!["-7".to_string()]));
        assert!(ok(FieldKind::Number, "1e5").is_err());
        assert!(ok(FieldKind::Number, "12.").is_err());
        assert!(ok(FieldKind::Number, "1234567890123456").is_err());
        assert!(ok(FieldKind::Date, "2026-02-30").is_err());
        assert_eq!(
            ok(FieldKind::Date, "2026-02-28"),
            Ok(vec!["2026-02-28".to_string()])
        );
        assert!(ok(FieldKind::Choice, "Green").is_err());
        assert!(ok(FieldKind::Choice, "<script>").is_err());
        assert_eq!(ok(FieldKind::Choice, "Red"), Ok(vec!["Red".to_string()]));
        assert!(ok(FieldKind::YesNo, "maybe").is_err());
        assert!(ok(FieldKind::Email, "javascript:alert(1)").is_err());
        assert!(ok(FieldKind::Phone, "call me").is_err());
        assert!(ok(FieldKind::Text, "line\nbreak").is_err());
        assert!(ok(FieldKind::Text, &"x".repeat(201)).is_err());
        assert_eq!(
            ok(FieldKind::LongText, "a\r\nb"),
            Ok(vec!["a\nb".to_string()])
        );
        assert!(ok(FieldKind::LongText, &"x".repeat(4001)).is_err());
        // Hostile text is stored as typed; pages and mails escape it.
        assert_eq!(
            ok(FieldKind::Text, "<script>alert(1)</script>"),
            Ok(vec!["<script>alert(1)</script>".to_string()])
        );
        let multi = field(FieldKind::Multi);
        assert_eq!(
            check_values(&multi, &["Blue", "Red", "Blue"]),
            Ok(vec!["Blue".to_string(), "Red".to_string()])
        );
        assert!(check_values(&multi, &["Blue", "Pink"]).is_err());
        assert!(check_values(&field(FieldKind::Text), &["a", "b"]).is_err());
        let mut required = field(FieldKind::Text);
        required.required = true;
        assert_eq!(
            check_values(&required, &["  "]),
            Err(Problem::new(Msg::ErrRequired))
        );
        assert_eq!(check_values(&field(FieldKind::Text), &[]), Ok(vec![]));
    }

    #[test]
    fn definitions_are_checked_per_form_field() {
        let form = |kind: &str, options: &str, vis: &str, editable: bool| FieldForm {
            label: "Shirt size".into(),
            kind: kind.into(),
            help: String::new(),
            required: false,
            options: options.into(),
            visibility: vis.into(),
            member_editable: editable,
        };
        assert!(validate(&form("choice", "S\nM\nL", "member", true)).is_ok());
        let fields = |r: Result<_>| match r {
            Err(AppError::Invalid(v)) => v.into_iter().map(|e| e.field).collect::<Vec<_>>(),
            _ => vec![],
        };
        assert_eq!(
            fields(validate(&form("choice", "", "member", false))),
            vec!["options"]
        );
        assert_eq!(
            fields(validate(&form("text", "S", "member", false))),
            vec!["options"]
        );
        assert_eq!(
            fields(validate(&form("blob", "", "member", false))),
            vec!["kind"]
        );
        assert_eq!(
            fields(validate(&form("text", "", "staff", true))),
            vec!["member_editable"]
        );
        assert_eq!(
            fields(validate(&form("text", "", "everyone", false))),
            vec!["visibility"]
        );
        // A national register number is always sensitive.
        let nrn = validate(&form("national_number", "", "member", false)).map(|v| v.visibility);
        assert_eq!(nrn.ok(), Some(FieldVisibility::Sensitive));
        let mut long = form("text", "", "member", false);
        long.label = "x".repeat(81);
        assert_eq!(fields(validate(&long)), vec!["label"]);
    }
}
