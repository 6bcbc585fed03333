import { ratio } from '../intake/report';
import { markdownTable } from '../markdown-table';
import type { closedSummary, phaseMedians } from './results';
import type { phaseFigures } from './results-document';
import type { StoreReadsResult } from './store-reads';
import type { Target } from './targets';

const f1 = (n: number) => n.toFixed(1);

export function printReport(document: Record<string, unknown>, log: (line: string) => void): void {
  const d = document as {
    targets: Target[];
    intake: {
      byLog: Array<{
        name: string;
        events: number;
        poolStreamEvents: number;
        catchUpMs: number;
        ratioToFresh: number | null;
        median: ReturnType<typeof phaseMedians>;
      }>;
    } | null;
    loops: {
      closed: Array<{
        clients: number;
        median: ReturnType<typeof closedSummary>;
        rounds: Array<{ intakeToHealth: number }>;
      }>;
      open: {
        rate: number;
        basis: string;
        median: ReturnType<typeof phaseMedians>;
        maxMs: number;
        errors: number;
        rounds: Array<ReturnType<typeof phaseFigures>>;
      };
    } | null;
    store: StoreReadsResult | null;
  };
  log('');
  if (d.intake) {
    log(
      markdownTable(
        ['log', 'events', 'pool stream', 'catch-up s', 'leads/s', 'p50 ms', 'p99 ms', 'vs fresh'],
        d.intake.byLog.map((i) => [
          i.name,
          String(i.events),
          String(i.poolStreamEvents),
          (i.catchUpMs / 1000).toFixed(1),
          f1(i.median.perSecond),
          f1(i.median.p50Ms),
          f1(i.median.p99Ms),
          i.ratioToFresh === null ? '-' : ratio(i.ratioToFresh),
        ]),
      ),
    );
    log('');
  }
  if (d.loops) {
    log(
      markdownTable(
        [
          'clients',
          '/health req/s',
          '/leads leads/s',
          'intake/health',
          'each round',
          'leads p50 ms',
          'leads p99 ms',
          'engine CPU ms a lead',
        ],
        d.loops.closed.map((c) => [
          String(c.clients),
          String(Math.round(c.median.healthPerSecond)),
          f1(c.median.intakePerSecond),
          ratio(c.median.intakeToHealth),
          c.rounds.map((r) => ratio(r.intakeToHealth)).join(', '),
          f1(c.median.intakeP50Ms),
          f1(c.median.intakeP99Ms),
          Number.isFinite(c.median.engineCpuMsPerLead) ? c.median.engineCpuMsPerLead.toFixed(2) : '-',
        ]),
      ),
    );
    const o = d.loops.open;
    log(
      `open loop: ${o.rate} leads/s offered (${o.basis}), medians of ${o.rounds.length}: answered ${f1(o.median.perSecond)}/s, ` +
        `p50 ${f1(o.median.p50Ms)} ms, p99 ${f1(o.median.p99Ms)} ms (each: ${o.rounds.map((r) => f1(r.p99Ms)).join(', ')}), ` +
        `slowest ${f1(o.maxMs)} ms, errors ${o.errors}`,
    );
    log('');
  }
  if (d.store) {
    log(
      markdownTable(
        ['store read', 'events', 'ours ms', 'raw ms', 'ours/raw'],
        d.store.figures.map((f) => [
          f.detail,
          String(f.events),
          f.oursMsPerPass.toFixed(2),
          f.rawMsPerPass.toFixed(2),
          ratio(f.oursToRaw),
        ]),
      ),
    );
    log('');
  }
  for (const f of (document.failures as Array<{ phase: string; error: string }>) ?? []) {
    log(`FAILED phase ${f.phase}: ${f.error.split('\n')[0]}`);
  }
  for (const t of d.targets) {
    log(`${t.met ? 'met    ' : 'MISSED '} ${t.target}: ${t.measured} (before: ${t.before})`);
  }
}
