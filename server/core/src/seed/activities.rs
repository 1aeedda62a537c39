//! The demo's activities (issue 19): for the club's teams (the groups the demo has; without
//! any, one team "U10" led by the demo member account's record, with their children and other
//! members), a season of weekly trainings with attendance marked for the past weeks, one
//! cancelled training, a match, and a few absences reported for the next training. Bulk
//! inserts: a few statements per group whatever the club's size.

use crate::db::{Db, Value};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{activities, args, ids};
use tessera_common::time::{Date, Timestamp};
use tessera_common::MemberId;

/// At most this many groups get trainings.
const GROUPS: usize = 6;
/// Members of the team made when the club has no groups.
const TEAM: i64 = 30;

pub(super) async fn seed(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    linked: Option<MemberId>,
) -> Result<()> {
    let sys = Actor::system("seed-demo");
    let today = scope.today(now);
    let day = |n: i64| Date::from_days(today.days_since_epoch() + n).to_string();
    let season_start = day(-70);
    let mut tx = db.tenant_write(scope, &sys, now).await?;
    let mut groups: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM club_groups WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY id",
            args![],
        )
        .await?;
    // Teams first: the groups with a leader (the demo's teams have their trainer; age
    // categories have none), so the trainings go where a trainer marks them.
    let led: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT DISTINCT group_id FROM group_members WHERE tenant_id = $1 AND leader = $2",
            args![true],
        )
        .await?;
    groups.sort_by_key(|(g,)| (!led.contains(&(*g,)), *g));
    // The demo parent helps coach the first team (a leader: marks attendance on a phone),
    // where their children train since the season began, so they also see marks and can
    // report an absence.
    if let (Some(l), Some((first_group,))) = (linked, groups.first().copied()) {
        let leads: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM group_members WHERE tenant_id = $1 AND group_id = $2 \
                 AND member_id = $3 AND leader = $4 AND to_date IS NULL",
                args![first_group, l.0, true],
            )
            .await?;
        if leads.is_none() {
            tx.insert(
                "group_members",
                vec![
                    ("id", ids::new_id().into()),
                    ("group_id", first_group.into()),
                    ("member_id", l.0.into()),
                    ("from_date", season_start.clone().into()),
                    ("leader", true.into()),
                    ("created_at", now.into()),
                ],
            )
            .await?;
        }
        let children: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT g.child_id FROM member_guardians g WHERE g.tenant_id = $1 AND g.guardian_id = $2 \
                 AND NOT EXISTS (SELECT 1 FROM group_members x WHERE x.tenant_id = $1 \
                 AND x.group_id = $3 AND x.member_id = g.child_id AND x.to_date IS NULL) ORDER BY g.child_id",
                args![l.0, first_group],
            )
            .await?;
        let rows = children
            .iter()
            .map(|(c,)| {
                vec![
                    ("id", ids::new_id().into()),
                    ("group_id", first_group.into()),
                    ("member_id", (*c).into()),
                    ("from_date", season_start.clone().into()),
                    ("created_at", now.into()),
                ]
            })
            .collect::<Vec<Vec<(&str, Value)>>>();
        if !rows.is_empty() {
            tx.insert_many("group_members", rows).await?;
        }
    }
    if groups.is_empty() {
        let kind = ids::new_id();
        tx.insert(
            "group_kinds",
            vec![
                ("id", kind.into()),
                ("name", "Teams".into()),
                ("created_at", now.into()),
            ],
        )
        .await?;
        let g = ids::new_id();
        tx.insert(
            "club_groups",
            vec![
                ("id", g.into()),
                ("kind_id", kind.into()),
                ("name", "U10".into()),
                ("created_at", now.into()),
            ],
        )
        .await?;
        let mut people: Vec<(i64, bool)> = Vec::new();
        if let Some(l) = linked {
            people.push((l.0, true));
            let kids: Vec<(i64,)> = tx
                .fetch_all(
                    "SELECT child_id FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2",
                    args![l],
                )
                .await?;
            people.extend(kids.into_iter().map(|(k,)| (k, false)));
        }
        let others: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT id FROM members WHERE tenant_id = $1 AND status = 'active' \
                 AND birth_date IS NOT NULL AND birth_date > $2 ORDER BY id LIMIT $3",
                args![day(-18 * 365), TEAM],
            )
            .await?;
        for (o,) in others {
            if !people.iter().any(|(p, _)| *p == o) {
                people.push((o, false));
            }
        }
        let rows = people
            .iter()
            .map(|(m, leader)| {
                vec![
                    ("id", ids::new_id().into()),
                    ("group_id", g.into()),
                    ("member_id", (*m).into()),
                    ("from_date", day(-120).into()),
                    ("leader", (*leader).into()),
                    ("created_at", now.into()),
                ]
            })
            .collect::<Vec<Vec<(&str, Value)>>>();
        tx.insert_many("group_members", rows).await?;
        groups.push((g,));
    }
    for (n, (g,)) in groups.into_iter().take(GROUPS).enumerate() {
        let a = ids::new_id();
        let first = Date::parse(&season_start).unwrap_or(today);
        let first = Date::from_days(first.days_since_epoch() + n as i64 % 5);
        let end = Date::from_days(today.days_since_epoch() + 200).to_string();
        tx.insert(
            "activities",
            vec![
                ("id", a.into()),
                ("group_id", g.into()),
                ("kind", "training".into()),
                ("title", "Training".into()),
                ("place", "Sporthal".into()),
                ("weekday", activities::weekday(first).into()),
                ("start_time", "18:30".into()),
                ("duration_min", 90i64.into()),
                ("first_date", first.to_string().into()),
                ("end_date", end.into()),
                ("created_at", now.into()),
            ],
        )
        .await?;
        let m = ids::new_id();
        tx.insert(
            "activities",
            vec![
                ("id", m.into()),
                ("group_id", g.into()),
                ("kind", "match".into()),
                ("title", "Match".into()),
                ("place", "Terrein 1".into()),
                ("weekday", Value::from(None::<i64>)),
                ("start_time", "10:00".into()),
                ("duration_min", 120i64.into()),
                ("first_date", day(9).into()),
                ("end_date", day(9).into()),
                ("created_at", now.into()),
            ],
        )
        .await?;
        // The weeks so far: the third one cancelled, the others marked.
        let dates: Vec<String> = (0..10)
            .map(|w| Date::from_days(first.days_since_epoch() + 7 * w))
            .filter(|d| *d < today)
            .map(|d| d.to_string())
            .collect();
        // The group's members today, each marked from the day they joined.
        let members: Vec<(i64, String)> = tx
            .fetch_all(
                "SELECT member_id, from_date FROM group_members WHERE tenant_id = $1 AND group_id = $2 \
                 AND leader = $3 AND from_date <= $4 AND (to_date IS NULL OR to_date >= $4) \
                 ORDER BY member_id LIMIT 60",
                args![g, false, today.to_string()],
            )
            .await?;
        let mut marks = Vec::new();
        for (i, d) in dates.iter().enumerate() {
            if i == 2 {
                tx.insert(
                    "activity_exceptions",
                    vec![
                        ("id", ids::new_id().into()),
                        ("activity_id", a.into()),
                        ("occ_date", d.clone().into()),
                        ("cancelled", true.into()),
                        ("reason", "Sporthal gesloten".into()),
                        ("created_at", now.into()),
                    ],
                )
                .await?;
                continue;
            }
            for (j, (mid, from)) in members.iter().enumerate() {
                if d < from {
                    continue;
                }
                let status = match (i * 7 + j * 3) % 10 {
                    0 => "absent",
                    1 => "excused",
                    _ => "present",
                };
                marks.push(vec![
                    ("id", ids::new_id().into()),
                    ("activity_id", a.into()),
                    ("occ_date", d.clone().into()),
                    ("member_id", (*mid).into()),
                    ("status", status.into()),
                    ("created_at", now.into()),
                ]);
            }
        }
        for chunk in marks.chunks(500) {
            tx.insert_many("attendance", chunk.to_vec()).await?;
        }
        // Absences reported for the next training.
        if let Some(next) = (0..40)
            .map(|w| Date::from_days(first.days_since_epoch() + 7 * w))
            .find(|d| *d >= today)
        {
            let reasons = ["Ziek", "Familiefeest", "Schoolreis"];
            let rows = members
                .iter()
                .skip(1)
                .take(3)
                .zip(reasons)
                .map(|((mid, _), r)| {
                    vec![
                        ("id", ids::new_id().into()),
                        ("activity_id", a.into()),
                        ("occ_date", next.to_string().into()),
                        ("member_id", (*mid).into()),
                        ("reason", r.into()),
                        ("created_at", now.into()),
                    ]
                })
                .collect::<Vec<Vec<(&str, Value)>>>();
            if !rows.is_empty() {
                tx.insert_many("activity_absences", rows).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}
