/**
 * Every entity writes exactly the item its store wrote before the declarations existed (the items
 * below are spelled out as the stores spelled them), so data already in a table reads back.
 */
import { describe, expect, it } from 'vitest';
import { ApiKeyEntity, ApiKeyHashEntity, apiKeyGrant, InvitationEntity, MembershipEntity, OrganizationEntity, UserEmailEntity, UserEntity } from '../../shared/store/entities/identity.ts';
import { EventSlugEntity, RegistrationEntity } from '../../shared/store/entities/events.ts';
import { CrewMemberEntity, TechnicianProfileEntity } from '../../shared/store/entities/technicians.ts';
import { EquipmentEntity } from '../../shared/store/entities/equipment.ts';
import { IdempotencyRecordEntity } from '../../shared/store/entities/counters.ts';
import type { ApiKeyRecord } from '../../shared/store/identity.ts';
import type { Equipment } from '../../shared/domain/equipment.ts';
import { allocationEntity, resourceLockEntity } from '../../shared/store/allocations.ts';
import { technicianScheduleEntity } from '../../shared/store/shifts.ts';

const record: ApiKeyRecord = {
  id: 'key_1',
  userId: 'user_1',
  organizationId: 'org_1',
  name: null,
  prefix: 'el_ab',
  createdAt: '2025-01-01T00:00:00.000Z',
  revokedAt: null,
  scopes: ['eventlite:read'],
  expiresAt: null,
  membershipGeneration: '2024-12-01T00:00:00.000Z',
};

