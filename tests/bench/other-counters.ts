import { api, enrollDevice, openBenchCounter } from './bench-hall.ts';

/**
 * The rest of a busy hall for a benchmark, in its own process as on the hall's other PCs: a kiosk
 * issuing a ticket every ~15 ms for `services`, and `codes.length` counters that each call about
 * once a second and mark the visitor a no-show. Prints `ready` once every counter is open; stops
 * on SIGTERM (exits). Argument: JSON `{ url, kioskCode, codes, services }`.
 */
interface Plan {
  url: string;
  kioskCode: string;
  codes: string[];
  services: string[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(plan: Plan): Promise<void> {
  process.on('SIGTERM', () => process.exit(0));
  const kiosk = await enrollDevice(plan.url, plan.kioskCode);
  const sessions: string[] = [];
  for (let i = 0; i < plan.codes.length; i++) sessions.push(await openBenchCounter(plan.url, plan.codes[i] as string, i, plan.services));
  process.stdout.write('ready\n');
  const counters = sessions.map(async (token, i) => {
    for (;;) {
      await sleep(500 + ((i * 37) % 1000));
      const call = await api(plan.url, 'POST', `/counters/c${i + 1}/call-next`, token);
      if (call.status !== 200) continue;
      const { ticket, leaseEpoch } = call.json as { ticket: { id: string }; leaseEpoch: number };
      await api(plan.url, 'POST', `/tickets/${ticket.id}/no-show`, token, { leaseEpoch });
    }
  });
  const kioskLoop = (async () => {
    for (let n = 0; ; n++) {
      await api(plan.url, 'POST', '/tickets', kiosk, { serviceId: plan.services[n % plan.services.length] });
      await sleep(15);
    }
  })();
  await Promise.all([...counters, kioskLoop]);
}

await main(JSON.parse(process.argv[2] ?? '{}') as Plan);
