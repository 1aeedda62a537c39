//! `/c/{club}/fees/bank` (`fees.reconcile`): the treasurer imports a bank statement
//! (CAMT.053 or CODA, a multipart POST to `/c/{club}/fees/bank/import`), sees its lines
//! matched to invoices (paid, partly, overpaid, paid twice), works through the queue
//! (confirm a suggestion, assign by hand, set aside as not a fee, undo a match) and records
//! payments by hand. Plain forms: everything works without JavaScript.

use crate::api::{
    get_bank_overview, get_member_payments, AssignBankLine, ConfirmBankLine, RecordPayment,
    ReleaseBankLine, RemovePayment, SetAsideBankLine,
};
use crate::components::{
    day, field_message, form_error_of, query, query_error, ClubField, ErrorView, FieldError,
    FormAlert, Loading, Notice,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use tessera_common::money::{format_eur, iban_display, ogm_display};
use tessera_common::reconcile::*;
use tessera_common::time::DateStyle;
use tessera_common::{AppError, Lang, Msg};

/// `/c/{club}/fees/bank`.
#[component]
pub fn BankPage() -> impl IntoView {
    let club = use_club();
    let statement = query("statement").unwrap_or_default();
    let data = Resource::new(
        move || (club.get(), statement.clone()),
        |(c, s)| get_bank_overview(c, s),
    );
    view! {
        <Title text=t(Msg::BankTitle)/>
        <h1>{t(Msg::BankTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(o) => view! { <BankBody overview=o club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn state_text(state: &str) -> Msg {
    match state {
        "matched" => Msg::BankStateMatched,
        "suggested" => Msg::BankStateSuggested,
        "not_fee" => Msg::BankStateNotFee,
        "debit" => Msg::BankStateDebit,
        _ => Msg::BankStateUnmatched,
    }
}

fn outcome_text(outcome: &str) -> Msg {
    match outcome {
        "paid" => Msg::BankOutcomePaid,
        "partial" => Msg::BankOutcomePartial,
        "overpaid" => Msg::BankOutcomeOverpaid,
        _ => Msg::BankOutcomeDouble,
    }
}

fn invoice_text(i: &InvoiceRef, lang: Lang) -> String {
    format!(
        "{}-{} · {} · {} / {}",
        i.year,
        i.number,
        i.payer_name,
        format_eur(i.paid_cents, lang),
        format_eur(i.total_cents, lang)
    )
}

/// The lines of a statement or of the queue, each with the actions its state allows.
fn line_table(
    lines: Vec<BankLine>,
    club: &str,
    statement: &str,
    can_write: bool,
    testid: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let rows = lines
        .into_iter()
        .map(|l| {
            let id = l.id.to_string();
            let hidden = {
                let (club, id, statement) = (club.to_string(), id.clone(), statement.to_string());
                move || {
                    view! {
                        <ClubField club=club.clone()/>
                        <input type="hidden" name="id" value=id.clone()/>
                        <input type="hidden" name="statement" value=statement.clone()/>
                    }
                }
            };
            let waiting = matches!(l.state.as_str(), "suggested" | "unmatched");
            let confirm = (can_write && l.state == "suggested").then(|| {
                view! {
                    <form method="post" action=ConfirmBankLine::PATH class="inline">
                        {hidden()}
                        <button type="submit" class="button" data-testid="confirm-line">{t(Msg::BankConfirm)}</button>
                    </form>
                }
            });
            let assign = (can_write && waiting).then(|| {
                let input_id = format!("assign-{}", l.id);
                view! {
                    <form method="post" action=AssignBankLine::PATH class="inline" data-testid="assign-line">
                        {hidden()}
                        <label for=input_id.clone() class="visually-hidden">{t(Msg::BankAssignTo)}</label>
                        <input id=input_id name="invoice" maxlength="40" required=true
                            placeholder=t(Msg::BankAssignTo)/>
                        <button type="submit" class="button-quiet">{t(Msg::BankAssign)}</button>
                    </form>
                    <form method="post" action=SetAsideBankLine::PATH class="inline">
                        {hidden()}
                        <button type="submit" class="button-quiet" data-testid="set-aside-line">{t(Msg::BankSetAside)}</button>
                    </form>
                }
            });
            let release = (can_write && matches!(l.state.as_str(), "matched" | "not_fee")).then(|| {
                view! {
                    <form method="post" action=ReleaseBankLine::PATH class="inline">
                        {hidden()}
                        <button type="submit" class="button-quiet" data-testid="release-line">{t(Msg::BankRelease)}</button>
                    </form>
                }
            });
            let outcome = l.outcome.as_deref().map(|o| {
                let class = if o == "paid" { "badge" } else { "badge badge-ended" };
                view! { " " <span class=class data-testid="line-outcome">{t(outcome_text(o))}</span> }
            });
            let invalid = l.ogm_invalid.then(|| {
                view! { <br/><span class="form-error" data-testid="ogm-invalid">{t(Msg::BankOgmInvalid)}</span> }
            });
            let communication = match &l.ogm {
                Some(d) => ogm_display(d),
                None => l.communication.clone(),
            };
            let invoice = l.invoice.as_ref().map(|i| invoice_text(i, lang));
            view! {
                <tr data-testid="bank-line" data-state=l.state.clone()>
                    <td>{day(Some(l.booked_on.clone()), DateStyle::Short)}</td>
                    <td class="num">{format_eur(l.amount_cents, lang)}</td>
                    <td data-testid="line-payer">{l.counterparty_name.clone()}
                        <br/><span class="muted">{iban_display(&l.counterparty_iban)}</span></td>
                    <td data-testid="line-communication">{communication}{invalid}</td>
                    <td><span class="badge" data-testid="line-state">{t(state_text(&l.state))}</span>{outcome}</td>
                    <td data-testid="line-invoice">{invoice}</td>
                    <td>{confirm}{assign}{release}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t(Msg::BankTitle)>
            <table data-testid=testid>
                <thead><tr>
                    <th scope="col">{t(Msg::BankDay)}</th>
                    <th scope="col">{t(Msg::BankAmount)}</th>
                    <th scope="col">{t(Msg::BankPayer)}</th>
                    <th scope="col">{t(Msg::BankCommunication)}</th>
                    <th scope="col">{t(Msg::BankState)}</th>
                    <th scope="col">{t(Msg::BankInvoice)}</th>
                    <th scope="col"><span class="visually-hidden">{t(Msg::BankAssign)}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn BankBody(overview: BankOverview, club: String) -> impl IntoView {
    let lang = use_lang();
    let can_write = overview.can_write;
    let file_error = query_error("file_error").map(|e| {
        #[cfg(feature = "ssr")]
        crate::ssr::set_error_status(&e);
        let text = match &e {
            AppError::Invalid(v) => v
                .iter()
                .map(|f| f.problem.render(lang))
                .collect::<Vec<_>>()
                .join("; "),
            other => other.text(lang),
        };
        view! { <p id="file-error" class="form-error" role="alert" data-testid="file-error">{text}</p> }
    });
    let line_errors = [
        form_error_of::<ConfirmBankLine>(),
        form_error_of::<AssignBankLine>(),
        form_error_of::<SetAsideBankLine>(),
        form_error_of::<ReleaseBankLine>(),
    ]
    .into_iter()
    .flatten()
    .next();
    let assign_field = field_message(&line_errors, "invoice");
    let done = query("done");
    let statement_param = overview
        .statement
        .as_ref()
        .map(|(s, _)| s.id.to_string())
        .unwrap_or_default();
    let notice = match (done.as_deref(), &overview.statement) {
        (Some("imported"), Some((s, lines))) => {
            let count = |state: &str| {
                lines
                    .iter()
                    .filter(|l| l.state == state)
                    .count()
                    .to_string()
            };
            Some(Msg::BankImported.fill(
                lang,
                &[
                    ("new", &s.lines_new.to_string()),
                    ("total", &s.lines_total.to_string()),
                    ("matched", &count("matched")),
                    ("suggested", &count("suggested")),
                    ("unmatched", &count("unmatched")),
                ],
            ))
        }
        (Some("already"), _) => Some(t(Msg::BankAlready).to_string()),
        (Some("line") | Some("payment"), _) => Some(t(Msg::BankDone).to_string()),
        _ => None,
    }
    .map(|text| view! { <Notice text=text/> });
    let account = match &overview.iban {
        Some(i) => Msg::BankAccount.fill(lang, &[("iban", &iban_display(i))]),
        None => t(Msg::BankNoAccount).to_string(),
    };
    let upload = can_write.then(|| {
        let action = format!("/c/{club}/fees/bank/import");
        view! {
            <form method="post" action=action enctype="multipart/form-data" class="stack" data-testid="import-statement">
                <label for="statement-file">{t(Msg::BankFile)}</label>
                <input type="file" id="statement-file" name="file" required=true
                    accept=".xml,.cod,.coda,.txt,application/xml,text/xml,text/plain"
                    aria-invalid=file_error.is_some().then_some("true")
                    aria-describedby=file_error.is_some().then_some("file-error")/>
                <button type="submit" class="button">{t(Msg::BankImport)}</button>
            </form>
        }
    });
    let chosen = overview.statement.map(|(s, lines)| {
        let title = format!("{} · {}", s.file_name, s.reference);
        view! {
            <section class="card" aria-labelledby="statement-title" data-testid="statement">
                <h2 id="statement-title">{title}</h2>
                {line_table(lines, &club, &statement_param, can_write, "statement-lines")}
            </section>
        }
    });
    let queue = if overview.queue.is_empty() {
        view! { <p class="muted" data-testid="queue-empty">{t(Msg::BankQueueEmpty)}</p> }.into_any()
    } else {
        line_table(overview.queue, &club, &statement_param, can_write, "queue").into_any()
    };
    let statements = if overview.statements.is_empty() {
        view! { <p class="muted">{t(Msg::BankNoStatements)}</p> }.into_any()
    } else {
        let items = overview
            .statements
            .into_iter()
            .map(|s| {
                let href = format!("/c/{club}/fees/bank?statement={}", s.id);
                let lines = Msg::BankLines.fill(
                    lang,
                    &[("n", &s.lines_total.to_string()), ("new", &s.lines_new.to_string())],
                );
                let days = match (day(s.first_day, DateStyle::Short), day(s.last_day, DateStyle::Short)) {
                    (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
                    (Some(a), _) => a,
                    _ => String::new(),
                };
                view! {
                    <li data-testid="statement-row">
                        <a href=href>{s.file_name}</a> " "
                        <span class="muted">{s.format.to_uppercase()} " · " {days} " · " {lines}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plain">{items}</ul> }.into_any()
    };
    let pay_error = form_error_of::<RecordPayment>();
    let remove_error = form_error_of::<RemovePayment>();
    let fe = |f: &str| field_message(&pay_error, f);
    let (e_invoice, e_amount, e_day, e_method, e_note) = (
        fe("invoice"),
        fe("amount"),
        fe("paid_on"),
        fe("method"),
        fe("note"),
    );
    let manual_form = can_write.then(|| {
        view! {
            <form method="post" action=RecordPayment::PATH class="stack" data-testid="record-payment">
                <ClubField club=club.clone()/>
                <label for="pay-invoice">{t(Msg::BankAssignTo)}</label>
                <input id="pay-invoice" name="invoice" maxlength="40" required=true
                    aria-invalid=e_invoice.is_some().then_some("true")
                    aria-describedby=e_invoice.is_some().then_some("pay-invoice-error")/>
                <FieldError error=e_invoice id="pay-invoice-error"/>
                <label for="pay-amount">{t(Msg::BankAmount)}</label>
                <input id="pay-amount" name="amount" inputmode="decimal" maxlength="20" required=true
                    aria-invalid=e_amount.is_some().then_some("true")
                    aria-describedby=e_amount.is_some().then_some("pay-amount-error")/>
                <FieldError error=e_amount id="pay-amount-error"/>
                <label for="pay-day">{t(Msg::BankPaidOn)}</label>
                <input type="date" id="pay-day" name="paid_on" required=true
                    aria-invalid=e_day.is_some().then_some("true")
                    aria-describedby=e_day.is_some().then_some("pay-day-error")/>
                <FieldError error=e_day id="pay-day-error"/>
                <label for="pay-method">{t(Msg::BankMethod)}</label>
                <select id="pay-method" name="method">
                    <option value="cash">{t(Msg::BankMethodCash)}</option>
                    <option value="manual">{t(Msg::BankMethodManual)}</option>
                </select>
                <FieldError error=e_method id="pay-method-error"/>
                <label for="pay-note">{t(Msg::BankNote)}</label>
                <input id="pay-note" name="note" maxlength="200"/>
                <FieldError error=e_note id="pay-note-error"/>
                <button type="submit" class="button">{t(Msg::BankRecord)}</button>
            </form>
        }
    });
    let manual_list = overview
        .manual
        .into_iter()
        .map(|p| {
            let remove = can_write.then(|| {
                view! {
                    <form method="post" action=RemovePayment::PATH class="inline">
                        <ClubField club=club.clone()/>
                        <input type="hidden" name="id" value=p.id.to_string()/>
                        <button type="submit" class="button-quiet" data-testid="remove-payment">{t(Msg::BankRemove)}</button>
                    </form>
                }
            });
            let method = if p.method == "cash" { Msg::BankMethodCash } else { Msg::BankMethodManual };
            view! {
                <li data-testid="manual-payment">
                    {day(Some(p.paid_on.clone()), DateStyle::Short)} " · "
                    {format_eur(p.amount_cents, lang)} " · " {t(method)} " · "
                    {invoice_text(&p.invoice, lang)} " "
                    <span class="muted">{p.note.clone()}</span> " " {remove}
                </li>
            }
        })
        .collect_view();
    view! {
        {notice}
        <p class="muted">{t(Msg::BankIntro)}</p>
        <p data-testid="club-account">{account}</p>
        {file_error}
        {upload}
        {chosen}
        <section class="card" aria-labelledby="queue-title">
            <h2 id="queue-title">{t(Msg::BankQueue)}</h2>
            <FormAlert error=line_errors.clone() id="line-error"/>
            <FieldError error=assign_field id="assign-error"/>
            {queue}
        </section>
        <section class="card" aria-labelledby="statements-title">
            <h2 id="statements-title">{t(Msg::BankStatements)}</h2>
            {statements}
        </section>
        <section class="card" aria-labelledby="manual-title">
            <h2 id="manual-title">{t(Msg::BankManualTitle)}</h2>
            <p class="muted">{t(Msg::BankManualIntro)}</p>
            <FormAlert error=pay_error id="payment-error"/>
            <FormAlert error=remove_error id="remove-payment-error"/>
            <ul class="plain">{manual_list}</ul>
            {manual_form}
        </section>
    }
}

/// A member's invoices and payment status on their page; not there without `fees.view`
/// (or with fees off).
#[component]
pub fn MemberPaymentsCard(club: String, member: String) -> impl IntoView {
    let (club, member) = (StoredValue::new(club), StoredValue::new(member));
    let data = Resource::new(
        move || (club.get_value(), member.get_value()),
        |(c, m)| get_member_payments(c, m),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => {
                        let all = format!("/c/{}/fees/member/{}", club.get_value(), member.get_value());
                        view! { <MemberPaymentsBody payments=p all=all/> }.into_any()
                    }
                    Err(AppError::Forbidden | AppError::NotFound) => ().into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MemberPaymentsBody(payments: MemberPayments, all: String) -> impl IntoView {
    let lang = use_lang();
    let status = if payments.unpaid_this_season {
        view! { <p><span class="badge badge-ended" data-testid="payment-status">{t(Msg::FilterUnpaid)}</span></p> }.into_any()
    } else {
        ().into_any()
    };
    // reminders: the numbers of the invoices the reminders were sent for.
    let numbers: Vec<(i64, String)> = payments
        .invoices
        .iter()
        .map(|i| (i.id, format!("{}-{}", i.year, i.number)))
        .collect();
    let reminders = payments.reminders.clone();
    let rows = payments
        .invoices
        .into_iter()
        .map(|i| {
            let state = match i.status.as_str() {
                "paid" => t(Msg::BankOutcomePaid),
                "partial" => t(Msg::BankOutcomePartial),
                "overpaid" => t(Msg::BankOutcomeOverpaid),
                "open" => t(Msg::BankStatusOpen),
                _ => t(Msg::BankStatusClosed),
            };
            view! {
                <tr data-testid="member-invoice" data-status=i.status.clone()>
                    <td>{format!("{}-{}", i.year, i.number)}</td>
                    <td>{ogm_display(&i.communication)}</td>
                    <td class="num">{format_eur(i.paid_cents, lang)} " / " {format_eur(i.total_cents, lang)}</td>
                    <td>{day(Some(i.due_on.clone()), DateStyle::Short)}</td>
                    <td>{state}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" data-testid="member-payments">
            <h2 id="member-payments-title">{t(Msg::BankMemberTitle)}</h2>
            {status}
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="member-payments-title">
                <table>
                    <thead><tr>
                        <th scope="col">{t(Msg::BankInvoice)}</th>
                        <th scope="col">{t(Msg::BankCommunication)}</th>
                        <th scope="col">{t(Msg::BankAmount)}</th>
                        <th scope="col">{t(Msg::BankDue)}</th>
                        <th scope="col">{t(Msg::BankState)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p><a href=all data-testid="member-invoices-link">{t(Msg::InvMemberLink)}</a></p>
            <crate::pages::reminders::MemberReminders reminders=reminders numbers=numbers/>
        </section>
    }
}
