//! Errors say what happened in the visitor's language: every validation error the domain
//! produces is a message key with arguments, and rendered in Dutch or French it holds no
//! English (no English word of the error texts, no raw key, no unfilled placeholder).

use crate::tenants;
use crate::{
    accounts, accounts::identities, imports::import, members, members::custom_fields, registration,
    roles, tenants::logo,
};
use std::collections::{BTreeMap, HashSet};
use tessera_common::dto::{
    CustomField, FieldForm, FieldKind, FieldVisibility, MemberForm, RegFormInput, Stamp,
};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, Arg, Lang, Msg, Problem};

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
}

/// A text without its `{placeholders}`.
fn without_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Words of the English error texts that are also Dutch or French, or names: file types,
/// Excel's own terms, the examples of a header row.
const SHARED: &[&str] = &[
    "iban",
    "svg",
    "png",
    "jpeg",
    "csv",
    "utf",
    "excel",
    "viewbox",
    "doctype",
    "windows",
    "unicode",
    "multipart",
    "form",
    "data",
    "xlsx",
    "kib",
    "mib",
    "pixels",
    "module",
    "label",
    "script",
    "scripts",
    "tessera",
    "english",
    "nederlands",
    "français",
    "voornaam",
    "naam",
    "geboortedatum",
    "mail",
    "svg",
    "club",
    "clubs",
    "status",
    "code",
    "account",
    "set",
    "links",
    "type",
    "rrggbb",
    "visible",
    "versions",
    "option",
    "case",
    "element",
    "image",
    "instructions",
];

/// The words of the English error texts that neither a Dutch or French text of the other
/// messages (the interface, not under test here) nor [`SHARED`] uses.
fn english_words() -> HashSet<String> {
    let mut other: HashSet<String> = SHARED.iter().map(|w| w.to_string()).collect();
    for m in Msg::ALL.iter().filter(|m| !m.key().starts_with("Err")) {
        for lang in [Lang::Nl, Lang::Fr] {
            other.extend(words(&without_placeholders(m.text(lang))).collect::<Vec<_>>());
        }
    }
    let mut english = HashSet::new();
    for m in Msg::ALL.iter().filter(|m| m.key().starts_with("Err")) {
        let en = without_placeholders(m.text(Lang::En));
        english.extend(
            words(&en)
                .filter(|w| !other.contains(w))
                .collect::<Vec<_>>(),
        );
    }
    english
}

/// The problems of a domain error (panics on any other kind of error).
fn problems(e: AppError) -> Vec<Problem> {
    match e {
        AppError::BadRequest(p) | AppError::Conflict(p) => vec![p],
        AppError::Invalid(fields) => fields.into_iter().map(|f| f.problem).collect(),
        other => panic!("not a domain error: {other:?}"),
    }
}

/// Asserts that `p` reads as English in English, and without English in Dutch and French.
pub(crate) fn assert_in_visitors_language(p: &Problem) {
    let english = english_words();
    let en = p.render(Lang::En);
    assert!(
        words(&en).any(|w| english.contains(&w)),
        "{}: the check finds no English word in the English text {en:?}",
        p.msg.key()
    );
    for lang in [Lang::Nl, Lang::Fr] {
        let text = p.render(lang);
        let found: Vec<String> = words(&text).filter(|w| english.contains(w)).collect();
        assert!(
            found.is_empty(),
            "{} in {}: {text:?} holds English words {found:?}",
            p.msg.key(),
            lang.code()
        );
        assert!(
            !text.contains(p.msg.key()) && !text.contains("Err"),
            "{} in {}: a raw key in {text:?}",
            p.msg.key(),
            lang.code()
        );
        assert!(
            !text.contains('{') && !text.contains('}'),
            "{} in {}: a placeholder left in {text:?}",
            p.msg.key(),
            lang.code()
        );
    }
}

