//! Reference data for the demo dataset: realistic Belgian given names and
//! family names (Flemish and Walloon), real municipalities with their
//! postcodes, Dutch and French street names, a handful of fictional demo
//! clubs with a fictional federation, words to compose extra club names and
//! a list of sports with their English, Dutch and French names.
//!
//! The lists are plain data files in `data/` (one entry a line; municipalities and sports
//! as tab-separated columns), compiled in with `include_str!` and parsed once on first
//! use. The generator picks from them deterministically (see [`pick`]), so their order
//! is part of the demo: append, do not reorder.

use std::sync::LazyLock;

/// The non-blank lines of a list file, trimmed.
fn lines(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The rows of a tab-separated file with exactly `N` columns (a malformed row is left
/// out; the tests check that none is).
fn rows<const N: usize>(text: &'static str) -> Vec<[&'static str; N]> {
    lines(text)
        .into_iter()
        .filter_map(|l| {
            let cols: Vec<&'static str> = l.split('\t').map(str::trim).collect();
            <[&'static str; N]>::try_from(cols).ok()
        })
        .collect()
}

const GIVEN_NAMES_MALE_TXT: &str = include_str!("data/given_names_male.txt");
const GIVEN_NAMES_FEMALE_TXT: &str = include_str!("data/given_names_female.txt");
const FAMILY_NAMES_TXT: &str = include_str!("data/family_names.txt");
const MUNICIPALITIES_TSV: &str = include_str!("data/municipalities.tsv");
const STREETS_NL_TXT: &str = include_str!("data/streets_nl.txt");
const STREETS_FR_TXT: &str = include_str!("data/streets_fr.txt");
const CLUB_WORDS_TXT: &str = include_str!("data/club_words.txt");
const SPORTS_TSV: &str = include_str!("data/sports.tsv");

/// Common male given names in Belgium (Flemish and Walloon/French mix).
pub static GIVEN_NAMES_MALE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(GIVEN_NAMES_MALE_TXT));

/// Common female given names in Belgium.
pub static GIVEN_NAMES_FEMALE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(GIVEN_NAMES_FEMALE_TXT));

/// Belgian family names, Flemish and Walloon.
pub static FAMILY_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| lines(FAMILY_NAMES_TXT));

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

/// Real municipalities in Flanders, Wallonia and Brussels (`postcode<TAB>name<TAB>lang`).
pub static MUNICIPALITIES: LazyLock<Vec<Municipality>> = LazyLock::new(|| {
    rows::<3>(MUNICIPALITIES_TSV)
        .into_iter()
        .map(|[postcode, name, lang]| Municipality {
            postcode,
            name,
            lang,
        })
        .collect()
});

/// Dutch street names.
pub static STREETS_NL: LazyLock<Vec<&'static str>> = LazyLock::new(|| lines(STREETS_NL_TXT));

/// French street names.
pub static STREETS_FR: LazyLock<Vec<&'static str>> = LazyLock::new(|| lines(STREETS_FR_TXT));

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
pub static EXTRA_CLUB_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| lines(CLUB_WORDS_TXT));

/// A sport as `(en, nl, fr)`.
pub type Sport = (&'static str, &'static str, &'static str);

/// Sports as `(en, nl, fr)` (`en<TAB>nl<TAB>fr`).
pub static SPORTS: LazyLock<Vec<Sport>> = LazyLock::new(|| {
    rows::<3>(SPORTS_TSV)
        .into_iter()
        .map(|[en, nl, fr]| (en, nl, fr))
        .collect()
});

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
pub fn sport_name(sport: Sport, lang: &str) -> &'static str {
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

    /// Every line of every data file is an entry: no blank lines, no stray spaces, no
    /// malformed rows left out by the parser, nothing twice.
    #[test]
    fn data_files_are_clean() {
        for (file, text, columns) in [
            ("given_names_male", GIVEN_NAMES_MALE_TXT, 1),
            ("given_names_female", GIVEN_NAMES_FEMALE_TXT, 1),
            ("family_names", FAMILY_NAMES_TXT, 1),
            ("municipalities", MUNICIPALITIES_TSV, 3),
            ("streets_nl", STREETS_NL_TXT, 1),
            ("streets_fr", STREETS_FR_TXT, 1),
            ("club_words", CLUB_WORDS_TXT, 1),
            ("sports", SPORTS_TSV, 3),
        ] {
            assert!(text.ends_with('\n'), "{file}: no final newline");
            let mut seen = HashSet::new();
            for (i, line) in text.lines().enumerate() {
                assert!(!line.trim().is_empty(), "{file}:{}: blank line", i + 1);
                assert_eq!(line, line.trim(), "{file}:{}: spaces around", i + 1);
                let cols: Vec<&str> = line.split('\t').collect();
                assert_eq!(cols.len(), columns, "{file}:{}: columns", i + 1);
                assert!(cols.iter().all(|c| !c.trim().is_empty() && c.trim() == *c));
                assert!(seen.insert(line), "{file}:{}: duplicate {line}", i + 1);
            }
        }
        assert_eq!(MUNICIPALITIES.len(), MUNICIPALITIES_TSV.lines().count());
        assert_eq!(SPORTS.len(), SPORTS_TSV.lines().count());
    }

    #[test]
    fn malformed_rows_are_left_out_without_a_panic() {
        let parsed = rows::<3>("2000\tAntwerpen\tnl\n\nbad row\n1\t2\t3\t4\n");
        assert_eq!(parsed, vec![["2000", "Antwerpen", "nl"]]);
        assert_eq!(lines("  a \n\n b\n"), vec!["a", "b"]);
    }

    #[test]
    fn family_names_have_no_duplicates() {
        assert_unique(&FAMILY_NAMES, "FAMILY_NAMES");
    }

    #[test]
    fn other_lists_have_no_duplicates() {
        assert_unique(&GIVEN_NAMES_MALE, "GIVEN_NAMES_MALE");
        assert_unique(&GIVEN_NAMES_FEMALE, "GIVEN_NAMES_FEMALE");
        assert_unique(&STREETS_NL, "STREETS_NL");
        assert_unique(&STREETS_FR, "STREETS_FR");
        assert_unique(&EXTRA_CLUB_WORDS, "EXTRA_CLUB_WORDS");
        let names: Vec<&str> = MUNICIPALITIES.iter().map(|m| m.name).collect();
        assert_unique(&names, "MUNICIPALITIES");
    }

    #[test]
    fn postcodes_are_valid() {
        for m in MUNICIPALITIES.iter() {
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
        assert_eq!(pick(&STREETS_NL, 0), STREETS_NL[0]);
        assert_eq!(pick(&STREETS_NL, STREETS_NL.len()), STREETS_NL[0]);
        assert_eq!(sport_name(SPORTS[0], "nl"), "Volleybal");
        assert_eq!(sport_name(SPORTS[0], "fr"), "Volley-ball");
        assert_eq!(sport_name(SPORTS[0], "en"), "Volleyball");
    }
}
