//! Reference data for the demo dataset: realistic Belgian given names and
//! family names (Flemish and Walloon), real municipalities with their
//! postcodes, Dutch and French street names, a handful of fictional demo
//! clubs with a fictional federation, words to compose extra club names and
//! a list of sports with their English, Dutch and French names.
//!
//! Everything here is plain `'static` data; the generator picks from these
//! lists deterministically (see [`pick`]).

/// Common male given names in Belgium (Flemish and Walloon/French mix).
pub const GIVEN_NAMES_MALE: &[&str] = &[
    "Lucas",
    "Wout",
    "Jef",
    "Arne",
    "Stijn",
    "Louis",
    "Arthur",
    "Maxime",
    "Théo",
    "Guillaume",
    "Noah",
    "Liam",
    "Adam",
    "Jules",
    "Victor",
    "Finn",
    "Mats",
    "Lars",
    "Vic",
    "Warre",
    "Seppe",
    "Lowie",
    "Rune",
    "Senne",
    "Kobe",
    "Jasper",
    "Thibo",
    "Thibault",
    "Tom",
    "Pieter",
    "Bram",
    "Jens",
    "Robbe",
    "Sander",
    "Ruben",
    "Niels",
    "Joris",
    "Koen",
    "Bart",
    "Dirk",
    "Geert",
    "Jan",
    "Jozef",
    "Karel",
    "Dries",
    "Wim",
    "Pieterjan",
    "Toon",
    "Lander",
    "Milan",
    "Mathis",
    "Matthias",
    "Michiel",
    "Simon",
    "Tibo",
    "Tuur",
    "Staf",
    "Nand",
    "Mauro",
    "Cas",
    "Lou",
    "Emiel",
    "Gust",
    "Rik",
    "Hannes",
    "Kasper",
    "Yannick",
    "Wannes",
    "Ward",
    "Brecht",
    "Bert",
    "Gilles",
    "Hugo",
    "Nathan",
    "Raphaël",
    "Gabriel",
    "Baptiste",
    "Antoine",
    "Alexandre",
    "Nicolas",
    "Julien",
    "François",
    "Mathéo",
    "Noé",
    "Léon",
    "Éric",
    "Sébastien",
    "Benoît",
    "Jérôme",
    "Frédéric",
    "Cédric",
    "Olivier",
    "Pierre",
    "Jean",
    "Philippe",
    "Étienne",
    "Quentin",
    "Romain",
    "Thomas",
    "Florian",
    "Valentin",
    "Corentin",
    "Clément",
    "Damien",
    "Grégory",
    "Jonathan",
    "Kevin",
    "Loïc",
    "Mathieu",
    "Martin",
    "Augustin",
    "Célestin",
    "Élias",
    "Ilias",
    "Mohamed",
    "Youssef",
    "Ayoub",
    "Amine",
    "Rayan",
    "Sacha",
    "Aurélien",
    "Lionel",
    "Xavier",
    "Arnaud",
    "Bastien",
    "Timéo",
    "Marius",
    "Achille",
];

