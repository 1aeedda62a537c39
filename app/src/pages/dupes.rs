//! Duplicate records (issue 19): the list of possible duplicates (on a new
//! record's refused save, on a member's page, for a registration's reviewer), the merge's
//! confirmation page `/c/{club}/members/{id}/merge/{other}`, the guardians of a minor
//! `/c/{club}/members/{id}/guardians` and the deletion's confirmation page
//! `/c/{club}/members/{id}/delete`. Plain forms posted to server functions.

use crate::api::{
    get_guardian_choice, get_member_duplicates, get_member_edit, get_merge_preview, DeleteMember,
    LinkGuardian, MergeMembers, UnlinkGuardian,
};
use crate::components::{form_error, query, ClubField, ErrorView, FormAlert, Loading, Notice};
use crate::pages::club::use_club;
use crate::pages::members::status_label;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::dto::MemberDetail;
use tessera_common::dupes::{Duplicate, DuplicateReason, GuardianChoice, MergePreview};
use tessera_common::{MemberId, Msg};

fn reason_label(r: DuplicateReason) -> &'static str {
    t(match r {
        DuplicateReason::Email => Msg::DupReasonEmail,
        DuplicateReason::NameAndBirthDate => Msg::DupReasonName,
        DuplicateReason::SimilarName => Msg::DupReasonSimilar,
    })
}

/// The possible duplicates, each a link to its record and, with `merge_into`, to the merge
/// of it into that record.
#[component]
pub fn DuplicateList(
    club: String,
    duplicates: Vec<Duplicate>,
    merge_into: Option<MemberId>,
) -> impl IntoView {
    let rows = duplicates
        .into_iter()
        .map(|d| {
            let href = format!("/c/{club}/members/{}", d.id);
            let merge = merge_into.map(|k| {
                let href = format!("/c/{club}/members/{k}/merge/{}", d.id);
                view! { <a href=href class="button-quiet" data-testid="merge-link">{t(Msg::DupMergeAction)}</a> }
            });
            view! {
                <li data-testid="duplicate">
                    <a href=href>{format!("{} {}", d.given_name, d.family_name)}</a>
                    " · " {d.birth_date.unwrap_or_default()}
                    " · " {d.email.unwrap_or_default()}
                    " · " <em>{reason_label(d.reason)}</em>
                    " " {merge}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="dup-title" data-testid="duplicates">
            <h2 id="dup-title">{t(Msg::DupTitle)}</h2>
            <p class="muted">{t(Msg::DupHelp)}</p>
            <ul class="plain">{rows}</ul>
        </section>
    }
}

/// A member page's card of possible duplicates (for those who may merge), with the links
/// to the guardians and the deletion pages.
#[component]
pub fn MemberDupesCard(club: String, member: MemberDetail) -> impl IntoView {
    let id = member.id;
    let c2 = club.clone();
    let data = Resource::new(
        move || (c2.clone(), id.to_string()),
        |(c, i)| get_member_duplicates(c, i),
    );
    let guardians = format!("/c/{club}/members/{id}/guardians");
    let delete = format!("/c/{club}/members/{id}/delete");
    let club2 = club.clone();
    view! {
        <Suspense fallback=Loading>
            {move || {
                let club = club2.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) if !d.is_empty() => view! {
                            <DuplicateList club=club duplicates=d merge_into=Some(id)/>
                        }.into_any(),
                        _ => ().into_any(),
                    }
                })
            }}
        </Suspense>
        <p>
            <a href=guardians data-testid="guardians-link">{t(Msg::DupGuardianManage)}</a>
            " · "
            <a href=delete data-testid="delete-link">{t(Msg::DupDeleteTitle)}</a>
        </p>
    }
}

fn field_value(m: &MemberDetail, f: &str) -> String {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    match f {
        "given_name" => m.given_name.clone(),
        "family_name" => m.family_name.clone(),
        "birth_date" => o(&m.birth_date),
        "gender" => o(&m.gender),
        "email" => o(&m.email),
        "phone" => o(&m.phone),
        "street" => o(&m.street),
        "postcode" => o(&m.postcode),
        "city" => o(&m.city),
        "status" => status_label(m.status).to_string(),
        "joined_on" => o(&m.joined_on),
        "ended_on" => o(&m.ended_on),
        "membership_type" => o(&m.membership_type),
        "season" => o(&m.season),
        _ => String::new(),
    }
}

