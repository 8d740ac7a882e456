import { InvalidIdError, idPathSegment, parseRunSummaryId } from '../../src/hcp/ids.js';

describe('idPathSegment', () => {
  test.each([
    ['action', 'action-x/../y'],
    ['organization', '../../organizations/acme'],
    ['workspace', ''],
    ['action', 'a'.repeat(10_240)],
    ['run', 'run-abc?x=1'],
    ['workspace', 'ws-abc%2F..'],
    ['workspace-name', 'name with space'],
  ] as const)('%s %s... is rejected', (kind, value) => {
    expect(() => idPathSegment(kind, value)).toThrow(InvalidIdError);
  });

  test('a 10 kB value is not echoed whole in the message', () => {
    try {
      idPathSegment('action', 'x'.repeat(10_240));
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidIdError);
      expect((error as Error).message.length).toBeLessThan(200);
    }
  });

  test('valid IDs and names pass unchanged', () => {
    expect(idPathSegment('workspace', 'ws-4j8p6jX1w33MiDC7')).toBe('ws-4j8p6jX1w33MiDC7');
    expect(idPathSegment('organization', 'acme_corp-1')).toBe('acme_corp-1');
  });
});

describe('parseRunSummaryId', () => {
  test('splits <action_id>:<run_id>', () => {
    expect(parseRunSummaryId('action-ryh1uSaExmQqK72V:run-KTuq99JSzgmDSvYj')).toEqual({
      actionId: 'action-ryh1uSaExmQqK72V',
      runId: 'run-KTuq99JSzgmDSvYj',
    });
  });

  test('anything else is null', () => {
    expect(parseRunSummaryId('rs-123')).toBeNull();
    expect(parseRunSummaryId('action-1:nope')).toBeNull();
  });
});
