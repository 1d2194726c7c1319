// One way to show a failure (Immich's handleError): a caller that has no place of its own for an
// error hands it here, and the layout's NoticeList shows it with what failed and what to do.
import type { ApiFailure } from '../api/client';
import { t } from '../i18n/i18n.svelte';
import { looksLikeMessage, messageText } from '../domain/message-text';

export type NoticeTone = 'bad' | 'warn' | 'ok';

export interface ShownNotice {
	id: number;
	tone: NoticeTone;
	/** What was being done, e.g. "保存处理意见". */
	action: string;
	message: string;
}

function isApiFailure(error: unknown): error is ApiFailure {
	return !!error && typeof error === 'object' && (error as ApiFailure).ok === false && 'code' in error;
}

/** The server's message in the interface language; nothing when its parameters cannot be worded. */
function wordedOrNothing(message: Parameters<typeof messageText>[0]): string {
	try {
		return messageText(message, t);
	} catch {
		return '';
	}
}

/** What a person reads for a failure: the server's reason, "offline", or the error's message. */
export function describeError(error: unknown): string {
	if (isApiFailure(error)) {
		if (error.code === 'offline') return t('errors.network');
		// A refusal the server sends as a message too (key + parameters) reads in the interface language.
		const message = (looksLikeMessage(error.details.msg) && wordedOrNothing(error.details.msg)) || error.message;
		return error.retryAfterSeconds ? t('errors.retryAfter', { message, seconds: error.retryAfterSeconds }) : message;
	}
	if (error instanceof Error) return error.message;
	return String(error);
}

class Notices {
	items = $state<ShownNotice[]>([]);
	#next = 1;

	show(tone: NoticeTone, action: string, message: string): number {
		const id = this.#next++;
		this.items = [
			...this.items.filter((n) => n.action !== action || n.message !== message),
			{ id, tone, action, message }
		];
		return id;
	}

	dismiss(id: number): void {
		this.items = this.items.filter((n) => n.id !== id);
	}
}

export const notices = new Notices();

/**
 * Shows a failure nobody else placed: what was being done and why it failed. Also logged, so an
 * unexpected error is never silent. Returns the text shown, for callers that also keep it inline.
 */
export function handleError(error: unknown, action: string): string {
	const message = describeError(error);
	if (!isApiFailure(error)) console.error(`[kaowu] ${action}:`, error);
	notices.show('bad', action, message);
	return message;
}
