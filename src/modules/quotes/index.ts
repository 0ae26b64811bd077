export {
  AcceptQuoteBody,
  ChangeQuoteBody,
  OneTimeQuoteBody,
  QuoteListQuery,
  QuoteSchema,
  QuoteUpdateBody,
  SubscriptionQuoteBody,
} from "./quotes.schemas.js";
export {
  closeQuote,
  DEFAULT_VALIDITY_DAYS,
  getQuote,
  listQuotes,
  lockOpenQuote,
  type Quote,
  type QuotePricing,
  type QuoteRow,
  type QuoteType,
  quotePdfOf,
  recordQuote,
  repriceQuote,
  validUntilOf,
} from "./quotes.service.js";
