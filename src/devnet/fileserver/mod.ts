/**
 * The devnet file server: upload, download, info and extend as session-file-server, plus its
 * onion v4 endpoint.
 *
 * @module
 */
export { createFileServer, type FileServerInfo, type FileServerOptions } from "./server.ts";
export { createFileRoutes, type FileServerConfig } from "./routes.ts";
export { createFileStore, type FileMeta, type FileStore } from "./store.ts";
export { fileId, isContentId } from "./ids.ts";
export { createLsrpc, LSRPC_PATHS } from "./lsrpc.ts";
