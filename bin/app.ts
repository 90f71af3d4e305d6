import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StagecrewStack } from '../lib/stack.ts';
import { readStage, STAGES } from '../lib/stages.ts';

const app = new App();

// Both stages, staging first: a change is deployed to StagecrewStaging, checked, then to
// StagecrewProduction (docs/deploy.md). `npx cdk deploy StagecrewStaging` bundles that stack only.
for (const stage of STAGES) {
  const { stackName, settings, operations } = readStage(app.node, stage);
  new StagecrewStack(app, stackName, {
    description: `Stagecrew backend (${stage}): PlanningHub and EventLite APIs (one Lambda per route), single-table DynamoDB, SNS webhooks, S3`,
    settings,
    operations,
    tags: { 'stagecrew:stage': stage },
  });
}

// cdk-nag 3 is a policy-validation plugin (it replaced the v2 aspect): any unacknowledged finding,
// error or warning, fails `cdk synth` and `cdk deploy`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
