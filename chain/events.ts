import { EventEmitter } from 'node:events';
import type { CommittedInfo } from './consensus/engine.ts';

/** What a node tells its RPC subscribers and the devnet runner about. */
export class NodeEvents extends EventEmitter<{ commit: [CommittedInfo] }> {}
