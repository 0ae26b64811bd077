export { amountOwed, customerBalance, INVOICE_DUE } from "./payments.service.js";
