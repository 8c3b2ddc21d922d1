import { actorEntityRef, actorLabel, githubCommitUrl } from './auditLinks';
import { auditFilterFromParams, auditViewPath } from './auditParams';
import { filenameFromDisposition } from '../common/downloadCsv';

const sha = '3f9a1c0d2e4b6a8c0e2f4a6b8c0d2e4f6a8b0c1d';

describe('githubCommitUrl', () => {
  it.each([
    'https://github.com/acme/delivery.git',
    'https://github.com/acme/delivery',
    'https://github.com/acme/delivery/',
    'git@github.com:acme/delivery.git',
    'ssh://git@github.com/acme/delivery.git',
  ])('links commits of %s to GitHub', repository => {
    expect(githubCommitUrl(repository, sha)).toBe(
      `https://github.com/acme/delivery/commit/${sha}`,
    );
  });

  it.each([
    'file:///sandbox/repos/delivery.git',
    'https://gitlab.example.com/acme/delivery.git',
    'https://github.com.evil.example/acme/delivery',
  ])('has no link for %s', repository => {
    expect(githubCommitUrl(repository, sha)).toBeUndefined();
  });

  it('has no link for something that is no SHA', () => {
    expect(
      githubCommitUrl('https://github.com/acme/delivery', 'main/../x'),
    ).toBeUndefined();
  });
});

describe('actors', () => {
  it('links entity refs and shows Git authors and the engine as text', () => {
    expect(actorEntityRef('user:default/alice')).toEqual({
      kind: 'user',
      namespace: 'default',
      name: 'alice',
    });
    expect(actorEntityRef('engine')).toBeUndefined();
    expect(actorEntityRef('git:Carol <carol@example.com>')).toBeUndefined();
    expect(actorLabel('git:Carol <carol@example.com>')).toBe(
      'Carol <carol@example.com>',
    );
  });
});

describe('audit filters in the URL', () => {
  it('keeps known filters, normalizes times and drops what it cannot read', () => {
    expect(
      auditFilterFromParams(
        new URLSearchParams(
          'actor=user:default/alice&outcome=maybe&from=2026-11-22T01:00:00%2B01:00&to=yesterday&product=%20',
        ),
      ),
    ).toEqual({
      actor: 'user:default/alice',
      from: '2026-11-22T00:00:00.000Z',
    });
  });

  it('builds the audit view path of a product', () => {
    expect(auditViewPath('/gitops', { product: 'payments' })).toBe(
      '/gitops/audit?product=payments',
    );
    expect(auditViewPath('/gitops/')).toBe('/gitops/audit');
  });
});

describe('filenameFromDisposition', () => {
  it.each([
    ['attachment; filename="audit-2026.csv"', 'audit-2026.csv'],
    ['attachment; filename=audit.csv', 'audit.csv'],
    [
      `attachment; filename="fallback.csv"; filename*=UTF-8''audit%20%C3%A9t%C3%A9.csv`,
      'audit été.csv',
    ],
    ['attachment; filename="../../etc/passwd"', '.._.._etc_passwd'],
    ['attachment', 'slipway-audit.csv'],
    [null, 'slipway-audit.csv'],
  ])('%s → %s', (header, name) => {
    expect(filenameFromDisposition(header)).toBe(name);
  });
});
