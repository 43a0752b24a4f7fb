//! zh-CN first, English second: a hand-written pair at each call site keeps the wasm small and
//! the Chinese text next to the code that shows it. Texts that come from `yidi_core` (rules,
//! errors, policy notes) are Chinese only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// The current language, from context.
#[derive(Clone, Copy)]
pub struct I18n(pub Signal<Lang>);

impl I18n {
    /// Picks the text for the current language; call it inside a reactive closure.
    pub fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        match self.0.get() {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn is_en(&self) -> bool {
        self.0.get() == Lang::En
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
