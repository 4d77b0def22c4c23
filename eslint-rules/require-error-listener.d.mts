import type { ESLint, Rule } from 'eslint';

export declare const requireErrorListener: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
