//! The erasure of a person from a club: their record becomes an anonymous placeholder
//! (`members.erased_at` set, the names replaced, every other personal column emptied),
//! and every trace of them in the club's other tables is removed or anonymised, step by
//! step, in the transaction that completes their request. The stamps and the event log
//! keep the placeholder [`PLACEHOLDER`]. Their account ends with it when it belongs to no
//! other tenant (then its address and name are replaced, its password, factors, tokens
//! and sessions removed); otherwise only its membership of this club ends.
//!
//! The steps are data ([`ERASURE_STEPS`], [`STAMPED_TABLES`]): a feature that adds a table
//! holding people's data adds its step here, and the test
//! `tests_rights::erasure_leaves_no_trace_in_any_column` searches every text column of
//! every table on both databases for the person's address, names, phone and national
//! register number afterwards.

use crate::args;
use crate::db::{Db, TenantTx, Value};
use crate::error::Result;
use crate::scope::TenantScope;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, IdentityId, MemberId, Msg};

/// What an erased person's names, stamps and event details become.
pub const PLACEHOLDER: &str = crate::event_chain::ERASED;

/// A value a step binds after the tenant (`$1`), in the order listed (`$2`, `$3`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    /// The member's id.
    Member,
    /// The member's id as text (for the space-separated id lists of submissions).
    MemberText,
    /// One of the person's e-mail addresses (the record's and the account's): the step
    /// runs once per address, and not at all without one.
    Email,
    /// [`PLACEHOLDER`].
    Placeholder,
    /// The instant of the erasure.
    Now,
}

/// One statement of the erasure, on one table of the tenant (`tenant_id = $1`).
#[derive(Clone, Copy, Debug)]
pub struct ErasureStep {
    pub table: &'static str,
    pub sql: &'static str,
    pub args: &'static [Arg],
}

