/**
 * A small closed-loop HTTP load generator, run as a child process of the benchmark (forked with
 * IPC) so that it does not share the server's event loop. Each of `concurrency` workers sends one
 * GET at a time over a keep-alive socket, reads the whole body, checks status and length, and
 * sends the next one, until the round's time is up.
 *
 * Messages in: { type: 'run', id, url, headers, concurrency, seconds, expectStatus, expectBytes }
 *              { type: 'exit' }
 * Messages out: { type: 'result', id, requests, errors, firstError, seconds, latencyMs: { p50, p90, p99 }, cpuMs }
 */
import http from 'node:http';

interface RunMessage {
  type: 'run';
  id: number;
  url: string;
  headers: Record<string, string>;
  concurrency: number;
  seconds: number;
  expectStatus: number;
  expectBytes: number;
}

const agents = new Map<string, http.Agent>();

function agentFor(key: string, concurrency: number): http.Agent {
  let a = agents.get(key);
  if (!a) {
    a = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
    agents.set(key, a);
  }
  return a;
}

function once(agent: http.Agent, u: URL, headers: Record<string, string>): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'GET', headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function run(m: RunMessage) {
  const u = new URL(m.url);
  const agent = agentFor(`${m.url}|${m.concurrency}`, m.concurrency);
  const latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  let firstError: string | null = null;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + m.seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        const r = await once(agent, u, m.headers);
        if (r.status !== m.expectStatus || r.bytes !== m.expectBytes) {
          errors++;
          firstError ??= `status ${r.status}, ${r.bytes} bytes (expected ${m.expectStatus}, ${m.expectBytes})`;
        } else {
          requests++;
          latencies.push(performance.now() - t);
        }
      } catch (e) {
        errors++;
        firstError ??= String((e as Error).message ?? e);
      }
    }
  };
  await Promise.all(Array.from({ length: m.concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests, errors, firstError, seconds, latencyMs: { p50: p(0.5), p90: p(0.9), p99: p(0.99) }, cpuMs: (cpu.user + cpu.system) / 1000 };
}

process.on('message', (msg: RunMessage | { type: 'exit' }) => {
  if (msg.type === 'exit') {
    for (const a of agents.values()) a.destroy();
    process.disconnect();
    return;
  }
  run(msg).then(
    (r) => process.send!({ type: 'result', id: msg.id, ...r }),
    (e: unknown) => process.send!({ type: 'result', id: msg.id, requests: 0, errors: 1, firstError: String(e), seconds: 0, latencyMs: {}, cpuMs: 0 }),
  );
});
process.send!({ type: 'ready' });
