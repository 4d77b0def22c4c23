import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type AssignmentChange, InstanceRegistry, PartitionRouter } from '../src/index.js';
import { eventually, newRedis, startRegisteredInstance, uniquePrefix } from './support.js';

const connections = [newRedis(), newRedis(), newRedis()];
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit()));
});

const SKUS = Array.from({ length: 2_000 }, (_, i) => `sku-${i}`);

/** An inventory instance: registers itself (own connection) and keeps its own router. */
async function startInstance(prefix: string, id: string, connection = 0): Promise<InstanceRegistry> {
  const registry = new InstanceRegistry({ redis: connections[connection]!, prefix, heartbeatMs: 50, ttlMs: 500 });
  cleanups.push(() => registry.stop());
  await registry.register({ id, url: `http://${id}.local:3004`, service: 'inventory' });
  return registry;
}

/** A gateway: reads the registry through its own connection and routes. */
async function startGateway(prefix: string, connection: number): Promise<PartitionRouter> {
  const source = new InstanceRegistry({ redis: connections[connection]!, prefix });
  const router = new PartitionRouter({ source, partitions: 64, refreshMs: 25 });
  cleanups.push(() => router.stop());
  await router.start();
  return router;
}

function ownersOf(router: PartitionRouter): (string | undefined)[] {
  return Array.from({ length: router.partitions }, (_, p) => router.ownerOfPartition(p)?.id);
}

describe('partition routing over the real Redis registry', () => {
  it('two gateways agree on the owner of every SKU', async () => {
    const prefix = uniquePrefix();
    await startInstance(prefix, 'inv-1');
    await startInstance(prefix, 'inv-2', 1);
    await startInstance(prefix, 'inv-3', 2);
    const gatewayA = await startGateway(prefix, 1);
    const gatewayB = await startGateway(prefix, 2);
    expect(gatewayA.instances.map((i) => i.id)).toEqual(['inv-1', 'inv-2', 'inv-3']);
    for (const sku of SKUS) expect(gatewayB.instanceFor(sku)).toEqual(gatewayA.instanceFor(sku));
    const owners = ownersOf(gatewayA);
    for (const id of ['inv-1', 'inv-2', 'inv-3']) expect(owners).toContain(id);
    expect(gatewayA.instanceFor('sku-1')?.url).toMatch(/^http:\/\/inv-\d\.local:3004$/);
  });

  it('a joining instance takes only its share; its own router tells it which partitions it got', async () => {
    const prefix = uniquePrefix();
    await startInstance(prefix, 'inv-1');
    await startInstance(prefix, 'inv-2');
    await startInstance(prefix, 'inv-3');
    const gateway = await startGateway(prefix, 1);
    const before = ownersOf(gateway);

    const changes: AssignmentChange[] = [];
    const joiner = await startInstance(prefix, 'inv-4', 2);
    const joinerRouter = new PartitionRouter({ source: joiner, partitions: 64, refreshMs: 25 });
    joinerRouter.onChange((change) => void changes.push(change));
    cleanups.push(() => joinerRouter.stop());
    await joinerRouter.start();
    await gateway.refresh(); // immediate refresh instead of waiting for the next period

    const after = ownersOf(gateway);
    const moved = after.flatMap((owner, p) => (owner === before[p] ? [] : [p]));
    for (const p of moved) expect(after[p]).toBe('inv-4');
    expect(moved).toEqual(gateway.partitionsOwnedBy('inv-4'));
    expect(moved.length).toBeGreaterThan(4); // about 16 of 64
    expect(moved.length).toBeLessThan(32);
    expect(joinerRouter.partitionsOwnedBy('inv-4')).toEqual(moved);
    expect(changes.at(-1)!.current.partitionsOwnedBy('inv-4')).toEqual(moved);
  });

  it('a gracefully stopped instance hands its partitions over at once, and only those move', async () => {
    const prefix = uniquePrefix();
    await startInstance(prefix, 'inv-1');
    const leaving = await startInstance(prefix, 'inv-2');
    await startInstance(prefix, 'inv-3');
    const gateway = await startGateway(prefix, 1);
    const before = ownersOf(gateway);
    const itsPartitions = gateway.partitionsOwnedBy('inv-2');
    expect(itsPartitions.length).toBeGreaterThan(0);

    const changes: AssignmentChange[] = [];
    gateway.onChange((change) => void changes.push(change));
    await leaving.deregister();
    await gateway.refresh();

    expect(changes).toHaveLength(1);
    expect(changes[0]!.moved).toEqual(itsPartitions);
    const after = ownersOf(gateway);
    after.forEach((owner, p) => (itsPartitions.includes(p) ? expect(owner).not.toBe('inv-2') : expect(owner).toBe(before[p])));
  });

  it('a crashed instance (SIGKILL) loses its partitions after the TTL, and only those move', async () => {
    const prefix = uniquePrefix();
    await startInstance(prefix, 'inv-1');
    await startInstance(prefix, 'inv-3');
    const child = await startRegisteredInstance(prefix, 'inv-2', 'http://inv-2.local:3004', cleanups);
    const gatewayA = await startGateway(prefix, 1);
    const gatewayB = await startGateway(prefix, 2);
    const before = ownersOf(gatewayA);
    const itsPartitions = gatewayA.partitionsOwnedBy('inv-2');
    expect(itsPartitions.length).toBeGreaterThan(0);
    const moves = new Promise<AssignmentChange>((resolve) => gatewayA.onChange(resolve));

    child.kill('SIGKILL');
    const change = await moves; // the periodic refresh notices the expiry
    expect(change.moved).toEqual(itsPartitions);
    const after = ownersOf(gatewayA);
    after.forEach((owner, p) => (itsPartitions.includes(p) ? expect(['inv-1', 'inv-3']).toContain(owner) : expect(owner).toBe(before[p])));
    await eventually(() => expect(ownersOf(gatewayB)).toEqual(after));
  });
});
