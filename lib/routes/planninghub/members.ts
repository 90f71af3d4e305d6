/** PlanningHub routes, members area: the organisation's members and their roles (`/v1/members`). Defaults in ./common.ts. */
import { invitationRevokedSchema, invitationSchema, invitationsListResponse, memberRemovedSchema, memberSchema, membersListResponse, myInvitationSchema, myInvitationsListResponse } from '../../../shared/schemas/planninghub-identity-docs.ts';
import { addMemberBody, invitationParams, memberParams, updateMemberBody } from '../../../shared/schemas/planninghub-identity.ts';
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
      description:
        'Every member of the organisation with their roles, for planners choosing a crew.',
      responses: { 200: { description: 'Members', schema: membersListResponse } },
    },
  },
  {
    id: 'AddMember',
    method: 'POST',
    path: '/v1/members',
    docs: {
      summary: 'Invite a person by e-mail (admins); they join when they accept',
      description:
        'Answers 202 with the pending invitation, the same whether or not the address has an account; the organisation sees the person only once they accept (GET /v1/invitations, POST /v1/invitations/{invitation_id}/accept). A new invitation to the same address replaces the previous one. Valid 14 days.',
      request: { body: addMemberBody },
      responses: {
        202: { description: 'The pending invitation', schema: invitationSchema },
        409: errorDoc('Already a member of this organisation'),
      },
    },
  },
  {
    id: 'UpdateMember',
    method: 'PATCH',
    path: '/v1/members/{user_id}',
    docs: {
      summary: "Change a member's roles (admins)",
      description:
        "The roles sent replace the member's. 409 LAST_ADMIN when it would leave the organisation without an admin (checked inside the transaction, so two admins demoting each other at once cannot both succeed).",
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
      description:
        "The membership is deleted; the person's other organisations are untouched. 409 LAST_ADMIN when it would leave the organisation without an admin.",
      request: { params: memberParams },
      responses: {
        200: { description: 'Removed', schema: memberRemovedSchema },
        404: notAMember,
        409: lastAdmin,
      },
    },
  },
  {
    id: 'ListInvitations',
    method: 'GET',
    path: '/v1/members/invitations',
    docs: {
      summary: "The organisation's invitations not accepted yet: address, roles, status (admins)",
      description:
        'Address, roles and status of each invitation; no profile data of the invitee before they accept (a declined invitation still shows pending: the organisation is not told).',
      responses: { 200: { description: 'Invitations', schema: invitationsListResponse } },
    },
  },
  {
    id: 'RevokeInvitation',
    method: 'DELETE',
    path: '/v1/members/invitations/{invitation_id}',
    docs: {
      summary: 'Withdraw an invitation that was not accepted (admins)',
      description:
        'The invitation can no longer be accepted (the invitee gets a refusal); a member who already joined is removed with DELETE /v1/members/{user_id}.',
      request: { params: invitationParams },
      responses: {
        200: { description: 'Revoked', schema: invitationRevokedSchema },
        404: errorDoc('No such invitation in this organisation'),
      },
    },
  },
  {
    id: 'ListMyInvitations',
    method: 'GET',
    path: '/v1/invitations',
    docs: {
      summary: "The caller's pending invitations, sent to their account's e-mail (JWT, no X-Organization-ID)",
      description:
        "The invitee's own invitations, with their JWT and no X-Organization-ID (API keys are refused: joining is the person's own act).",
      responses: { 200: { description: 'Invitations', schema: myInvitationsListResponse } },
    },
  },
  {
    id: 'AcceptInvitation',
    method: 'POST',
    path: '/v1/invitations/{invitation_id}/accept',
    docs: {
      summary: 'Accept an invitation: become a member with the invited roles (JWT only, no X-Organization-ID)',
      request: { params: invitationParams },
      responses: {
        200: { description: 'Accepted', schema: myInvitationSchema },
        404: errorDoc('No such invitation for this account'),
        409: errorDoc('Expired, no longer pending, or already a member'),
      },
    },
  },
  {
    id: 'DeclineInvitation',
    method: 'POST',
    path: '/v1/invitations/{invitation_id}/decline',
    docs: {
      summary: 'Decline an invitation (JWT only, no X-Organization-ID)',
      request: { params: invitationParams },
      responses: {
        200: { description: 'Declined', schema: myInvitationSchema },
        404: errorDoc('No such invitation for this account'),
        409: errorDoc('Expired or no longer pending'),
      },
    },
  },
]);
