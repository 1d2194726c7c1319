// Stateless messages the server sends on /sync besides the Yjs protocol. `stored` carries the state
// vector of what SQLite holds and its deletions (`ds`: a Yjs snapshot with an empty vector); a
// device counts as unsent every record whose current value or deletion they do not cover.
import { z } from 'zod';

export const serverMessageSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('stored'),
		sv: z.string(),
		ds: z.string().optional(),
		pendingWrites: z.number().int().nonnegative()
	}),
	z.object({ type: z.literal('access'), access: z.enum(['read', 'write']) }),
	z.object({ type: z.literal('refused'), reason: z.enum(['read-only', 'invalid', 'too-large']), doc: z.string() })
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

export const toBase64 = (bytes: Uint8Array): string => {
	let s = '';
	for (const b of bytes) s += String.fromCharCode(b);
	return btoa(s);
};

export const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function encodeStored(stateVector: Uint8Array, pendingWrites: number, deleteSet?: Uint8Array): ServerMessage {
	return {
		type: 'stored',
		sv: toBase64(stateVector),
		...(deleteSet ? { ds: toBase64(deleteSet) } : {}),
		pendingWrites
	};
}

export function parseServerMessage(payload: string): ServerMessage | null {
	try {
		const result = serverMessageSchema.safeParse(JSON.parse(payload));
		return result.success ? result.data : null;
	} catch {
		return null;
	}
}
