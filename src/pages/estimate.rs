use leptos::prelude::*;

#[component]
pub fn Estimate() -> impl IntoView {
    view! { <section class="page"><h1>"能报多少"</h1></section> }
}
