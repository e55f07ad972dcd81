/**
 * A deterministic PRNG (mulberry32) giving numbers in [0, 1). The fault tests take every random
 * choice from one of these, so a failing run is replayed from its printed seed alone; Math.random
 * would make the failure unrepeatable. The seed is taken as an unsigned 32-bit integer. Not for
 * anything secret.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
