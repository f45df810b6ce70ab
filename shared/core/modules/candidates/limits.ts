/** Candidate limits. Consensus rules: changing one changes which bytes or registrations are valid. */
import { MAX_MEMBERS } from '../governance/limits.ts';

export const MAX_CANDIDATE_NAME_BYTES = 32;
/** Candidate names appear in consoles and logs: a plain ASCII charset leaves no look-alikes. */
export const CANDIDATE_NAME_PATTERN = /^[a-z0-9_.-]{1,32}$/;
export const CANDIDATE_NAME_HINT = 'use 1-32 characters from a-z 0-9 _ . -';
export const MAX_ENDPOINT_BYTES = 128;
/** A node's P2P endpoint: visible ASCII, so it reads the same everywhere. */
export const ENDPOINT_PATTERN = /^[\x21-\x7e]{1,128}$/;
export const ENDPOINT_HINT = 'use 1-128 visible ASCII characters (no spaces)';
/** Live candidates (active or jailed): one per member at most. */
export const MAX_CANDIDATES = MAX_MEMBERS;
