export {
  type CustomerRow,
  externalIdsOf,
  findCustomer,
  findCustomerIdsBy,
  findCustomers,
} from "./customers.repository.js";
export { CustomerInput, CustomerPatch } from "./customers.schemas.js";
export {
  type Customer,
  type CustomerInputData,
  type CustomerPatchData,
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  patchCustomer,
  replaceCustomer,
} from "./customers.service.js";
