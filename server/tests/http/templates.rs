//! Federation templates over HTTP (issue 18), on both databases: the federation publishes
//! (a plain form post, as without JavaScript), a club of the federation sees and adopts,
//! a newer version shows what changed, an older version is refused; hostile text in a
//! template's name and labels stays text in the club's pages.

use super::*;

/// The demo federation's templates the harness adopts in club A (one of each kind), made
/// once per database through the core, and the number club A's terms will have after the
/// terms template is adopted (the harness accepts them right after).
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    use tessera_common::dto::FieldForm;
    use tessera_common::templates::TemplateBody;
    use tessera_core::templates;
    let db = &s.db.db;
    let sys = tessera_core::scope::Actor::system("test");
    let now = s.shared.clock.now();
    let task = tessera_core::jobs::SystemTask::command_line();
    let fed = tessera_core::tenants::find_by_slug(db, TenantKind::Federation, "bsf")
        .await
        .unwrap()
        .unwrap();
    let fed = tessera_core::scope::TenantScope::for_system_task(&task, fed);
    let club = tessera_core::tenants::find_by_slug(db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    let club = tessera_core::scope::TenantScope::for_system_task(&task, club);
    let mut asked = std::collections::BTreeMap::new();
    asked.insert("phone".to_string(), "on".to_string());
    let made: [(&str, &str, TemplateBody); 4] = [
        (
            "tmpl_role",
            "Harness fed role",
            TemplateBody::Role {
                staff: false,
                permissions: vec!["members.view".into()],
            },
        ),
        (
            "tmpl_fields",
            "Harness fed fields",
            TemplateBody::Fields {
                fields: vec![FieldForm {
                    label: "Harness fed field".into(),
                    kind: "text".into(),
                    visibility: "staff".into(),
                    ..Default::default()
                }],
            },
        ),
        (
            "tmpl_form",
            "Harness fed form",
            TemplateBody::Form {
                slug: "harness-fed-form".into(),
                intro: String::new(),
                audience: "self".into(),
                fields: asked,
                consent_text: String::new(),
            },
        ),
        (
            "tmpl_terms",
            "Harness fed terms",
            TemplateBody::Terms {
                body: "Play fair.".into(),
            },
        ),
    ];
    let existing = templates::list(db, &fed).await.unwrap().templates;
    let mut values = Vec::new();
    for (key, name, body) in made {
        let id = match existing.iter().find(|t| t.name == name) {
            Some(t) => t.id,
            None => {
                templates::publish(db, &fed, &sys, now, None, name, "", body)
                    .await
                    .unwrap()
                    .0
            }
        };
        values.push((key, id.to_string()));
    }
    let terms = tessera_core::tenants::terms::latest(db, &club)
        .await
        .unwrap()
        .map(|t| t.number)
        .unwrap_or(0);
    values.push(("terms_next", (terms + 1).to_string()));
    values.push(("terms_after", (terms + 2).to_string()));
    values
}

