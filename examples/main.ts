import { App } from 'cdktf';
import { Db2SplitMirrorStack } from './db2-split-mirror/stack';
import { declareEstate } from './estate/stacks';
import { WebSphereBawStack } from './websphere-baw/stack';

// Every example stack; `npm run synth` (cdktf synth) runs this file through tsx.
const app = new App();
new WebSphereBawStack(app, 'websphere-baw');
new Db2SplitMirrorStack(app, 'db2-split-mirror');
declareEstate(app);
app.synth();