/// Checks every problem of `e`, and returns their keys.
fn check(e: AppError) -> Vec<Msg> {
    let ps = problems(e);
    assert!(!ps.is_empty());
    for p in &ps {
        assert_in_visitors_language(p);
    }
    ps.into_iter().map(|p| p.msg).collect()
}

fn assert_has(found: &[Msg], expected: &[Msg]) {
    for m in expected {
        assert!(found.contains(m), "{} not among {found:?}", m.key());
    }
}

fn today() -> Date {
    Date::new(2026, 12, 4).unwrap()
}

#[test]
fn the_english_word_list_is_not_empty_and_catches_english() {
    let english = english_words();
    assert!(english.len() > 150, "{}", english.len());
    for w in [
        "choose",
        "characters",
        "already",
        "address",
        "field",
        "valid",
    ] {
        assert!(english.contains(w), "{w}");
    }
    // A Dutch text with an English word in it is caught.
    let text = "kies een geldig address";
    assert!(words(text).any(|w| english.contains(&w)));
}

#[test]
fn member_form_errors_are_translated() {
    let bad = MemberForm {
        given_name: String::new(),
        family_name: "x".repeat(101),
        birth_date: "31/02/2020".into(),
        gender: "q".into(),
        email: "not-an-address".into(),
        phone: "12".into(),
        street: "a\nb".into(),
        postcode: "!!!!!!!!!!!!!!!!".into(),
        membership_type: "x".repeat(41),
        season: "2026".into(),
        status: "gone".into(),
        joined_on: "1800-01-01".into(),
        ..MemberForm::default()
    };
    let found = check(members::validate_input(&bad, today()).unwrap_err());
    assert_has(
        &found,
        &[
            Msg::ErrChars1To100,
            Msg::ErrDateFormat,
            Msg::ErrChooseOptionOrEmpty,
            Msg::ErrEmailExample,
            Msg::ErrPhone,
            Msg::ErrMaxCharsOneLine,
            Msg::ErrPostcode,
            Msg::ErrSeason,
            Msg::ErrChooseStatus,
            Msg::ErrDateRange,
        ],
    );
    let ended = MemberForm {
        given_name: "An".into(),
        family_name: "Smet".into(),
        birth_date: "2026-12-05".into(),
        status: "ended".into(),
        ..MemberForm::default()
    };
    let found = check(members::validate_input(&ended, today()).unwrap_err());
    assert_has(&found, &[Msg::ErrBirthFuture, Msg::ErrEndDateMissing]);
    let backwards = MemberForm {
        given_name: "An".into(),
        family_name: "Smet".into(),
        status: "active".into(),
        joined_on: "2020-01-01".into(),
        ended_on: "2019-01-01".into(),
        ..MemberForm::default()
    };
    let found = check(members::validate_input(&backwards, today()).unwrap_err());
    assert_has(&found, &[Msg::ErrEndBeforeJoin]);
}

fn custom(kind: FieldKind) -> CustomField {
    CustomField {
        id: 7,
        label: "Maat".into(),
        kind,
        help: None,
        required: false,
        options: vec!["S".into(), "M".into()],
        visibility: FieldVisibility::Member,
        member_editable: false,
        version: 1,
        stamp: Stamp {
            at: Timestamp(0),
            by: None,
        },
    }
}

