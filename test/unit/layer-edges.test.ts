/**
 * The layers' edges (docs/architecture.md, "Layer rules"), checked on every import of the code
 * that ships: `ts.preProcessFile` lists a file's imports (static, type-only, re-exports, dynamic)
 * without type-checking, relative ones are resolved to repository paths, and each rule below says
 * which folder may not reach which paths or packages. Direct imports only: since the domain may
 * import neither the store nor HTTP, a schema or view that reaches the domain cannot reach them
 * through it either.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

interface LayerRule {
  /** A folder of the repository, with its trailing slash. */
  from: string;
  /**
   * Repository paths (a folder ends with `/`, else the exact file) or package specifiers (a
   * trailing `/` is a scope or prefix, else the package and its subpaths).
   */
  mayNotImport: string[];
  why: string;
}

const HTTP_PACKAGES = ['@middy/', 'node:http', 'node:https', 'node:http2', 'http', 'https'];

const LAYER_RULES: LayerRule[] = [
  {
    from: 'shared/domain/',
    mayNotImport: ['@aws-sdk/', ...HTTP_PACKAGES, 'shared/http/', 'shared/store/', 'shared/app/'],
    why: 'the domain is pure rules: no AWS SDK, no HTTP, no storage, so it is unit-tested alone',
  },
  {
    from: 'shared/schemas/',
    mayNotImport: ['shared/store/', 'shared/http/errors.ts', '@aws-sdk/'],
    why: 'a schema describes input; a lookup belongs to the use case, a refusal is a zod issue or a DomainError',
  },
  {
    from: 'shared/views/',
    mayNotImport: ['shared/store/', 'shared/http/errors.ts', '@aws-sdk/'],
    why: 'a view shapes domain objects for the wire; it returns data and lets the caller throw a DomainError',
  },
  {
    from: 'functions/',
    mayNotImport: ['shared/store/keys.ts'],
    why: 'handlers never build keys: keys are declared once, in the store',
  },
  {
    from: 'shared/app/',
    mayNotImport: [...HTTP_PACKAGES, 'shared/http/'],
    why: 'a use case loads, judges and commits; statuses and envelopes are the pipeline\'s (it maps DomainError kinds)',
  },
];

interface SourceFile {
  /** Repository path, with `/`. */
  path: string;
  text: string;
}

interface Crossing {
  file: string;
  specifier: string;
  target: string;
  why: string;
}

const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

/** A relative specifier as a repository path; a bare one (package, `node:`) unchanged. */
function targetOf(file: string, specifier: string, exists: (path: string) => boolean): string {
  if (!isRelative(specifier)) return specifier;
  const path = posix.normalize(posix.join(posix.dirname(file), specifier));
  if (/\.[cm]?[jt]sx?$/.test(path)) return path;
  return [`${path}.ts`, `${path}/index.ts`].find(exists) ?? path;
}

function matches(target: string, pattern: string, relativeImport: boolean): boolean {
  if (pattern.endsWith('/')) return target.startsWith(pattern);
  return target === pattern || (!relativeImport && target.startsWith(`${pattern}/`));
}

function crossings(files: readonly SourceFile[], rules: readonly LayerRule[], exists: (path: string) => boolean = () => false): Crossing[] {
  const found: Crossing[] = [];
  for (const file of files) {
    const applicable = rules.filter((rule) => file.path.startsWith(rule.from));
    if (applicable.length === 0) continue;
    const { importedFiles } = ts.preProcessFile(file.text, true, true);
    for (const { fileName: specifier } of importedFiles) {
      const target = targetOf(file.path, specifier, exists);
      for (const rule of applicable) {
        if (rule.mayNotImport.some((pattern) => matches(target, pattern, isRelative(specifier)))) {
          found.push({ file: file.path, specifier, target, why: rule.why });
        }
      }
    }
  }
  return found;
}

const root = join(import.meta.dirname, '..', '..');
const toRepoPath = (absolute: string) => relative(root, absolute).split(sep).join('/');

