// A memory's limits, as the engine checks them (a memory is its trimmed text, 1 to 2,000
// characters; PATCH/POST answer 422 `invalid_memory` otherwise).
import { formatCount } from '../../lib/format';

/** The longest memory, in characters. */
export const MEMORY_MAX = 2000;

/** A memory's length as the engine counts it: the characters (code points) of the trimmed text. */
export const memoryLength = (text: string): number => [...text.trim()].length;

/** Why `text` cannot be saved as a memory (`empty`: what to say when there is nothing), or null. */
export function memoryProblem(text: string, empty: string): string | null {
  const n = memoryLength(text);
  if (n === 0) return empty;
  if (n > MEMORY_MAX) {
    return `A memory is at most ${formatCount(MEMORY_MAX)} characters; this one has ${formatCount(n)}. Shorten it, then save.`;
  }
  return null;
}

/** The start of a memory, for buttons' accessible names ("Edit the memory “I live in…”"). */
export function memoryLabel(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
}
