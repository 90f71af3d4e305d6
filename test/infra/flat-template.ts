/**
 * The product's template as one document: the stack's own resources plus those of the nested
 * stacks that hold each surface's functions (lib/stack.ts), with the nested stacks' parameters and
 * outputs replaced by what they stand for in the parent. The infra tests then read one function's
 * role, environment and permission as if it were in the parent stack, and a reference to the
 * table reads `{Ref: <table>}` wherever the function lives.
 */
import { NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

type Json = unknown;

function substitute(value: Json, replace: (node: Record<string, Json>) => Json | undefined): Json {
  if (Array.isArray(value)) return value.map((item) => substitute(item, replace));
  if (value && typeof value === 'object') {
    const replaced = replace(value as Record<string, Json>);
    if (replaced !== undefined) return replaced;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, replace)]));
  }
  return value;
}

export function flatTemplate(stack: Stack): Template {
  const parent = Template.fromStack(stack).toJSON() as { Resources: Record<string, { Type: string; Properties?: Record<string, Json> }>; [key: string]: Json };
  const nestedStacks = stack.node.findAll().filter((construct): construct is NestedStack => construct instanceof NestedStack && construct.node.id.endsWith('Functions'));
  const outputs = new Map<string, Json>();
  for (const nested of nestedStacks) {
    const logicalId = stack.getLogicalId(nested.nestedStackResource as never);
    const parameters = (parent.Resources[logicalId]?.Properties?.Parameters ?? {}) as Record<string, Json>;
    const child = Template.fromStack(nested).toJSON() as { Resources: Record<string, Json>; Mappings?: Record<string, Json>; Outputs?: Record<string, { Value: Json }> };
    parent.Mappings = { ...(parent.Mappings as Record<string, Json> | undefined), ...child.Mappings };
    const resolve = (value: Json) =>
      substitute(value, (node) => {
        const ref = node.Ref;
        return typeof ref === 'string' && ref in parameters && Object.keys(node).length === 1 ? parameters[ref] : undefined;
      });
    Object.assign(parent.Resources, resolve(child.Resources) as Record<string, never>);
    for (const [name, output] of Object.entries(child.Outputs ?? {})) outputs.set(`${logicalId}|Outputs.${name}`, resolve(output.Value));
    delete parent.Resources[logicalId];
  }
  const flattened = substitute(parent, (node) => {
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt) && Object.keys(node).length === 1) return outputs.get(`${getAtt[0]}|${getAtt[1]}`);
    return undefined;
  });
  return Template.fromJSON(flattened as Record<string, unknown>);
}
