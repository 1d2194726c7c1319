// Names of the synced documents, one per writer: `config`, `plan:{planId}`, `day:{planId}:{userId}`
// and `review:{planId}`. Parsing is the single place that decides what a name means.

export type DocName =
	| { kind: 'config' }
	| { kind: 'plan'; planId: string }
	| { kind: 'day'; planId: string; userId: string }
	| { kind: 'review'; planId: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseDocName(name: string): DocName | null {
	if (name === 'config') return { kind: 'config' };
	const parts = name.split(':');
	if (parts.slice(1).some((p) => !ID.test(p))) return null;
	if (parts[0] === 'plan' && parts.length === 2) return { kind: 'plan', planId: parts[1] };
	if (parts[0] === 'review' && parts.length === 2) return { kind: 'review', planId: parts[1] };
	if (parts[0] === 'day' && parts.length === 3) return { kind: 'day', planId: parts[1], userId: parts[2] };
	return null;
}

export const configDoc = (): string => 'config';
export const planDoc = (planId: string): string => `plan:${planId}`;
export const reviewDoc = (planId: string): string => `review:${planId}`;
export const dayDoc = (planId: string, userId: string): string => `day:${planId}:${userId}`;
