import type { Database } from 'better-sqlite3';
import type { StreamMessage } from '../../core/stream.ts';

type Job = { work: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: writes that arrive together (many counters pressing "call next" at once) run one
 * after another in ONE immediate transaction, each inside its own savepoint, and share one durable
 * commit. Nobody is answered before that commit, so durability is exactly that of one transaction
 * per write; a job that fails is rolled back to its savepoint and fails alone.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  /** Stream messages of the group being committed; null when no group is running. */
  private messages: StreamMessage[] | null = null;

  constructor(
    private readonly db: Database,
    private readonly publish: (messages: StreamMessage[]) => void,
    private readonly translate: (error: unknown) => unknown,
  ) {}

  /** Inside a running group, messages wait here for its commit. */
  get collecting(): StreamMessage[] | null {
    return this.messages;
  }

  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    const outcomes: Outcome[] = [];
    const messages: StreamMessage[] = [];
    this.messages = messages;
    try {
      this.db
        .transaction(() => {
          for (const job of jobs) {
            try {
              outcomes.push({ ok: true, value: job.work() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      // The commit itself failed: nothing of the group happened.
      const reason = this.translate(error);
      for (const job of jobs) job.reject(reason);
      return;
    } finally {
      this.messages = null;
    }
    this.publish(messages);
    jobs.forEach((job, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
