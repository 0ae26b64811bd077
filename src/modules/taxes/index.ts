export { findTaxPolicy, type TaxPolicyRow } from "./taxes.repository.js";
export { TaxPolicySchema } from "./taxes.schemas.js";
export {
  assertTaxPolicy,
  COUNTRY,
  createTaxPolicy,
  listTaxPolicies,
  type TaxPolicyView,
} from "./taxes.service.js";
