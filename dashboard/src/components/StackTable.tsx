import type { ReactNode } from 'react';

interface StackTableProps {
  /** For screen readers (the caption is visually hidden). */
  caption: string;
  columns: readonly string[];
  /** A last column without a visible heading, for each row's buttons. */
  actions?: boolean;
  /** The rows. */
  children: ReactNode;
}

/** A table that stacks each row into labelled lines on narrow screens (`table--stack`; cells carry `data-label`). */
export function StackTable({ caption, columns, actions = false, children }: StackTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table--stack">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
