//! Reading bank statements: CAMT.053 (ISO 20022 XML, `camt.053.001.02` and later) and CODA
//! 2.x (Febelfin's fixed-width format of 128-character records). Both give the same
//! [`Statement`]: the accounts it is of (IBAN and currency) and its booked lines. Every
//! refusal is a [`ParseError`] the caller turns into a message; no input panics (the
//! property test feeds arbitrary bytes and cut-off files).

use sha2::{Digest, Sha256};
use tessera_common::money::normalize_iban;
use tessera_common::time::Date;

/// The largest statement file accepted.
pub const MAX_BYTES: usize = 24 * 1024 * 1024;
/// At most this many lines (entries) per file.
pub const MAX_LINES: usize = 50_000;
/// XML nesting deeper than this is refused before parsing (CAMT.053 needs about 12).
const MAX_DEPTH: usize = 40;
/// A counterparty's name is kept to this many characters, a communication to this many.
pub const MAX_NAME: usize = 140;
pub const MAX_COMMUNICATION: usize = 280;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Camt053,
    Coda,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Camt053 => "camt053",
            Format::Coda => "coda",
        }
    }
}

/// Why a file is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    TooLarge,
    TooManyLines,
    /// Neither CAMT.053 nor CODA 2.
    UnknownFormat,
    /// Cut off, or broken inside (the line or record where it was noticed).
    Truncated,
    /// A record or element that does not have the published shape (where).
    Malformed(String),
    /// An amount that is not a euro amount in cents.
    Amount(String),
    /// A date that is not a real day.
    Date(String),
    /// An account that is not a valid IBAN.
    Account(String),
}

/// One booked movement of a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub account: String,
    pub booked_on: Date,
    /// Positive for money in (credit), negative for money out.
    pub amount_cents: i64,
    pub currency: String,
    pub counterparty_name: String,
    pub counterparty_iban: String,
    /// The communication as given (structured or free).
    pub communication: String,
    /// True when the bank marked the communication as structured.
    pub structured: bool,
    /// The bank's own reference of the movement, when the file gives one.
    pub bank_ref: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub format: Format,
    /// The account(s) and their currency, as the file names them.
    pub accounts: Vec<(String, String)>,
    /// The statement's identification (CAMT `Stmt/Id`, CODA account and sequence number).
    pub reference: String,
    pub lines: Vec<Line>,
}

impl Line {
    /// The key that makes a line unique in the club: the bank's reference with the account
    /// when there is one, else a digest of what the line says; `occurrence` tells apart
    /// identical lines of one file (the same person paying twice the same day).
    pub fn key(&self, occurrence: usize) -> String {
        let mut h = Sha256::new();
        for part in [
            self.account.as_str(),
            &self.booked_on.to_string(),
            &self.amount_cents.to_string(),
            &self.counterparty_iban,
            &self.counterparty_name,
            &self.communication,
            &self.bank_ref,
        ] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        h.update(occurrence.to_string().as_bytes());
        hex::encode(h.finalize())
    }
}

/// Text as kept from a statement: no control characters and no invisible direction marks
/// (a payer name cannot reorder what is shown around it), spaces collapsed, at most `max`
/// characters.
pub fn clean(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_control()
            || c.is_whitespace()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
        {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out.chars().take(max).collect()
}

/// Reads a statement file of either format.
pub fn parse(data: &[u8]) -> Result<Statement, ParseError> {
    if data.is_empty() || data.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ParseError::Empty);
    }
    if data.len() > MAX_BYTES {
        return Err(ParseError::TooLarge);
    }
    let start = data
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(0);
    if data[start] == b'<' {
        let text = std::str::from_utf8(data).map_err(|_| ParseError::Truncated)?;
        camt(text)
    } else if data[start] == b'0' {
        coda(data)
    } else {
        Err(ParseError::UnknownFormat)
    }
}

// ---------------------------------------------------------------------------------------
// CAMT.053

