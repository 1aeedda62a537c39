//! Season renewal (issue 20, item 6). The club (`renewal.manage`) opens renewal into a
//! season for a selection of the register (the active members, or those of one
//! membership type); each member, or for a minor a guardian, is mailed a link (a 256-bit
//! token stored hashed, valid [`LINK_DAYS`] days, like the other mailed links) to confirm
//! their details and consents for the new season, or to say they leave. A confirmation
//! records the consents given and calls [`renewal_invoice_hook`], the one place the new
//! season's invoice is issued. The daily job ([`end_due`]) ends, on the day the club set,
//! the members who did not renew (pending) or declined: status `ended` with that day as
//! `ended_on`, as the register does it. A season is opened once: a second opening is
//! refused and changes nothing.

use crate::accounts::links::{hash_token, new_token};
use crate::args;
use crate::consents::{record_in, ConsentChange};
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::mail::{Brand, Mail, Mailer};
use crate::scope::{Actor, TenantScope};
use crate::{ids, members};
use tessera_common::consent::ConsentSource;
use tessera_common::modules::RENEWAL_MANAGE;
use tessera_common::renewal::*;
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, MemberId, Msg, Problem};

/// A renewal link is valid this many days.
pub const LINK_DAYS: i64 = 60;
/// A membership type filter: at most this many characters.
const MAX_FILTER: usize = 80;
const DAY_MS: i64 = 86_400_000;

/// What the club chose when opening a renewal.
#[derive(Clone, Debug, Default)]
pub struct OpenRenewal {
    pub season: i64,
    /// `YYYY-MM-DD`: members who have not renewed end that day.
    pub ends_on: String,
    /// Empty for every active member; otherwise the membership type.
    pub membership_type: String,
}

#[derive(sqlx::FromRow)]
struct Candidate {
    id: i64,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    email: Option<String>,
}