describe('entity items', () => {
  it('organisation, with and without its admin counter', () => {
    // prepare
    const organization = { id: 'org_1', name: 'Org', timezone: 'Europe/Paris', createdAt: '2025-01-01T00:00:00.000Z' };
    // act
    const items = [OrganizationEntity.toItem(organization), OrganizationEntity.toItem({ ...organization, adminCount: 2 })];
    // assess
    expect(items).toEqual([
      { pk: 'ORG#org_1', sk: 'ORG', entity: 'Organization', id: 'org_1', name: 'Org', timezone: 'Europe/Paris', createdAt: '2025-01-01T00:00:00.000Z' },
      { pk: 'ORG#org_1', sk: 'ORG', entity: 'Organization', id: 'org_1', name: 'Org', timezone: 'Europe/Paris', createdAt: '2025-01-01T00:00:00.000Z', adminCount: 2 },
    ]);
  });

  it('user and e-mail marker', () => {
    // prepare
    const user = { id: 'user_1', email: 'A@Example.com', firstName: 'A', lastName: 'B', phone: null, createdAt: '2025-01-01T00:00:00.000Z' };
    // act
    const userItem = UserEntity.toItem(user);
    const marker = UserEmailEntity.toItem({ email: user.email, userId: user.id });
    // assess
    expect(userItem).toEqual({ pk: 'USER#user_1', sk: 'PROFILE', entity: 'User', ...user });
    expect(marker).toEqual({ pk: 'EMAIL#a@example.com', sk: 'EMAIL', entity: 'UserEmail', userId: 'user_1' });
    expect(UserEntity.fromItem(userItem)).toEqual(user);
    expect(UserEmailEntity.fromItem(marker)).toEqual({ userId: 'user_1' });
  });

  it('membership, with its index of the user’s organisations', () => {
    // prepare
    const membership = { organizationId: 'org_1', userId: 'user_1', roles: ['admin'], createdAt: '2025-01-01T00:00:00.000Z' };
    // act
    const item = MembershipEntity.toItem(membership);
    // assess
    expect(item).toEqual({ pk: 'ORG#org_1', sk: 'MEMBER#user_1', gsi1pk: 'USER#user_1', gsi1sk: 'ORG#org_1', entity: 'Membership', ...membership });
    expect(MembershipEntity.key(membership)).toEqual({ pk: 'ORG#org_1', sk: 'MEMBER#user_1' });
    expect(MembershipEntity.fromItem(item)).toEqual(membership);
  });

  it('invitation, with its TTL rounded up from its validity', () => {
    // prepare
    const invitation = {
      id: 'inv_1',
      organizationId: 'org_1',
      email: 'x@example.com',
      roles: ['technician'],
      status: 'pending' as const,
      invitedBy: 'user_1',
      createdAt: '2025-01-01T00:00:00.000Z',
      validUntil: '2025-01-15T00:00:00.500Z',
    };
    // act
    const item = InvitationEntity.toItem(invitation);
    // assess
    const expiresAt = Math.ceil(new Date('2025-01-15T00:00:00.500Z').getTime() / 1000);
    const index = { gsi1pk: 'INVITEE#x@example.com', gsi1sk: 'ORG#org_1' };
    expect(item).toEqual({ pk: 'ORG#org_1', sk: 'INVITATION#x@example.com', ...index, entity: 'Invitation', ...invitation, expiresAt });
    expect(InvitationEntity.fromItem(item)).toEqual(invitation);
  });

  it('API key record and hash item, with and without expiry', () => {
    // prepare
    const expiring = { ...record, expiresAt: 1_900_000_000 };
    // act
    const hashItems = [ApiKeyHashEntity.toItem(apiKeyGrant(record, 'h1')), ApiKeyHashEntity.toItem(apiKeyGrant(expiring, 'h2'))];
    const recordItem = ApiKeyEntity.toItem({ ...record, hash: 'h1' });
    // assess
    const grant = { keyId: 'key_1', userId: 'user_1', organizationId: 'org_1', scopes: ['eventlite:read'], membershipGeneration: '2024-12-01T00:00:00.000Z' };
    expect(hashItems).toEqual([
      { pk: 'APIKEY#h1', sk: 'APIKEY', entity: 'ApiKeyHash', ...grant },
      { pk: 'APIKEY#h2', sk: 'APIKEY', entity: 'ApiKeyHash', ...grant, expiresAt: 1_900_000_000 },
    ]);
    expect(Object.keys(hashItems[0]!)).not.toContain('expiresAt');
    expect(recordItem).toEqual({ pk: 'USER#user_1', sk: 'APIKEY#key_1', entity: 'ApiKey', ...record, hash: 'h1' });
    expect(ApiKeyHashEntity.fromItem(hashItems[1]!)).toEqual({ ...grant, expiresAt: 1_900_000_000 });
    expect(ApiKeyEntity.fromItem(recordItem)).toEqual({ ...record, hash: 'h1' });
  });

  it('reads a hash item of a key issued before scopes and generations with the defaults', () => {
    // act
    const grant = ApiKeyHashEntity.fromItem({ pk: 'APIKEY#h', sk: 'APIKEY', entity: 'ApiKeyHash', keyId: 'k', userId: 'u', organizationId: 'o' });
    // assess
    expect(grant).toEqual({ keyId: 'k', userId: 'u', organizationId: 'o', scopes: [], expiresAt: null, membershipGeneration: undefined });
  });

  it('slug marker and registration: the key-only fields are not stored', () => {
    // act
    const marker = EventSlugEntity.toItem({ slug: 'fete', eventId: 'event_1', organizationId: 'org_1' });
    const registration = RegistrationEntity.toItem({ organizationId: 'org_1', eventId: 'event_1', id: 'r1', name: 'P', email: 'p@example.com', status: 'CONFIRMED', createdAt: '2025-01-21T10:00:00.000Z' });
    // assess
    expect(marker).toEqual({ pk: 'SLUG#fete', sk: 'SLUG', entity: 'EventSlug', eventId: 'event_1', organizationId: 'org_1' });
    expect(registration).toEqual({
      pk: 'ORG#org_1#EVENT#event_1',
      sk: 'REG#r1',
      entity: 'Registration',
      name: 'P',
      email: 'p@example.com',
      status: 'CONFIRMED',
      createdAt: '2025-01-21T10:00:00.000Z',
    });
  });

  it('technician profile and crew member', () => {
    // prepare
    const profile = { organizationId: 'org_1', userId: 'user_1', specializations: [], availability: {}, employmentContract: null, updatedAt: '2025-01-01T00:00:00.000Z' };
    const assignment = { organizationId: 'org_1', eventId: 'event_1', userId: 'user_1', role: 'foh' };
    // act
    const items = [TechnicianProfileEntity.toItem(profile as never), CrewMemberEntity.toItem(assignment)];
    // assess
    expect(items).toEqual([
      { pk: 'ORG#org_1', sk: 'TECH#user_1', entity: 'TechnicianProfile', ...profile },
      { pk: 'ORG#org_1#EVENT#event_1', sk: 'CREW#user_1', gsi1pk: 'USER#user_1', gsi1sk: 'CREW#org_1#event_1', entity: 'CrewMember', ...assignment },
    ]);
  });

  it('equipment keeps its specifications as JSON text and reads back maps written before', () => {
    // prepare
    const equipment = { id: 'eq_1', organizationId: 'org_1', status: 'active', category: 'sound', subcategory: 'mic', specifications: { b: 1, a: 2 } } as unknown as Equipment;
    // act
    const item = EquipmentEntity.toItem(equipment);
    // assess
    expect(item).toEqual({
      pk: 'ORG#org_1',
      sk: 'EQUIPMENT#eq_1',
      gsi1pk: 'ORG#org_1#EQUIPMENT#active',
      gsi1sk: 'sound#mic#eq_1',
      gsi2pk: 'ORG#org_1#EQUIPMENT#active#SUB#mic',
      gsi2sk: 'sound#eq_1',
      entity: 'Equipment',
      id: 'eq_1',
      organizationId: 'org_1',
      status: 'active',
      category: 'sound',
      subcategory: 'mic',
      specificationsJson: '{"b":1,"a":2}',
    });
    expect(Object.keys(EquipmentEntity.fromItem(item).specifications)).toEqual(['b', 'a']);
    const { specificationsJson: _json, ...older } = item;
    expect(EquipmentEntity.fromItem({ ...older, specifications: { a: 2 } }).specifications).toEqual({ a: 2 });
  });

  it('idempotency claim', () => {
    // act
    const item = IdempotencyRecordEntity.toItem({
      caller: { organizationId: 'org_1', userId: 'user_1' },
      routeKey: 'POST /api/v1/events',
      keyHash: 'abc',
      status: 'IN_PROGRESS',
      fingerprint: 'f',
      token: 't',
      createdAt: '2025-01-01T00:00:00.000Z',
      expiresAt: 1_700_000_000,
    });
    // assess
    expect(item).toEqual({
      pk: 'ORG#org_1#IDEMPOTENCY#abc',
      sk: 'USER#user_1#ROUTE#POST /api/v1/events',
      entity: 'IdempotencyRecord',
      status: 'IN_PROGRESS',
      fingerprint: 'f',
      token: 't',
      createdAt: '2025-01-01T00:00:00.000Z',
      expiresAt: 1_700_000_000,
    });
  });
});

