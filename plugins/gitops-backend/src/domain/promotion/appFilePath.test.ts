import { InputError } from '@backstage/errors';
import { resolveAppFile } from './appFilePath';

describe('resolveAppFile', () => {
  it('joins the application path and the file as a repository-relative posix path', () => {
    expect(resolveAppFile('apps/payments/production', 'values.yaml')).toBe(
      'apps/payments/production/values.yaml',
    );
    expect(resolveAppFile('./apps/payments/', 'config/./values.yaml')).toBe(
      'apps/payments/config/values.yaml',
    );
    expect(resolveAppFile('apps/payments', 'a/../values.yaml')).toBe(
      'apps/payments/values.yaml',
    );
    expect(resolveAppFile('', 'values.yaml')).toBe('values.yaml');
    expect(resolveAppFile('.', 'Chart.yaml')).toBe('Chart.yaml');
  });

  it.each([
    [
      '../other/values.yaml',
      /points outside the application path "apps\/payments"/,
    ],
    ['config/../../other/values.yaml', /points outside the application path/],
    ['..\\other\\values.yaml', /points outside the application path/],
    ['/etc/passwd', /"\/etc\/passwd" is absolute/],
    ['C:\\values.yaml', /is absolute/],
    ['', /file name is empty/],
    ['  ', /file name is empty/],
    ['config/..', /names the application folder, not a file/],
  ])('rejects the file %j', (file, message) => {
    expect(() => resolveAppFile('apps/payments', file)).toThrow(InputError);
    expect(() => resolveAppFile('apps/payments', file)).toThrow(message);
  });

  it('rejects an application path outside the repository', () => {
    expect(() => resolveAppFile('../elsewhere', 'values.yaml')).toThrow(
      'Application path "../elsewhere" points outside the repository',
    );
    expect(() => resolveAppFile('/srv/apps', 'values.yaml')).toThrow(
      /is absolute; it must be relative to the repository root/,
    );
  });
});
