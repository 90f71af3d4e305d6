import { endpoint } from '../../shared/http/endpoint.ts';

export const handler = endpoint({ surface: 'system', auth: false }, async () => ({
  statusCode: 200,
  body: { status: 'ok', time: new Date().toISOString() },
}));
