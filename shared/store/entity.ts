/**
 * Entities declared once (in the manner of ElectroDB): an entity names its key and index
 * attributes as functions of the domain object, and the item <-> object mapping follows. Stores,
 * the demo seed, the test fixtures and the bench all write items through `toItem`, so an item's
 * shape is spelled in one place.
 */
import { withoutKeys, type Key } from './keys.ts';

export interface EntityDeclaration<T, K extends Key, R = T> {
  /** The `entity` attribute of its items. */
  name: string;
  /** Primary key of the object's item: one of the builders of keys.ts. */
  key: (object: T) => K;
  /** Index attributes (gsi1pk...) derived from the object, if it is indexed. */
  indexes?: (object: T) => Record<string, string>;
  /** Attributes stored but not part of the domain object (TTL...). */
  extra?: (object: T) => Record<string, unknown>;
  /**
   * The object's stored attributes when they are not the object itself (a field kept as JSON
   * text, a field that only shapes the key). Default: the object as is.
   */
  encode?: (object: T) => Record<string, unknown>;
  /** What a read gives back from an item (keys included); default: the item without its key attributes. */
  decode?: (item: Record<string, unknown>) => R;
}

export interface Entity<T, K extends Key, R = T> {
  name: string;
  key: (object: T) => K;
  toItem: (object: T) => Record<string, unknown>;
  fromItem: (item: Record<string, unknown>) => R;
}

export function defineEntity<T extends object, K extends Key = Key, R = T>(declaration: EntityDeclaration<T, K, R>): Entity<T, K, R> {
  return {
    name: declaration.name,
    key: declaration.key,
    toItem: (object): Record<string, unknown> => ({
      ...(declaration.encode ? declaration.encode(object) : (object as Record<string, unknown>)),
      ...declaration.extra?.(object),
      ...(declaration.key(object) as unknown as Record<string, string>),
      ...declaration.indexes?.(object),
      entity: declaration.name,
    }),
    fromItem: (item) => (declaration.decode ? declaration.decode(item) : withoutKeys<R>(item)),
  };
}

/** The primary key alone, from a builder of keys.ts that also gives index attributes. */
export const primaryKey = ({ pk, sk }: Key): Key => ({ pk, sk });

/** The index attributes alone, from a builder of keys.ts that also gives the primary key. */
export const indexAttributes = ({ pk: _pk, sk: _sk, ...indexes }: Key & Record<string, string>): Record<string, string> => indexes;
