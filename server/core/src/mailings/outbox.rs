//! Sending a mailing's outbox: claim a row, send it, mark it, one row at a time, each step
//! a transaction of its own, so a row is never sent twice (see the module's text).

use super::{render, token, MailingRow, MAILING_COLS};
use crate::args;
use crate::clock::Clock;
use crate::db::Db;
use crate::error::Result;
use crate::jobs::SystemTask;
use crate::mail::{Brand, Mail, Mailer, SendFailure};
use crate::scope::{Actor, TenantScope};
use std::future::Future;
use std::sync::OnceLock;
use std::time::Duration;
use tessera_common::mailing::MailingKind;
use tessera_common::time::Timestamp;
use tessera_common::{Lang, Msg};

/// What hands a mail over: the [`Mailer`], or a test's stand-in.
pub trait Sender: Sync {
    fn send(
        &self,
        mail: Mail,
        unsubscribe: Option<String>,
    ) -> impl Future<Output = std::result::Result<(), SendFailure>> + Send;
}

impl Sender for Mailer {
    async fn send(
        &self,
        mail: Mail,
        unsubscribe: Option<String>,
    ) -> std::result::Result<(), SendFailure> {
        self.send_list(mail, unsubscribe.as_deref()).await
    }
}

/// How fast and how often: the pause between two mails (the rate limit), the first wait
/// after a temporary failure (doubled at each attempt), the attempts before giving up, and
/// how long a claimed row is left to its sender before it counts as interrupted.
#[derive(Clone, Copy, Debug)]
pub struct Pace {
    pub interval: Duration,
    pub retry_after_ms: i64,
    pub max_attempts: i64,
    pub lease_ms: i64,
}

impl Default for Pace {
    /// 50 mails a second; retries after 1, 2, 4 and 8 minutes; a lease of 5 minutes.
    fn default() -> Self {
        Pace {
            interval: Duration::from_millis(20),
            retry_after_ms: 60_000,
            max_attempts: 5,
            lease_ms: 5 * 60_000,
        }
    }
}

impl Pace {
    /// `per_second` mails a second at most (0: no pause).
    pub fn per_second(per_second: u64) -> Pace {
        Pace {
            interval: 1_000_000u64
                .checked_div(per_second)
                .map_or(Duration::ZERO, Duration::from_micros),
            ..Pace::default()
        }
    }
}

fn wake_signal() -> &'static tokio::sync::Notify {
    static WAKE: OnceLock<tokio::sync::Notify> = OnceLock::new();
    WAKE.get_or_init(tokio::sync::Notify::new)
}

/// Tells the delivery job of this process that a mailing was queued.
pub(crate) fn wake() {
    wake_signal().notify_one();
}

/// Runs the delivery job of `serve`: [`deliver`] at once, whenever a mailing is queued,
/// and every 30 seconds (retries that came due, rows of a stopped process).
pub fn spawn_delivery(services: crate::Services, pace: Pace) {
    tokio::spawn(async move {
        loop {
            match deliver(
                &services.db,
                &services.mailer,
                &services.public_url,
                services.clock.as_ref(),
                pace,
            )
            .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(mails = n, "mailings delivered"),
                Err(e) => tracing::error!(error = %e, "delivering mailings failed; it resumes"),
            }
            tokio::select! {
                _ = wake_signal().notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(30)) => {}
            }
        }
    });
}

/// Sends what is due in the outbox of every mailing being sent, in every active club.
/// Returns how many mails went out.
pub async fn deliver<S: Sender>(
    db: &Db,
    sender: &S,
    public_url: &str,
    clock: &dyn Clock,
    pace: Pace,
) -> Result<usize> {
    let task = SystemTask::background();
    let mut total = 0;
    for club in crate::tenancy::active_clubs(db).await? {
        let scope = TenantScope::for_system_task(&task, club);
        let mut tx = db.tenant_read(&scope).await?;
        let ids: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT id FROM mailings WHERE tenant_id = $1 AND status = 'sending' \
                 ORDER BY queued_at, id",
                args![],
            )
            .await?;
        tx.commit().await?;
        for (id,) in ids {
            total += deliver_mailing(db, &scope, sender, public_url, clock, pace, id).await?;
        }
    }
    Ok(total)
}

/// Marks the rows of `mailing` whose sender's lease ran out (a process that stopped while
/// sending them) as interrupted: perhaps sent, so never sent again. Returns how many.
pub async fn recover(db: &Db, scope: &TenantScope, now: Timestamp, mailing: i64) -> Result<u64> {
    let actor = Actor::system("mailings");
    let mut tx = db.tenant_write(scope, &actor, now).await?;
    let n = tx
        .execute(
            "UPDATE mailing_recipients SET status = 'interrupted', error = $4, updated_at = $3 \
             WHERE tenant_id = $1 AND mailing_id = $2 AND status = 'sending' AND next_at <= $3",
            args![
                mailing,
                now,
                "interrupted while sending: perhaps delivered, not sent again"
            ],
        )
        .await?;
    tx.commit().await?;
    Ok(n)
}

#[derive(sqlx::FromRow)]
struct Claimed {
    id: i64,
    email: String,
    first_name: String,
    lang: String,
    attempts: i64,
}

