import {
  type MinorUnits,
  applyRate,
  BPS_SCALE,
  formatBps,
  formatMinor,
  formatMultiplier,
  prorate,
  splitShare,
} from '@leadledger/kernel';
import { DAY_MS } from '@leadledger/customers';
import type { Payee } from '../periods/commission-periods.events';
import type { CommissionBasis, PartnerFeeRule } from '../plan/commission-plan';
import type { AccrualGroup, GroupLine, SaleBook, Track } from './commission-book';
import type { LedgerLine, PayeeRole } from './ledger-line';
import { tierSegments } from './tier-segments';

/** What produced the change: the event, its business time and the ids a line points back to. */
export interface Trigger {
  readonly eventId: string;
  readonly position: string;
  readonly at: string;
  readonly naturalPeriod: string;
  readonly period: string;
  readonly paymentId: string | null;
  readonly refundId: string | null;
}

/** Reads and writes the rep's credited base in a period, for tiers. */
export interface TierCounter {
  get(repId: string): MinorUnits;
  set(repId: string, base: MinorUnits): void;
}

/** How much of the sale a basis pays on now: booked the net, collected what was paid of it, in full all or nothing. */
export function coverFor(basis: CommissionBasis, book: SaleBook): MinorUnits {
  const net = book.cancelled ? 0 : book.sale.amount - book.refundedTotal;
  if (basis === 'booked') return net;
  if (basis === 'collected') return Math.min(book.collectedTotal, net);
  // The net is never below 0 (a refund never exceeds it), and with nothing left to collect both branches give 0.
  return book.collectedTotal >= net ? net : 0;
}

/** Revenue, or gross margin where the plan pays on it and the sale carries its cost. */
export function commissionBase(book: SaleBook): MinorUnits {
  const { amount, cost } = book.sale;
  // `cost !== null` may be dropped (equivalent mutant): amount - null is amount.
  return book.plan.amountBase === 'gross-margin' && cost !== null ? Math.max(0, amount - cost) : amount;
}

const isInsideClawbackWindow = (book: SaleBook, at: string): boolean =>
  Date.parse(at) - Date.parse(book.sale.closedAt) <= book.plan.clawbackWindowDays * DAY_MS;

/** Brings the sale's tracks to what its basis pays on now: accruals when cover grew, clawbacks when it fell. */
export function settleSale(
  book: SaleBook,
  trigger: Trigger,
  tiers: TierCounter,
): { book: SaleBook; lines: LedgerLine[] } {
  const lines: LedgerLine[] = [];
  const write = lineWriter(book, trigger, lines);
  let next = book;
  const rateTarget = coverFor(book.rate.basis, book);
  if (rateTarget > book.rate.cover) next = accrueRate(next, rateTarget, write, tiers);
  // Here and for the partner, `<` keeps clawBack from a track whose cover did not fall: at a cover of 0 (all
  // clawed back already) its proration would divide by 0.
  else if (rateTarget < book.rate.cover && isInsideClawbackWindow(book, trigger.at))
    next = { ...next, rate: clawBack(next.rate, rateTarget, book, write) };
  // Full credit can come from a refund as well as a payment: the net falling to what was collected.
  next = topUpToMinimum(next, write);
  if (book.partner) {
    const partnerTarget = coverFor(book.partner.basis, book);
    if (partnerTarget > book.partner.cover) next = accruePartner(next, partnerTarget, write);
    else if (partnerTarget < book.partner.cover && isInsideClawbackWindow(book, trigger.at))
      next = { ...next, partner: clawBack(book.partner, partnerTarget, book, write) };
  }
  return { book: next, lines };
}

type Write = (
  group: Omit<AccrualGroup, 'lines'>,
  parts: readonly { payee: Payee; role: PayeeRole; amount: MinorUnits; arithmetic: string }[],
  extra: { kind: 'accrual' | 'clawback'; referencesLineIds?: readonly string[]; note?: string | null },
) => GroupLine[];

