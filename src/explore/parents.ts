/**
 * Parent pointers for every visited state, in two growable integer columns: the parent's id and
 * which of the parent's enabled events led here. A path is rebuilt by replaying those choices
 * from the initial state, so no state or event object is kept alive for it.
 */

export class ParentTable {
  private parent = new Int32Array(1 << 16);
  private choice = new Int32Array(1 << 16);
  size = 0;

  /** Records a state reached from `parent` by its enabled event number `choice`; returns the new id. */
  add(parent: number, choice: number): number {
    if (this.size === this.parent.length) {
      this.parent = grown(this.parent);
      this.choice = grown(this.choice);
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

function grown(column: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(column.length * 2);
  bigger.set(column);
  return bigger;
}
