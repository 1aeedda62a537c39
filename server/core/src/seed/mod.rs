//! The demo dataset: one federation, its clubs, a few hundred members per club with
//! realistic Belgian names, addresses and birth dates, families with guardians, and demo
//! accounts for every kind of user. Deterministic: the same options give the same people.

mod activities;
mod affiliations;
mod breach;
mod consents;
mod documents;
mod dupes;
mod groups;
mod invoices; // invoices
mod licences; // licences
mod mailings; // mailings
pub mod names;
mod privacy_rights;
mod reconcile; // reconcile
mod renewal; // renewal
mod retention;
mod templates;
mod transfers; // xfer18 // templates

use crate::db::Db;
use crate::error::Result;
use crate::members::{self, NewMember};
use crate::roles::{self, RoleInput};
use crate::scope::{Actor, TenantScope};
use crate::tenants::{self, NewTenant};
use crate::{accounts::identities, tenants::module_settings};
use names::*;
use tessera_common::dto::{MemberStatus, TenantKind};
use tessera_common::time::{Date, Timestamp};
use tessera_common::Msg;
use tessera_common::{AppError, Lang, MemberId};

pub const DEMO_DOMAIN: &str = "demo.tessera.test";
pub const OPERATOR_SLUG: &str = "platform";

#[derive(Clone, Debug)]
pub struct SeedOptions {
    /// Members per club.
    pub members_per_club: usize,
    /// Clubs beyond the three named demo clubs (for load tests).
    pub extra_clubs: usize,
    /// The number of clubs in all, instead of the three named ones plus `extra_clubs`:
    /// the named demo clubs first (as many as fit), then generated ones.
    pub clubs: Option<usize>,
    /// The password of every demo account; without it, no accounts are made.
    pub password: Option<String>,
}

/// An account the seed created, printed for the person running it.
#[derive(Clone, Debug)]
pub struct DemoAccount {
    pub email: String,
    pub description: String,
}

#[derive(Clone, Debug, Default)]
pub struct SeedReport {
    pub clubs: usize,
    pub members: usize,
    pub accounts: Vec<DemoAccount>,
}

