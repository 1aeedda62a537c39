//! A club's module switches: within its plan, an administrator switches modules on and off.
//! Switching off hides the module (its pages answer 404, its server functions refuse) and
//! keeps its data; switching on again brings it back.

use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::scope::{active_modules, Actor, TenantScope};
use tessera_common::dto::{ModuleSettings, ModuleState, Stamp, TenantKind};
use tessera_common::modules::{Module, SETTINGS_MANAGE};
use tessera_common::time::Timestamp;
use tessera_common::AppError;
use tessera_common::{Lang, Msg, Problem};

#[derive(sqlx::FromRow)]
struct SwitchRow {
    id: String,
    enabled: bool,
    version: i64,
    updated_at: i64,
    updated_by_name: Option<String>,
}

async fn switches(tx: &mut crate::db::TenantTx) -> Result<Vec<SwitchRow>> {
    tx.fetch_all(
        "SELECT id, enabled, version, updated_at, updated_by_name FROM tenant_modules WHERE tenant_id = $1",
        args![],
    )
    .await
}

/// The club's modules with their state, what the plan allows, and each switch's last change.
pub async fn settings(db: &Db, scope: &TenantScope) -> Result<ModuleSettings> {
    scope.require(SETTINGS_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows = switches(&mut tx).await?;
    tx.commit().await?;
    let plan = scope.tenant().plan.as_ref();
    Ok(ModuleSettings {
        plan: plan.map(|p| p.info()),
        modules: Module::of_kind(scope.kind())
            .map(|m| {
                let row = rows.iter().find(|r| r.id == m.id);
                ModuleState {
                    id: m.id.to_string(),
                    on: scope.module_active(m.id),
                    in_plan: m.always_on || plan.is_some_and(|p| p.contains(m.id)),
                    always_on: m.always_on,
                    stamp: row.map(|r| Stamp {
                        at: Timestamp(r.updated_at),
                        by: r.updated_by_name.clone(),
                    }),
                }
            })
            .collect(),
    })
}

/// Adds the names of `modules` as the argument `arg`, joined with "and" in each language.
fn names(p: Problem, arg: &str, modules: &[&Module]) -> Problem {
    let join = |lang: Lang| {
        let and = format!(" {} ", Msg::ErrAnd.text(lang));
        modules
            .iter()
            .map(|m| m.name.get(lang))
            .collect::<Vec<_>>()
            .join(&and)
    };
    let [en, nl, fr] = Lang::ALL.map(join);
    p.arg_words(arg, &en, &nl, &fr)
}

/// Switches a module on or off. On: it must be in the plan and what it needs must be on.
/// Off: nothing that is on may need it. Refusals say what to do instead.
pub async fn switch(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    module: &str,
    on: bool,
) -> Result<()> {
    scope.require(SETTINGS_MANAGE)?;
    let m = Module::by_id(module)
        .filter(|m| m.kind == TenantKind::Club && scope.kind() == TenantKind::Club)
        .ok_or_else(|| AppError::field("module", Msg::ErrNoSuchModule))?;
    if m.always_on {
        return Err(AppError::field(
            "module",
            names(Problem::new(Msg::ErrModuleAlwaysOn), "module", &[m]),
        ));
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let rows = switches(&mut tx).await?;
    let mut switched: Vec<String> = rows
        .iter()
        .filter(|r| r.enabled)
        .map(|r| r.id.clone())
        .collect();
    let plan = scope.tenant().plan.as_ref();
    let active_now = active_modules(scope.kind(), plan, &switched);
    if on {
        if !plan.is_some_and(|p| p.contains(m.id)) {
            return Err(AppError::field(
                "module",
                names(Problem::new(Msg::ErrModuleNotInPlan), "module", &[m]).arg_or(
                    "plan",
                    plan.map(|p| p.name.clone()),
                    Msg::ErrNoPlanName,
                ),
            ));
        }
        let missing: Vec<&Module> = m
            .needs
            .iter()
            .filter(|n| !active_now.iter().any(|a| a.id == **n))
            .filter_map(|n| Module::by_id(n))
            .collect();
        if !missing.is_empty() {
            return Err(AppError::field(
                "module",
                names(
                    names(Problem::new(Msg::ErrModuleNeeds), "module", &[m]),
                    "needed",
                    &missing,
                ),
            ));
        }
        if !switched.iter().any(|s| s == m.id) {
            switched.push(m.id.to_string());
        }
    } else {
        let dependants: Vec<&Module> = active_now
            .iter()
            .filter(|a| a.needs.contains(&m.id))
            .copied()
            .collect();
        if !dependants.is_empty() {
            return Err(AppError::field(
                "module",
                names(
                    names(Problem::new(Msg::ErrModuleNeededBy), "module", &[m]),
                    "dependants",
                    &dependants,
                ),
            ));
        }
    }
    match rows.iter().find(|r| r.id == m.id) {
        Some(r) if r.enabled == on => {
            tx.commit().await?;
            return Ok(());
        }
        Some(r) => {
            let n = tx.execute(
                "UPDATE tenant_modules SET enabled = $3, updated_at = $4, updated_by = $5, \
                 updated_by_name = $6, version = version + 1 WHERE tenant_id = $1 AND id = $2 AND version = $7",
                args![
                    m.id,
                    on,
                    now,
                    actor.identity,
                    actor.stamp_name(),
                    r.version
                ],
            )
            .await?;
            if n != 1 {
                return Err(AppError::Conflict(Msg::ErrModuleSwitchChanged.into()));
            }
        }
        None => {
            tx.insert(
                "tenant_modules",
                vec![("id", m.id.into()), ("enabled", on.into())],
            )
            .await?;
        }
    }
    tx.log(if on { "module_on" } else { "module_off" }, Some(m.id))
        .await?;
    tx.commit().await
}
