//! Checking an uploaded logo: PNG, JPEG or SVG, recognised by their content (never by the
//! name or the declared type), within size and dimension limits. An SVG is accepted only
//! when every element and attribute is on a short list of drawing ones: no scripts, no
//! event handlers, no links out, no embedded documents, no DTD. Anything else is refused
//! with a message saying what to fix.

use sha2::{Digest, Sha256};
use tessera_common::{AppError, Msg, Problem};

/// The largest logo file accepted.
pub const MAX_BYTES: usize = 512 * 1024;
/// SVG logos: elements nested at most this deep. Drawing programs nest groups a handful of
/// levels; the XML parser (roxmltree) recurses once per level, so the depth is checked on
/// the raw text before it runs (500 levels overflowed a request thread's stack).
pub const MAX_SVG_DEPTH: usize = 32;
/// SVG logos: at most this many elements (a detailed logo has a few hundred).
pub const MAX_SVG_ELEMENTS: usize = 10_000;
/// Raster logos: at least this many pixels on each side…
pub const MIN_SIDE: u32 = 16;
/// …and at most this many.
pub const MAX_SIDE: u32 = 2048;

/// A logo that passed the checks.
#[derive(Clone, Debug)]
pub struct CheckedLogo {
    pub content_type: &'static str,
    pub data: Vec<u8>,
    pub hash: String,
    pub width: u32,
    pub height: u32,
}

fn refuse(problem: impl Into<Problem>) -> AppError {
    AppError::field("logo", problem)
}

/// Checks an uploaded file and returns it as a logo, or says why it cannot be one.
pub fn check(data: Vec<u8>) -> Result<CheckedLogo, AppError> {
    if data.is_empty() {
        return Err(refuse(Msg::ErrLogoEmpty));
    }
    if data.len() > MAX_BYTES {
        return Err(refuse(
            Problem::new(Msg::ErrLogoTooBig)
                .arg("size", data.len().div_ceil(1024))
                .arg("max", MAX_BYTES / 1024),
        ));
    }
    let (content_type, width, height) = if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        let (w, h) = png_size(&data).ok_or_else(|| refuse(Msg::ErrPngDamaged))?;
        ("image/png", w, h)
    } else if data.starts_with(&[0xff, 0xd8, 0xff]) {
        let (w, h) = jpeg_size(&data).ok_or_else(|| refuse(Msg::ErrJpegDamaged))?;
        ("image/jpeg", w, h)
    } else if looks_like_svg(&data) {
        let (w, h) = check_svg(&data)?;
        ("image/svg+xml", w, h)
    } else {
        return Err(refuse(Msg::ErrNotAnImage));
    };
    if content_type != "image/svg+xml" {
        if width < MIN_SIDE || height < MIN_SIDE {
            return Err(refuse(
                Problem::new(Msg::ErrImageTooSmall)
                    .arg("w", width)
                    .arg("h", height)
                    .arg("min", MIN_SIDE),
            ));
        }
        if width > MAX_SIDE || height > MAX_SIDE {
            return Err(refuse(
                Problem::new(Msg::ErrImageTooLarge)
                    .arg("w", width)
                    .arg("h", height)
                    .arg("max", MAX_SIDE),
            ));
        }
    }
    let hash = Sha256::digest(&data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(CheckedLogo {
        content_type,
        data,
        hash,
        width,
        height,
    })
}

fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    // The first chunk must be IHDR: length (4), "IHDR", width (4), height (4).
    if data.len() < 24 || &data[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(data[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(data[20..24].try_into().ok()?);
    Some((w, h))
}

fn jpeg_size(data: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 4 <= data.len() {
        if data[i] != 0xff {
            return None;
        }
        let marker = data[i + 1];
        if marker == 0xff {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
        // Start-of-frame markers (not DHT 0xC4, JPG 0xC8, DAC 0xCC) carry the size.
        if (0xc0..=0xcf).contains(&marker) && !matches!(marker, 0xc4 | 0xc8 | 0xcc) {
            if i + 9 > data.len() {
                return None;
            }
            let h = u32::from(u16::from_be_bytes([data[i + 5], data[i + 6]]));
            let w = u32::from(u16::from_be_bytes([data[i + 7], data[i + 8]]));
            return Some((w, h));
        }
        if len < 2 {
            return None;
        }
        i += 2 + len;
    }
    None
}

fn looks_like_svg(data: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&data[..data.len().min(1024)]).to_ascii_lowercase();
    head.contains("<svg")
}

const SVG_ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "title",
    "desc",
    "defs",
    "lineargradient",
    "radialgradient",
    "stop",
    "clippath",
];

const SVG_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "viewbox",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "d",
    "points",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "opacity",
    "transform",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientunits",
    "gradienttransform",
    "spreadmethod",
    "fx",
    "fy",
    "clip-path",
    "clip-rule",
    "clippathunits",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "letter-spacing",
    "preserveaspectratio",
    "version",
    "xmlns",
    "role",
    "aria-label",
    "aria-hidden",
    "dx",
    "dy",
];

