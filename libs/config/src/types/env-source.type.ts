/** Where variables are read from: process.env in production, a plain object in tests. */
export type EnvSource = Readonly<Record<string, string | undefined>>;
