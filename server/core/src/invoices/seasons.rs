//! Seasons, their fee schedules and the club's bank details (`fees.manage`).

use super::pricing::{Fee, Rules};
use crate::db::{Db, TenantTx, Value};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use tessera_common::dto::Stamp;
use tessera_common::invoices::*;
use tessera_common::modules::FEES_MANAGE;
use tessera_common::money;
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, Msg, Problem};

/// A season's or a fee's name: at most this many characters.
pub const MAX_NAME: usize = 80;
/// The beneficiary's name: the EPC QR code's limit.
pub const MAX_BENEFICIARY: usize = 70;
/// A season lasts at most this many days.
pub const MAX_SEASON_DAYS: i64 = 731;
/// At most this many fees per season.
pub const MAX_FEES: i64 = 200;
/// At most this many seasons per club.
pub const MAX_SEASONS: i64 = 200;
/// The largest amount of one fee, in cents (€ 100,000).
pub const MAX_AMOUNT: i64 = 10_000_000;

fn check_name(field: &str, name: &str, max: usize) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field(field, Msg::ErrRequired));
    }
    if name.chars().count() > max || name.chars().any(char::is_control) {
        return Err(AppError::field(
            field,
            Problem::new(Msg::ErrMaxCharsOneLine).arg("max", max as i64),
        ));
    }
    Ok(name.to_string())
}

/// A date as typed: a real `YYYY-MM-DD` date between 1900 and 2200.
pub fn parse_date(field: &str, s: &str) -> Result<Date> {
    Date::parse(s.trim())
        .filter(|d| (1900..=2200).contains(&d.year))
        .ok_or_else(|| AppError::field(field, Msg::ErrDateFormat))
}

fn parse_optional_date(field: &str, s: &str) -> Result<Option<Date>> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(field, s).map(Some)
    }
}

/// A whole percentage 0–100 as typed (empty: 0). Anything else, a negative one included,
/// is refused: a discount over 100 % would make an amount negative.
pub fn parse_percent(field: &str, s: &str) -> Result<i64> {
    let s = s.trim().trim_end_matches('%').trim();
    if s.is_empty() {
        return Ok(0);
    }
    match s.parse::<i64>() {
        Ok(n) if (0..=100).contains(&n) => Ok(n),
        Ok(_) => Err(AppError::field(field, Msg::FeesErrNegativeRule)),
        Err(_) => Err(AppError::field(field, Msg::FeesErrPercent)),
    }
}

/// An amount in euro as typed (`125`, `125,50`, `€ 1.250`), at most [`MAX_AMOUNT`]; a
/// negative one is a rule that gives a negative amount.
pub fn parse_amount(field: &str, s: &str) -> Result<i64> {
    let t = s.trim();
    if t.starts_with('-') || t.starts_with('−') || t.contains("€-") || t.contains("€ -") {
        return Err(AppError::field(field, Msg::FeesErrNegativeRule));
    }
    match money::parse_cents(t) {
        Some(c) if c <= MAX_AMOUNT => Ok(c),
        _ => Err(AppError::field(field, Msg::FeesErrAmount)),
    }
}

fn parse_optional_amount(field: &str, s: &str) -> Result<Option<i64>> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        parse_amount(field, s).map(Some)
    }
}

fn parse_small(field: &str, s: &str, range: std::ops::RangeInclusive<i64>) -> Result<Option<i64>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i64>() {
        Ok(n) if range.contains(&n) => Ok(Some(n)),
        Ok(n) if n < 0 => Err(AppError::field(field, Msg::FeesErrNegativeRule)),
        _ => Err(AppError::field(
            field,
            Problem::new(Msg::FeesErrWhole)
                .arg("min", *range.start())
                .arg("max", *range.end()),
        )),
    }
}

/// A BIC: 8 or 11 characters, four letters (bank), two letters (country), two letters or
/// digits (place), optionally three (branch). Empty: none.
pub fn normalize_bic(s: &str) -> Result<Option<String>> {
    let b: String = s
        .split_whitespace()
        .collect::<String>()
        .to_ascii_uppercase();
    if b.is_empty() {
        return Ok(None);
    }
    let ok = matches!(b.len(), 8 | 11)
        && b.chars().all(|c| c.is_ascii_alphanumeric())
        && b[..6].chars().all(|c| c.is_ascii_alphabetic());
    if ok {
        Ok(Some(b))
    } else {
        Err(AppError::field("bic", Msg::FeesErrBic))
    }
}

