import { describe, expect, it } from 'vitest';
import { createEvent, type Event } from '../../shared/domain/event.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import {
  GENERAL_STAGE_MANAGER,
  NOTHING_PLANNED,
  applyProductionPatch,
  assertValidBudget,
  createProductionEvent,
  datesOfInstants,
  eventStatusOf,
  foldForSearch,
  instantsOfDates,
  locationOfVenue,
  matchesProductionFilters,
  nextSteps,
  productionStatusOf,
  productionStatuses,
  startIndexUpperBound,
  type NewProductionInput,
} from '../../shared/domain/production.ts';
import * as keys from '../../shared/store/keys.ts';
import { eventIndexPosition, eventIndexPositionOf } from '../../shared/store/keys.ts';
import { createProductionEventBody, toNewProductionInput } from '../../shared/schemas/planninghub-events.ts';
import { productionEventView } from '../../shared/views/planninghub-events.ts';
import { jazzAJuanRequest } from '../../local/demo-productions.ts';

/** The request body of the PlanningHub spec's POST /events example. */

const ids = { id: 'event_1', organizationId: 'org_1', organizerId: 'user_1', slug: 'festival' };
const now = new Date('2024-01-20T10:00:00.000Z');
const later = new Date('2024-01-21T10:00:00.000Z');

const festival = (overrides: Partial<NewProductionInput> = {}) =>
  createProductionEvent({ name: 'Festival', startDate: '2024-07-15', endDate: '2024-07-22', ...overrides }, ids, now);

/** The field named by a DomainError's details, or the error itself when something else was thrown. */
function fieldOf(act: () => unknown): string | unknown {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return (error.details as { field: string }[])[0]!.field;
    return error;
  }
  return 'no error';
}

describe('status mapping', () => {
  it('maps each PlanningHub status to one EventLite status and back', () => {
    expect(productionStatuses.map(eventStatusOf)).toEqual(['DRAFT', 'PUBLISHED', 'CLOSED', 'CANCELLED']);
    expect(productionStatuses.map((status) => productionStatusOf(eventStatusOf(status)))).toEqual([...productionStatuses]);
  });
});

describe('local dates <-> instants', () => {
  it('runs a production from start_date 00:00 to the day after end_date 00:00, local time', () => {
    expect(instantsOfDates('2024-07-15', '2024-07-22', 'Europe/Paris')).toEqual({
      startAt: '2024-07-14T22:00:00.000Z',
      endAt: '2024-07-22T22:00:00.000Z',
    });
  });

  it('follows daylight saving: the last day of a production over the autumn change is 25 hours', () => {
    expect(instantsOfDates('2024-10-26', '2024-10-27', 'Europe/Paris')).toEqual({
      startAt: '2024-10-25T22:00:00.000Z',
      endAt: '2024-10-27T23:00:00.000Z',
    });
  });

  it('reads an EventLite event by the local dates it touches, the end being exclusive', () => {
    expect(datesOfInstants('2025-02-15T19:00:00.000Z', '2025-02-15T21:00:00.000Z', 'Europe/Paris')).toEqual({ startDate: '2025-02-15', endDate: '2025-02-15' });
    // ends at local midnight: the 16th is not touched
    expect(datesOfInstants('2025-02-15T22:30:00.000Z', '2025-02-15T23:00:00.000Z', 'Europe/Paris')).toEqual({ startDate: '2025-02-15', endDate: '2025-02-15' });
    expect(datesOfInstants('2025-02-15T22:30:00.000Z', '2025-02-15T23:30:00.000Z', 'Europe/Paris')).toEqual({ startDate: '2025-02-15', endDate: '2025-02-16' });
    expect(datesOfInstants('2025-02-15T19:00:00.000Z', '2025-02-15T21:00:00.000Z', 'Asia/Tokyo')).toEqual({ startDate: '2025-02-16', endDate: '2025-02-16' });
  });

  it('round-trips the dates of a production', () => {
    const event = festival({ timezone: 'America/New_York' });
    expect(datesOfInstants(event.startAt, event.endAt, event.timezone)).toEqual({ startDate: '2024-07-15', endDate: '2024-07-22' });
  });
});

