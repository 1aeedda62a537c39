//! The signature image a club uploads for its health-insurer certificates: a PNG or JPEG,
//! recognised by its bytes (never by its name or declared type), at most [`MAX_BYTES`] and
//! [`MAX_SIDE`] pixels a side, and turned into what a PDF embeds: a JPEG as it is (the
//! PDF's DCT filter), a PNG decoded to plain RGB (transparent parts on white). The whole
//! decoding runs at upload, so a stored signature always fits in a certificate.

use flate2::read::ZlibDecoder;
use std::io::Read;
use tessera_common::{AppError, Msg, Problem};

/// The largest signature file accepted.
pub const MAX_BYTES: usize = 256 * 1024;
/// At most this many pixels on each side (a scanned signature is a few hundred wide).
pub const MAX_SIDE: u32 = 1600;
/// At least this many.
pub const MIN_SIDE: u32 = 8;

/// An image ready for a PDF page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfImage {
    pub width: u32,
    pub height: u32,
    /// 1 (grey) or 3 (RGB) colour components, 8 bits each.
    pub components: u8,
    /// JPEG bytes as uploaded (`dct`), or the raw pixels.
    pub data: Vec<u8>,
    pub dct: bool,
}

fn refuse(problem: impl Into<Problem>) -> AppError {
    AppError::field("signature", problem)
}

/// The type of an uploaded signature, by its first bytes: `image/png`, `image/jpeg`, or a
/// refusal saying what is accepted.
pub fn check(data: &[u8]) -> Result<&'static str, AppError> {
    if data.is_empty() {
        return Err(refuse(Msg::CertErrSignatureEmpty));
    }
    if data.len() > MAX_BYTES {
        return Err(refuse(
            Problem::new(Msg::CertErrSignatureTooBig).arg("max", (MAX_BYTES / 1024) as i64),
        ));
    }
    let kind = if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if data.starts_with(&[0xff, 0xd8, 0xff]) {
        "image/jpeg"
    } else {
        return Err(refuse(Msg::CertErrSignatureType));
    };
    // Decoded once here: what cannot be embedded is refused now, not at a download.
    for_pdf(kind, data)?;
    Ok(kind)
}

/// The stored signature as a PDF image.
pub fn for_pdf(kind: &str, data: &[u8]) -> Result<PdfImage, AppError> {
    let img = match kind {
        "image/png" => decode_png(data),
        "image/jpeg" => jpeg(data),
        _ => None,
    }
    .ok_or_else(|| refuse(Msg::CertErrSignatureDamaged))?;
    if !(MIN_SIDE..=MAX_SIDE).contains(&img.width) || !(MIN_SIDE..=MAX_SIDE).contains(&img.height) {
        return Err(refuse(
            Problem::new(Msg::CertErrSignatureSize)
                .arg("min", MIN_SIDE as i64)
                .arg("max", MAX_SIDE as i64),
        ));
    }
    Ok(img)
}

/// A JPEG's size and colour components from its frame header (baseline, extended or
/// progressive; grey or RGB).
fn jpeg(data: &[u8]) -> Option<PdfImage> {
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
        let len = u16::from_be_bytes([data[i + 2], data[i + 3]]) as usize;
        if matches!(marker, 0xc0..=0xc2) {
            let seg = data.get(i + 4..i + 2 + len)?;
            if seg.len() < 6 || seg[0] != 8 {
                return None;
            }
            let height = u16::from_be_bytes([seg[1], seg[2]]) as u32;
            let width = u16::from_be_bytes([seg[3], seg[4]]) as u32;
            let components = seg[5];
            if components != 1 && components != 3 {
                return None;
            }
            return Some(PdfImage {
                width,
                height,
                components,
                data: data.to_vec(),
                dct: true,
            });
        }
        if len < 2 {
            return None;
        }
        i += 2 + len;
    }
    None
}

