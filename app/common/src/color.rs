//! Colours written as `#rrggbb`, and the WCAG 2.1 contrast ratio between two of them.

/// White: the text colour on the club's primary colour.
pub const TEXT_ON_PRIMARY: &str = "#ffffff";
/// The ink colour: the text colour on the club's accent colour.
pub const TEXT_ON_ACCENT: &str = "#1b1f24";
/// WCAG 2.1 AA for normal text.
pub const MIN_TEXT_CONTRAST: f64 = 4.5;

/// Parses `#rrggbb` (either case) into its three channels.
pub fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

fn relative_luminance([r, g, b]: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// The contrast ratio (1 to 21) between two `#rrggbb` colours, if both are colours.
pub fn contrast_ratio(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (
        relative_luminance(parse_hex(a)?),
        relative_luminance(parse_hex(b)?),
    );
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_hex_colours() {
        assert_eq!(parse_hex("#1D3557"), Some([0x1d, 0x35, 0x57]));
        for bad in ["1d3557", "#1d355", "#1d355g", "red", "#1d35577", "", "#"] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_matches_the_wcag_examples() {
        let r = contrast_ratio("#000000", "#ffffff").unwrap_or(0.0);
        assert!((r - 21.0).abs() < 0.01, "{r}");
        assert!((contrast_ratio("#777777", "#ffffff").unwrap_or(0.0) - 4.48).abs() < 0.01);
        assert_eq!(contrast_ratio("#123456", "nope"), None);
    }
}
