/**
 * faultline's own peer network: one in-process TCP proxy in front of each member's peer port, with
 * a state per directed link (open, cut, held, delayed). etcd's peer URLs are the same for every
 * member, so a proxy cannot tell its caller by address; it reads the caller from the first request
 * on each connection — rafthttp sets `X-Server-From` (the sender's member id) on every stream,
 * pipeline and snapshot request. Bytes a connection carries from its caller to the member travel
 * the link caller→member; bytes back travel member→caller (an etcd stream returns raft messages
 * in its response). Connections that name no member (version checks, probes) pass only while
 * no link is cut.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";

export type LinkMode =
  | { readonly kind: "open" }
  | { readonly kind: "cut" }
  | { readonly kind: "hold" }
  | {
      readonly kind: "delay";
      readonly millis: number;
    };

const OPEN: LinkMode = { kind: "open" };
const HEADER_LIMIT = 16 * 1024;

interface Direction {
  readonly from: number | undefined;
  readonly to: number;
  readonly out: Socket;
  readonly queue: { readonly chunk: Buffer; readonly readyAt: number }[];
  timer: NodeJS.Timeout | undefined;
}

interface Connection {
  readonly caller: number | undefined;
  readonly member: number;
  readonly sockets: readonly Socket[];
  readonly directions: readonly Direction[];
}

export class PeerNetwork {
  private readonly modes = new Map<string, LinkMode>();
  private readonly connections = new Set<Connection>();
  private readonly servers: Server[] = [];
  private ids = new Map<string, number>();

  /** Listens on `listenPorts[j]` and forwards to member j's real peer port `targetPorts[j]`. */
  async start(listenPorts: readonly number[], targetPorts: readonly number[]): Promise<void> {
    for (const [member, port] of listenPorts.entries()) {
      const server = createServer((socket) => this.accept(socket, member, targetPorts[member]!));
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
      });
      this.servers.push(server);
    }
  }

  /** Member ids (hex, as rafthttp writes them) → member index, once the cluster has told them. */
  learnIds(ids: ReadonlyMap<string, number>): void {
    this.ids = new Map(ids);
  }

  mode(from: number, to: number): LinkMode {
    return this.modes.get(`${from}>${to}`) ?? OPEN;
  }

  setLink(from: number, to: number, mode: LinkMode): void {
    this.modes.set(`${from}>${to}`, mode);
    for (const connection of this.connections) {
      if (mode.kind === "cut" && this.touches(connection, from, to)) this.drop(connection);
      else for (const direction of connection.directions) this.pump(direction);
    }
  }

  /** Cuts every link between the two groups, both ways. */
  partition(a: readonly number[], b: readonly number[]): void {
    for (const i of a)
      for (const j of b) {
        this.setLink(i, j, { kind: "cut" });
        this.setLink(j, i, { kind: "cut" });
      }
    for (const connection of this.connections) if (connection.caller === undefined) this.drop(connection);
  }

  heal(): void {
    const links = [...this.modes.keys()];
    this.modes.clear();
    for (const link of links) {
      const [from, to] = link.split(">").map(Number) as [number, number];
      this.setLink(from, to, OPEN);
    }
  }

  close(): void {
    for (const connection of this.connections) this.drop(connection);
    for (const server of this.servers) server.close();
    this.servers.length = 0;
  }

  private anyCut(): boolean {
    return [...this.modes.values()].some((m) => m.kind === "cut");
  }

  private touches(connection: Connection, from: number, to: number): boolean {
    return (
      (connection.caller === from && connection.member === to) ||
      (connection.caller === to && connection.member === from)
    );
  }

  private accept(socket: Socket, member: number, targetPort: number): void {
    let head = Buffer.alloc(0);
    socket.on("error", () => socket.destroy());
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0 && head.length < HEADER_LIMIT) return;
      socket.off("data", onData);
      socket.pause();
      const sender = /\r\nX-Server-From: *([0-9a-f]+)/i.exec(
        head.subarray(0, end < 0 ? head.length : end).toString(),
      );
      const caller = sender ? this.ids.get(sender[1]!.toLowerCase()) : undefined;
      this.connect(socket, head, caller, member, targetPort);
    };
    socket.on("data", onData);
  }

  private connect(
    socket: Socket,
    head: Buffer,
    caller: number | undefined,
    member: number,
    port: number,
  ): void {
    const refused =
      caller === undefined
        ? this.anyCut()
        : this.mode(caller, member).kind === "cut" || this.mode(member, caller).kind === "cut";
    if (refused) {
      socket.destroy();
      return;
    }
    const upstream = createConnection({ host: "127.0.0.1", port });
    const connection: Connection = {
      caller,
      member,
      sockets: [socket, upstream],
      directions: [
        { from: caller, to: member, out: upstream, queue: [], timer: undefined },
        { from: member, to: caller ?? -1, out: socket, queue: [], timer: undefined },
      ],
    };
    this.connections.add(connection);
    const [toMember, toCaller] = connection.directions as [Direction, Direction];
    const drop = () => this.drop(connection);
    for (const s of connection.sockets) {
      s.on("error", drop);
      s.on("close", drop);
    }
    this.send(toMember, head);
    socket.on("data", (chunk: Buffer) => this.send(toMember, chunk));
    upstream.on("data", (chunk: Buffer) => this.send(toCaller, chunk));
    socket.resume();
  }

  private linkOf(direction: Direction): LinkMode {
    return direction.from === undefined || direction.to < 0 ? OPEN : this.mode(direction.from, direction.to);
  }

  private send(direction: Direction, chunk: Buffer): void {
    const mode = this.linkOf(direction);
    const delay = mode.kind === "delay" ? mode.millis : 0;
    direction.queue.push({ chunk, readyAt: Date.now() + delay });
    this.pump(direction);
  }

  private pump(direction: Direction): void {
    if (direction.timer) clearTimeout(direction.timer);
    direction.timer = undefined;
    if (this.linkOf(direction).kind === "hold") return;
    while (direction.queue.length > 0) {
      const wait = direction.queue[0]!.readyAt - Date.now();
      if (wait > 0) {
        direction.timer = setTimeout(() => this.pump(direction), wait);
        return;
      }
      direction.out.write(direction.queue.shift()!.chunk);
    }
  }

  private drop(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    for (const direction of connection.directions) if (direction.timer) clearTimeout(direction.timer);
    for (const socket of connection.sockets) socket.destroy();
  }

  /** Connections open now, by caller (undefined: unnamed) and member: for tests. */
  openConnections(): { readonly caller: number | undefined; readonly member: number }[] {
    return [...this.connections].map(({ caller, member }) => ({ caller, member }));
  }
}
