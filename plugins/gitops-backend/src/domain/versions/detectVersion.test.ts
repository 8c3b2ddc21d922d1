import { detectVersion } from './detectVersion';
import { parseImageReference } from './imageTag';

const chartYaml = `# Helm chart
apiVersion: v2
name: payments-api
version: 0.6.0
appVersion: '1.5.0'
`;
const valuesYaml = `replicaCount: 1
image:
  repository: ghcr.io/slipway-sandbox/payments-api
  # the line a promotion changes
  tag: "1.5.1"
`;
const kustomization = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [deployment.yaml]
images:
  - name: ghcr.io/acme/web
    newTag: 3.1.0
  - name: ghcr.io/acme/api
    newTag: 3.2.0-rc.1
`;
const api = 'ghcr.io/slipway-sandbox/payments-api:1.4.9';

describe('detectVersion', () => {
  it('reads Helm Chart.yaml appVersion', () => {
    expect(
      detectVersion({
        versionSource: { file: 'Chart.yaml', path: '$.appVersion' },
        fileText: chartYaml,
        images: [api],
        component: 'payments-api',
      }),
    ).toEqual({
      value: '1.5.0',
      source: 'file',
      detail: 'Chart.yaml $.appVersion',
    });
  });

  it('reads values.yaml image.tag', () => {
    expect(
      detectVersion({
        versionSource: { file: 'values.yaml', path: '$.image.tag' },
        fileText: valuesYaml,
        images: [],
        component: 'payments-api',
      }),
    ).toEqual({
      value: '1.5.1',
      source: 'file',
      detail: 'values.yaml $.image.tag',
    });
  });

  it('keeps a plain YAML number as written', () => {
    expect(
      detectVersion({
        versionSource: { file: 'release.yaml', path: '$.release.version' },
        fileText: 'release:\n  version: 2.10\n',
        images: [],
        component: 'x',
      }).value,
    ).toBe('2.10');
  });

  it('reads the newTag of one Kustomize image', () => {
    expect(
      detectVersion({
        versionSource: {
          file: 'kustomization.yaml',
          path: "$.images[?(@.name=='ghcr.io/acme/api')].newTag",
        },
        fileText: kustomization,
        images: [],
        component: 'api',
      }),
    ).toMatchObject({ value: '3.2.0-rc.1', source: 'file' });
  });

  it('falls back to the image tag when the file is missing, saying why', () => {
    expect(
      detectVersion({
        versionSource: { file: 'Chart.yaml', path: '$.appVersion' },
        images: ['docker.io/library/envoy:v1.30.1', api],
        component: 'payments-api',
      }),
    ).toEqual({
      value: '1.4.9',
      source: 'image',
      detail: `image ${api}; Chart.yaml does not exist at the synced revision`,
    });
  });

  it('falls back to the image tag when the value is missing', () => {
    expect(
      detectVersion({
        versionSource: { file: 'values.yaml', path: '$.image.tag' },
        fileText: 'image:\n  repository: ghcr.io/x/payments-api\n',
        images: [api],
        component: 'payments-api',
      }),
    ).toEqual({
      value: '1.4.9',
      source: 'image',
      detail: `image ${api}; values.yaml: $.image has no "tag"`,
    });
  });

  it('is unknown when nothing tells the version, with every reason', () => {
    expect(
      detectVersion({
        versionSource: { file: 'Chart.yaml', path: '$.appVersion' },
        fileText: 'appVersion: [\n',
        images: ['ghcr.io/acme/web@sha256:abc'],
        component: 'web',
      }),
    ).toEqual({
      source: 'unknown',
      detail: expect.stringMatching(
        /^Chart.yaml is not valid YAML: .*; no image has a tag$/,
      ),
    });
    expect(detectVersion({ images: [], component: 'web' })).toEqual({
      source: 'unknown',
      detail: 'Argo CD reports no images',
    });
  });

  it('refuses to pick among images of different tags that are not its own', () => {
    expect(
      detectVersion({
        images: ['ghcr.io/a/one:1.0.0', 'ghcr.io/a/two:2.0.0'],
        component: 'web',
      }),
    ).toEqual({
      source: 'unknown',
      detail: 'the images disagree (ghcr.io/a/one:1.0.0, ghcr.io/a/two:2.0.0)',
    });
  });
});

describe('parseImageReference', () => {
  it('tells a registry port from a tag', () => {
    expect(parseImageReference('registry.local:5000/team/api:1.2.3')).toEqual({
      repository: 'registry.local:5000/team/api',
      tag: '1.2.3',
      digest: undefined,
    });
    expect(
      parseImageReference('registry.local:5000/team/api@sha256:abc'),
    ).toEqual({
      repository: 'registry.local:5000/team/api',
      digest: 'sha256:abc',
    });
  });
});
