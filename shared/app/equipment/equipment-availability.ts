import type { Allocation, Interval } from '../../domain/allocation.ts';
import { DomainError } from '../../domain/errors.ts';
import { requestedWindow, type Equipment } from '../../domain/equipment.ts';
import { equipmentAllocationsOfEach, getEquipmentMany, listEquipmentSelection } from '../../store/equipment.ts';
import { getOrganizationTimeZone } from '../../store/identity.ts';
import type { Actor } from '../actor.ts';

export interface AvailabilityQuery {
  start: string;
  end: string;
  ids?: string[];
  category?: string;
  subcategory?: string;
}

export interface EquipmentAvailability {
  window: Interval;
  timeZone: string;
  items: { equipment: Equipment; allocations: Allocation[] }[];
  /** Asked ids that are not items of the organisation. */
  notFound: string[];
}

/** GET /v1/equipment/availability: a selection (by ids, or by category) over one window, never cut into pages. */
export async function equipmentAvailabilityUseCase(actor: Actor, query: AvailabilityQuery, maxItems: number): Promise<EquipmentAvailability> {
  const organizationId = actor.organizationId;
  const window = requestedWindow(query.start, query.end)!;
  const [timeZone, items] = await Promise.all([
    getOrganizationTimeZone(organizationId),
    query.ids
      ? getEquipmentMany(organizationId, query.ids)
      : listEquipmentSelection(organizationId, { category: query.category, subcategory: query.subcategory }, maxItems + 1),
  ]);
  // Per-subcategory counts need every item of the selection, so a selection is never cut into pages.
  if (items.length > maxItems) {
    throw DomainError.of('invalid', 'SELECTION_TOO_LARGE', {
      params: { max: maxItems },
      details: [{ field: query.subcategory === undefined ? 'subcategory' : 'category', message: `more than ${maxItems} items` }],
    });
  }
  const allocations = await equipmentAllocationsOfEach(organizationId, items, window);
  const found = new Set(items.map((equipment) => equipment.id));
  return {
    window,
    timeZone,
    items: items.map((equipment, i) => ({ equipment, allocations: allocations[i]! })),
    notFound: [...new Set(query.ids ?? [])].filter((id) => !found.has(id)),
  };
}
