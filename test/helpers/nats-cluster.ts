/**
 * A throwaway 3-node NATS cluster with JetStream (nats-server processes on free loopback
 * ports, each with its own store folder), for tests that kill and restart nodes. The shared
 * server on 4222 is never touched. scripts/nats-cluster-up.sh starts the same by hand.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './server-process.ts';

export const NATS_SERVER = process.env.STOCKROOM_TEST_NATS_SERVER || '/usr/sbin/nats-server';

export const natsServerPresent = (): boolean => existsSync(NATS_SERVER);

export interface NatsCluster {
  /** The three client URLs, comma-separated (what NATS_URL holds). */
  url: string;
  /** Kills node i (0..2) at once (SIGKILL): a crash, not a clean shutdown. */
  kill(i: number): Promise<void>;
  start(i: number): void;
  running(i: number): boolean;
  destroy(): Promise<void>;
}

export async function createNatsCluster(): Promise<NatsCluster> {
  const root = mkdtempSync('/tmp/stockroom-natscluster-');
  const clientPorts = [await freePort(), await freePort(), await freePort()];
  const routePorts = [await freePort(), await freePort(), await freePort()];
  const routes = routePorts.map((p) => `nats://127.0.0.1:${p}`).join(',');
  const nodes: (ChildProcess | null)[] = [null, null, null];
  const start = (i: number) => {
    const args = [
      ...['-n', `n${i + 1}`, '-a', '127.0.0.1', '-p', String(clientPorts[i])],
      ...['-js', '-sd', join(root, `n${i + 1}`)],
      ...['--cluster_name', 'stockroom_test', '--cluster', `nats://127.0.0.1:${routePorts[i]}`],
      ...['--routes', routes, '-l', join(root, `n${i + 1}.log`)],
    ];
    nodes[i] = spawn(NATS_SERVER, args, { stdio: 'ignore' });
  };
  const kill = async (i: number) => {
    const node = nodes[i];
    if (!node || node.exitCode !== null) return;
    const exited = new Promise((r) => node.once('exit', r));
    node.kill('SIGKILL');
    await exited;
    nodes[i] = null;
  };
  for (let i = 0; i < 3; i++) start(i);
  return {
    url: clientPorts.map((p) => `nats://127.0.0.1:${p}`).join(','),
    kill,
    start,
    running: (i) => nodes[i] !== null,
    async destroy() {
      for (let i = 0; i < 3; i++) await kill(i);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
