//! The module registry: every feature area a tenant can have, declared in one place.
//!
//! A module declares its id, its name and description in the three languages, the modules
//! it needs, the permissions it brings, its navigation entries and the routes it owns under
//! the tenant's path. Each module is one file in this folder; [`REGISTRY`] lists them. The
//! server grants a permission only while its module is switched on (always-on modules, or
//! switched on by the club within its plan), and answers 404 for the pages and server
//! functions of a module that is off. See docs/ARCHITECTURE.md, "Adding a module".

use crate::dto::TenantKind;
use crate::{Lang, Msg};

mod activities;
mod affiliation;
mod audit;
mod documents;
mod exports;
mod federation;
mod fees;
mod forms;
mod groups;
mod mailings;
mod members;
mod platform;
mod privacy;
mod roles;
mod settings;

pub use activities::{ACTIVITIES_ATTENDANCE, ACTIVITIES_MANAGE};
pub use affiliation::{AFFILIATIONS_MANAGE, LICENCES_REQUEST, TRANSFERS_HANDLE};
pub use audit::AUDIT_VIEW;
pub use documents::{DOCUMENTS_MANAGE, DOCUMENTS_VIEW};
pub use exports::{EXPORTS_RUN, EXPORTS_SENSITIVE};
pub use federation::{
    FEDERATION_CLUBS_VIEW, FEDERATION_PEOPLE, LICENCES_MANAGE, TEMPLATES_MANAGE, TRANSFERS_DECIDE,
};
pub use fees::{FEES_MANAGE, FEES_RECONCILE, FEES_VIEW, RENEWAL_MANAGE};
pub use forms::{FORMS_MANAGE, FORMS_REVIEW};
pub use groups::GROUPS_MANAGE;
pub use mailings::MAILINGS_SEND;
pub use members::{MEMBERS_EDIT, MEMBERS_FIELDS, MEMBERS_SENSITIVE, MEMBERS_VIEW};
pub use platform::{PLATFORM_MANAGE, PLATFORM_OVERVIEW};
pub use privacy::{PRIVACY_CONSENTS, PRIVACY_MANAGE, PRIVACY_REQUESTS};
pub use roles::ROLES_MANAGE;
pub use settings::SETTINGS_MANAGE;

/// Every module, in the order of the navigation. Adding a module: one file in this folder,
/// one line here.
pub const REGISTRY: &[&Module] = &[
    &members::MODULE,
    &audit::MODULE,
    &exports::MODULE,
    &forms::MODULE,
    &groups::MODULE,
    &activities::MODULE,
    &mailings::MODULE,
    &documents::MODULE,
    &fees::MODULE,
    &roles::MODULE,
    &settings::MODULE,
    &privacy::MODULE,
    &affiliation::MODULE,
    &federation::MODULE,
    &platform::MODULE,
];

/// A text in each language of the application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub nl: &'static str,
    pub fr: &'static str,
}

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Nl => self.nl,
            Lang::Fr => self.fr,
        }
    }
}

/// A right inside a tenant, named by its id (`members.view`). Declared by one module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Permission(pub &'static str);

impl Permission {
    pub fn id(self) -> &'static str {
        self.0
    }

    /// The registered permission with this id, if any.
    pub fn parse(id: &str) -> Option<Permission> {
        REGISTRY
            .iter()
            .flat_map(|m| m.permissions.iter())
            .find(|p| p.permission.0 == id)
            .map(|p| p.permission)
    }

    /// The declaration of this permission and the module that brings it.
    pub fn declaration(self) -> Option<(&'static Module, &'static PermissionDecl)> {
        REGISTRY.iter().find_map(|m| {
            m.permissions
                .iter()
                .find(|p| p.permission == self)
                .map(|p| (*m, p))
        })
    }

    /// The module that brings this permission.
    pub fn module(self) -> Option<&'static Module> {
        self.declaration().map(|(m, _)| m)
    }
}

