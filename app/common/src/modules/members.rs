use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const MEMBERS_VIEW: Permission = Permission("members.view");
pub const MEMBERS_EDIT: Permission = Permission("members.edit");
pub const MEMBERS_FIELDS: Permission = Permission("members.fields");
pub const MEMBERS_SENSITIVE: Permission = Permission("members.sensitive");

pub const MODULE: Module = Module {
    id: "members",
    kind: TenantKind::Club,
    name: Text {
        en: "Members",
        nl: "Leden",
        fr: "Membres",
    },
    description: Text {
        en: "The member register: people, families and their records. Always on.",
        nl: "Het ledenregister: personen, gezinnen en hun gegevens. Altijd aan.",
        fr: "Le registre des membres : personnes, familles et leurs fiches. Toujours actif.",
    },
    always_on: true,
    needs: &[],
    permissions: &[
        PermissionDecl {
            permission: MEMBERS_VIEW,
            label: Text {
                en: "See the member register",
                nl: "Het ledenregister bekijken",
                fr: "Consulter le registre des membres",
            },
        },
        PermissionDecl {
            permission: MEMBERS_EDIT,
            label: Text {
                en: "Change member records and reset second factors",
                nl: "Ledengegevens wijzigen en tweede factoren herstellen",
                fr: "Modifier les fiches et réinitialiser les seconds facteurs",
            },
        },
        PermissionDecl {
            permission: MEMBERS_FIELDS,
            label: Text {
                en: "Define the club's own fields of the member records",
                nl: "De eigen velden van de ledenfiches bepalen",
                fr: "Définir les champs propres des fiches de membre",
            },
        },
        PermissionDecl {
            permission: MEMBERS_SENSITIVE,
            label: Text {
                en: "See and change sensitive fields (national register number)",
                nl: "Gevoelige velden zien en wijzigen (rijksregisternummer)",
                fr: "Voir et modifier les champs sensibles (numéro de registre national)",
            },
        },
    ],
    nav: &[
        NavEntry {
            path: "members",
            label: Text {
                en: "Members",
                nl: "Leden",
                fr: "Membres",
            },
            permission: Some(MEMBERS_VIEW),
            own_record: false,
        },
        NavEntry {
            path: "me",
            label: Text {
                en: "My details",
                nl: "Mijn gegevens",
                fr: "Mes données",
            },
            permission: None,
            own_record: true,
        },
        NavEntry {
            path: "settings/fields",
            label: Text {
                en: "Member fields",
                nl: "Ledenvelden",
                fr: "Champs des membres",
            },
            permission: Some(MEMBERS_FIELDS),
            own_record: false,
        },
    ],
    routes: &["members", "me", "settings/fields"],
};
