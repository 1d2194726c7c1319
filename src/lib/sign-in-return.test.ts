import { describe, expect, it } from 'vitest';
import { returnPath, signInPath } from './sign-in-return';

describe('sign-in returns to the page asked for', () => {
	it('remembers the room and comes back to it', () => {
		const path = signInPath({ pathname: '/proctor/demo-20270116', search: '?session=s-theory-r101' });
		expect(path).toBe('/sign-in?next=%2Fproctor%2Fdemo-20270116%3Fsession%3Ds-theory-r101');
		expect(returnPath(new URL(path, 'http://x').searchParams)).toBe('/proctor/demo-20270116?session=s-theory-r101');
	});
	it('never leaves the app, and goes home when nothing was asked for', () => {
		for (const next of [
			'https://evil.example/',
			'//evil.example',
			'/\\evil.example',
			'javascript:alert(1)',
			'/sign-in'
		])
			expect(returnPath(new URLSearchParams({ next }))).toBe('/home');
		expect(returnPath(new URLSearchParams())).toBe('/home');
		expect(signInPath({ pathname: '/', search: '' })).toBe('/sign-in');
	});
});
