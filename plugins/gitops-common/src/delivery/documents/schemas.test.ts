import { environmentSchema } from './environmentSchema';
import { flowSchema } from './flowSchema';
import { productSchema } from './productSchema';

const envelope = (kind: string, name: string, spec: unknown) => ({
  apiVersion: 'slipway.dev/v1alpha1',
  kind,
  metadata: { name },
  spec,
});

describe('delivery document schemas', () => {
  it('fills defaults: title, namespaces, freeze windows', () => {
    expect(
      environmentSchema.parse(
        envelope('Environment', 'qa', {
          tier: 'non-production',
          order: 2,
          targets: [{ runtime: 'nonprod', cluster: 'in-cluster' }],
        }),
      ),
    ).toEqual({
      name: 'qa',
      title: 'qa',
      tier: 'non-production',
      order: 2,
      targets: [{ runtime: 'nonprod', cluster: 'in-cluster', namespaces: [] }],
      freezeWindows: [],
    });
  });

  it('reads the string form of a selector and flattens flows', () => {
    const product = productSchema.parse(
      envelope('Product', 'web', {
        owner: 'group:default/web-team',
        applications: { selector: 'tier in (web,api),!legacy' },
        flows: [{ name: 'standard' }],
      }),
    );
    expect(product.applications.selector?.matchExpressions).toEqual([
      { key: 'tier', operator: 'In', values: ['web', 'api'] },
      { key: 'legacy', operator: 'DoesNotExist', values: [] },
    ]);
    expect(product).toMatchObject({
      flows: ['standard'],
      concurrency: 'queue',
      promotion: { files: [] },
    });
  });

  it('orders flow steps by dependency and defaults dependsOn to the trigger', () => {
    const flow = flowSchema.parse(
      envelope('PromotionFlow', 'fast', {
        trigger: { environment: 'dev' },
        steps: [
          {
            environment: 'production',
            dependsOn: ['staging'],
            action: 'pull-request',
          },
          { environment: 'staging' },
        ],
      }),
    );
    expect(flow.trigger).toEqual({ environment: 'dev', mode: 'manual' });
    expect(
      flow.steps.map(step => [step.environment, step.dependsOn, step.action]),
    ).toEqual([
      ['staging', ['dev'], 'commit'],
      ['production', ['staging'], 'pull-request'],
    ]);
  });

  it('rejects a freeze window that ends before it starts and an empty selector', () => {
    const environment = environmentSchema.safeParse(
      envelope('Environment', 'prod', {
        tier: 'production',
        order: 3,
        targets: [{ runtime: 'prod', cluster: 'in-cluster' }],
        freezeWindows: [
          { start: '2026-12-27T00:00:00Z', end: '2026-12-24T00:00:00Z' },
        ],
      }),
    );
    expect(environment.success || environment.error.issues).toEqual([
      expect.objectContaining({
        path: ['spec', 'freezeWindows', 0, 'end'],
        message: 'end must be after start',
      }),
    ]);
    const product = productSchema.safeParse(
      envelope('Product', 'all', {
        owner: 'group:default/x',
        applications: { selector: {} },
      }),
    );
    expect(product.success || product.error.issues[0].message).toMatch(
      /would select every application/,
    );
  });
  it('reads soak and approval gates and says what is wrong with a bad duration', () => {
    const flowWith = (gates: unknown) =>
      flowSchema.safeParse(
        envelope('PromotionFlow', 'gated', {
          trigger: { environment: 'staging' },
          steps: [{ environment: 'production', gates }],
        }),
      );
    const good = flowWith({
      pre: [{ type: 'manual-approval', approvers: ['group:default/cab'] }],
      post: [{ type: 'soak', duration: '1h30m' }],
    });
    expect(good.success && good.data.steps[0].gates).toEqual({
      pre: [{ type: 'manual-approval', approvers: ['group:default/cab'] }],
      post: [{ type: 'soak', duration: '1h30m' }],
    });

    const bad = flowWith({ post: [{ type: 'soak', duration: '90 minutes' }] });
    expect(bad.success || bad.error.issues).toEqual([
      expect.objectContaining({
        path: ['spec', 'steps', 0, 'gates', 'post', 0, 'duration'],
        message: expect.stringMatching(
          /^"90 minutes" is not a valid duration: write whole numbers with units d, h, m, s/,
        ),
      }),
    ]);

    const unknown = flowWith({ pre: [{ type: 'coffee' }] });
    expect(unknown.success || unknown.error.issues[0].message).toBe(
      'type must be manual-approval or soak',
    );
  });
});
