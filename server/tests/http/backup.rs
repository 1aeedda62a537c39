//! The stamp census (issue 17, tamper evidence): every server function that writes leaves
//! the last-change stamp (`updated_at`, `updated_by`, `updated_by_name`) of what it wrote
//! at the clock's time and naming its caller; every one that only reads stamps nothing. The
//! lists below name every registered server function once: a new one missing from them
//! fails `every_server_function_is_in_the_stamp_census`.

use super::*;

/// Server functions that write, each with the tables whose rows must carry the stamp of the
/// call (the caller, the clock's time) afterwards. Every row any call stamps at that instant
/// must name its caller, whatever the table.
const WRITES: &[(&str, &[&str])] = &[
    // renewal
    ("save_certificate_officer", &["certificate_settings"]),
    ("open_renewal", &["renewals", "renewal_members"]),
    // licences
    ("add_fed_season", &["fed_seasons"]),
    ("add_licence_category", &["licence_categories"]),
    ("decide_licences", &["licences"]),
    // dash18: the federation's counts of its clubs
    ("fed_dashboard_refresh", &["fed_club_stats"]),
    ("request_licences", &["fed_people", "licences"]),
    // xfer18: transfers
    ("set_transfer_window", &["transfer_windows"]),
    ("ask_transfer", &["transfers", "transfer_steps"]),
    ("answer_transfer", &["transfers", "transfer_steps"]),
    ("consent_transfer", &["transfers", "transfer_steps"]),
    ("ask_my_transfer", &["transfers", "transfer_steps"]),
    (
        "decide_transfer",
        &["transfers", "transfer_steps", "fed_people", "members"],
    ),
    // mailings
    ("create_mailing", &["mailings"]),
    ("send_mailing", &["mailings", "mailing_recipients"]),
    ("create_member", &["members"]),
    ("update_member", &["members", "member_field_values"]),
    ("invite_member", &["memberships", "identities"]),
    ("update_child_record", &["members"]),
    ("update_my_record", &["members"]),
    ("switch_module", &["tenant_modules"]),
    ("update_look", &["tenants"]),
    // The logo's row goes; the club's record carries the change.
    ("remove_logo", &["tenants"]),
    ("create_role", &["roles"]),
    ("update_role", &["roles"]),
    ("assign_roles", &["memberships", "membership_roles"]),
    ("add_role_holder", &["memberships", "membership_roles"]),
    ("remove_role_holder", &["memberships"]),
    ("invite_admin", &["admin_invitations", "identities"]),
    ("withdraw_admin_invitation", &["admin_invitations"]),
    ("remove_admin", &["memberships"]),
    ("map_import", &["member_imports"]),
    ("start_import", &["member_imports"]),
    ("save_form", &["reg_forms"]),
    ("approve_application", &["reg_submissions"]),
    ("reject_application", &["reg_submissions"]),
    ("create_field", &["custom_fields"]),
    ("update_field", &["custom_fields"]),
    // Every field whose place changes (it stamped nothing before the census).
    ("move_field", &["custom_fields"]),
    ("publish_terms", &["terms"]),
    ("accept_terms", &["terms_acceptances"]),
    ("create_tenant", &["tenants", "roles"]),
    ("set_tenant_status", &["tenants"]),
    ("assign_plan", &["tenants"]),
    (
        "invite_tenant_admin",
        &["identities", "memberships", "membership_roles"],
    ),
    // rights (issue 17)
    ("ask_privacy", &["privacy_requests"]),
    ("privacy_request_action", &["privacy_requests"]),
    ("lift_restriction", &["members"]),
    // breach register and sub-processors (issue 17)
    ("record_breach", &["breaches"]),
    ("breach_follow_up", &["breaches"]),
    ("acknowledge_breach", &["breaches"]),
    ("object_subprocessor_change", &["subprocessor_objections"]),
    ("record_incident", &["platform_incidents"]),
    // The club's register gets the incident as a breach of its own.
    ("notify_incident_club", &["breaches"]),
    (
        "save_subprocessor",
        &["subprocessors", "subprocessor_changes"],
    ),
    // The sub-processor's row stays, marked removed; the change is announced.
    (
        "remove_subprocessor",
        &["subprocessors", "subprocessor_changes"],
    ),
    // consent (issue 17)
    ("save_purpose", &["consent_purposes", "consent_texts"]),
    ("answer_consent", &["consent_events", "member_consents"]),
    (
        "record_paper_consent",
        &["consent_events", "member_consents"],
    ),
    ("archive_purpose", &["consent_purposes"]),
    // retention (issue 17)
    ("save_retention", &["retention_policies"]),
    ("end_contract", &["tenants"]),
    // documents
    ("add_document_kind", &["document_kinds"]),
    // the kept record carries the merge; a link carries its maker.
    ("merge_members", &["members"]),
    ("link_guardian", &["member_guardians"]),
    // activities
    ("plan_activity", &["activities"]),
    ("mark_attendance", &["attendance"]),
    ("report_absence", &["activity_absences"]),
    ("change_occurrence", &["activity_exceptions"]),
    ("renew_feed", &["calendar_feeds"]),
    ("revoke_feed", &["calendar_feeds"]),
    // invoices
    ("save_season", &["seasons"]),
    ("save_fee_settings", &["fee_settings"]),
    ("add_season_fee", &["season_fees"]),
    ("generate_invoices", &["invoices", "invoice_lines"]),
    // pay20: the season's invoices for the register's filter
    ("generate_invoices_filtered", &["invoices", "invoice_lines"]),
    ("add_invoice_fee", &["invoices", "invoice_lines"]),
    ("send_invoice", &["invoices"]),
    ("credit_invoice", &["invoices"]),
    // reminders
    ("save_reminder_settings", &["reminder_steps"]),
    ("send_reminder_now", &["invoice_reminders"]),
    // groups
    ("save_group_kind", &["group_kinds"]),
    ("save_group", &["club_groups"]),
    ("create_age_bands", &["club_groups"]),
    ("apply_age_bands", &["group_members"]),
    ("save_group_period", &["group_members"]),
    ("bulk_group", &["group_members"]),
    ("save_role_scope", &["roles"]),
    // reconcile
    ("confirm_bank_line", &["bank_lines", "payments", "invoices"]),
    ("assign_bank_line", &["bank_lines", "payments", "invoices"]),
    ("set_aside_bank_line", &["bank_lines"]),
    // the payment goes; the line and the invoice carry the change.
    ("release_bank_line", &["bank_lines", "invoices"]),
    ("record_payment", &["payments", "invoices"]),
    // affiliations
    ("ask_federation", &["affiliations"]),
    ("answer_invitation", &["affiliations"]),
    ("accept_sharing_terms", &["affiliations"]),
    ("leave_federation", &["affiliations"]),
    ("invite_club", &["affiliations"]),
    ("answer_club_request", &["affiliations"]),
    ("add_fed_field", &["fed_fields"]),
    ("archive_fed_field", &["fed_fields"]),
    ("propose_sharing_terms", &["affiliations"]),
    ("set_affiliation", &["affiliations"]),
    // templates
    ("adopt_role_template", &["roles", "template_adoptions"]),
    (
        "adopt_fields_template",
        &["custom_fields", "template_adoptions"],
    ),
    ("adopt_form_template", &["reg_forms", "template_adoptions"]),
    ("adopt_terms_template", &["terms", "template_adoptions"]),
    (
        "publish_template",
        &["fed_templates", "fed_template_versions"],
    ),
];

