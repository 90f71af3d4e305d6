/**
 * Entities declared once (in the manner of ElectroDB): an entity names its key and index
 * attributes as functions of the domain object, and the item <-> object mapping follows. Stores,
 * the demo seed, the test fixtures and the bench all write items through `toItem`, so an item's
 * shape is spelled in one place.
 */
import { withoutKeys, type Key } from './keys.ts';

export interface EntityDeclaration<T, K extends Key> {
  /** The `entity` attribute of its items. */
  name: string;
  /** Primary key of the object's item: one of the builders of keys.ts. */
  key: (object: T) => K;
  /** Index attributes (gsi1pk...) derived from the object, if it is indexed. */
  indexes?: (object: T) => Record<string, string>;
  /** Attributes stored but not part of the domain object (TTL...). */
  extra?: (object: T) => Record<string, unknown>;
}

export interface Entity<T, K extends Key> {
  name: string;
  key: (object: T) => K;
  toItem: (object: T) => Record<string, unknown>;
  fromItem: (item: Record<string, unknown>) => T;
}

export function defineEntity<T extends object, K extends Key = Key>(declaration: EntityDeclaration<T, K>): Entity<T, K> {
  return {
    name: declaration.name,
    key: declaration.key,
    toItem: (object): Record<string, unknown> => ({
      ...(object as Record<string, unknown>),
      ...declaration.extra?.(object),
      ...(declaration.key(object) as unknown as Record<string, string>),
      ...declaration.indexes?.(object),
      entity: declaration.name,
    }),
    fromItem: (item) => withoutKeys<T>(item),
  };
}
