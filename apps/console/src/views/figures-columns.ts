import type { Column } from '../components/data-table';
import { money } from '../format';
import type { Translate } from '../i18n/i18n';
import type { Figures } from './finance-types';

/** Opening, accrued, clawed back, adjusted, paid and closing due, as table columns. */
export function figureColumns<Row>(t: Translate, figures: (row: Row) => Figures): Column<Row>[] {
  const column = (header: string, pick: (f: Figures) => Figures[keyof Figures]): Column<Row> => ({
    header,
    value: (row) => String(pick(figures(row))),
    render: (row) => money(pick(figures(row))),
    numeric: true,
  });
  return [
    column(t('finance.opening'), (f) => f.opening),
    column(t('finance.accrued'), (f) => f.accrued),
    column(t('finance.clawedBack'), (f) => f.clawedBack),
    column(t('finance.adjusted'), (f) => f.adjusted),
    column(t('finance.paid'), (f) => f.paid),
    column(t('finance.closingDue'), (f) => f.closingDue),
  ];
}
