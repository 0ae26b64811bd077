export {
  componentsOfGroups,
  discountRows,
  planGroupTaxTerms,
  variantFees,
  variantsWithPlanNames,
} from "./billing-facts.repository.js";
export type { PeriodValue } from "./catalog.repository.js";
export {
  componentsOf,
  findComponentIdBy,
  findInTenant,
  planVariantsOfGroup,
  variantCurrencies,
} from "./catalog.repository.js";
export { DiscountSchema } from "./catalog.schemas.js";
export {
  getPlan,
  getPlanGroup,
  getPlanVariant,
  listPlanGroups,
  listPlans,
  listPlanVariants,
  type Plan,
  type PlanGroup,
  type PlanVariant,
} from "./catalog.service.js";
export {
  countRedemption,
  type Discount,
  type DiscountRow,
  findDiscount,
  redeemableCoupon,
  toDiscount,
} from "./discounts.js";
export { discountsWithCurrency } from "./discounts.repository.js";
