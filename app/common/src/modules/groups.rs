use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const GROUPS_MANAGE: Permission = Permission("groups.manage");

pub const MODULE: Module = Module {
    id: "groups",
    kind: TenantKind::Club,
    name: Text {
        en: "Groups",
        nl: "Groepen",
        fr: "Groupes",
    },
    description: Text {
        en: "Teams, age categories, training groups and committees, with their members over time and their leaders; a trainer's role can be limited to their own groups.",
        nl: "Ploegen, leeftijdscategorieën, trainingsgroepen en commissies, met hun leden door de tijd en hun leiders; de rol van een trainer kan beperkt worden tot de eigen groepen.",
        fr: "Équipes, catégories d'âge, groupes d'entraînement et comités, avec leurs membres dans le temps et leurs responsables ; le rôle d'un entraîneur peut être limité à ses groupes.",
    },
    always_on: false,
    needs: &[],
    permissions: &[PermissionDecl {
        permission: GROUPS_MANAGE,
        label: Text {
            en: "Create groups and change who is in them",
            nl: "Groepen maken en hun leden wijzigen",
            fr: "Créer des groupes et en changer les membres",
        },
    }],
    nav: &[NavEntry {
        path: "groups",
        label: Text {
            en: "Groups",
            nl: "Groepen",
            fr: "Groupes",
        },
        permission: None,
        own_record: false,
    }],
    routes: &["groups"],
};