#[derive(sqlx::FromRow)]
struct SeasonRow {
    id: i64,
    name: String,
    starts_on: String,
    ends_on: String,
    is_current: bool,
    reference_date: Option<String>,
    sibling_percent: i64,
    family_cap_cents: Option<i64>,
    prorata: String,
    prorata_date: Option<String>,
    prorata_percent: i64,
    version: i64,
    updated_at: i64,
    updated_by_name: Option<String>,
}

const SEASON_COLS: &str = "id, name, starts_on, ends_on, is_current, reference_date, \
    sibling_percent, family_cap_cents, prorata, prorata_date, prorata_percent, version, \
    updated_at, updated_by_name";

#[derive(Clone, sqlx::FromRow)]
struct FeeRow {
    id: i64,
    season_id: i64,
    kind: String,
    name: String,
    amount_cents: i64,
    min_age: Option<i64>,
    max_age: Option<i64>,
    birth_year_from: Option<i64>,
    birth_year_to: Option<i64>,
    group_id: Option<i64>,
    group_name: Option<String>,
}

impl From<FeeRow> for SeasonFee {
    fn from(r: FeeRow) -> Self {
        SeasonFee {
            id: r.id,
            kind: r.kind,
            name: r.name,
            amount_cents: r.amount_cents,
            min_age: r.min_age,
            max_age: r.max_age,
            birth_year_from: r.birth_year_from,
            birth_year_to: r.birth_year_to,
            group_id: r.group_id,
            group_name: r.group_name,
        }
    }
}

async fn fee_rows(tx: &mut TenantTx, season: Option<i64>) -> Result<Vec<FeeRow>> {
    let (filter, a) = match season {
        Some(s) => ("AND f.season_id = $2", args![s]),
        None => ("", args![]),
    };
    tx.fetch_all(
        &format!(
            "SELECT f.id, f.season_id, f.kind, f.name, f.amount_cents, f.min_age, f.max_age, \
             f.birth_year_from, f.birth_year_to, f.group_id, g.name AS group_name \
             FROM season_fees f LEFT JOIN club_groups g ON g.tenant_id = $1 \
             AND g.id = f.group_id WHERE f.tenant_id = $1 {filter} ORDER BY f.position, f.id"
        ),
        a,
    )
    .await
}

pub(crate) async fn seasons_in(tx: &mut TenantTx) -> Result<Vec<Season>> {
    let rows: Vec<SeasonRow> = tx
        .fetch_all(
            &format!(
                "SELECT {SEASON_COLS} FROM seasons WHERE tenant_id = $1 ORDER BY starts_on DESC"
            ),
            args![],
        )
        .await?;
    let fees = fee_rows(tx, None).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mine: Vec<SeasonFee> = fees
                .iter()
                .filter(|f| f.season_id == r.id)
                .cloned()
                .map(SeasonFee::from)
                .collect();
            Season {
                id: r.id,
                name: r.name,
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                is_current: r.is_current,
                reference_date: r.reference_date,
                sibling_percent: r.sibling_percent,
                family_cap_cents: r.family_cap_cents,
                prorata: Prorata::from_key(&r.prorata).unwrap_or_default(),
                prorata_date: r.prorata_date,
                prorata_percent: r.prorata_percent,
                fees: mine,
                version: r.version,
                stamp: Stamp {
                    at: Timestamp(r.updated_at),
                    by: r.updated_by_name,
                },
            }
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    iban: Option<String>,
    bic: Option<String>,
    beneficiary: Option<String>,
    payment_days: i64,
    version: i64,
}

/// The club's bank details (defaults while never saved).
pub(crate) async fn settings_in(tx: &mut TenantTx) -> Result<FeeSettings> {
    let row: Option<SettingsRow> = tx
        .fetch_optional(
            "SELECT iban, bic, beneficiary, payment_days, version FROM fee_settings \
             WHERE tenant_id = $1",
            args![],
        )
        .await?;
    Ok(match row {
        Some(r) => FeeSettings {
            iban: r.iban,
            bic: r.bic,
            beneficiary: r.beneficiary,
            payment_days: r.payment_days,
            version: r.version,
        },
        None => FeeSettings {
            payment_days: 30,
            ..FeeSettings::default()
        },
    })
}