fn field_label(f: &str) -> &'static str {
    t(match f {
        "given_name" => Msg::GivenName,
        "family_name" => Msg::FamilyName,
        "birth_date" => Msg::BirthDate,
        "gender" => Msg::Gender,
        "email" => Msg::Email,
        "phone" => Msg::Phone,
        "street" => Msg::Street,
        "postcode" => Msg::Postcode,
        "city" => Msg::City,
        "status" => Msg::Status,
        "joined_on" => Msg::JoinedOn,
        "ended_on" => Msg::EndedOn,
        "membership_type" => Msg::MembershipType,
        _ => Msg::Season,
    })
}

/// `/c/{club}/members/{id}/merge/{other}`: both records side by side; per field which
/// value stays; `id` stays, `other` goes.
#[component]
pub fn MergePage() -> impl IntoView {
    let club = use_club();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                club.get(),
                p.get("id").unwrap_or_default(),
                p.get("other").unwrap_or_default(),
            )
        },
        |(c, i, o)| get_merge_preview(c, i, o),
    );
    view! {
        <Title text=t(Msg::DupMergeTitle)/>
        <h1>{t(Msg::DupMergeTitle)}</h1>
        <FormAlert error=form_error("merge_members") id="merge-error"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <MergeBody preview=p club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MergeBody(preview: MergePreview, club: String) -> impl IntoView {
    let (k, r) = (preview.keep, preview.remove);
    let rows = tessera_common::dupes::MERGE_FIELDS
        .iter()
        .map(|f| {
            let (a, b) = (field_value(&k, f), field_value(&r, f));
            let name = format!("take[{f}]");
            // The kept value is chosen unless it is empty and the other one is not.
            let other = a.is_empty() && !b.is_empty();
            view! {
                <tr>
                    <th scope="row">{field_label(f)}</th>
                    <td><label><input type="radio" name=name.clone() value="keep" checked=!other/>" " {a}</label></td>
                    <td><label><input type="radio" name=name value="remove" checked=other data-testid=format!("take-{f}")/>" " {b}</label></td>
                </tr>
            }
        })
        .collect_view();
    let keep_href = format!("/c/{club}/members/{}", k.id);
    let remove_href = format!("/c/{club}/members/{}", r.id);
    view! {
        <p class="muted">{t(Msg::DupMergeHelp)}</p>
        {crate::components::read_only_notice()}
        <form method="post" action=MergeMembers::PATH class="stack" data-testid="merge-form">
            <ClubField club=club.clone()/>
            <input type="hidden" name="keep" value=k.id.to_string()/>
            <input type="hidden" name="remove" value=r.id.to_string()/>
            <input type="hidden" name="keep_version" value=k.version.to_string()/>
            <input type="hidden" name="remove_version" value=r.version.to_string()/>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::DupField)}</th>
                        <th scope="col"><a href=keep_href>{t(Msg::DupStays)} " #" {k.id.to_string()}</a></th>
                        <th scope="col"><a href=remove_href>{t(Msg::DupGoes)} " #" {r.id.to_string()}</a></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {crate::components::writable().then(|| view! {
                <div class="actions">
                    <button type="submit" class="button" data-testid="merge-submit">{t(Msg::DupMergeAction)}</button>
                </div>
            })}
        </form>
    }
}

