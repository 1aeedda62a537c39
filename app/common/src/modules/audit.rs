use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const AUDIT_VIEW: Permission = Permission("audit.view");

pub const MODULE: Module = Module {
    id: "audit",
    kind: TenantKind::Club,
    name: Text {
        en: "Event log",
        nl: "Logboek",
        fr: "Journal",
    },
    description: Text {
        en: "Who changed what and when: settings, modules, roles, assignments, exports and security events.",
        nl: "Wie wat wanneer wijzigde: instellingen, modules, rollen, toewijzingen, exports en beveiligingsgebeurtenissen.",
        fr: "Qui a changé quoi et quand : réglages, modules, rôles, attributions, exports et événements de sécurité.",
    },
    always_on: false,
    needs: &[],
    permissions: &[PermissionDecl {
        permission: AUDIT_VIEW,
        label: Text {
            en: "Read the club's event log",
            nl: "Het logboek van de club lezen",
            fr: "Lire le journal du club",
        },
    }],
    nav: &[NavEntry {
        path: "events",
        label: Text {
            en: "Event log",
            nl: "Logboek",
            fr: "Journal",
        },
        permission: Some(AUDIT_VIEW),
    own_record: false,
    }],
    routes: &["events"],
};
