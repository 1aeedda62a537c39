//! The dashboard's counts on SQLite and PostgreSQL: a federation of two affiliated clubs,
//! one that left and one of another federation.

use super::*;
use crate::licences::{self, RequestInput};
use crate::members::NewMember;
use crate::testing;
use crate::tests::{world, T0};
use tessera_common::dto::{MemberStatus, TenantKind};
use tessera_common::licence::{CategoryForm, SeasonForm};
use tessera_common::MemberId;

fn sys() -> Actor {
    Actor::system("test")
}

async fn scope_of(db: &Db, kind: TenantKind, slug: &str) -> TenantScope {
    let t = crate::tenants::find_by_slug(db, kind, slug)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::background(), t)
}

async fn platform_sql(db: &Db, sql: &str, args: Vec<Value>) {
    let mut tx = db.platform(true).await.unwrap();
    tx.execute(sql, args).await.unwrap();
    tx.commit().await.unwrap();
}

async fn tenant_sql(db: &Db, scope: &TenantScope, sql: &str, args: Vec<Value>) {
    let mut tx = db.tenant_write(scope, &sys(), T0).await.unwrap();
    tx.execute(sql, args).await.unwrap();
    tx.commit().await.unwrap();
}

struct P<'a> {
    given: &'a str,
    born: Option<&'a str>,
    gender: Option<&'a str>,
    status: MemberStatus,
    joined: Option<&'a str>,
    ended: Option<&'a str>,
}

