/**
 * Where a request came from and whether it came over TLS, honouring TRUSTED_PROXIES. The
 * entry supplies the socket peer (Node: the connection's remote address).
 */
import type { Context } from 'hono';
import { cameOverTls, clientAddress, type TrustedProxies } from '../domain/client-address.js';

export interface RequestNetwork {
  clientAddress(c: Context): string;
  overTls(c: Context): boolean;
}

export function requestNetwork(trusted: TrustedProxies, peerOf: (c: Context) => string | undefined): RequestNetwork {
  return {
    clientAddress: (c) => clientAddress(peerOf(c), c.req.header('x-forwarded-for'), trusted),
    overTls: (c) => cameOverTls(c.req.url, peerOf(c), c.req.header('x-forwarded-proto'), trusted),
  };
}

/** Without a known peer (the Workers entry): one address for all, TLS from the URL. */
export const UNKNOWN_NETWORK: RequestNetwork = {
  clientAddress: () => 'unknown',
  overTls: (c) => c.req.url.startsWith('https:'),
};
