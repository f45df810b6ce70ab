/** Parsing of numeric and enumerated command-line options, with errors that name the option. */
import { CliError } from '../output.ts';
import { LOG_LEVELS } from './node-config.ts';

export function integerOption(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new CliError(`${option} must be a whole number from ${min} to ${max}, got "${text}".`);
  return value;
}

export function logLevelOption(text: string): (typeof LOG_LEVELS)[number] {
  const level = LOG_LEVELS.find((l) => l === text);
  if (!level) throw new CliError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${text}".`);
  return level;
}