/// The fees page (`fees.manage`): seasons with their schedules, bank details, the groups a
/// fee can be priced by.
pub async fn overview(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<FeesOverview> {
    scope.require(FEES_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let seasons = seasons_in(&mut tx).await?;
    let settings = settings_in(&mut tx).await?;
    let groups: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, name FROM club_groups WHERE tenant_id = $1 ORDER BY name, id",
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(FeesOverview {
        seasons,
        settings,
        groups: groups
            .into_iter()
            .map(|(id, name)| FeeGroupChoice { id, name })
            .collect(),
        today: scope.today(now).to_string(),
    })
}

/// A season's form, checked.
struct SeasonInput {
    name: String,
    starts_on: Date,
    ends_on: Date,
    current: bool,
    reference_date: Option<Date>,
    sibling_percent: i64,
    family_cap_cents: Option<i64>,
    prorata: Prorata,
    prorata_date: Option<Date>,
    prorata_percent: i64,
}

fn check_season(f: &SeasonForm) -> Result<SeasonInput> {
    let mut errors = Vec::new();
    let mut keep = |r: Result<()>| {
        if let Err(AppError::Invalid(v)) = r {
            errors.extend(v);
            Ok(())
        } else {
            r
        }
    };
    let name = check_name("name", &f.name, MAX_NAME);
    let starts = parse_date("starts_on", &f.starts_on);
    let ends = parse_date("ends_on", &f.ends_on);
    let reference = parse_optional_date("reference_date", &f.reference_date);
    let sibling = parse_percent("sibling_percent", &f.sibling_percent);
    let cap = parse_optional_amount("family_cap", &f.family_cap);
    let prorata = Prorata::from_key(f.prorata.trim())
        .ok_or_else(|| AppError::field("prorata", Msg::FeesErrProrata));
    let prorata_date = parse_optional_date("prorata_date", &f.prorata_date);
    let prorata_percent = parse_percent("prorata_percent", &f.prorata_percent);
    keep(name.as_ref().map(|_| ()).map_err(Clone::clone))?;
    keep(starts.as_ref().map(|_| ()).map_err(Clone::clone))?;
    keep(ends.as_ref().map(|_| ()).map_err(Clone::clone))?;
    keep(reference.as_ref().map(|_| ()).map_err(Clone::clone))?;
    keep(sibling.as_ref().map(|_| ()).map_err(Clone::clone))?;
    keep(cap.as_ref().map(|_| ()).map_err(Clone::clone))?;
    keep(prorata.as_ref().map(|_| ()).map_err(Clone::clone))?;
    keep(prorata_date.as_ref().map(|_| ()).map_err(Clone::clone))?;
    keep(prorata_percent.as_ref().map(|_| ()).map_err(Clone::clone))?;
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (name, starts_on, ends_on) = (name?, starts?, ends?);
    if ends_on < starts_on {
        return Err(AppError::field("ends_on", Msg::FeesErrEndBeforeStart));
    }
    if ends_on.days_since_epoch() - starts_on.days_since_epoch() >= MAX_SEASON_DAYS {
        return Err(AppError::field("ends_on", Msg::FeesErrSeasonTooLong));
    }
    let prorata = prorata?;
    let prorata_date = prorata_date?;
    let prorata_percent = prorata_percent?;
    if prorata == Prorata::AfterDate
        && !prorata_date.is_some_and(|d| d >= starts_on && d <= ends_on)
    {
        return Err(AppError::field("prorata_date", Msg::FeesErrProrataDate));
    }
    Ok(SeasonInput {
        name,
        starts_on,
        ends_on,
        current: f.current.is_some(),
        reference_date: reference?,
        sibling_percent: sibling?,
        family_cap_cents: cap?,
        prorata,
        prorata_date: if prorata == Prorata::AfterDate {
            prorata_date
        } else {
            None
        },
        prorata_percent: if prorata == Prorata::AfterDate {
            prorata_percent
        } else {
            0
        },
    })
}

async fn season_conflict(tx: &mut TenantTx, id: i64) -> Result<AppError> {
    let row: Option<(i64, Option<String>)> = tx
        .fetch_optional(
            "SELECT updated_at, updated_by_name FROM seasons WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    let (at, by) = row.ok_or(AppError::NotFound)?;
    Ok(AppError::Conflict(
        Problem::new(Msg::FeesErrChanged)
            .arg_or("who", by, Msg::SystemActor)
            .arg("when", Timestamp(at).format_brussels()),
    ))
}

/// Creates (`form.id` empty) or changes a season (`fees.manage`). Refused: a name the club
/// already uses, a season overlapping another (naming it), a last day before the first, a
/// rule giving a negative amount. Marking it current unmarks the one that was.
pub async fn save_season(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    form: &SeasonForm,
) -> Result<i64> {
    scope.require(FEES_MANAGE)?;
    let existing: Option<(i64, i64)> = if form.id.trim().is_empty() {
        None
    } else {
        let id = form.id.trim().parse().map_err(|_| AppError::NotFound)?;
        let version = form
            .version
            .trim()
            .parse()
            .map_err(|_| AppError::bad_request(Msg::ErrVersionMissing))?;
        Some((id, version))
    };
    let input = check_season(form)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let except = existing.map(|(id, _)| id).unwrap_or(0);
    if let Some((id, _)) = existing {
        let found: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM seasons WHERE tenant_id = $1 AND id = $2",
                args![id],
            )
            .await?;
        if found.is_none() {
            return Err(AppError::NotFound);
        }
    } else {
        let (n,): (i64,) = tx
            .fetch_one("SELECT count(*) FROM seasons WHERE tenant_id = $1", args![])
            .await?;
        if n >= MAX_SEASONS {
            return Err(AppError::conflict(
                Problem::new(Msg::FeesErrTooMany).arg("max", MAX_SEASONS),
            ));
        }
    }
    let names: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, name FROM seasons WHERE tenant_id = $1 AND id <> $2",
            args![except],
        )
        .await?;
    if names
        .iter()
        .any(|(_, n)| n.to_lowercase() == input.name.to_lowercase())
    {
        return Err(AppError::field("name", Msg::FeesErrSeasonNameTaken));
    }
    let overlap: Option<(String, String, String)> = tx
        .fetch_optional(
            "SELECT name, starts_on, ends_on FROM seasons WHERE tenant_id = $1 AND id <> $2 \
             AND starts_on <= $3 AND ends_on >= $4 ORDER BY starts_on LIMIT 1",
            args![
                except,
                input.ends_on.to_string(),
                input.starts_on.to_string()
            ],
        )
        .await?;
    if let Some((name, from, to)) = overlap {
        return Err(AppError::field(
            "starts_on",
            Problem::new(Msg::FeesErrOverlap)
                .arg("name", name)
                .arg("from", from)
                .arg("to", to),
        ));
    }
    if input.current {
        let others: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT id FROM seasons WHERE tenant_id = $1 AND is_current = $2 AND id <> $3",
                args![true, except],
            )
            .await?;
        for (other,) in others {
            tx.update("seasons", other, vec![("is_current", false.into())], None)
                .await?;
        }
    }
    let cols: Vec<(&str, Value)> = vec![
        ("name", input.name.clone().into()),
        ("starts_on", input.starts_on.to_string().into()),
        ("ends_on", input.ends_on.to_string().into()),
        ("is_current", input.current.into()),
        (
            "reference_date",
            input.reference_date.map(|d| d.to_string()).into(),
        ),
        ("sibling_percent", input.sibling_percent.into()),
        ("family_cap_cents", input.family_cap_cents.into()),
        ("prorata", input.prorata.key().into()),
        (
            "prorata_date",
            input.prorata_date.map(|d| d.to_string()).into(),
        ),
        ("prorata_percent", input.prorata_percent.into()),
    ];
    let id = match existing {
        Some((id, version)) => {
            if !tx.update("seasons", id, cols, Some(version)).await? {
                return Err(season_conflict(&mut tx, id).await?);
            }
            tx.log("season_changed", Some(&input.name)).await?;
            id
        }
        None => {
            let id = ids::new_id();
            let mut cols = cols;
            cols.push(("id", id.into()));
            cols.push(("created_at", now.into()));
            tx.insert("seasons", cols).await?;
            tx.log("season_added", Some(&input.name)).await?;
            id
        }
    };
    tx.commit().await?;
    Ok(id)
}

