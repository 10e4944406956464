/** A cluster's manifests from a file or a folder of .yaml/.yml/.json files, read by the CLI and parsed here. */
import { readTexts } from "../../../src/cli/read-texts.ts";
import { type KubeObject, parseManifestText } from "../manifests/parse.ts";

export function readManifests(path: string): KubeObject[] {
  return readTexts(path, /\.(ya?ml|json)$/i, ".yaml, .yml or .json file").flatMap(({ file, text }) =>
    parseManifestText(text, file),
  );
}
