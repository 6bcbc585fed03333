/** How a lead reached us (brief glossary: lead). */
export const LEAD_CHANNELS = ['walk-in', 'phone', 'web-form', 'exhibition', 'referral', 'rep-sourced'] as const;
export type LeadChannel = (typeof LEAD_CHANNELS)[number];

/** Channels where a rep physically received the customer (接待), so the receiver may keep them. */
export const RECEIVED_IN_PERSON: readonly LeadChannel[] = ['walk-in', 'phone'];

export const DISQUALIFICATION_REASONS = ['duplicate', 'spam', 'no-budget', 'unreachable', 'other'] as const;
export type DisqualificationReason = (typeof DISQUALIFICATION_REASONS)[number];
