export const id = 21;
export const ids = [21];
export const modules = {

/***/ 1021:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CloudFormationAdapter: () => (/* binding */ CloudFormationAdapter),
  createCloudFormationClient: () => (/* binding */ createCloudFormationClient)
});

// UNUSED EXPORTS: isMissingStack, stackConsoleUrl

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js
var dist_cjs = __webpack_require__(3805);
// EXTERNAL MODULE: ./src/domain/stack-status.ts
var stack_status = __webpack_require__(5627);
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
                    if (isStackEvent(event) && stack_status/* OPERATION_START_STATUSES */.s5.has(event.status)) {
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
    status: stack_status/* DOES_NOT_EXIST */.kq,
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
