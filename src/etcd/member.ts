/** One etcd member process: started, crashed (SIGKILL), restarted on the same data dir, paused, resumed. */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { trackPid, untrackPid } from "./cleanup.ts";

export interface MemberSpec {
  readonly index: number;
  readonly name: string;
  readonly dataDir: string;
  readonly clientPort: number;
  /** The port etcd itself listens on for peers. */
  readonly peerPort: number;
  /** The port peers reach it at: faultline's proxy in front of peerPort. */
  readonly advertisedPeerPort: number;
}

export type MemberState = "running" | "paused" | "crashed";

export class Member {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  state: MemberState = "crashed";

  constructor(
    readonly spec: MemberSpec,
    private readonly binary: string,
    private readonly initialCluster: string,
    private readonly token: string,
    private readonly logDir: string,
  ) {}

  get clientUrl(): string {
    return `http://127.0.0.1:${this.spec.clientPort}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const { name, dataDir, clientPort, peerPort, advertisedPeerPort } = this.spec;
    const log = openSync(join(this.logDir, `${name}.log`), "a");
    const child = spawn(
      this.binary,
      [
        `--name=${name}`,
        `--data-dir=${dataDir}`,
        `--listen-client-urls=http://127.0.0.1:${clientPort}`,
        `--advertise-client-urls=http://127.0.0.1:${clientPort}`,
        `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${advertisedPeerPort}`,
        `--initial-cluster=${this.initialCluster}`,
        `--initial-cluster-token=${this.token}`,
        "--initial-cluster-state=new",
      ],
      { stdio: ["ignore", log, log] },
    );
    closeSync(log);
    if (child.pid === undefined) throw new Error(`could not start etcd member ${name}`);
    const pid = child.pid;
    trackPid(pid);
    this.exited = new Promise((resolve) =>
      child.once("exit", () => {
        untrackPid(pid);
        if (this.child === child) this.state = "crashed";
        resolve();
      }),
    );
    this.child = child;
    this.state = "running";
  }

  async crash(): Promise<void> {
    if (!this.child || this.state === "crashed") return;
    this.child.kill("SIGKILL");
    await this.exited;
    this.state = "crashed";
  }

  pause(): void {
    if (this.state !== "running") return;
    this.child?.kill("SIGSTOP");
    this.state = "paused";
  }

  resume(): void {
    if (this.state !== "paused") return;
    this.child?.kill("SIGCONT");
    this.state = "running";
  }

  restart(): void {
    if (this.state === "crashed") this.start();
  }
}