/// Common female given names in Belgium (Flemish and Walloon/French mix).
pub const GIVEN_NAMES_FEMALE: &[&str] = &[
    "Emma",
    "Marie",
    "Lotte",
    "Fien",
    "Elise",
    "Chloé",
    "Juliette",
    "Océane",
    "Olivia",
    "Louise",
    "Mila",
    "Alice",
    "Ella",
    "Lina",
    "Nora",
    "Julie",
    "Lisa",
    "Sarah",
    "Laura",
    "Hanne",
    "Lien",
    "Femke",
    "Jolien",
    "Sofie",
    "Katrien",
    "An",
    "Els",
    "Griet",
    "Ine",
    "Kato",
    "Lore",
    "Marthe",
    "Roos",
    "Noor",
    "Jana",
    "Febe",
    "Nina",
    "Lena",
    "Zoë",
    "Amber",
    "Axelle",
    "Charlotte",
    "Camille",
    "Léa",
    "Manon",
    "Inès",
    "Anaïs",
    "Héloïse",
    "Margaux",
    "Pauline",
    "Mathilde",
    "Clémence",
    "Élodie",
    "Céline",
    "Aurélie",
    "Noémie",
    "Mélanie",
    "Émilie",
    "Valérie",
    "Nathalie",
    "Sophie",
    "Isabelle",
    "Catherine",
    "Françoise",
    "Véronique",
    "Stéphanie",
    "Sandrine",
    "Delphine",
    "Joséphine",
    "Eline",
    "Lieze",
    "Tine",
    "Evi",
    "Ellen",
    "Kaat",
    "Mieke",
    "Lies",
    "Leen",
    "Veerle",
    "Hilde",
    "Greet",
    "Liesbeth",
    "Annelies",
    "Nele",
    "Silke",
    "Anne-Sophie",
    "Marie-Claire",
    "Yasmine",
    "Salma",
    "Amira",
    "Lucie",
    "Clara",
    "Anna",
    "Eva",
    "Hélène",
    "Agathe",
    "Apolline",
    "Capucine",
    "Romane",
    "Justine",
    "Victoire",
    "Adèle",
    "Rose",
    "Jade",
    "Luna",
    "Mona",
    "Lily",
    "Fleur",
    "Liv",
    "Fenna",
    "Paulien",
    "Ilse",
    "Wendy",
    "Kelly",
    "Tinne",
    "Margot",
    "Gaëlle",
    "Maëlle",
    "Maëlys",
    "Estelle",
    "Coralie",
    "Laetitia",
    "Sabine",
    "Brigitte",
    "Martine",
    "Christine",
    "Bénédicte",
];