/// `/c/{club}/members/{id}/delete`: what deleting the record does, and the button.
#[component]
pub fn DeleteMemberPage() -> impl IntoView {
    let club = use_club();
    let params = use_params_map();
    let data = Resource::new(
        move || (club.get(), params.read().get("id").unwrap_or_default()),
        |(c, id)| get_member_edit(c, id),
    );
    view! {
        <Title text=t(Msg::DupDeleteTitle)/>
        <h1>{t(Msg::DupDeleteTitle)}</h1>
        <FormAlert error=form_error("delete_member") id="delete-error"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(e) => {
                        let club = club.get_untracked();
                        let Some(m) = e.member else { return ().into_any() };
                        let back = format!("/c/{club}/members/{}", m.id);
                        view! {
                            <p><a href=back.clone()>"← " {format!("{} {}", m.given_name, m.family_name)}</a></p>
                            <p>{t(Msg::DupDeleteHelp)}</p>
                            {crate::components::writable().then(|| view! {
                            <form method="post" action=DeleteMember::PATH data-testid="delete-form">
                                <ClubField club=club.clone()/>
                                <input type="hidden" name="id" value=m.id.to_string()/>
                                <input type="hidden" name="version" value=m.version.to_string()/>
                                <button type="submit" class="button danger" data-testid="delete-submit">{t(Msg::DupDeleteConfirm)}</button>
                                " "
                                <a href=back class="button-quiet">{t(Msg::Cancel)}</a>
                            </form>
                            })}
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/c/{club}/members/{id}/guardians`: the guardians of a minor, unlinked one by one, and
/// the adults a search finds, linked one by one.
#[component]
pub fn GuardiansPage() -> impl IntoView {
    let club = use_club();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            (
                club.get(),
                params.read().get("id").unwrap_or_default(),
                query("q").unwrap_or_default(),
            )
        },
        |(c, id, q)| get_guardian_choice(c, id, q),
    );
    view! {
        <Title text=t(Msg::DupGuardiansTitle)/>
        <h1>{t(Msg::DupGuardiansTitle)}</h1>
        <FormAlert error=form_error("link_guardian").or_else(|| form_error("unlink_guardian")) id="guardian-error"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(g) => view! { <GuardiansBody choice=g club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GuardiansBody(choice: GuardianChoice, club: String) -> impl IntoView {
    let child = choice.child;
    let cid = child.id.to_string();
    let notice = query("done").map(|_| view! { <Notice text=t(Msg::Saved)/> });
    let back = format!("/c/{club}/members/{}", child.id);
    let current = if child.guardians.is_empty() {
        view! { <p class="muted">{t(Msg::DupNoGuardians)}</p> }.into_any()
    } else {
        child
            .guardians
            .iter()
            .map(|g| {
                let href = format!("/c/{club}/members/{}", g.id);
                view! {
                    <li data-testid="guardian">
                        <a href=href>{g.name.clone()}</a>
                        " "
                        <form method="post" action=UnlinkGuardian::PATH class="inline">
                            <ClubField club=club.clone()/>
                            <input type="hidden" name="id" value=cid.clone()/>
                            <input type="hidden" name="guardian" value=g.id.to_string()/>
                            <button type="submit" class="button-quiet">{t(Msg::DupGuardianRemove)}</button>
                        </form>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let candidates = (!choice.query.trim().is_empty()).then(|| {
        if choice.candidates.is_empty() {
            return view! { <p class="muted">{t(Msg::DupNoneFound)}</p> }.into_any();
        }
        let items = choice
            .candidates
            .iter()
            .map(|p| {
                view! {
                    <li data-testid="candidate">
                        {p.name.clone()} " "
                        <form method="post" action=LinkGuardian::PATH class="inline">
                            <ClubField club=club.clone()/>
                            <input type="hidden" name="id" value=cid.clone()/>
                            <input type="hidden" name="guardian" value=p.id.to_string()/>
                            <button type="submit" class="button">{t(Msg::DupGuardianAdd)}</button>
                        </form>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plain">{items}</ul> }.into_any()
    });
    let search = format!("/c/{club}/members/{}/guardians", child.id);
    view! {
        <p><a href=back>"← " {format!("{} {}", child.given_name, child.family_name)}</a></p>
        {notice}
        <section class="card">
            <ul class="plain">{current}</ul>
        </section>
        <section class="card">
            <form method="get" action=search class="stack" role="search">
                <label for="guardian-q">{t(Msg::DupGuardianSearch)}</label>
                <input id="guardian-q" name="q" type="search" maxlength="100" value=choice.query.clone()/>
                <button type="submit" class="button-quiet">{t(Msg::Search)}</button>
            </form>
            {candidates}
        </section>
    }
}
