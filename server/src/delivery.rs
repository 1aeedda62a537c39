//! How responses travel: compression (Brotli and gzip for every text response and the
//! wasm), the static files under `/pkg` with their cache policy, the cache policy of pages,
//! the hashed asset names cargo-leptos writes, and the per-response script nonce of pages.
//!
//! - `/pkg`: cargo-leptos names the CSS, JS and wasm files after a hash of their content
//!   (`hash-files = true`) and lists the hashes in `hash.txt` in the site root. A file whose
//!   name carries such a hash never changes: cached for a year, `immutable`. Anything else
//!   there is revalidated (`no-cache`). A release build made with `--precompress` puts a
//!   `.br` and a `.gz` beside each file, served as they are; otherwise the compression
//!   layer compresses on the fly.
//! - Pages: `no-store` whenever they may carry personal data (the request has a session,
//!   or the page is behind sign-in or a club's or federation's address), `private,
//!   no-cache` for the public pages of a visitor without a session.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use axum::Router;
use std::path::{Path, PathBuf};
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;

/// The cache policy of a file whose name carries the hash of its content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The cache policy of a page that may carry personal data.
pub const NO_STORE: &str = "no-store";
/// The cache policy of a public page seen by a visitor without a session: the browser may
/// keep it (the back button shows it at once) but asks again before using it, and no
/// shared cache keeps it (its script nonce is the visitor's own).
pub const PUBLIC_PAGE: &str = "private, no-cache";
/// The cache policy of a file under `/pkg` whose name has no hash.
pub const REVALIDATE: &str = "no-cache";

/// The compression of dynamic responses: Brotli or gzip, as the client accepts, at a
/// level cheap enough to run on every page (Brotli 5 makes a register page about as small
/// as Brotli 11 does, at a fraction of the time). Responses already encoded (the
/// precompressed static files), images other than SVG, event streams and bodies under
/// 32 bytes are left as they are.
pub fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(CompressionLevel::Precise(5))
        .compress_when(
            SizeAbove::new(32)
                .and(NotForContentType::GRPC)
                .and(NotForContentType::IMAGES)
                .and(NotForContentType::SSE),
        )
}

/// Whether a file name under `/pkg` carries a content hash as cargo-leptos writes it:
/// `name.HASH.ext` (and its `.br`/`.gz`), the hash 22 characters of unpadded base64url
/// (an MD5).
pub fn is_hashed(file: &str) -> bool {
    let file = file
        .strip_suffix(".br")
        .or_else(|| file.strip_suffix(".gz"))
        .unwrap_or(file);
    let mut parts = file.rsplit('.');
    let (Some(_ext), Some(hash), Some(_stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    hash.len() == 22
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The static files of `pkg_dir`, precompressed variants preferred, each with its cache
/// policy.
pub fn static_files<S: Clone + Send + Sync + 'static>(pkg_dir: impl AsRef<Path>) -> Router<S> {
    let serve = ServeDir::new(pkg_dir.as_ref())
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .nest_service("/pkg", serve)
        .layer(from_fn(pkg_cache))
}

async fn pkg_cache(req: Request, next: Next) -> Response {
    let hashed = req.uri().path().rsplit('/').next().is_some_and(is_hashed);
    let mut res = next.run(req).await;
    if res.status().is_success() || res.status() == axum::http::StatusCode::NOT_MODIFIED {
        let policy = if hashed { IMMUTABLE } else { REVALIDATE };
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    res
}

/// The cache policy of the page at `path`, asked for with or without a session cookie.
pub fn page_cache(path: &str, has_session: bool) -> &'static str {
    if has_session {
        return NO_STORE;
    }
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let public = match first {
        "" => true,
        "login" => matches!(path.trim_end_matches('/'), "/login" | "/login/forgot"),
        // A club's public registration form (not its confirmation, which names the person).
        "c" => {
            let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
            matches!(segs.as_slice(), ["c", _, "join", _])
        }
        _ => false,
    };
    if public {
        PUBLIC_PAGE
    } else {
        NO_STORE
    }
}

/// Whether a request carries a cookie named `name`.
pub fn has_cookie(headers: &axum::http::HeaderMap, name: &str) -> bool {
    crate::auth::cookie_value(headers, name).is_some()
}

/// The hashed names of the front-end files, read from `hash.txt` in the site root.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hashes {
    pub js: Option<String>,
    pub wasm: Option<String>,
    pub css: Option<String>,
}

impl Hashes {
    /// Reads the lines `js: HASH`, `wasm: HASH`, `css: HASH` of cargo-leptos' hash file.
    pub fn parse(text: &str) -> Hashes {
        let mut h = Hashes::default();
        for line in text.lines() {
            if let Some((k, v)) = line.split_once(':') {
                let v = Some(v.trim().to_string()).filter(|v| !v.is_empty());
                match k.trim() {
                    "js" => h.js = v,
                    "wasm" => h.wasm = v,
                    "css" => h.css = v,
                    _ => {}
                }
            }
        }
        h
    }
}

/// The hash file of the site at `site_root`, as an absolute path (Leptos joins it to the
/// folder of the running program, which an absolute path replaces), if it is there.
pub fn hash_file(site_root: &str) -> Option<PathBuf> {
    let path = std::fs::canonicalize(site_root).ok()?.join("hash.txt");
    path.is_file().then_some(path)
}

/// The address of the stylesheet of the site at `site_root`: hashed when the site was
/// built with hashed names.
pub fn stylesheet_href(site_root: &str, output_name: &str) -> String {
    let css = hash_file(site_root)
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| Hashes::parse(&t).css);
    match css {
        Some(hash) => format!("/pkg/{output_name}.{hash}.css"),
        None => format!("/pkg/{output_name}.css"),
    }
}

