import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/i18n';
import type { Fairness } from './pool-types';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Leads due by weight beside leads given, one pair of bars per member (the table below has the figures). */
export function FairnessChart({ fairness }: { fairness: Fairness }) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: fairness.members.map((m) => m.repId),
        datasets: [
          { label: t('pools.leadsDue'), data: fairness.members.map((m) => m.leadsDue), backgroundColor: '#8fb3d9' },
          { label: t('pools.leadsGiven'), data: fairness.members.map((m) => m.leadsGiven), backgroundColor: '#1f5f99' },
        ],
      },
      // No animation: the chart shows the answer at once, and screenshots are of the final state.
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
    });
    return () => chart.destroy();
  }, [fairness, t]);

  const summary = fairness.members
    .map((m) => `${m.repId}: ${t('pools.leadsDue')} ${m.leadsDue}, ${t('pools.leadsGiven')} ${m.leadsGiven}`)
    .join('; ');
  return (
    <div class="chart">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${t('pools.fairnessChart')}. ${summary}`}
        data-testid="fairness-chart"
      />
    </div>
  );
}