/// Realistic Belgian family names (Flemish and Walloon). No duplicates.
pub const FAMILY_NAMES: &[&str] = &[
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Van den Broeck",
    "Vermeulen",
    "Hermans",
    "Aerts",
    "Michiels",
    "Pauwels",
    "De Vos",
    "Van Damme",
    "Verstraete",
    "Smets",
    "Stevens",
    "Cools",
    "Verhoeven",
    "Lemmens",
    "Van de Velde",
    "Hendrickx",
    "Segers",
    "Geerts",
    "Vandenberghe",
    "Claeys",
    "De Clercq",
    "Bogaerts",
    "De Backer",
    "Van Dyck",
    "Verbruggen",
    "Van Hoof",
    "Verhaegen",
    "De Cock",
    "Vervoort",
    "Thys",
    "Wuyts",
    "Laenen",
    "Baeten",
    "Coppens",
    "Van Acker",
    "De Wolf",
    "Van Looy",
    "Nys",
    "Verbeke",
    "Van Hecke",
    "Mahieu",
    "Desmedt",
    "Van Laere",
    "De Meyer",
    "Cornelis",
    "Van Camp",
    "Moens",
    "Verschueren",
    "Smolders",
    "Bosmans",
    "Huybrechts",
    "Bertels",
    "Van Roy",
    "Lauwers",
    "Luyten",
    "Coenen",
    "Schepers",
    "Dierckx",
    "Martens",
    "De Pauw",
    "Van Gorp",
    "Verlinden",
    "Dewulf",
    "Van Hove",
    "Verhelst",
    "De Groote",
    "D'hondt",
    "Van der Linden",
    "De Winter",
    "De Ridder",
    "Van Parys",
    "Cuypers",
    "Mortier",
    "Geeraerts",
    "Teirlinck",
    "Ceulemans",
    "Van Geel",
    "Jansen",
    "Vos",
    "Van Mol",
    "Op de Beeck",
    "Lenaerts",
    "Vanderstraeten",
    "Van Impe",
    "Decoster",
    "Vanneste",
    "Verbeeck",
    "Van Steenkiste",
    "Wyns",
    "Rombouts",
    "Van Rossem",
    "Dirix",
    "Buysse",
    "Sels",
    "Boeckx",
    "Van Bael",
    "Vandenbussche",
    "Vandeputte",
    "Van den Bossche",
    "Vanhoutte",
    "Vermeersch",
    "De Bruyn",
    "Christiaens",
    "Bracke",
    "Callewaert",
    "Vandewalle",
    "Timmermans",
    "Schoofs",
    "Vanderheyden",
    "Jorissen",
    "Swinnen",
    "Daems",
    "Wauters",
    "Heylen",
    "Verachtert",
    "Dubois",
    "Lambert",
    "Dupont",
    "Martin",
    "Leclercq",
    "Renard",
    "Simon",
    "Laurent",
    "Lejeune",
    "Dumont",
    "François",
    "Leroy",
    "Denis",
    "Collard",
    "Fontaine",
    "Lefebvre",
    "Lemaire",
    "Henry",
    "Michel",
    "Mathieu",
    "Thiry",
    "Gérard",
    "Charlier",
    "Noël",
    "Masson",
    "Hubert",
    "Marchal",
    "Piette",
    "Dufour",
    "Lecomte",
    "Legrand",
    "Goffin",
    "Jacquet",
    "Pirotte",
    "Delvaux",
    "Closset",
    "Lhoest",
    "Bodart",
    "Pirard",
    "Rousseau",
    "Mercier",
    "Dethier",
    "Grégoire",
    "Lemoine",
    "Baudoux",
    "Jadot",
    "Englebert",
    "Marchand",
    "Wathelet",
    "Gilson",
    "Lambotte",
    "Collignon",
    "Delhaye",
    "Piron",
    "Toussaint",
    "Poncelet",
    "Etienne",
    "Guillaume",
    "Remacle",
    "Léonard",
    "Servais",
    "Bastin",
    "Nicolas",
    "Maréchal",
    "Cornet",
    "Dumoulin",
    "Lallemand",
    "Renier",
    "Hardy",
    "Moreau",
    "Dubuisson",
    "Delforge",
    "Dessy",
    "Kinet",
    "Lardinois",
    "Delcourt",
    "Dejardin",
    "Gilles",
    "Paquet",
    "Evrard",
    "Laloux",
    "Detry",
    "Deprez",
];

/// A real Belgian municipality with its main postcode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Municipality {
    /// Four-digit Belgian postcode.
    pub postcode: &'static str,
    /// Official name in the local language.
    pub name: &'static str,
    /// `"nl"` or `"fr"` (Brussels municipalities use `"fr"`).
    pub lang: &'static str,
}

