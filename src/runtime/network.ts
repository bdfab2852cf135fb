/**
 * A network failure in a person's words: the fetch client's timeout (a TimeoutError or an abort),
 * or the socket's error code (under `cause` for fetch).
 */
export function networkReason(
  err: { name?: string; code?: unknown; cause?: { code?: unknown } } | undefined
): string | undefined {
  if (!err) return undefined;
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out';
  const code = typeof err.code === 'string' ? err.code : err.cause?.code;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return 'timed out';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  return typeof code === 'string' && /^[A-Z_]+$/.test(code)
    ? `request failed (${code})`
    : undefined;
}
