// Limits on the public score look-up (成绩查询), kept in a LimiterState so instances share them:
// - per source address: 10 look-ups a minute;
// - per (name, ID number): 10 misses a day. Someone who knows a candidate's name and ID number can
//   no longer walk the sequential admission numbers from many addresses; the candidate himself,
//   who finds his result, is never counted;
// - overall: KAOWU_LOOKUP_PER_MINUTE (default 600) look-ups a minute from everyone together.
// A refusal says when to try again.
import { limiterState, type LimiterState } from './limiter-state';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600_000;
export const LOOKUP_PER_ADDRESS = 10;
export const LOOKUP_MISSES_PER_PERSON = 10;

export type LookupRefusal = {
	code: 'lookup-busy' | 'lookup-too-frequent' | 'lookup-too-many-misses';
	retryAfterSeconds: number;
};

const normalise = (v: string) => v.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

export class LookupLimits {
	constructor(
		private readonly overallPerMinute = Number(process.env.KAOWU_LOOKUP_PER_MINUTE ?? 600),
		private readonly explicitState?: LimiterState
	) {}

	private get state(): LimiterState {
		return this.explicitState ?? limiterState();
	}

	private personKey(name: string, idNumber: string): string {
		return `lookup:person:${normalise(name)}|${normalise(idNumber)}`;
	}

	/** Counts this look-up; a refusal when it must not be answered now. */
	async admit(ip: string, name: string, idNumber: string): Promise<LookupRefusal | null> {
		const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
		const person = await this.state.peek(this.personKey(name, idNumber));
		if (person && person.count >= LOOKUP_MISSES_PER_PERSON)
			return { code: 'lookup-too-many-misses', retryAfterSeconds: seconds(person.resetInMs) };
		const address = await this.state.increment(`lookup:ip:${ip}`, MINUTE_MS);
		if (address.count > LOOKUP_PER_ADDRESS)
			return { code: 'lookup-too-frequent', retryAfterSeconds: seconds(address.resetInMs) };
		const overall = await this.state.increment('lookup:overall', MINUTE_MS);
		if (overall.count > this.overallPerMinute)
			return { code: 'lookup-busy', retryAfterSeconds: seconds(overall.resetInMs) };
		return null;
	}

	/** A look-up that found nothing for this name and ID number. */
	async missed(name: string, idNumber: string): Promise<void> {
		await this.state.increment(this.personKey(name, idNumber), DAY_MS);
	}
}
