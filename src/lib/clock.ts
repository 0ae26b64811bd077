import { Temporal } from "temporal-polyfill";
import type { Clock } from "../domain/clock.js";

export const systemClock: Clock = {
  now: () => Temporal.Instant.fromEpochMilliseconds(Date.now()),
};