const HOSTILE: &str = "<script>alert('t')</script> & \"Co\"";

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[tokio::test]
async fn a_federation_publishes_a_template_and_a_club_adopts_it() {
    for s in servers().await {
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;
        // A role template, posted as the page's form posts it (no JavaScript).
        let form = format!(
            "federation=bsf&id=&kind=role&name={}&note=&permissions[]=members.view&permissions[]=groups.manage",
            enc(HOSTILE)
        );
        let r = form_post(&mut fed, "publish_template", "/f/bsf/templates", &form).await;
        assert!(matches!(r.status, 302 | 303), "{} {}", r.status, r.body);
        let location = r.header("location").unwrap_or("").to_string();
        assert!(location.starts_with("/f/bsf/templates/"), "{location}");
        let id = location
            .trim_start_matches("/f/bsf/templates/")
            .split('?')
            .next()
            .unwrap()
            .to_string();
        let page = fed.get(&location).await;
        assert_eq!(page.status, 200);
        assert!(
            !page.body.contains("<script>alert"),
            "escaped on the federation's page"
        );
        assert!(page.body.contains("&lt;script&gt;alert"));
        let list = fed.get("/f/bsf/templates").await;
        assert_eq!(list.status, 200);
        assert!(list.body.contains(&format!("/f/bsf/templates/{id}")));
        // A bad one: a permission of the operator, nothing stored, a clear message.
        let r = fed
            .call(
                "publish_template",
                "federation=bsf&kind=role&name=Bad&permissions[]=platform.manage",
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(said(&r.body).contains("platform.manage"), "{}", r.body);
        // The club sees it and adopts it.
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let page = admin.get(&format!("/c/{CLUB_A}/templates")).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("<script>alert"), "escaped in the club");
        assert!(page.body.contains("&lt;script&gt;alert"));
        let r = form_post(
            &mut admin,
            "adopt_role_template",
            &format!("/c/{CLUB_A}/templates"),
            &format!("club={CLUB_A}&id={id}&number=1"),
        )
        .await;
        assert!(matches!(r.status, 302 | 303), "{} {}", r.status, r.body);
        assert!(r
            .header("location")
            .unwrap_or("")
            .contains("/templates?done=adopted"));
        let roles = admin.get(&format!("/c/{CLUB_A}/settings/roles")).await;
        assert!(roles.body.contains("&lt;script&gt;alert"));
        // Again: refused, named.
        let r = admin
            .call(
                "adopt_role_template",
                &format!("club={CLUB_A}&id={id}&number=1"),
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        // The federation publishes version 2: the club sees it and what changed.
        let r = fed
            .call(
                "publish_template",
                &format!(
                    "federation=bsf&id={id}&kind=role&name={}&note=More&permissions[]=members.view&permissions[]=members.edit",
                    enc(HOSTILE)
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let page = admin.get(&format!("/c/{CLUB_A}/templates")).await;
        assert!(
            page.body.contains("data-testid=\"template-changes\""),
            "the changes are listed"
        );
        assert!(
            page.body.contains("version 2 is newer") || page.body.contains("versie 2 is nieuwer"),
            "the newer version is announced"
        );
        let changes = page.body.split("template-changes").nth(1).unwrap_or("");
        assert!(
            (changes.contains("Added") && changes.contains("Removed"))
                || (changes.contains("Toegevoegd") && changes.contains("Verwijderd")),
            "{changes}"
        );
        // The old version is no longer adopted; the new one is.
        let r = admin
            .call(
                "adopt_role_template",
                &format!("club={CLUB_A}&id={id}&number=1"),
            )
            .await;
        assert_eq!(r.status, 409);
        assert!(said(&r.body).contains("newer version (2)"), "{}", r.body);
        // The club's own rule: the name is taken by its first copy, nothing stored.
        let r = admin
            .call(
                "adopt_role_template",
                &format!("club={CLUB_A}&id={id}&number=2"),
            )
            .await;
        assert!(matches!(r.status, 400 | 409), "{} {}", r.status, r.body);
        // Kind and function must agree; an unknown id is simply not there.
        let r = admin
            .call(
                "adopt_terms_template",
                &format!("club={CLUB_A}&id={id}&number=2"),
            )
            .await;
        assert_eq!(r.status, 404);
        let r = admin
            .call(
                "adopt_role_template",
                &format!("club={CLUB_A}&id=12345&number=1"),
            )
            .await;
        assert_eq!(r.status, 404);
        // Federation staff are not in the club; the club's admin is not in the federation.
        let r = fed.call("club_templates", &format!("club={CLUB_A}")).await;
        assert_eq!(r.status, 404);
        let r = admin.call("federation_templates", "federation=bsf").await;
        assert_eq!(r.status, 404);
        let r = admin.get("/f/bsf/templates").await;
        assert_eq!(r.status, 404);
    }
}

#[tokio::test]
async fn hostile_field_labels_stay_text_and_a_plain_member_sees_nothing_to_adopt() {
    for s in servers().await {
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;
        let form = format!(
            "federation=bsf&kind=fields&name=Kit&rows[label1]={}&rows[kind1]=choice&rows[options1]={}&rows[visibility1]=member",
            enc("<img src=x onerror=alert(1)>"),
            enc("<b>S</b>\nM")
        );
        let r = form_post(&mut fed, "publish_template", "/f/bsf/templates", &form).await;
        assert!(matches!(r.status, 302 | 303), "{} {}", r.status, r.body);
        // Control characters in a name are refused.
        let r = fed
            .call(
                "publish_template",
                "federation=bsf&kind=terms&name=A%00B&body=x",
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let page = admin.get(&format!("/c/{CLUB_A}/templates")).await;
        assert!(!page.body.contains("<img src=x"));
        assert!(!page.body.contains("<b>S</b>"));
        assert!(page.body.contains("&lt;img src=x"));
        // A plain member: the page opens, nothing is offered.
        let mut member = Client::new(&s);
        member.sign_in(&account("member.kempenvlug")).await;
        let r = member
            .call("club_templates", &format!("club={CLUB_A}"))
            .await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains("\"federations\":[]"), "{}", r.body);
    }
}

#[tokio::test]
async fn usage_is_measured_shown_and_downloaded_by_the_operator_only() {
    for s in servers().await {
        let mut op = Client::new(&s);
        op.sign_in(&account("operator")).await;
        let r = op.call("measure_usage", "").await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = op.call("usage_overview", "").await;
        assert_eq!(r.status, 200, "{}", r.body);
        let o: tessera_common::templates::UsageOverview = serde_json::from_str(&r.body).unwrap();
        let a = o.current.iter().find(|r| r.slug == CLUB_A).expect("club A");
        assert!(a.members > 0 && a.accounts > 0 && a.admins > 0 && a.modules > 0);
        assert!(o.history.iter().any(|r| r.slug == CLUB_A));
        let page = op.get("/admin").await;
        assert!(page.body.contains("data-testid=\"usage-history\""));
        // The CSV: a header and the history; refused to anyone but the operator.
        let r = op.post_form("/admin/usage.csv", "").await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r
            .header("content-type")
            .unwrap_or("")
            .starts_with("text/csv"));
        assert!(r.body.starts_with("month,tenant,name,kind,members"));
        assert!(r.body.contains(CLUB_A));
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let r = admin.post_form("/admin/usage.csv", "").await;
        assert!(matches!(r.status, 403 | 404), "{}", r.status);
        assert!(!r.body.contains("month,tenant"));
        // The club sees its own usage against its plan on its settings page.
        let r = admin.call("club_usage", &format!("club={CLUB_A}")).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let own: tessera_common::templates::OwnUsage = serde_json::from_str(&r.body).unwrap();
        assert_eq!(own.now.slug, CLUB_A);
        let page = admin.get(&format!("/c/{CLUB_A}/settings/modules")).await;
        assert!(page.body.contains("data-testid=\"own-usage\""));
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;
        let r = fed.call("federation_usage", "federation=bsf").await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = fed.call("usage_overview", "").await;
        assert_eq!(r.status, 404);
    }
}
