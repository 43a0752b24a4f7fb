//! The policy packs the server serves: the core's bundled ones, plus the pack files of
//! `YIDI_PACKS_DIR` (api.md, "Policy packs from a directory"). Each file is read by the core's
//! strict reader at start; one invalid file stops the start with its name and every problem, so
//! a broken table is never half served. A pack whose id is built in replaces it only with a
//! higher `version`.

use std::path::Path;

use sha2::{Digest, Sha256};
use yidi_core::policy::{self, Added, PackSet, PolicyPack};

/// The packs and the list `GET /api/policies` answers with, serialised once.
#[derive(Debug)]
pub struct ServedPacks {
    set: PackSet,
    list: String,
    list_etag: String,
}

impl ServedPacks {
    pub fn new(set: PackSet) -> ServedPacks {
        let list = serde_json::to_string(&set.summaries()).unwrap_or_else(|_| "[]".to_owned());
        let list_etag = format!("\"{}\"", hex::encode(Sha256::digest(list.as_bytes())));
        ServedPacks {
            set,
            list,
            list_etag,
        }
    }

    /// The bundled packs only (no `YIDI_PACKS_DIR`).
    pub fn bundled() -> ServedPacks {
        ServedPacks::new(policy::bundled().clone())
    }

    pub fn by_id(&self, id: &str) -> Option<&PolicyPack> {
        self.set.by_id(id)
    }

    /// The summaries as JSON text, and its quoted ETag.
    pub fn list(&self) -> (&str, &str) {
        (&self.list, &self.list_etag)
    }
}

/// The bundled packs with the `*.json` files of `dir` over them (in file-name order). Errors
/// name the file and each problem's field, for the start-up message.
pub fn load_dir(dir: &Path) -> Result<PackSet, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("YIDI_PACKS_DIR {} 无法读取: {e}", dir.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    files.sort();
    let mut set = policy::bundled().clone();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("政策包 {} 无法读取: {e}", file.display()))?;
        let pack = PolicyPack::parse(&text).map_err(|problems| {
            let lines: Vec<String> = problems
                .iter()
                .map(|p| {
                    format!(
                        "  {}: {} ({})",
                        p.field.as_deref().unwrap_or("."),
                        p.message,
                        p.code
                    )
                })
                .collect();
            format!(
                "政策包 {} 无效 (invalid policy pack), {} 处问题:\n{}",
                file.display(),
                problems.len(),
                lines.join("\n")
            )
        })?;
        let id = pack.id().to_owned();
        let version = pack.version();
        match set.add(pack) {
            Added::New => tracing::info!(%id, version, file = %file.display(), "policy pack added"),
            Added::Replaced { previous } => {
                tracing::info!(%id, version, previous, file = %file.display(), "policy pack replaces an older version")
            }
            Added::Kept { held } => {
                tracing::warn!(%id, version, held, file = %file.display(), "policy pack ignored: a version at least as high is already held")
            }
        }
    }
    Ok(set)
}
