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

fn name(m: &Module) -> &'static str {
    m.name.en
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
        .ok_or_else(|| AppError::field("module", "there is no such module"))?;
    if m.always_on {
        return Err(AppError::field(
            "module",
            format!("{} is always on", name(m)),
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
                format!(
                    "{} is not part of the club's plan ({}); ask for a plan that includes it",
                    name(m),
                    plan.map(|p| p.name.as_str()).unwrap_or("none")
                ),
            ));
        }
        let missing: Vec<&str> = m
            .needs
            .iter()
            .filter(|n| !active_now.iter().any(|a| a.id == **n))
            .filter_map(|n| Module::by_id(n).map(name))
            .collect();
        if !missing.is_empty() {
            return Err(AppError::field(
                "module",
                format!(
                    "{} needs {}; switch that on first",
                    name(m),
                    missing.join(" and ")
                ),
            ));
        }
        if !switched.iter().any(|s| s == m.id) {
            switched.push(m.id.to_string());
        }
    } else {
        let dependants: Vec<&str> = active_now
            .iter()
            .filter(|a| a.needs.contains(&m.id))
            .map(|a| name(a))
            .collect();
        if !dependants.is_empty() {
            return Err(AppError::field(
                "module",
                format!(
                    "{} needs {}; switch {} off first",
                    dependants.join(" and "),
                    name(m),
                    dependants.join(" and ")
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
                return Err(AppError::Conflict(
                    "someone changed this module's switch meanwhile; reload the page".into(),
                ));
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