/// Server functions that delete what they act on (no row is left to carry a stamp): the
/// club's event log records who did it, at the clock's time; and the tables where a stamp
/// is nevertheless left (the parent record), if any.
const DELETES: &[(&str, &[&str])] = &[
    ("delete_role", &[]),
    ("delete_field", &[]),
    // documents
    ("remove_document_kind", &[]),
    ("remove_document", &[]),
    // invoices
    ("remove_season_fee", &[]),
    // duplicates
    ("unlink_guardian", &[]),
    ("delete_member", &[]),
    // reconcile: the invoice carries the change.
    ("remove_payment", &["invoices"]),
];

/// Server functions that change nothing: after a call, no row of any table carries the
/// call's instant.
const READS: &[&str] = &[
    // renewal
    "my_certificates",
    "certificate_settings",
    "renewal_overview",
    "club_frame",
    "club_home",
    "member_list",
    "member_detail",
    "member_edit",
    "member_new",
    "check_form",
    "my_record",
    "child_record",
    "club_events",
    "module_settings",
    "look",
    "roles",
    "role",
    "admins",
    "export_history",
    "member_import",
    "preview_import",
    "forms",
    "applications",
    "field_settings",
    "terms_settings",
    "federation_home",
    // xfer18: a federation read logs an event in the club, and stamps nothing
    "federation_people",
    "federation_person",
    "admin_overview",
    // issue 17
    "my_data",
    "privacy_queue",
    "privacy_overdue",
    "processing_record",
    "club_breaches",
    "privacy_notices",
    "operator_privacy",
    "consent_purposes",
    "my_consents",
    "member_consents",
    "export_choices",
    "export_register",
    "retention",
    // documents
    "documents_overview",
    "member_documents",
    "birthdays",
    "member_card",
    "team_list",
    // duplicates
    "member_duplicates",
    "merge_preview",
    "guardian_choice",
    // activities
    "activities",
    "occurrence",
    "attendance_figures",
    "month_sheet",
    "calendar_feeds",
    // groups
    "groups",
    "group",
    "group_role_scopes",
    "member_groups",   // wk19
    "register_groups", // wk19
    "my_attendance",   // wk19
    "group_band_suggestions",
    // invoices
    "fees_overview",
    "season_invoices",
    "preview_invoice_filter", // pay20
    "member_invoices",        // pay20
    "my_invoices",
    // rep20
    "fee_report",
    // reminders
    "reminder_settings",
    "overdue_invoices",
    // mailings
    "mailings",
    "mailing_choices",
    "mailing",
    // reconcile
    "bank_overview",
    "member_payments",
    // affiliations
    "club_federations",
    "federation_affiliations",
    // templates
    "club_templates",
    "federation_templates",
    "federation_template",
    "club_usage",
    "federation_usage",
    // dash18
    "fed_dashboard",
    "usage_overview",
    // Writes only `usage_snapshots`, the platform's measurements (no last-change stamp:
    // each row carries `taken_at`, and the figures are the system's, not a person's).
    "measure_usage",
    // licences
    "fed_licences",
    "club_licences",
    "my_licences",
    // fedlog18: the federation's own event log (a read)
    "federation_log",
    // xfer18: transfers
    "fed_transfers",
    "club_transfers",
    "my_transfers",
];