describe('createProductionEvent', () => {
  it('creates the spec example as an in-person DRAFT with the venue as location', () => {
    // prepare
    const input = toNewProductionInput(createProductionEventBody.parse(jazzAJuanRequest));
    // act
    const event = createProductionEvent(input, ids, now);
    // assess
    expect(event).toMatchObject({
      title: 'Festival Jazz a Juan 2024',
      description: '25eme edition du festival de jazz en plein air.',
      mode: 'IN_PERSON',
      status: 'DRAFT',
      location: 'Pinede Gould, 62 Bd de la Croisette, 06160 Antibes',
      startAt: '2024-07-14T22:00:00.000Z',
      endAt: '2024-07-22T22:00:00.000Z',
      timezone: 'Europe/Paris',
      capacity: null,
      version: 1,
      venue: {
        name: 'Pinede Gould',
        address: '62 Bd de la Croisette, 06160 Antibes',
        capacity: 3500,
        technicalContact: { name: 'Pierre Durand', email: 'p.durand@jazzajuan.com', phone: '+33493958585' },
      },
      technicalRequirements: {
        sound: { mainSystem: 'L-Acoustics K2', monitors: 8, mixingConsoles: ['DiGiCo SD5 (FOH)', 'DiGiCo SD10 (Monitors)'] },
        lighting: { movingLights: 24, ledPars: 48, lightingDesks: ['MA3 Light'] },
        power: { totalPowerNeeded: 200, distrosRequired: 4 },
      },
      budget: { total: 150000, breakdown: { sound: 50000, lighting: 40000, video: 20000, labor: 30000, transport: 10000 } },
    });
  });

  it('accepts a one-day production and refuses an end_date before the start_date', () => {
    expect(festival({ endDate: '2024-07-15' }).endAt).toBe('2024-07-15T22:00:00.000Z');
    expect(fieldOf(() => festival({ endDate: '2024-07-14' }))).toBe('end_date');
  });

  it('stores null for what was not sent', () => {
    expect(festival()).toMatchObject({ venue: null, technicalRequirements: null, budget: null, location: null, description: null });
  });
});

describe('budget rules', () => {
  it('lets the lines leave part of the total unallocated or use all of it, to the cent', () => {
    expect(() => assertValidBudget({ total: 100, breakdown: { sound: 60 } })).not.toThrow();
    expect(() => assertValidBudget({ total: 0.3, breakdown: { sound: 0.1, light: 0.2 } })).not.toThrow();
    expect(() => assertValidBudget({ total: 100, breakdown: {} })).not.toThrow();
  });

  it.each([
    [{ total: 100, breakdown: { sound: 60, lighting: 40.01 } }, 'budget.breakdown'],
    [{ total: -1, breakdown: {} }, 'budget.total'],
    [{ total: 100, breakdown: { sound: -5 } }, 'budget.breakdown.sound'],
    [{ total: 100, breakdown: { sound: 0.001 } }, 'budget.breakdown.sound'],
    [{ total: Number.POSITIVE_INFINITY, breakdown: {} }, 'budget.total'],
  ])('refuses %j naming %s', (budget, field) => {
    expect(fieldOf(() => assertValidBudget(budget))).toBe(field);
  });

  it('is checked on creation and on updates', () => {
    expect(fieldOf(() => festival({ budget: { total: 10, breakdown: { sound: 11 } } }))).toBe('budget.breakdown');
    expect(fieldOf(() => applyProductionPatch(festival(), { budget: { total: 10, breakdown: { sound: 11 } } }, later))).toBe('budget.breakdown');
  });
});

