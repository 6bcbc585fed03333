import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { anEvent } from '@leadledger/event-store/testing';

export const fixtureMetadata = { ...anEvent('Noted').metadata, recordedAt: '2026-11-02T09:30:01.000Z' };

export interface ResolvedEventShape {
  readonly id?: string;
  readonly type?: string;
  readonly streamId?: string;
  readonly revision?: bigint;
  readonly position?: bigint;
  /** JSON data (the default), or bytes: what the client hands over for a non-JSON event. */
  readonly data?: Record<string, unknown> | Uint8Array;
  readonly metadata?: Record<string, unknown> | Uint8Array;
}

/** An event as the client hands it over from $all, built without a server. */
export function resolvedEvent(shape: ResolvedEventShape = {}): AllStreamResolvedEvent {
  const position = shape.position ?? 300n;
  const binary = shape.data instanceof Uint8Array;
  const event = {
    streamId: shape.streamId ?? 'lead-1',
    id: shape.id ?? '6f1c2a8e-3d4b-4c5a-9e7f-0a1b2c3d4e5f',
    isJson: !binary,
    revision: shape.revision ?? 4n,
    type: shape.type ?? 'LeadReceived',
    created: new Date('2026-11-02T09:30:02.000Z'),
    data: shape.data ?? { phone: '+8613800138000' },
    metadata: shape.metadata ?? fixtureMetadata,
    position: { commit: position, prepare: position },
  };
  // The client's union ties isJson to the data's kind; this builder sets both from `data`.
  return { event, commitPosition: position } as AllStreamResolvedEvent;
}
