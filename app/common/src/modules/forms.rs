use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const FORMS_MANAGE: Permission = Permission("forms.manage");
pub const FORMS_REVIEW: Permission = Permission("forms.review");

pub const MODULE: Module = Module {
    id: "forms",
    kind: TenantKind::Club,
    name: Text {
        en: "Registration forms",
        nl: "Inschrijvingsformulieren",
        fr: "Formulaires d'inscription",
    },
    description: Text {
        en: "Public forms people fill in to join the club (also a parent for several children); they confirm their e-mail address and the club approves them, or lets them in at once.",
        nl: "Publieke formulieren waarmee mensen lid worden (ook een ouder voor meerdere kinderen); ze bevestigen hun e-mailadres en de club keurt ze goed, of laat ze meteen toe.",
        fr: "Des formulaires publics pour s'inscrire au club (aussi un parent pour plusieurs enfants) ; l'adresse e-mail est confirmée et le club approuve, ou accepte d'office.",
    },
    always_on: false,
    needs: &[],
    permissions: &[
        PermissionDecl {
            permission: FORMS_MANAGE,
            label: Text {
                en: "Build and publish registration forms",
                nl: "Inschrijvingsformulieren maken en publiceren",
                fr: "Créer et publier les formulaires d'inscription",
            },
        },
        PermissionDecl {
            permission: FORMS_REVIEW,
            label: Text {
                en: "Approve or reject registrations",
                nl: "Inschrijvingen goedkeuren of weigeren",
                fr: "Approuver ou refuser les inscriptions",
            },
        },
    ],
    nav: &[
        NavEntry {
            path: "forms",
            label: Text {
                en: "Registration forms",
                nl: "Inschrijvingsformulieren",
                fr: "Formulaires d'inscription",
            },
            permission: Some(FORMS_MANAGE),
            own_record: false,
        },
        NavEntry {
            path: "applications",
            label: Text {
                en: "Registrations",
                nl: "Inschrijvingen",
                fr: "Inscriptions",
            },
            permission: Some(FORMS_REVIEW),
            own_record: false,
        },
    ],
    routes: &["forms", "applications"],
};
