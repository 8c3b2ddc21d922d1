import { randomBytes, randomUUID } from 'node:crypto';
import { rfc3339 } from '../argocd/time';
import type { AppRecord } from './AppRecord';

/** A core/v1 Event as Argo CD's events endpoint returns it (swagger `eventsEvent`). */
export interface KubeEvent {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
  };
  involvedObject: {
    kind: string;
    namespace: string;
    name: string;
    uid?: string;
    apiVersion: string;
    resourceVersion?: string;
  };
  reason: string;
  message: string;
  source: { component: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: 'Normal' | 'Warning';
  reportingComponent: string;
  reportingInstance: string;
}

const maxEventsPerApp = 200;
let eventCounter = 0;

/** Records an event on the Application itself, as the API server or the controller would emit it. */
export function recordAppEvent(
  record: AppRecord,
  reason: string,
  message: string,
  options: { type?: 'Normal' | 'Warning'; component?: string } = {},
): void {
  const { metadata } = record.app;
  pushEvent(record, {
    involvedObject: {
      kind: 'Application',
      namespace: metadata.namespace ?? 'argocd',
      name: metadata.name,
      uid: metadata.uid,
      apiVersion: 'argoproj.io/v1alpha1',
      resourceVersion: metadata.resourceVersion,
    },
    namespace: metadata.namespace ?? 'argocd',
    reason,
    message,
    type: options.type ?? 'Normal',
    component: options.component ?? 'argocd-application-controller',
  });
}

/** Records an event on a resource in the destination cluster (e.g. a Deployment scaling a ReplicaSet). */
export function recordResourceEvent(
  record: AppRecord,
  object: {
    kind: string;
    apiVersion: string;
    namespace: string;
    name: string;
    uid?: string;
  },
  reason: string,
  message: string,
  component: string,
): void {
  pushEvent(record, {
    involvedObject: object,
    namespace: object.namespace,
    reason,
    message,
    type: 'Normal',
    component,
  });
}

function pushEvent(
  record: AppRecord,
  e: {
    involvedObject: KubeEvent['involvedObject'];
    namespace: string;
    reason: string;
    message: string;
    type: 'Normal' | 'Warning';
    component: string;
  },
): void {
  const now = rfc3339();
  record.events.push({
    metadata: {
      name: `${e.involvedObject.name}.${randomBytes(8).toString('hex')}`,
      namespace: e.namespace,
      uid: randomUUID(),
      resourceVersion: String(++eventCounter),
      creationTimestamp: now,
    },
    involvedObject: e.involvedObject,
    reason: e.reason,
    message: e.message,
    source: { component: e.component },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type: e.type,
    reportingComponent: '',
    reportingInstance: '',
  });
  if (record.events.length > maxEventsPerApp) {
    record.events.splice(0, record.events.length - maxEventsPerApp);
  }
}
