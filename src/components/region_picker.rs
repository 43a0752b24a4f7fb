//! Pick a pooling region: province → city, or search by name. The value is the 6-digit code.

use leptos::prelude::*;
use yidi_core::region;

use crate::i18n::use_i18n;

#[component]
pub fn RegionPicker(
    /// Prefix for the ids of the inner controls.
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let i = use_i18n();
    let prov_id = format!("{id}-province");
    let city_id = format!("{id}-city");
    let search_id = format!("{id}-search");
    let err_id = format!("{id}-error");
    // The province shown: the chosen city's, or one picked without a city yet.
    let picked_province = RwSignal::new(String::new());
    // One look-up per change, not one per province's option.
    let province = Memo::new(move |_| {
        region::by_code(&value.get())
            .map(|r| r.province_code.to_owned())
            .unwrap_or_else(|| picked_province.get())
    });
    let query = RwSignal::new(String::new());
    let hits = move || {
        region::search(&query.get())
            .into_iter()
            .take(8)
            .collect::<Vec<_>>()
    };
    let chosen = move || {
        region::by_code(&value.get())
            .map(|r| {
                if r.code == r.province_code {
                    r.name.to_owned()
                } else {
                    format!("{} {}", r.province_name, r.name)
                }
            })
            .unwrap_or_default()
    };
    let invalid = move || {
        if error.get().is_some() {
            "true"
        } else {
            "false"
        }
    };
    let err_id2 = err_id.clone();
    let err_id3 = err_id.clone();
    view! {
        <fieldset class="field region" class:invalid=move || error.get().is_some()>
            <legend>{label}</legend>
            <div class="row2">
                <div>
                    <label for=prov_id.clone()>{move || i.t("省份", "Province")}</label>
                    <select
                        id=prov_id.clone()
                        aria-invalid=invalid
                        aria-describedby=err_id.clone()
                        on:change:target=move |ev| {
                            let p = ev.target().value();
                            picked_province.set(p.clone());
                            let cities = region::cities_of(&p);
                            // A municipality is its own pooling region: pick it at once.
                            if cities.len() == 1 {
                                on_change.run(cities[0].code.to_owned());
                            } else {
                                on_change.run(String::new());
                            }
                        }
                    >
                        <option value="" selected=move || province.with(String::is_empty)>
                            {move || i.t("请选择", "Choose")}
                        </option>
                        {region::provinces()
                            .iter()
                            .map(|p| {
                                let code = p.code;
                                view! {
                                    <option value=code selected=move || province.with(|p| p == code)>
                                        {p.name}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div>
                    <label for=city_id.clone()>{move || i.t("城市（统筹区）", "City")}</label>
                    <select
                        id=city_id.clone()
                        aria-invalid=invalid
                        aria-describedby=err_id2
                        disabled=move || province.with(String::is_empty)
                        on:change:target=move |ev| on_change.run(ev.target().value())
                    >
                        <option value="" selected=move || value.get().is_empty()>
                            {move || i.t("请选择", "Choose")}
                        </option>
                        {move || {
                            let current = value.get();
                            province.with(|p| region::cities_of(p))
                                .into_iter()
                                .map(|r| {
                                    let sel = r.code == current;
                                    view! {
                                        <option value=r.code selected=sel>
                                            {r.name}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
            </div>
            <label for=search_id.clone() class="sub">
                {move || i.t("或输入城市名搜索", "Or search by name")}
            </label>
            <input
                id=search_id
                type="search"
                autocomplete="off"
                placeholder=move || i.t("如：苏州", "e.g. 苏州")
                prop:value=move || query.get()
                on:input:target=move |ev| query.set(ev.target().value())
            />
            <Show when=move || !query.get().trim().is_empty()>
                <ul class="hits">
                    {move || {
                        let list = hits();
                        if list.is_empty() {
                            view! { <li class="muted">{i.t("没有找到", "No match")}</li> }
                                .into_any()
                        } else {
                            list.into_iter()
                                .map(|r| {
                                    let code = r.code;
                                    let text = if r.code == r.province_code {
                                        r.name.to_owned()
                                    } else {
                                        format!("{} {}", r.province_name, r.name)
                                    };
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class="link"
                                                on:click=move |_| {
                                                    on_change.run(code.to_owned());
                                                    query.set(String::new());
                                                }
                                            >
                                                {text}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }
                    }}
                </ul>
            </Show>
            <p class="chosen" aria-live="polite">
                {move || {
                    let c = chosen();
                    if c.is_empty() { String::new() } else { format!("{}{c}", i.t("已选：", "Chosen: ")) }
                }}
            </p>
            <p class="error" id=err_id3>{move || error.get()}</p>
        </fieldset>
    }
}

/// A [`RegionPicker`] bound to `value` that must be answered: once `attempted`, an empty choice
/// shows `missing`. The check and `/why` ask for both regions this way.
#[component]
pub fn RequiredRegion(
    /// Prefix for the ids of the inner controls.
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] attempted: Signal<bool>,
    missing: &'static str,
) -> impl IntoView {
    let error = Signal::derive(move || {
        (attempted.get() && value.get().is_empty()).then(|| missing.to_owned())
    });
    view! {
        <RegionPicker
            id=id
            label=label
            value=value
            on_change=Callback::new(move |v| value.set(v))
            error=error
        />
    }
}

/// One region question of a page: the id prefix of its picker, its label (zh, en), and what it
/// says when left unanswered.
pub type RegionQuestion = (&'static str, &'static str, &'static str, &'static str);

/// The two places every question about care away from home starts from — where the person is
/// insured and where they are treated — each a [`RequiredRegion`]; `questions` word them for the
/// page, `values` are (insured, treatment).
#[component]
pub fn InsuredAndTreated(
    questions: [RegionQuestion; 2],
    values: [RwSignal<String>; 2],
    #[prop(into)] attempted: Signal<bool>,
) -> impl IntoView {
    let i = use_i18n();
    questions
        .into_iter()
        .zip(values)
        .map(|((id, zh, en, missing), value)| {
            let label = Signal::derive(move || i.t(zh, en).to_owned());
            view! { <RequiredRegion id label value attempted missing /> }
        })
        .collect_view()
}
