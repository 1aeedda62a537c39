//! Validation as you type: a form's island sends everything typed so far, and the server
//! answers with the messages its own rules give (the same functions a save runs, in
//! `tessera_core`), per input name. Nothing is stored, mailed or counted.

use leptos::prelude::*;
use tessera_common::dto::{FieldMessage, FormCheck};
use tessera_common::AppError;
#[cfg(feature = "ssr")]
use tessera_common::FieldError;

/// Checks a form as typed (`FormCheck::body`, URL-encoded as the form would post it) and
/// answers with the messages per input `name`, in `FormCheck::lang` (so the browser needs
/// no message table); an empty list when it would be accepted.
/// `member`: the staff form of a record (`members.edit`); `join`: a public registration
/// form (anyone, like `submit_registration`).
#[server(prefix = "/api", endpoint = "check_form")]
pub async fn check_form(
    #[server(flatten)] check: FormCheck,
) -> Result<Vec<FieldMessage>, AppError> {
    use std::collections::BTreeMap;
    use tessera_common::dto::MemberForm;
    let c = crate::ssr::ctx().await?;
    let unreadable = |_| AppError::bad_request(tessera_common::Msg::ErrRequestUnreadable);
    let qs = serde_qs::Config::new(5, false);
    let result = match check.kind.as_str() {
        "member" => {
            let scope = c.club(&check.club).await?;
            let form: MemberForm = qs.deserialize_str(&check.body).map_err(unreadable)?;
            tessera_core::members::check_input(&c.services.db, &scope, &form, c.now().utc_date())
                .await
                .map_err(|e| match e {
                    // The club's own fields are posted as `cf[c{id}]`.
                    AppError::Invalid(fields) => AppError::Invalid(
                        fields
                            .into_iter()
                            .map(|f| match f.field.strip_prefix("cf") {
                                Some(id) if id.bytes().all(|b| b.is_ascii_digit()) => FieldError {
                                    field: format!("cf[c{id}]"),
                                    problem: f.problem,
                                },
                                _ => f,
                            })
                            .collect(),
                    ),
                    other => other,
                })
        }
        "join" => {
            #[derive(serde::Deserialize, Default)]
            #[serde(default)]
            struct Join {
                email: String,
                consent: Option<String>,
                terms: Option<String>,
                f: BTreeMap<String, String>,
                purposes: Vec<String>,
            }
            let scope =
                tessera_core::scope::resolve_public(&c.services.db, &check.club, c.now()).await?;
            let join: Join = qs.deserialize_str(&check.body).map_err(unreadable)?;
            let s = tessera_core::registration::Submission {
                email: join.email,
                started: String::new(),
                website: String::new(),
                consent: join.consent.is_some(),
                purposes: join.purposes,
                terms: join.terms.is_some(),
                values: join.f,
                address: None,
            };
            tessera_core::registration::check(&c.services.db, &scope, c.now(), &check.form, &s)
                .await
                .map_err(|e| match e {
                    // A registration's values are posted as `f[…]`; the rest under their names.
                    AppError::Invalid(fields) => AppError::Invalid(
                        fields
                            .into_iter()
                            .map(|f| match f.field.as_str() {
                                "email" | "consent" | "terms" | "purposes" => f,
                                other => FieldError {
                                    field: format!("f[{other}]"),
                                    problem: f.problem,
                                },
                            })
                            .collect(),
                    ),
                    other => other,
                })
        }
        _ => return Err(AppError::NotFound),
    };
    let lang = tessera_common::Lang::parse(&check.lang).unwrap_or_default();
    match result {
        Ok(()) => Ok(Vec::new()),
        Err(AppError::Invalid(fields)) => Ok(fields
            .into_iter()
            .map(|f| FieldMessage {
                text: f.problem.render(lang),
                name: f.field,
            })
            .collect()),
        Err(e) => Err(e),
    }
}
