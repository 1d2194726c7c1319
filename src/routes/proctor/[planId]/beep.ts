// Sounds for the scanner loop, so the proctor hears the result without looking: one high tone for
// a check-in, two low tones for a refusal. Web Audio, no files; silent where audio is unavailable.
let context: AudioContext | null = null;

function tone(at: number, frequency: number, seconds: number) {
	if (!context) return;
	const osc = context.createOscillator();
	const gain = context.createGain();
	osc.frequency.value = frequency;
	osc.type = 'square';
	gain.gain.setValueAtTime(0.08, at);
	gain.gain.exponentialRampToValueAtTime(0.001, at + seconds);
	osc.connect(gain).connect(context.destination);
	osc.start(at);
	osc.stop(at + seconds);
}

export function beep(kind: 'ok' | 'refused' | 'attention'): void {
	try {
		context ??= new AudioContext();
		if (context.state === 'suspended') void context.resume();
		const now = context.currentTime;
		if (kind === 'ok') tone(now, 1320, 0.12);
		else if (kind === 'attention') tone(now, 880, 0.25);
		else {
			tone(now, 330, 0.18);
			tone(now + 0.24, 330, 0.18);
		}
	} catch {
		// No audio here (policy, no device): the large message on screen still says it.
	}
}
