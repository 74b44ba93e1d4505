import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));

describe('package', () => {
  // `npm install` rewrites the lock file's root entry whenever it differs from package.json;
  // CI runs `npm ci`, which refuses a lock that is out of sync.
  test.each(['name', 'version', 'license', 'dependencies', 'devDependencies', 'peerDependencies', 'bin', 'engines'])(
    'package-lock.json records the same %s as package.json',
    (field) => {
      expect(lock.packages[''][field]).toEqual(manifest[field]);
    },
  );

  test('accepts every constructs 10 that cdktf 0.21 accepts, including the 10.8 that cdktf init installs', () => {
    const cdktf = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/cdktf/package.json'), 'utf8'));
    expect(manifest.peerDependencies.constructs).toBe(cdktf.peerDependencies.constructs);
    expect(manifest.peerDependencies.constructs).toBe('^10.4.2');
  });

  test('ships the Apache-2.0 license it declares, in full', () => {
    expect(manifest.license).toBe('Apache-2.0');
    const license = fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toContain('Apache License');
    expect(license).toContain('Version 2.0, January 2004');
    expect(license).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(license).toContain('END OF TERMS AND CONDITIONS');
  });

  test('the README quick start installs the packed tarball, and its main.ts is the one the consumer proof synthesizes', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm install /path/to/cdktf-san-dr-0.1.0.tgz');
    expect(readme).toContain(`cdktf-san-dr-${manifest.version}.tgz`);
    expect(readme).toContain('<!-- quick-start:main.ts -->\n```ts\n');
    expect(fs.readFileSync(path.join(ROOT, 'scripts/consumer-proof.sh'), 'utf8')).toContain('<!-- quick-start:main.ts -->');
    expect(manifest.scripts['proof:consumer']).toBe('bash scripts/consumer-proof.sh');
  });
});
