/** A record ready to send: its RecordView serialized (`body`) and its version (the ETag). */
export interface RecordJson {
  version: number;
  body: string;
}
