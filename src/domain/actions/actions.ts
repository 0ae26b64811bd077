/**
 * Subscription actions with CRM.COM's semantics: which actions exist, in which subscription
 * states each may run and what state it leaves, the life cycle of an action record, and the
 * checks on an action's own parameters. Pure: the contracts module applies the effects.
 */
import { Temporal } from "temporal-polyfill";
import type { LifecycleStatus } from "../contracts/phases.js";
import { invalid, unprocessable } from "../errors.js";

/** A subscription's life-cycle state in CRM.COM's terms, derived from the contract. */
export type SubscriptionState =
  | "draft"
  | "effective"
  | "not_effective"
  | "in_resting"
  | "cancelled";

export const ACTIONS = [
  "activate",
  "deactivate",
  "rest",
  "end_resting",
  "terminate",
  "extend_grace_period",
  "amend_services",
] as const;
export type ActionName = (typeof ACTIONS)[number];

type ActionRule = {
  /** CRM.COM's behaviour code of the action (uppercase on CRM.COM's paths). */
  behaviourCode: string;
  /** Subscription states in which the action may run. */
  from: readonly SubscriptionState[];
  /** The state it leaves; null: unchanged. */
  to: SubscriptionState | null;
};

/** The transition table: anything not listed is refused with `invalid_life_cycle_state`. */
export const ACTION_RULES: Readonly<Record<ActionName, ActionRule>> = {
  activate: {
    behaviourCode: "activate_subscription",
    from: ["draft", "not_effective"],
    to: "effective",
  },
  deactivate: {
    behaviourCode: "deactivate_subscription",
    from: ["effective"],
    to: "not_effective",
  },
  rest: { behaviourCode: "rest_subscription", from: ["effective"], to: "in_resting" },
  end_resting: {
    behaviourCode: "end_subscription_resting",
    from: ["in_resting"],
    to: "effective",
  },
  terminate: {
    behaviourCode: "terminate_subscription",
    from: ["effective", "not_effective", "in_resting"],
    to: "cancelled",
  },
  extend_grace_period: {
    behaviourCode: "extend_grace_period",
    from: ["draft", "effective", "not_effective"],
    to: null,
  },
  amend_services: {
    behaviourCode: "amend_services",
    from: ["draft", "effective", "not_effective", "in_resting"],
    to: null,
  },
};

export function actionOfBehaviour(code: string): ActionName | undefined {
  return ACTIONS.find((a) => ACTION_RULES[a].behaviourCode === code);
}

/**
 * The subscription state of a contract: ended → cancelled; not yet started → draft; in a
 * trial or a normal phase → effective; in an inactive phase → in_resting when a rest action
 * began that phase, else not_effective.
 */
export function subscriptionState(status: LifecycleStatus, resting: boolean): SubscriptionState {
  switch (status) {
    case "ended":
      return "cancelled";
    case "future":
      return "draft";
    case "in_trial":
    case "active":
      return "effective";
    case "trial_expired":
    case "temporarily_inactive":
      return resting ? "in_resting" : "not_effective";
  }
}

export function assertActionAllowed(action: ActionName, state: SubscriptionState): void {
  const rule = ACTION_RULES[action];
  if (!rule.from.includes(state)) {
    throw unprocessable(
      "invalid_life_cycle_state",
      `${action} is not allowed on a ${state} subscription (allowed: ${rule.from.join(", ")})`,
      { action, state, allowed: rule.from },
    );
  }
}

/** Life cycle of an action record. */
export type ActionState = "executed" | "scheduled" | "cancelled" | "rejected";

export const ACTION_STATE_TRANSITIONS: Readonly<Record<ActionState, readonly ActionState[]>> = {
  scheduled: ["executed", "rejected", "cancelled"],
  executed: [],
  cancelled: [],
  rejected: [],
};

export function assertActionTransition(from: ActionState, to: ActionState): void {
  if (!ACTION_STATE_TRANSITIONS[from].includes(to)) {
    throw unprocessable(
      "invalid_action_state",
      `an ${from} action cannot become ${to}${to === "cancelled" ? ": only scheduled actions can be cancelled" : ""}`,
      { state: from },
    );
  }
}

