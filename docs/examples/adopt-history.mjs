#!/usr/bin/env node
// Adopting the engine with history: loads three past months (January to March 2025, Asia/Shanghai)
// through the public HTTP API only, in the order docs/operations.md gives, and prints what it made
// as JSON. Run against an engine whose scheduler is paused (LEADLEDGER_SCHEDULER_INTERVAL_MS=0):
//
//   LEADLEDGER_URL=http://localhost:3000 LEADLEDGER_KEY=<admin key> node docs/examples/adopt-history.mjs
//
// test/e2e/adopt-history.e2e-spec.ts runs this script and checks every figure by hand.

const base = process.env.LEADLEDGER_URL ?? 'http://localhost:3000';
const key = process.env.LEADLEDGER_KEY;
if (!key) throw new Error('Set LEADLEDGER_KEY to an admin key');

async function call(method, path, body, expected) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.status !== expected)
    throw new Error(`${method} ${path}: ${response.status}, expected ${expected}: ${JSON.stringify(answer)}`);
  return answer;
}
const post = (path, body, expected = 201) => call('POST', path, body, expected);

const plan = {
  planId: 'sales',
  currency: 'CNY',
  periodLength: 'month',
  timeZone: 'Asia/Shanghai',
  ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 500, existing: 300 },
  newCustomerWindowDays: 90,
  clawbackWindowDays: 60,
};
const made = { customers: {}, sales: {} };

// 1. Reps, each with the day they joined.
for (const [repId, name, joinedAt] of [
  ['rep-li', '李娜', '2024-06-01T09:00:00+08:00'],
  ['rep-wang', '王芳', '2024-09-01T09:00:00+08:00'],
  ['rep-zhao', '赵磊', '2025-01-02T09:00:00+08:00'],
])
  await post('/reps', { repId, name, email: `${repId}@example.cn`, team: 'east', joinedAt });

// 2. The plan in force from the first month: its effectiveFrom is in the past, and nothing is decided yet.
await post('/commission-plans', { ...plan, version: 1, effectiveFrom: '2025-01-01T00:00:00+08:00', basis: 'booked' });

// 3. Leads, dated when they arrived; receivedBy names a registered rep.
for (const [name, lead] of [
  [
    'a',
    {
      channel: 'rep-sourced',
      receivedBy: 'rep-li',
      contact: { phone: '13900000001' },
      occurredAt: '2025-01-06T10:00:00+08:00',
    },
  ],
  [
    'b',
    {
      channel: 'walk-in',
      receivedBy: 'rep-wang',
      contact: { phone: '13900000002' },
      occurredAt: '2025-01-08T10:00:00+08:00',
    },
  ],
]) {
  const answer = await post('/leads', { externalId: `crm-lead-${name}`, ...lead });
  made.customers[name] = answer.customerId;
}

const sale = async (externalId, customer, amount, closedAt, closingRepId) => {
  const answer = await post('/sales', {
    externalId,
    customerId: made.customers[customer],
    amount,
    currency: 'CNY',
    closedAt,
    closingRepId,
  });
  made.sales[externalId] = answer.sale.saleId;
};

// 4. January: sales, then the payout run finance made by hand at the end of the month.
await sale('SO-1', 'a', 10_000_000, '2025-01-20T15:00:00+08:00', 'rep-li');
await sale('SO-2', 'b', 5_000_000, '2025-01-25T15:00:00+08:00', 'rep-wang');
await post('/payout-runs', { period: '2025-01' });

// 5. February: the hand-off of customer b as it happened, then its sales and payout run.
await post(
  `/customers/${made.customers.b}/transfer`,
  { toRepId: 'rep-zhao', reason: 'rep-wang moves to the north territory', effectiveAt: '2025-02-10T09:00:00+08:00' },
  200,
);
await sale('SO-3', 'b', 2_000_000, '2025-02-15T15:00:00+08:00', 'rep-zhao');
await sale('SO-4', 'a', 3_000_000, '2025-02-20T15:00:00+08:00', 'rep-li');
await post('/payout-runs', { period: '2025-02' });

// 6. March (still open): a plan version collected from 1 March, loaded after February closed;
//    a follow-up, a sale paid in part, and a refund on January's sale.
await post('/commission-plans', {
  ...plan,
  version: 2,
  effectiveFrom: '2025-03-01T00:00:00+08:00',
  basis: 'collected',
});
// A follow-up dated as it happened: rep-li visited customer a on 3 March, which runs its
// protection on from that day (claims and releases take effectiveAt the same way).
await post(`/customers/${made.customers.a}/follow-ups`, {
  kind: 'visit',
  note: 'quarterly visit; quote for the spring order',
  repId: 'rep-li',
  effectiveAt: '2025-03-03T14:00:00+08:00',
});
await sale('SO-5', 'a', 1_000_000, '2025-03-05T15:00:00+08:00', 'rep-li');
await post(`/sales/${made.sales['SO-5']}/payments`, {
  externalId: 'RC-5-1',
  amount: 400_000,
  currency: 'CNY',
  receivedAt: '2025-03-12T10:00:00+08:00',
});
await post(`/sales/${made.sales['SO-1']}/refunds`, {
  externalId: 'RF-1-1',
  amount: 200_000,
  currency: 'CNY',
  refundedAt: '2025-03-10T10:00:00+08:00',
  reason: 'one unit returned',
});

console.log(JSON.stringify(made));
