//! Registration: what a request does. Defining the club's forms, showing and submitting
//! the public form, confirming by mail, and the review of applications into members.

use super::model::*;
use super::storage::*;
use super::validation::*;
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::mail::{Brand, Mail, Mailer};
use crate::members::custom_fields::{self};
use crate::members::Problems;
use crate::scope::{Actor, TenantScope};
use crate::{accounts::throttle, args, ids};
use sha2::{Digest, Sha256};
use tessera_common::dto::{
    Application, ApplicationPerson, Applications, CustomField, FormsOverview, PublicForm,
    RegFormInput,
};
use tessera_common::modules::{FORMS_MANAGE, FORMS_REVIEW};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, MemberId, Msg};

pub(super) fn require_module(scope: &TenantScope) -> Result<()> {
    if scope.module_active(MODULE) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The club's forms, the fields they can ask for and how many registrations wait.
pub async fn overview(db: &Db, scope: &TenantScope) -> Result<FormsOverview> {
    scope.require(FORMS_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let forms = forms(&mut tx).await?;
    let custom = custom_fields::definitions(&mut tx).await?;
    let (pending,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM reg_submissions WHERE tenant_id = $1 AND status = 'pending'",
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(FormsOverview {
        forms,
        custom,
        pending,
        draft: None,
        draft_for: None,
    })
}

/// Creates (`id` none) or changes a registration form (`forms.manage`). A changed consent
/// text gets a new version number, recorded with every later submission.
pub async fn save_form(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: Option<i64>,
    input: &RegFormInput,
    expected_version: Option<i64>,
) -> Result<i64> {
    scope.require(FORMS_MANAGE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let form_id = save_form_in(&mut tx, scope, now, id, input, expected_version).await?;
    tx.commit().await?;
    Ok(form_id)
}

/// [`save_form`] inside a transaction of the caller (`forms.manage`), with all its rules: a
/// federation template adopted by the club is created through here.
pub(crate) async fn save_form_in(
    tx: &mut TenantTx,
    scope: &TenantScope,
    now: Timestamp,
    id: Option<i64>,
    input: &RegFormInput,
    expected_version: Option<i64>,
) -> Result<i64> {
    scope.require(FORMS_MANAGE)?;
    let custom = custom_fields::definitions(tx).await?;
    let c = check_form(input, &custom)?;
    let taken: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM reg_forms WHERE tenant_id = $1 AND slug = $2",
            args![c.slug.clone()],
        )
        .await?;
    if taken.is_some_and(|(t,)| Some(t) != id) {
        return Err(AppError::field("slug", Msg::ErrFormSlugTaken));
    }
    let cols = |consent_version: i64| {
        vec![
            ("slug", c.slug.clone().into()),
            ("title", c.title.clone().into()),
            ("intro", c.intro.clone().into()),
            ("audience", c.audience.clone().into()),
            ("fields", store_fields(&c.fields).into()),
            ("consent_text", c.consent.clone().into()),
            ("consent_version", consent_version.into()),
            ("auto_approve", input.auto_approve.into()),
            ("published", input.published.into()),
        ]
    };
    let form_id = match id {
        None => {
            let id = ids::new_id();
            let mut v = cols(i64::from(c.consent.is_some()));
            v.insert(0, ("id", id.into()));
            tx.insert("reg_forms", v).await?;
            tx.log("form_created", Some(&c.title)).await?;
            id
        }
        Some(id) => {
            let row: Option<(Option<String>, i64)> = tx
                .fetch_optional(
                    "SELECT consent_text, consent_version FROM reg_forms WHERE tenant_id = $1 AND id = $2",
                    args![id],
                )
                .await?;
            let (old, version) = row.ok_or(AppError::NotFound)?;
            let consent_version = if old != c.consent && c.consent.is_some() {
                version + 1
            } else {
                version
            };
            if !tx
                .update("reg_forms", id, cols(consent_version), expected_version)
                .await?
            {
                return Err(AppError::Conflict(Msg::ErrFormChanged.into()));
            }
            tx.log("form_changed", Some(&c.title)).await?;
            id
        }
    };
    // The form's own consent text is the consent purpose of the same id (a text people
    // answered becomes a new version of it), asked by this form.
    if let Some(text) = &c.consent {
        let same = |t: &str| tessera_common::consent::Localized {
            en: t.to_string(),
            nl: t.to_string(),
            fr: t.to_string(),
        };
        let texts = crate::consents::PurposeInput {
            title: same(&c.title),
            body: same(text),
        };
        crate::consents::upsert_in(tx, now, Some(form_id), &texts, None, false).await?;
        tx.execute(
            "UPDATE reg_forms SET consent_purposes = $2 WHERE tenant_id = $1 AND id = $3",
            args![form_id.to_string(), form_id],
        )
        .await?;
    }
    Ok(form_id)
}

/// The proof that a form was handed out at `now` (checked on submission).
pub async fn started_token(db: &Db, form: i64, now: Timestamp) -> Result<String> {
    let key = crate::secrets::get_or_create(db, crate::secrets::FORM_KEY, now).await?;
    started_token_with(&key, form, now)
}

pub(super) async fn check_started(db: &Db, form: i64, token: &str, now: Timestamp) -> Result<()> {
    let key = crate::secrets::get_or_create(db, crate::secrets::FORM_KEY, now).await?;
    check_started_with(&key, form, token, now)
}

/// A published form of an active club with the forms module, for anyone.
pub async fn public_form(
    db: &Db,
    scope: &TenantScope,
    slug: &str,
    now: Timestamp,
) -> Result<PublicForm> {
    require_module(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let form = form_by_slug(&mut tx, slug)
        .await?
        .filter(|f| f.published)
        .ok_or(AppError::NotFound)?;
    let all = custom_fields::definitions(&mut tx).await?;
    let purposes = crate::consents::asked_on_forms(&mut tx).await?;
    tx.commit().await?;
    let custom = form
        .fields
        .iter()
        .filter_map(|f| all.iter().find(|c| format!("cf{}", c.id) == f.key).cloned())
        .collect();
    let terms = crate::tenants::terms::latest(db, scope).await?;
    let max_people = if form.audience == "family" {
        MAX_PEOPLE
    } else {
        1
    };
    let club = scope.tenant();
    Ok(PublicForm {
        club_name: club.name.clone(),
        club_primary_color: club.primary_color.clone(),
        club_accent_color: club.accent_color.clone(),
        club_logo: club.logo_url(),
        started: started_token(db, form.id, now).await?,
        form,
        custom,
        terms,
        draft: None,
        max_people,
        purposes,
    })
}

pub(super) fn brand(scope: &TenantScope, base_url: &str) -> Option<Brand> {
    Some(Brand::of(scope.tenant(), base_url))
}

/// The consent purposes ticked: each one the form asks, once; anything else is refused.
fn read_purposes(
    ticked: &[String],
    asked: &[tessera_common::consent::AskedPurpose],
    p: &mut Problems,
) -> Vec<i64> {
    let mut out = Vec::new();
    for t in ticked.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        match t
            .parse::<i64>()
            .ok()
            .filter(|id| asked.iter().any(|a| a.id == *id))
        {
            Some(id) if !out.contains(&id) => out.push(id),
            Some(_) => {}
            None => {
                p.add("purposes", Msg::ErrChoosePurpose);
                break;
            }
        }
    }
    out
}

/// What a submission says, read and checked field by field: the problems, the e-mail
/// address, the guardian (family forms) and the people.
type Read = (Problems, Option<String>, Option<Person>, Vec<Person>);

fn read_submission(
    form: &tessera_common::dto::RegForm,
    custom: &[CustomField],
    s: &Submission,
    terms: bool,
    today: Date,
) -> Read {
    let mut p = Problems::default();
    let email = crate::accounts::identities::normalize_email(s.email.trim());
    if email.is_none() {
        p.add("email", Msg::ErrEmailExample);
    }
    let max = if form.audience == "family" {
        MAX_PEOPLE
    } else {
        1
    };
    let guardian = (form.audience == "family").then(|| read_guardian(&s.values, &mut p));
    let people: Vec<Person> = (0..max)
        .filter_map(|n| read_person(form, custom, &s.values, n, today, &mut p))
        .collect();
    // Consent is asked, never forced: a registration goes through without it and records
    // whether it was given (what membership needs is in the club's terms, checked below).
    if terms && !s.terms {
        p.add("terms", Msg::ErrAcceptTerms);
    }
    (p, email, guardian, people)
}

/// Checks a submission of the form `slug` as it is being typed, with the rules of
/// [`submit`], storing nothing, mailing nothing and counting towards no limit: for the
/// form's validation as you type. A form that is not published answers like `submit`.
pub async fn check(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    slug: &str,
    s: &Submission,
) -> Result<()> {
    require_module(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let form = form_by_slug(&mut tx, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let custom = custom_fields::definitions(&mut tx).await?;
    let asked = crate::consents::asked_on_forms(&mut tx).await?;
    tx.commit().await?;
    if !form.published {
        return Err(AppError::Conflict(Msg::ErrFormClosed.into()));
    }
    let terms = crate::tenants::terms::latest(db, scope).await?;
    let mut p = read_submission(&form, &custom, s, terms.is_some(), scope.today(now)).0;
    read_purposes(&s.purposes, &asked, &mut p);
    p.done()
}

/// Takes a visitor's submission of the form `slug`: checks every field (per person), the
/// consents, the honeypot, the fill time and the per-address limit; stores it waiting for
/// the e-mail address to be confirmed and mails the link.
#[allow(clippy::too_many_arguments)]
pub async fn submit(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    scope: &TenantScope,
    now: Timestamp,
    slug: &str,
    s: &Submission,
) -> Result<Submitted> {
    require_module(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let form = form_by_slug(&mut tx, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let custom = custom_fields::definitions(&mut tx).await?;
    let asked = crate::consents::asked_on_forms(&mut tx).await?;
    tx.commit().await?;
    if !form.published {
        return Err(AppError::Conflict(Msg::ErrFormClosed.into()));
    }
    if !s.website.trim().is_empty() {
        return Ok(Submitted::Ignored);
    }
    check_started(db, form.id, &s.started, now).await?;
    let limit_key = format!(
        "join:{}:{}",
        scope.tenant_id().0,
        s.address.as_deref().unwrap_or("unknown")
    );
    throttle::attempt(db, &limit_key, PER_ADDRESS, now).await?;
    let terms = crate::tenants::terms::latest(db, scope).await?;
    let (mut p, email, guardian, people) =
        read_submission(&form, &custom, s, terms.is_some(), scope.today(now));
    let purposes = read_purposes(&s.purposes, &asked, &mut p);
    if let Err(e) = p.done() {
        // Only submissions that are stored count towards the limit.
        throttle::refund(db, &limit_key, now).await?;
        return Err(e);
    }
    let email = email.unwrap_or_default();
    let data = SubmissionData {
        guardian,
        people,
        purposes,
    };
    let json = serde_json::to_string(&data).map_err(crate::error::internal)?;
    let digest: String = Sha256::digest(format!("{}\n{email}\n{json}", form.id).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let token = crate::accounts::links::new_token()?;
    let actor = Actor::system("registration form");
    let mut tx = db.tenant_write(scope, &actor, now).await?;
    let waiting: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM reg_submissions WHERE tenant_id = $1 AND digest = $2 \
             AND status IN ('unconfirmed', 'pending') AND expires_at > $3",
            args![digest.clone(), now],
        )
        .await?;
    if waiting.is_some() {
        drop(tx);
        throttle::refund(db, &limit_key, now).await?;
        return Ok(Submitted::AlreadyWaiting);
    }
    tx.insert(
        "reg_submissions",
        vec![
            ("id", ids::new_id().into()),
            ("form_id", form.id.into()),
            ("email", email.clone().into()),
            ("data", json.into()),
            ("digest", digest.into()),
            (
                "consent_version",
                form.consent_text
                    .as_ref()
                    .filter(|_| s.consent)
                    .map(|_| form.consent_version)
                    .into(),
            ),
            ("terms_number", terms.as_ref().map(|t| t.number).into()),
            ("status", "unconfirmed".into()),
            ("token_hash", hash_token(&token).into()),
            ("expires_at", now.plus_seconds(CONFIRM_SECS).into()),
            ("submitted_at", now.into()),
        ],
    )
    .await?;
    tx.log("registration_submitted", Some(&form.title)).await?;
    tx.commit().await?;
    let lang = scope.tenant().default_lang;
    let club = scope.tenant().name.clone();
    // Not percent-encoded on purpose: slugs are checked to [a-z0-9-] and the token is
    // URL-safe by construction.
    let link = format!(
        "{}/c/{}/join/{}/confirm?token={token}",
        base_url.trim_end_matches('/'),
        scope.tenant().slug,
        form.slug
    );
    mailer
        .send(Mail {
            to: email,
            subject: Msg::MailJoinConfirmSubject.fill(lang, &[("club", &club)]),
            body: Msg::MailJoinConfirmBody.fill(
                lang,
                &[("club", &club), ("form", &form.title), ("link", &link)],
            ),
            brand: brand(scope, base_url),
        })
        .await?;
    Ok(Submitted::Sent)
}

/// Confirms the e-mail address of a submission (the link in the mail): creates the
/// applicant records (and the guardian's, linked to the children), then approves them at
/// once or puts them in the club's queue. A link works once.
pub async fn confirm(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    scope: &TenantScope,
    now: Timestamp,
    token: &str,
) -> Result<Confirmed> {
    require_module(scope)?;
    let used = || AppError::bad_request(Msg::ErrRegistrationLinkUsed);
    let actor = Actor::system("registration form");
    let mut tx = db.tenant_write(scope, &actor, now).await?;
    let row: Option<SubmissionRow> = tx
        .fetch_optional(
            &format!(
                "SELECT {SUBMISSION_COLS} FROM reg_submissions WHERE tenant_id = $1 AND token_hash = $2 \
                 AND status = 'unconfirmed' AND expires_at > $3"
            ),
            args![hash_token(token), now],
        )
        .await?;
    let row = row.ok_or_else(used)?;
    let form: FormRow = tx
        .fetch_optional(
            &format!("SELECT {FORM_COLS} FROM reg_forms WHERE tenant_id = $1 AND id = $2"),
            args![row.form_id],
        )
        .await?
        .ok_or_else(used)?;
    let form = form.into_form();
    let data: SubmissionData = serde_json::from_str(&row.data).map_err(crate::error::internal)?;
    let today = scope.today(now);
    let status = if form.auto_approve {
        "active"
    } else {
        "applicant"
    };
    let mut created = Vec::new();
    let guardian = match &data.guardian {
        Some(g) => {
            let existing: Option<(i64,)> = tx
                .fetch_optional(
                    "SELECT id FROM members WHERE tenant_id = $1 AND email = $2 ORDER BY id LIMIT 1",
                    args![row.email.clone()],
                )
                .await?;
            Some(match existing {
                Some((id,)) => MemberId(id),
                None => {
                    let id = insert_person(&mut tx, g, Some(&row.email), status, today).await?;
                    created.push(id);
                    id
                }
            })
        }
        None => None,
    };
    for (n, person) in data.people.iter().enumerate() {
        // The submitter's own address goes on their own record (not on children's).
        let email = (guardian.is_none() && n == 0).then_some(row.email.as_str());
        let id = insert_person(&mut tx, person, email, status, today).await?;
        if let Some(g) = guardian {
            crate::members::link_guardians(&mut tx, &[(g, id)]).await?;
        }
        created.push(id);
    }
    // The consents given on the form, for each person registered (not for an existing
    // guardian's record): the form's own consent text (its purpose has the form's id) and
    // each purpose ticked.
    let mut given: Vec<i64> = data.purposes.clone();
    if row.consent_version.is_some() {
        let own: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM consent_purposes WHERE tenant_id = $1 AND id = $2",
                args![form.id],
            )
            .await?;
        given.extend(own.map(|(id,)| id));
    }
    let registered: Vec<MemberId> = created
        .iter()
        .copied()
        .filter(|m| Some(*m) != guardian)
        .collect();
    for member in &registered {
        for purpose in &given {
            let change = crate::consents::ConsentChange {
                member: *member,
                purpose: *purpose,
                given: true,
                source: tessera_common::consent::ConsentSource::Registration,
                note: None,
            };
            match crate::consents::record_in(&mut tx, &actor, now, &change).await {
                // A purpose archived meanwhile is no longer given.
                Ok(()) | Err(AppError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
    }
    let ids_text = created
        .iter()
        .map(|m| m.0.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let n = tx
        .execute(
            "UPDATE reg_submissions SET status = $3, confirmed_at = $4, decided_at = $5, \
             token_hash = NULL, member_ids = $6, version = version + 1, updated_at = $4, \
             updated_by = NULL, updated_by_name = $7 \
             WHERE tenant_id = $1 AND id = $2 AND status = 'unconfirmed'",
            args![
                row.id,
                if form.auto_approve {
                    "approved"
                } else {
                    "pending"
                },
                now,
                form.auto_approve.then_some(now.0),
                ids_text,
                actor.stamp_name()
            ],
        )
        .await?;
    if n != 1 {
        return Err(used());
    }
    tx.log("registration_confirmed", Some(&form.title)).await?;
    tx.commit().await?;
    if form.auto_approve {
        welcome(
            db,
            mailer,
            base_url,
            scope,
            &actor,
            now,
            &row.email,
            guardian.or(created.first().copied()),
        )
        .await?;
        Ok(Confirmed::Approved)
    } else {
        let lang = scope.tenant().default_lang;
        let club = scope.tenant().name.clone();
        mailer
            .send(Mail {
                to: row.email.clone(),
                subject: Msg::MailJoinReceivedSubject.fill(lang, &[("club", &club)]),
                body: Msg::MailJoinReceivedBody.fill(lang, &[("club", &club)]),
                brand: brand(scope, base_url),
            })
            .await?;
        Ok(Confirmed::Queued)
    }
}

/// The approval mail, and an invitation to an account for the submitter's record.
#[allow(clippy::too_many_arguments)]
pub(super) async fn welcome(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    email: &str,
    record: Option<MemberId>,
) -> Result<()> {
    let lang = scope.tenant().default_lang;
    let club = scope.tenant().name.clone();
    mailer
        .send(Mail {
            to: email.to_string(),
            subject: Msg::MailJoinApprovedSubject.fill(lang, &[("club", &club)]),
            body: Msg::MailJoinApprovedBody.fill(lang, &[("club", &club)]),
            brand: brand(scope, base_url),
        })
        .await?;
    if let Some(record) = record {
        // In the caller's own scope: the invitation follows from the review right (or the
        // form approving itself), and grants nothing beyond it.
        match crate::members::invite_record(db, mailer, base_url, scope, actor, now, record).await {
            // Already linked to an account (a member registering a child): nothing to do.
            Ok(_) | Err(AppError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

pub(super) fn person_view(p: &Person, custom: &[CustomField]) -> ApplicationPerson {
    let mut values = Vec::new();
    for (k, v) in &p.standard {
        values.push((k.clone(), v.clone()));
    }
    for (id, v) in &p.custom {
        let label = custom
            .iter()
            .find(|c| c.id == *id)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| format!("#{id}"));
        values.push((label, v.join(", ")));
    }
    ApplicationPerson {
        name: format!("{} {}", p.given_name, p.family_name),
        values,
        duplicates: Vec::new(),
    }
}

/// The registrations waiting for a decision, and the latest decided ones (`forms.review`).
pub async fn applications(db: &Db, scope: &TenantScope) -> Result<Applications> {
    scope.require(FORMS_REVIEW)?;
    let mut tx = db.tenant_read(scope).await?;
    let forms = forms(&mut tx).await?;
    let custom = custom_fields::definitions(&mut tx).await?;
    let pending: Vec<SubmissionRow> = tx
        .fetch_all(
            &format!(
                "SELECT {SUBMISSION_COLS} FROM reg_submissions WHERE tenant_id = $1 AND status = 'pending' \
                 ORDER BY submitted_at, id LIMIT 200"
            ),
            args![],
        )
        .await?;
    let recent: Vec<SubmissionRow> = tx
        .fetch_all(
            &format!(
                "SELECT {SUBMISSION_COLS} FROM reg_submissions WHERE tenant_id = $1 \
                 AND status IN ('approved', 'rejected') ORDER BY decided_at DESC, id DESC LIMIT 20"
            ),
            args![],
        )
        .await?;
    // The possible duplicates of each person waiting (issue 19), for reviewers who see the
    // register: the records the submission made itself left out.
    let mut flags: Vec<Vec<Vec<tessera_common::dupes::Duplicate>>> = Vec::new();
    if scope.can(tessera_common::modules::MEMBERS_VIEW) {
        for r in &pending {
            let data: SubmissionData = serde_json::from_str(&r.data).unwrap_or_default();
            let own: Vec<MemberId> = r
                .member_ids
                .as_deref()
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|i| i.parse().ok().map(MemberId))
                .collect();
            let mut per_person = Vec::new();
            for p in &data.people {
                let probe = crate::dupes::Probe {
                    given_name: p.given_name.clone(),
                    family_name: p.family_name.clone(),
                    email: p
                        .standard
                        .get("email")
                        .cloned()
                        .or_else(|| Some(r.email.clone())),
                    birth_date: p.standard.get("birth_date").cloned(),
                };
                per_person.push(crate::dupes::find_in(&mut tx, &probe, &own).await?);
            }
            flags.push(per_person);
        }
    }
    tx.commit().await?;
    let view = |r: SubmissionRow| {
        let data: SubmissionData = serde_json::from_str(&r.data).unwrap_or_default();
        let form = forms.iter().find(|f| f.id == r.form_id);
        Application {
            id: r.id,
            form_title: form.map(|f| f.title.clone()).unwrap_or_default(),
            email: r.email,
            guardian: data
                .guardian
                .as_ref()
                .map(|g| format!("{} {}", g.given_name, g.family_name)),
            people: data
                .people
                .iter()
                .map(|p| person_view(p, &custom))
                .collect(),
            status: r.status,
            submitted_at: Timestamp(r.submitted_at),
            reason: r.reason,
            consent_version: r.consent_version,
            version: r.version,
        }
    };
    let mut flags = flags.into_iter();
    Ok(Applications {
        pending: pending
            .into_iter()
            .map(view)
            .map(|mut a| {
                if let Some(per_person) = flags.next() {
                    for (p, d) in a.people.iter_mut().zip(per_person) {
                        p.duplicates = d;
                    }
                }
                a
            })
            .collect(),
        recent: recent.into_iter().map(view).collect(),
    })
}

/// Approves a registration (`forms.review`): its records become active members; the
/// applicant gets a mail and an invitation to an account.
#[allow(clippy::too_many_arguments)]
pub async fn approve(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    version: i64,
) -> Result<()> {
    scope.require(FORMS_REVIEW)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row = pending_row(&mut tx, id, version).await?;
    let today = scope.today(now).to_string();
    let ids = member_ids(&row);
    for m in &ids {
        let status: Option<(String,)> = tx
            .fetch_optional(
                "SELECT status FROM members WHERE tenant_id = $1 AND id = $2",
                args![*m],
            )
            .await?;
        // Only records still waiting: staff may have decided one by hand meanwhile.
        if status.is_some_and(|(s,)| s == "applicant") {
            tx.update(
                "members",
                *m,
                vec![
                    ("status", "active".into()),
                    ("joined_on", today.clone().into()),
                ],
                None,
            )
            .await?;
        }
    }
    tx.update(
        "reg_submissions",
        id,
        vec![("status", "approved".into()), ("decided_at", now.into())],
        Some(version),
    )
    .await?;
    // The submitter's record: the guardian's (first made) or their own.
    let record: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM members WHERE tenant_id = $1 AND email = $2 ORDER BY id LIMIT 1",
            args![row.email.clone()],
        )
        .await?;
    tx.log("registration_approved", Some(&row.email)).await?;
    tx.commit().await?;
    welcome(
        db,
        mailer,
        base_url,
        scope,
        actor,
        now,
        &row.email,
        record.map(|r| MemberId(r.0)),
    )
    .await
}

/// Rejects a registration with a reason (`forms.review`): the applicant records it made
/// are removed (they never were members), the submission is kept with the reason, and the
/// applicant gets a mail with it.
#[allow(clippy::too_many_arguments)]
pub async fn reject(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    version: i64,
    reason: &str,
) -> Result<()> {
    scope.require(FORMS_REVIEW)?;
    let reason = reason.trim().replace("\r\n", "\n");
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(AppError::field("reason", Msg::ErrRejectReason));
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row = pending_row(&mut tx, id, version).await?;
    for m in member_ids(&row) {
        tx.execute(
            "DELETE FROM members WHERE tenant_id = $1 AND id = $2 AND status = 'applicant' \
             AND NOT EXISTS (SELECT 1 FROM memberships s WHERE s.tenant_id = members.tenant_id AND s.member_id = members.id)",
            args![m],
        )
        .await?;
    }
    tx.update(
        "reg_submissions",
        id,
        vec![
            ("status", "rejected".into()),
            ("decided_at", now.into()),
            ("reason", reason.clone().into()),
        ],
        Some(version),
    )
    .await?;
    tx.log("registration_rejected", Some(&row.email)).await?;
    tx.commit().await?;
    let lang = scope.tenant().default_lang;
    let club = scope.tenant().name.clone();
    mailer
        .send(Mail {
            to: row.email.clone(),
            subject: Msg::MailJoinRejectedSubject.fill(lang, &[("club", &club)]),
            body: Msg::MailJoinRejectedBody.fill(lang, &[("club", &club), ("reason", &reason)]),
            brand: brand(scope, base_url),
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use tessera_common::dto::FormField;

    #[test]
    fn the_fill_time_token_is_signed_and_checked_both_ways() {
        let t0 = Timestamp(1_800_000_000_000);
        let key = [7u8; 32];
        let tok = started_token_with(&key, 7, t0).unwrap();
        assert!(check_started_with(&key, 7, &tok, t0.plus_seconds(MIN_FILL_SECS)).is_ok());
        assert!(
            check_started_with(&key, 7, &tok, t0.plus_seconds(1)).is_err(),
            "too quick"
        );
        assert!(
            check_started_with(&key, 8, &tok, t0.plus_seconds(10)).is_err(),
            "another form"
        );
        assert!(check_started_with(&key, 7, &tok, t0.plus_seconds(MAX_FILL_SECS + 1)).is_err());
        let forged = format!(
            "{}.{}",
            t0.0 - 60_000,
            tok.split_once('.').map(|x| x.1).unwrap_or("")
        );
        assert!(
            check_started_with(&key, 7, &forged, t0).is_err(),
            "an older time with the same signature"
        );
        assert!(check_started_with(&key, 7, "garbage", t0).is_err());
        let at = t0.0;
        assert!(check_started_with(&key, 7, &format!("{at}.zz"), t0.plus_seconds(10)).is_err());
        assert!(check_started_with(&key, 7, &format!("{at}.é"), t0.plus_seconds(10)).is_err());
        assert!(
            check_started_with(&[8u8; 32], 7, &tok, t0.plus_seconds(10)).is_err(),
            "another key"
        );
        // The old construction, SHA-256(key ‖ message), is no longer accepted.
        let old: String = Sha256::digest([&key[..], format!("7:{at}").as_bytes()].concat())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(check_started_with(&key, 7, &format!("{at}.{old}"), t0.plus_seconds(10)).is_err());
    }

    fn form_input(pairs: &[(&str, &str)], audience: &str) -> RegFormInput {
        RegFormInput {
            title: "Join".into(),
            slug: "join".into(),
            audience: audience.into(),
            fields: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Default::default()
        }
    }

    fn keys(c: &CheckedForm) -> Vec<&str> {
        c.fields.iter().map(|f| f.key.as_str()).collect()
    }

    #[test]
    fn the_questions_take_the_order_the_form_builder_gives_them() {
        let custom = [CustomField {
            id: 9,
            label: "Maat".into(),
            kind: tessera_common::dto::FieldKind::Text,
            help: None,
            required: false,
            options: Vec::new(),
            visibility: tessera_common::dto::FieldVisibility::Member,
            member_editable: false,
            version: 1,
            stamp: tessera_common::dto::Stamp {
                at: Timestamp(0),
                by: None,
            },
        }];
        // Places from the builder: city first, then the custom field, then the phone.
        let c = check_form(
            &form_input(
                &[
                    ("phone", "on"),
                    ("pos:phone", "7"),
                    ("city", "on"),
                    ("pos:city", "0"),
                    ("cf9", "on"),
                    ("pos:cf9", "3"),
                    // A place for a question not asked changes nothing.
                    ("pos:street", "1"),
                ],
                "self",
            ),
            &custom,
        )
        .unwrap();
        assert_eq!(keys(&c), ["city", "cf9", "phone"]);
        // Without places (an older page, a plain post): the standard order, as before;
        // a question without a place comes after those with one; equal places keep the
        // standard order.
        let c = check_form(
            &form_input(&[("city", "on"), ("phone", "on"), ("gender", "on")], "self"),
            &custom,
        )
        .unwrap();
        assert_eq!(keys(&c), ["gender", "phone", "city"]);
        let c = check_form(
            &form_input(
                &[
                    ("city", "on"),
                    ("phone", "on"),
                    ("pos:phone", "1"),
                    ("gender", "on"),
                    ("pos:gender", "1"),
                ],
                "self",
            ),
            &custom,
        )
        .unwrap();
        assert_eq!(keys(&c), ["gender", "phone", "city"]);
        // A family form still asks the birth date first, required, wherever it was put.
        let c = check_form(
            &form_input(&[("city", "on"), ("pos:city", "0")], "family"),
            &custom,
        )
        .unwrap();
        assert_eq!(keys(&c), ["birth_date", "city"]);
        // A place that is not a small number: the field's message, nothing accepted.
        for bad in ["-1", "first", "70000", "1.5"] {
            let err = check_form(
                &form_input(&[("city", "on"), ("pos:city", bad)], "self"),
                &custom,
            )
            .err()
            .unwrap();
            match err {
                AppError::Invalid(problems) => assert!(
                    problems.iter().any(|p| p.field == "pos:city"),
                    "{bad}: {problems:?}"
                ),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn form_fields_round_trip_through_storage() {
        let f = vec![
            FormField {
                key: "birth_date".into(),
                required: true,
                help: "For the insurance".into(),
            },
            FormField {
                key: "cf12".into(),
                required: false,
                help: String::new(),
            },
        ];
        assert_eq!(parse_fields(&store_fields(&f)), f);
    }
}
