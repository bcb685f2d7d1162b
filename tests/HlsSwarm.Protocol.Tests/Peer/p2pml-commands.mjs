// Differential harness for the peer wire protocol: drives the REAL p2p-media-loader-core 2.3.1 code from
// web/node_modules (lib/p2p/peer-protocol.js and lib/p2p/commands/*), nothing re-implemented here.
// Run by P2pmlCommandDifferentialTests through tests/HlsSwarm.Testing/NodeScript.cs (env HLSSWARM_NODE_MODULES).
//
// stdin: one JSON request per line; stdout: one JSON answer per line, in the same order.
//   {"op":"encode","m":M,"cmd":{"c":0,"l":[..],"p":[..]}}  → {"chunks":["hex",..]}  PeerProtocol.sendCommand with
//        webRtcMaxMessageSize M (serializePeerCommand → BinaryCommandCreator). Numbers given as decimal strings are
//        passed to the JS as BigInt (to drive the encoder past 2^53, the overflow domain). A throw → {"error":msg}.
//   {"op":"receive","messages":["hex",..]}  → {"events":[{"kind":"data"|"command"|"none","command":{..},"pending":b},..]}
//        one fresh PeerProtocol (one data channel) per request; every message goes through its "data" handler
//        (isCommandChunk → BinaryCommandChunksJoiner → deserializeCommand, errors swallowed as the JS does).
//        kind: what the JS handed on for that message; pending: the joiner holds buffered body bytes afterwards.
//   {"op":"body","hex":".."}  → {"command":{..}} or {"error":msg}: deserializeCommand on one joined body.
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";

const modules = process.env.HLSSWARM_NODE_MODULES;
if (!modules) {
  throw new Error("HLSSWARM_NODE_MODULES is not set");
}
const lib = path.join(modules, "p2p-media-loader-core", "lib", "p2p");
// Imported by file: the package's "exports" only exposes its index, whose other imports (trackers, WebRTC) we don't need.
const { PeerProtocol } = await import(pathToFileURL(path.join(lib, "peer-protocol.js")).href);
const { deserializeCommand } = await import(pathToFileURL(path.join(lib, "commands", "index.js")).href);

const eventTarget = { getEventDispatcher: () => () => {} };

// The minimal simple-peer surface PeerProtocol uses: on/off/write and idUtf8.
function fakeConnection() {
  const handlers = new Map();
  const written = [];
  return {
    idUtf8: "differential",
    on: (event, handler) => handlers.set(event, handler),
    off: (event) => handlers.delete(event),
    write: (buffer) => {
      written.push(Buffer.from(buffer).toString("hex"));
      return true;
    },
    receive: (bytes) => handlers.get("data")(bytes),
    written,
  };
}

const toJsValue = (v) => (typeof v === "string" ? BigInt(v) : v);

function encode(request) {
  const cmd = {};
  for (const [key, value] of Object.entries(request.cmd)) {
    cmd[key] = Array.isArray(value) ? value.map(toJsValue) : toJsValue(value);
  }
  const connection = fakeConnection();
  const protocol = new PeerProtocol(connection, { webRtcMaxMessageSize: request.m }, {}, eventTarget);
  try {
    protocol.sendCommand(cmd);
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
  return { chunks: connection.written };
}

function receive(request) {
  const connection = fakeConnection();
  let last;
  const handlers = {
    onSegmentChunkReceived: () => (last = { kind: "data" }),
    onCommandReceived: (command) => (last = { kind: "command", command }),
  };
  const protocol = new PeerProtocol(connection, { webRtcMaxMessageSize: 65535 }, handlers, eventTarget);
  const events = [];
  for (const hex of request.messages) {
    last = { kind: "none" };
    connection.receive(new Uint8Array(Buffer.from(hex, "hex")));
    // commandChunks is the joiner of the command being received; its chunks.length counts buffered body bytes.
    last.pending = (protocol.commandChunks?.chunks.length ?? 0) > 0;
    events.push(last);
  }
  return { events };
}

function body(request) {
  try {
    return { command: deserializeCommand(new Uint8Array(Buffer.from(request.hex, "hex"))) };
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
}

const ops = { encode, receive, body };
const out = [];
const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.length === 0) {
    continue;
  }
  const request = JSON.parse(line);
  out.push(JSON.stringify(ops[request.op](request)));
}
process.stdout.write(out.join("\n") + "\n");
