import { App } from 'cdktf';
import { WebSphereBawStack } from './websphere-baw/stack';

// Every example stack; `npm run synth` (cdktf synth) runs this file through tsx.
const app = new App();
new WebSphereBawStack(app, 'websphere-baw');
app.synth();