function sourcesUnder(folder: string): SourceFile[] {
  const absolute = join(root, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[cm]?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .map((path) => ({ path: toRepoPath(path), text: readFileSync(path, 'utf8') }));
}

const existsInRepo = (path: string) => existsSync(join(root, path));
const describeCrossing = (crossing: Crossing) => `${crossing.file} imports '${crossing.specifier}' (${crossing.target}): ${crossing.why}`;

describe('Layer edges: no import crosses a forbidden edge', () => {
  it.each(LAYER_RULES.map((rule) => [rule.from, rule] as const))('%s', (_from, rule) => {
    // prepare
    const files = sourcesUnder(rule.from);
    // act
    const found = crossings(files, [rule], existsInRepo).map(describeCrossing);
    // assess
    expect(found).toEqual([]);
  });

  it('scans the layers that exist today (a misspelt folder would pass vacuously)', () => {
    // prepare
    const present = LAYER_RULES.map((rule) => rule.from).filter((folder) => folder !== 'shared/app/');
    // act
    const counts = present.map((folder) => [folder, sourcesUnder(folder).length > 0] as const);
    // assess
    expect(counts).toEqual(present.map((folder) => [folder, true]));
  });
});

describe('Layer edges: the check itself', () => {
  it('finds every kind of import across an edge, and resolves relative paths', () => {
    // prepare
    const files: SourceFile[] = [
      {
        path: 'shared/views/widget.ts',
        text: [
          "import { HttpError } from '../http/errors.ts';",
          "import type { User } from '../store/identity.ts';",
          "export { keys } from '../store/keys';",
          "const lazy = () => import('./../store/events.ts');",
          "// import { nothing } from '../store/comment.ts';",
          "import { byName } from './technicians.ts';",
        ].join('\n'),
      },
      { path: 'shared/domain/widget.ts', text: "import { GetCommand } from '@aws-sdk/lib-dynamodb';\nimport { endpoint } from '../http/endpoint.ts';\nimport { createHash } from 'node:crypto';" },
      { path: 'functions/planninghub/widget.ts', text: "import * as keys from '../../shared/store/keys.ts';\nimport { getUser } from '../../shared/store/identity.ts';" },
      { path: 'shared/app/widget/do.ts', text: "import { HttpError } from '../../http/errors.ts';\nimport middy from '@middy/core';" },
      { path: 'shared/schemas/widget.ts', text: "import { getEvent } from '../store/events.ts';\nimport * as z from 'zod/mini';" },
    ];
    // act
    const found = crossings(files, LAYER_RULES).map(({ file, target }) => `${file} -> ${target}`);
    // assess
    expect(found).toEqual([
      'shared/views/widget.ts -> shared/http/errors.ts',
      'shared/views/widget.ts -> shared/store/identity.ts',
      'shared/views/widget.ts -> shared/store/keys',
      'shared/views/widget.ts -> shared/store/events.ts',
      'shared/domain/widget.ts -> @aws-sdk/lib-dynamodb',
      'shared/domain/widget.ts -> shared/http/endpoint.ts',
      'functions/planninghub/widget.ts -> shared/store/keys.ts',
      'shared/app/widget/do.ts -> shared/http/errors.ts',
      'shared/app/widget/do.ts -> @middy/core',
      'shared/schemas/widget.ts -> shared/store/events.ts',
    ]);
  });

  it('does not take a neighbour for the forbidden package or file', () => {
    // prepare
    const files: SourceFile[] = [
      { path: 'shared/domain/a.ts', text: "import { x } from 'httpx';\nimport { y } from '../http-like/y.ts';\nimport { z } from './store/z.ts';" },
      { path: 'functions/b.ts', text: "import { keysOf } from '../shared/store/keys-helpers.ts';" },
    ];
    // act
    const found = crossings(files, LAYER_RULES);
    // assess
    expect(found).toEqual([]);
  });
});
