/**
 * Parent pointers for every visited state, in two growable integer columns: the parent's id and
 * which of the parent's enabled events led here. A path is rebuilt by replaying those choices
 * from the initial state, so no state or event object is kept alive for it.
 */

/** What rebuilding a state from its path reads: a state's parent id and enabled-event number. */
export interface Parents {
  parentOf(id: number): number;
  choiceOf(id: number): number;
}

export class ParentTable implements Parents {
  private parent: Int32Array;
  private choice: Int32Array;
  size = 0;

  /** `shared`: the columns live in shared memory, so worker threads can read them (src/explore/parallel.ts). */
  constructor(private readonly shared = false) {
    this.parent = column(1 << 16, shared);
    this.choice = column(1 << 16, shared);
  }

  /** The columns as they are now: a worker reads the ids already added; later growth gives new columns. */
  get columns(): { readonly parent: Int32Array; readonly choice: Int32Array } {
    return { parent: this.parent, choice: this.choice };
  }

  /** Records a state reached from `parent` by its enabled event number `choice`; returns the new id. */
  add(parent: number, choice: number): number {
    if (this.size === this.parent.length) {
      this.parent = grown(this.parent, this.shared);
      this.choice = grown(this.choice, this.shared);
    }
    this.parent[this.size] = parent;
    this.choice[this.size] = choice;
    return this.size++;
  }

  parentOf(id: number): number {
    return this.parent[id]!;
  }

  choiceOf(id: number): number {
    return this.choice[id]!;
  }

  /** Bytes held by both columns. */
  get bytes(): number {
    return this.parent.byteLength + this.choice.byteLength;
  }

  /** The enabled-event choices that lead from the initial state (id 0) to `id`, in order. */
  choicesTo(id: number): number[] {
    const choices: number[] = [];
    for (let at = id; at > 0; at = this.parent[at]!) choices.push(this.choice[at]!);
    return choices.reverse();
  }
}

function column(length: number, shared: boolean): Int32Array {
  return new Int32Array(shared ? new SharedArrayBuffer(length * 4) : new ArrayBuffer(length * 4));
}

function grown(old: Int32Array, shared: boolean): Int32Array {
  const bigger = column(old.length * 2, shared);
  bigger.set(old);
  return bigger;
}

/** Parent columns received from the searching thread (a worker's read-only view). */
export class ParentColumns implements Parents {
  constructor(
    public parent: Int32Array,
    public choice: Int32Array,
  ) {}

  parentOf(id: number): number {
    return this.parent[id]!;
  }

  choiceOf(id: number): number {
    return this.choice[id]!;
  }
}
