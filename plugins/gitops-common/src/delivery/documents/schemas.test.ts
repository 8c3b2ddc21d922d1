import { environmentSchema } from './environmentSchema';
import { createFlowSchema, flowSchema } from './flowSchema';
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
  it('reads recurring freeze windows beside fixed ones, and names the field of each bad one', () => {
    const environmentWith = (freezeWindows: unknown[]) =>
      environmentSchema.safeParse(
        envelope('Environment', 'prod', {
          tier: 'production',
          order: 3,
          targets: [{ runtime: 'prod', cluster: 'in-cluster' }],
          freezeWindows,
        }),
      );
    const weekend = {
      schedule: '0 18 * * 5',
      duration: '60h',
      timeZone: 'Europe/Berlin',
      reason: 'weekend',
    };
    const fixed = {
      start: '2026-12-24T00:00:00Z',
      end: '2026-12-27T00:00:00Z',
    };
    const good = environmentWith([fixed, weekend]);
    expect(good.success && good.data.freezeWindows).toEqual([fixed, weekend]);

    const bad = environmentWith([
      { ...weekend, schedule: '0 25 * * 5' },
      { ...weekend, schedule: '0 18 * *' },
      { ...weekend, timeZone: 'Europe/Atlantis' },
      { ...weekend, duration: '2.5 days' },
      { schedule: '0 18 * * 5', duration: '60h' },
    ]);
    expect(bad.success || bad.error.issues).toEqual([
      expect.objectContaining({
        path: ['spec', 'freezeWindows', 0, 'schedule'],
        message: expect.stringMatching(
          /^"0 25 \* \* 5" is not a cron schedule: .*25/,
        ),
      }),
      expect.objectContaining({
        path: ['spec', 'freezeWindows', 1, 'schedule'],
        message: expect.stringContaining('write 5 fields'),
      }),
      expect.objectContaining({
        path: ['spec', 'freezeWindows', 2, 'timeZone'],
        message:
          '"Europe/Atlantis" is not a known IANA time zone; write e.g. Europe/Berlin, America/New_York or UTC',
      }),
      expect.objectContaining({
        path: ['spec', 'freezeWindows', 3, 'duration'],
        message: expect.stringContaining('"2.5 days" is not a valid duration'),
      }),
      expect.objectContaining({
        path: ['spec', 'freezeWindows', 4, 'timeZone'],
      }),
    ]);
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

  it('accepts the gate types modules added, with their settings, and reports what they find wrong', () => {
    const schema = createFlowSchema([
      {
        type: 'change-ticket',
        validate: settings =>
          typeof settings.ticket === 'string' ? [] : ['ticket is required'],
      },
    ]);
    const flowWith = (gates: unknown) =>
      schema.safeParse(
        envelope('PromotionFlow', 'gated', {
          trigger: { environment: 'staging' },
          steps: [{ environment: 'production', gates }],
        }),
      );
    const good = flowWith({
      pre: [
        { type: 'change-ticket', ticket: 'CHG-1' },
        { type: 'manual-approval', approvers: ['group:default/cab'] },
      ],
    });
    expect(good.success && good.data.steps[0].gates.pre).toEqual([
      { type: 'change-ticket', settings: { ticket: 'CHG-1' } },
      { type: 'manual-approval', approvers: ['group:default/cab'] },
    ]);

    const bad = flowWith({ pre: [{ type: 'change-ticket' }] });
    expect(bad.success || bad.error.issues).toEqual([
      expect.objectContaining({
        path: ['spec', 'steps', 0, 'gates', 'pre', 0],
        message: 'ticket is required',
      }),
    ]);
    const unknown = flowWith({ pre: [{ type: 'coffee' }] });
    expect(unknown.success || unknown.error.issues[0]).toEqual(
      expect.objectContaining({
        path: ['spec', 'steps', 0, 'gates', 'pre', 0, 'type'],
        message:
          'type must be manual-approval, soak or a gate type a module added (change-ticket)',
      }),
    );
    // Built-in gates are checked as before.
    const soak = flowWith({ post: [{ type: 'soak', duration: 'soon' }] });
    expect(soak.success || soak.error.issues[0].path).toEqual([
      'spec',
      'steps',
      0,
      'gates',
      'post',
      0,
      'duration',
    ]);
  });
});
