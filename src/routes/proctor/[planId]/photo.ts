// Incident photos: resized on the tablet to a small JPEG data URL, so the photo travels inside the
// entry (kept under MAX_PHOTO_CHARS) and needs no separate upload when the network returns.
import { MAX_PHOTO_CHARS } from '$lib/domain/day-entries';

const MAX_SIDE = 800;

export async function resizePhoto(
	file: File
): Promise<{ ok: true; dataUrl: string } | { ok: false; reason: 'too-large' | 'unreadable' }> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch {
		return { ok: false, reason: 'unreadable' };
	}
	let side = MAX_SIDE;
	for (let attempt = 0; attempt < 5; attempt++) {
		const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
		const canvas = document.createElement('canvas');
		canvas.width = Math.max(1, Math.round(bitmap.width * scale));
		canvas.height = Math.max(1, Math.round(bitmap.height * scale));
		canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
		const dataUrl = canvas.toDataURL('image/jpeg', attempt < 2 ? 0.7 : 0.5);
		if (dataUrl.length <= MAX_PHOTO_CHARS) {
			bitmap.close();
			return { ok: true, dataUrl };
		}
		side = Math.round(side * 0.75);
	}
	bitmap.close();
	return { ok: false, reason: 'too-large' };
}
