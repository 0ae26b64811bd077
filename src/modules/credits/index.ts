export {
  addPromotionalCredits,
  applyPromotionalCredits,
  type CreditClaim,
  deductPromotionalCredits,
  listPromotionalCredits,
  mergePromotionalCredits,
  type PromotionalCreditEntry,
  type PromotionalCredits,
  type PromotionalCreditsChange,
  type PromotionalCreditsInput,
  setPromotionalCredits,
} from "./credits.service.js";
