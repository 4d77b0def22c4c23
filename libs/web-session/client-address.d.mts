import type { BlockList } from 'node:net';

export function normalizeAddress(address: string): string;
export function trustedProxies(value?: string): BlockList;
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: BlockList): string;
