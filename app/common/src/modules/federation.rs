use super::{Module, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const FEDERATION_CLUBS_VIEW: Permission = Permission("clubs.view");

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
    permissions: &[PermissionDecl {
        permission: FEDERATION_CLUBS_VIEW,
        label: Text {
            en: "See the affiliated clubs and their counts",
            nl: "De aangesloten clubs en hun aantallen zien",
            fr: "Voir les clubs affiliés et leurs effectifs",
        },
    }],
    nav: &[],
    routes: &[],
};
