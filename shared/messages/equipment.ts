/** The equipment catalogue (bookings' messages are in shifts.ts). */
import { defineMessages } from './define.ts';

export const equipmentMessages = defineMessages({
  'NOT_FOUND.equipment': { fr: 'Équipement introuvable', en: 'Equipment not found' },
  'VALIDATION_ERROR.unit_quantity': { fr: 'Un équipement unitaire a une quantité de 1', en: 'A unit has a quantity of 1' },
  'VALIDATION_ERROR.quantity_positive': { fr: 'La quantité doit être un entier positif', en: 'The quantity must be a positive integer' },
  'VALIDATION_ERROR.maintenance_dates': {
    fr: 'next_maintenance_date doit être postérieure ou égale à last_maintenance_date',
    en: 'next_maintenance_date must be on or after last_maintenance_date',
  },
  'VALIDATION_ERROR.bulk_quantity_required': { fr: 'quantity_total est obligatoire pour un équipement en vrac (bulk)', en: 'quantity_total is required for a bulk item' },
  'CONCURRENT_UPDATE.equipment': { fr: "L'équipement a été modifié en même temps ; réessayez", en: 'The equipment was changed concurrently; retry' },
  'RESOURCE_CONFLICT.stock_in_use': ({ peak, total }: { peak: number; total: number }) => ({
    fr: `Stock en cours d'utilisation : ${peak} réservé(s) au plus fort à venir, plus que ${total}`,
    en: `Stock in use: ${peak} booked at the busiest moment to come, more than ${total}`,
  }),
  SELECTION_TOO_LARGE: ({ max }: { max: number }) => ({
    fr: `Plus de ${max} équipements dans cette sélection : précisez la sous-catégorie ou les ids`,
    en: `More than ${max} items in this selection: narrow it by subcategory or ids`,
  }),
});
