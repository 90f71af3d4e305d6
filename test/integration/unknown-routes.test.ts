/**
 * Unknown paths and methods, through the local gateway's `$default` route (API Gateway's in the
 * deployed stack): the surface's error envelope instead of a bare `{"message":"Not Found"}`.
 */
import { describe, expect, it } from 'vitest';
import { api } from './support.ts';

describe('unknown paths and methods answer in the envelope of their surface', () => {
  it('answers an unknown PlanningHub path with 404 NOT_FOUND in the PlanningHub envelope', async () => {
    // act
    const response = await api('GET', '/v1/no-such-thing/42', { headers: { 'accept-language': 'en' } });
    // assess
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found: no route matches this path' } });
  });

  it('answers another method on a known PlanningHub path with 405 METHOD_NOT_ALLOWED and Allow', async () => {
    // act
    const response = await api('DELETE', '/v1/users/me');
    // assess
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PATCH');
    expect(response.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(response.body.error.message).toBe('Méthode non autorisée sur ce chemin (autorisées : GET, PATCH)');
  });

  it('answers an unknown EventLite path with 404 in the EventLite envelope', async () => {
    // act
    const response = await api('GET', '/api/v1/registrations', { headers: { 'accept-language': 'en' } });
    // assess
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Not found: no route matches this path' });
  });

  it('answers another method on a known EventLite path with 405 and Allow in the EventLite envelope', async () => {
    // act
    const response = await api('PUT', '/api/v1/events', { body: { title: 'x' } });
    // assess
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(typeof response.body.error).toBe('string');
  });

  it('answers a path of no surface with a plain JSON 404', async () => {
    // act
    const response = await api('GET', '/wp-login.php');
    // assess
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toEqual({ error: 'Ressource introuvable : aucune route ne correspond à ce chemin' });
  });

  it('still serves the known routes, parameterised ones included', async () => {
    // act
    const health = await api('GET', '/health');
    const protectedRoute = await api('GET', '/v1/shifts/shift_unknown');
    // assess
    expect(health.status).toBe(200);
    expect(protectedRoute.status).toBe(401);
  });
});
