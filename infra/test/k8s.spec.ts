// infra/k8s: every overlay renders, every object is valid against the Kubernetes API schemas,
// and the objects agree with each other and with the code (variables read, addresses called).
import { describe, expect, it } from 'vitest';
import { appVariables, deployableApps } from './support/code-facts.js';
import { allowed, allowedFromNamespace, allowedOut, type K8sObject, type Pod, render, selects, validateObject } from './support/kube.js';
import { runbookSecrets } from './support/runbook.js';
import { differences } from '../k8s/generate.js';

const OVERLAYS = ['infra/k8s/overlays/dev', 'infra/k8s/overlays/production'];
const INGRESS_NAMESPACE = 'ingress-nginx';
const MONITORING_NAMESPACE = 'monitoring';
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'Job']);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const podSpecOf = (o: K8sObject): Any => o.spec.template.spec;
const podOf = (o: K8sObject): Pod => ({ labels: o.spec.template.metadata.labels ?? {}, namespace: o.metadata.namespace ?? 'default' });

/** A container's variables: explicit env and every key of the ConfigMaps it loads. */
function containerEnv(objects: K8sObject[], container: Any, namespace: string): Map<string, string | null> {
  const env = new Map<string, string | null>();
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name && (o.metadata.namespace ?? 'default') === namespace);
    if (!map) throw new Error(`ConfigMap ${name} is loaded but not defined`);
    for (const [k, v] of Object.entries(map.data ?? {})) env.set(k, String(v));
  }
  for (const e of container.env ?? []) env.set(e.name, e.value ?? null);
  return env;
}

describe('infra/k8s base', () => {
  it('is what generate.ts writes from platform.ts', () => {
    expect(differences(), 'run `npm run generate -w infra`').toEqual([]);
  });
});

