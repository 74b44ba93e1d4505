#!/usr/bin/env bash
# Proves that a project set up the way `cdktf init --template=typescript` sets one up today (cdktf
# 0.21, the newest constructs 10: 10.8.x, strict TypeScript) installs the packed cdktf-san-dr
# without a peer-dependency conflict, type-checks against it, and synthesizes a plan with it.
# Needs the npm registry, or a local npm cache that holds constructs 10.8 (it installs with
# --prefer-offline). Run by .ci/run. Usage: npm run proof:consumer [-- <work dir>]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/consumer-proof.XXXXXX")}"
export CHECKPOINT_DISABLE=1
mkdir -p "$work"
cd "$work"
echo "consumer proof in $work"

tarball="$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -1)"

# What `cdktf init` writes (package.json, tsconfig.json, cdktf.json, main.ts), trimmed to what
# synthesis needs; the app runs through the library's own tsx instead of ts-node.
cat > package.json <<JSON
{
  "name": "orders-dr",
  "version": "1.0.0",
  "main": "main.js",
  "types": "main.ts",
  "private": true,
  "dependencies": {
    "cdktf": "^0.21.0",
    "constructs": "^10.8.1",
    "@cdktf/provider-null": "^11.0.1",
    "cdktf-san-dr": "file:./$tarball"
  }
}
JSON
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "alwaysStrict": true, "declaration": true, "experimentalDecorators": true, "inlineSourceMap": true,
    "inlineSources": true, "lib": ["es2018"], "module": "CommonJS", "noEmitOnError": true,
    "noFallthroughCasesInSwitch": true, "noImplicitAny": true, "noImplicitReturns": true,
    "noImplicitThis": true, "noUnusedLocals": true, "noUnusedParameters": true, "resolveJsonModule": true,
    "strict": true, "strictNullChecks": true, "strictPropertyInitialization": true, "stripInternal": true,
    "target": "ES2018", "incremental": true, "skipLibCheck": true, "noEmit": true
  },
  "include": ["**/*.ts"],
  "exclude": ["node_modules", "cdktf.out"]
}
JSON
cat > cdktf.json <<JSON
{ "language": "typescript", "app": "$repo/node_modules/.bin/tsx main.ts", "projectId": "consumer-proof", "sendCrashReports": "false", "terraformProviders": [], "terraformModules": [] }
JSON
# The README's quick start, as a user would paste it.
node -e '
  const readme = require("fs").readFileSync(process.argv[1], "utf8");
  const start = readme.indexOf("<!-- quick-start:main.ts -->");
  if (start < 0) throw new Error("README has no quick-start main.ts block");
  const code = readme.slice(start).match(/```ts\n([\s\S]*?)```/)[1];
  require("fs").writeFileSync("main.ts", code);
' "$repo/README.md"

npm install --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null
node -e '
  const constructs = require("constructs/package.json").version;
  if (!/^10\.([89]|\d\d)\./.test(constructs)) throw new Error("constructs " + constructs + " is not 10.8 or later");
  console.log("constructs " + constructs + ", cdktf " + require("cdktf/package.json").version + ", cdktf-san-dr " + require("cdktf-san-dr/package.json").version);
'
"$repo/node_modules/.bin/tsc" -p tsconfig.json
"$repo/node_modules/.bin/cdktf" synth >synth.log 2>&1 || { cat synth.log >&2; exit 1; }
for file in cdk.tf.json dr-plan.json dr-plan.md; do
  test -s "cdktf.out/stacks/orders-dr/$file" || { echo "missing cdktf.out/stacks/orders-dr/$file" >&2; exit 1; }
done
npx --no-install cdktf-san-dr check cdktf.out
echo "consumer proof passed"