/// Sends what is due in one mailing's outbox, one row after another at the pace's rate;
/// marks the mailing done when nothing is left to send. Returns how many mails went out.
pub async fn deliver_mailing<S: Sender>(
    db: &Db,
    scope: &TenantScope,
    sender: &S,
    public_url: &str,
    clock: &dyn Clock,
    pace: Pace,
    mailing: i64,
) -> Result<usize> {
    let actor = Actor::system("mailings");
    recover(db, scope, clock.now(), mailing).await?;
    let mut tx = db.tenant_read(scope).await?;
    let row: Option<MailingRow> = tx
        .fetch_optional(
            &format!(
                "SELECT {MAILING_COLS} FROM mailings WHERE tenant_id = $1 AND id = $2 \
                 AND status = 'sending'"
            ),
            args![mailing],
        )
        .await?;
    tx.commit().await?;
    let Some(row) = row else {
        return Ok(0);
    };
    let club = scope.tenant().default_lang;
    let brand = Brand::of(scope.tenant(), public_url);
    let (subject, body) = (row.subject(), row.body());
    let key = if row.kind() == MailingKind::Newsletter {
        Some(crate::secrets::get_or_create(db, token::KEY, clock.now()).await?)
    } else {
        None
    };
    let mut sent = 0;
    loop {
        let now = clock.now();
        let mut tx = db.tenant_write(scope, &actor, now).await?;
        let claimed: Option<Claimed> = tx
            .fetch_optional(
                "UPDATE mailing_recipients SET status = 'sending', next_at = $4, \
                 attempts = attempts + 1, updated_at = $3 WHERE tenant_id = $1 AND id = \
                 (SELECT id FROM mailing_recipients WHERE tenant_id = $1 AND mailing_id = $2 \
                 AND status = 'queued' AND next_at <= $3 ORDER BY next_at, id LIMIT 1) \
                 AND status = 'queued' RETURNING id, email, first_name, lang, attempts",
                args![mailing, now, Timestamp(now.0 + pace.lease_ms)],
            )
            .await?;
        tx.commit().await?;
        let Some(c) = claimed else {
            break;
        };
        let lang = Lang::parse(&c.lang).unwrap_or(club);
        let (subject, mut text) = render::mail_texts(
            &subject,
            &body,
            lang,
            club,
            &c.first_name,
            &scope.tenant().name,
        );
        let unsubscribe = match &key {
            Some(k) => {
                let url = token::url(public_url, k, scope.tenant_id().0, c.id)?;
                text.push_str(&format!(
                    "\n\n{}\n{url}",
                    Msg::MailingUnsubscribeLine.text(lang)
                ));
                Some(url)
            }
            None => None,
        };
        let result = sender
            .send(
                Mail {
                    to: c.email.clone(),
                    subject,
                    body: text,
                    brand: Some(brand.clone()),
                },
                unsubscribe,
            )
            .await;
        let now = clock.now();
        let cols: Vec<(&str, crate::db::Value)> = match &result {
            Ok(()) => {
                sent += 1;
                vec![
                    ("status", "sent".into()),
                    ("sent_at", now.into()),
                    ("error", None::<String>.into()),
                ]
            }
            Err(SendFailure::Refused(e)) => {
                vec![("status", "failed".into()), ("error", short(e).into())]
            }
            Err(SendFailure::Temporary(e)) if c.attempts >= pace.max_attempts => {
                vec![("status", "failed".into()), ("error", short(e).into())]
            }
            Err(SendFailure::Temporary(e)) => {
                let wait = pace
                    .retry_after_ms
                    .saturating_mul(1 << (c.attempts - 1).clamp(0, 20));
                vec![
                    ("status", "queued".into()),
                    ("next_at", Timestamp(now.0.saturating_add(wait)).into()),
                    ("error", short(e).into()),
                ]
            }
        };
        let mut tx = db.tenant_write(scope, &actor, now).await?;
        tx.update("mailing_recipients", c.id, cols, None).await?;
        tx.commit().await?;
        if !pace.interval.is_zero() {
            tokio::time::sleep(pace.interval).await;
        }
    }
    // Done when no row waits any more (a retry still due later keeps it sending).
    let now = clock.now();
    let mut tx = db.tenant_write(scope, &actor, now).await?;
    let (left,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM mailing_recipients WHERE tenant_id = $1 AND mailing_id = $2 \
             AND status IN ('queued', 'sending')",
            args![mailing],
        )
        .await?;
    if left == 0 {
        tx.update(
            "mailings",
            mailing,
            vec![("status", "done".into()), ("finished_at", now.into())],
            None,
        )
        .await?;
        tx.log("mailing_done", Some(&format!("mailing {mailing}")))
            .await?;
    }
    tx.commit().await?;
    Ok(sent)
}

fn short(e: &str) -> String {
    e.chars().take(500).collect()
}

/// The demo's mailings: records every queued mail of `mailing` as delivered at `at`
/// (every fiftieth as refused, as a bounce would be), without sending anything, and the
/// mailing as done. Seeding only.
pub(crate) async fn record_as_delivered(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    at: Timestamp,
    mailing: i64,
) -> Result<()> {
    let mut tx = db.tenant_write(scope, actor, at).await?;
    let ids: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM mailing_recipients WHERE tenant_id = $1 AND mailing_id = $2 \
             AND status = 'queued' ORDER BY id",
            args![mailing],
        )
        .await?;
    let bounced: Vec<i64> = ids.iter().step_by(50).map(|r| r.0).skip(1).collect();
    tx.execute(
        "UPDATE mailing_recipients SET status = 'sent', sent_at = $3, attempts = 1, \
         updated_at = $3 WHERE tenant_id = $1 AND mailing_id = $2 AND status = 'queued'",
        args![mailing, at],
    )
    .await?;
    for id in bounced {
        tx.execute(
            "UPDATE mailing_recipients SET status = 'failed', sent_at = NULL, error = $3 \
             WHERE tenant_id = $1 AND id = $2",
            args![id, "550 5.1.1 mailbox unavailable (demo)"],
        )
        .await?;
    }
    tx.update(
        "mailings",
        mailing,
        vec![("status", "done".into()), ("finished_at", at.into())],
        None,
    )
    .await?;
    tx.commit().await
}
