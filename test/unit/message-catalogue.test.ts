import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allEntries, codeOf, decodeTexts, message, templateAreas, type Entry, type MessageKey } from '../../shared/messages/catalogue.ts';
import { allTexts, areaTexts } from '../../shared/messages/texts.ts';
import { textsBrotliBase64 } from '../../shared/messages/texts.generated.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { HttpError } from '../../shared/http/errors.ts';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [relative(root, path)] : [];
  });
}
const sources = [...sourceFiles(join(root, 'shared')), ...sourceFiles(join(root, 'functions'))].map((path) => ({
  path,
  text: readFileSync(join(root, path), 'utf8'),
}));

/**
 * A parameter value that passes for anything a template reads: a string or number in a
 * sentence, a list to map or join, an object with fields of its own (all samples too).
 */
function sample(): unknown {
  return new Proxy([] as unknown[], {
    get(target, property) {
      if (property === Symbol.toPrimitive) return () => '7';
      if (property === 'length') return 2;
      if (property === '0' || property === '1') return sample();
      if (typeof property === 'string' && property in Array.prototype) return Reflect.get(target, property);
      return sample();
    },
  });
}

const textOfEntry = (entry: Entry) => (typeof entry === 'function' ? entry(sample()) : entry);
const entries = Object.entries(allEntries()).map(([key, entry]) => ({ key, text: textOfEntry(entry) }));

// Spellings of words that take an accent in French; each, as written here, is a mistake.
const unaccented = [
  'evenement', 'evenements', 'equipement', 'equipements', 'ete', 'reessayez', 'modifie', 'modifiee', 'annule', 'annulee',
  'deja', 'creneau', 'creneaux', 'donnees', 'reserve', 'reserves', 'reservee', 'reservation', 'reservez', 'etre', 'acces', 'role',
  'regisseur', 'general', 'repetitions', 'selection', 'categorie', 'sous-categorie', 'precisez', 'quantite', 'posterieure',
  'posterieur', 'egale', 'depasse', 'fenetre', 'au-dela', 'certifie', 'retire', 'resultat', 'delai', 'refusee', 'reseau',
  'hote', 'methode', 'requete', 'requetes', 'cle', 'portee', 'entete', 'en-tete', 'invitee', 'expire', 'competences',
  'capacite', 'inferieure', 'superieure', 'telecharger', 'supporte', 'identite', 'securite', 'periode', 'debut', 'duree',
];
const unaccentedPattern = new RegExp(`(?<![\\p{L}])(${unaccented.join('|')})(?![\\p{L}])`, 'iu');

