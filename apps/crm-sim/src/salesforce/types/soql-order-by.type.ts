export interface SoqlOrderBy {
  field: string;
  descending: boolean;
  nullsLast: boolean;
}