/// What the erasure does to the club's tables, in order, before the record itself and the
/// account (which [`erase_in_tx`] does in code, as they need what it reads). To add a
/// table: append a step that deletes the person's rows or replaces their data by
/// [`PLACEHOLDER`]; a table with the stamp columns goes into [`STAMPED_TABLES`] too.
pub const ERASURE_STEPS: &[ErasureStep] = &[
    ErasureStep {
        table: "member_field_values",
        sql: "DELETE FROM member_field_values WHERE tenant_id = $1 AND member_id = $2",
        args: &[Arg::Member],
    },
    ErasureStep {
        table: "member_guardians",
        sql: "DELETE FROM member_guardians WHERE tenant_id = $1 AND (guardian_id = $2 OR child_id = $2)",
        args: &[Arg::Member],
    },
    ErasureStep {
        table: "member_search",
        sql: "DELETE FROM member_search WHERE tenant_id = $1 AND member_id = $2",
        args: &[Arg::Member],
    },
    // Registrations that created the record: the people as submitted, the address that
    // submitted them (a family's submission goes with any of its people).
    ErasureStep {
        table: "reg_submissions",
        sql: "UPDATE reg_submissions SET email = $3, data = '{\"guardian\":null,\"people\":[]}', \
              digest = $3, reason = NULL, token_hash = NULL \
              WHERE tenant_id = $1 AND (' ' || coalesce(member_ids, '') || ' ') LIKE ('% ' || $2 || ' %')",
        args: &[Arg::MemberText, Arg::Placeholder],
    },
    ErasureStep {
        table: "reg_submissions",
        sql: "UPDATE reg_submissions SET email = $3, data = '{\"guardian\":null,\"people\":[]}', \
              digest = $3, reason = NULL, token_hash = NULL WHERE tenant_id = $1 AND lower(email) = lower($2)",
        args: &[Arg::Email, Arg::Placeholder],
    },
    // Invitations to administer the club sent to their address: withdrawn and anonymised.
    ErasureStep {
        table: "admin_invitations",
        sql: "UPDATE admin_invitations SET email = $3, name = $3, withdrawn_at = coalesce(withdrawn_at, $4) \
              WHERE tenant_id = $1 AND lower(email) = lower($2)",
        args: &[Arg::Email, Arg::Placeholder, Arg::Now],
    },
    // Their requests stay (the erasure is accounted for) without their own words; the
    // reasons staff wrote to them may name them.
    ErasureStep {
        table: "privacy_requests",
        sql: "UPDATE privacy_requests SET details = NULL, \
              extension_reason = CASE WHEN extension_reason IS NULL THEN NULL ELSE $3 END, \
              refusal_reason = CASE WHEN refusal_reason IS NULL THEN NULL ELSE $3 END \
              WHERE tenant_id = $1 AND member_id = $2",
        args: &[Arg::Member, Arg::Placeholder],
    },
    // Their consents: the history (with staff's notes, which may name them) and where they
    // stand now. An erased record is asked nothing any more and is in no consent filter,
    // so nothing is left to prove; the event log keeps that the erasure happened.
    ErasureStep {
        table: "consent_events",
        sql: "DELETE FROM consent_events WHERE tenant_id = $1 AND member_id = $2",
        args: &[Arg::Member],
    },
    ErasureStep {
        table: "member_consents",
        sql: "DELETE FROM member_consents WHERE tenant_id = $1 AND member_id = $2",
        args: &[Arg::Member],
    },
    // Their places in groups (as a member or a leader).
    ErasureStep {
        table: "group_members",
        sql: "DELETE FROM group_members WHERE tenant_id = $1 AND member_id = $2",
        args: &[Arg::Member],
    },
    // Their mails in mailings' outboxes (as the person a mail was about, or its addressee):
    // address and first name. The mailing's figures lose those rows.
    ErasureStep {
        table: "mailing_recipients",
        sql: "DELETE FROM mailing_recipients WHERE tenant_id = $1 AND (member_id = $2 OR to_member_id = $2)",
        args: &[Arg::Member],
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
    "admin_invitations",
    "breaches",
    "club_groups",
    "consent_events",
    "consent_purposes",
    "consent_texts",
    "custom_fields",
    "export_register",
    "group_kinds",
    "group_members",
    "mailing_recipients",
    "mailings",
    "member_consents",
    "member_field_values",
    "member_guardians",
    "member_imports",
    "members",
    "membership_roles",
    "memberships",
    "privacy_requests",
    "reg_forms",
    "reg_submissions",
    "retention_policies",
    "retention_runs",
    "roles",
    "tenant_logos",
    "tenant_modules",
    "terms",
    "terms_acceptances",
];

/// The account linked to a member record, and whether it belongs to another tenant too
/// (then it outlives the erasure). Read before the erasure's transaction: another
/// tenant's memberships are not visible inside one tenant's.
pub async fn account_of(
    db: &Db,
    scope: &TenantScope,
    member: MemberId,
) -> Result<Option<(IdentityId, bool)>> {
    let mut tx = db.tenant_read(scope).await?;
    let row: Option<(Option<i64>, Option<i64>)> = tx
        .fetch_optional(
            "SELECT m.identity_id, (SELECT s.identity_id FROM memberships s \
             WHERE s.tenant_id = m.tenant_id AND s.member_id = m.id) \
             FROM members m WHERE m.tenant_id = $1 AND m.id = $2",
            args![member],
        )
        .await?;
    tx.commit().await?;
    let Some(identity) = row.and_then(|(a, b)| b.or(a)).map(IdentityId) else {
        return Ok(None);
    };
    let shared = crate::accounts::identities::memberships(db, identity)
        .await?
        .iter()
        .any(|m| m.slug != scope.tenant().slug || m.kind != scope.kind());
    Ok(Some((identity, shared)))
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    given_name: String,
    family_name: String,
    email: Option<String>,
    phone: Option<String>,
    ended_on: Option<String>,
    erased_at: Option<i64>,
}

/// Erases `member` in the caller's write transaction (see the module). `account` is
/// [`account_of`]'s answer. Returns the sessions it ended, for
/// `accounts::sessions::forget_ended` after the commit. An erased record, or a person who
/// holds a role in the club, is refused before anything changes.
pub async fn erase_in_tx(
    tx: &mut TenantTx,
    member: MemberId,
    account: Option<(IdentityId, bool)>,
    now: Timestamp,
    today: tessera_common::time::Date,
) -> Result<Vec<String>> {
    let p: PersonRow = tx
        .fetch_optional(
            "SELECT given_name, family_name, email, phone, ended_on, erased_at FROM members \
             WHERE tenant_id = $1 AND id = $2",
            args![member],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    if p.erased_at.is_some() {
        return Err(AppError::conflict(Msg::ErrRightsErased));
    }
    let membership: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM memberships WHERE tenant_id = $1 AND member_id = $2",
            args![member],
        )
        .await?;
    if let Some((ms,)) = membership {
        let roles: (i64,) = tx
            .fetch_one(
                "SELECT count(*) FROM membership_roles WHERE tenant_id = $1 AND membership_id = $2",
                args![ms],
            )
            .await?;
        if roles.0 > 0 {
            return Err(AppError::conflict(Msg::ErrRightsRoleHolder));
        }
    }
    // What names the person: searched for in the event log and stored files.
    let account_row: Option<(String, String)> = match account {
        Some((id, _)) => {
            tx.fetch_optional(
                "SELECT i.email, i.name FROM members m JOIN identities i ON i.id = $3 \
                 WHERE m.tenant_id = $1 AND m.id = $2",
                args![member, id],
            )
            .await?
        }
        None => None,
    };
    let custom: Vec<(String,)> = tx
        .fetch_all(
            "SELECT v.value FROM member_field_values v JOIN custom_fields f \
             ON f.tenant_id = v.tenant_id AND f.id = v.field_id \
             WHERE v.tenant_id = $1 AND v.member_id = $2 \
             AND f.kind IN ('email', 'phone', 'national_number', 'iban', 'text')",
            args![member],
        )
        .await?;
    let mut emails: Vec<String> = Vec::new();
    for e in p.email.iter().chain(account_row.as_ref().map(|a| &a.0)) {
        if !emails.iter().any(|x| x.eq_ignore_ascii_case(e)) {
            emails.push(e.clone());
        }
    }
    let mut needles: Vec<String> = vec![
        p.given_name.clone(),
        p.family_name.clone(),
        format!("{} {}", p.given_name, p.family_name),
    ];
    needles.extend(emails.iter().cloned());
    needles.extend(p.phone.iter().cloned());
    needles.extend(account_row.iter().map(|a| a.1.clone()));
    needles.extend(custom.into_iter().map(|c| c.0));
    let mut needles: Vec<String> = needles
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| n.chars().count() >= 3 && n != PLACEHOLDER)
        .collect();
    needles.sort();
    needles.dedup();

    for step in ERASURE_STEPS {
        let uses_email = step.args.contains(&Arg::Email);
        let runs: Vec<Option<&String>> = if uses_email {
            emails.iter().map(Some).collect()
        } else {
            vec![None]
        };
        for email in runs {
            let values: Vec<Value> = step
                .args
                .iter()
                .map(|a| match a {
                    Arg::Member => Value::from(member),
                    Arg::MemberText => Value::from(member.0.to_string()),
                    Arg::Email => Value::from(email.cloned().unwrap_or_default()),
                    Arg::Placeholder => Value::from(PLACEHOLDER),
                    Arg::Now => Value::from(now),
                })
                .collect();
            tx.execute(step.sql, values).await?;
        }
    }

    // The event log: details that name the person become the placeholder and lose their
    // salt (the one change the log allows, migration 0026: the entry's hash covers the
    // detail's digest, which stays, so the chain stays intact and `verify-log` counts the
    // entry as erased). An import's error text and stored file that name them go too.
    let contains = match tx.backend() {
        crate::db::Backend::Sqlite => "instr(lower(detail), lower($2)) > 0",
        crate::db::Backend::Postgres => "strpos(lower(detail), lower($2)) > 0",
    };
    for n in &needles {
        tx.execute(
            &format!(
                "UPDATE security_events SET detail = '[erased]', detail_salt = NULL WHERE tenant_id = $1 \
                 AND detail IS NOT NULL AND detail <> '[erased]' AND {contains}"
            ),
            args![n.clone()],
        )
        .await?;
        tx.execute(
            &format!(
                "UPDATE member_imports SET error = NULL WHERE tenant_id = $1 AND error IS NOT NULL \
                 AND {}",
                contains.replace("detail", "error")
            ),
            args![n.clone()],
        )
        .await?;
    }
    let files: Vec<(i64, Vec<u8>)> = tx
        .fetch_all(
            "SELECT id, content FROM member_imports WHERE tenant_id = $1 AND content IS NOT NULL",
            args![],
        )
        .await?;
    for (id, content) in files {
        let lower = content.to_ascii_lowercase();
        let named = needles.iter().any(|n| {
            let n = n.to_ascii_lowercase().into_bytes();
            lower.windows(n.len()).any(|w| w == n.as_slice())
        });
        if named {
            tx.execute(
                "UPDATE member_imports SET content = NULL WHERE tenant_id = $1 AND id = $2",
                args![id],
            )
            .await?;
        }
    }

    // The record: an anonymous placeholder that keeps its membership dates and type.
    let ended_on = p.ended_on.unwrap_or_else(|| today.to_string());
    tx.update(
        "members",
        member.0,
        vec![
            ("given_name", "".into()),
            ("family_name", PLACEHOLDER.into()),
            ("sort_name", PLACEHOLDER.into()),
            ("birth_date", Option::<String>::None.into()),
            ("gender", Option::<String>::None.into()),
            ("email", Option::<String>::None.into()),
            ("phone", Option::<String>::None.into()),
            ("street", Option::<String>::None.into()),
            ("postcode", Option::<String>::None.into()),
            ("city", Option::<String>::None.into()),
            ("status", "ended".into()),
            ("ended_on", ended_on.into()),
            ("identity_id", Option::<i64>::None.into()),
            // Out of every list, search, export and count, as a restricted record is.
            ("restricted_at", now.into()),
            ("erased_at", now.into()),
        ],
        None,
    )
    .await?;
    if let Some((ms,)) = membership {
        tx.execute(
            "DELETE FROM memberships WHERE tenant_id = $1 AND id = $2",
            args![ms],
        )
        .await?;
    }

    // The stamps the person's account left in this club.
    let mut ended = Vec::new();
    if let Some((identity, shared)) = account {
        for t in STAMPED_TABLES {
            tx.execute(
                &format!(
                    "UPDATE {t} SET updated_by_name = $2 WHERE tenant_id = $1 AND updated_by = $3"
                ),
                args![PLACEHOLDER, identity],
            )
            .await?;
        }
        tx.execute(
            "UPDATE tenants SET updated_by_name = $2 WHERE id = $1 AND updated_by = $3",
            args![PLACEHOLDER, identity],
        )
        .await?;
        let ptx = tx.platform_part()?;
        ended =
            crate::accounts::revoke_sessions_in_tx(ptx, identity, None, None, now, None).await?;
        if !shared {
            // The account belongs to no other tenant: it ends here.
            ptx.execute(
                "UPDATE identities SET email = $2, name = $3, password_hash = NULL, \
                 totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, \
                 totp_last_step = NULL, lang = NULL, rights_serial = rights_serial + 1, \
                 updated_at = $4, updated_by = NULL, updated_by_name = NULL WHERE id = $1",
                args![
                    identity,
                    format!("erased-{}@erased.invalid", identity.0),
                    PLACEHOLDER,
                    now
                ],
            )
            .await?;
            ptx.execute(
                "UPDATE identities SET updated_by_name = $2 WHERE updated_by = $1",
                args![identity, PLACEHOLDER],
            )
            .await?;
            ptx.execute(
                "DELETE FROM recovery_codes WHERE identity_id = $1",
                args![identity],
            )
            .await?;
            ptx.execute(
                "DELETE FROM auth_tokens WHERE identity_id = $1",
                args![identity],
            )
            .await?;
        }
    }
    tx.log("member_erased", Some(&member.0.to_string())).await?;
    Ok(ended)
}