/// Saves the club's bank details (`fees.manage`): the IBAN checked (modulo 97) and kept
/// normalised, the BIC's shape, the beneficiary's name within the QR code's 70 characters,
/// the days to pay 0–365. `version` 0: never saved before.
pub async fn save_settings(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    form: &FeeSettingsForm,
) -> Result<()> {
    scope.require(FEES_MANAGE)?;
    let version: i64 = form
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::bad_request(Msg::ErrVersionMissing))?;
    let mut errors = Vec::new();
    let iban = if form.iban.trim().is_empty() {
        None
    } else {
        match money::normalize_iban(&form.iban) {
            Some(i) => Some(i),
            None => {
                errors.push(("iban", Problem::new(Msg::FeesErrIban)));
                None
            }
        }
    };
    let bic = match normalize_bic(&form.bic) {
        Ok(b) => b,
        Err(_) => {
            errors.push(("bic", Problem::new(Msg::FeesErrBic)));
            None
        }
    };
    let beneficiary = if form.beneficiary.trim().is_empty() {
        None
    } else {
        match check_name("beneficiary", &form.beneficiary, MAX_BENEFICIARY) {
            Ok(b) => Some(b),
            Err(_) => {
                errors.push((
                    "beneficiary",
                    Problem::new(Msg::ErrMaxCharsOneLine).arg("max", MAX_BENEFICIARY as i64),
                ));
                None
            }
        }
    };
    let days = match parse_small("payment_days", &form.payment_days, 0..=365) {
        Ok(Some(d)) => d,
        Ok(None) => 30,
        Err(_) => {
            errors.push((
                "payment_days",
                Problem::new(Msg::FeesErrWhole)
                    .arg("min", 0)
                    .arg("max", 365),
            ));
            0
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(
            errors
                .into_iter()
                .map(|(f, p)| tessera_common::FieldError {
                    field: f.to_string(),
                    problem: p,
                })
                .collect(),
        ));
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let exists: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT version FROM fee_settings WHERE tenant_id = $1",
            args![],
        )
        .await?;
    let cols: Vec<(&str, Value)> = vec![
        ("iban", iban.into()),
        ("bic", bic.into()),
        ("beneficiary", beneficiary.into()),
        ("payment_days", days.into()),
    ];
    match exists {
        None if version == 0 => {
            let mut cols = cols;
            cols.push(("id", 1i64.into()));
            tx.insert("fee_settings", cols).await?;
        }
        None => return Err(AppError::bad_request(Msg::ErrVersionMissing)),
        Some(_) => {
            if !tx.update("fee_settings", 1, cols, Some(version)).await? {
                let (at, by): (i64, Option<String>) = tx
                    .fetch_one(
                        "SELECT updated_at, updated_by_name FROM fee_settings WHERE tenant_id = $1",
                        args![],
                    )
                    .await?;
                return Err(AppError::Conflict(
                    Problem::new(Msg::FeesErrChanged)
                        .arg_or("who", by, Msg::SystemActor)
                        .arg("when", Timestamp(at).format_brussels()),
                ));
            }
        }
    }
    tx.log("fee_settings_changed", None).await?;
    tx.commit().await
}

