//! The retention job: per club, what its rules say is due is erased or removed, in
//! batches, each batch in its own transaction together with the run's counts. Ended
//! members are erased as a person who asks is (`rights::erasure::erase_members_in_tx`,
//! one mechanism: record, dependants, event-log details, stamps, account, sessions), a
//! batch at a time. A run cut
//! off half-way (a crash, a stopped process, [`Limits::max_batches`]) leaves its log row
//! unfinished; the next run picks that row up and goes on where the records say it is, so
//! the end state is the same and nothing is done twice. The dry run asks the same questions
//! without changing anything.

use super::plus_months;
use super::policy::load;
use crate::args;
use crate::db::{Db, TenantTx, Value};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use tessera_common::dto::{
    RetentionItem, RetentionPage, RetentionPreview, RetentionRule, RetentionRules, RetentionRun,
};
use tessera_common::modules::PRIVACY_MANAGE;
use tessera_common::time::{Date, Timestamp};
use tessera_common::MemberId;

const DAY_MS: i64 = 86_400_000;

/// How a run goes: records per batch (one transaction each), and optionally at most how
/// many batches before it stops (as if cut off; the next run completes it).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub batch: usize,
    pub max_batches: Option<usize>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            batch: 500,
            max_batches: None,
        }
    }
}

/// What one call did in one club (or, summed, in every club).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunOutcome {
    pub members_anonymised: u64,
    pub applications_removed: u64,
    pub links_removed: u64,
    pub events_removed: u64,
    /// Batches committed.
    pub batches: usize,
    /// False when the call stopped at [`Limits::max_batches`] with work left.
    pub finished: bool,
}

impl RunOutcome {
    pub fn total(&self) -> u64 {
        self.members_anonymised
            + self.applications_removed
            + self.links_removed
            + self.events_removed
    }
    fn add(&mut self, rule: RetentionRule, n: u64) {
        match rule {
            RetentionRule::EndedMember => self.members_anonymised += n,
            RetentionRule::Application => self.applications_removed += n,
            RetentionRule::Invitation => self.links_removed += n,
            RetentionRule::Event => self.events_removed += n,
        }
    }
    pub fn absorb(&mut self, other: &RunOutcome) {
        self.members_anonymised += other.members_anonymised;
        self.applications_removed += other.applications_removed;
        self.links_removed += other.links_removed;
        self.events_removed += other.events_removed;
        self.batches += other.batches;
    }
}

/// Where each rule starts, at `now` in the club's time zone.
struct Cutoffs {
    /// Members whose end date is on or before this day.
    member_day: Date,
    /// Applications decided or expired before this instant.
    application_before: Timestamp,
    link_before: Timestamp,
    event_before: Timestamp,
}

fn cutoffs(rules: &RetentionRules, scope: &TenantScope, now: Timestamp) -> Cutoffs {
    let today = scope.today(now);
    let event_day = plus_months(today, -rules.event_months);
    let event_days = today.days_since_epoch() - event_day.days_since_epoch();
    Cutoffs {
        member_day: plus_months(today, -rules.member_months),
        application_before: Timestamp(now.0 - rules.application_days * DAY_MS),
        link_before: Timestamp(now.0 - rules.link_days * DAY_MS),
        event_before: Timestamp(now.0 - event_days * DAY_MS),
    }
}

impl Cutoffs {
    fn of(&self, rule: RetentionRule) -> Value {
        match rule {
            RetentionRule::EndedMember => Value::from(self.member_day.to_string()),
            RetentionRule::Application => Value::from(self.application_before),
            RetentionRule::Invitation => Value::from(self.link_before),
            RetentionRule::Event => Value::from(self.event_before),
        }
    }
    /// The day before which (members: on or before which) a record falls under `rule`.
    fn day(&self, rule: RetentionRule, scope: &TenantScope) -> String {
        match rule {
            RetentionRule::EndedMember => self.member_day.to_string(),
            RetentionRule::Application => scope.today(self.application_before).to_string(),
            RetentionRule::Invitation => scope.today(self.link_before).to_string(),
            RetentionRule::Event => scope.today(self.event_before).to_string(),
        }
    }
}

/// The entries of the club's event log that the next pruning removes (after
/// `tenant_id = $1`, cutoff `$2`).
const EVENTS_DUE: &str = "seq <= (SELECT max(d.seq) FROM security_events d \
    WHERE d.tenant_id = $1 AND d.at < $2)";

