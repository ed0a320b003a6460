import { asko2018 } from './asko-2018.ts';
import type { ProtocolDefinition } from './types.ts';

export type { ProtocolDefinition, Article, RuleArticles, Text } from './types.ts';

const registry = new Map<string, ProtocolDefinition>([[asko2018.id, asko2018]]);

export const DEFAULT_PROTOCOL = asko2018.id;

export function getProtocol(id: string): ProtocolDefinition | undefined {
  return registry.get(id);
}

export function protocolIds(): string[] {
  return [...registry.keys()];
}