/// Adds a fee to a season's schedule (`fees.manage`), after its other fees. Refused: a
/// negative or unreadable amount, an age or birth-year band the wrong way round, a group of
/// another club.
pub async fn add_fee(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    form: &SeasonFeeForm,
) -> Result<i64> {
    scope.require(FEES_MANAGE)?;
    let season: i64 = form.season.trim().parse().map_err(|_| AppError::NotFound)?;
    let one_off = match form.kind.trim() {
        "membership" | "" => false,
        "one_off" => true,
        _ => return Err(AppError::field("kind", Msg::FeesErrKind)),
    };
    let mut errors = Vec::new();
    let mut take = |r: Result<Option<i64>>| match r {
        Ok(v) => v,
        Err(AppError::Invalid(v)) => {
            errors.extend(v);
            None
        }
        Err(_) => None,
    };
    let name = check_name("name", &form.name, MAX_NAME);
    let amount = parse_amount("amount", &form.amount);
    let min_age = take(parse_small("min_age", &form.min_age, 0..=150));
    let max_age = take(parse_small("max_age", &form.max_age, 0..=150));
    let by_from = take(parse_small(
        "birth_year_from",
        &form.birth_year_from,
        1900..=2200,
    ));
    let by_to = take(parse_small(
        "birth_year_to",
        &form.birth_year_to,
        1900..=2200,
    ));
    for r in [&name.as_ref().map(|_| ()), &amount.as_ref().map(|_| ())] {
        if let Err(AppError::Invalid(v)) = r {
            errors.extend(v.iter().cloned());
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (name, amount) = (name?, amount?);
    if let (Some(a), Some(b)) = (min_age, max_age) {
        if a > b {
            return Err(AppError::field("max_age", Msg::FeesErrRange));
        }
    }
    if let (Some(a), Some(b)) = (by_from, by_to) {
        if a > b {
            return Err(AppError::field("birth_year_to", Msg::FeesErrRange));
        }
    }
    let group: Option<i64> = if form.group.trim().is_empty() {
        None
    } else {
        Some(
            form.group
                .trim()
                .parse()
                .map_err(|_| AppError::field("group", Msg::FeesErrGroup))?,
        )
    };
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let found: Option<(String,)> = tx
        .fetch_optional(
            "SELECT name FROM seasons WHERE tenant_id = $1 AND id = $2",
            args![season],
        )
        .await?;
    let Some((season_name,)) = found else {
        return Err(AppError::NotFound);
    };
    if let Some(g) = group {
        let g: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM club_groups WHERE tenant_id = $1 AND id = $2",
                args![g],
            )
            .await?;
        if g.is_none() {
            return Err(AppError::field("group", Msg::FeesErrGroup));
        }
    }
    let (n, last): (i64, Option<i64>) = tx
        .fetch_one(
            "SELECT count(*), max(position) FROM season_fees WHERE tenant_id = $1 AND season_id = $2",
            args![season],
        )
        .await?;
    if n >= MAX_FEES {
        return Err(AppError::conflict(
            Problem::new(Msg::FeesErrTooMany).arg("max", MAX_FEES),
        ));
    }
    let id = ids::new_id();
    tx.insert(
        "season_fees",
        vec![
            ("id", id.into()),
            ("season_id", season.into()),
            ("position", (last.unwrap_or(0) + 1).into()),
            (
                "kind",
                if one_off { "one_off" } else { "membership" }.into(),
            ),
            ("name", name.clone().into()),
            ("amount_cents", amount.into()),
            ("min_age", min_age.into()),
            ("max_age", max_age.into()),
            ("birth_year_from", by_from.into()),
            ("birth_year_to", by_to.into()),
            ("group_id", group.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log("season_fee_added", Some(&format!("{season_name}: {name}")))
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes a fee from a schedule (`fees.manage`); invoices already made keep their lines.
pub async fn remove_fee(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    scope.require(FEES_MANAGE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let found: Option<(String,)> = tx
        .fetch_optional(
            "SELECT name FROM season_fees WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    let Some((name,)) = found else {
        return Err(AppError::NotFound);
    };
    tx.execute(
        "DELETE FROM season_fees WHERE tenant_id = $1 AND id = $2",
        args![id],
    )
    .await?;
    tx.log("season_fee_removed", Some(&name)).await?;
    tx.commit().await
}

/// A season's rules and fees, for pricing.
pub async fn rules_of(tx: &mut TenantTx, season: i64) -> Result<(Season, Rules, Vec<Fee>)> {
    let seasons = seasons_in(tx).await?;
    let s = seasons
        .into_iter()
        .find(|s| s.id == season)
        .ok_or(AppError::NotFound)?;
    let d = |x: &str| Date::parse(x).ok_or_else(|| crate::error::internal("a season's date"));
    let starts_on = d(&s.starts_on)?;
    let rules = Rules {
        starts_on,
        ends_on: d(&s.ends_on)?,
        reference: match &s.reference_date {
            Some(r) => d(r)?,
            None => starts_on,
        },
        sibling_percent: s.sibling_percent,
        family_cap_cents: s.family_cap_cents,
        prorata: s.prorata,
        prorata_date: s.prorata_date.as_deref().and_then(Date::parse),
        prorata_percent: s.prorata_percent,
    };
    let fees = s
        .fees
        .iter()
        .map(|f| Fee {
            id: f.id,
            one_off: f.kind == "one_off",
            name: f.name.clone(),
            amount_cents: f.amount_cents,
            min_age: f.min_age,
            max_age: f.max_age,
            birth_year_from: f.birth_year_from,
            birth_year_to: f.birth_year_to,
            group_id: f.group_id,
        })
        .collect();
    Ok((s, rules, fees))
}
