export {
  type Alignment,
  assertBillingCycle,
  type BillingCycle,
  type BillingPeriod,
  dayStrategy,
  isCalendarBoundary,
  MAX_PERIODS_PER_QUERY,
  monthStrategy,
  nextPeriodStart,
  type PeriodStrategy,
  periodAt,
  periodContaining,
  periodStrategies,
  periodsOverlapping,
  weekStrategy,
  yearStrategy,
} from "./billing-period.js";
export {
  addPeriods,
  assertPeriod,
  PERIOD_UNITS,
  type Period,
  type PeriodUnit,
  period,
  periodDuration,
  subtractPeriod,
} from "./duration.js";
export { type DayFraction, daysIn, overlap, prorationFraction } from "./proration.js";
export {
  assertSpan,
  compareDates,
  type DateSpan,
  dateSpan,
  maxDate,
  minDate,
  spanContains,
} from "./span.js";
export {
  contractTermEnd,
  contractTermEndAt,
  type EndDateRequest,
  nextPossibleEndDate,
  type PossibleEnd,
  trialEnd,
} from "./terms.js";
export {
  assertTimeZone,
  instantSpan,
  localDate,
  parseTimestamp,
  startOfLocalDay,
} from "./zone.js";
