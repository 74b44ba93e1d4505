import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Runs one program twice, once with the library's step emission and once with the reference
 * (ConstructPerStep), and returns every file each run wrote, by path relative to the outdir.
 *
 * The test file that uses this must install the switch before it imports the library:
 *
 *   jest.mock('../../lib/constructs/step-resources', () => require('../reference/switch').switchedStepResources());
 */
export function synthBothWays(program: (outdir: string) => void): { reference: Map<string, Buffer>; library: Map<string, Buffer> } {
  const run = (useReference: boolean) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `san-dr-bytes-${useReference ? 'ref' : 'lib'}-`));
    const previous = setReference(useReference);
    try {
      program(outdir);
      return filesUnder(outdir);
    } finally {
      setReference(previous);
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  };
  // One call site for both runs: cdktf records a warning's stack trace in the manifest, and the
  // caller's column would otherwise differ between the two.
  const [reference, library] = [true, false].map((useReference) => run(useReference));
  return { reference, library };
}

let useReferenceEmission = false;

function setReference(value: boolean): boolean {
  const previous = useReferenceEmission;
  useReferenceEmission = value;
  return previous;
}

/** The module that replaces lib/constructs/step-resources: StepResources builds whichever path is switched on. */
export function switchedStepResources(): Record<string, unknown> {
  const actual = jest.requireActual('../../lib/constructs/step-resources');
  const { ConstructPerStep } = jest.requireActual('./construct-per-step');
  function StepResources(...args: unknown[]) {
    return useReferenceEmission ? new ConstructPerStep(...args) : new actual.StepResources(...args);
  }
  return { ...actual, StepResources };
}

function filesUnder(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else files.set(path.relative(root, full), fs.readFileSync(full));
    }
  };
  visit(root);
  return files;
}
