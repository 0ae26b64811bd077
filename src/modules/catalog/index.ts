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
  type Component,
  getComponent,
  getPlan,
  getPlanGroup,
  getPlanVariant,
  listComponents,
  listPlanGroups,
  listPlans,
  listPlanVariants,
  type Plan,
  type PlanGroup,
  type PlanVariant,
} from "./catalog.service.js";
export {
  type Coupon,
  countRedemption,
  type Discount,
  type DiscountRow,
  findDiscount,
  getCoupon,
  getDiscount,
  listCoupons,
  listDiscounts,
  redeemableCoupon,
  toDiscount,
} from "./discounts.js";
export { discountsWithCurrency } from "./discounts.repository.js";
