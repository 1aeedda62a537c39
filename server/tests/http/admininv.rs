//! Administrator invitations ("Trust", deliverable 6): an administrator is added only from
//! the club's own members or by an invitation the invited person accepts; nothing about
//! people of other clubs is revealed.

use super::*;
use tessera_core::roles;
use tessera_core::scope::TenantScope;

async fn club_scope(s: &Server, slug: &str) -> TenantScope {
    let t = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, slug)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&tessera_core::jobs::SystemTask::command_line(), t)
}

async fn admin_emails(s: &Server, slug: &str) -> Vec<String> {
    let scope = club_scope(s, slug).await;
    roles::admins(&s.db.db, &scope)
        .await
        .unwrap()
        .admins
        .into_iter()
        .map(|a| a.person.email)
        .collect()
}

/// A person of club B (not of club A) with an account, an address of this run only (the
/// mail folder is shared by the tests running at once), and a name of their own.
async fn new_outsider(s: &Server, tag: &str) -> (String, String) {
    let email = format!("{tag}.{}@example.be", tessera_core::ids::new_id());
    let name = format!("Secret Namesake {}", tessera_core::ids::new_id());
    let sys = tessera_core::scope::Actor::system("test");
    let now = s.shared.clock.now();
    let id = tessera_core::identities::create(&s.db.db, &sys, now, &email, &name, Some(PW.into()))
        .await
        .unwrap();
    let b = club_scope(s, CLUB_B).await;
    tessera_core::identities::add_membership(&s.db.db, &b, &sys, now, id, None)
        .await
        .unwrap();
    (email, name)
}

fn enc(email: &str) -> String {
    email.replace('@', "%40")
}

/// Invites `email` into club A as its administrator and returns the answer.
async fn invite(admin: &mut Client, email: &str, name: &str) -> Resp {
    admin
        .call(
            "invite_admin",
            &format!("club={CLUB_A}&email={}&name={name}", enc(email)),
        )
        .await
}

/// The token of the newest administrator invitation mailed to `email`.
async fn token_for(s: &Server, email: &str) -> String {
    let mail = mail_to(&s.mail_dir, email).await;
    let link = link_in(&mail);
    let prefix = format!("/c/{CLUB_A}/admin-invitation?token=");
    assert!(link.starts_with(&prefix), "{link}");
    link[prefix.len()..].to_string()
}

async fn accept(c: &mut Client, club: &str, token: &str) -> Resp {
    c.call(
        "accept_admin_invitation",
        &format!("club={club}&token={token}"),
    )
    .await
}