describe('applyProductionPatch', () => {
  it('changes only the fields sent and bumps the version', () => {
    // prepare
    const before = festival({ budget: { total: 10, breakdown: {} } });
    // act
    const after = applyProductionPatch(before, { name: 'Festival 2', description: 'Plein air' }, later);
    // assess
    expect(after).toEqual({ ...before, title: 'Festival 2', description: 'Plein air', updatedAt: later.toISOString(), version: 2 });
  });

  it('moves one bound to a local midnight and keeps the other', () => {
    const eventLite = createEvent({ title: 'Concert', mode: 'ONLINE', startAt: '2025-02-15T19:00:00.000Z', endAt: '2025-02-15T21:00:00.000Z' }, ids, now);
    const moved = applyProductionPatch(eventLite, { endDate: '2025-02-16' }, later);
    expect({ startAt: moved.startAt, endAt: moved.endAt }).toEqual({ startAt: '2025-02-15T19:00:00.000Z', endAt: '2025-02-16T23:00:00.000Z' });
  });

  it('names the bound sent when the range turns inside out', () => {
    expect(fieldOf(() => applyProductionPatch(festival(), { startDate: '2024-07-23' }, later))).toBe('start_date');
    expect(fieldOf(() => applyProductionPatch(festival(), { endDate: '2024-07-14' }, later))).toBe('end_date');
    expect(fieldOf(() => applyProductionPatch(festival(), { startDate: '2024-07-20', endDate: '2024-07-19' }, later))).toBe('end_date');
  });

  it('keeps the local dates when the time zone changes', () => {
    const moved = applyProductionPatch(festival(), { timezone: 'America/New_York' }, later);
    expect({ startAt: moved.startAt, endAt: moved.endAt, timezone: moved.timezone }).toEqual({
      startAt: '2024-07-15T04:00:00.000Z',
      endAt: '2024-07-23T04:00:00.000Z',
      timezone: 'America/New_York',
    });
  });

  it('follows the EventLite state machine, in PlanningHub words', () => {
    const published = applyProductionPatch(festival(), { status: 'published' }, later);
    expect(published.status).toBe('PUBLISHED');
    const cancelled = applyProductionPatch(published, { status: 'cancelled' }, later);
    expect(() => applyProductionPatch(cancelled, { status: 'planning' }, later)).toThrow('Invalid status transition: cancelled -> planning (a cancelled event stays cancelled)');
    expect(() => applyProductionPatch(festival(), { status: 'closed' }, later)).toThrow('Invalid status transition: planning -> closed');
  });

  it('derives the location from a new venue, and keeps it when the venue is cleared', () => {
    const venue = { name: 'Salle', address: null, capacity: null, technicalContact: null };
    const withVenue = applyProductionPatch(festival(), { venue }, later);
    expect({ venue: withVenue.venue, location: withVenue.location }).toEqual({ venue, location: 'Salle' });
    const cleared = applyProductionPatch(withVenue, { venue: null }, later);
    expect({ venue: cleared.venue, location: cleared.location }).toEqual({ venue: null, location: 'Salle' });
  });

  it('does not write a venue, requirements or budget onto an event that had none unless sent', () => {
    const eventLite = createEvent({ title: 'Concert', mode: 'ONLINE', startAt: '2025-02-15T19:00:00.000Z' }, ids, now);
    expect(Object.keys(applyProductionPatch(eventLite, { name: 'Concert 2' }, later)).sort()).toEqual(Object.keys(eventLite).sort());
  });
});

describe('next steps', () => {
  const spec = ['Assigner un régisseur général', 'Importer les riders techniques des artistes', 'Planifier les répétitions techniques'];

  it('lists the spec three steps while nothing is planned', () => {
    expect(nextSteps(festival())).toEqual(spec);
    expect(nextSteps(festival(), NOTHING_PLANNED, 'en')).toEqual(['Assign a general stage manager', "Import the artists' technical riders", 'Schedule the technical rehearsals']);
  });

  it('drops each step once what it asks for exists', () => {
    expect(nextSteps(festival(), { crewRoles: [GENERAL_STAGE_MANAGER], riders: 0, rehearsals: 0 })).toEqual(spec.slice(1));
    expect(nextSteps(festival(), { crewRoles: ['head_sound_engineer'], riders: 2, rehearsals: 0 })).toEqual([spec[0], spec[2]]);
    expect(nextSteps(festival(), { crewRoles: [GENERAL_STAGE_MANAGER], riders: 1, rehearsals: 1 })).toEqual([]);
  });

  it('has nothing left to plan for a cancelled event', () => {
    expect(nextSteps({ status: 'CANCELLED' })).toEqual([]);
  });
});

