use leptos::prelude::*;

use crate::components::saved_copies::SavedCopies;
use crate::custom_policies::SavedPolicy;
use crate::i18n::use_i18n;
use crate::saved_copy::SavedCopy;
use crate::scenarios::EstimateForm;
use crate::state::use_app;

/// "My region's policy": saves the custom form's figures under a name and puts saved ones back,
/// with a hint where such figures are found.
#[component]
pub fn SavedPolicies(form: RwSignal<EstimateForm>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let (initial, problem) = SavedPolicy::load_all();
    if let Some(p) = problem {
        app.notices.problem(&p);
    }
    view! {
        <fieldset class="field" data-testid="saved-policies">
            <legend>{move || i.t("我的地区政策", "My region's policy")}</legend>
            <SavedCopies
                list=RwSignal::new(initial)
                form=form
                key="saved-policy"
                untitled="我的地区政策"
                hint=(
                    "把上面填写的参数存起来，下次直接使用。参数可在参保地医保局网站的待遇标准里找到，或拨打 12393 医保服务热线询问。",
                    "Save the figures above to reuse them. Find them in the benefit tables on the insured region's insurance office site, or ask the 12393 hotline.",
                )
                label=("名称", "Name")
                placeholder=("如：成都 职工 2025", "e.g. Chengdu employee 2025")
                save_label=("保存这些参数", "Save these figures")
                apply_label=("使用", "Use")
            />
        </fieldset>
    }
}
