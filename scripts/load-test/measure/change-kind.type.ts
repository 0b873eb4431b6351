export type ChangeKind = 'insert' | 'update' | 'delete';
