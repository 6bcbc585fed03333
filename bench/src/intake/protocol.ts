/** What the main thread (the engine) and the load worker (the clients) say to each other. */

export type Endpoint = 'health' | 'intake';

export interface WorkerSetup {
  readonly baseUrl: string;
  readonly secret: string;
  readonly poolId: string;
  readonly repeatPercent: number;
}

export type Phase =
  | { readonly endpoint: Endpoint; readonly mode: 'open'; readonly rate: number; readonly seconds: number }
  | {
      readonly endpoint: Endpoint;
      readonly mode: 'closed';
      readonly clients: number;
      readonly count: number;
      /** Optional: no request is sent after this many seconds, even if fewer than `count` went out. */
      readonly maxSeconds?: number;
    };

export interface PhaseResult {
  readonly phase: Phase;
  /** Per request, in send order: answer complete minus intended send time (open loop) or actual send (closed). */
  readonly latenciesMs: readonly number[];
  /** Per request: actual send minus intended send time; the load generator's own lateness. */
  readonly sendLagsMs: readonly number[];
  /** First intended send to last answer. */
  readonly elapsedMs: number;
  /** Answers with the expected status (200 for /health, 201 for /leads). */
  readonly ok: number;
  /** Wrong status or no answer, by status ('error' for a transport failure). */
  readonly failures: Readonly<Record<string, number>>;
  readonly failureSamples: readonly string[];
  /** Intake only: the lead's status in the answer, and the routing rule of its assignment. */
  readonly leadStatuses: Readonly<Record<string, number>>;
  readonly routingRules: Readonly<Record<string, number>>;
  /** Intake only: leads in this phase that reused an earlier phone. */
  readonly repeats: number;
}

export interface PhaseRequest {
  readonly id: number;
  readonly phase: Phase;
}

export interface PhaseAnswer {
  readonly id: number;
  readonly result?: PhaseResult;
  readonly error?: string;
}
