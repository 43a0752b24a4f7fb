use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::packs::use_packs;
use crate::policy_info::local_time;

/// Where a pack's figures come from: its id and version, the year in force, every source with
/// its tag (OFF / NEWS / 3P), year and address, and when the pack was last updated — in the app
/// (bundled) or on this device (downloaded from the server).
#[component]
pub fn PackProvenance(
    /// The pack's id; nothing is shown for `None`.
    #[prop(into)]
    id: Signal<Option<String>>,
) -> impl IntoView {
    let i = use_i18n();
    let packs = use_packs();
    move || {
        let id = id.get()?;
        let fetched = packs.fetched.with(|f| f.get(&id).copied());
        packs.set.with(|set| {
            let pack = set.by_id(&id)?;
            let updated = match fetched {
                Some(at) => format!(
                    "{}{}{}",
                    i.t("本机于 ", "Downloaded to this device "),
                    local_time(at),
                    i.t(" 从服务器更新", " from the server")
                ),
                None => format!(
                    "{}{}",
                    pack.updated(),
                    i.t("（随应用内置）", " (built into the app)")
                ),
            };
            Some(view! {
                <dl class="provenance small" data-testid="pack-provenance" data-version=pack.version().to_string()>
                    <dt>{i.t("政策包", "Policy pack")}</dt>
                    <dd data-testid="pack-id">{format!("{} · {} {}", pack.id(), i.t("版本", "version"), pack.version())}</dd>
                    <dt>{i.t("施行年份", "In force")}</dt>
                    <dd>{pack.effective().to_owned()}</dd>
                    <dt>{i.t("来源", "Sources")}</dt>
                    <dd>
                        <ul>
                            {pack.sources().values().map(|s| view! { <li>{s.tagged()}</li> }).collect_view()}
                        </ul>
                    </dd>
                    <dt>{i.t("最后更新", "Last updated")}</dt>
                    <dd data-testid="pack-updated">{updated}</dd>
                </dl>
            })
        })
    }
}