describe.each(OVERLAYS)('%s', (overlay) => {
  const objects = render(overlay);
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const deployments = of('Deployment');
  const byApp = new Map(deployments.map((d) => [d.metadata.name, d]));
  const policies = of('NetworkPolicy');

  it('renders objects in one namespace', () => {
    expect(objects.length).toBeGreaterThan(50);
    const namespaces = new Set(objects.filter((o) => o.kind !== 'Namespace').map((o) => o.metadata.namespace));
    expect([...namespaces]).toHaveLength(1);
    expect(of('Namespace').map((n) => n.metadata.name)).toEqual([...namespaces]);
  });

  it('holds only objects valid against the Kubernetes API schemas', async () => {
    const failures: string[] = [];
    for (const object of objects) {
      try {
        await validateObject(object);
      } catch (error) {
        failures.push(`${object.kind}/${object.metadata.name}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('deploys every app', () => {
    for (const app of deployableApps()) expect(byApp.has(app), `Deployment ${app}`).toBe(true);
  });

  it('has Services that each select a Deployment and target one of its container ports', () => {
    for (const service of of('Service')) {
      const targets = deployments.filter((d) => selects({ matchLabels: service.spec.selector }, d.spec.template.metadata.labels));
      expect(targets.length, `Service ${service.metadata.name} selects no Deployment`).toBeGreaterThan(0);
      for (const d of targets) {
        const ports = podSpecOf(d).containers.flatMap((c: Any) => c.ports ?? []);
        for (const p of service.spec.ports) {
          const target = p.targetPort ?? p.port;
          const match = ports.some((cp: Any) => cp.name === target || cp.containerPort === target);
          expect(match, `Service ${service.metadata.name} port ${p.port} → ${target} has no containerPort in ${d.metadata.name}`).toBe(true);
          if (typeof target === 'string') expect(ports.find((cp: Any) => cp.name === target).containerPort).toBe(p.port);
        }
      }
    }
  });

  it('selects its own pods in every Deployment, PDB and HPA', () => {
    for (const d of deployments) expect(selects(d.spec.selector, d.spec.template.metadata.labels), d.metadata.name).toBe(true);
    for (const pdb of of('PodDisruptionBudget')) {
      expect(deployments.some((d) => selects(pdb.spec.selector, d.spec.template.metadata.labels)), `PDB ${pdb.metadata.name}`).toBe(true);
    }
    for (const hpa of of('HorizontalPodAutoscaler')) {
      const ref = hpa.spec.scaleTargetRef;
      expect(ref.kind === 'Deployment' && byApp.has(ref.name), `HPA ${hpa.metadata.name} → ${ref.kind}/${ref.name}`).toBe(true);
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
      // The HPA owns the replica count: a Deployment asking for fewer would be raised at once.
      expect(byApp.get(ref.name)!.spec.replicas, `${ref.name} replicas vs HPA min`).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
    }
  });

  it('probes every app on /health/live and /health/ready and bounds its resources', () => {
    for (const app of deployableApps()) {
      const d = byApp.get(app)!;
      const spec = podSpecOf(d);
      const c = spec.containers[0];
      const port = c.ports.find((p: Any) => p.name === c.readinessProbe.httpGet.port || p.containerPort === c.readinessProbe.httpGet.port);
      expect(c.readinessProbe.httpGet.path, app).toBe('/health/ready');
      expect(c.livenessProbe.httpGet.path, app).toBe('/health/live');
      expect(port, `${app}: the probes use a declared port`).toBeDefined();
      expect(c.resources.requests.cpu && c.resources.requests.memory && c.resources.limits.cpu && c.resources.limits.memory, app).toBeTruthy();
      expect(spec.securityContext.runAsNonRoot, app).toBe(true);
      expect(c.securityContext.allowPrivilegeEscalation, app).toBe(false);
    }
  });

  it('sets every variable each app needs (read from its config), and none it does not read', () => {
    const problems: string[] = [];
    for (const app of deployableApps()) {
      const d = byApp.get(app)!;
      const vars = appVariables(app);
      const env = containerEnv(objects, podSpecOf(d).containers[0], d.metadata.namespace ?? 'default');
      for (const name of vars.needed) if (!env.has(name)) problems.push(`${app}: ${name} is not set (${vars.source})`);
      for (const c of vars.conditional) if (env.get(c.when) === c.equals && !env.has(c.variable)) problems.push(`${app}: ${c.variable} is needed with ${c.when}=${c.equals}`);
      for (const name of env.keys()) if (!vars.known.has(name) && name !== 'POD_IP') problems.push(`${app}: sets ${name}, which it does not read`);
    }
    expect(problems).toEqual([]);
  });

  it('listens on the ports it declares', () => {
    for (const app of deployableApps()) {
      const d = byApp.get(app)!;
      const c = podSpecOf(d).containers[0];
      const env = containerEnv(objects, c, d.metadata.namespace ?? 'default');
      const portVar = [...env.keys()].find((k) => k.endsWith('_PORT') && !k.endsWith('METRICS_PORT'));
      expect(portVar, `${app} sets its port`).toBeDefined();
      expect(c.ports.map((p: Any) => p.containerPort), app).toContain(Number(env.get(portVar!)));
      const host = env.get('HOST') ?? [...env.entries()].find(([k]) => k.endsWith('_HOST') && !k.includes('METRICS'))?.[1];
      expect(host, `${app} binds all interfaces in its pod`).toBe('0.0.0.0');
    }
  });

  it('references only Secrets and keys the runbook creates', () => {
    const created = runbookSecrets();
    const refs: string[] = [];
    for (const w of objects.filter((o) => WORKLOADS.has(o.kind))) {
      for (const c of podSpecOf(w).containers) {
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (!ref) continue;
          refs.push(`${ref.name}/${ref.key}`);
          expect(created.get(ref.name)?.has(ref.key), `${w.metadata.name}: ${e.name} from Secret ${ref.name} key ${ref.key}, which infra/README.md never creates`).toBe(true);
        }
        expect(c.env?.some((e: Any) => /SECRET|PASSWORD|TOKEN|_KEY$/.test(e.name) && e.value !== undefined), `${w.metadata.name}: a secret value written in a manifest`).toBeFalsy();
      }
    }
    for (const tls of of('Ingress').flatMap((i) => i.spec.tls ?? [])) expect(created.has(tls.secretName), `TLS Secret ${tls.secretName}`).toBe(true);
    expect(of('Secret'), 'Secrets are created by the operator, never committed').toEqual([]);
    expect(refs.length).toBeGreaterThan(10);
  });

  it('lets every call the apps make through the NetworkPolicies, and no other', () => {
    const problems: string[] = [];
    const services = of('Service');
    const edges = new Set<string>();
    for (const d of deployments) {
      const env = containerEnv(objects, podSpecOf(d).containers[0], d.metadata.namespace ?? 'default');
      for (const [name, value] of env) {
        if (!value) continue;
        const url = /^https?:\/\/([^:/]+|\$\(POD_IP\)):(\d+)/.exec(value);
        if (!url) continue;
        const port = Number(url[2]);
        let target: K8sObject | undefined;
        if (url[1] === '$(POD_IP)') target = d; // its own address, which its peers call
        else {
          const svc = services.find((s) => s.metadata.name === url[1]);
          if (!svc) {
            problems.push(`${d.metadata.name}: ${name}=${value} names no Service`);
            continue;
          }
          if (!svc.spec.ports.some((p: Any) => p.port === port)) problems.push(`${d.metadata.name}: ${name}=${value}: Service ${svc.metadata.name} has no port ${port}`);
          target = deployments.find((t) => selects({ matchLabels: svc.spec.selector }, t.spec.template.metadata.labels));
        }
        if (!target) continue;
        edges.add(`${d.metadata.name}->${target.metadata.name}:${port}`);
        const verdict = allowed(policies, podOf(d), podOf(target), port);
        if (!verdict.egress) problems.push(`${d.metadata.name} may not send to ${target.metadata.name}:${port} (${name})`);
        if (!verdict.ingress) problems.push(`${target.metadata.name} does not accept ${d.metadata.name} on ${port} (${name})`);
      }
      // Apps that know the partition count route to inventory instances found in the partition
      // registry (pod addresses, no URL variable): payments' saga steps, pricing, the gateway.
      if (deployableApps().includes(d.metadata.name) && appVariables(d.metadata.name).known.has('INVENTORY_PARTITIONS')) {
        const inventory = byApp.get('inventory')!;
        const port = podSpecOf(inventory).containers[0].ports[0].containerPort;
        edges.add(`${d.metadata.name}->inventory:${port}`);
        const verdict = allowed(policies, podOf(d), podOf(inventory), port);
        if (!verdict.egress || !verdict.ingress) problems.push(`${d.metadata.name} cannot reach inventory instances on ${port} (partition registry)`);
      }
      const secretEnv = new Set((podSpecOf(d).containers[0].env ?? []).map((e: Any) => e.name));
      if (secretEnv.has('DATABASE_URL') && !allowedOut(policies, podOf(d), 5432)) problems.push(`${d.metadata.name} may not reach Postgres`);
      if (secretEnv.has('REDIS_URL') && !allowedOut(policies, podOf(d), 6379)) problems.push(`${d.metadata.name} may not reach Redis`);
    }
    // No edge beyond those: a pod of the platform reaches another's port only if it calls it.
    for (const from of deployments) {
      for (const to of deployments) {
        for (const p of podSpecOf(to).containers[0].ports) {
          const v = allowed(policies, podOf(from), podOf(to), p.containerPort);
          const storeClient = ['postgres', 'redis'].includes(to.metadata.name); // dev overlay's in-namespace stores, checked above
          if (v.egress && v.ingress && !edges.has(`${from.metadata.name}->${to.metadata.name}:${p.containerPort}`) && !storeClient) {
            problems.push(`${from.metadata.name} can reach ${to.metadata.name}:${p.containerPort} without calling it`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lets the ingress controller reach only the gateway, storefront and admin, and monitoring only metrics ports', () => {
    const edge = new Set(['gateway', 'storefront', 'admin']);
    for (const d of deployments) {
      for (const p of podSpecOf(d).containers[0].ports) {
        const fromIngress = allowedFromNamespace(policies, INGRESS_NAMESPACE, podOf(d), p.containerPort);
        expect(fromIngress, `${d.metadata.name}:${p.containerPort} from the ingress controller`).toBe(edge.has(d.metadata.name) && p.name === 'http');
      }
      const scrape = d.spec.template.metadata.annotations?.['prometheus.io/port'];
      if (scrape) expect(allowedFromNamespace(policies, MONITORING_NAMESPACE, podOf(d), Number(scrape)), `${d.metadata.name} scraped on ${scrape}`).toBe(true);
    }
    expect(policies.some((p) => p.metadata.name === 'default-deny' && Object.keys(p.spec.podSelector).length === 0)).toBe(true);
  });

  it('routes the Ingress to existing Services and ports', () => {
    const ingresses = of('Ingress');
    expect(ingresses).toHaveLength(1);
    const backends = ingresses[0].spec.rules.flatMap((r: Any) => r.http.paths.map((p: Any) => p.backend.service));
    expect(backends.map((b: Any) => b.name).sort()).toEqual(['admin', 'gateway', 'storefront']);
    for (const b of backends) {
      const svc = of('Service').find((s) => s.metadata.name === b.name);
      expect(svc?.spec.ports.some((p: Any) => p.port === b.port.number), `${b.name}:${b.port.number}`).toBe(true);
    }
  });

  it('spreads inventory instances across zones and gives every instance its own address', () => {
    const inventory = byApp.get('inventory')!;
    const spread = podSpecOf(inventory).topologySpreadConstraints ?? [];
    const zone = spread.find((c: Any) => c.topologyKey === 'topology.kubernetes.io/zone');
    expect(zone).toBeDefined();
    expect(selects(zone.labelSelector, inventory.spec.template.metadata.labels)).toBe(true);
    if (overlay.endsWith('production')) expect(zone.whenUnsatisfiable).toBe('DoNotSchedule');
    const env = podSpecOf(inventory).containers[0].env;
    expect(env.find((e: Any) => e.name === 'POD_IP').valueFrom.fieldRef.fieldPath).toBe('status.podIP');
    expect(env.find((e: Any) => e.name === 'INSTANCE_ID').valueFrom.fieldRef.fieldPath).toBe('metadata.name');
    expect(of('HorizontalPodAutoscaler').some((h) => h.spec.scaleTargetRef.name === 'inventory'), 'inventory is scaled by hand before a sale').toBe(false);
  });

  it('gives every scaled app a PodDisruptionBudget and the stateless ones a CPU autoscaler', () => {
    for (const app of deployableApps()) {
      const d = byApp.get(app)!;
      expect(of('PodDisruptionBudget').some((p) => selects(p.spec.selector, d.spec.template.metadata.labels)), `PDB for ${app}`).toBe(true);
    }
    for (const hpa of of('HorizontalPodAutoscaler')) {
      expect(hpa.spec.metrics.some((m: Any) => m.type === 'Resource' && m.resource.name === 'cpu'), hpa.metadata.name).toBe(true);
    }
    if (overlay.endsWith('production')) {
      const gateway = of('HorizontalPodAutoscaler').find((h) => h.metadata.name === 'gateway')!;
      expect(gateway.spec.metrics.some((m: Any) => m.type === 'Pods' && m.pods.metric.name === 'http_requests_per_second')).toBe(true);
    }
  });
});