/// Decodes an 8-bit, non-interlaced PNG (grey, RGB, palette, grey or RGB with alpha) to
/// RGB pixels, transparency laid on white. Anything else is `None`.
fn decode_png(data: &[u8]) -> Option<PdfImage> {
    let mut i = 8;
    let (mut width, mut height, mut color, mut palette) = (0u32, 0u32, 255u8, Vec::new());
    let mut idat = Vec::new();
    while i + 8 <= data.len() {
        let len = u32::from_be_bytes(data[i..i + 4].try_into().ok()?) as usize;
        let kind = &data[i + 4..i + 8];
        let body = data.get(i + 8..i + 8 + len)?;
        match kind {
            b"IHDR" => {
                if body.len() != 13 {
                    return None;
                }
                width = u32::from_be_bytes(body[0..4].try_into().ok()?);
                height = u32::from_be_bytes(body[4..8].try_into().ok()?);
                let (depth, interlace) = (body[8], body[12]);
                color = body[9];
                if depth != 8 || interlace != 0 || !matches!(color, 0 | 2 | 3 | 4 | 6) {
                    return None;
                }
                if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
                    // Refused by size before anything is inflated.
                    return Some(PdfImage {
                        width,
                        height,
                        components: 3,
                        data: Vec::new(),
                        dct: false,
                    });
                }
            }
            b"PLTE" => palette = body.to_vec(),
            b"IDAT" => idat.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        i += 12 + len;
    }
    if width == 0 || color == 255 {
        return None;
    }
    let channels: usize = match color {
        0 | 3 => 1,
        4 => 2,
        2 => 3,
        _ => 4,
    };
    let (w, h) = (width as usize, height as usize);
    let stride = w * channels;
    let expected = h * (stride + 1);
    let mut raw = Vec::with_capacity(expected);
    // At most the size the header announces (a zip bomb stops there).
    ZlibDecoder::new(&idat[..])
        .take(expected as u64 + 1)
        .read_to_end(&mut raw)
        .ok()?;
    if raw.len() != expected {
        return None;
    }
    let mut pixels = vec![0u8; h * stride];
    for y in 0..h {
        let filter = raw[y * (stride + 1)];
        let line = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for x in 0..stride {
            let a = if x >= channels {
                pixels[y * stride + x - channels]
            } else {
                0
            };
            let b = if y > 0 {
                pixels[(y - 1) * stride + x]
            } else {
                0
            };
            let c = if y > 0 && x >= channels {
                pixels[(y - 1) * stride + x - channels]
            } else {
                0
            };
            let pred = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((a as u16 + b as u16) / 2) as u8,
                4 => {
                    let p = a as i16 + b as i16 - c as i16;
                    let (pa, pb, pc) = (
                        (p - a as i16).abs(),
                        (p - b as i16).abs(),
                        (p - c as i16).abs(),
                    );
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                _ => return None,
            };
            pixels[y * stride + x] = line[x].wrapping_add(pred);
        }
    }
    let on_white = |v: u8, alpha: u8| -> u8 {
        ((v as u16 * alpha as u16 + 255 * (255 - alpha as u16)) / 255) as u8
    };
    let mut rgb = Vec::with_capacity(w * h * 3);
    for px in pixels.chunks_exact(channels) {
        let (r, g, b) = match color {
            0 => (px[0], px[0], px[0]),
            4 => {
                let v = on_white(px[0], px[1]);
                (v, v, v)
            }
            2 => (px[0], px[1], px[2]),
            6 => (
                on_white(px[0], px[3]),
                on_white(px[1], px[3]),
                on_white(px[2], px[3]),
            ),
            _ => {
                let at = px[0] as usize * 3;
                let p = palette.get(at..at + 3)?;
                (p[0], p[1], p[2])
            }
        };
        rgb.extend_from_slice(&[r, g, b]);
    }
    Some(PdfImage {
        width,
        height,
        components: 3,
        data: rgb,
        dct: false,
    })
}

/// A small PNG of a signature-like stroke (RGBA, `width` × `height`), for the demo and
/// tests: written with the PNG's own rules (zlib stream, CRC per chunk).
pub fn sample_png(width: u32, height: u32) -> Vec<u8> {
    use flate2::write::ZlibEncoder;
    use std::io::Write;
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0u8);
        for x in 0..width {
            // A wave across the middle: ink where the curve passes, transparent elsewhere.
            let t = x as f64 / width as f64 * std::f64::consts::TAU * 2.0;
            let curve = height as f64 / 2.0 + t.sin() * height as f64 / 4.0;
            let ink = (y as f64 - curve).abs() < 2.0;
            raw.extend_from_slice(if ink {
                &[20, 30, 120, 255]
            } else {
                &[0, 0, 0, 0]
            });
        }
    }
    let mut z = ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = z.write_all(&raw);
    let compressed = z.finish().unwrap_or_default();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], body: &[u8]| {
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(body);
        out.extend_from_slice(&crc_input);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &compressed);
    chunk(b"IEND", &[]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_is_decoded_on_white_and_other_files_are_refused() {
        let png = sample_png(40, 20);
        assert_eq!(check(&png).unwrap(), "image/png");
        let img = for_pdf("image/png", &png).unwrap();
        assert_eq!((img.width, img.height, img.components), (40, 20, 3));
        assert_eq!(img.data.len(), 40 * 20 * 3);
        // Transparent corners are white, the stroke is ink.
        assert_eq!(&img.data[0..3], &[255, 255, 255]);
        assert!(img.data.chunks(3).any(|p| p == [20, 30, 120]));
        // Not an image, an SVG, a renamed text: refused by the bytes.
        assert!(check(b"<svg xmlns='http://www.w3.org/2000/svg'/>").is_err());
        assert!(check(b"hello").is_err());
        assert!(check(b"").is_err());
        // A truncated PNG is damaged, not a panic.
        for cut in [9, 20, 33, 50, png.len() - 30] {
            assert!(check(&png[..cut]).is_err(), "{cut}");
        }
        // Too large and too small.
        assert!(check(&vec![0x89; MAX_BYTES + 1]).is_err());
        assert!(check(&sample_png(4, 4)).is_err());
        assert!(check(&sample_png(MAX_SIDE + 1, 10)).is_err());
    }

    #[test]
    fn a_jpeg_header_gives_its_size() {
        // SOI, an APP0 segment, then a baseline frame header: 8 bits, 30 × 50, 3 components.
        let mut j = vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00];
        j.extend_from_slice(&[0xff, 0xc0, 0x00, 0x11, 8, 0, 30, 0, 50, 3]);
        j.extend_from_slice(&[1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
        let img = for_pdf("image/jpeg", &j).unwrap();
        assert_eq!(
            (img.width, img.height, img.components, img.dct),
            (50, 30, 3, true)
        );
        assert!(for_pdf("image/jpeg", &j[..12]).is_err());
    }
}
