/**
 * Every request schema's own field messages, zod's own checks and the details a store or a schema
 * mapping names by catalogue key reach the caller in French (with its accents) or in English, as
 * Accept-Language asks; none stays an English literal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { parseWith, type Schema } from '../../shared/http/validation.ts';
import { endpoint } from '../../shared/http/endpoint.ts';
import type { ApiEvent, Context } from '../../shared/http/types.ts';
import { decodeCursor } from '../../shared/store/cursor.ts';
import { createProductionEventBody, listProductionEventsQuery, updateProductionEventBody } from '../../shared/schemas/planninghub-events.ts';
import { createEventBody, updateEventBody } from '../../shared/schemas/eventlite.ts';
import { createShiftBody, toDraftResources } from '../../shared/schemas/shifts.ts';
import { expectedVersionOf } from '../../shared/schemas/shift-params.ts';
import { listShiftsQuery } from '../../shared/schemas/shift-list.ts';
import { updateShiftBody } from '../../shared/schemas/shift-update.ts';
import { addMemberBody } from '../../shared/schemas/planninghub-identity.ts';
import { boundedId, storableNumber, acceptedLocalDate } from '../../shared/schemas/primitives.ts';

const root = join(import.meta.dirname, '..', '..');

function detailsIn(lang: 'fr' | 'en', schema: Schema, value: unknown) {
  try {
    parseWith(schema, value, lang);
  } catch (error) {
    return (error as { details: { field: string; message: string }[] }).details;
  }
  throw new Error('parsed');
}

const both = (schema: Schema, value: unknown) => ({ fr: detailsIn('fr', schema, value), en: detailsIn('en', schema, value) });

const production = { name: 'Festival', start_date: '2026-07-01', end_date: '2026-07-02' };
const shift = {
  title: 'Balances',
  event_id: 'event_1',
  start_time: '2026-07-01T14:00:00Z',
  end_time: '2026-07-01T18:00:00Z',
  resources: [{ id: 'user_1', type: 'technician' }],
};

describe("the events', shifts', identity and primitives schemas' field messages", () => {
  it('answers the production events schemas in French and in English', () => {
    // act
    const zone = both(createProductionEventBody, { ...production, timezone: 'Mars/Olympus' });
    const line = both(createProductionEventBody, { ...production, budget: { total: 10, breakdown: { Sound: 1 } } });
    const lines = both(createProductionEventBody, { ...production, budget: { total: 100, breakdown: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`l${i}`, 1])) } });
    const phone = both(createProductionEventBody, { ...production, venue: { name: 'Zénith', technical_contact: { name: 'Régie', phone: 'call me' } } });
    const empty = both(updateProductionEventBody, {});
    const cursor = both(listProductionEventsQuery, { cursor: 'not/base64url' });
    const range = both(listProductionEventsQuery, { from: '2026-02-01', to: '2026-01-01' });
    // assess
    expect(zone).toEqual({ fr: [{ field: 'timezone', message: 'Fuseau horaire IANA inconnu' }], en: [{ field: 'timezone', message: 'Unknown IANA time zone' }] });
    expect(line).toEqual({
      fr: [{ field: 'budget.breakdown.Sound', message: "Une ligne budgétaire s'écrit en minuscules, chiffres et _" }],
      en: [{ field: 'budget.breakdown.Sound', message: 'A budget line is lower-case letters, digits and _' }],
    });
    expect(lines).toEqual({ fr: [{ field: 'budget.breakdown', message: '50 lignes budgétaires au plus' }], en: [{ field: 'budget.breakdown', message: 'At most 50 budget lines' }] });
    expect(phone).toEqual({
      fr: [{ field: 'venue.technical_contact.phone', message: 'Numéro de téléphone invalide' }],
      en: [{ field: 'venue.technical_contact.phone', message: 'Invalid phone number' }],
    });
    expect(empty).toEqual({ fr: [{ field: '(root)', message: 'Au moins un champ doit être envoyé' }], en: [{ field: '(root)', message: 'At least one field must be sent' }] });
    expect(cursor).toEqual({ fr: [{ field: 'cursor', message: 'Curseur invalide' }], en: [{ field: 'cursor', message: 'Invalid cursor' }] });
    expect(range).toEqual({ fr: [{ field: 'to', message: 'to doit être égal ou postérieur à from' }], en: [{ field: 'to', message: 'to must be on or after from' }] });
  });

  it('answers the EventLite schemas in French and in English', () => {
    // act
    const zone = both(createEventBody, { title: 'Concert', mode: 'ONLINE', startAt: '2026-07-01T20:00:00Z', timezone: 'Nowhere/Land' });
    const empty = both(updateEventBody, {});
    // assess
    expect(zone).toEqual({ fr: [{ field: 'timezone', message: 'Fuseau horaire IANA inconnu' }], en: [{ field: 'timezone', message: 'Unknown IANA time zone' }] });
    expect(empty).toEqual({ fr: [{ field: '(root)', message: 'Au moins un champ doit être envoyé' }], en: [{ field: '(root)', message: 'At least one field must be sent' }] });
  });

  it('answers the shifts and identity schemas in French and in English', () => {
    // act
    const cents = both(createShiftBody, { ...shift, economic_value: { base_rate: 10.005 } });
    const skills = both(createShiftBody, { ...shift, resources: [{ id: 'user_1', type: 'technician', required_skills: ['foh_engineer', 'foh_engineer'] }] });
    const versionOnly = both(updateShiftBody, { version: 3 });
    const cursor = both(listShiftsQuery, { cursor: 'a.b' });
    const range = both(listShiftsQuery, { from: '2026-02-01', to: '2026-01-01' });
    const roles = both(addMemberBody, { email: 'a@example.com', roles: ['technician', 'technician'] });
    // assess
    expect(cents).toEqual({ fr: [{ field: 'economic_value.base_rate', message: 'Au centime près' }], en: [{ field: 'economic_value.base_rate', message: 'To the cent' }] });
    expect(skills.fr).toEqual([{ field: 'resources.0.required_skills', message: 'Une compétence ne doit pas se répéter' }]);
    expect(skills.en).toEqual([{ field: 'resources.0.required_skills', message: 'A skill must not repeat' }]);
    expect(versionOnly).toEqual({
      fr: [{ field: '(root)', message: 'Au moins un champ autre que version doit être envoyé' }],
      en: [{ field: '(root)', message: 'At least one field besides version must be sent' }],
    });
    expect(cursor).toEqual({ fr: [{ field: 'cursor', message: 'Curseur invalide' }], en: [{ field: 'cursor', message: 'Invalid cursor' }] });
    expect(range.fr).toEqual([{ field: 'to', message: 'to doit être égal ou postérieur à from' }]);
    expect(roles).toEqual({ fr: [{ field: 'roles', message: 'Un rôle ne doit pas se répéter' }], en: [{ field: 'roles', message: 'Roles must not repeat' }] });
  });

  it('answers the primitives in French and in English', () => {
    // prepare
    const schema = z.strictObject({ id: boundedId(), amount: storableNumber(), day: acceptedLocalDate() });
    // act
    const bad = both(schema, { id: 'a/b', amount: 1e-200, day: '0999-01-01' });
    // assess
    expect(bad).toEqual({
      fr: [
        { field: 'id', message: 'De 1 à 128 lettres, chiffres ou _ - . : | @' },
        { field: 'amount', message: 'Nombre non enregistrable (fini, 0 ou au moins 1e-130 en valeur absolue, au plus 2^53)' },
        { field: 'day', message: 'Année hors limites (1900-2999)' },
      ],
      en: [
        { field: 'id', message: '1-128 letters, digits or _ - . : | @' },
        { field: 'amount', message: 'Number not storable (finite, 0 or at least 1e-130 in magnitude, at most 2^53)' },
        { field: 'day', message: 'Year out of range (1900-2999)' },
      ],
    });
  });

  it('writes no message literal in any request schema', () => {
    // prepare
    const dir = join(root, 'shared', 'schemas');
    const requestSchemas = readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('-docs.ts'));
    // act
    const literals = requestSchemas.flatMap((name) => (readFileSync(join(dir, name), 'utf8').match(/\bmessage:\s*['"`][^'"`]*['"`]/g) ?? []).map((literal) => `${name}: ${literal}`));
    // assess
    expect(requestSchemas.length).toBeGreaterThan(5);
    expect(literals).toEqual([]);
  });
});

describe("zod's own checks, worded by the catalogue", () => {
  it('names each field with a message in the caller language, never zod English', () => {
    // prepare
    const schema = z.strictObject({
      name: z.string().check(z.minLength(3), z.maxLength(5)),
      title: z.string().check(z.minLength(1)),
      count: z.number().check(z.int(), z.gte(1), z.lte(10)),
      kind: z.enum(['unit', 'bulk']),
      day: z.iso.date(),
      at: z.iso.datetime({ offset: true }),
      email: z.email(),
      link: z.url(),
      tags: z.array(z.string()).check(z.minLength(1)),
      type: z.literal('technician'),
    });
    // act
    const missing = both(schema, {});
    const wrong = both(schema, { name: 'ab', title: '', count: 1.5, kind: 'other', day: '2026-13-01', at: 'soon', email: 'nope', link: 'nope', tags: [], type: 'equipment', extra: 1 });
    const tooBig = both(schema, { name: 'abcdefg', title: 42, count: 11, kind: 'unit', day: '2026-01-01', at: '2026-01-01T00:00:00Z', email: 'a@b.fr', link: 'https://a.fr', tags: ['a'], type: 'technician' });
    // assess
    expect(missing.fr[0]).toEqual({ field: 'name', message: 'Champ obligatoire' });
    expect(missing.en[0]).toEqual({ field: 'name', message: 'Required' });
    expect(wrong).toEqual({
      fr: [
        { field: 'name', message: '3 caractères au moins' },
        { field: 'title', message: 'Ne doit pas être vide' },
        { field: 'count', message: 'Doit être un nombre entier' },
        { field: 'kind', message: 'Valeur attendue parmi "unit", "bulk"' },
        { field: 'day', message: 'Date invalide (AAAA-MM-JJ attendu)' },
        { field: 'at', message: 'Date et heure ISO 8601 invalides' },
        { field: 'email', message: 'Adresse e-mail invalide' },
        { field: 'link', message: 'URL invalide' },
        { field: 'tags', message: '1 élément au moins' },
        { field: 'type', message: 'Valeur attendue : "technician"' },
        { field: 'extra', message: 'Champ inconnu' },
      ],
      en: [
        { field: 'name', message: 'At least 3 characters' },
        { field: 'title', message: 'Must not be empty' },
        { field: 'count', message: 'Must be an integer' },
        { field: 'kind', message: 'Expected one of "unit", "bulk"' },
        { field: 'day', message: 'Invalid date (expected YYYY-MM-DD)' },
        { field: 'at', message: 'Invalid ISO 8601 date and time' },
        { field: 'email', message: 'Invalid email address' },
        { field: 'link', message: 'Invalid URL' },
        { field: 'tags', message: 'At least 1 item' },
        { field: 'type', message: 'Expected "technician"' },
        { field: 'extra', message: 'Unknown field' },
      ],
    });
    expect(tooBig).toEqual({
      fr: [
        { field: 'name', message: '5 caractères au plus' },
        { field: 'title', message: 'Type attendu : chaîne de caractères ; type reçu : nombre' },
        { field: 'count', message: 'Doit être inférieur ou égal à 10' },
      ],
      en: [
        { field: 'name', message: 'At most 5 characters' },
        { field: 'title', message: 'Expected string, received number' },
        { field: 'count', message: 'Must be at most 10' },
      ],
    });
  });

  it('words the checks of the real request schemas too', () => {
    // act
    const shiftWithout = both(createShiftBody, { ...shift, resources: [], priority: 'urgent' });
    // assess
    expect(shiftWithout).toEqual({
      fr: [
        { field: 'resources', message: '1 élément au moins' },
        { field: 'priority', message: expect.stringMatching(/^Valeur attendue parmi "/) },
      ],
      en: [
        { field: 'resources', message: 'At least 1 item' },
        { field: 'priority', message: expect.stringMatching(/^Expected one of "/) },
      ],
    });
  });
});

describe('details named by catalogue key, worded where the error is rendered', () => {
  const context = { awsRequestId: 'lambda-request-id', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
  const event = (language: string) =>
    ({
      version: '2.0',
      routeKey: 'GET /things',
      rawPath: '/things',
      rawQueryString: '',
      headers: { 'accept-language': language },
      requestContext: { requestId: 'gateway-request-id', http: { method: 'GET', path: '/things' } },
      isBase64Encoded: false,
    }) as unknown as ApiEvent;
  const answer = async (language: string, fail: () => unknown) => {
    const handler = endpoint({ surface: 'planninghub', auth: false }, async () => {
      fail();
      return { statusCode: 200, body: {} };
    });
    return JSON.parse((await handler(event(language), context)).body as string);
  };
  const detailsOf = (body: { error: { details?: unknown } | string; details?: unknown }) => (typeof body.error === 'string' ? body.details : body.error.details);

  it("answers the store's cursor error in the caller's language", async () => {
    // prepare
    const forged = () => decodeCursor('%%%', () => null);
    // act
    const fr = await answer('fr-FR', forged);
    const en = await answer('en-GB', forged);
    // assess
    expect(detailsOf(fr)).toEqual([{ field: 'cursor', message: 'Curseur invalide' }]);
    expect(detailsOf(en)).toEqual([{ field: 'cursor', message: 'Invalid cursor' }]);
  });

  it("answers the shift schema's own refusals in the caller's language", async () => {
    // prepare
    const twice = () => toDraftResources([{ id: 'eq_1', type: 'equipment' }, { id: 'eq_1', type: 'equipment' }]);
    const ifMatch = () => expectedVersionOf(undefined, 'soon', false);
    const differs = () => expectedVersionOf(3, '"4"', false);
    // act
    const answers = { fr: await Promise.all([twice, ifMatch, differs].map((fail) => answer('fr', fail))), en: await Promise.all([twice, ifMatch, differs].map((fail) => answer('en', fail))) };
    // assess
    expect(answers.fr.map(detailsOf)).toEqual([
      [{ field: 'resources.1.id', message: 'Ressource citée deux fois' }],
      [{ field: 'If-Match', message: '"<version>" attendu' }],
      [{ field: 'version', message: 'Diffère de If-Match' }],
    ]);
    expect(answers.en.map(detailsOf)).toEqual([
      [{ field: 'resources.1.id', message: 'Resource listed twice' }],
      [{ field: 'If-Match', message: 'Expected "<version>"' }],
      [{ field: 'version', message: 'Differs from If-Match' }],
    ]);
  });
});
