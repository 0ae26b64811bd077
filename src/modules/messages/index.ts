export {
  customerIdOf,
  draftMessages,
  entityIdOf,
  type MessageEvent,
  type MessageFacts,
  messageKindOf,
  NO_SMTP,
} from "./compose.js";
export {
  claimDueMessages,
  type Leased,
  MAX_MESSAGE_ATTEMPTS,
  recordAttempt,
  type SendOutcome,
} from "./delivery.js";
export { type Attachment, describeSendError, type Mailer, smtpMailer } from "./mailer.js";
export {
  insertMessages,
  type MessageRow,
  queuedMessageHealth,
} from "./messages.repository.js";
export { MessageSchema } from "./messages.schemas.js";
export { type Message, toMessage } from "./messages.service.js";
export {
  MESSAGE_KINDS,
  type MessageKind,
  renderMessage,
  type TemplateSource,
} from "./templates.js";
export { tenantTemplates } from "./templates.service.js";