/// splitmix64: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn ascii_fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => Some('a'),
            'ç' => Some('c'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ò' | 'ó' | 'ô' | 'ö' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

struct Household {
    family: &'static str,
    street: String,
    municipality: &'static Municipality,
}

fn household(rng: &mut Rng, near: &'static Municipality) -> Household {
    // Most members live in the club's own municipality, others anywhere in the same language area.
    let municipality = if rng.chance(60) {
        near
    } else {
        let same: Vec<&Municipality> = MUNICIPALITIES
            .iter()
            .filter(|m| m.lang == near.lang)
            .collect();
        same.get(rng.below(same.len())).copied().unwrap_or(near)
    };
    let streets: &[&str] = if municipality.lang == "nl" {
        &STREETS_NL
    } else {
        &STREETS_FR
    };
    let street = pick(streets, rng.below(streets.len()));
    let number = 1 + rng.below(180);
    let street = if municipality.lang == "nl" {
        format!("{street} {number}")
    } else {
        format!("{number} {street}")
    };
    Household {
        family: pick(&FAMILY_NAMES, rng.below(FAMILY_NAMES.len())),
        street,
        municipality,
    }
}

fn person(
    rng: &mut Rng,
    h: &Household,
    age_from: i32,
    age_to: i32,
    today: Date,
    seq: usize,
    club_slug: &str,
) -> NewMember {
    let female = rng.chance(50);
    let given = if female {
        pick(&GIVEN_NAMES_FEMALE, rng.below(GIVEN_NAMES_FEMALE.len()))
    } else {
        pick(&GIVEN_NAMES_MALE, rng.below(GIVEN_NAMES_MALE.len()))
    };
    let age = age_from + rng.below((age_to - age_from + 1).max(1) as usize) as i32;
    let month = 1 + rng.below(12) as u8;
    let day = 1 + rng.below(28) as u8;
    let birth = Date::new(today.year - age - 1, month, day).map(|d| {
        if d.age_on(today) > age {
            Date::new(d.year + 1, d.month, d.day).unwrap_or(d)
        } else {
            d
        }
    });
    let joined_years = rng.below((age - 4).clamp(1, 15) as usize) as i32;
    let joined = Date::new(
        today.year - joined_years,
        1 + rng.below(12) as u8,
        1 + rng.below(28) as u8,
    );
    let status = match rng.below(100) {
        0..=84 => MemberStatus::Active,
        85..=89 => MemberStatus::Applicant,
        90..=94 => MemberStatus::Suspended,
        _ => MemberStatus::Ended,
    };
    let email = (age >= 16).then(|| {
        format!(
            "{}.{}.{seq}@{}.{DEMO_DOMAIN}",
            ascii_fold(given),
            ascii_fold(h.family),
            club_slug
        )
    });
    let phone = (age >= 14).then(|| {
        format!(
            "+32 4{:02} {:02} {:02} {:02}",
            70 + rng.below(30),
            rng.below(100),
            rng.below(100),
            rng.below(100)
        )
    });
    NewMember {
        given_name: given.to_string(),
        family_name: h.family.to_string(),
        birth_date: birth.map(|d| d.to_string()),
        gender: Some(if female { "f" } else { "m" }.to_string()),
        email,
        phone,
        street: Some(h.street.clone()),
        postcode: Some(h.municipality.postcode.to_string()),
        city: Some(h.municipality.name.to_string()),
        membership_type: Some(membership_type(age, seq, h.municipality.lang).to_string()),
        season: Some(if status == MemberStatus::Ended {
            season_of(today.plus_years(-1))
        } else {
            season_of(today)
        }),
        status: Some(status),
        joined_on: joined.map(|d| d.to_string()),
    }
}

/// The season a day falls in: seasons start on 1 September.
fn season_of(d: Date) -> String {
    let start = if d.month >= 9 { d.year } else { d.year - 1 };
    format!("{start}-{}", start + 1)
}

/// A demo membership type in the household's language: youth under 18, then seven in ten
/// competitive and the others recreational.
fn membership_type(age: i32, seq: usize, lang: &str) -> &'static str {
    let fr = lang == "fr";
    match (age < 18, seq % 10 < 7, fr) {
        (true, _, false) => "Jeugd",
        (true, _, true) => "Jeunes",
        (false, true, false) => "Competitie",
        (false, true, true) => "Compétition",
        (false, false, false) => "Recreatie",
        (false, false, true) => "Loisir",
    }
}

/// A member file as a Belgian club would export it from Excel, for trying and measuring
/// the import: `rows` people (deterministic for a `seed`) with Dutch column names, `;`
/// between cells and dates written DD/MM/YYYY. Every e-mail address is distinct; a few
/// people may share a name and birth date by chance, which the import skips as duplicates.
pub fn import_csv(rows: usize, today: Date, seed: u64) -> String {
    let date = |d: &str| match Date::parse(d) {
        Some(d) => format!("{:02}/{:02}/{}", d.day, d.month, d.year),
        None => String::new(),
    };
    let mut rng = Rng(seed);
    let homes: Vec<&'static Municipality> = MUNICIPALITIES.iter().collect();
    // The `csv` writer quotes where needed. Writing into a Vec cannot fail, so a write
    // error (there is none) would only shorten the file.
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(rows * 160));
    let _ = w.write_record([
        "Voornaam",
        "Naam",
        "Geboortedatum",
        "Geslacht",
        "E-mail",
        "Telefoon",
        "Straat",
        "Postcode",
        "Gemeente",
        "Lidtype",
        "Seizoen",
        "Status",
        "Lid sinds",
        "Einddatum",
    ]);
    for seq in 0..rows {
        let home = homes.get(rng.below(homes.len())).copied();
        let Some(home) = home else { break };
        let h = household(&mut rng, home);
        let m = person(&mut rng, &h, 6, 75, today, seq, "import");
        let status = m.status.unwrap_or(MemberStatus::Active);
        let ended = if status == MemberStatus::Ended {
            // Ended today, or on the day they joined when that is later.
            let joined = m.joined_on.as_deref().and_then(Date::parse);
            date(&joined.map_or(today, |j| j.max(today)).to_string())
        } else {
            String::new()
        };
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let line = [
            m.given_name.clone(),
            m.family_name.clone(),
            date(m.birth_date.as_deref().unwrap_or("")),
            o(&m.gender),
            o(&m.email),
            o(&m.phone),
            o(&m.street),
            o(&m.postcode),
            o(&m.city),
            o(&m.membership_type),
            o(&m.season),
            status.as_str().to_string(),
            date(m.joined_on.as_deref().unwrap_or("")),
            ended,
        ];
        if w.write_record(&line).is_err() {
            break;
        }
    }
    w.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

