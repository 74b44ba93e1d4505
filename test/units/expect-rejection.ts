import { SanDrError, describeValue } from '../../lib/errors';

/**
 * Run `fn`, assert it throws a SanDrError (not a TypeError) with an empty prop path, the
 * rejected value as given, and a message naming that value plus each `mentions` fragment.
 */
export function expectRejection(fn: () => unknown, value: unknown, ...mentions: string[]): SanDrError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(SanDrError);
  const err = caught as SanDrError;
  expect(err.propPath).toBe('');
  expect(Object.is(err.value, value)).toBe(true);
  expect(err.message).toContain(`got ${describeValue(value)}`);
  for (const fragment of mentions) expect(err.message).toContain(fragment);
  return err;
}
