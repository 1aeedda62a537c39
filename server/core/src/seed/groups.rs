//! The demo's groups (issue 19): in each demo club with the groups module, the
//! kinds "Teams" and "Age categories"; the age categories U8 … U18 and seniors on the 31st
//! of December, filled from the members' birth years (one bulk insert); three youth teams
//! with members; and a trainer (the demo account `trainer.<club>` when accounts are made)
//! who leads the first team and holds a role limited to the groups they lead.

use crate::db::Db;
use crate::error::Result;
use crate::groups::{self, GroupInput};
use crate::roles::{self, RoleInput};
use crate::scope::{Actor, TenantScope};
use crate::{accounts::identities, args};
use tessera_common::time::Timestamp;
use tessera_common::{IdentityId, Lang, MemberId};

/// Seeds one club's groups; `trainer` is the demo trainer's account, if one was made.
pub(super) async fn seed(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    trainer: Option<IdentityId>,
) -> Result<()> {
    let on_plan = scope
        .tenant()
        .plan
        .as_ref()
        .is_some_and(|p| p.contains("groups"));
    if !on_plan {
        return Ok(());
    }
    let lang = scope.tenant().default_lang;
    let (teams_name, ages_name, seniors, team_names, role_name) = match lang {
        Lang::Nl => (
            "Ploegen",
            "Leeftijdscategorieën",
            "Senioren",
            ["U10 Leeuwen", "U12 Tijgers", "U14 Valken"],
            "Trainer eigen ploeg",
        ),
        Lang::Fr => (
            "Équipes",
            "Catégories d'âge",
            "Seniors",
            ["U10 Lions", "U12 Tigres", "U14 Faucons"],
            "Entraîneur de son équipe",
        ),
        Lang::En => (
            "Teams",
            "Age categories",
            "Seniors",
            ["U10 Lions", "U12 Tigers", "U14 Falcons"],
            "Team coach",
        ),
    };
    let today = scope.today(now);
    let reference = format!("{}-12-31", today.year);
    let teams = groups::create_kind(db, scope, actor, now, teams_name, false, "").await?;
    let ages = groups::create_kind(db, scope, actor, now, ages_name, true, &reference).await?;
    groups::create_bands(db, scope, actor, now, ages, "8 10 12 14 16 18", seniors).await?;
    groups::apply_bands(db, scope, actor, now, ages).await?;

    // The season started on the 1st of September (of last year before September).
    let season_year = if today.month >= 9 {
        today.year
    } else {
        today.year - 1
    };
    let season_start = format!("{season_year}-09-01");
    let mut first_team = None;
    for (i, name) in team_names.iter().enumerate() {
        let team = groups::create_group(
            db,
            scope,
            actor,
            now,
            teams,
            &GroupInput {
                name: (*name).into(),
                ..Default::default()
            },
        )
        .await?;
        first_team.get_or_insert(team);
        // Up to 15 active members born in the team's two years.
        let under = 10 + 2 * i as i32;
        let (min, max) = (today.year - under + 1, today.year - under + 2);
        let mut tx = db.tenant_read(scope).await?;
        let rows: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT id FROM members WHERE tenant_id = $1 AND status = 'active' \
                 AND birth_date >= $2 AND birth_date <= $3 ORDER BY sort_name LIMIT 15",
                args![format!("{min}-01-01"), format!("{max}-12-31")],
            )
            .await?;
        tx.commit().await?;
        let ids: Vec<MemberId> = rows.into_iter().map(|r| MemberId(r.0)).collect();
        if !ids.is_empty() {
            groups::bulk_add(db, scope, actor, now, team, &ids, &season_start).await?;
        }
    }

    // The trainer: a member record of their own, leading the first team, with a role
    // limited to the groups they lead (names, birth dates, phones and the guardians' phones).
    let Some(team) = first_team else {
        return Ok(());
    };
    // An adult member of the club without an account becomes the trainer (the club's
    // member count stays as asked).
    let mut tx = db.tenant_read(scope).await?;
    let adult: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT m.id FROM members m WHERE m.tenant_id = $1 AND m.status = 'active' \
             AND m.birth_date <= $2 AND m.birth_date >= $3 AND NOT EXISTS (SELECT 1 FROM \
             memberships s WHERE s.tenant_id = m.tenant_id AND s.member_id = m.id) \
             ORDER BY m.sort_name LIMIT 1",
            args![
                format!("{}-01-01", today.year - 25),
                format!("{}-01-01", today.year - 60)
            ],
        )
        .await?;
    tx.commit().await?;
    let Some((record,)) = adult else {
        return Ok(());
    };
    let record = MemberId(record);
    groups::add_member(db, scope, actor, now, team, record, &season_start, "", true).await?;
    let role = roles::create(
        db,
        scope,
        actor,
        now,
        RoleInput {
            name: role_name.into(),
            staff: false,
            permissions: vec!["members.view".into(), "members.edit".into()],
        },
    )
    .await?;
    groups::set_role_scope(
        db,
        scope,
        actor,
        now,
        role,
        true,
        &[
            "birth_date".into(),
            "phone".into(),
            "guardians_phone".into(),
        ],
        1,
    )
    .await?;
    if let Some(identity) = trainer {
        let m = identities::add_membership(db, scope, actor, now, identity, Some(record)).await?;
        roles::assign(db, scope, actor, now, m, &[role]).await?;
    }
    Ok(())
}
