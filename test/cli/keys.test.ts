import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consortia } from '../helpers/cli.ts';
import { readKeyFile } from '../../shared/node/keyfile.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'consortia-keys-'));

describe('consortia keys', () => {
  it('creates an account key from a fresh mnemonic, private to the user, and shows it as JSON', () => {
    const file = join(dir(), 'alice.json');
    const made = consortia(['--json', 'keys', 'new', '--out', file, '--prefix', 'csadev']);
    expect(made.status).toBe(0);
    const shown = JSON.parse(made.stdout);
    expect(shown.address).toMatch(/^csadev1[02-9ac-hj-np-z]{38}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readKeyFile(file, 'account');
    expect(key.mnemonic?.split(' ')).toHaveLength(24);
    const again = JSON.parse(consortia(['--json', 'keys', 'show', file, '--prefix', 'csadev']).stdout);
    expect(again.address).toBe(shown.address);
  });

  it('imports a mnemonic from stdin to the same address on every machine', () => {
    const source = join(dir(), 'a.json');
    consortia(['keys', 'new', '--out', source]);
    const { mnemonic } = JSON.parse(readFileSync(source, 'utf8'));
    const imported = join(dir(), 'b.json');
    const run = consortia(['--json', 'keys', 'import', '--out', imported], { input: mnemonic });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).address).toBe(
      JSON.parse(consortia(['--json', 'keys', 'show', source]).stdout).address,
    );
  });

  it('makes a separate consensus key for producers', () => {
    const file = join(dir(), 'node.json');
    const run = consortia(['--json', 'keys', 'new', '--consensus', '--out', file]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'consensus' });
    expect(readKeyFile(file).kind).toBe('consensus');
  });

  it('refuses bad input with a clear message and a non-zero exit, losing nothing', () => {
    const d = dir();
    const file = join(d, 'k.json');
    consortia(['keys', 'new', '--out', file]);
    const before = readFileSync(file, 'utf8');
    const overwrite = consortia(['keys', 'new', '--out', file]);
    expect(overwrite.status).toBe(1);
    expect(overwrite.stderr).toMatch(/already exists; refusing to overwrite/);
    expect(readFileSync(file, 'utf8')).toBe(before);

    const typo = consortia(['keys', 'import', '--out', join(d, 'x.json')], { input: 'abandon '.repeat(23) + 'zebraa' });
    expect(typo.status).toBe(1);
    expect(typo.stderr).toMatch(/Mnemonic not accepted/);

    writeFileSync(join(d, 'truncated.json'), before.slice(0, 40));
    const truncated = consortia(['keys', 'show', join(d, 'truncated.json')]);
    expect(truncated.status).toBe(1);
    expect(truncated.stderr).toMatch(/not a key file/);

    const tampered = JSON.parse(before);
    tampered.publicKey = '00'.repeat(32);
    writeFileSync(join(d, 'tampered.json'), JSON.stringify(tampered));
    expect(consortia(['keys', 'show', join(d, 'tampered.json')]).stderr).toMatch(/does not belong to the secret key/);

    const json = consortia(['--json', 'keys', 'show', join(d, 'missing.json')]);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatch(/Cannot read key file/);
  });
});
