/** DI tokens for values that are not classes. */
export const ENGINE_CONFIG = Symbol('EngineConfig');
export const CLOCK = Symbol('Clock');
export const ID_SOURCE = Symbol('IdSource');
export const PROJECTIONS = Symbol('Projections');
export const WORK_LOOKUPS = Symbol('WorkLookups');
