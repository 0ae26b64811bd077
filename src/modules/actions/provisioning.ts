/**
 * Provisioning: the tenant's distributors, and the services (components) and installed items a
 * subscription's `amend_services` action adds and removes across them.
 */
import type { Temporal } from "temporal-polyfill";
import type { AmendServicesInput } from "../../domain/actions/actions.js";
import { conflict, isAccrueError, unprocessable } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { type Ctx, dateOf } from "../context.js";
import {
  type ContractRow,
  findRunningComponentSubscription,
  setComponentQuantity,
  validateCartComponents,
} from "../contracts/index.js";
import {
  type DistributorRow,
  deleteServiceDistributions,
  distributorsOfService,
  existingDistributorIds,
  findDistributorIdByNameOrCode,
  findInstalledItemBySerial,
  insertDistributor,
  insertInstalledItem,
  insertServiceDistributions,
  listDistributorRows,
  removeInstalledItem,
} from "./provisioning.repository.js";

export type Distributor = {
  id: string;
  name: string;
  alternative_code: string | null;
  created_at: string;
};

const toDistributor = (r: DistributorRow): Distributor => ({
  id: r.id,
  name: r.name,
  alternative_code: r.alternative_code,
  created_at: r.created_at.toISOString(),
});

/** Creates a provisioning distributor; its name and alternative code are unique per tenant. */
export async function createDistributor(
  ctx: Ctx,
  input: { name: string; alternative_code?: string | undefined },
): Promise<Distributor> {
  const taken = await findDistributorIdByNameOrCode(
    ctx.db,
    ctx.tenantId,
    input.name,
    input.alternative_code,
  );
  if (taken) {
    throw conflict("distributor_exists", "a distributor with this name or code exists", {
      id: taken,
    });
  }
  const now = dateOf(ctx.clock.now());
  const row = await insertDistributor(ctx.db, {
    id: newId("distributor"),
    tenant_id: ctx.tenantId,
    name: input.name,
    alternative_code: input.alternative_code ?? null,
    created_at: now,
  });
  const distributor = toDistributor(row);
  ctx.audit({ targetType: "provisioning_distributor", targetId: row.id, after: distributor });
  await ctx.emit({
    type: "provisioning_distributor.created",
    subjectType: "provisioning_distributor",
    subjectId: row.id,
    payload: distributor,
  });
  return distributor;
}

/** The tenant's provisioning distributors. */
export async function listDistributors(ctx: Ctx): Promise<Distributor[]> {
  return (await listDistributorRows(ctx.db, ctx.tenantId)).map(toDistributor);
}

async function distributorIds(ctx: Ctx, ids: readonly string[], field: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const known = new Set(await existingDistributorIds(ctx.db, ctx.tenantId, ids));
  const unknown = ids.find((id) => !known.has(id));
  if (unknown) {
    throw unprocessable("unknown_distributor", `no provisioning distributor ${unknown}`, { field });
  }
  return [...new Set(ids)];
}

/**
 * Adds and removes services (components) and installed items across provisioning distributors
 * from `from` on. A service added that the contract does not have starts at `from` (quantity 1
 * unless told); a service removed from every distributor that carried it — or removed without
 * naming distributors — ends at `from`.
 */
