use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const MAILINGS_SEND: Permission = Permission("mailings.send");

pub const MODULE: Module = Module {
    id: "mailings",
    kind: TenantKind::Club,
    name: Text {
        en: "Mailings",
        nl: "Mailings",
        fr: "Envois groupés",
    },
    description: Text {
        en: "Mail a group, a selection of the register or a newsletter's subscribers, each in their own language; newsletters only to those who consented, with a one-click unsubscribe.",
        nl: "Mail een groep, een selectie uit het ledenregister of de abonnees van een nieuwsbrief, elk in de eigen taal; nieuwsbrieven enkel aan wie toestemming gaf, met uitschrijven in één klik.",
        fr: "Écrire à un groupe, à une sélection du registre ou aux abonnés d'une lettre d'information, chacun dans sa langue ; les lettres seulement à ceux qui y ont consenti, désinscription en un clic.",
    },
    always_on: false,
    needs: &[],
    permissions: &[PermissionDecl {
        permission: MAILINGS_SEND,
        label: Text {
            en: "Write and send mailings",
            nl: "Mailings opstellen en versturen",
            fr: "Rédiger et envoyer des envois groupés",
        },
    }],
    nav: &[NavEntry {
        path: "mailings",
        label: Text {
            en: "Mailings",
            nl: "Mailings",
            fr: "Envois groupés",
        },
        permission: Some(MAILINGS_SEND),
        own_record: false,
    }],
    routes: &["mailings"],
};
