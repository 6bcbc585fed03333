import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { problemBody } from '../problem-body';

/** Far deeper than any body the API takes (a plan is 4 levels), far shallower than what overflows the validator's stack. */
export const MAX_JSON_DEPTH = 32;
const JSON_TYPES = ['application/json', '+json'];

/** A body is parsed as JSON only when it says it is JSON; any other body is 415, not read as empty. */
export function jsonBodies(limitBytes: number): RequestHandler[] {
  return [requireJsonBodies, express.json({ limit: limitBytes, type: JSON_TYPES, strict: true }), refuseDeepJson];
}

function requireJsonBodies(request: Request, response: Response, next: NextFunction): void {
  if (!hasBody(request) || request.is(JSON_TYPES)) return next();
  const given = request.headers['content-type']?.split(';')[0].trim();
  response.status(415).json(
    problemBody(415, 'The body must be JSON; nothing was written', [
      {
        field: 'Content-Type',
        problem: given ? `must be application/json, not ${given}` : 'must be application/json, and none was given',
      },
    ]),
  );
}

/** An empty POST (an action that takes no fields) needs no content type. */
function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

function refuseDeepJson(request: Request, response: Response, next: NextFunction): void {
  const problem = nestedDeeperThan(request.body, MAX_JSON_DEPTH)
    ? { field: 'body', problem: `is nested deeper than ${MAX_JSON_DEPTH} levels` }
    : prototypeKeyIn(request.body);
  if (!problem) return next();
  response.status(400).json(problemBody(400, 'The request is not valid; nothing was written', [problem]));
}

/** Names JavaScript gives meaning to: no request has such a field, and the unknown-field check does not see them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first field named like an object's prototype, with its path, or null. */
function prototypeKeyIn(body: unknown): { field: string; problem: string } | null {
  const pending: [unknown, string][] = [[body, '']];
  while (pending.length > 0) {
    const [next, path] = pending.pop()!;
    if (next === null || typeof next !== 'object') continue;
    for (const [key, child] of Object.entries(next)) {
      const field = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) return { field, problem: `${key} is not a field of any request` };
      pending.push([child, field]);
    }
  }
  return null;
}

/** Walks with its own stack: the point is to stop bodies that would overflow the call stack. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(next)) pending.push([child, depth + 1]);
  }
  return false;
}
