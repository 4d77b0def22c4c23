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