#[tokio::test]
async fn another_clubs_member_is_invited_like_an_unknown_address_and_accepts_themselves() {
    for s in servers().await {
        let (outsider, real_name) = new_outsider(&s, "other.club").await;
        let mut them = Client::new(&s);
        them.sign_in(&outsider).await;

        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let known = invite(&mut admin, &outsider, "Typed+Name").await;
        let unknown = invite(&mut admin, "nobody.here@example.be", "Typed+Other").await;
        assert_eq!(known.status, 200, "{}", known.body);
        assert_eq!(
            (known.status, known.body.clone()),
            (unknown.status, unknown.body.clone()),
            "an account elsewhere must not change the answer"
        );
        // The no-JavaScript form answers alike too (the same redirect).
        let known_form = admin
            .post_form(
                "/api/invite_admin",
                &format!(
                    "club={CLUB_A}&email={}&name=Typed+Admin",
                    enc(&new_outsider(&s, "form").await.0)
                ),
            )
            .await;
        let unknown_form = admin
            .post_form(
                "/api/invite_admin",
                &format!("club={CLUB_A}&email=nobody.else%40example.be&name=Typed+Else"),
            )
            .await;
        assert_eq!(known_form.status, unknown_form.status);
        assert_eq!(
            known_form.header("location"),
            unknown_form.header("location")
        );
        // The page shows what the inviter typed, never the name of the other club's person.
        let page = admin.get(&format!("/c/{CLUB_A}/settings/admins")).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains(&real_name), "{real_name} leaked");
        let listed = admin.call("admins", &format!("club={CLUB_A}")).await;
        assert!(!listed.body.contains(&real_name), "{}", listed.body);
        // No rights until accepted.
        assert!(!admin_emails(&s, CLUB_A).await.contains(&outsider));
        assert!(page.body.contains("data-testid=\"admin-invitations\""));
        assert!(page.body.contains("Typed Name") && page.body.contains(&outsider));
        let r = them.call("admins", &format!("club={CLUB_A}")).await;
        assert_eq!(r.status, 404, "{}", r.body);
        let token = token_for(&s, &outsider).await;
        // Opening the link changes nothing (mail scanners open links).
        let page = them
            .get(&format!("/c/{CLUB_A}/admin-invitation?token={token}"))
            .await;
        assert_eq!(page.status, 200);
        assert!(page
            .body
            .contains("data-testid=\"accept-admin-invitation\""));
        assert!(!admin_emails(&s, CLUB_A).await.contains(&outsider));

        // Someone else, signed in, cannot accept it.
        let mut other = Client::new(&s);
        other.sign_in(&account("admin.confluent")).await;
        let r = accept(&mut other, CLUB_A, &token).await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(
            said(&r.body).contains("sent to another e-mail address"),
            "{}",
            r.body
        );
        // Nobody signed in cannot either.
        let mut anon = Client::new(&s);
        let r = accept(&mut anon, CLUB_A, &token).await;
        assert_eq!(r.status, 401, "{}", r.body);
        // The token belongs to its club: presented at another club it is nothing.
        let r = accept(&mut them, CLUB_B, &token).await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(!admin_emails(&s, CLUB_A).await.contains(&outsider));

        // The invited person accepts: administrator of club A.
        let r = accept(&mut them, CLUB_A, &token).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(admin_emails(&s, CLUB_A).await.contains(&outsider));
        // Now staff: their session reaches nothing until they enrol a second factor.
        let r = them.call("admins", &format!("club={CLUB_A}")).await;
        assert_eq!(r.status, 401, "{}", r.body);
        let mut them = Client::new(&s);
        them.sign_in(&outsider).await; // enrols the second factor
        let r = them.call("admins", &format!("club={CLUB_A}")).await;
        assert_eq!(r.status, 200, "{}", r.body);
        // Single use.
        let r = accept(&mut them, CLUB_A, &token).await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(said(&r.body).contains("already used"), "{}", r.body);
        // Accepted invitations are no longer pending.
        let scope = club_scope(&s, CLUB_A).await;
        let pending = roles::pending_admin_invitations(&s.db.db, &scope, s.shared.clock.now())
            .await
            .unwrap();
        assert!(pending.iter().all(|p| p.email != outsider));
    }
}

