export { seededRandom } from '../../support/prng.js';

/** FAULT_SEED from the environment when set (to replay a failed run), else a fresh one. */
export function chooseSeed(): number {
  const fromEnv = process.env.FAULT_SEED;
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return Number(fromEnv) >>> 0;
  return Math.floor(Math.random() * 4_294_967_296) >>> 0;
}

/** A uniform value in [min, max). */
export function between(random: () => number, min: number, max: number): number {
  return min + random() * (max - min);
}
