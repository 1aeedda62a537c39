//! A mailing's placeholders: `{first_name}` and `{club_name}`. A `{` followed by a name
//! (letters, digits, `_`) and `}` is a placeholder, and must be one of those; any other
//! brace is text.

use tessera_common::consent::Localized;
use tessera_common::mailing::PLACEHOLDERS;
use tessera_common::Lang;

/// Calls `f` on every placeholder of `text`: its name and its byte range.
fn each_placeholder(text: &str, mut f: impl FnMut(&str, std::ops::Range<usize>)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                j += 1;
            }
            if j > start && j < bytes.len() && bytes[j] == b'}' {
                f(&text[start..j], i..j + 1);
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
}

/// `Err(name)` naming the first placeholder that does not exist.
pub fn check_placeholders(text: &str) -> Result<(), String> {
    let mut unknown = None;
    each_placeholder(text, |name, _| {
        if unknown.is_none() && !PLACEHOLDERS.contains(&name) {
            unknown = Some(name.to_string());
        }
    });
    match unknown {
        Some(n) => Err(n),
        None => Ok(()),
    }
}

/// `text` with its placeholders filled (an unknown one, which checking refused, is left).
pub fn fill(text: &str, first_name: &str, club_name: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut last = 0;
    each_placeholder(text, |name, range| {
        let value = match name {
            "first_name" => first_name,
            "club_name" => club_name,
            _ => return,
        };
        out.push_str(&text[last..range.start]);
        out.push_str(value);
        last = range.end;
    });
    out.push_str(&text[last..]);
    out
}

/// The subject and text one recipient gets: in their language (the club's where that one
/// was left empty), placeholders filled.
pub(crate) fn mail_texts(
    subject: &Localized,
    body: &Localized,
    lang: Lang,
    club: Lang,
    first_name: &str,
    club_name: &str,
) -> (String, String) {
    (
        fill(super::in_lang(subject, lang, club), first_name, club_name),
        fill(super::in_lang(body, lang, club), first_name, club_name),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_named() {
        assert_eq!(
            fill("Hi {first_name}, {club_name} {x} {", "Anne", "<KVK>"),
            "Hi Anne, <KVK> {x} {"
        );
        assert_eq!(check_placeholders("Hi {first_name} {club_name}"), Ok(()));
        assert_eq!(check_placeholders("a { b } {} {{first_name}}"), Ok(()));
        assert_eq!(
            check_placeholders("Dear {firstname}"),
            Err("firstname".to_string())
        );
        assert_eq!(fill("{first_name}{first_name}", "Jo", ""), "JoJo");
        assert_eq!(fill("é {club_name} ü", "", "Ça"), "é Ça ü");
    }
}
