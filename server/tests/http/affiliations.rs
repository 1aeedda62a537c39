//! Affiliations over HTTP (issue 18), on SQLite and PostgreSQL: a club asks, the
//! federation accepts; the federation invites, the club refuses with a reason (echoed
//! escaped); sharing terms proposed, accepted once, a newer version needing a new
//! acceptance with the old fields shared until then; the operator ends an affiliation and
//! the federation's counts drop the club; leaving ends the access at once; both logs keep
//! every step; bad input answers 4xx and changes nothing.

use super::*;
use tessera_core::scope::{Actor, TenantScope};
use tessera_core::tenants::{self, NewTenant};

const FED: &str = "bsf";

fn system(t: tenants::TenantRecord) -> TenantScope {
    TenantScope::for_system_task(&tessera_core::jobs::SystemTask::command_line(), t)
}

async fn scope(s: &Server, kind: TenantKind, slug: &str) -> TenantScope {
    system(
        tenants::find_by_slug(&s.db.db, kind, slug)
            .await
            .unwrap()
            .unwrap(),
    )
}

/// Makes a federation or a club (under the operator, so in no federation).
async fn make(s: &Server, kind: TenantKind, slug: &str) -> TenantScope {
    let op = tenants::find_by_slug(&s.db.db, TenantKind::Operator, "platform")
        .await
        .unwrap()
        .unwrap();
    let t = tenants::create(
        &s.db.db,
        &Actor::system("test"),
        s.shared.clock.now(),
        NewTenant {
            parent: Some(op.id),
            kind,
            slug: slug.into(),
            name: format!("Harness {slug}"),
            city: None,
            primary_color: "#1f4e79".into(),
            accent_color: "#f2a900".into(),
            default_lang: tessera_common::Lang::Nl,
            plan: (kind == TenantKind::Club).then(|| "standard".into()),
        },
    )
    .await
    .unwrap();
    system(t)
}

/// The id of the club's affiliation to the federation `fed` (the newest).
async fn affiliation_id(s: &Server, club: &str, fed: &str) -> i64 {
    let club = scope(s, TenantKind::Club, club).await;
    tessera_core::affiliations::club_overview(&s.db.db, &club)
        .await
        .unwrap()
        .affiliations
        .into_iter()
        .find(|a| a.other_slug == fed)
        .expect("an affiliation")
        .id
}

/// What the harness's fixture needs of affiliations: club A's affiliation to the demo
/// federation (`affiliation`), an open invitation of club A by another federation
/// (`aff_invitation`), a club's open request to the demo federation (`aff_request`), a
/// field of the demo federation (`fed_field`); the federation `harness-fed-two` club A
/// may ask, and the club `harness-invitee` the demo federation may invite.
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    use tessera_core::affiliations as aff;
    let db = &s.db.db;
    let sys = Actor::system("test");
    let now = s.shared.clock.now();
    let other = make(s, TenantKind::Federation, "harness-fed").await;
    make(s, TenantKind::Federation, "harness-fed-two").await;
    make(s, TenantKind::Club, "harness-invitee").await;
    let asker = make(s, TenantKind::Club, "harness-asker").await;
    let invitation = aff::invite(db, None, "http://harness", &other, &sys, now, CLUB_A)
        .await
        .unwrap();
    let request = aff::ask(db, None, "http://harness", &asker, &sys, now, FED)
        .await
        .unwrap();
    let fed = scope(s, TenantKind::Federation, FED).await;
    let field = aff::add_field(
        db,
        &fed,
        &sys,
        now,
        &tessera_common::affiliation::FedFieldForm {
            federation: FED.into(),
            key: "harness_spare".into(),
            label: "Spare".into(),
            kind: "text".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    vec![
        (
            "affiliation",
            affiliation_id(s, CLUB_A, FED).await.to_string(),
        ),
        ("aff_next", {
            let club = scope(s, TenantKind::Club, CLUB_A).await;
            let a = aff::club_overview(db, &club)
                .await
                .unwrap()
                .affiliations
                .into_iter()
                .find(|a| a.other_slug == FED)
                .unwrap();
            (a.terms_version.max(a.proposed_version) + 1).to_string()
        }),
        ("aff_invitation", invitation.to_string()),
        ("aff_request", request.to_string()),
        ("fed_field", field.to_string()),
    ]
}

/// The kinds of the entries of a tenant's event log, with their details, read directly
/// (past row-level security: the owner in maintenance mode on PostgreSQL), since a
/// federation has no event-log page of its own yet.
async fn log_of(s: &Server, kind: TenantKind, slug: &str) -> Vec<(String, String)> {
    use sqlx::Connection;
    let id = scope(s, kind, slug).await.tenant_id().0;
    let sql = "SELECT kind, coalesce(detail, '') FROM security_events WHERE tenant_id = $1";
    match &s.db.url {
        tessera_core::db::DbUrl::Sqlite(path) => {
            let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
                .await
                .unwrap();
            sqlx::query_as(sql)
                .bind(id)
                .fetch_all(&mut c)
                .await
                .unwrap()
        }
        tessera_core::db::DbUrl::Postgres(url) => {
            let name = url.rsplit('/').next().unwrap();
            let owner = std::env::var("TESSERA_TEST_PG_OWNER_URL").unwrap();
            let mut c =
                sqlx::PgConnection::connect(&format!("{}/{name}", owner.trim_end_matches('/')))
                    .await
                    .unwrap();
            sqlx::query("SELECT set_config('app.maintenance', 'on', false)")
                .execute(&mut c)
                .await
                .unwrap();
            sqlx::query_as(sql)
                .bind(id)
                .fetch_all(&mut c)
                .await
                .unwrap()
        }
    }
}

/// A form post as the browser sends it without JavaScript (it accepts HTML, so the server
/// function answers with a redirect).
async fn browser_post(c: &mut Client, endpoint: &str, from: &str, body: &str) -> Resp {
    let origin = c.origin();
    c.send(
        "POST",
        &format!("/api/{endpoint}"),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/html,application/xhtml+xml"),
            ("Origin", &origin),
            ("Referer", &format!("{origin}{from}")),
        ],
        body.as_bytes(),
    )
    .await
}

