import { TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { ReactElement } from 'react';

/** A table's header row: one header cell for each column name, in order. */
export const TableHead = ({ columns }: { readonly columns: readonly string[] }): ReactElement => (
  <TableHeader>
    <TableRow>
      {columns.map((column) => (
        <TableHeaderCell key={column}>{column}</TableHeaderCell>
      ))}
    </TableRow>
  </TableHeader>
);
