use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const SETTINGS_MANAGE: Permission = Permission("settings.manage");

pub const MODULE: Module = Module {
    id: "settings",
    kind: TenantKind::Club,
    name: Text {
        en: "Settings",
        nl: "Instellingen",
        fr: "Réglages",
    },
    description: Text {
        en: "Which modules the club uses, and its look: name, logo, colours and language. Always on.",
        nl: "Welke modules de club gebruikt, en haar huisstijl: naam, logo, kleuren en taal. Altijd aan.",
        fr: "Les modules utilisés par le club, et son identité visuelle : nom, logo, couleurs et langue. Toujours actif.",
    },
    always_on: true,
    needs: &[],
    permissions: &[PermissionDecl {
        permission: SETTINGS_MANAGE,
        label: Text {
            en: "Switch modules on and off, change the club's look",
            nl: "Modules aan- en uitzetten, de huisstijl van de club wijzigen",
            fr: "Activer et désactiver des modules, changer l'identité visuelle du club",
        },
    }],
    nav: &[
        NavEntry {
            path: "settings/modules",
            label: Text {
                en: "Modules",
                nl: "Modules",
                fr: "Modules",
            },
            permission: Some(SETTINGS_MANAGE),
        own_record: false,
        },
        NavEntry {
            path: "settings/terms",
            label: Text {
                en: "Terms of use",
                nl: "Gebruiksvoorwaarden",
                fr: "Conditions d'utilisation",
            },
            permission: Some(SETTINGS_MANAGE),
            own_record: false,
        },
        NavEntry {
            path: "settings/look",
            label: Text {
                en: "Look and feel",
                nl: "Huisstijl",
                fr: "Identité visuelle",
            },
            permission: Some(SETTINGS_MANAGE),
        own_record: false,
        },
    ],
    routes: &["settings/modules", "settings/look", "settings/terms"],
};
