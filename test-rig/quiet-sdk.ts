/**
 * The AWS SDK prints a notice on Node versions it will stop supporting (Node 20 here). The action
 * runs on node24, where it never shows; the demo and the tests run on the machine's own Node, where
 * it would be the first thing a newcomer reads. The SDK's own switch turns it off, for this process
 * and the processes it starts (the harness passes its environment on to the stages).
 */
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
export {};
