export const id = 822;
export const ids = [822];
export const modules = {

/***/ 3822:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cloudWatchLogs: () => (/* binding */ cloudWatchLogs),
/* harmony export */   describeLogsError: () => (/* binding */ describeLogsError)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(303);

/**
 * CloudWatch Logs through the SDK (its endpoint from AWS_ENDPOINT_URL_CLOUDWATCH_LOGS where set,
 * as for every AWS client): short timeouts and one retry, since a deployment never waits on its log.
 */
function cloudWatchLogs(region) {
    const client = new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_0__/* .CloudWatchLogsClient */ .TFr({
        region,
        maxAttempts: 2,
        retryMode: 'standard',
        requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 }
    });
    return {
        async createStream(group, stream) {
            try {
                await client.send(new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_0__/* .CreateLogStreamCommand */ .EQC({ logGroupName: group, logStreamName: stream }));
            }
            catch (err) {
                // Another stage of this deployment made it first.
                if (!(err instanceof _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_0__/* .ResourceAlreadyExistsException */ .UdL))
                    throw err;
            }
        },
        async put(group, stream, events) {
            const out = await client.send(new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_0__/* .PutLogEventsCommand */ .Aw4({
                logGroupName: group,
                logStreamName: stream,
                logEvents: events.map((e) => ({ timestamp: e.timestamp, message: e.message }))
            }));
            const r = out.rejectedLogEventsInfo;
            if (!r)
                return 0;
            const tooOld = r.tooOldLogEventEndIndex ?? -1;
            const expired = r.expiredLogEventEndIndex ?? -1;
            const tooNew = r.tooNewLogEventStartIndex;
            return Math.max(tooOld, expired) + 1 + (tooNew === undefined ? 0 : events.length - tooNew);
        },
        close: () => client.destroy()
    };
}
/** What went wrong with a Logs call, in a person's words (the error's name and status; no request). */
function describeLogsError(err) {
    const e = err;
    const status = e?.$metadata?.httpStatusCode;
    const name = e?.name && e.name !== 'Error' ? e.name : (e?.code ?? 'request failed');
    return status ? `${name}, HTTP ${status}` : name;
}


/***/ })

};