/// The deepest nesting of an XML text, found without parsing (comments, CDATA and
/// declarations skipped; quoted attribute values may hold `>`).
fn xml_too_deep(text: &str) -> bool {
    let b = text.as_bytes();
    let (mut i, mut depth) = (0usize, 0usize);
    let skip_to = |from: usize, end: &[u8]| -> usize {
        b.get(from..)
            .and_then(|r| r.windows(end.len()).position(|w| w == end))
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
        } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            i = skip_to(i + 2, b">");
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i = skip_to(i + 2, b">");
        } else {
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
            if !self_closing {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            i = j + 1;
        }
    }
    false
}

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn children<'a, 'i: 'a>(n: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn path<'a, 'i>(n: Node<'a, 'i>, names: &[&str]) -> Option<Node<'a, 'i>> {
    let mut cur = n;
    for name in names {
        cur = child(cur, name)?;
    }
    Some(cur)
}

fn text_at(n: Node, names: &[&str]) -> String {
    path(n, names)
        .and_then(|x| x.text())
        .map(|t| t.trim().to_string())
        .unwrap_or_default()
}

/// An XML decimal amount (`1234.5`) in cents; more than two decimals that are not zero, a
/// sign or anything else is refused.
pub fn xml_cents(s: &str) -> Option<i64> {
    let s = s.trim();
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty()
        || int.len() > 13
        || !int.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 5
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    if frac.len() > 2 && frac[2..].bytes().any(|b| b != b'0') {
        return None;
    }
    let mut cents: i64 = int.parse().ok()?;
    cents = cents.checked_mul(100)?;
    let f: String = frac.chars().chain("00".chars()).take(2).collect();
    cents.checked_add(f.parse::<i64>().ok()?)
}

/// An ISO day, or the day of an ISO date-time.
fn xml_day(s: &str) -> Option<Date> {
    let s = s.trim();
    Date::parse(s.get(..10)?).filter(|d| (1900..=2200).contains(&d.year))
}

