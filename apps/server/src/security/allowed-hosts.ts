import { hostname, networkInterfaces } from 'node:os';

/** Names that always mean this machine. */
export const loopbackHostnames: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** Whether a listen address only accepts connections from this machine. */
export function isLoopbackAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Whether a listen address means every interface. */
export function isWildcardAddress(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * The host names the server answers for: loopback names, the address it listens on (for `0.0.0.0`
 * and `::`, every interface address and the machine's host name), and any given with
 * `--allowed-hosts`. `*` in the list turns the check off.
 */
export function resolveAllowedHosts(listenHost: string, extra: readonly string[]): string[] {
  const hosts = new Set([...loopbackHostnames, ...extra.map(normalizeHostname)]);
  if (isWildcardAddress(listenHost)) {
    hosts.add(hostname().toLowerCase());
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) hosts.add(normalizeHostname(address.address));
    }
  } else {
    hosts.add(normalizeHostname(listenHost));
  }
  return [...hosts];
}

/** `Example.com.` → `example.com`, `[::1]` → `::1`. */
export function normalizeHostname(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/** The host name of a Host header (`example.com:3000`, `[::1]:3000`), or undefined if malformed. */
export function hostHeaderName(header: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]\s]+)(:\d{1,5})?$/i.exec(header.trim());
  return match ? normalizeHostname(match[1]) : undefined;
}
