import secureJson from 'secure-json-parse';
import { LoketError } from '../../core/errors.ts';

/**
 * A push body as bytes → its JSON value, with Fastify's own protection: a body that would set an
 * object's prototype (`__proto__`, `constructor.prototype`) is refused like malformed JSON.
 */
export function parsePushBody(body: Uint8Array): unknown {
  try {
    return secureJson.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength), null, {
      protoAction: 'error',
      constructorAction: 'error',
    });
  } catch {
    throw new LoketError('invalid_json', 'The body is not valid JSON. Send a JSON object.', 'body');
  }
}
