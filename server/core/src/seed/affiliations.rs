//! Demo affiliations (issue 18): the demo federation has a field of its own (the
//! competition level) and every club affiliated to it accepted its sharing terms (a few
//! standard fields and that field); the last named club left once, a season ago, and was
//! affiliated again (its history shows both); and a club outside the federation (unlisted,
//! no members) asked to join and waits for the federation's answer.

use crate::affiliations as aff;
use crate::db::Db;
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::tenancy::TenantRecord;
use crate::tenants::{self, NewTenant};
use tessera_common::affiliation::FedFieldForm;
use tessera_common::dto::TenantKind;
use tessera_common::time::Timestamp;
use tessera_common::Lang;

/// The fields of the demo's sharing terms.
const TERMS: &[&str] = &[
    "given_name",
    "family_name",
    "birth_date",
    "gender",
    "fed:level",
];

const DAY: i64 = 86_400_000;

fn system(t: TenantRecord) -> TenantScope {
    TenantScope::for_system_task(&crate::jobs::SystemTask::background(), t)
}

/// Seeds the demo's affiliations over the clubs affiliated to `federation` (made by the
/// demo seed under it).
pub(super) async fn seed(
    db: &Db,
    federation: &TenantRecord,
    operator: &TenantRecord,
    actor: &Actor,
    now: Timestamp,
) -> Result<()> {
    let fed = system(federation.clone());
    let mut clubs = Vec::new();
    for a in aff::federation_overview(db, &fed).await?.affiliations {
        if let Some(c) = tenants::find_by_slug(db, TenantKind::Club, &a.other_slug).await? {
            clubs.push(c);
        }
    }
    // The named demo clubs first, in their order.
    let rank = |c: &TenantRecord| {
        super::names::DEMO_CLUBS
            .iter()
            .position(|d| d.slug == c.slug)
            .unwrap_or(usize::MAX)
    };
    clubs.sort_by_key(|c| (rank(c), c.slug.clone()));
    let named = clubs.iter().filter(|c| rank(c) != usize::MAX).count();
    let staff = Actor::system_labelled("seed", "Frank Federatie");
    let earlier = Timestamp(now.0 - 400 * DAY);
    aff::add_field(
        db,
        &fed,
        &staff,
        earlier,
        &FedFieldForm {
            federation: federation.slug.clone(),
            key: "level".into(),
            label: "Competitieniveau / Niveau de compétition".into(),
            kind: "choice".into(),
            choices: "A;B;C;Recreatief".into(),
            required: Some("on".into()),
        },
    )
    .await?;
    let terms: Vec<String> = TERMS.iter().map(|s| s.to_string()).collect();
    let op = system(operator.clone());
    for (i, club) in clubs.iter().enumerate() {
        let scope = system(club.clone());
        // The last named club left a season ago, then was affiliated again.
        if i + 1 == named && named > 1 {
            let left = Timestamp(now.0 - 200 * DAY);
            aff::operator_set(db, &op, actor, left, &federation.slug, &club.slug, false).await?;
            let id = aff::ask(
                db,
                None,
                "",
                &scope,
                &admin_of(club),
                left,
                &federation.slug,
            )
            .await?;
            aff::answer(
                db,
                None,
                "",
                &fed,
                &staff,
                Timestamp(left.0 + 3 * DAY),
                id,
                true,
                "",
            )
            .await?;
        }
        let id = aff::club_overview(db, &scope)
            .await?
            .affiliations
            .into_iter()
            .find(|a| a.other_slug == federation.slug && a.status == "active")
            .map(|a| a.id);
        let Some(id) = id else { continue };
        let proposed = Timestamp(now.0 - 120 * DAY + i as i64 * 1000);
        let version = aff::propose_terms(db, None, "", &fed, &staff, proposed, id, &terms).await?;
        aff::accept_terms(
            db,
            &scope,
            &admin_of(club),
            Timestamp(proposed.0 + 2 * DAY),
            id,
            version,
        )
        .await?;
    }
    // A club outside the federation asked to join and waits.
    let waiting = tenants::create(
        db,
        actor,
        now,
        NewTenant {
            parent: Some(operator.id),
            kind: TenantKind::Club,
            slug: "hc-scheldeboorden-antwerpen".into(),
            name: "Hockeyclub Scheldeboorden Antwerpen".into(),
            city: Some("Antwerpen".into()),
            primary_color: "#14532d".into(),
            accent_color: "#facc15".into(),
            default_lang: Lang::Nl,
            plan: Some("standard".into()),
        },
    )
    .await?;
    // Unlisted: the public directory shows the demo's clubs only.
    let mut tx = db.platform(true).await?;
    tx.execute(
        "UPDATE tenants SET listed = $2 WHERE id = $1",
        crate::args![waiting.id.0, false],
    )
    .await?;
    tx.commit().await?;
    aff::ask(
        db,
        None,
        "",
        &system(waiting.clone()),
        &admin_of(&waiting),
        Timestamp(now.0 - 2 * DAY),
        &federation.slug,
    )
    .await?;
    Ok(())
}

/// The club's administrator as the seed names them in stamps.
fn admin_of(club: &TenantRecord) -> Actor {
    Actor::system_labelled("seed", &format!("Admin {}", club.name))
}
