//! The one-click unsubscribe of a newsletter (RFC 8058): each mail carries a link whose
//! token names its outbox row, signed with HMAC-SHA-256 under a key used for nothing else
//! ([`KEY`] in `platform_secrets`). Using it withdraws the person's consent for the
//! newsletter's topic (a consent event, source `unsubscribe`, with the instant) and marks
//! the row, in one transaction; a second use records nothing.

use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::jobs::SystemTask;
use crate::scope::{Actor, TenantScope};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tessera_common::consent::{ConsentSource, Localized};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, Lang, MemberId, Msg, TenantId};

/// The name of the key in `platform_secrets`.
pub const KEY: &str = "mailing_unsubscribe_key";

type UnsubscribeMac = Hmac<Sha256>;

fn mac(key: &[u8], tenant: i64, row: i64) -> Result<UnsubscribeMac> {
    let mut mac = <UnsubscribeMac as Mac>::new_from_slice(key)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    mac.update(format!("unsubscribe:{tenant}:{row}").as_bytes());
    Ok(mac)
}

/// The token of outbox row `row` of `tenant`: `tenant-row-hexmac`.
pub(crate) fn make(key: &[u8], tenant: i64, row: i64) -> Result<String> {
    Ok(format!(
        "{tenant}-{row}-{}",
        hex::encode(mac(key, tenant, row)?.finalize().into_bytes())
    ))
}

/// The unsubscribe address of outbox row `row`.
pub(crate) fn url(public_url: &str, key: &[u8], tenant: i64, row: i64) -> Result<String> {
    Ok(format!(
        "{}{}",
        super::unsubscribe_base(public_url),
        make(key, tenant, row)?
    ))
}

/// The tenant and row a token names, when its signature holds (compared in constant time).
fn verify(key: &[u8], token: &str) -> Option<(i64, i64)> {
    let mut parts = token.trim().splitn(3, '-');
    let tenant: i64 = parts.next()?.parse().ok()?;
    let row: i64 = parts.next()?.parse().ok()?;
    let tag = hex::decode(parts.next()?).ok()?;
    mac(key, tenant, row).ok()?.verify_slice(&tag).ok()?;
    Some((tenant, row))
}

/// Where an unsubscribe link stands: the club, the topic, the language of its mail, and
/// whether the person is already off the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsubscribeState {
    pub lang: Lang,
    pub club: String,
    pub topic: String,
    /// The club's time zone, for the instant the page shows.
    pub time_zone: String,
    pub done: bool,
    /// Whether this call recorded the withdrawal (false when it was done before).
    pub recorded: bool,
}

async fn open(db: &Db, token: &str, now: Timestamp) -> Result<(TenantScope, i64)> {
    let key = crate::secrets::get_or_create(db, KEY, now).await?;
    let (tenant, row) =
        verify(&key, token).ok_or_else(|| AppError::bad_request(Msg::ErrUnsubscribeLink))?;
    let record = crate::tenancy::find_by_id(db, TenantId(tenant))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        TenantScope::for_system_task(&SystemTask::background(), record),
        row,
    ))
}

#[derive(sqlx::FromRow)]
struct RowState {
    member_id: i64,
    lang: String,
    unsubscribed_at: Option<i64>,
    purpose_id: Option<i64>,
    title_en: Option<String>,
    title_nl: Option<String>,
    title_fr: Option<String>,
    given: Option<bool>,
}

const ROW_STATE: &str = "SELECT r.member_id, r.lang, r.unsubscribed_at, m.purpose_id, \
    t.title_en, t.title_nl, t.title_fr, c.given FROM mailing_recipients r \
    JOIN mailings m ON m.tenant_id = r.tenant_id AND m.id = r.mailing_id \
    LEFT JOIN consent_purposes p ON p.tenant_id = m.tenant_id AND p.id = m.purpose_id \
    LEFT JOIN consent_texts t ON t.tenant_id = p.tenant_id AND t.purpose_id = p.id \
    AND t.text_version = p.text_version \
    LEFT JOIN member_consents c ON c.tenant_id = r.tenant_id AND c.member_id = r.member_id \
    AND c.purpose_id = m.purpose_id WHERE r.tenant_id = $1 AND r.id = $2";

impl RowState {
    fn state(&self, scope: &TenantScope, recorded: bool) -> UnsubscribeState {
        let lang = Lang::parse(&self.lang).unwrap_or(scope.tenant().default_lang);
        let topic = Localized {
            en: self.title_en.clone().unwrap_or_default(),
            nl: self.title_nl.clone().unwrap_or_default(),
            fr: self.title_fr.clone().unwrap_or_default(),
        };
        UnsubscribeState {
            lang,
            club: scope.tenant().name.clone(),
            topic: topic.get(lang).to_string(),
            time_zone: scope.tenant().time_zone.clone(),
            done: recorded || self.unsubscribed_at.is_some() || self.given != Some(true),
            recorded,
        }
    }
}

/// Where the link `token` stands, for the page that asks to confirm. A token whose
/// signature does not hold is a 400 with a clear message.
pub async fn unsubscribe_state(db: &Db, token: &str, now: Timestamp) -> Result<UnsubscribeState> {
    let (scope, row) = open(db, token, now).await?;
    let mut tx = db.tenant_read(&scope).await?;
    let r: RowState = tx
        .fetch_optional(ROW_STATE, args![row])
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    if r.purpose_id.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(r.state(&scope, false))
}

/// Uses the link `token`: withdraws the consent for the newsletter's topic (a consent
/// event, source `unsubscribe`, at `now`) and marks the row, in one transaction. A link
/// used before, or a person who withdrew meanwhile, records nothing (`recorded` false).
pub async fn unsubscribe(db: &Db, token: &str, now: Timestamp) -> Result<UnsubscribeState> {
    let (scope, row) = open(db, token, now).await?;
    let actor = Actor::system("unsubscribe link");
    let mut tx = db.tenant_write(&scope, &actor, now).await?;
    let r: RowState = tx
        .fetch_optional(ROW_STATE, args![row])
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(purpose) = r.purpose_id else {
        return Err(AppError::NotFound);
    };
    if r.unsubscribed_at.is_some() {
        tx.commit().await?;
        return Ok(r.state(&scope, false));
    }
    tx.update(
        "mailing_recipients",
        row,
        vec![("unsubscribed_at", now.into())],
        None,
    )
    .await?;
    let recorded = r.given == Some(true);
    if recorded {
        crate::consents::record_in(
            &mut tx,
            &actor,
            now,
            &crate::consents::ConsentChange {
                member: MemberId(r.member_id),
                purpose,
                given: false,
                source: ConsentSource::Unsubscribe,
                note: None,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(r.state(&scope, recorded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_holds_only_as_signed() {
        let key = [7u8; 32];
        let t = make(&key, 12, 345).unwrap();
        assert_eq!(verify(&key, &t), Some((12, 345)));
        assert_eq!(verify(&[8u8; 32], &t), None, "another key");
        let tag = t.rsplit('-').next().unwrap().to_string();
        assert_eq!(verify(&key, &format!("12-346-{tag}")), None, "another row");
        assert_eq!(verify(&key, &format!("13-345-{tag}")), None, "another club");
        let mut flipped = t.clone();
        let last = flipped.pop().unwrap();
        flipped.push(if last == '0' { '1' } else { '0' });
        assert_eq!(verify(&key, &flipped), None, "a changed signature");
        for bad in ["", "x", "12-345", "12-345-zz", "12-345-", "-1-2-3"] {
            assert_eq!(verify(&key, bad), None, "{bad}");
        }
    }
}
