export const id = 749;
export const ids = [749];
export const modules = {

/***/ 8749:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CloudFormationAdapter: () => (/* binding */ CloudFormationAdapter),
  createCloudFormationClient: () => (/* binding */ createCloudFormationClient)
});

// UNUSED EXPORTS: isMissingStack, stackConsoleUrl

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js
var dist_cjs = __webpack_require__(3805);
;// CONCATENATED MODULE: ./src/domain/stack-status.ts
/** Not an AWS status: how this project names a stack that DescribeStacks does not find. */
const DOES_NOT_EXIST = 'DOES_NOT_EXIST';
const inProgress = { class: 'in-progress' };
const stable = { class: 'stable' };
const afterFailure = { class: 'stable-after-failure' };
const gone = { class: 'does-not-exist' };
const needs = (action) => ({ class: 'blocked', needs: action });
const STACK_STATUSES = {
    CREATE_IN_PROGRESS: inProgress,
    DELETE_IN_PROGRESS: inProgress,
    IMPORT_IN_PROGRESS: inProgress,
    IMPORT_ROLLBACK_IN_PROGRESS: inProgress,
    // A change set was created and not executed yet: `aws cloudformation deploy`
    // sits here between its two calls, so another run is mid-deployment.
    REVIEW_IN_PROGRESS: inProgress,
    ROLLBACK_IN_PROGRESS: inProgress,
    UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: inProgress,
    UPDATE_IN_PROGRESS: inProgress,
    UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: inProgress,
    UPDATE_ROLLBACK_IN_PROGRESS: inProgress,
    CREATE_COMPLETE: stable,
    IMPORT_COMPLETE: stable,
    UPDATE_COMPLETE: stable,
    UPDATE_ROLLBACK_COMPLETE: afterFailure,
    IMPORT_ROLLBACK_COMPLETE: afterFailure,
    // Rollback disabled and the operation failed: resources are half-applied.
    // We restore the last good state before anyone deploys on top of it.
    CREATE_FAILED: needs('rollback'),
    UPDATE_FAILED: needs('rollback'),
    UPDATE_ROLLBACK_FAILED: needs('continue-rollback'),
    IMPORT_ROLLBACK_FAILED: needs('continue-rollback'),
    // A failed create leaves a stack that can only be deleted.
    ROLLBACK_COMPLETE: needs('delete'),
    ROLLBACK_FAILED: needs('delete'),
    DELETE_FAILED: needs('delete'),
    DELETE_COMPLETE: gone
};
function classifyStatus(status) {
    if (status === undefined || status === DOES_NOT_EXIST)
        return gone;
    const info = STACK_STATUSES[status];
    // An unknown status is one AWS added after this release: assume something is
    // happening rather than deploy over it.
    return info ?? inProgress;
}
const isInProgress = (status) => classifyStatus(status).class === 'in-progress';
/** Stack-level statuses that open a new operation (the first event of an operation). */
const OPERATION_START_STATUSES = new Set([
    'CREATE_IN_PROGRESS',
    'UPDATE_IN_PROGRESS',
    'DELETE_IN_PROGRESS',
    'IMPORT_IN_PROGRESS',
    'REVIEW_IN_PROGRESS'
]);

;// CONCATENATED MODULE: ./src/domain/stack.ts
const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';
/** The tag the deploy step applies (via the `cfn-tags` output) so anyone can tell whose operation it is. */
const CORRELATION_TAG = 'DeploymentCorrelationId';
const isStackEvent = (e) => e.resourceType === STACK_RESOURCE_TYPE && e.logicalId === e.stackName;
function operationProgress(events) {
    const last = new Map();
    for (const e of events)
        if (!isStackEvent(e))
            last.set(e.logicalId, e.status);
    let done = 0;
    let inProgress = 0;
    let failed = 0;
    for (const status of last.values()) {
        if (status.endsWith('_IN_PROGRESS'))
            inProgress++;
        else if (status.endsWith('_FAILED'))
            failed++;
        else
            done++;
    }
    return { done, inProgress, failed };
}

;// CONCATENATED MODULE: ./src/aws/cloudformation.ts