#[test]
fn every_kind_of_club_field_refuses_in_the_visitors_language() {
    let long = "x".repeat(4001);
    let cases: Vec<(FieldKind, Vec<&str>, Msg)> = vec![
        (FieldKind::Text, vec!["a\nb"], Msg::ErrMaxCharsOneLine),
        (FieldKind::Text, vec!["a", "b"], Msg::ErrOneValue),
        (FieldKind::LongText, vec![&long], Msg::ErrMaxChars),
        (FieldKind::Number, vec!["twelve"], Msg::ErrNumber),
        (FieldKind::Date, vec!["2026-02-30"], Msg::ErrDateFormat),
        (FieldKind::Choice, vec!["XL"], Msg::ErrChooseOption),
        (FieldKind::Multi, vec!["S", "XL"], Msg::ErrChooseOption),
        (FieldKind::YesNo, vec!["maybe"], Msg::ErrYesNo),
        (FieldKind::Email, vec!["nobody"], Msg::ErrEmailExample),
        (FieldKind::Phone, vec!["12"], Msg::ErrPhone),
        (FieldKind::Iban, vec!["BE00 0000"], Msg::ErrIban),
        (
            FieldKind::NationalNumber,
            vec!["12.34.56-789.00"],
            Msg::ErrNationalNumber,
        ),
    ];
    let mut kinds = HashSet::new();
    for (kind, raw, msg) in cases {
        let p = custom_fields::check_values(&custom(kind), &raw).unwrap_err();
        assert_eq!(p.msg, msg, "{kind:?}");
        assert_in_visitors_language(&p);
        kinds.insert(format!("{kind:?}"));
    }
    assert_eq!(kinds.len(), FieldKind::ALL.len(), "every kind is tried");
    let mut required = custom(FieldKind::Text);
    required.required = true;
    let p = custom_fields::check_values(&required, &[" "]).unwrap_err();
    assert_eq!(p.msg, Msg::ErrRequired);
    assert_in_visitors_language(&p);
}

#[test]
fn field_definitions_are_refused_in_the_visitors_language() {
    let form = |kind: &str, options: String, vis: &str, editable: bool| FieldForm {
        label: String::new(),
        kind: kind.into(),
        help: "a\nb".into(),
        required: false,
        options,
        visibility: vis.into(),
        member_editable: editable,
    };
    let mut found = Vec::new();
    for f in [
        form("bogus", String::new(), "bogus", true),
        form("choice", String::new(), "staff", true),
        form("text", "A\nB".into(), "staff", false),
        form("choice", "x".repeat(81), "member", false),
        form(
            "multi",
            (0..200).map(|i| format!("o{i}\n")).collect(),
            "member",
            false,
        ),
    ] {
        found.extend(check(custom_fields::validate(&f).err().unwrap()));
    }
    assert_has(
        &found,
        &[
            Msg::ErrLabelLength,
            Msg::ErrChooseFieldKind,
            Msg::ErrMaxCharsOneLine,
            Msg::ErrChooseVisibility,
            Msg::ErrMemberEditable,
            Msg::ErrOptionsNeeded,
            Msg::ErrNoOptionsForKind,
            Msg::ErrOptionLength,
            Msg::ErrTooManyOptions,
        ],
    );
}

#[test]
fn password_policy_speaks_the_visitors_language() {
    let mut found = Vec::new();
    for (pw, staff) in [
        ("short", false),
        ("elevenchars", true),
        (&*"x".repeat(300), false),
        ("aaaaaaaaaa", false),
    ] {
        found.extend(check(
            accounts::check_password_policy(pw, staff, &[]).unwrap_err(),
        ));
    }
    assert_has(
        &found,
        &[Msg::ErrPasswordMin, Msg::ErrMaxChars, Msg::ErrPasswordWeak],
    );
}

