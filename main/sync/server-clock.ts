/**
 * The estimated offset between the hall server's clock and this PC's (DESIGN.md §5 "Clocks"):
 * each exchange that carries the server's time gives a sample, offset = server time − midpoint of
 * the exchange; the sample with the shortest round trip among the recent ones is the most exact
 * (the NTP rule), so it is the one used. The ledger stamps `server_at = at + offset`.
 */
export class ServerClock {
  private samples: { offsetMs: number; rttMs: number }[] = [];

  constructor(private readonly keep = 8) {}

  /** Records one exchange: sent and received on the local clock, `serverTime` read by the server in between. */
  sample(serverTime: number, sentAt: number, receivedAt: number): void {
    const rttMs = Math.max(0, receivedAt - sentAt);
    const offsetMs = Math.round(serverTime - (sentAt + receivedAt) / 2);
    this.samples.push({ offsetMs, rttMs });
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** Server clock − local clock, ms; 0 until the first exchange. */
  offsetMs(): number {
    let best: { offsetMs: number; rttMs: number } | undefined;
    for (const s of this.samples) if (best === undefined || s.rttMs <= best.rttMs) best = s;
    return best?.offsetMs ?? 0;
  }
}
