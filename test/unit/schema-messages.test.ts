/**
 * The technicians' and equipment schemas' own field messages come from the catalogue, in French
 * (with its accents) and in English, as parseWith writes them for the caller's language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWith } from '../../shared/http/validation.ts';
import type { Schema } from '../../shared/http/validation.ts';
import { availabilityPatchBody, employmentContractBody, listTechniciansQuery, teamAvailabilityQuery, updateMeBody } from '../../shared/schemas/technicians.ts';
import { createEquipmentBody, updateEquipmentBody } from '../../shared/schemas/equipment.ts';
import { equipmentAvailabilityQuery, equipmentWindowQuery, listEquipmentQuery } from '../../shared/schemas/equipment-queries.ts';

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

describe("the technicians' and equipment schemas' field messages", () => {
  it('answers the technicians schemas in French and in English', () => {
    // act
    const empty = both(updateMeBody, {});
    const phone = both(updateMeBody, { phone: 'not a phone' });
    const cents = both(employmentContractBody, { type: 'freelance', hourly_rate: 12.345, overtime_rules: { night_shift_bonus: 1, weekend_shift_bonus: 1, emergency_call_bonus: 1 }, meal_allowance: true });
    const validOn = both(listTechniciansQuery, { valid_on: '2026-01-01' });
    const noDate = both(availabilityPatchBody, {});
    const range = both(teamAvailabilityQuery, { from: '2026-01-01', to: '2026-12-31' });
    // assess
    expect(empty).toEqual({ fr: [{ field: '(root)', message: 'Au moins un champ doit être envoyé' }], en: [{ field: '(root)', message: 'At least one field must be sent' }] });
    expect(phone).toEqual({ fr: [{ field: 'phone', message: 'Numéro de téléphone invalide' }], en: [{ field: 'phone', message: 'Invalid phone number' }] });
    expect(cents.fr).toEqual([{ field: 'hourly_rate', message: 'Deux décimales au plus' }]);
    expect(validOn).toEqual({ fr: [{ field: 'valid_on', message: 'valid_on va avec certification' }], en: [{ field: 'valid_on', message: 'valid_on needs certification' }] });
    expect(noDate.fr).toEqual([{ field: '(root)', message: 'Au moins une date doit être envoyée' }]);
    expect(range).toEqual({ fr: [{ field: 'to', message: 'La période couvre 92 jours au plus' }], en: [{ field: 'to', message: 'The range spans at most 92 days' }] });
  });

  it('answers the equipment schemas in French and in English', () => {
    // act
    const token = both(createEquipmentBody, { name: 'Console', category: 'Audio', subcategory: 'mixers' });
    const unit = both(createEquipmentBody, { name: 'Console', category: 'audio', subcategory: 'mixers', kind: 'unit', quantity_total: 3 });
    const empty = both(updateEquipmentBody, {});
    const pair = both(equipmentWindowQuery, { start_time: '2026-01-01T00:00:00Z' });
    const cursor = both(listEquipmentQuery, { cursor: 'not/base64url' });
    const selection = both(equipmentAvailabilityQuery, { start_time: '2026-01-01T00:00:00Z', end_time: '2026-01-02T00:00:00Z' });
    const depth = both(updateEquipmentBody, { specifications: { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } } });
    // assess
    expect(token.fr).toEqual([{ field: 'category', message: 'Lettres minuscules, chiffres et _, en commençant par une lettre (50 au plus)' }]);
    expect(unit).toEqual({
      fr: [{ field: 'quantity_total', message: 'Un équipement unitaire a une quantité de 1 ; utilisez kind « bulk » pour un stock' }],
      en: [{ field: 'quantity_total', message: 'A unit has a quantity of 1; use kind "bulk" for a stock' }],
    });
    expect(empty.fr).toEqual([{ field: '(root)', message: 'Au moins un champ doit être envoyé' }]);
    expect(pair).toEqual({ fr: [{ field: 'end_time', message: 'start_time et end_time vont ensemble' }], en: [{ field: 'end_time', message: 'start_time and end_time go together' }] });
    expect(cursor).toEqual({ fr: [{ field: 'cursor', message: 'Curseur invalide' }], en: [{ field: 'cursor', message: 'Invalid cursor' }] });
    expect(selection.fr).toEqual([{ field: 'category', message: 'Précisez category, subcategory ou ids' }]);
    expect(depth).toEqual({ fr: [{ field: 'specifications', message: "8 niveaux d'imbrication au plus" }], en: [{ field: 'specifications', message: 'At most 8 levels of nesting' }] });
  });

  it('writes no message literal in those schemas', () => {
    for (const path of ['shared/schemas/technicians.ts', 'shared/schemas/equipment.ts']) {
      const text = readFileSync(join(root, path), 'utf8');
      expect({ path, literals: text.match(/\bmessage:\s*['"`][^'"`]*['"`]/g) ?? [] }).toEqual({ path, literals: [] });
    }
  });
});
