use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const FEDERATION_CLUBS_VIEW: Permission = Permission("clubs.view");
pub const LICENCES_MANAGE: Permission = Permission("licences.manage");
pub const FEDERATION_PEOPLE: Permission = Permission("federation.people");
pub const TRANSFERS_DECIDE: Permission = Permission("transfers.decide");
pub const TEMPLATES_MANAGE: Permission = Permission("templates.manage");

pub const MODULE: Module = Module {
    id: "federation",
    kind: TenantKind::Federation,
    name: Text {
        en: "Affiliated clubs",
        nl: "Aangesloten clubs",
        fr: "Clubs affiliés",
    },
    description: Text {
        en: "The clubs of the federation with their counts. Always on.",
        nl: "De clubs van de federatie met hun aantallen. Altijd aan.",
        fr: "Les clubs de la fédération et leurs effectifs. Toujours actif.",
    },
    always_on: true,
    needs: &[],
    permissions: &[
        PermissionDecl {
            permission: FEDERATION_CLUBS_VIEW,
            label: Text {
                en: "See the affiliated clubs and their counts",
                nl: "De aangesloten clubs en hun aantallen zien",
                fr: "Voir les clubs affiliés et leurs effectifs",
            },
        },
        PermissionDecl {
            permission: LICENCES_MANAGE,
            label: Text {
                en: "Manage seasons, licence categories and licences",
                nl: "Seizoenen, vergunningscategorieën en vergunningen beheren",
                fr: "Gérer les saisons, les catégories de licence et les licences",
            },
        },
        PermissionDecl {
            permission: FEDERATION_PEOPLE,
            label: Text {
                en: "Search and open licensed members (every read is logged in the club)",
                nl: "Vergunde leden zoeken en openen (elke inzage wordt bij de club gelogd)",
                fr: "Rechercher et ouvrir les membres licenciés (chaque consultation est journalisée au club)",
            },
        },
        PermissionDecl {
            permission: TRANSFERS_DECIDE,
            label: Text {
                en: "Set transfer windows and decide contested transfers",
                nl: "Transferperiodes vastleggen en over betwiste transfers beslissen",
                fr: "Fixer les périodes de transfert et trancher les transferts contestés",
            },
        },
        PermissionDecl {
            permission: TEMPLATES_MANAGE,
            label: Text {
                en: "Publish templates for clubs and manage affiliations",
                nl: "Sjablonen voor clubs publiceren en aansluitingen beheren",
                fr: "Publier des modèles pour les clubs et gérer les affiliations",
            },
        },
    ],
    nav: &[
        // templates
        NavEntry {
            path: "templates",
            label: Text {
                en: "Templates",
                nl: "Sjablonen",
                fr: "Modèles",
            },
            permission: Some(TEMPLATES_MANAGE),
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
            permission: Some(LICENCES_MANAGE),
            own_record: false,
        },
        // fedlog18: the federation's own event log
        NavEntry {
            path: "log",
            label: Text {
                en: "Event log",
                nl: "Logboek",
                fr: "Journal",
            },
            permission: Some(FEDERATION_CLUBS_VIEW),
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
            permission: Some(TRANSFERS_DECIDE),
            own_record: false,
        },
    ],
    routes: &[
        // templates
        "templates",
        "licences",  // licences
        "log",       // fedlog18
        "transfers", // xfer18: transfers
    ],
};
