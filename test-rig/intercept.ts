/**
 * A port (or any object of async methods) whose every method call goes through `around`, which
 * may record it, delay it, fail it or freeze it, and calls `call()` to reach the real method.
 */
export function intercept<T extends object>(
  port: T,
  around: (method: string, args: unknown[], call: () => Promise<unknown>) => Promise<unknown>
): T {
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]): Promise<unknown> =>
        around(String(prop), args, () => method.apply(target, args));
    }
  });
}