/// The address of the stylesheet, for the pages rendered outside Leptos (the error pages
/// of the security layers), set once at start-up.
static STYLESHEET: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Remembers the stylesheet's address for [`stylesheet`] (the first call wins: every
/// router of a process serves one site).
pub fn set_stylesheet(href: String) {
    let _ = STYLESHEET.set(href);
}

/// The stylesheet's address.
pub fn stylesheet() -> &'static str {
    STYLESHEET
        .get()
        .map(String::as_str)
        .unwrap_or("/pkg/tessera.css")
}

/// Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every file of `pkg_dir` that has
/// none, or an older one, so [`static_files`] sends them as they are. A release build made
/// with `cargo leptos build --release --precompress` has them all (Brotli at its best,
/// quality 11) and nothing is done; after a debug build this spares compressing the 11 MB
/// debug wasm on every request (seconds each). Each copy is written under a temporary
/// name and renamed, so a reader never sees half of one; a folder the server may not
/// write to is left as it is (the compression layer then compresses on the fly).
/// Returns how many copies were written.
pub fn precompress_missing(pkg_dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(pkg_dir) else {
        return 0;
    };
    let mut written = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !path.is_file()
            || name.ends_with(".br")
            || name.ends_with(".gz")
            || name.contains(".tmp-")
        {
            continue;
        }
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let source_time = modified(&path);
        for (ext, compress) in [
            ("br", brotli_bytes as fn(&[u8]) -> std::io::Result<Vec<u8>>),
            ("gz", gzip_bytes),
        ] {
            let target = pkg_dir.join(format!("{name}.{ext}"));
            if matches!((modified(&target), source_time), (Some(t), Some(s)) if t >= s) {
                continue;
            }
            let done = std::fs::read(&path).and_then(|data| {
                let out = compress(&data)?;
                let tmp = pkg_dir.join(format!("{name}.{ext}.tmp-{}", std::process::id()));
                std::fs::write(&tmp, out)?;
                std::fs::rename(&tmp, &target).inspect_err(|_| {
                    let _ = std::fs::remove_file(&tmp);
                })
            });
            match done {
                Ok(()) => written += 1,
                Err(e) => {
                    tracing::debug!(error = %e, file = %target.display(), "no precompressed copy");
                    return written;
                }
            }
        }
    }
    written
}

fn brotli_bytes(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 9,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
    Ok(out)
}

fn gzip_bytes(data: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data)?;
    enc.finish()
}