describe('entity items of allocations, locks and schedules', () => {
  it('allocation, with its caller attributes, and back', () => {
    // prepare
    const start = Date.parse('2031-03-04T09:00:00.000Z');
    const end = Date.parse('2031-03-04T17:00:00.000Z');
    const record = {
      organizationId: 'org_1',
      resource: { type: 'technician', id: 'user_1' },
      allocation: { id: 'shift_1', start, end, quantity: 1, ownerType: 'shift', ownerId: 'shift_1', eventId: 'event_1', attributes: { shiftId: 'shift_1', worked: '[]' } },
      createdAt: '2031-01-01T00:00:00.000Z',
    };
    // act
    const item = allocationEntity.toItem(record);
    // assess
    expect(item).toEqual({
      pk: 'ORG#org_1#RES#technician#user_1',
      sk: 'ALLOC#2031-03-04T09:00:00.000Z#shift_1',
      entity: 'Allocation',
      shiftId: 'shift_1',
      worked: '[]',
      organizationId: 'org_1',
      resourceType: 'technician',
      resourceId: 'user_1',
      allocationId: 'shift_1',
      startAt: '2031-03-04T09:00:00.000Z',
      endAt: '2031-03-04T17:00:00.000Z',
      quantity: 1,
      ownerType: 'shift',
      ownerId: 'shift_1',
      eventId: 'event_1',
      createdAt: '2031-01-01T00:00:00.000Z',
    });
    expect(allocationEntity.fromItem(item)).toEqual({ id: 'shift_1', start, end, quantity: 1, ownerType: 'shift', ownerId: 'shift_1', eventId: 'event_1' });
  });

  it('resource lock and technician schedule (written by update expressions: same attributes)', () => {
    // prepare
    const lock = { organizationId: 'org_1', resource: { type: 'equipment', id: 'eq_1' }, stripe: 89369, version: 4, updatedAt: '2031-01-01T00:00:00.000Z' };
    const schedule = { organizationId: 'org_1', userId: 'user_1', version: 2 };
    // act
    const items = [resourceLockEntity.toItem(lock), technicianScheduleEntity.toItem(schedule)];
    // assess
    expect(items).toEqual([
      { pk: 'ORG#org_1#RES#equipment#eq_1', sk: 'LOCK#00089369', entity: 'ResourceLock', version: 4, resourceType: 'equipment', resourceId: 'eq_1', stripe: 89369, updatedAt: '2031-01-01T00:00:00.000Z' },
      { pk: 'ORG#org_1#TECH#user_1#SHIFTS', sk: 'SCHEDULE', entity: 'TechnicianSchedule', version: 2, userId: 'user_1' },
    ]);
    expect(resourceLockEntity.fromItem(items[0]!)).toEqual({ stripe: 89369, version: 4 });
    expect(technicianScheduleEntity.fromItem(items[1]!)).toEqual({ version: 2 });
  });
});
