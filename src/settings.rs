//! The person's display preferences: language and 长辈模式 (large text, high contrast).

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::storage::Versioned;

pub const SETTINGS_KEY: &str = "yidi:settings";

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    /// 长辈模式
    pub elder: bool,
}

impl Versioned for Settings {
    const VERSION: u32 = 1;
}

/// Applies the settings to `<html>`: the `elder` class and the `lang` attribute. (index.html does
/// the same from local storage before the wasm loads, so there is no flash of small text.)
pub fn apply_to_document(s: Settings) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = root.class_list().toggle_with_force("elder", s.elder);
    let _ = root.set_attribute(
        "lang",
        match s.lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        },
    );
}
