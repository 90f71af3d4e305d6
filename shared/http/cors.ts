import { corsPolicy } from '../../lib/table.ts';

export const corsHeaders: Record<string, string> = {
  'Access-Control-Allow-Origin': corsPolicy.allowOrigins.join(','),
  'Access-Control-Expose-Headers': corsPolicy.exposeHeaders.join(','),
};
