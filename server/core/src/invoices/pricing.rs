//! The pure computation of a season's fees: which membership fee applies to a person, pro
//! rata for joining late, the family discount over one payer's children and the family cap.
//! No database and no clock: the caller passes the day, so tests inject it.

use tessera_common::invoices::Prorata;
use tessera_common::time::Date;
use tessera_common::{Lang, MemberId, Msg};

/// A season's pricing rules.
#[derive(Clone, Debug)]
pub struct Rules {
    pub starts_on: Date,
    pub ends_on: Date,
    /// The day ages are taken on.
    pub reference: Date,
    pub sibling_percent: i64,
    pub family_cap_cents: Option<i64>,
    pub prorata: Prorata,
    pub prorata_date: Option<Date>,
    pub prorata_percent: i64,
}

/// A fee of the schedule.
#[derive(Clone, Debug)]
pub struct Fee {
    pub id: i64,
    pub one_off: bool,
    pub name: String,
    pub amount_cents: i64,
    pub min_age: Option<i64>,
    pub max_age: Option<i64>,
    pub birth_year_from: Option<i64>,
    pub birth_year_to: Option<i64>,
    pub group_id: Option<i64>,
}

/// A person to price.
#[derive(Clone, Debug)]
pub struct Person {
    pub member: MemberId,
    pub name: String,
    pub birth_date: Option<Date>,
    /// The groups they are in on the reference date.
    pub groups: Vec<i64>,
    /// The day they joined the club, when known.
    pub joined_on: Option<Date>,
}

/// One line of an invoice: positive for a fee, negative for a discount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub member: MemberId,
    pub description: String,
    pub fee_key: String,
    pub group_id: Option<i64>,
    pub amount_cents: i64,
}

/// Why a computation gave no valid amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PricingError {
    /// A rule made an amount negative.
    Negative,
}

/// `amount` × `num` / `den`, rounded half up, in integer cents.
pub fn share(amount: i64, num: i64, den: i64) -> i64 {
    if den <= 0 {
        return amount;
    }
    (amount * num * 2 + den) / (2 * den)
}

/// Whether `fee` applies to `p` under `rules` (all its conditions hold).
pub fn applies(fee: &Fee, rules: &Rules, p: &Person) -> bool {
    if fee.min_age.is_some() || fee.max_age.is_some() {
        let Some(b) = p.birth_date else { return false };
        let age = b.age_on(rules.reference) as i64;
        if fee.min_age.is_some_and(|m| age < m) || fee.max_age.is_some_and(|m| age > m) {
            return false;
        }
    }
    if fee.birth_year_from.is_some() || fee.birth_year_to.is_some() {
        let Some(b) = p.birth_date else { return false };
        let y = b.year as i64;
        if fee.birth_year_from.is_some_and(|m| y < m) || fee.birth_year_to.is_some_and(|m| y > m) {
            return false;
        }
    }
    if let Some(g) = fee.group_id {
        if !p.groups.contains(&g) {
            return false;
        }
    }
    true
}

fn month_index(d: Date) -> i64 {
    d.year as i64 * 12 + d.month as i64
}

/// A membership fee after pro rata for a person who joined on `joined` (a day before the
/// season counts as its first day).
pub fn prorated(amount: i64, rules: &Rules, joined: Option<Date>) -> i64 {
    let joined = match joined {
        Some(j) if j > rules.starts_on => j,
        _ => return amount,
    };
    match rules.prorata {
        Prorata::None => amount,
        Prorata::Monthly => {
            let total = month_index(rules.ends_on) - month_index(rules.starts_on) + 1;
            let left = (month_index(rules.ends_on) - month_index(joined) + 1).clamp(1, total);
            share(amount, left, total)
        }
        Prorata::AfterDate => match rules.prorata_date {
            Some(d) if joined >= d => amount - share(amount, rules.prorata_percent, 100),
            _ => amount,
        },
    }
}

/// The membership lines of one payer's people for the season: per person the first
/// membership fee (by the schedule's order) that applies, pro rata; then each person after
/// the first (the highest fee first) gets the sibling discount, and a line brings the total
/// down to the family cap. People no fee applies to get no line.
pub fn price_family(
    rules: &Rules,
    fees: &[Fee],
    people: &[Person],
    lang: Lang,
) -> Result<Vec<Line>, PricingError> {
    let mut priced: Vec<(i64, &Person, &Fee)> = Vec::new();
    for p in people {
        if let Some(fee) = fees.iter().find(|f| !f.one_off && applies(f, rules, p)) {
            let amount = prorated(fee.amount_cents, rules, p.joined_on);
            priced.push((amount, p, fee));
        }
    }
    // The highest fee is paid in full; ties by member id, so the result is stable.
    priced.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.member.0.cmp(&b.1.member.0)));
    let mut lines = Vec::new();
    let mut total = 0;
    for (i, (amount, p, fee)) in priced.iter().enumerate() {
        if *amount < 0 {
            return Err(PricingError::Negative);
        }
        lines.push(Line {
            member: p.member,
            description: format!("{} – {}", fee.name, p.name),
            fee_key: format!("fee:{}", fee.id),
            group_id: fee.group_id,
            amount_cents: *amount,
        });
        total += amount;
        if i > 0 && rules.sibling_percent > 0 {
            let off = share(*amount, rules.sibling_percent, 100);
            if off > 0 {
                lines.push(Line {
                    member: p.member,
                    description: Msg::FeesLineSibling.fill(
                        lang,
                        &[
                            ("percent", &rules.sibling_percent.to_string()),
                            ("name", &p.name),
                        ],
                    ),
                    fee_key: "discount:sibling".into(),
                    group_id: fee.group_id,
                    amount_cents: -off,
                });
                total -= off;
            }
        }
    }
    if let (Some(cap), Some(first)) = (rules.family_cap_cents, priced.first()) {
        if cap < 0 {
            return Err(PricingError::Negative);
        }
        if total > cap {
            lines.push(Line {
                member: first.1.member,
                description: Msg::FeesLineCap.text(lang).to_string(),
                fee_key: "discount:cap".into(),
                group_id: None,
                amount_cents: cap - total,
            });
            total = cap;
        }
    }
    if total < 0 {
        return Err(PricingError::Negative);
    }
    Ok(lines)
}

/// A one-off fee's line for a person.
pub fn one_off_line(fee: &Fee, p: &Person) -> Line {
    Line {
        member: p.member,
        description: format!("{} – {}", fee.name, p.name),
        fee_key: format!("fee:{}", fee.id),
        group_id: fee.group_id,
        amount_cents: fee.amount_cents,
    }
}
