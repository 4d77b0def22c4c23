import type { NextConfig } from 'next';

export function platformNextConfig(appDir: string, extraHeaders?: { key: string; value: string }[]): NextConfig;
