/** A rule's verdict on one record; each sim renders it in its own error shape. */
export interface RecordError {
  code: string | undefined;
  category: string | undefined;
  message: string | undefined;
  field: string;
  value: string;
}
