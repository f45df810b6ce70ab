/**
 * Watches this process for network use, two ways:
 * - hooks on the JavaScript entry points every Node network client ends in (net.Socket#connect, which
 *   http, https, tls, ws and fetch all use; net.Server#listen; dgram sockets; DNS look-ups), recording
 *   each call while it still goes ahead;
 * - the kernel's view: the TCP and UDP sockets listed in /proc/net whose inode is one of this
 *   process's open file descriptors, which also catches sockets made by native code.
 * Unix sockets (the D-Bus connection to the Secret Service, the test runner's own channel) are local
 * IPC, not network, and are deliberately not counted.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import net from 'node:net';

export interface NetworkWatch {
  /** Every network call seen by the hooks since the watch began. */
  readonly calls: string[];
  /** TCP/UDP sockets this process holds right now, as "tcp 127.0.0.1:1234" lines. */
  openSockets(): string[];
  stop(): void;
}

type AnyFunction = (...args: unknown[]) => unknown;

export function watchNetwork(): NetworkWatch {
  const calls: string[] = [];
  const restores: (() => void)[] = [];
  const hook = (target: object, name: string, what: string) => {
    const record = target as Record<string, AnyFunction>;
    const original = record[name]!;
    record[name] = function (this: unknown, ...args: unknown[]) {
      calls.push(`${what} ${describe(args[0])}`);
      return original.apply(this, args);
    };
    restores.push(() => (record[name] = original));
  };
  hook(net.Socket.prototype, 'connect', 'connect');
  hook(net.Server.prototype, 'listen', 'listen');
  hook(dgram.Socket.prototype, 'bind', 'udp bind');
  hook(dgram.Socket.prototype, 'send', 'udp send');
  hook(dns, 'lookup', 'dns lookup');
  hook(dns.promises, 'lookup', 'dns lookup');
  return { calls, openSockets, stop: () => restores.splice(0).forEach((restore) => restore()) };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return describe(value[0]);
  try {
    return JSON.stringify(value)?.slice(0, 120) ?? String(value);
  } catch {
    return String(value);
  }
}

function openSockets(): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  const found: string[] = [];
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    const lines = readFileSync(`/proc/net/${table}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const columns = line.trim().split(/\s+/);
      if (inodes.has(columns[9]!)) found.push(`${table} local ${columns[1]} remote ${columns[2]}`);
    }
  }
  return found;
}