export async function amendServices(
  ctx: Ctx,
  contract: ContractRow,
  input: AmendServicesInput,
  from: Temporal.Instant,
  at: Temporal.Instant,
): Promise<unknown[]> {
  const effects: unknown[] = [];
  const fromDate = dateOf(from);
  const running = (componentId: string) =>
    findRunningComponentSubscription(ctx.db, ctx.tenantId, contract.id, componentId, fromDate);
  const distributionsOf = (componentId: string) =>
    distributorsOfService(ctx.db, contract.id, componentId);

  for (const [i, remove] of (input.services_to_remove ?? []).entries()) {
    const field = `services_to_remove.${i}`;
    const current = await running(remove.component_id);
    if (!current) {
      throw unprocessable(
        "service_not_on_subscription",
        `service ${remove.component_id} is not on the subscription`,
        { field: `${field}.component_id` },
      );
    }
    const carried = await distributionsOf(remove.component_id);
    const named =
      remove.distributor_ids === undefined
        ? carried
        : await distributorIds(ctx, remove.distributor_ids, `${field}.distributor_ids`);
    const missing = named.find((d) => !carried.includes(d));
    if (missing) {
      throw unprocessable(
        "service_not_distributed",
        `service ${remove.component_id} is not distributed by ${missing}`,
        { field: `${field}.distributor_ids` },
      );
    }
    if (named.length > 0) {
      await deleteServiceDistributions(ctx.db, contract.id, remove.component_id, named);
    }
    const left = carried.filter((d) => !named.includes(d));
    if (left.length === 0) {
      await setComponentQuantity(
        ctx,
        contract,
        { component_id: remove.component_id, quantity: "0" },
        from,
      );
      effects.push({
        type: "remove_service",
        component_id: remove.component_id,
        end_date: from.toString(),
      });
    } else {
      effects.push({
        type: "undistribute_service",
        component_id: remove.component_id,
        distributor_ids: named,
      });
    }
  }

  for (const [i, add] of (input.services_to_add ?? []).entries()) {
    const field = `services_to_add.${i}`;
    const [checked] = await validateCartComponents(
      ctx,
      contract.plan_group_id,
      [{ component_id: add.component_id, quantity: add.quantity ?? "1" }],
      "change",
    ).catch((error: unknown) => {
      if (isAccrueError(error)) {
        throw unprocessable(error.code, error.message, { field: `${field}.component_id` });
      }
      throw error;
    });
    const ids = await distributorIds(ctx, add.distributor_ids ?? [], `${field}.distributor_ids`);
    const current = await running(checked!.component_id);
    if (!current) {
      await setComponentQuantity(ctx, contract, checked!, from);
      effects.push({
        type: "add_service",
        component_id: checked!.component_id,
        quantity: checked!.quantity,
        start_date: from.toString(),
      });
    }
    const carried = await distributionsOf(checked!.component_id);
    const fresh = ids.filter((d) => !carried.includes(d));
    if (current && fresh.length === 0) {
      throw unprocessable(
        "service_already_on_subscription",
        `service ${add.component_id} is already on the subscription${ids.length ? " with these distributors" : ""}`,
        { field: `${field}.component_id` },
      );
    }
    if (fresh.length > 0) {
      await insertServiceDistributions(
        ctx.db,
        ctx.tenantId,
        contract.id,
        checked!.component_id,
        fresh,
      );
      effects.push({
        type: "distribute_service",
        component_id: checked!.component_id,
        distributor_ids: fresh,
      });
    }
  }

  for (const [i, item] of (input.installed_items_to_remove ?? []).entries()) {
    const removed = await removeInstalledItem(
      ctx.db,
      ctx.tenantId,
      contract.id,
      item.serial_number,
      dateOf(at),
    );
    if (!removed) {
      throw unprocessable(
        "installed_item_not_on_subscription",
        `no installed item ${item.serial_number} on the subscription`,
        { field: `installed_items_to_remove.${i}.serial_number` },
      );
    }
    effects.push({
      type: "remove_installed_item",
      installed_item_id: removed,
      serial_number: item.serial_number,
    });
  }

  for (const [i, item] of (input.installed_items_to_add ?? []).entries()) {
    const field = `installed_items_to_add.${i}`;
    const ids = await distributorIds(ctx, item.distributor_ids ?? [], `${field}.distributor_ids`);
    const taken = await findInstalledItemBySerial(ctx.db, ctx.tenantId, item.serial_number);
    if (taken) {
      throw unprocessable(
        "serial_number_installed",
        `installed item ${item.serial_number} is already installed on ${taken.contract_id}`,
        { field: `${field}.serial_number` },
      );
    }
    const id = newId("installedItem");
    await insertInstalledItem(ctx.db, {
      id,
      tenant_id: ctx.tenantId,
      contract_id: contract.id,
      serial_number: item.serial_number,
      alternative_code: item.alternative_code ?? null,
      product: item.product ?? null,
      distributor_ids: ids,
      udf: "{}",
      installed_at: dateOf(at),
      removed_at: null,
      created_at: dateOf(at),
    });
    effects.push({
      type: "add_installed_item",
      installed_item_id: id,
      serial_number: item.serial_number,
      distributor_ids: ids,
    });
  }
  return effects;
}