/// The condition of each rule on its table, after `tenant_id = $1`, with the cutoff `$2`.
fn condition(rule: RetentionRule) -> (&'static str, &'static str) {
    match rule {
        RetentionRule::EndedMember => (
            "members",
            "erased_at IS NULL AND ended_on IS NOT NULL AND ended_on <= $2",
        ),
        RetentionRule::Application => (
            "reg_submissions",
            "((status = 'rejected' AND decided_at < $2) OR (status = 'unconfirmed' AND expires_at < $2))",
        ),
        RetentionRule::Invitation => (
            "admin_invitations",
            "accepted_at IS NULL AND (expires_at < $2 OR withdrawn_at < $2)",
        ),
        // The event log goes through its hash chain's anchor: every entry up to the newest
        // one written before the cutoff (the chain's order; see `event_chain::prune`).
        RetentionRule::Event => ("security_events", EVENTS_DUE),
    }
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    label: Option<String>,
    label2: Option<String>,
    since_day: Option<String>,
    since_at: Option<i64>,
}

/// The records due under `rule` (at most `limit`), oldest first.
async fn due(
    tx: &mut TenantTx,
    rule: RetentionRule,
    cut: &Cutoffs,
    limit: i64,
) -> Result<Vec<ItemRow>> {
    let sql = match rule {
        RetentionRule::EndedMember => {
            "SELECT id, given_name AS label, family_name AS label2, ended_on AS since_day, \
             CAST(NULL AS BIGINT) AS since_at FROM members WHERE tenant_id = $1 \
             AND erased_at IS NULL AND ended_on IS NOT NULL AND ended_on <= $2 \
             ORDER BY ended_on, id LIMIT $3"
        }
        RetentionRule::Application => {
            "SELECT id, email AS label, status AS label2, CAST(NULL AS TEXT) AS since_day, \
             CASE WHEN status = 'rejected' THEN decided_at ELSE expires_at END AS since_at \
             FROM reg_submissions WHERE tenant_id = $1 \
             AND ((status = 'rejected' AND decided_at < $2) OR (status = 'unconfirmed' AND expires_at < $2)) \
             ORDER BY id LIMIT $3"
        }
        RetentionRule::Invitation => {
            "SELECT id, email AS label, name AS label2, CAST(NULL AS TEXT) AS since_day, \
             CASE WHEN withdrawn_at IS NOT NULL AND withdrawn_at < expires_at THEN withdrawn_at ELSE expires_at END AS since_at \
             FROM admin_invitations WHERE tenant_id = $1 \
             AND accepted_at IS NULL AND (expires_at < $2 OR withdrawn_at < $2) ORDER BY id LIMIT $3"
        }
        RetentionRule::Event => {
            "SELECT id, kind AS label, CAST(NULL AS TEXT) AS label2, CAST(NULL AS TEXT) AS since_day, \
             at AS since_at FROM security_events WHERE tenant_id = $1 \
             AND seq <= (SELECT max(d.seq) FROM security_events d WHERE d.tenant_id = $1 AND d.at < $2) \
             ORDER BY seq LIMIT $3"
        }
    };
    tx.fetch_all(sql, vec![cut.of(rule), Value::from(limit)])
        .await
}

async fn count(tx: &mut TenantTx, rule: RetentionRule, cut: &Cutoffs) -> Result<i64> {
    let (table, cond) = condition(rule);
    let (n,): (i64,) = tx
        .fetch_one(
            &format!("SELECT count(*) FROM {table} WHERE tenant_id = $1 AND {cond}"),
            vec![cut.of(rule)],
        )
        .await?;
    Ok(n)
}

