//! The erasure of people from a club: their records become anonymous placeholders
//! (`members.erased_at` set, the names replaced, every other personal column emptied, out
//! of every list, search, export and count), and every trace of them in the club's other
//! tables is removed or anonymised, step by step, in the caller's transaction. The stamps
//! and the event log keep the placeholder [`PLACEHOLDER`]. An account ends with its record
//! when it belongs to no other tenant (then its address and name are replaced, its
//! password, factors, tokens and sessions removed); otherwise only its membership of this
//! club ends.
//!
//! One mechanism for both reasons a person is erased: a member's request
//! ([`erase_in_tx`], completed by staff) and the retention of ended members (the daily
//! job, `retention::job`, in batches of 500). Both go through [`erase_members_in_tx`],
//! which works set by set: each step is one statement over the whole batch, and the event
//! log and stored import files are read once per batch for every name, address, phone and
//! custom value of the batch. `erased_at` is the one marker of an erased record (migration
//! 0030 folded retention's former `anonymised_at` into it).
//!
//! The steps are data ([`ERASURE_STEPS`], [`STAMPED_TABLES`]): a feature that adds a table
//! holding people's data adds its step here, and the tests
//! `tests_rights::erasure_leaves_no_trace_in_any_column` and
//! `tests_retention::retention_leaves_no_trace_of_the_ended_in_any_column` search every
//! text column of every table on both databases for the people's addresses, names, phones
//! and national register numbers afterwards.

use crate::args;
use crate::db::{Db, TenantTx, Value};
use crate::error::Result;
use crate::scope::TenantScope;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, IdentityId, MemberId, Msg};

/// What an erased person's names, stamps and event details become.
pub const PLACEHOLDER: &str = crate::event_chain::ERASED;

/// The list a step runs over, bound after the tenant (`$1`) where its SQL says `{list}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// The erased members' ids.
    Members,
    /// The erased people's e-mail addresses (the records' and the accounts'), lowercased;
    /// the step does not run without one.
    Emails,
    /// The registrations (`reg_submissions.id`) whose created records include an erased
    /// member (their `member_ids` is a space-separated list, matched in code).
    Submissions,
}

/// One statement of the erasure, on one table of the tenant (`tenant_id = $1`), over a
/// whole batch of people at once: `{list}` becomes the bound list, `{placeholder}`
/// [`PLACEHOLDER`] and `{now}` the instant of the erasure.
#[derive(Clone, Copy, Debug)]
pub struct ErasureStep {
    pub table: &'static str,
    pub list: List,
    pub sql: &'static str,
}

