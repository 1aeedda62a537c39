//! The demo's licences (issue 18): the federation's two seasons (the last and the current)
//! and its categories (competitive, recreational, two youth bands by age on 31 December),
//! and licences for the members of its clubs through the clubs' own request path: the
//! three named clubs in both seasons by age (the last season approved; the current one
//! mostly approved, some still pending, one refused with a reason), every generated club
//! (the load-test dataset) in the current season as recreational, approved in one
//! statement per club. One request per club and category: no round trip per person.

use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::licences::{self, RequestInput};
use crate::scope::{Actor, TenantScope};
use crate::tenancy::TenantRecord;
use std::collections::BTreeMap;
use tessera_common::licence::{CategoryForm, SeasonForm};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{MemberId, TenantId};

/// How many named demo clubs get the detailed licences (the others: the bulk path).
const DETAILED_CLUBS: usize = 3;

pub async fn seed(
    db: &Db,
    federation: &TenantRecord,
    named_clubs: &[TenantId],
    actor: &Actor,
    now: Timestamp,
) -> Result<()> {
    let fed =
        TenantScope::for_system_task(&crate::jobs::SystemTask::background(), federation.clone());
    let fed_values = required_values(db, &fed).await?;
    let today = fed.today(now);
    let start_year = if today.month >= 9 {
        today.year
    } else {
        today.year - 1
    };
    let mut seasons = Vec::new();
    for y in [start_year - 1, start_year] {
        let id = licences::add_season(
            db,
            &fed,
            actor,
            now,
            &SeasonForm {
                federation: String::new(),
                name: format!("{y}-{}", y + 1),
                starts_on: format!("{y}-09-01"),
                ends_on: format!("{}-08-31", y + 1),
            },
        )
        .await?;
        seasons.push((id, y));
    }
    let category = |name: &str, fee: &str, min: &str, max: &str| CategoryForm {
        federation: String::new(),
        name: name.into(),
        fee: fee.into(),
        min_age: min.into(),
        max_age: max.into(),
        age_on: if min.is_empty() { "" } else { "12-31" }.into(),
    };
    let mut cats = BTreeMap::new();
    for (key, form) in [
        ("competitive", category("Competitive", "65", "", "")),
        ("recreational", category("Recreational", "30", "", "")),
        ("u12", category("Youth U12", "20", "6", "11")),
        ("u18", category("Youth U18", "35", "12", "17")),
    ] {
        cats.insert(
            key,
            licences::add_category(db, &fed, actor, now, &form).await?,
        );
    }
    let mut tx = db.platform(false).await?;
    let clubs = crate::affiliations::active_clubs(&mut tx, federation.id).await?;
    tx.commit().await?;
    for aff in clubs {
        let Some(club) = crate::tenants::find_by_id(db, aff.club).await? else {
            continue;
        };
        let scope =
            TenantScope::for_system_task(&crate::jobs::SystemTask::background(), club.clone());
        let mut rtx = db.tenant_read(&scope).await?;
        let members: Vec<(i64, Option<String>)> = rtx
            .fetch_all(
                "SELECT id, birth_date FROM members WHERE tenant_id = $1 AND status = 'active' \
                 AND restricted_at IS NULL AND erased_at IS NULL ORDER BY id",
                args![],
            )
            .await?;
        rtx.commit().await?;
        if members.is_empty() {
            continue;
        }
        let detailed = named_clubs
            .iter()
            .take(DETAILED_CLUBS)
            .any(|c| *c == club.id);
        if !detailed {
            // The load-test dataset: everyone recreational in the current season, approved.
            let (season, _) = seasons[1];
            request(
                db,
                &scope,
                actor,
                now,
                (season, cats["recreational"]),
                &members,
                &fed_values,
            )
            .await?;
            licences::approve_all_requested(db, &fed, actor, now, club.id, season).await?;
            continue;
        }
        for (k, (season, year)) in seasons.iter().enumerate() {
            let on = Date::new(*year, 12, 31).unwrap_or(today);
            let mut by_cat: BTreeMap<i64, Vec<(i64, Option<String>)>> = BTreeMap::new();
            for (i, (id, born)) in members.iter().enumerate() {
                let age = born.as_deref().and_then(Date::parse).map(|b| b.age_on(on));
                let cat = match age {
                    Some(a) if a < 6 => continue,
                    Some(a) if a <= 11 => cats["u12"],
                    Some(a) if a <= 17 => cats["u18"],
                    _ if i % 3 == 0 => cats["competitive"],
                    _ => cats["recreational"],
                };
                // Not everyone was licensed last season.
                if k == 0 && i % 4 == 3 {
                    continue;
                }
                by_cat.entry(cat).or_default().push((*id, born.clone()));
            }
            for (cat, people) in by_cat {
                request(db, &scope, actor, now, (*season, cat), &people, &fed_values).await?;
            }
            // Decisions: the last season all approved; this one approved but for every
            // fifth (pending) and one refused with a reason.
            let mut ftx = db.tenant_read(&fed).await?;
            let ids: Vec<(i64,)> = ftx
                .fetch_all(
                    "SELECT id FROM licences WHERE tenant_id = $1 AND club_id = $2 \
                     AND season_id = $3 ORDER BY id",
                    args![club.id.0, *season],
                )
                .await?;
            ftx.commit().await?;
            let ids: Vec<i64> = ids.into_iter().map(|r| r.0).collect();
            if k == 0 {
                licences::approve_all_requested(db, &fed, actor, now, club.id, *season).await?;
                continue;
            }
            let refused = ids.first().copied();
            let approve: Vec<i64> = ids
                .iter()
                .enumerate()
                .filter(|(i, id)| i % 5 != 4 && Some(**id) != refused)
                .map(|(_, id)| *id)
                .collect();
            for chunk in approve.chunks(licences::MAX_DECIDE) {
                licences::decide(db, &fed, actor, now, "approve", "", chunk).await?;
            }
            if let Some(id) = refused {
                licences::decide(
                    db,
                    &fed,
                    actor,
                    now,
                    "refuse",
                    "The medical certificate is missing.",
                    &[id],
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// A value for each of the federation's required own fields (the club fills them in on
/// the request form): the first choice of a choice, "yes" for yes/no, a neutral value
/// otherwise.
async fn required_values(db: &Db, fed: &TenantScope) -> Result<BTreeMap<String, String>> {
    let mut tx = db.tenant_read(fed).await?;
    let rows: Vec<(String, String, String)> = tx
        .fetch_all(
            "SELECT key, kind, choices FROM fed_fields WHERE tenant_id = $1 \
             AND required = $2 AND archived_at IS NULL",
            args![true],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|(key, kind, choices)| {
            let v = match kind.as_str() {
                "choice" => choices
                    .split(['\n', '|', ';'])
                    .map(str::trim)
                    .find(|c| !c.is_empty())
                    .unwrap_or("")
                    .to_string(),
                "yes_no" => "yes".to_string(),
                "number" => "1".to_string(),
                "date" => "2000-01-01".to_string(),
                _ => "-".to_string(),
            };
            (key, v)
        })
        .collect())
}

async fn request(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    (season, category): (i64, i64),
    people: &[(i64, Option<String>)],
    fed: &BTreeMap<String, String>,
) -> Result<()> {
    let (season, category) = (season.to_string(), category.to_string());
    let slug = federation_slug(db, scope).await?;
    for chunk in people.chunks(licences::MAX_REQUEST) {
        licences::request(
            db,
            scope,
            actor,
            now,
            RequestInput {
                federation: &slug,
                season: &season,
                category: &category,
                members: chunk.iter().map(|(id, _)| MemberId(*id)).collect(),
                fed,
            },
        )
        .await?;
    }
    Ok(())
}

async fn federation_slug(db: &Db, club: &TenantScope) -> Result<String> {
    let parent = club.tenant().parent_id.unwrap_or(club.tenant_id());
    Ok(crate::tenants::find_by_id(db, parent)
        .await?
        .map(|t| t.slug)
        .unwrap_or_default())
}