function lineWriter(book: SaleBook, trigger: Trigger, out: LedgerLine[]): Write {
  return (group, parts, extra) =>
    parts.map((part, i) => {
      const lineId = `${trigger.eventId}:${out.length}`;
      // A share that rounds to nothing stays in the group (to keep its place) but is not a ledger line;
      // its lineId is never read, as nothing is ever clawed back from it (equivalent mutant).
      if (part.amount === 0) return { lineId: '', payee: part.payee, role: part.role, amount: 0, remaining: 0 };
      const late = trigger.period !== trigger.naturalPeriod ? `late: ${trigger.naturalPeriod} was closed` : null;
      out.push({
        lineId,
        payee: part.payee,
        kind: extra.kind,
        rule: group.rule,
        period: trigger.period,
        naturalPeriod: trigger.naturalPeriod,
        currency: book.sale.currency,
        amount: part.amount,
        occurredAt: trigger.at,
        position: trigger.position,
        sourceEventIds: [trigger.eventId],
        saleId: book.sale.saleId,
        paymentId: trigger.paymentId,
        refundId: trigger.refundId,
        adjustmentId: null,
        payoutRunId: null,
        planId: book.plan.planId,
        planVersion: book.plan.version,
        attributionClass: book.attribution.attributionClass,
        role: part.role,
        rateBps: group.rateBps,
        multiplierBps: group.multiplierBps,
        base: group.base,
        groupId: group.groupId,
        undividedAmount: parts.reduce((sum, p) => sum + p.amount, 0),
        referencesLineId: extra.referencesLineIds?.[i] ?? null,
        arithmetic: part.arithmetic,
        note: [extra.note ?? null, late].filter((n) => n !== null).join('; ') || null,
      });
      return { lineId, payee: part.payee, role: part.role, amount: part.amount, remaining: part.amount };
    });
}

const sumOfLines = (groups: readonly AccrualGroup[]): MinorUnits =>
  groups.reduce((sum, g) => sum + g.lines.reduce((s, l) => s + l.amount, 0), 0);

const money = (book: SaleBook, amount: MinorUnits): string => formatMinor(amount, book.sale.currency);

/** The owner (credited rep) and, where the plan gives one and it is someone else, the finder's share. */
function splitToPayees(
  book: SaleBook,
  undivided: MinorUnits,
  whole: string,
): { parts: { payee: Payee; role: PayeeRole; amount: MinorUnits; arithmetic: string }[]; shareBps: number | null } {
  const owner: Payee = { kind: 'rep', id: book.attribution.creditedRepId };
  const finder = book.attribution.finderRepId;
  if (!finder || finder === owner.id || book.plan.finderShareBps === 0)
    return { parts: [{ payee: owner, role: 'owner', amount: undivided, arithmetic: whole }], shareBps: null };
  const { share, rest } = splitShare(undivided, book.plan.finderShareBps);
  const pct = formatBps(book.plan.finderShareBps);
  return {
    shareBps: book.plan.finderShareBps,
    parts: [
      {
        payee: owner,
        role: 'owner',
        amount: rest,
        arithmetic: `${whole}; less finder share ${money(book, share)} = ${money(book, rest)}`,
      },
      {
        payee: { kind: 'rep', id: finder },
        role: 'finder',
        amount: share,
        arithmetic: `${whole}; finder share ${pct} = ${money(book, share)} (rounded down)`,
      },
    ],
  };
}

/**
 * Writes one group of the rate track (rate, flat or minimum), within what the cap per sale still
 * allows, divided between owner and finder (the flat amount is the owner's alone). Returns the
 * cap used after it; `pending` gets the group unless nothing was allowed.
 */
function writeRateGroup(
  book: SaleBook,
  pending: AccrualGroup[],
  capUsed: MinorUnits,
  write: Write,
  entry: { group: Omit<AccrualGroup, 'lines' | 'groupId' | 'shareBps'>; amount: MinorUnits; formula: string },
): MinorUnits {
  const { group, amount, formula } = entry;
  const cap = book.plan.capPerSaleMinor;
  const allowed = cap === null ? amount : Math.max(0, Math.min(amount, cap - capUsed));
  if (allowed <= 0) return capUsed;
  const capped = allowed < amount;
  const whole = capped
    ? `${formula} = ${money(book, amount)}, capped at ${money(book, cap ?? 0)} per sale = ${money(book, allowed)}`
    : `${formula} = ${money(book, amount)}`;
  const note = capped ? 'cap per sale reached' : null;
  const rep = book.attribution.creditedRepId;
  // The flat amount per order is the credited rep's alone; rate and minimum are shared with the finder.
  const { parts, shareBps } =
    group.rule === 'flat'
      ? {
          parts: [
            { payee: { kind: 'rep' as const, id: rep }, role: 'owner' as const, amount: allowed, arithmetic: whole },
          ],
          shareBps: null,
        }
      : splitToPayees(book, allowed, whole);
  const groupId = `${book.sale.saleId}:${book.rate.groups.length + pending.length}`;
  const lines = write({ ...group, groupId, shareBps }, parts, { kind: 'accrual', note });
  pending.push({ ...group, groupId, shareBps, lines });
  return capUsed + allowed;
}

