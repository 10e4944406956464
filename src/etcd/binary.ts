/** Finds the etcd binary on PATH (Debian's etcd-server package puts it at /usr/bin/etcd). */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export const INSTALL_HINT = "no etcd binary on PATH: install it with `apt-get install -y etcd-server`";

export function findEtcd(path = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, "etcd");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
