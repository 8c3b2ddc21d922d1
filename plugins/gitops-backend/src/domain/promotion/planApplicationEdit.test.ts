import { InputError } from '@backstage/errors';
import { planApplicationEdit } from './planApplicationEdit';

const stagingValues = `# Payments API values for staging
image:
  repository: ghcr.io/acme/payments-api
  tag: 1.4.0 # bumped by CI
replicas: 2
`;

const productionValues = `# Payments API values for production
# Keep two replicas per zone.

image:
  repository: ghcr.io/acme/payments-api   # mirrored
  tag: "1.3.2"    # promoted by Slipway
replicas:   6
resources: {limits: {cpu: '2'}}
`;

function plan(
  sourceText: string,
  targetText: string,
  paths: string[],
  file = 'values.yaml',
) {
  return planApplicationEdit({
    promotionFiles: [{ file, paths }],
    sourcePath: 'apps/payments-api/staging',
    targetPath: 'apps/payments-api/production',
    sourceFiles: { [file]: sourceText },
    targetFiles: { [file]: targetText },
  });
}

describe('planApplicationEdit', () => {
  it('changes only the promoted scalar, keeping its quotes, comments and spacing byte for byte', () => {
    const result = plan(stagingValues, productionValues, ['$.image.tag']);

    expect(result.noChange).toBe(false);
    expect(result.files).toEqual([
      {
        path: 'apps/payments-api/production/values.yaml',
        before: productionValues,
        after: productionValues.replace('"1.3.2"', '"1.4.0"'),
      },
    ]);
    expect(result.values).toEqual([
      { file: 'values.yaml', path: '$.image.tag', from: '1.3.2', to: '1.4.0' },
    ]);
  });

  it('keeps single quotes and plain style of the target', () => {
    const single = `image:\n  tag: '1.3.2'\n`;
    expect(plan(stagingValues, single, ['$.image.tag']).files[0].after).toBe(
      `image:\n  tag: '1.4.0'\n`,
    );
    const plain = `image:\n  tag: 1.3.2 # plain\n`;
    expect(plan(stagingValues, plain, ['$.image.tag']).files[0].after).toBe(
      `image:\n  tag: 1.4.0 # plain\n`,
    );
  });

  it('quotes a string that would otherwise read as a number, and copies a plain number as written', () => {
    const quotedSource = `image:\n  tag: "1.10"\n`;
    expect(
      plan(quotedSource, `image:\n  tag: 1.9.0\n`, ['$.image.tag']).files[0]
        .after,
    ).toBe(`image:\n  tag: "1.10"\n`);

    const chartSource = `apiVersion: v2\nappVersion: 1.10\n`;
    expect(
      plan(
        chartSource,
        `apiVersion: v2\nappVersion: 1.9 # app\n`,
        ['$.appVersion'],
        'Chart.yaml',
      ).files[0].after,
    ).toBe(`apiVersion: v2\nappVersion: 1.10 # app\n`);
  });

  it('edits a Kustomize image selected by name and leaves the other images alone', () => {
    const source = `images:\n  - name: api\n    newTag: v2.0.0\n  - name: worker\n    newTag: v9.9.9\n`;
    const target = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base # shared\nimages:\n  - name: worker\n    newTag: v1.0.0\n  - name: api\n    newTag: v1.5.0 # api\n`;
    const result = plan(
      source,
      target,
      ["$.images[?(@.name=='api')].newTag"],
      'kustomization.yaml',
    );
    expect(result.files[0].after).toBe(
      target.replace('v1.5.0 # api', 'v2.0.0 # api'),
    );
    expect(result.values[0]).toMatchObject({ from: 'v1.5.0', to: 'v2.0.0' });
  });

  it('puts every changed path of a file into one edit and reports unchanged values too', () => {
    const source = `image:\n  tag: 1.4.0\n  digest: sha256:abc\nreplicas: 2\n`;
    const target = `image:\n  tag: 1.3.0\n  digest: sha256:old\nreplicas: 6\n`;
    const result = plan(source, target, ['$.image.tag', '$.image.digest']);
    expect(result.files).toHaveLength(1);
    expect(result.files[0].after).toBe(
      `image:\n  tag: 1.4.0\n  digest: sha256:abc\nreplicas: 6\n`,
    );

    const partly = plan(
      source,
      `image:\n  tag: 1.4.0\n  digest: sha256:old\n`,
      ['$.image.tag', '$.image.digest'],
    );
    expect(partly.values).toEqual([
      { file: 'values.yaml', path: '$.image.tag', from: '1.4.0', to: '1.4.0' },
      {
        file: 'values.yaml',
        path: '$.image.digest',
        from: 'sha256:old',
        to: 'sha256:abc',
      },
    ]);
  });

  it('plans nothing when the target already has the values', () => {
    const result = plan(stagingValues, `image:\n  tag: "1.4.0" # same\n`, [
      '$.image.tag',
    ]);
    expect(result).toEqual({
      files: [],
      values: [
        {
          file: 'values.yaml',
          path: '$.image.tag',
          from: '1.4.0',
          to: '1.4.0',
        },
      ],
      noChange: true,
    });
  });

  it('edits several files of one application', () => {
    const result = planApplicationEdit({
      promotionFiles: [
        { file: 'Chart.yaml', paths: ['$.appVersion'] },
        { file: 'values.yaml', paths: ['$.image.tag'] },
      ],
      sourcePath: 'apps/payments/staging',
      targetPath: 'apps/payments/production/',
      sourceFiles: {
        'Chart.yaml': 'appVersion: "1.4.0"\n',
        'values.yaml': stagingValues,
      },
      targetFiles: {
        'Chart.yaml': 'appVersion: "1.3.2"\n',
        'values.yaml': productionValues,
      },
    });
    expect(result.files.map(f => f.path)).toEqual([
      'apps/payments/production/Chart.yaml',
      'apps/payments/production/values.yaml',
    ]);
  });

  it('creates a missing leaf key when its parent mapping exists, changing nothing else', () => {
    const source = `image:\n  tag: 1.4.0\n  digest: sha256:abc\n`;
    const target = `# prod\nimage:\n  tag: 1.3.0 # current\n\n# tail\nlist:\n  -   a\n`;
    expect(plan(source, target, ['$.image.digest']).files[0].after).toBe(
      `# prod\nimage:\n  tag: 1.3.0 # current\n  digest: sha256:abc\n\n# tail\nlist:\n  -   a\n`,
    );
    expect(
      plan(source, `image: {tag: 1.3.0} # flow\n`, ['$.image.digest']).files[0]
        .after,
    ).toBe(`image: {tag: 1.3.0, digest: sha256:abc} # flow\n`);
  });

  it('copies a mapping as a whole node, changing nothing outside it', () => {
    const source = `resources:\n  limits:\n    cpu: "2"\n    memory: 1Gi\n`;
    const target = `# prod\nresources:\n  limits:\n    cpu: "1" # one\n  requests: {cpu: 100m}\nlist:\n- a\n-   b\n`;
    expect(plan(source, target, ['$.resources.limits']).files[0].after).toBe(
      `# prod\nresources:\n  limits:\n    cpu: "2"\n    memory: 1Gi\n  requests: {cpu: 100m}\nlist:\n- a\n-   b\n`,
    );
    const flowTarget = `resources:\n  limits: {cpu: "1"} # flow\n`;
    expect(
      plan(source, flowTarget, ['$.resources.limits']).files[0].after,
    ).toBe(`resources:\n  limits: {cpu: "2", memory: 1Gi} # flow\n`);
  });

  it('replaces an alias with the value and keeps an anchor that others follow', () => {
    const source = `tag: 2.0.0\n`;
    expect(
      plan(source, `default: &d 1.0.0\ntag: *d # shared\n`, ['$.tag']).files[0]
        .after,
    ).toBe(`default: &d 1.0.0\ntag: 2.0.0 # shared\n`);
    expect(
      plan(source, `tag: &t 1.0.0 # anchor\nsidecar: *t\n`, ['$.tag']).files[0]
        .after,
    ).toBe(`tag: &t 2.0.0 # anchor\nsidecar: *t\n`);
  });

  it("keeps a multi-line block scalar a block at the target's indentation", () => {
    const source = `app:\n  config: |\n    a: 1\n    b: 2\n`;
    const target = `app:\n  config: |\n      a: 0\n  other: x # o\n`;
    expect(
      planApplicationEdit({
        promotionFiles: [{ file: 'v.yaml', paths: ['$.app.config'] }],
        sourcePath: 's',
        targetPath: 't',
        sourceFiles: { 'v.yaml': source },
        targetFiles: { 'v.yaml': target },
      }).files[0].after,
    ).toBe(`app:\n  config: |\n      a: 1\n      b: 2\n  other: x # o\n`);
  });

  it('rejects a path missing from the target whose parent is missing too', () => {
    expect(() => plan(stagingValues, `replicas: 2\n`, ['$.image.tag'])).toThrow(
      new InputError(
        'Target file apps/payments-api/production/values.yaml $.image.tag: not found in the target: $ has no "image"',
      ),
    );
  });

  it('names the file and path when the source has no value there', () => {
    expect(() =>
      plan(`image: {}\n`, productionValues, ['$.image.tag']),
    ).toThrow(
      /Source file apps\/payments-api\/staging\/values.yaml \$\.image\.tag: not found: \$\.image has no "tag"/,
    );
  });

  it('rejects missing files on either side', () => {
    expect(() =>
      planApplicationEdit({
        promotionFiles: [{ file: 'values.yaml', paths: ['$.image.tag'] }],
        sourcePath: 'apps/a/staging',
        targetPath: 'apps/a/production',
        sourceFiles: {},
        targetFiles: { 'values.yaml': productionValues },
      }),
    ).toThrow(/apps\/a\/staging\/values.yaml does not exist/);
    expect(() =>
      planApplicationEdit({
        promotionFiles: [{ file: 'values.yaml', paths: ['$.image.tag'] }],
        sourcePath: 'apps/a/staging',
        targetPath: 'apps/a/production',
        sourceFiles: { 'values.yaml': stagingValues },
        targetFiles: {},
      }),
    ).toThrow(
      /apps\/a\/production\/values.yaml does not exist on the target branch/,
    );
  });

  it('rejects promotion files that leave the application folder', () => {
    for (const file of ['../other-app/values.yaml', '/etc/passwd']) {
      expect(() =>
        planApplicationEdit({
          promotionFiles: [{ file, paths: ['$.image.tag'] }],
          sourcePath: 'apps/a/staging',
          targetPath: 'apps/a/production',
          sourceFiles: { [file]: stagingValues },
          targetFiles: { [file]: productionValues },
        }),
      ).toThrow(InputError);
    }
  });

  it('rejects an alias bomb before expanding it', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((name, i) => {
        const previous = 'abcdefghi'[i];
        return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
      }),
      'image:',
      '  tag: *i',
    ].join('\n');
    // 9^9 nodes if expanded: the alias count stops it first (bench/promotions/aliasBomb.ts times it).
    expect(() => plan(bomb, productionValues, ['$.image.tag'])).toThrow(
      /Source file apps\/payments-api\/staging\/values.yaml expands YAML aliases more than 100 times/,
    );
    expect(() => plan(stagingValues, bomb, ['$.image.tag'])).toThrow(
      /Target file .* alias bomb/,
    );
  });

  it('rejects an oversized file', () => {
    const huge = `image:\n  tag: 1.3.2\npadding: "${'x'.repeat(600 * 1024)}"\n`;
    expect(() => plan(stagingValues, huge, ['$.image.tag'])).toThrow(
      /Target file apps\/payments-api\/production\/values.yaml is \d+ bytes, larger than the 524288 bytes allowed/,
    );
  });

  it('refuses to edit through an alias in the target, which would change every place sharing it', () => {
    const target = `defaults: &defaults\n  tag: 1.3.2\nimage: *defaults\n`;
    expect(() => plan(stagingValues, target, ['$.image.tag'])).toThrow(
      /\$\.image is a YAML alias/,
    );
  });

  it('reports bad paths and empty source values as input errors', () => {
    expect(() => plan(stagingValues, productionValues, ['image.tag'])).toThrow(
      /values.yaml: "image.tag" is not a valid path/,
    );
    expect(() =>
      plan(`image:\n  tag:\n`, productionValues, ['$.image.tag']),
    ).toThrow(InputError);
  });

  it('writes a value into a flow mapping without breaking it', () => {
    const source = `image: {tag: "a,b"}\n`;
    const target = `image: {tag: old, pull: Always} # flow\n`;
    const after = plan(source, target, ['$.image.tag']).files[0].after;
    expect(after).toBe(`image: {tag: "a,b", pull: Always} # flow\n`);
  });
});