/// Calls the census makes instead of the harness's one, where that one changes nothing (it
/// asks for what is already so): each of these changes something. `accept_terms` comes after
/// `publish_terms` (there is nothing to accept before).
const CHANGING_CALLS: &[(&str, &[&str])] = &[
    (
        "switch_module",
        &[
            "club={club}&module=exports&on=off",
            "club={club}&module=exports&on=on",
        ],
    ),
    (
        "add_role_holder",
        &["club={club}&id={trainer}&email=member.kempenvlug%40demo.tessera.test"],
    ),
    (
        "set_tenant_status",
        &[
            "slug=rfc-confluent-namur&active=no",
            "slug=rfc-confluent-namur&active=yes",
        ],
    ),
    ("accept_terms", &[]),
    // Archived, then brought back (the harness's purpose is answered after).
    (
        "archive_purpose",
        &[
            "club={club}&id={purpose}&version=1&archive=on",
            "club={club}&id={purpose}&version=2&archive=off",
        ],
    ),
    (
        "publish_terms",
        &[
            "club={club}&body=Be+kind.%0APay+on+time.",
            // after the adopted terms (templates)
            "club={club}&number={terms_after}",
        ],
    ),
    // The demo's breach from the operator is acknowledged and its incident notified
    // already: the census's own (see `census_values`).
    ("acknowledge_breach", &["club={club}&id={census_breach}"]),
    // templates: the adopted terms are accepted at once (as in the harness).
    (
        "adopt_terms_template",
        &[
            "club={club}&id={tmpl_terms}&number=1",
            "club={club}&number={terms_next}",
        ],
    ),
    (
        "notify_incident_club",
        &["incident={census_incident}&club=vc-kempenvlug-herentals"],
    ),
];

