import { createHmac, randomBytes } from 'node:crypto';
import { serviceDay } from '../../core/service-day.ts';
import type { QueueTx } from '../queue/context.ts';
import { hallSettings } from '../queue/hall.ts';

/** The settings key of the hall's own secret for hashing client addresses. */
const KEY_SETTING = 'visitor_address_key';

/**
 * What the hall keeps of a client's address for its rate limits: an HMAC under a secret of this
 * hall, over the address and the hall's service day. IPv4 addresses are too few for a plain hash to
 * hide them; with the day in it, one address cannot be followed from one day to the next either.
 * The secret is made with the first booking (in its transaction, so a refused one leaves nothing).
 */
export function clientAddressHash(tx: QueueTx, address: string): string {
  let key = (tx.sql('SELECT value FROM settings WHERE key = ?').get(KEY_SETTING) as { value: string } | undefined)?.value;
  if (key === undefined) {
    key = randomBytes(32).toString('hex');
    tx.sql('INSERT INTO settings (key, value) VALUES (?, ?)').run(KEY_SETTING, key);
  }
  const day = serviceDay(tx.at, hallSettings(tx).timeZone);
  return createHmac('sha256', key).update(`${day}|${address}`).digest('hex').slice(0, 32);
}
