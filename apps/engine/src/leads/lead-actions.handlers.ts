import type { Actor } from '@leadledger/auth';
import { EventStore, handleCommand } from '@leadledger/event-store';
import { NotFoundError, isRefusal } from '@leadledger/kernel';
import { type LeadCommand, leadDecider, leadStreamId } from '@leadledger/leads';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actingRep } from '../auth/acting-rep';
import { refuseKeyReusedFor } from '../http/idempotency-key-reuse';
import { RefusalException } from '../http/refusal.exception';
import { RequestContexts } from '../http/request-context';
import type { AcceptLeadDto, DeclineLeadDto, DisqualifyLeadDto, LeadAnswerDto, QualifyLeadDto } from './leads.dto';
import { leadAnswer } from './leads.handlers';

/** What a rep (or a manager for them) does with a lead they were given. */
export type LeadAction =
  | { readonly kind: 'AcceptLead'; readonly body: AcceptLeadDto }
  | { readonly kind: 'DeclineLead'; readonly body: DeclineLeadDto }
  | { readonly kind: 'QualifyLead'; readonly body: QualifyLeadDto }
  | { readonly kind: 'DisqualifyLead'; readonly body: DisqualifyLeadDto };

export class ActOnLead extends Command<LeadAnswerDto> {
  constructor(
    readonly leadId: string,
    readonly action: LeadAction,
    readonly actor: Actor,
    readonly idempotencyKey: string | null,
  ) {
    super();
  }
}

/** The event each action writes: a retry under the same key finds it in the lead's stream. */
const EVENT_OF: Record<LeadAction['kind'], string> = {
  AcceptLead: 'LeadAccepted',
  DeclineLead: 'LeadDeclined',
  QualifyLead: 'LeadQualified',
  DisqualifyLead: 'LeadDisqualified',
};

function commandFor(action: LeadAction, actor: Actor): { command: LeadCommand; reason: string | null } {
  switch (action.kind) {
    case 'AcceptLead':
      return { command: { kind: 'AcceptLead', repId: actingRep(actor, action.body.repId) }, reason: null };
    case 'DeclineLead': {
      const reason = action.body.reason.trim();
      return { command: { kind: 'DeclineLead', repId: actingRep(actor, action.body.repId), reason }, reason };
    }
    case 'QualifyLead': {
      const note = action.body.note?.trim() ?? '';
      return {
        command: { kind: 'QualifyLead', repId: actingRep(actor, action.body.repId), note },
        reason: note || null,
      };
    }
    case 'DisqualifyLead': {
      // A rep closes their own lead; a manager or admin closes any lead, as nobody's rep.
      const repId = actor.role === 'rep' ? actingRep(actor, undefined) : null;
      const { reason, note } = action.body;
      return { command: { kind: 'DisqualifyLead', repId, reason, note: note?.trim() ?? '' }, reason };
    }
  }
}

/** One handler for the lead's stream: accept, decline, qualify, disqualify; 409 with the facts on refusal. */
@CommandHandler(ActOnLead)
export class ActOnLeadHandler implements ICommandHandler<ActOnLead, LeadAnswerDto> {
  constructor(
    private readonly store: EventStore,
    private readonly contexts: RequestContexts,
  ) {}

  async execute({ leadId, action, actor, idempotencyKey }: ActOnLead): Promise<LeadAnswerDto> {
    const { command, reason } = commandFor(action, actor);
    const written = idempotencyKey ? await this.writtenUnder(leadId, actor, idempotencyKey) : undefined;
    if (written) {
      // A retry answers as the first request did; another action (or other words) under the key is refused.
      const { kind: _kind, ...fields } = command;
      refuseKeyReusedFor(
        'lead action',
        { action: written.type, ...written.data },
        { action: EVENT_OF[action.kind], ...fields },
      );
      return leadAnswer(this.store, leadId);
    }
    const context = this.contexts.for(actor, { reason, idempotencyKey });
    const result = await handleCommand(this.store, leadStreamId(leadId), leadDecider, command, context);
    if (isRefusal(result) && result.code === 'LeadNotFound') throw new NotFoundError('lead', leadId);
    if (isRefusal(result)) throw new RefusalException(result);
    return leadAnswer(this.store, leadId);
  }

  /** What a request under this Idempotency-Key from the same caller wrote on the lead, if one did. */
  private async writtenUnder(leadId: string, actor: Actor, idempotencyKey: string) {
    const events = await this.store.readStream(leadStreamId(leadId));
    return events.find((e) => e.metadata.idempotencyKey === idempotencyKey && e.metadata.actorId === actor.id);
  }
}
