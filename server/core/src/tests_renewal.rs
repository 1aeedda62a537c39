//! Health-insurer certificates and season renewal (issue 20), on SQLite and PostgreSQL.

use crate::db::Db;
use crate::jobs::SystemTask;
use crate::members::NewMember;
use crate::renewal::{self, stand_in};
use crate::scope::{self, Actor, AuthLevel, TenantScope};
use crate::tests::{world, T0};
use crate::{accounts::identities, args, ids, testing};
use tessera_common::dto::{MemberStatus, TenantKind};
use tessera_common::{AppError, Lang, MemberId, Msg};

pub(crate) async fn fees_on(db: &Db, club: &crate::tenancy::TenantRecord) -> TenantScope {
    let sys = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    crate::module_settings::switch(db, &sys, &Actor::system("test"), T0, "fees", true)
        .await
        .unwrap();
    sys
}

pub(crate) async fn person(
    db: &Db,
    scope: &TenantScope,
    given: &str,
    family: &str,
    born: &str,
) -> MemberId {
    crate::members::create(
        db,
        scope,
        &Actor::system("test"),
        T0,
        NewMember {
            given_name: given.into(),
            family_name: family.into(),
            birth_date: Some(born.into()),
            email: Some(format!("{}@example.be", given.to_lowercase())),
            street: Some("Kerkstraat 1".into()),
            postcode: Some("2200".into()),
            city: Some("Herentals".into()),
            status: Some(MemberStatus::Active),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

/// A signed-in person whose account is linked to `member`'s record in `scope`'s club.
pub(crate) async fn account_of(
    db: &Db,
    scope: &TenantScope,
    member: MemberId,
    name: &str,
) -> Actor {
    let sys = Actor::system("test");
    let email = format!("{}-{}@example.be", name.to_lowercase(), ids::new_id());
    let id = identities::create(
        db,
        &sys,
        T0,
        &email,
        name,
        Some("a long enough test password".into()),
    )
    .await
    .unwrap();
    identities::add_membership(db, scope, &sys, T0, id, Some(member))
        .await
        .unwrap();
    Actor {
        identity: Some(id),
        name: name.into(),
        level: AuthLevel::Password,
        pending: None,
        stamp_label: None,
    }
}

fn msg_of(e: &AppError) -> Msg {
    match e {
        AppError::Invalid(v) => v[0].problem.msg,
        AppError::BadRequest(p) | AppError::Conflict(p) => p.msg,
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn a_guardian_downloads_the_certificate_of_a_paid_season_only_and_each_is_logged() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa = fees_on(db, &w.club_a).await;
        let sb = fees_on(db, &w.club_b).await;
        let sys = Actor::system("test");
        let today = sa.today(T0);
        let parent = person(db, &sa, "Sofie", "Peeters", "1984-02-02").await;
        let child = person(
            db,
            &sa,
            "Kobe",
            "Peeters",
            &today.plus_years(-9).to_string(),
        )
        .await;
        let other = person(db, &sa, "Jan", "Maes", "1980-01-01").await;
        let mut tx = db.tenant_write(&sa, &sys, T0).await.unwrap();
        tx.insert(
            "member_guardians",
            vec![("guardian_id", parent.into()), ("child_id", child.into())],
        )
        .await
        .unwrap();
        let season = stand_in::season(&mut tx, "2025-2026", "2025-07-01", "2026-06-30", false, T0)
            .await
            .unwrap();
        let current = stand_in::season(&mut tx, "2026-2027", "2026-07-01", "2027-06-30", true, T0)
            .await
            .unwrap();
        // The child's past season paid, the parent's open; Jan paid too (someone else).
        stand_in::invoice(
            &mut tx,
            season,
            child,
            parent,
            "Sofie Peeters",
            12_500,
            "paid",
            "2025-08-01",
            Some("2025-08-14"),
            T0,
        )
        .await
        .unwrap();
        stand_in::invoice(
            &mut tx,
            season,
            parent,
            parent,
            "Sofie Peeters",
            15_000,
            "open",
            "2025-08-01",
            None,
            T0,
        )
        .await
        .unwrap();
        stand_in::invoice(
            &mut tx,
            current,
            other,
            other,
            "Jan Maes",
            15_000,
            "paid",
            "2026-08-01",
            Some("2026-08-02"),
            T0,
        )
        .await
        .unwrap();
        // The club keeps a national register number in a field of its own.
        let field = ids::new_id();
        tx.insert(
            "custom_fields",
            vec![
                ("id", field.into()),
                ("label", "Rijksregisternummer".into()),
                ("label_key", "rijksregisternummer".into()),
                ("kind", "national_number".into()),
                ("visibility", "sensitive".into()),
                ("position", 1i64.into()),
            ],
        )
        .await
        .unwrap();
        tx.insert(
            "member_field_values",
            vec![
                ("member_id", child.into()),
                ("field_id", field.into()),
                ("value", "17.02.02-123.45".into()),
            ],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        // The officer, with hostile text that stays text, and a signature image.
        let admin = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        renewal::save_officer(
            db,
            &admin,
            &w.admin_a,
            T0,
            "Ann <script>alert(1)</script>",
            "Secretary",
            0,
        )
        .await
        .unwrap();
        // A stale version is refused.
        let e = renewal::save_officer(db, &admin, &w.admin_a, T0, "X", "Y", 1)
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::CertErrChangedMeanwhile);
        let e = renewal::set_signature(db, &admin, &w.admin_a, T0, b"<svg/>".to_vec())
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::CertErrSignatureType);
        renewal::set_signature(
            db,
            &admin,
            &w.admin_a,
            T0,
            renewal::signature::sample_png(120, 40),
        )
        .await
        .unwrap();
        let st = renewal::settings(db, &admin).await.unwrap();
        assert_eq!(st.officer_name, "Ann <script>alert(1)</script>");
        assert_eq!(st.signature_type.as_deref(), Some("image/png"));
        assert_eq!(
            st.national_number_field.as_deref(),
            Some("Rijksregisternummer")
        );

        let sofie = account_of(db, &sa, parent, "Sofie").await;
        let me = scope::resolve_own_data(db, &sofie, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        // Their own page lists the child's paid season only.
        let paid = renewal::paid_seasons(db, &me, T0).await.unwrap();
        assert_eq!(paid.len(), 1);
        assert_eq!(
            (paid[0].member, paid[0].child, paid[0].season_id),
            (child, Some(child), season)
        );
        assert_eq!(paid[0].amount_cents, 12_500);
        // Their own season is not paid: refused, saying so; nothing logged.
        let e = renewal::certificate_pdf(db, &me, &sofie, T0, Lang::Nl, None, season)
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::CertErrNotPaid);
        assert!(e.text(Lang::En).contains("2025-2026"));
        // Someone else's record, a season of another club: not found.
        for (child_arg, s) in [
            (Some(other), current),
            (Some(w.b_member), season),
            (None, {
                let mut tx = db.tenant_write(&sb, &sys, T0).await.unwrap();
                let b = stand_in::season(&mut tx, "B", "2025-07-01", "2026-06-30", false, T0)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                b
            }),
        ] {
            assert_eq!(
                renewal::certificate_pdf(db, &me, &sofie, T0, Lang::Nl, child_arg, s)
                    .await
                    .unwrap_err(),
                AppError::NotFound,
                "{child_arg:?} {s}"
            );
        }
        // The child's certificate: the member, the amount, the number, the signer.
        let (name, pdf) =
            renewal::certificate_pdf(db, &me, &sofie, T0, Lang::Nl, Some(child), season)
                .await
                .unwrap();
        assert!(
            name.ends_with(".pdf") && name.starts_with("club-a-certificate-"),
            "{name}"
        );
        assert!(pdf.starts_with(b"%PDF-"));
        let text = renewal::pdf_text(&pdf);
        assert!(text.contains("Kobe Peeters"), "{text}");
        assert!(text.contains("125,00"), "{text}");
        assert!(text.contains("17.02.02-123.45"), "{text}");
        assert!(text.contains("14 augustus 2025"), "{text}");
        assert!(text.contains("Ann <script>alert(1)</script>"), "{text}");
        assert!(
            text.contains("Attest van betaling van het lidgeld"),
            "{text}"
        );
        assert!(!text.contains("Jan Maes"));
        assert!(
            pdf.windows(6).any(|w| w == b"/Image"),
            "the signature is drawn"
        );
        // Logged as an export of that one member.
        let mut tx = db.tenant_read(&sa).await.unwrap();
        let logged: Vec<(String, i64)> = tx
            .fetch_all(
                "SELECT r.kind, m.member_id FROM export_register r JOIN export_register_members m \
                 ON m.tenant_id = r.tenant_id AND m.export_id = r.id \
                 WHERE r.tenant_id = $1 AND r.kind = 'certificate'",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(logged, vec![("certificate".to_string(), child.0)]);
        // A member of the club without a record of their own has no certificate.
        let mo = scope::resolve_own_data(db, &w.member_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert_eq!(
            renewal::paid_seasons(db, &mo, T0).await.unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            renewal::certificate_pdf(db, &mo, &w.member_a, T0, Lang::En, None, season)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        // The settings need fees.manage.
        assert_eq!(
            renewal::settings(db, &me).await.unwrap_err(),
            AppError::Forbidden
        );
    }
}

/// The renewal links in the mails of `dir` (quoted-printable soft breaks undone), by
/// addressee.
fn links_in(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let text = text.replace("=\r\n", "").replace("=\n", "");
        let to = text
            .lines()
            .find(|l| l.starts_with("To: "))
            .unwrap()
            .trim_start_matches("To: ")
            .to_string();
        let at = text.find("/renew/").expect("a renewal link");
        let token: String = text[at + 7..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        out.push((to, token));
    }
    out
}

#[tokio::test]
async fn renewal_opens_once_mails_links_records_answers_and_ends_those_who_did_not_renew() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa = fees_on(db, &w.club_a).await;
        fees_on(db, &w.club_b).await;
        let sys = Actor::system("test");
        let today = sa.today(T0);
        let lotte = person(db, &sa, "Lotte", "Renew", "1990-01-01").await;
        let emma = person(db, &sa, "Emma", "Renew", "1991-01-01").await;
        let sofie = person(db, &sa, "Sofie", "Renew", "1984-01-01").await;
        let kobe = person(db, &sa, "Kobe", "Renew", &today.plus_years(-9).to_string()).await;
        let nomail = person(db, &sa, "Nomail", "Renew", "1980-01-01").await;
        let mut tx = db.tenant_write(&sa, &sys, T0).await.unwrap();
        tx.execute(
            "UPDATE members SET membership_type = 'Renewal test' WHERE tenant_id = $1 \
             AND family_name = 'Renew' AND given_name <> 'Sofie'",
            args![],
        )
        .await
        .unwrap();
        tx.execute(
            "UPDATE members SET email = NULL WHERE tenant_id = $1 AND id = $2",
            args![nomail],
        )
        .await
        .unwrap();
        // Kobe's own address is not used: a minor's link goes to the guardian.
        tx.insert(
            "member_guardians",
            vec![("guardian_id", sofie.into()), ("child_id", kobe.into())],
        )
        .await
        .unwrap();
        let season = stand_in::season(&mut tx, "2027-2028", "2027-07-01", "2028-06-30", false, T0)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let purpose = crate::consents::save_purpose(
            db,
            &sa,
            &sys,
            T0,
            None,
            &crate::consents::PurposeInput {
                title: tessera_common::consent::Localized {
                    en: "Photos".into(),
                    nl: "Foto's".into(),
                    fr: "Photos".into(),
                },
                body: tessera_common::consent::Localized {
                    en: "Photos on the website".into(),
                    nl: "Foto's op de website".into(),
                    fr: "Photos sur le site".into(),
                },
            },
            None,
        )
        .await
        .unwrap();
        let dir = std::env::temp_dir().join(format!("tessera-renew-{}", ids::new_id()));
        let mailer = crate::mail::Mailer::outbox(dir.clone(), "Tessera <t@tessera.test>").unwrap();
        let admin = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let input = renewal::OpenRenewal {
            season,
            ends_on: "2027-08-31".into(),
            membership_type: "Renewal test".into(),
        };
        // An end day outside the season is refused.
        let e = renewal::open(
            db,
            &mailer,
            "https://t.test",
            &admin,
            &w.admin_a,
            T0,
            &renewal::OpenRenewal {
                ends_on: "2026-01-01".into(),
                ..input.clone()
            },
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrRenewalEndsOn);
        // A plain member may not open it.
        let mo = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert_eq!(
            renewal::open(db, &mailer, "https://t.test", &mo, &w.member_a, T0, &input)
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
        let n = renewal::open(
            db,
            &mailer,
            "https://t.test",
            &admin,
            &w.admin_a,
            T0,
            &input,
        )
        .await
        .unwrap();
        assert_eq!(
            n, 3,
            "Lotte, Emma and Kobe (through Sofie); not the one without address"
        );
        let links = links_in(&dir);
        assert_eq!(links.len(), 3);
        let link_of = |who: &str| {
            links
                .iter()
                .find(|(to, _)| to.contains(who))
                .unwrap_or_else(|| panic!("{who}: {links:?}"))
                .1
                .clone()
        };
        assert!(!links.iter().any(|(to, _)| to.contains("kobe")));
        // Opened twice: refused, nothing changed, no new mail.
        let e = renewal::open(
            db,
            &mailer,
            "https://t.test",
            &admin,
            &w.admin_a,
            T0,
            &input,
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrRenewalTwice);
        assert!(e.text(Lang::En).contains("2027-2028"));
        assert_eq!(links_in(&dir).len(), 3);
        let o = renewal::overview(db, &admin).await.unwrap();
        assert_eq!(o.renewals.len(), 1);
        assert_eq!((o.renewals[0].pending, o.renewals[0].renewed), (3, 0));

        // The guardian confirms for Kobe, agreeing to photos.
        let public = scope::resolve_public(db, "club-a", T0).await.unwrap();
        let kobe_token = link_of("sofie");
        let inv = renewal::invitation(db, &public, T0, &kobe_token)
            .await
            .unwrap();
        assert_eq!(inv.member_name, "Kobe Renew");
        assert_eq!(inv.season_name, "2027-2028");
        assert_eq!(inv.purposes.len(), 1);
        assert!(!inv.purposes[0].agreed);
        let (s_name, m_name) = renewal::answer(db, &public, T0, &kobe_token, true, &[purpose])
            .await
            .unwrap();
        assert_eq!(
            (s_name.as_str(), m_name.as_str()),
            ("2027-2028", "Kobe Renew")
        );
        assert!(crate::consents::given(db, &sa, purpose, kobe)
            .await
            .unwrap());
        // Answered once.
        let e = renewal::answer(db, &public, T0, &kobe_token, false, &[])
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrRenewalAnswered);
        // Emma leaves.
        renewal::answer(db, &public, T0, &link_of("emma"), false, &[])
            .await
            .unwrap();
        // A made-up token, a cut one, one of club A used at club B: the one refusal.
        let public_b = scope::resolve_public(db, "club-b", T0).await.unwrap();
        let lotte_token = link_of("lotte");
        for (scope, token) in [
            (&public, "x".repeat(43)),
            (&public, lotte_token[..20].to_string()),
            (&public, "<script>".to_string()),
            (&public_b, lotte_token.clone()),
        ] {
            let e = renewal::invitation(db, scope, T0, &token)
                .await
                .unwrap_err();
            assert_eq!(msg_of(&e), Msg::ErrRenewalLink, "{token}");
        }
        let o = renewal::overview(db, &admin).await.unwrap();
        let r = &o.renewals[0];
        assert_eq!((r.renewed, r.pending, r.declined), (1, 1, 1));

        // Before the end day nothing ends; from it, those who did not renew end that day.
        assert_eq!(renewal::end_due(db, &sa, T0).await.unwrap(), 0);
        let later =
            tessera_common::time::Timestamp::parse_local("2027-09-01T08:00", "Europe/Brussels")
                .unwrap();
        // A link past its end is refused.
        assert_eq!(
            msg_of(
                &renewal::invitation(db, &public, later, &lotte_token)
                    .await
                    .unwrap_err()
            ),
            Msg::ErrRenewalLink
        );
        assert_eq!(renewal::end_due(db, &sa, later).await.unwrap(), 2);
        assert_eq!(renewal::end_due(db, &sa, later).await.unwrap(), 0, "once");
        let mut tx = db.tenant_read(&sa).await.unwrap();
        let states: Vec<(i64, String, Option<String>)> = tx
            .fetch_all(
                "SELECT id, status, ended_on FROM members WHERE tenant_id = $1 AND family_name = 'Renew' \
                 ORDER BY id",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let state = |m: MemberId| states.iter().find(|s| s.0 == m.0).unwrap().clone();
        assert_eq!(state(lotte).1, "ended");
        assert_eq!(state(lotte).2.as_deref(), Some("2027-08-31"));
        assert_eq!(state(emma).1, "ended");
        assert_eq!(state(kobe).1, "active");
        assert_eq!(state(nomail).1, "active", "never asked, never ended");
        let o = renewal::overview(db, &admin).await.unwrap();
        assert_eq!(o.renewals[0].entries.iter().filter(|e| e.ended).count(), 2);
    }
}

/// A credit note of `cents` for `member` correcting `invoice` (as `invoices::credit` leaves
/// one, but for a part of it: the tables are the contract).
async fn credit_note(
    tx: &mut crate::db::TenantTx,
    season: i64,
    invoice: i64,
    member: MemberId,
    cents: i64,
) {
    let id = ids::new_id();
    let (next,): (i64,) = tx
        .fetch_one(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM invoices WHERE tenant_id = $1 \
             AND kind = 'credit_note' AND year = 2025",
            args![],
        )
        .await
        .unwrap();
    tx.insert(
        "invoices",
        vec![
            ("id", id.into()),
            ("kind", "credit_note".into()),
            ("year", 2025i64.into()),
            ("number", next.into()),
            ("season_id", season.into()),
            ("member_id", member.into()),
            ("payer_member_id", member.into()),
            ("payer_name", "Lotte Claes".into()),
            ("credited_invoice_id", invoice.into()),
            (
                "communication",
                tessera_common::money::ogm_digits(id.unsigned_abs()).into(),
            ),
            ("total_cents", cents.into()),
            ("status", "open".into()),
            ("issued_on", "2025-09-01".into()),
            ("due_on", "2025-09-01".into()),
            ("created_at", T0.into()),
        ],
    )
    .await
    .unwrap();
    tx.insert(
        "invoice_lines",
        vec![
            ("id", ids::new_id().into()),
            ("invoice_id", id.into()),
            ("position", 1i64.into()),
            ("description", "Correction".into()),
            ("member_id", member.into()),
            ("fee_key", "credit".into()),
            ("amount_cents", cents.into()),
            ("created_at", T0.into()),
        ],
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_certificate_states_the_net_paid_after_credit_notes() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa = fees_on(db, &w.club_a).await;
        let sys = Actor::system("test");
        let lotte = person(db, &sa, "Lotte", "Claes", "1990-03-03").await;
        let other = person(db, &sa, "Jef", "Wouters", "1990-04-04").await;
        let mut tx = db.tenant_write(&sa, &sys, T0).await.unwrap();
        let past = stand_in::season(&mut tx, "2024-2025", "2024-07-01", "2025-06-30", false, T0)
            .await
            .unwrap();
        let season = stand_in::season(&mut tx, "2025-2026", "2025-07-01", "2026-06-30", false, T0)
            .await
            .unwrap();
        // 150.00 paid this season, then 40.00 of it corrected by a credit note; another
        // member's credit note of the same season changes nothing for her.
        let paid = stand_in::invoice(
            &mut tx,
            season,
            lotte,
            lotte,
            "Lotte Claes",
            15_000,
            "paid",
            "2025-08-01",
            Some("2025-08-10"),
            T0,
        )
        .await
        .unwrap();
        credit_note(&mut tx, season, paid, lotte, 4_000).await;
        let jef = stand_in::invoice(
            &mut tx,
            season,
            other,
            other,
            "Jef Wouters",
            9_000,
            "paid",
            "2025-08-01",
            Some("2025-08-11"),
            T0,
        )
        .await
        .unwrap();
        credit_note(&mut tx, season, jef, other, 1_000).await;
        // The past season: 100.00 paid, then credited in full by the treasurer (below).
        let past_inv = stand_in::invoice(
            &mut tx,
            past,
            lotte,
            lotte,
            "Lotte Claes",
            10_000,
            "paid",
            "2024-08-01",
            Some("2024-08-10"),
            T0,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let admin = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        crate::invoices::credit(db, &admin, &w.admin_a, T0, past_inv)
            .await
            .unwrap();
        renewal::save_officer(db, &admin, &w.admin_a, T0, "Ann", "Secretary", 0)
            .await
            .unwrap();

        let acct = account_of(db, &sa, lotte, "Lotte").await;
        let me = scope::resolve_own_data(db, &acct, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let seasons = renewal::paid_seasons(db, &me, T0).await.unwrap();
        assert_eq!(
            seasons
                .iter()
                .map(|p| (p.season_id, p.amount_cents, p.paid_on.clone()))
                .collect::<Vec<_>>(),
            vec![(season, 11_000, Some("2025-08-10".to_string()))],
            "{seasons:?}"
        );
        let (_, pdf) = renewal::certificate_pdf(db, &me, &acct, T0, Lang::En, None, season)
            .await
            .unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        // The season credited in full is not paid: refused, saying so.
        let e = renewal::certificate_pdf(db, &me, &acct, T0, Lang::En, None, past)
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::CertErrNotPaid);
        // Jef's net: 80.00.
        let acct = account_of(db, &sa, other, "Jef").await;
        let me = scope::resolve_own_data(db, &acct, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let seasons = renewal::paid_seasons(db, &me, T0).await.unwrap();
        assert_eq!(seasons.len(), 1);
        assert_eq!(seasons[0].amount_cents, 8_000);
    }
}

/// The demo (issue 20): last season the demo family's own invoice (the payer's, with a line
/// per person) is the paid one their certificates count; nobody is billed twice for a
/// season, and a renewal into the next season is open.
#[tokio::test]
async fn the_demo_pays_last_seasons_family_invoice_and_bills_no_one_twice() {
    for t in testing::all().await {
        let db = &t.db;
        let s = crate::tests::demo_first_club(db).await;
        let mut tx = db.tenant_read(&s).await.unwrap();
        let seasons: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT id FROM seasons WHERE tenant_id = $1 ORDER BY starts_on",
                args![],
            )
            .await
            .unwrap();
        assert!(seasons.len() >= 3, "{seasons:?}");
        for (season,) in &seasons {
            let twice: Vec<(i64, i64)> = tx
                .fetch_all(
                    "SELECT x.m, count(*) FROM (SELECT DISTINCT COALESCE(l.member_id, i.member_id) AS m, \
                     i.id FROM invoices i LEFT JOIN invoice_lines l ON l.tenant_id = i.tenant_id \
                     AND l.invoice_id = i.id WHERE i.tenant_id = $1 AND i.season_id = $2 \
                     AND i.kind = 'invoice' AND i.status <> 'cancelled') x \
                     GROUP BY x.m HAVING count(*) > 1",
                    args![*season],
                )
                .await
                .unwrap();
            assert!(
                twice.is_empty(),
                "billed twice in season {season}: {twice:?}"
            );
        }
        // Last season's family invoice (a payer, several people's lines) is paid, with its
        // payment.
        let family: Vec<(i64, String, i64)> = tx
            .fetch_all(
                "SELECT i.id, i.status, (SELECT count(*) FROM payments p WHERE p.tenant_id = $1 \
                 AND p.invoice_id = i.id) FROM invoices i WHERE i.tenant_id = $1 \
                 AND i.season_id = $2 AND i.kind = 'invoice' AND i.status = 'paid' \
                 AND (SELECT count(DISTINCT l.member_id) FROM invoice_lines l \
                 WHERE l.tenant_id = $1 AND l.invoice_id = i.id) > 1",
                args![seasons[0].0],
            )
            .await
            .unwrap();
        assert!(!family.is_empty(), "a paid family invoice last season");
        assert!(family.iter().all(|f| f.2 >= 1), "{family:?}");
        let (open,): (i64,) = tx
            .fetch_one(
                "SELECT count(*) FROM renewals WHERE tenant_id = $1",
                args![],
            )
            .await
            .unwrap();
        assert_eq!(open, 1);
        tx.commit().await.unwrap();
    }
}