/// Real municipalities in Flanders, Wallonia and Brussels.
pub const MUNICIPALITIES: &[Municipality] = &[
    // Flanders
    Municipality {
        postcode: "2000",
        name: "Antwerpen",
        lang: "nl",
    },
    Municipality {
        postcode: "9000",
        name: "Gent",
        lang: "nl",
    },
    Municipality {
        postcode: "8000",
        name: "Brugge",
        lang: "nl",
    },
    Municipality {
        postcode: "3000",
        name: "Leuven",
        lang: "nl",
    },
    Municipality {
        postcode: "2800",
        name: "Mechelen",
        lang: "nl",
    },
    Municipality {
        postcode: "3500",
        name: "Hasselt",
        lang: "nl",
    },
    Municipality {
        postcode: "8500",
        name: "Kortrijk",
        lang: "nl",
    },
    Municipality {
        postcode: "9300",
        name: "Aalst",
        lang: "nl",
    },
    Municipality {
        postcode: "2300",
        name: "Turnhout",
        lang: "nl",
    },
    Municipality {
        postcode: "8400",
        name: "Oostende",
        lang: "nl",
    },
    Municipality {
        postcode: "9100",
        name: "Sint-Niklaas",
        lang: "nl",
    },
    Municipality {
        postcode: "3600",
        name: "Genk",
        lang: "nl",
    },
    Municipality {
        postcode: "8800",
        name: "Roeselare",
        lang: "nl",
    },
    Municipality {
        postcode: "2500",
        name: "Lier",
        lang: "nl",
    },
    Municipality {
        postcode: "2200",
        name: "Herentals",
        lang: "nl",
    },
    Municipality {
        postcode: "9200",
        name: "Dendermonde",
        lang: "nl",
    },
    Municipality {
        postcode: "3800",
        name: "Sint-Truiden",
        lang: "nl",
    },
    Municipality {
        postcode: "2400",
        name: "Mol",
        lang: "nl",
    },
    Municipality {
        postcode: "8900",
        name: "Ieper",
        lang: "nl",
    },
    Municipality {
        postcode: "9700",
        name: "Oudenaarde",
        lang: "nl",
    },
    Municipality {
        postcode: "3300",
        name: "Tienen",
        lang: "nl",
    },
    Municipality {
        postcode: "1800",
        name: "Vilvoorde",
        lang: "nl",
    },
    Municipality {
        postcode: "2440",
        name: "Geel",
        lang: "nl",
    },
    Municipality {
        postcode: "9900",
        name: "Eeklo",
        lang: "nl",
    },
    Municipality {
        postcode: "3200",
        name: "Aarschot",
        lang: "nl",
    },
    Municipality {
        postcode: "9400",
        name: "Ninove",
        lang: "nl",
    },
    Municipality {
        postcode: "8700",
        name: "Tielt",
        lang: "nl",
    },
    Municipality {
        postcode: "3700",
        name: "Tongeren",
        lang: "nl",
    },
    Municipality {
        postcode: "1700",
        name: "Dilbeek",
        lang: "nl",
    },
    Municipality {
        postcode: "3080",
        name: "Tervuren",
        lang: "nl",
    },
    Municipality {
        postcode: "9800",
        name: "Deinze",
        lang: "nl",
    },
    Municipality {
        postcode: "8370",
        name: "Blankenberge",
        lang: "nl",
    },
    Municipality {
        postcode: "2900",
        name: "Schoten",
        lang: "nl",
    },
    Municipality {
        postcode: "9500",
        name: "Geraardsbergen",
        lang: "nl",
    },
    Municipality {
        postcode: "3290",
        name: "Diest",
        lang: "nl",
    },
    Municipality {
        postcode: "2260",
        name: "Westerlo",
        lang: "nl",
    },
    Municipality {
        postcode: "9160",
        name: "Lokeren",
        lang: "nl",
    },
    Municipality {
        postcode: "8600",
        name: "Diksmuide",
        lang: "nl",
    },
    Municipality {
        postcode: "1500",
        name: "Halle",
        lang: "nl",
    },
    Municipality {
        postcode: "3580",
        name: "Beringen",
        lang: "nl",
    },
    Municipality {
        postcode: "3630",
        name: "Maasmechelen",
        lang: "nl",
    },
    // Wallonia
    Municipality {
        postcode: "4000",
        name: "Liège",
        lang: "fr",
    },
    Municipality {
        postcode: "5000",
        name: "Namur",
        lang: "fr",
    },
    Municipality {
        postcode: "6000",
        name: "Charleroi",
        lang: "fr",
    },
    Municipality {
        postcode: "7000",
        name: "Mons",
        lang: "fr",
    },
    Municipality {
        postcode: "7500",
        name: "Tournai",
        lang: "fr",
    },
    Municipality {
        postcode: "1300",
        name: "Wavre",
        lang: "fr",
    },
    Municipality {
        postcode: "1400",
        name: "Nivelles",
        lang: "fr",
    },
    Municipality {
        postcode: "1340",
        name: "Ottignies-Louvain-la-Neuve",
        lang: "fr",
    },
    Municipality {
        postcode: "4800",
        name: "Verviers",
        lang: "fr",
    },
    Municipality {
        postcode: "6700",
        name: "Arlon",
        lang: "fr",
    },
    Municipality {
        postcode: "5500",
        name: "Dinant",
        lang: "fr",
    },
    Municipality {
        postcode: "4500",
        name: "Huy",
        lang: "fr",
    },
    Municipality {
        postcode: "7100",
        name: "La Louvière",
        lang: "fr",
    },
    Municipality {
        postcode: "6900",
        name: "Marche-en-Famenne",
        lang: "fr",
    },
    Municipality {
        postcode: "6600",
        name: "Bastogne",
        lang: "fr",
    },
    Municipality {
        postcode: "4300",
        name: "Waremme",
        lang: "fr",
    },
    Municipality {
        postcode: "7700",
        name: "Mouscron",
        lang: "fr",
    },
    Municipality {
        postcode: "7800",
        name: "Ath",
        lang: "fr",
    },
    Municipality {
        postcode: "1420",
        name: "Braine-l'Alleud",
        lang: "fr",
    },
    Municipality {
        postcode: "1410",
        name: "Waterloo",
        lang: "fr",
    },
    Municipality {
        postcode: "5300",
        name: "Andenne",
        lang: "fr",
    },
    Municipality {
        postcode: "4900",
        name: "Spa",
        lang: "fr",
    },
    Municipality {
        postcode: "4100",
        name: "Seraing",
        lang: "fr",
    },
    Municipality {
        postcode: "7060",
        name: "Soignies",
        lang: "fr",
    },
    Municipality {
        postcode: "4960",
        name: "Malmedy",
        lang: "fr",
    },
    Municipality {
        postcode: "6460",
        name: "Chimay",
        lang: "fr",
    },
    Municipality {
        postcode: "4040",
        name: "Herstal",
        lang: "fr",
    },
    Municipality {
        postcode: "4600",
        name: "Visé",
        lang: "fr",
    },
    // Brussels-Capital Region
    Municipality {
        postcode: "1000",
        name: "Bruxelles",
        lang: "fr",
    },
    Municipality {
        postcode: "1030",
        name: "Schaerbeek",
        lang: "fr",
    },
    Municipality {
        postcode: "1040",
        name: "Etterbeek",
        lang: "fr",
    },
    Municipality {
        postcode: "1050",
        name: "Ixelles",
        lang: "fr",
    },
    Municipality {
        postcode: "1060",
        name: "Saint-Gilles",
        lang: "fr",
    },
    Municipality {
        postcode: "1070",
        name: "Anderlecht",
        lang: "fr",
    },
    Municipality {
        postcode: "1080",
        name: "Molenbeek-Saint-Jean",
        lang: "fr",
    },
    Municipality {
        postcode: "1090",
        name: "Jette",
        lang: "fr",
    },
    Municipality {
        postcode: "1150",
        name: "Woluwe-Saint-Pierre",
        lang: "fr",
    },
    Municipality {
        postcode: "1180",
        name: "Uccle",
        lang: "fr",
    },
    Municipality {
        postcode: "1190",
        name: "Forest",
        lang: "fr",
    },
    Municipality {
        postcode: "1200",
        name: "Woluwe-Saint-Lambert",
        lang: "fr",
    },
];

