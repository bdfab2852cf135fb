/**
 * The process environment, read here and nowhere else in the product: the runner's variables
 * (RUNNER_TEMP, GITHUB_*), the AWS SDK's, the CLI's shell. Every function that needs a variable
 * takes the environment as a parameter whose default is this, so a test passes its own.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export const processEnv: Env = process.env;

/** A variable of this process's environment (empty counts as unset). */
export const envValue = (name: string, env: Env = processEnv): string | undefined =>
  env[name] || undefined;
