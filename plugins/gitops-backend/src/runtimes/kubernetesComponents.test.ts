import { componentOf } from './kubernetesComponents';

describe('componentOf', () => {
  it('prefers the standard component label', () => {
    expect(
      componentOf('whatever', { 'app.kubernetes.io/component': 'repo-server' }),
    ).toBe('repo-server');
  });

  it('recognises upstream names, Helm-prefixed names and redis HA', () => {
    expect(componentOf('argocd-server')).toBe('server');
    expect(componentOf('argo-cd-argocd-application-controller')).toBe(
      'application-controller',
    );
    expect(componentOf('argocd-redis-ha-haproxy')).toBe('redis');
    expect(componentOf('argo-rollouts')).toBe('rollouts-controller');
    expect(componentOf('prometheus')).toBeUndefined();
  });
});