function accrueRate(book: SaleBook, target: MinorUnits, write: Write, tiers: TierCounter): SaleBook {
  const fullBase = commissionBase(book);
  // An unknown rule rounds toward zero, as 'down' does: the "" mutants of these two are equivalent.
  const from = prorate(fullBase, book.rate.cover, book.sale.amount, 'down');
  const to = prorate(fullBase, target, book.sale.amount, 'down');
  const rateBps = book.plan.ratesBps[book.attribution.attributionClass];
  const rep = book.attribution.creditedRepId;
  const creditedBefore = tiers.get(rep);
  tiers.set(rep, creditedBefore + (to - from));
  const groups: AccrualGroup[] = [];
  let capUsed = book.capUsed;
  for (const segment of tierSegments(creditedBefore, to - from, book.plan.tiers)) {
    const amount = applyRate(segment.base, rateBps, segment.multiplierBps, book.plan.rounding);
    const formula = `${money(book, segment.base)} x ${formatBps(rateBps)} x ${formatMultiplier(segment.multiplierBps)}`;
    const group = { rule: 'rate', rateBps, multiplierBps: segment.multiplierBps, base: segment.base } as const;
    capUsed = writeRateGroup(book, groups, capUsed, write, { group, amount, formula });
  }
  const flat = book.plan.flatPerSaleMinor ?? 0;
  // The flat amount is granted at the sale's first accrual or never. `flat > 0` only keeps the flag false for
  // a plan without one, where the flag changes nothing (a flat amount of 0 adds nothing, `allowed <= 0`): its
  // `>=` and `true` mutants are equivalent, as is `book.flatGranted` as `true` in `flatGranted` below (the flag
  // is true after the first accrual of any plan that has one).
  const grantFlat = !book.flatGranted && flat > 0;
  if (grantFlat) {
    const group = { rule: 'flat', rateBps: null, multiplierBps: null, base: null } as const;
    capUsed = writeRateGroup(book, groups, capUsed, write, { group, amount: flat, formula: 'flat per sale' });
  }
  return {
    ...book,
    capUsed,
    flatGranted: book.flatGranted || grantFlat,
    rate: { ...book.rate, cover: target, groups: [...book.rate.groups, ...groups] },
  };
}

/**
 * Once a sale is fully credited (its rate track covers the whole net amount, after a payment or
 * after a refund that brought the net down to it), tops the rate commission still standing up to
 * the plan's minimum per sale, once: later refunds claw the top-up back pro rata like the rest.
 */
function topUpToMinimum(book: SaleBook, write: Write): SaleBook {
  const minimum = book.plan.minimumPerSaleMinor;
  const net = book.cancelled ? 0 : book.sale.amount - book.refundedTotal;
  if (minimum === null || book.minimumGranted || net <= 0 || book.rate.cover < net) return book;
  const rateGroups = book.rate.groups.filter((g) => g.rule !== 'flat');
  const standing = rateGroups.reduce((sum, g) => sum + g.lines.reduce((s, l) => s + l.remaining, 0), 0);
  const groups: AccrualGroup[] = [];
  const group = { rule: 'minimum', rateBps: null, multiplierBps: null, base: null } as const;
  const formula = `minimum per sale ${money(book, minimum)} - accrued ${money(book, standing)}`;
  const capUsed = writeRateGroup(book, groups, book.capUsed, write, { group, amount: minimum - standing, formula });
  return { ...book, capUsed, minimumGranted: true, rate: { ...book.rate, groups: [...book.rate.groups, ...groups] } };
}

