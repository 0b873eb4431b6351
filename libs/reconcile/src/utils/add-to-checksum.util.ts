import { CHECKSUM_MODULUS } from '../constants/checksum-modulus.constant';

/** Adds a version to a range checksum: the sum of versions modulo 2^32. */
export function addToChecksum(checksum: number, version: number): number {
  return (checksum + (version % CHECKSUM_MODULUS)) % CHECKSUM_MODULUS;
}
