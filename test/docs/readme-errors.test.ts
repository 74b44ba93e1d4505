import { Testing } from 'cdktf';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Db2SplitMirrorStack } from '../../examples/db2-split-mirror/stack';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';

/** The README's quoted synthesis errors, each unwrapped to one line. */
function quotedErrors(): string[] {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  return [...readme.matchAll(/```\n(\[SDR-[\s\S]*?)\n```/g)].map((m) => m[1].replace(/\n/g, ' '));
}

function synthesisError(synthesize: () => unknown): string {
  try {
    synthesize();
  } catch (error) {
    return (error as Error).message.replace(/\s+/g, ' ');
  }
  throw new Error('synthesis succeeded');
}

describe("README's failing examples are what synthesis prints", () => {
  const quoted = quotedErrors();

  it('quotes three errors', () => {
    expect(quoted).toHaveLength(3);
  });

  it('websphere-baw at a 27-minute interval', () => {
    const actual = synthesisError(() => Testing.fullSynth(new WebSphereBawStack(Testing.app(), 'websphere-baw', { interval: '27m' })));
    expect(actual).toContain(quoted.find((q) => q.startsWith('[SDR-RPO-BUDGET]')));
  });

  it('websphere-baw with a 1-hour RTO', () => {
    const actual = synthesisError(() => Testing.fullSynth(new WebSphereBawStack(Testing.app(), 'websphere-baw', { rto: '1h' })));
    expect(actual).toContain(quoted.find((q) => q.startsWith('[SDR-RTO-BUDGET]')));
  });

  it('db2-split-mirror with point-in-time copies at 100 MiB/s', () => {
    const actual = synthesisError(() => Testing.fullSynth(new Db2SplitMirrorStack(Testing.app(), 'db2-split-mirror', { copyRate: '100MiB/s' })));
    expect(actual).toContain(quoted.find((q) => q.startsWith('[SDR-PIT-COPY-OVERLAP]')));
  });
});
