/**
 * Changes to HubSpot records as they happen (creation, deletion, property change, association change),
 * for what reacts to them: the webhook deliveries of an installed app. Kept beside the state so
 * that `mutate` and the write endpoints, which both go through hubspot-records.ts, report alike.
 */
import type { HubSpotObjectType, Props } from './model.ts';
import type { SandboxState } from './state.ts';

export type HubSpotChange =
  | { kind: 'creation'; type: HubSpotObjectType; id: number; at: number }
  | { kind: 'deletion'; type: HubSpotObjectType; id: number; at: number }
  | { kind: 'propertyChange'; type: HubSpotObjectType; id: number; at: number; properties: Props }
  | {
      kind: 'associationChange';
      type: HubSpotObjectType;
      id: number;
      at: number;
      to: HubSpotObjectType;
      toId: number;
    };

type Listener = (change: HubSpotChange) => void;
const listeners = new WeakMap<SandboxState, Set<Listener>>();

/** Calls `listener` on every change; returns the function that stops it. */
export function onHubSpotChange(state: SandboxState, listener: Listener): () => void {
  const set = listeners.get(state) ?? new Set<Listener>();
  listeners.set(state, set);
  set.add(listener);
  return () => set.delete(listener);
}

export function emitHubSpotChange(state: SandboxState, change: HubSpotChange): void {
  for (const listener of listeners.get(state) ?? []) listener(change);
}
