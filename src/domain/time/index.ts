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
  assertContractStart,
  assertDateInRange,
  assertInstantInRange,
  DATE_RANGE,
  dateInRange,
  dateTextInRange,
  EARLIEST_DATE,
  EARLIEST_INSTANT,
  INSTANT_LIMIT,
  instantInRange,
  LATEST_DATE,
  MAX_BACKDATE_YEARS,
  timestampTextInRange,
} from "./bounds.js";
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
  parseTimestampMillis,
  startOfLocalDay,
} from "./zone.js";
