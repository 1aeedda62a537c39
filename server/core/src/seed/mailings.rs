//! The demo's mailings: a newsletter to the subscribers of the club's
//! newsletter topic and a service message (a training cancelled) to a group, or to the
//! youth members (and their guardians) when no group's mail would reach anyone, both recorded as
//! delivered without mailing anyone (the demo sends no mail while seeding).

use crate::db::Db;
use crate::error::Result;
use crate::mailings::{self, MailingInput};
use crate::scope::{Actor, TenantScope};
use tessera_common::consent::Localized;
use tessera_common::mailing::{Audience, MailingKind};
use tessera_common::time::Timestamp;

fn texts(s: [&str; 3], b: [&str; 3]) -> (Localized, Localized) {
    (
        Localized {
            en: s[0].into(),
            nl: s[1].into(),
            fr: s[2].into(),
        },
        Localized {
            en: b[0].into(),
            nl: b[1].into(),
            fr: b[2].into(),
        },
    )
}

/// Creates, sends and records as delivered the mailing `input`; false (nothing stored) when
/// its audience reaches nobody (a club too small for it: no subscribers, a group of
/// children without addresses).
async fn sent(
    db: &Db,
    scope: &TenantScope,
    sys: &Actor,
    at: Timestamp,
    input: &MailingInput,
) -> Result<bool> {
    let id = match mailings::create(db, scope, sys, at, input).await {
        Ok(id) => id,
        Err(tessera_common::AppError::BadRequest(_)) => return Ok(false),
        Err(e) => return Err(e),
    };
    mailings::send(db, scope, sys, at, id, 1).await?;
    mailings::outbox::record_as_delivered(db, scope, sys, at.plus_seconds(300), id).await?;
    Ok(true)
}

/// Seeds one demo club's two mailings.
pub(super) async fn seed(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<()> {
    let sys = Actor::system("seed-demo");
    let day = 86_400;
    if let Some(topic) = crate::consents::purposes_of(db, scope).await?.first() {
        let (subject, body) = texts(
            [
                "{club_name} newsletter: the new season",
                "Nieuwsbrief {club_name}: het nieuwe seizoen",
                "Lettre de {club_name} : la nouvelle saison",
            ],
            [
                "Dear {first_name},\n\nThe new season starts on the first Saturday of September. The training schedule is on the club's page.\n\nSee you soon!",
                "Beste {first_name},\n\nHet nieuwe seizoen begint op de eerste zaterdag van september. Het trainingsschema staat op de pagina van de club.\n\nTot binnenkort!",
                "Cher·ère {first_name},\n\nLa nouvelle saison commence le premier samedi de septembre. L'horaire des entraînements est sur la page du club.\n\nÀ bientôt !",
            ],
        );
        sent(
            db,
            scope,
            &sys,
            now.plus_seconds(-21 * day),
            &MailingInput {
                kind: MailingKind::Newsletter,
                purpose: Some(topic.id),
                audience: Audience::Topic,
                subject,
                body,
            },
        )
        .await?;
    }
    // To a group: the first (by name) whose mail reaches someone; else the youth members.
    let mut tx = db.tenant_read(scope).await?;
    let groups: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM club_groups WHERE tenant_id = $1 AND archived_at IS NULL \
             ORDER BY name, id",
            crate::args![],
        )
        .await?;
    tx.commit().await?;
    let mut audiences: Vec<Audience> = groups.into_iter().map(|(g,)| Audience::Group(g)).collect();
    audiences.push(Audience::Selection(
        if scope.tenant().default_lang == tessera_common::Lang::Fr {
            "status=active&type=Jeunes"
        } else {
            "status=active&type=Jeugd"
        }
        .into(),
    ));
    let (subject, body) = texts(
        [
            "Training cancelled tonight",
            "Training vanavond afgelast",
            "Entraînement annulé ce soir",
        ],
        [
            "Hello {first_name},\n\nTonight's training is cancelled: the hall is closed. Next training as planned.\n\n{club_name}",
            "Dag {first_name},\n\nDe training van vanavond is afgelast: de zaal is gesloten. Volgende training zoals gepland.\n\n{club_name}",
            "Bonjour {first_name},\n\nL'entraînement de ce soir est annulé : la salle est fermée. Prochain entraînement comme prévu.\n\n{club_name}",
        ],
    );
    for audience in audiences {
        let input = MailingInput {
            kind: MailingKind::Service,
            purpose: None,
            audience,
            subject: subject.clone(),
            body: body.clone(),
        };
        if sent(db, scope, &sys, now.plus_seconds(-3 * day), &input).await? {
            break;
        }
    }
    Ok(())
}