#[test]
fn import_files_and_mappings_are_refused_in_the_visitors_language() {
    let mut found = Vec::new();
    for bytes in [
        b"PK\x03\x04rest".to_vec(),
        b"\xFF\xFEV\x00".to_vec(),
        b"Voornaam;Naam\nJos\xe9;Claes\n".to_vec(),
        Vec::new(),
        b"2020-01-01;Peeters\n".to_vec(),
        b"Voornaam;;naam;Naam\n".to_vec(),
        vec![b'a'; import::MAX_FILE_BYTES + 1],
    ] {
        found.extend(check(import::inspect(&bytes).unwrap_err()));
    }
    assert_has(
        &found,
        &[
            Msg::ErrXlsx,
            Msg::ErrUtf16,
            Msg::ErrNotUtf8,
            Msg::ErrFileEmpty,
            Msg::ErrHeaderLooksLikeData,
            Msg::ErrColumnNoName,
            Msg::ErrHeaderTwice,
            Msg::ErrImportFileSize,
        ],
    );
    let headers: Vec<String> = ["Voornaam", "Naam", "Geboren", "Extra"]
        .map(String::from)
        .to_vec();
    let field = custom(FieldKind::Text);
    let mapping = |pairs: &[(usize, &str)]| -> Vec<(usize, String)> {
        pairs.iter().map(|(c, t)| (*c, t.to_string())).collect()
    };
    let e = import::check_mapping(
        &headers,
        &mapping(&[
            (0, "given_name"),
            (2, "birth_date"),
            (3, "birth_date"),
            (7, "city"),
            (1, "bijnaam"),
            (1, "city"),
        ]),
        &[],
    )
    .unwrap_err();
    // The member field is named with its label in the visitor's language.
    let text_nl = e.text(Lang::Nl);
    assert!(text_nl.contains("Geboortedatum"), "{text_nl}");
    assert!(text_nl.contains("Familienaam"), "{text_nl}");
    assert!(e.text(Lang::Fr).contains("Date de naissance"));
    let mut found = check(e);
    found.extend(check(
        import::check_mapping(
            &headers,
            &mapping(&[
                (0, "given_name"),
                (1, "family_name"),
                (2, "custom:7"),
                (3, "custom:7"),
            ]),
            &[field],
        )
        .unwrap_err(),
    ));
    found.extend(check(
        import::check_mapping(
            &headers,
            &mapping(&[(0, "given_name"), (1, "family_name"), (2, "custom:99")]),
            &[],
        )
        .unwrap_err(),
    ));
    assert_has(
        &found,
        &[
            Msg::ErrColumnsSameTarget,
            Msg::ErrColumnMissing,
            Msg::ErrColumnNotAField,
            Msg::ErrColumnTwice,
            Msg::ErrNoColumnFor,
            Msg::ErrColumnsSameField,
            Msg::ErrColumnNoCustomField,
        ],
    );
}

#[test]
fn registration_form_checks_are_translated() {
    let mut fields = BTreeMap::new();
    fields.insert("phone".to_string(), "on".to_string());
    fields.insert("help:phone".to_string(), "a|b".to_string());
    let input = RegFormInput {
        title: String::new(),
        slug: "Not A Slug".into(),
        intro: "x".repeat(2001),
        audience: "everyone".into(),
        fields,
        consent_text: "x".repeat(4001),
        auto_approve: false,
        published: false,
    };
    let found = check(registration::check_form(&input, &[]).err().unwrap());
    assert_has(
        &found,
        &[
            Msg::ErrTitleLength,
            Msg::ErrFormSlug,
            Msg::ErrMaxChars,
            Msg::ErrChooseAudience,
            Msg::ErrFormHelp,
        ],
    );
    let now = Timestamp(1_800_000_000_000);
    let key = b"a key for this test only";
    let found = check(registration::check_started_with(key, 1, "garbage", now).unwrap_err());
    assert_has(&found, &[Msg::ErrFormStale]);
    let token = registration::started_token_with(key, 1, now).unwrap();
    let found = check(registration::check_started_with(key, 1, &token, now).unwrap_err());
    assert_has(&found, &[Msg::ErrFormTooQuick]);
}