function accruePartner(book: SaleBook, target: MinorUnits, write: Write): SaleBook {
  // The ledger opens a partner track only for a plan with a partner fee and a sale with a partner.
  const track = book.partner as Track;
  const rule = book.plan.partnerFee as PartnerFeeRule;
  const partnerId = book.attribution.referralPartnerId as string;
  const payee: Payee = { kind: 'partner', id: partnerId };
  const groups: AccrualGroup[] = [];
  const add = (group: Omit<AccrualGroup, 'lines' | 'groupId' | 'shareBps'>, amount: MinorUnits, arithmetic: string) => {
    if (amount <= 0) return;
    const groupId = `${book.sale.saleId}:p${track.groups.length + groups.length}`;
    const lines = write({ ...group, groupId, shareBps: null }, [{ payee, role: 'partner', amount, arithmetic }], {
      kind: 'accrual',
    });
    groups.push({ ...group, groupId, shareBps: null, lines });
  };
  const base = target - track.cover;
  const fee = applyRate(base, rule.shareBps, BPS_SCALE, book.plan.rounding);
  add(
    { rule: 'partner-fee', rateBps: rule.shareBps, multiplierBps: BPS_SCALE, base },
    fee,
    `${money(book, base)} x ${formatBps(rule.shareBps)} = ${money(book, fee)}`,
  );
  const paid = sumOfLines([...track.groups, ...groups]);
  const fullyCredited = target >= book.sale.amount - book.refundedTotal;
  const minimum = rule.minimumMinor;
  // As for the rate's minimum: after full credit the partner track never accrues again, a floor of 0 or less
  // adds nothing (`amount <= 0`), and no rule reads `partnerMinimumGranted` (the mutants of its line are equivalent).
  const partnerMinimumGranted = book.partnerMinimumGranted || (fullyCredited && minimum !== null);
  if (fullyCredited && minimum !== null)
    add(
      { rule: 'minimum', rateBps: null, multiplierBps: null, base: null },
      minimum - paid,
      `floor ${money(book, minimum)} - fee ${money(book, paid)} = ${money(book, minimum - paid)}`,
    );
  return { ...book, partnerMinimumGranted, partner: { ...track, cover: target, groups: [...track.groups, ...groups] } };
}

/**
 * Claws back, pro rata to the fall in cover, every accrual of the track still standing, at
 * its own rate and multiplier. A fall to zero claws back everything left to the unit.
 */
function clawBack(track: Track, target: MinorUnits, book: SaleBook, write: Write): Track {
  const fall = track.cover - target;
  const groups = track.groups.map((group): AccrualGroup => {
    const remaining = group.lines.reduce((sum, l) => sum + l.remaining, 0);
    // At target 0 the fall is the whole cover, so this is exactly `remaining`; only divideClawback must know
    // it is everything. A group with nothing to claw back gets parts of 0, which write no line.
    const undivided = prorate(remaining, fall, track.cover, book.plan.rounding);
    const amounts = divideClawback(group, undivided, target === 0);
    const standing = `${money(book, remaining)} x ${money(book, fall)} / ${money(book, track.cover)} = ${money(book, undivided)}`;
    const at =
      group.rateBps === null
        ? ''
        : ` at ${formatBps(group.rateBps)} x ${formatMultiplier(group.multiplierBps ?? BPS_SCALE)}`;
    const parts = group.lines.map((line, i) => ({
      payee: line.payee,
      role: line.role,
      amount: 0 - amounts[i], // not -amounts[i]: a zero part would be -0, which SQLite (JSON) reads back as 0
      arithmetic:
        group.lines.length > 1
          ? `-(${standing}${at}); ${line.role} part = ${money(book, -amounts[i])}`
          : `-(${standing})${at}`,
    }));
    // The group's base is what still stands of it, as its lines' `remaining` is of their amounts.
    const taken = group.base === null ? null : prorate(group.base, fall, track.cover, book.plan.rounding);
    write({ ...group, base: taken === null ? null : -taken }, parts, {
      kind: 'clawback',
      referencesLineIds: group.lines.map((l) => l.lineId),
    });
    // The group keeps pointing at its accrual lines; only what is left of them falls.
    return {
      ...group,
      base: taken === null || group.base === null ? null : group.base - taken,
      lines: group.lines.map((line, i) => ({ ...line, remaining: line.remaining - amounts[i] })),
    };
  });
  return { ...track, cover: target, groups };
}

/** Divides a group's clawback among its lines as the accrual was divided, never beyond what each line has left. */
function divideClawback(group: AccrualGroup, undivided: MinorUnits, everything: boolean): MinorUnits[] {
  if (everything) return group.lines.map((l) => l.remaining);
  if (group.lines.length === 1) return [Math.min(undivided, group.lines[0].remaining)];
  const [owner, finder] = group.lines;
  const finderPart = Math.min(splitShare(undivided, group.shareBps ?? 0).share, finder.remaining);
  const ownerPart = Math.min(undivided - finderPart, owner.remaining);
  return [ownerPart, finderPart];
}
