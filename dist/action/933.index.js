export const id = 933;
export const ids = [933];
export const modules = {

/***/ 6933:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CloudFormationAdapter: () => (/* binding */ CloudFormationAdapter),
/* harmony export */   createCloudFormationClient: () => (/* binding */ createCloudFormationClient)
/* harmony export */ });
/* unused harmony exports stackConsoleUrl, isMissingStack, stackNameOf */
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3805);
/* harmony import */ var _domain_operations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1056);
/* harmony import */ var _domain_stack_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6235);



/**
 * Throttling and transient errors are retried by the SDK itself (standard mode, exponential
 * backoff); each attempt has a timeout, so one hung call cannot stall a wait or the post step.
 */
function createCloudFormationClient(region, maxAttempts = 6) {
    return new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .CloudFormationClient */ .m1N({
        region,
        maxAttempts,
        retryMode: 'standard',
        requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 }
    });
}
/** How far back currentOperation looks for the start of an operation, and eventsAfter for its time. */
const OPERATION_SEARCH_PAGES = 20;
/** How far back eventsSince looks for the last event it saw before giving up on finding it. */
const INCREMENTAL_PAGES = 10;
/** How far back pastEvents reads a stack's past operations (newest first) for estimates. */
const PAST_OPERATION_PAGES = 5;
class CloudFormationAdapter {
    client;
    region;
    /** Why DescribeEvents was refused (an older endpoint, a role without it): not asked again. */
    describeEventsRefused;
    constructor(client, region) {
        this.client = client;
        this.region = region;
    }
    async describeStacks(names) {
        return Promise.all(names.map((name) => this.describeStack(name)));
    }
    async describeStack(name) {
        try {
            const out = await this.client.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .DescribeStacksCommand */ .Y47({ StackName: name }));
            const stack = out.Stacks?.[0];
            return stack ? toSnapshot(name, stack) : missing(name);
        }
        catch (err) {
            if (isMissingStack(err))
                return missing(name);
            throw err;
        }
    }
    /** A stack's events, newest first, across at most `maxPages` pages; none for a stack that does not exist. */
    async *newestEvents(stack, maxPages) {
        let pages = 0;
        try {
            for await (const page of (0,_aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeStackEvents */ .A_l)({ client: this.client }, { StackName: stack })) {
                for (const e of page.StackEvents ?? [])
                    yield toEvent(e);
                if (++pages >= maxPages)
                    return;
            }
        }
        catch (err) {
            if (!isMissingStack(err))
                throw err;
        }
    }
    async eventsSince(stack, afterEventId) {
        const fresh = [];
        for await (const e of this.newestEvents(stack, afterEventId ? INCREMENTAL_PAGES : 1)) {
            if (e.id === afterEventId)
                break;
            fresh.push(e);
        }
        return fresh.reverse();
    }
    /**
     * The events of the newest event's OperationId where it has one (an automatic rollback's reach
     * back into the update it rolls back), else back to the stack-level start (domain/operations.ts).
     */
    async currentOperation(stack) {
        const back = new _domain_operations_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationReadBack */ .R();
        for await (const event of this.newestEvents(stack, OPERATION_SEARCH_PAGES))
            if (back.add(event))
                break;
        return back.operation();
    }
    async eventsAfter(stack, sinceMs) {
        const seen = [];
        for await (const event of this.newestEvents(stack, OPERATION_SEARCH_PAGES)) {
            if (event.timestamp.getTime() < sinceMs)
                break;
            seen.push(event);
        }
        return seen.reverse();
    }
    async pastEvents(stack) {
        const seen = [];
        for await (const event of this.newestEvents(stack, PAST_OPERATION_PAGES))
            seen.push(event);
        return seen.reverse();
    }
    async failedEvents(stack, fromMs, untilMs) {
        const within = (e) => e.timestamp.getTime() >= fromMs && e.timestamp.getTime() <= untilMs;
        let why = this.describeEventsRefused;
        if (!why) {
            try {
                const events = [];
                let pages = 0;
                for await (const page of (0,_aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeEvents */ .euM)({ client: this.client }, { StackName: stack, Filters: { FailedEvents: true } })) {
                    // Their order is not documented (they are grouped by operation): every page to the cap,
                    // each event kept only if it is in the window and the asked stack's own, never a nested
                    // stack's taken for its parent's.
                    for (const e of page.OperationEvents ?? []) {
                        if (!isOfStack(e.StackId, stack))
                            continue;
                        const event = fromOperationEvent(e, stack);
                        if (within(event))
                            events.push(event);
                    }
                    if (++pages >= OPERATION_SEARCH_PAGES)
                        break;
                }
                // None in the window: read from the events after all. DescribeEvents by stack name may
                // answer for the stack's latest operation only (the rollback after the failure sought).
                if (events.length > 0)
                    return {
                        events: events.reverse().sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
                    };
                why = 'DescribeEvents found no failure in the window';
            }
            catch (err) {
                const e = err;
                why = `${e.name}: ${e.message}`;
                // Only a refusal is remembered: any other error falls back for this call alone.
                if (isRefusal(err))
                    this.describeEventsRefused = why;
            }
        }
        const events = await this.eventsAfter(stack, fromMs);
        return {
            events: events.filter((e) => within(e) && e.status.endsWith('_FAILED')),
            refused: why
        };
    }
    async rollbackStack(stack) {
        await this.client.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .RollbackStackCommand */ .WIs({ StackName: stack }));
    }
    async continueUpdateRollback(stack, resourcesToSkip = []) {
        await this.client.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .ContinueUpdateRollbackCommand */ .cAj({
            StackName: stack,
            ...(resourcesToSkip.length > 0 ? { ResourcesToSkip: [...resourcesToSkip] } : {})
        }));
    }
    async deleteStack(stack) {
        await this.client.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .DeleteStackCommand */ .fAr({ StackName: stack }));
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
/** An endpoint that does not know the action, or a role that may not call it. */
function isRefusal(err) {
    const e = err;
    return (/^(InvalidAction|UnknownOperationException|AccessDenied|AccessDeniedException)$/.test(e?.name ?? '') || e?.$metadata?.httpStatusCode === 403);
}
const missing = (name) => ({
    name,
    exists: false,
    status: _domain_stack_status_js__WEBPACK_IMPORTED_MODULE_1__/* .DOES_NOT_EXIST */ .kq,
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
        ...(s.RootId ? { rootId: s.RootId } : {}),
        createdAt: s.CreationTime,
        lastUpdatedAt: s.LastUpdatedTime,
        tags: pairs(s.Tags, (t) => t.Key, (t) => t.Value),
        outputs: pairs(s.Outputs, (o) => o.OutputKey, (o) => o.OutputValue)
    };
}
function toEvent(e, stackName = e.StackName ?? '') {
    return {
        id: e.EventId ?? '',
        stackName,
        timestamp: e.Timestamp ?? new Date(0),
        logicalId: e.LogicalResourceId ?? '',
        physicalId: e.PhysicalResourceId,
        resourceType: e.ResourceType ?? '',
        status: e.ResourceStatus ?? '',
        reason: e.ResourceStatusReason,
        clientRequestToken: e.ClientRequestToken,
        ...(e.OperationId ? { operationId: e.OperationId } : {})
    };
}
/** DescribeEvents' event as a stack event: its stack named as DescribeStackEvents names it. */
const fromOperationEvent = (e, asked) => toEvent(e, stackNameOf(e.StackId ?? asked));
/** Whether an event's StackId is the asked stack's (named, or by its ARN); no StackId: taken as its. */
function isOfStack(stackId, asked) {
    if (!stackId)
        return true;
    return asked.startsWith('arn:') ? stackId === asked : stackNameOf(stackId) === asked;
}
/** `arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/ID` -> NAME; a name stays itself. */
function stackNameOf(idOrName) {
    return /^arn:[^:]+:cloudformation:[^:]*:[^:]*:stack\/([^/]+)\//.exec(idOrName)?.[1] ?? idOrName;
}


/***/ })

};