/// What the census needs beyond the harness's fixture: an incident of the operator
/// notified to club A and not acknowledged yet (`census_breach`, its breach in club A's
/// register), and one affecting club A not notified yet (`census_incident`). Made through
/// the core as a system task.
async fn census_values(s: &Server) -> Vec<(&'static str, String)> {
    use tessera_core::{breaches, jobs::SystemTask, scope::Actor, tenants};
    let db = &s.db.db;
    let now = s.shared.clock.now();
    let sys = Actor::system("test");
    let scope_of = |t: tenants::TenantRecord| {
        tessera_core::scope::TenantScope::for_system_task(&SystemTask::command_line(), t)
    };
    let op = scope_of(
        tenants::find_by_slug(db, TenantKind::Operator, "platform")
            .await
            .unwrap()
            .unwrap(),
    );
    let club = scope_of(
        tenants::find_by_slug(db, TenantKind::Club, CLUB_A)
            .await
            .unwrap()
            .unwrap(),
    );
    let input = |nature: &str| tessera_common::breach::BreachInput {
        discovered_at: tessera_common::time::Timestamp(now.0 - 3_600_000)
            .local_input(&op.tenant().time_zone),
        nature: nature.into(),
        categories: "names".into(),
        people_count: "1".into(),
        records_count: "1".into(),
        consequences: "none".into(),
        measures: "none".into(),
        clubs: vec![CLUB_A.to_string()],
        ..Default::default()
    };
    let notified = breaches::record_incident(db, &op, &sys, now, &input("Census notified"))
        .await
        .unwrap();
    breaches::notify_club(db, None, "http://census", &op, &sys, now, notified, CLUB_A)
        .await
        .unwrap();
    let breach = breaches::club_breaches(db, &club, now)
        .await
        .unwrap()
        .breaches
        .into_iter()
        .find(|b| b.from_operator && b.acknowledged_at.is_none())
        .expect("the census's notified breach");
    let pending = breaches::record_incident(db, &op, &sys, now, &input("Census pending"))
        .await
        .unwrap();
    vec![
        ("census_breach", breach.id.to_string()),
        ("census_incident", pending.to_string()),
    ]
}

/// Server functions the census does not call, with the reason.
const NOT_CALLED: &[(&str, &str)] = &[
    ("landing", "reads: the caller's own clubs"),
    ("viewer", "reads: the signed-in person"),
    ("account", "reads: the caller's account page"),
    ("login_draft", "reads (and forgets) the session's typed address; no table"),
    ("take_recovery_codes", "reads (and forgets) codes kept in the session; no table"),
    (
        "totp_setup",
        "a person's own second factor (identities: a pending key); the platform event log records it (accounts tests)",
    ),
    (
        "accept_admin_invitation",
        "needs the mailed token (admininv tests); it grants through roles::grant_admin, whose stamps invite_tenant_admin shows",
    ),
    ("join_form", "reads: a published form, public"),
    (
        "submit_registration",
        "public, by someone without an account: the submission is stamped with no person (registration_forms tests)",
    ),
    (
        "confirm_registration",
        "public, by the mailed token (registration_forms tests)",
    ),
    // renewal
    (
        "renewal_invitation",
        "reads: public, by the mailed token (renewal tests)",
    ),
    (
        "answer_renewal",
        "public, by the mailed token: stamped by the renewal link, no person (renewal tests)",
    ),
];

/// The tables that carry a last-change stamp (`updated_at`, `updated_by`,
/// `updated_by_name`). A table naming who made a change without the rest of the stamp
/// fails here: its rows could not show who made the last change and when.
async fn stamped_tables(q: &mut Query) -> Vec<String> {
    let partial = q
        .strings(
            "SELECT DISTINCT m.name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND p.name IN ('updated_by', 'updated_by_name') \
             AND (SELECT count(*) FROM pragma_table_info(m.name) c \
                  WHERE c.name IN ('updated_at', 'updated_by', 'updated_by_name')) < 3 \
             ORDER BY m.name",
            "SELECT table_name::text FROM information_schema.columns \
             WHERE table_schema = 'public' \
             AND column_name IN ('updated_at', 'updated_by', 'updated_by_name') \
             GROUP BY table_name HAVING count(*) < 3 \
             AND bool_or(column_name <> 'updated_at') ORDER BY 1",
        )
        .await;
    assert!(
        partial.is_empty(),
        "tables with part of the last-change stamp: {partial:?}"
    );
    q.strings(
        "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND p.name = 'updated_by' ORDER BY m.name",
        "SELECT table_name::text FROM information_schema.columns \
         WHERE table_schema = 'public' AND column_name = 'updated_by' ORDER BY 1",
    )
    .await
}

/// Reads any table of a test server's database directly, past row-level security (the
/// owner role in maintenance mode on PostgreSQL): the census looks at every row.
enum Query {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Query {
    async fn open(s: &Server) -> Query {
        use sqlx::Connection;
        match &s.db.url {
            tessera_core::db::DbUrl::Sqlite(path) => Query::Sqlite(
                sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
                    .await
                    .unwrap(),
            ),
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
                Query::Postgres(c)
            }
        }
    }

