import { loadavg } from 'node:os';

/** The 1-minute load average, rounded: other work on the shared machine shows here. */
export const load1 = () => Math.round(loadavg()[0] * 100) / 100;