/// The script nonce of a page, carried from the page's rendering to the security headers
/// in the response's extensions.
#[derive(Clone, Debug)]
pub struct ScriptNonce(pub String);

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    #[test]
    fn missing_precompressed_copies_are_written_once() {
        use std::io::Read;
        let dir = std::env::temp_dir().join(format!("tessera-pre-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = "body { color: red; } ".repeat(200);
        std::fs::write(dir.join("site.css"), &text).unwrap();
        assert_eq!(precompress_missing(&dir), 2);
        assert_eq!(precompress_missing(&dir), 0, "nothing is written twice");
        let mut back = String::new();
        brotli::Decompressor::new(&std::fs::read(dir.join("site.css.br")).unwrap()[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        back.clear();
        flate2::read::GzDecoder::new(&std::fs::read(dir.join("site.css.gz")).unwrap()[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed("tessera.AbCdEfGhIjKlMnOpQrStUv.wasm"));
        assert!(is_hashed("tessera.AbCdEfGhIjKlMnOpQr-_Uv.js.br"));
        assert!(is_hashed("tessera.AbCdEfGhIjKlMnOpQrStUv.css.gz"));
        assert!(!is_hashed("tessera.wasm"));
        assert!(!is_hashed("tessera.css.br"));
        assert!(!is_hashed("tessera.short.js"));
        assert!(!is_hashed("AbCdEfGhIjKlMnOpQrStUv.js"));
        assert!(!is_hashed("tessera.AbCdEfGhIjKlMnOp%2FrStUv.js"));
    }

    #[test]
    fn pages_with_personal_data_are_not_stored() {
        for path in [
            "/account",
            "/admin",
            "/c/club",
            "/c/club/members",
            "/c/club/join/form/confirm",
            "/f/fed",
            "/login/verify",
            "/login/reset",
            "/invite",
            "/nowhere",
        ] {
            assert_eq!(page_cache(path, false), NO_STORE, "{path}");
        }
        for path in ["/", "/login", "/login/forgot", "/c/club/join/form"] {
            assert_eq!(page_cache(path, false), PUBLIC_PAGE, "{path}");
            assert_eq!(page_cache(path, true), NO_STORE, "{path}");
        }
    }

    #[test]
    fn the_hash_file_is_read() {
        let h = Hashes::parse("js: AAA\nwasm: BBB\ncss: CCC\nmanifest: DDD\n");
        assert_eq!(h.js.as_deref(), Some("AAA"));
        assert_eq!(h.wasm.as_deref(), Some("BBB"));
        assert_eq!(h.css.as_deref(), Some("CCC"));
        assert_eq!(Hashes::parse(""), Hashes::default());
    }

    #[test]
    fn cookies_are_found_by_name() {
        let mut h = axum::http::HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("lang=nl; tessera_session=abc"),
        );
        assert!(has_cookie(&h, "tessera_session"));
        assert!(has_cookie(&h, "lang"));
        assert!(!has_cookie(&h, "tessera"));
    }

    /// A precompressed file is sent as it is, with its encoding, to a client that accepts
    /// it; the original to one that does not; a hashed name is cached for a year.
    #[tokio::test]
    async fn precompressed_files_are_served_with_their_cache_policy() {
        let dir = std::env::temp_dir().join(format!("tessera-pkg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let name = "tessera.AbCdEfGhIjKlMnOpQrStUv.js";
        std::fs::write(dir.join(name), b"console.log('plain');").unwrap();
        std::fs::write(dir.join(format!("{name}.br")), b"brotli bytes").unwrap();
        std::fs::write(dir.join(format!("{name}.gz")), b"gzip bytes").unwrap();
        std::fs::write(dir.join("loose.js"), b"console.log('loose');").unwrap();
        let app: Router = static_files(&dir);
        let get = |path: String, enc: &'static str| {
            let app = app.clone();
            async move {
                let mut req = Request::get(path).body(Body::empty()).unwrap();
                if !enc.is_empty() {
                    req.headers_mut()
                        .insert(header::ACCEPT_ENCODING, HeaderValue::from_static(enc));
                }
                let res = app.oneshot(req).await.unwrap();
                let enc = res
                    .headers()
                    .get(header::CONTENT_ENCODING)
                    .map(|v| v.to_str().unwrap().to_string());
                let cache = res
                    .headers()
                    .get(header::CACHE_CONTROL)
                    .map(|v| v.to_str().unwrap().to_string());
                let body = axum::body::to_bytes(res.into_body(), 1 << 20)
                    .await
                    .unwrap();
                (enc, cache, body)
            }
        };
        let (enc, cache, body) = get(format!("/pkg/{name}"), "br, gzip").await;
        assert_eq!(enc.as_deref(), Some("br"));
        assert_eq!(cache.as_deref(), Some(IMMUTABLE));
        assert_eq!(&body[..], b"brotli bytes");
        let (enc, _, body) = get(format!("/pkg/{name}"), "gzip").await;
        assert_eq!(enc.as_deref(), Some("gzip"));
        assert_eq!(&body[..], b"gzip bytes");
        let (enc, cache, body) = get(format!("/pkg/{name}"), "").await;
        assert_eq!(enc, None);
        assert_eq!(cache.as_deref(), Some(IMMUTABLE));
        assert_eq!(&body[..], b"console.log('plain');");
        let (_, cache, _) = get("/pkg/loose.js".into(), "").await;
        assert_eq!(cache.as_deref(), Some(REVALIDATE));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
