// Passwords (scrypt from node:crypto) and signed, expiring session tokens (jose, HS256).
// The token carries who the user is; what he may open is decided per document in access.ts.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { SignJWT, jwtVerify, errors } from 'jose';
import type { Role } from './store';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, keylen: number, opts: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scrypt(password, salt, KEY_LENGTH, SCRYPT);
	return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
	if (scheme !== 'scrypt') return false;
	const expected = Buffer.from(keyB64, 'base64');
	const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
		N: Number(n),
		r: Number(r),
		p: Number(p)
	});
	return timingSafeEqual(key, expected);
}

export interface TokenClaims {
	sub: string;
	role: Role;
	org: string;
	name: string;
	/** The session (one device's sign-in) this token belongs to: see sessions.ts. */
	sid: string;
	/** The user's token version when the token was issued; a bump revokes the token. */
	ver: number;
}

export class TokenSigner {
	private readonly key: Uint8Array;

	constructor(
		secret: string,
		readonly lifetimeSeconds: number
	) {
		this.key = new TextEncoder().encode(secret);
	}

	async sign(claims: TokenClaims, now = Date.now()): Promise<{ token: string; expiresAt: string }> {
		const iat = Math.floor(now / 1000);
		const exp = iat + this.lifetimeSeconds;
		const token = await new SignJWT({
			role: claims.role,
			org: claims.org,
			name: claims.name,
			sid: claims.sid,
			ver: claims.ver
		})
			.setProtectedHeader({ alg: 'HS256' })
			.setSubject(claims.sub)
			.setIssuedAt(iat)
			.setExpirationTime(exp)
			.setIssuer('kaowu')
			.sign(this.key);
		return { token, expiresAt: new Date(exp * 1000).toISOString() };
	}

	/**
	 * Returns the claims, or a reason the token is not accepted. `clockToleranceSeconds` accepts a
	 * token expired that long ago: only for USB bundles, whose author may have been offline for days.
	 */
	async verify(
		token: string,
		clockToleranceSeconds = 0
	): Promise<{ ok: true; claims: TokenClaims } | { ok: false; error: 'expired' | 'invalid' }> {
		try {
			const { payload } = await jwtVerify(token, this.key, {
				issuer: 'kaowu',
				algorithms: ['HS256'],
				clockTolerance: clockToleranceSeconds
			});
			return {
				ok: true,
				claims: {
					sub: String(payload.sub),
					role: payload.role as Role,
					org: String(payload.org),
					name: String(payload.name),
					sid: typeof payload.sid === 'string' ? payload.sid : '',
					ver: typeof payload.ver === 'number' ? payload.ver : -1
				}
			};
		} catch (e) {
			return { ok: false, error: e instanceof errors.JWTExpired ? 'expired' : 'invalid' };
		}
	}
}
