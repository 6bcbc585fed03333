import { tmpdir } from 'node:os';
import { type BuildSettings, type LogParams, positiveInt, readBuildSettings, readLogParams } from '../log/params';

export const PHASES = ['store', 'intake', 'idle', 'loops', 'coldstart', 'cli'] as const;
export type PhaseName = (typeof PHASES)[number];

/** Everything `npm run bench:ageing` depends on, read once from the environment. */
export interface AgeingConfig {
  readonly phases: ReadonlySet<PhaseName>;
  readonly log: LogParams;
  readonly build: BuildSettings;
  /** Where the engines' data directories go (copies of the cached logs; deleted afterwards). */
  readonly tempBase: string;
  /**
   * Intake (a): clients of the closed loop, seconds per measurement, and rounds: every log's
   * engine runs at once (idle in between) and the rounds visit them in rotated order, so
   * drift on the shared machine hits every log alike; the figure is the median of the rounds.
   */
  readonly intakeClients: number;
  readonly intakeSeconds: number;
  readonly intakeRounds: number;
  /** Untimed requests (leads, and as many /health) before each intake measurement. */
  readonly warmup: number;
  readonly repeatPercent: number;
  /** Idle (b): length of the CPU window, then sequential /health requests. */
  readonly idleSeconds: number;
  readonly healthRequests: number;
  /** Loops (c): client counts, requests per closed phase (health, intake), the time limit of each. */
  readonly loopClients: readonly number[];
  readonly loopHealthCount: number;
  readonly loopIntakeCount: number;
  readonly loopMaxSeconds: number;
  /** Rounds of the loops (c): every closed loop and the open loop run this many times; medians are reported. */
  readonly loopRounds: number;
  /**
   * Open loop after the closed ones: its length, and its rate (0: from `openBasis` and the
   * largest client count's closed loops: 'target', half of 0.25x the /health rate, i.e. half the
   * intake rate the issue asks for, unless that is more than the engine answered closed-loop,
   * then half of what it answered; 'intake', half the measured intake rate; 'health', half the
   * /health rate, which overloads any engine that misses the target).
   */
  readonly openSeconds: number;
  readonly openRate: number;
  readonly openBasis: 'target' | 'intake' | 'health';
  /** Store reads (f): seconds each timed round reads for at least, and rounds per subject. */
  readonly storeSeconds: number;
  readonly storeRounds: number;
}

function phases(): ReadonlySet<PhaseName> {
  const raw = process.env.BENCH_PHASES;
  if (!raw) return new Set(PHASES);
  const names = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(PHASES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`BENCH_PHASES: unknown ${unknown.join(', ')}; known: ${PHASES.join(', ')}`);
  return new Set(names as PhaseName[]);
}

function ints(name: string, fallback: readonly number[]): readonly number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const values = raw.split(',').map((p) => Number(p.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`${name}: whole numbers >= 1, got "${raw}"`);
  return values;
}

function zeroOrMore(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0, got "${raw}"`);
  return value;
}

export function readAgeingConfig(): AgeingConfig {
  const basis = process.env.BENCH_AGEING_OPEN_BASIS || 'target';
  if (basis !== 'target' && basis !== 'intake' && basis !== 'health') {
    throw new Error('BENCH_AGEING_OPEN_BASIS must be target, intake or health');
  }
  return {
    phases: phases(),
    log: readLogParams(),
    build: readBuildSettings(),
    tempBase: process.env.BENCH_TMPDIR || tmpdir(),
    intakeClients: positiveInt('BENCH_AGEING_INTAKE_CLIENTS', 4),
    intakeSeconds: positiveInt('BENCH_AGEING_INTAKE_SECONDS', 5),
    intakeRounds: positiveInt('BENCH_AGEING_INTAKE_ROUNDS', 3),
    warmup: zeroOrMore('BENCH_AGEING_WARMUP', 40),
    repeatPercent: zeroOrMore('BENCH_INTAKE_REPEAT_PERCENT', 20),
    idleSeconds: positiveInt('BENCH_AGEING_IDLE_SECONDS', 10),
    healthRequests: positiveInt('BENCH_AGEING_HEALTH_REQUESTS', 500),
    loopClients: ints('BENCH_AGEING_LOOP_CLIENTS', [1, 8, 32]),
    loopHealthCount: positiveInt('BENCH_AGEING_LOOP_HEALTH_COUNT', 3000),
    loopIntakeCount: positiveInt('BENCH_AGEING_LOOP_INTAKE_COUNT', 300),
    loopMaxSeconds: positiveInt('BENCH_AGEING_LOOP_MAX_SECONDS', 45),
    loopRounds: positiveInt('BENCH_AGEING_LOOP_ROUNDS', 3),
    openSeconds: positiveInt('BENCH_AGEING_OPEN_SECONDS', 10),
    openRate: zeroOrMore('BENCH_AGEING_OPEN_RATE', 0),
    openBasis: basis,
    storeSeconds: zeroOrMore('BENCH_AGEING_STORE_SECONDS', 1),
    storeRounds: positiveInt('BENCH_AGEING_STORE_ROUNDS', 3),
  };
}
