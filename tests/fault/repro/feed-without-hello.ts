import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { LiveFeed, type FeedState } from '../../../main/sync/live-feed.ts';

/**
 * Reproduction (fault suite, e.g. seed 6): the live feed's socket opened and the auth frame went
 * out, but the server's `hello` never arrived (the fault proxy dropped it during a blackhole; a
 * server stuck after authenticating does the same). Pings are still answered, so the heartbeat
 * keeps the socket, the handshake timeout covers only the HTTP upgrade, and the feed stays
 * `connecting` for good: the counter shows itself offline although every request succeeds, and
 * never reconnects.
 *
 * Here a WebSocket server that answers pings but never says hello stands in for the lost frame.
 * Run: npx tsx tests/fault/repro/feed-without-hello.ts   (exit 1: reproduced)
 */
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await once(server, 'listening');
let connections = 0;
server.on('connection', () => (connections += 1));
const states: FeedState[] = [];
const feed = new LiveFeed({
  serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  token: 'ldv_test',
  onMessage: () => undefined,
  onState: (state) => states.push(state),
  heartbeatMs: 100,
  handshakeTimeoutMs: 500,
  backoff: { initialMs: 50, maxMs: 200 },
});
feed.start();
await new Promise((resolve) => setTimeout(resolve, 3000));
console.log(`after 3 s (heartbeat 100 ms, handshake timeout 500 ms): state ${feed.state}, states seen ${states.join(' → ')}, connections ${connections}`);
const reproduced = feed.state === 'connecting' && connections === 1;
feed.close();
for (const client of server.clients) client.terminate();
server.close();
console.log(reproduced ? 'REPRODUCED: the feed waits for hello forever on a socket that answers pings' : 'not reproduced');
process.exit(reproduced ? 1 : 0);