/// Realistic Flemish street names.
pub const STREETS_NL: &[&str] = &[
    "Kerkstraat",
    "Stationsstraat",
    "Molenstraat",
    "Dorpsstraat",
    "Schoolstraat",
    "Nieuwstraat",
    "Kapelstraat",
    "Veldstraat",
    "Lindenlaan",
    "Beukenlaan",
    "Eikenlaan",
    "Kastanjelaan",
    "Berkenlaan",
    "Populierenlaan",
    "Meerstraat",
    "Hoogstraat",
    "Marktplein",
    "Grote Markt",
    "Brugstraat",
    "Kasteelstraat",
    "Bosstraat",
    "Heidestraat",
    "Langestraat",
    "Nijverheidsstraat",
    "Processiestraat",
    "Pastorijstraat",
    "Kloosterstraat",
    "Gemeenteplein",
    "Sportlaan",
    "Zandstraat",
    "Brusselsesteenweg",
    "Antwerpsesteenweg",
    "Gentsesteenweg",
    "Mechelsesteenweg",
    "Broekstraat",
    "Weverstraat",
    "Smisstraat",
    "Hofstraat",
    "Vaartstraat",
    "Dijkstraat",
    "Leopoldstraat",
    "Koning Albertstraat",
    "Koningin Astridlaan",
    "Zonnestraat",
    "Rozenstraat",
    "Tulpenstraat",
    "Akkerstraat",
    "Ringlaan",
    "Parklaan",
    "Watermolenstraat",
    "Begijnhofstraat",
    "Plezantstraat",
];

