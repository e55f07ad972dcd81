// Kept free of zod so screens can import it without pulling the validator into their bundle.
/** Every error code the counter app's main side answers with; screens translate each one. */
export const ERROR_CODES = [
  'invalid_request',
  'illegal_transition',
  'unknown_channel',
  'unknown_service',
  'unknown_counter',
  'counter_busy',
  'ticket_not_held',
  'not_found',
  'bridge_disconnected',
  'untrusted_sender',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
