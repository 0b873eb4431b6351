import { CHECKSUM_MODULUS } from '../constants/checksum-modulus.constant';

/** Combines the checksums of two sub-ranges. */
export function mergeChecksums(a: number, b: number): number {
  return (a + b) % CHECKSUM_MODULUS;
}
