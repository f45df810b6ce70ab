import { createServer, type Server } from 'node:net';

/** The listen ports of one devnet node. 0 lets the operating system choose at start-up. */
export interface NodePorts {
  p2p: number;
  rpc: number;
}

const listen = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/**
 * `count` distinct loopback ports that are free right now, chosen by the operating system from its ephemeral
 * range (well away from `consortia devnet`'s 26656 and up). All are held open together, so none repeats.
 */
export async function pickFreePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await listen(0));
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map(close));
  }
}

/** Whether a loopback port can be listened on right now. */
export async function portIsFree(port: number): Promise<boolean> {
  try {
    await close(await listen(port));
    return true;
  } catch {
    return false;
  }
}
