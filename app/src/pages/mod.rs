//! The pages, one module per area.

pub(crate) mod account;
mod admin;
mod admin_privacy;
pub(crate) mod club;
mod exports;
mod federation;
pub(crate) mod fields;
mod forms;
mod import;
mod landing;
mod links;
mod login;
mod member_edit;
pub(crate) mod members;
mod not_found;
pub(crate) mod privacy;
pub(crate) mod settings;

pub use account::{AccountPage, LoginVerifyPage, RecoveryCodesPage, TwoFactorSetupPage};
pub use admin::AdminPage;
pub use admin_privacy::AdminPrivacyPage;
pub use club::{ClubEventsPage, ClubHomePage, ClubLayout};
pub use exports::ExportsPage;
pub use federation::FederationPage;
pub use fields::FieldsPage;
pub use forms::{ApplicationsPage, FormsPage, JoinConfirmPage, JoinPage};
pub use import::{ImportJobPage, ImportPage};
pub use landing::LandingPage;
pub use links::{AdminInvitationPage, ConfirmEmailPage, ForgotPage, InvitePage, ResetPage};
pub use login::LoginPage;
pub use member_edit::{ChildRecordPage, MemberEditPage, MemberNewPage, MyRecordPage};
pub use members::{MemberListPage, MemberPage};
pub use not_found::NotFoundPage;
pub use privacy::{BreachesPage, PrivacyPage, RecordPrintPage};
pub use settings::{AdminsPage, LookPage, ModulesPage, RolePage, RolesPage, TermsPage};
