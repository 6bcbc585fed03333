import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { exchange } from './http-client';
import type { LeadBodies } from './lead-bodies';
import type { Endpoint, Phase, PhaseResult, WorkerSetup } from './protocol';

interface Answer {
  readonly ok: boolean;
  readonly failure?: string;
  readonly detail?: string;
  readonly leadStatus?: string;
  readonly rule?: string;
}

type Send = (agent: Agent) => Promise<Answer>;

/** The routing rule recorded on the lead's assignment, read from the decision trace in the answer. */
function ruleOf(history: ReadonlyArray<{ type: string; data: { trace?: { rule?: string } } }>): string {
  const assigned = history.find((event) => event.type === 'LeadAssigned');
  return assigned?.data.trace?.rule ?? 'none';
}

export function sender(setup: WorkerSetup, endpoint: Endpoint, leads: LeadBodies): Send {
  if (endpoint === 'health') {
    const url = new URL('/health', setup.baseUrl);
    return async (agent) => {
      const { status, body } = await exchange(agent, url, 'GET', {});
      return status === 200 ? { ok: true } : { ok: false, failure: String(status), detail: body.slice(0, 300) };
    };
  }
  const url = new URL('/leads', setup.baseUrl);
  const headers = { authorization: `Bearer ${setup.secret}`, 'content-type': 'application/json' };
  return async (agent) => {
    const { status, body } = await exchange(agent, url, 'POST', headers, JSON.stringify(leads.next()));
    if (status !== 201) return { ok: false, failure: String(status), detail: body.slice(0, 300) };
    const answer = JSON.parse(body) as { status: string; history: Parameters<typeof ruleOf>[0] };
    return { ok: true, leadStatus: answer.status, rule: ruleOf(answer.history) };
  };
}

/**
 * Sleeps until `due` (a performance.now() time). setTimeout alone wakes up to a millisecond
 * or more late, which would be most of a /health answer, so the last stretch yields turn by
 * turn (answers are still read in between).
 */
async function until(due: number): Promise<void> {
  const ahead = due - performance.now();
  if (ahead > 2) await sleep(ahead - 1.5);
  while (performance.now() < due) await nextTurn();
}

class Recorder {
  readonly latenciesMs: number[] = [];
  readonly sendLagsMs: number[] = [];
  readonly failures: Record<string, number> = {};
  readonly failureSamples: string[] = [];
  readonly leadStatuses: Record<string, number> = {};
  readonly routingRules: Record<string, number> = {};
  ok = 0;
  lastDone = 0;

  async time(index: number, intended: number, send: () => Promise<Answer>): Promise<void> {
    const sent = performance.now();
    let answer: Answer;
    try {
      answer = await send();
    } catch (error) {
      answer = { ok: false, failure: 'error', detail: (error as Error).message };
    }
    const done = performance.now();
    this.lastDone = Math.max(this.lastDone, done);
    this.latenciesMs[index] = done - intended;
    this.sendLagsMs[index] = sent - intended;
    if (answer.ok) this.ok++;
    else {
      const key = answer.failure ?? 'unknown';
      this.failures[key] = (this.failures[key] ?? 0) + 1;
      if (this.failureSamples.length < 5) this.failureSamples.push(`${key}: ${answer.detail ?? ''}`);
    }
    if (answer.leadStatus) this.leadStatuses[answer.leadStatus] = (this.leadStatuses[answer.leadStatus] ?? 0) + 1;
    if (answer.rule) this.routingRules[answer.rule] = (this.routingRules[answer.rule] ?? 0) + 1;
  }
}

/**
 * Open loop: request i is due at start + i / rate whatever happened to the earlier ones, and
 * its latency runs from that due time. A stalled engine therefore shows as latency of every
 * request that should have gone out meanwhile, not as one slow request (no coordinated omission).
 */
async function openLoop(send: Send, agent: Agent, rate: number, seconds: number, recorder: Recorder): Promise<number> {
  const total = rate * seconds;
  const start = performance.now() + 20;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    await until(due);
    inFlight.push(recorder.time(i, due, () => send(agent)));
  }
  await Promise.all(inFlight);
  return start;
}

/**
 * Closed loop: `clients` connections, each sending its next request when the last is answered,
 * until `count` requests went out or (if given) `maxSeconds` have passed.
 */
async function closedLoop(
  send: Send,
  agent: Agent,
  clients: number,
  count: number,
  recorder: Recorder,
  maxSeconds = Infinity,
) {
  const start = performance.now();
  const stopAt = start + maxSeconds * 1000;
  let next = 0;
  const client = async () => {
    for (let i = next++; i < count && performance.now() < stopAt; i = next++) {
      await recorder.time(i, performance.now(), () => send(agent));
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return start;
}

export async function runPhase(setup: WorkerSetup, leads: LeadBodies, phase: Phase): Promise<PhaseResult> {
  const send = sender(setup, phase.endpoint, leads);
  // A fresh pool of kept-alive connections per phase, so none sits idle past the server's keep-alive timeout.
  const agent = new Agent({ keepAlive: true, maxSockets: phase.mode === 'closed' ? phase.clients : Infinity });
  const recorder = new Recorder();
  const repeatsBefore = leads.repeats;
  try {
    const start =
      phase.mode === 'open'
        ? await openLoop(send, agent, phase.rate, phase.seconds, recorder)
        : await closedLoop(send, agent, phase.clients, phase.count, recorder, phase.maxSeconds);
    return {
      phase,
      latenciesMs: recorder.latenciesMs,
      sendLagsMs: recorder.sendLagsMs,
      elapsedMs: recorder.lastDone - start,
      ok: recorder.ok,
      failures: recorder.failures,
      failureSamples: recorder.failureSamples,
      leadStatuses: recorder.leadStatuses,
      routingRules: recorder.routingRules,
      repeats: leads.repeats - repeatsBefore,
    };
  } finally {
    agent.destroy();
  }
}
