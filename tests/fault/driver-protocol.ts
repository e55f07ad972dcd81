/**
 * What the fault trial and its counter driver processes say to each other. The driver takes one
 * JSON argument and answers with one JSON object per stdout line; the trial sends `drain` on stdin.
 * Kept in one place so the two processes cannot drift apart.
 */

/** The driver's one argument: who it is, where the hall is, and how long to act (the seed makes its choices replayable). */
export interface DriverConfig {
  dataDir: string;
  counterId: string;
  username: string;
  pin: string;
  /** The hall server as the counter reaches it (the fault proxy's address). */
  serverUrl: string;
  /** Used only while the data folder holds no enrollment yet. */
  enrollCode: string;
  seed: number;
  /** The services opened at the counter (a subset of its configured ones). */
  serviceIds: string[];
  /** Acting stops (and draining starts) after this long or this many actions, whichever comes first. */
  durationMs: number;
  maxActions: number;
  /** How long draining may take before the driver gives up and exits 3. */
  drainTimeoutMs: number;
}

/** One officer action as it was acknowledged: the ledger event it recorded. */
export interface AckLine {
  ack: number;
  hash: string;
  type: string;
  ticketId: string | null;
}

/** Enrolled, signed in and open: from here on a kill no longer costs the enrollment code. */
export interface ReadyLine {
  ready: true;
  ledgerId: string;
  counterId: string;
  lastSeq: number;
}

/** The driver's last word: how its run went, and whether everything reached the server. */
export interface StatusLine {
  status: 'drained' | 'drain_timeout' | 'stopped';
  drained: boolean;
  actions: number;
  acks: number;
  refusals: Record<string, number>;
  /** Failures that are not one of the expected refusals (code and message). */
  unexpected: string[];
  lastSeq: number;
  ackedThrough: number;
  pending: number;
  /** Why the last push failed, while events wait. */
  lastError: string | null;
  online: boolean;
  /** Whether an officer is signed in (a pending call is asked again only for one). */
  signedIn: boolean;
  /** A call-next whose answer never arrived (the ledger's `call.pending`), or null. */
  pendingCall: string | null;
  rejected: { seq: number; code: string; message: string }[];
}

/** Any stdout line; `log` carries what a crashing driver could still say. */
export type DriverLine = AckLine | ReadyLine | StatusLine | { log: string };

/** Sent on the driver's stdin: stop acting, empty the outbox, exit. */
export const DRAIN_COMMAND = 'drain';

/**
 * Refusals an officer meets under faults and that the driver's random choices provoke on purpose
 * (acting without a ticket, calling while busy): none of them is a fault of the replication.
 */
export const EXPECTED_REFUSALS: ReadonlySet<string> = new Set([
  'offline',
  'counter_busy',
  'ticket_not_held',
  'illegal_transition',
  'not_signed_in',
  'server_unreachable',
  'no_walkin_numbers',
  'server_busy',
]);

/** Type guards for the three kinds of line the trial acts on. */
export function isAck(line: DriverLine): line is AckLine {
  return 'ack' in line;
}

export function isReady(line: DriverLine): line is ReadyLine {
  return 'ready' in line;
}

export function isStatus(line: DriverLine): line is StatusLine {
  return 'status' in line;
}