describe('list filters', () => {
  const event = festival();

  it('keeps an event whose local dates overlap [from, to]', () => {
    expect(matchesProductionFilters(event, { from: '2024-07-22', to: '2024-07-22' })).toBe(true);
    expect(matchesProductionFilters(event, { from: '2024-07-01', to: '2024-07-15' })).toBe(true);
    expect(matchesProductionFilters(event, { from: '2024-07-23' })).toBe(false);
    expect(matchesProductionFilters(event, { to: '2024-07-14' })).toBe(false);
  });

  it('finds words of the name, case and accents ignored', () => {
    expect(foldForSearch('Festival Jazz à Juan — 2024')).toBe('festival jazz a juan 2024');
    expect(matchesProductionFilters({ ...event, title: 'Festival Jazz à Juan' }, { q: 'JAZZ A' })).toBe(true);
    expect(matchesProductionFilters(event, { q: 'rock' })).toBe(false);
  });

  it('bounds the start index late enough for every time zone', () => {
    const kiritimati = festival({ timezone: 'Pacific/Kiritimati', startDate: '2024-07-22' });
    const samoa = festival({ timezone: 'Pacific/Pago_Pago', startDate: '2024-07-22' });
    for (const candidate of [kiritimati, samoa, event]) expect(candidate.startAt < startIndexUpperBound('2024-07-22')).toBe(true);
  });
});

describe('cursor positions', () => {
  const item = {
    ...keys.event('org_1', 'event_1'),
    ...keys.eventIndexes('org_1', 'DRAFT', '2024-07-14T22:00:00.000Z', 'event_1'),
  } as Record<string, unknown>;

  it('accepts the position of an event of the organisation, in the index queried', () => {
    const position = eventIndexPositionOf(item, 'gsi1');
    expect(eventIndexPosition('org_1', undefined, position)).toEqual(position);
    const byStatus = eventIndexPositionOf(item, 'gsi2');
    expect(eventIndexPosition('org_1', 'DRAFT', byStatus)).toEqual(byStatus);
  });

  it.each([
    ['another organisation', { ...eventIndexPositionOf(item, 'gsi1'), pk: 'ORG#org_2' }, undefined],
    ['another organisation everywhere', eventIndexPositionOf({ ...keys.event('org_2', 'e'), ...keys.eventIndexes('org_2', 'DRAFT', '2024-07-14T22:00:00.000Z', 'e') }, 'gsi1'), undefined],
    ['another index', eventIndexPositionOf(item, 'gsi1'), 'DRAFT'],
    ['another status', eventIndexPositionOf(item, 'gsi2'), 'PUBLISHED'],
    ['an extra attribute', { ...eventIndexPositionOf(item, 'gsi1'), gsi2pk: 'x' }, undefined],
    ['a missing attribute', { pk: 'ORG#org_1', sk: 'EVENT#event_1' }, undefined],
    ['a non-event item', { pk: 'ORG#org_1', sk: 'MEMBER#user_1', gsi1pk: 'ORG#org_1#EVENTS', gsi1sk: '2024-07-14T22:00:00.000Z#user_1' }, undefined],
    ['a number', { ...eventIndexPositionOf(item, 'gsi1'), gsi1sk: 3 }, undefined],
    ['an array', [1, 2], undefined],
    ['null', null, undefined],
  ])('refuses %s', (_label, candidate, status) => {
    expect(eventIndexPosition('org_1', status, candidate)).toBeNull();
  });
});

describe('the PlanningHub view', () => {
  it('shows an EventLite event with null venue and budget and empty requirements', () => {
    const eventLite: Event = createEvent(
      { title: 'Meetup IA Paris', mode: 'IN_PERSON', location: '42 rue Tech, Paris', startAt: '2025-02-15T19:00:00.000Z', status: 'PUBLISHED' },
      { ...ids, id: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60' },
      now,
    );
    expect(productionEventView(eventLite)).toEqual({
      id: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60',
      name: 'Meetup IA Paris',
      description: null,
      start_date: '2025-02-15',
      end_date: '2025-02-15',
      timezone: 'Europe/Paris',
      status: 'published',
      venue: null,
      technical_requirements: {},
      budget: null,
      slug: 'festival',
      created_at: '2024-01-20T10:00:00.000Z',
      updated_at: '2024-01-20T10:00:00.000Z',
      organizer_id: 'user_1',
    });
  });

  it('gives back the spec request fields as sent', () => {
    const event = createProductionEvent(toNewProductionInput(createProductionEventBody.parse(jazzAJuanRequest)), ids, now);
    const view = productionEventView(event);
    expect({
      name: view.name,
      description: view.description,
      start_date: view.start_date,
      end_date: view.end_date,
      venue: view.venue,
      technical_requirements: view.technical_requirements,
      budget: view.budget,
    }).toEqual(jazzAJuanRequest);
    expect(locationOfVenue(event.venue!)).toBe('Pinede Gould, 62 Bd de la Croisette, 06160 Antibes');
  });
});
