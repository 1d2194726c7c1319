// The little of pngjs the plan print test uses (decoding a ticket's QR image); pngjs ships no types.
declare module 'pngjs' {
	export const PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } };
}
