/**
 * The PlanningHub view of an Event (snake_case). Works for every Event item, including those
 * created on EventLite, which have no venue, requirements or budget: those read as null / {}.
 * docs/event-views.md is the mapping.
 */
import type { Budget, Event, TechnicalRequirements, Venue } from '../domain/event.ts';
import { datesOfInstants, nextSteps, productionStatusOf, type ProductionProgress, type StepLanguage } from '../domain/production.ts';

function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function venueView(venue: Venue | null | undefined) {
  if (!venue) return null;
  const contact = venue.technicalContact;
  return {
    name: venue.name,
    address: venue.address,
    capacity: venue.capacity,
    technical_contact: contact ? { name: contact.name, email: contact.email, phone: contact.phone } : null,
  };
}

export function technicalRequirementsView(requirements: TechnicalRequirements | null | undefined) {
  const { sound, lighting, power } = requirements ?? {};
  return defined({
    sound: sound && defined({ main_system: sound.mainSystem, monitors: sound.monitors, mixing_consoles: sound.mixingConsoles }),
    lighting: lighting && defined({ moving_lights: lighting.movingLights, led_pars: lighting.ledPars, lighting_desks: lighting.lightingDesks }),
    power: power && defined({ total_power_needed: power.totalPowerNeeded, distros_required: power.distrosRequired }),
  });
}

/**
 * `consumed`: euros charged per line by the event's shifts (confirmed and pending), from the
 * cents the shift writes keep in the event's `budgetConsumed` (docs/shifts.md, "Budget lines").
 * It appears with the event's first shift: every budgeted line then shows, 0 when nothing is
 * charged to it, and a line charged without being budgeted shows too.
 */
function budgetView(budget: Budget | null | undefined, consumedCents: Record<string, number> | undefined) {
  if (!budget) return null;
  if (consumedCents === undefined) return { total: budget.total, breakdown: { ...budget.breakdown } };
  const consumed: Record<string, number> = {};
  for (const line of Object.keys(budget.breakdown)) consumed[line] = (consumedCents[line] ?? 0) / 100;
  for (const [line, cents] of Object.entries(consumedCents)) if (!(line in consumed) && cents !== 0) consumed[line] = cents / 100;
  return { total: budget.total, breakdown: { ...budget.breakdown }, consumed };
}

export function productionEventView(event: Event) {
  const { startDate, endDate } = datesOfInstants(event.startAt, event.endAt, event.timezone);
  return {
    id: event.id,
    name: event.title,
    description: event.description,
    start_date: startDate,
    end_date: endDate,
    timezone: event.timezone,
    status: productionStatusOf(event.status),
    venue: venueView(event.venue),
    technical_requirements: technicalRequirementsView(event.technicalRequirements),
    budget: budgetView(event.budget, (event as Event & { budgetConsumed?: Record<string, number> }).budgetConsumed),
    slug: event.slug,
    created_at: event.createdAt,
    updated_at: event.updatedAt,
    organizer_id: event.organizerId,
  };
}

export const productionEventDetailView = (event: Event, progress: ProductionProgress, lang: StepLanguage) => ({
  ...productionEventView(event),
  next_steps: nextSteps(event, progress, lang),
});

/** The spec's 201 body, exactly: id, status, technical_requirements, next_steps. */
export const createdProductionEventView = (event: Event, progress: ProductionProgress, lang: StepLanguage) => ({
  id: event.id,
  status: productionStatusOf(event.status),
  technical_requirements: technicalRequirementsView(event.technicalRequirements),
  next_steps: nextSteps(event, progress, lang),
});
