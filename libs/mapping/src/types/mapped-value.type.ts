/** One property value as a destination receives it; `null` clears the property there. */
export type MappedValue = string | number | boolean | null;
