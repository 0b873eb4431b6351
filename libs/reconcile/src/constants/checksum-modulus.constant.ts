/** Range checksums are sums of versions modulo 2^32: exact in a double, and Postgres computes the same. */
export const CHECKSUM_MODULUS = 4294967296;
