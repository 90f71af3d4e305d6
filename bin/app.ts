import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readSettings, StagecrewStack } from '../lib/stack.ts';

const app = new App();
const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'StagecrewBackend';

new StagecrewStack(app, stackName, {
  description: 'Stagecrew backend: PlanningHub and EventLite APIs (one Lambda per route), single-table DynamoDB, SNS webhooks, S3',
  settings: readSettings(app.node),
});

// cdk-nag 3 is a policy-validation plugin (it replaced the v2 aspect): any unacknowledged finding,
// error or warning, fails `cdk synth` and `cdk deploy`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
