// Kept free of zod so screens can import it without pulling the validator into their bundle.
/** Every error code the counter app's main side answers with; screens translate each one. */
export const ERROR_CODES = [
  'invalid_request',
  'unknown_channel',
  'unknown_service',
  'unknown_counter',
  'counter_busy',
  'ticket_not_held',
  'not_found',
  'bridge_disconnected',
  'untrusted_sender',
  'internal',
  // from the hall server link
  'not_enrolled',
  'not_signed_in',
  'server_unreachable',
  'certificate_mismatch',
  'login_failed',
  'account_locked',
  'enroll_code_invalid',
  'illegal_transition',
  'stale_lease',
  'not_your_ticket',
  'counter_not_open',
  'quota_reached',
  'unauthorized',
  'forbidden',
  // from the ledger's outbox
  'offline',
  'no_walkin_numbers',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
