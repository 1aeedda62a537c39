//! The demo's consents and export register: three purposes with texts in English, Dutch and
//! French, consents given (on registration forms, on paper) and some withdrawn again, one
//! text changed after people consented (so two versions exist), and a few exports in the
//! register.

use crate::args;
use crate::consents::{self, ConsentChange, PurposeInput};
use crate::db::Db;
use crate::error::Result;
use crate::exports::{self, ExportFormat, ExportRequest};
use crate::scope::{Actor, TenantScope};
use tessera_common::consent::{ConsentSource, Localized};
use tessera_common::dto::MemberStatus;
use tessera_common::time::Timestamp;
use tessera_common::{Lang, MemberId};

fn texts(t: [&str; 3], b: [&str; 3]) -> PurposeInput {
    PurposeInput {
        title: Localized {
            en: t[0].into(),
            nl: t[1].into(),
            fr: t[2].into(),
        },
        body: Localized {
            en: b[0].into(),
            nl: b[1].into(),
            fr: b[2].into(),
        },
    }
}

/// Seeds one demo club's consents and export register; `linked` is the demo member
/// account's record, which gets a history of its own.
pub(super) async fn seed_consents(
    db: &Db,
    owner: Option<&Db>,
    scope: &TenantScope,
    now: Timestamp,
    linked: Option<MemberId>,
) -> Result<()> {
    let sys = Actor::system("seed-demo");
    let day = 86_400;
    let start = now.plus_seconds(-120 * day);
    let newsletter = consents::save_purpose(
        db,
        scope,
        &sys,
        start,
        None,
        &texts(
            ["Club newsletter", "Clubnieuwsbrief", "Lettre d'information du club"],
            [
                "We send you the club newsletter by e-mail, about once a month.",
                "We sturen je ongeveer één keer per maand de clubnieuwsbrief per e-mail.",
                "Nous vous envoyons la lettre d'information du club par e-mail, environ une fois par mois.",
            ],
        ),
        None,
    )
    .await?;
    let photos = consents::save_purpose(
        db,
        scope,
        &sys,
        start,
        None,
        &texts(
            ["Photos on the website", "Foto's op de website", "Photos sur le site web"],
            [
                "Photos of training sessions and matches on which you can be recognised may appear on the club's website and social media.",
                "Foto's van trainingen en wedstrijden waarop je herkenbaar bent, mogen op de website en sociale media van de club.",
                "Des photos d'entraînements et de matchs sur lesquelles vous êtes reconnaissable peuvent paraître sur le site et les réseaux sociaux du club.",
            ],
        ),
        None,
    )
    .await?;
    let federation = consents::save_purpose(
        db,
        scope,
        &sys,
        start,
        None,
        &texts(
            ["Sharing with the federation", "Delen met de federatie", "Partage avec la fédération"],
            [
                "Your name and contact details are shared with the federation for its competitions and insurance mailings.",
                "Je naam en contactgegevens worden gedeeld met de federatie voor haar competities en verzekeringsberichten.",
                "Vos nom et coordonnées sont partagés avec la fédération pour ses compétitions et ses envois d'assurance.",
            ],
        ),
        None,
    )
    .await?;
    // The first forty records in register order, and the demo member.
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM members WHERE tenant_id = $1 ORDER BY sort_name, id LIMIT 40",
            args![],
        )
        .await?;
    tx.commit().await?;
    let mut people: Vec<MemberId> = rows.into_iter().map(|(id,)| MemberId(id)).collect();
    if let Some(me) = linked {
        people.retain(|p| *p != me);
        people.insert(0, me);
    }
    let sys = &sys;
    let record = |member, purpose, given, source, at: Timestamp, note: Option<&str>| {
        let change = ConsentChange {
            member,
            purpose,
            given,
            source,
            note: note.map(str::to_string),
        };
        async move { consents::record(db, scope, sys, at, &change).await }
    };
    for (n, p) in people.iter().copied().enumerate() {
        let at = start.plus_seconds((n as i64 + 1) * 3600);
        if n % 2 == 0 {
            record(p, newsletter, true, ConsentSource::Registration, at, None).await?;
        }
        if n % 3 == 0 {
            record(
                p,
                photos,
                true,
                ConsentSource::Paper,
                at,
                Some("Paper form from the season start, in the secretary's binder"),
            )
            .await?;
        }
        // Some change their mind.
        if n % 6 == 0 && n > 0 {
            let later = at.plus_seconds(30 * day);
            record(
                p,
                newsletter,
                false,
                ConsentSource::Unsubscribe,
                later,
                None,
            )
            .await?;
        }
    }
    // The federation's sharing: one member in ten, from the federation's list (imported),
    // in bulk (the benchmark's "who may be shared with the federation" export is 10,000 of
    // a 100,000-member club).
    let mut tx = db.tenant_read(scope).await?;
    let all: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM members WHERE tenant_id = $1 ORDER BY id",
            args![],
        )
        .await?;
    tx.commit().await?;
    let tenth: Vec<MemberId> = all
        .into_iter()
        .enumerate()
        .filter(|(n, _)| n % 10 == 3)
        .map(|(_, (id,))| MemberId(id))
        .collect();
    let mut tx = db.tenant_write(scope, sys, start.plus_seconds(day)).await?;
    for chunk in tenth.chunks(5000) {
        consents::give_many_in(
            &mut tx,
            sys,
            start.plus_seconds(day),
            federation,
            chunk,
            ConsentSource::Import,
        )
        .await?;
    }
    tx.commit().await?;
    // The exports below read the members and the consents just loaded: on PostgreSQL the
    // planner needs their statistics first (without them it joined the 10,000 consents
    // to the 100,000 members by scanning, for minutes).
    if let Some(owner) = owner {
        owner
            .analyze(&["members", "member_consents", "member_field_values"])
            .await?;
    }
    // The demo member: gave the photos consent, then withdrew it.
    if let Some(me) = linked {
        record(
            me,
            photos,
            false,
            ConsentSource::Paper,
            start.plus_seconds(40 * day),
            Some("Asked at the bar to be left off the website"),
        )
        .await?;
    }
    // The newsletter text changed after people consented: version 2.
    let purposes = consents::settings(db, scope).await?;
    if let Some(p) = purposes.purposes.iter().find(|p| p.id == newsletter) {
        let mut changed = texts(
            ["Club newsletter", "Clubnieuwsbrief", "Lettre d'information du club"],
            [
                "We send you the club newsletter by e-mail, about twice a month, with the match calendar.",
                "We sturen je ongeveer twee keer per maand de clubnieuwsbrief per e-mail, met de wedstrijdkalender.",
                "Nous vous envoyons la lettre d'information du club par e-mail, environ deux fois par mois, avec le calendrier des matchs.",
            ],
        );
        changed.title = p.title.clone();
        consents::save_purpose(
            db,
            scope,
            sys,
            start.plus_seconds(60 * day),
            Some(newsletter),
            &changed,
            Some(p.version),
        )
        .await?;
    }
    // A few exports in the register, by the club's administrator.
    let admin = Actor::system_labelled("seed-demo", "Club administrator");
    for (days_ago, format, purpose, consent, status) in [
        (
            45,
            ExportFormat::Csv,
            "Newsletter mailing list for the season opening",
            Some(newsletter),
            None,
        ),
        (
            20,
            ExportFormat::Xlsx,
            "Insurance list for the federation",
            Some(federation),
            Some(MemberStatus::Active),
        ),
        (
            3,
            ExportFormat::Print,
            "Attendance list for the general assembly",
            Some(photos),
            Some(MemberStatus::Active),
        ),
    ] {
        exports::export_members(
            db,
            scope,
            &admin,
            now.plus_seconds(-days_ago * day),
            &ExportRequest {
                format,
                purpose: purpose.into(),
                columns: ["given_name", "family_name", "email", "city"]
                    .into_iter()
                    .map(String::from)
                    .collect(),
                status,
                consent,
                lang: Lang::Nl,
            },
        )
        .await?;
    }
    Ok(())
}
