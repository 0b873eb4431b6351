export type SoqlLiteral =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  /** Epoch ms of an unquoted datetime literal such as 2024-01-01T00:00:00Z. */
  | { kind: 'datetime'; value: number; text: string }
  | { kind: 'date'; value: string };