describe('the message catalogue', () => {
  it('has both languages for every entry, templates filled with sample parameters', () => {
    // prepare: the whole catalogue, each template called with parameters of every shape
    // act
    const incomplete = entries.filter(
      ({ text }) => typeof text.fr !== 'string' || typeof text.en !== 'string' || text.fr.trim() === '' || text.en.trim() === '' || /undefined|\[object /.test(text.fr + text.en),
    );
    // assess
    expect(entries.length).toBeGreaterThan(50);
    expect(incomplete.map(({ key }) => key)).toEqual([]);
  });

  it('writes its French with the accents', () => {
    // prepare
    const frenchOf = entries.map(({ key, text }) => ({ key, fr: text.fr }));
    // act
    const misspelt = frenchOf.filter(({ fr }) => unaccentedPattern.test(fr)).map(({ key, fr }) => `${key}: ${fr}`);
    // assess
    expect(misspelt).toEqual([]);
  });

  it('finds the spellings it checks (the check itself can fail)', () => {
    expect(unaccentedPattern.test("L'equipement a ete modifie en meme temps ; reessayez")).toBe(true);
    expect(unaccentedPattern.test("L'équipement a été modifié en même temps ; réessayez")).toBe(false);
  });

  it('keys variants of one code as CODE.variant, the code in capitals', () => {
    const malformed = Object.keys(allEntries()).filter((key) => !/^[A-Z][A-Z0-9_]*(\.[a-z0-9_]+)?$/.test(key));
    expect(malformed).toEqual([]);
  });

  it('has an entry for every key the code base builds an error from', () => {
    // prepare: every key passed to DomainError.of / HttpError.of, literal or a template's fixed prefix
    const keys = new Set(Object.keys(allEntries()));
    const used = sources.flatMap(({ path, text }) =>
      [...text.matchAll(/(?:DomainError|HttpError)\.of\(\s*(?:'[a-z_]+'|\d+|[\w.[\]]+)\s*,\s*(['`])([^'`]+)\1/g)].map((match) => ({ path, key: match[2]! })),
    );
    // act
    const missing = used.filter(({ key }) => {
      const fixed = key.split('${')[0]!;
      return key.includes('${') ? ![...keys].some((known) => known.startsWith(fixed)) : !keys.has(key);
    });
    // assess
    expect(used.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('builds an error carrying the code of its key and the text in both languages', () => {
    // act
    const domain = DomainError.of('conflict', 'LAST_ADMIN');
    const http = HttpError.of(405, 'METHOD_NOT_ALLOWED', { params: { allowed: ['GET', 'PUT'] }, headers: { Allow: 'GET, PUT' } });
    const seed = DomainError.of('not_found', 'NOT_FOUND.event');
    // assess
    expect(domain).toMatchObject({ kind: 'conflict', code: 'LAST_ADMIN', localised: message('LAST_ADMIN') });
    expect(http.code).toBe('METHOD_NOT_ALLOWED');
    expect(http.messageIn('fr')).toBe('Méthode non autorisée sur ce chemin (autorisées : GET, PUT)');
    expect(http.messageIn('en')).toBe('Method not allowed on this path (allowed: GET, PUT)');
    expect(seed).toMatchObject({ code: 'NOT_FOUND', localised: 'Event not found' });
    expect(codeOf('NOT_FOUND.member' satisfies MessageKey)).toBe('NOT_FOUND');
  });

  it('is current: texts.generated.ts holds every fixed text as the areas write it (npm run messages)', () => {
    // act: what a function reads from the generated file
    const decoded = decodeTexts(textsBrotliBase64);
    // assess
    expect(decoded).toEqual(allTexts);
    expect(message('ALREADY_MEMBER')).toEqual({ fr: 'Cette personne est déjà membre', en: 'This person is already a member' });
  });

  it('fills the placeholders of a text with parameters, the same ones in both languages', () => {
    // prepare
    const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const withPlaceholders = Object.entries(allTexts as Record<string, { fr: string; en: string }>).filter(([, text]) => /\{\w+\}/.test(text.fr + text.en));
    // act
    const unmatched = withPlaceholders.filter(([, text]) => placeholdersOf(text.fr).join() !== placeholdersOf(text.en).join()).map(([key]) => key);
    const filled = message('VALIDATION_ERROR.too_many_dates', { max: 31 });
    // assess
    expect(withPlaceholders.length).toBeGreaterThan(40);
    expect(unmatched).toEqual([]);
    expect(filled).toEqual({ fr: '31 dates au plus par requête', en: 'At most 31 dates per request' });
    expect(message('INVALID_TIME_RANGE.malformed_range', { date: '2026-12-01', range: null })).toEqual({
      fr: 'Plage horaire invalide pour le 2026-12-01 : « null » (format attendu HH:MM-HH:MM)',
      en: 'Invalid time range for 2026-12-01: "null" (expected HH:MM-HH:MM)',
    });
  });

  it('holds each key once: no key in two areas, none both a text and a template', () => {
    // prepare
    const keys = [...areaTexts.map((texts) => texts()), ...templateAreas].flatMap((area) => Object.keys(area));
    // act
    const repeated = keys.filter((key, i) => keys.indexOf(key) !== i);
    // assess
    expect(keys.length).toBe(Object.keys(allEntries()).length);
    expect(repeated).toEqual([]);
  });

  it("declares the languages ('fr' | 'en') once", () => {
    const declarations = sources.filter(({ text }) => /'fr'\s*\|\s*'en'|'en'\s*\|\s*'fr'/.test(text)).map(({ path }) => path);
    expect(declarations).toEqual(['shared/messages/define.ts']);
  });
});

// Every area builds its messages from the catalogue; a file that may not yet would be listed here.
const notYetConverted = new Set<string>([
]);

describe('messages outside the catalogue', () => {
  it('leaves no French/English message literal in the code outside shared/messages', () => {
    // prepare
    const candidates = sources.filter(({ path }) => !path.startsWith('shared/messages/') && !notYetConverted.has(path));
    // act
    const literals = candidates.filter(({ text }) => /\bfr:\s*['"`]/.test(text)).map(({ path }) => path);
    // assess
    expect(literals).toEqual([]);
  });
});
