import {
  compareVersions,
  sortVersionsDescending,
  toSemver,
} from './compareVersions';

describe('compareVersions', () => {
  it('orders semver numerically, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toEqual({
      order: 1,
      comparable: true,
    });
    expect(compareVersions('1.4.2', '1.4.2')).toEqual({
      order: 0,
      comparable: true,
    });
  });

  it('puts a prerelease before its release', () => {
    expect(compareVersions('1.4.2-rc.1', '1.4.2')).toEqual({
      order: -1,
      comparable: true,
    });
    expect(compareVersions('1.4.2-rc.2', '1.4.2-rc.10')).toEqual({
      order: -1,
      comparable: true,
    });
    expect(compareVersions('1.4.2-rc.1', '1.4.1')).toEqual({
      order: 1,
      comparable: true,
    });
  });

  it('reads a leading v and short versions as semver', () => {
    expect(compareVersions('v2.0.0', '1.9.9')).toEqual({
      order: 1,
      comparable: true,
    });
    expect(compareVersions('1.4', '1.4.0')).toEqual({
      order: 0,
      comparable: true,
    });
    expect(toSemver('1.4-rc.1')?.version).toBe('1.4.0-rc.1');
  });

  it('does not pretend that build names or SHAs are semver', () => {
    expect(toSemver('release-7')).toBeUndefined();
    expect(toSemver('3f9c2e1')).toBeUndefined();
    expect(compareVersions('build-9', 'build-10')).toEqual({
      order: 1,
      comparable: false,
    });
    expect(compareVersions('2024-01-15', '2024-02-01')).toEqual({
      order: -1,
      comparable: false,
    });
    expect(compareVersions('1.2.3', 'main')).toEqual({
      order: -1,
      comparable: false,
    });
  });

  it('sorts distinct versions highest first', () => {
    expect(
      sortVersionsDescending(['1.4.2', '1.10.0', '1.4.2-rc.1', '1.4.2']),
    ).toEqual(['1.10.0', '1.4.2', '1.4.2-rc.1']);
  });
});
