/**
 * Durations as operators write them: `90s`, `5m`, `1h30m`, `250ms`, `2h`, or a bare number of
 * seconds; as a number of milliseconds, at most 2^31 − 1 (Node's longest timer).
 */
import { CliError } from './cli-types.js';

const UNITS: ReadonlyMap<string, number> = new Map([['ms', 1], ['s', 1000], ['m', 60_000], ['h', 3_600_000], ['d', 86_400_000]]);
const MAX_MS = 2 ** 31 - 1;

/** The milliseconds of `text`; a usage error naming `flag` otherwise. */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
      throw new CliError(`--${flag}: "${text}" is not a duration: give a number with a unit, such as 90s, 5m, 1h30m or 250ms`);
    }
    ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNITS.get(p[2]!)!, 0);
  }
  ms = Math.round(ms);
  if (ms <= 0) throw new CliError(`--${flag}: "${text}" is not a duration longer than zero`);
  if (ms > MAX_MS) throw new CliError(`--${flag}: "${text}" is longer than ${formatDuration(MAX_MS)}, the longest a timer can wait`);
  return ms;
}

/** `1h 2m 3s`, `4.2s`, `850 ms`: how long something took, for people. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return [h > 0 ? `${h}h` : '', m > 0 ? `${m}m` : '', `${s % 60}s`].filter(Boolean).join(' ');
}
