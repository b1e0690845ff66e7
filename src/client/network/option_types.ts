/**
 * The network types a client's options and results refer to (`SessionClientOptions.network`,
 * `networkOptions`, onion paths, stored messages…), in one list: every entry point that exposes
 * a client re-exports this module so their documentation resolves these names.
 *
 * @module
 */
export type {
  AccountKeys,
  BatchItem,
  EncType,
  ExpireMode,
  Network,
  NetworkOptions,
  OnionPath,
  Random,
  RetrieveOptions,
  RetrieveResult,
  SeedNode,
  SendOptions,
  ServerRequest,
  ServerRequestOptions,
  ServerTarget,
  ServiceNode,
  Signer,
  SnodeAgent,
  SnodeFetcher,
  SnodeFetchOptions,
  SnodeResponse,
  StorageAuth,
  StorageRequest,
  StoredMessage,
  StoreOptions,
  StoreResult,
  SwarmResult,
  SwarmResults,
  V4Response,
} from "./mod.ts";
