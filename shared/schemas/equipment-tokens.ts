/**
 * Equipment catalogue tokens (category, subcategory), shared by the bodies (equipment.ts) and the
 * queries (equipment-queries.ts), apart from both so that neither bundles the other's schemas
 * (docs/schemas.md, rule 6). In `zod/mini`.
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';

const catalogueToken = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,49}$/, fieldMessage('VALIDATION_ERROR.catalogue_token')));
export const equipmentCategory = catalogueToken.check(z.describe('e.g. sound, lighting, video, power'));
export const equipmentSubcategory = catalogueToken.check(z.describe('e.g. mixing_console, stage_box'));