fn too_deep() -> AppError {
    refuse(Problem::new(Msg::LimitSvgDepth).arg("max", MAX_SVG_DEPTH))
}

fn too_many_elements() -> AppError {
    refuse(Problem::new(Msg::LimitSvgElements).arg("max", MAX_SVG_ELEMENTS))
}

/// Counts the elements of an XML text and their nesting without building anything, and
/// refuses it as soon as either passes its limit: run before the parser, so a document over
/// the limits is never parsed. Comments, CDATA sections, declarations and processing
/// instructions are skipped; quoted attribute values may hold `>`. A text that is not well
/// formed passes through to the parser, which refuses it.
fn scan_svg_limits(text: &str) -> Result<(), AppError> {
    let b = text.as_bytes();
    let (mut i, mut depth, mut elements) = (0usize, 0usize, 0usize);
    let skip_to = |from: usize, end: &[u8]| -> usize {
        b[from..]
            .windows(end.len())
            .position(|w| w == end)
            .map_or(b.len(), |p| from + p + end.len())
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = skip_to(i + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = skip_to(i + 9, b"]]>");
        } else if rest.starts_with(b"<?") {
            i = skip_to(i + 2, b"?>");
        } else if rest.starts_with(b"<!") {
            i = skip_to(i + 2, b">");
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i = skip_to(i + 2, b">");
        } else {
            elements += 1;
            if elements > MAX_SVG_ELEMENTS {
                return Err(too_many_elements());
            }
            // The end of the start tag, outside quoted values.
            let mut j = i + 1;
            let mut quote: Option<u8> = None;
            while j < b.len() {
                match (quote, b[j]) {
                    (Some(q), c) if c == q => quote = None,
                    (None, b'"' | b'\'') => quote = Some(b[j]),
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            let self_closing = j > i + 1 && b.get(j - 1) == Some(&b'/');
            // The depth of this element (the root is 1); an open one stays on the path.
            if depth + 1 > MAX_SVG_DEPTH {
                return Err(too_deep());
            }
            if !self_closing {
                depth += 1;
            }
            i = j + 1;
        }
    }
    Ok(())
}

/// Refuses any SVG with something outside the drawing vocabulary above, or over the depth
/// and element limits; returns its size. The limits are checked on the raw text before
/// parsing (the parser recurses per level), the parser is bounded by a node limit too, and
/// the walk over the tree uses its own stack.
fn check_svg(data: &[u8]) -> Result<(u32, u32), AppError> {
    let text = std::str::from_utf8(data).map_err(|_| refuse(Msg::ErrSvgNotUtf8))?;
    let lower = text.to_ascii_lowercase();
    if lower.contains("<!doctype") || lower.contains("<!entity") {
        return Err(refuse(Msg::ErrSvgDoctype));
    }
    scan_svg_limits(text)?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        // Elements, and the text and comments between them.
        nodes_limit: (MAX_SVG_ELEMENTS * 4) as u32,
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => too_many_elements(),
        e => refuse(Problem::new(Msg::ErrSvgUnreadable).arg("line", e.pos().row)),
    })?;
    let root = doc.root_element();
    if !root.tag_name().name().eq_ignore_ascii_case("svg") {
        return Err(refuse(Msg::ErrNotSvg));
    }
    // Depth first with an explicit stack of (node, depth): the input decides how deep the
    // tree is, so the walk must not use the call stack.
    let mut stack = vec![(doc.root(), 0usize)];
    let mut elements = 0usize;
    while let Some((node, depth)) = stack.pop() {
        if node.is_element() && depth > MAX_SVG_DEPTH {
            return Err(too_deep());
        }
        stack.extend(node.children().rev().map(|c| (c, depth + 1)));
        if node.is_pi() {
            return Err(refuse(Msg::ErrSvgPi));
        }
        if !node.is_element() {
            continue;
        }
        elements += 1;
        if elements > MAX_SVG_ELEMENTS {
            return Err(too_many_elements());
        }
        let name = node.tag_name().name().to_ascii_lowercase();
        if !SVG_ELEMENTS.contains(&name.as_str()) {
            return Err(refuse(
                Problem::new(Msg::ErrSvgElement).arg("element", node.tag_name().name()),
            ));
        }
        for a in node.attributes() {
            let an = a.name().to_ascii_lowercase();
            let value = a.value().to_ascii_lowercase();
            let allowed =
                SVG_ATTRIBUTES.contains(&an.as_str()) || (a.namespace().is_some() && an == "space");
            if !allowed {
                return Err(refuse(
                    Problem::new(Msg::ErrSvgAttribute).arg("attribute", a.name()),
                ));
            }
            // url(…) may only point inside the document (a gradient, a clip path).
            if value.contains("url(") && !value.replace(' ', "").contains("url(#") {
                return Err(refuse(Msg::ErrSvgExternal));
            }
            if value.contains("javascript:") || value.contains("data:") {
                return Err(refuse(Msg::ErrSvgScript));
            }
        }
    }
    let dim = |n: &str| {
        root.attribute(n)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
            .filter(|v| v.is_finite() && *v > 0.0)
    };
    let view_box: Option<(f64, f64)> = root.attribute("viewBox").and_then(|v| {
        let parts: Vec<f64> = v
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        (parts.len() == 4 && parts[2] > 0.0 && parts[3] > 0.0).then(|| (parts[2], parts[3]))
    });
    match (dim("width"), dim("height"), view_box) {
        (Some(w), Some(h), _) => Ok((w.round() as u32, h.round() as u32)),
        (_, _, Some((w, h))) => Ok((w.round() as u32, h.round() as u32)),
        _ => Err(refuse(Msg::ErrSvgNoSize)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_en(data: Vec<u8>) -> Result<CheckedLogo, AppError> {
        check(data)
    }

    pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
        let mut v = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        v.extend(w.to_be_bytes());
        v.extend(h.to_be_bytes());
        v.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        v
    }

    fn jpeg(w: u16, h: u16) -> Vec<u8> {
        let mut v = vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];
        v.extend(b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00");
        v.extend([0xff, 0xc0, 0x00, 0x11, 0x08]);
        v.extend(h.to_be_bytes());
        v.extend(w.to_be_bytes());
        v.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        v
    }

    fn field_message(e: AppError) -> String {
        match e {
            AppError::Invalid(f) => {
                assert_eq!(f[0].field, "logo");
                f[0].problem.to_string().clone()
            }
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn png_and_jpeg_are_recognised_with_their_size() {
        let l = check_en(png(200, 80)).unwrap();
        assert_eq!((l.content_type, l.width, l.height), ("image/png", 200, 80));
        assert_eq!(l.hash.len(), 64);
        let l = check_en(jpeg(300, 120)).unwrap();
        assert_eq!(
            (l.content_type, l.width, l.height),
            ("image/jpeg", 300, 120)
        );
    }

    #[test]
    fn wrong_files_sizes_and_dimensions_are_refused_with_what_to_fix() {
        assert!(field_message(check_en(Vec::new()).unwrap_err()).contains("choose"));
        assert!(field_message(check_en(b"GIF89a....".to_vec()).unwrap_err())
            .contains("PNG, JPEG or SVG"));
        assert!(field_message(check_en(b"%PDF-1.7".to_vec()).unwrap_err()).contains("not an image"));
        let mut big = png(100, 100);
        big.resize(MAX_BYTES + 1, 0);
        assert!(field_message(check_en(big).unwrap_err()).contains("at most 512 KiB"));
        assert!(field_message(check_en(png(8, 100)).unwrap_err()).contains("at least 16"));
        assert!(field_message(check_en(png(4000, 100)).unwrap_err()).contains("at most 2048"));
        assert!(
            field_message(check_en(b"\x89PNG\r\n\x1a\nxx".to_vec()).unwrap_err())
                .contains("damaged")
        );
        assert!(
            field_message(check_en(vec![0xff, 0xd8, 0xff, 0x00]).unwrap_err()).contains("damaged")
        );
    }

    #[test]
    fn drawing_svgs_pass_and_anything_active_is_refused() {
        let ok = r##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><defs><linearGradient id="g"><stop offset="0" stop-color="#123"/></linearGradient></defs><rect width="120" height="40" fill="url(#g)"/><text x="4" y="30">VC</text></svg>"##;
        let l = check_en(ok.as_bytes().to_vec()).unwrap();
        assert_eq!(
            (l.content_type, l.width, l.height),
            ("image/svg+xml", 120, 40)
        );
        for (bad, why) in [
            (
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script></svg>"#,
                "<script>",
            ),
            (
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"/>"#,
                "onload",
            ),
            (
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" viewBox="0 0 1 1"><a x:href="javascript:alert(1)"><rect width="1" height="1"/></a></svg>"#,
                "<a>",
            ),
            (
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><foreignObject><p>x</p></foreignObject></svg>"#,
                "foreignObject",
            ),
            (
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect fill="url(https://evil.example/x)" width="1" height="1"/></svg>"#,
                "outside",
            ),
            (
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect style="fill:red" width="1" height="1"/></svg>"#,
                "style",
            ),
            (
                r#"<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">&a;</svg>"#,
                "DOCTYPE",
            ),
            (
                r#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>"#,
                "no size",
            ),
            (
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect"#,
                "cannot be read",
            ),
        ] {
            let m = field_message(check_en(bad.as_bytes().to_vec()).unwrap_err());
            assert!(m.contains(why), "{why}: {m}");
        }
    }
}
