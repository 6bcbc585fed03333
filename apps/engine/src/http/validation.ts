import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldProblem, problemBody } from './problem-body';

export type { FieldProblem } from './problem-body';

/**
 * Flattens nested class-validator errors into one line per field, with a dotted path. A required
 * field left out is one line, "is required", not every rule its absent value breaks.
 */
export function fieldProblems(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const broken = Object.keys(error.constraints ?? {}).length;
    if (error.value === undefined && broken > 1) return [{ field, problem: `${error.property} is required` }];
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** The one shape of every 400: each field and what is wrong with it; nothing was written. */
export function badRequest(problems: readonly FieldProblem[]): BadRequestException {
  return new BadRequestException(problemBody(400, 'The request is not valid; nothing was written', problems));
}

/** Whitelist and forbid unknown fields; every 400 names each field and what is wrong with it. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => badRequest(fieldProblems(errors)),
  });
}