    async fn strings(&mut self, sqlite: &str, postgres: &str) -> Vec<String> {
        match self {
            Query::Sqlite(c) => sqlx::query_scalar(sqlite).fetch_all(c).await.unwrap(),
            Query::Postgres(c) => sqlx::query_scalar(postgres).fetch_all(c).await.unwrap(),
        }
    }

    /// (rows stamped at `at`, of them by `by` with the name `name`).
    async fn stamps(&mut self, table: &str, at: i64, by: i64, name: &str) -> (i64, i64) {
        let sql = format!(
            "SELECT count(*), coalesce(sum(CASE WHEN updated_by = $2 AND updated_by_name = $3 THEN 1 ELSE 0 END), 0) \
             FROM {table} WHERE updated_at = $1"
        );
        match self {
            Query::Sqlite(c) => sqlx::query_as(&sql)
                .bind(at)
                .bind(by)
                .bind(name)
                .fetch_one(c)
                .await
                .unwrap(),
            // PostgreSQL's sum of integers is a numeric: back to a bigint.
            Query::Postgres(c) => sqlx::query_as(&sql.replace("), 0)", ")::bigint, 0)"))
                .bind(at)
                .bind(by)
                .bind(name)
                .fetch_one(c)
                .await
                .unwrap_or_else(|e| panic!("{table}: {e}")),
        }
    }

    /// Events of a club's log at `at` by `by`.
    async fn logged(&mut self, at: i64, by: i64) -> i64 {
        let sql = "SELECT count(*) FROM security_events WHERE at = $1 AND identity_id = $2";
        match self {
            Query::Sqlite(c) => sqlx::query_scalar(sql)
                .bind(at)
                .bind(by)
                .fetch_one(c)
                .await
                .unwrap(),
            Query::Postgres(c) => sqlx::query_scalar(sql)
                .bind(at)
                .bind(by)
                .fetch_one(c)
                .await
                .unwrap(),
        }
    }

    async fn identity(&mut self, email: &str) -> (i64, String) {
        let sql = "SELECT id, name FROM identities WHERE email = $1";
        match self {
            Query::Sqlite(c) => sqlx::query_as(sql).bind(email).fetch_one(c).await.unwrap(),
            Query::Postgres(c) => sqlx::query_as(sql).bind(email).fetch_one(c).await.unwrap(),
        }
    }
}

#[tokio::test]
async fn every_server_function_is_in_the_stamp_census() {
    let registered: Vec<String> = server_fn::axum::server_fn_paths()
        .map(|(p, _)| p.trim_start_matches("/api/").to_string())
        .collect();
    let mut named: Vec<&str> = WRITES
        .iter()
        .chain(DELETES)
        .map(|(e, _)| *e)
        .chain(READS.iter().copied())
        .chain(NOT_CALLED.iter().map(|(e, _)| *e))
        .collect();
    named.sort();
    let before = named.len();
    named.dedup();
    assert_eq!(before, named.len(), "a server function is named twice");
    for path in &registered {
        assert!(
            named.contains(&path.as_str()),
            "server function {path} is missing from the stamp census: add it to WRITES, DELETES or READS in server/tests/http/backup.rs"
        );
    }
    for e in &named {
        assert!(
            registered.iter().any(|p| p == e),
            "{e} is in the stamp census but no server function answers there"
        );
    }
    for (e, _) in NOT_CALLED {
        assert!(
            !CROSS_TENANT.iter().any(|(c, _)| c == e),
            "{e} can be called with the harness's fixture: census it"
        );
    }
}