#[tokio::test]
async fn a_withdrawn_or_expired_invitation_is_refused() {
    for s in servers().await {
        let (outsider, _) = new_outsider(&s, "withdrawn").await;
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let mut them = Client::new(&s);
        them.sign_in(&outsider).await;
        let scope = club_scope(&s, CLUB_A).await;

        // Withdrawn.
        assert_eq!(invite(&mut admin, &outsider, "Out+Sider").await.status, 200);
        let token = token_for(&s, &outsider).await;
        let id = roles::pending_admin_invitations(&s.db.db, &scope, s.shared.clock.now())
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.email == outsider)
            .unwrap()
            .id;
        // A member without roles.manage cannot withdraw it.
        let mut member = Client::new(&s);
        member.sign_in(&account("member.kempenvlug")).await;
        let r = member
            .call(
                "withdraw_admin_invitation",
                &format!("club={CLUB_A}&invitation={id}"),
            )
            .await;
        assert_eq!(r.status, 403, "{}", r.body);
        let r = admin
            .call(
                "withdraw_admin_invitation",
                &format!("club={CLUB_A}&invitation={id}"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = admin
            .call(
                "withdraw_admin_invitation",
                &format!("club={CLUB_A}&invitation={id}"),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        let r = accept(&mut them, CLUB_A, &token).await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(said(&r.body).contains("withdrawn"), "{}", r.body);
        assert!(!admin_emails(&s, CLUB_A).await.contains(&outsider));

        // Expired after seven days (another person, so the mail is theirs alone).
        let (late, _) = new_outsider(&s, "late").await;
        assert_eq!(invite(&mut admin, &late, "Late+Comer").await.status, 200);
        let token = token_for(&s, &late).await;
        s.shared.clock.advance_secs(roles::ADMIN_INVITE_SECS + 1);
        // Signing in again after the week (the old sessions have expired meanwhile).
        let mut them = Client::new(&s);
        them.sign_in(&late).await;
        let r = accept(&mut them, CLUB_A, &token).await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(said(&r.body).contains("expired"), "{}", r.body);
        assert!(!admin_emails(&s, CLUB_A).await.contains(&late));
        assert!(
            roles::pending_admin_invitations(&s.db.db, &scope, s.shared.clock.now())
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_member_is_made_admin_at_once_and_the_cap_applies_at_acceptance() {
    for s in servers().await {
        let op = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Operator, "platform")
            .await
            .unwrap()
            .unwrap();
        let op = TenantScope::for_system_task(&tessera_core::jobs::SystemTask::command_line(), op);
        tessera_core::tenants::assign_plan(
            &s.db.db,
            &op,
            &tessera_core::scope::Actor::system("t"),
            s.shared.clock.now(),
            CLUB_A,
            "basic",
        )
        .await
        .unwrap();
        let (outsider, _) = new_outsider(&s, "capped").await;
        let insider = account("member.kempenvlug");
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        // An outsider is invited while there is room (1 of 2).
        assert_eq!(invite(&mut admin, &outsider, "Out+Sider").await.status, 200);
        let token = token_for(&s, &outsider).await;
        // A member of the club is made administrator at once, without a link.
        let r = invite(&mut admin, &insider, "In+Sider").await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(admin_emails(&s, CLUB_A).await.contains(&insider));
        // The club is full now: the outsider's acceptance is refused by the cap.
        let mut them = Client::new(&s);
        them.sign_in(&outsider).await;
        let r = accept(&mut them, CLUB_A, &token).await;
        assert_eq!(r.status, 409, "{}", r.body);
        assert!(
            said(&r.body).contains("at most 2 administrators"),
            "{}",
            r.body
        );
        assert!(!admin_emails(&s, CLUB_A).await.contains(&outsider));
        // The refusal did not use the link: once there is room, it works.
        let club = club_scope(&s, CLUB_A).await;
        let insider_membership = roles::admins(&s.db.db, &club)
            .await
            .unwrap()
            .admins
            .into_iter()
            .find(|a| a.person.email == insider)
            .unwrap()
            .person
            .membership;
        let r = admin
            .call(
                "remove_admin",
                &format!("club={CLUB_A}&membership={insider_membership}"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = accept(&mut them, CLUB_A, &token).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(admin_emails(&s, CLUB_A).await.contains(&outsider));
    }
}

/// The first link starting with `prefix` in a mail to `to` (a person may get two mails).
async fn link_to(s: &Server, to: &str, prefix: &str) -> String {
    for _ in 0..100 {
        if let Ok(entries) = std::fs::read_dir(&s.mail_dir) {
            for e in entries.flatten() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                if !text.contains(to) {
                    continue;
                }
                let text = decode_quoted_printable(&text);
                for part in text.split("http://").skip(1) {
                    let url: String = part.chars().take_while(|c| !c.is_whitespace()).collect();
                    if let Some(i) = url.find('/') {
                        if url[i..].starts_with(prefix) {
                            return url[i..].to_string();
                        }
                    }
                }
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no link {prefix} to {to}");
}

#[tokio::test]
async fn someone_without_an_account_sets_a_password_then_accepts() {
    for s in servers().await {
        let email = format!("fresh.{}@example.be", tessera_core::ids::new_id());
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        assert_eq!(invite(&mut admin, &email, "Fresh+Person").await.status, 200);
        let account_link = link_to(&s, &email, "/invite?token=").await;
        let admin_link = link_to(&s, &email, &format!("/c/{CLUB_A}/admin-invitation?token=")).await;
        // The account exists but gives nothing in club A yet.
        assert!(!admin_emails(&s, CLUB_A).await.contains(&email));
        let account_token = account_link.split("token=").nth(1).unwrap();
        let mut c = Client::new(&s);
        let r = c
            .post_form(
                "/invite",
                &format!("token={account_token}&password=fresh+whistle+harbour+night"),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert!(!admin_emails(&s, CLUB_A).await.contains(&email));
        let token = admin_link.split("token=").nth(1).unwrap();
        let r = accept(&mut c, CLUB_A, token).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(admin_emails(&s, CLUB_A).await.contains(&email));
    }
}