/// Opens renewal into a season and mails the links; the number of people asked. A season
/// opened before is refused with [`Msg::ErrRenewalTwice`] and nothing changes.
pub async fn open(
    db: &Db,
    mailer: &Mailer,
    public_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: &OpenRenewal,
) -> Result<usize> {
    scope.require(RENEWAL_MANAGE)?;
    let filter = input.membership_type.trim().to_string();
    if filter.chars().count() > MAX_FILTER || filter.chars().any(char::is_control) {
        return Err(AppError::field(
            "membership_type",
            Problem::new(Msg::ErrMaxCharsOneLine).arg("max", MAX_FILTER as i64),
        ));
    }
    let today = scope.today(now);
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let season: (String, String, String) = tx
        .fetch_optional(
            "SELECT name, starts_on, ends_on FROM seasons WHERE tenant_id = $1 AND id = $2",
            args![input.season],
        )
        .await?
        .ok_or_else(|| AppError::field("season", Msg::ErrRequired))?;
    let ends_on = Date::parse(input.ends_on.trim())
        .filter(|d| {
            let s = d.to_string();
            s >= season.1 && s <= season.2
        })
        .ok_or_else(|| AppError::field("ends_on", Msg::ErrRenewalEndsOn))?;
    let opened: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM renewals WHERE tenant_id = $1 AND season_id = $2",
            args![input.season],
        )
        .await?;
    if opened.is_some() {
        return Err(AppError::conflict(
            Problem::new(Msg::ErrRenewalTwice).arg("season", season.0.clone()),
        ));
    }
    let people: Vec<Candidate> = tx
        .fetch_all(
            "SELECT id, given_name, family_name, birth_date, email FROM members \
             WHERE tenant_id = $1 AND status = 'active' AND erased_at IS NULL \
             AND restricted_at IS NULL AND ($2 = '' OR membership_type = $2) ORDER BY id",
            args![filter.clone()],
        )
        .await?;
    let renewal = ids::new_id();
    tx.insert(
        "renewals",
        vec![
            ("id", renewal.into()),
            ("season_id", input.season.into()),
            ("ends_on", ends_on.to_string().into()),
            ("filter", filter.clone().into()),
            ("opened_at", now.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    let tenant = scope.tenant();
    let brand = Brand::of(tenant, public_url);
    let mut mails = Vec::new();
    for p in people {
        // A minor's link goes to a guardian with an address; an adult's to themselves.
        let (addressee, email) = if members::is_minor(p.birth_date.as_deref(), today) {
            let g: Option<(i64, String)> = tx
                .fetch_optional(
                    "SELECT m.id, m.email FROM member_guardians g JOIN members m \
                     ON m.tenant_id = g.tenant_id AND m.id = g.guardian_id \
                     WHERE g.tenant_id = $1 AND g.child_id = $2 AND m.email IS NOT NULL \
                     AND m.erased_at IS NULL ORDER BY m.id LIMIT 1",
                    args![p.id],
                )
                .await?;
            match g {
                Some((id, e)) => (id, e),
                None => continue,
            }
        } else {
            match p.email.clone().filter(|e| !e.trim().is_empty()) {
                Some(e) => (p.id, e),
                None => continue,
            }
        };
        let token = new_token()?;
        tx.insert(
            "renewal_members",
            vec![
                ("id", ids::new_id().into()),
                ("renewal_id", renewal.into()),
                ("season_id", input.season.into()),
                ("member_id", p.id.into()),
                ("addressee_id", addressee.into()),
                ("token_hash", hash_token(&token).into()),
                ("expires_at", Timestamp(now.0 + LINK_DAYS * DAY_MS).into()),
                ("created_at", now.into()),
            ],
        )
        .await?;
        let lang = tenant.default_lang;
        let link = format!(
            "{}/c/{}/renew/{token}",
            public_url.trim_end_matches('/'),
            tenant.slug
        );
        let name = format!("{} {}", p.given_name, p.family_name);
        mails.push(Mail {
            to: email,
            subject: Msg::RenewalMailSubject.fill(
                lang,
                &[
                    ("club", tenant.name.as_str()),
                    ("season", season.0.as_str()),
                ],
            ),
            body: Msg::RenewalMailBody.fill(
                lang,
                &[
                    ("club", tenant.name.as_str()),
                    ("season", season.0.as_str()),
                    ("name", name.as_str()),
                    ("link", link.as_str()),
                ],
            ),
            brand: Some(brand.clone()),
        });
    }
    if mails.is_empty() {
        return Err(AppError::bad_request(Msg::ErrRenewalNobody));
    }
    let n = mails.len();
    tx.log(
        "renewal_opened",
        Some(&format!(
            "season {}: {n} asked, end {ends_on}",
            input.season
        )),
    )
    .await?;
    tx.commit().await?;
    for m in mails {
        if let Err(e) = mailer.send(m).await {
            tracing::error!(error = %e, "a renewal mail could not be sent");
        }
    }
    Ok(n)
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    renewal_id: i64,
    member_id: i64,
    given_name: String,
    family_name: String,
    state: String,
    answered_at: Option<i64>,
    ended_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct RenewalRow {
    id: i64,
    season_id: i64,
    season_name: String,
    ends_on: String,
    filter: String,
    opened_at: i64,
}

/// The renewal page: the seasons and the renewals opened with who renewed, who did not
/// answer and who left (`renewal.manage`).
pub async fn overview(db: &Db, scope: &TenantScope) -> Result<RenewalOverview> {
    scope.require(RENEWAL_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let seasons: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, name FROM seasons WHERE tenant_id = $1 ORDER BY starts_on DESC, id",
            args![],
        )
        .await?;
    let renewals: Vec<RenewalRow> = tx
        .fetch_all(
            "SELECT r.id, r.season_id, s.name AS season_name, r.ends_on, r.filter, r.opened_at \
             FROM renewals r JOIN seasons s ON s.tenant_id = r.tenant_id AND s.id = r.season_id \
             WHERE r.tenant_id = $1 ORDER BY r.opened_at DESC, r.id",
            args![],
        )
        .await?;
    let entries: Vec<EntryRow> = tx
        .fetch_all(
            "SELECT e.renewal_id, e.member_id, m.given_name, m.family_name, e.state, e.answered_at, \
             e.ended_at FROM renewal_members e JOIN members m \
             ON m.tenant_id = e.tenant_id AND m.id = e.member_id \
             WHERE e.tenant_id = $1 ORDER BY m.sort_name, m.id",
            args![],
        )
        .await?;
    tx.commit().await?;
    let renewals = renewals
        .into_iter()
        .map(|r| {
            let mine: Vec<RenewalEntry> = entries
                .iter()
                .filter(|e| e.renewal_id == r.id)
                .map(|e| RenewalEntry {
                    member: MemberId(e.member_id),
                    name: format!("{} {}", e.given_name, e.family_name),
                    state: e.state.clone(),
                    answered_at: e.answered_at.map(Timestamp),
                    ended: e.ended_at.is_some(),
                })
                .collect();
            let count = |s: &str| mine.iter().filter(|e| e.state == s).count() as i64;
            RenewalSummary {
                id: r.id,
                season_id: r.season_id,
                season_name: r.season_name,
                ends_on: r.ends_on,
                filter: r.filter,
                opened_at: Timestamp(r.opened_at),
                renewed: count("renewed"),
                pending: count("pending"),
                declined: count("declined"),
                entries: mine,
            }
        })
        .collect();
    Ok(RenewalOverview { seasons, renewals })
}

fn fees_on(scope: &TenantScope) -> Result<()> {
    if scope.module_active("fees") {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: i64,
    member_id: i64,
    addressee_id: Option<i64>,
    season_name: String,
    season_id: i64,
    state: String,
    expires_at: i64,
    ends_on: String,
}

/// The link's row, when the token is one of this club's, unexpired, for a renewal not
/// ended yet. Anything else is the one refusal [`Msg::ErrRenewalLink`].
async fn link(tx: &mut TenantTx, token: &str, now: Timestamp) -> Result<LinkRow> {
    let bad = || AppError::bad_request(Msg::ErrRenewalLink);
    if token.is_empty()
        || token.len() > 64
        || !token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(bad());
    }
    let row: Option<LinkRow> = tx
        .fetch_optional(
            "SELECT e.id, e.member_id, e.addressee_id, s.name AS season_name, e.season_id, e.state, \
             e.expires_at, r.ends_on FROM renewal_members e \
             JOIN renewals r ON r.tenant_id = e.tenant_id AND r.id = e.renewal_id \
             JOIN seasons s ON s.tenant_id = e.tenant_id AND s.id = e.season_id \
             WHERE e.tenant_id = $1 AND e.token_hash = $2 AND r.ended_at IS NULL",
            args![hash_token(token)],
        )
        .await?;
    let row = row.ok_or_else(bad)?;
    if row.expires_at <= now.0 {
        return Err(bad());
    }
    Ok(row)
}

#[derive(sqlx::FromRow)]
struct DetailsRow {
    given_name: String,
    family_name: String,
    email: Option<String>,
    phone: Option<String>,
    street: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
}

/// What the holder of a renewal link sees (the public page; `scope` from
/// `scope::resolve_public`). The details shown are the member's own, to the person the
/// link was mailed to.
pub async fn invitation(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    token: &str,
) -> Result<RenewalInvitation> {
    fees_on(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let l = link(&mut tx, token, now).await?;
    let d: DetailsRow = tx
        .fetch_optional(
            "SELECT given_name, family_name, email, phone, street, postcode, city FROM members \
             WHERE tenant_id = $1 AND id = $2 AND erased_at IS NULL",
            args![l.member_id],
        )
        .await?
        .ok_or_else(|| AppError::bad_request(Msg::ErrRenewalLink))?;
    let agreed: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT purpose_id FROM member_consents WHERE tenant_id = $1 AND member_id = $2 AND given = $3",
            args![l.member_id, true],
        )
        .await?;
    tx.commit().await?;
    let purposes = crate::consents::purposes_of(db, scope)
        .await?
        .into_iter()
        .map(|p| RenewalPurpose {
            id: p.id,
            version: p.text_version,
            title: p.title,
            text: p.body,
            agreed: agreed.iter().any(|(a,)| *a == p.id),
        })
        .collect();
    Ok(RenewalInvitation {
        club_name: scope.tenant().name.clone(),
        season_name: l.season_name,
        member_name: format!("{} {}", d.given_name, d.family_name),
        given_name: d.given_name,
        family_name: d.family_name,
        email: d.email,
        phone: d.phone,
        street: d.street,
        postcode: d.postcode,
        city: d.city,
        state: l.state,
        purposes,
    })
}

/// The answer given through a renewal link: `renew` with the purposes agreed to (ids), or
/// leave. Answered once; a second answer is refused and changes nothing. Returns the
/// season's name and the member's name for the page.
pub async fn answer(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    token: &str,
    renew: bool,
    agreed: &[i64],
) -> Result<(String, String)> {
    fees_on(scope)?;
    let actor = Actor::system_labelled("renewal", "renewal link");
    let mut tx = db.tenant_write(scope, &actor, now).await?;
    let l = link(&mut tx, token, now).await?;
    if l.state != "pending" {
        return Err(AppError::conflict(Msg::ErrRenewalAnswered));
    }
    let (given, family): (String, String) = tx
        .fetch_optional(
            "SELECT given_name, family_name FROM members WHERE tenant_id = $1 AND id = $2 \
             AND erased_at IS NULL",
            args![l.member_id],
        )
        .await?
        .ok_or_else(|| AppError::bad_request(Msg::ErrRenewalLink))?;
    let n = tx
        .execute(
            "UPDATE renewal_members SET state = $3, answered_at = $4, updated_at = $4, \
             updated_by = NULL, updated_by_name = $5, version = version + 1 \
             WHERE tenant_id = $1 AND id = $2 AND state = 'pending'",
            args![
                l.id,
                if renew { "renewed" } else { "declined" },
                now,
                actor.stamp_name()
            ],
        )
        .await?;
    if n != 1 {
        return Err(AppError::conflict(Msg::ErrRenewalAnswered));
    }
    let member = MemberId(l.member_id);
    if renew {
        // The consents as answered now: each purpose whose answer changed is recorded.
        let source = if l.addressee_id == Some(l.member_id) {
            ConsentSource::Member
        } else {
            ConsentSource::Guardian
        };
        let current: Vec<(i64, bool)> = tx
            .fetch_all(
                "SELECT purpose_id, given FROM member_consents WHERE tenant_id = $1 AND member_id = $2",
                args![member],
            )
            .await?;
        let purposes: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT id FROM consent_purposes WHERE tenant_id = $1 AND archived_at IS NULL",
                args![],
            )
            .await?;
        for (p,) in purposes {
            let was = current.iter().any(|(id, g)| *id == p && *g);
            let now_given = agreed.contains(&p);
            if was == now_given {
                continue;
            }
            record_in(
                &mut tx,
                &actor,
                now,
                &ConsentChange {
                    member,
                    purpose: p,
                    given: now_given,
                    source,
                    note: Some("season renewal".into()),
                },
            )
            .await?;
        }
        renewal_invoice_hook(&mut tx, scope, l.season_id, member, scope.today(now)).await?;
    }
    tx.log(
        if renew {
            "renewal_confirmed"
        } else {
            "renewal_declined"
        },
        Some(&format!("member {}, season {}", l.member_id, l.season_id)),
    )
    .await?;
    tx.commit().await?;
    let _ = l.ends_on;
    Ok((l.season_name, format!("{given} {family}")))
}

/// The new season's invoice of a member who renewed, issued in the confirmation's
/// transaction by the invoices feature (a draft per payer, family discount included; a
/// member invoiced for the season already is skipped). The treasurer sends it from the
/// season's invoices page.
pub async fn renewal_invoice_hook(
    tx: &mut TenantTx,
    scope: &TenantScope,
    season: i64,
    member: MemberId,
    today: Date,
) -> Result<()> {
    crate::invoices::issue_for_members(tx, scope, season, &[member], today).await?;
    Ok(())
}

/// The daily job: in each renewal whose end day has come, the members who did not renew
/// (no answer, or declined) end that day (status `ended`, `ended_on` the renewal's day),
/// and the renewal is marked done. Returns how many members ended.
pub async fn end_due(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<u64> {
    let today = scope.today(now).to_string();
    let actor = Actor::system("renewal");
    let mut tx = db.tenant_write(scope, &actor, now).await?;
    let due: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, ends_on FROM renewals WHERE tenant_id = $1 AND ended_at IS NULL \
             AND ends_on <= $2",
            args![today],
        )
        .await?;
    let mut ended = 0;
    for (renewal, day) in due {
        let people: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT member_id FROM renewal_members WHERE tenant_id = $1 AND renewal_id = $2 \
                 AND state <> 'renewed' AND ended_at IS NULL",
                args![renewal],
            )
            .await?;
        for (m,) in &people {
            let n = tx
                .execute(
                    "UPDATE members SET status = 'ended', ended_on = $3, updated_at = $4, \
                     updated_by = NULL, updated_by_name = $5, version = version + 1 \
                     WHERE tenant_id = $1 AND id = $2 AND status <> 'ended' AND erased_at IS NULL",
                    args![*m, day.clone(), now, actor.stamp_name()],
                )
                .await?;
            ended += n;
            tx.execute(
                "UPDATE renewal_members SET ended_at = $3, updated_at = $3, updated_by = NULL, \
                 updated_by_name = $4, version = version + 1 \
                 WHERE tenant_id = $1 AND renewal_id = $2 AND member_id = $5",
                args![renewal, now, actor.stamp_name(), *m],
            )
            .await?;
        }
        tx.execute(
            "UPDATE renewals SET ended_at = $3, updated_at = $3, updated_by = NULL, \
             updated_by_name = $4, version = version + 1 WHERE tenant_id = $1 AND id = $2",
            args![renewal, now, actor.stamp_name()],
        )
        .await?;
        tx.log(
            "renewal_ended",
            Some(&format!(
                "renewal {renewal}: {} ended on {day}",
                people.len()
            )),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(ended)
}
