import type { AuditEvent } from '@slipway/plugin-gitops-common';
import { csvCell, csvHeader, csvRows } from './auditCsv';

describe('audit CSV', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(
      `"'=HYPERLINK(""http://x"")"`,
    );
    expect(csvCell('+1')).toBe(`'+1`);
    expect(csvCell('-2+3')).toBe(`'-2+3`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('\tcmd')).toBe(`'\tcmd`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes a header and one line per event with every column', () => {
    const event: AuditEvent = {
      id: '7',
      time: '2025-03-01T10:00:00.000Z',
      actor: 'git:Eve <eve@example.com>',
      action: 'git.commit',
      target: 'repository:x',
      outcome: 'succeeded',
      commitSha: 'abc',
      repository: 'file:///r.git',
      source: 'git',
      details: { subject: '=cmd|calc' },
    };
    expect(csvHeader()).toBe(
      'id,time,actor,action,target,product,environment,runtime,release_id,outcome,commit_sha,repository,source,details\r\n',
    );
    expect(csvRows([event])).toBe(
      `7,2025-03-01T10:00:00.000Z,git:Eve <eve@example.com>,git.commit,repository:x,,,,,succeeded,abc,file:///r.git,git,"{""subject"":""=cmd|calc""}"\r\n`,
    );
  });
});