/// What the erasure does to the club's tables, in order, before the record itself, the
/// memberships and the account (which [`erase_members_in_tx`] does in code, as they need
/// what it reads). To add a table: append a step that deletes the people's rows or
/// replaces their data by [`PLACEHOLDER`]; a table with the stamp columns goes into
/// [`STAMPED_TABLES`] too.
pub const ERASURE_STEPS: &[ErasureStep] = &[
    ErasureStep {
        table: "member_field_values",
        list: List::Members,
        sql: "DELETE FROM member_field_values WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    // Two statements, each over an index (guardian: the key; child: member_guardians_child).
    ErasureStep {
        table: "member_guardians",
        list: List::Members,
        sql: "DELETE FROM member_guardians WHERE tenant_id = $1 AND guardian_id IN ({list})",
    },
    ErasureStep {
        table: "member_guardians",
        list: List::Members,
        sql: "DELETE FROM member_guardians WHERE tenant_id = $1 AND child_id IN ({list})",
    },
    ErasureStep {
        table: "member_search",
        list: List::Members,
        sql: "DELETE FROM member_search WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    // Registrations that created the records: the people as submitted, the address that
    // submitted them (a family's submission goes with any of its people).
    ErasureStep {
        table: "reg_submissions",
        list: List::Submissions,
        sql: "UPDATE reg_submissions SET email = {placeholder}, data = '{\"guardian\":null,\"people\":[]}', \
              digest = {placeholder}, reason = NULL, token_hash = NULL \
              WHERE tenant_id = $1 AND id IN ({list})",
    },
    ErasureStep {
        table: "reg_submissions",
        list: List::Emails,
        sql: "UPDATE reg_submissions SET email = {placeholder}, data = '{\"guardian\":null,\"people\":[]}', \
              digest = {placeholder}, reason = NULL, token_hash = NULL \
              WHERE tenant_id = $1 AND lower(email) IN ({list})",
    },
    // Invitations to administer the club sent to their addresses: withdrawn and anonymised.
    ErasureStep {
        table: "admin_invitations",
        list: List::Emails,
        sql: "UPDATE admin_invitations SET email = {placeholder}, name = {placeholder}, \
              withdrawn_at = coalesce(withdrawn_at, {now}) \
              WHERE tenant_id = $1 AND lower(email) IN ({list})",
    },
    // Their requests stay (the erasure is accounted for) without their own words; the
    // reasons staff wrote to them may name them.
    ErasureStep {
        table: "privacy_requests",
        list: List::Members,
        sql: "UPDATE privacy_requests SET details = NULL, \
              extension_reason = CASE WHEN extension_reason IS NULL THEN NULL ELSE {placeholder} END, \
              refusal_reason = CASE WHEN refusal_reason IS NULL THEN NULL ELSE {placeholder} END \
              WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    // Their consents: the history (with staff's notes, which may name them) and where they
    // stand now. An erased record is asked nothing any more and is in no consent filter,
    // so nothing is left to prove; the event log keeps that the erasure happened.
    ErasureStep {
        table: "consent_events",
        list: List::Members,
        sql: "DELETE FROM consent_events WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    ErasureStep {
        table: "member_consents",
        list: List::Members,
        sql: "DELETE FROM member_consents WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    // Their places in groups (as a member or a leader).
    ErasureStep {
        table: "group_members",
        list: List::Members,
        sql: "DELETE FROM group_members WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    // their documents (files and all).
    ErasureStep {
        table: "member_documents",
        list: List::Members,
        sql: "DELETE FROM member_documents WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    // their attendance, reported absences (with their reasons) and calendar
    // feeds.
    ErasureStep {
        table: "attendance",
        list: List::Members,
        sql: "DELETE FROM attendance WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    ErasureStep {
        table: "activity_absences",
        list: List::Members,
        sql: "DELETE FROM activity_absences WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    ErasureStep {
        table: "calendar_feeds",
        list: List::Members,
        sql: "DELETE FROM calendar_feeds WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    // Their count of federation reads goes with the reads' details (the log's pass below).
    ErasureStep {
        table: "federation_read_counts",
        list: List::Members,
        sql: "DELETE FROM federation_read_counts WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    // Their mails in mailings' outboxes (as the person a mail was about, or its addressee):
    // address and first name. The mailing's figures lose those rows.
    ErasureStep {
        table: "mailing_recipients",
        list: List::Members,
        sql: "DELETE FROM mailing_recipients WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    ErasureStep {
        table: "mailing_recipients",
        list: List::Members,
        sql: "DELETE FROM mailing_recipients WHERE tenant_id = $1 AND to_member_id IN ({list})",
    },
    // reminders: the payment reminders mailed to them (their address).
    ErasureStep {
        table: "invoice_reminders",
        list: List::Members,
        sql: "DELETE FROM invoice_reminders WHERE tenant_id = $1 AND to_member_id IN ({list})",
    },
    // renewal: who was asked to renew for a season and their answer.
    ErasureStep {
        table: "renewal_members",
        list: List::Members,
        sql: "DELETE FROM renewal_members WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    // Invoices and credit notes stay (bookkeeping: seven years in Belgium; their numbers,
    // amounts, dates, communications and payments are the club's accounts) but without the
    // person: the payer's name becomes the placeholder and the address goes where they paid
    // (or the invoice was for them and nobody else paid); the lines for them lose their
    // description (it names them). The PDF is rendered from the row on each download, so
    // it shows the placeholder too. The payments of those invoices and the bank lines that
    // paid them lose the payer's name, account and free communication (a structured one is
    // the invoice's number, kept). The ids stay bare numbers pointing at the erased record.
    // These run before `invoices` changes nothing they select on (`payer_member_id`,
    // `member_id`), so their order among themselves does not matter.
    ErasureStep {
        table: "payments",
        list: List::Members,
        sql: "UPDATE payments SET payer_name = {placeholder} \
              WHERE tenant_id = $1 AND payer_name <> '' AND invoice_id IN \
              (SELECT id FROM invoices WHERE tenant_id = $1 AND (payer_member_id IN ({list}) \
              OR (payer_member_id IS NULL AND member_id IN ({list}))))",
    },
    ErasureStep {
        table: "bank_lines",
        list: List::Members,
        sql: "UPDATE bank_lines SET counterparty_name = {placeholder}, counterparty_iban = '', \
              communication = CASE WHEN ogm IS NULL THEN {placeholder} ELSE communication END \
              WHERE tenant_id = $1 AND invoice_id IN \
              (SELECT id FROM invoices WHERE tenant_id = $1 AND (payer_member_id IN ({list}) \
              OR (payer_member_id IS NULL AND member_id IN ({list}))))",
    },
    ErasureStep {
        table: "invoices",
        list: List::Members,
        sql: "UPDATE invoices SET payer_name = {placeholder}, payer_email = NULL \
              WHERE tenant_id = $1 AND (payer_member_id IN ({list}) \
              OR (payer_member_id IS NULL AND member_id IN ({list})))",
    },
    ErasureStep {
        table: "invoice_lines",
        list: List::Members,
        sql: "UPDATE invoice_lines SET description = {placeholder} \
              WHERE tenant_id = $1 AND member_id IN ({list})",
    },
    // export_register_members is kept on purpose: its rows are two ids (the erased record,
    // now a placeholder, and an export), no personal data by themselves, and they keep the
    // register's counts of who was in each export true. export_register itself holds no
    // person's data (its stamp name is scrubbed with the other stamps).
];

/// The tenant tables with the last-change stamp (`updated_by`, `updated_by_name`): where
/// the erased person's account made the last change, the name becomes [`PLACEHOLDER`].
/// `tests_rights::every_stamped_table_is_in_the_erasure` reads the schema and fails on a
/// stamped tenant table missing here.
pub const STAMPED_TABLES: &[&str] = &[
    // activities
    "activities",
    "activity_absences",
    "activity_exceptions",
    "attendance",
    "calendar_feeds",
    // reconcile
    "bank_lines",
    "bank_statements",
    "admin_invitations",
    "breaches",
    "certificate_settings",
    "club_groups",
    "consent_events",
    "consent_purposes",
    "consent_texts",
    "custom_fields",
    "document_kinds",
    "export_register",
    "fed_fields",
    // dash18: the dashboard's counts (numbers only; a staff member's name in the stamp)
    "fed_club_stats",
    "fee_settings",
    "fed_people",
    "fed_seasons",
    "fed_template_versions",
    "fed_templates",
    "group_kinds",
    "group_members",
    "invoice_lines",
    "invoice_reminders",
    "invoices",
    "licence_categories",
    "licences",
    "mailing_recipients",
    "mailings",
    "member_consents",
    "member_documents",
    "member_field_values",
    "member_guardians",
    "member_imports",
    // xfer18: a transfer's stamps (the federation's tables; the club's part of an erased
    // person's transfer history is their member id, which stays a bare number)
    "transfer_steps",
    "transfer_windows",
    "transfers",
    "members",
    "membership_roles",
    "memberships",
    "payments",
    "privacy_requests",
    "reg_forms",
    "reg_submissions",
    "renewal_members",
    "renewals",
    "reminder_steps",
    "retention_policies",
    "retention_runs",
    "roles",
    "season_fees",
    "seasons",
    "tenant_logos",
    "tenant_modules",
    "terms",
    "terms_acceptances",
    "template_adoptions",
];

/// The platform's tables with the last-change stamp (no `tenant_id`; `tenants` itself is
/// scrubbed for the club only): where an account that ends with the erasure made the last
/// change, the name becomes [`PLACEHOLDER`]. `tests_erasure` reads the schema and fails
/// on a stamped platform table missing here.
pub const PLATFORM_STAMPED_TABLES: &[&str] = &[
    "affiliations",
    "identities",
    "platform_incidents",
    "subprocessors",
    "subprocessor_changes",
    "subprocessor_objections",
];

/// Most values bound in one statement (SQLite allows 32766, PostgreSQL 65535): longer
/// lists are run in chunks.
const CHUNK: usize = 1000;

/// `$first, $first+1, …` for `n` values.
fn marks(first: usize, n: usize) -> String {
    (0..n)
        .map(|i| format!("${}", first + i))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One person's account as the erasure needs it: the member record it is linked to, the
/// account, and whether it belongs to another tenant too (then it outlives the erasure).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkedAccount {
    pub member: MemberId,
    pub identity: IdentityId,
    pub shared: bool,
}

/// The accounts linked to the member records `members` (through the record or its
/// membership), and whether each belongs to another tenant too. Read before the
/// erasure's transaction: another tenant's memberships are not visible inside one
/// tenant's.
pub async fn accounts_of(
    db: &Db,
    scope: &TenantScope,
    members: &[MemberId],
) -> Result<Vec<LinkedAccount>> {
    let mut links: Vec<(i64, Option<i64>, Option<i64>)> = Vec::new();
    let mut tx = db.tenant_read(scope).await?;
    for chunk in members.chunks(CHUNK) {
        let values: Vec<Value> = chunk.iter().map(|m| Value::from(m.0)).collect();
        let rows: Vec<(i64, Option<i64>, Option<i64>)> = tx
            .fetch_all(
                &format!(
                    "SELECT m.id, m.identity_id, s.identity_id FROM members m \
                     LEFT JOIN memberships s ON s.tenant_id = m.tenant_id AND s.member_id = m.id \
                     WHERE m.tenant_id = $1 AND m.id IN ({}) \
                     AND (m.identity_id IS NOT NULL OR s.identity_id IS NOT NULL)",
                    marks(2, chunk.len())
                ),
                values,
            )
            .await?;
        links.extend(rows);
    }
    tx.commit().await?;
    let mut out = Vec::new();
    for (member, record, membership) in links {
        let Some(identity) = membership.or(record).map(IdentityId) else {
            continue;
        };
        let shared = crate::accounts::identities::memberships(db, identity)
            .await?
            .iter()
            .any(|m| m.slug != scope.tenant().slug || m.kind != scope.kind());
        out.push(LinkedAccount {
            member: MemberId(member),
            identity,
            shared,
        });
    }
    Ok(out)
}

/// The account linked to one member record (see [`accounts_of`]).
pub async fn account_of(
    db: &Db,
    scope: &TenantScope,
    member: MemberId,
) -> Result<Option<(IdentityId, bool)>> {
    Ok(accounts_of(db, scope, &[member])
        .await?
        .first()
        .map(|a| (a.identity, a.shared)))
}

/// What happens to a person in the batch who holds a role in the club.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleHolders {
    /// The whole erasure is refused (a person's request: the roles go first).
    Refuse,
    /// The record is erased; the membership with its roles stays, unlinked from the
    /// record, and its account with it (the retention of ended members: an administrator
    /// whose membership record ended keeps administering).
    KeepAccount,
}

/// What [`erase_members_in_tx`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Erased {
    /// How many records were erased now (those erased before are skipped).
    pub members: u64,
    /// The sessions it ended, for `accounts::sessions::forget_ended` after the commit.
    pub ended_sessions: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    given_name: String,
    family_name: String,
    email: Option<String>,
    phone: Option<String>,
}

/// Runs `sql` (with `{list}`, `{placeholder}`, `{now}`) over `list` in chunks.
async fn run_over(tx: &mut TenantTx, sql: &str, list: &[Value], now: Timestamp) -> Result<u64> {
    let mut n = 0;
    for chunk in list.chunks(CHUNK) {
        let mut text = sql.replace("{list}", &marks(2, chunk.len()));
        let mut values: Vec<Value> = chunk.to_vec();
        for (token, value) in [
            ("{placeholder}", Value::from(PLACEHOLDER)),
            ("{now}", Value::from(now)),
        ] {
            if text.contains(token) {
                values.push(value);
                text = text.replace(token, &format!("${}", values.len() + 1));
            }
        }
        n += tx.execute(&text, values).await?;
    }
    Ok(n)
}

/// The ids of `rows` (id, text) whose lowercased text contains any of the lowercased
/// `needles`: one pass over the rows for all needles.
fn naming<'a>(
    finder: &aho_corasick::AhoCorasick,
    rows: impl IntoIterator<Item = (i64, &'a str)>,
) -> Vec<i64> {
    rows.into_iter()
        .filter(|(_, text)| finder.is_match(&text.to_lowercase()))
        .map(|(id, _)| id)
        .collect()
}

/// Erases the members `members` of the transaction's tenant in the caller's write
/// transaction, set by set (see the module): each [`ERASURE_STEPS`] statement once over
/// the whole list, one pass over the club's event log and imports for every needle of the
/// batch (names, addresses, phones, custom values such as the national register number),
/// the records in one statement, the stamps of the erased accounts, the accounts that
/// belong to no other tenant anonymised and every erased account's sessions ended.
/// `accounts` is [`accounts_of`]'s answer (an account linked since is treated as shared:
/// unlinked, never anonymised). Records erased before are skipped; a role holder is
/// refused or kept as `roles` says. The caller logs (a request's completion per person,
/// the retention job its counts).
pub async fn erase_members_in_tx(
    tx: &mut TenantTx,
    members: &[MemberId],
    accounts: &[LinkedAccount],
    roles: RoleHolders,
    now: Timestamp,
    today: tessera_common::time::Date,
) -> Result<Erased> {
    let mut people: Vec<PersonRow> = Vec::new();
    for chunk in members.chunks(CHUNK) {
        let values: Vec<Value> = chunk.iter().map(|m| Value::from(m.0)).collect();
        let rows: Vec<PersonRow> = tx
            .fetch_all(
                &format!(
                    "SELECT id, given_name, family_name, email, phone FROM members \
                     WHERE tenant_id = $1 AND erased_at IS NULL AND id IN ({})",
                    marks(2, chunk.len())
                ),
                values,
            )
            .await?;
        people.extend(rows);
    }
    if people.is_empty() {
        return Ok(Erased::default());
    }
    let ids: Vec<Value> = people.iter().map(|p| Value::from(p.id)).collect();

    // The federation reads still queued for the club go into its event log (and the people's
    // counts of reads) first, so the steps and the log's scrub below reach them too
    // (`fedreads::queue`).
    crate::fedreads::queue::chain_in(tx).await?;

    // Their memberships: a role holder is refused, or keeps the membership and account.
    let mut memberships: Vec<(i64, i64, Option<i64>, i64)> = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(i64, i64, Option<i64>, i64)> = tx
            .fetch_all(
                &format!(
                    "SELECT s.id, s.member_id, s.identity_id, (SELECT count(*) FROM membership_roles r \
                     WHERE r.tenant_id = s.tenant_id AND r.membership_id = s.id) \
                     FROM memberships s WHERE s.tenant_id = $1 AND s.member_id IN ({})",
                    marks(2, chunk.len())
                ),
                chunk.to_vec(),
            )
            .await?;
        memberships.extend(rows);
    }
    let kept: Vec<&(i64, i64, Option<i64>, i64)> = memberships.iter().filter(|m| m.3 > 0).collect();
    if !kept.is_empty() && roles == RoleHolders::Refuse {
        return Err(AppError::conflict(Msg::ErrRightsRoleHolder));
    }
    let kept_identities: Vec<i64> = kept.iter().filter_map(|m| m.2).collect();
    // The accounts that go with the records (those of kept memberships stay as they are).
    let erased_ids: std::collections::HashSet<i64> = people.iter().map(|p| p.id).collect();
    let mut ending: Vec<LinkedAccount> = accounts
        .iter()
        .filter(|a| erased_ids.contains(&a.member.0) && !kept_identities.contains(&a.identity.0))
        .copied()
        .collect();
    ending.sort_by_key(|a| a.identity.0);
    ending.dedup_by_key(|a| a.identity.0);
    let account_ids: Vec<Value> = ending.iter().map(|a| Value::from(a.identity)).collect();

    // What names them: searched for in the event log and stored files.
    let mut account_rows: Vec<(String, String)> = Vec::new();
    for chunk in account_ids.chunks(CHUNK) {
        let rows: Vec<(String, String)> = tx
            .fetch_all(
                &format!(
                    "SELECT email, name FROM identities WHERE id IN ({}) AND $1 = $1",
                    marks(2, chunk.len())
                ),
                chunk.to_vec(),
            )
            .await?;
        account_rows.extend(rows);
    }
    let mut custom: Vec<(String,)> = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(String,)> = tx
            .fetch_all(
                &format!(
                    "SELECT v.value FROM member_field_values v JOIN custom_fields f \
                     ON f.tenant_id = v.tenant_id AND f.id = v.field_id \
                     WHERE v.tenant_id = $1 AND v.member_id IN ({}) \
                     AND f.kind IN ('email', 'phone', 'national_number', 'iban', 'text')",
                    marks(2, chunk.len())
                ),
                chunk.to_vec(),
            )
            .await?;
        custom.extend(rows);
    }
    let mut emails: Vec<String> = people
        .iter()
        .filter_map(|p| p.email.as_deref())
        .chain(account_rows.iter().map(|a| a.0.as_str()))
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty())
        .collect();
    emails.sort();
    emails.dedup();
    let mut needles: Vec<String> = Vec::new();
    for p in &people {
        needles.push(p.given_name.clone());
        needles.push(p.family_name.clone());
        needles.push(format!("{} {}", p.given_name, p.family_name));
        needles.extend(p.phone.iter().cloned());
    }
    needles.extend(emails.iter().cloned());
    needles.extend(account_rows.iter().map(|a| a.1.clone()));
    needles.extend(custom.into_iter().map(|c| c.0));
    let mut needles: Vec<String> = needles
        .into_iter()
        .map(|n| n.trim().to_lowercase())
        .filter(|n| n.chars().count() >= 3 && n != PLACEHOLDER)
        .collect();
    needles.sort();
    needles.dedup();

    // The registrations that created any of the records.
    let subs: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, member_ids FROM reg_submissions WHERE tenant_id = $1 AND member_ids IS NOT NULL",
            vec![],
        )
        .await?;
    let submissions: Vec<Value> = subs
        .into_iter()
        .filter(|(_, list)| {
            list.split_whitespace()
                .filter_map(|m| m.parse::<i64>().ok())
                .any(|m| erased_ids.contains(&m))
        })
        .map(|(id, _)| Value::from(id))
        .collect();
    let email_values: Vec<Value> = emails.iter().map(Value::from).collect();

    for step in ERASURE_STEPS {
        let list = match step.list {
            List::Members => &ids,
            List::Emails => &email_values,
            List::Submissions => &submissions,
        };
        if !list.is_empty() {
            run_over(tx, step.sql, list, now).await?;
        }
    }

    // The federations' copies (fedlog18): the copy licensed through this club is
    // anonymised, this club's words in transfers go (`fedcopy::erase_copies`).
    let erased_members: Vec<MemberId> = people.iter().map(|p| MemberId(p.id)).collect();
    crate::fedcopy::erase_copies(tx, &erased_members).await?;

    // The event log, in one pass for all the needles: details that name a person become
    // the placeholder and lose their salt (the one change the log allows, migration 0026:
    // the entry's hash covers the detail's digest, which stays, so the chain stays intact
    // and `verify-log` counts the entry as erased). An import's error text and stored
    // file that name them go too.
    if !needles.is_empty() {
        let finder = aho_corasick::AhoCorasick::new(&needles)
            .map_err(|e| crate::error::internal(format!("erasure needles: {e}")))?;
        let events: Vec<(i64, String)> = tx
            .fetch_all(
                "SELECT id, detail FROM security_events WHERE tenant_id = $1 \
                 AND detail IS NOT NULL AND detail <> '[erased]'",
                vec![],
            )
            .await?;
        let hits: Vec<Value> = naming(&finder, events.iter().map(|(i, d)| (*i, d.as_str())))
            .into_iter()
            .map(Value::from)
            .collect();
        run_over(
            tx,
            "UPDATE security_events SET detail = '[erased]', detail_salt = NULL \
             WHERE tenant_id = $1 AND id IN ({list})",
            &hits,
            now,
        )
        .await?;
        let errors: Vec<(i64, String)> = tx
            .fetch_all(
                "SELECT id, error FROM member_imports WHERE tenant_id = $1 AND error IS NOT NULL",
                vec![],
            )
            .await?;
        let hits: Vec<Value> = naming(&finder, errors.iter().map(|(i, d)| (*i, d.as_str())))
            .into_iter()
            .map(Value::from)
            .collect();
        run_over(
            tx,
            "UPDATE member_imports SET error = NULL WHERE tenant_id = $1 AND id IN ({list})",
            &hits,
            now,
        )
        .await?;
        let files: Vec<(i64, Vec<u8>)> = tx
            .fetch_all(
                "SELECT id, content FROM member_imports WHERE tenant_id = $1 AND content IS NOT NULL",
                vec![],
            )
            .await?;
        let hits: Vec<Value> = files
            .iter()
            .filter(|(_, content)| {
                finder.is_match(&String::from_utf8_lossy(content).to_lowercase())
            })
            .map(|(id, _)| Value::from(*id))
            .collect();
        run_over(
            tx,
            "UPDATE member_imports SET content = NULL WHERE tenant_id = $1 AND id IN ({list})",
            &hits,
            now,
        )
        .await?;
    }

    // The records: anonymous placeholders that keep their membership dates and type, out
    // of every list, search, export and count (as a restricted record is), in one
    // statement, stamped like every change.
    let (at, by, by_name) = tx.stamp_values()?;
    let mut n = 0;
    for chunk in ids.chunks(CHUNK) {
        let k = chunk.len();
        let mut values = chunk.to_vec();
        values.extend([
            Value::from(PLACEHOLDER),
            Value::from(today.to_string()),
            Value::from(now),
            at.clone(),
            by.clone(),
            by_name.clone(),
        ]);
        let p = |i: usize| format!("${}", k + 1 + i);
        n += tx
            .execute(
                &format!(
                    "UPDATE members SET given_name = '', family_name = {ph}, sort_name = {ph}, \
                     birth_date = NULL, gender = NULL, email = NULL, phone = NULL, street = NULL, \
                     postcode = NULL, city = NULL, status = 'ended', ended_on = coalesce(ended_on, {day}), \
                     identity_id = NULL, restricted_at = {now}, erased_at = {now}, \
                     updated_at = {at}, updated_by = {by}, updated_by_name = {by_name}, \
                     version = version + 1 \
                     WHERE tenant_id = $1 AND erased_at IS NULL AND id IN ({list})",
                    ph = p(1),
                    day = p(2),
                    now = p(3),
                    at = p(4),
                    by = p(5),
                    by_name = p(6),
                    list = marks(2, k)
                ),
                values,
            )
            .await?;
    }
    // Their memberships end (their terms acceptances with them); a kept role holder's is
    // unlinked from the record.
    let gone: Vec<Value> = memberships
        .iter()
        .filter(|m| m.3 == 0)
        .map(|m| Value::from(m.0))
        .collect();
    run_over(
        tx,
        "DELETE FROM memberships WHERE tenant_id = $1 AND id IN ({list})",
        &gone,
        now,
    )
    .await?;
    let unlinked: Vec<Value> = kept.iter().map(|m| Value::from(m.0)).collect();
    run_over(
        tx,
        "UPDATE memberships SET member_id = NULL, version = version + 1 \
         WHERE tenant_id = $1 AND id IN ({list})",
        &unlinked,
        now,
    )
    .await?;

    // The stamps the erased accounts left in this club.
    let mut ended = Vec::new();
    if !account_ids.is_empty() {
        for t in STAMPED_TABLES {
            run_over(
                tx,
                &format!(
                    "UPDATE {t} SET updated_by_name = {{placeholder}} WHERE tenant_id = $1 \
                     AND updated_by IN ({{list}})"
                ),
                &account_ids,
                now,
            )
            .await?;
        }
        run_over(
            tx,
            "UPDATE tenants SET updated_by_name = {placeholder} WHERE id = $1 AND updated_by IN ({list})",
            &account_ids,
            now,
        )
        .await?;
        let ptx = tx.platform_part()?;
        for a in &ending {
            ended.extend(
                crate::accounts::revoke_sessions_in_tx(ptx, a.identity, None, None, now, None)
                    .await?,
            );
            if a.shared {
                continue;
            }
            // The account belongs to no other tenant: it ends here.
            ptx.execute(
                "UPDATE identities SET email = $2, name = $3, password_hash = NULL, \
                 totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, \
                 totp_last_step = NULL, lang = NULL, rights_serial = rights_serial + 1, \
                 updated_at = $4, updated_by = NULL, updated_by_name = NULL WHERE id = $1",
                args![
                    a.identity,
                    format!("erased-{}@erased.invalid", a.identity.0),
                    PLACEHOLDER,
                    now
                ],
            )
            .await?;
            for t in PLATFORM_STAMPED_TABLES {
                ptx.execute(
                    &format!("UPDATE {t} SET updated_by_name = $2 WHERE updated_by = $1"),
                    args![a.identity, PLACEHOLDER],
                )
                .await?;
            }
            ptx.execute(
                "DELETE FROM recovery_codes WHERE identity_id = $1",
                args![a.identity],
            )
            .await?;
            ptx.execute(
                "DELETE FROM auth_tokens WHERE identity_id = $1",
                args![a.identity],
            )
            .await?;
        }
    }
    Ok(Erased {
        members: n,
        ended_sessions: ended,
    })
}

/// Erases one `member` on their request, in the caller's write transaction (see
/// [`erase_members_in_tx`]). `account` is [`account_of`]'s answer. Returns the sessions
/// it ended, for `accounts::sessions::forget_ended` after the commit. An erased record,
/// or a person who holds a role in the club, is refused before anything changes.
pub async fn erase_in_tx(
    tx: &mut TenantTx,
    member: MemberId,
    account: Option<(IdentityId, bool)>,
    now: Timestamp,
    today: tessera_common::time::Date,
) -> Result<Vec<String>> {
    let row: Option<(Option<i64>,)> = tx
        .fetch_optional(
            "SELECT erased_at FROM members WHERE tenant_id = $1 AND id = $2",
            args![member],
        )
        .await?;
    match row {
        None => return Err(AppError::NotFound),
        Some((Some(_),)) => return Err(AppError::conflict(Msg::ErrRightsErased)),
        Some((None,)) => {}
    }
    let accounts: Vec<LinkedAccount> = account
        .map(|(identity, shared)| LinkedAccount {
            member,
            identity,
            shared,
        })
        .into_iter()
        .collect();
    let done =
        erase_members_in_tx(tx, &[member], &accounts, RoleHolders::Refuse, now, today).await?;
    tx.log("member_erased", Some(&member.0.to_string())).await?;
    Ok(done.ended_sessions)
}
