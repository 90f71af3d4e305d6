/** PlanningHub routes, members area: the organisation's members and their roles (`/v1/members`). Defaults in ./common.ts. */
import { memberSchema, membersListResponse } from '../../../shared/schemas/planninghub-identity-docs.ts';
import { addMemberBody, memberParams, updateMemberBody } from '../../../shared/schemas/planninghub-identity.ts';
import { errorDoc, planningHubRoutes } from './common.ts';

const notAMember = errorDoc('Not a member');
const lastAdmin = errorDoc('Would leave the organisation without an admin');

export const memberRoutes = planningHubRoutes({ tag: 'PlanningHub: organisation' }, [
  {
    id: 'ListMembers',
    method: 'GET',
    path: '/v1/members',
    docs: {
      summary: "The organisation's members and their roles (stage managers, admins)",
      responses: { 200: { description: 'Members', schema: membersListResponse } },
    },
  },
  {
    id: 'AddMember',
    method: 'POST',
    path: '/v1/members',
    docs: {
      summary: 'Add or invite a member by e-mail (admins)',
      request: { body: addMemberBody },
      responses: {
        201: { description: 'The member', schema: memberSchema },
        409: errorDoc('Already a member'),
      },
    },
  },
  {
    id: 'UpdateMember',
    method: 'PATCH',
    path: '/v1/members/{user_id}',
    docs: {
      summary: "Change a member's roles (admins)",
      request: { params: memberParams, body: updateMemberBody },
      responses: {
        200: { description: 'The member', schema: memberSchema },
        404: notAMember,
        409: lastAdmin,
      },
    },
  },
  {
    id: 'RemoveMember',
    method: 'DELETE',
    path: '/v1/members/{user_id}',
    docs: {
      summary: 'Remove a member (admins); access ends with the next request',
      request: { params: memberParams },
      responses: {
        200: { description: 'Removed' },
        404: notAMember,
        409: lastAdmin,
      },
    },
  },
]);
