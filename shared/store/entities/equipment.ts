/** The equipment catalogue's item (bookings are declared with the shifts and allocations). */
import { defineEntity } from '../entity.ts';
import * as keys from '../keys.ts';
import { withoutKeys } from '../keys.ts';
import type { Equipment } from '../../domain/equipment.ts';

/**
 * Specifications are the client's free-form object: kept as JSON text so that they come back in
 * the order they were written (a DynamoDB map does not keep its keys' order).
 */
export const EquipmentEntity = defineEntity<Equipment>({
  name: 'Equipment',
  key: (equipment) => keys.equipment(equipment.organizationId, equipment.id),
  indexes: (equipment) => keys.equipmentIndexes(equipment.organizationId, equipment.status, equipment.category, equipment.subcategory, equipment.id),
  encode: ({ specifications, ...equipment }) => ({ ...equipment, specificationsJson: JSON.stringify(specifications) }),
  decode: (item) => {
    const { specificationsJson, ...rest } = withoutKeys<Equipment & { specificationsJson?: string }>(item);
    return { ...rest, specifications: specificationsJson !== undefined ? (JSON.parse(specificationsJson) as Record<string, unknown>) : (rest.specifications ?? {}) };
  },
});
