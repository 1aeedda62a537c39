use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const ROLES_MANAGE: Permission = Permission("roles.manage");

pub const MODULE: Module = Module {
    id: "roles",
    kind: TenantKind::Club,
    name: Text {
        en: "Roles and admins",
        nl: "Rollen en beheerders",
        fr: "Rôles et administrateurs",
    },
    description: Text {
        en: "The club's own roles, what each may do, who holds them, and the club's administrators. Always on.",
        nl: "De eigen rollen van de club, wat elke rol mag, wie ze heeft, en de beheerders van de club. Altijd aan.",
        fr: "Les rôles propres au club, ce que chacun permet, qui les détient, et les administrateurs. Toujours actif.",
    },
    always_on: true,
    needs: &[],
    permissions: &[PermissionDecl {
        permission: ROLES_MANAGE,
        label: Text {
            en: "Define roles, assign them, invite and remove administrators",
            nl: "Rollen bepalen en toewijzen, beheerders uitnodigen en verwijderen",
            fr: "Définir et attribuer les rôles, inviter et retirer des administrateurs",
        },
    }],
    nav: &[
        NavEntry {
            path: "settings/roles",
            label: Text {
                en: "Roles",
                nl: "Rollen",
                fr: "Rôles",
            },
            permission: Some(ROLES_MANAGE),
        own_record: false,
        },
        NavEntry {
            path: "settings/admins",
            label: Text {
                en: "Administrators",
                nl: "Beheerders",
                fr: "Administrateurs",
            },
            permission: Some(ROLES_MANAGE),
        own_record: false,
        },
    ],
    routes: &["settings/roles", "settings/admins"],
};
