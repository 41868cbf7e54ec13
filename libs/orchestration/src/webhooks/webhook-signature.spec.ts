import { signWebhook, verifyWebhookSignature, webhookSignatureHeader } from './webhook-signature';

const secret = 'whsec_test';
const body = '{"event":"task.completed","task_id":"t1"}';
const now = 1_800_000_000;

describe('verifyWebhookSignature', () => {
  it('should accept a header made by webhookSignatureHeader when body, secret and time match', () => {
    expect(verifyWebhookSignature(secret, webhookSignatureHeader(secret, now, body), body, 300, now)).toBe(true);
    expect(
      verifyWebhookSignature(secret, webhookSignatureHeader(secret, now, body), Buffer.from(body), 300, now + 299),
    ).toBe(true);
  });

  it('should sign t + "." + body with HMAC-SHA256 as documented', () => {
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    expect(signWebhook(secret, now, body)).toBe(createHmac('sha256', secret).update(`${now}.${body}`).digest('hex'));
  });

  it('should reject the signature when the body was tampered with', () => {
    const header = webhookSignatureHeader(secret, now, body);
    expect(verifyWebhookSignature(secret, header, body.replace('t1', 't2'), 300, now)).toBe(false);
  });

  it('should reject the signature when the timestamp is older (or newer) than the tolerance', () => {
    const header = webhookSignatureHeader(secret, now, body);
    expect(verifyWebhookSignature(secret, header, body, 300, now + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, 300, now - 301)).toBe(false);
  });

  it('should reject the signature when it was made with another secret', () => {
    expect(verifyWebhookSignature(secret, webhookSignatureHeader('whsec_other', now, body), body, 300, now)).toBe(
      false,
    );
  });

  it('should reject a signature whose timestamp was changed to look fresh', () => {
    const old = webhookSignatureHeader(secret, now - 3600, body);
    expect(verifyWebhookSignature(secret, old.replace(`t=${now - 3600}`, `t=${now}`), body, 300, now)).toBe(false);
  });

  it.each([undefined, '', 'v1=abc', `t=${now}`, `t=${now},v1=zz`, 'garbage'])(
    'should reject the malformed header %p',
    (header) => {
      expect(verifyWebhookSignature(secret, header, body, 300, now)).toBe(false);
    },
  );

  it('should accept any matching v1 when several are sent', () => {
    const good = signWebhook(secret, now, body);
    expect(verifyWebhookSignature(secret, `t=${now},v1=${'0'.repeat(64)},v1=${good}`, body, 300, now)).toBe(true);
  });
});
