/** producer.checkEndpoint: one chain.info call to a candidate's endpoint, with a short timeout. */

/** Long enough for a node across the world, short enough that the dashboard does not hang on a dead one. */
const CHECK_TIMEOUT_MS = 5_000;

export interface EndpointCheck {
  reachable: boolean;
  chainId?: string;
  height?: number;
  sameChain?: boolean;
  problem?: 'badUrl' | 'timeout' | 'unreachable' | 'notANode';
}

export async function checkEndpoint(url: string, followedChainId: string | undefined): Promise<EndpointCheck> {
  let target: URL;
  try {
    target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return { reachable: false, problem: 'badUrl' };
  } catch {
    return { reachable: false, problem: 'badUrl' };
  }
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain.info', params: {} }),
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
  } catch (error) {
    return {
      reachable: false,
      problem: error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'unreachable',
    };
  }
  try {
    const body = (await response.json()) as { result?: { chainId?: unknown; height?: unknown } };
    const chainId = body.result?.chainId;
    const height = Number(body.result?.height);
    if (typeof chainId !== 'string' || !Number.isSafeInteger(height)) return { reachable: true, problem: 'notANode' };
    return { reachable: true, chainId, height, ...(followedChainId ? { sameChain: chainId === followedChainId } : {}) };
  } catch {
    return { reachable: true, problem: 'notANode' };
  }
}