async fn person(db: &Db, club: &TenantScope, p: P<'_>) -> MemberId {
    let id = crate::members::create(
        db,
        club,
        &sys(),
        T0,
        NewMember {
            given_name: p.given.into(),
            family_name: "Janssens".into(),
            birth_date: p.born.map(str::to_string),
            gender: p.gender.map(str::to_string),
            status: Some(p.status),
            joined_on: p.joined.map(str::to_string),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // A new record has no end date: an ended one gets it as staff would set it later.
    if let Some(ended) = p.ended {
        tenant_sql(
            db,
            club,
            "UPDATE members SET ended_on = $2 WHERE tenant_id = $1 AND id = $3",
            args![ended, id.0],
        )
        .await;
    }
    id
}

fn simple(given: &str) -> P<'_> {
    P {
        given,
        born: Some("1990-05-17"),
        gender: None,
        status: MemberStatus::Active,
        joined: None,
        ended: None,
    }
}

async fn request_and_approve(
    db: &Db,
    club: &TenantScope,
    fed: &TenantScope,
    season: i64,
    category: i64,
    members: Vec<MemberId>,
) {
    let none = std::collections::BTreeMap::new();
    let (s, c) = (season.to_string(), category.to_string());
    licences::request(
        db,
        club,
        &sys(),
        T0,
        RequestInput {
            federation: "fed",
            season: &s,
            category: &c,
            members,
            fed: &none,
        },
    )
    .await
    .unwrap();
    licences::approve_all_requested(db, fed, &sys(), T0, club.tenant_id(), season)
        .await
        .unwrap();
}

async fn member_named(db: &Db, club: &TenantScope, given: &str) -> MemberId {
    let mut tx = db.tenant_read(club).await.unwrap();
    let (id,): (i64,) = tx
        .fetch_one(
            "SELECT id FROM members WHERE tenant_id = $1 AND given_name = $2",
            args![given],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    MemberId(id)
}

#[tokio::test]
async fn the_dashboard_counts_exactly_the_affiliated_clubs() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let fed = scope_of(db, TenantKind::Federation, "fed").await;
        let a = scope_of(db, TenantKind::Club, "club-a").await;
        let fid = fed.tenant_id();
        // A club that will leave, and a club of another federation.
        let op = crate::tenants::find_by_slug(db, TenantKind::Operator, "platform")
            .await
            .unwrap()
            .unwrap();
        let mk = |parent: TenantId, kind: TenantKind, slug: &str| crate::tenants::NewTenant {
            parent: Some(parent),
            kind,
            slug: slug.into(),
            name: format!("Tenant {slug}"),
            city: Some("Gent".into()),
            primary_color: "#1d3557".into(),
            accent_color: "#f4a261".into(),
            default_lang: tessera_common::Lang::Nl,
            plan: (kind == TenantKind::Club).then(|| "premium".to_string()),
        };
        let club_c = crate::tenants::create(db, &sys(), T0, mk(fid, TenantKind::Club, "club-c"))
            .await
            .unwrap();
        let fed2 =
            crate::tenants::create(db, &sys(), T0, mk(op.id, TenantKind::Federation, "fed-two"))
                .await
                .unwrap();
        let club_d =
            crate::tenants::create(db, &sys(), T0, mk(fed2.id, TenantKind::Club, "club-d"))
                .await
                .unwrap();
        let c = TenantScope::for_system_task(&SystemTask::background(), club_c.clone());
        let d = TenantScope::for_system_task(&SystemTask::background(), club_d.clone());
        for i in 0..4 {
            person(db, &c, simple(&format!("Cee{i}"))).await;
            person(db, &d, simple(&format!("Dee{i}"))).await;
        }

        // Club A: besides the world's three (Lotte, Wout, Emma; born 1990, active, no
        // gender, no join date) a child, an older man, an ended and an applicant record, a
        // restricted and an erased one.
        let kid = person(
            db,
            &a,
            P {
                given: "Kobe",
                born: Some("2017-05-01"),
                gender: Some("f"),
                status: MemberStatus::Active,
                joined: Some("2026-09-10"),
                ended: None,
            },
        )
        .await;
        let old = person(
            db,
            &a,
            P {
                given: "Omer",
                born: Some("1960-01-01"),
                gender: Some("m"),
                status: MemberStatus::Active,
                joined: Some("2020-01-01"),
                ended: None,
            },
        )
        .await;
        person(
            db,
            &a,
            P {
                given: "Eddy",
                born: Some("1980-01-01"),
                gender: Some("m"),
                status: MemberStatus::Ended,
                joined: Some("2020-01-01"),
                ended: Some("2026-06-30"),
            },
        )
        .await;
        person(
            db,
            &a,
            P {
                given: "Appie",
                born: Some("2000-01-01"),
                gender: Some("x"),
                status: MemberStatus::Applicant,
                joined: None,
                ended: None,
            },
        )
        .await;
        let erased = person(
            db,
            &a,
            P {
                given: "Gone",
                born: Some("2010-01-01"),
                gender: Some("x"),
                status: MemberStatus::Active,
                joined: None,
                ended: None,
            },
        )
        .await;
        tenant_sql(
            db,
            &a,
            "UPDATE members SET erased_at = $2 WHERE tenant_id = $1 AND id = $3",
            args![T0, erased.0],
        )
        .await;

        // Staff: club A's administrator has no second factor; the member becomes a second
        // administrator with one. Club B's administrator has none.
        let member_identity = w.member_a.identity.unwrap();
        crate::roles::grant_admin(db, &a, &sys(), T0, member_identity)
            .await
            .unwrap();
        platform_sql(
            db,
            "UPDATE identities SET totp_enabled_at = $1 WHERE id = $2",
            args![T0, member_identity.0],
        )
        .await;

        // Data-protection requests of club A: two open past their deadline, one open not
        // yet due, one closed after its deadline. Club C's overdue one is not counted.
        for (i, (status, due, closed)) in [
            ("open", "2026-08-01", None),
            ("extended", "2026-09-20", None),
            ("open", "2026-10-30", None),
            ("done", "2026-08-01", Some(T0.0)),
        ]
        .into_iter()
        .enumerate()
        {
            tenant_sql(
                db,
                &a,
                "INSERT INTO privacy_requests (tenant_id, id, member_id, kind, status, received_at, \
                 first_due_on, due_on, closed_at, updated_at) VALUES ($1, $2, $3, 'access', $4, $5, $6, $6, $7, $5)",
                args![100 + i as i64, old.0, status, T0, due, closed],
            )
            .await;
        }
        tenant_sql(
            db,
            &c,
            "INSERT INTO privacy_requests (tenant_id, id, member_id, kind, status, received_at, \
             first_due_on, due_on, updated_at) VALUES ($1, 200, 1, 'access', 'open', $2, '2026-01-01', '2026-01-01', $2)",
            args![T0],
        )
        .await;

        // Seasons, a category and licences: last season Omer; this season Kobe, Omer and
        // Lotte (who is then restricted), Wout only requested.
        let season = |name: &str, from: &str, to: &str| SeasonForm {
            name: name.into(),
            starts_on: from.into(),
            ends_on: to.into(),
            ..Default::default()
        };
        let last = licences::add_season(
            db,
            &fed,
            &sys(),
            T0,
            &season("2025-2026", "2025-09-01", "2026-08-31"),
        )
        .await
        .unwrap();
        let this = licences::add_season(
            db,
            &fed,
            &sys(),
            T0,
            &season("2026-2027", "2026-09-01", "2027-08-31"),
        )
        .await
        .unwrap();
        licences::add_season(
            db,
            &fed,
            &sys(),
            T0,
            &season("2027-2028", "2027-09-01", "2028-08-31"),
        )
        .await
        .unwrap();
        let rec = licences::add_category(
            db,
            &fed,
            &sys(),
            T0,
            &CategoryForm {
                name: "Recreational".into(),
                fee: "25".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let comp = licences::add_category(
            db,
            &fed,
            &sys(),
            T0,
            &CategoryForm {
                name: "Competitive".into(),
                fee: "40".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        platform_sql(
            db,
            "UPDATE affiliations SET shared_fields = 'given_name family_name birth_date', \
             terms_version = 1, accepted_at = $1, accepted_by_name = 'Test' \
             WHERE federation_id = $2 AND status = 'active'",
            args![T0, fid.0],
        )
        .await;
        let lotte = member_named(db, &a, "Lotte").await;
        let wout = member_named(db, &a, "Wout").await;
        request_and_approve(db, &a, &fed, last, rec, vec![old]).await;
        request_and_approve(db, &a, &fed, this, rec, vec![kid, lotte]).await;
        request_and_approve(db, &a, &fed, this, comp, vec![old]).await;
        let none = std::collections::BTreeMap::new();
        let (s, k) = (this.to_string(), rec.to_string());
        licences::request(
            db,
            &a,
            &sys(),
            T0,
            RequestInput {
                federation: "fed",
                season: &s,
                category: &k,
                members: vec![wout],
                fed: &none,
            },
        )
        .await
        .unwrap();
        // Club C licenses one of its own this season (it leaves later).
        let cee = member_named(db, &c, "Cee0").await;
        request_and_approve(db, &c, &fed, this, rec, vec![cee]).await;
        // Lotte is restricted (the record and the federation's copy).
        tenant_sql(
            db,
            &a,
            "UPDATE members SET restricted_at = $2 WHERE tenant_id = $1 AND id = $3",
            args![T0, lotte.0],
        )
        .await;
        tenant_sql(
            db,
            &fed,
            "UPDATE fed_people SET restricted = $2 WHERE tenant_id = $1 AND member_id = $3",
            args![true, lotte.0],
        )
        .await;

        // Before any count: the clubs are listed, not counted.
        let before = dashboard(db, &fed, "", T0).await.unwrap();
        assert_eq!(before.clubs.len(), 3);
        assert!(before.clubs.iter().all(|c| !c.counted));
        assert_eq!(before.as_of, None);

        assert_eq!(
            refresh_all(db, &SystemTask::background(), T0)
                .await
                .unwrap(),
            4
        );
        // Club C leaves: gone from the page at once, without counting again.
        platform_sql(
            db,
            "UPDATE affiliations SET status = 'ended', ended_at = $1 WHERE federation_id = $2 AND club_id = $3",
            args![T0, fid.0, club_c.id.0],
        )
        .await;
        let dash = dashboard(db, &fed, "", T0).await.unwrap();
        let slugs: Vec<&str> = dash.clubs.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, ["club-a", "club-b"]);
        assert_eq!(dash.as_of, Some(T0));
        assert_eq!(dash.reference_on.as_deref(), Some("2026-09-21"));
        assert_eq!(dash.season, Some(this.to_string()), "the current season");
        assert_eq!(dash.categories, ["Competitive", "Recreational"]);
        let ca = &dash.clubs[0];
        assert!(ca.counted);
        // Wout, Emma, Kobe, Omer, Eddy (ended), Appie (applicant).
        assert_eq!((ca.members, ca.active_members), (6, 4));
        // 35–54: Wout, Emma; 8–11: Kobe; 55+: Omer.
        assert_eq!(ca.ages, [0, 1, 0, 0, 0, 2, 1, 0]);
        assert_eq!(ca.genders, [1, 1, 0, 2]);
        assert_eq!((ca.staff, ca.staff_without_2fa), (2, 1));
        assert_eq!(ca.overdue_requests, 2);
        assert_eq!(ca.licences, [1, 1], "Omer competitive, Kobe recreational");
        assert_eq!(ca.licences_total, 2);
        let cb = &dash.clubs[1];
        assert_eq!((cb.members, cb.active_members), (1, 1));
        assert_eq!(cb.ages, [0, 0, 0, 0, 0, 1, 0, 0]);
        assert_eq!((cb.staff, cb.staff_without_2fa), (1, 1));
        assert_eq!(cb.overdue_requests, 0);
        assert_eq!(cb.licences_total, 0);
        let t = &dash.total;
        assert_eq!((t.members, t.active_members), (7, 5));
        assert_eq!(t.ages, [0, 1, 0, 0, 0, 3, 1, 0]);
        assert_eq!(t.genders, [1, 1, 0, 3]);
        assert_eq!(
            (t.staff, t.staff_without_2fa, t.overdue_requests),
            (3, 2, 2)
        );
        assert_eq!(t.licences, [1, 1]);
        // Growth: last season's start Wout, Emma, Omer, Eddy (club A) and Bram (club B);
        // this season's without Eddy (ended in June); Kobe joined after the start. The
        // season to come is not shown.
        let growth: Vec<(&str, i64, i64)> = dash
            .growth
            .iter()
            .map(|g| (g.season.as_str(), g.members, g.licences))
            .collect();
        assert_eq!(growth, [("2025-2026", 5, 1), ("2026-2027", 4, 2)]);
        // And per club, the same seasons: A without Eddy this season, with Kobe's licence.
        assert_eq!(
            (&ca.growth_members, &ca.growth_licences),
            (&vec![4, 3], &vec![1, 2])
        );
        assert_eq!(
            (&cb.growth_members, &cb.growth_licences),
            (&vec![1, 1], &vec![0, 0])
        );
        assert_eq!(
            (&t.growth_members, &t.growth_licences),
            (&vec![5, 4], &vec![1, 2])
        );
        // Of every club: the chart's largest, the compliance counts.
        assert_eq!(dash.club_count, 2);
        let largest: Vec<&str> = dash.largest.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(largest, ["club-a", "club-b"]);
        assert_eq!((dash.clubs_no2fa, dash.clubs_overdue), (2, 1));
        // A page of the clubs table keeps the totals, the chart and the counts of all.
        let second = paged(&dash, 2, 1);
        let slugs: Vec<&str> = second.clubs.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, ["club-b"]);
        assert_eq!((second.page, second.pages, second.club_count), (2, 2, 2));
        assert_eq!(second.total, dash.total);
        assert_eq!(second.largest, dash.largest);
        assert_eq!((second.clubs_no2fa, second.clubs_overdue), (2, 1));
        assert_eq!(paged(&dash, 9, 1).page, 2, "past the end: the last");
        assert_eq!(paged(&dash, 0, 1).clubs[0].slug, "club-a");
        let first = dashboard_page(db, &fed, "", 1, T0).await.unwrap();
        assert_eq!((first.clubs.len(), first.page, first.pages), (2, 1, 1));
        // Another season chosen; an unknown one is the current one.
        let past = dashboard(db, &fed, &last.to_string(), T0).await.unwrap();
        assert_eq!(past.clubs[0].licences, [0, 1]);
        assert_eq!(past.total.licences_total, 1);
        let odd = dashboard(db, &fed, "12345", T0).await.unwrap();
        assert_eq!(odd.season, Some(this.to_string()));

        // Counting again drops the club that left from the stored rows.
        assert_eq!(refresh(db, &fed, &sys(), T0).await.unwrap(), 2);
        let mut tx = db.tenant_read(&fed).await.unwrap();
        let (n,): (i64,) = tx
            .fetch_one(
                "SELECT count(*) FROM fed_club_stats WHERE tenant_id = $1",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(n, 2);
        // The dashboard is kept while nothing it was built from changed, and built again
        // at once when a club is renamed, counts are taken again, a season changes, or a
        // club leaves; each season is kept apart.
        let kept = built(db, &fed, "", T0).await.unwrap();
        assert!(Arc::ptr_eq(&kept, &built(db, &fed, "", T0).await.unwrap()));
        let b = scope_of(db, TenantKind::Club, "club-b").await;
        crate::tenants::update_look(
            db,
            &b,
            &sys(),
            T0,
            crate::tenants::LookInput {
                name: "Aardvarks".into(),
                primary_color: "#1f4e79".into(),
                accent_color: "#f2a900".into(),
                default_lang: "nl".into(),
            },
            b.tenant().version,
        )
        .await
        .unwrap();
        let renamed = dashboard_page(db, &fed, "", 1, T0).await.unwrap();
        let names: Vec<&str> = renamed.clubs.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names[0], "Aardvarks", "{names:?}");
        let kept = built(db, &fed, "", T0).await.unwrap();
        let past_kept = built(db, &fed, &last.to_string(), T0).await.unwrap();
        assert_eq!(past_kept.season, Some(last.to_string()));
        assert!(Arc::ptr_eq(&kept, &built(db, &fed, "", T0).await.unwrap()));
        person(db, &a, simple("Nieuw")).await;
        assert_eq!(
            dashboard(db, &fed, "", T0).await.unwrap().total.members,
            renamed.total.members,
            "counts are those stored"
        );
        refresh(db, &fed, &sys(), T0).await.unwrap();
        let recounted = built(db, &fed, "", T0).await.unwrap();
        assert!(!Arc::ptr_eq(&kept, &recounted));
        assert_eq!(recounted.total.members, renamed.total.members + 1);
        tenant_sql(
            db,
            &fed,
            "UPDATE fed_seasons SET name = 'Renamed' WHERE tenant_id = $1 AND id = $2",
            args![this],
        )
        .await;
        let seasons = built(db, &fed, "", T0).await.unwrap();
        assert!(seasons.seasons.iter().any(|s| s.name == "Renamed"));
        let past = built(db, &fed, &last.to_string(), T0).await.unwrap();
        assert!(!Arc::ptr_eq(&past_kept, &past));
        assert!(past.seasons.iter().any(|s| s.name == "Renamed"));
        platform_sql(
            db,
            "UPDATE affiliations SET status = 'ended', ended_at = $1 WHERE federation_id = $2 AND club_id = $3",
            args![T0, fid.0, b.tenant_id().0],
        )
        .await;
        let left = dashboard(db, &fed, "", T0).await.unwrap();
        let slugs: Vec<&str> = left.clubs.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, ["club-a"]);
        // The other federation sees its own club only.
        let f2 = TenantScope::for_system_task(&SystemTask::background(), fed2.clone());
        let other = dashboard(db, &f2, "", T0).await.unwrap();
        assert_eq!(other.clubs.len(), 1);
        assert_eq!(other.clubs[0].slug, "club-d");
        assert_eq!(other.total.members, 4);
        // A club's scope has no dashboard.
        assert!(dashboard(db, &a, "", T0).await.is_err());
        assert!(refresh(db, &a, &sys(), T0).await.is_err());
        let _ = d;
    }
}

#[tokio::test]
async fn each_table_exports_as_csv_and_is_logged_in_the_federation() {
    for t in testing::all().await {
        let db = &t.db;
        let _w = world(db).await;
        let fed = scope_of(db, TenantKind::Federation, "fed").await;
        let a = scope_of(db, TenantKind::Club, "club-a").await;
        // A club name a spreadsheet would run as a formula.
        platform_sql(
            db,
            "UPDATE tenants SET name = $1 WHERE slug = 'club-a'",
            args!["=HYPERLINK(\"x\")"],
        )
        .await;
        let club_events = || async {
            let mut tx = db.tenant_read(&a).await.unwrap();
            let (n,): (i64,) = tx
                .fetch_one(
                    "SELECT count(*) FROM security_events WHERE tenant_id = $1",
                    args![],
                )
                .await
                .unwrap();
            tx.commit().await.unwrap();
            n
        };
        let club_before = club_events().await;
        refresh_all(db, &SystemTask::background(), T0)
            .await
            .unwrap();
        for table in TABLES {
            let (name, text) = csv(db, &fed, &sys(), table, "", T0).await.unwrap();
            assert_eq!(name, format!("fed-{table}.csv"));
            assert!(text.ends_with("\r\n"));
            if table != "growth" {
                assert!(text.contains("club-a,"), "{table}: {text}");
                assert!(text.contains("club-b,"), "{table}: {text}");
                assert!(text.contains("'=HYPERLINK"), "{table}: {text}");
                assert!(text.contains(",total,"), "{table}: {text}");
            }
        }
        let (_, growth) = csv(db, &fed, &sys(), "growth", "", T0).await.unwrap();
        assert!(
            growth.starts_with("season,starts_on,club,name,members,licences\r\n"),
            "{growth}"
        );
        let (_, clubs) = csv(db, &fed, &sys(), "clubs", "", T0).await.unwrap();
        assert!(clubs.starts_with(
            "club,name,members,active_members,licences,staff,staff_without_2fa,overdue_requests\r\n"
        ));
        assert!(
            clubs.contains("club-b,Tenant club-b,1,1,0,1,1,0\r\n"),
            "{clubs}"
        );
        assert!(clubs.contains(",total,4,4,0,2,2,0\r\n"), "{clubs}");
        assert_eq!(
            csv(db, &fed, &sys(), "people", "", T0).await.unwrap_err(),
            AppError::NotFound
        );
        let mut tx = db.tenant_read(&fed).await.unwrap();
        let (n,): (i64,) = tx
            .fetch_one(
                "SELECT count(*) FROM security_events WHERE tenant_id = $1 AND kind = 'dashboard_exported'",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            n,
            TABLES.len() as i64 + 2,
            "each table, and the clubs and growth again"
        );
        // Nothing in the clubs' logs: counts are no federation read.
        assert_eq!(club_events().await, club_before);
    }
}
