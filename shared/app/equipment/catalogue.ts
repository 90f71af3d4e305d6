import type { Allocation, Interval } from '../../domain/allocation.ts';
import { currentLocalDay, equipmentNotFound, requestedWindow, type Equipment, type EquipmentStatus } from '../../domain/equipment.ts';
import { equipmentAllocations, equipmentAllocationsOfEach, getEquipment, listEquipmentPage } from '../../store/equipment.ts';
import { getOrganizationTimeZone } from '../../store/identity.ts';
import type { Actor } from '../actor.ts';

/** An item of the catalogue with its allocations over a window, read in the organisation's time zone. */
export interface EquipmentInWindow {
  equipment: Equipment;
  allocations: Allocation[];
  window: Interval;
  timeZone: string;
}

/** The item as a write leaves it: its timeline over the organisation's current local day. */
export async function equipmentToday(organizationId: string, equipment: Equipment): Promise<EquipmentInWindow> {
  const timeZone = await getOrganizationTimeZone(organizationId);
  const window = currentLocalDay(timeZone, Date.now());
  const allocations = await equipmentAllocations(organizationId, equipment.id, window);
  return { equipment, allocations, window, timeZone };
}

/** GET /v1/equipment/{id}: over the asked window, the current local day when none is asked. */
export async function getEquipmentUseCase(actor: Actor, id: string, asked: { start?: string; end?: string }): Promise<EquipmentInWindow> {
  const organizationId = actor.organizationId;
  const requested = requestedWindow(asked.start, asked.end);
  const [timeZone, equipment] = await Promise.all([getOrganizationTimeZone(organizationId), getEquipment(organizationId, id)]);
  if (!equipment) throw equipmentNotFound();
  const window = requested ?? currentLocalDay(timeZone, Date.now());
  const allocations = await equipmentAllocations(organizationId, equipment.id, window);
  return { equipment, allocations, window, timeZone };
}

export interface EquipmentListQuery {
  status: EquipmentStatus;
  category?: string;
  subcategory?: string;
  limit: number;
  cursor?: string;
  start?: string;
  end?: string;
}

/** GET /v1/equipment: a page of the catalogue, each item over the same window. */
export async function listEquipmentUseCase(
  actor: Actor,
  query: EquipmentListQuery,
): Promise<{ items: EquipmentInWindow[]; nextCursor: string | null }> {
  const organizationId = actor.organizationId;
  const asked = requestedWindow(query.start, query.end);
  const [timeZone, page] = await Promise.all([
    getOrganizationTimeZone(organizationId),
    listEquipmentPage(organizationId, { status: query.status, category: query.category, subcategory: query.subcategory, limit: query.limit, cursor: query.cursor }),
  ]);
  const window = asked ?? currentLocalDay(timeZone, Date.now());
  const allocations = await equipmentAllocationsOfEach(organizationId, page.items, window);
  return { items: page.items.map((equipment, i) => ({ equipment, allocations: allocations[i]!, window, timeZone })), nextCursor: page.nextCursor };
}
