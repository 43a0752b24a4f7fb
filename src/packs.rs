//! The policy packs the app estimates with: the bundled ones, with the server's newer packs over
//! them. When online, a conditional `GET /api/policies` (its `ETag`) says whether anything changed;
//! only packs this device lacks, or holds in a lower version, are fetched, each read by the core's
//! strict reader — a pack it refuses is never used, and the previous one stays. What was fetched is
//! kept in local storage (one versioned entry; an unreadable one is set aside, a full quota is
//! reported and the packs still serve this visit), so the next visit estimates with it offline.

use std::collections::BTreeMap;

use gloo_net::http::Request;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use yidi_core::policy::{self, Added, PackSet, PolicyPack};

use crate::state::AppState;
use crate::storage::{self, LoadProblem, Versioned};

pub const PACKS_KEY: &str = "yidi:packs";

/// What this device keeps: the server's packs as they came, and the list's `ETag`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CachedPacks {
    /// Set only once every pack of that list was taken (or refused), so a failed fetch is retried.
    #[serde(default)]
    pub list_etag: Option<String>,
    #[serde(default)]
    pub packs: Vec<CachedPack>,
}

/// One downloaded pack: its exact JSON and when it arrived (ms since the epoch).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedPack {
    pub json: String,
    pub fetched_at: f64,
}

impl Versioned for CachedPacks {
    const VERSION: u32 = 1;
}

/// The packs in use, in context.
#[derive(Clone, Copy)]
pub struct Packs {
    /// Bundled packs with the downloaded ones over them (a higher version wins).
    pub set: RwSignal<PackSet>,
    /// When each downloaded pack in use arrived, by id; bundled packs are absent.
    pub fetched: RwSignal<BTreeMap<String, f64>>,
}

pub fn use_packs() -> Packs {
    expect_context::<Packs>()
}

/// The bundled packs with those kept on this device over them. A kept pack the core no longer
/// accepts, or one the bundled packs have overtaken, is left out.
pub fn load_kept() -> (PackSet, BTreeMap<String, f64>, Option<LoadProblem>) {
    let (kept, problem) = match storage::load::<CachedPacks>(PACKS_KEY) {
        Ok(k) => (k.unwrap_or_default(), None),
        Err(p) => (CachedPacks::default(), Some(p)),
    };
    let mut set = policy::bundled().clone();
    let mut fetched = BTreeMap::new();
    for cached in kept.packs {
        if let Ok(pack) = PolicyPack::parse(&cached.json) {
            let id = pack.id().to_owned();
            if matches!(set.add(pack), Added::New | Added::Replaced { .. }) {
                fetched.insert(id, cached.fetched_at);
            }
        }
    }
    (set, fetched, problem)
}

/// Loads the kept packs, provides [`Packs`], and refreshes from the server whenever online.
pub fn provide_packs(app: AppState) -> Packs {
    let (set, fetched, problem) = load_kept();
    if let Some(p) = problem {
        app.notices.problem(&p);
    }
    let packs = Packs {
        set: RwSignal::new(set),
        fetched: RwSignal::new(fetched),
    };
    provide_context(packs);
    Effect::new(move |_| {
        if app.online.get() {
            leptos::task::spawn_local(refresh(packs, app));
        }
    });
    packs
}

/// A summary of `GET /api/policies`: what is needed to tell whether to fetch.
#[derive(Deserialize)]
struct Listed {
    id: String,
    version: u32,
}

/// `GET /api/policies` with `If-None-Match`: `None` when unchanged (304) or unreachable.
async fn fetch_list(etag: Option<&str>) -> Option<(Vec<Listed>, Option<String>)> {
    let mut request = Request::get("/api/policies");
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    let response = request.send().await.ok()?;
    if !response.ok() {
        return None;
    }
    let etag = response.headers().get("ETag");
    let list = response.json::<Vec<Listed>>().await.ok()?;
    Some((list, etag))
}

/// `GET /api/policies/{id}`: the pack's text.
async fn fetch_pack(id: &str) -> Option<String> {
    let response = Request::get(&format!("/api/policies/{id}"))
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}

/// Takes the server's newer packs; refuses any the core refuses, keeping the previous one.
async fn refresh(packs: Packs, app: AppState) {
    let kept = storage::load::<CachedPacks>(PACKS_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    let Some((list, etag)) = fetch_list(kept.list_etag.as_deref()).await else {
        return;
    };
    let mut complete = true;
    let mut changed = false;
    for listed in list {
        let held = packs
            .set
            .with_untracked(|s| s.by_id(&listed.id).map(PolicyPack::version));
        if held.is_some_and(|v| v >= listed.version) {
            continue;
        }
        let Some(text) = fetch_pack(&listed.id).await else {
            complete = false;
            continue;
        };
        match PolicyPack::parse(&text) {
            Ok(pack) if pack.id() == listed.id && held.is_none_or(|v| pack.version() > v) => {
                packs.set.update(|s| {
                    s.add(pack);
                });
                packs.fetched.update(|f| {
                    f.insert(listed.id.clone(), storage::now_ms());
                });
                changed = true;
            }
            _ => app.notices.push(
                format!(
                    "服务器提供的政策包 {} 没有通过检查，已拒绝，继续使用原来的版本。",
                    listed.id.chars().take(40).collect::<String>()
                ),
                true,
            ),
        }
    }
    if changed || (complete && kept.list_etag != etag) {
        let record = CachedPacks {
            list_etag: if complete { etag } else { None },
            packs: kept_now(packs),
        };
        if let Err(e) = storage::save(PACKS_KEY, &record) {
            app.notices.save_error(&e);
        }
    }
}

/// The downloaded packs in use, as they are kept.
fn kept_now(packs: Packs) -> Vec<CachedPack> {
    let fetched = packs.fetched.get_untracked();
    packs.set.with_untracked(|set| {
        set.iter()
            .filter_map(|p| {
                fetched.get(p.id()).map(|&at| CachedPack {
                    json: p.json_text().to_owned(),
                    fetched_at: at,
                })
            })
            .collect()
    })
}
