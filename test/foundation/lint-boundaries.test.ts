import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layering of DESIGN §2 is a lint rule; these prove the rule fires (and does not fire on allowed imports).
const eslint = new ESLint({ cwd: process.cwd() });
async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}`);
}

describe('import boundaries', () => {
  it('fails when the renderer imports main-process services', async () => {
    const ids = await ruleIds(
      'renderer/src/violation.ts',
      "import { createServices } from '../../electron/services/index.ts';\nexport const x = createServices;\n",
    );
    expect(ids).toContain('boundaries/element-types');
  });

  it('fails when the protocol core imports anything of ours outside the core, or Node APIs', async () => {
    expect(
      await ruleIds('shared/core/violation.ts', "import { ok } from '../contract/result.ts';\nexport const x = ok;\n"),
    ).toContain('boundaries/element-types');
    expect(
      await ruleIds(
        'shared/core/violation.ts',
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      ),
    ).toContain('no-restricted-imports');
  });

  it('fails when the page imports Node or Electron, or services import Electron', async () => {
    expect(
      await ruleIds(
        'renderer/src/violation.ts',
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        'renderer/src/violation.ts',
        "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds('electron/services/violation.ts', "import { app } from 'electron';\nexport const x = app;\n"),
    ).toContain('no-restricted-imports');
  });

  it('passes the allowed directions', async () => {
    expect(
      await ruleIds(
        'renderer/src/fine.ts',
        "import { ok } from '../../shared/contract/result.ts';\nexport const x = ok;\n",
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        'electron/shell/fine.ts',
        "import { app } from 'electron';\nimport { createServices } from '../services/index.ts';\nexport const x = [app, createServices];\n",
      ),
    ).toEqual([]);
  });

  it('the whole tree is clean under the same rules', async () => {
    const results = await eslint.lintFiles(['shared', 'electron', 'renderer']);
    const errors = results.flatMap((r) =>
      r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId}`),
    );
    expect(errors).toEqual([]);
  });
});
