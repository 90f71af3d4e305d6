import { randomBytes } from 'node:crypto';
import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { createEquipment, currentLocalDay } from '../../shared/domain/equipment.ts';
import { insertEquipment } from '../../shared/store/equipment.ts';
import { getOrganizationTimeZone } from '../../shared/store/identity.ts';
import { createEquipmentBody, toNewEquipmentInput } from '../../shared/schemas/equipment.ts';
import { equipmentSegments, equipmentView } from '../../shared/views/equipment.ts';

const ATTEMPTS = 3;

export const handler = endpoint({ surface: 'planninghub', roles: ADMINS, body: createEquipmentBody }, async ({ body, principal }) => {
  const input = toNewEquipmentInput(body);
  const timeZone = await getOrganizationTimeZone(principal.organizationId);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    // 64 random bits: a collision is improbable, and the conditional write turns one into a new draw.
    const equipment = createEquipment(input, { id: `eq_${randomBytes(8).toString('hex')}`, organizationId: principal.organizationId }, new Date());
    if (await insertEquipment(equipment)) {
      const segments = equipmentSegments(equipment, [], { window: currentLocalDay(timeZone, Date.now()), timeZone });
      return { statusCode: 201, headers: { Location: `/v1/equipment/${equipment.id}` }, body: equipmentView(equipment, segments, timeZone) };
    }
  }
  throw new Error(`No free equipment id after ${ATTEMPTS} draws`);
});
