import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where `npm run build:console` put the console: dist/console at the repository's root. Found by
 * walking up from this file, because it runs from apps/engine/src (tests) and from dist (npm start).
 */
export function consoleDirectory(from: string = __dirname): string | null {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isThisProject(manifest)) return join(dir, 'dist', 'console');
  }
  return null;
}

function isThisProject(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'leadledger';
  } catch {
    return false;
  }
}

/** The files the console's build writes; nothing else under its directory is served. */
export const CONSOLE_ASSETS: ReadonlySet<string> = new Set([
  'console.js',
  'console.js.map',
  'console.js.LEGAL.txt',
  'console.css',
  'console.css.map',
]);
