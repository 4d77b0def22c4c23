export function serveNextApp(app: { name: string; dir: string; prefix: string; defaultPort: number }): Promise<void>;
