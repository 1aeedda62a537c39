//! Validation as you type (`check_form`): the rules of a save, run without saving, for
//! the staff member form and for a public registration form.

use super::*;

async fn count(s: &Server, sql: &str) -> i64 {
    let club = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    let scope = tessera_core::scope::TenantScope::for_system_task(
        &tessera_core::jobs::SystemTask::command_line(),
        club,
    );
    let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
    let (n,): (i64,) = tx.fetch_one(sql, tessera_core::args![]).await.unwrap();
    tx.commit().await.unwrap();
    n
}

#[tokio::test]
async fn the_member_form_is_checked_by_the_rules_of_a_save_and_nothing_is_stored() {
    for s in servers().await {
        let members = "SELECT count(*) FROM members WHERE tenant_id = $1";
        let before = count(&s, members).await;
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        // The form as typed so far, URL-encoded as the form posts it.
        let r = admin
            .call(
                "check_form",
                &format!(
                    "club={CLUB_A}&kind=member&body=given_name%3DLotte%26family_name%3D%26season%3D2026-2030\
                     %26status%3Dactive%26joined_on%3D2026-03-01%26ended_on%3D2026-02-01&lang=nl"
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        for field in ["family_name", "season", "ended_on"] {
            assert!(
                r.body.contains(&format!("\"name\":\"{field}\"")),
                "{field}: {}",
                r.body
            );
        }
        assert!(!r.body.contains("\"name\":\"given_name\""), "{}", r.body);
        // The messages come in the page's language, from the server's message table.
        assert!(
            r.body.contains("schrijf het seizoen als twee jaartallen"),
            "{}",
            r.body
        );
        // A form the rules accept: no message, and still nothing stored.
        let r = admin
            .call(
                "check_form",
                &format!("club={CLUB_A}&kind=member&body=given_name%3DLotte%26family_name%3DPeeters%26status%3Dactive"),
            )
            .await;
        assert_eq!((r.status, r.body.as_str()), (200, "[]"));
        assert_eq!(count(&s, members).await, before, "a check stores nothing");
        // Someone without members.edit may not learn the rules' answers about the club.
        let mut member = Client::new(&s);
        member.sign_in(&account("member.kempenvlug")).await;
        let r = member
            .call(
                "check_form",
                &format!("club={CLUB_A}&kind=member&body=given_name%3DX"),
            )
            .await;
        assert_eq!(r.status, 403, "{}", r.body);
        // Anonymous: sign in first. Another club: not found. An unknown kind: not found.
        let mut anon = Client::new(&s);
        let r = anon
            .call("check_form", &format!("club={CLUB_A}&kind=member&body="))
            .await;
        assert_eq!(r.status, 401);
        let r = admin
            .call("check_form", &format!("club={CLUB_B}&kind=member&body="))
            .await;
        assert_eq!(r.status, 404);
        let r = admin
            .call("check_form", &format!("club={CLUB_A}&kind=import&body="))
            .await;
        assert_eq!(r.status, 404);
        // A body that is not a form: the caller's 400, never a 500.
        let r = admin
            .call(
                "check_form",
                &format!(
                    "club={CLUB_A}&kind=member&body=given_name%5B%5D%5Bx%5D%3D1%26given_name%3D2"
                ),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
    }
}

#[tokio::test]
async fn a_registration_form_is_checked_for_anyone_without_storing_or_counting() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        switch_module(&s, "forms", true).await;
        let r = admin
            .call(
                "save_form",
                &format!("club={CLUB_A}&title=Live&slug=live&audience=self&fields%5Bbirth_date%5D=on&fields%5Breq%3Abirth_date%5D=on&consent_text=Photos.&published=on"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let mut anon = Client::new(&s);
        let bad = format!(
            "club={CLUB_A}&kind=join&form=live&body=email%3Dnope%26f%255Bp0.given_name%255D%3DMila%26f%255Bp0.birth_date%255D%3D2016-02-30"
        );
        // More checks than the per-address limit of submissions allows: a check counts
        // towards no limit and stores nothing.
        for _ in 0..12 {
            let r = anon.call("check_form", &bad).await;
            assert_eq!(r.status, 200, "{}", r.body);
            for field in ["email", "f[p0.family_name]", "f[p0.birth_date]"] {
                assert!(
                    r.body.contains(&format!("\"name\":\"{field}\"")),
                    "{field}: {}",
                    r.body
                );
            }
            assert!(!r.body.contains("f[p0.given_name]"), "{}", r.body);
            // Consent is asked, never forced: leaving it unticked is no problem.
            assert!(!r.body.contains("\"name\":\"consent\""), "{}", r.body);
        }
        assert_eq!(
            count(
                &s,
                "SELECT count(*) FROM reg_submissions WHERE tenant_id = $1"
            )
            .await,
            0
        );
        let page = anon.get(&format!("/c/{CLUB_A}/join/live")).await;
        assert_eq!(page.status, 200);
        let tok = page
            .body
            .split("name=\"started\" value=\"")
            .nth(1)
            .and_then(|x| x.split('"').next())
            .unwrap()
            .to_string();
        s.shared.clock.advance_secs(5);
        let r = anon
            .call(
                "submit_registration",
                &format!(
                    "club={CLUB_A}&form=live&started={tok}&email=mila%40example.be&consent=on\
                     &f%5Bp0.given_name%5D=Mila&f%5Bp0.family_name%5D=Peeters&f%5Bp0.birth_date%5D=2016-02-03"
                ),
            )
            .await;
        assert!(
            matches!(r.status, 200 | 302),
            "the checks used none of the limit: {} {}",
            r.status,
            r.body
        );
        assert_eq!(
            count(
                &s,
                "SELECT count(*) FROM reg_submissions WHERE tenant_id = $1"
            )
            .await,
            1
        );
        // An unknown form, a club that does not exist: not found, as for the form itself.
        let r = anon
            .call(
                "check_form",
                &format!("club={CLUB_A}&kind=join&form=nope&body="),
            )
            .await;
        assert_eq!(r.status, 404);
        let r = anon
            .call("check_form", "club=no-such-club&kind=join&form=live&body=")
            .await;
        assert_eq!(r.status, 404);
    }
}

/// Pages are server-rendered HTML: no resource's data is serialised into the page for a
/// hydration that no longer happens, so the register's rows are in it once (as HTML); an
/// island gets what it needs as its props, once.
#[tokio::test]
async fn pages_carry_their_data_once_and_islands_only_their_props() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let register = admin.get(&format!("/c/{CLUB_A}/members")).await;
        assert_eq!(register.status, 200);
        assert!(
            !register.body.contains("__RESOLVED_RESOURCES["),
            "no serialised resources"
        );
        assert!(
            !register.body.contains("\"given_name\":"),
            "no member as JSON"
        );
        assert!(
            !register.body.contains("<leptos-island"),
            "no island on the register"
        );
        // Islands are hydrated by leptos' island script, not the whole-page one.
        assert!(register.body.contains("leptos-island"), "the island script");
        let new = admin.get(&format!("/c/{CLUB_A}/members/new")).await;
        assert_eq!(new.status, 200);
        assert_eq!(
            new.body.matches("<leptos-island").count(),
            1,
            "{}",
            new.body
        );
        assert!(new.body.contains("data-component=\"LiveCheck_"));
        assert!(!new.body.contains("__RESOLVED_RESOURCES["));
    }
}

/// The form builder's order: each question's place (`fields[pos:{key}]`) is posted with
/// the form, the server orders the questions by it (and checks it), the public form asks
/// them in that order, and the builder's page shows them in it, each row with its place.
#[tokio::test]
async fn a_registration_form_keeps_the_order_its_builder_gives_the_questions() {
    fn order(body: &str, names: &[&str]) -> Vec<usize> {
        names
            .iter()
            .map(|n| {
                body.find(n)
                    .unwrap_or_else(|| panic!("{n} not in the page"))
            })
            .collect()
    }
    fn is_sorted(v: &[usize]) -> bool {
        v.windows(2).all(|w| w[0] < w[1])
    }
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        switch_module(&s, "forms", true).await;
        // City first, then the phone, then the birth date (not the standard order).
        let r = admin
            .call(
                "save_form",
                &format!(
                    "club={CLUB_A}&title=Order&slug=order&audience=self\
                     &fields%5Bbirth_date%5D=on&fields%5Bpos%3Abirth_date%5D=2\
                     &fields%5Bphone%5D=on&fields%5Bpos%3Aphone%5D=1\
                     &fields%5Bcity%5D=on&fields%5Bpos%3Acity%5D=0\
                     &fields%5Bpos%3Astreet%5D=3&published=on"
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let mut anon = Client::new(&s);
        let page = anon.get(&format!("/c/{CLUB_A}/join/order")).await;
        assert_eq!(page.status, 200);
        let asked = order(
            &page.body,
            &["f[p0.city]", "f[p0.phone]", "f[p0.birth_date]"],
        );
        assert!(is_sorted(&asked), "{asked:?}");
        assert!(!page.body.contains("f[p0.street]"), "not asked");
        // The builder's page: the asked rows first, in that order, with their places;
        // then the others.
        let forms = admin.get(&format!("/c/{CLUB_A}/forms")).await;
        assert_eq!(forms.status, 200);
        let start = forms.body.find("<h2>Order<").unwrap();
        let editor = &forms.body[start..];
        let editor = &editor[..editor.find("</form>").unwrap()];
        let rows = order(
            editor,
            &[
                "data-key=\"city\"",
                "data-key=\"phone\"",
                "data-key=\"birth_date\"",
                "data-key=\"gender\"",
            ],
        );
        assert!(is_sorted(&rows), "{rows:?}");
        for (key, pos) in [("city", 0), ("phone", 1), ("birth_date", 2)] {
            assert!(
                editor.contains(&format!("name=\"fields[pos:{key}]\" value=\"{pos}\"")),
                "{key}"
            );
        }
        assert!(editor.contains("data-component=\"FormBuilder_"));
        // A place that is not a number: the caller's 400 with the field's message, and the
        // stored form is as it was.
        let id = editor
            .split("name=\"id\" value=\"")
            .nth(1)
            .and_then(|x| x.split('"').next())
            .unwrap()
            .to_string();
        let r = admin
            .call(
                "save_form",
                &format!(
                    "club={CLUB_A}&id={id}&version=1&title=Order&slug=order&audience=self\
                     &fields%5Bcity%5D=on&fields%5Bpos%3Acity%5D=first&fields%5Bphone%5D=on&published=on"
                ),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(r.body.contains("pos:city"), "{}", r.body);
        let page = anon.get(&format!("/c/{CLUB_A}/join/order")).await;
        assert!(is_sorted(&order(
            &page.body,
            &["f[p0.city]", "f[p0.phone]", "f[p0.birth_date]"]
        )));
        // Posted without places (a page from before the builder): the standard order.
        let r = admin
            .call(
                "save_form",
                &format!(
                    "club={CLUB_A}&id={id}&version=1&title=Order&slug=order&audience=self\
                     &fields%5Bcity%5D=on&fields%5Bphone%5D=on&fields%5Bbirth_date%5D=on&published=on"
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let page = anon.get(&format!("/c/{CLUB_A}/join/order")).await;
        assert!(is_sorted(&order(
            &page.body,
            &["f[p0.birth_date]", "f[p0.phone]", "f[p0.city]"]
        )));
    }
}

/// The member form's check as you type covers the club's own fields (`cf[c{id}]`) by the
/// rules of a save: the field's definition, its kind and whether it is required; a
/// multiple choice's options answer under the field's name.
#[tokio::test]
async fn the_member_check_covers_the_clubs_own_fields() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        for args in [
            "label=Rugnummer&kind=number&visibility=member&required=on",
            "label=Ploegen&kind=multi&options=A%0AB&visibility=member",
        ] {
            let r = admin
                .call("create_field", &format!("club={CLUB_A}&{args}"))
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
        let number = count(
            &s,
            "SELECT id FROM custom_fields WHERE tenant_id = $1 AND label = 'Rugnummer'",
        )
        .await;
        let multi = count(
            &s,
            "SELECT id FROM custom_fields WHERE tenant_id = $1 AND label = 'Ploegen'",
        )
        .await;
        let check = |body: String| format!("club={CLUB_A}&kind=member&lang=nl&body={body}");
        let base = "given_name%3DLotte%26family_name%3DPeeters%26status%3Dactive";
        // Not a number, an option that is not one: each under its input's name.
        let r = admin
            .call(
                "check_form",
                &check(format!(
                    "{base}%26cf%255Bc{number}%255D%3Dtwaalf%26cf%255Bc{multi}~0%255D%3DZ"
                )),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(
            r.body.contains(&format!("\"name\":\"cf[c{number}]\"")),
            "{}",
            r.body
        );
        assert!(r.body.contains("geef een getal"), "{}", r.body);
        assert!(
            r.body.contains(&format!("\"name\":\"cf[c{multi}]\"")),
            "{}",
            r.body
        );
        // Required, and left empty: the save's message.
        let r = admin.call("check_form", &check(base.to_string())).await;
        assert!(r.body.contains("dit veld is verplicht"), "{}", r.body);
        assert!(
            r.body.contains(&format!("\"name\":\"cf[c{number}]\"")),
            "{}",
            r.body
        );
        // Filled in by the rules: nothing to say, and a save with the same values works.
        let good = format!("{base}%26cf%255Bc{number}%255D%3D12%26cf%255Bc{multi}~0%255D%3DB");
        let r = admin.call("check_form", &check(good)).await;
        assert_eq!((r.status, r.body.as_str()), (200, "[]"));
    }
}
