//! Templates on both databases: publish and version, adopt and compare, the plan's
//! refusal, the affiliation's wall.

use super::*;
use crate::jobs::SystemTask;
use crate::scope::TenantScope;
use crate::tenants::{self, NewTenant, TenantRecord};
use crate::testing;
use tessera_common::Lang;

const T0: Timestamp = Timestamp(1_790_000_000_000);

fn new_tenant(
    parent: Option<&TenantRecord>,
    kind: TenantKind,
    slug: &str,
    plan: &str,
) -> NewTenant {
    NewTenant {
        parent: parent.map(|p| p.id),
        kind,
        slug: slug.into(),
        name: format!("Tenant {slug}"),
        city: None,
        primary_color: "#1d3557".into(),
        accent_color: "#f4a261".into(),
        default_lang: Lang::En,
        plan: (kind == TenantKind::Club).then(|| plan.to_string()),
    }
}

struct W {
    fed: TenantScope,
    club: TenantScope,
    basic: TenantScope,
    loner: TenantScope,
}

async fn world(db: &Db) -> W {
    let sys = Actor::system("test");
    let task = SystemTask::command_line();
    let op = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(None, TenantKind::Operator, "platform", ""),
    )
    .await
    .unwrap();
    let fed = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&op), TenantKind::Federation, "fed", ""),
    )
    .await
    .unwrap();
    let club = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&fed), TenantKind::Club, "club", "premium"),
    )
    .await
    .unwrap();
    let basic = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&fed), TenantKind::Club, "basic", "basic"),
    )
    .await
    .unwrap();
    let loner = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&op), TenantKind::Club, "loner", "premium"),
    )
    .await
    .unwrap();
    let club = TenantScope::for_system_task(&task, club);
    crate::tenants::module_settings::switch(db, &club, &sys, T0, "forms", true)
        .await
        .unwrap();
    crate::tenants::module_settings::switch(db, &club, &sys, T0, "audit", true)
        .await
        .unwrap();
    W {
        fed: TenantScope::for_system_task(&task, fed),
        club,
        basic: TenantScope::for_system_task(&task, basic),
        loner: TenantScope::for_system_task(&task, loner),
    }
}

fn role(perms: &[&str]) -> TemplateBody {
    TemplateBody::Role {
        staff: false,
        permissions: perms.iter().map(|p| p.to_string()).collect(),
    }
}

fn field(label: &str, kind: &str, options: &str) -> FieldForm {
    FieldForm {
        label: label.into(),
        kind: kind.into(),
        help: String::new(),
        required: false,
        options: options.into(),
        visibility: "member".into(),
        member_editable: false,
    }
}