/** Throttling and transient errors are retried by the SDK itself (standard mode, exponential backoff). */
function createCloudFormationClient(region, maxAttempts = 6) {
    return new dist_cjs/* CloudFormationClient */.m1N({ region, maxAttempts, retryMode: 'standard' });
}
/** How far back currentOperation looks for the start of an operation. */
const OPERATION_SEARCH_PAGES = 20;
/** How far back eventsSince looks for the last event it saw before giving up on finding it. */
const INCREMENTAL_PAGES = 10;
class CloudFormationAdapter {
    client;
    region;
    constructor(client, region) {
        this.client = client;
        this.region = region;
    }
    async describeStacks(names) {
        return Promise.all(names.map((name) => this.describeStack(name)));
    }
    async describeStack(name) {
        try {
            const out = await this.client.send(new dist_cjs/* DescribeStacksCommand */.Y47({ StackName: name }));
            const stack = out.Stacks?.[0];
            return stack ? toSnapshot(name, stack) : missing(name);
        }
        catch (err) {
            if (isMissingStack(err))
                return missing(name);
            throw err;
        }
    }
    async eventsSince(stack, afterEventId) {
        const fresh = [];
        const maxPages = afterEventId ? INCREMENTAL_PAGES : 1;
        let pages = 0;
        try {
            for await (const page of (0,dist_cjs/* paginateDescribeStackEvents */.A_l)({ client: this.client }, { StackName: stack })) {
                for (const e of page.StackEvents ?? []) {
                    if (e.EventId === afterEventId)
                        return fresh.reverse();
                    fresh.push(toEvent(e));
                }
                if (++pages >= maxPages)
                    break;
            }
        }
        catch (err) {
            if (isMissingStack(err))
                return [];
            throw err;
        }
        return fresh.reverse();
    }
    async currentOperation(stack) {
        const seen = [];
        let pages = 0;
        try {
            for await (const page of (0,dist_cjs/* paginateDescribeStackEvents */.A_l)({ client: this.client }, { StackName: stack })) {
                for (const e of page.StackEvents ?? []) {
                    const event = toEvent(e);
                    seen.push(event);
                    if (isStackEvent(event) && OPERATION_START_STATUSES.has(event.status)) {
                        return { start: event, events: seen.reverse() };
                    }
                }
                if (++pages >= OPERATION_SEARCH_PAGES)
                    break;
            }
        }
        catch (err) {
            if (isMissingStack(err))
                return { events: [] };
            throw err;
        }
        return { events: seen.reverse() };
    }
    async listResources(stack) {
        const resources = [];
        try {
            for await (const page of (0,dist_cjs/* paginateListStackResources */.Rus)({ client: this.client }, { StackName: stack })) {
                for (const r of page.StackResourceSummaries ?? []) {
                    resources.push({
                        logicalId: r.LogicalResourceId ?? '',
                        physicalId: r.PhysicalResourceId,
                        type: r.ResourceType ?? '',
                        status: r.ResourceStatus ?? '',
                        reason: r.ResourceStatusReason,
                        lastUpdatedAt: r.LastUpdatedTimestamp
                    });
                }
            }
        }
        catch (err) {
            if (isMissingStack(err))
                return [];
            throw err;
        }
        return resources;
    }
    consoleUrl(stack) {
        return stackConsoleUrl(this.region, stack.stackId ?? stack.name);
    }
}
/** The AWS console page of a stack, in the right partition. */
function stackConsoleUrl(region, stackIdOrName) {
    const host = region.startsWith('cn-')
        ? 'console.amazonaws.cn'
        : region.startsWith('us-gov-')
            ? 'console.amazonaws-us-gov.com'
            : `${region}.console.aws.amazon.com`;
    const id = encodeURIComponent(stackIdOrName);
    const page = stackIdOrName.startsWith('arn:')
        ? `stackinfo?stackId=${id}`
        : `stackinfo?stackName=${id}`;
    return `https://${host}/cloudformation/home?region=${region}#/stacks/${page}`;
}
function isMissingStack(err) {
    const e = err;
    return e?.name === 'ValidationError' && /does not exist/.test(e.message ?? '');
}
const missing = (name) => ({
    name,
    exists: false,
    status: DOES_NOT_EXIST,
    tags: {},
    outputs: {}
});
function toSnapshot(name, s) {
    const pairs = (items, key, value) => Object.fromEntries((items ?? []).map((t) => [key(t) ?? '', value(t) ?? '']));
    return {
        name,
        exists: true,
        status: s.StackStatus ?? 'UNKNOWN',
        statusReason: s.StackStatusReason,
        stackId: s.StackId,
        createdAt: s.CreationTime,
        lastUpdatedAt: s.LastUpdatedTime,
        tags: pairs(s.Tags, (t) => t.Key, (t) => t.Value),
        outputs: pairs(s.Outputs, (o) => o.OutputKey, (o) => o.OutputValue)
    };
}
function toEvent(e) {
    return {
        id: e.EventId ?? '',
        stackName: e.StackName ?? '',
        timestamp: e.Timestamp ?? new Date(0),
        logicalId: e.LogicalResourceId ?? '',
        physicalId: e.PhysicalResourceId,
        resourceType: e.ResourceType ?? '',
        status: e.ResourceStatus ?? '',
        reason: e.ResourceStatusReason,
        clientRequestToken: e.ClientRequestToken
    };
}


/***/ })

};
