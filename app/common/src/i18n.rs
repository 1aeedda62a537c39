//! The translation layer. Every UI string is a [`Msg`] with its English, Dutch and French
//! text side by side, so a key cannot exist in one language only (the macro will not
//! compile it), and the tests below check that no text is empty and that the
//! `{placeholders}` agree across languages.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    En,
    Nl,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Nl, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
            Lang::Fr => "fr",
        }
    }

    /// The language's own name, as shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Nl => "Nederlands",
            Lang::Fr => "Français",
        }
    }

    /// Accepts `nl`, `nl-BE`, `FR_be` and the like.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "nl" => Some(Lang::Nl),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header value,
    /// honouring q-values; `None` when nothing there is supported.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, usize, Lang)> = None;
        for (pos, part) in header.split(',').enumerate() {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("");
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q <= 0.0 {
                continue;
            }
            if let Some(lang) = Lang::parse(tag) {
                // Higher q wins; on equal q, the earlier entry wins.
                let better = match best {
                    None => true,
                    Some((bq, _, _)) => q > bq,
                };
                if better {
                    best = Some((q, pos, lang));
                }
            }
        }
        best.map(|(_, _, l)| l)
    }
}

macro_rules! messages {
    ($($key:ident => $en:literal, $nl:literal, $fr:literal;)*) => {
        /// Every UI string of the application.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Msg { $($key,)* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            pub fn key(self) -> &'static str {
                match self { $(Msg::$key => stringify!($key),)* }
            }

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Msg::$key, Lang::En) => $en,
                        (Msg::$key, Lang::Nl) => $nl,
                        (Msg::$key, Lang::Fr) => $fr,
                    )*
                }
            }
        }
    };
}

impl Msg {
    /// The text with `{name}` placeholders replaced by the given values.
    pub fn fill(self, lang: Lang, args: &[(&str, &str)]) -> String {
        let mut out = self.text(lang).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

/// Whether a count takes the singular form: one in English and Dutch; zero and one in
/// French ("0 membre", CLDR's `one` category for `fr`).
pub fn is_singular(lang: Lang, n: i64) -> bool {
    match lang {
        Lang::Fr => n == 0 || n == 1,
        Lang::En | Lang::Nl => n == 1,
    }
}

impl Msg {
    /// The form of a counted text for `n`: `one` when the language treats `n` as singular,
    /// else `other` (every count a page shows goes through here).
    pub fn plural(lang: Lang, n: i64, one: Msg, other: Msg) -> Msg {
        if is_singular(lang, n) {
            one
        } else {
            other
        }
    }
}

messages! {
    AppName => "Tessera", "Tessera", "Tessera";
    Tagline => "Membership administration for sports clubs and federations",
        "Ledenadministratie voor sportclubs en federaties",
        "Gestion des membres pour clubs sportifs et fédérations";
    SkipToContent => "Skip to content", "Naar de inhoud", "Aller au contenu";
    Language => "Language", "Taal", "Langue";
    ChangeLanguage => "Change", "Wijzigen", "Changer";
    SignIn => "Sign in", "Aanmelden", "Se connecter";
    SignOut => "Sign out", "Afmelden", "Se déconnecter";
    SignedInAs => "Signed in as {name}", "Aangemeld als {name}", "Connecté en tant que {name}";
    Email => "E-mail address", "E-mailadres", "Adresse e-mail";
    Password => "Password", "Wachtwoord", "Mot de passe";
    SignInFailed => "The e-mail address or password is not correct.",
        "Het e-mailadres of wachtwoord klopt niet.",
        "L'adresse e-mail ou le mot de passe est incorrect.";
    SignInThrottled => "Too many attempts. Wait a moment and try again.",
        "Te veel pogingen. Wacht even en probeer opnieuw.",
        "Trop de tentatives. Patientez un instant puis réessayez.";
    SignInIntro => "Sign in to reach your clubs.", "Meld je aan om je clubs te bereiken.",
        "Connectez-vous pour accéder à vos clubs.";
    YourClubs => "Your clubs and federations", "Jouw clubs en federaties", "Vos clubs et fédérations";
    NoMemberships => "You are not a member of any club yet.",
        "Je bent nog geen lid van een club.",
        "Vous n'êtes encore membre d'aucun club.";
    ClubDirectory => "Club directory", "Clubgids", "Annuaire des clubs";
    ClubDirectoryEmpty => "No clubs are listed yet.", "Er staan nog geen clubs in de gids.",
        "Aucun club n'est encore répertorié.";
    Federation => "Federation", "Federatie", "Fédération";
    Club => "Club", "Club", "Club";
    Operator => "Platform operator", "Platformbeheerder", "Opérateur de la plateforme";
    KindFederation => "federation", "federatie", "fédération";
    KindClub => "club", "club", "club";
    KindOperator => "operator", "beheerder", "opérateur";
    RoleAdmin => "Administrator", "Beheerder", "Administrateur";
    RoleMember => "Member", "Lid", "Membre";
    Home => "Home", "Start", "Accueil";
    Members => "Members", "Leden", "Membres";
    Clubs => "Clubs", "Clubs", "Clubs";
    AffiliatedClubs => "Affiliated clubs", "Aangesloten clubs", "Clubs affiliés";
    NoAffiliatedClubs => "No clubs are affiliated yet.", "Er zijn nog geen aangesloten clubs.",
        "Aucun club n'est encore affilié.";
    MemberCount => "Members", "Leden", "Membres";
    ActiveMembers => "Active members", "Actieve leden", "Membres actifs";
    Status => "Status", "Status", "Statut";
    StatusActive => "active", "actief", "actif";
    StatusSuspended => "suspended", "geschorst", "suspendu";
    StatusApplicant => "applicant", "kandidaat", "candidat";
    StatusEnded => "ended", "beëindigd", "terminé";
    ClubWelcome => "Welcome to {club}", "Welkom bij {club}", "Bienvenue au {club}";
    ClubPartOf => "Affiliated to {federation}", "Aangesloten bij {federation}", "Affilié à {federation}";
    ClubAt => "{city}", "{city}", "{city}";
    AtAGlance => "At a glance", "In een oogopslag", "En un coup d'œil";
    Families => "Families", "Gezinnen", "Familles";
    Minors => "Under 18", "Jonger dan 18", "Moins de 18 ans";
    YourRole => "Your role", "Jouw rol", "Votre rôle";
    LastChange => "Last changed by {who} on {when}", "Laatst gewijzigd door {who} op {when}",
        "Dernière modification par {who} le {when}";
    NeverChanged => "Not changed since it was created", "Niet gewijzigd sinds het aanmaken",
        "Pas modifié depuis sa création";
    SystemActor => "System", "Systeem", "Système";
    MemberList => "Member register", "Ledenregister", "Registre des membres";
    Name => "Name", "Naam", "Nom";
    GivenName => "Given name", "Voornaam", "Prénom";
    FamilyName => "Family name", "Familienaam", "Nom de famille";
    BirthDate => "Birth date", "Geboortedatum", "Date de naissance";
    Address => "Address", "Adres", "Adresse";
    Phone => "Phone", "Telefoon", "Téléphone";
    JoinedOn => "Member since", "Lid sinds", "Membre depuis";
    Guardians => "Guardians", "Ouders/voogden", "Parents/tuteurs";
    Children => "Children", "Kinderen", "Enfants";
    Showing => "Showing {from}–{to} of {total}", "{from}–{to} van {total}", "{from}–{to} sur {total}";
    Previous => "Previous", "Vorige", "Précédent";
    Next => "Next", "Volgende", "Suivant";
    Search => "Search", "Zoeken", "Rechercher";
    SearchMembers => "Search by name or e-mail", "Zoek op naam of e-mail", "Rechercher par nom ou e-mail";
    NoMembersFound => "No members match.", "Geen leden gevonden.", "Aucun membre ne correspond.";
    BackToList => "Back to the list", "Terug naar de lijst", "Retour à la liste";
    Overview => "Platform overview", "Platformoverzicht", "Vue d'ensemble de la plateforme";
    Tenants => "Tenants", "Omgevingen", "Environnements";
    Kind => "Kind", "Soort", "Type";
    Parent => "Belongs to", "Hoort bij", "Rattaché à";
    Users => "Users", "Gebruikers", "Utilisateurs";
    NotFoundTitle => "Page not found", "Pagina niet gevonden", "Page introuvable";
    NotFoundText => "There is nothing at this address, or you may not see it.",
        "Op dit adres staat niets, of je mag het niet zien.",
        "Il n'y a rien à cette adresse, ou vous n'avez pas accès.";
    ErrorTitle => "Something went wrong", "Er ging iets mis", "Un problème est survenu";
    SignInRequiredTitle => "Please sign in", "Meld je aan", "Veuillez vous connecter";
    SignInRequiredText => "You need to sign in to see this page.",
        "Je moet aangemeld zijn om deze pagina te zien.",
        "Vous devez être connecté pour voir cette page.";
    ForbiddenText => "Your role in this club does not include this page.",
        "Jouw rol in deze club geeft geen toegang tot deze pagina.",
        "Votre rôle dans ce club ne donne pas accès à cette page.";
    GoHome => "Go to the start page", "Naar de startpagina", "Aller à la page d'accueil";
    Loading => "Loading…", "Laden…", "Chargement…";
    TooLargeTitle => "Too much data", "Te veel gegevens", "Trop de données";
    TooLargeText => "The request was larger than the server accepts.",
        "Het verzoek was groter dan de server aanvaardt.",
        "La requête dépasse la taille acceptée par le serveur.";
    BadRequestTitle => "This request cannot be read", "Dit verzoek is onleesbaar", "Cette requête est illisible";
    BadPathText => "The address contains characters that are not valid text.",
        "Het adres bevat tekens die geen geldige tekst zijn.",
        "L'adresse contient des caractères qui ne forment pas un texte valide.";
    CrossSiteTitle => "Request refused", "Verzoek geweigerd", "Requête refusée";
    CrossSiteText => "This form was sent from another site, so it was not accepted. Go back to the page and try again.",
        "Dit formulier kwam van een andere site en werd daarom niet aanvaard. Ga terug naar de pagina en probeer opnieuw.",
        "Ce formulaire venait d'un autre site et n'a donc pas été accepté. Revenez à la page et réessayez.";
    MethodNotAllowedText => "This address does not accept this kind of request.",
        "Dit adres aanvaardt dit soort verzoek niet.",
        "Cette adresse n'accepte pas ce type de requête.";
    Account => "Your account", "Jouw account", "Votre compte";
    TwoStepTitle => "Two-step sign-in", "Aanmelden in twee stappen", "Connexion en deux étapes";
    VerifyIntro => "Open your authenticator app and type the 6-digit code it shows for Tessera. Lost your phone? Type one of your recovery codes instead.",
        "Open je authenticator-app en typ de code van 6 cijfers die hij voor Tessera toont. Telefoon kwijt? Typ dan een van je herstelcodes.",
        "Ouvrez votre application d'authentification et saisissez le code à 6 chiffres affiché pour Tessera. Téléphone perdu ? Saisissez plutôt un de vos codes de récupération.";
    Code => "Code", "Code", "Code";
    Verify => "Verify", "Bevestigen", "Vérifier";
    CodeWrong => "This code is not right, or it was already used. Wait for the next code and try again.",
        "Deze code klopt niet of werd al gebruikt. Wacht op de volgende code en probeer opnieuw.",
        "Ce code est incorrect ou a déjà été utilisé. Attendez le code suivant et réessayez.";
    SetupTitle => "Set up your authenticator app", "Stel je authenticator-app in", "Configurez votre application d'authentification";
    SetupIntro => "Your role handles other people's personal data, so signing in takes a second step. Scan this QR code with an authenticator app (for example Aegis, FreeOTP or Google Authenticator), then type the code it shows.",
        "Met jouw rol beheer je persoonsgegevens van anderen, dus aanmelden vraagt een tweede stap. Scan deze QR-code met een authenticator-app (bijvoorbeeld Aegis, FreeOTP of Google Authenticator) en typ de code die hij toont.",
        "Votre rôle donne accès aux données personnelles d'autres personnes : la connexion demande donc une seconde étape. Scannez ce code QR avec une application d'authentification (par exemple Aegis, FreeOTP ou Google Authenticator), puis saisissez le code affiché.";
    SetupOptional => "Protect your account with a second step: scan this QR code with an authenticator app, then type the code it shows.",
        "Bescherm je account met een tweede stap: scan deze QR-code met een authenticator-app en typ de code die hij toont.",
        "Protégez votre compte par une seconde étape : scannez ce code QR avec une application d'authentification, puis saisissez le code affiché.";
    SetupKeyText => "Cannot scan? Enter this key by hand:", "Lukt scannen niet? Typ deze sleutel over:", "Impossible de scanner ? Saisissez cette clé :";
    SetupConfirm => "Confirm", "Bevestigen", "Confirmer";
    RecoveryTitle => "Your recovery codes", "Jouw herstelcodes", "Vos codes de récupération";
    RecoveryIntro => "Keep these ten codes somewhere safe, away from your phone. Each one signs you in once if you lose your authenticator app. They are shown only now.",
        "Bewaar deze tien codes op een veilige plek, niet op je telefoon. Elke code meldt je één keer aan als je je authenticator-app kwijt bent. Je ziet ze alleen nu.",
        "Conservez ces dix codes en lieu sûr, loin de votre téléphone. Chacun vous connecte une fois si vous perdez votre application. Ils ne sont affichés qu'une seule fois.";
    RecoveryGone => "There are no new recovery codes to show. You can make new ones on your account page.",
        "Er zijn geen nieuwe herstelcodes om te tonen. Je kunt nieuwe maken op je accountpagina.",
        "Aucun nouveau code de récupération à afficher. Vous pouvez en créer sur la page de votre compte.";
    Continue => "Continue", "Verder", "Continuer";
    ChangePassword => "Change your password", "Wijzig je wachtwoord", "Changer votre mot de passe";
    CurrentPassword => "Current password", "Huidig wachtwoord", "Mot de passe actuel";
    NewPassword => "New password", "Nieuw wachtwoord", "Nouveau mot de passe";
    PasswordHelp => "At least 8 characters (12 for staff). A few unrelated words make a strong password.",
        "Minstens 8 tekens (12 voor medewerkers). Een paar losse woorden vormen een sterk wachtwoord.",
        "Au moins 8 caractères (12 pour le personnel). Quelques mots sans rapport font un mot de passe solide.";
    PasswordChanged => "Your password was changed. Your other sessions were signed out.",
        "Je wachtwoord werd gewijzigd. Je andere sessies werden afgemeld.",
        "Votre mot de passe a été modifié. Vos autres sessions ont été déconnectées.";
    Save => "Save", "Opslaan", "Enregistrer";
    SecondFactor => "Second step", "Tweede stap", "Seconde étape";
    SecondFactorOn => "On: you sign in with a code from your authenticator app.",
        "Aan: je meldt je aan met een code uit je authenticator-app.",
        "Activée : vous vous connectez avec un code de votre application.";
    SecondFactorOff => "Off.", "Uit.", "Désactivée.";
    SetUpNow => "Set up", "Instellen", "Configurer";
    CodesLeft => "Recovery codes left: {n}", "Overblijvende herstelcodes: {n}", "Codes de récupération restants : {n}";
    NewCodes => "Make new recovery codes", "Maak nieuwe herstelcodes", "Créer de nouveaux codes";
    RemoveFactor => "Remove the second step", "Tweede stap verwijderen", "Supprimer la seconde étape";
    StaffKeepsFactor => "Staff accounts keep their second step.", "Accounts van medewerkers houden hun tweede stap.",
        "Les comptes du personnel conservent leur seconde étape.";
    Sessions => "Where you are signed in", "Waar je aangemeld bent", "Où vous êtes connecté";
    ThisDevice => "this device", "dit toestel", "cet appareil";
    SignedInOn => "Signed in {when}", "Aangemeld {when}", "Connecté le {when}";
    LastSeen => "last active {when}", "laatst actief {when}", "dernière activité {when}";
    Revoke => "Sign out", "Afmelden", "Déconnecter";
    RevokeOthers => "Sign out everywhere else", "Overal elders afmelden", "Déconnecter partout ailleurs";
    SessionsRevoked => "The sessions were signed out.", "De sessies werden afgemeld.", "Les sessions ont été déconnectées.";
    FactorRemoved => "The second step was removed.", "De tweede stap werd verwijderd.", "La seconde étape a été supprimée.";
    SecurityLog => "Security events", "Beveiligingsgebeurtenissen", "Événements de sécurité";
    NoEvents => "Nothing yet.", "Nog niets.", "Rien pour l'instant.";
    When => "When", "Wanneer", "Quand";
    What => "What", "Wat", "Quoi";
    From => "From", "Vanaf", "Depuis";
    EvSignInPassword => "password accepted", "wachtwoord aanvaard", "mot de passe accepté";
    EvSignInFailure => "failed sign-in", "mislukte aanmelding", "échec de connexion";
    EvSecondFactorSuccess => "code accepted", "code aanvaard", "code accepté";
    EvSecondFactorFailure => "wrong code", "foute code", "code erroné";
    EvEnrolled => "authenticator app set up", "authenticator-app ingesteld", "application d'authentification configurée";
    EvRemoved => "second step removed", "tweede stap verwijderd", "seconde étape supprimée";
    EvRecoveryUsed => "recovery code used", "herstelcode gebruikt", "code de récupération utilisé";
    EvRecoveryNew => "new recovery codes", "nieuwe herstelcodes", "nouveaux codes de récupération";
    EvPasswordChanged => "password changed", "wachtwoord gewijzigd", "mot de passe modifié";
    EvSessionsRevoked => "sessions signed out", "sessies afgemeld", "sessions déconnectées";
    EvFactorReset => "second step reset by an administrator", "tweede stap hersteld door een beheerder",
        "seconde étape réinitialisée par un administrateur";
    MailResetSubject => "Choose a new Tessera password", "Kies een nieuw Tessera-wachtwoord", "Choisissez un nouveau mot de passe Tessera";
    MailResetBody => "Hello {name},\n\nSomeone asked to reset the password of your Tessera account. If it was you, choose a new password within one hour:\n\n{link}\n\nIf it was not you, ignore this mail: your password stays as it is.\n",
        "Hallo {name},\n\nIemand vroeg om het wachtwoord van je Tessera-account opnieuw in te stellen. Was jij dat, kies dan binnen het uur een nieuw wachtwoord:\n\n{link}\n\nWas jij het niet, negeer dan deze mail: je wachtwoord blijft ongewijzigd.\n",
        "Bonjour {name},\n\nQuelqu'un a demandé la réinitialisation du mot de passe de votre compte Tessera. Si c'était vous, choisissez un nouveau mot de passe dans l'heure :\n\n{link}\n\nSinon, ignorez ce message : votre mot de passe reste inchangé.\n";
    MailInviteSubject => "Your invitation to {club}", "Je uitnodiging voor {club}", "Votre invitation au {club}";
    MailInviteBody => "Hello {name},\n\n{inviter} invites you to {club} on Tessera. Choose your password within seven days to activate your account:\n\n{link}\n",
        "Hallo {name},\n\n{inviter} nodigt je uit voor {club} op Tessera. Kies binnen zeven dagen je wachtwoord om je account te activeren:\n\n{link}\n",
        "Bonjour {name},\n\n{inviter} vous invite au {club} sur Tessera. Choisissez votre mot de passe dans les sept jours pour activer votre compte :\n\n{link}\n";
    MailEmailSubject => "Confirm your new e-mail address", "Bevestig je nieuwe e-mailadres", "Confirmez votre nouvelle adresse e-mail";
    MailEmailBody => "Hello {name},\n\nConfirm within 24 hours that this is the new e-mail address of your Tessera account:\n\n{link}\n",
        "Hallo {name},\n\nBevestig binnen 24 uur dat dit het nieuwe e-mailadres van je Tessera-account is:\n\n{link}\n",
        "Bonjour {name},\n\nConfirmez dans les 24 heures que ceci est la nouvelle adresse e-mail de votre compte Tessera :\n\n{link}\n";
    ForgotLink => "Forgot your password?", "Wachtwoord vergeten?", "Mot de passe oublié ?";
    ForgotTitle => "Reset your password", "Wachtwoord opnieuw instellen", "Réinitialiser votre mot de passe";
    ForgotIntro => "Type the e-mail address of your account. We mail you a link to choose a new password.",
        "Typ het e-mailadres van je account. We mailen je een link om een nieuw wachtwoord te kiezen.",
        "Saisissez l'adresse e-mail de votre compte. Nous vous envoyons un lien pour choisir un nouveau mot de passe.";
    SendLink => "Send the link", "Stuur de link", "Envoyer le lien";
    ForgotSent => "If an account uses this address, a link is on its way. It works for one hour.",
        "Als een account dit adres gebruikt, is er een link onderweg. Hij werkt één uur.",
        "Si un compte utilise cette adresse, un lien est en route. Il est valable une heure.";
    ResetDone => "Your password was changed. Sign in with it now.", "Je wachtwoord werd gewijzigd. Meld je er nu mee aan.",
        "Votre mot de passe a été modifié. Connectez-vous avec lui.";
    InviteTitle => "Welcome to Tessera", "Welkom bij Tessera", "Bienvenue sur Tessera";
    InviteIntro => "Choose the password of your account.", "Kies het wachtwoord van je account.", "Choisissez le mot de passe de votre compte.";
    LinkExpired => "This link has expired or was already used. Ask for a new one.",
        "Deze link is verlopen of werd al gebruikt. Vraag een nieuwe aan.",
        "Ce lien a expiré ou a déjà été utilisé. Demandez-en un nouveau.";
    ChangeEmail => "Change your e-mail address", "Wijzig je e-mailadres", "Changer votre adresse e-mail";
    NewEmail => "New e-mail address", "Nieuw e-mailadres", "Nouvelle adresse e-mail";
    EmailSent => "We mailed a link to the new address. Your address changes when you open it.",
        "We mailden een link naar het nieuwe adres. Je adres verandert wanneer je hem opent.",
        "Nous avons envoyé un lien à la nouvelle adresse. Votre adresse change quand vous l'ouvrez.";
    ConfirmEmailTitle => "Confirm your new e-mail address", "Bevestig je nieuwe e-mailadres", "Confirmez votre nouvelle adresse e-mail";
    EmailChanged => "Your e-mail address was changed.", "Je e-mailadres werd gewijzigd.", "Votre adresse e-mail a été modifiée.";
    ResetFactor => "Reset the second step", "Tweede stap herstellen", "Réinitialiser la seconde étape";
    ResetFactorHelp => "When this member lost their phone and their recovery codes, reset their second step: they set it up again at their next sign-in.",
        "Is dit lid zijn telefoon en herstelcodes kwijt, herstel dan de tweede stap: bij de volgende aanmelding stelt hij ze opnieuw in.",
        "Si ce membre a perdu son téléphone et ses codes de récupération, réinitialisez sa seconde étape : il la reconfigurera à sa prochaine connexion.";
    FactorResetDone => "The second step was reset and the member's sessions ended.",
        "De tweede stap werd hersteld en de sessies van het lid werden beëindigd.",
        "La seconde étape a été réinitialisée et les sessions du membre ont été fermées.";
    Suspended => "This environment is suspended.", "Deze omgeving is geschorst.",
        "Cet environnement est suspendu.";
    // ---- the club environment: modules, roles, administrators, look & feel, operator
    FixFields => "Some fields need attention: see the messages next to them.",
        "Sommige velden hebben aandacht nodig: zie de berichten ernaast.",
        "Certains champs demandent votre attention : voyez les messages à côté.";
    Saved => "Saved.", "Opgeslagen.", "Enregistré.";
    Yes => "Yes", "Ja", "Oui";
    No => "No", "Nee", "Non";
    On => "On", "Aan", "Actif";
    Off => "Off", "Uit", "Inactif";
    Active => "Active", "Actief", "Actif";
    Remove => "Remove", "Verwijderen", "Retirer";
    Actions => "Actions", "Acties", "Actions";
    Since => "Since", "Sinds", "Depuis";
    Assign => "Assign", "Toekennen", "Attribuer";
    City => "City or town", "Gemeente", "Commune";
    Tenant => "Club or federation", "Club of federatie", "Club ou fédération";
    ReadOnlyTitle => "This environment is read-only.", "Deze omgeving is alleen-lezen.",
        "Cet environnement est en lecture seule.";
    ReadOnlyText => "The trial ended on {date}. Everything is kept and can be read; changes are possible again as soon as the club has a plan.",
        "De proefperiode eindigde op {date}. Alles blijft bewaard en leesbaar; wijzigen kan weer zodra de club een plan heeft.",
        "L'essai a pris fin le {date}. Tout est conservé et reste lisible ; les modifications redeviennent possibles dès que le club a une formule.";
    ReadOnlyRefused => "This environment is read-only since its trial ended; nothing was changed.",
        "Deze omgeving is alleen-lezen sinds de proefperiode eindigde; er is niets gewijzigd.",
        "Cet environnement est en lecture seule depuis la fin de l'essai ; rien n'a été modifié.";
    TrialEnds => "Trial: this environment is free to use until {date}.",
        "Proefperiode: deze omgeving is gratis te gebruiken tot {date}.",
        "Essai : cet environnement est gratuit jusqu'au {date}.";
    EventLog => "Event log", "Logboek", "Journal";
    Modules => "Modules", "Modules", "Modules";
    PlanIs => "Plan: {plan}", "Plan: {plan}", "Formule : {plan}";
    NoPlan => "This club has no plan yet: only the core modules are on.",
        "Deze club heeft nog geen plan: alleen de basismodules staan aan.",
        "Ce club n'a pas encore de formule : seuls les modules de base sont actifs.";
    ModuleNeeds => "Needs: {modules}", "Vereist: {modules}", "Nécessite : {modules}";
    PermissionsItBrings => "Permissions it brings", "Rechten die de module meebrengt",
        "Droits apportés par le module";
    AlwaysOn => "Always on.", "Altijd aan.", "Toujours actif.";
    NotInPlan => "Not part of the club's plan.", "Geen deel van het plan van de club.",
        "Ne fait pas partie de la formule du club.";
    SwitchOn => "Switch on", "Aanzetten", "Activer";
    SwitchOff => "Switch off", "Uitzetten", "Désactiver";
    ModuleSwitchedOn => "The module is on. It appears in the navigation of everyone with its rights.",
        "De module staat aan. Ze verschijnt in de navigatie van wie de rechten heeft.",
        "Le module est actif. Il apparaît dans la navigation de ceux qui en ont les droits.";
    ModuleSwitchedOff => "The module is off. Its data is kept and comes back when you switch it on again.",
        "De module staat uit. Haar gegevens blijven bewaard en komen terug als je ze weer aanzet.",
        "Le module est désactivé. Ses données sont conservées et reviennent quand vous le réactivez.";
    ModuleIsOff => "module is off", "module staat uit", "module désactivé";
    Roles => "Roles", "Rollen", "Rôles";
    RolesIntro => "A role is a set of permissions. People hold the rights of all their roles, for the modules that are on.",
        "Een rol is een verzameling rechten. Iemand heeft de rechten van al zijn rollen, voor de modules die aanstaan.",
        "Un rôle est un ensemble de droits. Chacun détient les droits de tous ses rôles, pour les modules actifs.";
    RolesMatrix => "Roles and permissions", "Rollen en rechten", "Rôles et droits";
    Permission => "Permission", "Recht", "Droit";
    Holders => "Holders", "Toegekend aan", "Titulaires";
    NoHolders => "Nobody holds this role yet.", "Nog niemand heeft deze rol.",
        "Personne n'a encore ce rôle.";
    NewRole => "New role", "Nieuwe rol", "Nouveau rôle";
    RoleName => "Name of the role", "Naam van de rol", "Nom du rôle";
    Staff => "Staff", "Medewerker", "Personnel";
    StaffRole => "Staff role", "Medewerkersrol", "Rôle du personnel";
    StaffRoleHelp => "holders must sign in with a second factor",
        "wie deze rol heeft, meldt aan met een tweede factor",
        "les titulaires doivent se connecter avec un second facteur";
    CreateRole => "Create role", "Rol aanmaken", "Créer le rôle";
    RoleCreated => "The role was created. Give it to people on their member page.",
        "De rol is aangemaakt. Ken hem toe op de ledenpagina van wie hem moet krijgen.",
        "Le rôle a été créé. Attribuez-le depuis la fiche du membre.";
    RoleDeleted => "The role was deleted; its holders no longer have it.",
        "De rol is verwijderd; de houders hebben hem niet meer.",
        "Le rôle a été supprimé ; ses titulaires ne l'ont plus.";
    DeleteRole => "Delete this role", "Deze rol verwijderen", "Supprimer ce rôle";
    DeleteRoleHelp => "Its holders lose the role and its rights at their next step. Their records stay.",
        "De houders verliezen de rol en zijn rechten bij hun volgende stap. Hun gegevens blijven.",
        "Les titulaires perdent le rôle et ses droits à leur prochaine action. Leurs fiches restent.";
    AdminRoleFixed => "The Administrator role holds every permission of every module that is on, and always keeps at least one holder. Manage its holders on the Administrators page.",
        "De rol Beheerder heeft alle rechten van alle modules die aanstaan en houdt altijd minstens één houder. Beheer de houders op de pagina Beheerders.",
        "Le rôle Administrateur détient tous les droits de tous les modules actifs et garde toujours au moins un titulaire. Gérez ses titulaires sur la page Administrateurs.";
    AssignOnMemberPage => "Roles can also be given and taken on a member's page.",
        "Rollen kunnen ook op de ledenpagina toegekend en ingetrokken worden.",
        "Les rôles s'attribuent et se retirent aussi sur la fiche du membre.";
    HolderAdded => "The role was given. It applies from the person's next step.",
        "De rol is toegekend. Hij geldt vanaf de volgende stap van de persoon.",
        "Le rôle a été attribué. Il s'applique dès la prochaine action de la personne.";
    HolderRemoved => "The role was taken away.", "De rol is ingetrokken.", "Le rôle a été retiré.";
    GiveRoleTo => "Give this role to (e-mail address of an account)",
        "Deze rol geven aan (e-mailadres van een account)",
        "Donner ce rôle à (adresse e-mail d'un compte)";
    GiveRole => "Give role", "Rol geven", "Donner le rôle";
    AdminHoldersElsewhere => "Administrators are invited and removed on the Administrators page.",
        "Beheerders worden uitgenodigd en verwijderd op de pagina Beheerders.",
        "Les administrateurs s'invitent et se retirent sur la page Administrateurs.";
    AccountIs => "Account: {email}", "Account: {email}", "Compte : {email}";
    RolesHeld => "Roles held", "Toegekende rollen", "Rôles détenus";
    WebAddress => "Web address", "Webadres", "Adresse web";
    SaveRoles => "Save roles", "Rollen opslaan", "Enregistrer les rôles";
    RolesSaved => "The roles were saved. They apply from the person's next step.",
        "De rollen zijn opgeslagen. Ze gelden vanaf de volgende stap van de persoon.",
        "Les rôles ont été enregistrés. Ils s'appliquent dès la prochaine action de la personne.";
    Admins => "Administrators", "Beheerders", "Administrateurs";
    AdminCap => "{n} of {max} administrators allowed by the plan.",
        "{n} van de {max} beheerders die het plan toelaat.",
        "{n} administrateurs sur les {max} permis par la formule.";
    AdminNoCap => "{n} administrators; the plan sets no limit.",
        "{n} beheerders; het plan legt geen grens op.",
        "{n} administrateurs ; la formule ne fixe pas de limite.";
    AdminCapReached => "The plan's limit is reached: remove an administrator before inviting another, or ask for a larger plan.",
        "De grens van het plan is bereikt: verwijder een beheerder voor je een nieuwe uitnodigt, of vraag een groter plan.",
        "La limite de la formule est atteinte : retirez un administrateur avant d'en inviter un autre, ou demandez une formule plus grande.";
    LastAdmin => "The last administrator stays", "De laatste beheerder blijft",
        "Le dernier administrateur reste";
    InviteAdmin => "Invite an administrator", "Een beheerder uitnodigen", "Inviter un administrateur";
    SendInvitation => "Send invitation", "Uitnodiging versturen", "Envoyer l'invitation";
    AdminInvited => "The invitation was sent. The link works for 7 days.",
        "De uitnodiging is verstuurd. De link werkt 7 dagen.",
        "L'invitation a été envoyée. Le lien est valable 7 jours.";
    AdminRemoved => "The person is no longer an administrator.", "De persoon is geen beheerder meer.",
        "La personne n'est plus administrateur.";
    InvitationPending => "Invitation sent", "Uitgenodigd", "Invitation envoyée";
    LookAndFeel => "Look and feel", "Huisstijl", "Identité visuelle";
    Logo => "Logo", "Logo", "Logo";
    CurrentLogo => "The club's current logo", "Het huidige logo van de club", "Le logo actuel du club";
    NoLogo => "No logo yet: the club's name is shown instead.",
        "Nog geen logo: de naam van de club wordt getoond.",
        "Pas encore de logo : le nom du club est affiché.";
    ChooseLogo => "Logo file", "Logobestand", "Fichier du logo";
    LogoHelp => "PNG, JPEG or SVG, at most 512 KiB; pictures between 16 and 2048 pixels wide and high. SVG files may only draw (no scripts or links).",
        "PNG, JPEG of SVG, hoogstens 512 KiB; afbeeldingen tussen 16 en 2048 pixels breed en hoog. SVG-bestanden mogen alleen tekenen (geen scripts of links).",
        "PNG, JPEG ou SVG, 512 Kio au plus ; images de 16 à 2048 pixels de large et de haut. Les fichiers SVG ne peuvent que dessiner (ni scripts ni liens).";
    UploadLogo => "Upload logo", "Logo opladen", "Téléverser le logo";
    RemoveLogo => "Remove logo", "Logo verwijderen", "Retirer le logo";
    LogoSaved => "The logo was saved.", "Het logo is opgeslagen.", "Le logo a été enregistré.";
    LogoRemoved => "The logo was removed.", "Het logo is verwijderd.", "Le logo a été retiré.";
    NameColoursLanguage => "Name, colours and language", "Naam, kleuren en taal",
        "Nom, couleurs et langue";
    DisplayName => "Display name", "Weergavenaam", "Nom affiché";
    PrimaryColour => "Primary colour", "Hoofdkleur", "Couleur principale";
    PrimaryHelp => "Behind white text (header, buttons).", "Achter witte tekst (kop, knoppen).",
        "Derrière du texte blanc (en-tête, boutons).";
    AccentColour => "Accent colour", "Accentkleur", "Couleur d'accent";
    AccentHelp => "Behind dark text (highlights).", "Achter donkere tekst (markeringen).",
        "Derrière du texte foncé (mises en évidence).";
    ContrastIs => "Contrast now {ratio}:1 (at least 4.5:1 needed).",
        "Contrast nu {ratio}:1 (minstens 4,5:1 nodig).",
        "Contraste actuel {ratio}:1 (au moins 4,5:1 requis).";
    DefaultLanguage => "Default language", "Standaardtaal", "Langue par défaut";
    Exports => "Exports", "Exports", "Exports";
    ExportMembers => "Export the member register", "Het ledenregister exporteren",
        "Exporter le registre des membres";
    ExportHelp => "A CSV file that opens in any spreadsheet. Each export is recorded with who ran it and when.",
        "Een CSV-bestand dat in elk rekenblad opent. Elke export wordt vastgelegd met wie hem uitvoerde en wanneer.",
        "Un fichier CSV qui s'ouvre dans tout tableur. Chaque export est enregistré avec son auteur et sa date.";
    AllStatuses => "All statuses", "Alle statussen", "Tous les statuts";
    DownloadCsv => "Download CSV", "CSV downloaden", "Télécharger le CSV";
    ExportsExecuted => "Exports executed", "Uitgevoerde exports", "Exports effectués";
    NoExportsYet => "No exports yet.", "Nog geen exports.", "Aucun export pour l'instant.";
    Plan => "Plan", "Plan", "Formule";
    Plans => "Plans", "Plannen", "Formules";
    Trial => "Trial", "Proefperiode", "Essai";
    TrialDays => "{n} days", "{n} dagen", "{n} jours";
    TrialUntil => "Trial until", "Proefperiode tot", "Essai jusqu'au";
    NoLimit => "no limit", "geen grens", "sans limite";
    CoreModulesOnly => "Core modules only", "Alleen de basismodules", "Modules de base uniquement";
    Suspend => "Suspend", "Opschorten", "Suspendre";
    Reactivate => "Reactivate", "Heractiveren", "Réactiver";
    TenantCreated => "The tenant was created.", "De omgeving is aangemaakt.", "L'environnement a été créé.";
    TenantSuspended => "The tenant is suspended: its people cannot reach it; nothing is deleted.",
        "De omgeving is opgeschort: haar mensen kunnen er niet meer in; er wordt niets verwijderd.",
        "L'environnement est suspendu : ses membres n'y ont plus accès ; rien n'est supprimé.";
    TenantReactivated => "The tenant is active again.", "De omgeving is weer actief.",
        "L'environnement est de nouveau actif.";
    PlanAssigned => "The plan was assigned. It applies from the club's next request.",
        "Het plan is toegekend. Het geldt vanaf het volgende verzoek van de club.",
        "La formule a été attribuée. Elle s'applique dès la prochaine requête du club.";
    CreateTenant => "Create a club or federation", "Een club of federatie aanmaken",
        "Créer un club ou une fédération";
    SlugHelp => "The web address: lowercase letters, digits and hyphens, for example vc-herentals.",
        "Het webadres: kleine letters, cijfers en koppeltekens, bijvoorbeeld vc-herentals.",
        "L'adresse web : minuscules, chiffres et traits d'union, par exemple rc-namur.";
    NoFederation => "None (directly under the platform)", "Geen (rechtstreeks onder het platform)",
        "Aucune (directement sous la plateforme)";
    FirstAdmin => "First administrator (optional, invited by e-mail)",
        "Eerste beheerder (optioneel, uitgenodigd per e-mail)",
        "Premier administrateur (facultatif, invité par e-mail)";
    InviteTenantAdmin => "Invite an administrator for a club or federation",
        "Een beheerder uitnodigen voor een club of federatie",
        "Inviter un administrateur pour un club ou une fédération";
    EvRoleCreated => "Role created", "Rol aangemaakt", "Rôle créé";
    EvRoleChanged => "Role changed", "Rol gewijzigd", "Rôle modifié";
    EvRoleDeleted => "Role deleted", "Rol verwijderd", "Rôle supprimé";
    EvRolesAssigned => "Roles assigned", "Rollen toegekend", "Rôles attribués";
    EvAdminAdded => "Administrator added", "Beheerder toegevoegd", "Administrateur ajouté";
    EvAdminRemoved => "Administrator removed", "Beheerder verwijderd", "Administrateur retiré";
    EvModuleOn => "Module switched on", "Module aangezet", "Module activé";
    EvModuleOff => "Module switched off", "Module uitgezet", "Module désactivé";
    EvLookChanged => "Name, colours or language changed", "Naam, kleuren of taal gewijzigd",
        "Nom, couleurs ou langue modifiés";
    EvLogoChanged => "Logo changed", "Logo gewijzigd", "Logo modifié";
    EvLogoRemoved => "Logo removed", "Logo verwijderd", "Logo retiré";
    EvPlanAssigned => "Plan assigned", "Plan toegekend", "Formule attribuée";
    EvTenantCreated => "Environment created", "Omgeving aangemaakt", "Environnement créé";
    EvTenantSuspended => "Environment suspended", "Omgeving opgeschort", "Environnement suspendu";
    EvTenantReactivated => "Environment reactivated", "Omgeving heractiveerd", "Environnement réactivé";
    EvExport => "Export", "Export", "Export";
    // ---- member records
    EditMember => "Edit record", "Gegevens wijzigen", "Modifier la fiche";
    NewMember => "New member", "Nieuw lid", "Nouveau membre";
    AccountTitle => "Account", "Account", "Compte";
    InviteMember => "Invite to an account", "Uitnodigen voor een account", "Inviter à créer un compte";
    InviteMemberHelp => "The person gets a link by e-mail (valid 7 days) to set a password; their account is then linked to this record, and they keep their details up to date themselves.",
        "De persoon krijgt per e-mail een link (7 dagen geldig) om een wachtwoord te kiezen; de account wordt aan deze gegevens gekoppeld en de persoon houdt ze zelf bij.",
        "La personne reçoit par e-mail un lien (valable 7 jours) pour choisir un mot de passe ; son compte est lié à cette fiche et elle tient ses données à jour elle-même.";
    InviteNeedsEmail => "Add an e-mail address to the record to invite the person to an account.",
        "Voeg een e-mailadres toe om de persoon uit te nodigen voor een account.",
        "Ajoutez une adresse e-mail à la fiche pour inviter la personne à créer un compte.";
    MemberInvited => "The invitation was sent.", "De uitnodiging is verstuurd.", "L'invitation a été envoyée.";
    MemberLinked => "This e-mail address already had an account: it is now linked to the record.",
        "Dit e-mailadres had al een account: die is nu aan de gegevens gekoppeld.",
        "Cette adresse e-mail avait déjà un compte : il est maintenant lié à la fiche.";
    All => "All", "Alle", "Tous";
    SortBy => "Sort by", "Sorteren op", "Trier par";
    SortName => "Name (A–Z)", "Naam (A–Z)", "Nom (A–Z)";
    SortNameDesc => "Name (Z–A)", "Naam (Z–A)", "Nom (Z–A)";
    SortBirth => "Birth date (oldest first)", "Geboortedatum (oudste eerst)", "Date de naissance (plus âgés d'abord)";
    SortBirthDesc => "Birth date (youngest first)", "Geboortedatum (jongste eerst)", "Date de naissance (plus jeunes d'abord)";
    SortJoined => "Member since (longest first)", "Lid sinds (langst eerst)", "Membre depuis (plus anciens d'abord)";
    SortJoinedDesc => "Member since (newest first)", "Lid sinds (nieuwste eerst)", "Membre depuis (plus récents d'abord)";
    ClearFilters => "Clear filters", "Filters wissen", "Effacer les filtres";
    MemberCreated => "The member was added.", "Het lid is toegevoegd.", "Le membre a été ajouté.";
    Person => "Person", "Persoon", "Personne";
    Gender => "Gender", "Gender", "Genre";
    GenderUnknown => "Not given", "Niet opgegeven", "Non précisé";
    GenderF => "Female", "Vrouw", "Femme";
    GenderM => "Male", "Man", "Homme";
    GenderX => "Another gender (X)", "Ander gender (X)", "Autre genre (X)";
    Contact => "Contact details", "Contactgegevens", "Coordonnées";
    Street => "Street and number", "Straat en nummer", "Rue et numéro";
    Postcode => "Postcode", "Postcode", "Code postal";
    Membership => "Membership", "Lidmaatschap", "Affiliation";
    MembershipType => "Membership type", "Soort lidmaatschap", "Type d'affiliation";
    Season => "Season", "Seizoen", "Saison";
    EndedOn => "Member until", "Lid tot", "Membre jusqu'au";
    Cancel => "Cancel", "Annuleren", "Annuler";
    MyDetails => "My details", "Mijn gegevens", "Mes données";
    TermsOfUse => "Terms of use", "Gebruiksvoorwaarden", "Conditions d'utilisation";
    TermsVersion => "Version {n}, published on {date}", "Versie {n}, gepubliceerd op {date}",
        "Version {n}, publiée le {date}";
    TermsAcceptFirst => "Please read the club's terms of use and accept them to continue.",
        "Lees de gebruiksvoorwaarden van de club en aanvaard ze om verder te gaan.",
        "Lisez les conditions d'utilisation du club et acceptez-les pour continuer.";
    AcceptTerms => "I accept these terms", "Ik aanvaard deze voorwaarden", "J'accepte ces conditions";
    TermsAccepted => "Accepted by {n} of the {total} people with an account in the club.",
        "Aanvaard door {n} van de {total} mensen met een account in de club.",
        "Acceptées par {n} des {total} personnes ayant un compte dans le club.";
    NoTermsYet => "The club has not published terms of use yet.",
        "De club heeft nog geen gebruiksvoorwaarden gepubliceerd.",
        "Le club n'a pas encore publié de conditions d'utilisation.";
    CurrentTerms => "Current terms", "Huidige voorwaarden", "Conditions actuelles";
    PublishNewTerms => "Publish a new version", "Een nieuwe versie publiceren", "Publier une nouvelle version";
    PublishTermsHelp => "Everyone with an account in the club, you included, accepts the new version at their next visit; each acceptance is recorded with its date, time and version.",
        "Iedereen met een account in de club, jij ook, aanvaardt de nieuwe versie bij het volgende bezoek; elke aanvaarding wordt vastgelegd met datum, tijd en versie.",
        "Chaque personne ayant un compte dans le club, vous compris, accepte la nouvelle version à sa prochaine visite ; chaque acceptation est enregistrée avec sa date, son heure et sa version.";
    TermsText => "Text of the terms", "Tekst van de voorwaarden", "Texte des conditions";
    PublishTerms => "Publish", "Publiceren", "Publier";
    EvTermsPublished => "Terms of use published", "Gebruiksvoorwaarden gepubliceerd", "Conditions d'utilisation publiées";
    EvTermsAccepted => "Terms of use accepted", "Gebruiksvoorwaarden aanvaard", "Conditions d'utilisation acceptées";
    MyChildren => "My children", "Mijn kinderen", "Mes enfants";
    MyChildrenHelp => "As their guardian you keep their details up to date until they turn 18; then they get an account of their own.",
        "Als hun ouder of voogd hou je hun gegevens bij tot ze 18 worden; dan krijgen ze een eigen account.",
        "En tant que parent ou tuteur, vous tenez leurs données à jour jusqu'à leurs 18 ans ; ils reçoivent alors leur propre compte.";
    AskClubToChange => "Your name, birth date and membership are kept by the club: ask the club to change them.",
        "Je naam, geboortedatum en lidmaatschap beheert de club: vraag de club om ze te wijzigen.",
        "Votre nom, date de naissance et affiliation sont gérés par le club : demandez-lui de les modifier.";
    MemberFields => "Member fields", "Ledenvelden", "Champs des membres";
    MemberFieldsIntro => "Add the details your club keeps beyond the standard ones. Each field says who may see it and whether members may change it themselves.",
        "Voeg de gegevens toe die je club bijhoudt naast de standaardvelden. Per veld kies je wie het mag zien en of leden het zelf mogen wijzigen.",
        "Ajoutez les données que votre club tient en plus des champs standard. Pour chaque champ, choisissez qui peut le voir et si les membres peuvent le modifier eux-mêmes.";
    NoFieldsYet => "No fields of your own yet.", "Nog geen eigen velden.", "Pas encore de champs propres.";
    FieldLabel => "Label", "Naam van het veld", "Libellé";
    FieldKind => "Kind", "Soort", "Type";
    FieldKindFixed => "A field keeps its kind.", "Een veld behoudt zijn soort.", "Un champ garde son type.";
    FieldHelp => "Help text", "Uitleg", "Texte d'aide";
    FieldRequired => "Required", "Verplicht", "Obligatoire";
    FieldOptions => "Options, one per line", "Keuzes, één per regel", "Options, une par ligne";
    FieldVisibility => "Who may see it", "Wie mag het zien", "Qui peut le voir";
    FieldMemberEditable => "The member may change it", "Het lid mag het wijzigen", "Le membre peut le modifier";
    AddField => "Add field", "Veld toevoegen", "Ajouter le champ";
    NewField => "New field", "Nieuw veld", "Nouveau champ";
    ChangeField => "Change or delete this field", "Dit veld wijzigen of verwijderen", "Modifier ou supprimer ce champ";
    FieldSaved => "Field saved.", "Veld bewaard.", "Champ enregistré.";
    FieldDeleted => "Field deleted with its values.", "Veld verwijderd, met zijn waarden.", "Champ supprimé avec ses valeurs.";
    DeleteField => "Delete field and its values", "Veld en zijn waarden verwijderen", "Supprimer le champ et ses valeurs";
    MoveUp => "Move up", "Omhoog", "Monter";
    MoveDown => "Move down", "Omlaag", "Descendre";
    KindText => "Text", "Tekst", "Texte";
    KindLongText => "Long text", "Lange tekst", "Texte long";
    KindNumber => "Number", "Getal", "Nombre";
    KindDate => "Date", "Datum", "Date";
    KindChoice => "Choice", "Keuze", "Choix";
    KindMulti => "Multiple choice", "Meerkeuze", "Choix multiple";
    KindYesNo => "Yes / no", "Ja / nee", "Oui / non";
    KindIban => "Bank account (IBAN)", "Bankrekening (IBAN)", "Compte bancaire (IBAN)";
    KindNationalNumber => "National register number", "Rijksregisternummer", "Numéro de registre national";
    VisibleToMember => "Staff and the member", "Medewerkers en het lid", "Le personnel et le membre";
    VisibleToStaff => "Staff only", "Alleen medewerkers", "Le personnel seulement";
    VisibleSensitive => "Only with the permission for sensitive fields", "Alleen met het recht op gevoelige velden", "Seulement avec la permission des champs sensibles";
    ClubDetails => "Club details", "Clubgegevens", "Données du club";
    EvFieldCreated => "Member field added", "Ledenveld toegevoegd", "Champ de membre ajouté";
    EvFieldChanged => "Member field changed", "Ledenveld gewijzigd", "Champ de membre modifié";
    EvFieldDeleted => "Member field deleted", "Ledenveld verwijderd", "Champ de membre supprimé";
    ChildN => "Child {n}", "Kind {n}", "Enfant {n}";
    ImportMembers => "Import members", "Leden importeren", "Importer des membres";
    ImportIntro => "Add members from a spreadsheet saved as CSV. You map its columns to fields and see a report per row before anything is stored; the import stores every row or none. People already in the register (same e-mail address, or same name and birth date) are skipped, so importing the same file again adds nothing.",
        "Voeg leden toe uit een rekenblad, bewaard als CSV. Je koppelt de kolommen aan velden en ziet een verslag per rij voor er iets bewaard wordt; de import bewaart alle rijen of geen. Wie al in het register staat (zelfde e-mailadres, of zelfde naam en geboortedatum) wordt overgeslagen, dus hetzelfde bestand opnieuw importeren voegt niets toe.",
        "Ajoutez des membres depuis un tableur enregistré en CSV. Vous associez les colonnes aux champs et voyez un rapport par ligne avant tout enregistrement ; l'import enregistre toutes les lignes ou aucune. Les personnes déjà présentes (même adresse e-mail, ou même nom et date de naissance) sont ignorées : réimporter le même fichier n'ajoute rien.";
    ChooseCsv => "CSV file", "CSV-bestand", "Fichier CSV";
    ImportFileHelp => "UTF-8 text (in Excel: “CSV UTF-8”), with a header row, separated by commas or semicolons, at most 20 MiB.",
        "UTF-8-tekst (in Excel: “CSV UTF-8”), met een kopregel, gescheiden door komma's of puntkomma's, hoogstens 20 MiB.",
        "Texte UTF-8 (dans Excel : « CSV UTF-8 »), avec une ligne d'en-tête, séparé par virgules ou points-virgules, 20 Mio au plus.";
    Upload => "Upload", "Opladen", "Téléverser";
    ImportFileSummary => "{file}: {rows} rows", "{file}: {rows} rijen", "{file} : {rows} lignes";
    ImportProgress => "{done} of {total} rows stored", "{done} van {total} rijen bewaard", "{done} lignes sur {total} enregistrées";
    MapColumns => "Which field is each column?", "Welk veld is elke kolom?", "Quel champ pour chaque colonne ?";
    FileColumn => "Column", "Kolom", "Colonne";
    GoesTo => "Field", "Veld", "Champ";
    DoNotImport => "(do not import)", "(niet importeren)", "(ne pas importer)";
    CheckFile => "Check the file", "Bestand nakijken", "Vérifier le fichier";
    ImportReport => "Report", "Verslag", "Rapport";
    ImportTotals => "{rows} rows: {valid} correct, {invalid} with problems, {duplicates} already there; {add} to add.", "{rows} rijen: {valid} correct, {invalid} met problemen, {duplicates} al aanwezig; {add} toe te voegen.", "{rows} lignes : {valid} correctes, {invalid} avec problèmes, {duplicates} déjà présentes ; {add} à ajouter.";
    MoreProblems => "… and {n} more problems.", "… en nog {n} problemen.", "… et {n} autres problèmes.";
    RowProblems => "Problems per row", "Problemen per rij", "Problèmes par ligne";
    Row => "Row", "Rij", "Ligne";
    DuplicatesSkipped => "Rows skipped as already there", "Rijen overgeslagen omdat ze er al zijn", "Lignes ignorées car déjà présentes";
    FirstRows => "The first rows as they will be stored", "De eerste rijen zoals ze bewaard worden", "Les premières lignes telles qu'elles seront enregistrées";
    ImportN => "Import {n} members", "{n} leden importeren", "Importer {n} membres";
    NothingToImport => "Nothing to add: everyone in the file is already in the register.", "Niets toe te voegen: iedereen in het bestand staat al in het register.", "Rien à ajouter : tout le monde est déjà dans le registre.";
    FixRowsFirst => "Nothing is imported while rows have problems: correct them in the file and upload it again.", "Er wordt niets geïmporteerd zolang rijen problemen hebben: verbeter ze in het bestand en laad het opnieuw op.", "Rien n'est importé tant que des lignes ont des problèmes : corrigez-les dans le fichier et téléversez-le à nouveau.";
    EvMembersImported => "Members imported", "Leden geïmporteerd", "Membres importés";
    AddChild => "Add another child", "Nog een kind toevoegen", "Ajouter un autre enfant";
    JoinSent => "Almost there: we sent you a mail with a link to confirm your e-mail address. Your registration counts once you confirm it.",
        "Bijna klaar: we stuurden je een mail met een link om je e-mailadres te bevestigen. Je inschrijving telt zodra je bevestigt.",
        "Presque fini : nous vous avons envoyé un e-mail avec un lien pour confirmer votre adresse. Votre inscription compte dès votre confirmation.";
    JoinApproved => "Welcome to the club! Check your mailbox: a mail invites you to set a password.",
        "Welkom bij de club! Kijk in je mailbox: een mail nodigt je uit om een wachtwoord te kiezen.",
        "Bienvenue au club ! Consultez votre boîte mail : un e-mail vous invite à choisir un mot de passe.";
    JoinQueued => "Thank you: your address is confirmed. The club reviews your registration and lets you know by mail.",
        "Bedankt: je adres is bevestigd. De club bekijkt je inschrijving en laat je per mail iets weten.",
        "Merci : votre adresse est confirmée. Le club examine votre inscription et vous informera par e-mail.";
    YouAsGuardian => "You (parent or guardian)", "Jij (ouder of voogd)", "Vous (parent ou tuteur)";
    IAgree => "I agree", "Ik ga akkoord", "J'accepte";
    ReadTerms => "Read the club's terms of use", "Lees de gebruiksvoorwaarden van de club", "Lire les conditions d'utilisation du club";
    IAcceptTerms => "I accept the club's terms of use", "Ik aanvaard de gebruiksvoorwaarden van de club", "J'accepte les conditions d'utilisation du club";
    JoinEmailHelp => "We send a link to this address to confirm it.", "We sturen een link naar dit adres om het te bevestigen.", "Nous envoyons un lien à cette adresse pour la confirmer.";
    SendRegistration => "Send registration", "Inschrijving versturen", "Envoyer l'inscription";
    ConfirmRegistration => "Confirm registration", "Inschrijving bevestigen", "Confirmer l'inscription";
    ConfirmRegistrationHelp => "Press the button to confirm your e-mail address and send your registration to the club.",
        "Druk op de knop om je e-mailadres te bevestigen en je inschrijving naar de club te sturen.",
        "Appuyez sur le bouton pour confirmer votre adresse e-mail et envoyer votre inscription au club.";
    RegistrationForms => "Registration forms", "Inschrijvingsformulieren", "Formulaires d'inscription";
    RegistrationFormsIntro => "Public forms people fill in to join. Choose the fields, the consent text, and whether the club approves each registration.",
        "Publieke formulieren om lid te worden. Kies de velden, de toestemmingstekst en of de club elke inschrijving goedkeurt.",
        "Des formulaires publics pour s'inscrire. Choisissez les champs, le texte de consentement et si le club approuve chaque inscription.";
    RegistrationsWaiting => "{n} registrations wait for review", "{n} inschrijvingen wachten op goedkeuring", "{n} inscriptions en attente d'examen";
    Published => "Published", "Gepubliceerd", "Publié";
    NotPublished => "Not published", "Niet gepubliceerd", "Non publié";
    ChangeForm => "Change this form", "Dit formulier wijzigen", "Modifier ce formulaire";
    NewForm => "New form", "Nieuw formulier", "Nouveau formulaire";
    Ask => "Ask", "Vragen", "Demander";
    AudienceSelf => "People register themselves", "Mensen schrijven zichzelf in", "Chacun s'inscrit soi-même";
    AudienceFamily => "A parent registers one or more children", "Een ouder schrijft een of meer kinderen in", "Un parent inscrit un ou plusieurs enfants";
    FormTitle => "Title", "Titel", "Titre";
    FormAddress => "Address of the form (…/join/…)", "Adres van het formulier (…/join/…)", "Adresse du formulaire (…/join/…)";
    FormIntro => "Introduction", "Inleiding", "Introduction";
    FormAudience => "Who fills it in", "Wie vult het in", "Qui le remplit";
    FormFields => "Fields (the name is always asked)", "Velden (de naam wordt altijd gevraagd)", "Champs (le nom est toujours demandé)";
    ConsentText => "Consent text (a new text gets a new version)", "Toestemmingstekst (een nieuwe tekst krijgt een nieuwe versie)", "Texte de consentement (un nouveau texte reçoit une nouvelle version)";
    AutoApprove => "Approve registrations automatically", "Inschrijvingen automatisch goedkeuren", "Approuver automatiquement les inscriptions";
    Registrations => "Registrations", "Inschrijvingen", "Inscriptions";
    RegistrationApproved => "Approved", "Goedgekeurd", "Approuvée";
    RegistrationRejected => "Rejected", "Geweigerd", "Refusée";
    NoRegistrationsWaiting => "No registrations wait for review.", "Geen inschrijvingen wachten op goedkeuring.", "Aucune inscription en attente.";
    Approve => "Approve", "Goedkeuren", "Approuver";
    Reject => "Reject", "Weigeren", "Refuser";
    RejectReason => "Reason (sent to the applicant)", "Reden (wordt naar de aanvrager gestuurd)", "Raison (envoyée au demandeur)";
    RecentlyDecided => "Recently decided", "Recent beslist", "Décidées récemment";
    MailJoinConfirmSubject => "Confirm your registration at {club}", "Bevestig je inschrijving bij {club}", "Confirmez votre inscription à {club}";
    MailJoinConfirmBody => "Hello,\n\nWe received your registration with the form “{form}” of {club}. Confirm your e-mail address with this link (valid for 48 hours):\n\n{link}\n\nDid you not register? Then ignore this mail: nothing happens without your confirmation.",
        "Hallo,\n\nWe ontvingen je inschrijving met het formulier “{form}” van {club}. Bevestig je e-mailadres met deze link (48 uur geldig):\n\n{link}\n\nHeb je je niet ingeschreven? Negeer dan deze mail: zonder bevestiging gebeurt er niets.",
        "Bonjour,\n\nNous avons reçu votre inscription via le formulaire « {form} » de {club}. Confirmez votre adresse e-mail avec ce lien (valable 48 heures) :\n\n{link}\n\nVous ne vous êtes pas inscrit ? Ignorez ce message : rien ne se passe sans votre confirmation.";
    MailJoinReceivedSubject => "Your registration at {club} is being reviewed", "Je inschrijving bij {club} wordt bekeken", "Votre inscription à {club} est en cours d'examen";
    MailJoinReceivedBody => "Hello,\n\nThank you for confirming your e-mail address. {club} reviews your registration and lets you know by mail.",
        "Hallo,\n\nBedankt om je e-mailadres te bevestigen. {club} bekijkt je inschrijving en laat je per mail weten wat er beslist is.",
        "Bonjour,\n\nMerci d'avoir confirmé votre adresse e-mail. {club} examine votre inscription et vous informera par e-mail.";
    MailJoinApprovedSubject => "Welcome to {club}", "Welkom bij {club}", "Bienvenue à {club}";
    MailJoinApprovedBody => "Hello,\n\nYour registration at {club} is approved: welcome! A separate mail invites you to set a password, so you can keep your details up to date yourself.",
        "Hallo,\n\nJe inschrijving bij {club} is goedgekeurd: welkom! In een aparte mail word je uitgenodigd om een wachtwoord te kiezen, zodat je je gegevens zelf kunt bijhouden.",
        "Bonjour,\n\nVotre inscription à {club} est approuvée : bienvenue ! Un e-mail séparé vous invite à choisir un mot de passe pour tenir vos données à jour vous-même.";
    MailJoinRejectedSubject => "Your registration at {club}", "Je inschrijving bij {club}", "Votre inscription à {club}";
    MailJoinRejectedBody => "Hello,\n\n{club} could not accept your registration. The club's reason:\n\n{reason}\n\nQuestions? Reply to the club directly.",
        "Hallo,\n\n{club} kon je inschrijving niet aanvaarden. De reden van de club:\n\n{reason}\n\nVragen? Neem rechtstreeks contact op met de club.",
        "Bonjour,\n\n{club} n'a pas pu accepter votre inscription. La raison du club :\n\n{reason}\n\nDes questions ? Contactez directement le club.";
    // abort
    ImportInterrupted => "This import was interrupted because the server stopped while it ran. Nothing of it was stored: start it again.",
        "Deze import werd onderbroken omdat de server stopte terwijl hij liep. Er werd niets van bewaard: start hem opnieuw.",
        "Cette importation a été interrompue parce que le serveur s'est arrêté pendant qu'elle tournait. Rien n'en a été enregistré : relancez-la.";
    // limits
    LimitSvgDepth => "this SVG file nests its elements more than {max} levels deep, the most a logo may have: ungroup them in your drawing program and upload it again",
        "dit SVG-bestand nest zijn elementen meer dan {max} niveaus diep, het maximum voor een logo: hef de groepering op in je tekenprogramma en laad het opnieuw op",
        "ce fichier SVG imbrique ses éléments sur plus de {max} niveaux, le maximum pour un logo : dégroupez-les dans votre logiciel de dessin et téléversez-le à nouveau";
    LimitSvgElements => "this SVG file has more than {max} elements, the most a logo may have: simplify it and upload it again",
        "dit SVG-bestand heeft meer dan {max} elementen, het maximum voor een logo: vereenvoudig het en laad het opnieuw op",
        "ce fichier SVG contient plus de {max} éléments, le maximum pour un logo : simplifiez-le et téléversez-le à nouveau";
    LimitCsvColumns => "the header row has more than {max} columns, the most an import takes: delete the columns you do not import and upload the file again",
        "de kopregel heeft meer dan {max} kolommen, het maximum voor een import: verwijder de kolommen die je niet importeert en laad het bestand opnieuw op",
        "la ligne d'en-tête a plus de {max} colonnes, le maximum pour une importation : supprimez les colonnes que vous n'importez pas et téléversez à nouveau le fichier";
    LimitCsvRowCells => "line {line} has more than {max} cells, the most an import takes: check the delimiters on that line",
        "regel {line} heeft meer dan {max} cellen, het maximum voor een import: controleer de scheidingstekens op die regel",
        "la ligne {line} a plus de {max} cellules, le maximum pour une importation : vérifiez les séparateurs de cette ligne";
    LimitCsvCell => "line {line} holds a cell longer than {max} characters, the most an import takes: check for a missing closing quote",
        "regel {line} bevat een cel van meer dan {max} tekens, het maximum voor een import: kijk na of er een afsluitend aanhalingsteken ontbreekt",
        "la ligne {line} contient une cellule de plus de {max} caractères, le maximum pour une importation : vérifiez qu'il ne manque pas de guillemet fermant";
    LimitBodyText => "The request was larger than {max} KiB, the most the server accepts here.",
        "Het verzoek was groter dan {max} KiB, het maximum dat de server hier aanvaardt.",
        "La requête dépassait {max} Kio, le maximum que le serveur accepte ici.";
    LimitUriTitle => "The address is too long", "Het adres is te lang", "L'adresse est trop longue";
    LimitUriText => "The address of this request is longer than {max} characters, the most the server accepts.",
        "Het adres van dit verzoek is langer dan {max} tekens, het maximum dat de server aanvaardt.",
        "L'adresse de cette requête dépasse {max} caractères, le maximum que le serveur accepte.";
    LimitHeadersTitle => "The request headers are too large", "De headers van het verzoek zijn te groot", "Les en-têtes de la requête sont trop volumineux";
    LimitHeadersText => "This request has more than {count} headers or more than {max} KiB of them, the most the server accepts. Clearing this site's cookies may help.",
        "Dit verzoek heeft meer dan {count} headers of meer dan {max} KiB eraan, het maximum dat de server aanvaardt. De cookies van deze site wissen kan helpen.",
        "Cette requête a plus de {count} en-têtes ou plus de {max} Kio d'en-têtes, le maximum que le serveur accepte. Effacer les cookies de ce site peut aider.";
    // xss
    InternalErrorText => "Something failed on our side. Please try again later.",
        "Er liep bij ons iets mis. Probeer het later opnieuw.",
        "Un problème est survenu de notre côté. Veuillez réessayer plus tard.";
    InternalErrorReference => "Something failed on our side. Please try again later; if it keeps failing, mention reference {reference}.",
        "Er liep bij ons iets mis. Probeer het later opnieuw; blijft het misgaan, vermeld dan referentie {reference}.",
        "Un problème est survenu de notre côté. Veuillez réessayer plus tard ; si le problème persiste, mentionnez la référence {reference}.";
    BadRequestText => "What was sent could not be read. Go back, check the form and try again.",
        "Wat verstuurd werd, is onleesbaar. Ga terug, kijk het formulier na en probeer opnieuw.",
        "Les données envoyées sont illisibles. Revenez en arrière, vérifiez le formulaire et réessayez.";
    // errors
    ErrRequestUnreadable => "The request could not be read.", "Het verzoek kon niet gelezen worden.", "La requête n'a pas pu être lue.";
    ErrRequestMissingField => "The request is missing the field {field}.", "Het verzoek mist het veld {field}.", "Il manque le champ {field} dans la requête.";
    ErrTooManyRequests => "Too many attempts; try again in {secs} seconds.", "Te veel pogingen; probeer opnieuw over {secs} seconden.", "Trop de tentatives ; réessayez dans {secs} secondes.";
    ErrInternal => "Something went wrong on our side (reference {reference}).", "Er ging bij ons iets mis (referentie {reference}).", "Un problème est survenu de notre côté (référence {reference}).";
    ErrValueTaken => "this value is already taken", "deze waarde is al in gebruik", "cette valeur est déjà utilisée";
    ErrNoSuchReference => "this refers to something that does not exist", "dit verwijst naar iets dat niet bestaat", "ceci renvoie à quelque chose qui n'existe pas";
    ErrRequired => "this field is required", "dit veld is verplicht", "ce champ est obligatoire";
    ErrChars1To100 => "give 1 to 100 characters", "geef 1 tot 100 tekens", "indiquez 1 à 100 caractères";
    ErrMaxChars => "use at most {max} characters", "gebruik hoogstens {max} tekens", "utilisez au plus {max} caractères";
    ErrMaxCharsOneLine => "use at most {max} characters, without line breaks", "gebruik hoogstens {max} tekens, zonder regeleinden", "utilisez au plus {max} caractères, sans retour à la ligne";
    ErrNameLength => "give a name of 1 to 120 characters", "geef een naam van 1 tot 120 tekens", "indiquez un nom de 1 à 120 caractères";
    ErrEmailInvalid => "enter a valid e-mail address", "geef een geldig e-mailadres", "saisissez une adresse e-mail valide";
    ErrEmailExample => "enter a valid e-mail address, like name@example.be", "geef een geldig e-mailadres, zoals naam@voorbeeld.be", "saisissez une adresse e-mail valide, comme nom@exemple.be";
    ErrPhone => "use digits (6 to 20) with spaces, dots, dashes or a leading +", "gebruik cijfers (6 tot 20) met spaties, punten, streepjes of een + vooraan", "utilisez des chiffres (6 à 20) avec espaces, points, tirets ou un + au début";
    ErrDateFormat => "use a real date written as YYYY-MM-DD", "geef een bestaande datum in de vorm JJJJ-MM-DD", "indiquez une date réelle au format AAAA-MM-JJ";
    ErrDateFormatImport => "use a real date written as YYYY-MM-DD or DD/MM/YYYY", "geef een bestaande datum in de vorm JJJJ-MM-DD of DD/MM/JJJJ", "indiquez une date réelle au format AAAA-MM-JJ ou JJ/MM/AAAA";
    ErrDateRange => "use a date between 1900 and next year", "gebruik een datum tussen 1900 en volgend jaar", "utilisez une date entre 1900 et l'an prochain";
    ErrPostcode => "use at most 10 letters, digits, spaces or dashes", "gebruik hoogstens 10 letters, cijfers, spaties of streepjes", "utilisez au plus 10 lettres, chiffres, espaces ou tirets";
    ErrBirthFuture => "a birth date cannot be in the future", "een geboortedatum kan niet in de toekomst liggen", "une date de naissance ne peut pas être dans le futur";
    ErrChooseOptionOrEmpty => "choose one of the options, or leave it empty", "kies een van de opties, of laat het leeg", "choisissez une des options, ou laissez vide";
    ErrSeason => "write the season as two years, like 2026-2027", "schrijf het seizoen als twee jaartallen, zoals 2026-2027", "écrivez la saison en deux années, comme 2026-2027";
    ErrChooseStatus => "choose applicant, active, suspended or ended", "kies kandidaat, actief, geschorst of beëindigd", "choisissez candidat, actif, suspendu ou terminé";
    ErrEndBeforeJoin => "the end date comes before the join date", "de einddatum valt vóór de aansluitingsdatum", "la date de fin précède la date d'adhésion";
    ErrEndDateMissing => "give the date the membership ended", "geef de datum waarop het lidmaatschap eindigde", "indiquez la date de fin de l'adhésion";
    ErrSearchLength => "search with at most 100 characters", "zoek met hoogstens 100 tekens", "recherchez avec 100 caractères au plus";
    ErrSort => "sort by name, birth or joined (with - for the other way)", "sorteer op naam, geboorte of aansluiting (met - voor omgekeerd)", "triez par nom, naissance ou adhésion (avec - pour l'ordre inverse)";
    ErrChooseFieldOption => "choose one of the field's options", "kies een van de opties van het veld", "choisissez une des options du champ";
    ErrNotFilterable => "the register cannot be filtered on this field", "het register kan niet op dit veld gefilterd worden", "le registre ne peut pas être filtré sur ce champ";
    ErrOwnGuardian => "a member cannot be their own guardian", "een lid kan niet zijn eigen ouder of voogd zijn", "un membre ne peut pas être son propre parent ou tuteur";
    ErrRecordChanged => "{who} changed this record on {when} after you opened it; what you entered is still in the form: compare it with the record and save again",
        "{who} wijzigde deze fiche op {when} nadat je ze opende; wat je invulde staat nog in het formulier: vergelijk het met de fiche en sla opnieuw op",
        "{who} a modifié cette fiche le {when} après que vous l'avez ouverte ; votre saisie est toujours dans le formulaire : comparez-la avec la fiche et enregistrez à nouveau";
    ErrNoEmailToInvite => "this record has no e-mail address: add one before inviting", "deze fiche heeft geen e-mailadres: voeg er een toe voor je uitnodigt", "cette fiche n'a pas d'adresse e-mail : ajoutez-en une avant d'inviter";
    ErrOtherAccountLinked => "another account is already linked to this record", "er is al een andere account aan deze fiche gekoppeld", "un autre compte est déjà lié à cette fiche";
    ErrAccountLinkedElsewhere => "the account of this e-mail address is already linked to another record of this club", "de account van dit e-mailadres is al gekoppeld aan een andere fiche van deze club", "le compte de cette adresse e-mail est déjà lié à une autre fiche de ce club";
    ErrComeOfAge => "this member has come of age and manages their own record now", "dit lid is meerderjarig en beheert nu zelf zijn fiche", "ce membre est devenu majeur et gère désormais lui-même sa fiche";
    ErrOneValue => "give one value", "geef één waarde", "indiquez une seule valeur";
    ErrNumber => "enter a number, like 12 or 3,5 (at most 15 digits)", "geef een getal, zoals 12 of 3,5 (hoogstens 15 cijfers)", "saisissez un nombre, comme 12 ou 3,5 (15 chiffres au plus)";
    ErrChooseOption => "choose one of the options", "kies een van de opties", "choisissez une des options";
    ErrYesNo => "choose yes or no", "kies ja of nee", "choisissez oui ou non";
    ErrIban => "enter a valid IBAN, like BE68 5390 0754 7034 (check the digits)", "geef een geldig IBAN, zoals BE68 5390 0754 7034 (controleer de cijfers)", "saisissez un IBAN valide, comme BE68 5390 0754 7034 (vérifiez les chiffres)";
    ErrNationalNumber => "enter a valid national register number: 11 digits, like 85.07.30-033.28 (check the digits)", "geef een geldig rijksregisternummer: 11 cijfers, zoals 85.07.30-033.28 (controleer de cijfers)", "saisissez un numéro de registre national valide : 11 chiffres, comme 85.07.30-033.28 (vérifiez les chiffres)";
    ErrLabelLength => "give a label of 1 to 80 characters", "geef een label van 1 tot 80 tekens", "indiquez un libellé de 1 à 80 caractères";
    ErrChooseFieldKind => "choose one of the kinds", "kies een van de soorten", "choisissez un des types";
    ErrOptionLength => "an option has at most 80 characters: “{start}…”", "een optie heeft hoogstens 80 tekens: „{start}…”", "une option compte au plus 80 caractères : « {start}… »";
    ErrOptionsNeeded => "give the options, one per line", "geef de opties, één per regel", "indiquez les options, une par ligne";
    ErrTooManyOptions => "give at most {max} options", "geef hoogstens {max} opties", "indiquez au plus {max} options";
    ErrNoOptionsForKind => "only a choice or multiple choice field has options; leave this empty", "alleen een keuzeveld of meerkeuzeveld heeft opties; laat dit leeg", "seul un champ à choix unique ou multiple a des options ; laissez ceci vide";
    ErrChooseVisibility => "choose who may see the field", "kies wie het veld mag zien", "choisissez qui peut voir le champ";
    ErrMemberEditable => "a member can only change a field they may see: make it visible to the member first", "een lid kan alleen een veld wijzigen dat het mag zien: maak het eerst zichtbaar voor het lid", "un membre ne peut modifier qu'un champ qu'il peut voir : rendez-le d'abord visible pour le membre";
    ErrFieldLabelTaken => "another field has this label", "een ander veld heeft dit label", "un autre champ porte ce libellé";
    ErrTooManyFields => "a club can define at most {max} fields; delete one you no longer use", "een club kan hoogstens {max} velden bepalen; verwijder er een die je niet meer gebruikt", "un club peut définir au plus {max} champs ; supprimez-en un que vous n'utilisez plus";
    ErrFieldKeepsKind => "a field keeps its kind; add a new field for another kind", "een veld behoudt zijn soort; voeg een nieuw veld toe voor een andere soort", "un champ garde son type ; ajoutez un nouveau champ pour un autre type";
    ErrFieldChanged => "someone changed this field after you opened it; look at it again and save once more", "iemand wijzigde dit veld nadat je het opende; bekijk het opnieuw en sla nog eens op", "quelqu'un a modifié ce champ après que vous l'avez ouvert ; relisez-le et enregistrez à nouveau";
    ErrMoveUpDown => "move a field up or down", "verplaats een veld naar boven of naar beneden", "déplacez un champ vers le haut ou vers le bas";
    ErrFormSlugTaken => "another form has this address", "een ander formulier heeft dit adres", "un autre formulaire utilise cette adresse";
    ErrFormChanged => "someone changed this form after you opened it; look at it again and save once more", "iemand wijzigde dit formulier nadat je het opende; bekijk het opnieuw en sla nog eens op", "quelqu'un a modifié ce formulaire après que vous l'avez ouvert ; relisez-le et enregistrez à nouveau";
    ErrFormStale => "this form was opened too long ago or not from this site: check your answers and send it again", "dit formulier werd te lang geleden of niet vanaf deze site geopend: controleer je antwoorden en verstuur het opnieuw", "ce formulaire a été ouvert il y a trop longtemps ou pas depuis ce site : vérifiez vos réponses et renvoyez-le";
    ErrFormTooQuick => "that was very quick: check your answers and send the form again", "dat ging wel heel snel: controleer je antwoorden en verstuur het formulier opnieuw", "c'était très rapide : vérifiez vos réponses et renvoyez le formulaire";
    ErrFormClosed => "this form was closed by the club in the meantime; nothing was sent", "de club heeft dit formulier intussen gesloten; er werd niets verstuurd", "le club a fermé ce formulaire entre-temps ; rien n'a été envoyé";
    ErrRegistrationLinkUsed => "this link has expired or was already used; a confirmed registration needs nothing more", "deze link is verlopen of werd al gebruikt; een bevestigde inschrijving heeft niets meer nodig", "ce lien a expiré ou a déjà été utilisé ; une inscription confirmée ne demande rien de plus";
    ErrRegistrationDecided => "this registration was already decided by someone else; the list shows how", "over deze inschrijving besliste iemand anders al; de lijst toont hoe", "quelqu'un d'autre a déjà statué sur cette inscription ; la liste indique comment";
    ErrRejectReason => "give the applicant a reason (1 to 1000 characters)", "geef de aanvrager een reden (1 tot 1000 tekens)", "donnez une raison au candidat (1 à 1000 caractères)";
    ErrTitleLength => "give a title of 1 to 120 characters", "geef een titel van 1 tot 120 tekens", "indiquez un titre de 1 à 120 caractères";
    ErrFormSlug => "use 2 to 40 lower-case letters, digits and dashes, like join-2026", "gebruik 2 tot 40 kleine letters, cijfers en streepjes, zoals inschrijving-2026", "utilisez 2 à 40 lettres minuscules, chiffres et tirets, comme inscription-2026";
    ErrChooseAudience => "choose who fills in the form", "kies wie het formulier invult", "choisissez qui remplit le formulaire";
    ErrFormHelp => "use at most 200 characters, without line breaks or |", "gebruik hoogstens 200 tekens, zonder regeleinden of |", "utilisez au plus 200 caractères, sans retour à la ligne ni |";
    ErrGuardianAdult => "a guardian registers children under 18; adults register themselves", "een ouder of voogd schrijft kinderen jonger dan 18 in; volwassenen schrijven zichzelf in", "un parent ou tuteur inscrit les enfants de moins de 18 ans ; les adultes s'inscrivent eux-mêmes";
    ErrAcceptTerms => "accept the club's terms of use", "aanvaard de gebruiksvoorwaarden van de club", "acceptez les conditions d'utilisation du club";
    ErrSeeded => "the demo data is already in this database", "de demogegevens staan al in deze databank", "les données de démonstration sont déjà dans cette base de données";
    ErrImportStarted => "this import has already started; upload the file again to import it once more", "deze import is al gestart; laad het bestand opnieuw op om het nog eens te importeren", "cette importation a déjà commencé ; chargez à nouveau le fichier pour l'importer une nouvelle fois";
    ErrImportRunning => "this import is already running or done", "deze import loopt al of is klaar", "cette importation est déjà en cours ou terminée";
    ErrImportRowsInvalid => "{invalid} of {rows} rows have problems, so nothing was imported: correct them and import the file again", "{invalid} van de {rows} rijen hebben problemen, dus er werd niets geïmporteerd: verbeter ze en importeer het bestand opnieuw", "{invalid} lignes sur {rows} posent problème, rien n'a donc été importé : corrigez-les et importez à nouveau le fichier";
    ErrImportFileSize => "the file is {size} MiB; an import takes at most {max} MiB: split it into smaller files", "het bestand is {size} MiB; een import neemt hoogstens {max} MiB: splits het in kleinere bestanden", "le fichier fait {size} Mio ; une importation accepte au plus {max} Mio : scindez-le en fichiers plus petits";
    ErrXlsx => "this is a spreadsheet workbook (.xlsx), not a CSV file: in Excel choose 'Save as' and the type 'CSV UTF-8 (comma delimited)', then upload that file",
        "dit is een rekenmap (.xlsx), geen CSV-bestand: kies in Excel 'Opslaan als' en het type 'CSV UTF-8 (door komma's gescheiden)', en laad dat bestand op",
        "ceci est un classeur (.xlsx), pas un fichier CSV : dans Excel, choisissez 'Enregistrer sous' et le type 'CSV UTF-8 (délimité par des virgules)', puis chargez ce fichier";
    ErrUtf16 => "the file is UTF-16 text ('Unicode text' in Excel): save it as 'CSV UTF-8 (comma delimited)' and upload it again",
        "het bestand is UTF-16-tekst ('Unicode-tekst' in Excel): bewaar het als 'CSV UTF-8 (door komma's gescheiden)' en laad het opnieuw op",
        "le fichier est du texte UTF-16 ('Texte Unicode' dans Excel) : enregistrez-le en 'CSV UTF-8 (délimité par des virgules)' et chargez-le à nouveau";
    ErrNotUtf8 => "the file is not UTF-8 text: line {line} holds a character in another encoding (older Excel versions save Windows-1252). Save it as 'CSV UTF-8 (comma delimited)' and upload it again",
        "het bestand is geen UTF-8-tekst: regel {line} bevat een teken in een andere codering (oudere Excel-versies bewaren in Windows-1252). Bewaar het als 'CSV UTF-8 (door komma's gescheiden)' en laad het opnieuw op",
        "le fichier n'est pas du texte UTF-8 : la ligne {line} contient un caractère dans un autre encodage (les anciennes versions d'Excel enregistrent en Windows-1252). Enregistrez-le en 'CSV UTF-8 (délimité par des virgules)' et chargez-le à nouveau";
    ErrCsvUnreadable => "the file cannot be read as CSV near line {line}: check its quotes and delimiters", "het bestand is als CSV onleesbaar rond regel {line}: controleer de aanhalingstekens en scheidingstekens", "le fichier est illisible en CSV vers la ligne {line} : vérifiez ses guillemets et séparateurs";
    ErrHeaderLooksLikeData => "the first row looks like member data (\"{cell}\"), not a header: add a first row naming the columns, for example Voornaam;Naam;Geboortedatum;E-mail",
        "de eerste rij lijkt op ledengegevens („{cell}”), niet op een kopregel: voeg een eerste rij toe die de kolommen benoemt, bijvoorbeeld Voornaam;Naam;Geboortedatum;E-mail",
        "la première ligne ressemble à des données de membres (« {cell} »), pas à un en-tête : ajoutez une première ligne qui nomme les colonnes, par exemple Prénom;Nom;Date de naissance;E-mail";
    ErrFileEmpty => "the file is empty: its first row must name the columns (for example Voornaam;Naam;Geboortedatum;E-mail), then one row per member",
        "het bestand is leeg: de eerste rij moet de kolommen benoemen (bijvoorbeeld Voornaam;Naam;Geboortedatum;E-mail), daarna één rij per lid",
        "le fichier est vide : sa première ligne doit nommer les colonnes (par exemple Prénom;Nom;Date de naissance;E-mail), puis une ligne par membre";
    ErrTooManyRows => "the file has more than {max} rows: split it into files of at most {max} rows", "het bestand heeft meer dan {max} rijen: splits het in bestanden van hoogstens {max} rijen", "le fichier compte plus de {max} lignes : scindez-le en fichiers de {max} lignes au plus";
    ErrColumnNoName => "column {n} has no name in the header row: name every column, or delete the empty column", "kolom {n} heeft geen naam in de kopregel: geef elke kolom een naam, of verwijder de lege kolom", "la colonne {n} n'a pas de nom dans la ligne d'en-tête : nommez chaque colonne ou supprimez la colonne vide";
    ErrHeaderTwice => "the header row names \"{name}\" twice (columns {a} and {b}): give every column its own name", "de kopregel noemt „{name}” twee keer (kolommen {a} en {b}): geef elke kolom een eigen naam", "la ligne d'en-tête nomme « {name} » deux fois (colonnes {a} et {b}) : donnez à chaque colonne son propre nom";
    ErrColumnMissing => "column {n} does not exist: the file has {count} columns", "kolom {n} bestaat niet: het bestand heeft {count} kolommen", "la colonne {n} n'existe pas : le fichier a {count} colonnes";
    ErrColumnTwice => "column \"{name}\" is mapped more than once: give it one target", "kolom „{name}” is meer dan eens toegewezen: geef ze één bestemming", "la colonne « {name} » est associée plus d'une fois : donnez-lui une seule destination";
    ErrColumnsSameField => "column \"{name}\" and another both go to {field}: each field takes one column", "kolom „{name}” en een andere gaan allebei naar {field}: elk veld neemt één kolom", "la colonne « {name} » et une autre vont toutes deux vers {field} : chaque champ prend une colonne";
    ErrColumnNoCustomField => "column \"{name}\": the club has no field you may fill in there; choose another field or ignore the column", "kolom „{name}”: de club heeft daar geen veld dat je mag invullen; kies een ander veld of negeer de kolom", "colonne « {name} » : le club n'a pas de champ que vous pouvez remplir ici ; choisissez un autre champ ou ignorez la colonne";
    ErrColumnNotAField => "column \"{name}\": \"{target}\" is not a field; choose one of the fields, or ignore the column", "kolom „{name}”: „{target}” is geen veld; kies een van de velden, of negeer de kolom", "colonne « {name} » : « {target} » n'est pas un champ ; choisissez un des champs ou ignorez la colonne";
    ErrColumnsSameTarget => "columns \"{a}\" and \"{b}\" both go to {field}: each field takes one column", "kolommen „{a}” en „{b}” gaan allebei naar {field}: elk veld neemt één kolom", "les colonnes « {a} » et « {b} » vont toutes deux vers {field} : chaque champ prend une colonne";
    ErrNoColumnFor => "no column goes to {field}: every member needs one", "geen enkele kolom gaat naar {field}: elk lid heeft er een nodig", "aucune colonne ne va vers {field} : chaque membre en a besoin";
    ErrRowWidth => "this row has {n} columns where the header has {width}: check its quotes and delimiters", "deze rij heeft {n} kolommen waar de kopregel er {width} heeft: controleer de aanhalingstekens en scheidingstekens", "cette ligne a {n} colonnes alors que l'en-tête en a {width} : vérifiez ses guillemets et séparateurs";
    ErrMappingUnreadable => "the form's columns could not be read; reload the page", "de kolommen van het formulier waren onleesbaar; laad de pagina opnieuw", "les colonnes du formulaire sont illisibles ; rechargez la page";
    ErrUploadUnreadable => "the upload could not be read; try again", "het opgeladen bestand was onleesbaar; probeer opnieuw", "le fichier envoyé est illisible ; réessayez";
    ErrLogoMultipart => "send the logo as a file upload (multipart/form-data)", "stuur het logo als opgeladen bestand (multipart/form-data)", "envoyez le logo comme fichier joint (multipart/form-data)";
    ErrFileMultipart => "send the file as an upload (multipart/form-data)", "stuur het bestand als opgeladen bestand (multipart/form-data)", "envoyez le fichier comme fichier joint (multipart/form-data)";
    ErrLogoLarger => "the file is larger than {max} KiB, the most a logo may be", "het bestand is groter dan {max} KiB, het maximum voor een logo", "le fichier dépasse {max} Kio, le maximum pour un logo";
    ErrImportLarger => "the file is larger than {max} MiB, the most an import may be; split it", "het bestand is groter dan {max} MiB, het maximum voor een import; splits het", "le fichier dépasse {max} Mio, le maximum pour une importation ; scindez-le";
    ErrChooseCsv => "choose a CSV file to upload", "kies een CSV-bestand om op te laden", "choisissez un fichier CSV à envoyer";
    ErrChooseStatusOrAll => "choose one of the statuses, or all", "kies een van de statussen, of alle", "choisissez un des statuts, ou tous";
    ErrLogoEmpty => "choose an image file to upload", "kies een afbeelding om op te laden", "choisissez un fichier image à envoyer";
    ErrLogoTooBig => "the file is {size} KiB; a logo may be at most {max} KiB", "het bestand is {size} KiB; een logo mag hoogstens {max} KiB zijn", "le fichier fait {size} Kio ; un logo peut faire au plus {max} Kio";
    ErrPngDamaged => "this PNG file is damaged", "dit PNG-bestand is beschadigd", "ce fichier PNG est endommagé";
    ErrJpegDamaged => "this JPEG file is damaged", "dit JPEG-bestand is beschadigd", "ce fichier JPEG est endommagé";
    ErrNotAnImage => "this file is not an image Tessera accepts: use a PNG, JPEG or SVG file", "Tessera aanvaardt dit bestand niet als afbeelding: gebruik een PNG-, JPEG- of SVG-bestand", "Tessera n'accepte pas ce fichier comme image : utilisez un fichier PNG, JPEG ou SVG";
    ErrImageTooSmall => "the image is {w} × {h} pixels; use at least {min} × {min}", "de afbeelding is {w} × {h} pixels; gebruik minstens {min} × {min}", "l'image fait {w} × {h} pixels ; utilisez au moins {min} × {min}";
    ErrImageTooLarge => "the image is {w} × {h} pixels; use at most {max} × {max}", "de afbeelding is {w} × {h} pixels; gebruik hoogstens {max} × {max}", "l'image fait {w} × {h} pixels ; utilisez au plus {max} × {max}";
    ErrSvgNotUtf8 => "this SVG file is not UTF-8 text", "dit SVG-bestand is geen UTF-8-tekst", "ce fichier SVG n'est pas du texte UTF-8";
    ErrSvgDoctype => "this SVG file declares a DOCTYPE or entities; save it as plain SVG without them", "dit SVG-bestand declareert een DOCTYPE of entiteiten; bewaar het als gewone SVG zonder die", "ce fichier SVG déclare un DOCTYPE ou des entités ; enregistrez-le en SVG simple sans eux";
    ErrSvgUnreadable => "this SVG file cannot be read (line {line})", "dit SVG-bestand is onleesbaar (regel {line})", "ce fichier SVG est illisible (ligne {line})";
    ErrNotSvg => "this file is not an SVG image", "dit bestand is geen SVG-afbeelding", "ce fichier n'est pas une image SVG";
    ErrSvgPi => "this SVG file contains processing instructions (such as a stylesheet); remove them", "dit SVG-bestand bevat verwerkingsinstructies (zoals een stijlblad); verwijder ze", "ce fichier SVG contient des instructions de traitement (comme une feuille de style) ; supprimez-les";
    ErrSvgElement => "this SVG file contains a <{element}> element, which a logo may not have (only drawing elements are accepted)", "dit SVG-bestand bevat een element <{element}>, dat een logo niet mag hebben (alleen tekenelementen worden aanvaard)", "ce fichier SVG contient un élément <{element}>, qu'un logo ne peut pas avoir (seuls les éléments de dessin sont acceptés)";
    ErrSvgAttribute => "this SVG file has an attribute \"{attribute}\" that a logo may not have (no scripts, event handlers or links)", "dit SVG-bestand heeft een attribuut „{attribute}” dat een logo niet mag hebben (geen scripts, gebeurtenisverwerkers of koppelingen)", "ce fichier SVG a un attribut « {attribute} » qu'un logo ne peut pas avoir (pas de scripts, de gestionnaires d'événements ni de liens)";
    ErrSvgExternal => "this SVG file refers to something outside itself; only references inside the file are accepted", "dit SVG-bestand verwijst naar iets buiten zichzelf; alleen verwijzingen binnen het bestand worden aanvaard", "ce fichier SVG renvoie à quelque chose d'extérieur ; seules les références internes au fichier sont acceptées";
    ErrSvgScript => "this SVG file contains a script or data address; remove it", "dit SVG-bestand bevat een script- of data-adres; verwijder het", "ce fichier SVG contient une adresse de script ou de données ; supprimez-la";
    ErrSvgNoSize => "this SVG file has no size: give the <svg> element a viewBox or a width and height", "dit SVG-bestand heeft geen afmetingen: geef het element <svg> een viewBox of een breedte en hoogte", "ce fichier SVG n'a pas de taille : donnez à l'élément <svg> un viewBox ou une largeur et une hauteur";
    ErrTermsNewer => "a newer version of the terms was published meanwhile; read it and accept that one", "intussen werd een nieuwere versie van de gebruiksvoorwaarden gepubliceerd; lees en aanvaard die", "une version plus récente des conditions a été publiée entre-temps ; lisez-la et acceptez celle-là";
    ErrTermsBody => "write the terms in 1 to {max} characters", "schrijf de voorwaarden in 1 tot {max} tekens", "rédigez les conditions en 1 à {max} caractères";
    ErrTermsNoVersion => "the form names no version; reload the page", "het formulier vermeldt geen versie; laad de pagina opnieuw", "le formulaire n'indique aucune version ; rechargez la page";
    ErrVersionMissing => "the form is missing its version; reload the page", "het formulier mist zijn versie; laad de pagina opnieuw", "la version du formulaire manque ; rechargez la page";
    ErrOnOff => "choose on or off", "kies aan of uit", "choisissez actif ou inactif";
    ErrChooseTenantKind => "choose a club or a federation", "kies een club of een federatie", "choisissez un club ou une fédération";
    ErrChooseLang => "choose English, Nederlands or Français", "kies English, Nederlands of Français", "choisissez English, Nederlands ou Français";
    ErrAdminNameToo => "give the administrator's name as well", "geef ook de naam van de beheerder", "indiquez aussi le nom de l'administrateur";
    ErrAdminEmailToo => "give the administrator's e-mail address as well", "geef ook het e-mailadres van de beheerder", "indiquez aussi l'adresse e-mail de l'administrateur";
    ErrColorFormat => "use a colour written as #rrggbb, for example #1f4e79", "geef een kleur in de vorm #rrggbb, bijvoorbeeld #1f4e79", "indiquez une couleur au format #rrggbb, par exemple #1f4e79";
    ErrColorContrast => "{on} on this colour has a contrast of {ratio}:1; choose a colour that reaches {min}:1", "{on} op deze kleur heeft een contrast van {ratio}:1; kies een kleur die {min}:1 haalt", "{on} sur cette couleur a un contraste de {ratio}:1 ; choisissez une couleur qui atteint {min}:1";
    ErrWhiteText => "white text", "witte tekst", "un texte blanc";
    ErrDarkText => "dark text", "donkere tekst", "un texte foncé";
    ErrTenantSlug => "use 2 to 63 lowercase letters, digits and single hyphens", "gebruik 2 tot 63 kleine letters, cijfers en enkele koppeltekens", "utilisez 2 à 63 lettres minuscules, chiffres et traits d'union simples";
    ErrCityLength => "give a place of at most 120 characters", "geef een gemeente van hoogstens 120 tekens", "indiquez une localité de 120 caractères au plus";
    ErrParentKind => "a club belongs to a federation or the operator; a federation to the operator", "een club hoort bij een federatie of bij de beheerder; een federatie bij de beheerder", "un club est rattaché à une fédération ou à l'opérateur ; une fédération à l'opérateur";
    ErrChoosePlan => "choose one of the plans", "kies een van de plannen", "choisissez une des formules";
    ErrPlansForClubs => "plans are for clubs; a federation has all of its modules", "plannen zijn er voor clubs; een federatie heeft al haar modules", "les formules sont pour les clubs ; une fédération a tous ses modules";
    ErrSlugTaken => "this address is already taken", "dit adres is al in gebruik", "cette adresse est déjà prise";
    ErrSettingsChanged => "the settings were changed by {who} on {when} since you opened them; reload to see the change", "de instellingen werden gewijzigd door {who} op {when} sinds je ze opende; laad opnieuw om de wijziging te zien", "les paramètres ont été modifiés par {who} le {when} depuis que vous les avez ouverts ; rechargez pour voir la modification";
    ErrFederationParent => "a federation belongs to the platform, not to another tenant", "een federatie hoort bij het platform, niet bij een andere omgeving", "une fédération est rattachée à la plateforme, pas à un autre environnement";
    ErrChooseFederation => "choose one of the federations", "kies een van de federaties", "choisissez une des fédérations";
    ErrChoosePlanForClub => "choose a plan for the club", "kies een plan voor de club", "choisissez une formule pour le club";
    ErrAlreadyInTenant => "this person already belongs to this tenant", "deze persoon hoort al bij deze omgeving", "cette personne fait déjà partie de cet environnement";
    ErrAccountExists => "an account with this e-mail address already exists", "er bestaat al een account met dit e-mailadres", "un compte existe déjà avec cette adresse e-mail";
    ErrRoleName => "give the role a name of 1 to {max} characters", "geef de rol een naam van 1 tot {max} tekens", "donnez au rôle un nom de 1 à {max} caractères";
    ErrNoSuchPermission => "there is no permission called \"{name}\"", "er bestaat geen recht met de naam „{name}”", "il n'existe aucun droit nommé « {name} »";
    ErrPermissionNotInPlan => "{permission} belongs to the module {module}, which this club's plan does not include", "{permission} hoort bij de module {module}, die niet in het plan van deze club zit", "{permission} relève du module {module}, que la formule de ce club ne comprend pas";
    ErrPermissionOtherKind => "{permission} is a permission of another kind of tenant and cannot be given here", "{permission} is een recht van een ander soort omgeving en kan hier niet worden toegekend", "{permission} est un droit d'un autre type d'environnement et ne peut pas être attribué ici";
    ErrRoleNameTaken => "there is already a role with this name", "er bestaat al een rol met deze naam", "un rôle porte déjà ce nom";
    ErrTooManyRoles => "a club can define at most {max} roles; delete one you no longer use", "een club kan hoogstens {max} rollen bepalen; verwijder er een die je niet meer gebruikt", "un club peut définir au plus {max} rôles ; supprimez-en un que vous n'utilisez plus";
    ErrBuiltinRole => "the Administrator role always holds every permission; create a role of your own for a narrower set", "de rol Beheerder heeft altijd alle rechten; maak een eigen rol voor een beperktere set", "le rôle Administrateur détient toujours tous les droits ; créez votre propre rôle pour un ensemble plus restreint";
    ErrRoleChanged => "this role was changed by {who} on {when} since you opened it; reload to see the change (what you entered is still in the form)", "deze rol werd gewijzigd door {who} op {when} sinds je hem opende; laad opnieuw om de wijziging te zien (wat je invulde staat nog in het formulier)", "ce rôle a été modifié par {who} le {when} depuis que vous l'avez ouvert ; rechargez pour voir la modification (votre saisie est toujours dans le formulaire)";
    ErrAdminRoleDelete => "the Administrator role cannot be deleted", "de rol Beheerder kan niet worden verwijderd", "le rôle Administrateur ne peut pas être supprimé";
    ErrAdminCap => "the club's plan allows at most {cap} administrators; remove one or ask for a larger plan", "het plan van de club laat hoogstens {cap} beheerders toe; verwijder er een of vraag een groter plan", "la formule du club autorise au plus {cap} administrateurs ; retirez-en un ou demandez une formule plus grande";
    ErrLastAdmin => "this is the club's last administrator; make someone else administrator first", "dit is de laatste beheerder van de club; maak eerst iemand anders beheerder", "c'est le dernier administrateur du club ; nommez d'abord quelqu'un d'autre administrateur";
    ErrRoleGone => "one of the chosen roles no longer exists; reload the page", "een van de gekozen rollen bestaat niet meer; laad de pagina opnieuw", "un des rôles choisis n'existe plus ; rechargez la page";
    ErrRoleMissing => "one of the chosen roles does not exist", "een van de gekozen rollen bestaat niet", "un des rôles choisis n'existe pas";
    ErrNoAccountInClub => "nobody with this e-mail address has an account in this club; invite them first", "niemand met dit e-mailadres heeft een account in deze club; nodig die persoon eerst uit", "personne avec cette adresse e-mail n'a de compte dans ce club ; invitez d'abord cette personne";
    ErrAlreadyAdmin => "this person is already an administrator of this club", "deze persoon is al beheerder van deze club", "cette personne est déjà administrateur de ce club";
    ErrPasswordMin => "use at least {min} characters", "gebruik minstens {min} tekens", "utilisez au moins {min} caractères";
    ErrPasswordWeak => "this password is too easy to guess. A few unrelated words make a strong one", "dit wachtwoord is te makkelijk te raden. Een paar losse woorden vormen een sterk wachtwoord", "ce mot de passe est trop facile à deviner. Quelques mots sans rapport font un mot de passe solide";
    ErrTotpStartFirst => "start the set-up of the authenticator app first", "begin eerst met het instellen van de authenticator-app", "commencez d'abord la configuration de l'application d'authentification";
    ErrTotpFirst => "set up an authenticator app first", "stel eerst een authenticator-app in", "configurez d'abord une application d'authentification";
    ErrTotpAlreadySet => "the authenticator app is already set up", "de authenticator-app is al ingesteld", "l'application d'authentification est déjà configurée";
    ErrTotpCodeWrong => "this code is not right; check the time on your phone and type the code shown now", "deze code klopt niet; controleer de tijd op je telefoon en typ de code die nu getoond wordt", "ce code est incorrect ; vérifiez l'heure de votre téléphone et saisissez le code affiché maintenant";
    ErrStaffKeepsFactor => "staff accounts must keep a second factor", "accounts van medewerkers moeten een tweede stap houden", "les comptes du personnel doivent garder une seconde étape";
    ErrPasswordWrong => "this password is not right", "dit wachtwoord klopt niet", "ce mot de passe est incorrect";
    ErrCurrentPasswordWrong => "this is not your current password", "dit is niet je huidige wachtwoord", "ce n'est pas votre mot de passe actuel";
    ErrResetOwnFactor => "you cannot reset your own second factor; use your recovery codes or ask another administrator", "je kunt je eigen tweede stap niet herstellen; gebruik je herstelcodes of vraag het een andere beheerder", "vous ne pouvez pas réinitialiser votre propre seconde étape ; utilisez vos codes de récupération ou demandez à un autre administrateur";
    ErrNoSuchModule => "there is no such module", "die module bestaat niet", "ce module n'existe pas";
    ErrModuleAlwaysOn => "{module} is always on", "{module} staat altijd aan", "{module} est toujours actif";
    ErrModuleNotInPlan => "{module} is not part of the club's plan ({plan}); ask for a plan that includes it", "{module} zit niet in het plan van de club ({plan}); vraag een plan dat de module bevat", "{module} ne fait pas partie de la formule du club ({plan}) ; demandez une formule qui le comprend";
    ErrModuleNeeds => "{module} needs {needed}; switch that on first", "{module} vereist {needed}; zet dat eerst aan", "{module} nécessite {needed} ; activez-le d'abord";
    ErrModuleNeededBy => "{dependants} needs {module}; switch {dependants} off first", "{dependants} vereist {module}; zet {dependants} eerst uit", "{dependants} nécessite {module} ; désactivez d'abord {dependants}";
    ErrModuleSwitchChanged => "someone changed this module's switch meanwhile; reload the page", "iemand wijzigde intussen de schakelaar van deze module; laad de pagina opnieuw", "quelqu'un a modifié entre-temps l'activation de ce module ; rechargez la page";
    ErrAnd => "and", "en", "et";
    ErrNoPlanName => "none", "geen", "aucune";
    // admininv
    MailAdminInviteSubject => "Become an administrator of {club}", "Word beheerder van {club}", "Devenez administrateur du {club}";
    MailAdminInviteBody => "Hello {name},\n\n{inviter} invites you to become an administrator of {club} on Tessera. Open this link within seven days, sign in with this address and confirm:\n\n{link}\n\nIf you do not expect this, ignore this mail: nothing changes until you confirm.\n",
        "Hallo {name},\n\n{inviter} nodigt je uit om beheerder te worden van {club} op Tessera. Open deze link binnen zeven dagen, meld je aan met dit adres en bevestig:\n\n{link}\n\nVerwacht je dit niet, negeer dan deze mail: er verandert niets zolang je niet bevestigt.\n",
        "Bonjour {name},\n\n{inviter} vous invite à devenir administrateur du {club} sur Tessera. Ouvrez ce lien dans les sept jours, connectez-vous avec cette adresse et confirmez :\n\n{link}\n\nSi vous ne vous y attendez pas, ignorez ce message : rien ne change tant que vous ne confirmez pas.\n";
    ErrAdminInviteInvalid => "this invitation has expired, was withdrawn or was already used; ask the club for a new one", "deze uitnodiging is verlopen, ingetrokken of al gebruikt; vraag de club een nieuwe", "cette invitation a expiré, a été retirée ou a déjà été utilisée ; demandez-en une nouvelle au club";
    AdminInvitationTitle => "Administrator invitation", "Uitnodiging als beheerder", "Invitation comme administrateur";
    AdminInvitationIntro => "You were invited to become an administrator of this club. Sign in with the invited e-mail address, then confirm. If you have no account yet, first set your password with the link of the account invitation.",
        "Je werd uitgenodigd om beheerder van deze club te worden. Meld je aan met het uitgenodigde e-mailadres en bevestig daarna. Heb je nog geen account, kies dan eerst je wachtwoord met de link van de accountuitnodiging.",
        "Vous avez été invité à devenir administrateur de ce club. Connectez-vous avec l'adresse e-mail invitée, puis confirmez. Si vous n'avez pas encore de compte, choisissez d'abord votre mot de passe avec le lien de l'invitation au compte.";
    AdminInvitationAccept => "Become an administrator", "Beheerder worden", "Devenir administrateur";
    AdminInvitationWithdrawn => "The invitation was withdrawn.", "De uitnodiging werd ingetrokken.", "L'invitation a été retirée.";
    AdminInvitationsPending => "Pending invitations", "Openstaande uitnodigingen", "Invitations en attente";
    AdminInvitationExpires => "Expires", "Verloopt", "Expire le";
    AdminInvitationInvitedAt => "Invited", "Uitgenodigd", "Invité le";
    AdminInvitationWithdraw => "Withdraw", "Intrekken", "Retirer";
    EvAdminInvitationSent => "Administrator invitation sent", "Uitnodiging als beheerder verstuurd", "Invitation comme administrateur envoyée";
    EvAdminInvitationAccepted => "Administrator invitation accepted", "Uitnodiging als beheerder aanvaard", "Invitation comme administrateur acceptée";
    AdminAddedNow => "This member of the club is now an administrator.", "Dit lid van de club is nu beheerder.", "Ce membre du club est maintenant administrateur.";
    ErrAdminInviteOtherAccount => "this invitation was sent to another e-mail address; sign in with that address to accept it", "deze uitnodiging werd naar een ander e-mailadres gestuurd; meld je aan met dat adres om ze te aanvaarden", "cette invitation a été envoyée à une autre adresse e-mail ; connectez-vous avec cette adresse pour l'accepter";
    // islands
    PermSelected => "Selected: {n} of {total} permissions", "Geselecteerd: {n} van {total} rechten", "Sélection : {n} sur {total} permissions";
    PermSelectAllIn => "Select all in {module}", "Alles aanvinken in {module}", "Tout cocher dans {module}";
    PermClearAllIn => "Clear all in {module}", "Alles uitvinken in {module}", "Tout décocher dans {module}";
    // secretary
    PermMembersView => "View members", "Leden bekijken", "Consulter les membres";
    PermMembersViewHelp => "Open the member register and each member's record.", "Het ledenregister en de fiche van elk lid openen.", "Ouvrir le registre des membres et la fiche de chaque membre.";
    PermMembersEdit => "Edit members", "Leden bewerken", "Modifier les membres";
    PermMembersEditHelp => "Add and change member records, invite members and reset their second factor.", "Ledenfiches toevoegen en wijzigen, leden uitnodigen en hun tweede factor herstellen.", "Ajouter et modifier des fiches, inviter des membres et réinitialiser leur second facteur.";
    PermMembersFields => "Manage member fields", "Ledenvelden beheren", "Gérer les champs des membres";
    PermMembersFieldsHelp => "Define the club's own fields on the member records.", "De eigen velden van de club op de ledenfiches bepalen.", "Définir les champs propres au club sur les fiches de membre.";
    PermMembersSensitive => "Sensitive details", "Gevoelige gegevens", "Données sensibles";
    PermMembersSensitiveHelp => "See and change sensitive fields such as the national register number.", "Gevoelige velden zoals het rijksregisternummer zien en wijzigen.", "Voir et modifier les champs sensibles comme le numéro de registre national.";
    PermAuditView => "Read the event log", "Logboek lezen", "Lire le journal";
    PermAuditViewHelp => "See who changed what in the club, and when.", "Zien wie wat in de club wijzigde, en wanneer.", "Voir qui a modifié quoi dans le club, et quand.";
    PermExportsRun => "Export members", "Leden exporteren", "Exporter les membres";
    PermExportsRunHelp => "Download the member register as a spreadsheet file; every export is logged.", "Het ledenregister als rekenbladbestand downloaden; elke export wordt bijgehouden.", "Télécharger le registre des membres en fichier tableur ; chaque export est consigné.";
    PermExportsSensitive => "Export sensitive columns", "Gevoelige kolommen exporteren", "Exporter les colonnes sensibles";
    PermExportsSensitiveHelp => "Choose columns the club marked sensitive (medical notes, national register number, …) in an export.", "Kolommen die de club als gevoelig markeerde (medische notities, rijksregisternummer, …) kiezen in een export.", "Choisir dans un export les colonnes que le club a marquées sensibles (notes médicales, numéro de registre national, …).";
    PermPrivacyRequests => "Handle data requests", "Gegevensverzoeken behandelen", "Traiter les demandes sur les données";
    PermPrivacyRequestsHelp => "Work the members' requests about their data (access, rectification, erasure, restriction, objection): start, extend, complete or refuse them.", "De verzoeken van leden over hun gegevens behandelen (inzage, verbetering, wissing, beperking, bezwaar): starten, verlengen, afhandelen of weigeren.", "Traiter les demandes des membres sur leurs données (accès, rectification, effacement, limitation, opposition) : les commencer, prolonger, clôturer ou refuser.";
    PermPrivacyConsents => "Manage consents", "Toestemmingen beheren", "Gérer les consentements";
    PermPrivacyConsentsHelp => "Define the purposes members consent to and their texts, and record a consent given on paper.", "De doelen waarvoor leden toestemming geven en hun teksten bepalen, en een toestemming op papier vastleggen.", "Définir les finalités auxquelles les membres consentent et leurs textes, et enregistrer un consentement donné sur papier.";
    PermPrivacyManage => "Manage data protection", "Gegevensbescherming beheren", "Gérer la protection des données";
    PermPrivacyManageHelp => "Retention policies, the breach register, the export register and the record of processing.", "Bewaartermijnen, het register van datalekken, het exportregister en het verwerkingsregister.", "Durées de conservation, registre des violations, registre des exports et registre des traitements.";
    PermFormsManage => "Manage registration forms", "Inschrijvingsformulieren beheren", "Gérer les formulaires d'inscription";
    PermFormsManageHelp => "Build, publish and close the public forms people use to join.", "De openbare formulieren waarmee mensen zich inschrijven maken, publiceren en sluiten.", "Créer, publier et fermer les formulaires publics d'inscription.";
    PermFormsReview => "Review registrations", "Inschrijvingen beoordelen", "Examiner les inscriptions";
    PermFormsReviewHelp => "Approve or refuse the registrations that come in.", "Binnenkomende inschrijvingen goedkeuren of weigeren.", "Approuver ou refuser les inscriptions reçues.";
    PermRolesManage => "Manage roles", "Rollen beheren", "Gérer les rôles";
    PermRolesManageHelp => "Define roles, give them to people, and invite or remove administrators.", "Rollen bepalen, aan mensen toekennen, en beheerders uitnodigen of verwijderen.", "Définir des rôles, les attribuer, et inviter ou retirer des administrateurs.";
    PermSettingsManage => "Manage settings", "Instellingen beheren", "Gérer les réglages";
    PermSettingsManageHelp => "Switch modules on and off, and change the club's branding and terms of use.", "Modules aan- en uitzetten, en de huisstijl en gebruiksvoorwaarden van de club wijzigen.", "Activer et désactiver des modules, et modifier l'identité visuelle et les conditions d'utilisation du club.";
    PermClubsView => "View affiliated clubs", "Aangesloten clubs bekijken", "Consulter les clubs affiliés";
    PermClubsViewHelp => "See the federation's clubs and their member counts.", "De clubs van de federatie en hun ledenaantallen zien.", "Voir les clubs de la fédération et leurs effectifs.";
    PermPlatformView => "Platform overview", "Platformoverzicht", "Vue de la plateforme";
    PermPlatformViewHelp => "See every club and federation with its usage counts.", "Elke club en federatie met haar gebruikscijfers zien.", "Voir chaque club et fédération avec ses compteurs d'utilisation.";
    PermPlatformManage => "Manage the platform", "Platform beheren", "Gérer la plateforme";
    PermPlatformManageHelp => "Create, suspend and reactivate clubs and federations, and assign plans.", "Clubs en federaties aanmaken, opschorten en heractiveren, en plannen toekennen.", "Créer, suspendre et réactiver des clubs et fédérations, et attribuer des formules.";
    AdminCapOne => "{n} of {max} administrator allowed by the plan.", "{n} van {max} beheerder die het plan toelaat.", "{n} administrateur sur {max} permis par la formule.";
    AdminNoCapOne => "{n} administrator; the plan sets no limit.", "{n} beheerder; het plan legt geen grens op.", "{n} administrateur ; la formule ne fixe pas de limite.";
    TrialDaysOne => "{n} day", "{n} dag", "{n} jour";
    TermsAcceptedOne => "Accepted by {n} of the one person with an account in the club.", "Aanvaard door {n} van de ene persoon met een account in de club.", "Acceptées par {n} sur la seule personne ayant un compte dans le club.";
    RegistrationsWaitingOne => "{n} registration waits for review", "{n} inschrijving wacht op goedkeuring", "{n} inscription en attente d'examen";
    ImportNOne => "Import {n} member", "{n} lid importeren", "Importer {n} membre";
    ImportFileSummaryOne => "{file}: {rows} row", "{file}: {rows} rij", "{file} : {rows} ligne";
    ImportProgressOne => "{done} of {total} row stored", "{done} van {total} rij bewaard", "{done} ligne sur {total} enregistrée";
    ImportTotalsOne => "{rows} row: {valid} correct, {invalid} with problems, {duplicates} already there; {add} to add.", "{rows} rij: {valid} correct, {invalid} met problemen, {duplicates} al aanwezig; {add} toe te voegen.", "{rows} ligne : {valid} correcte(s), {invalid} avec des problèmes, {duplicates} déjà présente(s) ; {add} à ajouter.";
    MoreProblemsOne => "… and {n} more problem.", "… en nog {n} probleem.", "… et {n} autre problème.";
    ImportDoneOf => "Imported: {added}, {skipped}.", "Geïmporteerd: {added}, {skipped}.", "Importé : {added}, {skipped}.";
    ImportAddedOne => "{n} member added", "{n} lid toegevoegd", "{n} membre ajouté";
    ImportAddedOther => "{n} members added", "{n} leden toegevoegd", "{n} membres ajoutés";
    ImportSkippedOne => "{n} skipped as already in the register", "{n} overgeslagen omdat het al in het register staat", "{n} ignoré car déjà dans le registre";
    ImportSkippedOther => "{n} skipped as already in the register", "{n} overgeslagen omdat ze al in het register staan", "{n} ignorés car déjà dans le registre";
    Month1 => "January", "januari", "janvier";
    Month2 => "February", "februari", "février";
    Month3 => "March", "maart", "mars";
    Month4 => "April", "april", "avril";
    Month5 => "May", "mei", "mai";
    Month6 => "June", "juni", "juin";
    Month7 => "July", "juli", "juillet";
    Month8 => "August", "augustus", "août";
    Month9 => "September", "september", "septembre";
    Month10 => "October", "oktober", "octobre";
    Month11 => "November", "november", "novembre";
    Month12 => "December", "december", "décembre";
    DateAtTime => "{date} at {time}", "{date} om {time}", "{date} à {time}";
    ReadOnlyNoForm => "This club is read-only, so nothing can be changed here: the form is not shown. Everything can still be read.", "Deze club is alleen-lezen, dus hier kan niets gewijzigd worden: het formulier wordt niet getoond. Alles blijft leesbaar.", "Ce club est en lecture seule, rien ne peut donc être modifié ici : le formulaire n'est pas affiché. Tout reste consultable.";
    MembershipEndedTitle => "Your membership has ended", "Je lidmaatschap is beëindigd", "Votre affiliation a pris fin";
    MembershipEndedText => "You can still see and update your own details:", "Je kunt je eigen gegevens nog inkijken en bijwerken:", "Vous pouvez encore consulter et mettre à jour vos propres données :";
    ConsentOptional => "Optional: you can register without agreeing. Once you are a member you withdraw your consent yourself, at any time, on My data.", "Niet verplicht: je kunt je ook inschrijven zonder akkoord te gaan. Eens je lid bent, trek je je toestemming op elk moment zelf in via Mijn gegevens.", "Facultatif : vous pouvez vous inscrire sans accepter. Une fois membre, vous retirez vous-même votre consentement à tout moment, dans Mes données.";
    ConsentHeading => "Your consent (optional)", "Je toestemming (niet verplicht)", "Votre consentement (facultatif)";
    TermsHeading => "Terms of membership (needed to join)", "Voorwaarden van het lidmaatschap (nodig om lid te worden)", "Conditions d'affiliation (nécessaires pour s'inscrire)";
    ConsentTextHelp => "Only for something people may refuse (photos on the website, a newsletter): the box is never ticked in advance and a registration goes through without it. What the club needs for a membership belongs in the club's terms of use.", "Alleen voor iets wat mensen mogen weigeren (foto's op de website, een nieuwsbrief): het vakje is nooit vooraf aangevinkt en een inschrijving gaat ook zonder door. Wat de club nodig heeft voor een lidmaatschap hoort in de gebruiksvoorwaarden van de club.", "Uniquement pour ce que l'on peut refuser (photos sur le site, lettre d'information) : la case n'est jamais cochée d'avance et l'inscription aboutit sans elle. Ce dont le club a besoin pour l'affiliation relève des conditions d'utilisation du club.";
    ConsentGiven => "Consent given", "Toestemming gegeven", "Consentement donné";
    ErrFormOrder => "the order of the questions could not be read: reload the page and try again", "de volgorde van de vragen is onleesbaar: laad de pagina opnieuw en probeer nog eens", "l'ordre des questions est illisible : rechargez la page et réessayez";
    FbOrder => "Order", "Volgorde", "Ordre";
    FbUp => "Up", "Omhoog", "Monter";
    FbDown => "Down", "Omlaag", "Descendre";
    FbRemove => "Remove", "Weglaten", "Retirer";
    FbMoveUp => "Move {field} up", "{field} omhoog verplaatsen", "Monter « {field} »";
    FbMoveDown => "Move {field} down", "{field} omlaag verplaatsen", "Descendre « {field} »";
    FbRemoveField => "Remove {field}", "{field} weglaten", "Retirer « {field} »";
    FbAddQuestion => "Add a question", "Vraag toevoegen", "Ajouter une question";
    FbAdd => "Add", "Toevoegen", "Ajouter";
    FbMoved => "{field}: position {n} of {total}", "{field}: plaats {n} van {total}", "{field} : position {n} sur {total}";
    FbAdded => "Added to the form: {field}, position {n} of {total}", "Toegevoegd aan het formulier: {field}, plaats {n} van {total}", "Ajout au formulaire : {field}, position {n} sur {total}";
    FbRemoved => "Removed from the form: {field}", "Weggelaten uit het formulier: {field}", "Retrait du formulaire : {field}";
    // register page size
    RowsPerPage => "Rows per page", "Rijen per pagina", "Lignes par page";
    // rights
    RightsKindAccess => "Access to my data", "Inzage in mijn gegevens", "Accès à mes données";
    RightsKindRectification => "Rectification", "Verbetering", "Rectification";
    RightsKindErasure => "Erasure", "Wissing", "Effacement";
    RightsKindRestriction => "Restriction of processing", "Beperking van de verwerking", "Limitation du traitement";
    RightsKindObjection => "Objection", "Bezwaar", "Opposition";
    RightsStatusOpen => "Open", "Open", "Ouverte";
    RightsStatusInProgress => "In progress", "In behandeling", "En cours";
    RightsStatusExtended => "Extended", "Verlengd", "Prolongée";
    RightsStatusDone => "Done", "Afgehandeld", "Traitée";
    RightsStatusRefused => "Refused", "Geweigerd", "Refusée";
    RightsMyDataTitle => "My data", "Mijn gegevens", "Mes données";
    RightsMyDataIntro => "Everything the club holds about you, and your requests about it. The club answers a request within one month.", "Alles wat de club over jou bijhoudt, en je verzoeken daarover. De club antwoordt binnen een maand op een verzoek.", "Tout ce que le club conserve à votre sujet, et vos demandes à ce propos. Le club répond à une demande dans un délai d'un mois.";
    RightsDataOf => "Data of {name}", "Gegevens van {name}", "Données de {name}";
    RightsActFor => "Whose data", "Wiens gegevens", "Les données de qui";
    RightsMyself => "Myself", "Mezelf", "Moi-même";
    RightsDownload => "Download all my data (zip: JSON and CSV)", "Al mijn gegevens downloaden (zip: JSON en CSV)", "Télécharger toutes mes données (zip : JSON et CSV)";
    RightsDownloadHelp => "The file holds your record with every field, your family links, registrations, terms accepted, consents, your requests and the exports that included you.", "Het bestand bevat je fiche met elk veld, je familiebanden, inschrijvingen, aanvaarde voorwaarden, toestemmingen, je verzoeken en de exports waarin je stond.", "Le fichier contient votre fiche avec chaque champ, vos liens familiaux, inscriptions, conditions acceptées, consentements, vos demandes et les exports qui vous incluaient.";
    RightsAskTitle => "Ask the club", "Een verzoek indienen", "Introduire une demande";
    RightsKind => "Request", "Verzoek", "Demande";
    RightsDetails => "What to correct, or the purpose you object to", "Wat verbeterd moet worden, of het doel waartegen je bezwaar maakt", "Ce qu'il faut corriger, ou la finalité à laquelle vous vous opposez";
    RightsAsk => "Send the request", "Verzoek versturen", "Envoyer la demande";
    RightsAsked => "Your request was received; you will get a mail at each step.", "Je verzoek is ontvangen; je krijgt bij elke stap een mail.", "Votre demande a été reçue ; vous recevrez un e-mail à chaque étape.";
    RightsRequestsTitle => "Requests", "Verzoeken", "Demandes";
    RightsNoRequests => "No requests.", "Geen verzoeken.", "Aucune demande.";
    RightsReceived => "Received", "Ontvangen", "Reçue";
    RightsDue => "Due", "Uiterlijk", "Échéance";
    RightsStatus => "Status", "Status", "Statut";
    RightsOverdue => "overdue", "te laat", "en retard";
    RightsReason => "Reason", "Reden", "Motif";
    RightsMember => "Member", "Lid", "Membre";
    RightsQueueTitle => "Data-protection requests", "Verzoeken over gegevens", "Demandes sur les données";
    RightsQueueOpen => "To handle, by deadline", "Te behandelen, op deadline", "À traiter, par échéance";
    RightsQueueClosed => "Recently closed", "Recent afgesloten", "Récemment clôturées";
    RightsOverdueCount => "Data-protection requests past their deadline: {n}", "Verzoeken over gegevens over hun deadline: {n}", "Demandes sur les données en retard : {n}";
    RightsStart => "Start", "Beginnen", "Commencer";
    RightsExtend => "Extend", "Verlengen", "Prolonger";
    RightsExtendBy => "Extend by", "Verlengen met", "Prolonger de";
    RightsOneMonth => "one month", "een maand", "un mois";
    RightsTwoMonths => "two months", "twee maanden", "deux mois";
    RightsComplete => "Complete", "Afhandelen", "Traiter";
    RightsCompleteErasure => "Complete: erase this person", "Afhandelen: deze persoon wissen", "Traiter : effacer cette personne";
    RightsRefuse => "Refuse", "Weigeren", "Refuser";
    RightsRestrictedSince => "Restricted since {when}: this record is left out of lists, searches and exports and can only be changed to lift the restriction.", "Beperkt sinds {when}: deze fiche staat niet in lijsten, zoekresultaten en exports en kan enkel gewijzigd worden om de beperking op te heffen.", "Limitée depuis le {when} : cette fiche est exclue des listes, recherches et exports et ne peut être modifiée que pour lever la limitation.";
    RightsLift => "Lift the restriction", "Beperking opheffen", "Lever la limitation";
    RightsErasedNotice => "This person's data has been erased.", "De gegevens van deze persoon zijn gewist.", "Les données de cette personne ont été effacées.";
    RightsErasedName => "Erased person", "Gewiste persoon", "Personne effacée";
    RightsDone => "Saved.", "Opgeslagen.", "Enregistré.";
    RightsMailSubject => "{club}: your request about your data", "{club}: je verzoek over je gegevens", "{club} : votre demande concernant vos données";
    RightsMailReceived => "We received your request ({kind}) on {date}. We will answer by {due}.", "We ontvingen je verzoek ({kind}) op {date}. We antwoorden uiterlijk op {due}.", "Nous avons reçu votre demande ({kind}) le {date}. Nous y répondrons au plus tard le {due}.";
    RightsMailStarted => "We started handling your request ({kind}).", "We zijn begonnen met je verzoek ({kind}).", "Nous avons commencé à traiter votre demande ({kind}).";
    RightsMailExtended => "We need more time for your request ({kind}). The new deadline is {due}. Reason: {reason}", "We hebben meer tijd nodig voor je verzoek ({kind}). De nieuwe deadline is {due}. Reden: {reason}", "Nous avons besoin de plus de temps pour votre demande ({kind}). La nouvelle échéance est le {due}. Motif : {reason}";
    RightsMailDone => "Your request ({kind}) has been carried out.", "Je verzoek ({kind}) is uitgevoerd.", "Votre demande ({kind}) a été exécutée.";
    RightsMailRefused => "Your request ({kind}) was refused. Reason: {reason}", "Je verzoek ({kind}) werd geweigerd. Reden: {reason}", "Votre demande ({kind}) a été refusée. Motif : {reason}";
    ErrRightsKind => "choose one of the requests offered", "kies een van de aangeboden verzoeken", "choisissez une des demandes proposées";
    ErrRightsDetailsNeeded => "say what to correct, or which purpose you object to", "zeg wat verbeterd moet worden, of tegen welk doel je bezwaar maakt", "indiquez ce qu'il faut corriger, ou la finalité à laquelle vous vous opposez";
    ErrRightsErased => "this person's data has been erased: nothing more can be asked or changed about them", "de gegevens van deze persoon zijn gewist: er kan niets meer over gevraagd of gewijzigd worden", "les données de cette personne ont été effacées : plus rien ne peut être demandé ni modifié à leur sujet";
    ErrRightsErasureAsked => "an erasure of this person's data has already been asked and is being handled", "de wissing van de gegevens van deze persoon is al gevraagd en wordt behandeld", "l'effacement des données de cette personne a déjà été demandé et est en cours de traitement";
    ErrRightsRestricted => "this record is restricted: it can only be changed to lift the restriction", "deze fiche is beperkt: ze kan enkel gewijzigd worden om de beperking op te heffen", "cette fiche est limitée : elle ne peut être modifiée que pour lever la limitation";
    ErrRightsNotRestricted => "this record is not restricted", "deze fiche is niet beperkt", "cette fiche n'est pas limitée";
    ErrRightsReason => "give a reason: the member receives it", "geef een reden: het lid ontvangt ze", "indiquez un motif : le membre le reçoit";
    ErrRightsMonths => "an extension is one or two months", "een verlenging is een of twee maanden", "une prolongation est d'un ou deux mois";
    ErrRightsExtendLate => "the first deadline has passed: a request can only be extended before it", "de eerste deadline is voorbij: een verzoek kan enkel daarvoor verlengd worden", "la première échéance est passée : une demande ne peut être prolongée qu'avant celle-ci";
    ErrRightsExtendTwice => "this request has already been extended", "dit verzoek is al verlengd", "cette demande a déjà été prolongée";
    ErrRightsClosed => "this request is already closed", "dit verzoek is al afgesloten", "cette demande est déjà clôturée";
    ErrRightsRoleHolder => "this person holds roles in the club: take their roles away before erasing them", "deze persoon heeft rollen in de club: neem die eerst af voor je wist", "cette personne a des rôles dans le club : retirez-les avant de l'effacer";
    // retention
    ErrRetentionRange => "must be a whole number from {min} to {max}", "moet een geheel getal van {min} tot {max} zijn", "doit être un nombre entier de {min} à {max}";
    ErrRetentionChanged => "Someone changed the retention policy meanwhile: reload the page to see it, then make your change again.", "Iemand heeft het bewaarbeleid intussen gewijzigd: laad de pagina opnieuw en breng je wijziging dan opnieuw aan.", "Quelqu'un a modifié la politique de conservation entre-temps : rechargez la page, puis refaites votre modification.";
    ErrContractEndDay => "give the last day of the contract as a date", "geef de laatste dag van het contract als datum", "indiquez le dernier jour du contrat sous forme de date";
    ErrContractEndPast => "the contract cannot end on a day that has passed", "het contract kan niet eindigen op een dag die voorbij is", "le contrat ne peut pas se terminer un jour déjà passé";
    ErrDeletionDelay => "give a number of days from 0 to at most {months} months after the end", "geef een aantal dagen van 0 tot hoogstens {months} maanden na het einde", "indiquez un nombre de jours de 0 à {months} mois au plus après la fin";
    ErrContractAlreadyEnded => "This club's contract has already been ended; nothing was changed.", "Het contract van deze club is al beëindigd; er is niets gewijzigd.", "Le contrat de ce club a déjà été résilié ; rien n'a été modifié.";
    ContractReminderSubject => "{club}: every record will be deleted in {n} days", "{club}: alle gegevens worden over {n} dagen gewist", "{club} : toutes les données seront supprimées dans {n} jours";
    ContractReminderBody => "The contract of {club} with Tessera ended on {end}. On {date} every record of the club will be deleted for good. Until then, the club's administrators can download all of its data in one file: {url}", "Het contract van {club} met Tessera is op {end} geëindigd. Op {date} worden alle gegevens van de club definitief gewist. Tot dan kunnen de beheerders van de club al haar gegevens in één bestand downloaden: {url}", "Le contrat de {club} avec Tessera a pris fin le {end}. Le {date}, toutes les données du club seront définitivement supprimées. D'ici là, les administrateurs du club peuvent télécharger toutes ses données en un seul fichier : {url}";
    RetentionTitle => "Retention", "Bewaartermijnen", "Durées de conservation";
    RetentionIntro => "How long the club keeps what it no longer needs. A job applies these rules every day: ended members are anonymised (their record stays as a number without a name), the rest is removed.", "Hoe lang de club bijhoudt wat ze niet meer nodig heeft. Een taak past deze regels elke dag toe: gestopte leden worden geanonimiseerd (hun fiche blijft als nummer zonder naam), de rest wordt verwijderd.", "Combien de temps le club conserve ce dont il n'a plus besoin. Une tâche applique ces règles chaque jour : les membres sortis sont anonymisés (leur fiche reste, sans nom), le reste est supprimé.";
    RetentionMemberMonths => "Anonymise ended members after (months after their end date)", "Gestopte leden anonimiseren na (maanden na hun einddatum)", "Anonymiser les membres sortis après (mois après leur date de fin)";
    RetentionApplicationDays => "Remove rejected or abandoned applications after (days)", "Geweigerde of onafgewerkte aanvragen verwijderen na (dagen)", "Supprimer les demandes refusées ou abandonnées après (jours)";
    RetentionLinkDays => "Remove expired or withdrawn invitations after (days)", "Verlopen of ingetrokken uitnodigingen verwijderen na (dagen)", "Supprimer les invitations expirées ou retirées après (jours)";
    RetentionEventMonths => "Remove entries of the club's event log after (months)", "Items uit het logboek van de club verwijderen na (maanden)", "Supprimer les entrées du journal du club après (mois)";
    RetentionRangeHelp => "From {min} to {max}.", "Van {min} tot {max}.", "De {min} à {max}.";
    RetentionSave => "Save the policy", "Beleid opslaan", "Enregistrer la politique";
    RetentionSaved => "The retention policy was saved.", "Het bewaarbeleid is opgeslagen.", "La politique de conservation a été enregistrée.";
    RetentionDefaults => "These are the defaults: nobody has changed them yet.", "Dit zijn de standaardwaarden: niemand heeft ze al gewijzigd.", "Ce sont les valeurs par défaut : personne ne les a encore modifiées.";
    DryRunTitle => "What the next run would do", "Wat de volgende uitvoering zou doen", "Ce que ferait la prochaine exécution";
    DryRunIntro => "A preview: nothing below has been changed yet.", "Een voorbeeld: niets hieronder is al gewijzigd.", "Un aperçu : rien de ce qui suit n'a encore été modifié.";
    RuleEndedMember => "Ended members to anonymise (ended on or before {date})", "Gestopte leden te anonimiseren (gestopt op of voor {date})", "Membres sortis à anonymiser (sortis le {date} ou avant)";
    RuleApplication => "Rejected or abandoned applications to remove (before {date})", "Geweigerde of onafgewerkte aanvragen te verwijderen (voor {date})", "Demandes refusées ou abandonnées à supprimer (avant le {date})";
    RuleInvitation => "Expired or withdrawn invitations to remove (before {date})", "Verlopen of ingetrokken uitnodigingen te verwijderen (voor {date})", "Invitations expirées ou retirées à supprimer (avant le {date})";
    RuleEvent => "Event log entries to remove (before {date})", "Logboekitems te verwijderen (voor {date})", "Entrées du journal à supprimer (avant le {date})";
    DryRunNothing => "Nothing is due: the next run would change nothing.", "Niets is aan de beurt: de volgende uitvoering zou niets wijzigen.", "Rien n'est dû : la prochaine exécution ne changerait rien.";
    DryRunRecords => "Which records, and why", "Welke gegevens, en waarom", "Quelles données, et pourquoi";
    DryRunRule => "Rule", "Regel", "Règle";
    DryRunRecord => "Record", "Gegeven", "Donnée";
    DryRunSince => "Counted from", "Geteld vanaf", "Compté depuis";
    DryRunMore => "Only the first {n} of each rule are listed.", "Alleen de eerste {n} per regel worden getoond.", "Seuls les {n} premiers de chaque règle sont affichés.";
    RuleShortMember => "Ended member", "Gestopt lid", "Membre sorti";
    RuleShortApplication => "Application", "Aanvraag", "Demande";
    RuleShortInvitation => "Invitation", "Uitnodiging", "Invitation";
    RetentionRuns => "Latest runs", "Laatste uitvoeringen", "Dernières exécutions";
    RetentionNoRuns => "No run has changed anything yet.", "Nog geen enkele uitvoering heeft iets gewijzigd.", "Aucune exécution n'a encore rien modifié.";
    RunUnfinished => "interrupted: the next run completes it", "onderbroken: de volgende uitvoering maakt ze af", "interrompue : la prochaine exécution la termine";
    RunStarted => "Started", "Gestart", "Commencée";
    RunFinished => "Finished", "Klaar", "Terminée";
    MembersAnonymised => "Members anonymised", "Leden geanonimiseerd", "Membres anonymisés";
    ApplicationsRemoved => "Applications removed", "Aanvragen verwijderd", "Demandes supprimées";
    InvitationsRemoved => "Invitations removed", "Uitnodigingen verwijderd", "Invitations supprimées";
    EventsRemoved => "Log entries removed", "Logboekitems verwijderd", "Entrées du journal supprimées";
    ContractEndedTitle => "This club's contract has ended.", "Het contract van deze club is beëindigd.", "Le contrat de ce club a pris fin.";
    ContractEndedText => "Everything stays readable until {date}; then every record of the club is deleted for good. Nothing can be changed any more.", "Alles blijft leesbaar tot {date}; dan worden alle gegevens van de club definitief gewist. Er kan niets meer gewijzigd worden.", "Tout reste consultable jusqu'au {date} ; ensuite toutes les données du club sont définitivement supprimées. Plus rien ne peut être modifié.";
    ContractEndsText => "This club's contract ends on {end}: from then on it is read-only, and on {date} every record is deleted.", "Het contract van deze club eindigt op {end}: vanaf dan is ze alleen-lezen, en op {date} worden alle gegevens gewist.", "Le contrat de ce club se termine le {end} : il sera ensuite en lecture seule, et le {date} toutes les données seront supprimées.";
    BundleDownload => "Download all of the club's data (zip)", "Alle gegevens van de club downloaden (zip)", "Télécharger toutes les données du club (zip)";
    EndContract => "End a club's contract", "Het contract van een club beëindigen", "Résilier le contrat d'un club";
    EndContractHelp => "From the last day on, the club is read-only and its administrators can download all of its data; after the delay every record of the club is deleted. The administrators are reminded 30 and 7 days before.", "Vanaf de laatste dag is de club alleen-lezen en kunnen de beheerders al haar gegevens downloaden; na de termijn worden alle gegevens van de club gewist. De beheerders krijgen 30 en 7 dagen vooraf een herinnering.", "À partir du dernier jour, le club est en lecture seule et ses administrateurs peuvent télécharger toutes ses données ; après le délai, toutes les données du club sont supprimées. Les administrateurs reçoivent un rappel 30 et 7 jours avant.";
    ContractEndOn => "Last day of the contract (read-only from this day)", "Laatste dag van het contract (alleen-lezen vanaf deze dag)", "Dernier jour du contrat (lecture seule à partir de ce jour)";
    DeletionDelayDays => "Delete the data after (days; at most six months)", "Gegevens wissen na (dagen; hoogstens zes maanden)", "Supprimer les données après (jours ; six mois au plus)";
    EndContractButton => "End the contract", "Contract beëindigen", "Résilier le contrat";
    ContractEndedDone => "The contract was ended.", "Het contract is beëindigd.", "Le contrat a été résilié.";
    ContractColumn => "Contract", "Contract", "Contrat";
    ContractCell => "ends {end}, deleted {date}", "eindigt {end}, gewist {date}", "fin le {end}, suppression le {date}";
    RetentionPolicy => "The policy", "Het bewaarbeleid", "La politique de conservation";
    RetentionCount => "How many", "Aantal", "Nombre";
    // breach
    Privacy => "Data protection", "Gegevensbescherming", "Protection des données";
    ErrBreachCount => "enter a whole number from 0 to 1,000,000,000", "geef een geheel getal van 0 tot 1.000.000.000", "saisissez un nombre entier de 0 à 1 000 000 000";
    ErrBreachText => "describe it in 1 to 4,000 characters", "beschrijf het in 1 tot 4.000 tekens", "décrivez-le en 1 à 4 000 caractères";
    ErrBreachShort => "enter 1 to 300 characters", "geef 1 tot 300 tekens", "saisissez 1 à 300 caractères";
    ErrBreachDiscoveredAt => "enter when the breach was discovered: a date and time, not in the future", "geef aan wanneer het datalek ontdekt werd: een datum en uur, niet in de toekomst", "indiquez quand la violation a été découverte : une date et une heure, pas dans le futur";
    ErrBreachClubs => "choose at least one affected club", "kies minstens één getroffen club", "choisissez au moins un club concerné";
    ErrBreachNotifiedAt => "enter when it was notified: a date and time, not before the discovery and not in the future", "geef aan wanneer het gemeld werd: een datum en uur, niet voor de ontdekking en niet in de toekomst", "indiquez quand la notification a eu lieu : une date et une heure, ni avant la découverte ni dans le futur";
    ErrBreachReason => "give the reason it was not notified (1 to 4,000 characters)", "geef de reden waarom het niet gemeld werd (1 tot 4.000 tekens)", "indiquez pourquoi il n'y a pas eu de notification (1 à 4 000 caractères)";
    ErrBreachChoice => "choose notified, not notified or not decided yet", "kies gemeld, niet gemeld of nog niet beslist", "choisissez notifié, non notifié ou pas encore décidé";
    ErrBreachChangedMeanwhile => "Someone changed this breach in the meantime. Reload the page and try again.", "Iemand heeft dit datalek intussen gewijzigd. Laad de pagina opnieuw en probeer het nog eens.", "Quelqu'un a modifié cette violation entre-temps. Rechargez la page et réessayez.";
    ErrBreachNotNotified => "Only a breach the platform operator notified can be acknowledged.", "Alleen een datalek dat de platformbeheerder meldde, kan bevestigd worden.", "Seule une violation notifiée par l'opérateur de la plateforme peut être confirmée.";
    ErrSubprocessorText => "enter 1 to 120 characters (the service: up to 300)", "geef 1 tot 120 tekens (de dienst: tot 300)", "saisissez 1 à 120 caractères (le service : jusqu'à 300)";
    ErrSubprocessorSince => "enter the date it started, like 2026-01-31, not in the future", "geef de begindatum, zoals 2026-01-31, niet in de toekomst", "indiquez la date de début, comme 2026-01-31, pas dans le futur";
    ErrObjectionReason => "give the reason for the objection (1 to 4,000 characters)", "geef de reden van het bezwaar (1 tot 4.000 tekens)", "indiquez la raison de l'objection (1 à 4 000 caractères)";
    ErrObjectionClosed => "The 14 days to object to this change ended on {date}: objections are closed.", "De 14 dagen om bezwaar te maken tegen deze wijziging liepen af op {date}: bezwaar is niet meer mogelijk.", "Les 14 jours pour s'opposer à ce changement ont pris fin le {date} : les objections sont closes.";
    ErrObjectionTwice => "Your club already objected to this change.", "Uw club heeft al bezwaar gemaakt tegen deze wijziging.", "Votre club s'est déjà opposé à ce changement.";
    MailBreachSubject => "{club}: a personal-data breach at Tessera", "{club}: een datalek bij Tessera", "{club} : une violation de données chez Tessera";
    MailBreachBody => "Dear administrator of {club},\n\nTessera, which processes your members' data on your club's behalf, discovered a personal-data breach that affects your club.\n\nDiscovered: {discovered}\nWhat happened: {nature}\nCategories of data: {categories}\nApproximate number of people: {people}\nApproximate number of records: {records}\nLikely consequences: {consequences}\nMeasures taken or proposed: {measures}\n\nAs the controller, your club decides whether to notify the Data Protection Authority (GBA/APD) within 72 hours of becoming aware of it, and the people concerned. Record what you decide in the breach register:\n{link}\n\nThe Tessera team", "Beste beheerder van {club},\n\nTessera, dat de gegevens van uw leden verwerkt in opdracht van uw club, ontdekte een datalek dat uw club treft.\n\nOntdekt: {discovered}\nWat er gebeurde: {nature}\nCategorieën van gegevens: {categories}\nOngeveer aantal personen: {people}\nOngeveer aantal records: {records}\nWaarschijnlijke gevolgen: {consequences}\nGenomen of voorgestelde maatregelen: {measures}\n\nAls verwerkingsverantwoordelijke beslist uw club of ze de Gegevensbeschermingsautoriteit (GBA) binnen 72 uur na kennisname verwittigt, en de betrokken personen. Noteer uw beslissing in het datalekregister:\n{link}\n\nHet Tessera-team", "Chère administratrice, cher administrateur de {club},\n\nTessera, qui traite les données de vos membres pour le compte de votre club, a découvert une violation de données à caractère personnel qui concerne votre club.\n\nDécouverte : {discovered}\nCe qui s'est passé : {nature}\nCatégories de données : {categories}\nNombre approximatif de personnes : {people}\nNombre approximatif d'enregistrements : {records}\nConséquences probables : {consequences}\nMesures prises ou proposées : {measures}\n\nEn tant que responsable du traitement, votre club décide s'il notifie l'Autorité de protection des données (APD) dans les 72 heures après en avoir pris connaissance, ainsi que les personnes concernées. Consignez votre décision dans le registre des violations :\n{link}\n\nL'équipe Tessera";
    MailSubprocessorSubject => "{club}: a change in Tessera's sub-processors", "{club}: een wijziging in de subverwerkers van Tessera", "{club} : un changement des sous-traitants de Tessera";
    MailSubprocessorBody => "Dear administrator of {club},\n\nTessera changed the list of sub-processors that help it process your members' data.\n\n{change}: {name} ({location}), {service}\n\nYour club can object to this change, with a reason, until {date}:\n{link}\n\nThe Tessera team", "Beste beheerder van {club},\n\nTessera wijzigde de lijst van subverwerkers die helpen de gegevens van uw leden te verwerken.\n\n{change}: {name} ({location}), {service}\n\nUw club kan tot {date} bezwaar maken tegen deze wijziging, met een reden:\n{link}\n\nHet Tessera-team", "Chère administratrice, cher administrateur de {club},\n\nTessera a modifié la liste des sous-traitants qui l'aident à traiter les données de vos membres.\n\n{change} : {name} ({location}), {service}\n\nVotre club peut s'opposer à ce changement, avec une raison, jusqu'au {date} :\n{link}\n\nL'équipe Tessera";
    SpChangeAdded => "Added", "Toegevoegd", "Ajouté";
    SpChangeModified => "Changed", "Gewijzigd", "Modifié";
    SpChangeRemoved => "Removed", "Verwijderd", "Retiré";
    PrivacyIntro => "Tessera processes your members' data on the club's behalf: the club is the controller, Tessera the processor. Here are the club's record of processing and the registers that keep its promises.", "Tessera verwerkt de gegevens van uw leden in opdracht van de club: de club is verwerkingsverantwoordelijke, Tessera verwerker. Hier vindt u het verwerkingsregister van de club en de registers die haar beloften waarmaken.", "Tessera traite les données de vos membres pour le compte du club : le club est responsable du traitement, Tessera sous-traitant. Voici le registre des traitements du club et les registres qui tiennent ses promesses.";
    PrivacyRegisters => "Registers", "Registers", "Registres";
    PrivacyLinkRequests => "Members' requests", "Verzoeken van leden", "Demandes des membres";
    PrivacyLinkConsents => "Consents", "Toestemmingen", "Consentements";
    PrivacyLinkExports => "Export register", "Exportregister", "Registre des exports";
    PrivacyLinkRetention => "Retention", "Bewaartermijnen", "Conservation";
    PrivacyLinkBreaches => "Breach register", "Datalekregister", "Registre des violations";
    RecordTitle => "Record of processing", "Verwerkingsregister", "Registre des traitements";
    RecordPrint => "Print version", "Afdrukversie", "Version imprimable";
    RecordPrintHint => "Use your browser's print command (Ctrl+P, or ⌘P on a Mac) to print it or save it as PDF.", "Gebruik de afdrukopdracht van uw browser (Ctrl+P, of ⌘P op een Mac) om het af te drukken of als pdf te bewaren.", "Utilisez la commande d'impression de votre navigateur (Ctrl+P, ou ⌘P sur un Mac) pour l'imprimer ou l'enregistrer en PDF.";
    RecordBack => "Back to data protection", "Terug naar gegevensbescherming", "Retour à la protection des données";
    RecordController => "Controller: {club}", "Verwerkingsverantwoordelijke: {club}", "Responsable du traitement : {club}";
    RecordProcessor => "Processor: Tessera, the membership platform", "Verwerker: Tessera, het ledenplatform", "Sous-traitant : Tessera, la plateforme de gestion des membres";
    RecordGenerated => "Generated from the club's configuration on {date}", "Opgemaakt uit de instellingen van de club op {date}", "Établi à partir de la configuration du club le {date}";
    RecordCategories => "Categories of data", "Categorieën van gegevens", "Catégories de données";
    RecordStandardFields => "Standard fields", "Standaardvelden", "Champs standard";
    RecordStdIdentity => "Identity: given and family name, date of birth, gender", "Identiteit: voor- en familienaam, geboortedatum, geslacht", "Identité : prénom et nom, date de naissance, genre";
    RecordStdContact => "Contact: e-mail address, phone number, postal address", "Contact: e-mailadres, telefoonnummer, postadres", "Contact : adresse e-mail, numéro de téléphone, adresse postale";
    RecordStdMembership => "Membership: status, season, start and end dates, family links (guardians of minors)", "Lidmaatschap: status, seizoen, begin- en einddatum, gezinsbanden (ouders of voogden van minderjarigen)", "Affiliation : statut, saison, dates de début et de fin, liens familiaux (responsables des mineurs)";
    RecordStdAccount => "Account: sign-in address, password (hashed), second factor, sessions, security log", "Account: aanmeldadres, wachtwoord (gehasht), tweede factor, sessies, beveiligingslogboek", "Compte : adresse de connexion, mot de passe (haché), second facteur, sessions, journal de sécurité";
    RecordCustomFields => "The club's own fields", "Eigen velden van de club", "Champs propres au club";
    RecordNoCustomFields => "The club has no fields of its own.", "De club heeft geen eigen velden.", "Le club n'a pas de champs propres.";
    RecordField => "Field", "Veld", "Champ";
    RecordPurposes => "Purposes and consents", "Doeleinden en toestemmingen", "Finalités et consentements";
    RecordPurposeAdmin => "Membership administration: keeping the register, contacting members, the club's activities (basis: the membership contract)", "Ledenadministratie: het register bijhouden, leden contacteren, de activiteiten van de club (grond: de lidmaatschapsovereenkomst)", "Gestion des membres : tenir le registre, contacter les membres, les activités du club (base : le contrat d'affiliation)";
    RecordRegistrationConsent => "Registration forms may ask an optional consent, never ticked in advance; a registration goes through without it.", "Inschrijvingsformulieren kunnen een vrijblijvende toestemming vragen, nooit vooraf aangevinkt; een inschrijving gaat ook zonder door.", "Les formulaires d'inscription peuvent demander un consentement facultatif, jamais coché d'avance ; l'inscription aboutit sans lui.";
    RecordRetention => "Retention", "Bewaring", "Conservation";
    RecordRetentionDefault => "Records are kept while the membership lasts; what happens after it ends follows the club's retention policies.", "Gegevens worden bewaard zolang het lidmaatschap loopt; wat er na het einde gebeurt, volgt het bewaarbeleid van de club.", "Les données sont conservées pendant l'affiliation ; ce qui se passe ensuite suit les règles de conservation du club.";
    RecordRecipients => "Recipients", "Ontvangers", "Destinataires";
    RecordRecipientFederation => "The federation {federation}, to which the club is affiliated", "De federatie {federation}, waarbij de club aangesloten is", "La fédération {federation}, à laquelle le club est affilié";
    RecordRecipientNoFederation => "No federation: the club is not affiliated through Tessera.", "Geen federatie: de club is niet via Tessera aangesloten.", "Pas de fédération : le club n'est pas affilié via Tessera.";
    RecordRecipientExports => "Exports of the register by staff with the export permission, each kept in the export register", "Exports van het register door medewerkers met het exportrecht, elk bijgehouden in het exportregister", "Exports du registre par le personnel autorisé, chacun consigné dans le registre des exports";
    RecordRecipientNoExports => "The exports module is off: nobody exports the register.", "De exportmodule staat uit: niemand exporteert het register.", "Le module d'export est désactivé : personne n'exporte le registre.";
    RecordSubprocessors => "Sub-processors", "Subverwerkers", "Sous-traitants ultérieurs";
    SpName => "Name", "Naam", "Nom";
    SpLocation => "Location", "Locatie", "Localisation";
    SpService => "Service", "Dienst", "Service";
    SpSince => "Since", "Sinds", "Depuis";
    SpNone => "No sub-processors.", "Geen subverwerkers.", "Aucun sous-traitant ultérieur.";
    SpChanges => "Changes to the sub-processors", "Wijzigingen in de subverwerkers", "Changements des sous-traitants ultérieurs";
    SpNoChanges => "No recent changes.", "Geen recente wijzigingen.", "Aucun changement récent.";
    SpObjectUntil => "Your club can object until {date}.", "Uw club kan bezwaar maken tot {date}.", "Votre club peut s'y opposer jusqu'au {date}.";
    SpObjectionClosedOn => "Objection closed on {date}.", "Bezwaar afgesloten op {date}.", "Objection close depuis le {date}.";
    SpObject => "Object to this change", "Bezwaar maken tegen deze wijziging", "S'opposer à ce changement";
    SpObjectReason => "Reason for the objection", "Reden van het bezwaar", "Raison de l'objection";
    SpObjected => "Your club objected on {date}: {reason}", "Uw club maakte bezwaar op {date}: {reason}", "Votre club s'y est opposé le {date} : {reason}";
    SpObjectionSaved => "Your objection was sent to the platform operator.", "Uw bezwaar werd naar de platformbeheerder gestuurd.", "Votre objection a été transmise à l'opérateur de la plateforme.";
    BreachesIntro => "Every personal-data breach, whoever discovered it: what happened, what it affects, and whether the Data Protection Authority (GBA/APD) and the people concerned were told.", "Elk datalek, wie het ook ontdekte: wat er gebeurde, wat het treft, en of de Gegevensbeschermingsautoriteit (GBA) en de betrokken personen verwittigd werden.", "Chaque violation de données, quel que soit celui qui l'a découverte : ce qui s'est passé, ce qu'elle touche, et si l'Autorité de protection des données (APD) et les personnes concernées ont été informées.";
    BreachesNone => "No breaches recorded.", "Geen datalekken geregistreerd.", "Aucune violation enregistrée.";
    BreachRecord => "Record a breach", "Een datalek registreren", "Enregistrer une violation";
    BreachDiscoveredAt => "Discovered at", "Ontdekt op", "Découverte le";
    BreachNature => "What happened", "Wat er gebeurde", "Ce qui s'est passé";
    BreachCategories => "Categories of data", "Categorieën van gegevens", "Catégories de données";
    BreachPeople => "Approximate number of people", "Ongeveer aantal personen", "Nombre approximatif de personnes";
    BreachRecords => "Approximate number of records", "Ongeveer aantal records", "Nombre approximatif d'enregistrements";
    BreachConsequences => "Likely consequences", "Waarschijnlijke gevolgen", "Conséquences probables";
    BreachMeasures => "Measures taken or proposed", "Genomen of voorgestelde maatregelen", "Mesures prises ou proposées";
    BreachFromOperator => "Notified by the platform operator on {date}", "Gemeld door de platformbeheerder op {date}", "Notifiée par l'opérateur de la plateforme le {date}";
    BreachLate => "late: after the 72 hours", "laat: na de 72 uur", "en retard : après les 72 heures";
    BreachOwn => "Recorded by the club on {date}", "Geregistreerd door de club op {date}", "Enregistrée par le club le {date}";
    BreachAuthority => "The Data Protection Authority (GBA/APD)", "De Gegevensbeschermingsautoriteit (GBA)", "L'Autorité de protection des données (APD)";
    BreachPeopleConcerned => "The people concerned", "De betrokken personen", "Les personnes concernées";
    BreachNotifiedOn => "notified on {date}", "verwittigd op {date}", "informée le {date}";
    BreachNotNotified => "not notified: {reason}", "niet verwittigd: {reason}", "non informée : {reason}";
    BreachUndecided => "not decided yet", "nog niet beslist", "pas encore décidé";
    BreachChoiceUndecided => "Not decided yet", "Nog niet beslist", "Pas encore décidé";
    BreachChoiceNotified => "Notified", "Verwittigd", "Informée";
    BreachChoiceNotNotified => "Not notified", "Niet verwittigd", "Non informée";
    BreachWhen => "When", "Wanneer", "Quand";
    BreachReason => "Reason, when not notified", "Reden, als niet verwittigd", "Raison, si non informée";
    BreachResolved => "Resolved", "Afgehandeld", "Résolue";
    BreachResolvedOn => "Resolved on {date}", "Afgehandeld op {date}", "Résolue le {date}";
    BreachFollowUp => "Follow-up", "Opvolging", "Suivi";
    BreachAcknowledge => "Acknowledge", "Bevestigen", "Confirmer la réception";
    BreachAcknowledgedOn => "Acknowledged on {date}", "Bevestigd op {date}", "Réception confirmée le {date}";
    BreachSaved => "The breach was recorded.", "Het datalek werd geregistreerd.", "La violation a été enregistrée.";
    BreachBannerTitle => "The platform operator notified a personal-data breach.", "De platformbeheerder meldde een datalek.", "L'opérateur de la plateforme a notifié une violation de données.";
    BreachBannerText => "Discovered on {date}: {nature}", "Ontdekt op {date}: {nature}", "Découverte le {date} : {nature}";
    BreachOpenRegister => "Open the breach register", "Het datalekregister openen", "Ouvrir le registre des violations";
    SpBannerText => "Tessera's sub-processors changed ({change}: {name}). Your club can object until {date}.", "De subverwerkers van Tessera zijn gewijzigd ({change}: {name}). Uw club kan bezwaar maken tot {date}.", "Les sous-traitants de Tessera ont changé ({change} : {name}). Votre club peut s'y opposer jusqu'au {date}.";
    OpPrivacyLink => "Breaches and sub-processors", "Datalekken en subverwerkers", "Violations et sous-traitants";
    IncidentsTitle => "Incidents", "Incidenten", "Incidents";
    IncidentsNone => "No incidents.", "Geen incidenten.", "Aucun incident.";
    IncidentRecord => "Record an incident", "Een incident registreren", "Enregistrer un incident";
    IncidentClubs => "Affected clubs", "Getroffen clubs", "Clubs concernés";
    IncidentDeadline => "Notify by {date}", "Melden vóór {date}", "À notifier avant le {date}";
    IncidentTimeLeft => "{hours} h {minutes} min left", "nog {hours} u {minutes} min", "encore {hours} h {minutes} min";
    IncidentOverdue => "overdue by {hours} h {minutes} min", "{hours} u {minutes} min te laat", "en retard de {hours} h {minutes} min";
    IncidentNotify => "Notify {club}", "{club} verwittigen", "Notifier {club}";
    IncidentNotifiedOn => "notified on {date}", "verwittigd op {date}", "notifié le {date}";
    IncidentNotifiedLate => "notified late, on {date}", "te laat verwittigd, op {date}", "notifié en retard, le {date}";
    IncidentRecorded => "The incident was recorded. Notify each affected club within 72 hours.", "Het incident werd geregistreerd. Verwittig elke getroffen club binnen 72 uur.", "L'incident a été enregistré. Notifiez chaque club concerné dans les 72 heures.";
    IncidentNotified => "The club was notified: its administrators got a mail and see a banner.", "De club werd verwittigd: de beheerders kregen een mail en zien een melding.", "Le club a été notifié : ses administrateurs ont reçu un courriel et voient un bandeau.";
    SpAdd => "Add a sub-processor", "Een subverwerker toevoegen", "Ajouter un sous-traitant";
    SpEdit => "Change {name}", "{name} wijzigen", "Modifier {name}";
    SpRemove => "Remove {name}", "{name} verwijderen", "Retirer {name}";
    SpSaved => "Saved. Every club was told and can object for 14 days.", "Bewaard. Elke club werd verwittigd en kan 14 dagen bezwaar maken.", "Enregistré. Chaque club a été informé et peut s'y opposer pendant 14 jours.";
    SpRemovedDone => "Removed. Every club was told and can object for 14 days.", "Verwijderd. Elke club werd verwittigd en kan 14 dagen bezwaar maken.", "Retiré. Chaque club a été informé et peut s'y opposer pendant 14 jours.";
    SpObjections => "Objections", "Bezwaren", "Objections";
    SpNoObjections => "No objections.", "Geen bezwaren.", "Aucune objection.";
    SpOpenUntil => "open for objections until {date}", "bezwaar mogelijk tot {date}", "objections possibles jusqu'au {date}";
    SpClosedOn => "objections closed on {date}", "bezwaar afgesloten op {date}", "objections closes depuis le {date}";
    EvBreachRecorded => "Breach recorded", "Datalek geregistreerd", "Violation enregistrée";
    EvBreachNotified => "Breach notified by the platform operator", "Datalek gemeld door de platformbeheerder", "Violation notifiée par l'opérateur de la plateforme";
    EvBreachNotifiedLate => "Breach notified by the platform operator, after the 72 hours", "Datalek gemeld door de platformbeheerder, na de 72 uur", "Violation notifiée par l'opérateur de la plateforme, après les 72 heures";
    EvBreachAcknowledged => "Breach notification acknowledged", "Melding van datalek bevestigd", "Réception de la notification de violation confirmée";
    EvBreachFollowUp => "Breach follow-up recorded", "Opvolging van datalek geregistreerd", "Suivi de la violation enregistré";
    EvSubprocessorObjection => "Objection to a change of sub-processors", "Bezwaar tegen een wijziging van subverwerkers", "Objection à un changement de sous-traitants";
    EvIncidentRecorded => "Incident recorded", "Incident geregistreerd", "Incident enregistré";
    EvIncidentClubNotified => "Club notified of an incident", "Club verwittigd van een incident", "Club notifié d'un incident";
    EvSubprocessorChange => "Sub-processors changed", "Subverwerkers gewijzigd", "Sous-traitants modifiés";
    // consent
    ConsentSourceMember => "by the member", "door het lid", "par le membre";
    ConsentSourceGuardian => "by a parent or guardian", "door een ouder of voogd", "par un parent ou tuteur";
    ConsentSourceRegistration => "on a registration form", "op een inschrijvingsformulier", "sur un formulaire d'inscription";
    ConsentSourcePaper => "on paper, recorded by staff", "op papier, vastgelegd door de club", "sur papier, enregistré par le club";
    ConsentSourceImport => "by an import", "via een import", "par une importation";
    ConsentSourceUnsubscribe => "by an unsubscribe link", "via een uitschrijflink", "par un lien de désinscription";
    ExportColId => "Number", "Nummer", "Numéro";
    ExportColLastChangedBy => "Last changed by", "Laatst gewijzigd door", "Dernière modification par";
    ErrConsentControl => "remove the control characters", "verwijder de stuurtekens", "retirez les caractères de contrôle";
    ErrConsentBothOrNone => "give a title and a text in this language, or neither", "geef een titel en een tekst in deze taal, of geen van beide", "donnez un titre et un texte dans cette langue, ou ni l'un ni l'autre";
    ErrConsentOneLanguage => "give the title and text in at least one language", "geef de titel en tekst in minstens één taal", "donnez le titre et le texte dans au moins une langue";
    ErrTooManyPurposes => "a club has at most {max} purposes", "een club heeft hoogstens {max} doelen", "un club a au plus {max} finalités";
    ErrPurposeChanged => "someone changed this purpose meanwhile: reload the page and try again", "iemand heeft dit doel intussen gewijzigd: laad de pagina opnieuw en probeer nog eens", "quelqu'un a modifié cette finalité entre-temps : rechargez la page et réessayez";
    ErrConsentAlreadyWithdrawn => "there is no consent to withdraw: it was not given or is already withdrawn", "er is geen toestemming om in te trekken: ze werd niet gegeven of is al ingetrokken", "il n'y a pas de consentement à retirer : il n'a pas été donné ou est déjà retiré";
    ErrConsentAlreadyGiven => "consent for this text is already given", "toestemming voor deze tekst is al gegeven", "le consentement pour ce texte est déjà donné";
    ErrExportPurpose => "say why this export is needed: the purpose is kept in the export register", "zeg waarvoor deze export nodig is: het doel wordt bewaard in het exportregister", "indiquez pourquoi cet export est nécessaire : la finalité est conservée dans le registre des exports";
    ErrExportColumn => "choose columns from the list", "kies kolommen uit de lijst", "choisissez des colonnes dans la liste";
    ErrChoosePurpose => "choose a purpose from the list", "kies een doel uit de lijst", "choisissez une finalité dans la liste";
    PrintListTitle => "Member list", "Ledenlijst", "Liste des membres";
    ExportPurpose => "Purpose of the export", "Doel van de export", "Finalité de l'export";
    PrintListCount => "{n} people, printed {when}", "{n} personen, afgedrukt op {when}", "{n} personnes, imprimé le {when}";
    PrintListHint => "Use your browser's print command (Ctrl+P) to print this list. This export is recorded in the export register.", "Druk deze lijst af met de afdrukopdracht van je browser (Ctrl+P). Deze export staat in het exportregister.", "Imprimez cette liste avec la commande d'impression du navigateur (Ctrl+P). Cet export est inscrit au registre des exports.";
    Consents => "Consents", "Toestemmingen", "Consentements";
    ConsentPurposes => "Consent purposes", "Toestemmingsdoelen", "Finalités du consentement";
    ConsentPurposesHelp => "What the club asks people's consent for (a newsletter, photos on the website, sharing with the federation). Members give and withdraw it themselves; registration forms ask it, never ticked in advance.", "Waarvoor de club toestemming vraagt (een nieuwsbrief, foto's op de website, delen met de federatie). Leden geven en trekken ze zelf in; inschrijvingsformulieren vragen ernaar, nooit vooraf aangevinkt.", "Ce pour quoi le club demande le consentement (une lettre d'information, des photos sur le site, le partage avec la fédération). Les membres le donnent et le retirent eux-mêmes ; les formulaires d'inscription le demandent, jamais coché d'avance.";
    NewPurpose => "New purpose", "Nieuw doel", "Nouvelle finalité";
    TitleEn => "Title (English)", "Titel (Engels)", "Titre (anglais)";
    TitleNl => "Title (Dutch)", "Titel (Nederlands)", "Titre (néerlandais)";
    TitleFr => "Title (French)", "Titel (Frans)", "Titre (français)";
    BodyEn => "Text (English)", "Tekst (Engels)", "Texte (anglais)";
    BodyNl => "Text (Dutch)", "Tekst (Nederlands)", "Texte (néerlandais)";
    BodyFr => "Text (French)", "Tekst (Frans)", "Texte (français)";
    PurposeVersion => "Text version {n}", "Tekstversie {n}", "Version du texte {n}";
    PurposeGivenCount => "Consent given now: {n}", "Nu toestemming gegeven: {n}", "Consentement donné actuellement : {n}";
    PurposeVersionNote => "Once someone answered a text, a change makes a new version: their answer keeps the version they gave it on.", "Zodra iemand op een tekst antwoordde, maakt een wijziging een nieuwe versie: hun antwoord houdt de versie waarop het gegeven werd.", "Dès que quelqu'un a répondu à un texte, une modification crée une nouvelle version : sa réponse garde la version sur laquelle elle a été donnée.";
    ChangePurposeText => "Change the text", "Tekst wijzigen", "Modifier le texte";
    NoPurposes => "The club asks no consents.", "De club vraagt geen toestemmingen.", "Le club ne demande aucun consentement.";
    MyConsents => "My consents", "Mijn toestemmingen", "Mes consentements";
    ConsentsOf => "Consents of {name}", "Toestemmingen van {name}", "Consentements de {name}";
    ConsentGive => "Give consent", "Toestemming geven", "Donner mon consentement";
    ConsentWithdraw => "Withdraw consent", "Toestemming intrekken", "Retirer le consentement";
    ConsentGiveFor => "Give consent: {purpose}", "Toestemming geven: {purpose}", "Donner le consentement : {purpose}";
    ConsentWithdrawFor => "Withdraw consent: {purpose}", "Toestemming intrekken: {purpose}", "Retirer le consentement : {purpose}";
    ConsentStateGiven => "Given on {when} (text version {v})", "Gegeven op {when} (tekstversie {v})", "Donné le {when} (version du texte {v})";
    ConsentStateWithdrawn => "Not given (since {when})", "Niet gegeven (sinds {when})", "Pas donné (depuis le {when})";
    ConsentStateNone => "Not answered", "Niet beantwoord", "Sans réponse";
    ConsentNewerText => "The text changed since (now version {v}): give consent again to agree to the new text.", "De tekst is intussen gewijzigd (nu versie {v}): geef opnieuw toestemming om met de nieuwe tekst in te stemmen.", "Le texte a changé depuis (version {v}) : donnez à nouveau votre consentement pour accepter le nouveau texte.";
    ConsentHistory => "History of consents", "Geschiedenis van toestemmingen", "Historique des consentements";
    NoConsentHistory => "No consent given or withdrawn yet.", "Nog geen toestemming gegeven of ingetrokken.", "Aucun consentement donné ou retiré pour l'instant.";
    ConsentGivenShort => "Given", "Gegeven", "Donné";
    ConsentWithdrawnShort => "Withdrawn", "Ingetrokken", "Retiré";
    ConsentHow => "How", "Hoe", "Comment";
    ConsentRecordedBy => "Recorded by", "Vastgelegd door", "Enregistré par";
    ConsentPurpose => "Purpose", "Doel", "Finalité";
    ConsentDone => "Saved: the answer is recorded.", "Bewaard: het antwoord is vastgelegd.", "Enregistré : la réponse est consignée.";
    PurposeSaved => "The purpose is saved.", "Het doel is bewaard.", "La finalité est enregistrée.";
    RecordPaperConsent => "Record a consent given on paper", "Toestemming op papier vastleggen", "Enregistrer un consentement donné sur papier";
    ConsentNote => "Note (where the paper is kept, for instance)", "Notitie (bijvoorbeeld waar het papier bewaard wordt)", "Note (par exemple où le papier est conservé)";
    ConsentAnswer => "Answer", "Antwoord", "Réponse";
    ConsentAnswerGiven => "gave consent", "gaf toestemming", "a donné son consentement";
    ConsentAnswerWithdrawn => "withdrew consent", "trok toestemming in", "a retiré son consentement";
    RecordConsent => "Record", "Vastleggen", "Enregistrer";
    FilterConsent => "Consent given for", "Toestemming gegeven voor", "Consentement donné pour";
    AnyConsent => "Any (no filter)", "Om het even (geen filter)", "Peu importe (pas de filtre)";
    ExportPurposeHelp => "Required: why this export is needed. It is kept in the export register with the columns, the filter and the number of people.", "Verplicht: waarvoor deze export nodig is. Het wordt bewaard in het exportregister, met de kolommen, de filter en het aantal personen.", "Obligatoire : pourquoi cet export est nécessaire. Elle est conservée dans le registre des exports, avec les colonnes, le filtre et le nombre de personnes.";
    ExportColumns => "Columns", "Kolommen", "Colonnes";
    ExportColumnsHelp => "None ticked: every column you may export.", "Niets aangevinkt: elke kolom die je mag exporteren.", "Rien de coché : toutes les colonnes que vous pouvez exporter.";
    ExportSensitiveNeeds => "sensitive: needs the right to export sensitive data", "gevoelig: vraagt het recht om gevoelige gegevens te exporteren", "sensible : demande le droit d'exporter les données sensibles";
    ExportSensitive => "sensitive", "gevoelig", "sensible";
    DownloadXlsx => "Download XLSX", "XLSX downloaden", "Télécharger en XLSX";
    PrintList => "Printable list", "Afdrukbare lijst", "Liste à imprimer";
    ExportRegister => "Export register", "Exportregister", "Registre des exports";
    ExportRegisterHelp => "Every time member data left Tessera: who, when, why, the filter, the columns, how many people and the SHA-256 of the file. Restricted records are never exported.", "Elke keer dat ledengegevens Tessera verlieten: wie, wanneer, waarom, de filter, de kolommen, hoeveel personen en de SHA-256 van het bestand. Beperkte dossiers worden nooit geëxporteerd.", "Chaque sortie de données des membres de Tessera : qui, quand, pourquoi, le filtre, les colonnes, combien de personnes et le SHA-256 du fichier. Les dossiers limités ne sont jamais exportés.";
    ExportKind => "Kind", "Soort", "Type";
    ExportPeople => "People", "Personen", "Personnes";
    ExportFilter => "Filter", "Filter", "Filtre";
    ExportHash => "SHA-256", "SHA-256", "SHA-256";
    ExportConsentFilter => "Only people with consent given for", "Alleen personen met toestemming voor", "Seulement les personnes ayant consenti à";
    NoneFilter => "Everyone", "Iedereen", "Tout le monde";
    ExportFormatLabel => "Format", "Formaat", "Format";
    RunExport => "Export", "Exporteren", "Exporter";
    // the club's week (issue 19): permissions of its modules
    PermGroupsManage => "Manage groups", "Groepen beheren", "Gérer les groupes";
    PermGroupsManageHelp => "Create teams, age categories and other groups, and change who is in them and who leads them.", "Ploegen, leeftijdscategorieën en andere groepen maken, en wijzigen wie erin zit en wie ze leidt.", "Créer des équipes, catégories d'âge et autres groupes, et changer qui en fait partie et qui les encadre.";
    PermActivitiesManage => "Plan activities", "Activiteiten plannen", "Planifier les activités";
    PermActivitiesManageHelp => "Plan trainings, matches and events for every group, and cancel them.", "Trainingen, wedstrijden en evenementen plannen voor elke groep, en ze afgelasten.", "Planifier les entraînements, matchs et événements de chaque groupe, et les annuler.";
    PermActivitiesAttendance => "Mark attendance", "Aanwezigheden aanduiden", "Noter les présences";
    PermActivitiesAttendanceHelp => "Mark attendance for every group and see the attendance figures (leaders can always do this for their own groups).", "Aanwezigheden aanduiden voor elke groep en de cijfers zien (leiders kunnen dit altijd voor hun eigen groepen).", "Noter les présences de chaque groupe et voir les chiffres (les responsables le peuvent toujours pour leurs groupes).";
    PermMailingsSend => "Send mailings", "Mailings versturen", "Envoyer des envois groupés";
    PermMailingsSendHelp => "Write mailings to groups, selections of the register and newsletter subscribers, and send them.", "Mailings opstellen voor groepen, selecties uit het register en abonnees van nieuwsbrieven, en ze versturen.", "Rédiger des envois aux groupes, à des sélections du registre et aux abonnés des lettres, et les envoyer.";
    PermDocumentsView => "See documents", "Documenten inkijken", "Voir les documents";
    PermDocumentsViewHelp => "See members' documents such as medical certificates, and the list of those that expire soon.", "Documenten van leden inkijken, zoals medische attesten, en de lijst van wat binnenkort vervalt.", "Voir les documents des membres, comme les certificats médicaux, et la liste de ceux qui expirent bientôt.";
    PermDocumentsManage => "Manage documents", "Documenten beheren", "Gérer les documents";
    PermDocumentsManageHelp => "Add and remove members' documents and define the kinds of document the club keeps.", "Documenten van leden toevoegen en verwijderen en bepalen welke soorten documenten de club bijhoudt.", "Ajouter et retirer les documents des membres et définir les types de documents que le club conserve.";
    // seasons and fees (issue 20), federations (issue 18): permissions
    PermFeesManage => "Manage fees and invoices", "Lidgeld en facturen beheren", "Gérer les cotisations et les factures";
    PermFeesManageHelp => "Define seasons and fee schedules, issue invoices and credit notes, and set the reminders.", "Seizoenen en lidgeldschema's bepalen, facturen en creditnota's uitschrijven en de herinneringen instellen.", "Définir les saisons et les barèmes, émettre les factures et les notes de crédit, et régler les rappels.";
    PermFeesReconcile => "Reconcile payments", "Betalingen afstemmen", "Rapprocher les paiements";
    PermFeesReconcileHelp => "Import the club's bank statements (CAMT.053, CODA) and confirm which invoice each payment pays.", "De bankuittreksels van de club inlezen (CAMT.053, CODA) en bevestigen welke factuur elke betaling betaalt.", "Importer les extraits bancaires du club (CAMT.053, CODA) et confirmer la facture que chaque paiement règle.";
    PermFeesView => "See payments", "Betalingen inkijken", "Voir les paiements";
    PermFeesViewHelp => "See who paid in the register and on the member page, and the season's fee reports.", "In het ledenregister en op de ledenpagina zien wie betaalde, en de lidgeldrapporten van het seizoen.", "Voir qui a payé dans le registre et sur la fiche du membre, et les rapports de cotisations de la saison.";
    PermRenewalManage => "Run season renewal", "Seizoenshernieuwing beheren", "Gérer le renouvellement";
    PermRenewalManageHelp => "Open renewal for a selection of members and follow who renewed, who did not and who left.", "De hernieuwing openen voor een selectie leden en opvolgen wie hernieuwde, wie niet en wie vertrok.", "Ouvrir le renouvellement pour une sélection de membres et suivre qui a renouvelé, qui pas et qui est parti.";
    PermAffiliationsManage => "Manage federations", "Federaties beheren", "Gérer les fédérations";
    PermAffiliationsManageHelp => "Join or leave a federation and accept the data it may receive.", "Een federatie vervoegen of verlaten en aanvaarden welke gegevens ze mag ontvangen.", "Rejoindre ou quitter une fédération et accepter les données qu'elle peut recevoir.";
    PermLicencesRequest => "Request licences", "Vergunningen aanvragen", "Demander des licences";
    PermLicencesRequestHelp => "Request federation licences for one member, a selection or the filtered register.", "Federatievergunningen aanvragen voor één lid, een selectie of het gefilterde register.", "Demander des licences fédérales pour un membre, une sélection ou le registre filtré.";
    PermTransfersHandle => "Handle transfers", "Transfers behandelen", "Gérer les transferts";
    PermTransfersHandleHelp => "Ask for a player's transfer to the club, and release or object to a transfer away from it.", "Een transfer van een speler naar de club aanvragen, en een transfer weg van de club vrijgeven of betwisten.", "Demander le transfert d'un joueur vers le club, et libérer ou contester un transfert vers un autre club.";
    PermLicencesManage => "Manage licences", "Vergunningen beheren", "Gérer les licences";
    PermLicencesManageHelp => "Define seasons and licence categories, and approve, refuse, suspend or end licences.", "Seizoenen en vergunningscategorieën bepalen, en vergunningen goedkeuren, weigeren, schorsen of beëindigen.", "Définir les saisons et les catégories, et approuver, refuser, suspendre ou clôturer les licences.";
    PermFederationPeople => "Read licensed members", "Vergunde leden inkijken", "Consulter les licenciés";
    PermFederationPeopleHelp => "Search the licensed members of the clubs and open their shared fields; every read is recorded in the club's log.", "De vergunde leden van de clubs zoeken en hun gedeelde velden openen; elke inzage wordt in het logboek van de club bewaard.", "Rechercher les licenciés des clubs et ouvrir leurs champs partagés ; chaque consultation est inscrite au journal du club.";
    PermTransfersDecide => "Decide transfers", "Over transfers beslissen", "Trancher les transferts";
    PermTransfersDecideHelp => "Set the transfer windows of each season and decide transfers a club objected to.", "De transferperiodes van elk seizoen bepalen en beslissen over transfers die een club betwistte.", "Fixer les périodes de transfert de chaque saison et trancher les transferts contestés par un club.";
    PermTemplatesManage => "Manage affiliations and templates", "Aansluitingen en sjablonen beheren", "Gérer les affiliations et les modèles";
    PermTemplatesManageHelp => "Invite clubs, set the sharing terms and publish templates clubs can adopt.", "Clubs uitnodigen, de deelvoorwaarden bepalen en sjablonen publiceren die clubs kunnen overnemen.", "Inviter des clubs, fixer les conditions de partage et publier des modèles que les clubs peuvent adopter.";
    // archived purposes, the join page's purposes legend
    ConsentPurposesHeading => "Your choices, purpose by purpose (optional)", "Je keuzes, doel per doel (niet verplicht)", "Vos choix, finalité par finalité (facultatif)";
    PurposeArchive => "Archive", "Archiveren", "Archiver";
    PurposeUnarchive => "Bring back", "Terugzetten", "Rétablir";
    PurposeArchiveFor => "Archive the purpose {purpose}", "Het doel {purpose} archiveren", "Archiver la finalité {purpose}";
    PurposeUnarchiveFor => "Bring back the purpose {purpose}", "Het doel {purpose} terugzetten", "Rétablir la finalité {purpose}";
    PurposeArchivedNote => "Archived: no longer asked on registration forms or My data. The answers given stay in the history; a consent still given can be withdrawn.", "Gearchiveerd: niet meer gevraagd op inschrijvingsformulieren of in Mijn gegevens. De gegeven antwoorden blijven in de geschiedenis; een toestemming die nog geldt, kan worden ingetrokken.", "Archivée : plus demandée sur les formulaires d'inscription ni dans Mes données. Les réponses données restent dans l'historique ; un consentement encore donné peut être retiré.";
    PurposeArchivedDone => "The purpose is archived: it is no longer asked.", "Het doel is gearchiveerd: er wordt niet meer naar gevraagd.", "La finalité est archivée : elle n'est plus demandée.";
    PurposeUnarchivedDone => "The purpose is back: it is asked again.", "Het doel is teruggezet: er wordt opnieuw naar gevraagd.", "La finalité est rétablie : elle est de nouveau demandée.";
    // documents
    DocErrEmpty => "choose a file to attach", "kies een bestand om toe te voegen", "choisissez un fichier à joindre";
    DocErrTooLarge => "the file is larger than {max} MiB, the most a document may be", "het bestand is groter dan {max} MiB, het maximum voor een document", "le fichier dépasse {max} Mio, le maximum pour un document";
    DocErrType => "only PDF files and PNG or JPEG images can be attached; this file's content is none of them", "alleen PDF-bestanden en PNG- of JPEG-afbeeldingen kunnen worden toegevoegd; de inhoud van dit bestand is geen van beide", "seuls les fichiers PDF et les images PNG ou JPEG peuvent être joints ; le contenu de ce fichier n'en est pas un";
    DocErrNotWhatItClaims => "the file is named as a {type} file but its content is not one; attach the real file", "het bestand heet een {type}-bestand maar de inhoud is er geen; voeg het echte bestand toe", "le fichier porte le nom d'un fichier {type} mais son contenu n'en est pas un ; joignez le vrai fichier";
    DocErrKindTaken => "the club already has a kind of document with this name", "de club heeft al een soort document met deze naam", "le club a déjà un type de document de ce nom";
    DocErrTooManyKinds => "a club can define at most {max} kinds of document", "een club kan hoogstens {max} soorten documenten bepalen", "un club peut définir au plus {max} types de documents";
    DocErrKindInUse => "{n} documents are of this kind; remove them first", "{n} documenten zijn van deze soort; verwijder ze eerst", "{n} documents sont de ce type ; retirez-les d'abord";
    DocErrChooseKind => "choose the kind of document", "kies de soort document", "choisissez le type de document";
    DocErrExpiryRequired => "a document of this kind needs an expiry date", "een document van deze soort heeft een vervaldatum nodig", "un document de ce type doit avoir une date d'expiration";
    DocErrMultipart => "send the document as a file upload (multipart/form-data)", "stuur het document als opgeladen bestand (multipart/form-data)", "envoyez le document comme fichier joint (multipart/form-data)";
    DocReminderSubject => "{kind} of {name} expires soon", "{kind} van {name} vervalt binnenkort", "{kind} de {name} expire bientôt";
    DocReminderBody => "Hello,\n\nThe {kind} of {name} kept by {club} expires on {date}. Please bring or send a new one to the club before then.\n\nKind regards,\n{club}", "Hallo,\n\nHet document {kind} van {name} dat {club} bewaart, vervalt op {date}. Bezorg de club vóór die dag een nieuw exemplaar.\n\nMet vriendelijke groeten,\n{club}", "Bonjour,\n\nLe document {kind} de {name} conservé par {club} expire le {date}. Merci d'en remettre un nouveau au club avant cette date.\n\nCordialement,\n{club}";
    ListRestricted => "this record is under restriction: it is not printed", "dit dossier is beperkt: het wordt niet afgedrukt", "ce dossier est limité : il n'est pas imprimé";
    DocsTitle => "Documents", "Documenten", "Documents";
    DocsExpiringTitle => "Expiring within 30 days, and expired", "Vervalt binnen 30 dagen, en vervallen", "Expire dans les 30 jours, et expirés";
    DocsExpiringNone => "No document expires in the next 30 days.", "Geen enkel document vervalt in de komende 30 dagen.", "Aucun document n'expire dans les 30 prochains jours.";
    DocsUntil => "Through {date}.", "Tot en met {date}.", "Jusqu'au {date} inclus.";
    DocsExpired => "Expired", "Vervallen", "Expiré";
    DocsExpiresOn => "Expires on", "Vervalt op", "Expire le";
    DocsReminded => "Reminder sent", "Herinnering verstuurd", "Rappel envoyé";
    DocsKindsTitle => "Kinds of document", "Soorten documenten", "Types de documents";
    DocsKindsNone => "No kinds of document yet.", "Nog geen soorten documenten.", "Pas encore de types de documents.";
    DocsKindExpiry => "An expiry date is required", "Een vervaldatum is verplicht", "Une date d'expiration est obligatoire";
    DocsKindAdd => "Add the kind", "Soort toevoegen", "Ajouter le type";
    DocsKindCount => "{n} documents", "{n} documenten", "{n} documents";
    DocsKindRemoveFor => "Remove the kind {name}", "Soort {name} verwijderen", "Retirer le type {name}";
    DocsDone => "Saved.", "Bewaard.", "Enregistré.";
    DocsMemberNone => "No documents.", "Geen documenten.", "Aucun document.";
    DocsFile => "File", "Bestand", "Fichier";
    DocsFileHelp => "PDF, PNG or JPEG, at most 5 MiB.", "PDF, PNG of JPEG, hoogstens 5 MiB.", "PDF, PNG ou JPEG, 5 Mio au plus.";
    DocsExpiryOptional => "Expiry date (if it has one)", "Vervaldatum (als die er is)", "Date d'expiration (s'il y en a une)";
    DocsAttach => "Attach", "Toevoegen", "Joindre";
    DocsDownload => "Download", "Downloaden", "Télécharger";
    DocsRemoveFor => "Remove {name}", "{name} verwijderen", "Retirer {name}";
    DocsNoKinds => "Define the kinds of document first, on the Documents page.", "Bepaal eerst de soorten documenten, op de pagina Documenten.", "Définissez d'abord les types de documents, sur la page Documents.";
    DocsAttachTitle => "Attach a document", "Document toevoegen", "Joindre un document";
    BirthdaysTitle => "Birthdays this week", "Verjaardagen deze week", "Anniversaires cette semaine";
    BirthdaysNone => "No birthdays this week.", "Geen verjaardagen deze week.", "Pas d'anniversaire cette semaine.";
    BirthdaysMore => "… and more: the register lists everyone by birth date.", "… en meer: het register toont iedereen op geboortedatum.", "… et d'autres : le registre montre tout le monde par date de naissance.";
    BirthdayTurns => "turns {age}", "wordt {age}", "fête ses {age} ans";
    BirthdayToday => "today", "vandaag", "aujourd'hui";
    ListPrint => "Print", "Afdrukken", "Imprimer";
    CardTitle => "Member card", "Lidkaart", "Carte de membre";
    TeamListTitle => "Team list", "Ploeglijst", "Liste d'équipe";
    TeamListPrint => "Print the team list with emergency contacts", "Ploeglijst met noodcontacten afdrukken", "Imprimer la liste d'équipe avec les contacts d'urgence";
    TeamEmergency => "Emergency contacts", "Contacten voor noodgevallen", "Contacts en cas d'urgence";
    TeamLeader => "Leader", "Leider", "Responsable";
    TeamNone => "Nobody is in this group today.", "Niemand zit vandaag in deze groep.", "Personne n'est dans ce groupe aujourd'hui.";
    ListPrintedOn => "Printed on {date}", "Afgedrukt op {date}", "Imprimé le {date}";
    // duplicates
    DupMergeSelf => "a record cannot be merged with itself", "een fiche kan niet met zichzelf samengevoegd worden", "une fiche ne peut pas être fusionnée avec elle-même";
    DupMergeField => "{field} is not a field a merge can choose", "{field} is geen veld dat een samenvoeging kan kiezen", "{field} n'est pas un champ qu'une fusion peut choisir";
    DupMergeChanged => "one of the records changed since this page was opened: open it again", "een van de fiches is gewijzigd sinds deze pagina geopend werd: open ze opnieuw", "une des fiches a changé depuis l'ouverture de cette page : rouvrez-la";
    DupMergeTwoAccounts => "both records have an account linked: unlink one of them first, the person chooses which account stays", "beide fiches hebben een gekoppelde account: ontkoppel er eerst een, de persoon kiest welke account blijft", "les deux fiches ont un compte lié : déliez-en d'abord un, la personne choisit le compte qui reste";
    DupGuardianCycle => "this link would make someone the guardian of their own guardian", "deze koppeling zou iemand voogd maken van de eigen voogd", "ce lien rendrait quelqu'un tuteur de son propre tuteur";
    DupGuardianChildAdult => "only a minor gets a guardian (the birth date says this member is not one)", "enkel een minderjarige krijgt een voogd (volgens de geboortedatum is dit lid dat niet)", "seul un mineur reçoit un tuteur (selon la date de naissance, ce membre ne l'est pas)";
    DupGuardianMinor => "a guardian must be an adult", "een voogd moet meerderjarig zijn", "un tuteur doit être majeur";
    DupGuardianTwice => "this member is already a guardian of this child", "dit lid is al voogd van dit kind", "ce membre est déjà tuteur de cet enfant";
    DupDeleteAccount => "this record has an account linked (with its roles): unlink or close the account before deleting the record", "aan deze fiche is een account gekoppeld (met zijn rollen): ontkoppel of sluit de account voor je de fiche verwijdert", "un compte est lié à cette fiche (avec ses rôles) : déliez ou fermez le compte avant de supprimer la fiche";
    DupDeleteLeader => "this member leads a group: end that first", "dit lid leidt een groep: beëindig dat eerst", "ce membre encadre un groupe : mettez-y fin d'abord";
    DupFound => "this person may already be in the register: check the possible duplicates, or confirm that this is someone else", "deze persoon staat mogelijk al in het register: bekijk de mogelijke dubbels, of bevestig dat het iemand anders is", "cette personne figure peut-être déjà au registre : vérifiez les doublons possibles, ou confirmez qu'il s'agit de quelqu'un d'autre";
    DupTitle => "Possible duplicates", "Mogelijke dubbels", "Doublons possibles";
    DupHelp => "These records may be the same person. Open one to check it.", "Deze fiches zijn mogelijk dezelfde persoon. Open er een om na te kijken.", "Ces fiches sont peut-être la même personne. Ouvrez-en une pour vérifier.";
    DupAddAnyway => "This is someone else: add the record anyway", "Dit is iemand anders: fiche toch toevoegen", "C'est quelqu'un d'autre : ajouter la fiche quand même";
    DupReasonEmail => "same e-mail address", "zelfde e-mailadres", "même adresse e-mail";
    DupReasonName => "same name and birth date", "zelfde naam en geboortedatum", "même nom et date de naissance";
    DupReasonSimilar => "similar name, same birth date", "gelijkaardige naam, zelfde geboortedatum", "nom semblable, même date de naissance";
    DupMergeTitle => "Merge two records", "Twee fiches samenvoegen", "Fusionner deux fiches";
    DupMergeHelp => "Everything linked to the record that goes (consents and their history, family links, groups, registrations, requests, documents, the account) moves to the record that stays. Choose per field which value stays.", "Alles wat aan de verdwijnende fiche hangt (toestemmingen en hun geschiedenis, gezinsbanden, groepen, inschrijvingen, verzoeken, documenten, de account) gaat naar de fiche die blijft. Kies per veld welke waarde blijft.", "Tout ce qui est lié à la fiche qui disparaît (consentements et leur historique, liens familiaux, groupes, inscriptions, demandes, documents, le compte) passe à la fiche qui reste. Choisissez par champ la valeur qui reste.";
    DupStays => "Stays", "Blijft", "Reste";
    DupGoes => "Goes", "Verdwijnt", "Disparaît";
    DupMergeAction => "Merge", "Samenvoegen", "Fusionner";
    DupMergeWith => "Merge into this record", "Samenvoegen met deze fiche", "Fusionner dans cette fiche";
    DupMerged => "The records were merged.", "De fiches zijn samengevoegd.", "Les fiches ont été fusionnées.";
    DupField => "Field", "Veld", "Champ";
    DupDeleteTitle => "Delete this record", "Deze fiche verwijderen", "Supprimer cette fiche";
    DupDeleteHelp => "The record and what hangs off it (family links, consents, group places, requests, documents) are removed for good. The event log keeps that the record was deleted and by whom, without the person's data.", "De fiche en wat eraan hangt (gezinsbanden, toestemmingen, groepen, verzoeken, documenten) worden definitief verwijderd. Het logboek houdt bij dat de fiche verwijderd werd en door wie, zonder de gegevens van de persoon.", "La fiche et ce qui y est lié (liens familiaux, consentements, groupes, demandes, documents) sont supprimés définitivement. Le journal garde la trace de la suppression et de son auteur, sans les données de la personne.";
    DupDeleteConfirm => "Delete for good", "Definitief verwijderen", "Supprimer définitivement";
    DupDeleted => "The record was deleted.", "De fiche is verwijderd.", "La fiche a été supprimée.";
    DupGuardiansTitle => "Guardians", "Voogden", "Tuteurs";
    DupGuardianManage => "Manage guardians", "Voogden beheren", "Gérer les tuteurs";
    DupGuardianSearch => "Find an adult member", "Zoek een meerderjarig lid", "Chercher un membre majeur";
    DupGuardianAdd => "Make guardian", "Voogd maken", "Désigner tuteur";
    DupGuardianRemove => "Unlink", "Ontkoppelen", "Délier";
    DupNoGuardians => "No guardian yet.", "Nog geen voogd.", "Pas encore de tuteur.";
    DupNoneFound => "No adult member found.", "Geen meerderjarig lid gevonden.", "Aucun membre majeur trouvé.";
    DupRegistrationFlag => "Possible duplicate of a member already in the register", "Mogelijk dubbel van een lid dat al in het register staat", "Doublon possible d'un membre déjà au registre";
    // activities
    ActKindTraining => "Training", "Training", "Entraînement";
    ActKindMatch => "Match", "Wedstrijd", "Match";
    ActKindEvent => "Event", "Evenement", "Événement";
    ActPresent => "Present", "Aanwezig", "Présent";
    ActAbsent => "Absent", "Afwezig", "Absent";
    ActExcused => "Excused", "Verontschuldigd", "Excusé";
    ErrActControl => "remove the control characters", "verwijder de controletekens", "retirez les caractères de contrôle";
    ErrActGroup => "choose a group of the club", "kies een groep van de club", "choisissez un groupe du club";
    ErrActKind => "choose training, match or event", "kies training, wedstrijd of evenement", "choisissez entraînement, match ou événement";
    ErrActDate => "enter a date as YYYY-MM-DD", "geef een datum als JJJJ-MM-DD", "indiquez une date au format AAAA-MM-JJ";
    ErrActNoEnd => "a weekly training needs an end date", "een wekelijkse training heeft een einddatum nodig", "un entraînement hebdomadaire doit avoir une date de fin";
    ErrActEndBeforeStart => "the end date comes before the start date", "de einddatum valt vóór de begindatum", "la date de fin précède la date de début";
    ErrActTooLong => "at most two years (one year for figures)", "hoogstens twee jaar (één jaar voor cijfers)", "au plus deux ans (un an pour les chiffres)";
    ErrActTime => "enter a time as HH:MM", "geef een uur als UU:MM", "indiquez une heure au format HH:MM";
    ErrActDuration => "a duration of 1 to 1440 minutes", "een duur van 1 tot 1440 minuten", "une durée de 1 à 1440 minutes";
    ErrActCancelled => "This activity is cancelled: attendance and absences cannot be recorded for it.", "Deze activiteit is afgelast: aanwezigheden en afwezigheden kunnen er niet voor worden genoteerd.", "Cette activité est annulée : on ne peut rien y noter.";
    ErrActNotYet => "This activity has not taken place yet: attendance is marked on the day.", "Deze activiteit heeft nog niet plaatsgevonden: aanwezigheden duid je aan op de dag zelf.", "Cette activité n'a pas encore eu lieu : les présences se notent le jour même.";
    ErrActNotInGroup => "This person is not in the group on that day.", "Deze persoon zit die dag niet in de groep.", "Cette personne ne fait pas partie du groupe ce jour-là.";
    ErrActPast => "This activity is over: an absence can no longer be reported.", "Deze activiteit is voorbij: een afwezigheid melden kan niet meer.", "Cette activité est passée : il est trop tard pour prévenir.";
    ActTitle => "Activities", "Activiteiten", "Activités";
    ActUpcoming => "The next four weeks", "De komende vier weken", "Les quatre prochaines semaines";
    ActNone => "No activities in the next four weeks.", "Geen activiteiten in de komende vier weken.", "Aucune activité dans les quatre prochaines semaines.";
    ActCancelledBadge => "Cancelled", "Afgelast", "Annulé";
    ActMovedBadge => "Moved", "Verplaatst", "Déplacé";
    ActPlan => "Plan an activity", "Een activiteit plannen", "Planifier une activité";
    ActGroup => "Group", "Groep", "Groupe";
    ActKind => "Kind", "Soort", "Type";
    ActTitleField => "Title", "Titel", "Titre";
    ActPlace => "Place", "Plaats", "Lieu";
    ActWeekly => "Every week (a training)", "Elke week (een training)", "Chaque semaine (un entraînement)";
    ActFirstDate => "Date (first date when weekly)", "Datum (eerste datum als wekelijks)", "Date (première date si hebdomadaire)";
    ActEndDate => "Last date (required when weekly)", "Laatste datum (verplicht als wekelijks)", "Dernière date (obligatoire si hebdomadaire)";
    ActStartTime => "Start time", "Beginuur", "Heure de début";
    ActDuration => "Duration (minutes)", "Duur (minuten)", "Durée (minutes)";
    ActPlanned => "The activity is planned.", "De activiteit is gepland.", "L'activité est planifiée.";
    ActAttendance => "Attendance", "Aanwezigheden", "Présences";
    ActMarkFor => "{mark}: {name}", "{mark}: {name}", "{mark} : {name}";
    ActMarked => "Saved.", "Opgeslagen.", "Enregistré.";
    ActNoMembers => "Nobody is in this group on that day.", "Niemand zit die dag in deze groep.", "Personne ne fait partie de ce groupe ce jour-là.";
    ActReportedAbsent => "Reported absent: {reason}", "Afwezig gemeld: {reason}", "Absence signalée : {reason}";
    ActReportAbsence => "Report an absence", "Een afwezigheid melden", "Signaler une absence";
    ActReason => "Reason", "Reden", "Motif";
    ActReportFor => "Report {name} absent", "{name} afwezig melden", "Signaler l'absence de {name}";
    ActAbsenceDone => "The absence is reported.", "De afwezigheid is gemeld.", "L'absence est signalée.";
    ActCancelOcc => "Cancel this activity", "Deze activiteit afgelasten", "Annuler cette activité";
    ActMoveOcc => "Move this activity", "Deze activiteit verplaatsen", "Déplacer cette activité";
    ActRestoreOcc => "Undo the change", "De wijziging ongedaan maken", "Annuler la modification";
    ActNewDate => "New date", "Nieuwe datum", "Nouvelle date";
    ActNewTime => "New time", "Nieuw uur", "Nouvelle heure";
    ActNewPlace => "New place (empty: the same)", "Nieuwe plaats (leeg: dezelfde)", "Nouveau lieu (vide : le même)";
    ActChanged => "The activity is changed.", "De activiteit is gewijzigd.", "L'activité est modifiée.";
    ActChangedTold => "The activity is changed and the group is told by mail.", "De activiteit is gewijzigd en de groep is per mail verwittigd.", "L'activité est modifiée et le groupe est prévenu par mail.";
    ActTellGroup => "Tell the group by mail (its members, and the guardians of the minors)", "De groep per mail verwittigen (de leden, en de ouders van minderjarigen)", "Prévenir le groupe par mail (ses membres, et les parents des mineurs)";
    ActToldCancelledSubject => "{title} on {date} is cancelled", "{title} op {date} gaat niet door", "{title} du {date} est annulé";
    ActToldCancelledBody => "Hello,\n\n{title} ({group}) on {date} at {time} is cancelled: {reason}\n\n{club}", "Hallo,\n\n{title} ({group}) op {date} om {time} gaat niet door: {reason}\n\n{club}", "Bonjour,\n\n{title} ({group}) du {date} à {time} est annulé : {reason}\n\n{club}";
    ActToldMovedSubject => "{title} on {date} is moved", "{title} van {date} is verplaatst", "{title} du {date} est déplacé";
    ActToldMovedBody => "Hello,\n\n{title} ({group}) of {date} is moved to {new_date} at {new_time}, {place}.\n\n{club}", "Hallo,\n\n{title} ({group}) van {date} is verplaatst naar {new_date} om {new_time}, {place}.\n\n{club}", "Bonjour,\n\n{title} ({group}) du {date} est déplacé au {new_date} à {new_time}, {place}.\n\n{club}";
    ActCancelledBecause => "Cancelled: {reason}", "Afgelast: {reason}", "Annulé : {reason}";
    ActPrintSheet => "Print the attendance sheet", "Aanwezigheidslijst afdrukken", "Imprimer la feuille de présence";
    ActPrintMonth => "Print the month's sheet", "Maandlijst afdrukken", "Imprimer la feuille du mois";
    ActMonth => "Month", "Maand", "Mois";
    ActFigures => "Attendance figures", "Aanwezigheidscijfers", "Chiffres de présence";
    ActFiguresOf => "Attendance in {group} from {from} to {to}", "Aanwezigheid in {group} van {from} tot {to}", "Présences dans {group} du {from} au {to}";
    ActFiguresDesc => "One bar per member: the share of the {n} activities held at which they were present.", "Eén balk per lid: het deel van de {n} gehouden activiteiten waarop het aanwezig was.", "Une barre par membre : la part des {n} activités tenues auxquelles il était présent.";
    ActHeld => "Held", "Gehouden", "Tenues";
    ActRate => "Present (%)", "Aanwezig (%)", "Présent (%)";
    ActTo => "To", "Tot", "Jusqu'au";
    ActShow => "Show", "Tonen", "Afficher";
    ActCalendar => "Calendar feeds", "Agenda-feeds", "Agendas en ligne";
    ActCalendarIntro => "Subscribe to these private addresses in your calendar app. Anyone with the address sees the activities: renew it if it was shared by mistake.", "Abonneer je in je agenda-app op deze persoonlijke adressen. Wie het adres heeft, ziet de activiteiten: vernieuw het als het per ongeluk gedeeld werd.", "Abonnez-vous à ces adresses privées dans votre application d'agenda. Quiconque a l'adresse voit les activités : renouvelez-la si elle a été partagée par erreur.";
    ActFeedMine => "My activities and my children's", "Mijn activiteiten en die van mijn kinderen", "Mes activités et celles de mes enfants";
    ActFeedActive => "Active", "Actief", "Active";
    ActFeedNone => "No address yet", "Nog geen adres", "Pas encore d'adresse";
    ActFeedRenew => "Make a new address", "Een nieuw adres maken", "Créer une nouvelle adresse";
    ActFeedRevoke => "Revoke", "Intrekken", "Révoquer";
    ActFeedFresh => "Your new address (shown only now; copy it into your calendar app):", "Je nieuwe adres (alleen nu getoond; kopieer het naar je agenda-app):", "Votre nouvelle adresse (affichée seulement maintenant ; copiez-la dans votre agenda) :";
    ActFeedRevoked => "The address is revoked.", "Het adres is ingetrokken.", "L'adresse est révoquée.";
    ActLeadersOnly => "Only the group's leaders and staff with the attendance permission see the list.", "Alleen de leiders van de groep en medewerkers met de aanwezigheidsrechten zien de lijst.", "Seuls les responsables du groupe et le personnel ayant le droit des présences voient la liste.";
    ActSheetSigned => "Signature of the leader", "Handtekening van de leider", "Signature du responsable";
    // groups
    ErrGroupName => "give a name of 1 to {max} characters", "geef een naam van 1 tot {max} tekens", "indiquez un nom de 1 à {max} caractères";
    ErrGroupNameTaken => "the club already has one with this name", "de club heeft er al een met deze naam", "le club en a déjà un portant ce nom";
    ErrGroupChanged => "{who} changed this on {when} after you opened it: open it again and repeat your change", "{who} heeft dit gewijzigd op {when} nadat u het opende: open het opnieuw en herhaal uw wijziging", "{who} a modifié ceci le {when} après que vous l'avez ouvert : rouvrez-le et refaites votre modification";
    ErrTooManyGroups => "The club has reached the limit of {max}.", "De club heeft de grens van {max} bereikt.", "Le club a atteint la limite de {max}.";
    ErrBirthYear => "give a year between 1900 and 2200, or leave it empty", "geef een jaar tussen 1900 en 2200, of laat het leeg", "indiquez une année entre 1900 et 2200, ou laissez vide";
    ErrBandYears => "the last birth year comes before the first", "het laatste geboortejaar valt voor het eerste", "la dernière année de naissance précède la première";
    ErrChooseGroupKind => "choose a kind of group of this club", "kies een soort groep van deze club", "choisissez un type de groupe de ce club";
    ErrGroupArchived => "This group is archived: restore it before changing who is in it.", "Deze groep is gearchiveerd: zet ze terug voor u de leden wijzigt.", "Ce groupe est archivé : rétablissez-le avant d'en changer les membres.";
    ErrToBeforeFrom => "the end date comes before the start date", "de einddatum valt voor de begindatum", "la date de fin précède la date de début";
    ErrNoSuchMember => "choose a member of this club", "kies een lid van deze club", "choisissez un membre de ce club";
    ErrAlreadyInGroup => "This member is already in the group for (part of) these dates: end that period first or choose other dates.", "Dit lid zit al in de groep voor (een deel van) deze data: beëindig die periode eerst of kies andere data.", "Ce membre fait déjà partie du groupe pour (une partie de) ces dates : terminez d'abord cette période ou choisissez d'autres dates.";
    ErrSelectMembers => "Select at least one member.", "Selecteer minstens één lid.", "Sélectionnez au moins un membre.";
    ErrTooManySelected => "Select at most {max} members at a time.", "Selecteer hoogstens {max} leden tegelijk.", "Sélectionnez au plus {max} membres à la fois.";
    ErrNotAgeBands => "This kind of group has no age categories.", "Deze soort groep heeft geen leeftijdscategorieën.", "Ce type de groupe n'a pas de catégories d'âge.";
    ErrBandLimits => "give the upper ages of the bands as numbers from 2 to 99, such as 8 10 12", "geef de bovengrenzen van de leeftijden als getallen van 2 tot 99, zoals 8 10 12", "indiquez les âges limites en nombres de 2 à 99, par exemple 8 10 12";
    ErrBandTaken => "the club already has a group named {name}", "de club heeft al een groep met de naam {name}", "le club a déjà un groupe nommé {name}";
    ErrChooseGroup => "choose a group of this club", "kies een groep van deze club", "choisissez un groupe de ce club";
    ErrLeaderPermissions => "a role limited to the groups its holder leads can only see, change and mark attendance of members", "een rol beperkt tot de groepen die de houder leidt, kan enkel leden inkijken, wijzigen en hun aanwezigheid aanduiden", "un rôle limité aux groupes de son titulaire peut seulement voir et modifier les membres et noter leurs présences";
    ErrFieldGrant => "choose fields of the register", "kies velden van het register", "choisissez des champs du registre";
    ErrSensitiveGrant => "a sensitive field needs the permission for sensitive fields", "een gevoelig veld vereist de toestemming voor gevoelige velden", "un champ sensible demande la permission pour les champs sensibles";
    GroupsTitle => "Groups", "Groepen", "Groupes";
    GroupsHelp => "Teams, age categories, training groups and committees: who is in them from which day to which day, and who leads them.", "Ploegen, leeftijdscategorieën, trainingsgroepen en commissies: wie erin zit van welke dag tot welke dag, en wie ze leidt.", "Équipes, catégories d'âge, groupes d'entraînement et comités : qui en fait partie de quel jour à quel jour, et qui les encadre.";
    NoGroups => "No groups yet.", "Nog geen groepen.", "Pas encore de groupes.";
    NewGroupKind => "New kind of group", "Nieuwe soort groep", "Nouveau type de groupe";
    AgeBandsKind => "Its groups are age categories (by birth year)", "De groepen zijn leeftijdscategorieën (volgens geboortejaar)", "Ses groupes sont des catégories d'âge (par année de naissance)";
    ReferenceDate => "Reference date of the ages", "Referentiedatum van de leeftijden", "Date de référence des âges";
    Archived => "Archived", "Gearchiveerd", "Archivé";
    MakeBands => "Make the age categories", "De leeftijdscategorieën maken", "Créer les catégories d'âge";
    BandLimits => "Upper ages of the categories (U8, U10, …), separated by spaces", "Bovengrenzen van de categorieën (U8, U10, …), gescheiden door spaties", "Âges limites des catégories (U8, U10, …), séparés par des espaces";
    SeniorsName => "Name of the category for everyone older (empty: none)", "Naam van de categorie voor alle ouderen (leeg: geen)", "Nom de la catégorie pour tous les plus âgés (vide : aucune)";
    NewGroup => "New group", "Nieuwe groep", "Nouveau groupe";
    GroupDescription => "Description", "Beschrijving", "Description";
    MinBirthYear => "First birth year", "Eerste geboortejaar", "Première année de naissance";
    MaxBirthYear => "Last birth year", "Laatste geboortejaar", "Dernière année de naissance";
    ChangeKind => "Rename or archive this kind", "Deze soort hernoemen of archiveren", "Renommer ou archiver ce type";
    BirthYears => "Birth years", "Geboortejaren", "Années de naissance";
    MembersToday => "Members today", "Leden vandaag", "Membres aujourd'hui";
    NoSuggestions => "Every member with a birth date is in an age category.", "Elk lid met een geboortedatum zit in een leeftijdscategorie.", "Chaque membre ayant une date de naissance est dans une catégorie d'âge.";
    ShowBandSuggestions => "Suggest age categories from birth years", "Leeftijdscategorieën voorstellen volgens geboortejaar", "Proposer les catégories d'âge selon l'année de naissance";
    SuggestedBands => "{n} members without an age category: suggestions from their birth year", "{n} leden zonder leeftijdscategorie: voorstellen volgens hun geboortejaar", "{n} membres sans catégorie d'âge : suggestions selon leur année de naissance";
    ApplyBands => "Put them in these categories from today", "Ze vanaf vandaag in deze categorieën zetten", "Les placer dans ces catégories à partir d'aujourd'hui";
    AddressFields => "Address", "Adres", "Adresse";
    MembershipFields => "Membership (type, season, dates, gender)", "Lidmaatschap (soort, seizoen, data, geslacht)", "Affiliation (type, saison, dates, genre)";
    GuardiansPhone => "Guardians' phone", "Telefoon van de ouders", "Téléphone des parents";
    LeaderRoles => "Roles limited to the groups their holder leads", "Rollen beperkt tot de groepen die de houder leidt", "Rôles limités aux groupes de leur titulaire";
    LeaderRolesHelp => "A trainer with such a role sees and changes only the members of the groups they lead today, and of them only the fields chosen here (the name always).", "Een trainer met zo'n rol ziet en wijzigt enkel de leden van de groepen die hij of zij vandaag leidt, en daarvan enkel de velden die hier gekozen zijn (de naam altijd).", "Un entraîneur ayant un tel rôle voit et modifie seulement les membres des groupes qu'il encadre aujourd'hui, et seulement les champs choisis ici (le nom toujours).";
    LimitToLedGroups => "Limit to the groups the holder leads", "Beperken tot de groepen die de houder leidt", "Limiter aux groupes que le titulaire encadre";
    GrantedFields => "Fields this role may see", "Velden die deze rol mag zien", "Champs que ce rôle peut voir";
    GrantedCustomFields => "The club's own fields (cf and their number, separated by spaces)", "Eigen velden van de club (cf en hun nummer, gescheiden door spaties)", "Champs propres au club (cf et leur numéro, séparés par des espaces)";
    FromDate => "From", "Van", "Du";
    ToDate => "Until", "Tot en met", "Jusqu'au";
    GroupLeader => "Leader", "Leider", "Responsable";
    AddToGroup => "Add to group", "Toevoegen aan groep", "Ajouter au groupe";
    EndInGroup => "End in group", "Beëindigen in groep", "Retirer du groupe";
    MemberNumber => "Member number (from the member's address in the register)", "Lidnummer (uit het adres van het lid in het register)", "Numéro de membre (de l'adresse du membre dans le registre)";
    GroupInRegister => "Show this group in the register", "Deze groep tonen in het register", "Afficher ce groupe dans le registre";
    ChangeGroup => "Change this group", "Deze groep wijzigen", "Modifier ce groupe";
    GroupMembersTitle => "Members and leaders over time", "Leden en leiders door de tijd", "Membres et responsables dans le temps";
    GroupMembersChanged => "{n} memberships changed.", "{n} groepslidmaatschappen gewijzigd.", "{n} appartenances modifiées.";
    BulkGroupAction => "For every member shown", "Voor elk getoond lid", "Pour chaque membre affiché";
    ApplyToShown => "Apply to the members shown", "Toepassen op de getoonde leden", "Appliquer aux membres affichés";
    FilterGroup => "Group (members today)", "Groep (leden vandaag)", "Groupe (membres aujourd'hui)";
    FilterGroupApply => "Show", "Tonen", "Afficher";
    // mailings
    ErrMailingPlaceholder => "the placeholder {name} does not exist: use {first_name} or {club_name}", "de plaatshouder {name} bestaat niet: gebruik {first_name} of {club_name}", "le champ variable {name} n'existe pas : utilisez {first_name} ou {club_name}";
    ErrMailingKind => "choose a newsletter or a service message", "kies een nieuwsbrief of een dienstbericht", "choisissez une lettre d'information ou un message de service";
    ErrMailingGroup => "choose one of the club's groups", "kies een van de groepen van de club", "choisissez un des groupes du club";
    ErrMailingAudience => "choose who receives the mailing", "kies wie de mailing ontvangt", "choisissez qui reçoit l'envoi";
    ErrMailingTopicIsNewsletter => "a topic's subscribers receive newsletters only", "de abonnees van een onderwerp ontvangen enkel nieuwsbrieven", "les abonnés d'un sujet ne reçoivent que des lettres d'information";
    ErrMailingTextNeeded => "needed in the club's language (other languages may stay empty)", "nodig in de taal van de club (andere talen mogen leeg blijven)", "requis dans la langue du club (les autres langues peuvent rester vides)";
    ErrMailingSelection => "the register filter {name} cannot choose recipients: use q, status, type, season, consent or group", "de registerfilter {name} kan geen ontvangers kiezen: gebruik q, status, type, season, consent of group", "le filtre du registre {name} ne peut pas choisir de destinataires : utilisez q, status, type, season, consent ou group";
    ErrMailingNoSubscribers => "Nobody in this selection consented to this newsletter's topic: the mailing would reach no one.", "Niemand in deze selectie gaf toestemming voor het onderwerp van deze nieuwsbrief: de mailing zou niemand bereiken.", "Personne dans cette sélection n'a consenti au sujet de cette lettre : l'envoi n'atteindrait personne.";
    ErrMailingNobody => "Nobody in this selection has an e-mail address: the mailing would reach no one.", "Niemand in deze selectie heeft een e-mailadres: de mailing zou niemand bereiken.", "Personne dans cette sélection n'a d'adresse e-mail : l'envoi n'atteindrait personne.";
    ErrMailingAlreadySent => "This mailing was sent already (or changed meanwhile); it is sent only once.", "Deze mailing werd al verstuurd (of intussen gewijzigd); ze wordt maar één keer verstuurd.", "Cet envoi est déjà parti (ou a changé entre-temps) ; il n'est envoyé qu'une fois.";
    ErrUnsubscribeLink => "This unsubscribe link is not valid: it was changed or cut off. Use the link exactly as it is in the mail.", "Deze uitschrijflink is niet geldig: ze werd gewijzigd of afgebroken. Gebruik de link precies zoals in de mail.", "Ce lien de désinscription n'est pas valable : il a été modifié ou coupé. Utilisez le lien tel qu'il figure dans le courriel.";
    MailingUnsubscribeLine => "To stop receiving this newsletter, in one click:", "Om deze nieuwsbrief niet meer te ontvangen, in één klik:", "Pour ne plus recevoir cette lettre, en un clic :";
    UnsubscribeTitle => "Unsubscribe", "Uitschrijven", "Se désinscrire";
    UnsubscribeAsk => "Stop receiving “{topic}” from {club}?", "“{topic}” van {club} niet meer ontvangen?", "Ne plus recevoir « {topic} » de {club} ?";
    UnsubscribeConfirm => "Unsubscribe", "Uitschrijven", "Me désinscrire";
    UnsubscribeDone => "Done: you will no longer receive “{topic}” from {club}. Your choice was recorded on {at}.", "Gedaan: u ontvangt “{topic}” van {club} niet meer. Uw keuze werd geregistreerd op {at}.", "C'est fait : vous ne recevrez plus « {topic} » de {club}. Votre choix a été enregistré le {at}.";
    UnsubscribeAlready => "You are already unsubscribed from “{topic}” of {club}; nothing was changed.", "U bent al uitgeschreven voor “{topic}” van {club}; er werd niets gewijzigd.", "Vous êtes déjà désinscrit de « {topic} » de {club} ; rien n'a été modifié.";
    MailingsTitle => "Mailings", "Mailings", "Envois groupés";
    MailingsIntro => "Mail a group, a selection of the register or a newsletter's subscribers. Each person gets the mail in their language; a minor's guardians get it too.", "Mail een groep, een selectie uit het register of de abonnees van een nieuwsbrief. Iedereen krijgt de mail in de eigen taal; de ouders van een minderjarige krijgen hem ook.", "Écrivez à un groupe, à une sélection du registre ou aux abonnés d'une lettre. Chacun reçoit le courriel dans sa langue ; les parents d'un mineur le reçoivent aussi.";
    MailingNew => "New mailing", "Nieuwe mailing", "Nouvel envoi";
    MailingNone => "No mailings yet.", "Nog geen mailings.", "Pas encore d'envoi.";
    MailingKindLabel => "Kind", "Soort", "Type";
    MailingKindNewsletter => "Newsletter (only people who consented to its topic, with an unsubscribe link)", "Nieuwsbrief (enkel wie toestemming gaf voor het onderwerp, met uitschrijflink)", "Lettre d'information (seulement ceux qui ont consenti au sujet, avec lien de désinscription)";
    MailingKindService => "Service message (everyone chosen, e.g. a training cancelled)", "Dienstbericht (iedereen die gekozen is, bv. een afgelaste training)", "Message de service (toutes les personnes choisies, p. ex. un entraînement annulé)";
    MailingTopic => "Newsletter topic", "Onderwerp van de nieuwsbrief", "Sujet de la lettre";
    MailingAudienceLabel => "Recipients", "Ontvangers", "Destinataires";
    MailingAudienceGroup => "The members of a group", "De leden van een groep", "Les membres d'un groupe";
    MailingAudienceSelection => "A selection of the register", "Een selectie uit het register", "Une sélection du registre";
    MailingAudienceTopic => "Everyone subscribed to the topic", "Iedereen die op het onderwerp geabonneerd is", "Tous les abonnés du sujet";
    MailingGroupLabel => "Group", "Groep", "Groupe";
    MailingSelectionLabel => "Register filter", "Registerfilter", "Filtre du registre";
    MailingSelectionHelp => "As in the register's address, e.g. q=peeters&status=active&type=Youth (q, status, type, season, consent, group).", "Zoals in het adres van het register, bv. q=peeters&status=active&type=Jeugd (q, status, type, season, consent, group).", "Comme dans l'adresse du registre, p. ex. q=peeters&status=active&type=Jeunes (q, status, type, season, consent, group).";
    MailingSubject => "Subject", "Onderwerp", "Objet";
    MailingBody => "Text", "Tekst", "Texte";
    MailingTextsHelp => "Placeholders: {first_name} and {club_name}. A language left empty gets the text in the club's language.", "Plaatshouders: {first_name} en {club_name}. Een taal die leeg blijft, krijgt de tekst in de taal van de club.", "Champs variables : {first_name} et {club_name}. Une langue laissée vide reçoit le texte dans la langue du club.";
    MailingSaveDraft => "Save and preview", "Bewaren en bekijken", "Enregistrer et prévisualiser";
    MailingSendNow => "Send to everyone now", "Nu naar iedereen versturen", "Envoyer à tous maintenant";
    MailingPreview => "Preview", "Voorbeeld", "Aperçu";
    MailingPreviewFor => "Preview for", "Voorbeeld voor", "Aperçu pour";
    MailingShow => "Show", "Tonen", "Afficher";
    MailingTo => "To", "Aan", "À";
    MailingStatusDraft => "Draft", "Ontwerp", "Brouillon";
    MailingStatusSending => "Sending", "Wordt verstuurd", "En cours d'envoi";
    MailingStatusDone => "Sent", "Verstuurd", "Envoyé";
    MailingStatusLabel => "State", "Status", "État";
    MailingRecipients => "Mails", "Mails", "Courriels";
    MailingSentCount => "Delivered", "Afgeleverd", "Remis";
    MailingFailedCount => "Failed", "Mislukt", "Échoués";
    MailingQueuedCount => "Waiting", "Wachtend", "En attente";
    MailingInterruptedCount => "Interrupted", "Onderbroken", "Interrompus";
    MailingUndelivered => "Not delivered", "Niet afgeleverd", "Non remis";
    MailingRefresh => "Refresh the progress", "Voortgang vernieuwen", "Actualiser la progression";
    MailingAudienceShown => "Audience", "Doelgroep", "Public";
    MailingWhen => "Created", "Aangemaakt", "Créé";
    MailingSendHelp => "Sending queues one mail per address and sends them in the background; this page shows the progress.", "Versturen zet één mail per adres klaar en verstuurt ze op de achtergrond; deze pagina toont de voortgang.", "L'envoi prépare un courriel par adresse et les envoie en arrière-plan ; cette page montre la progression.";
    MailingUnsubscribeNote => "Ends with a one-click unsubscribe link.", "Eindigt met een uitschrijflink (één klik).", "Se termine par un lien de désinscription en un clic.";
    MailingOpen => "Open", "Openen", "Ouvrir";
    // reconcile
    BankErrEmpty => "The file is empty: choose the statement file your bank gave you.", "Het bestand is leeg: kies het uittrekselbestand van je bank.", "Le fichier est vide : choisissez le fichier d'extrait donné par votre banque.";
    BankErrTooLarge => "The file is larger than {max} MB: import one statement period at a time.", "Het bestand is groter dan {max} MB: lees één periode per keer in.", "Le fichier dépasse {max} Mo : importez une période à la fois.";
    BankErrTooManyLines => "The statement has more than {max} lines: import one period at a time.", "Het uittreksel heeft meer dan {max} lijnen: lees één periode per keer in.", "L'extrait compte plus de {max} lignes : importez une période à la fois.";
    BankErrFormat => "This is not a bank statement in CAMT.053 (XML) or CODA format: download the statement from your bank in one of those formats.", "Dit is geen bankuittreksel in CAMT.053 (XML) of CODA: download het uittreksel bij je bank in een van die formaten.", "Ce n'est pas un extrait bancaire au format CAMT.053 (XML) ou CODA : téléchargez l'extrait de votre banque dans l'un de ces formats.";
    BankErrTruncated => "The file is cut off or damaged: download the whole statement again from your bank.", "Het bestand is afgebroken of beschadigd: download het volledige uittreksel opnieuw bij je bank.", "Le fichier est tronqué ou endommagé : téléchargez à nouveau l'extrait complet auprès de votre banque.";
    BankErrMalformed => "The statement does not follow the published layout (at {at}): nothing was imported.", "Het uittreksel volgt de gepubliceerde opmaak niet (bij {at}): er werd niets ingelezen.", "L'extrait ne suit pas la structure publiée (à {at}) : rien n'a été importé.";
    BankErrAmount => "An amount in the statement is not a euro amount in cents: {value}.", "Een bedrag in het uittreksel is geen eurobedrag in centen: {value}.", "Un montant de l'extrait n'est pas un montant en euros et centimes : {value}.";
    BankErrDate => "A date in the statement is not a real day: {value}.", "Een datum in het uittreksel is geen bestaande dag: {value}.", "Une date de l'extrait n'est pas un jour réel : {value}.";
    BankErrAccount => "The statement's account is not a valid IBAN: {account}.", "De rekening van het uittreksel is geen geldig IBAN: {account}.", "Le compte de l'extrait n'est pas un IBAN valide : {account}.";
    BankErrOtherAccount => "This statement is of account {account}, not of the club's account {club}: nothing was imported.", "Dit uittreksel is van rekening {account}, niet van de rekening van de club {club}: er werd niets ingelezen.", "Cet extrait concerne le compte {account}, pas le compte du club {club} : rien n'a été importé.";
    BankErrNoIban => "Set the club's bank account (IBAN) in the fee settings first: a statement is checked against it.", "Vul eerst de bankrekening (IBAN) van de club in bij de lidgeldinstellingen: een uittreksel wordt ermee vergeleken.", "Indiquez d'abord le compte bancaire (IBAN) du club dans les paramètres des cotisations : l'extrait est comparé à celui-ci.";
    BankErrCurrency => "The statement is in {currency}; only statements in euro (EUR) can be imported.", "Het uittreksel is in {currency}; enkel uittreksels in euro (EUR) kunnen ingelezen worden.", "L'extrait est en {currency} ; seuls les extraits en euros (EUR) peuvent être importés.";
    BankErrOutsideSeason => "A line is booked on {date}, outside every season of the club: add the season first or import another period.", "Een lijn is geboekt op {date}, buiten elk seizoen van de club: voeg eerst het seizoen toe of lees een andere periode in.", "Une ligne est comptabilisée le {date}, hors de toute saison du club : ajoutez d'abord la saison ou importez une autre période.";
    BankErrInvoiceRef => "no invoice with this structured communication or number (like 2026-17)", "geen factuur met deze gestructureerde mededeling of dit nummer (zoals 2026-17)", "aucune facture avec cette communication structurée ou ce numéro (comme 2026-17)";
    BankErrOgmCheck => "the check digits of this structured communication are wrong", "de controlecijfers van deze gestructureerde mededeling kloppen niet", "les chiffres de contrôle de cette communication structurée sont erronés";
    BankErrNotPayable => "This invoice takes no payment: it is a draft, credited or cancelled.", "Deze factuur kan geen betaling ontvangen: ze is een ontwerp, gecrediteerd of geannuleerd.", "Cette facture ne peut pas recevoir de paiement : c'est un brouillon, elle est créditée ou annulée.";
    BankErrAmountPositive => "enter an amount above zero, like 125,50", "geef een bedrag boven nul, zoals 125,50", "indiquez un montant supérieur à zéro, comme 125,50";
    BankErrLineHandled => "This line was handled meanwhile: reload the page.", "Deze lijn werd intussen behandeld: laad de pagina opnieuw.", "Cette ligne a été traitée entre-temps : rechargez la page.";
    BankErrMethod => "choose cash or another way", "kies contant of een andere manier", "choisissez espèces ou un autre moyen";
    BankErrNotManual => "A bank payment is undone from its statement line.", "Een bankbetaling maak je ongedaan vanaf haar lijn op het uittreksel.", "Un paiement bancaire s'annule depuis sa ligne d'extrait.";
    BankTitle => "Bank statements", "Bankuittreksels", "Extraits bancaires";
    BankIntro => "Import the club's statements as CAMT.053 (XML) or CODA. Payments with the invoice's structured communication are matched; the others wait below.", "Lees de uittreksels van de club in als CAMT.053 (XML) of CODA. Betalingen met de gestructureerde mededeling van de factuur worden afgestemd; de andere wachten hieronder.", "Importez les extraits du club en CAMT.053 (XML) ou CODA. Les paiements portant la communication structurée de la facture sont rapprochés ; les autres attendent ci-dessous.";
    BankAccount => "Club account: {iban}", "Rekening van de club: {iban}", "Compte du club : {iban}";
    BankNoAccount => "No bank account set for the club yet.", "Nog geen bankrekening ingesteld voor de club.", "Aucun compte bancaire défini pour le club.";
    BankFile => "Statement file (CAMT.053 or CODA)", "Uittrekselbestand (CAMT.053 of CODA)", "Fichier d'extrait (CAMT.053 ou CODA)";
    BankImport => "Import statement", "Uittreksel inlezen", "Importer l'extrait";
    BankImported => "Statement imported: {new} new lines of {total}, {matched} matched, {suggested} to confirm, {unmatched} in the queue.", "Uittreksel ingelezen: {new} nieuwe lijnen van {total}, {matched} afgestemd, {suggested} te bevestigen, {unmatched} in de wachtrij.", "Extrait importé : {new} nouvelles lignes sur {total}, {matched} rapprochées, {suggested} à confirmer, {unmatched} en attente.";
    BankAlready => "This statement was imported before: nothing changed.", "Dit uittreksel werd al eerder ingelezen: er veranderde niets.", "Cet extrait a déjà été importé : rien n'a changé.";
    BankQueue => "Waiting for you", "Wacht op jou", "En attente";
    BankQueueEmpty => "No line waits: every payment is matched.", "Geen lijn wacht: elke betaling is afgestemd.", "Aucune ligne en attente : chaque paiement est rapproché.";
    BankStatements => "Statements imported", "Ingelezen uittreksels", "Extraits importés";
    BankNoStatements => "No statement imported yet.", "Nog geen uittreksel ingelezen.", "Aucun extrait importé.";
    BankDay => "Booked", "Geboekt", "Comptabilisé";
    BankAmount => "Amount", "Bedrag", "Montant";
    BankPayer => "Payer", "Betaler", "Payeur";
    BankCommunication => "Communication", "Mededeling", "Communication";
    BankState => "State", "Status", "État";
    BankInvoice => "Invoice", "Factuur", "Facture";
    BankLines => "{n} lines, {new} new", "{n} lijnen, {new} nieuw", "{n} lignes, {new} nouvelles";
    BankShow => "Show lines", "Lijnen tonen", "Voir les lignes";
    BankStateMatched => "Matched", "Afgestemd", "Rapprochée";
    BankStateSuggested => "To confirm", "Te bevestigen", "À confirmer";
    BankStateUnmatched => "Not matched", "Niet afgestemd", "Non rapprochée";
    BankStateNotFee => "Not a fee", "Geen lidgeld", "Pas une cotisation";
    BankStateDebit => "Money out", "Uitgaand", "Sortie";
    BankOutcomePaid => "paid", "betaald", "payée";
    BankOutcomePartial => "partly paid", "deels betaald", "payée en partie";
    BankOutcomeOverpaid => "overpaid", "te veel betaald", "payée en trop";
    BankOutcomeDouble => "paid twice", "dubbel betaald", "payée deux fois";
    BankOgmInvalid => "Structured communication with wrong check digits", "Gestructureerde mededeling met foute controlecijfers", "Communication structurée aux chiffres de contrôle erronés";
    BankConfirm => "Confirm", "Bevestigen", "Confirmer";
    BankAssign => "Assign", "Toewijzen", "Attribuer";
    BankAssignTo => "Invoice (structured communication or number)", "Factuur (gestructureerde mededeling of nummer)", "Facture (communication structurée ou numéro)";
    BankSetAside => "Not a fee", "Geen lidgeld", "Pas une cotisation";
    BankRelease => "Undo", "Ongedaan maken", "Annuler";
    BankManualTitle => "Payments by hand", "Betalingen met de hand", "Paiements à la main";
    BankManualIntro => "Record a payment that is not on a statement, such as cash.", "Noteer een betaling die niet op een uittreksel staat, zoals contant geld.", "Enregistrez un paiement absent des extraits, comme des espèces.";
    BankPaidOn => "Paid on", "Betaald op", "Payé le";
    BankMethod => "Way", "Manier", "Moyen";
    BankMethodCash => "Cash", "Contant", "Espèces";
    BankMethodManual => "Other", "Andere", "Autre";
    BankNote => "Note", "Notitie", "Note";
    BankRecord => "Record payment", "Betaling noteren", "Enregistrer le paiement";
    BankRemove => "Remove", "Verwijderen", "Supprimer";
    BankDone => "Done.", "Klaar.", "C'est fait.";
    FilterUnpaid => "Unpaid this season", "Niet betaald dit seizoen", "Non payé cette saison";
    BankMemberTitle => "Fees and payments", "Lidgeld en betalingen", "Cotisations et paiements";
    BankDue => "Due", "Vervalt", "Échéance";
    BankStatusOpen => "not paid", "niet betaald", "non payée";
    BankStatusClosed => "credited or cancelled", "gecrediteerd of geannuleerd", "créditée ou annulée";
    // affiliations
    AffFieldGivenName => "Given name", "Voornaam", "Prénom";
    AffFieldFamilyName => "Family name", "Familienaam", "Nom de famille";
    AffFieldBirthDate => "Date of birth", "Geboortedatum", "Date de naissance";
    AffFieldGender => "Gender", "Geslacht", "Genre";
    AffFieldEmail => "E-mail address", "E-mailadres", "Adresse e-mail";
    AffFieldPhone => "Phone", "Telefoon", "Téléphone";
    AffFieldAddress => "Address", "Adres", "Adresse";
    AffKindText => "Text", "Tekst", "Texte";
    AffKindNumber => "Number", "Getal", "Nombre";
    AffKindDate => "Date", "Datum", "Date";
    AffKindChoice => "Choice", "Keuze", "Choix";
    AffKindYesNo => "Yes / no", "Ja / nee", "Oui / non";
    AffErrFieldKey => "a key of lower-case letters, digits and _ (at most 40)", "een sleutel van kleine letters, cijfers en _ (hoogstens 40)", "une clé en minuscules, chiffres et _ (40 au plus)";
    AffErrFieldLabel => "a label of 1 to 80 characters", "een label van 1 tot 80 tekens", "un libellé de 1 à 80 caractères";
    AffErrFieldKind => "choose a kind of field", "kies een soort veld", "choisissez un type de champ";
    AffErrFieldChoices => "a choice needs 1 to 50 options of at most 80 characters", "een keuze heeft 1 tot 50 opties van hoogstens 80 tekens nodig", "un choix demande 1 à 50 options de 80 caractères au plus";
    AffErrFieldTaken => "the federation has a field with this key already", "de federatie heeft al een veld met deze sleutel", "la fédération a déjà un champ avec cette clé";
    AffErrTooManyFields => "A federation keeps at most {max} fields of its own.", "Een federatie houdt hoogstens {max} eigen velden bij.", "Une fédération garde au plus {max} champs propres.";
    AffErrUnknownField => "choose among the standard fields and the federation's current fields", "kies uit de standaardvelden en de huidige velden van de federatie", "choisissez parmi les champs standard et les champs actuels de la fédération";
    AffErrNoFields => "choose at least one field", "kies minstens één veld", "choisissez au moins un champ";
    AffErrNoSuchClub => "no club of the platform has this address", "geen club van het platform heeft dit adres", "aucun club de la plateforme n'a cette adresse";
    AffErrNotAFederation => "no federation of the platform has this address", "geen federatie van het platform heeft dit adres", "aucune fédération de la plateforme n'a cette adresse";
    AffErrAlreadyActive => "This club is affiliated to this federation already.", "Deze club is al bij deze federatie aangesloten.", "Ce club est déjà affilié à cette fédération.";
    AffErrAlreadyOpen => "An invitation or a request between this club and this federation is waiting already.", "Er wacht al een uitnodiging of aanvraag tussen deze club en deze federatie.", "Une invitation ou une demande entre ce club et cette fédération attend déjà.";
    AffErrReasonNeeded => "give a reason", "geef een reden op", "indiquez une raison";
    AffErrReasonLong => "at most {max} characters", "hoogstens {max} tekens", "{max} caractères au plus";
    AffErrNotWaiting => "This invitation or request was answered already.", "Op deze uitnodiging of aanvraag werd al geantwoord.", "Il a déjà été répondu à cette invitation ou demande.";
    AffErrNotOpen => "This affiliation has ended.", "Deze aansluiting is beëindigd.", "Cette affiliation a pris fin.";
    AffErrTermsAccepted => "These terms were accepted already; nothing waits for acceptance.", "Deze voorwaarden werden al aanvaard; er wacht niets op aanvaarding.", "Ces conditions ont déjà été acceptées ; rien n'attend d'acceptation.";
    AffErrTermsStale => "The federation proposed other terms meanwhile: read the current version and accept that one.", "De federatie stelde intussen andere voorwaarden voor: lees de huidige versie en aanvaard die.", "La fédération a proposé d'autres conditions entre-temps : lisez la version actuelle et acceptez celle-là.";
    AffMailBody => "{what}\n\nSee and answer it here: {link}", "{what}\n\nBekijk en beantwoord het hier: {link}", "{what}\n\nConsultez et répondez ici : {link}";
    AffMailInvited => "{from} invites your club to affiliate", "{from} nodigt uw club uit om aan te sluiten", "{from} invite votre club à s'affilier";
    AffMailRequested => "{from} asks to join your federation", "{from} vraagt om bij uw federatie aan te sluiten", "{from} demande à rejoindre votre fédération";
    AffMailAccepted => "{from} accepted the affiliation", "{from} aanvaardde de aansluiting", "{from} a accepté l'affiliation";
    AffMailRefused => "{from} refused the affiliation", "{from} weigerde de aansluiting", "{from} a refusé l'affiliation";
    AffMailTerms => "{from} proposes data-sharing terms", "{from} stelt voorwaarden voor het delen van gegevens voor", "{from} propose des conditions de partage de données";
    AffMailLeft => "{from} left the federation", "{from} verliet de federatie", "{from} a quitté la fédération";
    AffTitle => "Federations", "Federaties", "Fédérations";
    AffIntro => "The federations your club belongs to and the member data it agreed to share with each. Nothing is shared before your administrator accepts the terms.", "De federaties waarbij uw club aangesloten is en de ledengegevens die ze met elk ervan deelt. Niets wordt gedeeld voordat uw beheerder de voorwaarden aanvaardt.", "Les fédérations auxquelles votre club est affilié et les données de membres qu'il a accepté de partager avec chacune. Rien n'est partagé avant que votre administrateur accepte les conditions.";
    AffNone => "No federations yet.", "Nog geen federaties.", "Pas encore de fédération.";
    AffAskTitle => "Ask to join a federation", "Vragen om bij een federatie aan te sluiten", "Demander à rejoindre une fédération";
    AffAskLabel => "Federation", "Federatie", "Fédération";
    AffAskButton => "Send the request", "Aanvraag versturen", "Envoyer la demande";
    AffStatusInvited => "Invited", "Uitgenodigd", "Invité";
    AffStatusRequested => "Requested", "Aangevraagd", "Demandé";
    AffStatusActive => "Affiliated", "Aangesloten", "Affilié";
    AffStatusRefused => "Refused", "Geweigerd", "Refusé";
    AffStatusEnded => "Ended", "Beëindigd", "Terminé";
    AffShared => "Shared now", "Nu gedeeld", "Partagé actuellement";
    AffSharedNothing => "Nothing is shared: no terms accepted.", "Niets wordt gedeeld: geen voorwaarden aanvaard.", "Rien n'est partagé : aucune condition acceptée.";
    AffAcceptedOn => "Version {version}, accepted on {date} by {name}.", "Versie {version}, aanvaard op {date} door {name}.", "Version {version}, acceptée le {date} par {name}.";
    AffProposed => "Proposed terms, version {version}", "Voorgestelde voorwaarden, versie {version}", "Conditions proposées, version {version}";
    AffProposedNote => "Until your administrator accepts them, only the fields accepted before are shared.", "Tot uw beheerder ze aanvaardt, worden enkel de eerder aanvaarde velden gedeeld.", "Tant que votre administrateur ne les accepte pas, seuls les champs acceptés auparavant sont partagés.";
    AffAcceptTerms => "Accept these terms", "Deze voorwaarden aanvaarden", "Accepter ces conditions";
    AffWaitingClub => "Waits for the club's acceptance", "Wacht op aanvaarding door de club", "Attend l'acceptation du club";
    AffAccept => "Accept", "Aanvaarden", "Accepter";
    AffRefuse => "Refuse", "Weigeren", "Refuser";
    AffReason => "Reason", "Reden", "Raison";
    AffLeave => "Leave this federation", "Deze federatie verlaten", "Quitter cette fédération";
    AffWithdraw => "Withdraw", "Intrekken", "Retirer";
    AffSince => "Since {date}", "Sinds {date}", "Depuis le {date}";
    AffEndedOn => "Ended on {date}", "Beëindigd op {date}", "Terminée le {date}";
    AffReasonShown => "Reason: {reason}", "Reden: {reason}", "Raison : {reason}";
    AffDone => "Done.", "Gedaan.", "C'est fait.";
    AffHistory => "History", "Geschiedenis", "Historique";
    AffFedTitle => "Clubs and affiliations", "Clubs en aansluitingen", "Clubs et affiliations";
    AffInviteTitle => "Invite a club", "Een club uitnodigen", "Inviter un club";
    AffInviteLabel => "Club (its address, e.g. vc-example-town)", "Club (zijn adres, bv. vc-voorbeeld-gemeente)", "Club (son adresse, p. ex. vc-exemple-commune)";
    AffInviteButton => "Send the invitation", "Uitnodiging versturen", "Envoyer l'invitation";
    AffProposeTitle => "Propose sharing terms", "Deelvoorwaarden voorstellen", "Proposer des conditions de partage";
    AffProposeButton => "Propose as a new version", "Als nieuwe versie voorstellen", "Proposer comme nouvelle version";
    AffFieldsTitle => "The federation's own fields", "Eigen velden van de federatie", "Champs propres de la fédération";
    AffFieldsNone => "No fields of its own yet.", "Nog geen eigen velden.", "Pas encore de champ propre.";
    AffFieldKey => "Key", "Sleutel", "Clé";
    AffFieldLabelLabel => "Label", "Label", "Libellé";
    AffFieldKindLabel => "Kind", "Soort", "Type";
    AffFieldChoices => "Options (separated by ;)", "Opties (gescheiden door ;)", "Options (séparées par ;)";
    AffFieldRequired => "Required for a licence", "Verplicht voor een vergunning", "Obligatoire pour une licence";
    AffFieldAdd => "Add the field", "Veld toevoegen", "Ajouter le champ";
    AffArchive => "Archive", "Archiveren", "Archiver";
    AffRestore => "Restore", "Terugzetten", "Restaurer";
    AffArchived => "archived", "gearchiveerd", "archivé";
    AffClubsLink => "Clubs and affiliations", "Clubs en aansluitingen", "Clubs et affiliations";
    AffOperatorTitle => "Affiliations", "Aansluitingen", "Affiliations";
    AffOperatorHelp => "Sets or ends an affiliation directly. The sharing terms stay the club's to accept.", "Zet of beëindigt een aansluiting rechtstreeks. De deelvoorwaarden blijven door de club te aanvaarden.", "Établit ou met fin directement à une affiliation. Les conditions de partage restent à accepter par le club.";
    AffOperatorSet => "Affiliate", "Aansluiten", "Affilier";
    AffOperatorEnd => "End the affiliation", "Aansluiting beëindigen", "Mettre fin à l'affiliation";
    EvAffInvited => "Affiliation: invitation", "Aansluiting: uitnodiging", "Affiliation : invitation";
    EvAffRequested => "Affiliation: request", "Aansluiting: aanvraag", "Affiliation : demande";
    EvAffAccepted => "Affiliation accepted", "Aansluiting aanvaard", "Affiliation acceptée";
    EvAffRefused => "Affiliation refused", "Aansluiting geweigerd", "Affiliation refusée";
    EvAffTermsProposed => "Sharing terms proposed", "Deelvoorwaarden voorgesteld", "Conditions de partage proposées";
    EvAffTermsAccepted => "Sharing terms accepted", "Deelvoorwaarden aanvaard", "Conditions de partage acceptées";
    EvAffEnded => "Affiliation ended", "Aansluiting beëindigd", "Affiliation terminée";
    EvAffSet => "Affiliation set by the operator", "Aansluiting ingesteld door de operator", "Affiliation établie par l'opérateur";
    // renewal
    CertErrSignatureEmpty => "choose the image of the signature", "kies de afbeelding van de handtekening", "choisissez l'image de la signature";
    CertErrSignatureTooBig => "the image is larger than {max} KiB, the most a signature may be", "de afbeelding is groter dan {max} KiB, het maximum voor een handtekening", "l'image dépasse {max} Kio, le maximum pour une signature";
    CertErrSignatureType => "the signature must be a PNG or JPEG image; this file's content is neither", "de handtekening moet een PNG- of JPEG-afbeelding zijn; de inhoud van dit bestand is geen van beide", "la signature doit être une image PNG ou JPEG ; le contenu de ce fichier n'est ni l'un ni l'autre";
    CertErrSignatureDamaged => "this image cannot be read: save it as an 8-bit PNG (not interlaced) or a JPEG and try again", "deze afbeelding kan niet gelezen worden: bewaar ze als 8-bit-PNG (niet interlaced) of als JPEG en probeer opnieuw", "cette image ne peut pas être lue : enregistrez-la en PNG 8 bits (non entrelacé) ou en JPEG et réessayez";
    CertErrSignatureSize => "the image must be between {min} and {max} pixels on each side", "de afbeelding moet aan elke kant tussen {min} en {max} pixels zijn", "l'image doit mesurer entre {min} et {max} pixels de chaque côté";
    CertErrNotPaid => "There is no certificate for {season}: that season is not paid (yet). A certificate is issued once the season's invoice is paid.", "Er is geen attest voor {season}: dat seizoen is (nog) niet betaald. Een attest wordt afgeleverd zodra de factuur van het seizoen betaald is.", "Il n'y a pas d'attestation pour {season} : cette saison n'est pas (encore) payée. Une attestation est délivrée dès que la facture de la saison est payée.";
    CertErrChangedMeanwhile => "Someone changed the certificate settings in the meantime. Reload the page and try again.", "Iemand heeft de instellingen van de attesten intussen gewijzigd. Laad de pagina opnieuw en probeer het nog eens.", "Quelqu'un a modifié les réglages des attestations entre-temps. Rechargez la page et réessayez.";
    CertErrMultipart => "send the signature with the form on this page", "stuur de handtekening met het formulier op deze pagina", "envoyez la signature avec le formulaire de cette page";
    CertPdfTitle => "Certificate of membership fee payment", "Attest van betaling van het lidgeld", "Attestation de paiement de la cotisation";
    CertPdfIntro => "For the member's health insurer (mutuality), for the refund of part of a sports club's membership fee.", "Voor het ziekenfonds van het lid, voor de terugbetaling van een deel van het lidgeld van een sportclub.", "Pour la mutualité du membre, pour le remboursement d'une partie de la cotisation à un club sportif.";
    CertPdfClub => "Club", "Club", "Club";
    CertPdfMember => "Member", "Lid", "Membre";
    CertPdfBirthDate => "Date of birth", "Geboortedatum", "Date de naissance";
    CertPdfAddress => "Address", "Adres", "Adresse";
    CertPdfNationalNumber => "National register no.", "Rijksregisternummer", "N° de registre national";
    CertPdfPeriod => "Period", "Periode", "Période";
    CertPdfAmount => "Amount paid", "Betaald bedrag", "Montant payé";
    CertPdfPaidOn => "Date paid", "Betaald op", "Payé le";
    CertPdfStatement => "{club} declares that {member} is a member and paid the fee above for this period.", "{club} verklaart dat {member} lid is en het bovenstaande lidgeld voor deze periode betaald heeft.", "{club} déclare que {member} est membre et a payé la cotisation ci-dessus pour cette période.";
    CertPdfIssued => "Issued on {date}.", "Afgeleverd op {date}.", "Délivré le {date}.";
    CertMineTitle => "Health-insurer certificates", "Attesten voor het ziekenfonds", "Attestations pour la mutualité";
    CertMineIntro => "For each season paid, a filled-in certificate for your health insurer (mutuality). Each download is recorded.", "Voor elk betaald seizoen een ingevuld attest voor uw ziekenfonds. Elke download wordt bijgehouden.", "Pour chaque saison payée, une attestation complétée pour votre mutualité. Chaque téléchargement est enregistré.";
    CertDownload => "Download the certificate (PDF)", "Attest downloaden (pdf)", "Télécharger l'attestation (PDF)";
    CertNone => "No paid season yet: a certificate can be downloaded once a season's invoice is paid.", "Nog geen betaald seizoen: een attest kan gedownload worden zodra de factuur van een seizoen betaald is.", "Pas encore de saison payée : une attestation peut être téléchargée dès que la facture d'une saison est payée.";
    CertSettingsTitle => "Health-insurer certificates", "Attesten voor het ziekenfonds", "Attestations pour la mutualité";
    CertSettingsIntro => "Who signs the certificates members download for their health insurer, and the image of the signature printed on them.", "Wie de attesten ondertekent die leden voor hun ziekenfonds downloaden, en de afbeelding van de handtekening die erop gedrukt wordt.", "Qui signe les attestations que les membres téléchargent pour leur mutualité, et l'image de la signature qui y est imprimée.";
    CertOfficerName => "Name of the signing officer", "Naam van de ondertekenaar", "Nom du signataire";
    CertOfficerRole => "Their role in the club", "Functie in de club", "Fonction dans le club";
    CertSignatureLabel => "Signature image (PNG or JPEG)", "Afbeelding van de handtekening (PNG of JPEG)", "Image de la signature (PNG ou JPEG)";
    CertSignatureHelp => "At most {max} KiB; a scan or photo of the signature on a white background.", "Hoogstens {max} KiB; een scan of foto van de handtekening op een witte achtergrond.", "Au plus {max} Kio ; un scan ou une photo de la signature sur fond blanc.";
    CertSignatureStored => "A signature image is stored.", "Er is een afbeelding van de handtekening bewaard.", "Une image de la signature est enregistrée.";
    CertSignatureNone => "No signature image yet: certificates are printed without one.", "Nog geen afbeelding van de handtekening: attesten worden zonder gedrukt.", "Pas encore d'image de la signature : les attestations sont imprimées sans.";
    CertSave => "Save", "Bewaren", "Enregistrer";
    CertUpload => "Upload the signature", "Handtekening opladen", "Envoyer la signature";
    CertNationalNumberUsed => "The national register number is printed from the club's field “{field}”.", "Het rijksregisternummer wordt gedrukt uit het clubveld “{field}”.", "Le numéro de registre national est imprimé depuis le champ du club « {field} ».";
    CertNationalNumberNone => "The club keeps no national register number (no field of that kind): certificates are printed without it. Add a field of kind “national register number” to print it.", "De club houdt geen rijksregisternummer bij (geen veld van die soort): attesten worden zonder gedrukt. Voeg een veld van de soort “rijksregisternummer” toe om het te drukken.", "Le club ne tient pas de numéro de registre national (aucun champ de ce type) : les attestations sont imprimées sans. Ajoutez un champ de type « numéro de registre national » pour l'imprimer.";
    CertSaved => "The certificate settings were saved.", "De instellingen van de attesten zijn bewaard.", "Les réglages des attestations ont été enregistrés.";
    FeesNavCertificates => "Certificates", "Attesten", "Attestations";
    FeesNavRenewal => "Renewal", "Hernieuwing", "Renouvellement";
    RenewalTitle => "Season renewal", "Seizoenshernieuwing", "Renouvellement de saison";
    RenewalIntro => "Open renewal into a new season for a selection of the register: each member (or a guardian, for a child) gets a link to confirm their details and consents. Members who do not renew end on the date you set.", "Open de hernieuwing naar een nieuw seizoen voor een selectie uit het register: elk lid (of een ouder, voor een kind) krijgt een link om zijn gegevens en toestemmingen te bevestigen. Leden die niet hernieuwen, eindigen op de datum die u kiest.", "Ouvrez le renouvellement vers une nouvelle saison pour une sélection du registre : chaque membre (ou un parent, pour un enfant) reçoit un lien pour confirmer ses données et ses consentements. Les membres qui ne renouvellent pas prennent fin à la date choisie.";
    RenewalOpen => "Open renewal and send the links", "Hernieuwing openen en de links versturen", "Ouvrir le renouvellement et envoyer les liens";
    RenewalSeason => "Into season", "Naar seizoen", "Vers la saison";
    RenewalEndsOn => "Members who have not renewed end on", "Leden die niet hernieuwd hebben, eindigen op", "Les membres qui n'ont pas renouvelé prennent fin le";
    RenewalFilter => "Who (register filter)", "Wie (registerfilter)", "Qui (filtre du registre)";
    RenewalFilterHelp => "Empty for every active member; otherwise as in the register's address, e.g. status=active&type=Youth.", "Leeg voor elk actief lid; anders zoals in het adres van het register, bv. status=active&type=Youth.", "Vide pour chaque membre actif ; sinon comme dans l'adresse du registre, p. ex. status=active&type=Youth.";
    RenewalRenewed => "Renewed", "Hernieuwd", "Renouvelé";
    RenewalPending => "Not answered", "Niet geantwoord", "Sans réponse";
    RenewalDeclined => "Left", "Vertrokken", "Parti";
    RenewalEnded => "ended", "beëindigd", "terminé";
    RenewalNone => "No renewal opened yet.", "Nog geen hernieuwing geopend.", "Aucun renouvellement ouvert.";
    RenewalNoSeason => "The club has no season yet: add the new season first.", "De club heeft nog geen seizoen: voeg eerst het nieuwe seizoen toe.", "Le club n'a pas encore de saison : ajoutez d'abord la nouvelle saison.";
    RenewalOpenedOn => "Opened on {at}", "Geopend op {at}", "Ouvert le {at}";
    RenewalOpenedCount => "Renewal opened: {n} links sent.", "Hernieuwing geopend: {n} links verstuurd.", "Renouvellement ouvert : {n} liens envoyés.";
    ErrRenewalTwice => "Renewal into {season} is already open for these members; nothing was changed.", "De hernieuwing naar {season} is al geopend voor deze leden; er werd niets gewijzigd.", "Le renouvellement vers {season} est déjà ouvert pour ces membres ; rien n'a été modifié.";
    ErrRenewalNobody => "Nobody in this selection can be asked: no active member, or none with an e-mail address (theirs or a guardian's).", "Niemand in deze selectie kan gevraagd worden: geen actief lid, of geen met een e-mailadres (van henzelf of van een ouder).", "Personne dans cette sélection ne peut être sollicité : aucun membre actif, ou aucun avec une adresse e-mail (la sienne ou celle d'un parent).";
    ErrRenewalEndsOn => "choose the day members who have not renewed end, within the new season", "kies de dag waarop leden die niet hernieuwd hebben eindigen, binnen het nieuwe seizoen", "choisissez le jour où les membres qui n'ont pas renouvelé prennent fin, dans la nouvelle saison";
    ErrRenewalLink => "This renewal link is not valid any more: it was used, it expired, or it was cut off. Ask the club for a new one.", "Deze hernieuwingslink is niet meer geldig: hij werd gebruikt, is verlopen of werd afgeknipt. Vraag de club om een nieuwe.", "Ce lien de renouvellement n'est plus valable : il a été utilisé, a expiré ou a été tronqué. Demandez-en un nouveau au club.";
    ErrRenewalAnswered => "This renewal was answered already; nothing was changed.", "Deze hernieuwing werd al beantwoord; er werd niets gewijzigd.", "Ce renouvellement a déjà reçu une réponse ; rien n'a été modifié.";
    RenewalMailSubject => "{club}: renew for {season}", "{club}: hernieuwen voor {season}", "{club} : renouveler pour {season}";
    RenewalMailBody => "Hello,\n\n{club} opens the season {season}. Confirm the details and consents of {name} and renew with this link (valid for 60 days), or tell the club you leave:\n\n{link}\n\nThe invoice for the new season follows once renewed.", "Hallo,\n\n{club} opent het seizoen {season}. Bevestig de gegevens en toestemmingen van {name} en hernieuw met deze link (60 dagen geldig), of laat de club weten dat u vertrekt:\n\n{link}\n\nDe factuur voor het nieuwe seizoen volgt na de hernieuwing.", "Bonjour,\n\n{club} ouvre la saison {season}. Confirmez les données et consentements de {name} et renouvelez avec ce lien (valable 60 jours), ou dites au club que vous partez :\n\n{link}\n\nLa facture de la nouvelle saison suit le renouvellement.";
    RenewalConfirmTitle => "Renew for {season}", "Hernieuwen voor {season}", "Renouveler pour {season}";
    RenewalConfirmIntro => "{club} asks {name} to confirm their details and consents for the new season.", "{club} vraagt {name} om zijn gegevens en toestemmingen voor het nieuwe seizoen te bevestigen.", "{club} demande à {name} de confirmer ses données et consentements pour la nouvelle saison.";
    RenewalDetails => "Details on record (change them on your page in the club after signing in)", "Bewaarde gegevens (wijzig ze op uw pagina in de club na het aanmelden)", "Données enregistrées (modifiez-les sur votre page du club après connexion)";
    RenewalConsents => "Consents for the new season", "Toestemmingen voor het nieuwe seizoen", "Consentements pour la nouvelle saison";
    RenewalConfirmButton => "Confirm and renew", "Bevestigen en hernieuwen", "Confirmer et renouveler";
    RenewalDeclineButton => "I do not renew (I leave the club)", "Ik hernieuw niet (ik verlaat de club)", "Je ne renouvelle pas (je quitte le club)";
    RenewalThanks => "Thank you: the renewal for {season} is recorded. The invoice for the new season follows by mail.", "Dank u: de hernieuwing voor {season} is geregistreerd. De factuur voor het nieuwe seizoen volgt per mail.", "Merci : le renouvellement pour {season} est enregistré. La facture de la nouvelle saison suit par courriel.";
    RenewalLeftDone => "Recorded: {name} does not renew for {season}. The membership ends at the end of the renewal period.", "Geregistreerd: {name} hernieuwt niet voor {season}. Het lidmaatschap eindigt aan het einde van de hernieuwingsperiode.", "Enregistré : {name} ne renouvelle pas pour {season}. L'affiliation prend fin à la fin de la période de renouvellement.";
    RenewalStateLabel => "Answer", "Antwoord", "Réponse";
    // xfer18
    FedReadQueryTooLong => "The search is too long (at most 100 characters).", "De zoekopdracht is te lang (hoogstens 100 tekens).", "La recherche est trop longue (100 caractères au plus).";
    FedReadNotAffiliated => "That club is not affiliated with the federation, or shares nothing with it.", "Die club is niet bij de federatie aangesloten of deelt niets met haar.", "Ce club n'est pas affilié à la fédération ou ne partage rien avec elle.";
    FedPeopleTitle => "Licensed members", "Vergunde leden", "Membres licenciés";
    FedPeopleHelp => "Search by the start of the family name or by licence number. Only the fields each club shares are shown, and every result page you see is recorded in the club's event log.", "Zoek op het begin van de familienaam of op vergunningsnummer. Alleen de velden die elke club deelt worden getoond, en elke resultatenpagina die u ziet wordt in het logboek van de club opgetekend.", "Recherchez par le début du nom de famille ou par numéro de licence. Seuls les champs partagés par chaque club sont affichés, et chaque page de résultats consultée est consignée dans le journal du club.";
    FedPeopleQuery => "Family name or licence number", "Familienaam of vergunningsnummer", "Nom de famille ou numéro de licence";
    FedPeopleAllClubs => "All clubs", "Alle clubs", "Tous les clubs";
    FedPeopleClubTyped => "Club (its name; empty for all clubs; a club's name in the results filters on it)", "Club (de naam; leeg voor alle clubs; de naam van een club in de resultaten filtert erop)", "Club (son nom ; vide pour tous les clubs ; le nom d'un club dans les résultats filtre sur lui)";
    FedPeopleClubAmbiguous => "Several clubs have that name: follow the club's name in a result row instead.", "Meerdere clubs hebben die naam: volg in de plaats de naam van de club in een resultaatrij.", "Plusieurs clubs portent ce nom : suivez plutôt le nom du club dans une ligne de résultat.";
    FedPeopleNone => "No licensed member matches.", "Geen vergund lid gevonden.", "Aucun membre licencié ne correspond.";
    FedLicenceNumber => "Licence number", "Vergunningsnummer", "Numéro de licence";
    FedNotShared => "not shared", "niet gedeeld", "non partagé";
    FedPeopleExport => "Export these results (CSV, logged in each club)", "Deze resultaten exporteren (CSV, gelogd bij elke club)", "Exporter ces résultats (CSV, journalisé dans chaque club)";
    FedPersonFields => "Shared fields", "Gedeelde velden", "Champs partagés";
    FedPersonNoFields => "The club shares no personal field.", "De club deelt geen persoonlijk veld.", "Le club ne partage aucun champ personnel.";
    FedLicences => "Licences", "Vergunningen", "Licences";
    FedSeason => "Season", "Seizoen", "Saison";
    FedCategory => "Category", "Categorie", "Catégorie";
    FedStatus => "Status", "Status", "Statut";
    FedPersonLogged => "Opening this page was recorded in the club's event log.", "Het openen van deze pagina werd in het logboek van de club opgetekend.", "L'ouverture de cette page a été consignée dans le journal du club.";
    FedNextPage => "Next page", "Volgende pagina", "Page suivante";
    FedPrevPage => "Previous page", "Vorige pagina", "Page précédente";
    EvFederationRead => "Read by the federation", "Ingezien door de federatie", "Consulté par la fédération";
    FedReadSearch => "{federation}: a search result page with {n} of your members: {names}", "{federation}: een resultatenpagina met {n} van uw leden: {names}", "{federation} : une page de résultats avec {n} de vos membres : {names}";
    FedReadPerson => "{federation}: opened {names}", "{federation}: {names} geopend", "{federation} : a ouvert {names}";
    FedReadExport => "{federation}: exported {n} of your members", "{federation}: {n} van uw leden geëxporteerd", "{federation} : a exporté {n} de vos membres";
    FedReadsAboutYou => "Reads of your data by a federation, recorded in the club's event log: {n}", "Inzages van uw gegevens door een federatie, opgetekend in het logboek van de club: {n}", "Consultations de vos données par une fédération, consignées dans le journal du club : {n}";
    // xfer18: transfers
    ErrTransferReasonRequired => "Give a reason.", "Geef een reden op.", "Indiquez une raison.";
    ErrTransferReasonTooLong => "The reason is too long (at most 1,000 characters).", "De reden is te lang (hoogstens 1.000 tekens).", "La raison est trop longue (1 000 caractères au plus).";
    ErrTransferWindowDates => "Give an opening and a closing date (YYYY-MM-DD), the closing date not before the opening date.", "Geef een begin- en einddatum (JJJJ-MM-DD), de einddatum niet vóór de begindatum.", "Indiquez une date d'ouverture et de clôture (AAAA-MM-JJ), la clôture pas avant l'ouverture.";
    ErrTransferObjectionDays => "The objection period is 1 to 60 days.", "De bezwaartermijn is 1 tot 60 dagen.", "Le délai d'opposition est de 1 à 60 jours.";
    ErrTransferOutsideWindow => "Transfers are closed: today is outside every transfer window of the federation.", "Transfers zijn gesloten: vandaag valt buiten elke transferperiode van de federatie.", "Les transferts sont fermés : aujourd'hui est en dehors de toute période de transfert de la fédération.";
    ErrTransferNoLicence => "No licensed person with that licence number and birth date in your federations.", "Geen vergunde persoon met dat vergunningsnummer en die geboortedatum in uw federaties.", "Aucune personne licenciée avec ce numéro de licence et cette date de naissance dans vos fédérations.";
    ErrTransferSameClub => "The person is already in this club.", "De persoon is al lid van deze club.", "La personne est déjà dans ce club.";
    ErrTransferOtherFederation => "Transfers go only between clubs affiliated with the same federation.", "Transfers gaan alleen tussen clubs die bij dezelfde federatie aangesloten zijn.", "Les transferts ne se font qu'entre clubs affiliés à la même fédération.";
    ErrTransferOpen => "This person already has a transfer in progress.", "Voor deze persoon loopt al een transfer.", "Un transfert est déjà en cours pour cette personne.";
    ErrTransferState => "This transfer is not at that step any more.", "Deze transfer is niet meer in die stap.", "Ce transfert n'en est plus à cette étape.";
    ErrTransferAnswerLate => "The objection period is over: the transfer counts as released.", "De bezwaartermijn is voorbij: de transfer geldt als vrijgegeven.", "Le délai d'opposition est écoulé : le transfert est considéré comme libéré.";
    // templates
    ErrTemplateName => "a template's name is 1 to {max} characters on one line", "de naam van een sjabloon telt 1 tot {max} tekens op één regel", "le nom d'un modèle compte de 1 à {max} caractères sur une ligne";
    ErrTemplateNoPermission => "a role template names at least one permission", "een rolsjabloon noemt minstens één recht", "un modèle de rôle nomme au moins un droit";
    ErrTemplateFieldCount => "a fields template holds 1 to {max} fields", "een veldensjabloon bevat 1 tot {max} velden", "un modèle de champs contient de 1 à {max} champs";
    ErrTemplateNameTaken => "there is already a template of this kind with this name", "er bestaat al een sjabloon van deze soort met deze naam", "un modèle de ce type porte déjà ce nom";
    ErrTemplateKindFixed => "a new version keeps the template's kind; publish a new template for another kind", "een nieuwe versie behoudt de soort van het sjabloon; publiceer een nieuw sjabloon voor een andere soort", "une nouvelle version garde le type du modèle ; publiez un nouveau modèle pour un autre type";
    ErrTemplateUnchanged => "this version changes nothing compared with the newest one", "deze versie verandert niets ten opzichte van de nieuwste", "cette version ne change rien par rapport à la plus récente";
    ErrTemplateChanged => "someone published a version of this template meanwhile; reload and try again", "iemand publiceerde intussen een versie van dit sjabloon; laad opnieuw en probeer nog eens", "quelqu'un a publié entre-temps une version de ce modèle ; rechargez et réessayez";
    ErrTemplateNewerExists => "a newer version ({latest}) of this template exists; adopt that one", "er bestaat een nieuwere versie ({latest}) van dit sjabloon; neem die over", "une version plus récente ({latest}) de ce modèle existe ; adoptez celle-là";
    ErrTemplateAdopted => "the club already adopted version {version} of this template", "de club nam versie {version} van dit sjabloon al over", "le club a déjà adopté la version {version} de ce modèle";
    ErrTemplateKind => "choose the kind of template", "kies de soort sjabloon", "choisissez le type de modèle";
    TemplateKindRole => "Role with its permissions", "Rol met zijn rechten", "Rôle et ses droits";
    TemplateKindFields => "Custom fields", "Eigen velden", "Champs personnalisés";
    TemplateKindForm => "Registration form", "Inschrijvingsformulier", "Formulaire d'inscription";
    TemplateKindTerms => "Terms of use", "Gebruiksvoorwaarden", "Conditions d'utilisation";
    TemplateStaffRole => "A staff role (its holders use a second factor)", "Een stafrol (wie ze heeft, gebruikt een tweede factor)", "Un rôle d'encadrement (ses titulaires utilisent un second facteur)";
    TemplatePermissions => "Permissions", "Rechten", "Droits";
    TemplateFieldsHelp => "Fill in one row per field; rows without a label are left out. Options: one per line.", "Vul één rij per veld in; rijen zonder label vallen weg. Keuzes: één per regel.", "Remplissez une ligne par champ ; les lignes sans libellé sont ignorées. Options : une par ligne.";
    TemplateFieldN => "Field {n}", "Veld {n}", "Champ {n}";
    TemplateFieldLabel => "Label", "Label", "Libellé";
    TemplateOptions => "Options (for a choice)", "Keuzes (bij een keuzelijst)", "Options (pour un choix)";
    TemplateVisibility => "Who sees it", "Wie ziet het", "Qui le voit";
    TemplateRequired => "Required", "Verplicht", "Obligatoire";
    TemplateSlug => "Address of the form (lowercase letters, digits, hyphens)", "Adres van het formulier (kleine letters, cijfers, koppeltekens)", "Adresse du formulaire (minuscules, chiffres, traits d'union)";
    TemplateIntro => "Introduction", "Inleiding", "Introduction";
    TemplateAsked => "Questions asked (the name is always asked)", "Gestelde vragen (de naam wordt altijd gevraagd)", "Questions posées (le nom est toujours demandé)";
    TemplateConsent => "Consent text (optional)", "Toestemmingstekst (optioneel)", "Texte de consentement (facultatif)";
    TemplateTermsBody => "Text of the terms", "Tekst van de voorwaarden", "Texte des conditions";
    TemplatePublish => "Publish the template", "Sjabloon publiceren", "Publier le modèle";
    TemplatePublishVersion => "Publish as the next version", "Als volgende versie publiceren", "Publier comme version suivante";
    TemplateName => "Name", "Naam", "Nom";
    TemplateNote => "What changed (optional note)", "Wat veranderde (optionele nota)", "Ce qui a changé (note facultative)";
    TemplatesTitle => "Templates", "Sjablonen", "Modèles";
    TemplatesBack => "Back to the federation", "Terug naar de federatie", "Retour à la fédération";
    TemplatesNone => "No template published yet.", "Nog geen sjabloon gepubliceerd.", "Aucun modèle publié pour l'instant.";
    TemplateVersionCol => "Version", "Versie", "Version";
    TemplatePublished => "Published", "Gepubliceerd", "Publié";
    TemplatesFederationHelp => "Templates give your clubs a common starting point: each affiliated club sees them and adopts a copy it may change. A new version keeps the older ones; clubs see what changed.", "Sjablonen geven je clubs een gemeenschappelijk vertrekpunt: elke aangesloten club ziet ze en neemt een kopie over die ze mag aanpassen. Een nieuwe versie behoudt de oudere; clubs zien wat veranderde.", "Les modèles donnent à vos clubs un point de départ commun : chaque club affilié les voit et en adopte une copie qu'il peut modifier. Une nouvelle version garde les anciennes ; les clubs voient ce qui a changé.";
    TemplatesPublished => "Published templates", "Gepubliceerde sjablonen", "Modèles publiés";
    TemplateNew => "A new template", "Een nieuw sjabloon", "Un nouveau modèle";
    TemplatePublishedDone => "The version was published.", "De versie werd gepubliceerd.", "La version a été publiée.";
    TemplateVersions => "Versions", "Versies", "Versions";
    TemplateVersionN => "Version {n}", "Versie {n}", "Version {n}";
    TemplateNextVersion => "The next version", "De volgende versie", "La version suivante";
    TemplateChangeAdded => "Added: {item} {detail}", "Toegevoegd: {item} {detail}", "Ajouté : {item} {detail}";
    TemplateChangeRemoved => "Removed: {item} {detail}", "Verwijderd: {item} {detail}", "Retiré : {item} {detail}";
    TemplateChangeChanged => "Changed: {item}: {detail}", "Gewijzigd: {item}: {detail}", "Modifié : {item} : {detail}";
    TemplateAdoptedDone => "The template was adopted: the copy is the club's own, change it as you like.", "Het sjabloon werd overgenomen: de kopie is van de club, pas ze gerust aan.", "Le modèle a été adopté : la copie appartient au club, modifiez-la à votre guise.";
    TemplatesNoneForClub => "Your federations have published no template you can adopt.", "Je federaties publiceerden geen sjabloon dat je kunt overnemen.", "Vos fédérations n'ont publié aucun modèle que vous pouvez adopter.";
    TemplateAdoptedLatest => "Adopted (version {n}, the newest).", "Overgenomen (versie {n}, de nieuwste).", "Adopté (version {n}, la plus récente).";
    TemplateNewerVersion => "The club adopted version {n}; version {latest} is newer.", "De club nam versie {n} over; versie {latest} is nieuwer.", "Le club a adopté la version {n} ; la version {latest} est plus récente.";
    TemplateWhatChanged => "What changed", "Wat veranderde", "Ce qui a changé";
    TemplateAdopt => "Adopt a copy", "Een kopie overnemen", "Adopter une copie";
    TemplateContent => "What it holds", "Wat het bevat", "Ce qu'il contient";
    TemplatesClubHelp => "Your federations' templates. Adopting one makes a copy of your club's own (a role, fields, an unpublished form, a new version of your terms), created with your club's usual rules.", "De sjablonen van je federaties. Een sjabloon overnemen maakt een eigen kopie voor je club (een rol, velden, een niet-gepubliceerd formulier, een nieuwe versie van je voorwaarden), aangemaakt volgens de gewone regels van je club.", "Les modèles de vos fédérations. En adopter un crée une copie propre à votre club (un rôle, des champs, un formulaire non publié, une nouvelle version de vos conditions), créée selon les règles habituelles de votre club.";
    UsageTitle => "Usage", "Gebruik", "Utilisation";
    UsageHelp => "Per club and federation: stored records (members; a federation's licensed people), accounts, administrators, active modules and the bytes of stored files (logo, member documents, kept import files). The history keeps the last measurement of each month.", "Per club en federatie: opgeslagen fiches (leden; de vergunde personen van een federatie), accounts, beheerders, actieve modules en de bytes van opgeslagen bestanden (logo, ledendocumenten, bewaarde importbestanden). De geschiedenis bewaart de laatste meting van elke maand.", "Par club et fédération : fiches enregistrées (membres ; les personnes licenciées d'une fédération), comptes, administrateurs, modules actifs et octets des fichiers stockés (logo, documents des membres, fichiers d'import conservés). L'historique garde la dernière mesure de chaque mois.";
    UsageMonth => "Month", "Maand", "Mois";
    UsageTenant => "Club or federation", "Club of federatie", "Club ou fédération";
    UsageMembers => "Records", "Fiches", "Fiches";
    UsageAccounts => "Accounts", "Accounts", "Comptes";
    UsageAdmins => "Administrators", "Beheerders", "Administrateurs";
    UsageModules => "Active modules", "Actieve modules", "Modules actifs";
    UsageStorage => "Stored files", "Opgeslagen bestanden", "Fichiers stockés";
    UsageMeasure => "Measure now", "Nu meten", "Mesurer maintenant";
    UsageCsv => "Download the history (CSV)", "Geschiedenis downloaden (CSV)", "Télécharger l'historique (CSV)";
    UsageHistory => "Monthly history", "Maandelijkse geschiedenis", "Historique mensuel";
    UsageOfMax => "{n} of {max}", "{n} van {max}", "{n} sur {max}";
    UsagePlan => "Plan: {plan}", "Plan: {plan}", "Formule : {plan}";
    UsageOwnTitle => "Usage against the plan", "Gebruik tegenover het plan", "Utilisation par rapport à la formule";
    ErrTemplateNotInPlan => "this template names {permission}, of the module {module}, which this club's plan does not include: nothing was created", "dit sjabloon noemt {permission}, van de module {module}, die niet in het plan van deze club zit: er werd niets aangemaakt", "ce modèle nomme {permission}, du module {module}, que la formule de ce club ne comprend pas : rien n'a été créé";
    // licences
    ErrLicSeasonLength => "a season lasts at most two years", "een seizoen duurt hoogstens twee jaar", "une saison dure au plus deux ans";
    ErrLicSeasonOverlap => "these dates overlap the season {name}", "deze data overlappen met het seizoen {name}", "ces dates chevauchent la saison {name}";
    ErrLicFee => "enter the fee in euro, like 45 or 45,50", "geef het bedrag in €, zoals 45 of 45,50", "indiquez le montant en euros, comme 45 ou 45,50";
    ErrLicAge => "enter an age from 0 to 120 (the maximum not below the minimum)", "geef een leeftijd van 0 tot 120 (het maximum niet onder het minimum)", "indiquez un âge de 0 à 120 (le maximum pas sous le minimum)";
    ErrLicAgeOn => "an age band needs its reference day, written MM-DD (e.g. 12-31)", "een leeftijdscategorie heeft een peildag nodig, geschreven als MM-DD (bv. 12-31)", "une tranche d'âge a besoin de son jour de référence, au format MM-JJ (p. ex. 12-31)";
    ErrLicReason => "give a reason (at most 1000 characters; required to refuse)", "geef een reden (hoogstens 1000 tekens; verplicht bij een weigering)", "donnez une raison (1000 caractères au plus ; obligatoire pour un refus)";
    ErrLicSelect => "tick at least one licence", "vink minstens één vergunning aan", "cochez au moins une licence";
    ErrLicClubNotAffiliated => "Licence {number} belongs to a club that is no longer affiliated: nothing was changed.", "Vergunning {number} hoort bij een club die niet meer aangesloten is: er is niets gewijzigd.", "La licence {number} appartient à un club qui n'est plus affilié : rien n'a été modifié.";
    ErrLicTransition => "Licence {number} is not in a state that allows this decision: nothing was changed.", "Vergunning {number} staat niet in een toestand die deze beslissing toelaat: er is niets gewijzigd.", "La licence {number} n'est pas dans un état qui permet cette décision : rien n'a été modifié.";
    ErrLicFieldNotShared => "this field is not in the sharing terms accepted with the federation", "dit veld staat niet in de deelvoorwaarden die met de federatie aanvaard zijn", "ce champ ne figure pas dans les conditions de partage acceptées avec la fédération";
    ErrLicNotAffiliated => "the club is not affiliated to this federation", "de club is niet aangesloten bij deze federatie", "le club n'est pas affilié à cette fédération";
    ErrLicNoTerms => "accept the federation's sharing terms first: without them nothing personal is shared", "aanvaard eerst de deelvoorwaarden van de federatie: zonder die wordt niets persoonlijks gedeeld", "acceptez d'abord les conditions de partage de la fédération : sans elles, rien de personnel n'est partagé";
    ErrLicNameNotShared => "a licence needs the name: the sharing terms with this federation do not include the given and family name", "een vergunning vraagt de naam: de deelvoorwaarden met deze federatie bevatten voornaam en familienaam niet", "une licence demande le nom : les conditions de partage avec cette fédération n'incluent pas le prénom et le nom";
    ErrLicRestricted => "Restricted records cannot be licensed: {names}. Nothing was requested.", "Beperkte dossiers kunnen geen vergunning krijgen: {names}. Er is niets aangevraagd.", "Les dossiers limités ne peuvent pas être licenciés : {names}. Rien n'a été demandé.";
    ErrLicLacking => "Nothing was requested. These members lack what the licence needs: {people}.", "Er is niets aangevraagd. Deze leden missen wat de vergunning vraagt: {people}.", "Rien n'a été demandé. Ces membres n'ont pas ce que la licence demande : {people}.";
    LicTitle => "Licences", "Vergunningen", "Licences";
    LicSeasons => "Seasons", "Seizoenen", "Saisons";
    LicStartsOn => "Starts on", "Begint op", "Commence le";
    LicEndsOn => "Ends on", "Eindigt op", "Se termine le";
    LicAddSeason => "Add the season", "Seizoen toevoegen", "Ajouter la saison";
    LicSeasonsNone => "No seasons yet.", "Nog geen seizoenen.", "Pas encore de saisons.";
    LicCategories => "Licence categories", "Vergunningscategorieën", "Catégories de licence";
    LicCategoriesNone => "No categories yet.", "Nog geen categorieën.", "Pas encore de catégories.";
    LicFee => "Fee (€)", "Bedrag (€)", "Montant (€)";
    LicMinAge => "Minimum age", "Minimumleeftijd", "Âge minimum";
    LicMaxAge => "Maximum age", "Maximumleeftijd", "Âge maximum";
    LicAgeOn => "Age taken on (MM-DD)", "Leeftijd op (MM-DD)", "Âge au (MM-JJ)";
    LicAges => "Ages", "Leeftijden", "Âges";
    LicAddCategory => "Add the category", "Categorie toevoegen", "Ajouter la catégorie";
    LicNumber => "Licence number", "Vergunningsnummer", "Numéro de licence";
    LicSeason => "Season", "Seizoen", "Saison";
    LicCategory => "Category", "Categorie", "Catégorie";
    LicReason => "Reason", "Reden", "Raison";
    LicDecision => "Decision", "Beslissing", "Décision";
    LicApprove => "Approve", "Goedkeuren", "Approuver";
    LicRefuse => "Refuse", "Weigeren", "Refuser";
    LicSuspend => "Suspend", "Schorsen", "Suspendre";
    LicEnd => "End", "Beëindigen", "Terminer";
    LicApply => "Apply to the ticked licences", "Toepassen op de aangevinkte vergunningen", "Appliquer aux licences cochées";
    LicStatusRequested => "requested", "aangevraagd", "demandée";
    LicStatusApproved => "approved", "goedgekeurd", "approuvée";
    LicStatusRefused => "refused", "geweigerd", "refusée";
    LicStatusSuspended => "suspended", "geschorst", "suspendue";
    LicStatusEnded => "ended", "beëindigd", "terminée";
    LicNone => "No licences.", "Geen vergunningen.", "Aucune licence.";
    LicTotal => "{n} licences match; at most 200 are shown.", "{n} vergunningen voldoen; hoogstens 200 worden getoond.", "{n} licences correspondent ; 200 au plus sont affichées.";
    LicTotalMore => "More than {n} licences match; at most 200 are shown, by name. Choose a season or a status to narrow the list.", "Meer dan {n} vergunningen voldoen; hoogstens 200 worden getoond, op naam. Kies een seizoen of een status om de lijst te verkleinen.", "Plus de {n} licences correspondent ; 200 au plus sont affichées, par nom. Choisissez une saison ou un statut pour réduire la liste.";
    LicAllSeasons => "All seasons", "Alle seizoenen", "Toutes les saisons";
    LicAllStatuses => "All statuses", "Alle statussen", "Tous les statuts";
    LicShow => "Show", "Tonen", "Afficher";
    LicSelectOne => "Select", "Selecteren", "Sélectionner";
    LicDecided => "The decision is recorded.", "De beslissing is geregistreerd.", "La décision est enregistrée.";
    LicRequestTitle => "Request licences", "Vergunningen aanvragen", "Demander des licences";
    LicRequestHelp => "Only the fields the club agreed to share reach the federation.", "Alleen de velden die de club wil delen, gaan naar de federatie.", "Seuls les champs que le club a accepté de partager parviennent à la fédération.";
    LicAllFiltered => "Every member the register's filter below shows", "Elk lid dat de registerfilter hieronder toont", "Chaque membre que le filtre du registre ci-dessous affiche";
    LicFilterQuery => "Register search (name or e-mail)", "Zoeken in het register (naam of e-mail)", "Recherche dans le registre (nom ou courriel)";
    LicFilterStatus => "Register status (empty: all)", "Status in het register (leeg: alle)", "Statut dans le registre (vide : tous)";
    LicRequest => "Request", "Aanvragen", "Demander";
    LicRequested => "Licences requested.", "Vergunningen aangevraagd.", "Licences demandées.";
    LicNoFederation => "The club has no federation with accepted sharing terms yet.", "De club heeft nog geen federatie met aanvaarde deelvoorwaarden.", "Le club n'a pas encore de fédération aux conditions de partage acceptées.";
    LicClubList => "The members' licences", "De vergunningen van de leden", "Les licences des membres";
    LicMine => "My licences", "Mijn vergunningen", "Mes licences";
    LicMineNone => "No licences.", "Geen vergunningen.", "Aucune licence.";
    LicSeasonAdded => "The season is added.", "Het seizoen is toegevoegd.", "La saison est ajoutée.";
    LicCategoryAdded => "The category is added.", "De categorie is toegevoegd.", "La catégorie est ajoutée.";
    LicYes => "yes", "ja", "oui";
    LicNo => "no", "nee", "non";
    // invoices
    FeesTitle => "Seasons and fees", "Seizoenen en lidgeld", "Saisons et cotisations";
    FeesSeasonsTitle => "Seasons", "Seizoenen", "Saisons";
    FeesSeasonNone => "No season yet.", "Nog geen seizoen.", "Pas encore de saison.";
    FeesSeasonNew => "New season", "Nieuw seizoen", "Nouvelle saison";
    FeesSeasonSave => "Save the season", "Seizoen opslaan", "Enregistrer la saison";
    FeesStartsOn => "First day", "Eerste dag", "Premier jour";
    FeesEndsOn => "Last day", "Laatste dag", "Dernier jour";
    FeesCurrent => "Current season", "Huidig seizoen", "Saison en cours";
    FeesReferenceDate => "Ages taken on (empty: the first day)", "Leeftijd op (leeg: de eerste dag)", "Âge au (vide : le premier jour)";
    FeesSiblingPercent => "Discount on each further child of one payer (%)", "Korting op elk volgend kind van dezelfde betaler (%)", "Réduction pour chaque enfant suivant d'un même payeur (%)";
    FeesFamilyCap => "Most one payer pays for the season (empty: no cap)", "Maximum per betaler voor het seizoen (leeg: geen maximum)", "Maximum par payeur pour la saison (vide : pas de plafond)";
    FeesProrata => "Joining late", "Later aansluiten", "Affiliation en cours de saison";
    FeesProrataNone => "the full fee", "het volle bedrag", "le montant complet";
    FeesProrataMonthly => "per month left of the season", "per resterende maand van het seizoen", "par mois restant de la saison";
    FeesProrataAfterDate => "a reduction from a date on", "een korting vanaf een datum", "une réduction à partir d'une date";
    FeesProrataDate => "Reduction from", "Korting vanaf", "Réduction à partir du";
    FeesProrataPercent => "Reduction (%)", "Korting (%)", "Réduction (%)";
    FeesBankTitle => "Bank details", "Bankgegevens", "Coordonnées bancaires";
    FeesIban => "IBAN", "IBAN", "IBAN";
    FeesBic => "BIC", "BIC", "BIC";
    FeesBeneficiary => "Beneficiary", "Begunstigde", "Bénéficiaire";
    FeesPaymentDays => "Days to pay", "Betaaltermijn (dagen)", "Délai de paiement (jours)";
    FeesBankSave => "Save the bank details", "Bankgegevens opslaan", "Enregistrer les coordonnées bancaires";
    FeesDone => "Saved.", "Opgeslagen.", "Enregistré.";
    FeesScheduleOf => "Fees of {season}", "Lidgelden van {season}", "Cotisations de {season}";
    FeesFeeNone => "No fee yet.", "Nog geen lidgeld.", "Pas encore de cotisation.";
    FeesKind => "Kind of fee", "Soort bedrag", "Type de montant";
    FeesKindMembership => "Membership fee (the first that applies)", "Lidgeld (het eerste dat past)", "Cotisation (la première qui s'applique)";
    FeesKindOneOff => "One-off fee (tournament, kit)", "Eenmalig bedrag (tornooi, uitrusting)", "Montant ponctuel (tournoi, équipement)";
    FeesAmount => "Amount", "Bedrag", "Montant";
    FeesMinAge => "From age", "Vanaf leeftijd", "À partir de l'âge";
    FeesMaxAge => "Up to age", "Tot en met leeftijd", "Jusqu'à l'âge";
    FeesBirthFrom => "Born from (year)", "Geboren vanaf (jaar)", "Né à partir de (année)";
    FeesBirthTo => "Born until (year)", "Geboren tot en met (jaar)", "Né jusqu'en (année)";
    FeesGroup => "Group", "Groep", "Groupe";
    FeesAnyGroup => "any group", "elke groep", "tout groupe";
    FeesFeeAdd => "Add the fee", "Bedrag toevoegen", "Ajouter le montant";
    FeesFeeRemoveFor => "Remove the fee {name}", "Bedrag {name} verwijderen", "Retirer le montant {name}";
    FeesEdit => "Change the season {name}", "Seizoen {name} wijzigen", "Modifier la saison {name}";
    FeesConditions => "Conditions", "Voorwaarden", "Conditions";
    FeesLineSibling => "−{percent} % further child – {name}", "−{percent} % volgend kind – {name}", "−{percent} % enfant suivant – {name}";
    FeesLineCap => "Family cap", "Gezinsmaximum", "Plafond familial";
    FeesErrOverlap => "overlaps the season {name} ({from} – {to}): seasons may not overlap", "overlapt met het seizoen {name} ({from} – {to}): seizoenen mogen niet overlappen", "chevauche la saison {name} ({from} – {to}) : les saisons ne peuvent pas se chevaucher";
    FeesErrEndBeforeStart => "the last day comes before the first day", "de laatste dag valt vóór de eerste dag", "le dernier jour précède le premier jour";
    FeesErrSeasonTooLong => "a season lasts at most two years", "een seizoen duurt hoogstens twee jaar", "une saison dure au plus deux ans";
    FeesErrSeasonNameTaken => "the club already has a season with this name", "de club heeft al een seizoen met deze naam", "le club a déjà une saison de ce nom";
    FeesErrIban => "not a valid IBAN: check the number (e.g. BE68 5390 0754 7034)", "geen geldig IBAN: controleer het nummer (bv. BE68 5390 0754 7034)", "IBAN non valide : vérifiez le numéro (p. ex. BE68 5390 0754 7034)";
    FeesErrBic => "a BIC has 8 or 11 letters and digits, e.g. GEBABEBB", "een BIC heeft 8 of 11 letters en cijfers, bv. GEBABEBB", "un BIC compte 8 ou 11 lettres et chiffres, p. ex. GEBABEBB";
    FeesErrWhole => "use a whole number from {min} to {max}", "geef een geheel getal van {min} tot {max}", "indiquez un nombre entier de {min} à {max}";
    FeesErrPercent => "use a whole percentage from 0 to 100", "geef een geheel percentage van 0 tot 100", "indiquez un pourcentage entier de 0 à 100";
    FeesErrAmount => "write an amount in euro, e.g. 125 or 125,50 (at most 100.000)", "schrijf een bedrag in euro, bv. 125 of 125,50 (hoogstens 100.000)", "écrivez un montant en euros, p. ex. 125 ou 125,50 (au plus 100 000)";
    FeesErrNegativeRule => "this rule would give a negative amount: amounts and reductions cannot be below zero, reductions not above 100 %", "deze regel zou een negatief bedrag geven: bedragen en kortingen kunnen niet onder nul, kortingen niet boven 100 %", "cette règle donnerait un montant négatif : montants et réductions ne peuvent être inférieurs à zéro, ni les réductions dépasser 100 %";
    FeesErrProrata => "choose how joining late is priced", "kies hoe later aansluiten aangerekend wordt", "choisissez comment l'affiliation en cours de saison est calculée";
    FeesErrProrataDate => "give the day the reduction starts, within the season", "geef de dag waarop de korting ingaat, binnen het seizoen", "indiquez le jour où la réduction commence, dans la saison";
    FeesErrChanged => "Someone changed this in the meantime ({who}, {when}). Reload the page and try again.", "Iemand heeft dit intussen gewijzigd ({who}, {when}). Laad de pagina opnieuw en probeer het nog eens.", "Quelqu'un a modifié ceci entre-temps ({who}, {when}). Rechargez la page et réessayez.";
    FeesErrTooMany => "at most {max} of these per club", "hoogstens {max} hiervan per club", "au plus {max} de ceux-ci par club";
    FeesErrKind => "choose a membership fee or a one-off fee", "kies lidgeld of een eenmalig bedrag", "choisissez une cotisation ou un montant ponctuel";
    FeesErrRange => "the first value must not be above the second", "de eerste waarde mag niet boven de tweede liggen", "la première valeur ne peut pas dépasser la seconde";
    FeesErrGroup => "choose a group of the club", "kies een groep van de club", "choisissez un groupe du club";
    InvInvoice => "Invoice", "Factuur", "Facture";
    InvCreditNote => "Credit note", "Creditnota", "Note de crédit";
    InvIssuedOn => "Date", "Datum", "Date";
    InvDueOn => "Pay by", "Te betalen tegen", "À payer pour le";
    InvTotal => "Total", "Totaal", "Total";
    InvCommunication => "Structured communication", "Gestructureerde mededeling", "Communication structurée";
    InvCreditLine => "Credit for invoice {number}", "Creditering van factuur {number}", "Crédit de la facture {number}";
    InvMailSubject => "{club}: invoice {number}", "{club}: factuur {number}", "{club} : facture {number}";
    InvMailBody => "Dear {name},\n\nAttached is invoice {number} of {club} for {amount}.\nPlease pay it by {due} with the structured communication {communication}, or scan the QR code in the PDF with your banking app.\n\nThank you.", "Beste {name},\n\nIn bijlage vind je factuur {number} van {club} voor {amount}.\nBetaal ze tegen {due} met de gestructureerde mededeling {communication}, of scan de QR-code in de pdf met je bankapp.\n\nBedankt.", "Bonjour {name},\n\nVous trouverez en annexe la facture {number} de {club} pour {amount}.\nMerci de la payer pour le {due} avec la communication structurée {communication}, ou de scanner le code QR du PDF avec votre application bancaire.\n\nMerci.";
    InvErrNumbers => "this year's invoice numbers are used up", "de factuurnummers van dit jaar zijn op", "les numéros de facture de cette année sont épuisés";
    InvErrNoMembers => "choose the members to invoice", "kies de leden om te factureren", "choisissez les membres à facturer";
    InvErrSent => "this invoice has been sent and can no longer change: correct it with a credit note", "deze factuur is verstuurd en kan niet meer wijzigen: corrigeer ze met een creditnota", "cette facture a été envoyée et ne peut plus changer : corrigez-la par une note de crédit";
    InvErrChooseFee => "choose a one-off fee of the invoice's season", "kies een eenmalig bedrag van het seizoen van de factuur", "choisissez un montant ponctuel de la saison de la facture";
    InvErrNoIban => "enter the club's IBAN in the bank details first", "vul eerst het IBAN van de club in bij de bankgegevens", "indiquez d'abord l'IBAN du club dans les coordonnées bancaires";
    InvErrNoEmail => "the payer has no e-mail address: add one to their record, or print the invoice", "de betaler heeft geen e-mailadres: voeg er een toe aan de fiche, of druk de factuur af", "le payeur n'a pas d'adresse e-mail : ajoutez-en une à sa fiche, ou imprimez la facture";
    InvErrCredited => "this invoice has already been credited or cancelled", "deze factuur is al gecrediteerd of geannuleerd", "cette facture a déjà été créditée ou annulée";
    InvTitle => "Invoices of {season}", "Facturen van {season}", "Factures de {season}";
    InvGenerateAll => "Invoice every active member", "Alle actieve leden factureren", "Facturer tous les membres actifs";
    InvGenerateOne => "Invoice these members (ids or one per line)", "Deze leden factureren", "Facturer ces membres";
    InvNone => "No invoice yet.", "Nog geen factuur.", "Pas encore de facture.";
    InvSend => "Send", "Versturen", "Envoyer";
    InvSendFor => "Send invoice {number}", "Factuur {number} versturen", "Envoyer la facture {number}";
    InvCredit => "Credit", "Crediteren", "Créditer";
    InvCreditFor => "Credit invoice {number}", "Factuur {number} crediteren", "Créditer la facture {number}";
    InvAddFee => "Add", "Toevoegen", "Ajouter";
    InvPayer => "Payer", "Betaler", "Payeur";
    InvStatus => "Status", "Status", "Statut";
    InvNumber => "Number", "Nummer", "Numéro";
    InvPdf => "PDF", "PDF", "PDF";
    InvPdfFor => "Download invoice {number} as PDF", "Factuur {number} als pdf downloaden", "Télécharger la facture {number} en PDF";
    InvMine => "My invoices", "Mijn facturen", "Mes factures";
    InvMineNone => "You have no invoices.", "Je hebt geen facturen.", "Vous n'avez pas de factures.";
    InvQrHelp => "Scan with your banking app to pay", "Scan met je bankapp om te betalen", "Scannez avec votre application bancaire pour payer";
    InvDone => "Done.", "Klaar.", "Fait.";
    InvIssued => "{n} invoices made as drafts.", "{n} facturen als ontwerp gemaakt.", "{n} factures créées en brouillon.";
    InvStatusDraft => "draft", "ontwerp", "brouillon";
    InvStatusOpen => "open", "open", "ouverte";
    InvStatusPartial => "partly paid", "deels betaald", "partiellement payée";
    InvStatusPaid => "paid", "betaald", "payée";
    InvStatusOverpaid => "overpaid", "te veel betaald", "payée en trop";
    InvStatusCredited => "credited", "gecrediteerd", "créditée";
    InvStatusCancelled => "cancelled", "geannuleerd", "annulée";
    InvShow => "Invoices", "Facturen", "Factures";
    // pay20: invoices for the register's filter, the links to a member's invoices
    InvFilterTitle => "Invoice the register's selection", "De selectie uit het ledenregister factureren",
        "Facturer la sélection du registre";
    InvFilterHelp => "Choose the members as in the register; you see how many before anything is issued.",
        "Kies de leden zoals in het ledenregister; u ziet hoeveel het er zijn voor er iets wordt aangemaakt.",
        "Choisissez les membres comme dans le registre ; vous voyez leur nombre avant toute émission.";
    InvFilterPreview => "Count the members", "Leden tellen", "Compter les membres";
    InvFilterCount => "{members} members match this selection; {already} of them already have this season's invoice.",
        "{members} leden passen bij deze selectie; {already} van hen hebben de factuur van dit seizoen al.",
        "{members} membres correspondent à cette sélection ; {already} d'entre eux ont déjà la facture de cette saison.";
    InvFilterGenerate => "Issue the invoices for these {n} members", "De facturen voor deze {n} leden aanmaken",
        "Émettre les factures de ces {n} membres";
    InvFilterNothing => "Nobody in this selection is left to invoice.", "Niemand in deze selectie moet nog gefactureerd worden.",
        "Personne dans cette sélection ne reste à facturer.";
    InvMyLink => "See and pay my invoices", "Mijn facturen bekijken en betalen", "Voir et payer mes factures";
    InvMemberLink => "All invoices of this member", "Alle facturen van dit lid", "Toutes les factures de ce membre";
    InvMemberTitle => "Invoices of {name}", "Facturen van {name}", "Factures de {name}";
    InvBackToMember => "Back to the member", "Terug naar het lid", "Retour au membre";
    // fedlog18: the federation's licence list as a logged read, the federation's own event log
    FedReadLicences => "{federation}: the licence list with {n} of your members: {names}", "{federation}: de vergunningenlijst met {n} van uw leden: {names}", "{federation} : la liste des licences avec {n} de vos membres : {names}";
    FedReadTransfers => "{federation}: the transfers page with {n} of your members: {names}", "{federation}: de transferpagina met {n} van uw leden: {names}", "{federation} : la page des transferts avec {n} de vos membres : {names}";
    FedLogTitle => "Federation event log", "Logboek van de federatie", "Journal de la fédération";
    FedLogHelp => "Who did what and when in the federation: affiliations, seasons, licence decisions, templates, transfer windows and exports. Reads of people are in each club's own log.", "Wie wat wanneer deed in de federatie: aansluitingen, seizoenen, beslissingen over vergunningen, sjablonen, transferperiodes en exports. Inzages van personen staan in het logboek van elke club.", "Qui a fait quoi et quand dans la fédération : affiliations, saisons, décisions de licence, modèles, périodes de transfert et exportations. Les consultations de personnes figurent dans le journal de chaque club.";
    FedLogCount => "{n} licences", "{n} vergunningen", "{n} licences";
    FedLogPeople => "{n} people", "{n} personen", "{n} personnes";
    FedLogCountOne => "{n} licence", "{n} vergunning", "{n} licence";
    FedLogPeopleOne => "{n} person", "{n} persoon", "{n} personne";
    EvFedSeasonAdded => "Season added", "Seizoen toegevoegd", "Saison ajoutée";
    EvLicenceCategoryAdded => "Licence category added", "Vergunningscategorie toegevoegd", "Catégorie de licence ajoutée";
    EvLicencesRequested => "Licences requested", "Vergunningen aangevraagd", "Licences demandées";
    EvLicencesApproved => "Licences approved", "Vergunningen goedgekeurd", "Licences approuvées";
    EvLicencesRefused => "Licences refused", "Vergunningen geweigerd", "Licences refusées";
    EvLicencesSuspended => "Licences suspended", "Vergunningen geschorst", "Licences suspendues";
    EvLicencesEnded => "Licences ended", "Vergunningen beëindigd", "Licences terminées";
    EvTemplatePublished => "Template published", "Sjabloon gepubliceerd", "Modèle publié";
    EvTemplateAdopted => "Template adopted", "Sjabloon overgenomen", "Modèle adopté";
    EvFedFieldAdded => "Federation field added", "Federatieveld toegevoegd", "Champ de la fédération ajouté";
    EvFedFieldArchived => "Federation field archived", "Federatieveld gearchiveerd", "Champ de la fédération archivé";
    EvFedFieldRestored => "Federation field restored", "Federatieveld hersteld", "Champ de la fédération rétabli";
    EvTransferWindowSet => "Transfer window set", "Transferperiode vastgelegd", "Période de transfert fixée";
    EvTransferAsked => "Transfer asked", "Transfer aangevraagd", "Transfert demandé";
    EvTransferReleased => "Transfer released", "Transfer vrijgegeven", "Transfert libéré";
    EvTransferObjected => "Objection to a transfer", "Bezwaar tegen een transfer", "Opposition à un transfert";
    EvTransferIn => "Transfer in", "Transfer naar de club", "Transfert entrant";
    EvTransferOut => "Transfer out", "Transfer uit de club", "Transfert sortant";
    EvFederationExport => "Licensed people exported", "Vergunde personen geëxporteerd", "Personnes licenciées exportées";
    // fee report (rep20)
    RepTitle => "Fee report", "Lidgeldrapport", "Rapport des cotisations";
    RepTitleOf => "Fee report {season}", "Lidgeldrapport {season}", "Rapport des cotisations {season}";
    RepSeason => "Season", "Seizoen", "Saison";
    RepShow => "Show", "Tonen", "Afficher";
    RepNoSeason => "The club has no season yet: the report appears once there is a season with invoices.", "De club heeft nog geen seizoen: het rapport verschijnt zodra er een seizoen met facturen is.", "Le club n'a pas encore de saison : le rapport apparaît dès qu'il y a une saison avec des factures.";
    RepEmpty => "No invoice of this season has been sent yet.", "Er is nog geen factuur van dit seizoen verstuurd.", "Aucune facture de cette saison n'a encore été envoyée.";
    RepExplain => "Sent invoices of the season. Billed minus credited is paid plus outstanding. A line counts for the group its fee was priced by, so a member in two groups counts once; a fee for no group counts under “No group”. A credit note counts against the lines of the invoice it corrects. Drafts do not count.", "Verstuurde facturen van het seizoen. Gefactureerd min gecrediteerd is betaald plus openstaand. Een lijn telt voor de groep waarvoor het tarief gold, dus een lid in twee groepen telt één keer; een tarief zonder groep telt onder “Geen groep”. Een creditnota telt tegen de lijnen van de factuur die ze corrigeert. Ontwerpen tellen niet mee.", "Factures envoyées de la saison. Facturé moins crédité égale payé plus restant dû. Une ligne compte pour le groupe de son tarif, un membre de deux groupes compte donc une fois ; un tarif sans groupe compte sous « Aucun groupe ». Une note de crédit compte contre les lignes de la facture qu'elle corrige. Les brouillons ne comptent pas.";
    RepByGroup => "Per group", "Per groep", "Par groupe";
    RepByFee => "Per fee", "Per tarief", "Par tarif";
    RepGroup => "Group", "Groep", "Groupe";
    RepFee => "Fee", "Tarief", "Tarif";
    RepLines => "Lines", "Lijnen", "Lignes";
    RepBilled => "Billed", "Gefactureerd", "Facturé";
    RepCredited => "Credited", "Gecrediteerd", "Crédité";
    RepPaid => "Paid", "Betaald", "Payé";
    RepOutstanding => "Outstanding", "Openstaand", "Restant dû";
    RepTotal => "Total", "Totaal", "Total";
    RepNoGroup => "No group", "Geen groep", "Aucun groupe";
    RepGroupGone => "A group removed since", "Een intussen verwijderde groep", "Un groupe supprimé depuis";
    RepFeeGone => "A fee removed from the schedule", "Een uit het schema verwijderd tarief", "Un tarif retiré du barème";
    RepSibling => "Discount for further children", "Korting voor volgende kinderen", "Réduction pour les enfants suivants";
    RepCap => "Family cap", "Gezinsmaximum", "Plafond familial";
    RepOther => "Other lines", "Andere lijnen", "Autres lignes";
    RepInvoices => "{n} invoices counted.", "{n} facturen geteld.", "{n} factures comptées.";
    RepDrafts => "{n} drafts not yet sent are not counted.", "{n} nog niet verstuurde ontwerpen tellen niet mee.", "{n} brouillons pas encore envoyés ne sont pas comptés.";
    RepOverpaid => "Overpayments, to refund or carry over (not counted as paid): {amount} on {n} invoices.", "Te veel betaald, terug te storten of over te dragen (niet als betaald geteld): {amount} op {n} facturen.", "Trop-perçus, à rembourser ou à reporter (non comptés comme payés) : {amount} sur {n} factures.";
    RepOverpaidNone => "No overpayments.", "Niets te veel betaald.", "Aucun trop-perçu.";
    RepChartTitle => "Paid and outstanding per group, {season}", "Betaald en openstaand per groep, {season}", "Payé et restant dû par groupe, {season}";
    RepChartDesc => "Stacked bars per group: paid (dark) and outstanding (light, striped). The table below gives the figures.", "Gestapelde staven per groep: betaald (donker) en openstaand (licht, gestreept). De tabel hieronder geeft de bedragen.", "Barres empilées par groupe : payé (foncé) et restant dû (clair, hachuré). Le tableau ci-dessous donne les montants.";
    RepXlsx => "Download as XLSX", "Downloaden als XLSX", "Télécharger en XLSX";
    RepXlsxHelp => "The download is recorded in the export register.", "De download wordt in het exportregister opgenomen.", "Le téléchargement est inscrit au registre des exports.";
    RepPurpose => "season fee report", "lidgeldrapport van het seizoen", "rapport des cotisations de la saison";
    // xfer18: transfers (pages, steps, mails)
    XferTitle => "Transfers", "Transfers", "Transferts";
    XferWindows => "Transfer windows", "Transferperiodes", "Périodes de transfert";
    XferWindowsNone => "No transfer window yet: outside a window nobody can ask for a transfer.", "Nog geen transferperiode: buiten een periode kan niemand een transfer aanvragen.", "Pas encore de période de transfert : en dehors d'une période, personne ne peut demander de transfert.";
    XferOpensOn => "Opens on", "Opent op", "Ouvre le";
    XferClosesOn => "Closes on", "Sluit op", "Ferme le";
    XferObjectionDays => "Days the old club has to object", "Dagen die de oude club heeft om bezwaar te maken", "Jours dont l'ancien club dispose pour s'opposer";
    XferSetWindow => "Set the window", "Periode vastleggen", "Fixer la période";
    XferWindowSet => "The transfer window is set.", "De transferperiode is vastgelegd.", "La période de transfert est fixée.";
    XferNone => "No transfers yet.", "Nog geen transfers.", "Pas encore de transferts.";
    XferPerson => "Person", "Persoon", "Personne";
    XferFrom => "From", "Van", "De";
    XferTo => "To", "Naar", "Vers";
    XferDue => "Old club answers by", "Oude club antwoordt uiterlijk", "L'ancien club répond au plus tard le";
    XferHistory => "History", "Geschiedenis", "Historique";
    XferApprove => "Approve", "Goedkeuren", "Approuver";
    XferRefuse => "Refuse", "Weigeren", "Refuser";
    XferReason => "Reason", "Reden", "Raison";
    XferPersonWithheld => "A person the club does not share now (restricted record, or the club has left)", "Een persoon die de club nu niet deelt (beperkte fiche, of de club is vertrokken)", "Une personne que le club ne partage pas actuellement (fiche limitée, ou le club est parti)";
    XferDecision => "Decision", "Beslissing", "Décision";
    XferDecide => "Decide", "Beslissen", "Trancher";
    XferDecided => "The decision is recorded and mailed to those concerned.", "De beslissing is vastgelegd en gemaild naar de betrokkenen.", "La décision est enregistrée et envoyée aux intéressés.";
    XferAskTitle => "Ask for a transfer to the club", "Een transfer naar de club aanvragen", "Demander un transfert vers le club";
    XferAskHelp => "Name the licensed person by licence number and birth date. The person then confirms from their own account, and their club releases them or objects with a reason.", "Duid de vergunde persoon aan met vergunningsnummer en geboortedatum. De persoon bevestigt daarna vanuit de eigen account, en de club geeft vrij of maakt met een reden bezwaar.", "Désignez la personne licenciée par son numéro de licence et sa date de naissance. La personne confirme ensuite depuis son propre compte, et son club la libère ou s'y oppose avec une raison.";
    XferAsk => "Ask for the transfer", "Transfer aanvragen", "Demander le transfert";
    XferAsked => "The transfer is asked; everyone concerned is mailed.", "De transfer is aangevraagd; alle betrokkenen krijgen een mail.", "Le transfert est demandé ; tous les intéressés reçoivent un courriel.";
    XferRelease => "Release", "Vrijgeven", "Libérer";
    XferObject => "Object", "Bezwaar maken", "S'opposer";
    XferAnswer => "The club's answer", "Antwoord van de club", "Réponse du club";
    XferObjection => "Reason (when objecting)", "Reden (bij bezwaar)", "Raison (en cas d'opposition)";
    XferAnswered => "The answer is recorded and mailed to those concerned.", "Het antwoord is vastgelegd en gemaild naar de betrokkenen.", "La réponse est enregistrée et envoyée aux intéressés.";
    XferNoFederation => "The club belongs to no federation: there are no transfers.", "De club is bij geen federatie aangesloten: er zijn geen transfers.", "Le club n'est affilié à aucune fédération : il n'y a pas de transferts.";
    XferMine => "My transfers", "Mijn transfers", "Mes transferts";
    XferMineAsk => "Ask to move to another club", "Vragen om naar een andere club over te gaan", "Demander à passer dans un autre club";
    XferMineAskHelp => "Your club then releases you or objects with a reason; the federation decides.", "Je club geeft je dan vrij of maakt met een reden bezwaar; de federatie beslist.", "Votre club vous libère alors ou s'y oppose avec une raison ; la fédération tranche.";
    XferToClub => "Club to move to", "Club waarnaar je overgaat", "Club de destination";
    XferMineAsked => "Your transfer is asked.", "Je transfer is aangevraagd.", "Votre transfert est demandé.";
    XferConsentHelp => "A club asked for your transfer. It goes ahead only if you agree.", "Een club vroeg je transfer aan. Die gaat alleen door als je akkoord gaat.", "Un club a demandé votre transfert. Il n'a lieu que si vous êtes d'accord.";
    XferConsent => "I agree to this transfer", "Ik ga akkoord met deze transfer", "J'accepte ce transfert";
    XferDecline => "I do not agree", "Ik ga niet akkoord", "Je refuse";
    XferConsented => "Your answer is recorded.", "Je antwoord is vastgelegd.", "Votre réponse est enregistrée.";
    XferBy => "by {name}", "door {name}", "par {name}";
    XferStepAskedByClub => "asked by the new club", "aangevraagd door de nieuwe club", "demandé par le nouveau club";
    XferStepAskedByMember => "asked by the person", "aangevraagd door de persoon", "demandé par la personne";
    XferStepConsented => "the person agreed", "de persoon ging akkoord", "la personne a accepté";
    XferStepDeclined => "the person did not agree", "de persoon ging niet akkoord", "la personne a refusé";
    XferStepReleased => "released by the old club", "vrijgegeven door de oude club", "libéré par l'ancien club";
    XferStepObjected => "the old club objected", "de oude club maakte bezwaar", "l'ancien club s'est opposé";
    XferStepReleasedSilently => "released: the old club did not answer in time", "vrijgegeven: de oude club antwoordde niet op tijd", "libéré : l'ancien club n'a pas répondu à temps";
    XferStepApproved => "approved by the federation", "goedgekeurd door de federatie", "approuvé par la fédération";
    XferStepRefused => "refused by the federation", "geweigerd door de federatie", "refusé par la fédération";
    XferStatusConsent => "waiting for the person", "wacht op de persoon", "en attente de la personne";
    XferStatusOpen => "waiting for the old club", "wacht op de oude club", "en attente de l'ancien club";
    XferStatusReleased => "released, waiting for the federation", "vrijgegeven, wacht op de federatie", "libéré, en attente de la fédération";
    XferStatusObjected => "objected, waiting for the federation", "betwist, wacht op de federatie", "contesté, en attente de la fédération";
    XferStatusApproved => "done", "afgerond", "effectué";
    XferStatusRefused => "refused", "geweigerd", "refusé";
    XferMailSubject => "Transfer of {person}: {step}", "Transfer van {person}: {step}", "Transfert de {person} : {step}";
    XferMailBody => "The transfer of {person} (licence {number}) from {from} to {to} ({federation}): {step}.\n{reason}\nSee the transfer and its history: {link}", "De transfer van {person} (vergunning {number}) van {from} naar {to} ({federation}): {step}.\n{reason}\nBekijk de transfer en zijn geschiedenis: {link}", "Le transfert de {person} (licence {number}) de {from} vers {to} ({federation}) : {step}.\n{reason}\nVoir le transfert et son historique : {link}";
    XferMailReason => "Reason: {reason}\n", "Reden: {reason}\n", "Raison : {reason}\n";
    // dash18: the federation's oversight dashboard (issue 18, deliverable 3)
    FedDashTitle => "Oversight of the clubs", "Overzicht van de clubs", "Vue d'ensemble des clubs";
    FedDashIntro => "Counts only: no personal data of the clubs' members is shown. Restricted records are not counted.", "Alleen aantallen: er worden geen persoonsgegevens van de leden van de clubs getoond. Beperkte dossiers worden niet geteld.", "Uniquement des nombres : aucune donnée personnelle des membres des clubs n'est affichée. Les dossiers limités ne sont pas comptés.";
    FedDashAsOf => "Counted on {at}; ages on {day}.", "Geteld op {at}; leeftijden op {day}.", "Comptés le {at} ; âges au {day}.";
    FedDashNeverCounted => "The clubs have not been counted yet.", "De clubs zijn nog niet geteld.", "Les clubs n'ont pas encore été comptés.";
    FedDashNotCounted => "not counted yet", "nog niet geteld", "pas encore compté";
    FedDashCountAgain => "Count again now", "Nu opnieuw tellen", "Recompter maintenant";
    FedDashCounted => "The clubs were counted again.", "De clubs zijn opnieuw geteld.", "Les clubs ont été recomptés.";
    FedDashShow => "Show", "Tonen", "Afficher";
    FedDashClubs => "Members per club", "Leden per club", "Membres par club";
    FedDashLicences => "Licences by category, season {season}", "Vergunningen per categorie, seizoen {season}", "Licences par catégorie, saison {season}";
    FedDashAges => "Active members by age", "Actieve leden per leeftijd", "Membres actifs par âge";
    FedDashGenders => "Active members by gender", "Actieve leden per geslacht", "Membres actifs par genre";
    FedDashGrowth => "Growth over the seasons", "Groei over de seizoenen", "Évolution au fil des saisons";
    FedDashCompliance => "Compliance", "Naleving", "Conformité";
    FedDashStaffNo2fa => "Staff without a second factor", "Medewerkers zonder tweede factor", "Personnel sans second facteur";
    FedDashOverdue => "Requests past their deadline", "Verzoeken over hun termijn", "Demandes hors délai";
    FedDashGrowthCol => "Members at season start, {from} → {to}", "Leden bij de seizoensstart, {from} → {to}", "Membres en début de saison, {from} → {to}";
    FedDashClubsNo2fa => "Clubs with staff without a second factor: {n}", "Clubs met medewerkers zonder tweede factor: {n}", "Clubs dont du personnel n'a pas de second facteur : {n}";
    FedDashClubsOverdue => "Clubs with data-protection requests past their deadline: {n}", "Clubs met privacyverzoeken over hun termijn: {n}", "Clubs ayant des demandes de protection des données hors délai : {n}";
    FedDashTotal => "Total", "Totaal", "Total";
    FedDashLicencesCol => "Licences", "Vergunningen", "Licences";
    FedDashUnknownAge => "Unknown", "Onbekend", "Inconnu";
    FedDashMembersAtStart => "Members at the start", "Leden bij de start", "Membres au début";
    FedDashNoSeasons => "The federation has no seasons yet.", "De federatie heeft nog geen seizoenen.", "La fédération n'a pas encore de saisons.";
    FedDashChartClubs => "Members per club: the {n} largest clubs", "Leden per club: de {n} grootste clubs", "Membres par club : les {n} plus grands clubs";
    FedDashChartDesc => "Bar chart; the figures are in the table that follows.", "Staafdiagram; de cijfers staan in de tabel die volgt.", "Diagramme en barres ; les chiffres sont dans le tableau qui suit.";
    FedDashChartGrowth => "Members at each season's start and licences per season", "Leden bij de start van elk seizoen en vergunningen per seizoen", "Membres au début de chaque saison et licences par saison";
    FedDashDownloadTable => "Download this table as CSV", "Deze tabel als CSV downloaden", "Télécharger ce tableau en CSV";
    FedDashAge => "Age", "Leeftijd", "Âge";
    // reminders (issue 20, deliverable 5)
    RemDefaultFirst => "Dear {first_name},\n\nAccording to our records, invoice {invoice_number} of {club_name} (due on {due_date}) is not fully paid yet: {amount} is still open. Would you pay it with the structured communication {communication}? If you paid in the meantime, please ignore this message.\n\nThank you.", "Beste {first_name},\n\nVolgens onze gegevens is factuur {invoice_number} van {club_name} (te betalen tegen {due_date}) nog niet volledig betaald: er staat nog {amount} open. Wil je ze betalen met de gestructureerde mededeling {communication}? Heb je intussen betaald, dan mag je dit bericht negeren.\n\nBedankt.", "Bonjour {first_name},\n\nSelon nos données, la facture {invoice_number} de {club_name} (échéance le {due_date}) n'est pas encore entièrement payée : il reste {amount} à payer. Pourriez-vous la régler avec la communication structurée {communication} ? Si vous avez payé entre-temps, ignorez ce message.\n\nMerci.";
    RemDefaultLater => "Dear {first_name},\n\nDespite our earlier reminder, invoice {invoice_number} of {club_name} (due on {due_date}) is still not paid: {amount} is open. Please pay it now with the structured communication {communication}, or contact the treasurer if something is wrong.\n\nThank you.", "Beste {first_name},\n\nOndanks onze eerdere herinnering is factuur {invoice_number} van {club_name} (te betalen tegen {due_date}) nog altijd niet betaald: er staat {amount} open. Betaal ze nu met de gestructureerde mededeling {communication}, of neem contact op met de penningmeester als er iets niet klopt.\n\nBedankt.", "Bonjour {first_name},\n\nMalgré notre rappel précédent, la facture {invoice_number} de {club_name} (échéance le {due_date}) n'est toujours pas payée : il reste {amount}. Merci de la régler maintenant avec la communication structurée {communication}, ou de contacter le trésorier si quelque chose ne va pas.\n\nMerci.";
    RemErrPlaceholder => "the placeholder {name} does not exist: use {first_name}, {invoice_number}, {amount}, {communication}, {due_date} or {club_name}", "de plaatshouder {name} bestaat niet: gebruik {first_name}, {invoice_number}, {amount}, {communication}, {due_date} of {club_name}", "le champ variable {name} n'existe pas : utilisez {first_name}, {invoice_number}, {amount}, {communication}, {due_date} ou {club_name}";
    RemErrOrder => "a step comes more days after the due date than the step before it", "een stap komt meer dagen na de vervaldag dan de stap ervoor", "une étape vient plus de jours après l'échéance que l'étape précédente";
    RemErrNotDue => "this invoice is not awaiting payment (paid, credited, cancelled or not sent): no reminder", "deze factuur wacht niet op betaling (betaald, gecrediteerd, geannuleerd of niet verstuurd): geen herinnering", "cette facture n'attend pas de paiement (payée, créditée, annulée ou non envoyée) : pas de rappel";
    RemMailSubject => "Reminder: invoice {number} of {club}", "Herinnering: factuur {number} van {club}", "Rappel : facture {number} de {club}";
    RemMailFacts => "Invoice: {number}\nStill to pay: {amount}\nStructured communication: {communication}\nAccount: {iban}\nDue on: {due}", "Factuur: {number}\nNog te betalen: {amount}\nGestructureerde mededeling: {communication}\nRekening: {iban}\nVervaldag: {due}", "Facture : {number}\nReste à payer : {amount}\nCommunication structurée : {communication}\nCompte : {iban}\nÉchéance : {due}";
    RemTitle => "Payment reminders", "Betalingsherinneringen", "Rappels de paiement";
    RemIntro => "Up to three reminders, each a number of days after the invoice's due date, to the payer in their language. Leave the days empty to switch a step off. Placeholders: {first_name}, {invoice_number}, {amount} (still to pay), {communication}, {due_date}, {club_name}. Every reminder also lists the amount still to pay and the structured communication.", "Tot drie herinneringen, elk een aantal dagen na de vervaldag van de factuur, aan de betaler in zijn taal. Laat de dagen leeg om een stap uit te zetten. Plaatshouders: {first_name}, {invoice_number}, {amount} (nog te betalen), {communication}, {due_date}, {club_name}. Elke herinnering vermeldt ook het bedrag dat nog te betalen is en de gestructureerde mededeling.", "Jusqu'à trois rappels, chacun un nombre de jours après l'échéance de la facture, au payeur dans sa langue. Laissez les jours vides pour désactiver une étape. Champs variables : {first_name}, {invoice_number}, {amount} (reste à payer), {communication}, {due_date}, {club_name}. Chaque rappel mentionne aussi le montant restant et la communication structurée.";
    RemDefaultNote => "The club has not saved a schedule yet: these are the defaults, in use until you save.", "De club bewaarde nog geen schema: dit zijn de standaardwaarden, in gebruik tot je bewaart.", "Le club n'a pas encore enregistré de calendrier : voici les valeurs par défaut, utilisées jusqu'à l'enregistrement.";
    RemStep => "Reminder {n}", "Herinnering {n}", "Rappel {n}";
    RemDays => "Days after the due date (empty: off)", "Dagen na de vervaldag (leeg: uit)", "Jours après l'échéance (vide : désactivé)";
    RemTextEn => "Text in English", "Tekst in het Engels", "Texte en anglais";
    RemTextNl => "Text in Dutch", "Tekst in het Nederlands", "Texte en néerlandais";
    RemTextFr => "Text in French", "Tekst in het Frans", "Texte en français";
    RemSave => "Save the reminders", "Herinneringen bewaren", "Enregistrer les rappels";
    RemSaved => "The reminder schedule is saved.", "Het herinneringsschema is bewaard.", "Le calendrier des rappels est enregistré.";
    RemOverdueTitle => "Overdue invoices", "Achterstallige facturen", "Factures en retard";
    RemOverdueLink => "Overdue invoices and reminders", "Achterstallige facturen en herinneringen", "Factures en retard et rappels";
    RemSeason => "Season", "Seizoen", "Saison";
    RemAllSeasons => "All seasons", "Alle seizoenen", "Toutes les saisons";
    RemAfterLast => "Only those past the last reminder", "Enkel die na de laatste herinnering", "Seulement celles après le dernier rappel";
    RemFilter => "Show", "Tonen", "Afficher";
    RemNone => "No overdue invoices.", "Geen achterstallige facturen.", "Aucune facture en retard.";
    RemDaysOverdue => "Days overdue", "Dagen te laat", "Jours de retard";
    RemReminders => "Reminders sent", "Verstuurde herinneringen", "Rappels envoyés";
    RemOutstanding => "Still to pay", "Nog te betalen", "Reste à payer";
    RemSendNow => "Send a reminder now", "Nu een herinnering sturen", "Envoyer un rappel maintenant";
    RemSendNowFor => "Send a reminder now for invoice {number}", "Nu een herinnering sturen voor factuur {number}", "Envoyer un rappel maintenant pour la facture {number}";
    RemSentNotice => "The reminder is on its way.", "De herinnering is onderweg.", "Le rappel est en route.";
    RemByHand => "by hand", "met de hand", "à la main";
    RemStepShort => "reminder {n}", "herinnering {n}", "rappel {n}";
    RemNoneSent => "none yet", "nog geen", "aucun pour l'instant";
    RemTotal => "{n} invoices, {amount} still to pay", "{n} facturen, nog {amount} te betalen", "{n} factures, {amount} restant à payer";
    RemAllSent => "all reminders sent", "alle herinneringen verstuurd", "tous les rappels envoyés";
    RemMemberTitle => "Payment reminders sent", "Verstuurde betalingsherinneringen", "Rappels de paiement envoyés";
    // wk19: the club's week (ticked members in a group, groups and bounces on the member page, a selection's count)
    ApplyToTicked => "Apply to the ticked members", "Toepassen op de aangevinkte leden", "Appliquer aux membres cochés";
    TickMember => "Select {name}", "{name} selecteren", "Sélectionner {name}";
    TickColumn => "Select", "Selectie", "Sélection";
    MemberGroupsTitle => "Groups", "Groepen", "Groupes";
    MemberNoGroups => "In no group.", "In geen enkele groep.", "Dans aucun groupe.";
    MemberGroupPast => "ended", "beëindigd", "terminé";
    MailBounced => "Mail to {email} bounced on {date}: {reason}", "Mail naar {email} kwam terug op {date}: {reason}", "Le courriel à {email} est revenu le {date} : {reason}";
    MailBouncesTitle => "Mail that did not arrive", "Mail die niet aankwam", "Courriels non arrivés";
    MailReasonNoAnswer => "the mail server did not answer in time", "de mailserver antwoordde niet op tijd", "le serveur de messagerie n’a pas répondu à temps";
    MailReasonUnreachable => "the mail server could not be reached", "de mailserver was niet bereikbaar", "le serveur de messagerie était injoignable";
    MailReasonBadAddress => "not a valid e-mail address", "geen geldig e-mailadres", "adresse e-mail non valide";
    MailReasonUnbuildable => "the message could not be composed", "het bericht kon niet worden opgesteld", "le message n’a pas pu être composé";
    MailReasonNoUtf8Address => "the mail server does not accept addresses beyond ASCII (SMTPUTF8)", "de mailserver aanvaardt geen adressen met tekens buiten ASCII (SMTPUTF8)", "le serveur de messagerie n’accepte pas les adresses hors ASCII (SMTPUTF8)";
    MailReasonNo8Bit => "the mail server does not accept 8-bit content (8BITMIME)", "de mailserver aanvaardt geen 8-bitinhoud (8BITMIME)", "le serveur de messagerie n’accepte pas de contenu 8 bits (8BITMIME)";
    MailingDraftCount => "Sent now, this mailing would go to {n} addresses.", "Nu verstuurd zou deze mailing naar {n} adressen gaan.", "Envoyé maintenant, ce publipostage irait à {n} adresses.";
    MyAttendanceTitle => "Attendance", "Aanwezigheid", "Présences";
    MyAttendanceNone => "In no group with activities in this period.", "In deze periode in geen groep met activiteiten.", "Dans aucun groupe avec des activités pendant cette période.";
    MailThisSelection => "Mail the members of this selection", "De leden van deze selectie mailen", "Écrire aux membres de cette sélection";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = s;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            match after.find('}') {
                Some(end) => {
                    out.insert(after[..end].to_string());
                    rest = &after[end + 1..];
                }
                None => break,
            }
        }
        out
    }

    #[test]
    fn every_key_has_a_text_in_every_language() {
        for msg in Msg::ALL {
            for lang in Lang::ALL {
                assert!(
                    !msg.text(lang).trim().is_empty(),
                    "{} has no {} text",
                    msg.key(),
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn placeholders_agree_across_languages() {
        for msg in Msg::ALL {
            let en = placeholders(msg.text(Lang::En));
            for lang in [Lang::Nl, Lang::Fr] {
                assert_eq!(
                    en,
                    placeholders(msg.text(lang)),
                    "{} has other placeholders in {}",
                    msg.key(),
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn keys_are_unique() {
        let keys: BTreeSet<_> = Msg::ALL.iter().map(|m| m.key()).collect();
        assert_eq!(keys.len(), Msg::ALL.len());
    }

    #[test]
    fn accept_language_negotiation() {
        assert_eq!(
            Lang::from_accept_language("nl-BE,nl;q=0.9,en;q=0.8"),
            Some(Lang::Nl)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE, fr;q=0.5, en;q=0.4"),
            Some(Lang::Fr)
        );
        assert_eq!(
            Lang::from_accept_language("en;q=0.2, fr-BE"),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::from_accept_language("de, es"), None);
        assert_eq!(
            Lang::from_accept_language("fr;q=0, nl;q=0.1"),
            Some(Lang::Nl)
        );
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn plurals_follow_each_language() {
        let f = |lang, n: i64| {
            Msg::plural(lang, n, Msg::TrialDaysOne, Msg::TrialDays)
                .fill(lang, &[("n", &n.to_string())])
        };
        assert_eq!(f(Lang::En, 0), "0 days");
        assert_eq!(f(Lang::En, 1), "1 day");
        assert_eq!(f(Lang::En, 2), "2 days");
        assert_eq!(f(Lang::Nl, 0), "0 dagen");
        assert_eq!(f(Lang::Nl, 1), "1 dag");
        assert_eq!(f(Lang::Nl, 2), "2 dagen");
        // French treats 0 and 1 as singular.
        assert_eq!(f(Lang::Fr, 0), "0 jour");
        assert_eq!(f(Lang::Fr, 1), "1 jour");
        assert_eq!(f(Lang::Fr, 2), "2 jours");
        let admins = |lang, n: i64| {
            Msg::plural(lang, n, Msg::AdminNoCapOne, Msg::AdminNoCap)
                .fill(lang, &[("n", &n.to_string())])
        };
        assert_eq!(
            admins(Lang::Nl, 1),
            "1 beheerder; het plan legt geen grens op."
        );
        assert_eq!(
            admins(Lang::Nl, 2),
            "2 beheerders; het plan legt geen grens op."
        );
        assert_eq!(
            admins(Lang::Fr, 0),
            "0 administrateur ; la formule ne fixe pas de limite."
        );
        assert_eq!(
            admins(Lang::En, 0),
            "0 administrators; the plan sets no limit."
        );
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(
            Msg::SignedInAs.fill(Lang::Fr, &[("name", "Anne")]),
            "Connecté en tant que Anne"
        );
    }
}
