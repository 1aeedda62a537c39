//! Where to go after a form (`next`, `return_to`): only a path of this site, never another
//! origin. One function, used by the server's redirects and by the pages' links alike.

/// The longest `next` we follow.
pub const MAX_NEXT: usize = 2048;

/// Decodes `%XX` escapes; `None` for a malformed escape.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    // Bytes that are not UTF-8 are left as replacement characters: still checked below.
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// One reading of the value: a path of this site when it starts with exactly one `/`,
/// has no backslash, no control character and no white space anywhere.
fn plain_local_path(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/') | Some('\\'))
        && !s
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
}

/// `next` as a same-origin path, or `None`.
///
/// The value is read as a URL reference relative to this site: it must be a path (it
/// starts with one `/`, so it has neither a scheme like `http:` or `javascript:` nor an
/// authority like `//evil`), and neither it nor any percent-decoded reading of it may
/// contain a backslash (browsers read `/\evil` as `//evil`), a control character (they
/// drop tabs and line breaks: `/\t/evil`) or white space, or start with `//`
/// (`/%2F%2Fevil`, `/%5Cevil`, twice-encoded `/%252F%252Fevil`). Malformed escapes and
/// values longer than [`MAX_NEXT`] are refused too.
pub fn local_path(next: &str) -> Option<&str> {
    if next.len() > MAX_NEXT || !plain_local_path(next) {
        return None;
    }
    // Our pages encode correctly: a malformed escape in the value itself is refused.
    let mut current = percent_decode(next)?;
    // Each reading must stay a plain local path; a reading that no longer decodes is
    // literal text (`100%` from `100%25`), the end of the readings.
    for _ in 0..4 {
        if !plain_local_path(&current) {
            return None;
        }
        match percent_decode(&current) {
            Some(decoded) if decoded != current => current = decoded,
            _ => return Some(next),
        }
    }
    // Still encoded after four readings: not something a page of ours would make.
    None
}

/// `next` when it is a same-origin path (see [`local_path`]), otherwise `/`.
pub fn safe_next(next: &str) -> String {
    local_path(next).unwrap_or("/").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_this_site_are_kept() {
        for good in [
            "/",
            "/account",
            "/c/club/members?q=a",
            "/c/club/members?q=Jos%C3%A9&sort=name",
            "/c/club/members/12?done=saved#top",
            "/c/club/members?q=100%25",
        ] {
            assert_eq!(local_path(good), Some(good), "{good:?}");
            assert_eq!(safe_next(good), good);
        }
    }

    #[test]
    fn hostile_values_go_home() {
        for bad in [
            "",
            "evil.example",
            "https://evil.example",
            "http:evil.example",
            "http:/evil.example",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "\\/evil.example",
            "/a\\b",
            "/c/club?x=\\",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%2F%2Fevil.example",
            "/%2f/evil.example",
            "%2F%2Fevil.example",
            "/%252F%252Fevil.example",
            "/%25252F%25252Fevil.example",
            "/%255Cevil.example",
            "/a%5Cb",
            "/a\nb",
            "/\t/evil.example",
            "/\r\n/evil.example",
            "/%09/evil.example",
            "/%0d%0aSet-Cookie:x=1",
            "/%00",
            "/a b",
            "/\u{3000}/evil.example",
            "/%zz",
            "/%4",
            " /account",
            "/account ",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
            assert_eq!(safe_next(bad), "/", "{bad:?}");
        }
        let long = format!("/{}", "a".repeat(MAX_NEXT));
        assert_eq!(safe_next(&long), "/");
    }
}
