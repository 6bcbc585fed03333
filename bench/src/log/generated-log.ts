/** The service key every generated log holds, so the bench can push leads into an engine started on it. */
export const BENCH_SERVICE_SECRET = 'llk_leadledger-bench-service-key-not-a-secret-0001';
/** The business time zone of every generated log; an engine started on one must use the same. */
export const TIME_ZONE = 'UTC';
