/** The lead answers the console reads (docs/api.md, "Leads"). */
export interface LeadSummary {
  readonly leadId: string;
  readonly status: string;
  readonly channel: string;
  readonly contact: { name: string | null; phone: string | null; email: string | null; company: string | null };
  readonly customerId: string | null;
  readonly repId: string | null;
  readonly acceptBy: string | null;
  readonly flagReason: string | null;
  readonly receivedAt: string;
}

export interface LeadDetail extends LeadSummary {
  readonly assignments: readonly { rule: string; repId: string; at: string; explanation: string }[];
}

export const contactText = (lead: LeadSummary) =>
  [lead.contact.name, lead.contact.phone, lead.contact.email, lead.contact.company].filter(Boolean).join(' · ');