/// Fills one club with `count` members, about a quarter of them in families of a guardian
/// and one to three minors. The records are made in memory and written with multi-row
/// statements in one transaction. Returns the first adult, to link a demo account to.
async fn fill_club(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    home: &'static Municipality,
    count: usize,
    seed: u64,
) -> Result<(usize, Option<MemberId>)> {
    let today = now.utc_date();
    let mut rng = Rng(seed);
    let mut people: Vec<NewMember> = Vec::with_capacity(count);
    // (guardian, child) as positions in `people`.
    let mut families: Vec<(usize, usize)> = Vec::new();
    let mut first_adult = None;
    let mut first_guardian = None;
    let slug = scope.tenant().slug.clone();
    while people.len() < count {
        let made = people.len();
        let h = household(&mut rng, home);
        if rng.chance(25) && count - made >= 2 {
            let guardian = person(&mut rng, &h, 32, 52, today, made, &slug);
            if first_guardian.is_none() && guardian.status == Some(MemberStatus::Active) {
                first_guardian = Some(made);
            }
            people.push(guardian);
            let kids = (1 + rng.below(3)).min(count - people.len());
            for _ in 0..kids {
                let child = person(&mut rng, &h, 6, 17, today, people.len(), &slug);
                families.push((made, people.len()));
                people.push(child);
            }
        } else {
            let m = person(&mut rng, &h, 18, 75, today, made, &slug);
            if first_adult.is_none() && m.status == Some(MemberStatus::Active) {
                first_adult = Some(made);
            }
            people.push(m);
        }
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let mut ids = Vec::with_capacity(people.len());
    for chunk in people.chunks(10_000) {
        ids.extend(members::insert_many(&mut tx, chunk).await?);
    }
    let links: Vec<(MemberId, MemberId)> =
        families.iter().map(|&(g, c)| (ids[g], ids[c])).collect();
    for chunk in links.chunks(10_000) {
        members::link_guardians(&mut tx, chunk).await?;
    }
    tx.commit().await?;
    // The demo member account belongs to a parent, so it shows the children too.
    let first = first_guardian.or(first_adult).map(|i| ids[i]);
    Ok((people.len(), first))
}

/// True when the demo federation exists already.
pub async fn is_seeded(db: &Db) -> Result<bool> {
    Ok(
        tenants::find_by_slug(db, TenantKind::Federation, DEMO_FEDERATION.0)
            .await?
            .is_some(),
    )
}

/// Creates demo accounts (when a password was given) and records them for the report.
struct Accounts<'a> {
    db: &'a Db,
    actor: &'a Actor,
    now: Timestamp,
    password: &'a Option<String>,
    made: Vec<DemoAccount>,
}

impl Accounts<'_> {
    async fn create(
        &mut self,
        local: &str,
        name: &str,
        description: String,
    ) -> Result<Option<tessera_common::IdentityId>> {
        let Some(password) = self.password else {
            return Ok(None);
        };
        let email = format!("{local}@{DEMO_DOMAIN}");
        let id = identities::create(
            self.db,
            self.actor,
            self.now,
            &email,
            name,
            Some(password.clone()),
        )
        .await?;
        self.made.push(DemoAccount { email, description });
        Ok(Some(id))
    }
}

/// Seeds the demo dataset. Refuses to run twice on the same database.
pub async fn seed_demo(db: &Db, now: Timestamp, opts: &SeedOptions) -> Result<SeedReport> {
    seed_demo_with(db, None, now, opts).await
}

