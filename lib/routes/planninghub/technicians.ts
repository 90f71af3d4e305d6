/** PlanningHub routes, technicians area: technician profiles and the team's availability (`/v1/technicians`, `/v1/availability`). Defaults in ./common.ts. */
import { teamAvailabilityResponse, technicianListResponse, technicianSchema } from '../../../shared/schemas/technicians-docs.ts';
import { listTechniciansQuery, putTechnicianBody, teamAvailabilityQuery, technicianParams } from '../../../shared/schemas/technicians.ts';
import { errorDoc, planningHubRoutes } from './common.ts';

export const technicianRoutes = planningHubRoutes({ tag: 'PlanningHub: technicians' }, [
  {
    id: 'ListTechnicians',
    method: 'GET',
    path: '/v1/technicians',
    docs: {
      summary: "The organisation's technician profiles, filtered (stage managers, admins)",
      description:
        'Members with a technician profile, sorted by name. `skill` and `min_level` must be met by one skill; `certification` is held on any skill and valid on `valid_on` (default: today in the organisation time zone). Availability is left out: GET /v1/availability reads it by date range.',
      request: { query: listTechniciansQuery },
      responses: { 200: { description: 'Technicians', schema: technicianListResponse } },
    },
  },
  {
    id: 'GetTechnician',
    method: 'GET',
    path: '/v1/technicians/{user_id}',
    docs: {
      summary: 'A technician profile (stage managers, admins, or the technician themself)',
      description:
        "Skills by category with levels and certifications, contract and availability. Another organisation's or a removed member's profile is a 404.",
      request: { params: technicianParams },
      responses: {
        200: { description: 'The profile', schema: technicianSchema },
        404: errorDoc('No profile, or not a member of this organisation'),
      },
    },
  },
  {
    id: 'PutTechnician',
    method: 'PUT',
    path: '/v1/technicians/{user_id}',
    docs: {
      summary: "Create or replace a member's skills, certifications and contract (stage managers, admins)",
      description:
        'Skills are grouped into specializations by their category. Availability is the technician\'s own (PATCH /v1/users/me/availability) and is kept. A stage manager cannot edit their own profile (403 OWN_PROFILE_FORBIDDEN); an admin can.',
      request: { params: technicianParams, body: putTechnicianBody },
      responses: {
        200: { description: 'Replaced', schema: technicianSchema },
        201: { description: 'Created', schema: technicianSchema },
        404: errorDoc('Not a member of this organisation'),
      },
    },
  },
  {
    id: 'GetTeamAvailability',
    method: 'GET',
    path: '/v1/availability',
    docs: {
      summary: "The technicians' declared availability between two dates (stage managers, admins)",
      description: 'Per technician: the declared ranges of each date from `from` to `to` (at most 92 days), and the same as UTC instants.',
      request: { query: teamAvailabilityQuery },
      responses: { 200: { description: 'Availability per technician', schema: teamAvailabilityResponse } },
    },
  },
]);
