// A TCP proxy on 127.0.0.1 that records every byte it forwards and may tamper with them: the attacker on the path.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type Direction = 'toServer' | 'toClient';

export interface ProxyOptions {
  /** Rewrites a chunk before it is forwarded (return it unchanged to only watch). */
  tamper?: (chunk: Buffer, direction: Direction, connection: number) => Buffer;
}

export class RecordingProxy {
  /** Everything forwarded, per connection and direction, in order. */
  readonly recorded: { connection: number; direction: Direction; chunk: Buffer }[] = [];
  private readonly sockets = new Set<Socket>();
  private connections = 0;

  private readonly server: Server;

  private constructor(targetPort: number, options: ProxyOptions) {
    this.server = createServer((client) => this.onClient(client, targetPort, options));
  }

  static async start(targetPort: number, options: ProxyOptions = {}): Promise<RecordingProxy> {
    const proxy = new RecordingProxy(targetPort, options);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `wss://127.0.0.1:${this.port}/p2p`;
  }

  /** All bytes of one direction (or both), concatenated. */
  bytes(direction?: Direction, connection?: number): Buffer {
    return Buffer.concat(
      this.recorded
        .filter(
          (r) =>
            (direction === undefined || r.direction === direction) &&
            (connection === undefined || r.connection === connection),
        )
        .map((r) => r.chunk),
    );
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onClient(client: Socket, targetPort: number, options: ProxyOptions): void {
    const connection = this.connections++;
    const server = connect(targetPort, '127.0.0.1');
    for (const socket of [client, server]) {
      this.sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        server.destroy();
      });
    }
    const forward = (from: Socket, to: Socket, direction: Direction) =>
      from.on('data', (data: Buffer) => {
        const chunk = options.tamper ? options.tamper(Buffer.from(data), direction, connection) : data;
        this.recorded.push({ connection, direction, chunk: Buffer.from(chunk) });
        to.write(chunk);
      });
    forward(client, server, 'toServer');
    forward(server, client, 'toClient');
  }
}

/** Resolves when the socket closes; `data` is everything it received. */
export function collect(socket: Socket): Promise<{ data: Buffer }> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => {});
  return new Promise((resolve) => socket.once('close', () => resolve({ data: Buffer.concat(chunks) })));
}
