/**
 * Demo equipment of org_123, from the PlanningHub spec's examples: `eq_101` (the DiGiCo SD5 of
 * GET /equipment and POST /equipment/book) and `eq_102` (the stage boxes of POST /shifts, a stock),
 * plus two more mixing consoles so that the spec's GET /equipment filter finds the `count: 3` it
 * shows. Written through the domain and repository the API uses, only when missing.
 *
 * No booking is seeded: the spec books eq_101 for event_456 on 2024-02-15 20:00-02:00 in its
 * POST example and shows that very booking in its GET example. Seeding it would make the POST
 * example a 409; leaving it out lets the POST replay give the spec's 201, after which the GET
 * example shows the booked segment (docs/equipment.md, "Demo data").
 */
import { createEquipment, type NewEquipmentInput } from '../shared/domain/equipment.ts';
import { getEquipment, insertEquipment } from '../shared/store/equipment.ts';

const ORGANIZATION_ID = 'org_123';
// The spec's examples are dated 2024-01-20T10:00:00Z.
const CREATED_AT = new Date('2024-01-20T10:00:00.000Z');

export const demoEquipment: { id: string; input: NewEquipmentInput }[] = [
  {
    id: 'eq_101',
    input: {
      name: 'DiGiCo SD5',
      category: 'sound',
      subcategory: 'mixing_console',
      kind: 'unit',
      specifications: { inputs: 128, outputs: 64, compatibility: ['Dante', 'MADI'] },
      lastMaintenanceDate: '2024-01-10',
      nextMaintenanceDate: '2024-04-10',
      requiredCertifications: ['DiGiCo Certified'],
      dailyRate: 500,
    },
  },
  {
    id: 'eq_102',
    input: {
      name: 'DiGiCo D2-Rack stage box',
      category: 'sound',
      subcategory: 'stage_box',
      kind: 'bulk',
      quantityTotal: 40,
      specifications: { inputs: 48, outputs: 16, compatibility: ['MADI'] },
      lastMaintenanceDate: '2024-01-10',
      nextMaintenanceDate: '2024-07-10',
      dailyRate: 40,
    },
  },
  {
    id: 'eq_103',
    input: {
      name: 'DiGiCo SD10',
      category: 'sound',
      subcategory: 'mixing_console',
      kind: 'unit',
      specifications: { inputs: 96, outputs: 48, compatibility: ['Dante', 'MADI'] },
      lastMaintenanceDate: '2024-01-15',
      nextMaintenanceDate: '2024-06-15',
      requiredCertifications: ['DiGiCo Certified'],
      dailyRate: 400,
    },
  },
  {
    id: 'eq_104',
    input: {
      name: 'Yamaha CL5',
      category: 'sound',
      subcategory: 'mixing_console',
      kind: 'unit',
      specifications: { inputs: 72, outputs: 24, compatibility: ['Dante'] },
      lastMaintenanceDate: '2024-02-01',
      nextMaintenanceDate: '2024-08-01',
      dailyRate: 300,
    },
  },
];

export async function seedDemoEquipment(): Promise<void> {
  for (const { id, input } of demoEquipment) {
    if (await getEquipment(ORGANIZATION_ID, id, true)) continue;
    // A concurrent seeding that wrote it first leaves it as wanted: insertEquipment then answers false.
    await insertEquipment(createEquipment(input, { id, organizationId: ORGANIZATION_ID }, CREATED_AT));
  }
}