async fn count(db: &Db, scope: &TenantScope, table: &str) -> i64 {
    let mut tx = db.tenant_read(scope).await.unwrap();
    let (n,): (i64,) = tx
        .fetch_one(
            &format!("SELECT count(*) FROM {table} WHERE tenant_id = $1"),
            args![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n
}

#[tokio::test]
async fn a_federation_publishes_versions_and_a_club_adopts_the_newest_with_what_changed() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = Actor::system("test");
        let (id, one) = publish(
            db,
            &w.fed,
            &sys,
            T0,
            None,
            "Trainer",
            "",
            role(&["members.view"]),
        )
        .await
        .unwrap();
        assert_eq!(one, 1);
        // Nothing changed: refused; a changed one is version 2, version 1 kept.
        assert!(matches!(
            publish(
                db,
                &w.fed,
                &sys,
                T0,
                Some(id),
                "Trainer",
                "",
                role(&["members.view"])
            )
            .await,
            Err(AppError::BadRequest(_))
        ));
        // The club adopts version 1 (the newest then).
        adopt(db, &w.club, &sys, T0, "role", id, 1).await.unwrap();
        let roles = crate::roles::overview(db, &w.club).await.unwrap().roles;
        assert!(roles.iter().any(|r| r.name == "Trainer"));
        // Twice the same version: refused, nothing more created.
        assert!(matches!(
            adopt(db, &w.club, &sys, T0, "role", id, 1).await,
            Err(AppError::Conflict(_))
        ));
        assert_eq!(count(db, &w.club, "template_adoptions").await, 1);
        let (_, two) = publish(
            db,
            &w.fed,
            &sys,
            T0,
            Some(id),
            "Head trainer",
            "Adds editing",
            role(&["members.view", "members.edit"]),
        )
        .await
        .unwrap();
        assert_eq!(two, 2);
        let d = detail(db, &w.fed, id).await.unwrap();
        assert_eq!(d.versions.len(), 2);
        assert_eq!(d.versions[1].body, role(&["members.view"]));
        // The club sees the newer version and what changed.
        let seen = for_club(db, &w.club).await.unwrap();
        let t = &seen.federations[0].templates[0];
        assert_eq!((t.adopted, t.latest.number), (Some(1), 2));
        let said: Vec<(&str, &str)> = t
            .changes
            .iter()
            .map(|c| (c.op.as_str(), c.item.as_str()))
            .collect();
        assert_eq!(said, vec![("changed", "name"), ("added", "members.edit")]);
        // The old version is no longer offered; the newest is, as a new copy.
        assert!(matches!(
            adopt(db, &w.club, &sys, T0, "role", id, 1).await,
            Err(AppError::Conflict(_))
        ));
        // Of the wrong kind, or a version that does not exist: not found.
        assert!(matches!(
            adopt(db, &w.club, &sys, T0, "terms", id, 2).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            adopt(db, &w.club, &sys, T0, "role", id, 3).await,
            Err(AppError::NotFound)
        ));
        adopt(db, &w.club, &sys, T0, "role", id, 2).await.unwrap();
        let t = &for_club(db, &w.club).await.unwrap().federations[0].templates[0];
        assert_eq!(t.adopted, Some(2));
        assert!(t.changes.is_empty());
        // The copy is the club's own: it changes it as any role.
        let copy = crate::roles::overview(db, &w.club)
            .await
            .unwrap()
            .roles
            .into_iter()
            .find(|r| r.name == "Head trainer")
            .unwrap();
        crate::roles::update(
            db,
            &w.club,
            &sys,
            T0,
            copy.id,
            crate::roles::RoleInput {
                name: "Our head trainer".into(),
                staff: false,
                permissions: vec!["members.view".into()],
            },
            copy.version,
        )
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn every_kind_is_adopted_through_the_clubs_own_functions() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = Actor::system("test");
        let (fields, _) = publish(
            db,
            &w.fed,
            &sys,
            T0,
            None,
            "Competition",
            "",
            TemplateBody::Fields {
                fields: vec![
                    field("Shirt size", "choice", "S\nM\nL"),
                    field("Federation number", "text", ""),
                ],
            },
        )
        .await
        .unwrap();
        let mut asked = BTreeMap::new();
        asked.insert("email".to_string(), "on".to_string());
        asked.insert("req:email".to_string(), "on".to_string());
        asked.insert("cf123".to_string(), "on".to_string());
        let (form, _) = publish(
            db,
            &w.fed,
            &sys,
            T0,
            None,
            "Join us",
            "",
            TemplateBody::Form {
                slug: "join-fed".into(),
                intro: "Welcome".into(),
                audience: "self".into(),
                fields: asked,
                consent_text: String::new(),
            },
        )
        .await
        .unwrap();
        let (terms, _) = publish(
            db,
            &w.fed,
            &sys,
            T0,
            None,
            "House rules",
            "",
            TemplateBody::Terms {
                body: "Be kind.\nPay on time.".into(),
            },
        )
        .await
        .unwrap();
        // A club's own field ids never reach a template.
        let form_body = &detail(db, &w.fed, form).await.unwrap().versions[0].body;
        assert!(
            matches!(form_body, TemplateBody::Form { fields, .. } if !fields.contains_key("cf123"))
        );
        adopt(db, &w.club, &sys, T0, "fields", fields, 1)
            .await
            .unwrap();
        adopt(db, &w.club, &sys, T0, "form", form, 1).await.unwrap();
        adopt(db, &w.club, &sys, T0, "terms", terms, 1)
            .await
            .unwrap();
        assert_eq!(count(db, &w.club, "custom_fields").await, 2);
        let forms = crate::registration::overview(db, &w.club).await.unwrap();
        assert!(forms
            .forms
            .iter()
            .any(|f| f.title == "Join us" && !f.published));
        let latest = crate::tenants::terms::latest(db, &w.club)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(latest.body, "Be kind.\nPay on time.");
        // The club's own rules still apply: a second club field of the same label refuses
        // a newer version's copy, and nothing of it is stored.
        let (_, v2) = publish(
            db,
            &w.fed,
            &sys,
            T0,
            Some(fields),
            "Competition",
            "",
            TemplateBody::Fields {
                fields: vec![
                    field("Sock size", "text", ""),
                    field("Shirt size", "choice", "S\nM\nL\nXL"),
                ],
            },
        )
        .await
        .unwrap();
        let t = for_club(db, &w.club).await.unwrap().federations[0]
            .templates
            .iter()
            .find(|t| t.id == fields)
            .cloned()
            .unwrap();
        assert_eq!(t.changes.len(), 3, "{:?}", t.changes);
        assert!(t
            .changes
            .iter()
            .any(|c| c.op == "removed" && c.item == "Federation number"));
        assert!(t
            .changes
            .iter()
            .any(|c| c.op == "added" && c.item == "Sock size"));
        assert!(t
            .changes
            .iter()
            .any(|c| c.op == "changed" && c.item == "Shirt size"));
        assert!(adopt(db, &w.club, &sys, T0, "fields", fields, v2)
            .await
            .is_err());
        assert_eq!(
            count(db, &w.club, "custom_fields").await,
            2,
            "Sock size not half stored"
        );
        assert_eq!(count(db, &w.club, "template_adoptions").await, 3);
    }
}

