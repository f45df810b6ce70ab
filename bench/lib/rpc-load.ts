// The devnet bench's client side: batched JSON-RPC tx.submit over keep-alive HTTP, and a finalHeads subscription.
import { Agent, request } from 'node:http';
import WebSocket from 'ws';

export interface SubmitOutcome {
  accepted: number;
  rejected: number;
  /** The node refused the whole request (rate limit, size): the batch may be sent again. */
  refused: boolean;
  reasons: string[];
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/** POSTs prepared request text to a node's RPC URL and returns the parsed JSON body with the HTTP status. */
export function post(url: string, body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null });
          } catch (error) {
            reject(error as Error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A JSON-RPC batch of tx.submit calls for these hex-encoded transactions. */
export function submitBatchBody(hexes: readonly string[]): string {
  return `[${hexes.map((hex, i) => `{"jsonrpc":"2.0","id":${i},"method":"tx.submit","params":{"transaction":"${hex}"}}`).join(',')}]`;
}

export async function submitBatch(url: string, body: string): Promise<SubmitOutcome> {
  const { status, json } = await post(url, body);
  if (status !== 200 || !Array.isArray(json))
    return { accepted: 0, rejected: 0, refused: true, reasons: [`HTTP ${status}`] };
  let accepted = 0;
  const reasons: string[] = [];
  for (const r of json as { result?: unknown; error?: { message: string } }[]) {
    if (r.error) reasons.push(r.error.message);
    else accepted++;
  }
  return { accepted, rejected: reasons.length, refused: false, reasons };
}

export interface FinalHead {
  height: bigint;
  /** The BFT round that decided it (0 when the first proposal was committed). */
  round: number;
}

/** Subscribes to a node's finalHeads over WebSocket; `onHead` gets each final head as it is announced. */
export async function subscribeFinalHeads(
  wsUrl: string,
  onHead: (head: FinalHead, receivedAt: number) => void,
): Promise<() => void> {
  const socket = new WebSocket(wsUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.on('error', () => undefined); // the node going away ends the subscription; nothing to report
  socket.on('message', (data) => {
    const at = performance.now();
    const message = JSON.parse(data.toString()) as {
      method?: string;
      params?: { result?: { height?: string; round?: number } };
    };
    const head = message.method === 'subscription' ? message.params?.result : undefined;
    if (head?.height !== undefined) onHead({ height: BigInt(head.height), round: head.round ?? 0 }, at);
  });
  socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'subscribe', params: { topic: 'finalHeads' } }));
  return () => socket.close();
}

export function closeAgent(): void {
  agent.destroy();
}
