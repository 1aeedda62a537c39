//! Member documents and the everyday lists over HTTP, on SQLite and PostgreSQL:
//! the upload route (content check 400, size 413, its own body limit), the download
//! (attachment, nosniff, the checked type; another club's id 404; without documents.view
//! 403), hostile names echoed escaped, the print pages and birthdays on the club home.

use super::*;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

/// What the harness's fixture needs of this feature in club A: a kind no document uses
/// (`doc_kind`), a document (`document`) and a group with the first member in it (`group`).
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    use tessera_core::documents;
    let db = &s.db.db;
    let sys = tessera_core::scope::Actor::system("test");
    let now = s.shared.clock.now();
    let club = tessera_core::tenants::find_by_slug(db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    let scope = tessera_core::scope::TenantScope::for_system_task(
        &tessera_core::jobs::SystemTask::command_line(),
        club,
    );
    let spare = documents::add_kind(db, &scope, &sys, now, "Harness spare kind", false)
        .await
        .unwrap();
    let used = documents::add_kind(db, &scope, &sys, now, "Harness kind", false)
        .await
        .unwrap();
    let first = tessera_core::members::list(db, &scope, "", 1)
        .await
        .unwrap()
        .rows[0]
        .id;
    let document = documents::attach(
        db,
        &scope,
        &sys,
        now,
        documents::NewDocument {
            member: first,
            kind: used,
            file_name: "harness.pdf".into(),
            data: PDF.to_vec(),
            expires_on: String::new(),
        },
    )
    .await
    .unwrap();
    let (kind, group) = (tessera_core::ids::new_id(), tessera_core::ids::new_id());
    let mut tx = db.tenant_write(&scope, &sys, now).await.unwrap();
    tx.insert(
        "group_kinds",
        vec![
            ("id", kind.into()),
            ("name", "Harness print teams".into()),
            ("created_at", now.into()),
        ],
    )
    .await
    .unwrap();
    tx.insert(
        "club_groups",
        vec![
            ("id", group.into()),
            ("kind_id", kind.into()),
            ("name", "Harness U12".into()),
            ("created_at", now.into()),
        ],
    )
    .await
    .unwrap();
    tx.insert(
        "group_members",
        vec![
            ("id", tessera_core::ids::new_id().into()),
            ("group_id", group.into()),
            ("member_id", first.into()),
            ("from_date", "2000-01-01".into()),
            ("created_at", now.into()),
        ],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    vec![
        ("doc_kind", spare.to_string()),
        ("document", document.to_string()),
        ("print_group", group.to_string()),
    ]
}

/// A multipart form with the fields `kind`, `expires_on` and the file `file`.
async fn upload_document(
    c: &mut Client,
    club: &str,
    member: &str,
    kind: &str,
    expires_on: &str,
    file_name: &str,
    data: &[u8],
) -> Resp {
    let origin = c.origin();
    let boundary = "----tessera-documents-boundary";
    let mut body = Vec::new();
    for (name, value) in [("kind", kind), ("expires_on", expires_on)] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let ct = format!("multipart/form-data; boundary={boundary}");
    c.send(
        "POST",
        &format!("/c/{club}/members/{member}/documents"),
        &[
            ("Content-Type", &ct),
            ("Origin", &origin),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        &body,
    )
    .await
}

fn value_of<'a>(fixture: &'a Fixture, key: &str) -> &'a str {
    fixture
        .values
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
        .unwrap()
}

