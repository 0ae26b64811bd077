export {
  type EntityRow,
  findEntity as findEntityRow,
  listEntities,
} from "./entities.repository.js";
export {
  type BusinessEntity,
  createBusinessEntity,
  createDefaultEntity,
  defaultEntity,
  type EntityUpdate,
  entityForNewRecord,
  findEntity,
  getBusinessEntity,
  listBusinessEntities,
  toEntity,
  updateBusinessEntity,
} from "./entities.service.js";
export {
  type BusinessEntityTransfer,
  getTransfer,
  listTransfers,
  recordTransfers,
  type TransferRecord,
  transfersThisYear,
} from "./transfers.service.js";
