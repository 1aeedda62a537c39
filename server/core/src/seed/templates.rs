//! The demo's federation templates (issue 18): one published template of each kind; the
//! role template has two versions, and the first demo club adopted the first one, so its
//! templates page shows that a newer version exists and what changed.

use crate::db::Db;
use crate::error::Result;
use crate::jobs::SystemTask;
use crate::scope::{Actor, TenantScope};
use crate::templates;
use crate::tenancy::TenantRecord;
use std::collections::BTreeMap;
use tessera_common::dto::{FieldForm, TenantKind};
use tessera_common::templates::TemplateBody;
use tessera_common::time::Timestamp;

const DAY: i64 = 86_400_000;

pub(super) async fn seed(
    db: &Db,
    federation: &TenantRecord,
    club_slug: &str,
    actor: &Actor,
    now: Timestamp,
) -> Result<()> {
    let task = SystemTask::background();
    let fed = TenantScope::for_system_task(&task, federation.clone());
    let earlier = Timestamp(now.0 - 40 * DAY);
    let field = |label: &str, kind: &str, options: &str| FieldForm {
        label: label.into(),
        kind: kind.into(),
        options: options.into(),
        visibility: "staff".into(),
        ..Default::default()
    };
    let (role, _) = templates::publish(
        db,
        &fed,
        actor,
        earlier,
        None,
        "Youth trainer",
        "",
        TemplateBody::Role {
            staff: false,
            permissions: vec!["members.view".into(), "activities.attendance".into()],
        },
    )
    .await?;
    templates::publish(
        db,
        &fed,
        actor,
        earlier,
        None,
        "Competition details",
        "",
        TemplateBody::Fields {
            fields: vec![
                field("Shirt size", "choice", "XS\nS\nM\nL\nXL"),
                field("Medical certificate until", "date", ""),
            ],
        },
    )
    .await?;
    let mut asked = BTreeMap::new();
    for k in ["birth_date", "gender", "phone"] {
        asked.insert(k.to_string(), "on".to_string());
    }
    asked.insert("req:birth_date".to_string(), "on".to_string());
    templates::publish(
        db,
        &fed,
        actor,
        earlier,
        None,
        "Join the club",
        "",
        TemplateBody::Form {
            slug: "join-federation".into(),
            intro: "Welcome! Fill in this form and the club will confirm your membership.".into(),
            audience: "self".into(),
            fields: asked,
            consent_text: String::new(),
        },
    )
    .await?;
    templates::publish(
        db,
        &fed,
        actor,
        earlier,
        None,
        "Code of conduct",
        "",
        TemplateBody::Terms {
            body: "Respect every player, referee and volunteer.\nNo violence, no discrimination.\nReport any abuse to the club's contact person."
                .into(),
        },
    )
    .await?;
    if let Some(club) = crate::tenants::find_by_slug(db, TenantKind::Club, club_slug).await? {
        let club = TenantScope::for_system_task(&task, club);
        templates::adopt(
            db,
            &club,
            actor,
            Timestamp(now.0 - 30 * DAY),
            "role",
            role,
            1,
        )
        .await?;
    }
    templates::publish(
        db,
        &fed,
        actor,
        Timestamp(now.0 - 5 * DAY),
        Some(role),
        "Youth trainer",
        "Trainers also see the groups they lead.",
        TemplateBody::Role {
            staff: false,
            permissions: vec![
                "members.view".into(),
                "activities.attendance".into(),
                "groups.manage".into(),
            ],
        },
    )
    .await?;
    // usage: a few months of history (backdated snapshots) and this month's.
    crate::usage::seed_history(db, &task, now, 4).await?;
    Ok(())
}