/// Waits (up to ten seconds) for a mail to `to` that contains `needle`; its text.
async fn mail_with(dir: &std::path::Path, to: &str, needle: &str) -> String {
    for _ in 0..100 {
        let mail = mail_to(dir, to).await;
        if mail.contains(needle) {
            return mail;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no mail to {to} with {needle}");
}

fn logged(log: &[(String, String)], kind: &str, detail: &str) -> bool {
    log.iter().any(|(k, d)| k == kind && d.starts_with(detail))
}

#[tokio::test]
async fn a_club_asks_the_federation_accepts_the_terms_are_accepted_and_leaving_ends_access() {
    for s in servers().await {
        let mut op = Client::new(&s);
        op.sign_in(&account("operator")).await;
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;
        let mut club = Client::new(&s);
        club.sign_in(&account("admin.confluent")).await;

        // The operator ends club B's affiliation: the federation's counts drop it at once
        // (counts come from active affiliations, no longer from the parent).
        let home = fed
            .call("federation_home", &format!("federation={FED}"))
            .await;
        assert!(home.body.contains(CLUB_B), "{}", home.body);
        let r = op
            .call(
                "set_affiliation",
                &format!("federation={FED}&club={CLUB_B}&active=no"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let home = fed
            .call("federation_home", &format!("federation={FED}"))
            .await;
        assert_eq!(home.status, 200);
        assert!(!home.body.contains(CLUB_B), "ended: no counts");

        // Club B asks to join again, without JavaScript (a form post and its redirect).
        let r = browser_post(
            &mut club,
            "ask_federation",
            "/",
            &format!("club={CLUB_B}&federation={FED}"),
        )
        .await;
        assert_eq!(r.status, 302, "{}", r.body);
        let page = club.get(&format!("/c/{CLUB_B}/federations")).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("data-status=\"requested\""),
            "{}",
            page.body
        );
        // The federation's staff are told.
        mail_with(&s.mail_dir, &account("federation"), "/f/bsf/clubs").await;
        // Asking again while the request waits: a conflict, nothing new.
        let again = club
            .call("ask_federation", &format!("club={CLUB_B}&federation={FED}"))
            .await;
        assert_eq!(again.status, 409, "{}", again.body);
        let home = fed
            .call("federation_home", &format!("federation={FED}"))
            .await;
        assert!(!home.body.contains(CLUB_B), "a request is no affiliation");

        // The federation accepts.
        let id = affiliation_id(&s, CLUB_B, FED).await;
        let r = browser_post(
            &mut fed,
            "answer_club_request",
            "/",
            &format!("federation={FED}&id={id}&accept=yes"),
        )
        .await;
        assert_eq!(r.status, 302, "{}", r.body);
        let home = fed
            .call("federation_home", &format!("federation={FED}"))
            .await;
        assert!(home.body.contains(CLUB_B));
        mail_with(
            &s.mail_dir,
            &account("admin.confluent"),
            &format!("/c/{CLUB_B}/federations"),
        )
        .await;

        // Terms v1: two standard fields. Nothing is shared before the club accepts.
        let r = fed
            .call(
                "propose_sharing_terms",
                &format!(
                    "federation={FED}&id={id}&fields%5B%5D=given_name&fields%5B%5D=birth_date"
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let page = club.get(&format!("/c/{CLUB_B}/federations")).await;
        assert!(page.body.contains("data-testid=\"shared-nothing\""));
        assert!(page.body.contains("data-testid=\"accept-terms\""));
        let r = browser_post(
            &mut club,
            "accept_sharing_terms",
            "/",
            &format!("club={CLUB_B}&id={id}&version=1"),
        )
        .await;
        assert_eq!(r.status, 302, "{}", r.body);
        // Twice: a conflict.
        let r = club
            .call(
                "accept_sharing_terms",
                &format!("club={CLUB_B}&id={id}&version=1"),
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        let view = club
            .call("club_federations", &format!("club={CLUB_B}"))
            .await;
        assert!(
            view.body.contains("\"accepted_by_name\":\"Admin Royal"),
            "{}",
            view.body
        );

        // A field of the federation's own, then terms v2 with it: until the club accepts
        // v2, v1's fields stay the shared ones; accepting v1 again is stale.
        let r = fed
            .call(
                "add_fed_field",
                &format!("federation={FED}&key=division&label=Division&kind=choice&choices=A%3BB"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = fed
            .call(
                "propose_sharing_terms",
                &format!(
                    "federation={FED}&id={id}&fields%5B%5D=given_name&fields%5B%5D=fed%3Adivision"
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let o = tessera_core::affiliations::club_overview(
            &s.db.db,
            &scope(&s, TenantKind::Club, CLUB_B).await,
        )
        .await
        .unwrap();
        let a = o.affiliations.iter().find(|a| a.id == id).unwrap();
        let keys = |f: &[tessera_common::affiliation::TermField]| {
            f.iter().map(|x| x.key.clone()).collect::<Vec<_>>()
        };
        assert_eq!(keys(&a.shared_fields), ["given_name", "birth_date"]);
        assert_eq!(keys(&a.proposed_fields), ["given_name", "fed:division"]);
        assert_eq!((a.terms_version, a.proposed_version), (1, 2));
        assert_eq!(a.proposed_fields[1].label.as_deref(), Some("Division"));
        let r = club
            .call(
                "accept_sharing_terms",
                &format!("club={CLUB_B}&id={id}&version=1"),
            )
            .await;
        assert_eq!(r.status, 409, "an old version: {}", r.body);
        let r = club
            .call(
                "accept_sharing_terms",
                &format!("club={CLUB_B}&id={id}&version=2"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let o = tessera_core::affiliations::club_overview(
            &s.db.db,
            &scope(&s, TenantKind::Club, CLUB_B).await,
        )
        .await
        .unwrap();
        let a = o.affiliations.iter().find(|a| a.id == id).unwrap();
        assert_eq!(keys(&a.shared_fields), ["given_name", "fed:division"]);

        // The club leaves: the counts and the terms end at once; history stays.
        let r = browser_post(
            &mut club,
            "leave_federation",
            "/",
            &format!("club={CLUB_B}&id={id}"),
        )
        .await;
        assert_eq!(r.status, 302, "{}", r.body);
        let home = fed
            .call("federation_home", &format!("federation={FED}"))
            .await;
        assert!(!home.body.contains(CLUB_B), "left: no counts");
        let r = fed
            .call(
                "propose_sharing_terms",
                &format!("federation={FED}&id={id}&fields%5B%5D=given_name"),
            )
            .await;
        assert_eq!(
            r.status, 409,
            "no terms on an ended affiliation: {}",
            r.body
        );
        let page = club.get(&format!("/c/{CLUB_B}/federations")).await;
        assert!(page.body.contains("data-testid=\"affiliation-past\""));

        // Both logs keep every step.
        let club_log = log_of(&s, TenantKind::Club, CLUB_B).await;
        let fed_log = log_of(&s, TenantKind::Federation, FED).await;
        for kind in [
            "affiliation_requested",
            "affiliation_accepted",
            "affiliation_terms_proposed",
            "affiliation_terms_accepted",
            "affiliation_ended",
        ] {
            assert!(
                logged(&club_log, kind, FED),
                "club log: {kind} {club_log:?}"
            );
            assert!(logged(&fed_log, kind, CLUB_B), "federation log: {kind}");
        }
    }
}

#[tokio::test]
async fn a_federation_invites_the_club_refuses_with_a_reason_shown_escaped() {
    for s in servers().await {
        let mut op = Client::new(&s);
        op.sign_in(&account("operator")).await;
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;
        let mut club = Client::new(&s);
        club.sign_in(&account("admin.confluent")).await;
        // Inviting a club that is affiliated already: a conflict.
        let r = fed
            .call("invite_club", &format!("federation={FED}&club={CLUB_B}"))
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        assert!(said(&r.body).contains("affiliated"), "{}", r.body);
        // An unknown club: a field error.
        let r = fed
            .call(
                "invite_club",
                &format!("federation={FED}&club=no-such-club"),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        let r = op
            .call(
                "set_affiliation",
                &format!("federation={FED}&club={CLUB_B}&active=no"),
            )
            .await;
        assert_eq!(r.status, 200);
        let r = browser_post(
            &mut fed,
            "invite_club",
            "/",
            &format!("federation={FED}&club={CLUB_B}"),
        )
        .await;
        assert_eq!(r.status, 302, "{}", r.body);
        mail_with(
            &s.mail_dir,
            &account("admin.confluent"),
            &format!("/c/{CLUB_B}/federations"),
        )
        .await;
        // A hostile label of the federation's own field, proposed to the club.
        let r = fed
            .call(
                "add_fed_field",
                &format!("federation={FED}&key=evil&label=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E&kind=text"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let id = affiliation_id(&s, CLUB_B, FED).await;
        let r = fed
            .call(
                "propose_sharing_terms",
                &format!("federation={FED}&id={id}&fields%5B%5D=fed%3Aevil"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let page = club.get(&format!("/c/{CLUB_B}/federations")).await;
        assert!(page.body.contains("data-status=\"invited\""));
        assert!(!page.body.contains("<img src=x"), "the label is escaped");
        assert!(page.body.contains("&lt;img src=x"), "{}", page.body);
        // Refusing needs a reason.
        let r = club
            .call(
                "answer_invitation",
                &format!("club={CLUB_B}&id={id}&accept=no&reason=+"),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        let r = browser_post(&mut club, "answer_invitation", "/", &format!("club={CLUB_B}&id={id}&accept=no&reason=%3Cscript%3Ealert(1)%3C%2Fscript%3E+not+now"),
            )
            .await;
        assert_eq!(r.status, 302, "{}", r.body);
        // Answered already: a conflict.
        let r = club
            .call(
                "answer_invitation",
                &format!("club={CLUB_B}&id={id}&accept=yes"),
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        let page = fed.get(&format!("/f/{FED}/clubs")).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("data-status=\"refused\""));
        assert!(!page.body.contains("<script>alert(1)"));
        assert!(page
            .body
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; not now"));
        let home = fed
            .call("federation_home", &format!("federation={FED}"))
            .await;
        assert!(!home.body.contains(CLUB_B), "refused: no counts");
        let fed_log = log_of(&s, TenantKind::Federation, FED).await;
        assert!(logged(&fed_log, "affiliation_invited", CLUB_B));
        assert!(logged(&fed_log, "affiliation_refused", CLUB_B));
        let club_log = log_of(&s, TenantKind::Club, CLUB_B).await;
        assert!(logged(&club_log, "affiliation_invited", FED));
        assert!(logged(&club_log, "affiliation_refused", FED));
    }
}

#[tokio::test]
async fn bad_input_and_other_tenants_ids_change_nothing() {
    for s in servers().await {
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;
        let mut club_a = Client::new(&s);
        club_a.sign_in(&account("admin.kempenvlug")).await;
        // Another federation with club B affiliated (set by the operator through the core).
        make(&s, TenantKind::Federation, "other-fed").await;
        let op = scope(&s, TenantKind::Operator, "platform").await;
        tessera_core::affiliations::operator_set(
            &s.db.db,
            &op,
            &Actor::system("test"),
            s.shared.clock.now(),
            "other-fed",
            CLUB_B,
            true,
        )
        .await
        .unwrap();
        let foreign = affiliation_id(&s, CLUB_B, "other-fed").await;
        let own_b = affiliation_id(&s, CLUB_B, FED).await;
        let own_a = affiliation_id(&s, CLUB_A, FED).await;
        // The demo federation reaching another federation's affiliation: not found.
        for (endpoint, args) in [
            (
                "propose_sharing_terms",
                format!("federation={FED}&id={foreign}&fields%5B%5D=given_name"),
            ),
            (
                "answer_club_request",
                format!("federation={FED}&id={foreign}&accept=yes"),
            ),
        ] {
            let r = fed.call(endpoint, &args).await;
            assert_eq!(r.status, 404, "{endpoint}: {}", r.body);
        }
        // Club A reaching club B's affiliation: not found.
        for (endpoint, args) in [
            ("leave_federation", format!("club={CLUB_A}&id={own_b}")),
            (
                "accept_sharing_terms",
                format!("club={CLUB_A}&id={own_b}&version=1"),
            ),
            (
                "answer_invitation",
                format!("club={CLUB_A}&id={own_b}&accept=yes"),
            ),
        ] {
            let r = club_a.call(endpoint, &args).await;
            assert_eq!(r.status, 404, "{endpoint}: {}", r.body);
        }
        // A club asking a club (not a federation): a field error.
        let r = club_a
            .call(
                "ask_federation",
                &format!("club={CLUB_A}&federation={CLUB_B}"),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(r.body.contains("federation"), "{}", r.body);
        // Asking a federation it belongs to: a conflict.
        let r = club_a
            .call("ask_federation", &format!("club={CLUB_A}&federation={FED}"))
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        // Terms: nothing proposed to accept; unknown or archived fields; no field at all.
        let r = club_a
            .call(
                "accept_sharing_terms",
                &format!("club={CLUB_A}&id={own_a}&version=1"),
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        for fields in [
            "fields%5B%5D=salary",
            "fields%5B%5D=fed%3Anope",
            "fields%5B%5D=",
            "",
        ] {
            let r = fed
                .call(
                    "propose_sharing_terms",
                    &format!("federation={FED}&id={own_a}&{fields}"),
                )
                .await;
            assert_eq!(r.status, 400, "{fields}: {}", r.body);
        }
        let r = fed
            .call(
                "add_fed_field",
                &format!("federation={FED}&key=gone&label=Gone&kind=text"),
            )
            .await;
        assert_eq!(r.status, 200);
        let fields = tessera_core::affiliations::federation_overview(
            &s.db.db,
            &scope(&s, TenantKind::Federation, FED).await,
        )
        .await
        .unwrap()
        .fields;
        let gone = fields.iter().find(|f| f.key == "gone").unwrap().id;
        let r = fed
            .call(
                "archive_fed_field",
                &format!("federation={FED}&id={gone}&archived=yes"),
            )
            .await;
        assert_eq!(r.status, 200);
        let r = fed
            .call(
                "propose_sharing_terms",
                &format!("federation={FED}&id={own_a}&fields%5B%5D=fed%3Agone"),
            )
            .await;
        assert_eq!(r.status, 400, "an archived field: {}", r.body);
        // Fields: a bad key, a taken key, an empty label, a choice without options.
        for (args, status) in [
            ("key=Bad+Key&label=X&kind=text", 400),
            ("key=gone&label=X&kind=text", 400),
            ("key=fine&label=+&kind=text", 400),
            ("key=fine&label=X&kind=choice&choices=", 400),
            ("key=fine&label=X&kind=colour", 400),
        ] {
            let r = fed
                .call("add_fed_field", &format!("federation={FED}&{args}"))
                .await;
            assert_eq!(r.status, status, "{args}: {}", r.body);
        }
        // Nothing of it stored: club A's terms are as the demo left them, the proposals none.
        let o = tessera_core::affiliations::club_overview(
            &s.db.db,
            &scope(&s, TenantKind::Club, CLUB_A).await,
        )
        .await
        .unwrap();
        let a = o.affiliations.iter().find(|a| a.id == own_a).unwrap();
        assert_eq!(a.proposed_version, a.terms_version);
        // The federation's staff are no one in a club: its pages are not found for them.
        let r = fed.get(&format!("/c/{CLUB_A}/federations")).await;
        assert_eq!(r.status, 404);
        // And a club's staff are no one in the federation.
        let r = club_a.get(&format!("/f/{FED}/clubs")).await;
        assert_eq!(r.status, 404);
    }
}
