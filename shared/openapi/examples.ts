/**
 * The specs' request and response examples, as examples of the OpenAPI documents' operations (by
 * operationId). Requests are the specs' verbatim; responses are the specs' as this API answers
 * them (the fields it adds, and its documented departures: docs/openapi.md). The linters check
 * each against its schema (test/unit/openapi-lint.test.ts).
 */
import type { OperationExamples } from './document.ts';

export const planningHubExamples: Record<string, OperationExamples> = {};

export const eventLiteExamples: Record<string, OperationExamples> = {};
