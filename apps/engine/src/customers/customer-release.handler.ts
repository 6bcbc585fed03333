import type { Actor } from '@leadledger/auth';
import { type CustomerView, customerDecider, customerStreamId } from '@leadledger/customers';
import { EventStore, loadState } from '@leadledger/event-store';
import { NotFoundError, refuse } from '@leadledger/kernel';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actingRep } from '../auth/acting-rep';
import { RefusalException } from '../http/refusal.exception';
import { EffectiveTimes } from '../platform/effective-at';
import { refuseDatingByRep } from '../platform/undated-for-reps';
import { CustomerCommands } from './customer-ownership.handlers';
import type { ReleaseCustomerDto } from './customers.dto';

export class ReleaseCustomerRequest extends Command<CustomerView> {
  constructor(
    readonly customerId: string,
    readonly body: ReleaseCustomerDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * The owner gives a customer back to the shared pool (公海), with the reason recorded:
 * `CustomerReleased` reason `owner-released`. Dated `effectiveAt` when given. A customer
 * nobody owns, or someone other than the rep named, is 409 NotOwner, and nothing is written.
 */
@CommandHandler(ReleaseCustomerRequest)
export class ReleaseCustomerHandler implements ICommandHandler<ReleaseCustomerRequest, CustomerView> {
  constructor(
    private readonly store: EventStore,
    private readonly customers: CustomerCommands,
    private readonly times: EffectiveTimes,
  ) {}

  async execute({ customerId, body, actor }: ReleaseCustomerRequest): Promise<CustomerView> {
    const named = actor.role === 'rep' ? actingRep(actor, body.repId) : body.repId;
    refuseDatingByRep(actor, body.effectiveAt, 'release');
    const at = await this.times.ofOwnerChange(customerId, body.effectiveAt);
    const reason = body.reason.trim();
    const { state } = await loadState(this.store, customerStreamId(customerId), customerDecider);
    if (state.status === 'unregistered') throw new NotFoundError('customer', customerId);
    const ownerId = state.status === 'owned' ? state.owner.repId : null;
    if (ownerId === null || (named !== undefined && named !== ownerId))
      throw new RefusalException(refuse('NotOwner', 'Only a customer its owner holds can be released', { ownerId }));
    // Released only from that owner: if the customer changed hands meanwhile, nothing is released.
    const command = { kind: 'ReleaseCustomer', at, reason: 'owner-released', repId: ownerId } as const;
    const events = await this.customers.apply(customerId, command, this.customers.context(actor, at, reason));
    if (events.length === 0) {
      const now = await loadState(this.store, customerStreamId(customerId), customerDecider);
      const current = now.state.status === 'owned' ? now.state.owner.repId : null;
      throw new RefusalException(
        refuse('NotOwner', 'The customer changed hands before it was released', { ownerId: current }),
      );
    }
    return this.customers.view(customerId, events);
  }
}
