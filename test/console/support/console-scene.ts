import { ManualClock } from '@leadledger/kernel';
import type { EngineHarness } from '../../e2e/support/engine-harness';
import { bookedPlan, createPool, registerReps } from '../../e2e/support/sales-team';

/** What the console's tests find in the engine: customers, leads, a pool, sales, through the API. */
export interface ConsoleScene {
  readonly keys: {
    readonly admin: string;
    readonly manager: string;
    readonly finance: string;
    readonly service: string;
    readonly rep: Record<'rep-a' | 'rep-b' | 'rep-c', string>;
  };
  /** Owned by rep-a from 2 October, transferred to rep-b on 20 October, sold by rep-b (SO-1). */
  readonly transferredCustomer: { readonly id: string; readonly phone: string };
  /** rep-c's walk-in, released by rep-c to the shared pool (公海). */
  readonly releasedCustomer: { readonly id: string; readonly phone: string };
  /** A web-form lead whose phone and e-mail belong to two customers, in the review queue. */
  readonly flaggedLeadId: string;
  /** Pool leads waiting for acceptance, by rep. */
  readonly inbox: Record<'rep-a' | 'rep-b', string[]>;
}

export const SCENE_NOW = '2026-11-03T02:00:00.000Z';
export const SCENE_DAY = '2026-11-03';

const bearer = (secret: string) => `Bearer ${secret}`;

/**
 * Three reps, one pool (rep-a weight 2, rep-b weight 1), a plan from October, two October sales,
 * a transfer, a release, and three web-form leads on 3 November; the clock then stays there.
 */
export async function seedScene(engine: EngineHarness, clock: ManualClock): Promise<ConsoleScene> {
  const admin = bearer(await engine.key('admin'));
  const manager = bearer(await engine.key('manager'));
  const finance = bearer(await engine.key('finance'));
  const service = bearer(await engine.key('service'));
  const post = async (path: string, body: object, auth = admin) => {
    const response = await engine.http().post(path).set('Authorization', auth).send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  clock.set('2026-09-20T00:00:00.000Z');
  const rep = (await registerReps(engine, manager, ['rep-a', 'rep-b', 'rep-c'])) as ConsoleScene['keys']['rep'];
  await post('/commission-plans', bookedPlan(), finance);
  await createPool(engine, manager, {
    poolId: 'east',
    acceptanceSlaMinutes: 60,
    protectionDays: 30,
    protectionWarningDays: 5,
    members: [
      { repId: 'rep-a', weight: 2 },
      { repId: 'rep-b', weight: 1 },
    ],
  });

  clock.set('2026-10-02T02:00:00.000Z');
  const transferred = { phone: '13900000011', id: '' };
  const walkIn = { channel: 'walk-in', receivedBy: 'rep-a', contact: { name: '张伟', phone: transferred.phone } };
  transferred.id = (
    await post('/leads', { ...walkIn, contact: { ...walkIn.contact, company: 'Acme 贸易' } })
  ).customerId;
  clock.set('2026-10-05T02:00:00.000Z');
  const repASale = await post('/leads', { channel: 'walk-in', receivedBy: 'rep-a', contact: { phone: '13900000022' } });

  clock.set('2026-10-20T02:00:00.000Z');
  await post(
    `/customers/${transferred.id}/transfer`,
    { toRepId: 'rep-b', reason: 'rep-a moves to key accounts' },
    manager,
  );

  clock.set('2026-10-25T02:00:00.000Z');
  const sale = (externalId: string, customerId: string, amount: number, closingRepId: string) =>
    post(
      '/sales',
      { externalId, customerId, amount, currency: 'CNY', closedAt: '2026-10-25T01:00:00.000Z', closingRepId },
      finance,
    );
  await sale('SO-1', transferred.id, 1_000_000, 'rep-b');
  await sale('SO-2', repASale.customerId, 400_000, 'rep-a');

  clock.set('2026-10-28T02:00:00.000Z');
  const released = { phone: '13900000033', id: '' };
  released.id = (
    await post('/leads', { channel: 'walk-in', receivedBy: 'rep-c', contact: { name: '李娜', phone: released.phone } })
  ).customerId;
  await post(`/customers/${released.id}/release`, { reason: 'not interested now' }, rep['rep-c']);

  clock.set('2026-10-30T02:00:00.000Z');
  await post('/leads', { channel: 'walk-in', receivedBy: 'rep-c', contact: { email: 'buyer@example.cn' } });
  // Its phone is the released customer's, its e-mail another customer's: flagged for review, not merged.
  const flagged = await post(
    '/leads',
    { channel: 'web-form', poolId: 'east', contact: { phone: released.phone, email: 'buyer@example.cn' } },
    service,
  );

  clock.set(SCENE_NOW);
  const inbox: ConsoleScene['inbox'] = { 'rep-a': [], 'rep-b': [] };
  for (const n of [1, 2, 3]) {
    const lead = await post('/leads', { channel: 'web-form', poolId: 'east', contact: { phone: `1390000010${n}` } });
    inbox[lead.repId as 'rep-a' | 'rep-b'].push(lead.leadId);
  }
  await engine.settle();
  return {
    keys: { admin, manager, finance, service, rep },
    transferredCustomer: transferred,
    releasedCustomer: released,
    inbox,
    flaggedLeadId: flagged.leadId,
  };
}
