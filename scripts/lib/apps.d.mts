export interface AppEntry {
  name: string;
  entry: string;
  portVar: string;
  port: number;
  public?: boolean;
  /** Flags passed to node wherever the app is launched. */
  nodeFlags?: string[];
}
export const apps: AppEntry[];
/** glibc malloc settings every launcher gives the apps. */
export const nativeMemoryEnv: Readonly<Record<string, string>>;
/** `env` with `nativeMemoryEnv` filled in where it does not say otherwise (the same object). */
export function withNativeMemoryDefaults<T extends Record<string, string | undefined>>(env: T): T;