/**
 * The end of a grace period: exactly one of an absolute date and a number of days counted
 * from `appliedAt` (the execution, or the scheduled date). It lies after `appliedAt` and
 * after the current grace end, if any.
 */
export function graceEnd(
  input: {
    end_grace_period_on?: string | undefined;
    end_grace_period_after_specific_days?: number | undefined;
  },
  appliedAt: Temporal.Instant,
  current: Temporal.Instant | null,
  parse: (value: string, field: string) => Temporal.Instant,
): Temporal.Instant {
  const on = input.end_grace_period_on;
  const days = input.end_grace_period_after_specific_days;
  if ((on === undefined) === (days === undefined)) {
    throw invalid(
      on === undefined ? "missing_parameter" : "mutually_exclusive_parameters",
      "give exactly one of end_grace_period_on and end_grace_period_after_specific_days",
      { fields: ["end_grace_period_on", "end_grace_period_after_specific_days"] },
    );
  }
  let end: Temporal.Instant;
  if (days !== undefined) {
    if (!Number.isInteger(days) || days < 1) {
      throw invalid(
        "invalid_parameter",
        "end_grace_period_after_specific_days is a whole number of days, at least 1",
        { field: "end_grace_period_after_specific_days" },
      );
    }
    end = appliedAt.add({ hours: 24 * days });
  } else {
    end = parse(on!, "end_grace_period_on");
  }
  const floor = current && Temporal.Instant.compare(current, appliedAt) > 0 ? current : appliedAt;
  if (Temporal.Instant.compare(end, floor) <= 0) {
    throw unprocessable(
      "grace_period_not_extended",
      `the grace period would end by ${end.toString()}, not after ${floor.toString()}`,
      {
        field: days !== undefined ? "end_grace_period_after_specific_days" : "end_grace_period_on",
      },
    );
  }
  return end;
}

export type ServiceChange = {
  component_id: string;
  /** Distributors; on removal, absent means all. */
  distributor_ids?: string[] | undefined;
};
export type AmendServicesInput = {
  services_to_add?: (ServiceChange & { quantity?: string | undefined })[] | undefined;
  services_to_remove?: ServiceChange[] | undefined;
  installed_items_to_add?:
    | {
        serial_number: string;
        product?: string | undefined;
        alternative_code?: string | undefined;
        distributor_ids?: string[] | undefined;
      }[]
    | undefined;
  installed_items_to_remove?: { serial_number: string }[] | undefined;
};

/** Checks an amend_services request on its own (the contract's state is checked elsewhere). */
export function assertAmendServices(input: AmendServicesInput, scheduled: boolean): void {
  const sets = [
    input.services_to_add,
    input.services_to_remove,
    input.installed_items_to_add,
    input.installed_items_to_remove,
  ];
  if (sets.every((s) => !s || s.length === 0)) {
    throw invalid(
      "missing_parameter",
      "amend_services needs at least one service or installed item to add or remove",
    );
  }
  if (scheduled && (input.installed_items_to_add?.length ?? 0) > 0) {
    throw unprocessable(
      "scheduled_installed_items_not_allowed",
      "a scheduled amend_services cannot add installed items",
      { field: "installed_items_to_add" },
    );
  }
  for (const add of input.services_to_add ?? []) {
    for (const remove of input.services_to_remove ?? []) {
      if (add.component_id !== remove.component_id) continue;
      const removed = remove.distributor_ids;
      const added = add.distributor_ids ?? [];
      if (removed === undefined || added.length === 0 || added.some((d) => removed.includes(d))) {
        throw unprocessable(
          "service_added_and_removed",
          `service ${add.component_id} is both added and removed for the same distributor`,
          { component_id: add.component_id },
        );
      }
    }
  }
  const serials = (input.installed_items_to_add ?? []).map((i) => i.serial_number);
  if (new Set(serials).size !== serials.length) {
    throw invalid("duplicate_serial_number", "an installed item is listed twice", {
      field: "installed_items_to_add",
    });
  }
}