/// Realistic Walloon / Brussels (French) street names.
pub const STREETS_FR: &[&str] = &[
    "Rue de la Station",
    "Rue de l'Église",
    "Chaussée de Bruxelles",
    "Rue du Moulin",
    "Avenue des Tilleuls",
    "Place communale",
    "Rue de la Gare",
    "Rue Haute",
    "Rue Basse",
    "Grand-Place",
    "Rue du Marché",
    "Rue de l'École",
    "Rue du Château",
    "Rue de la Chapelle",
    "Rue du Centre",
    "Rue de la Paix",
    "Rue Neuve",
    "Avenue Albert Ier",
    "Avenue Reine Astrid",
    "Rue Léopold",
    "Rue Saint-Martin",
    "Rue des Champs",
    "Rue du Bois",
    "Rue de la Fontaine",
    "Rue des Prés",
    "Rue du Pont",
    "Chaussée de Namur",
    "Chaussée de Louvain",
    "Chaussée de Mons",
    "Rue de Namur",
    "Rue de Liège",
    "Rue du Parc",
    "Avenue des Érables",
    "Avenue des Marronniers",
    "Avenue des Acacias",
    "Rue des Peupliers",
    "Rue des Roses",
    "Rue des Lilas",
    "Rue de la Croix",
    "Rue du Calvaire",
    "Rue de la Libération",
    "Rue des Combattants",
    "Rue du Village",
    "Rue de la Briqueterie",
    "Rue des Sports",
    "Rue de l'Industrie",
    "Rue du Stade",
    "Place du Marché",
    "Rue Royale",
    "Avenue Louise",
    "Rue des Écoles",
    "Chemin du Tram",
];

/// A fictional demo club.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClubSeed {
    /// Lowercase ASCII slug with hyphens.
    pub slug: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Primary brand colour (`#rrggbb`), dark enough for white text (>= 4.5:1).
    pub primary: &'static str,
    /// Accent brand colour (`#rrggbb`).
    pub accent: &'static str,
    /// `"nl"` or `"fr"`.
    pub lang: &'static str,
    /// The plan the demo gives the club.
    pub plan: &'static str,
    /// Index into [`MUNICIPALITIES`].
    pub municipality: usize,
}

impl ClubSeed {
    /// The club's home municipality, if the index is valid.
    pub fn home(&self) -> Option<&'static Municipality> {
        MUNICIPALITIES.get(self.municipality)
    }
}

