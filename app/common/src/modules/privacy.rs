use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

/// Work the members' data-protection requests (access, rectification, erasure, restriction,
/// objection): extend, complete or refuse them.
pub const PRIVACY_REQUESTS: Permission = Permission("privacy.requests");
/// Define consent purposes and their texts, record a consent given on paper.
pub const PRIVACY_CONSENTS: Permission = Permission("privacy.consents");
/// The club's data-protection settings: retention policies, breaches, the record of
/// processing, objections to sub-processors, the export register.
pub const PRIVACY_MANAGE: Permission = Permission("privacy.manage");

pub const MODULE: Module = Module {
    id: "privacy",
    kind: TenantKind::Club,
    name: Text {
        en: "Data protection",
        nl: "Gegevensbescherming",
        fr: "Protection des données",
    },
    description: Text {
        en: "Members' rights and requests, consent per purpose, the export register, retention, breaches and the record of processing.",
        nl: "Rechten en verzoeken van leden, toestemming per doel, het exportregister, bewaartermijnen, datalekken en het verwerkingsregister.",
        fr: "Droits et demandes des membres, consentement par finalité, registre des exports, conservation, violations et registre des traitements.",
    },
    always_on: true,
    needs: &[],
    permissions: &[
        PermissionDecl {
            permission: PRIVACY_REQUESTS,
            label: Text {
                en: "Handle members' data-protection requests",
                nl: "Verzoeken van leden over hun gegevens behandelen",
                fr: "Traiter les demandes des membres sur leurs données",
            },
        },
        PermissionDecl {
            permission: PRIVACY_CONSENTS,
            label: Text {
                en: "Manage consent purposes and record consents",
                nl: "Toestemmingsdoelen beheren en toestemmingen vastleggen",
                fr: "Gérer les finalités et enregistrer les consentements",
            },
        },
        PermissionDecl {
            permission: PRIVACY_MANAGE,
            label: Text {
                en: "Manage data protection (retention, breaches, exports, record of processing)",
                nl: "Gegevensbescherming beheren (bewaartermijnen, datalekken, exports, verwerkingsregister)",
                fr: "Gérer la protection des données (conservation, violations, exports, registre)",
            },
        },
    ],
    nav: &[NavEntry {
        path: "privacy",
        label: Text {
            en: "Data protection",
            nl: "Gegevensbescherming",
            fr: "Protection des données",
        },
        permission: Some(PRIVACY_MANAGE),
        own_record: false,
    }, NavEntry {
        path: "privacy/requests",
        label: Text {
            en: "Data requests",
            nl: "Gegevensverzoeken",
            fr: "Demandes de données",
        },
        permission: Some(PRIVACY_REQUESTS),
        own_record: false,
    }],
    routes: &["privacy"],
};
