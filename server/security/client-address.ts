import type { IncomingMessage } from 'node:http';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import proxyAddr from 'proxy-addr';

/**
 * Which proxies in front of the server may name the client in `X-Forwarded-For` (TRUST_PROXY):
 * none (the default: the socket's peer is the client), the nearest `hops` proxies, or the proxies at
 * these addresses / CIDRs (`loopback`, `linklocal` and `uniquelocal` name the usual private ranges).
 * Only trusted hops are believed: a client cannot pick its own address by sending the header itself.
 */
export type TrustProxy = { hops: number } | { addresses: string[] } | null;

type TrustFunction = (address: string, hop: number) => boolean;

/** The trust test proxy-addr applies hop by hop, from the socket's peer outwards; throws on a bad address. */
export function compileTrustProxy(trust: TrustProxy): TrustFunction | null {
  if (!trust) return null;
  if ('hops' in trust) {
    const { hops } = trust;
    return (_address, hop) => hop < hops;
  }
  return proxyAddr.compile(trust.addresses);
}

/**
 * `TRUST_PROXY` as written: empty, `false` or `0` for none, a hop count (`1` behind one proxy), or a
 * comma-separated list of addresses and CIDRs. Throws a message for anything else.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return null;
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const addresses = text.split(',').map((item) => item.trim()).filter(Boolean);
  try {
    proxyAddr.compile(addresses);
  } catch (error) {
    throw new Error(`${(error as Error).message}; give a hop count (e.g. 1) or proxy addresses / CIDRs (e.g. 10.0.0.0/8,loopback)`, {
      cause: error,
    });
  }
  return { addresses };
}

/** The client's address for rate limits: the socket's peer, or the first untrusted hop of X-Forwarded-For. */
export function clientAddress(c: Context, trust: TrustFunction | null): string {
  let socketAddress: string | undefined;
  try {
    socketAddress = getConnInfo(c).remote.address;
  } catch {
    // No socket (an in-process request): nothing to go on.
  }
  if (!socketAddress) return 'unknown';
  if (!trust) return socketAddress;
  // proxy-addr reads only these two fields of the request.
  const request = { socket: { remoteAddress: socketAddress }, headers: { 'x-forwarded-for': c.req.header('x-forwarded-for') ?? '' } };
  return proxyAddr(request as unknown as IncomingMessage, trust);
}