/// Exactly three believable, fictional demo clubs.
pub const DEMO_CLUBS: &[ClubSeed] = &[
    ClubSeed {
        slug: "vc-kempenvlug-herentals",
        name: "VC Kempenvlug Herentals",
        primary: "#1d3557",
        accent: "#f4a261",
        lang: "nl",
        plan: "premium",
        municipality: 14, // Herentals
    },
    ClubSeed {
        slug: "rfc-confluent-namur",
        name: "Royal Football Club Confluent Namur",
        primary: "#7a0019",
        accent: "#ffc72c",
        lang: "fr",
        plan: "standard",
        municipality: 42, // Namur
    },
    ClubSeed {
        slug: "cn-aquatica-ixelles",
        name: "Cercle de Natation Aquatica Ixelles",
        primary: "#0b4f6c",
        accent: "#20bf55",
        lang: "fr",
        plan: "trial",
        municipality: 72, // Ixelles
    },
];

/// Fictional umbrella federation for the demo: `(slug, name)`.
pub const DEMO_FEDERATION: (&str, &str) = ("bsf", "Belgian Sports Federation");

/// Words used to compose names of extra generated clubs.
pub const EXTRA_CLUB_WORDS: &[&str] = &[
    "Sporting",
    "Racing",
    "Olympic",
    "Atlas",
    "Vlug",
    "Hermes",
    "Royal",
    "Union",
    "Excelsior",
    "Victoria",
    "Concordia",
    "Energie",
    "Dynamo",
    "Vitesse",
    "Avanti",
    "Phoenix",
    "Titan",
    "Comète",
    "Eendracht",
    "Spirit",
    "Élan",
    "Jeunesse",
    "Amicale",
    "Vooruit",
    "Hoger Op",
    "Rapid",
    "Kracht",
    "Tornado",
    "Aquila",
    "Vlijt",
    "Meeuwen",
    "Étoile",
];

/// Sports as `(en, nl, fr)`.
pub const SPORTS: &[(&str, &str, &str)] = &[
    ("Volleyball", "Volleybal", "Volley-ball"),
    ("Football", "Voetbal", "Football"),
    ("Swimming", "Zwemmen", "Natation"),
    ("Basketball", "Basketbal", "Basket-ball"),
    ("Tennis", "Tennis", "Tennis"),
    ("Field hockey", "Hockey", "Hockey"),
    ("Handball", "Handbal", "Handball"),
    ("Athletics", "Atletiek", "Athlétisme"),
    ("Cycling", "Wielrennen", "Cyclisme"),
    ("Table tennis", "Tafeltennis", "Tennis de table"),
    ("Badminton", "Badminton", "Badminton"),
    ("Judo", "Judo", "Judo"),
    ("Gymnastics", "Turnen", "Gymnastique"),
    ("Korfball", "Korfbal", "Korfball"),
];

