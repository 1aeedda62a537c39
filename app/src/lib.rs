//! The Tessera Leptos application: routes, pages, components and the server functions
//! that are the UI's only API. Compiled twice: with `ssr` into the server (where the
//! server functions run and reach `tessera_core`), and with `hydrate` into the wasm bundle
//! (where they are HTTP calls).

pub mod api;
pub mod components;
pub mod i18n;
pub mod islands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use components::SkipLink;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;
use pages::*;
use tessera_common::{Lang, Msg};

/// The address of the stylesheet (its name carries the hash of its content when the site
/// was built with hashed names), given by the server to [`shell`].
#[derive(Clone, Copy, Debug)]
pub struct Stylesheet(pub &'static str);

/// The HTML document around the app. Rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = use_context::<Lang>().unwrap_or_default();
    let stylesheet = use_context::<Stylesheet>().map_or("/pkg/tessera.css", |s| s.0);
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = i18n::current_lang();
    provide_context(lang);
    view! {
        // leptos_meta writes the title into the page as it is: a club's text in it (a form's
        // title, a member's name) could close the <title> element. Angle brackets become
        // look-alikes, so the title shows the same on the server and in the browser.
        <Title formatter=|t: String| {
            let t = t.replace('<', "‹").replace('>', "›");
            if t.is_empty() { "Tessera".to_string() } else { format!("{t} · Tessera") }
        }/>
        <SkipLink/>
        <Router>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/") view=LandingPage/>
                <Route path=path!("/login") view=LoginPage/>
                <Route path=path!("/login/verify") view=LoginVerifyPage/>
                <Route path=path!("/login/forgot") view=ForgotPage/>
                <Route path=path!("/login/reset") view=ResetPage/>
                <Route path=path!("/invite") view=InvitePage/>
                <Route path=path!("/account/email") view=ConfirmEmailPage/>
                <Route path=path!("/account") view=AccountPage/>
                <Route path=path!("/account/two-factor") view=TwoFactorSetupPage/>
                <Route path=path!("/account/recovery-codes") view=RecoveryCodesPage/>
                <Route path=path!("/admin") view=AdminPage/>
                <Route path=path!("/admin/privacy") view=AdminPrivacyPage/>
                <Route path=path!("/f/:federation") view=FederationPage/>
                // affiliations
                <Route path=path!("/f/:federation/clubs") view=FederationClubsPage/>
                // xfer18
                <Route path=path!("/f/:federation/people") view=FederationPeoplePage/>
                <Route path=path!("/f/:federation/people/:person") view=FederationPersonPage/>
                // templates
                <Route path=path!("/f/:federation/templates") view=FederationTemplatesPage/>
                <Route path=path!("/f/:federation/templates/:id") view=FederationTemplatePage/>
                // licences
                <Route path=path!("/f/:federation/licences") view=FedLicencesPage/>
                // fedlog18
                <Route path=path!("/f/:federation/log") view=FederationLogPage/>
                // xfer18: transfers
                <Route path=path!("/f/:federation/transfers") view=FedTransfersPage/>
                <Route path=path!("/c/:club/join/:form") view=JoinPage/>
                <Route path=path!("/c/:club/admin-invitation") view=AdminInvitationPage/>
                <Route path=path!("/c/:club/privacy/record") view=RecordPrintPage/>
                <Route path=path!("/c/:club/join/:form/confirm") view=JoinConfirmPage/>
                // renewal: the public page of a renewal link.
                <Route path=path!("/c/:club/renew/:token") view=RenewalLinkPage/>
                // print-ready lists (outside the club frame: nothing but the list)
                <Route path=path!("/c/:club/lists/card/:member") view=MemberCardPage/>
                <Route path=path!("/c/:club/lists/team/:group") view=TeamListPage/>
                <ParentRoute path=path!("/c/:club") view=ClubLayout>
                    <Route path=path!("") view=ClubHomePage/>
                    <Route path=path!("members") view=MemberListPage/>
                    <Route path=path!("members/new") view=MemberNewPage/>
                    <Route path=path!("members/import") view=ImportPage/>
                    <Route path=path!("members/import/:id") view=ImportJobPage/>
                    <Route path=path!("members/:id") view=MemberPage/>
                    <Route path=path!("members/:id/edit") view=MemberEditPage/>
                    <Route path=path!("me") view=MyRecordPage/>
                    <Route path=path!("me/children/:id") view=ChildRecordPage/>
                    <Route path=path!("me/privacy") view=MyDataPage/>
                    <Route path=path!("privacy/requests") view=PrivacyRequestsPage/>
                    <Route path=path!("me/consents") view=MyConsentsPage/>
                    <Route path=path!("privacy/consents") view=ConsentPurposesPage/>
                    <Route path=path!("privacy/exports") view=ExportRegisterPage/>
                    <Route path=path!("events") view=ClubEventsPage/>
                    <Route path=path!("exports") view=ExportsPage/>
                    <Route path=path!("settings/modules") view=ModulesPage/>
                    <Route path=path!("settings/roles") view=RolesPage/>
                    <Route path=path!("settings/roles/:id") view=RolePage/>
                    <Route path=path!("settings/admins") view=AdminsPage/>
                    <Route path=path!("settings/look") view=LookPage/>
                    <Route path=path!("settings/terms") view=TermsPage/>
                    <Route path=path!("settings/fields") view=FieldsPage/>
                    <Route path=path!("forms") view=FormsPage/>
                    <Route path=path!("applications") view=ApplicationsPage/>
                    <Route path=path!("privacy/retention") view=RetentionPolicyPage/>
                    <Route path=path!("privacy") view=PrivacyPage/>
                    <Route path=path!("privacy/breaches") view=BreachesPage/>
                    // documents
                    <Route path=path!("documents") view=DocumentsPage/>
                    // duplicates
                    <Route path=path!("members/:id/merge/:other") view=MergePage/>
                    <Route path=path!("members/:id/guardians") view=GuardiansPage/>
                    <Route path=path!("members/:id/delete") view=DeleteMemberPage/>
                    // activities
                    <Route path=path!("activities") view=ActivitiesPage/>
                    <Route path=path!("activities/figures") view=FiguresPage/>
                    <Route path=path!("activities/sheet") view=MonthSheetPage/>
                    <Route path=path!("activities/:id/:date") view=OccurrencePage/>
                    <Route path=path!("activities/:id/:date/print") view=OccurrencePrintPage/>
                    <Route path=path!("calendar") view=CalendarPage/>
                    // groups
                    <Route path=path!("groups") view=GroupsPage/>
                    <Route path=path!("groups/:id") view=GroupPage/>
                    // affiliations
                    <Route path=path!("federations") view=ClubFederationsPage/>
                    // mailings
                    <Route path=path!("mailings") view=MailingsPage/>
                    <Route path=path!("mailings/:id") view=MailingPage/>
                    // reconcile
                    <Route path=path!("fees/bank") view=BankPage/>
                    // reminders
                    <Route path=path!("fees/overdue") view=OverduePage/>
                    // renewal
                    <Route path=path!("fees/certificates") view=CertificateSettingsPage/>
                    <Route path=path!("fees/renewal") view=RenewalPage/>
                    // templates
                    <Route path=path!("templates") view=ClubTemplatesPage/>
                    // licences
                    <Route path=path!("licences") view=ClubLicencesPage/>
                    // xfer18: transfers
                    <Route path=path!("transfers") view=ClubTransfersPage/>
                    // invoices
                    <Route path=path!("fees") view=FeesPage/>
                    // rep20: the season report (before fees/:season)
                    <Route path=path!("fees/report") view=FeeReportPage/>
                    <Route path=path!("fees/:season") view=SeasonInvoicesPage/>
                    <Route path=path!("fees/member/:id") view=MemberInvoicesPage/>
                    <Route path=path!("me/invoices") view=MyInvoicesPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The text of a message in the page's language.
pub fn t(m: Msg) -> &'static str {
    m.text(i18n::use_lang())
}
