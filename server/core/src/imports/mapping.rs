//! Mapping a file's columns to the register's fields: suggested from Dutch, French and
//! English headers, checked, and the club's own fields among them.

use super::import::*;
use crate::db::TenantTx;
use crate::error::Result;
use crate::scope::TenantScope;
use tessera_common::dto::{CustomField, ImportColumn};
use tessera_common::{AppError, FieldError};
use tessera_common::{Msg, Problem};

// ---------------------------------------------------------------- mapping

/// Lower case, accents and everything but letters and digits removed: "Date de naissance"
/// and "date_de_naissance" both become "datedenaissance".
pub(super) fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => Some('a'),
            'ç' => Some('c'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ò' | 'ó' | 'ô' | 'ö' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Header names (folded) that suggest each field, in English, Dutch and French.
#[rustfmt::skip]
pub(super) const SYNONYMS: &[(&str, &[&str])] = &[
    ("given_name", &["givenname", "firstname", "first", "forename", "voornaam", "voornamen",
        "prenom", "prenoms"]),
    ("family_name", &["familyname", "lastname", "surname", "naam", "achternaam", "familienaam",
        "nom", "nomdefamille"]),
    ("birth_date", &["birthdate", "dateofbirth", "birthday", "born", "dob", "geboortedatum",
        "geboren", "geboortedag", "datedenaissance", "naissance"]),
    ("gender", &["gender", "sex", "geslacht", "sexe", "genre"]),
    ("email", &["email", "emailaddress", "mail", "emailadres", "mailadres", "courriel",
        "adresseemail", "adressemail", "adressecourriel"]),
    ("phone", &["phone", "phonenumber", "telephone", "mobile", "mobilephone", "tel",
        "telefoon", "telefoonnummer", "gsm", "gsmnummer", "mobiel", "portable",
        "numerodetelephone", "telephonemobile"]),
    ("street", &["street", "address", "streetandnumber", "straat", "adres", "straatennummer",
        "straatnr", "rue", "adresse", "rueetnumero"]),
    ("postcode", &["postcode", "postalcode", "zip", "zipcode", "postnummer", "codepostal",
        "cp"]),
    ("city", &["city", "town", "municipality", "gemeente", "plaats", "woonplaats", "stad",
        "ville", "localite", "commune"]),
    ("membership_type", &["membershiptype", "type", "category", "lidtype", "soortlid",
        "typelid", "categorie", "lidmaatschap", "typedemembre", "typedaffiliation",
        "typedelid"]),
    ("season", &["season", "seizoen", "saison"]),
    ("status", &["status", "state", "statut", "etat"]),
    ("joined_on", &["joinedon", "joined", "membersince", "joindate", "lidsinds",
        "ingeschreven", "inschrijvingsdatum", "aansluitingsdatum", "datumaansluiting",
        "startdatum", "membredepuis", "inscription", "dateinscription", "datedinscription",
        "affiliation"]),
    ("ended_on", &["endedon", "ended", "enddate", "einddatum", "uitgeschreven",
        "datumuitschrijving", "datedefin", "fin", "findaffiliation"]),
];

/// Proposes a target for every column from its header name (English, Dutch or French);
/// `ignore` where nothing fits. Each field goes to the first column that names it.
pub fn suggest_mapping(headers: &[String]) -> Vec<(usize, String)> {
    let mut taken: Vec<&str> = Vec::new();
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let f = fold(h);
            let target = SYNONYMS
                .iter()
                .find(|(field, names)| {
                    !taken.contains(field) && (names.contains(&f.as_str()) || fold(field) == f)
                })
                .map(|(field, _)| *field);
            if let Some(t) = target {
                taken.push(t);
            }
            (i, target.unwrap_or(IGNORE).to_string())
        })
        .collect()
}

/// A checked mapping: (column, field index into [`FIELDS`]), in column order.
pub(crate) type Plan = Vec<(usize, usize)>;

/// The club's own fields an import may fill in (`custom:{id}` targets): those the
/// importing staff may change (sensitive ones only with their permission).
pub(crate) async fn importable_fields(
    tx: &mut TenantTx,
    scope: &TenantScope,
) -> Result<Vec<CustomField>> {
    let viewer = crate::members::custom_fields::Viewer::staff(scope);
    Ok(crate::members::custom_fields::definitions(tx)
        .await?
        .into_iter()
        .filter(|f| viewer.changes(f))
        .collect())
}

/// The columns that go to the club's own fields.
pub(crate) type CustomPlan = Vec<(usize, CustomField)>;

pub(crate) fn check_mapping(
    headers: &[String],
    mapping: &Mapping,
    custom: &[CustomField],
) -> Result<(Plan, CustomPlan)> {
    let mut custom_plan: CustomPlan = Vec::new();
    let mut problems = Vec::new();
    let mut add = |problem: Problem| problems.push(FieldError::new("mapping", problem));
    let name = |col: usize| headers.get(col).map(String::as_str).unwrap_or("?");
    let mut plan: Plan = Vec::new();
    let mut columns_seen: Vec<usize> = Vec::new();
    for (col, target) in mapping {
        let (col, target) = (*col, target.trim());
        if col >= headers.len() {
            add(Problem::new(Msg::ErrColumnMissing)
                .arg("n", col + 1)
                .arg("count", headers.len()));
            continue;
        }
        if columns_seen.contains(&col) {
            add(Problem::new(Msg::ErrColumnTwice).arg("name", name(col)));
            continue;
        }
        columns_seen.push(col);
        if target == IGNORE || target.is_empty() {
            continue;
        }
        if let Some(key) = target.strip_prefix("custom:") {
            match custom.iter().find(|f| f.id.to_string() == key) {
                Some(f) if custom_plan.iter().any(|(_, g)| g.id == f.id) => {
                    add(Problem::new(Msg::ErrColumnsSameField)
                        .arg("name", name(col))
                        .arg("field", &f.label))
                }
                Some(f) => custom_plan.push((col, f.clone())),
                None => add(Problem::new(Msg::ErrColumnNoCustomField).arg("name", name(col))),
            }
            continue;
        }
        let Some(field) = FIELDS.iter().position(|f| *f == target) else {
            add(Problem::new(Msg::ErrColumnNotAField)
                .arg("name", name(col))
                .arg("target", target.chars().take(60).collect::<String>()));
            continue;
        };
        if let Some((other, _)) = plan.iter().find(|(_, f)| *f == field) {
            add(field_arg(
                Problem::new(Msg::ErrColumnsSameTarget)
                    .arg("a", name(*other))
                    .arg("b", name(col)),
                "field",
                target,
            ));
            continue;
        }
        plan.push((col, field));
    }
    for field in ["given_name", "family_name"] {
        if !plan.iter().any(|(_, f)| FIELDS[*f] == field) {
            add(field_arg(Problem::new(Msg::ErrNoColumnFor), "field", field));
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    plan.sort_unstable();
    Ok((plan, custom_plan))
}

/// The mapping as shown: every column of the file with its target.
pub(super) fn columns_of(
    headers: &[String],
    plan: &Plan,
    custom: &CustomPlan,
) -> Vec<ImportColumn> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| ImportColumn {
            column: i,
            header: h.clone(),
            target: plan
                .iter()
                .find(|(c, _)| *c == i)
                .map(|(_, f)| FIELDS[*f].to_string())
                .or_else(|| {
                    custom
                        .iter()
                        .find(|(c, _)| *c == i)
                        .map(|(_, f)| format!("custom:{}", f.id))
                })
                .unwrap_or_else(|| IGNORE.to_string()),
        })
        .collect()
}
