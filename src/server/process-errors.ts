// Errors nobody handled: logged in full (with the stack) and counted, and the count is reported by
// /api/health so that monitoring sees them. The process stays up: on an exam day one bug in one
// request must not disconnect every tablet, and durability never depends on in-memory state (every
// acknowledged update is already in the store).
export interface UnhandledReport {
	count: number;
	/** The last one, for the health endpoint: when (ISO, server clock) and what. */
	last: { at: string; message: string } | null;
}

const report: UnhandledReport = { count: 0, last: null };

export function recordUnhandled(kind: 'rejection' | 'exception', error: unknown, log = console.error): void {
	report.count++;
	const message = error instanceof Error ? error.message : String(error);
	report.last = { at: new Date().toISOString(), message };
	log(`[kaowu] unhandled ${kind} #${report.count} (a bug; the server carries on):`, error);
}

export function unhandledErrors(): UnhandledReport {
	return { count: report.count, last: report.last && { ...report.last } };
}
