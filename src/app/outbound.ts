/**
 * The outbound-URL policy: where Stockroom may send a request on a caller's behalf (webhook
 * subscriptions, back-in-stock webhook subscribers). A URL registered through the API must not
 * turn the server into a proxy towards what only the server can reach: cloud metadata
 * (169.254.169.254), the database (127.0.0.1:5432), the private network.
 *
 * Checked twice: when a URL is registered (its literal address, or what its name resolves to
 * then) and on every delivery, after resolution, by the connection itself: the dispatcher's
 * `lookup` resolves, checks every address and hands the socket the checked address, so a name
 * that resolves to a public address at registration and to an internal one later (DNS
 * rebinding) is refused before any socket is opened. Redirects are never followed. An operator
 * may allow hosts explicitly (STOCKROOM_WEBHOOK_ALLOW_HOSTS): see docs/security.md.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';
import { loadConfig } from '../config.ts';
import { fail, type ErrorCode } from '../domain/errors.ts';

export type RefusalReason = 'invalid_url' | 'scheme' | 'credentials' | 'port' | 'host' | 'address';

/** Why a URL or an address was refused. Has no `code`, so a failed attempt records its message. */
export class OutboundRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`refused by the outbound policy: ${message}`);
    this.name = 'OutboundRefused';
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Name to addresses; injected so tests resolve made-up names without DNS (or a connection). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err
        ? reject(err)
        : resolve(addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))),
    ),
  );

export interface OutboundPolicyOptions {
  /** Host names, IP addresses or CIDR ranges an operator trusts: exempt from the address and port rules. */
  allowHosts?: readonly string[];
  resolve?: Resolver;
  /** At registration, a name that does not resolve within this is accepted (delivery checks again). */
  registrationResolveTimeoutMs?: number;
}

/**
 * Ports a URL may name besides 80 and 443: 1024-65535, except the usual ports of data stores and
 * control planes, which have no business receiving a webhook and are classic SSRF targets.
 */
export const BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1080, // SOCKS proxies
  2375,
  2376, // Docker API
  2379,
  2380, // etcd
  3306, // MySQL
  4222, // NATS
  5432, // PostgreSQL
  5672, // AMQP
  5984, // CouchDB
  6379, // Redis
  6443, // Kubernetes API
  8500, // Consul
  9092, // Kafka
  9200,
  9300, // Elasticsearch
  10250,
  10255, // kubelet
  11211, // memcached
  27017, // MongoDB
]);

/** Names that always mean this machine or a cloud's metadata service, whatever DNS says. */
const FORBIDDEN_NAMES = ['localhost', 'metadata', 'metadata.google.internal', 'instance-data'];
/** Metadata services reachable at addresses that are otherwise ordinary unicast. */
const METADATA_ADDRESSES = new Set(['168.63.129.16', '169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

const normalizeHost = (host: string) =>
  host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');

/** An address as ipaddr.js reads it, with IPv4-mapped IPv6 (::ffff:a.b.c.d) unwrapped. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

/**
 * Why an address may not be reached, or null when it may: only global unicast passes (not
 * private, loopback, link-local, unique-local, CGNAT, multicast, broadcast, unspecified,
 * reserved, documentation, NAT64/6to4/Teredo wrappers, nor a metadata address).
 */
export function forbiddenAddressReason(address: string): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return 'is not an IP address';
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString()) || METADATA_ADDRESSES.has(parsed.toString()))
    return 'is a cloud metadata address';
  const range = parsed.range();
  return range === 'unicast' ? null : `is a ${range} address`;
}

export class OutboundPolicy {
  private readonly names = new Set<string>();
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  private readonly resolve: Resolver;
  private readonly registrationTimeoutMs: number;
  private dispatcher: Agent | null = null;

  constructor(options: OutboundPolicyOptions = {}) {
    this.resolve = options.resolve ?? systemResolver;
    this.registrationTimeoutMs = options.registrationResolveTimeoutMs ?? 2_000;
    for (const raw of options.allowHosts ?? []) {
      const entry = normalizeHost(raw.trim());
      if (entry === '') continue;
      if (entry.includes('/') && ipaddr.isValidCIDR(entry)) {
        this.ranges.push(ipaddr.parseCIDR(entry));
      } else {
        const address = parseAddress(entry);
        if (address) this.ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
        else this.names.add(entry);
      }
    }
  }

  /** Whether the operator allowed this host name or address. */
  allows(host: string): boolean {
    const name = normalizeHost(host);
    if (this.names.has(name)) return true;
    const address = parseAddress(name);
    return (
      address !== null &&
      this.ranges.some(([net, bits]) => address.kind() === net.kind() && address.match(net, bits))
    );
  }

