import { z } from 'zod';
import { LoketError, zodErrorInfo } from '../../core/errors.ts';
import { DEFAULT_KEY_MAP, KeyActionSchema, type KeyAction } from '../../core/hardware-ipc.ts';

/**
 * Which counter action each key of the call-button runs (DESIGN.md §6: configured per counter).
 * A map from key number (`"1"`–`"8"`, as JSON keys are strings) to an action; keys left out, and
 * keys mapped to `none`, do nothing.
 */
export const KeyMapSchema = z.record(z.string(), KeyActionSchema).superRefine((keys, ctx) => {
  for (const key of Object.keys(keys)) {
    if (!/^[1-8]$/.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: `keys are numbered 1 to 8, not ${JSON.stringify(key)}` });
  }
});
export type KeyMap = z.infer<typeof KeyMapSchema>;

/** 1 call next, 2 recall, 3 finish. */
export { DEFAULT_KEY_MAP };

/** One big button: each press finishes the visitor being served and calls the next. */
export const ONE_BUTTON_KEY_MAP: Readonly<KeyMap> = { '1': 'finishAndCallNext' };

/** A stored or typed key map, checked; a wrong one throws `invalid_request` naming the key. */
export function parseKeyMap(input: unknown): KeyMap {
  const parsed = KeyMapSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const info = zodErrorInfo(parsed.error, 'key map');
  throw new LoketError(info.code, info.message, info.field);
}

/** The action for a press of `key`, or null when the key does nothing. */
export function actionForKey(map: Readonly<KeyMap>, key: number): Exclude<KeyAction, 'none'> | null {
  const action = map[String(key)];
  return action === undefined || action === 'none' ? null : action;
}