#[tokio::test]
async fn documents_are_checked_by_content_limited_and_served_only_to_their_club() {
    for s in servers().await {
        let fixture = Fixture::new(&s).await;
        let mut owner = Client::new(&s);
        owner.sign_in(&account("admin.kempenvlug")).await;
        let (member, _) = first_member(&mut owner).await;
        // A kind with a hostile name: stored as typed, shown escaped.
        let hostile = "<script>alert(1)</script>\"'</textarea>";
        let r = owner
            .call(
                "add_document_kind",
                &format!(
                    "club={CLUB_A}&name={}",
                    tessera_app::components::urlencode(hostile)
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let page = owner.get(&format!("/c/{CLUB_A}/documents")).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains(hostile), "kind name unescaped");
        assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        let kind = value_of(&fixture, "doc_kind").to_string();

        // A real PDF under a hostile name: attached, back to the member's page.
        let name = "'><img src=x onerror=alert(2)>.pdf";
        let r = upload_document(&mut owner, CLUB_A, &member, &kind, "2031-05-01", name, PDF).await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(
            r.header("location"),
            Some(format!("/c/{CLUB_A}/members/{member}?done=document").as_str())
        );
        let page = owner.get(&format!("/c/{CLUB_A}/members/{member}")).await;
        assert!(page.body.contains("data-testid=\"member-documents\""));
        assert!(!page.body.contains("<img src=x"), "file name unescaped");
        assert!(page.body.contains("&lt;img src=x onerror=alert(2)&gt;.pdf"));
        let id = page
            .body
            .split(&format!("/c/{CLUB_A}/documents/file/"))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_string();

        // The download: the checked type, an attachment with a safe name, nosniff.
        let r = owner.get(&format!("/c/{CLUB_A}/documents/file/{id}")).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("application/pdf"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        let disposition = r.header("content-disposition").unwrap();
        assert!(
            disposition.starts_with("attachment; filename=\""),
            "{disposition}"
        );
        assert!(!disposition.contains('<') && !disposition.contains("\"\""));
        assert!(r.header("cache-control").unwrap().contains("no-store"));
        assert!(r.body.starts_with("%PDF-"));

        // A text file named .pdf: 400 with the reason; nothing stored.
        let before = owner.get(&format!("/c/{CLUB_A}/members/{member}")).await;
        let rows = |b: &str| b.matches("data-testid=\"document-row\"").count();
        let r = upload_document(
            &mut owner,
            CLUB_A,
            &member,
            &kind,
            "",
            "certificate.pdf",
            b"<html><script>alert(3)</script></html>",
        )
        .await;
        assert_eq!(r.status, 400, "{}", r.body);
        // The member's page in the reader's language, the reason in it.
        assert!(
            [
                "named as a PDF file",
                "heet een PDF-bestand",
                "d'un fichier PDF"
            ]
            .iter()
            .any(|t| r.body.contains(t)),
            "{}",
            r.body
        );
        assert!(!r.body.contains("<script>alert(3)"));
        // wk19: the member's page again, the reason next to the upload form.
        assert!(
            r.body.contains("data-testid=\"attach-document\""),
            "{}",
            r.body
        );
        assert!(r.body.contains("id=\"doc-file-error\""), "{}", r.body);
        assert!(r.body.contains("data-testid=\"member-name\""), "{}", r.body);
        // One byte over the limit: 413 with the limit said.
        let mut big = PDF.to_vec();
        big.resize(tessera_core::documents::MAX_BYTES + 1, b' ');
        let r = upload_document(&mut owner, CLUB_A, &member, &kind, "", "big.pdf", &big).await;
        assert_eq!(r.status, 413, "{}", r.body);
        assert!(r.body.contains("5 MiB"), "{}", r.body);
        assert!(
            r.body.contains("data-testid=\"attach-document\""),
            "{}",
            r.body
        );
        // Far over the route's body limit: 413 from the limit itself, with a message.
        let mut huge = PDF.to_vec();
        huge.resize(tessera_core::documents::MAX_BYTES + 200 * 1024, b' ');
        let r = upload_document(&mut owner, CLUB_A, &member, &kind, "", "huge.pdf", &huge).await;
        assert_eq!(r.status, 413, "{}", r.body);
        assert!(r.body.contains("<h1"), "a readable page: {}", r.body);
        let after = owner.get(&format!("/c/{CLUB_A}/members/{member}")).await;
        assert_eq!(rows(&before.body), rows(&after.body), "nothing stored");
        // An impossible expiry date: 400, said per field.
        let r = upload_document(
            &mut owner,
            CLUB_A,
            &member,
            &kind,
            "2031-02-30",
            "a.pdf",
            PDF,
        )
        .await;
        assert_eq!(r.status, 400, "{}", r.body);

        // Another club's administrator: neither the file nor the upload exists for them,
        // through club A's address or their own.
        let mut other = Client::new(&s);
        other.sign_in(&account("admin.confluent")).await;
        let r = other.get(&format!("/c/{CLUB_A}/documents/file/{id}")).await;
        assert_eq!(r.status, 404);
        assert!(!r.body.contains("%PDF"));
        let r = other.get(&format!("/c/{CLUB_B}/documents/file/{id}")).await;
        assert_eq!(r.status, 404, "club A's document id in club B");
        assert!(!r.body.contains("%PDF"));
        let r = upload_document(&mut other, CLUB_A, &member, &kind, "", "a.pdf", PDF).await;
        assert_eq!(r.status, 404);
        let r = upload_document(&mut other, CLUB_B, &member, &kind, "", "a.pdf", PDF).await;
        assert_eq!(r.status, 404, "club A's member in club B: {}", r.body);
        let r = other
            .call("remove_document", &format!("club={CLUB_B}&id={id}"))
            .await;
        assert_eq!(r.status, 404);
        // A member of club A without documents.view: refused (403), no file.
        let mut plain = Client::new(&s);
        plain.sign_in(&account("member.kempenvlug")).await;
        let r = plain.get(&format!("/c/{CLUB_A}/documents/file/{id}")).await;
        assert_eq!(r.status, 403);
        assert!(!r.body.contains("%PDF"));
        let r = upload_document(&mut plain, CLUB_A, &member, &kind, "", "a.pdf", PDF).await;
        assert_eq!(r.status, 403);
        // Anonymous: to the sign-in, no file.
        let mut anon = Client::new(&s);
        let r = anon.get(&format!("/c/{CLUB_A}/documents/file/{id}")).await;
        assert!(!r.body.contains("%PDF"));
        assert_ne!(r.status, 200);

        // Removed: gone, and the club's log names who removed it.
        let r = owner
            .call("remove_document", &format!("club={CLUB_A}&id={id}"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = owner.get(&format!("/c/{CLUB_A}/documents/file/{id}")).await;
        assert_eq!(r.status, 404);
        let db = &s.db.db;
        let scope = tessera_core::scope::TenantScope::for_system_task(
            &tessera_core::jobs::SystemTask::command_line(),
            tessera_core::tenants::find_by_slug(db, TenantKind::Club, CLUB_A)
                .await
                .unwrap()
                .unwrap(),
        );
        let mut tx = db.tenant_read(&scope).await.unwrap();
        let removed: Vec<(Option<String>, Option<i64>)> = tx
            .fetch_all(
                "SELECT detail, identity_id FROM security_events WHERE tenant_id = $1 \
                 AND kind = 'document_removed'",
                vec![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(removed.len(), 1);
        assert!(removed[0]
            .0
            .as_deref()
            .unwrap()
            .contains("onerror=alert(2)"));
        assert!(removed[0].1.is_some(), "who removed it");
    }
}

#[tokio::test]
async fn print_pages_and_birthdays_follow_the_register_rights() {
    for s in servers().await {
        let fixture = Fixture::new(&s).await;
        let mut owner = Client::new(&s);
        owner.sign_in(&account("admin.kempenvlug")).await;
        let (member, a_name) = first_member(&mut owner).await;
        let group = value_of(&fixture, "print_group").to_string();
        let card = owner.get(&format!("/c/{CLUB_A}/lists/card/{member}")).await;
        assert_eq!(card.status, 200, "{}", card.body);
        assert!(card.body.contains("data-testid=\"member-card\""));
        assert!(card.body.contains(a_name.trim()), "{a_name}");
        let team = owner.get(&format!("/c/{CLUB_A}/lists/team/{group}")).await;
        assert_eq!(team.status, 200);
        assert!(team.body.contains("Harness U12"));
        assert_eq!(team.body.matches("data-testid=\"team-row\"").count(), 1);
        // Another club's group or member: not found.
        let mut other = Client::new(&s);
        other.sign_in(&account("admin.confluent")).await;
        let r = other.get(&format!("/c/{CLUB_B}/lists/team/{group}")).await;
        assert_eq!(r.status, 404);
        assert!(!r.body.contains("Harness U12"));
        let r = other.get(&format!("/c/{CLUB_B}/lists/card/{member}")).await;
        assert_eq!(r.status, 404);
        // The restricted record: refused with the reason.
        let restricted = value_of(&fixture, "restricted_member").to_string();
        let r = owner
            .get(&format!("/c/{CLUB_A}/lists/card/{restricted}"))
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        // Birthdays: on the home of those who see birth dates only.
        let home = owner.get(&format!("/c/{CLUB_A}")).await;
        assert!(home.body.contains("data-testid=\"birthdays\""));
        let mut plain = Client::new(&s);
        plain.sign_in(&account("member.kempenvlug")).await;
        let home = plain.get(&format!("/c/{CLUB_A}")).await;
        assert_eq!(home.status, 200);
        assert!(!home.body.contains("data-testid=\"birthdays\""));
        let r = plain.call("birthdays", &format!("club={CLUB_A}")).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.body.trim(), "null");
        let r = plain.get(&format!("/c/{CLUB_A}/lists/card/{member}")).await;
        assert_eq!(r.status, 403);
    }
}