#[test]
fn colours_names_logos_and_roles_are_refused_in_the_visitors_language() {
    let found = check(tenants::check_colors("red", "#ffffff").unwrap_err());
    assert_has(&found, &[Msg::ErrColorFormat]);
    // The kind of text is itself a word, and translated.
    let e = tenants::check_colors("#ffffff", "#000000").unwrap_err();
    assert!(
        e.text(Lang::Nl).contains("witte tekst"),
        "{}",
        e.text(Lang::Nl)
    );
    assert!(
        e.text(Lang::Fr).contains("texte foncé"),
        "{}",
        e.text(Lang::Fr)
    );
    assert_has(&check(e), &[Msg::ErrColorContrast]);
    assert_has(
        &check(identities::check_name("name", "").unwrap_err()),
        &[Msg::ErrNameLength],
    );
    let mut found = Vec::new();
    for data in [
        Vec::new(),
        b"GIF89a....".to_vec(),
        b"\x89PNG\r\n\x1a\nxx".to_vec(),
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>x</script></svg>".to_vec(),
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x\"></svg>".to_vec(),
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".to_vec(),
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>".to_vec(),
    ] {
        found.extend(check(logo::check(data).unwrap_err()));
    }
    assert_has(
        &found,
        &[
            Msg::ErrLogoEmpty,
            Msg::ErrNotAnImage,
            Msg::ErrPngDamaged,
            Msg::ErrSvgElement,
            Msg::ErrSvgAttribute,
            Msg::ErrSvgNoSize,
            Msg::ErrSvgUnreadable,
        ],
    );
    assert_has(&check(roles::cap_reached(2)), &[Msg::ErrAdminCap]);
    assert_has(&check(roles::last_admin()), &[Msg::ErrLastAdmin]);
}

/// Every error message of the table, also those only storage can trigger (a conflict, a
/// taken name, a module switch), has three texts with the same placeholders, and with its
/// placeholders filled reads without English in Dutch and French.
#[test]
fn every_error_message_has_three_texts_without_english() {
    let english = english_words();
    let mut n = 0;
    for m in Msg::ALL.iter().filter(|m| m.key().starts_with("Err")) {
        n += 1;
        let en = m.text(Lang::En);
        let names: Vec<&str> = en
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
            .collect();
        for lang in Lang::ALL {
            assert!(
                !m.text(lang).trim().is_empty(),
                "{} {}",
                m.key(),
                lang.code()
            );
            for name in &names {
                assert!(
                    m.text(lang).contains(&format!("{{{name}}}")),
                    "{} {} lacks {{{name}}}",
                    m.key(),
                    lang.code()
                );
            }
        }
        let mut p = Problem::new(*m);
        for name in &names {
            p = p.arg(name, 7);
        }
        for lang in [Lang::Nl, Lang::Fr] {
            let text = p.render(lang);
            let found: Vec<String> = words(&text).filter(|w| english.contains(w)).collect();
            assert!(
                found.is_empty(),
                "{} in {}: {text:?} has {found:?}",
                m.key(),
                lang.code()
            );
            assert!(
                !text.contains('{'),
                "{} in {}: {text:?}",
                m.key(),
                lang.code()
            );
        }
    }
    assert!(n > 150, "{n} error messages");
}

/// The other errors (not found, too many attempts, a reference) read in the language too,
/// and a problem survives the JSON of a redirect.
#[test]
fn every_error_kind_has_a_text_per_language() {
    for e in [
        AppError::NotFound,
        AppError::Unauthenticated,
        AppError::Forbidden,
        AppError::TermsRequired,
        AppError::ReadOnly,
        AppError::TooManyRequests(30),
        AppError::Internal("r-123".into()),
    ] {
        let texts: Vec<String> = Lang::ALL.map(|l| e.text(l)).to_vec();
        assert!(texts.iter().all(|t| !t.is_empty()));
        assert_ne!(texts[0], texts[1], "{e:?}");
        assert_ne!(texts[0], texts[2], "{e:?}");
    }
    let e = AppError::field(
        "module",
        Problem::new(Msg::ErrModuleAlwaysOn).arg_words("module", "Members", "Leden", "Membres"),
    );
    let back = AppError::from_json(&e.to_json()).unwrap();
    assert_eq!(back, e);
    assert_eq!(back.text(Lang::Nl), "Leden staat altijd aan");
    assert!(matches!(
        &back,
        AppError::Invalid(f) if matches!(f[0].problem.args[0].1, Arg::Words(_))
    ));
    assert!(AppError::from_json("the password is wrong").is_none());
}