/// The translated name and one-line explanation of a permission, as the roles pages show
/// it (`None` for a permission without them: the test below fails for such a one, so a new
/// permission cannot reach the pages as a bare id).
pub fn permission_msgs(p: Permission) -> Option<(Msg, Msg)> {
    Some(match p.0 {
        "members.view" => (Msg::PermMembersView, Msg::PermMembersViewHelp),
        "members.edit" => (Msg::PermMembersEdit, Msg::PermMembersEditHelp),
        "members.fields" => (Msg::PermMembersFields, Msg::PermMembersFieldsHelp),
        "members.sensitive" => (Msg::PermMembersSensitive, Msg::PermMembersSensitiveHelp),
        "audit.view" => (Msg::PermAuditView, Msg::PermAuditViewHelp),
        "exports.run" => (Msg::PermExportsRun, Msg::PermExportsRunHelp),
        "exports.sensitive" => (Msg::PermExportsSensitive, Msg::PermExportsSensitiveHelp),
        "privacy.requests" => (Msg::PermPrivacyRequests, Msg::PermPrivacyRequestsHelp),
        "privacy.consents" => (Msg::PermPrivacyConsents, Msg::PermPrivacyConsentsHelp),
        "privacy.manage" => (Msg::PermPrivacyManage, Msg::PermPrivacyManageHelp),
        "groups.manage" => (Msg::PermGroupsManage, Msg::PermGroupsManageHelp),
        "activities.manage" => (Msg::PermActivitiesManage, Msg::PermActivitiesManageHelp),
        "activities.attendance" => (
            Msg::PermActivitiesAttendance,
            Msg::PermActivitiesAttendanceHelp,
        ),
        "mailings.send" => (Msg::PermMailingsSend, Msg::PermMailingsSendHelp),
        "documents.view" => (Msg::PermDocumentsView, Msg::PermDocumentsViewHelp),
        "documents.manage" => (Msg::PermDocumentsManage, Msg::PermDocumentsManageHelp),
        "forms.manage" => (Msg::PermFormsManage, Msg::PermFormsManageHelp),
        "forms.review" => (Msg::PermFormsReview, Msg::PermFormsReviewHelp),
        "roles.manage" => (Msg::PermRolesManage, Msg::PermRolesManageHelp),
        "settings.manage" => (Msg::PermSettingsManage, Msg::PermSettingsManageHelp),
        "clubs.view" => (Msg::PermClubsView, Msg::PermClubsViewHelp),
        "fees.manage" => (Msg::PermFeesManage, Msg::PermFeesManageHelp),
        "fees.reconcile" => (Msg::PermFeesReconcile, Msg::PermFeesReconcileHelp),
        "fees.view" => (Msg::PermFeesView, Msg::PermFeesViewHelp),
        "renewal.manage" => (Msg::PermRenewalManage, Msg::PermRenewalManageHelp),
        "affiliations.manage" => (Msg::PermAffiliationsManage, Msg::PermAffiliationsManageHelp),
        "licences.request" => (Msg::PermLicencesRequest, Msg::PermLicencesRequestHelp),
        "transfers.handle" => (Msg::PermTransfersHandle, Msg::PermTransfersHandleHelp),
        "licences.manage" => (Msg::PermLicencesManage, Msg::PermLicencesManageHelp),
        "federation.people" => (Msg::PermFederationPeople, Msg::PermFederationPeopleHelp),
        "transfers.decide" => (Msg::PermTransfersDecide, Msg::PermTransfersDecideHelp),
        "templates.manage" => (Msg::PermTemplatesManage, Msg::PermTemplatesManageHelp),
        "platform.view" => (Msg::PermPlatformView, Msg::PermPlatformViewHelp),
        "platform.manage" => (Msg::PermPlatformManage, Msg::PermPlatformManageHelp),
        _ => return None,
    })
}

/// A permission as its module declares it: what it allows, in words.
#[derive(Debug)]
pub struct PermissionDecl {
    pub permission: Permission,
    pub label: Text,
}

/// An entry of the tenant's navigation, shown to those who hold `permission` (everyone in
/// the tenant when `None`), and with `own_record` only to those whose account is linked to
/// a member record.
#[derive(Debug)]
pub struct NavEntry {
    /// Relative to the tenant's base path (`members` → `/c/{club}/members`).
    pub path: &'static str,
    pub label: Text,
    pub permission: Option<Permission>,
    pub own_record: bool,
}

