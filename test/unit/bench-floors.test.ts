/**
 * The cold-start floor of each function holds the SDK clients its manifest access grants
 * (docs/bench.md): the DynamoDB document client always, S3 and SNS clients when it names buckets
 * or topics.
 */
import { describe, expect, it } from 'vitest';
import { floorOf } from '../../bench/cold-start.ts';
import { routes } from '../../lib/manifest.ts';

describe('cold-start floors', () => {
  it('judges each function against the clients its access grants', () => {
    // prepare
    const byId = new Map(routes.map((route) => [route.id, route]));
    // act
    const floors = {
      table: floorOf({ table: 'read' }),
      bucket: floorOf({ table: 'read', buckets: { riders: 'read' } }),
      topic: floorOf({ table: 'readwrite', topics: ['events' as never] }),
      both: floorOf({ table: 'readwrite', buckets: { riders: 'readwrite' }, topics: ['events' as never] }),
      uploadImage: floorOf(byId.get('UploadImage')!.access),
      health: floorOf(byId.get('Health')!.access),
    };
    // assess
    expect(floors).toEqual({
      table: 'baseline',
      bucket: 'floor+s3',
      topic: 'floor+sns',
      both: 'floor+s3+sns',
      uploadImage: 'floor+s3',
      health: 'baseline',
    });
  });
});
