import type { ComponentChildren } from 'preact';
import { toCsv } from '../csv';
import { saveFile } from '../save-file';
import { useT } from '../i18n/i18n';

export interface Column<Row> {
  readonly header: string;
  /** The cell's value in the CSV (and on screen unless `render` is given). */
  readonly value: (row: Row) => string | number | null | undefined;
  readonly render?: (row: Row) => ComponentChildren;
  readonly numeric?: boolean;
}

interface Props<Row> {
  readonly caption: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  readonly fileName: string;
  /** The engine's own CSV of this table, when it has one; else the CSV is made from the columns. */
  readonly engineCsv?: () => Promise<Blob>;
  readonly testId?: string;
}

/** A captioned table with column headers and a CSV download of exactly its rows. */
export function DataTable<Row>({ caption, columns, rows, fileName, engineCsv, testId }: Props<Row>) {
  const t = useT();
  const download = async () => {
    const blob = engineCsv
      ? await engineCsv()
      : new Blob(
          [
            toCsv(
              columns.map((c) => c.header),
              rows.map((row) => columns.map((c) => c.value(row))),
              columns.map((c) => c.numeric === true),
            ),
          ],
          { type: 'text/csv' },
        );
    saveFile(blob, fileName);
  };
  return (
    <div class="table-block">
      <div class="table-scroll">
        <table data-testid={testId}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" class={column.numeric ? 'numeric' : undefined}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>{t('common.empty')}</td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr>
                  {columns.map((column) => (
                    <td class={column.numeric ? 'numeric' : undefined}>
                      {column.render ? column.render(row) : (column.value(row) ?? '—')}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <button type="button" class="secondary" onClick={download} aria-label={`${t('common.downloadCsv')}: ${caption}`}>
        {t('common.downloadCsv')}
      </button>
    </div>
  );
}
