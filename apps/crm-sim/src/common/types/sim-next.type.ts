export type SimNext = (error?: unknown) => void;
