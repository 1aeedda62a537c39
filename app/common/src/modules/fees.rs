use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const FEES_MANAGE: Permission = Permission("fees.manage");
pub const FEES_RECONCILE: Permission = Permission("fees.reconcile");
pub const FEES_VIEW: Permission = Permission("fees.view");
pub const RENEWAL_MANAGE: Permission = Permission("renewal.manage");

pub const MODULE: Module = Module {
    id: "fees",
    kind: TenantKind::Club,
    name: Text {
        en: "Seasons and fees",
        nl: "Seizoenen en lidgeld",
        fr: "Saisons et cotisations",
    },
    description: Text {
        en: "Seasons, membership fees and invoices with a structured communication and a QR code to pay, bank statements matched to them, reminders, season renewal and health-insurer certificates.",
        nl: "Seizoenen, lidgeld en facturen met een gestructureerde mededeling en een QR-code om te betalen, bankuittreksels die erop afgestemd worden, herinneringen, seizoenshernieuwing en attesten voor het ziekenfonds.",
        fr: "Saisons, cotisations et factures avec une communication structurée et un code QR pour payer, extraits bancaires rapprochés, rappels, renouvellement de saison et attestations pour la mutualité.",
    },
    always_on: false,
    needs: &[],
    permissions: &[
        PermissionDecl {
            permission: FEES_MANAGE,
            label: Text {
                en: "Manage seasons, fees and invoices",
                nl: "Seizoenen, lidgelden en facturen beheren",
                fr: "Gérer les saisons, les cotisations et les factures",
            },
        },
        PermissionDecl {
            permission: FEES_RECONCILE,
            label: Text {
                en: "Import bank statements and match payments",
                nl: "Bankuittreksels inlezen en betalingen afstemmen",
                fr: "Importer les extraits bancaires et rapprocher les paiements",
            },
        },
        PermissionDecl {
            permission: FEES_VIEW,
            label: Text {
                en: "See payment status and fee reports",
                nl: "Betaalstatus en lidgeldrapporten zien",
                fr: "Voir l'état des paiements et les rapports de cotisations",
            },
        },
        PermissionDecl {
            permission: RENEWAL_MANAGE,
            label: Text {
                en: "Open and follow season renewal",
                nl: "Seizoenshernieuwing openen en opvolgen",
                fr: "Ouvrir et suivre le renouvellement de saison",
            },
        },
    ],
    nav: &[
        // invoices
        NavEntry {
            path: "fees",
            label: Text {
                en: "Seasons and fees",
                nl: "Seizoenen en lidgeld",
                fr: "Saisons et cotisations",
            },
            permission: Some(FEES_MANAGE),
            own_record: false,
        },
        // bank20 (reconcile)
        NavEntry {
            path: "fees/bank",
            label: Text {
                en: "Bank",
                nl: "Bank",
                fr: "Banque",
            },
            permission: Some(FEES_RECONCILE),
            own_record: false,
        },
        // reminders
        NavEntry {
            path: "fees/overdue",
            label: Text {
                en: "Overdue",
                nl: "Achterstallig",
                fr: "En retard",
            },
            permission: Some(FEES_MANAGE),
            own_record: false,
        },
        // renewal
        NavEntry {
            path: "fees/certificates",
            label: Text {
                en: "Certificates",
                nl: "Attesten",
                fr: "Attestations",
            },
            permission: Some(FEES_MANAGE),
            own_record: false,
        },
        NavEntry {
            path: "fees/renewal",
            label: Text {
                en: "Renewal",
                nl: "Hernieuwing",
                fr: "Renouvellement",
            },
            permission: Some(RENEWAL_MANAGE),
            own_record: false,
        },
        // rep20: the season report
        NavEntry {
            path: "fees/report",
            label: Text {
                en: "Fee report",
                nl: "Lidgeldrapport",
                fr: "Rapport des cotisations",
            },
            permission: Some(FEES_VIEW),
            own_record: false,
        },
    ],
    routes: &[
        // invoices
        "fees",
        // bank20 (reconcile)
        "fees/bank",
        // reminders
        "fees/overdue",
        // renewal
        "fees/certificates",
        "fees/renewal",
        // rep20
        "fees/report",
    ],
};
