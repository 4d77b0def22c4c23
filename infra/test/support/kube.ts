// Rendering overlays with kubectl's kustomize, validating objects against the Kubernetes API
// schemas (kubernetes-models, offline), and the small bits of Kubernetes semantics the
// cross-reference checks need (label selectors, NetworkPolicy peers).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { root } from './code-facts.js';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };

export function requireKubectl(): void {
  if (!existsSync(KUBECTL)) {
    throw new Error(`kubectl is missing at ${KUBECTL}: install kubectl >= 1.27 (it renders the kustomize overlays) or point KUBECTL at it`);
  }
}

export function render(dir: string): K8sObject[] {
  requireKubectl();
  const result = spawnSync(KUBECTL, ['kustomize', join(root, dir)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr || result.error}`);
  return parseYamlDocuments(result.stdout) as K8sObject[];
}

export function parseYamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('; '));
    return doc.toJS();
  }).filter((o) => o != null);
}

/** kubernetes-models' module for an apiVersion: `v1` → kubernetes-models/v1, `apps/v1` → kubernetes-models/apps/v1. */
export async function validateObject(object: K8sObject): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let models: Record<string, any>;
  try {
    models = await import(`kubernetes-models/${object.apiVersion}`);
  } catch {
    throw new Error(`${object.kind}/${object.metadata.name}: no schema for apiVersion ${object.apiVersion}`);
  }
  const Model = models[object.kind];
  if (typeof Model !== 'function') throw new Error(`${object.kind}/${object.metadata.name}: ${object.apiVersion} has no kind ${object.kind}`);
  new Model(object).validate();
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export function selects(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    if (e.operator === 'In' && !(has && (e.values ?? []).includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && (e.values ?? []).includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export interface Pod {
  labels: Record<string, string>;
  namespace: string;
}

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string };
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: { port?: number | string; protocol?: string }[];
}

function peerMatches(peer: Peer, other: Pod | { namespaceLabels: Record<string, string> }, policyNamespace: string): boolean {
  if (peer.ipBlock) return false; // pod-to-pod edges never rely on address ranges here
  if ('labels' in other) {
    if (peer.namespaceSelector) {
      if (!selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': other.namespace })) return false;
    } else if (other.namespace !== policyNamespace) return false;
    return selects(peer.podSelector, other.labels);
  }
  return !peer.podSelector && !!peer.namespaceSelector && selects(peer.namespaceSelector, other.namespaceLabels);
}

function portMatches(rule: Rule, port: number): boolean {
  return !rule.ports || rule.ports.some((p) => p.port === undefined || p.port === port);
}

function policiesFor(policies: K8sObject[], pod: Pod, type: 'Ingress' | 'Egress'): K8sObject[] {
  return policies.filter(
    (p) => (p.metadata.namespace ?? pod.namespace) === pod.namespace && selects(p.spec.podSelector, pod.labels) && (p.spec.policyTypes ?? ['Ingress']).includes(type),
  );
}

/** Whether NetworkPolicies let `from` open a TCP connection to `to` on `port` (both ends). */
export function allowed(policies: K8sObject[], from: Pod, to: Pod, port: number): { egress: boolean; ingress: boolean } {
  const egressPolicies = policiesFor(policies, from, 'Egress');
  const egress =
    egressPolicies.length === 0 ||
    egressPolicies.some((p) => (p.spec.egress ?? []).some((r: Rule) => (!r.to || r.to.some((peer) => peerMatches(peer, to, p.metadata.namespace ?? from.namespace))) && portMatches(r, port)));
  const ingressPolicies = policiesFor(policies, to, 'Ingress');
  const ingress =
    ingressPolicies.length === 0 ||
    ingressPolicies.some((p) => (p.spec.ingress ?? []).some((r: Rule) => (!r.from || r.from.some((peer) => peerMatches(peer, from, p.metadata.namespace ?? to.namespace))) && portMatches(r, port)));
  return { egress, ingress };
}

/** Whether pods of a namespace (e.g. the ingress controller's) may reach `to` on `port`. */
export function allowedFromNamespace(policies: K8sObject[], namespace: string, to: Pod, port: number): boolean {
  const ingressPolicies = policiesFor(policies, to, 'Ingress');
  return (
    ingressPolicies.length === 0 ||
    ingressPolicies.some((p) =>
      (p.spec.ingress ?? []).some(
        (r: Rule) => (!r.from || r.from.some((peer) => peerMatches(peer, { namespaceLabels: { 'kubernetes.io/metadata.name': namespace } }, p.metadata.namespace ?? to.namespace))) && portMatches(r, port),
      ),
    )
  );
}

/** Egress from a pod to anything outside the cluster on `port` (managed Postgres, Redis, SMTP). */
export function allowedOut(policies: K8sObject[], from: Pod, port: number): boolean {
  const egressPolicies = policiesFor(policies, from, 'Egress');
  return egressPolicies.length === 0 || egressPolicies.some((p) => (p.spec.egress ?? []).some((r: Rule) => (!r.to || r.to.some((peer) => !!peer.ipBlock)) && portMatches(r, port)));
}
