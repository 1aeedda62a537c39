//! Merging two records of one club: every reference to the record that goes moves to the
//! one that stays, in one transaction, through [`MEMBER_REFERENCES`] (a table with a
//! member reference adds its entry there; `tests_dupes::every_member_reference_is_covered`
//! reads the schema and names a table that is missing).

use crate::args;
use crate::db::{Db, TenantTx, Value};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use std::collections::BTreeSet;
use tessera_common::dupes::{MergePreview, MERGE_FIELDS};
use tessera_common::modules::MEMBERS_EDIT;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, MemberId, Msg};

/// A value a statement binds after the tenant (`$1`), in the order listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ref {
    /// The record that stays (for a deletion: the record deleted).
    Keep,
    /// The record that goes (merges only).
    Remove,
    /// [`Ref::Keep`] as text (the space-separated id lists of submissions).
    KeepText,
    /// [`Ref::Remove`] as text.
    RemoveText,
}

/// One statement on one table of the tenant (`tenant_id = $1`).
#[derive(Clone, Copy, Debug)]
pub struct Step {
    pub sql: &'static str,
    pub args: &'static [Ref],
}

/// What a merge and a deletion do to one table that refers to member records.
#[derive(Clone, Copy, Debug)]
pub struct MemberReference {
    pub table: &'static str,
    /// Moves the references of `Remove` to `Keep` (no duplicate rows, no self-links).
    pub merge: &'static [Step],
    /// Removes the references to the record deleted (`Keep`).
    pub delete: &'static [Step],
}

use Ref::*;

