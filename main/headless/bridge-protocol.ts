import { z } from 'zod';
import type { Result } from '../../core/errors.ts';

/** Frames of the browser bridge's WebSocket (window.loket over the wire). */
export const BridgeRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  request: z.unknown(),
});

export type BridgeReply = { id: number | null; result: Result<unknown> };
export type BridgePush = { push: string; payload: unknown };
