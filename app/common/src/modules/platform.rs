use super::{Module, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const PLATFORM_OVERVIEW: Permission = Permission("platform.view");
pub const PLATFORM_MANAGE: Permission = Permission("platform.manage");

pub const MODULE: Module = Module {
    id: "platform",
    kind: TenantKind::Operator,
    name: Text {
        en: "Platform",
        nl: "Platform",
        fr: "Plateforme",
    },
    description: Text {
        en: "Tenants, plans and usage counts. Always on.",
        nl: "Omgevingen, plannen en gebruikscijfers. Altijd aan.",
        fr: "Environnements, formules et compteurs d'usage. Toujours actif.",
    },
    always_on: true,
    needs: &[],
    permissions: &[
        PermissionDecl {
            permission: PLATFORM_OVERVIEW,
            label: Text {
                en: "See every tenant and its usage counts",
                nl: "Alle omgevingen en hun gebruikscijfers zien",
                fr: "Voir chaque environnement et ses compteurs",
            },
        },
        PermissionDecl {
            permission: PLATFORM_MANAGE,
            label: Text {
                en: "Create, suspend and reactivate tenants; assign plans",
                nl: "Omgevingen aanmaken, opschorten en heractiveren; plannen toekennen",
                fr: "Créer, suspendre et réactiver des environnements ; attribuer des formules",
            },
        },
    ],
    nav: &[],
    routes: &[],
};
