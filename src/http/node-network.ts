/** The Node entry's RequestNetwork: the socket peer from @hono/node-server, TRUSTED_PROXIES from the env. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { parseTrustedProxies } from '../domain/client-address.js';
import { requestNetwork, type RequestNetwork } from './request-network.js';

export function nodeRequestNetwork(trustedProxies: string | undefined): RequestNetwork {
  return requestNetwork(parseTrustedProxies(trustedProxies), (c: Context) => {
    try {
      return getConnInfo(c).remote.address;
    } catch {
      return undefined;
    }
  });
}
