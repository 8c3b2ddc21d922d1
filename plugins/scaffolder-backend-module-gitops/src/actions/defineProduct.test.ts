import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createDefineProductAction } from './defineProduct';

describe('gitops:product:define', () => {
  let workspacePath: string;
  beforeEach(async () => {
    workspacePath = await mkdtemp(join(tmpdir(), 'slipway-scaffolder-'));
  });
  afterEach(() => rm(workspacePath, { recursive: true, force: true }));

  // The scaffolder applies the schema's defaults before the handler runs, so the
  // inputs here are complete.
  const run = (input: Record<string, unknown>) => {
    const action = createDefineProductAction();
    const ctx = createMockActionContext({ input: input as any, workspacePath });
    return action.handler(ctx as any).then(() => ctx);
  };

  it('writes a Product document the delivery repository can load', async () => {
    const ctx = await run({
      name: 'billing',
      title: 'Billing',
      owner: 'group:default/payments-team',
      flow: 'standard',
      versionSource: { file: 'values.yaml', path: '$.image.tag' },
      promotionFiles: [{ file: 'values.yaml', paths: ['$.image.tag'] }],
      concurrency: 'queue',
      targetPath: 'products',
    });

    const written = await readFile(
      join(workspacePath, 'products/billing.yaml'),
      'utf8',
    );
    expect(parse(written)).toEqual({
      apiVersion: 'slipway.dev/v1alpha1',
      kind: 'Product',
      metadata: { name: 'billing' },
      spec: {
        title: 'Billing',
        owner: 'group:default/payments-team',
        versionSource: { file: 'values.yaml', path: '$.image.tag' },
        promotion: { files: [{ file: 'values.yaml', paths: ['$.image.tag'] }] },
        flows: [{ name: 'standard' }],
        concurrency: 'queue',
      },
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'filePath',
      'products/billing.yaml',
    );
  });

  it('rejects a name that cannot be a file name or annotation value', async () => {
    await expect(
      run({
        name: '../Billing',
        owner: 'group:default/payments-team',
        versionSource: { file: 'Chart.yaml', path: '$.appVersion' },
        promotionFiles: [{ file: 'values.yaml', paths: ['$.image.tag'] }],
        concurrency: 'queue',
        targetPath: 'products',
      }),
    ).rejects.toThrow(/lower-case letters/);
  });

  it('rejects a path expression that is not a plain property path', async () => {
    await expect(
      run({
        name: 'billing',
        owner: 'group:default/payments-team',
        versionSource: { file: 'Chart.yaml', path: '$..[?(@.x)]' },
        promotionFiles: [{ file: 'values.yaml', paths: ['$.image.tag'] }],
        concurrency: 'queue',
        targetPath: 'products',
      }),
    ).rejects.toThrow(/not a path/);
  });
});
