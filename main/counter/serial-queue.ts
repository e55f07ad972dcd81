/** Runs async work one at a time, in the order it was asked for. */
export type SerialQueue = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * One counter action at a time: a double key press waits for the first action and then sees its
 * result, and work started by the app itself (asking again for a call whose answer was lost, on
 * reconnect) never runs alongside an officer's action.
 */
export function createSerialQueue(): SerialQueue {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
}
