import type { EngineHarness } from './engine-harness';

/** What the engine answered for every lead and customer, to compare after the read models were rebuilt. */
export interface RecordedReads {
  readonly leads: Record<string, unknown>;
  readonly customers: Record<string, unknown>;
}

/** The reps the walk-ins below name as receivers: a lead may only name a rep that exists. */
export const RECEIVERS = ['rep-0', 'rep-1', 'rep-2'];
const withReceivers = new WeakSet<EngineHarness>();

/** Registers RECEIVERS once per engine, through the API. */
export async function registerReceivers(engine: EngineHarness, auth: string): Promise<void> {
  if (withReceivers.has(engine)) return;
  for (const repId of RECEIVERS) {
    const answer = await engine
      .http()
      .post('/reps')
      .set('Authorization', auth)
      .send({ repId, name: repId, email: `${repId}@example.cn`, team: 'east' });
    // An engine started on a copy of earlier data has them already.
    if (answer.status !== 201 && answer.body.code !== 'RepAlreadyRegistered')
      throw new Error(`registering ${repId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  withReceivers.add(engine);
}

/** Walk-in leads with phones of their own, so each makes a customer too; returns their lead ids. */
export async function pushWalkInLeads(engine: EngineHarness, auth: string, count: number): Promise<string[]> {
  await registerReceivers(engine, auth);
  const leadIds: string[] = [];
  for (let n = 0; n < count; n++) {
    const { body } = await engine
      .http()
      .post('/leads')
      .set('Authorization', auth)
      .send({
        channel: 'walk-in',
        contact: { name: `客户 ${n}`, phone: `1380013${String(n).padStart(4, '0')}` },
        receivedBy: RECEIVERS[n % RECEIVERS.length],
      })
      .expect(201);
    leadIds.push(body.leadId);
  }
  return leadIds;
}

/** GET /leads/:id and GET /customers/:id for each lead and its customer, as the engine answers now. */
export async function readLeadsAndCustomers(
  engine: EngineHarness,
  auth: string,
  leadIds: readonly string[],
): Promise<RecordedReads> {
  const leads: Record<string, unknown> = {};
  const customers: Record<string, unknown> = {};
  for (const leadId of leadIds) {
    const lead = await engine.http().get(`/leads/${leadId}`).set('Authorization', auth).expect(200);
    leads[leadId] = lead.body;
    const customerId = String(lead.body.customerId);
    const customer = await engine.http().get(`/customers/${customerId}`).set('Authorization', auth).expect(200);
    customers[customerId] = customer.body;
  }
  return { leads, customers };
}