#[derive(Debug)]
pub struct Module {
    pub id: &'static str,
    /// The kind of tenant that has this module.
    pub kind: TenantKind,
    pub name: Text,
    pub description: Text,
    /// On for every tenant of its kind, whatever the plan; cannot be switched off.
    pub always_on: bool,
    /// Modules that must be on for this one to be switched on.
    pub needs: &'static [&'static str],
    pub permissions: &'static [PermissionDecl],
    pub nav: &'static [NavEntry],
    /// The first path segments (under the tenant's base path) of the module's pages.
    pub routes: &'static [&'static str],
}

impl Module {
    pub fn by_id(id: &str) -> Option<&'static Module> {
        REGISTRY.iter().find(|m| m.id == id).copied()
    }

    /// The modules of one kind of tenant.
    pub fn of_kind(kind: TenantKind) -> impl Iterator<Item = &'static Module> {
        REGISTRY.iter().filter(move |m| m.kind == kind).copied()
    }

    /// The module owning a path relative to the tenant's base (`settings/roles/12`).
    pub fn owning(kind: TenantKind, rel_path: &str) -> Option<&'static Module> {
        let rel = rel_path.trim_matches('/');
        Module::of_kind(kind).find(|m| {
            m.routes
                .iter()
                .any(|r| rel == *r || rel.starts_with(&format!("{r}/")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_and_permissions_are_unique_and_well_formed() {
        let mut ids = HashSet::new();
        let mut perms = HashSet::new();
        for m in REGISTRY {
            assert!(ids.insert(m.id), "module {} twice", m.id);
            assert!(m.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            for p in m.permissions {
                assert!(perms.insert(p.permission.0), "{} twice", p.permission.0);
                let id = p.permission.0;
                assert!(
                    id.split('.').count() == 2
                        && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'.'),
                    "permission ids look like area.verb: {id}"
                );
                assert_eq!(Permission::parse(p.permission.0), Some(p.permission));
                assert_eq!(p.permission.module().map(|x| x.id), Some(m.id));
            }
            for t in [m.name, m.description]
                .into_iter()
                .chain(m.permissions.iter().map(|p| p.label))
                .chain(m.nav.iter().map(|n| n.label))
            {
                for l in Lang::ALL {
                    assert!(!t.get(l).trim().is_empty(), "{}: empty text", m.id);
                }
            }
        }
        assert_eq!(Permission::parse("members.fly"), None);
    }

    #[test]
    fn every_permission_has_a_translated_name_and_explanation() {
        for m in REGISTRY {
            for p in m.permissions {
                let (name, help) = permission_msgs(p.permission).unwrap_or_else(|| {
                    panic!("{} has no name: add it to permission_msgs", p.permission.0)
                });
                assert_ne!(name, help);
                for l in Lang::ALL {
                    assert!(!name.text(l).contains(p.permission.0));
                    assert!(!help.text(l).trim().is_empty());
                }
            }
        }
        assert_eq!(permission_msgs(Permission("members.fly")), None);
    }

    #[test]
    fn needs_name_modules_of_the_same_kind_and_never_loop() {
        for m in REGISTRY {
            for n in m.needs {
                let dep = Module::by_id(n).unwrap_or_else(|| panic!("{} needs unknown {n}", m.id));
                assert_eq!(dep.kind, m.kind);
                assert!(
                    !dep.needs.contains(&m.id),
                    "{} and {n} need each other",
                    m.id
                );
            }
            for e in m.nav {
                assert!(
                    e.permission
                        .is_none_or(|ep| m.permissions.iter().any(|p| p.permission == ep)),
                    "{}: navigation entry {} shown for a permission of another module",
                    m.id,
                    e.path
                );
                assert!(Module::owning(m.kind, e.path).map(|o| o.id) == Some(m.id));
            }
        }
    }

    #[test]
    fn paths_find_their_module() {
        assert_eq!(
            Module::owning(TenantKind::Club, "members/123").map(|m| m.id),
            Some("members")
        );
        assert_eq!(
            Module::owning(TenantKind::Club, "/settings/roles/9").map(|m| m.id),
            Some("roles")
        );
        assert_eq!(
            Module::owning(TenantKind::Club, "exports").map(|m| m.id),
            Some("exports")
        );
        assert!(Module::owning(TenantKind::Club, "membersx").is_none());
        assert!(Module::owning(TenantKind::Club, "").is_none());
    }
}