fn camt(text: &str) -> Result<Statement, ParseError> {
    if xml_too_deep(text) {
        return Err(ParseError::Malformed("XML".into()));
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 4_000_000,
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => ParseError::TooLarge,
        roxmltree::Error::DtdDetected => ParseError::UnknownFormat,
        _ => ParseError::Truncated,
    })?;
    let root = doc.root_element();
    let ns = root.tag_name().namespace().unwrap_or("");
    if root.tag_name().name() != "Document"
        || !ns.starts_with("urn:iso:std:iso:20022:tech:xsd:camt.053.001.")
    {
        return Err(ParseError::UnknownFormat);
    }
    let Some(body) = child(root, "BkToCstmrStmt") else {
        return Err(ParseError::Malformed("BkToCstmrStmt".into()));
    };
    let mut accounts = Vec::new();
    let mut lines = Vec::new();
    let mut refs = Vec::new();
    for stmt in children(body, "Stmt") {
        let iban_text = text_at(stmt, &["Acct", "Id", "IBAN"]);
        let iban =
            normalize_iban(&iban_text).ok_or_else(|| ParseError::Account(clean(&iban_text, 40)))?;
        // The account's currency, else the first amount's.
        let mut currency = text_at(stmt, &["Acct", "Ccy"]);
        refs.push(clean(&text_at(stmt, &["Id"]), 60));
        for entry in children(stmt, "Ntry") {
            let status = {
                let s = text_at(entry, &["Sts"]);
                if s.is_empty() {
                    text_at(entry, &["Sts", "Cd"])
                } else {
                    s
                }
            };
            if !status.is_empty() && status != "BOOK" {
                continue;
            }
            let amt =
                child(entry, "Amt").ok_or_else(|| ParseError::Malformed("Ntry/Amt".into()))?;
            let ccy = amt.attribute("Ccy").unwrap_or("").trim().to_string();
            if currency.is_empty() {
                currency = ccy.clone();
            }
            let sign = match text_at(entry, &["CdtDbtInd"]).as_str() {
                "CRDT" => 1,
                "DBIT" => -1,
                other => {
                    return Err(ParseError::Malformed(format!(
                        "CdtDbtInd {}",
                        clean(other, 10)
                    )))
                }
            };
            let entry_cents = xml_cents(amt.text().unwrap_or(""))
                .ok_or_else(|| ParseError::Amount(clean(amt.text().unwrap_or(""), 30)))?;
            let day_text = {
                let d = text_at(entry, &["BookgDt", "Dt"]);
                if d.is_empty() {
                    text_at(entry, &["BookgDt", "DtTm"])
                } else {
                    d
                }
            };
            let booked_on =
                xml_day(&day_text).ok_or_else(|| ParseError::Date(clean(&day_text, 30)))?;
            let entry_ref = text_at(entry, &["AcctSvcrRef"]);
            let details: Vec<Node> = children(entry, "NtryDtls")
                .flat_map(|d| children(d, "TxDtls").collect::<Vec<_>>())
                .collect();
            let batch = details.len() > 1;
            let mut push =
                |tx: Option<Node>, cents: i64, ccy: String, n: usize| -> Result<(), ParseError> {
                    let (party, acct) = if sign > 0 {
                        ("Dbtr", "DbtrAcct")
                    } else {
                        ("Cdtr", "CdtrAcct")
                    };
                    let (mut name, mut iban, mut comm, mut structured, mut bank_ref) = (
                        String::new(),
                        String::new(),
                        String::new(),
                        false,
                        entry_ref.clone(),
                    );
                    if let Some(tx) = tx {
                        name = text_at(tx, &["RltdPties", party, "Nm"]);
                        if name.is_empty() {
                            name = text_at(tx, &["RltdPties", party, "Pty", "Nm"]);
                        }
                        iban = text_at(tx, &["RltdPties", acct, "Id", "IBAN"]);
                        if let Some(rmt) = child(tx, "RmtInf") {
                            let strd: Vec<String> = children(rmt, "Strd")
                                .map(|s| text_at(s, &["CdtrRefInf", "Ref"]))
                                .filter(|s| !s.is_empty())
                                .collect();
                            if let Some(first) = strd.first() {
                                comm = first.clone();
                                structured = true;
                            } else {
                                comm = children(rmt, "Ustrd")
                                    .filter_map(|u| u.text())
                                    .collect::<Vec<_>>()
                                    .join(" ");
                            }
                        }
                        let r = text_at(tx, &["Refs", "AcctSvcrRef"]);
                        if !r.is_empty() {
                            bank_ref = r;
                        } else if batch && !bank_ref.is_empty() {
                            bank_ref = format!("{bank_ref}/{n}");
                        }
                    }
                    lines.push(Line {
                        account: iban_of_stmt(&iban_text),
                        booked_on,
                        amount_cents: sign * cents,
                        currency: ccy,
                        counterparty_name: clean(&name, MAX_NAME),
                        counterparty_iban: normalize_iban(&iban).unwrap_or_default(),
                        communication: clean(&comm, MAX_COMMUNICATION),
                        structured,
                        bank_ref: clean(&bank_ref, 60),
                    });
                    if lines.len() > MAX_LINES {
                        return Err(ParseError::TooManyLines);
                    }
                    Ok(())
                };
            if batch {
                for (n, tx) in details.iter().enumerate() {
                    let a = path(*tx, &["Amt"])
                        .or_else(|| path(*tx, &["AmtDtls", "TxAmt", "Amt"]))
                        .ok_or_else(|| ParseError::Malformed("TxDtls/Amt".into()))?;
                    let cents = xml_cents(a.text().unwrap_or(""))
                        .ok_or_else(|| ParseError::Amount(clean(a.text().unwrap_or(""), 30)))?;
                    let ccy = a.attribute("Ccy").unwrap_or("").trim().to_string();
                    push(Some(*tx), cents, ccy, n)?;
                }
            } else {
                push(details.first().copied(), entry_cents, ccy, 0)?;
            }
        }
        accounts.push((iban, currency));
    }
    if accounts.is_empty() {
        return Err(ParseError::Malformed("Stmt".into()));
    }
    Ok(Statement {
        format: Format::Camt053,
        accounts,
        reference: refs.join(", "),
        lines,
    })
}

