import { DEFAULT_SERVER_PORT } from '../../core/api.ts';

/**
 * What a technician types → the address the counter service expects: `192.168.1.10` becomes
 * `https://192.168.1.10:7420` (the hall server's scheme and port unless said otherwise), a
 * trailing slash goes. Anything unparseable is returned trimmed, for the service to refuse.
 */
export function normalizeServerUrl(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.pathname !== '/' || url.search || url.hash || url.username) return trimmed;
    const port = url.port === '' && !/:\d+$/.test(url.host) && !hasExplicitDefaultPort(withScheme) ? `:${DEFAULT_SERVER_PORT}` : '';
    return `${url.protocol}//${url.host}${port}`;
  } catch {
    return trimmed;
  }
}

/** `https://h:443` parses with an empty port (the default): the technician did give one. */
function hasExplicitDefaultPort(url: string): boolean {
  return /^[a-z]+:\/\/(\[[^\]]+\]|[^/:]+):\d+$/i.test(url);
}

/** `https://192.168.1.10:7420` and `http://127.0.0.1:7420` only: the shape the counter service accepts. */
export const SERVER_URL_PATTERN = /^https?:\/\/[^\s/]+(:\d+)?\/?$/;

/** `AA:BB:…` (32 bytes) → rows of groups, so two people can read it out and compare. */
export function fingerprintRows(fingerprint: string, pairsPerRow = 8): string[][] {
  const pairs = fingerprint
    .replace(/[^0-9a-f]/gi, '')
    .toUpperCase()
    .match(/.{1,2}/g) ?? [];
  const rows: string[][] = [];
  for (let i = 0; i < pairs.length; i += pairsPerRow) rows.push(pairs.slice(i, i + pairsPerRow));
  return rows;
}
