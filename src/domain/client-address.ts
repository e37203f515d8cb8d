/**
 * Who is on the other end of a request: the socket peer, unless that peer is one of our
 * trusted reverse proxies (TRUSTED_PROXIES), in which case the right-most X-Forwarded-For
 * entry that is not itself a trusted proxy. Entries left of it could be forged by the client.
 */
import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

export interface TrustedProxies {
  trusts(address: string): boolean;
}

/** Parses a comma-separated list of addresses and CIDR ranges; throws on a bad entry. */
export function parseTrustedProxies(list: string | undefined): TrustedProxies {
  const ranges: Range[] = [];
  for (const raw of (list ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) throw new Error(`not an address or CIDR range: ${entry}`);
      ranges.push(ipaddr.parseCIDR(entry));
    } else {
      if (!ipaddr.isValid(entry)) throw new Error(`not an address or CIDR range: ${entry}`);
      const ip = ipaddr.parse(entry);
      ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    }
  }
  return {
    trusts(address) {
      const ip = parse(address);
      if (!ip) return false;
      return ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match([net, bits] as never));
    },
  };
}

/** IPv4-mapped IPv6 (::ffff:1.2.3.4, as Node reports IPv4 peers on dual-stack) counts as IPv4. */
function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(trimmed)) return null;
  return ipaddr.process(trimmed);
}

export function normalizeAddress(address: string): string {
  return parse(address)?.toString() ?? address;
}

export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  if (!peer) return 'unknown';
  if (!trusted.trusts(peer) || !forwardedFor) return normalizeAddress(peer);
  const hops = forwardedFor.split(',').map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!parse(hop)) return normalizeAddress(peer);
    if (!trusted.trusts(hop)) return normalizeAddress(hop);
  }
  // Every hop is one of ours: the left-most is as close to the client as we can know.
  return normalizeAddress(hops[0] ?? peer);
}

/** Whether the request reached us over TLS: directly (an https URL) or through a trusted proxy that says so. */
export function cameOverTls(url: string, peer: string | undefined, forwardedProto: string | undefined, trusted: TrustedProxies): boolean {
  if (url.startsWith('https:')) return true;
  if (!peer || !trusted.trusts(peer) || !forwardedProto) return false;
  return forwardedProto.split(',')[0]?.trim().toLowerCase() === 'https';
}
