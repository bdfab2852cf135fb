import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Statement {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
}
interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}
interface Resource {
  Type: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Properties: Record<string, unknown>;
}
interface Template {
  AWSTemplateFormatVersion: string;
  Parameters: Record<string, { Type: string; Default?: string }>;
  Resources: Record<string, Resource>;
  Outputs: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

const read = (file: string): string =>
  readFileSync(new URL(`../../infra/${file}`, import.meta.url), 'utf8');

const template = parse(read('registry-table.yml')) as Template;
const policy = JSON.parse(read('iam-policy.json')) as PolicyDocument;

const CFN_READ = [
  'cloudformation:DescribeStacks',
  'cloudformation:DescribeStackEvents',
  'cloudformation:DescribeStackResources',
  'cloudformation:ListStackResources'
];
const CFN_RECOVER = [
  'cloudformation:RollbackStack',
  'cloudformation:ContinueUpdateRollback',
  'cloudformation:DeleteStack'
];
const DYNAMODB = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query'
];
const ALL_ACTIONS = [...CFN_READ, ...CFN_RECOVER, ...DYNAMODB];

const STACK_ARN = 'arn:aws:cloudformation:REGION:ACCOUNT_ID:stack/STACK_NAME_PATTERN/*';
const TABLE_ARN = 'arn:aws:dynamodb:REGION:ACCOUNT_ID:table/TABLE_NAME';

const actionsOf = (s: Statement): string[] =>
  s.Action === undefined ? [] : typeof s.Action === 'string' ? [s.Action] : s.Action;
const allActions = (doc: PolicyDocument): string[] => doc.Statement.flatMap(actionsOf);
const sorted = (xs: readonly string[]): string[] => [...xs].sort();
/** Actions per Sid, each list sorted, so two documents can be compared statement by statement. */
const bySid = (doc: PolicyDocument): Record<string, string[]> =>
  Object.fromEntries(doc.Statement.map((s) => [s.Sid ?? '', sorted(actionsOf(s))]));

function resource(logicalId: string, type: string): Resource {
  const r = template.Resources[logicalId];
  if (r === undefined) throw new Error(`registry-table.yml has no resource ${logicalId}`);
  expect(r.Type).toBe(type);
  return r;
}

const table = resource('Table', 'AWS::DynamoDB::Table');
const managedPolicy = resource('Policy', 'AWS::IAM::ManagedPolicy');
const templatePolicy = managedPolicy.Properties.PolicyDocument as PolicyDocument;

/** Shared checks: only Allow, explicit actions, nothing broad or unlisted. */
function expectLeastPrivilege(doc: PolicyDocument): void {
  expect(doc.Version).toBe('2012-10-17');
  for (const s of doc.Statement) {
    expect(s.Effect).toBe('Allow');
    expect(s.NotAction).toBeUndefined();
    expect(s.NotResource).toBeUndefined();
    expect(typeof s.Sid).toBe('string');
  }
  const actions = allActions(doc);
  for (const a of actions) {
    expect(a).not.toContain('*');
    expect(a).not.toMatch(/Scan|Transact|Batch|PartiQL/i);
  }
  expect(new Set(actions).size).toBe(actions.length);
  expect(sorted(actions)).toEqual(sorted(ALL_ACTIONS));
}

describe('infra/registry-table.yml: the registry table', () => {
  it('is a CloudFormation template with the documented parameters', () => {
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.Parameters.TableName?.Default).toBe('deployment-registry');
    expect(template.Parameters.PolicyName?.Default).toBe('deployment-coordinator');
    expect(template.Parameters.StackNamePattern?.Default).toBe('*');
    expect(table.Properties.TableName).toEqual({ Ref: 'TableName' });
  });

  it('keys on pk (HASH) and sk (RANGE), both strings', () => {
    expect(table.Properties.AttributeDefinitions).toEqual([
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' }
    ]);
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' }
    ]);
  });

  it('bills on demand, expires items on expiresAt, and has PITR and encryption on', () => {
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.ProvisionedThroughput).toBeUndefined();
    expect(table.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: 'expiresAt',
      Enabled: true
    });
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true
    });
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
  });

  it('is retained when the stack is deleted or the table replaced, and tagged', () => {
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(Array.isArray(table.Properties.Tags)).toBe(true);
    expect((table.Properties.Tags as unknown[]).length).toBeGreaterThan(0);
  });

  it('outputs and exports the table name and ARN, and outputs the policy ARN', () => {
    expect(template.Outputs.TableName?.Value).toEqual({ Ref: 'Table' });
    expect(template.Outputs.TableArn?.Value).toEqual({ 'Fn::GetAtt': ['Table', 'Arn'] });
    expect(template.Outputs.TableName?.Export).toBeDefined();
    expect(template.Outputs.TableArn?.Export).toBeDefined();
    expect(template.Outputs.PolicyArn?.Value).toEqual({ Ref: 'Policy' });
  });
});

describe('infra/iam-policy.json: the least-privilege policy', () => {
  it('grants exactly the listed actions: no wildcard, no Scan, no transactions', () => {
    expectLeastPrivilege(policy);
  });

  it('separates reading stacks, recovering stacks and using the table', () => {
    expect(bySid(policy)).toEqual({
      ReadStackState: sorted(CFN_READ),
      RecoverFailedStack: sorted(CFN_RECOVER),
      RegistryTableLockAndQueue: sorted(DYNAMODB)
    });
  });

  it('scopes DynamoDB to the registry table and CloudFormation to the stack pattern', () => {
    for (const s of policy.Statement) {
      const service = actionsOf(s)[0]?.split(':')[0];
      expect(actionsOf(s).every((a) => a.startsWith(`${service}:`))).toBe(true);
      expect(s.Resource).toBe(service === 'dynamodb' ? TABLE_ARN : STACK_ARN);
    }
  });
});

describe('the managed policy in the template', () => {
  it('is named by the PolicyName parameter', () => {
    expect(managedPolicy.Properties.ManagedPolicyName).toEqual({ Ref: 'PolicyName' });
  });

  it('grants the same actions as iam-policy.json, statement by statement', () => {
    expectLeastPrivilege(templatePolicy);
    expect(bySid(templatePolicy)).toEqual(bySid(policy));
  });

  it('scopes DynamoDB to the table it creates and CloudFormation to StackNamePattern', () => {
    for (const s of templatePolicy.Statement) {
      if (actionsOf(s)[0]?.startsWith('dynamodb:'))
        expect(s.Resource).toEqual({ 'Fn::GetAtt': ['Table', 'Arn'] });
      else
        expect(s.Resource).toEqual({
          'Fn::Sub':
            'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${StackNamePattern}/*'
        });
    }
  });
});
