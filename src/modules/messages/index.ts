export {
  invalidMessageLink,
  MESSAGE_LINK_KEY,
  MESSAGE_LINK_PATH,
  messageLinkExpiry,
  signMessageLink,
  verifyMessageLink,
  withDownloadLink,
} from "./attachment-link.js";
export {
  customerIdOf,
  DIRECT_KINDS,
  type DirectContent,
  draftDirectMessages,
  draftMessages,
  entityIdOf,
  type MessageEvent,
  type MessageFacts,
  messageKindFor,
  messageKindOf,
  NO_SMTP,
  templateKey,
} from "./compose.js";
export { queueConsoleMessage } from "./console-messages.js";
export {
  claimDueMessages,
  type Leased,
  MAX_MESSAGE_ATTEMPTS,
  recordAttempt,
  releaseUnattempted,
  type SendOutcome,
} from "./delivery.js";
export {
  type Attachment,
  describeSendError,
  isRecipientRefusal,
  isServerUnreachable,
  type Mailer,
  SMTP_TIMEOUT_MS,
  smtpMailer,
} from "./mailer.js";
export {
  findMessage,
  insertMessages,
  type MessageRow,
  queuedMessageHealth,
} from "./messages.repository.js";
export { MessageSchema } from "./messages.schemas.js";
export { type Message, toMessage } from "./messages.service.js";
export {
  CONSOLE_MESSAGE_KINDS,
  type ConsoleMessageKind,
  MESSAGE_KINDS,
  type MessageKind,
  renderMessage,
  type TemplateSource,
} from "./templates.js";
export { tenantTemplates } from "./templates.service.js";
