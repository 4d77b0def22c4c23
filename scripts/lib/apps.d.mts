export interface AppEntry {
  name: string;
  entry: string;
  portVar: string;
  port: number;
  public?: boolean;
}
export const apps: AppEntry[];
