use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const EXPORTS_RUN: Permission = Permission("exports.run");
/// Include columns the club marked sensitive (medical notes, national register number, …)
/// in an export; without it those columns cannot be chosen.
pub const EXPORTS_SENSITIVE: Permission = Permission("exports.sensitive");

pub const MODULE: Module = Module {
    id: "exports",
    kind: TenantKind::Club,
    name: Text {
        en: "Exports",
        nl: "Exports",
        fr: "Exports",
    },
    description: Text {
        en: "Download the member register as a spreadsheet (CSV). Every export is recorded, so it needs the event log.",
        nl: "Het ledenregister downloaden als rekenblad (CSV). Elke export wordt vastgelegd, dus het logboek is nodig.",
        fr: "Télécharger le registre des membres en tableur (CSV). Chaque export est enregistré : le journal est requis.",
    },
    always_on: false,
    needs: &["audit"],
    permissions: &[
        PermissionDecl {
            permission: EXPORTS_RUN,
            label: Text {
                en: "Export the member register",
                nl: "Het ledenregister exporteren",
                fr: "Exporter le registre des membres",
            },
        },
        PermissionDecl {
            permission: EXPORTS_SENSITIVE,
            label: Text {
                en: "Include sensitive columns in exports",
                nl: "Gevoelige kolommen opnemen in exports",
                fr: "Inclure les colonnes sensibles dans les exports",
            },
        },
    ],
    nav: &[NavEntry {
        path: "exports",
        label: Text {
            en: "Exports",
            nl: "Exports",
            fr: "Exports",
        },
        permission: Some(EXPORTS_RUN),
    own_record: false,
    }],
    routes: &["exports"],
};
