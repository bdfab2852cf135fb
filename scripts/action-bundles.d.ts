/** Where the tests' copy of the action lives. */
export declare const ACTION_ROOT: string;
/** Builds the tests' copy of the action unless it was built from these very sources; true when it built. */
export declare function buildActionBundles(): Promise<boolean>;
