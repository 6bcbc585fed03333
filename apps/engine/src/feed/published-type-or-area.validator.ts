import { ALL_PUBLIC_EVENT_TYPES } from '@leadledger/feed';
import { type ValidationArguments, registerDecorator } from 'class-validator';

/**
 * A list of published types, or area wildcards that name at least one (`leadledger.lead.*`):
 * the same check wherever the log is followed (pages, SSE, webhooks), so a misspelt type is a
 * 400 rather than a filter that silently matches nothing.
 */
export function IsPublishedTypeOrArea() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPublishedTypeOrArea',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (values: unknown) =>
          Array.isArray(values) &&
          values.every(
            (type) =>
              typeof type === 'string' &&
              (type.endsWith('.*')
                ? ALL_PUBLIC_EVENT_TYPES.some((known) => known.startsWith(type.slice(0, -1)))
                : (ALL_PUBLIC_EVENT_TYPES as readonly string[]).includes(type)),
          ),
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must list published event types (such as leadledger.lead.assigned.v1) or areas (leadledger.lead.*); see /asyncapi.json`,
      },
    });
}
