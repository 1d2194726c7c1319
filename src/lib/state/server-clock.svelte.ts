// The exam clock on this device: "today" and "now" as the server gives them (KAOWU_TODAY in demos and
// tests), asked at start and while online, kept across reloads and counted on by the device's own
// timer while offline. Every rule on the desk and the tablets reads it, never `new Date()` directly.
import { beijingText, clockSince, examClock, type ExamClock } from '../domain/exam-clock';
import { callServer } from '../api/client';

const STORAGE_KEY = 'kaowu:exam-clock';

interface Told {
	clock: ExamClock;
	/** Device time (ms) when the server told it. */
	atMs: number;
}

class ServerClock {
	private toldClock = $state.raw<Told | null>(null);
	/** Moves on every half minute so views reading `current` follow the time. */
	private tick = $state(0);
	private timer: ReturnType<typeof setInterval> | undefined;

	constructor() {
		if (typeof localStorage !== 'undefined') {
			try {
				const raw = localStorage.getItem(STORAGE_KEY);
				if (raw) this.toldClock = JSON.parse(raw) as Told;
			} catch {
				this.toldClock = null;
			}
		}
	}

	/** The clock now: the server's as last told, moved on by the device's timer since. */
	get current(): ExamClock {
		void this.tick;
		const told = this.toldClock;
		if (!told) return examClock(undefined);
		return clockSince(told.clock, told.atMs, Date.now());
	}

	/**
	 * A moment this device noted on its own timer (e.g. when the server last confirmed), read on the
	 * exam clock, so a person sees the same day and time the rules use. Unchanged when never told.
	 */
	examTimeOf(deviceMoment: string): string {
		const told = this.toldClock;
		const ms = Date.parse(deviceMoment);
		if (!told || Number.isNaN(ms)) return deviceMoment;
		return new Date(Date.parse(told.clock.now) + (ms - told.atMs)).toISOString();
	}

	/** How a person reads a moment this device noted: Beijing time on the exam clock, seconds included. */
	textOf(deviceMoment: string): string {
		return beijingText(this.examTimeOf(deviceMoment), true);
	}

	/** Whether the server has told this device its clock (else the device's own date is used). */
	get isFromServer(): boolean {
		return this.toldClock !== null;
	}

	told(clock: ExamClock): void {
		this.toldClock = { clock, atMs: Date.now() };
		if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, JSON.stringify(this.toldClock));
	}

	/** Asks the server for its clock (quietly keeps the last one when offline). */
	async refresh(): Promise<void> {
		// Offline or refused: the last clock told keeps running on the device's timer.
		const r = await callServer<ExamClock>('/api/clock');
		if (r.ok) this.told(r.data);
	}

	/** Starts asking now and every few minutes; the tick keeps derived views current. */
	start(): void {
		if (this.timer) return;
		void this.refresh();
		this.timer = setInterval(() => {
			this.tick++;
			if (this.tick % 10 === 0) void this.refresh();
		}, 30_000);
	}
}

export const serverClock = new ServerClock();
