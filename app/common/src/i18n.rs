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
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    RoleStaff => "Staff", "Medewerker", "Personnel";
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
    Suspended => "This environment is suspended.", "Deze omgeving is geschorst.",
        "Cet environnement est suspendu.";
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
    fn fill_replaces_placeholders() {
        assert_eq!(
            Msg::SignedInAs.fill(Lang::Fr, &[("name", "Anne")]),
            "Connecté en tant que Anne"
        );
    }
}
