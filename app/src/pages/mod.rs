//! The pages, one module per area.

pub(crate) mod account;
// activities
mod activities;
mod admin;
mod admin_privacy;
mod affiliations; // affiliations
pub(crate) mod club;
pub mod consents;
pub(crate) mod documents;
pub(crate) mod dupes;
mod exports;
mod federation;
mod fedlog; // fedlog18
mod fedreads; // xfer18
pub(crate) mod fee_report; // rep20
pub(crate) mod fees; // invoices
pub(crate) mod fields;
mod forms;
pub(crate) mod groups;
mod import;
mod landing;
pub(crate) mod licences; // licences
mod links;
mod login;
mod mailings; // mailings
mod member_edit;
pub(crate) mod members;
mod not_found;
pub(crate) mod privacy;
pub(crate) mod reconcile; // reconcile
pub(crate) mod reminders; // reminders
pub(crate) mod renewal; // renewal
pub(crate) mod retention;
pub(crate) mod rights;
pub(crate) mod settings;
pub(crate) mod templates; // templates
pub(crate) mod transfers; // xfer18: transfers
pub(crate) mod usage; // templates (usage)

pub use account::{AccountPage, LoginVerifyPage, RecoveryCodesPage, TwoFactorSetupPage};
pub use activities::{
    ActivitiesPage, CalendarPage, FiguresPage, MonthSheetPage, OccurrencePage, OccurrencePrintPage,
};
pub use admin::AdminPage;
pub use admin_privacy::AdminPrivacyPage;
pub use affiliations::{ClubFederationsPage, FederationClubsPage}; // affiliations
pub use club::{ClubEventsPage, ClubHomePage, ClubLayout};
pub use consents::{ConsentPurposesPage, ExportRegisterPage, MyConsentsPage};
pub use documents::{DocumentsPage, MemberCardPage, TeamListPage};
pub use dupes::{DeleteMemberPage, GuardiansPage, MergePage};
pub use exports::ExportsPage;
pub use federation::FederationPage;
pub use fedlog::FederationLogPage; // fedlog18
pub use fedreads::{FederationPeoplePage, FederationPersonPage}; // xfer18
pub use fee_report::FeeReportPage; // rep20
pub use fees::{FeesPage, MemberInvoicesPage, MyInvoicesPage, SeasonInvoicesPage}; // invoices
pub use fields::FieldsPage;
pub use forms::{ApplicationsPage, FormsPage, JoinConfirmPage, JoinPage};
pub use groups::{GroupPage, GroupsPage};
pub use import::{ImportJobPage, ImportPage};
pub use landing::LandingPage;
pub use licences::{ClubLicencesPage, FedLicencesPage}; // licences
pub use links::{AdminInvitationPage, ConfirmEmailPage, ForgotPage, InvitePage, ResetPage};
pub use login::LoginPage;
pub use mailings::{MailingPage, MailingsPage}; // mailings
pub use member_edit::{ChildRecordPage, MemberEditPage, MemberNewPage, MyRecordPage};
pub use members::{MemberListPage, MemberPage};
pub use not_found::NotFoundPage;
pub use privacy::{BreachesPage, PrivacyPage, RecordPrintPage};
pub use reconcile::BankPage; // reconcile
pub use reminders::OverduePage; // reminders
pub use renewal::{CertificateSettingsPage, RenewalLinkPage, RenewalPage}; // renewal
pub use retention::RetentionPolicyPage;
pub use rights::{MyDataPage, PrivacyRequestsPage};
pub use settings::{AdminsPage, LookPage, ModulesPage, RolePage, RolesPage, TermsPage};
pub use templates::{ClubTemplatesPage, FederationTemplatePage, FederationTemplatesPage}; // templates
pub use transfers::{ClubTransfersPage, FedTransfersPage}; // xfer18: transfers
