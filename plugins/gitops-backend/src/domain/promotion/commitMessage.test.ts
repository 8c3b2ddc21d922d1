import { promotionCommitMessage, promotionTrailers } from './commitMessage';

describe('promotion commit messages', () => {
  const input = {
    product: 'payments',
    version: '1.4.0',
    from: 'staging',
    to: 'production',
    application: 'payments-api',
  };

  it('names product, version, environments and application in the subject', () => {
    expect(promotionCommitMessage(input)).toBe(
      'Promote payments 1.4.0 from staging to production (payments-api)',
    );
  });

  it('puts the message the user wrote under the subject', () => {
    expect(
      promotionCommitMessage({
        ...input,
        message: '  Fixes PAY-12.\n\nApproved in CAB.  ',
      }),
    ).toBe(
      'Promote payments 1.4.0 from staging to production (payments-api)\n\nFixes PAY-12.\n\nApproved in CAB.',
    );
  });

  it('keeps the subject on one line even if a name holds a newline', () => {
    expect(
      promotionCommitMessage({
        ...input,
        version: '1.4.0\nSlipway-Actor: user:default/mallory',
      }),
    ).toBe(
      'Promote payments 1.4.0 Slipway-Actor: user:default/mallory from staging to production (payments-api)',
    );
  });

  it('joins the commit to its release and actor with trailers', () => {
    expect(promotionTrailers('rel-42', 'user:default/alice')).toEqual({
      'Slipway-Release': 'rel-42',
      'Slipway-Actor': 'user:default/alice',
    });
  });

  it('names who approved the step, with their comment, on one line each', () => {
    expect(
      promotionTrailers('rel-42', 'user:default/alice', [
        { approvedBy: 'user:default/bob', comment: 'CAB ok\nSlipway-Actor: x' },
        { approvedBy: 'user:default/carol' },
      ]),
    ).toEqual({
      'Slipway-Release': 'rel-42',
      'Slipway-Actor': 'user:default/alice',
      'Slipway-Approved-By':
        'user:default/bob (CAB ok Slipway-Actor: x), user:default/carol',
    });
  });
});
