/** The collab module's public face: the room server, the stored-state loader and the extension contract. */
export { createCollab, type Collab, type CollabOptions } from "./CollabServer.js";
export { compactDocument, loadDocumentState } from "./documentStore.js";
export type { CollabExtension, RoomContext, UpdateOrigin } from "./extension.js";
export { isUpdateOrigin, PERMISSION_DENIED } from "./Room.js";
export { Close } from "./limits.js";
