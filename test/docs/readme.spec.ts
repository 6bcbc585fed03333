import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);

/** What a newcomer meets first: the README has to be right before anything else is. */
describe('the README', () => {
  it('opens with exactly the two set-up commands: run the engine, pass the tests', () => {
    expect(shellBlocks.slice(0, 2).map((block) => block.trim())).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  it('lists the prerequisites: Node 20.19, a C++ toolchain for better-sqlite3, and bash, curl and jq for the walkthrough', () => {
    expect(readme).toMatch(/Node\.js 20\.19 or newer/);
    expect(readme).toMatch(/C\+\+ toolchain and Python 3 for `better-sqlite3`/);
    expect(readme).toMatch(/`bash`, `curl` and `jq`/);
  });

  it('sets every shell variable before a command uses it', () => {
    for (const block of shellBlocks) {
      const assigned = new Set<string>();
      for (const line of block.split('\n')) {
        for (const [, name] of line.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)) {
          expect({ line, set: assigned.has(name) }).toEqual({ line, set: true });
        }
        for (const [, name] of line.matchAll(/(?:^|\s|for )([A-Z][A-Z0-9_]*)=/g)) assigned.add(name);
      }
    }
  });

  it('uses no command that only macOS has', () => {
    for (const block of shellBlocks) expect(block).not.toMatch(/(^|\s)(open|pbcopy|pbpaste)\s|sed -i ''/m);
  });
});
