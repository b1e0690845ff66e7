/** Assertions shared by the test suites. */
import assert from "node:assert/strict";
import { ValidationError } from "../src/core/errors.ts";

/** Asserts `fn` throws a ValidationError with `code` (and `field`, when given); returns it. */
export function assertValidation(fn: () => unknown, code: string, field?: string): ValidationError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ValidationError, `expected ValidationError, got ${caught}`);
  assert.equal(caught.code, code, `code (message: ${caught.message})`);
  if (field !== undefined) assert.equal(caught.field, field, `field (message: ${caught.message})`);
  return caught;
}