  /**
   * The checks that need no DNS: an absolute http(s) URL, no credentials, an allowed port, and,
   * when the host is an IP literal (in any spelling: the URL parser turns 2130706433, 0x7f.1 and
   * 0177.0.0.1 into 127.0.0.1), an allowed address. Returns the parsed URL.
   */
  checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new OutboundRefused('invalid_url', 'not an absolute URL', { url: raw });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new OutboundRefused('scheme', `only http:// and https:// URLs, not ${url.protocol}`, {
        url: raw,
      });
    if (url.username || url.password)
      throw new OutboundRefused(
        'credentials',
        'the URL may not carry credentials; the signature authenticates',
        {
          url: raw,
        },
      );
    const host = normalizeHost(url.hostname);
    if (this.allows(host)) return url;
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    if (port !== 80 && port !== 443 && (port < 1024 || BLOCKED_PORTS.has(port)))
      throw new OutboundRefused(
        'port',
        `port ${port} is not allowed (80, 443, or 1024-65535 except internal service ports)`,
        {
          url: raw,
          port,
        },
      );
    if (ipaddr.isValid(host)) {
      this.checkAddress(host, host);
    } else if (host.endsWith('.localhost') || FORBIDDEN_NAMES.includes(host)) {
      throw new OutboundRefused('host', `${host} names this machine or a metadata service`, {
        url: raw,
        host,
      });
    }
    return url;
  }

  /** Throws unless `address` (what `host` resolved to) may be reached. */
  checkAddress(host: string, address: string): void {
    if (this.allows(host) || this.allows(address)) return;
    const why = forbiddenAddressReason(address);
    if (why)
      throw new OutboundRefused(
        'address',
        `${host === address ? address : `${host} resolves to ${address}, which`} ${why}`,
        {
          host,
          address,
        },
      );
  }

  /** Resolves a name and checks every address it has: one forbidden address refuses the name. */
  async resolveChecked(host: string): Promise<ResolvedAddress[]> {
    const name = normalizeHost(host);
    const parsed = parseAddress(name);
    const addresses = parsed
      ? [{ address: name, family: parsed.kind() === 'ipv4' ? 4 : 6 } as const]
      : await this.resolve(name);
    if (addresses.length === 0) throw new OutboundRefused('host', `${name} has no address`, { host: name });
    for (const a of addresses) this.checkAddress(name, a.address);
    return addresses;
  }

  /**
   * For a URL being registered: the URL checks, then the name's addresses as DNS gives them now.
   * A name that does not resolve (yet) is accepted: every delivery resolves and checks again.
   */
  async checkRegistration(raw: string): Promise<void> {
    const url = this.checkUrl(raw);
    const host = normalizeHost(url.hostname);
    if (this.allows(host) || ipaddr.isValid(host)) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.registrationTimeoutMs);
    });
    try {
      const addresses = await Promise.race([this.resolve(host).catch(() => null), timeout]);
      for (const a of addresses ?? []) this.checkAddress(host, a.address);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A `lookup` for sockets (net.connect, undici's `connect.lookup`): resolves with this policy
   * and hands the socket only addresses it has checked, so the address checked is the address
   * connected to. (IP literals skip `lookup` in Node: `fetch` checks those from the URL.)
   */
  readonly lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    this.resolveChecked(hostname).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: Error) => callback(err, ''),
    );
  };

  /** One pooled dispatcher per policy: connections are reused, each was checked when opened. */
  private agent(): Agent {
    this.dispatcher ??= new Agent({ connect: { lookup: this.lookup } });
    return this.dispatcher;
  }

  /**
   * `fetch` through the policy: the URL is checked and its name resolved and checked before
   * anything is sent (a refusal opens no socket), the connection goes only to addresses checked
   * again at connect time (DNS rebinding in between is caught there), and redirects are never
   * followed (a 3xx is the answer: a failed delivery).
   */
  readonly fetch = (async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const url = this.checkUrl(String(input));
    const host = normalizeHost(url.hostname);
    if (!this.allows(host) && !ipaddr.isValid(host)) await this.resolveChecked(host);
    const res = await undiciFetch(url, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      redirect: 'manual',
      dispatcher: this.agent(),
    });
    return res as unknown as Response;
  }) as typeof fetch;

  async close(): Promise<void> {
    await this.dispatcher?.close();
    this.dispatcher = null;
  }
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * Registration-time check of a URL given through the API: a refusal is a 400 with `code`, its
 * details naming the field, the reason (scheme, credentials, port, host, address) and more.
 */
export async function checkOutboundUrl(
  ctx: { outbound: OutboundPolicy },
  url: string,
  code: Extract<ErrorCode, 'invalid_webhook' | 'invalid_contact'>,
  field: string,
): Promise<void> {
  try {
    await ctx.outbound.checkRegistration(url);
  } catch (err) {
    if (!(err instanceof OutboundRefused)) throw err;
    const more = Object.fromEntries(Object.entries(err.details).filter(([k]) => k !== 'url'));
    fail(code, `${field}: ${err.message}`, { [field]: url, reason: err.reason, ...more });
  }
}

let processDefault: OutboundPolicy | null = null;

/** The policy from the environment (STOCKROOM_WEBHOOK_ALLOW_HOSTS), made once per process. */
export function defaultOutboundPolicy(): OutboundPolicy {
  processDefault ??= new OutboundPolicy({ allowHosts: loadConfig().webhookAllowHosts });
  return processDefault;
}

/** `fetch` through the process's default policy: what deliveries use unless given another. */
export const outboundFetch = ((input: string | URL, init?: RequestInit) =>
  defaultOutboundPolicy().fetch(input, init)) as typeof fetch;
