export type SoqlToken =
  | { kind: 'word'; text: string; upper: string }
  | { kind: 'string'; value: string; text: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'datetime'; value: number; text: string }
  | { kind: 'date'; value: string; text: string }
  | { kind: 'symbol'; text: string }
  | { kind: 'end'; text: string };
