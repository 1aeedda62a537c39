//! Activities and attendance over HTTP (issue 19), on SQLite and PostgreSQL: the demo's
//! team leader marks attendance with plain form posts (no JavaScript) that return to the
//! list at the person's row; a parent reports an absence for their child (not for another
//! person's); a cancelled training refuses marks (409 with a message); hostile text is echoed
//! escaped; the private calendar feed answers by its token, and 404 once revoked or in
//! another club.

use super::*;
use tessera_core::scope::TenantScope;

async fn club_scope(s: &Server) -> TenantScope {
    let t = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&tessera_core::jobs::SystemTask::command_line(), t)
}

/// The demo's training of the team that holds the demo member account's child: its id,
/// group, a past date that was held and marked, a cancelled past date, the next date (with
/// absences reported), the one after, and the child.
pub(super) struct Demo {
    pub activity: i64,
    pub group: i64,
    pub past: String,
    pub cancelled: String,
    pub next: String,
    pub later: String,
    pub child: i64,
    pub linked: i64,
}

pub(super) async fn demo(s: &Server) -> Demo {
    let scope = club_scope(s).await;
    let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
    let (linked,): (i64,) = tx
        .fetch_one(
            "SELECT m.member_id FROM memberships m JOIN identities i ON i.id = m.identity_id \
             WHERE m.tenant_id = $1 AND i.email = $2",
            tessera_core::args![account("member.kempenvlug")],
        )
        .await
        .unwrap();
    let (activity, group, child): (i64, i64, i64) = tx
        .fetch_one(
            "SELECT a.id, a.group_id, gm.member_id FROM activities a \
             JOIN group_members gm ON gm.tenant_id = a.tenant_id AND gm.group_id = a.group_id \
             JOIN member_guardians g ON g.tenant_id = a.tenant_id AND g.child_id = gm.member_id \
             WHERE a.tenant_id = $1 AND a.kind = 'training' AND g.guardian_id = $2 \
             AND EXISTS (SELECT 1 FROM attendance t WHERE t.tenant_id = $1 AND t.activity_id = a.id) \
             AND EXISTS (SELECT 1 FROM activity_absences b WHERE b.tenant_id = $1 AND b.activity_id = a.id) \
             ORDER BY a.id, gm.member_id LIMIT 1",
            tessera_core::args![linked],
        )
        .await
        .unwrap();
    let (past,): (String,) = tx
        .fetch_one(
            "SELECT max(occ_date) FROM attendance WHERE tenant_id = $1 AND activity_id = $2",
            tessera_core::args![activity],
        )
        .await
        .unwrap();
    let (cancelled,): (String,) = tx
        .fetch_one(
            "SELECT occ_date FROM activity_exceptions WHERE tenant_id = $1 AND activity_id = $2 \
             AND cancelled = $3",
            tessera_core::args![activity, true],
        )
        .await
        .unwrap();
    let (next,): (String,) = tx
        .fetch_one(
            "SELECT min(occ_date) FROM activity_absences WHERE tenant_id = $1 AND activity_id = $2",
            tessera_core::args![activity],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let d = tessera_common::time::Date::parse(&next).unwrap();
    let later = tessera_common::time::Date::from_days(d.days_since_epoch() + 7).to_string();
    Demo {
        activity,
        group,
        past,
        cancelled,
        next,
        later,
        child,
        linked,
    }
}

/// The harness's placeholders of this feature.
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    let d = demo(s).await;
    vec![
        ("activity", d.activity.to_string()),
        ("act_group", d.group.to_string()),
        ("act_past", d.past.clone()),
        ("act_month", d.past[..7].to_string()),
        ("act_next", d.next.clone()),
        ("act_later", d.later.clone()),
        ("act_child", d.child.to_string()),
    ]
}

/// A form post as the browser sends it without JavaScript (it accepts HTML, so the server
/// function answers with a redirect).
async fn browser_post(c: &mut Client, endpoint: &str, from: &str, body: &str) -> Resp {
    let origin = c.origin();
    c.send(
        "POST",
        &format!("/api/{endpoint}"),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/html,application/xhtml+xml"),
            ("Origin", &origin),
            ("Referer", &format!("{origin}{from}")),
        ],
        body.as_bytes(),
    )
    .await
}

