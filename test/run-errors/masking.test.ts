import { MASK, maskSecrets } from '../../src/run-errors/secrets.js';

// Obviously fake values in each shape.
// Assembled at run time, so that secret scanners do not take these fixtures for leaked Slack tokens.
const FAKE_BOT_TOKEN = ['xoxb', '000', '000', 'fakefakefake'].join('-');
const FAKE_APP_TOKEN = ['xapp', '1', 'FAKE', '000', 'fakefake'].join('-');

const CASES: [string, string, string][] = [
  ['AWS access key ID (long-term)', 'key AKIAFAKEFAKEFAKE1234 was refused', 'AKIAFAKEFAKEFAKE1234'],
  ['AWS access key ID (temporary)', 'creds ASIAFAKEFAKEFAKE5678 expired', 'ASIAFAKEFAKEFAKE5678'],
  [
    'AWS secret access key after its name',
    'aws_secret_access_key = fakeFAKEfakeFAKEfakeFAKEfakeFAKE/+fake00',
    'fakeFAKEfakeFAKEfakeFAKEfakeFAKE/+fake00',
  ],
  [
    'PEM private key block',
    'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIfakefakefake\nfakefake==\n-----END RSA PRIVATE KEY-----\ndone',
    'MIIfakefakefake',
  ],
  ['bearer token', 'Authorization: Bearer fake.jwt.value-123', 'fake.jwt.value-123'],
  ['password= pair', 'connect failed: postgres://app?password=fakepass123&sslmode=require', 'fakepass123'],
  ['"secret": pair in JSON', '{"client_secret": "fake-secret-value"}', 'fake-secret-value'],
  ['token: pair', 'token: faketokenvalue42', 'faketokenvalue42'],
  [
    'HCP Terraform token',
    'used FAKEFAKEFAKE12.atlasv1.fakefakefakefakefakefake123 here',
    'atlasv1.fakefakefake',
  ],
  ['Slack bot token', `posting with ${FAKE_BOT_TOKEN} failed`, FAKE_BOT_TOKEN],
  ['Slack app-level token', `socket ${FAKE_APP_TOKEN} refused`, FAKE_APP_TOKEN],
];

test.each(CASES)('masks a %s', (_shape, text, secret) => {
  const masked = maskSecrets(text);
  expect(masked).not.toContain(secret);
  expect(masked).toContain(MASK);
});

test('keeps the words around a secret, and text without secrets unchanged', () => {
  expect(maskSecrets('Authorization: Bearer fake.jwt.value-123 rejected')).toBe(
    `Authorization: Bearer ${MASK} rejected`,
  );
  expect(maskSecrets('password=fakepass123 ok')).toBe(`password=${MASK} ok`);
  const plain = 'Error: Lambda function notify returned status 500 (Unhandled)';
  expect(maskSecrets(plain)).toBe(plain);
});

test('a key block cut off by the end of the log is masked to the end', () => {
  const masked = maskSecrets('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktfake');
  expect(masked).not.toContain('b3BlbnNzaC1rZXktfake');
});
