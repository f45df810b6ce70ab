import { connect, type Socket } from 'node:net';

/** A TCP connection to an HTTP server on 127.0.0.1, for requests no HTTP client would send. */
export async function rawConnect(url: string): Promise<Socket> {
  const { port } = new URL(url);
  const socket = connect({ host: '127.0.0.1', port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/** Sends `bytes` and collects what comes back until the server closes the connection (or `waitMs` passes). */
export async function rawExchange(
  url: string,
  bytes: string,
  waitMs = 10_000,
): Promise<{ text: string; closedByServer: boolean }> {
  const socket = await rawConnect(url);
  let text = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  socket.on('error', () => {});
  socket.write(bytes);
  const closedByServer = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  socket.destroy();
  return { text, closedByServer };
}

/** The status code of the first HTTP response in `text`, or null. */
export const statusOf = (text: string): number | null => {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return match ? Number(match[1]) : null;
};
