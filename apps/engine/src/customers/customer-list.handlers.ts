import type { Actor } from '@leadledger/auth';
import { type CustomerPage, listCustomers } from '@leadledger/customers';
import { ReadModelDatabase } from '@leadledger/projections';
import { ForbiddenException } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { CustomerListQueryDto } from './customer-list.dto';

export class ListCustomers extends Query<CustomerPage> {
  constructor(
    readonly query: CustomerListQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * The shared pool (公海) and per-rep customer lists, paged. A rep may list the shared pool
 * (to find what to claim) and their own customers; the rep a customer was released from is
 * shown to a rep only when it was themselves.
 */
@QueryHandler(ListCustomers)
export class ListCustomersHandler implements IQueryHandler<ListCustomers, CustomerPage> {
  constructor(private readonly readModels: ReadModelDatabase) {}

  async execute({ query, actor }: ListCustomers): Promise<CustomerPage> {
    const { status, ownerId, limit = 20, offset = 0 } = query;
    if (actor.role === 'rep' && ownerId !== undefined && ownerId !== actor.repId) {
      throw new ForbiddenException('A rep lists only the shared pool and their own customers');
    }
    if (actor.role === 'rep' && status !== 'released' && ownerId === undefined) {
      throw new ForbiddenException('A rep lists only the shared pool and their own customers');
    }
    const page = listCustomers(this.readModels.db, { status, ownerId, limit, offset });
    if (actor.role !== 'rep') return page;
    const items = page.items.map((item) =>
      item.formerOwnerId === actor.repId ? item : { ...item, formerOwnerId: null },
    );
    return { ...page, items };
  }
}
