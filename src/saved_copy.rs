//! What the estimate page's saved lists have in common: each keeps named copies of (part of)
//! the [`EstimateForm`] on this device, all copies of a kind in one list under one key (they are
//! few and small). The saved estimates ([`crate::scenarios::Scenario`]) copy the whole form,
//! "my region's policy" ([`crate::custom_policies::SavedPolicy`]) its custom figures; one
//! component lists both ([`crate::components::saved_copies::SavedCopies`]).

use crate::i18n::I18n;
use crate::scenarios::EstimateForm;
use crate::storage::{self, LoadProblem, SaveError, Versioned};

pub trait SavedCopy: Clone + Send + Sync + 'static
where
    Vec<Self>: Versioned,
{
    /// The local-storage key of the list.
    const KEY: &'static str;

    /// A new copy of `form`.
    fn copy(id: String, name: String, saved_at: f64, form: &EstimateForm) -> Self;
    /// Puts the copy back into the form.
    fn put_back(&self, form: &mut EstimateForm);

    /// How the copy is listed: its id, its name and a line under the name (in the language
    /// shown; read reactively).
    fn id(&self) -> &str;
    fn name(&self) -> &str;
    fn summary(&self, _i: I18n) -> Option<String> {
        None
    }

    /// The stored list: missing is empty; unreadable is empty too, with the problem to tell.
    fn load_all() -> (Vec<Self>, Option<LoadProblem>) {
        storage::load_list(Self::KEY)
    }

    fn save_all(list: &Vec<Self>) -> Result<(), SaveError> {
        storage::save(Self::KEY, list)
    }
}
