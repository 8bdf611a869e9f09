import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The tests read the vectors from fixtures/contract/vectors.json so that a clone runs on its own. Where the team's
// shared contract sits beside the repository (as in CI), the copy must not have drifted from it.
const copy = new URL('../../fixtures/contract/vectors.json', import.meta.url);
const shared = new URL('../../../shared/contract/vectors.json', import.meta.url);

describe('the contract vectors', () => {
  it.runIf(existsSync(shared))('in fixtures are the same as the shared contract', () => {
    expect(JSON.parse(readFileSync(copy, 'utf8'))).toEqual(JSON.parse(readFileSync(shared, 'utf8')));
  });

  it('pin at least the request, phone and email cases', () => {
    const vectors = JSON.parse(readFileSync(copy, 'utf8'));
    expect(vectors.requests.length).toBeGreaterThanOrEqual(16);
    expect(vectors.phone.valid.length + vectors.phone.invalid.length).toBeGreaterThan(0);
    expect(vectors.email.valid.length + vectors.email.invalid.length).toBeGreaterThan(0);
  });
});
