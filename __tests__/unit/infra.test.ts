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
  readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

const template = parse(read('infra/registry-table.yml')) as Template;
const policy = JSON.parse(read('infra/iam-policy.json')) as PolicyDocument;
const operatorPolicy = JSON.parse(read('infra/iam-operator-policy.json')) as PolicyDocument;
// Which actions the policy grants is checked against what the product calls, after a run of the
// whole suite (__tests__/iam/global-teardown.ts); here, only its shape and its copies.

const STACK_ARN = 'arn:aws:cloudformation:REGION:ACCOUNT_ID:stack/STACK_NAME_PATTERN/*';
const TABLE_ARN = 'arn:aws:dynamodb:REGION:ACCOUNT_ID:table/TABLE_NAME';
const LOG_GROUP_ARN = 'arn:aws:logs:REGION:ACCOUNT_ID:log-group:LOG_GROUP:*';

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
}

/** The backquoted `service:Action` names in a text, each once. */
const namedActions = (text: string): string[] => [
  ...new Set(
    [...text.matchAll(/`((?:cloudformation|dynamodb|logs):[A-Za-z]+)`/g)].map((m) => m[1] ?? '')
  )
];

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

  it('ships the log group with a retention, kept when the stack is deleted', () => {
    const group = resource('LogGroup', 'AWS::Logs::LogGroup');
    expect(group.Properties.LogGroupName).toEqual({ Ref: 'LogGroupName' });
    expect(group.Properties.RetentionInDays).toEqual({ Ref: 'LogRetentionDays' });
    expect(template.Parameters.LogRetentionDays?.Default).toBe(90);
    expect(group.DeletionPolicy).toBe('Retain');
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
  it('grants explicit actions only: no wildcard, no Scan, no transactions', () => {
    expectLeastPrivilege(policy);
  });

  it('separates reading stacks, recovering stacks and using the table', () => {
    const belongs: Record<string, (action: string) => boolean> = {
      ReadStackState: (a) => /^cloudformation:(Describe|List|Get)/.test(a),
      RecoverFailedStack: (a) => /^cloudformation:(?!Describe|List|Get)/.test(a),
      RegistryTableLockAndQueue: (a) => a.startsWith('dynamodb:'),
      DeploymentLog: (a) => /^logs:(CreateLogStream|PutLogEvents)$/.test(a)
    };
    const statements = bySid(policy);
    expect(Object.keys(statements).sort()).toEqual(Object.keys(belongs).sort());
    for (const [sid, actions] of Object.entries(statements)) {
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.filter((a) => !belongs[sid]?.(a))).toEqual([]);
    }
  });

  it('scopes DynamoDB to the registry table, CloudFormation to the stack pattern, Logs to the group', () => {
    const scope: Record<string, string> = {
      dynamodb: TABLE_ARN,
      cloudformation: STACK_ARN,
      logs: LOG_GROUP_ARN
    };
    for (const s of policy.Statement) {
      const service = actionsOf(s)[0]?.split(':')[0] ?? '';
      expect(actionsOf(s).every((a) => a.startsWith(`${service}:`))).toBe(true);
      expect(s.Resource).toBe(scope[service]);
    }
  });
});

describe("infra/iam-operator-policy.json: what an operator's role adds for doctor", () => {
  it('grants only the Scan and the DeleteItem doctor needs, on the registry table alone', () => {
    expect(operatorPolicy.Version).toBe('2012-10-17');
    expect(bySid(operatorPolicy)).toEqual({
      RegistryRepair: ['dynamodb:DeleteItem', 'dynamodb:Scan']
    });
    for (const s of operatorPolicy.Statement) {
      expect(s.Effect).toBe('Allow');
      expect(s.Resource).toBe(TABLE_ARN);
    }
    // None of it in the workflow's policy or the template's copy of it.
    expect(allActions(policy).filter((a) => allActions(operatorPolicy).includes(a))).toEqual([]);
    expect(
      allActions(templatePolicy).filter((a) => allActions(operatorPolicy).includes(a))
    ).toEqual([]);
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

  it('scopes DynamoDB to the table it creates, Logs to its group and CloudFormation to StackNamePattern', () => {
    for (const s of templatePolicy.Statement) {
      if (actionsOf(s)[0]?.startsWith('dynamodb:'))
        expect(s.Resource).toEqual({ 'Fn::GetAtt': ['Table', 'Arn'] });
      else if (actionsOf(s)[0]?.startsWith('logs:'))
        expect(s.Resource).toEqual({
          'Fn::Sub':
            'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${LogGroupName}:*'
        });
      else
        expect(s.Resource).toEqual({
          'Fn::Sub':
            'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${StackNamePattern}/*'
        });
    }
  });
});

describe('the docs of the policy', () => {
  it('infra/README.md explains each granted action, and no other', () => {
    const why = read('infra/README.md').split('\n## Why each permission\n')[1] ?? '';
    expect(sorted(namedActions(why))).toEqual(
      sorted([...allActions(policy), ...allActions(operatorPolicy)])
    );
  });

  it("the README's IAM policy section names each granted action, and no other", () => {
    const section = read('README.md').split('\n## IAM policy\n')[1]?.split('\n## ')[0] ?? '';
    const granted = [...allActions(policy), ...allActions(operatorPolicy)];
    const named = [...section.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1] ?? '');
    const serviceActions = named.filter((n) => /^[A-Z]/.test(n));
    expect(sorted(serviceActions)).toEqual(sorted(granted.map((a) => a.split(':')[1] ?? '')));
  });
});
