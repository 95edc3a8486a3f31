import { ColumnOptions, ValueTransformer } from 'typeorm';

/** pg returns BIGINT as a string; every timestamp here is epoch milliseconds as a number. */
const numberTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** Epoch-millisecond timestamps: one integer type on SQLite and PostgreSQL, cheap to index and bucket. */
export const msColumn = (options: ColumnOptions = {}): ColumnOptions => ({
  type: 'bigint',
  transformer: numberTransformer,
  ...options,
});

/** JSON kept as text so the same column works on both engines. */
export const jsonColumn = (options: ColumnOptions = {}): ColumnOptions => ({
  type: 'simple-json',
  ...options,
});

export const floatColumn = (options: ColumnOptions = {}): ColumnOptions => ({
  type: 'double precision',
  transformer: numberTransformer,
  ...options,
});
