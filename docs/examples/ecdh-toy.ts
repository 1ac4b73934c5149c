// Chapter 5: an ECDH exchange on the toy curve (= `ecdh-lab explain ecdh --curve toy`).
import { renderEcdh, traceEcdh } from 'ecdh-lab/math';

export function main(): void {
  for (const line of renderEcdh(traceEcdh('toy', 17n, 42n))) console.log(line);
}
