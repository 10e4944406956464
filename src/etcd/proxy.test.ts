import { createConnection, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freePorts } from "./ports.ts";
import { PeerNetwork } from "./proxy.ts";

/** A stand-in member: echoes every byte back, so both directions of a link can be seen. */
async function echoServer(port: number): Promise<Server> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return server;
}

const request = (from: string) => `POST /raft HTTP/1.1\r\nHost: x\r\nX-Server-From: ${from}\r\n\r\n`;

function dial(
  port: number,
  first: string,
): Promise<{ socket: Socket; received: () => string; closed: () => boolean }> {
  return new Promise((resolve) => {
    let data = "";
    let closed = false;
    const socket = createConnection({ host: "127.0.0.1", port }, () => {
      socket.write(first);
      resolve({ socket, received: () => data, closed: () => closed });
    });
    socket.on("data", (chunk) => {
      data += chunk;
    });
    socket.on("close", () => {
      closed = true;
    });
    socket.on("error", () => {});
  });
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  return condition();
};

describe("PeerNetwork", () => {
  let network: PeerNetwork;
  let servers: Server[] = [];
  afterEach(() => {
    network.close();
    for (const s of servers) s.close();
    servers = [];
  });

  async function twoMembers() {
    const [proxy0, proxy1, real0, real1] = await freePorts(4);
    servers = [await echoServer(real0!), await echoServer(real1!)];
    network = new PeerNetwork();
    await network.start([proxy0!, proxy1!], [real0!, real1!]);
    network.learnIds(
      new Map([
        ["a0", 0],
        ["b1", 1],
      ]),
    );
    return { proxy0: proxy0!, proxy1: proxy1! };
  }

  it("names the caller of each connection from rafthttp's X-Server-From header", async () => {
    const { proxy1 } = await twoMembers();
    const conn = await dial(proxy1, request("a0"));
    expect(await until(() => conn.received().includes("X-Server-From"))).toBe(true);
    expect(network.openConnections()).toEqual([{ caller: 0, member: 1 }]);
    conn.socket.destroy();
  });

  it("a partition drops the connections between the groups and refuses new ones; heal lets them in", async () => {
    const { proxy1 } = await twoMembers();
    const conn = await dial(proxy1, request("a0"));
    await until(() => conn.received().length > 0);
    network.partition([0], [1]);
    expect(await until(() => conn.closed())).toBe(true);
    const refused = await dial(proxy1, request("a0"));
    expect(await until(() => refused.closed())).toBe(true);
    network.heal();
    const again = await dial(proxy1, request("a0"));
    expect(await until(() => again.received().length > 0)).toBe(true);
    again.socket.destroy();
  });

  it("a held link keeps its bytes until it is opened again, in order", async () => {
    const { proxy1 } = await twoMembers();
    const conn = await dial(proxy1, request("a0"));
    await until(() => conn.received().length > 0);
    const before = conn.received().length;
    network.setLink(0, 1, { kind: "hold" });
    conn.socket.write("one;");
    conn.socket.write("two;");
    await new Promise((r) => setTimeout(r, 100));
    expect(conn.received().length).toBe(before);
    network.setLink(0, 1, { kind: "open" });
    expect(await until(() => conn.received().endsWith("one;two;"))).toBe(true);
    conn.socket.destroy();
  });

  it("a delayed link delivers later, not never", async () => {
    const { proxy1 } = await twoMembers();
    const conn = await dial(proxy1, request("a0"));
    await until(() => conn.received().length > 0);
    network.setLink(1, 0, { kind: "delay", millis: 150 });
    conn.socket.write("late;");
    await new Promise((r) => setTimeout(r, 60));
    expect(conn.received()).not.toContain("late;");
    expect(await until(() => conn.received().endsWith("late;"))).toBe(true);
    conn.socket.destroy();
  });
});
