export type SoqlComparison = '=' | '!=' | '<' | '<=' | '>' | '>=';
