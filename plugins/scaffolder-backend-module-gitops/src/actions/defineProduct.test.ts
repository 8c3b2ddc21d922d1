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

  // The backend's verdict on each document, as its config status reports it
  // (plugins/gitops-backend/src/config/validateDeliveryFiles.test.ts checks the same documents).
  it.each([
    [
      'a version file outside the application folder',
      { versionSource: { file: '../Chart.yaml', path: '$.appVersion' } },
      'products/billing.yaml: spec.versionSource.file: must be a file inside the application folder (no leading "/", no "..")',
    ],
    [
      'a flow name the delivery repository cannot hold',
      { flow: 'Standard' },
      'products/billing.yaml: spec.flows[0].name: must be lowercase letters, digits and dashes, starting and ending with a letter or digit',
    ],
    [
      'a blank title',
      { title: '   ' },
      'products/billing.yaml: spec.title: must not be empty',
    ],
  ])(
    'rejects %s with the message the backend gives, and writes nothing',
    async (_what, change, message) => {
      const input = {
        name: 'billing',
        owner: 'group:default/payments-team',
        versionSource: { file: 'Chart.yaml', path: '$.appVersion' },
        promotionFiles: [{ file: 'values.yaml', paths: ['$.image.tag'] }],
        concurrency: 'queue',
        targetPath: 'products',
        ...change,
      };
      const error = await run(input).catch(e => e);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('InputError');
      expect(error.message).toBe(message);
      await expect(
        readFile(join(workspacePath, 'products/billing.yaml'), 'utf8'),
      ).rejects.toThrow(/ENOENT/);
    },
  );
});
