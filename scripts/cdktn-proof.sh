#!/usr/bin/env bash
# Proves that cdktf-san-dr works under CDK Terrain (cdktn 0.24), the maintained fork of cdktf:
# packs this library, installs it in a fresh project where "cdktf" is an npm alias of cdktn
# (with an override so that @cdktf/provider-null 11 and this library resolve "cdktf" to cdktn
# too), synthesizes the WebSphere BAW example there, and checks that the plan files are
# byte-identical to those cdktf 0.21 writes, that cdk.tf.json declares the same resources,
# that a breaching design still fails synthesis, that `cdktf synth` drives the cdktn app, and that
# the packed cdktf-san-dr command runs.
# Needs the npm registry (the local mirror). Usage: npm run proof:cdktn [-- <work dir>]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/cdktn-proof.XXXXXX")}"
export CHECKPOINT_DISABLE=1
mkdir -p "$work"
cd "$work"
echo "cdktn proof in $work"

# 1. This library as users get it: the packed tarball (prepack builds dist/).
tarball="$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -1)"

# 2. A project on cdktn: "cdktf" is cdktn, for this project and (override) for every dependency.
cat > package.json <<JSON
{
  "name": "cdktn-proof",
  "private": true,
  "dependencies": {
    "cdktf": "npm:cdktn@0.24.0",
    "constructs": "10.7.2",
    "@cdktf/provider-null": "11.0.1",
    "cdktf-san-dr": "file:./$tarball"
  },
  "overrides": { "cdktf": "npm:cdktn@0.24.0" }
}
JSON
npm install --no-audit --no-fund --loglevel=error >/dev/null
node -e '
  const v = (p) => require(p + "/package.json");
  const cdktf = v("cdktf");
  if (cdktf.name !== "cdktn" || cdktf.version !== "0.24.0") throw new Error("cdktf resolves to " + cdktf.name + "@" + cdktf.version);
  // Every "cdktf" in the tree must be the one cdktn: two copies would break instanceof and aspects.
  const fromNull = require.resolve("cdktf", { paths: [require.resolve("@cdktf/provider-null")] });
  const fromLib = require.resolve("cdktf", { paths: [require.resolve("cdktf-san-dr")] });
  if (fromNull !== require.resolve("cdktf") || fromLib !== require.resolve("cdktf")) throw new Error("more than one cdktf in the tree");
  console.log("cdktf resolves to " + cdktf.name + "@" + cdktf.version + " for the app, @cdktf/provider-null and cdktf-san-dr");
'

# 3. The example, unchanged, against the installed package.
mkdir -p app/websphere-baw
cp "$repo/examples/websphere-baw/stack.ts" app/websphere-baw/stack.ts
cat > app/main.ts <<'TS'
import { App } from 'cdktf';
import { WebSphereBawStack } from './websphere-baw/stack';
const app = new App(process.argv[2] ? { outdir: process.argv[2] } : {});
new WebSphereBawStack(app, 'websphere-baw', { interval: process.argv[3] });
app.synth();
TS
tsx="$repo/node_modules/.bin/tsx"
"$tsx" app/main.ts cdktn.out
(cd "$repo" && "$tsx" -e "
  import { App } from 'cdktf';
  import { WebSphereBawStack } from './examples/websphere-baw/stack';
  const app = new App({ outdir: '$work/cdktf.out' });
  new WebSphereBawStack(app, 'websphere-baw');
  app.synth();
")

# 4. Same plan files, same resources.
for file in dr-plan.json dr-plan.md; do
  cmp "cdktn.out/stacks/websphere-baw/$file" "cdktf.out/stacks/websphere-baw/$file"
done
node -e '
  const fs = require("fs");
  const read = (dir) => JSON.parse(fs.readFileSync(dir + "/stacks/websphere-baw/cdk.tf.json", "utf8"));
  const [tn, tf] = [read("cdktn.out"), read("cdktf.out")];
  if (tn["//"].metadata.version !== "0.24.0") throw new Error("cdktn.out was not written by cdktn 0.24.0");
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of ["resource", "provider", "terraform"]) {
    if (!same(tn[key], tf[key])) throw new Error("cdk.tf.json differs in " + key);
  }
  const steps = Object.keys(tn.resource.null_resource).length;
  if (steps !== 24) throw new Error("expected 24 step resources, got " + steps);
  console.log("cdktn: dr-plan.json and dr-plan.md byte-identical to cdktf 0.21; cdk.tf.json: same " + steps + " null_resource steps, provider and backend");
'

# 5. A breaching design still fails synthesis under cdktn, with the rule and the numbers.
if "$tsx" app/main.ts breach.out 27m 2>breach.err; then
  echo "cdktn: the 27m design synthesized, but it breaches the RPO" >&2
  exit 1
fi
grep -q 'SDR-RPO-BUDGET.*30m 46.3s' breach.err
test ! -e breach.out/stacks/websphere-baw/dr-plan.json
echo "cdktn: interval 27m fails synthesis with SDR-RPO-BUDGET and writes no plan"

# 6. Through a synth CLI: cdktn-cli 0.24 needs Node >= 22.19 (on Node 20 it stops at start-up with
#    "markAsUncloneable is not a function"), so this drives the cdktn app with this repo's cdktf-cli
#    0.21, which only runs the app and reads its manifest.
cat > cdktf.json <<JSON
{ "language": "typescript", "app": "$tsx app/main.ts", "output": "cli.out", "projectId": "cdktn-proof",
  "sendCrashReports": "false", "terraformProviders": [], "terraformModules": [], "context": {} }
JSON
"$repo/node_modules/.bin/cdktf" synth >synth.log 2>&1 || { cat synth.log >&2; exit 1; }
cmp cli.out/stacks/websphere-baw/dr-plan.json cdktf.out/stacks/websphere-baw/dr-plan.json
echo "cdktn: cdktf synth of the cdktn app writes the same dr-plan.json"

# 7. The packed command.
npx --no-install cdktf-san-dr diff --fail-on warning cdktf.out cdktn.out | grep -q 'No change to the disaster-recovery plan.'
echo "cdktn: npx cdktf-san-dr diff finds no change between the cdktf 0.21 and cdktn 0.24 plans"
echo "cdktn proof passed"
