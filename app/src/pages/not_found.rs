use crate::components::{ErrorView, PageFrame};
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use tessera_common::{AppError, Msg};

/// Any address the router does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::NotFoundTitle)/>
        <PageFrame>
            <ErrorView error=AppError::NotFound/>
        </PageFrame>
    }
}
