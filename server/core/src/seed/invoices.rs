//! The demo's seasons and fees (inv20): last season and the current one (1 July – 30 June)
//! with their fee schedules (youth and adults, a kit as a one-off fee, 10 % off further
//! children, a family cap, pro rata by month), the club's bank details, and both seasons'
//! invoices, sent, for the demo member account's family and a few hundred members (issued
//! in bulk through `invoices::issue_for_members`). Payments are the reconciliation's.

use crate::db::Db;
use crate::error::Result;
use crate::invoices;
use crate::scope::{Actor, TenantScope};
use tessera_common::invoices::{FeeSettingsForm, SeasonFeeForm, SeasonForm};
use tessera_common::time::{Date, Timestamp};
use tessera_common::MemberId;

/// At most this many members per club get invoices in the demo.
pub const DEMO_INVOICED: i64 = 300;

pub async fn seed(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    first: Option<MemberId>,
) -> Result<()> {
    if !scope.module_active("fees") {
        return Ok(());
    }
    let sys = Actor::system("seed-demo");
    let today = scope.today(now);
    let start_year = if today.month >= 7 {
        today.year
    } else {
        today.year - 1
    };
    let slug = scope.tenant().slug.clone();
    // rep20: a competition fee per team (the groups of a kind without age bands), first in
    // the schedule so it applies to the teams' members, who are invoiced too: the season
    // report then has figures per group as well as per fee.
    let mut tx = db.tenant_read(scope).await?;
    let teams: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT g.id, g.name FROM club_groups g JOIN group_kinds k ON k.tenant_id = g.tenant_id \
             AND k.id = g.kind_id WHERE g.tenant_id = $1 AND k.age_bands = $2 \
             AND g.archived_at IS NULL ORDER BY g.name, g.id LIMIT 5",
            crate::args![false],
        )
        .await?;
    tx.commit().await?;
    let mut seasons = Vec::new();
    for (year, current) in [(start_year - 1, false), (start_year, true)] {
        let season = invoices::save_season(
            db,
            scope,
            &sys,
            now,
            &SeasonForm {
                club: slug.clone(),
                name: format!("{year}-{}", year + 1),
                starts_on: format!("{year}-07-01"),
                ends_on: format!("{}-06-30", year + 1),
                current: current.then(|| "on".into()),
                reference_date: format!("{year}-12-31"),
                sibling_percent: "10".into(),
                family_cap: "400".into(),
                prorata: "monthly".into(),
                ..Default::default()
            },
        )
        .await?;
        for (i, (team, name)) in teams.iter().enumerate() {
            invoices::add_fee(
                db,
                scope,
                &sys,
                now,
                &SeasonFeeForm {
                    club: slug.clone(),
                    season: season.to_string(),
                    kind: "membership".into(),
                    name: format!("Competitie / Competition {name}"),
                    amount: (140 + 10 * i).to_string(),
                    group: team.to_string(),
                    ..Default::default()
                },
            )
            .await?;
        }
        for (kind, name, amount, max_age) in [
            ("membership", "Jeugd / Youth", "120", "17"),
            ("membership", "Volwassenen / Adults", "180", ""),
            ("one_off", "Clubuitrusting / Kit", "35", ""),
        ] {
            invoices::add_fee(
                db,
                scope,
                &sys,
                now,
                &SeasonFeeForm {
                    club: slug.clone(),
                    season: season.to_string(),
                    kind: kind.into(),
                    name: name.into(),
                    amount: amount.into(),
                    max_age: max_age.into(),
                    ..Default::default()
                },
            )
            .await?;
        }
        seasons.push((season, year));
    }
    let beneficiary: String = scope.tenant().name.chars().take(70).collect();
    invoices::save_settings(
        db,
        scope,
        &sys,
        now,
        &FeeSettingsForm {
            club: slug,
            version: "0".into(),
            iban: "BE68539007547034".into(),
            bic: "GEBABEBB".into(),
            beneficiary,
            payment_days: "30".into(),
        },
    )
    .await?;
    let mut tx = db.tenant_write(scope, &sys, now).await?;
    let mut members: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM members WHERE tenant_id = $1 AND status = 'active' \
             AND erased_at IS NULL ORDER BY id LIMIT $2",
            crate::args![DEMO_INVOICED],
        )
        .await?;
    if let Some(f) = first {
        members.push((f.0,));
        let kids: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT child_id FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2",
                crate::args![f.0],
            )
            .await?;
        members.extend(kids);
    }
    // rep20: the teams' members (see the team fees above).
    let in_teams: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT DISTINCT gm.member_id FROM group_members gm JOIN club_groups g \
             ON g.tenant_id = gm.tenant_id AND g.id = gm.group_id JOIN group_kinds k \
             ON k.tenant_id = g.tenant_id AND k.id = g.kind_id WHERE gm.tenant_id = $1 \
             AND k.age_bands = $2 AND gm.to_date IS NULL",
            crate::args![false],
        )
        .await?;
    members.extend(in_teams);
    let members: Vec<MemberId> = members.into_iter().map(|m| MemberId(m.0)).collect();
    for (season, year) in seasons {
        // Last season's invoices dated in its first month; this season's today.
        let day = if year == start_year {
            today
        } else {
            Date::new(year, 7, 15).unwrap_or(today)
        };
        invoices::issue_for_members(&mut tx, scope, season, &members, day).await?;
        tx.execute(
            "UPDATE invoices SET status = 'open', sent_at = $3, updated_at = $3 \
             WHERE tenant_id = $1 AND season_id = $2 AND status = 'draft'",
            crate::args![season, now.millis()],
        )
        .await?;
    }
    tx.commit().await
}