/// [`seed_demo`], with the database as the role that owns the tables (`owner`, on
/// PostgreSQL the migration role), which refreshes the planner's statistics after the
/// bulk loads so the seed's own queries on what it loaded plan on real figures (see
/// [`Db::analyze`]). Without it those queries plan on whatever autovacuum saw last.
pub async fn seed_demo_with(
    db: &Db,
    owner: Option<&Db>,
    now: Timestamp,
    opts: &SeedOptions,
) -> Result<SeedReport> {
    if is_seeded(db).await? {
        return Err(AppError::Conflict(Msg::ErrSeeded.into()));
    }
    let actor = Actor::system("seed-demo");
    let mut report = SeedReport::default();
    let mut accounts = Accounts {
        db,
        actor: &actor,
        now,
        password: &opts.password,
        made: Vec::new(),
    };

    let operator = match tenants::operator_slug(db).await? {
        Some(slug) => tenants::find_by_slug(db, TenantKind::Operator, &slug)
            .await?
            .ok_or(AppError::NotFound)?,
        None => {
            tenants::create(
                db,
                &actor,
                now,
                NewTenant {
                    parent: None,
                    kind: TenantKind::Operator,
                    slug: OPERATOR_SLUG.into(),
                    name: "Tessera".into(),
                    city: None,
                    primary_color: "#1f4e79".into(),
                    accent_color: "#f2a900".into(),
                    default_lang: Lang::En,
                    plan: None,
                },
            )
            .await?
        }
    };
    let federation = tenants::create(
        db,
        &actor,
        now,
        NewTenant {
            parent: Some(operator.id),
            kind: TenantKind::Federation,
            slug: DEMO_FEDERATION.0.into(),
            name: DEMO_FEDERATION.1.into(),
            city: Some("Brussel".into()),
            primary_color: "#2b2d42".into(),
            accent_color: "#f25c54".into(),
            default_lang: Lang::Nl,
            plan: None,
        },
    )
    .await?;

    if let Some(id) = accounts
        .create("operator", "Olivia Operator", "platform operator".into())
        .await?
    {
        roles::grant_admin(
            db,
            &TenantScope::for_system_task(&crate::jobs::SystemTask::background(), operator.clone()),
            &actor,
            now,
            id,
        )
        .await?;
    }
    if let Some(id) = accounts
        .create(
            "federation",
            "Frank Federatie",
            format!("staff of {}", federation.name),
        )
        .await?
    {
        let scope = TenantScope::for_system_task(
            &crate::jobs::SystemTask::background(),
            federation.clone(),
        );
        let staff = roles::create(
            db,
            &scope,
            &actor,
            now,
            RoleInput {
                name: "Federation staff".into(),
                staff: true,
                permissions: [
                    tessera_common::modules::FEDERATION_CLUBS_VIEW,
                    tessera_common::modules::LICENCES_MANAGE,
                    tessera_common::modules::FEDERATION_PEOPLE,
                    tessera_common::modules::TRANSFERS_DECIDE,
                    tessera_common::modules::TEMPLATES_MANAGE,
                ]
                .iter()
                .map(|p| p.id().into())
                .collect(),
            },
        )
        .await?;
        let m = identities::add_membership(db, &scope, &actor, now, id, None).await?;
        roles::assign(db, &scope, &actor, now, m, &[staff]).await?;
    }
    // One person who is a member of two clubs: one identity, two memberships.
    let multi = accounts
        .create("multi", "Mila Meerclubs", "member of two clubs".into())
        .await?;

    let (named, extra) = match opts.clubs {
        Some(n) => (n.min(DEMO_CLUBS.len()), n.saturating_sub(DEMO_CLUBS.len())),
        None => (DEMO_CLUBS.len(), opts.extra_clubs),
    };
    let mut clubs: Vec<(NewTenant, &'static Municipality)> = Vec::new();
    for c in &DEMO_CLUBS[..named] {
        let home = c.home().unwrap_or(&MUNICIPALITIES[0]);
        clubs.push((
            NewTenant {
                parent: Some(federation.id),
                kind: TenantKind::Club,
                slug: c.slug.into(),
                name: c.name.into(),
                city: Some(home.name.into()),
                primary_color: c.primary.into(),
                accent_color: c.accent.into(),
                default_lang: Lang::parse(c.lang).unwrap_or_default(),
                plan: Some(c.plan.into()),
            },
            home,
        ));
    }
    let mut rng = Rng(0x7e55e7a);
    for i in 0..extra {
        let home = &MUNICIPALITIES[rng.below(MUNICIPALITIES.len())];
        let word = pick(&EXTRA_CLUB_WORDS, rng.below(EXTRA_CLUB_WORDS.len()));
        let sport = SPORTS[rng.below(SPORTS.len())];
        let name = format!("{word} {} {}", sport_name(sport, home.lang), home.name);
        clubs.push((
            NewTenant {
                parent: Some(federation.id),
                kind: TenantKind::Club,
                slug: format!("club-{}-{}", i + 1, ascii_fold(home.name)),
                name,
                city: Some(home.name.into()),
                primary_color: "#1f4e79".into(),
                accent_color: "#f2a900".into(),
                default_lang: Lang::parse(home.lang).unwrap_or_default(),
                plan: Some("standard".into()),
            },
            home,
        ));
    }

    // The clubs and their roles first, then their members: on PostgreSQL a few clubs at a
    // time (the database's work runs on every core); SQLite writes one at a time anyway.
    let mut made_clubs = Vec::with_capacity(clubs.len());
    for (new_club, home) in clubs {
        let club = tenants::create(db, &actor, now, new_club).await?;
        let scope =
            TenantScope::for_system_task(&crate::jobs::SystemTask::background(), club.clone());
        set_up_club(db, &scope, &actor, now).await?;
        made_clubs.push((club, scope, home));
    }
    let parallel = match db.backend() {
        crate::db::Backend::Postgres => 3,
        crate::db::Backend::Sqlite => 1,
    };
    // licences: the named clubs get the detailed demo licences, the others the bulk path.
    let named_ids: Vec<tessera_common::TenantId> = made_clubs
        .iter()
        .take(named)
        .map(|(c, _, _)| c.id)
        .collect();
    let mut firsts: Vec<Option<MemberId>> = vec![None; made_clubs.len()];
    let mut running = tokio::task::JoinSet::new();
    for (i, (_, scope, home)) in made_clubs.iter().enumerate() {
        if running.len() >= parallel {
            if let Some(done) = running.join_next().await {
                let (i, made, first): (usize, usize, Option<MemberId>) =
                    done.map_err(join_error)??;
                report.members += made;
                firsts[i] = first;
            }
        }
        let (db, scope, actor, home) = (db.clone(), scope.clone(), actor.clone(), *home);
        let count = opts.members_per_club;
        running.spawn(async move {
            let (made, first) =
                fill_club(&db, &scope, &actor, now, home, count, 1000 + i as u64).await?;
            retention::backdate_ended_members(&db, &scope, &actor, now).await?;
            Ok::<_, AppError>((i, made, first))
        });
    }
    while let Some(done) = running.join_next().await {
        let (i, made, first) = done.map_err(join_error)??;
        report.members += made;
        firsts[i] = first;
    }
    for (i, (club, scope, _)) in made_clubs.into_iter().enumerate() {
        let first_adult = firsts[i];
        report.clubs += 1;
        if i < DEMO_CLUBS.len() {
            let short = club
                .slug
                .split('-')
                .nth(1)
                .unwrap_or(&club.slug)
                .to_string();
            if let Some(id) = accounts
                .create(
                    &format!("admin.{short}"),
                    &format!("Admin {}", club.name),
                    format!("administrator of {}", club.name),
                )
                .await?
            {
                roles::grant_admin(db, &scope, &actor, now, id).await?;
            }
            if let Some(id) = accounts
                .create(
                    &format!("member.{short}"),
                    &format!("Lid {}", club.name),
                    format!("member of {}", club.name),
                )
                .await?
            {
                identities::add_membership(db, &scope, &actor, now, id, first_adult).await?;
            }
            consents::seed_consents(db, owner, &scope, now, first_adult).await?;
            // teams, age categories and a trainer limited to their team.
            let trainer = accounts
                .create(
                    &format!("trainer.{short}"),
                    &format!("Trainer {}", club.name),
                    format!("trainer of a team of {}, sees only that team", club.name),
                )
                .await?;
            groups::seed(db, &scope, &actor, now, trainer).await?;
            documents::seed(db, &scope, now).await?; // documents
            activities::seed(db, &scope, now, first_adult).await?; // activities
            if i < 2 {
                if let Some(id) = multi {
                    identities::add_membership(db, &scope, &actor, now, id, None).await?;
                }
            }
            if i == 0 {
                privacy_rights::seed(db, &scope, now).await?;
                dupes::seed(db, &scope, now).await?; // duplicates
            }
            mailings::seed(db, &scope, now).await?; // mailings
                                                    // seasons and fees (issue 20), in this order: invoices, bank statements, renewal.
            invoices::seed(db, &scope, now, first_adult).await?; // invoices
            reconcile::seed(db, &scope, now).await?; // bank statements (reconcile)
                                                     // reminders: step 1 recorded for a few of the invoices the statement left unpaid
            crate::invoices::reminders::seed_sent(db, &scope, now, 12).await?;
            renewal::seed(db, &scope, now, first_adult).await?; // renewal
        }
    }
    // federations (issue 18): one line per feature below, in this order: affiliation
    // terms, licences, transfers and reads, templates and usage.
    affiliations::seed(db, &federation, &operator, &actor, now).await?; // affiliations
    licences::seed(db, &federation, &named_ids, &actor, now).await?; // licences
    transfers::seed(db, &federation, now).await?; // xfer18: reads and transfers
    templates::seed(db, &federation, DEMO_CLUBS[0].slug, &actor, now).await?; // templates
                                                                              // dash18: the dashboard's counts, taken now so the federation's page shows them.
    crate::fedstats::refresh_all(db, &crate::jobs::SystemTask::background(), now).await?;
    breach::seed(db, &operator, DEMO_CLUBS[0].slug, &actor, now).await?;
    report.accounts = accounts.made;
    Ok(report)
}

fn join_error(e: tokio::task::JoinError) -> AppError {
    crate::error::internal(format!("seeding a club stopped: {e}"))
}

/// A new club's starting environment: the modules of its plan switched on (except
/// exports, which a club switches on when it needs it) and two roles of its own.
async fn set_up_club(db: &Db, scope: &TenantScope, actor: &Actor, now: Timestamp) -> Result<()> {
    let plan = scope.tenant().plan.clone();
    for module in [
        "audit",
        "forms",
        "groups",
        "activities",
        "mailings",
        "documents",
        "fees",
    ] {
        if plan.as_ref().is_some_and(|p| p.contains(module)) {
            module_settings::switch(db, scope, actor, now, module, true).await?;
        }
    }
    let forms = plan
        .as_ref()
        .is_some_and(|p| p.contains(crate::registration::MODULE));
    set_up_forms(db, scope, actor, now, forms).await?;
    let (secretary, trainer) = match scope.tenant().default_lang {
        Lang::Nl => ("Secretaris", "Trainer"),
        Lang::Fr => ("Secrétaire", "Entraîneur"),
        Lang::En => ("Secretary", "Coach"),
    };
    for (name, staff, permissions) in [
        (secretary, true, vec!["members.view", "members.edit"]),
        (trainer, false, vec!["members.view"]),
    ] {
        roles::create(
            db,
            scope,
            actor,
            now,
            RoleInput {
                name: name.into(),
                staff,
                permissions: permissions.into_iter().map(str::to_string).collect(),
            },
        )
        .await?;
    }
    Ok(())
}

/// Two fields of the club's own (a shirt size the member keeps, a bank account for staff)
/// and, with the forms module, a published registration form the club reviews.
async fn set_up_forms(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    with_form: bool,
) -> Result<()> {
    use tessera_common::dto::{FieldForm, RegFormInput};
    let nl = scope.tenant().default_lang == Lang::Nl;
    let (size, iban, title, intro, consent) = if nl {
        (
            "T-shirtmaat",
            "Rekeningnummer",
            "Word lid",
            "Schrijf je in bij de club. We bevestigen je inschrijving per mail.",
            "De club mag foto's van trainingen en wedstrijden publiceren.",
        )
    } else {
        (
            "Taille de t-shirt",
            "Numéro de compte",
            "Devenir membre",
            "Inscrivez-vous au club. Nous confirmons votre inscription par e-mail.",
            "Le club peut publier des photos des entraînements et des matchs.",
        )
    };
    let size_id = crate::members::custom_fields::create(
        db,
        scope,
        actor,
        now,
        &FieldForm {
            label: size.into(),
            kind: "choice".into(),
            options: "XS\nS\nM\nL\nXL".into(),
            visibility: "member".into(),
            member_editable: true,
            ..Default::default()
        },
    )
    .await?;
    crate::members::custom_fields::create(
        db,
        scope,
        actor,
        now,
        &FieldForm {
            label: iban.into(),
            kind: "iban".into(),
            visibility: "staff".into(),
            ..Default::default()
        },
    )
    .await?;
    if !with_form {
        return Ok(());
    }
    let mut fields = std::collections::BTreeMap::new();
    for (key, required) in [("birth_date", true), ("phone", false), ("city", true)] {
        fields.insert(key.to_string(), "on".to_string());
        if required {
            fields.insert(format!("req:{key}"), "on".to_string());
        }
    }
    fields.insert(format!("cf{size_id}"), "on".to_string());
    crate::registration::save_form(
        db,
        scope,
        actor,
        now,
        None,
        &RegFormInput {
            title: title.into(),
            slug: "word-lid".into(),
            intro: intro.into(),
            audience: "self".into(),
            fields,
            consent_text: consent.into(),
            auto_approve: false,
            published: true,
        },
        None,
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_colours_pass_the_contrast_check() {
        for c in DEMO_CLUBS {
            tenants::check_colors(c.primary, c.accent).unwrap();
        }
        tenants::check_colors("#2b2d42", "#f25c54").unwrap();
        tenants::check_colors("#1f4e79", "#f2a900").unwrap();
    }

    #[test]
    fn rng_is_deterministic() {
        let a: Vec<u64> = {
            let mut r = Rng(1);
            (0..5).map(|_| r.next()).collect()
        };
        let b: Vec<u64> = {
            let mut r = Rng(1);
            (0..5).map(|_| r.next()).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a[0], a[1]);
    }

    /// The demo for a fixed seed is what it was when the name lists moved from Rust to data
    /// files (and the CSV writer to the `csv` crate): same people, same addresses, same
    /// lists in the same order.
    #[test]
    #[allow(clippy::needless_borrow)]
    fn the_demo_for_a_fixed_seed_is_unchanged() {
        use sha2::{Digest, Sha256};
        let hex = |s: &str| -> String {
            Sha256::digest(s.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        };
        let today = Date::new(2026, 3, 14).unwrap();
        let csv = import_csv(3000, today, 42);
        fn d<T: std::fmt::Debug>(l: &[T]) -> String {
            format!("{l:?}")
        }
        let lists = [
            d(&GIVEN_NAMES_MALE),
            d(&GIVEN_NAMES_FEMALE),
            d(&FAMILY_NAMES),
            d(&MUNICIPALITIES),
            d(&STREETS_NL),
            d(&STREETS_FR),
            d(&EXTRA_CLUB_WORDS),
            d(&SPORTS),
        ]
        .concat();
        assert_eq!(
            hex(&csv),
            "3432e57f8a80a4b76c45a603e75eada5c79320a1fdc2d06e2cd999fe7c2f1202"
        );
        assert_eq!(
            hex(&lists),
            "e355cf8f6d04d4a9e2b52b7e5725e8e0e6c6a013cb8c56d4dd58bf5790eb1264"
        );
    }

    #[test]
    fn emails_fold_accents() {
        assert_eq!(ascii_fold("Théo Dupré-Ünal"), "theodupreunal");
    }
}
