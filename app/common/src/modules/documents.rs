use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const DOCUMENTS_VIEW: Permission = Permission("documents.view");
pub const DOCUMENTS_MANAGE: Permission = Permission("documents.manage");

pub const MODULE: Module = Module {
    id: "documents",
    kind: TenantKind::Club,
    name: Text {
        en: "Member documents",
        nl: "Documenten van leden",
        fr: "Documents des membres",
    },
    description: Text {
        en: "Medical certificates, a guardian's ID and signed forms kept with the member, with expiry dates, reminders and a list of what expires soon.",
        nl: "Medische attesten, de identiteitskaart van een ouder en ondertekende formulieren bij het lid bewaard, met vervaldatum, herinneringen en een lijst van wat binnenkort vervalt.",
        fr: "Certificats médicaux, pièce d'identité d'un parent et formulaires signés conservés avec le membre, avec date d'expiration, rappels et la liste de ce qui expire bientôt.",
    },
    always_on: false,
    needs: &[],
    permissions: &[
        PermissionDecl {
            permission: DOCUMENTS_VIEW,
            label: Text {
                en: "See members' documents",
                nl: "Documenten van leden inkijken",
                fr: "Voir les documents des membres",
            },
        },
        PermissionDecl {
            permission: DOCUMENTS_MANAGE,
            label: Text {
                en: "Add and remove members' documents and their kinds",
                nl: "Documenten van leden en hun soorten toevoegen en verwijderen",
                fr: "Ajouter et retirer les documents des membres et leurs types",
            },
        },
    ],
    nav: &[NavEntry {
        path: "documents",
        label: Text {
            en: "Documents",
            nl: "Documenten",
            fr: "Documents",
        },
        permission: Some(DOCUMENTS_VIEW),
        own_record: false,
    }],
    routes: &["documents"],
};