#[tokio::test]
async fn every_write_leaves_the_callers_stamp_at_the_clocks_time() {
    for s in servers().await {
        let mut fixture = Fixture::new(&s).await;
        fixture.values.extend(census_values(&s).await);
        let mut q = Query::open(&s).await;
        let tables = stamped_tables(&mut q).await;
        assert!(tables.len() >= 15, "{tables:?}");
        let mut owner = Client::new(&s);
        owner.sign_in(&account("admin.kempenvlug")).await;
        let (member, _) = first_member(&mut owner).await;
        let mut linked = Client::new(&s);
        linked.sign_in(&account("member.kempenvlug")).await;
        let mut operator = Client::new(&s);
        operator.sign_in(&account("operator")).await;
        let mut federation = Client::new(&s);
        federation.sign_in(&account("federation")).await;
        let who = [
            ("owner", q.identity(&account("admin.kempenvlug")).await),
            ("linked", q.identity(&account("member.kempenvlug")).await),
            ("operator", q.identity(&account("operator")).await),
            ("federation", q.identity(&account("federation")).await),
        ];
        let mut report = Vec::new();
        let mut calls: Vec<(&str, String)> = Vec::new();
        for (endpoint, template) in CROSS_TENANT {
            match CHANGING_CALLS.iter().find(|(e, _)| e == endpoint) {
                None => calls.push((endpoint, template.to_string())),
                Some(("adopt_terms_template", list)) => {
                    calls.push((endpoint, list[0].to_string()));
                    calls.push(("accept_terms", list[1].to_string()));
                }
                Some(("publish_terms", list)) => {
                    calls.push((endpoint, list[0].to_string()));
                    calls.push(("accept_terms", list[1].to_string()));
                }
                Some((_, list)) => calls.extend(list.iter().map(|t| (*endpoint, t.to_string()))),
            }
        }
        for (endpoint, template) in &calls {
            let endpoint = *endpoint;
            let args = fixture.fill(template, &member);
            let (role, client) = match endpoint {
                e if FEDERATION_FNS.contains(&e) => ("federation", &mut federation),
                e if OUTSIDE_CLUBS.contains(&e) => ("operator", &mut operator),
                e if OWN_RECORD.contains(&e) => ("linked", &mut linked),
                _ => ("owner", &mut owner),
            };
            if endpoint == "remove_logo" {
                // A logo first (the upload is a file route, not a server function).
                s.shared.clock.advance_secs(7);
                let at = s.shared.clock.now().0;
                let (id, name) = who[0].1.clone();
                let r = client
                    .upload(
                        &format!("/c/{CLUB_A}/settings/look/logo"),
                        "logo",
                        "l.png",
                        &tiny_png(),
                    )
                    .await;
                assert!(r.status < 400, "logo upload: {}", r.status);
                assert_eq!(q.stamps("tenant_logos", at, id, &name).await, (1, 1));
            }
            let (id, name) = who.iter().find(|(r, _)| *r == role).unwrap().1.clone();
            // A fresh instant per call: a row stamped at it was stamped by this call.
            s.shared.clock.advance_secs(7);
            let at = s.shared.clock.now().0;
            let r = client.call(endpoint, &args).await;
            assert_eq!(r.status, 200, "{endpoint}: {}", r.body);
            let mut stamped = Vec::new();
            for t in &tables {
                let (n, by_caller) = q.stamps(t, at, id, &name).await;
                if n > 0 {
                    // Whatever a call stamps names its caller, nobody else.
                    assert_eq!(
                        n, by_caller,
                        "{endpoint} stamped {t} rows at its instant that do not name its caller {name}"
                    );
                    stamped.push(t.clone());
                }
            }
            let logged = q.logged(at, id).await;
            report.push(format!("{endpoint}: stamped {stamped:?}, logged {logged}"));
            let listed = WRITES.iter().chain(DELETES).any(|(e, _)| *e == endpoint)
                || READS.contains(&endpoint);
            assert!(listed, "{endpoint} is not in the stamp census");
            if let Some((_, expected)) = WRITES.iter().find(|(e, _)| *e == endpoint) {
                assert!(
                    !expected.is_empty(),
                    "{endpoint}: name the tables it writes"
                );
                for t in *expected {
                    assert!(
                        stamped.iter().any(|s| s == t),
                        "{endpoint} wrote {t} without the stamp of its caller at the clock's time (stamped: {stamped:?}) on {:?}",
                        s.db.backend()
                    );
                }
            } else if let Some((_, expected)) = DELETES.iter().find(|(e, _)| *e == endpoint) {
                assert!(
                    logged > 0,
                    "{endpoint} deleted without recording who did it in the club's log"
                );
                for t in *expected {
                    assert!(
                        stamped.iter().any(|s| s == t),
                        "{endpoint}: {t} not stamped"
                    );
                }
            } else if READS.contains(&endpoint) {
                assert!(
                    stamped.is_empty(),
                    "{endpoint} is listed as reading but stamped {stamped:?}"
                );
            }
        }
        eprintln!("census on {:?}:\n{}", s.db.backend(), report.join("\n"));
    }
}
