// Adversarial suite: seeded request, multipart and framing mutations, path forms, callback
// notations and slow clients against the built gateway in its own process, with invariants checked
// on every request. `npm test` runs a small count; `npm run fuzz` runs 100,000 (docs/security.md).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runFuzz } from './harness';

const count = Number(process.env.FUZZ_COUNT ?? 1500);
const seed = Number(process.env.FUZZ_SEED ?? 20261205);

describe('fuzz: invariants hold for every mutated request', () => {
  it(
    `${count} requests, seed ${seed}`,
    async () => {
      const report = await runFuzz({ seed, count });
      const summary = { ...report, violations: report.violations.length };
      console.log(JSON.stringify(summary));
      if (report.violations.length > 0) {
        // Every failing request in full, for replay: node -e "…socket.write(Buffer.from(bytes,'base64'))".
        const file = path.join(__dirname, '../../.tmp/fuzz-violations.json');
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(report.violations, null, 1));
        const byInvariant = new Map<string, typeof report.violations>();
        for (const v of report.violations)
          byInvariant.set(v.invariant, [...(byInvariant.get(v.invariant) ?? []), v]);
        for (const [invariant, list] of byInvariant) {
          console.log(
            `${invariant}: ${list.length}\n${list
              .slice(0, 3)
              .map((v) => `  #${v.id} ${v.kind}: ${v.detail}\n    ${JSON.stringify(v.request.slice(0, 300))}`)
              .join('\n')}`,
          );
        }
      }
      expect(report.violations).toEqual([]);
      // The generator keeps enough requests plausible that the forwarding invariants are exercised.
      expect(report.forwarded).toBeGreaterThan(count / 10);
    },
    Math.max(120_000, count * 20),
  );
});
