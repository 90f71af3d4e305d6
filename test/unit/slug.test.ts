import { describe, expect, it } from 'vitest';
import { slugCandidate, slugify } from '../../shared/domain/slug.ts';

describe('slugify', () => {
  it.each([
    ['Conférence IA 2025', 'conference-ia-2025'],
    ['Meetup IA Paris', 'meetup-ia-paris'],
    ['  Été à Noël — Œuvre & Cœur !! ', 'ete-a-noel-oeuvre-and-coeur'],
    ['Straße Ølstue', 'strasse-olstue'],
    ['日本語', 'event'],
    ['---', 'event'],
    ['550e8400-e29b-41d4-a716-446655440000', 'event-550e8400-e29b-41d4-a716-446655440000'],
  ])('%s -> %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('caps the length without a trailing hyphen', () => {
    const slug = slugify(`${'a'.repeat(79)} b`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('numbers the collisions, then falls back to a random suffix', () => {
    const candidates = Array.from({ length: 7 }, (_, attempt) => slugCandidate('show', attempt, () => 'abc123'));
    expect(candidates).toEqual(['show', 'show-2', 'show-3', 'show-4', 'show-5', 'show-abc123', 'show-abc123']);
  });
});
