/**
 * Wiring one client: the KV store and identity (given, or from the keyring), the network
 * (given, or created from a seed URL), and the parts that run on them.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { Identity } from "../../crypto/identity.ts";
import { createFileServerClient, type FileServerClient } from "../files/mod.ts";
import { openKv } from "../kv.ts";
import { createNetwork, type Network } from "../network/mod.ts";
import { type Committer, createCommitter } from "./committer.ts";
import { type Composer, createComposer } from "./compose.ts";
import { type Contacts, createContacts } from "./contacts.ts";
import { createEmitter, type Emitter } from "./emitter.ts";
import { loadProfile, type OwnProfile } from "./features/profile.ts";
import { createInbox, type Inbox } from "./inbox.ts";
import { type ClientConfig, clientConfig, type SessionClientOptions } from "./options.ts";
import { createOutboxStore, type OutboxStore } from "./outbox_store.ts";
import { type Counters, createCounters } from "./stats.ts";
import { createRefs, type Refs } from "./refs.ts";
import { createRouter, type Router } from "./route.ts";

/** Everything a client runs on. */
export interface Runtime {
  readonly kv: Deno.Kv;
  readonly identity: Identity;
  readonly sid: string;
  readonly network: Network;
  readonly config: ClientConfig;
  readonly emitter: Emitter;
  /** Monitoring counters, see `SessionClient.stats`. */
  readonly counters: Counters;
  readonly contacts: Contacts;
  readonly inbox: Inbox;
  readonly committer: Committer;
  readonly router: Router;
  readonly refs: Refs;
  readonly outboxStore: OutboxStore;
  readonly compose: Composer;
  /** The file server client, created on first use. */
  files(): FileServerClient;
  /** Our profile as sent with messages. */
  profile: OwnProfile | undefined;
  /** Closes what this client opened itself (network, KV). */
  release(): Promise<void>;
}

/** Opens the runtime of a client. */
export async function openRuntime(options: SessionClientOptions): Promise<Runtime> {
  const config = clientConfig(options);
  const ownsKv = typeof options.kv === "string";
  const kv = typeof options.kv === "string" ? await openKv(options.kv) : options.kv;
  let network: Network | undefined;
  try {
    const identity = await identityOf(kv, options);
    const sid = identity.sessionId;
    network = typeof options.network === "object"
      ? options.network
      : createNetwork({ ...options.networkOptions, network: options.network });
    const ownsNetwork = typeof options.network !== "object";
    const net = network;
    let files: FileServerClient | undefined;
    const contacts = createContacts(kv, sid);
    const refs = createRefs(kv, sid);
    const runtime: Runtime = {
      kv,
      identity,
      sid,
      network: net,
      config,
      emitter: createEmitter(),
      counters: createCounters(),
      contacts,
      inbox: createInbox(kv, sid),
      committer: createCommitter(kv),
      router: createRouter(kv, sid, contacts, refs),
      refs,
      outboxStore: createOutboxStore(kv, sid),
      compose: createComposer(identity, () => net.now()),
      files: () => files ??= createFileServerClient(net, options.fileServer),
      profile: await loadProfile(kv, sid),
      async release() {
        if (ownsNetwork) await net.close();
        if (ownsKv) kv.close();
      },
    };
    if (options.displayName !== undefined && options.displayName !== runtime.profile?.displayName) {
      const { saveProfile } = await import("./features/profile_save.ts");
      runtime.profile = await saveProfile(kv, sid, runtime.files, {
        displayName: options.displayName,
      });
    }
    return runtime;
  } catch (error) {
    if (network && typeof options.network !== "object") await network.close();
    if (ownsKv) kv.close();
    throw error;
  }
}

async function identityOf(kv: Deno.Kv, options: SessionClientOptions): Promise<Identity> {
  if (options.identity && options.identityName) {
    throw new ValidationError(
      "give either identity or identityName, not both",
      "bad_option",
      "identity",
    );
  }
  if (options.identity) return options.identity;
  if (!options.identityName) {
    throw new ValidationError(
      "SessionClient.open needs an identity: pass `identity` or the keyring name in `identityName`",
      "bad_option",
      "identity",
    );
  }
  // Loaded only for a keyring identity: a client given an `Identity` skips the KDF code.
  const { createKeyring } = await import("../keyring/mod.ts");
  return await createKeyring(kv).load(options.identityName, { passphrase: options.passphrase });
}