fn hostile() -> &'static str {
    "<script>alert(1)</script>\"'</textarea>"
}

fn enc(s: &str) -> String {
    tessera_app::components::urlencode(s)
}

#[tokio::test]
async fn a_leader_marks_with_one_post_per_tap_and_a_parent_reports_an_absence() {
    for s in servers().await {
        let d = demo(&s).await;
        let mut leader = Client::new(&s);
        leader.sign_in(&account("member.kempenvlug")).await;
        let page = format!("/c/{CLUB_A}/activities/{}/{}", d.activity, d.past);
        let r = leader.get(&page).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.body.contains("data-testid=\"attendance\""), "{}", r.body);
        assert!(r.body.contains(&format!("id=\"m{}\"", d.child)));
        // One tap: a plain form post (no JavaScript), back to the list at the row.
        let form = format!(
            "club={CLUB_A}&activity={}&date={}&member={}&mark=absent",
            d.activity, d.past, d.child
        );
        let r = browser_post(&mut leader, "mark_attendance", &page, &form).await;
        assert!(matches!(r.status, 302 | 303), "{}", r.body);
        let back = r.header("location").unwrap_or("").to_string();
        assert!(
            back.starts_with(&page) && back.ends_with(&format!("#m{}", d.child)),
            "{back}"
        );
        let r = leader.get(&page).await;
        let row = r
            .body
            .split(&format!("id=\"m{}\"", d.child))
            .nth(1)
            .unwrap()
            .split("</li>")
            .next()
            .unwrap()
            .to_string();
        // The chosen mark is pressed (and styled as chosen); the other two are not.
        let pressed: Vec<&str> = row
            .split("<button")
            .filter(|b| b.contains("aria-pressed=\"true\""))
            .collect();
        assert_eq!(pressed.len(), 1, "{row}");
        assert!(
            pressed[0].contains("data-testid=\"mark-absent\"")
                && pressed[0].contains("class=\"tap-absent on\""),
            "{row}"
        );
        // The same tap through the app's call (with JavaScript).
        let r = leader
            .call("mark_attendance", &form.replace("absent", "present"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        // A cancelled training refuses marks, with a message; nothing stored.
        let r = leader
            .call(
                "mark_attendance",
                &format!(
                    "club={CLUB_A}&activity={}&date={}&member={}&mark=present",
                    d.activity, d.cancelled, d.child
                ),
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        assert!(said(&r.body).contains("cancelled"), "{}", r.body);
        // A plain member of the club who leads nothing cannot mark.
        let mut other = Client::new(&s);
        other.sign_in(&account("multi")).await;
        let r = other.call("mark_attendance", &form).await;
        assert!(matches!(r.status, 403 | 404), "{}", r.body);

        // The parent reports their child absent, with hostile text: echoed escaped.
        let r = leader
            .call(
                "report_absence",
                &format!(
                    "club={CLUB_A}&activity={}&date={}&member={}&reason={}",
                    d.activity,
                    d.next,
                    d.child,
                    enc(hostile())
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = leader
            .get(&format!("/c/{CLUB_A}/activities/{}/{}", d.activity, d.next))
            .await;
        assert_eq!(r.status, 200);
        assert!(!r.body.contains(hostile()));
        assert!(r.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // Another person's child: not found, nothing stored.
        let scope = club_scope(&s).await;
        let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
        let (stranger,): (i64,) = tx
            .fetch_one(
                "SELECT gm.member_id FROM group_members gm WHERE gm.tenant_id = $1 \
                 AND gm.group_id = $2 AND gm.leader = $3 AND gm.member_id NOT IN \
                 (SELECT child_id FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $4) \
                 ORDER BY gm.member_id LIMIT 1",
                tessera_core::args![d.group, false, d.linked],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let r = leader
            .call(
                "report_absence",
                &format!(
                    "club={CLUB_A}&activity={}&date={}&member={stranger}&reason=x",
                    d.activity, d.next
                ),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        // A past training: too late.
        let r = leader
            .call(
                "report_absence",
                &format!(
                    "club={CLUB_A}&activity={}&date={}&member={}&reason=x",
                    d.activity, d.past, d.child
                ),
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        // A training without an end is refused, with the field named.
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let r = admin
            .call(
                "plan_activity",
                &format!(
                    "club={CLUB_A}&group={}&kind=training&title=T&weekly=on&first_date=2026-10-06&end_date=&start_time=19%3A00&duration_min=90",
                    d.group
                ),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(said(&r.body).contains("end date"), "{}", r.body);
        // Hostile title and place are escaped on the list.
        let r = admin
            .call(
                "plan_activity",
                &format!(
                    "club={CLUB_A}&group={}&kind=event&title={}&place={}&first_date={}&start_time=19%3A00&duration_min=60",
                    d.group,
                    enc(hostile()),
                    enc(hostile()),
                    d.next
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = admin.get(&format!("/c/{CLUB_A}/activities")).await;
        assert_eq!(r.status, 200);
        assert!(!r.body.contains(hostile()));
        assert!(r.body.contains("&lt;script&gt;"));
        // Figures: an SVG chart with a title and description, drawn on the server.
        let r = leader
            .get(&format!(
                "/c/{CLUB_A}/activities/figures?group={}&from=2026-01-01&to={}",
                d.group, d.past
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.body.contains("<svg") && r.body.contains("<title id=\"chart-title\">"));
        // Print sheets.
        let r = leader.get(&format!("{page}/print")).await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains("data-testid=\"print-sheet\""));
        let r = leader
            .get(&format!(
                "/c/{CLUB_A}/activities/sheet?group={}&month={}",
                d.group,
                &d.past[..7]
            ))
            .await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains("data-testid=\"month-sheet\""));
    }
}

#[tokio::test]
async fn the_calendar_feed_answers_by_its_token_and_not_once_revoked() {
    for s in servers().await {
        let d = demo(&s).await;
        let mut leader = Client::new(&s);
        leader.sign_in(&account("member.kempenvlug")).await;
        let cal = format!("/c/{CLUB_A}/calendar");
        let r = browser_post(
            &mut leader,
            "renew_feed",
            &cal,
            &format!("club={CLUB_A}&target={}", d.group),
        )
        .await;
        assert!(matches!(r.status, 302 | 303), "{}", r.body);
        let page = leader.get(&format!("/c/{CLUB_A}/calendar")).await;
        assert_eq!(page.status, 200);
        let url = page
            .body
            .split("data-testid=\"feed-url\">")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .expect("the new address, shown once")
            .to_string();
        let path = url.split(&s.addr.to_string()).nth(1).unwrap().to_string();
        assert!(path.starts_with(&format!("/c/{CLUB_A}/calendar/feed/")));
        // Shown once only.
        let again = leader.get(&format!("/c/{CLUB_A}/calendar")).await;
        assert!(!again.body.contains("data-testid=\"feed-url\""));
        // Without a session, by the token alone.
        let mut anon = Client::new(&s);
        let r = anon.get(&path).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r
            .header("content-type")
            .unwrap_or("")
            .starts_with("text/calendar"));
        assert!(r.body.starts_with("BEGIN:VCALENDAR"));
        assert!(r.body.contains("STATUS:CANCELLED"), "{}", r.body);
        assert!(r.body.contains("STATUS:CONFIRMED"));
        // The token is stored hashed only.
        let token = path.rsplit('/').next().unwrap().to_string();
        let scope = club_scope(&s).await;
        let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
        let (n,): (i64,) = tx
            .fetch_one(
                "SELECT count(*) FROM calendar_feeds WHERE tenant_id = $1 AND token_hash = $2",
                tessera_core::args![token.clone()],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(n, 0);
        // Another club's address with this token, a changed token: 404.
        let r = anon.get(&path.replace(CLUB_A, CLUB_B)).await;
        assert_eq!(r.status, 404);
        let mut bad = token.clone();
        bad.replace_range(0..1, if bad.starts_with('0') { "1" } else { "0" });
        let r = anon.get(&format!("/c/{CLUB_A}/calendar/feed/{bad}")).await;
        assert_eq!(r.status, 404);
        // Revoked: 404.
        let r = leader
            .call("revoke_feed", &format!("club={CLUB_A}&target={}", d.group))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(anon.get(&path).await.status, 404);
        // A parent who leads nothing has no group feed.
        let mut other = Client::new(&s);
        other.sign_in(&account("multi")).await;
        let r = other
            .call("renew_feed", &format!("club={CLUB_A}&target={}", d.group))
            .await;
        assert!(matches!(r.status, 403 | 404), "{}", r.body);
    }
}

/// A leader cancels a training and tells the group (a plain form post): the mail reaches the
/// guardian of the group's child through the real SMTP sink, with the reason as typed (text,
/// never markup); without the box ticked nobody is told.
#[tokio::test]
async fn cancelling_a_training_tells_the_group_by_mail() {
    for s in servers().await {
        let d = demo(&s).await;
        let scope = club_scope(&s).await;
        let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
        let (guardian,): (String,) = tx
            .fetch_one(
                "SELECT m.email FROM members m JOIN member_guardians g ON g.tenant_id = m.tenant_id \
                 AND g.guardian_id = m.id WHERE m.tenant_id = $1 AND g.child_id = $2 \
                 AND m.email IS NOT NULL ORDER BY m.id LIMIT 1",
                tessera_core::args![d.child],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut leader = Client::new(&s);
        leader.sign_in(&account("member.kempenvlug")).await;
        let page = format!("/c/{CLUB_A}/activities/{}/{}", d.activity, d.later);
        let r = leader.get(&page).await;
        assert!(
            r.body.contains("data-testid=\"cancel-notify\""),
            "{}",
            r.body
        );
        #[allow(
            clippy::disallowed_methods,
            reason = "mail files are told apart by their modification time, a wall-clock time"
        )]
        let since = std::time::SystemTime::now();
        let reason = "Hall closed <b>tonight</b> & \"flooded\"";
        let form = format!(
            "club={CLUB_A}&activity={}&date={}&action=cancel&reason={}&notify=on",
            d.activity,
            d.later,
            enc(reason)
        );
        let r = browser_post(&mut leader, "change_occurrence", &page, &form).await;
        assert!(matches!(r.status, 302 | 303), "{}", r.body);
        assert!(
            r.header("location").unwrap_or("").ends_with("?done=told"),
            "{:?}",
            r.header("location")
        );
        let mail = mail_to_since(&s.mail_dir, &guardian, since).await;
        assert!(
            mail.contains("Hall closed <b>tonight</b> & \"flooded\""),
            "{mail}"
        );
        if mail.contains("text/html") {
            assert!(mail.contains("&lt;b&gt;tonight&lt;/b&gt;"), "{mail}");
        }
        // Restored, then cancelled again without the box: no new mail.
        let restore = format!(
            "club={CLUB_A}&activity={}&date={}&action=restore",
            d.activity, d.later
        );
        let r = browser_post(&mut leader, "change_occurrence", &page, &restore).await;
        assert!(matches!(r.status, 302 | 303), "{}", r.body);
        #[allow(
            clippy::disallowed_methods,
            reason = "mail files are told apart by their modification time, a wall-clock time"
        )]
        let quiet = std::time::SystemTime::now();
        let r = browser_post(
            &mut leader,
            "change_occurrence",
            &page,
            &form.replace("&notify=on", ""),
        )
        .await;
        assert!(r
            .header("location")
            .unwrap_or("")
            .ends_with("?done=changed"));
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        let newer = std::fs::read_dir(&s.mail_dir)
            .unwrap()
            .flatten()
            .filter(|e| {
                e.metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t >= quiet)
            })
            .filter(|e| {
                std::fs::read_to_string(e.path())
                    .unwrap_or_default()
                    .contains(&guardian)
            })
            .count();
        assert_eq!(newer, 0);
    }
}
