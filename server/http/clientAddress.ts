/**
 * The caller's IP address, for throttling and the audit log. X-Forwarded-For is believed only
 * from a peer listed in TRUST_PROXY: anyone else could write any address into it and so
 * dodge the per-address limit or frame someone else in the audit log.
 */
import { BlockList, isIP } from "node:net";
import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppEnv } from "./context.js";

const lists = new Map<string, BlockList>();

/** "::ffff:10.0.0.1" and "10.0.0.1" are one address. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** The trusted proxies of a TRUST_PROXY value (validated in env.ts), parsed once per value. */
export function trustedProxies(setting: string): BlockList {
  let list = lists.get(setting);
  if (list) return list;
  list = new BlockList();
  for (const entry of setting.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [ip, bits] = entry.split("/") as [string, string | undefined];
    const type = isIP(ip) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  lists.set(setting, list);
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family > 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client behind a chain of proxies: walking X-Forwarded-For from the right (the hop
 * nearest us), skip every trusted proxy; the first address that is not one is the client.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | undefined, trustProxy: string): string {
  const list = trustedProxies(trustProxy);
  let current = normalise(peer);
  if (!forwardedFor || !isTrusted(list, current)) return current;
  const hops = forwardedFor.split(",").map((s) => normalise(s.trim())).filter(Boolean);
  while (isTrusted(list, current) && hops.length) {
    const next = hops.pop()!;
    if (!isIP(next)) break; // A garbled hop: keep the last address we could vouch for.
    current = next;
  }
  return current;
}

/** The caller's address for this request; see the module comment. */
export function clientAddress(c: Context<AppEnv>): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket behind it.
    return c.req.header("x-test-address") ?? "local";
  }
  return resolveClientAddress(peer, c.req.header("x-forwarded-for"), c.var.deps?.env.TRUST_PROXY ?? "");
}