/// Every table with a reference to a member record (besides `members` itself), with what
/// a merge and a deletion do to it, run in this order.
pub const MEMBER_REFERENCES: &[MemberReference] = &[
    // The club's own fields: the kept record's values win; a field only the other record
    // has a value for moves over.
    MemberReference {
        table: "member_field_values",
        merge: &[
            Step {
                sql: "DELETE FROM member_field_values WHERE tenant_id = $1 AND member_id = $3 \
                      AND field_id IN (SELECT k.field_id FROM member_field_values k \
                      WHERE k.tenant_id = $1 AND k.member_id = $2)",
                args: &[Keep, Remove],
            },
            Step {
                sql: "UPDATE member_field_values SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
                args: &[Keep, Remove],
            },
        ],
        delete: &[Step {
            sql: "DELETE FROM member_field_values WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // Family links, both ways: moved unless the kept record has the same link already or
    // it would link the kept record to itself; what is left of the other record goes.
    MemberReference {
        table: "member_guardians",
        merge: &[
            Step {
                sql: "UPDATE member_guardians SET guardian_id = $2 WHERE tenant_id = $1 AND guardian_id = $3 \
                      AND child_id <> $2 AND NOT EXISTS (SELECT 1 FROM member_guardians k \
                      WHERE k.tenant_id = $1 AND k.guardian_id = $2 AND k.child_id = member_guardians.child_id)",
                args: &[Keep, Remove],
            },
            Step {
                sql: "UPDATE member_guardians SET child_id = $2 WHERE tenant_id = $1 AND child_id = $3 \
                      AND guardian_id <> $2 AND NOT EXISTS (SELECT 1 FROM member_guardians k \
                      WHERE k.tenant_id = $1 AND k.child_id = $2 AND k.guardian_id = member_guardians.guardian_id)",
                args: &[Keep, Remove],
            },
            Step {
                sql: "DELETE FROM member_guardians WHERE tenant_id = $1 AND (guardian_id = $2 OR child_id = $2)",
                args: &[Remove],
            },
        ],
        delete: &[Step {
            sql: "DELETE FROM member_guardians WHERE tenant_id = $1 AND (guardian_id = $2 OR child_id = $2)",
            args: &[Keep],
        }],
    },
    // The search words: the kept record is indexed again after the merge.
    MemberReference {
        table: "member_search",
        merge: &[Step {
            sql: "DELETE FROM member_search WHERE tenant_id = $1 AND member_id = $2",
            args: &[Remove],
        }],
        delete: &[Step {
            sql: "DELETE FROM member_search WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // The registrations that created the records: their id lists name the kept record.
    MemberReference {
        table: "reg_submissions",
        merge: &[Step {
            sql: "UPDATE reg_submissions SET member_ids = \
                  trim(replace(' ' || member_ids || ' ', ' ' || $3 || ' ', ' ' || $2 || ' ')) \
                  WHERE tenant_id = $1 AND (' ' || coalesce(member_ids, '') || ' ') LIKE ('% ' || $3 || ' %')",
            args: &[KeepText, RemoveText],
        }],
        delete: &[Step {
            sql: "UPDATE reg_submissions SET member_ids = \
                  trim(replace(' ' || member_ids || ' ', ' ' || $2 || ' ', ' ')) \
                  WHERE tenant_id = $1 AND (' ' || coalesce(member_ids, '') || ' ') LIKE ('% ' || $2 || ' %')",
            args: &[KeepText],
        }],
    },
    MemberReference {
        table: "privacy_requests",
        merge: &[Step {
            sql: "UPDATE privacy_requests SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
            args: &[Keep, Remove],
        }],
        delete: &[Step {
            sql: "DELETE FROM privacy_requests WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // Every consent event of both records stays (the history is the proof).
    MemberReference {
        table: "consent_events",
        merge: &[Step {
            sql: "UPDATE consent_events SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
            args: &[Keep, Remove],
        }],
        delete: &[Step {
            sql: "DELETE FROM consent_events WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // Where each consent stands now: per purpose the later of the two records' answers.
    MemberReference {
        table: "member_consents",
        merge: &[
            Step {
                sql: "DELETE FROM member_consents WHERE tenant_id = $1 AND member_id = $2 \
                      AND EXISTS (SELECT 1 FROM member_consents r WHERE r.tenant_id = $1 \
                      AND r.member_id = $3 AND r.purpose_id = member_consents.purpose_id \
                      AND r.at > member_consents.at)",
                args: &[Keep, Remove],
            },
            Step {
                sql: "DELETE FROM member_consents WHERE tenant_id = $1 AND member_id = $3 \
                      AND purpose_id IN (SELECT k.purpose_id FROM member_consents k \
                      WHERE k.tenant_id = $1 AND k.member_id = $2)",
                args: &[Keep, Remove],
            },
            Step {
                sql: "UPDATE member_consents SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
                args: &[Keep, Remove],
            },
        ],
        delete: &[Step {
            sql: "DELETE FROM member_consents WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // The exports that included either record included the person once.
    MemberReference {
        table: "export_register_members",
        merge: &[
            Step {
                sql: "DELETE FROM export_register_members WHERE tenant_id = $1 AND member_id = $3 \
                      AND export_id IN (SELECT k.export_id FROM export_register_members k \
                      WHERE k.tenant_id = $1 AND k.member_id = $2)",
                args: &[Keep, Remove],
            },
            Step {
                sql: "UPDATE export_register_members SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
                args: &[Keep, Remove],
            },
        ],
        delete: &[Step {
            sql: "DELETE FROM export_register_members WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // The federation reads that named either record, counted: the other record's count is
    // added to the kept one's (or becomes it), then goes.
    MemberReference {
        table: "federation_read_counts",
        merge: &[
            Step {
                sql: "INSERT INTO federation_read_counts (tenant_id, member_id, reads) \
                      SELECT tenant_id, $2, reads FROM federation_read_counts \
                      WHERE tenant_id = $1 AND member_id = $3 \
                      ON CONFLICT (tenant_id, member_id) \
                      DO UPDATE SET reads = federation_read_counts.reads + excluded.reads",
                args: &[Keep, Remove],
            },
            Step {
                sql: "DELETE FROM federation_read_counts WHERE tenant_id = $1 AND member_id = $2",
                args: &[Remove],
            },
        ],
        delete: &[Step {
            sql: "DELETE FROM federation_read_counts WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // The person's own My-data downloads, counted the same way, with the earlier first and
    // the later last (their downloads moved to the kept record above).
    MemberReference {
        table: "my_data_downloads",
        merge: &[
            Step {
                sql: "INSERT INTO my_data_downloads (tenant_id, member_id, downloads, first_at, last_at) \
                      SELECT tenant_id, $2, downloads, first_at, last_at FROM my_data_downloads \
                      WHERE tenant_id = $1 AND member_id = $3 \
                      ON CONFLICT (tenant_id, member_id) DO UPDATE SET \
                      downloads = my_data_downloads.downloads + excluded.downloads, \
                      first_at = CASE WHEN excluded.first_at < my_data_downloads.first_at \
                      THEN excluded.first_at ELSE my_data_downloads.first_at END, \
                      last_at = CASE WHEN excluded.last_at > my_data_downloads.last_at \
                      THEN excluded.last_at ELSE my_data_downloads.last_at END",
                args: &[Keep, Remove],
            },
            Step {
                sql: "DELETE FROM my_data_downloads WHERE tenant_id = $1 AND member_id = $2",
                args: &[Remove],
            },
        ],
        delete: &[Step {
            sql: "DELETE FROM my_data_downloads WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // Places in groups (with their dates and leadership) move as they are.
    MemberReference {
        table: "group_members",
        merge: &[Step {
            sql: "UPDATE group_members SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
            args: &[Keep, Remove],
        }],
        delete: &[Step {
            sql: "DELETE FROM group_members WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // renewal: the kept record's renewal of a season wins; the link's addressee follows.
    MemberReference {
        table: "renewal_members",
        merge: &[
            Step {
                sql: "DELETE FROM renewal_members WHERE tenant_id = $1 AND member_id = $3 \
                      AND season_id IN (SELECT k.season_id FROM renewal_members k \
                      WHERE k.tenant_id = $1 AND k.member_id = $2)",
                args: &[Keep, Remove],
            },
            Step {
                sql: "UPDATE renewal_members SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
                args: &[Keep, Remove],
            },
            Step {
                sql: "UPDATE renewal_members SET addressee_id = $2 WHERE tenant_id = $1 AND addressee_id = $3",
                args: &[Keep, Remove],
            },
        ],
        delete: &[
            Step {
                sql: "DELETE FROM renewal_members WHERE tenant_id = $1 AND member_id = $2",
                args: &[Keep],
            },
            Step {
                sql: "UPDATE renewal_members SET addressee_id = NULL WHERE tenant_id = $1 AND addressee_id = $2",
                args: &[Keep],
            },
        ],
    },
    // Documents (certificates, signed forms) go with the person.
    MemberReference {
        table: "member_documents",
        merge: &[Step {
            sql: "UPDATE member_documents SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
            args: &[Keep, Remove],
        }],
        delete: &[Step {
            sql: "DELETE FROM member_documents WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // Attendance and reported absences: the kept record's mark wins for a day both have.
    MemberReference {
        table: "attendance",
        merge: &[
            Step {
                sql: "DELETE FROM attendance WHERE tenant_id = $1 AND member_id = $3 \
                      AND EXISTS (SELECT 1 FROM attendance k WHERE k.tenant_id = $1 \
                      AND k.member_id = $2 AND k.activity_id = attendance.activity_id AND k.occ_date = attendance.occ_date)",
                args: &[Keep, Remove],
            },
            Step {
                sql: "UPDATE attendance SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
                args: &[Keep, Remove],
            },
        ],
        delete: &[Step {
            sql: "DELETE FROM attendance WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    MemberReference {
        table: "activity_absences",
        merge: &[
            Step {
                sql: "DELETE FROM activity_absences WHERE tenant_id = $1 AND member_id = $3 \
                      AND EXISTS (SELECT 1 FROM activity_absences k WHERE k.tenant_id = $1 \
                      AND k.member_id = $2 AND k.activity_id = activity_absences.activity_id AND k.occ_date = activity_absences.occ_date)",
                args: &[Keep, Remove],
            },
            Step {
                sql: "UPDATE activity_absences SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
                args: &[Keep, Remove],
            },
        ],
        delete: &[Step {
            sql: "DELETE FROM activity_absences WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // A personal calendar feed is the person's secret address: the other record's goes.
    MemberReference {
        table: "calendar_feeds",
        merge: &[Step {
            sql: "DELETE FROM calendar_feeds WHERE tenant_id = $1 AND member_id = $2",
            args: &[Remove],
        }],
        delete: &[Step {
            sql: "DELETE FROM calendar_feeds WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // Mailings' outbox rows: the mail was about (member_id) or addressed to (to_member_id)
    // the person; a merge moves both unless the kept record had the same mail already, a
    // deletion removes them (the mailing's figures lose those rows, as with an erasure).
    MemberReference {
        table: "mailing_recipients",
        merge: &[
            Step {
                sql: "DELETE FROM mailing_recipients WHERE tenant_id = $1 AND (member_id = $3 OR to_member_id = $3) \
                      AND EXISTS (SELECT 1 FROM mailing_recipients k WHERE k.tenant_id = $1 \
                      AND k.mailing_id = mailing_recipients.mailing_id \
                      AND k.member_id = CASE WHEN mailing_recipients.member_id = $3 THEN $2 ELSE mailing_recipients.member_id END \
                      AND k.to_member_id = CASE WHEN mailing_recipients.to_member_id = $3 THEN $2 ELSE mailing_recipients.to_member_id END)",
                args: &[Keep, Remove],
            },
            Step {
                sql: "UPDATE mailing_recipients SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
                args: &[Keep, Remove],
            },
            Step {
                sql: "UPDATE mailing_recipients SET to_member_id = $2 WHERE tenant_id = $1 AND to_member_id = $3",
                args: &[Keep, Remove],
            },
        ],
        delete: &[Step {
            sql: "DELETE FROM mailing_recipients WHERE tenant_id = $1 AND (member_id = $2 OR to_member_id = $2)",
            args: &[Keep],
        }],
    },
    // Invoices and their lines (seasons and fees) are accounting records the club keeps:
    // a merge moves them to the kept record; a deletion keeps them with the payer's name as
    // written on them and no link to the record.
    MemberReference {
        table: "invoices",
        merge: &[
            Step {
                sql: "UPDATE invoices SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
                args: &[Keep, Remove],
            },
            Step {
                sql: "UPDATE invoices SET payer_member_id = $2 WHERE tenant_id = $1 AND payer_member_id = $3",
                args: &[Keep, Remove],
            },
        ],
        delete: &[
            Step {
                sql: "UPDATE invoices SET member_id = NULL WHERE tenant_id = $1 AND member_id = $2",
                args: &[Keep],
            },
            Step {
                sql: "UPDATE invoices SET payer_member_id = NULL WHERE tenant_id = $1 AND payer_member_id = $2",
                args: &[Keep],
            },
        ],
    },
    // reminders: a reminder names the payer it was mailed to; it follows the kept record,
    // and keeps its address without the link when the record is deleted.
    MemberReference {
        table: "invoice_reminders",
        merge: &[Step {
            sql: "UPDATE invoice_reminders SET to_member_id = $2 WHERE tenant_id = $1 AND to_member_id = $3",
            args: &[Keep, Remove],
        }],
        delete: &[Step {
            sql: "UPDATE invoice_reminders SET to_member_id = NULL WHERE tenant_id = $1 AND to_member_id = $2",
            args: &[Keep],
        }],
    },
    MemberReference {
        table: "invoice_lines",
        merge: &[Step {
            sql: "UPDATE invoice_lines SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
            args: &[Keep, Remove],
        }],
        delete: &[Step {
            sql: "UPDATE invoice_lines SET member_id = NULL WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
    // The account link: a merge refuses two records that both have an account (see
    // [`merge`]), so at most one link moves; a deletion refuses a record with one, so
    // nothing is left to unlink (the statement is there for completeness).
    MemberReference {
        table: "memberships",
        merge: &[Step {
            sql: "UPDATE memberships SET member_id = $2 WHERE tenant_id = $1 AND member_id = $3",
            args: &[Keep, Remove],
        }],
        delete: &[Step {
            sql: "UPDATE memberships SET member_id = NULL WHERE tenant_id = $1 AND member_id = $2",
            args: &[Keep],
        }],
    },
];

/// Tables of ANOTHER tenant that name a club's member record: the federation's copy of a
/// licensed person (`fed_people`, tenant = the federation). A club's merge or deletion
/// never writes another tenant's rows through its own scope; the licences feature follows
/// such a change across the tenants. The schema test accepts these tables as covered.
pub const OTHER_TENANT_REFERENCES: &[&str] = &["fed_people"];

/// Runs steps with their values.
pub(super) async fn run(
    tx: &mut TenantTx,
    steps: &[Step],
    keep: MemberId,
    remove: Option<MemberId>,
) -> Result<()> {
    for s in steps {
        let mut values: Vec<Value> = Vec::with_capacity(s.args.len());
        for a in s.args {
            values.push(match a {
                Keep => keep.into(),
                KeepText => keep.0.to_string().into(),
                Remove => remove.ok_or(AppError::NotFound)?.into(),
                RemoveText => remove.ok_or(AppError::NotFound)?.0.to_string().into(),
            });
        }
        tx.execute(s.sql, values).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
pub(super) struct StateRow {
    pub(super) version: i64,
    pub(super) restricted_at: Option<i64>,
    pub(super) erased_at: Option<i64>,
    pub(super) identity_id: Option<i64>,
    pub(super) account: Option<i64>,
}

/// The state of a record that decides whether it may be merged or deleted; `NotFound` for
/// a record that is not the club's.
pub(super) async fn state(tx: &mut TenantTx, id: MemberId) -> Result<StateRow> {
    let row: Option<StateRow> = tx
        .fetch_optional(
            "SELECT m.version, m.restricted_at, m.erased_at, m.identity_id, \
             (SELECT s.identity_id FROM memberships s WHERE s.tenant_id = m.tenant_id AND s.member_id = m.id) AS account \
             FROM members m WHERE m.tenant_id = $1 AND m.id = $2",
            args![id],
        )
        .await?;
    let row = row.ok_or(AppError::NotFound)?;
    if row.erased_at.is_some() {
        return Err(AppError::conflict(Msg::ErrRightsErased));
    }
    if row.restricted_at.is_some() {
        return Err(AppError::conflict(Msg::ErrRightsRestricted));
    }
    Ok(row)
}

/// Both records for the confirmation page (`members.edit`); refused as the merge would be.
pub async fn preview(
    db: &Db,
    scope: &TenantScope,
    keep: MemberId,
    remove: MemberId,
) -> Result<MergePreview> {
    scope.require(MEMBERS_EDIT)?;
    if keep == remove {
        return Err(AppError::bad_request(Msg::DupMergeSelf));
    }
    let mut tx = db.tenant_read(scope).await?;
    let a = state(&mut tx, keep).await?;
    let b = state(&mut tx, remove).await?;
    tx.commit().await?;
    if a.account.is_some() && b.account.is_some() {
        return Err(AppError::conflict(Msg::DupMergeTwoAccounts));
    }
    Ok(MergePreview {
        keep: crate::members::get_for_edit(db, scope, keep).await?,
        remove: crate::members::get_for_edit(db, scope, remove).await?,
    })
}

/// Merges `remove` into `keep` (`members.edit`), both of this club, neither restricted nor
/// erased, at the versions the confirmation page showed. `take_other` names the fields
/// (of [`MERGE_FIELDS`]) whose value comes from `remove`; the others keep `keep`'s.
/// Two records that both have an account are refused: which account would lose its
/// link (and its roles, its sign-in to this record) is for the people themselves to say,
/// so staff first unlink one (or the person closes one); a single account moves to the
/// kept record. Everything else moves as [`MEMBER_REFERENCES`] says; the kept record is
/// stamped with the merge, the event log names both ids.
#[allow(clippy::too_many_arguments)]
pub async fn merge(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    keep: MemberId,
    remove: MemberId,
    versions: (i64, i64),
    take_other: &BTreeSet<String>,
) -> Result<()> {
    scope.require(MEMBERS_EDIT)?;
    if keep == remove {
        return Err(AppError::bad_request(Msg::DupMergeSelf));
    }
    if let Some(f) = take_other
        .iter()
        .find(|f| !MERGE_FIELDS.contains(&f.as_str()))
    {
        return Err(AppError::bad_request(
            tessera_common::Problem::new(Msg::DupMergeField).arg("field", f),
        ));
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let a = state(&mut tx, keep).await?;
    let b = state(&mut tx, remove).await?;
    if a.version != versions.0 || b.version != versions.1 {
        return Err(AppError::conflict(Msg::DupMergeChanged));
    }
    if a.account.is_some() && b.account.is_some() {
        return Err(AppError::conflict(Msg::DupMergeTwoAccounts));
    }
    // The federation reads still queued for the club go into its log and the people's
    // counts first (`fedreads::queue`), so the count step below moves those of `remove` too.
    crate::fedreads::queue::chain_in(&mut tx).await?;
    // The values chosen from the record that goes, read before it goes.
    let mut cols: Vec<(&str, Value)> = Vec::new();
    if !take_other.is_empty() {
        let mut vals = Vec::with_capacity(MERGE_FIELDS.len());
        for f in MERGE_FIELDS {
            let v: Option<(Option<String>,)> = tx
                .fetch_optional(
                    &format!("SELECT {f} FROM members WHERE tenant_id = $1 AND id = $2"),
                    args![remove],
                )
                .await?;
            vals.push(v.and_then(|v| v.0));
        }
        for (f, v) in MERGE_FIELDS.iter().zip(vals) {
            if take_other.contains(*f) {
                cols.push((f, v.into()));
            }
        }
    }
    if cols
        .iter()
        .any(|(f, _)| *f == "given_name" || *f == "family_name")
    {
        let name = |k: &str| cols.iter().find(|(f, _)| *f == k).map(|(_, v)| v.clone());
        // The sort key follows the names.
        let (g, fam) = (name("given_name"), name("family_name"));
        let cur: (String, String) = tx
            .fetch_one(
                "SELECT given_name, family_name FROM members WHERE tenant_id = $1 AND id = $2",
                args![keep],
            )
            .await?;
        let text = |v: Option<Value>, d: &str| match v {
            Some(Value::Text(Some(s))) => s,
            _ => d.to_string(),
        };
        let (g, fam) = (text(g, &cur.0), text(fam, &cur.1));
        cols.push(("sort_name", crate::search::sort_name(&g, &fam).into()));
    }
    // A single account moves to the kept record (memberships through the steps below).
    if a.identity_id.is_none() && b.identity_id.is_some() {
        tx.execute(
            "UPDATE members SET identity_id = NULL WHERE tenant_id = $1 AND id = $2",
            args![remove],
        )
        .await?;
        cols.push(("identity_id", b.identity_id.into()));
    }
    for r in MEMBER_REFERENCES {
        run(&mut tx, r.merge, keep, Some(remove)).await?;
    }
    // A family link the move would turn into a circle (each the other's guardian).
    let circles: (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM member_guardians a JOIN member_guardians b \
             ON b.tenant_id = a.tenant_id AND b.guardian_id = a.child_id AND b.child_id = a.guardian_id \
             WHERE a.tenant_id = $1 AND a.guardian_id = $2",
            args![keep],
        )
        .await?;
    if circles.0 > 0 {
        return Err(AppError::conflict(Msg::DupGuardianCycle));
    }
    tx.execute(
        "DELETE FROM members WHERE tenant_id = $1 AND id = $2",
        args![remove],
    )
    .await?;
    tx.update("members", keep.0, cols, None).await?;
    crate::search::reindex(&mut tx, keep).await?;
    tx.log(
        "members_merged",
        Some(&format!(
            "member #{} merged into member #{}",
            remove.0, keep.0
        )),
    )
    .await?;
    tx.commit().await
}