/// The dry run: what the next run would do now, rule by rule, with the first records of
/// each (`privacy.manage`; the page is for staff).
pub async fn dry_run(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<RetentionPreview> {
    scope.require(PRIVACY_MANAGE)?;
    let mut tx = db.tenant_snapshot(scope).await?;
    let (rules, _, _) = load(&mut tx).await?;
    let cut = cutoffs(&rules, scope, now);
    let mut counts = Vec::new();
    let mut items = Vec::new();
    for rule in RetentionRule::ALL {
        let n = count(&mut tx, rule, &cut).await?;
        counts.push((rule, n, cut.day(rule, scope)));
        if rule == RetentionRule::Event || n == 0 {
            continue;
        }
        for r in due(&mut tx, rule, &cut, RetentionPreview::LISTED).await? {
            let label = match rule {
                RetentionRule::EndedMember => format!(
                    "{} {}",
                    r.label.unwrap_or_default(),
                    r.label2.unwrap_or_default()
                )
                .trim()
                .to_string(),
                _ => r.label.unwrap_or_default(),
            };
            let since = r
                .since_day
                .or_else(|| r.since_at.map(|at| scope.today(Timestamp(at)).to_string()))
                .unwrap_or_default();
            items.push(RetentionItem {
                rule,
                id: r.id,
                label,
                since,
            });
        }
    }
    tx.commit().await?;
    Ok(RetentionPreview { counts, items })
}

#[derive(sqlx::FromRow)]
struct RunRow {
    id: i64,
    started_at: i64,
    finished_at: Option<i64>,
    members_anonymised: i64,
    applications_removed: i64,
    links_removed: i64,
    events_removed: i64,
}

const RUN_SELECT: &str = "SELECT id, started_at, finished_at, members_anonymised, \
    applications_removed, links_removed, events_removed FROM retention_runs WHERE tenant_id = $1";

impl From<RunRow> for RetentionRun {
    fn from(r: RunRow) -> Self {
        RetentionRun {
            started_at: Timestamp(r.started_at),
            finished_at: r.finished_at.map(Timestamp),
            members_anonymised: r.members_anonymised,
            applications_removed: r.applications_removed,
            links_removed: r.links_removed,
            events_removed: r.events_removed,
        }
    }
}

/// The latest runs that changed something, newest first (`privacy.manage`).
pub async fn runs(db: &Db, scope: &TenantScope, limit: i64) -> Result<Vec<RetentionRun>> {
    scope.require(PRIVACY_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<RunRow> = tx
        .fetch_all(
            &format!("{RUN_SELECT} ORDER BY started_at DESC, id DESC LIMIT $2"),
            args![limit],
        )
        .await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// `/c/{club}/privacy/retention`: the rules, the dry run and the latest runs.
pub async fn page(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<RetentionPage> {
    let (rules, stamp, version) = super::policy::rules(db, scope).await?;
    Ok(RetentionPage {
        rules,
        stamp,
        version,
        preview: dry_run(db, scope, now).await?,
        runs: runs(db, scope, 10).await?,
    })
}

/// The unfinished run of the club, if one was cut off.
async fn open_run(tx: &mut TenantTx) -> Result<Option<RunRow>> {
    tx.fetch_optional(
        &format!("{RUN_SELECT} AND finished_at IS NULL ORDER BY started_at LIMIT 1"),
        vec![],
    )
    .await
}

/// Does one batch of `rule`: re-reads what is due inside the write transaction, applies
/// it, and adds the count to the run's row (made now if the run has none yet), all in one
/// transaction. Returns how many records it changed (0: nothing left under this rule).
async fn batch(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    rule: RetentionRule,
    cut: &Cutoffs,
    size: usize,
) -> Result<u64> {
    let limit = i64::try_from(size).unwrap_or(500);
    // The ended members' accounts are read before the write (another club's memberships
    // are not visible inside this club's transaction).
    let (read, accounts) = if rule == RetentionRule::EndedMember {
        let mut tx = db.tenant_read(scope).await?;
        let ids: Vec<i64> = due(&mut tx, rule, cut, limit)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        tx.commit().await?;
        let members: Vec<MemberId> = ids.iter().map(|i| MemberId(*i)).collect();
        let accounts = crate::rights::erasure::accounts_of(db, scope, &members).await?;
        (ids, accounts)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut ended = Vec::new();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let ids: Vec<i64> = due(&mut tx, rule, cut, limit)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    if ids.is_empty() {
        tx.commit().await?;
        return Ok(0);
    }
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
    let marks = marks.join(", ");
    let values: Vec<Value> = ids.iter().map(|i| Value::from(*i)).collect();
    let n = match rule {
        RetentionRule::EndedMember => {
            // Only those whose accounts were read (one that became due meanwhile waits
            // for the next batch).
            let ids: Vec<MemberId> = ids
                .iter()
                .filter(|i| read.contains(i))
                .map(|i| MemberId(*i))
                .collect();
            let done = crate::rights::erasure::erase_members_in_tx(
                &mut tx,
                &ids,
                &accounts,
                crate::rights::erasure::RoleHolders::KeepAccount,
                now,
                scope.today(now),
            )
            .await?;
            ended = done.ended_sessions;
            done.members
        }
        RetentionRule::Application => {
            tx.execute(
                &format!("DELETE FROM reg_submissions WHERE tenant_id = $1 AND id IN ({marks})"),
                values,
            )
            .await?
        }
        RetentionRule::Invitation => {
            tx.execute(
                &format!("DELETE FROM admin_invitations WHERE tenant_id = $1 AND id IN ({marks})"),
                values,
            )
            .await?
        }
        RetentionRule::Event => {
            // Through the chain's anchor (the only way entries leave the log), and logged
            // in the same transaction: the pruning itself is in the chain.
            let n = tx
                .prune_events_batch(cut.event_before, Some(size as u64))
                .await?;
            if n > 0 {
                let day = cut.day(rule, scope);
                tx.log(
                    "events_pruned",
                    Some(&format!("{n} entries written before {day}")),
                )
                .await?;
            }
            n
        }
    };
    let column = match rule {
        RetentionRule::EndedMember => "members_anonymised",
        RetentionRule::Application => "applications_removed",
        RetentionRule::Invitation => "links_removed",
        RetentionRule::Event => "events_removed",
    };
    let n_i = i64::try_from(n).unwrap_or(i64::MAX);
    match open_run(&mut tx).await? {
        Some(run) => {
            tx.execute(
                &format!(
                    "UPDATE retention_runs SET {column} = {column} + $3, version = version + 1 \
                     WHERE tenant_id = $1 AND id = $2"
                ),
                args![run.id, n_i],
            )
            .await?;
        }
        None => {
            tx.insert(
                "retention_runs",
                vec![
                    ("id", Value::from(crate::ids::new_id())),
                    ("started_at", Value::from(now)),
                    (column, Value::from(n_i)),
                ],
            )
            .await?;
        }
    }
    tx.commit().await?;
    crate::accounts::forget_ended(db, &ended);
    Ok(n)
}

/// Runs the club's rules now: every rule in batches of `limits.batch` records until
/// nothing is due, then closes the run's log row (counts only) and writes one event with
/// the counts. Resumes a run that was cut off.
pub async fn run_club(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    limits: Limits,
) -> Result<RunOutcome> {
    scope.require(PRIVACY_MANAGE)?;
    let actor = Actor::system("retention");
    let mut out = RunOutcome::default();
    let cut = {
        let mut tx = db.tenant_read(scope).await?;
        let (rules, _, _) = load(&mut tx).await?;
        tx.commit().await?;
        cutoffs(&rules, scope, now)
    };
    for rule in RetentionRule::ALL {
        loop {
            // A read first: a club with nothing due takes no write transaction.
            let mut tx = db.tenant_read(scope).await?;
            let any = !due(&mut tx, rule, &cut, 1).await?.is_empty();
            tx.commit().await?;
            if !any {
                break;
            }
            if limits.max_batches.is_some_and(|m| out.batches >= m) {
                return Ok(out);
            }
            let n = batch(db, scope, &actor, now, rule, &cut, limits.batch.max(1)).await?;
            out.batches += 1;
            out.add(rule, n);
            if n == 0 {
                break;
            }
        }
    }
    finish(db, scope, &actor, now).await?;
    out.finished = true;
    Ok(out)
}

/// Closes the club's open run, if any, and logs its counts (never whom).
async fn finish(db: &Db, scope: &TenantScope, actor: &Actor, now: Timestamp) -> Result<()> {
    let mut tx = db.tenant_read(scope).await?;
    let open = open_run(&mut tx).await?;
    tx.commit().await?;
    if open.is_none() {
        return Ok(());
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let Some(run) = open_run(&mut tx).await? else {
        return Ok(());
    };
    tx.update(
        "retention_runs",
        run.id,
        vec![("finished_at", Value::from(now))],
        None,
    )
    .await?;
    tx.log(
        "retention_run",
        Some(&format!(
            "members anonymised {}, applications removed {}, invitations removed {}, events removed {}",
            run.members_anonymised, run.applications_removed, run.links_removed, run.events_removed
        )),
    )
    .await?;
    tx.commit().await
}

/// The daily job over every active club (read-only ones too: retention goes on), for a
/// job or the command line (`task`). Returns the sum of what it did.
pub async fn run_due(
    db: &Db,
    task: &crate::jobs::SystemTask,
    now: Timestamp,
    limits: Limits,
) -> Result<RunOutcome> {
    let mut total = RunOutcome {
        finished: true,
        ..RunOutcome::default()
    };
    for club in crate::tenancy::active_clubs(db).await? {
        let scope = TenantScope::for_system_task(task, club);
        let left = limits.max_batches.map(|m| m.saturating_sub(total.batches));
        let out = run_club(
            db,
            &scope,
            now,
            Limits {
                batch: limits.batch,
                max_batches: left,
            },
        )
        .await?;
        total.absorb(&out);
        if !out.finished {
            total.finished = false;
            break;
        }
    }
    Ok(total)
}
