/** `unavailable`: HTTP 503 with the vendor's body; `reset`: the TCP connection is destroyed. */
export type OutageMode = 'unavailable' | 'reset';
