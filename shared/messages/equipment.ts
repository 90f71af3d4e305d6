/** The equipment catalogue (bookings' messages are in shifts.ts). */
import { defineTexts, defineTemplates, withParams } from './define.ts';

export const equipmentTexts = /* @__PURE__ */ defineTexts(() => ({
  'NOT_FOUND.equipment': { fr: 'Équipement introuvable', en: 'Equipment not found' },
  'VALIDATION_ERROR.unit_quantity': { fr: 'Un équipement unitaire a une quantité de 1', en: 'A unit has a quantity of 1' },
  'VALIDATION_ERROR.quantity_positive': { fr: 'La quantité doit être un entier positif', en: 'The quantity must be a positive integer' },
  'VALIDATION_ERROR.maintenance_dates': {
    fr: 'next_maintenance_date doit être postérieure ou égale à last_maintenance_date',
    en: 'next_maintenance_date must be on or after last_maintenance_date',
  },
  'VALIDATION_ERROR.bulk_quantity_required': { fr: 'quantity_total est obligatoire pour un équipement en vrac (bulk)', en: 'quantity_total is required for a bulk item' },
  'CONCURRENT_UPDATE.equipment': { fr: "L'équipement a été modifié en même temps ; réessayez", en: 'The equipment was changed concurrently; retry' },
  // Field messages of the equipment request schemas (shared/schemas/equipment.ts); empty_body serves every schema.
  'VALIDATION_ERROR.empty_body': { fr: 'Au moins un champ doit être envoyé', en: 'At least one field must be sent' },
  'VALIDATION_ERROR.catalogue_token': {
    fr: 'Lettres minuscules, chiffres et _, en commençant par une lettre (50 au plus)',
    en: 'Lower-case letters, digits and _, starting with a letter (at most 50)',
  },
  'VALIDATION_ERROR.to_the_cent': { fr: 'Au centime près', en: 'To the cent' },
  'VALIDATION_ERROR.unit_quantity_kind': {
    fr: 'Un équipement unitaire a une quantité de 1 ; utilisez kind « bulk » pour un stock',
    en: 'A unit has a quantity of 1; use kind "bulk" for a stock',
  },
  'VALIDATION_ERROR.window_pair': { fr: 'start_time et end_time vont ensemble', en: 'start_time and end_time go together' },
  'VALIDATION_ERROR.availability_selection': { fr: 'Précisez category, subcategory ou ids', en: 'Give category, subcategory or ids' },
  'VALIDATION_ERROR.ids_alone': { fr: 'ids ne se combine ni avec category ni avec subcategory', en: 'ids cannot be combined with category or subcategory' },
  'RESOURCE_CONFLICT.stock_in_use': withParams<{ peak: number; total: number }>({ fr: 'Stock en cours d\'utilisation : {peak} réservé(s) au plus fort à venir, plus que {total}', en: 'Stock in use: {peak} booked at the busiest moment to come, more than {total}' }),
  SELECTION_TOO_LARGE: withParams<{ max: number }>({ fr: 'Plus de {max} équipements dans cette sélection : précisez la sous-catégorie ou les ids', en: 'More than {max} items in this selection: narrow it by subcategory or ids' }),
  'VALIDATION_ERROR.specifications_size': withParams<{ max: number }>({ fr: '{max} octets de JSON au plus', en: 'At most {max} bytes of JSON' }),
  'VALIDATION_ERROR.specifications_depth': withParams<{ max: number }>({ fr: '{max} niveaux d\'imbrication au plus', en: 'At most {max} levels of nesting' }),
}));

export const equipmentTemplates = defineTemplates({
});
