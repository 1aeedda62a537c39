//! Server functions of consent per purpose and the export register (data protection): the
//! club's purposes (`privacy.consents`), a member's answers on their own data or a minor
//! child's, staff recording a consent on paper, the export form's choices (`exports.run`)
//! and the export register (`privacy.manage`).

use leptos::prelude::*;
use tessera_common::consent::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::{parse_id, parse_version};
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done, keep_draft_if_refused, take_draft};

#[cfg(feature = "ssr")]
fn purpose_draft_key(club: &str) -> String {
    format!("draft:purpose:{club}")
}

/// The club's consent purposes (`privacy.consents`).
#[server(prefix = "/api", endpoint = "consent_purposes")]
pub async fn get_consent_purposes(club: String) -> Result<PurposeSettings, AppError> {
    let c = ctx().await?;
    c.once(format!("consent_purposes:{club}"), async {
        let scope = c.club(&club).await?;
        let mut s = tessera_core::consents::settings(&c.services.db, &scope).await?;
        s.draft = take_draft(&c.session, &purpose_draft_key(&club)).await;
        Ok(s)
    })
    .await
}

/// Creates a purpose (`id` empty) or changes its texts (`privacy.consents`); a text people
/// answered becomes a new version.
#[server(prefix = "/api", endpoint = "save_purpose")]
pub async fn save_purpose(#[server(flatten)] input: PurposeForm) -> Result<(), AppError> {
    use tessera_core::consents;
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    scope.require(tessera_common::modules::PRIVACY_CONSENTS)?;
    let texts = consents::PurposeInput {
        title: Localized {
            en: input.title_en.clone(),
            nl: input.title_nl.clone(),
            fr: input.title_fr.clone(),
        },
        body: Localized {
            en: input.body_en.clone(),
            nl: input.body_nl.clone(),
            fr: input.body_fr.clone(),
        },
    };
    let result = async {
        let (id, version) = if input.id.trim().is_empty() {
            (None, None)
        } else {
            (
                Some(parse_id::<i64>(&input.id)?),
                Some(parse_version(&input.version)?),
            )
        };
        consents::save_purpose(
            &c.services.db,
            &scope,
            &c.actor,
            c.now(),
            id,
            &texts,
            version,
        )
        .await
    }
    .await;
    keep_draft_if_refused(&c.session, &purpose_draft_key(&input.club), &input, result).await?;
    done(&format!(
        "/c/{}/privacy/consents?done=saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// Archives a purpose (`archive` "on") or brings it back (`privacy.consents`), at the
/// version the page showed.
#[server(prefix = "/api", endpoint = "archive_purpose")]
pub async fn archive_purpose(
    club: String,
    id: String,
    version: String,
    archive: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let version = parse_version(&version)?;
    let archived = match archive.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(AppError::bad_request(tessera_common::Msg::PurposeArchive)),
    };
    tessera_core::consents::archive_purpose(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        id,
        archived,
        version,
    )
    .await?;
    done(&format!(
        "/c/{}/privacy/consents?done={}",
        scope.tenant().slug,
        if archived { "archived" } else { "unarchived" }
    ));
    Ok(())
}

/// The caller's own consents and their minor children's, with the history.
#[server(prefix = "/api", endpoint = "my_consents")]
pub async fn get_my_consents(club: String) -> Result<MyConsents, AppError> {
    let c = ctx().await?;
    c.once(format!("my_consents:{club}"), async {
        let scope = c.club_own_data(&club).await?;
        tessera_core::consents::mine(&c.services.db, &scope, c.now()).await
    })
    .await
}

#[cfg(feature = "ssr")]
fn parse_answer(answer: &str) -> Result<bool, AppError> {
    match answer {
        "give" => Ok(true),
        "withdraw" => Ok(false),
        _ => Err(AppError::bad_request(tessera_common::Msg::ConsentAnswer)),
    }
}

/// Gives or withdraws a consent on the caller's own record, or as a guardian on a minor
/// child's: the one form, the same for both answers (withdrawing is as easy as giving).
#[server(prefix = "/api", endpoint = "answer_consent")]
pub async fn answer_consent(#[server(flatten)] input: AnswerConsentInput) -> Result<(), AppError> {
    use tessera_core::consents::{self, ConsentChange};
    let c = ctx().await?;
    let scope = c.club_own_data(&input.club).await?;
    let member: tessera_common::MemberId = parse_id(&input.member)?;
    let purpose: i64 = parse_id(&input.purpose)?;
    let given = parse_answer(&input.answer)?;
    let source = if scope.member_id() == Some(member) {
        ConsentSource::Member
    } else {
        ConsentSource::Guardian
    };
    consents::record(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &ConsentChange {
            member,
            purpose,
            given,
            source,
            note: None,
        },
    )
    .await?;
    let slug = &scope.tenant().slug;
    // Back to the page the form was on, when it is one of the caller's own pages.
    let own = format!("/c/{slug}/me");
    let back = tessera_common::local_path::safe_next(&input.back);
    let back =
        if (back == own || back.starts_with(&format!("{own}/"))) && !back.contains(['?', '#']) {
            back
        } else {
            format!("{own}/consents")
        };
    done(&format!("{back}?done=consent"));
    Ok(())
}

/// A member's consents and their history, for staff (`members.view`).
#[server(prefix = "/api", endpoint = "member_consents")]
pub async fn get_member_consents(club: String, id: String) -> Result<MemberConsents, AppError> {
    let c = ctx().await?;
    c.once(format!("member_consents:{club}:{id}"), async {
        let scope = c.club(&club).await?;
        let member: tessera_common::MemberId = parse_id(&id)?;
        tessera_core::consents::history(&c.services.db, &scope, member).await
    })
    .await
}

/// Records a consent given or withdrawn on paper, with a note (`privacy.consents`).
#[server(prefix = "/api", endpoint = "record_paper_consent")]
pub async fn record_paper_consent(
    #[server(flatten)] input: PaperConsentInput,
) -> Result<(), AppError> {
    use tessera_core::consents::{self, ConsentChange};
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    scope.require(tessera_common::modules::PRIVACY_CONSENTS)?;
    let member: tessera_common::MemberId = parse_id(&input.member)?;
    let purpose: i64 = parse_id(&input.purpose)?;
    let given = parse_answer(&input.answer)?;
    consents::record(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &ConsentChange {
            member,
            purpose,
            given,
            source: ConsentSource::Paper,
            note: Some(input.note.clone()),
        },
    )
    .await?;
    done(&format!(
        "/c/{}/members/{member}?done=consent",
        scope.tenant().slug
    ));
    Ok(())
}

/// What the export form offers: the columns (sensitive ones marked) and the purposes to
/// filter on (`exports.run`).
#[server(prefix = "/api", endpoint = "export_choices")]
pub async fn get_export_choices(club: String) -> Result<ExportChoices, AppError> {
    let c = ctx().await?;
    c.once(format!("export_choices:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::exports::export_choices(&c.services.db, &scope).await
    })
    .await
}

/// The export register, newest first (`privacy.manage`).
#[server(prefix = "/api", endpoint = "export_register")]
pub async fn get_export_register(club: String) -> Result<Vec<ExportRecord>, AppError> {
    let c = ctx().await?;
    c.once(format!("export_register:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::exports::export_register(&c.services.db, &scope, 500).await
    })
    .await
}
