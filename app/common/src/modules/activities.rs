use super::{Module, NavEntry, Permission, PermissionDecl, Text};
use crate::dto::TenantKind;

pub const ACTIVITIES_MANAGE: Permission = Permission("activities.manage");
pub const ACTIVITIES_ATTENDANCE: Permission = Permission("activities.attendance");

pub const MODULE: Module = Module {
    id: "activities",
    kind: TenantKind::Club,
    name: Text {
        en: "Activities and attendance",
        nl: "Activiteiten en aanwezigheden",
        fr: "Activités et présences",
    },
    description: Text {
        en: "Trainings (weekly, with exceptions and cancellations), matches and events per group; members report absences, leaders mark attendance on their phone; private calendar feeds.",
        nl: "Trainingen (wekelijks, met uitzonderingen en afgelastingen), wedstrijden en evenementen per groep; leden melden afwezigheid, leiders duiden aanwezigheden aan op hun gsm; persoonlijke agenda-feeds.",
        fr: "Entraînements (hebdomadaires, avec exceptions et annulations), matchs et événements par groupe ; les membres signalent leurs absences, les responsables notent les présences sur leur téléphone ; agendas privés.",
    },
    always_on: false,
    needs: &["groups"],
    permissions: &[
        PermissionDecl {
            permission: ACTIVITIES_MANAGE,
            label: Text {
                en: "Plan trainings, matches and events for every group",
                nl: "Trainingen, wedstrijden en evenementen plannen voor elke groep",
                fr: "Planifier entraînements, matchs et événements pour chaque groupe",
            },
        },
        PermissionDecl {
            permission: ACTIVITIES_ATTENDANCE,
            label: Text {
                en: "Mark attendance for every group and see the figures",
                nl: "Aanwezigheden aanduiden voor elke groep en de cijfers zien",
                fr: "Noter les présences de chaque groupe et voir les chiffres",
            },
        },
    ],
    nav: &[NavEntry {
        path: "activities",
        label: Text {
            en: "Activities",
            nl: "Activiteiten",
            fr: "Activités",
        },
        permission: None,
        own_record: false,
    }],
    routes: &["activities", "calendar"],
};