/// Deterministically pick an entry from `list` (wrapping around); returns
/// `""` for an empty list.
pub fn pick(list: &[&'static str], n: usize) -> &'static str {
    if list.is_empty() {
        ""
    } else {
        list[n % list.len()]
    }
}

/// Localised name of a sport entry for `lang` (`"nl"`, `"fr"`, else English).
pub fn sport_name(sport: (&'static str, &'static str, &'static str), lang: &str) -> &'static str {
    match lang {
        "nl" => sport.1,
        "fr" => sport.2,
        _ => sport.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn assert_unique(list: &[&str], what: &str) {
        let mut seen = HashSet::new();
        for s in list {
            assert!(seen.insert(*s), "duplicate in {what}: {s}");
        }
    }

    fn channel(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    fn parse_hex(hex: &str) -> (u8, u8, u8) {
        assert!(hex.len() == 7 && hex.starts_with('#'), "bad colour {hex}");
        let r = u8::from_str_radix(&hex[1..3], 16).unwrap();
        let g = u8::from_str_radix(&hex[3..5], 16).unwrap();
        let b = u8::from_str_radix(&hex[5..7], 16).unwrap();
        (r, g, b)
    }

    fn relative_luminance(hex: &str) -> f64 {
        let (r, g, b) = parse_hex(hex);
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    fn contrast_with_white(hex: &str) -> f64 {
        let l = relative_luminance(hex);
        (1.0 + 0.05) / (l + 0.05)
    }

    #[test]
    fn family_names_have_no_duplicates() {
        assert_unique(FAMILY_NAMES, "FAMILY_NAMES");
    }

    #[test]
    fn other_lists_have_no_duplicates() {
        assert_unique(GIVEN_NAMES_MALE, "GIVEN_NAMES_MALE");
        assert_unique(GIVEN_NAMES_FEMALE, "GIVEN_NAMES_FEMALE");
        assert_unique(STREETS_NL, "STREETS_NL");
        assert_unique(STREETS_FR, "STREETS_FR");
        assert_unique(EXTRA_CLUB_WORDS, "EXTRA_CLUB_WORDS");
        let names: Vec<&str> = MUNICIPALITIES.iter().map(|m| m.name).collect();
        assert_unique(&names, "MUNICIPALITIES");
    }

    #[test]
    fn postcodes_are_valid() {
        for m in MUNICIPALITIES {
            assert_eq!(m.postcode.len(), 4, "postcode {} ({})", m.postcode, m.name);
            assert!(
                m.postcode.bytes().all(|b| b.is_ascii_digit()),
                "postcode {} ({})",
                m.postcode,
                m.name
            );
            let n: u32 = m.postcode.parse().unwrap();
            assert!(
                (1000..=9999).contains(&n),
                "postcode {} ({})",
                m.postcode,
                m.name
            );
            assert!(m.lang == "nl" || m.lang == "fr", "lang of {}", m.name);
        }
    }

    #[test]
    fn club_slugs_are_valid() {
        assert_eq!(DEMO_CLUBS.len(), 3);
        for c in DEMO_CLUBS {
            assert!(!c.slug.is_empty());
            assert!(
                c.slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "bad slug {}",
                c.slug
            );
        }
        let fed = DEMO_FEDERATION.0;
        assert!(fed
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
    }

    #[test]
    fn club_primary_colours_contrast_with_white() {
        for c in DEMO_CLUBS {
            let ratio = contrast_with_white(c.primary);
            assert!(
                ratio >= 4.5,
                "{} primary {} ratio {ratio}",
                c.slug,
                c.primary
            );
            // Accent just needs to be a valid colour.
            let _ = parse_hex(c.accent);
        }
    }

    #[test]
    fn club_municipalities_are_valid() {
        for c in DEMO_CLUBS {
            let home = c.home().unwrap();
            assert_eq!(home.lang, c.lang, "{} lives in {}", c.slug, home.name);
        }
        assert_eq!(DEMO_CLUBS[0].home().unwrap().name, "Herentals");
        assert_eq!(DEMO_CLUBS[1].home().unwrap().name, "Namur");
        assert_eq!(DEMO_CLUBS[2].home().unwrap().name, "Ixelles");
    }

    #[test]
    fn lists_have_minimum_sizes() {
        assert!(GIVEN_NAMES_MALE.len() >= 100);
        assert!(GIVEN_NAMES_FEMALE.len() >= 100);
        assert!(FAMILY_NAMES.len() >= 150);
        assert!(MUNICIPALITIES.len() >= 40);
        assert!(STREETS_NL.len() >= 40);
        assert!(STREETS_FR.len() >= 40);
        assert!(EXTRA_CLUB_WORDS.len() >= 25);
        assert!(SPORTS.len() >= 12);
    }

    #[test]
    fn helpers_work() {
        assert_eq!(pick(&[], 3), "");
        assert_eq!(pick(STREETS_NL, 0), STREETS_NL[0]);
        assert_eq!(pick(STREETS_NL, STREETS_NL.len()), STREETS_NL[0]);
        assert_eq!(sport_name(SPORTS[0], "nl"), "Volleybal");
        assert_eq!(sport_name(SPORTS[0], "fr"), "Volley-ball");
        assert_eq!(sport_name(SPORTS[0], "en"), "Volleyball");
    }
}
