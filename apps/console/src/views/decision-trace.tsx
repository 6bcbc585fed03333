import { useContext, useEffect } from 'preact/hooks';
import { segment } from '../api';
import { ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { shortId, when } from '../format';
import { LanguageContext } from '../i18n/i18n';
import { useSession } from '../session';
import type { LeadDetail } from './lead-types';

/** Every assignment of a lead with the engine's "why this rep" sentence. */
export function DecisionTrace({ leadId }: { leadId: string }) {
  const { api } = useSession();
  const { t, language } = useContext(LanguageContext);
  const lead = useRequest<LeadDetail>();
  useEffect(() => void lead.run(() => api.get<LeadDetail>(`/leads/${segment(leadId)}`)), [leadId]);
  return (
    <section class="panel" aria-labelledby="trace-heading">
      <h3 id="trace-heading">{t('leads.traceOf', { lead: shortId(leadId) })}</h3>
      <ProblemMessage error={lead.error} />
      {lead.result && (
        <ol data-testid="decision-trace">
          {lead.result.assignments.map((assignment) => (
            <li>
              <time dateTime={assignment.at}>{when(assignment.at, language)}</time> — {assignment.explanation}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
