use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const AFFILIATIONS_MANAGE: Permission = Permission("affiliations.manage");
pub const LICENCES_REQUEST: Permission = Permission("licences.request");
pub const TRANSFERS_HANDLE: Permission = Permission("transfers.handle");

/// The club's side of its federations: affiliation and sharing terms, licence requests,
/// transfers. Always on: a club without a federation simply has none of them.
pub const MODULE: Module = Module {
    id: "affiliation",
    kind: TenantKind::Club,
    name: Text {
        en: "Federations",
        nl: "Federaties",
        fr: "Fédérations",
    },
    description: Text {
        en: "The federations the club belongs to, the data it agreed to share with them, licences for its members and transfers between clubs. Always on.",
        nl: "De federaties waarbij de club aangesloten is, de gegevens die ze met hen deelt, vergunningen voor haar leden en transfers tussen clubs. Altijd aan.",
        fr: "Les fédérations auxquelles le club est affilié, les données qu'il a accepté de partager, les licences de ses membres et les transferts entre clubs. Toujours actif.",
    },
    always_on: true,
    needs: &[],
    permissions: &[
        PermissionDecl {
            permission: AFFILIATIONS_MANAGE,
            label: Text {
                en: "Join and leave federations and accept their sharing terms",
                nl: "Federaties vervoegen en verlaten en hun deelvoorwaarden aanvaarden",
                fr: "Rejoindre et quitter des fédérations et accepter leurs conditions de partage",
            },
        },
        PermissionDecl {
            permission: LICENCES_REQUEST,
            label: Text {
                en: "Request licences for members",
                nl: "Vergunningen voor leden aanvragen",
                fr: "Demander des licences pour les membres",
            },
        },
        PermissionDecl {
            permission: TRANSFERS_HANDLE,
            label: Text {
                en: "Ask, release and object to transfers",
                nl: "Transfers aanvragen, vrijgeven en betwisten",
                fr: "Demander, libérer et contester des transferts",
            },
        },
    ],
    nav: &[
        // affiliations
        NavEntry {
            path: "federations",
            label: Text {
                en: "Federations",
                nl: "Federaties",
                fr: "Fédérations",
            },
            permission: Some(AFFILIATIONS_MANAGE),
            own_record: false,
        },
        // end affiliations
        // templates: any member may open the page, which offers each kind to those who
        // may adopt it; the entry is shown to those who manage the club's federations (a
        // nav entry names one permission of its own module).
        NavEntry {
            path: "templates",
            label: Text {
                en: "Federation templates",
                nl: "Federatiesjablonen",
                fr: "Modèles de la fédération",
            },
            permission: Some(AFFILIATIONS_MANAGE),
            own_record: false,
        },
        // licences
        NavEntry {
            path: "licences",
            label: Text {
                en: "Licences",
                nl: "Vergunningen",
                fr: "Licences",
            },
            permission: Some(LICENCES_REQUEST),
            own_record: false,
        },
        // xfer18: transfers
        NavEntry {
            path: "transfers",
            label: Text {
                en: "Transfers",
                nl: "Transfers",
                fr: "Transferts",
            },
            permission: Some(TRANSFERS_HANDLE),
            own_record: false,
        },
    ],
    routes: &[
        // affiliations
        "federations",
        // templates
        "templates",
        "licences",  // licences
        "transfers", // xfer18: transfers
    ],
};
