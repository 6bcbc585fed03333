/** DI tokens for values that are not classes. */
export const ENGINE_CONFIG = Symbol('EngineConfig');
export const CLOCK = Symbol('Clock');
export const ID_SOURCE = Symbol('IdSource');
export const PROJECTIONS = Symbol('Projections');
export const WORK_LOOKUPS = Symbol('WorkLookups');
/** The reactors' checkpoints: a ReadModelDatabase on a file of their own (workflow-checkpoints.ts). */
export const WORKFLOW_CHECKPOINTS = Symbol('WorkflowCheckpoints');