#[tokio::test]
async fn a_permission_outside_the_clubs_plan_is_refused_and_nothing_is_created() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = Actor::system("test");
        let (id, _) = publish(
            db,
            &w.fed,
            &sys,
            T0,
            None,
            "Auditor",
            "",
            role(&["members.view", "audit.view"]),
        )
        .await
        .unwrap();
        let roles_before = count(db, &w.basic, "roles").await;
        let e = adopt(db, &w.basic, &sys, T0, "role", id, 1)
            .await
            .unwrap_err();
        let text = e.text(Lang::En);
        assert!(
            text.contains("audit.view") && text.contains("nothing was created"),
            "{text}"
        );
        assert_eq!(count(db, &w.basic, "roles").await, roles_before);
        assert_eq!(count(db, &w.basic, "template_adoptions").await, 0);
        // The premium club has the module: adopted.
        adopt(db, &w.club, &sys, T0, "role", id, 1).await.unwrap();
        // A federation cannot name a permission no club has, nor one of its own.
        for bad in [role(&["platform.manage"]), role(&["no.such"]), role(&[])] {
            assert!(matches!(
                publish(db, &w.fed, &sys, T0, None, "Bad", "", bad).await,
                Err(AppError::Invalid(_))
            ));
        }
    }
}

#[tokio::test]
async fn only_actively_affiliated_clubs_see_or_adopt_and_leaving_ends_it_at_once() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = Actor::system("test");
        let (id, _) = publish(
            db,
            &w.fed,
            &sys,
            T0,
            None,
            "<script>alert(1)</script> rules",
            "",
            TemplateBody::Terms {
                body: "Be kind.".into(),
            },
        )
        .await
        .unwrap();
        assert!(for_club(db, &w.loner).await.unwrap().federations.is_empty());
        assert!(matches!(
            adopt(db, &w.loner, &sys, T0, "terms", id, 1).await,
            Err(AppError::NotFound)
        ));
        assert_eq!(for_club(db, &w.club).await.unwrap().federations.len(), 1);
        // The club leaves: nothing is offered from then on.
        let mut tx = db.platform(true).await.unwrap();
        tx.execute(
            "UPDATE affiliations SET status = 'ended', ended_at = $1 WHERE club_id = $2",
            args![T0, w.club.tenant_id().0],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert!(for_club(db, &w.club).await.unwrap().federations.is_empty());
        assert!(matches!(
            adopt(db, &w.club, &sys, T0, "terms", id, 1).await,
            Err(AppError::NotFound)
        ));
        // A club cannot publish, a federation cannot adopt.
        assert!(matches!(
            publish(
                db,
                &w.club,
                &sys,
                T0,
                None,
                "X",
                "",
                TemplateBody::Terms { body: "x".into() }
            )
            .await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            adopt(db, &w.fed, &sys, T0, "terms", id, 1).await,
            Err(AppError::NotFound)
        ));
    }
}

#[test]
fn the_comparison_names_what_was_added_removed_and_changed() {
    let c = changes(
        "Rules",
        &TemplateBody::Terms {
            body: "Be kind.\nPay on time.".into(),
        },
        "Rules",
        &TemplateBody::Terms {
            body: "Be kind.\nPay before the season.".into(),
        },
    );
    let said: Vec<(&str, &str)> = c.iter().map(|c| (c.op.as_str(), c.item.as_str())).collect();
    assert_eq!(
        said,
        vec![
            ("added", "Pay before the season."),
            ("removed", "Pay on time.")
        ]
    );
    let c = changes("R", &role(&["a", "b"]), "R", &role(&["b"]));
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].op.as_str(), c[0].item.as_str()), ("removed", "a"));
}
