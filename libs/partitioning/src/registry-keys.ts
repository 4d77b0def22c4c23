/**
 * Keys of a service's instance registry. Both share the hash tag `{partitions:<service>}` so the
 * scripts that touch both run on one Redis Cluster slot.
 */
export interface RegistryKeys {
  /** Sorted set: instance id → expiry (Redis server time, ms since the epoch). */
  instances: string;
  /** Hash: instance id → URL. */
  urls: string;
}

export function registryKeys(prefix: string, service: string): RegistryKeys {
  if (!/^[a-z][a-z0-9-]*$/.test(service)) throw new RangeError(`service must match [a-z][a-z0-9-]*, got ${service}`);
  const tag = `${prefix}{partitions:${service}}`;
  return { instances: `${tag}:instances`, urls: `${tag}:urls` };
}
