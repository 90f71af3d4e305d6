/**
 * Stores hold keys, items, reads, conditions and transactions: no business rule, no HTTP error
 * (docs/use-cases.md). A store may turn a failed condition, or a limit of DynamoDB itself, into a
 * DomainError; every other refusal is the domain's, decided in a use case. This test lists what
 * each store builds and fails when a judgement (an invitation's state, a stock in use...) comes back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function storeFiles(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return storeFiles(path);
    return path.endsWith('.ts') ? [{ path: relative(root, path), text: readFileSync(path, 'utf8') }] : [];
  });
}

/** Refusals a store may build: each one is what a failed write condition (or a DynamoDB limit) means. */
const CONDITION_OUTCOMES = new Set([
  'ALREADY_MEMBER', // the membership's attribute_not_exists
  'ATTENDANCE_ALREADY_RECORDED', // the attendance field's attribute_not_exists
  'CHECK_IN_REQUIRED', // the check-out's attribute_exists(checkInAt)
  'CONCURRENT_UPDATE.allocation',
  'CONCURRENT_UPDATE.equipment',
  'CONCURRENT_UPDATE.event',
  'CONCURRENT_UPDATE.document',
  'CONCURRENT_UPDATE.members', // versions and locks that moved
  'LAST_ADMIN', // the admin counter's adminCount > 1
  'SLUG_UNAVAILABLE', // the slug marker's attribute_not_exists, every candidate taken
  'USER_EXISTS', // the user and e-mail markers' attribute_not_exists
  'FORBIDDEN.no_longer_member', // the key's membership ConditionCheck
  'TRANSACTION_TOO_LARGE.allocation', // DynamoDB's 100 items per transaction
  'VALIDATION_ERROR.cursor', // an ExclusiveStartKey outside the key condition
  'NOT_FOUND.api_key',
  'NOT_FOUND.event',
  'NOT_FOUND.invitation',
  'NOT_FOUND.member',
  'NOT_FOUND.user', // attribute_exists(pk)
]);

describe('the stores hold no business rule and no HTTP error', () => {
  const files = storeFiles(join(root, 'shared', 'store'));

  it('builds no refusal but what a failed condition means', () => {
    // prepare
    const built = files.flatMap(({ path, text }) => [...text.matchAll(/DomainError\.of\(\s*'[a-z_]+'\s*,\s*'([^']+)'/g)].map((match) => ({ path, key: match[1]! })));
    // act
    const judgements = built.filter(({ key }) => !CONDITION_OUTCOMES.has(key)).map(({ path, key }) => `${path}: ${key}`);
    // assess
    expect(built.length).toBeGreaterThan(10);
    expect(judgements).toEqual([]);
  });

  it('never judges an invitation or a stock, and never speaks HTTP', () => {
    // prepare
    const forbidden = [/INVITATION_EXPIRED|INVITATION_NOT_PENDING/, /RESOURCE_CONFLICT/, /\bHttpError\b/, /shared\/http\/|'\.\.\/http\//, /\bpeakUsage\b/];
    // act
    const found = files.flatMap(({ path, text }) => forbidden.filter((pattern) => pattern.test(text)).map((pattern) => `${path}: ${pattern.source}`));
    // assess
    expect(found).toEqual([]);
  });
});
