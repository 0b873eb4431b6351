/** Relative weights of the three kinds of change (normalised when used). */
export interface ChangeMix {
  insert: number;
  update: number;
  delete: number;
}
