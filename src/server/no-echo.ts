// Hocuspocus 3.4 sends every document update to every connection of the document, the sender
// included (Document.handleUpdate): each tablet got its own update back, about half of the bytes
// on the wire. The origin of an update received on /sync is the Connection it came on, so the
// update is sent to the others only. Installed once, before any document exists (each Document
// binds handleUpdate in its constructor).
import { Document, OutgoingMessage, type Connection } from '@hocuspocus/server';

type UpdateHandler = (this: Document, update: Uint8Array, origin: unknown) => Document;

let isInstalled = false;

export function installNoEcho(): void {
	if (isInstalled) return;
	isInstalled = true;
	const handleUpdate: UpdateHandler = function (update, origin) {
		this.callbacks.onUpdate(this, origin as Connection, update);
		const others = this.getConnections().filter((connection) => connection !== origin);
		if (!others.length) return this;
		const message = new OutgoingMessage(this.name).createSyncMessage().writeUpdate(update).toUint8Array();
		for (const connection of others) connection.send(message);
		return this;
	};
	(Document.prototype as unknown as { handleUpdate: UpdateHandler }).handleUpdate = handleUpdate;
}
