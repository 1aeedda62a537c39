//! The demo's likely duplicates (issue 19), in the first demo club: a record of the
//! register typed a second time with one letter of the family name off, the same birth
//! date and no e-mail address, so the duplicate warning (on either record's page, and when
//! the person is added a third time) and the merge can be tried. A record without an
//! account or family is used, so no demo sign-in is touched.

use crate::db::Db;
use crate::error::Result;
use crate::members::{self, NewMember};
use crate::scope::{Actor, TenantScope};
use tessera_common::time::Timestamp;

/// Called by `seed_demo` for the first demo club, with the seed's scope of it.
pub(super) async fn seed(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<()> {
    let actor = Actor::system("seed-demo");
    // An adult of the register's first page (after its first rows, which people and tests
    // open first) with a birth date, no account, no family, no request on it.
    let mut original = None;
    for row in members::list(db, scope, "", 1)
        .await?
        .rows
        .into_iter()
        .skip(10)
    {
        let d = members::get(db, scope, row.id).await?;
        let adult = !members::is_minor(d.birth_date.as_deref(), scope.today(now));
        if d.birth_date.is_some()
            && adult
            && d.restricted_at.is_none()
            && !d.erased
            && !d.has_account
            && d.guardians.is_empty()
            && d.children.is_empty()
        {
            original = Some(d);
            break;
        }
    }
    let Some(o) = original else {
        return Ok(());
    };
    // One letter of the family name doubled ("Maes" → "Maees"): one edit apart.
    let mut family: Vec<char> = o.family_name.chars().collect();
    let at = family.len().saturating_sub(1);
    if let Some(c) = family.get(at.saturating_sub(1)).copied() {
        family.insert(at, c);
    }
    let copy = NewMember {
        given_name: o.given_name.clone(),
        family_name: family.into_iter().collect(),
        birth_date: o.birth_date.clone(),
        phone: o.phone.clone(),
        city: o.city.clone(),
        status: Some(tessera_common::dto::MemberStatus::Applicant),
        ..Default::default()
    };
    let mut tx = db.tenant_write(scope, &actor, now).await?;
    members::insert(&mut tx, &copy).await?;
    tx.commit().await
}
