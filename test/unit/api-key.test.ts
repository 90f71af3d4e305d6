import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey, looksLikeApiKey } from '../../shared/domain/api-key.ts';

describe('API keys', () => {
  it('are 256-bit random secrets whose hash alone is stored', () => {
    const keys = Array.from({ length: 50 }, generateApiKey);
    expect(new Set(keys.map((k) => k.secret)).size).toBe(50);
    for (const key of keys) {
      expect(Buffer.from(key.secret.slice(4), 'base64url')).toHaveLength(32);
      expect(looksLikeApiKey(key.secret)).toBe(true);
      expect(key.hash).toBe(hashApiKey(key.secret));
      expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(key.hash).not.toContain(key.secret.slice(4, 12));
    }
  });

  it("do not look like the seed's base64(email:secret) keys", () => {
    expect(looksLikeApiKey(Buffer.from('admin@eventlite.fr:secret').toString('base64'))).toBe(false);
  });
});