fn iban_of_stmt(text: &str) -> String {
    normalize_iban(text).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// CODA

/// A record's characters `from..=to` (1-based, as the Febelfin tables number them).
fn field(rec: &[char], from: usize, to: usize) -> String {
    rec.get(from - 1..to.min(rec.len()))
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}

/// A CODA date (`DDMMYY`, years 2000–2099).
fn coda_day(s: &str) -> Option<Date> {
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (d, m, y) = (&s[..2], &s[2..4], &s[4..]);
    Date::parse(&format!("20{y}-{m}-{d}"))
}

/// A CODA amount: 15 digits with three decimals, in cents (a non-zero thousandth is
/// refused).
fn coda_cents(s: &str) -> Option<i64> {
    if s.len() != 15 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i64 = s.parse().ok()?;
    (v % 10 == 0).then_some(v / 10)
}

/// The account of a record 1 and its currency, by the account structure (position 2):
/// 0 a Belgian account number, 1 a foreign one, 2 a Belgian IBAN, 3 a foreign IBAN.
fn coda_account(rec: &[char]) -> Result<(String, String), ParseError> {
    let structure = field(rec, 2, 2);
    let (acct, ccy) = match structure.as_str() {
        "0" => (field(rec, 6, 17), field(rec, 19, 21)),
        "1" => (field(rec, 6, 39), field(rec, 40, 42)),
        "2" => (field(rec, 6, 21), field(rec, 40, 42)),
        "3" => (field(rec, 6, 39), field(rec, 40, 42)),
        _ => return Err(ParseError::Malformed("1: account structure".into())),
    };
    let acct = acct.trim().to_string();
    let iban = if structure == "0" {
        // A Belgian account number (12 digits) as its IBAN: BE, check digits, the number.
        belgian_iban(&acct).ok_or_else(|| ParseError::Account(clean(&acct, 40)))?
    } else {
        normalize_iban(&acct).ok_or_else(|| ParseError::Account(clean(&acct, 40)))?
    };
    Ok((iban, ccy.trim().to_string()))
}

/// The IBAN of a 12-digit Belgian account number.
fn belgian_iban(number: &str) -> Option<String> {
    if number.len() != 12 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    (2..=98)
        .map(|c| format!("BE{c:02}{number}"))
        .find(|i| normalize_iban(i).is_some())
}

#[derive(Default)]
struct CodaMove {
    sequence: String,
    detail: String,
    bank_ref: String,
    cents: i64,
    booked_on: Option<Date>,
    structured: bool,
    communication: String,
    global: bool,
    name: String,
    iban: String,
}

fn coda(data: &[u8]) -> Result<Statement, ParseError> {
    // CODA is Latin-1 (or plain ASCII); UTF-8 is read as such.
    let text: String = match std::str::from_utf8(data) {
        Ok(t) => t.to_string(),
        Err(_) => data.iter().map(|&b| b as char).collect(),
    };
    let records: Vec<Vec<char>> = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.chars().collect())
        .collect();
    if records.len() > MAX_LINES * 6 {
        return Err(ParseError::TooManyLines);
    }
    let Some(first) = records.first() else {
        return Err(ParseError::Empty);
    };
    // Record 0 with version code 2 (CODA 2.x) at position 128.
    if first.first() != Some(&'0') || field(first, 2, 5) != "0000" {
        return Err(ParseError::UnknownFormat);
    }
    if first.len() < 128 {
        return Err(if records.len() == 1 {
            ParseError::Truncated
        } else {
            ParseError::Malformed("0".into())
        });
    }
    if field(first, 128, 128) != "2" {
        return Err(ParseError::UnknownFormat);
    }
    let mut accounts: Vec<(String, String)> = Vec::new();
    let mut refs = Vec::new();
    let mut moves: Vec<CodaMove> = Vec::new();
    let mut seen_trailer = false;
    let mut seen_new_balance = false;
    let mut counted = 0usize;
    for (i, rec) in records.iter().enumerate().skip(1) {
        if seen_trailer {
            // Another file after the trailer: a second statement starts with record 0.
            return Err(ParseError::Malformed(format!("{}", i + 1)));
        }
        if rec.len() != 128 {
            return Err(if i + 1 == records.len() {
                ParseError::Truncated
            } else {
                ParseError::Malformed(format!("{}", i + 1))
            });
        }
        let kind = field(rec, 1, 1);
        let art = field(rec, 2, 2);
        match (kind.as_str(), art.as_str()) {
            ("1", _) => {
                counted += 1;
                if !accounts.is_empty() {
                    return Err(ParseError::Malformed(format!("{}", i + 1)));
                }
                let (iban, ccy) = coda_account(rec)?;
                refs.push(format!("{iban} {}", field(rec, 126, 128).trim()));
                accounts.push((iban, ccy));
            }
            ("2", "1") => {
                counted += 1;
                if accounts.is_empty() {
                    return Err(ParseError::Malformed(format!("{}", i + 1)));
                }
                let sign = match field(rec, 32, 32).as_str() {
                    "0" => 1,
                    "1" => -1,
                    _ => return Err(ParseError::Malformed(format!("{}: 2.1", i + 1))),
                };
                let raw = field(rec, 33, 47);
                let cents = coda_cents(&raw).ok_or_else(|| ParseError::Amount(clean(&raw, 20)))?;
                let day = field(rec, 116, 121);
                let booked_on = coda_day(&day).ok_or_else(|| ParseError::Date(clean(&day, 10)))?;
                let structured = field(rec, 62, 62) == "1";
                let communication = if structured {
                    // Type 101/102: the 12 digits of a structured communication.
                    let code = field(rec, 63, 65);
                    if code == "101" || code == "102" {
                        field(rec, 66, 77)
                    } else {
                        field(rec, 66, 115)
                    }
                } else {
                    field(rec, 63, 115)
                };
                moves.push(CodaMove {
                    sequence: field(rec, 3, 6),
                    detail: field(rec, 7, 10),
                    bank_ref: field(rec, 11, 31).trim().to_string(),
                    cents: sign * cents,
                    booked_on: Some(booked_on),
                    structured,
                    communication,
                    global: !matches!(field(rec, 125, 125).as_str(), "0" | " "),
                    ..Default::default()
                });
            }
            ("2", "2") => {
                counted += 1;
                let m = moves
                    .last_mut()
                    .ok_or_else(|| ParseError::Malformed(format!("{}", i + 1)))?;
                if !m.structured {
                    m.communication.push_str(&field(rec, 11, 63));
                }
            }
            ("2", "3") => {
                counted += 1;
                let m = moves
                    .last_mut()
                    .ok_or_else(|| ParseError::Malformed(format!("{}", i + 1)))?;
                let acct = field(rec, 11, 47);
                let acct = acct.split_whitespace().next().unwrap_or("");
                m.iban = normalize_iban(acct).unwrap_or_default();
                m.name = field(rec, 48, 82);
                if !m.structured {
                    m.communication.push_str(&field(rec, 83, 125));
                }
            }
            ("3", "1" | "2" | "3") => counted += 1,
            ("4", _) => {}
            ("8", _) => {
                counted += 1;
                seen_new_balance = true;
            }
            ("9", _) => {
                seen_trailer = true;
                // Records 1, 2.x, 3.x and 8 (not 0, 4 or 9), as Febelfin counts them; some
                // banks count record 4 too.
                let n: usize = field(rec, 17, 22).trim().parse().unwrap_or(usize::MAX);
                let with_free =
                    counted + records.iter().filter(|r| r.first() == Some(&'4')).count();
                if n != counted && n != with_free {
                    return Err(ParseError::Truncated);
                }
            }
            _ => return Err(ParseError::Malformed(format!("{}", i + 1))),
        }
    }
    if !seen_trailer || !seen_new_balance || accounts.is_empty() {
        return Err(ParseError::Truncated);
    }
    let (account, currency) = accounts[0].clone();
    // A globalised movement (its globalisation code set) is followed by its details (the
    // same sequence number, detail numbers from 0001): the details are the lines.
    let mut lines = Vec::new();
    for (k, m) in moves.iter().enumerate() {
        let has_details = m.global
            && m.detail == "0000"
            && moves
                .iter()
                .skip(k + 1)
                .take_while(|n| n.sequence == m.sequence)
                .any(|n| n.detail != "0000");
        if has_details {
            continue;
        }
        let Some(booked_on) = m.booked_on else {
            continue;
        };
        lines.push(Line {
            account: account.clone(),
            booked_on,
            amount_cents: m.cents,
            currency: currency.clone(),
            counterparty_name: clean(&m.name, MAX_NAME),
            counterparty_iban: m.iban.clone(),
            communication: clean(&m.communication, MAX_COMMUNICATION),
            structured: m.structured,
            bank_ref: clean(&format!("{}/{}", m.bank_ref, m.detail), 60),
        });
        if lines.len() > MAX_LINES {
            return Err(ParseError::TooManyLines);
        }
    }
    Ok(Statement {
        format: Format::Coda,
        accounts,
        reference: refs.join(", "),
        lines,
    })
}
