export { allocate, split, type Weight } from "./allocation.js";
export {
  assertCurrency,
  CURRENCY_CODES,
  CURRENCY_EXPONENTS,
  currencyExponent,
  isCurrency,
} from "./currency.js";
export { Dec, parseDecimal } from "./decimal.js";
export {
  add,
  applyRatio,
  compare,
  equals,
  fromDecimalString,
  isZero,
  lineAmount,
  type Money,
  money,
  negate,
  percentOf,
  proratedAmount,
  roundToMinor,
  subtract,
  sum,
  toDecimalString,
  zero,
} from "./money.js";
