export { billingContactEmails } from "./contacts.repository.js";
export {
  type CustomerRow,
  customerCollectionSettings,
  customerEntities,
  customerFreezes,
  externalIdsOf,
  findCustomer,
  findCustomerIdsBy,
  findCustomers,
  liveCustomers,
  markCustomerOrdered,
  setCustomerFrozen,
  transferCustomer,
  transferredCopies,
} from "./customers.repository.js";
export { CustomerCreateInput, CustomerInput, CustomerPatch } from "./customers.schemas.js";
export {
  assertBillingDate,
  type Customer,
  type CustomerInputData,
  type CustomerPatchData,
  closeMergedCustomer,
  createCustomer,
  customerForChange,
  deleteCustomer,
  getCustomer,
  listCustomers,
  patchCustomer,
  replaceCustomer,
  setBillingDate,
} from "./customers.service.js";
export { inHierarchy } from "./hierarchy.repository.js";
export { HierarchyViewSchema } from "./hierarchy.schemas.js";
export { type HierarchyPlace, hierarchyOf } from "./hierarchy.service.js";
