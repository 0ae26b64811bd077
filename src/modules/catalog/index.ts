export { findComponentIdBy, findInTenant } from "./catalog.repository.js";
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
