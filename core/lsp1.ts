/**
 * LSP/1, the serial protocol of the call-button and LED display (DESIGN.md §6): the framing codec
 * and the typed messages. Pure, so the host session, the firmware's simulator tests and the
 * technician screen share one implementation.
 */
export * from './lsp1-frame.ts';
export * from './lsp1-messages.ts';
