import { HealthStatus } from '@slipway/plugin-gitops-common';

/*
 * Workload readiness by the rules `kubectl rollout status` and Argo CD's own health checks use.
 * Inputs are plain shapes so that any Kubernetes client's objects fit.
 */

export interface Readiness {
  status: HealthStatus;
  message?: string;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface DeploymentLike {
  metadata?: { generation?: number };
  spec?: { replicas?: number; paused?: boolean };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    readyReplicas?: number;
    conditions?: Condition[];
  };
}

export function deploymentReadiness(d: DeploymentLike): Readiness {
  const desired = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const replicas = s.replicas ?? 0;
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  if (d.spec?.paused) return { status: 'Suspended', message: 'rollout paused' };
  if ((s.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
    return { status: 'Progressing', message: 'observed generation behind' };
  }
  const progressing = s.conditions?.find(c => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      status: 'Degraded',
      message: progressing.message ?? 'progress deadline exceeded',
    };
  }
  if (updated < desired) {
    return {
      status: 'Progressing',
      message: `${updated} of ${desired} replicas updated`,
    };
  }
  if (replicas > updated) {
    return {
      status: 'Progressing',
      message: `${replicas - updated} old replicas terminating`,
    };
  }
  if (available < updated) {
    return {
      status: 'Progressing',
      message: `${available} of ${updated} updated replicas available`,
    };
  }
  if (desired === 0) return { status: 'Suspended', message: 'scaled to zero' };
  const availableCondition = s.conditions?.find(c => c.type === 'Available');
  if (availableCondition && availableCondition.status !== 'True') {
    return {
      status: 'Degraded',
      message: availableCondition.message ?? 'not available',
    };
  }
  return { status: 'Healthy' };
}

export interface StatefulSetLike {
  metadata?: { generation?: number };
  spec?: {
    replicas?: number;
    updateStrategy?: {
      type?: string;
      rollingUpdate?: { partition?: number };
    };
  };
  status?: {
    observedGeneration?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
  };
}

export function statefulSetReadiness(s: StatefulSetLike): Readiness {
  const desired = s.spec?.replicas ?? 1;
  const st = s.status ?? {};
  const observed = st.observedGeneration ?? 0;
  if (observed === 0 || observed < (s.metadata?.generation ?? 0)) {
    return { status: 'Progressing', message: 'observed generation behind' };
  }
  const ready = st.readyReplicas ?? 0;
  if (ready < desired) {
    return {
      status: 'Progressing',
      message: `${ready} of ${desired} replicas ready`,
    };
  }
  const strategy = s.spec?.updateStrategy;
  if (strategy?.type === 'OnDelete') return { status: 'Healthy' };
  const partition = strategy?.rollingUpdate?.partition ?? 0;
  const updated = st.updatedReplicas ?? 0;
  if (updated < desired - partition) {
    return {
      status: 'Progressing',
      message: `${updated} of ${desired - partition} replicas updated`,
    };
  }
  // Strict like kubectl: a full rollout also needs the revisions to match.
  if (partition === 0 && st.updateRevision !== st.currentRevision) {
    return { status: 'Progressing', message: 'revision update in progress' };
  }
  if (desired === 0) return { status: 'Suspended', message: 'scaled to zero' };
  return { status: 'Healthy' };
}
