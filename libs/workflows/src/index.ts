export * from './lead-intake/lead-intake.reactor';
export * from './lead-intake/lead-intake.workflow';
export * from './lead-intake/matched-customer';
export * from './lead-intake/resolve-customer';
export * from './lead-intake/route-in-pool';
export * from './reactor-runner';
