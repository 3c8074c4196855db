// Writes FSRS-6 reference values computed by fsrs-rs (via @open-spaced-repetition/binding, which
// wraps fsrs-rs 6.x) into tests/data/fsrs/, for tests/test_fsrs.cpp. Run once, by hand:
//   cd scripts/fsrs-oracle && npm ci && node generate.mjs
// The review sequences come from a seeded generator, so a rerun writes the same files.
import { FSRSBinding, BindingMemoryState } from '@open-spaced-repetition/binding';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generator } from './random.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'data', 'fsrs');
mkdirSync(out, { recursive: true });

// Parameter sets: fsrs-rs's defaults, and two fitted-looking sets (one with a steep decay, one flat).
const parameterSets = {
  default: [],
  steep: [0.4, 0.9, 3.1, 15.2, 7.1, 0.5, 1.9, 0.01, 1.4, 0.12, 1.1, 1.9, 0.1, 0.3, 2.1, 0.3, 2.8, 0.3, 0.2, 0.1, 0.45],
  flat: [1.2, 2.5, 6.0, 20.0, 5.5, 1.2, 2.2, 0.05, 2.0, 0.2, 0.6, 1.2, 0.05, 0.4, 1.2, 0.7, 1.5, 0.6, 0.05, 0.02, 0.1],
};


const lines = ['# set\tsequence\tstep\trating\tdelta_t\tretention\tstability\tdifficulty\tinterval'];
for (const [name, w] of Object.entries(parameterSets)) {
  const fsrs = new FSRSBinding(w);
  const random = generator(name.length * 7919 + 17);
  for (let sequence = 0; sequence < 40; ++sequence) {
    const retention = [0.9, 0.8, 0.95, 0.7][sequence % 4];
    let state = null;
    let interval = 0;
    const steps = 3 + Math.floor(random() * 12);
    for (let step = 0; step < steps; ++step) {
      // Ratings weighted towards Good, with lapses; answers on time, early, late and very late.
      const roll = random();
      const rating = roll < 0.15 ? 1 : roll < 0.3 ? 2 : roll < 0.85 ? 3 : 4;
      let delta = 0;
      if (step > 0) {
        const timing = random();
        const planned = Math.max(1, Math.round(interval));
        delta = timing < 0.1 ? 0 : timing < 0.3 ? Math.max(1, Math.floor(planned * random()))
              : timing < 0.8 ? planned : planned + Math.floor(planned * 3 * random()) + 1;
      }
      const next = fsrs.nextStates(state, retention, delta);
      const picked = [next.again, next.hard, next.good, next.easy][rating - 1];
      state = new BindingMemoryState(picked.memory.stability, picked.memory.difficulty);
      interval = picked.interval;
      lines.push([name, sequence, step, rating, delta, retention, picked.memory.stability,
                  picked.memory.difficulty, picked.interval].join('\t'));
    }
  }
}
writeFileSync(join(out, 'steps.tsv'), lines.join('\n') + '\n');

// memory_state_from_sm2: ease factor, interval and the retention SM-2 is assumed to reach.
const sm2 = ['# set\tease\tinterval\tsm2_retention\tstability\tdifficulty'];
for (const [name, w] of Object.entries(parameterSets)) {
  const fsrs = new FSRSBinding(w);
  for (const ease of [1.3, 1.7, 2.1, 2.5, 2.9])
    for (const interval of [1, 3, 8, 21, 60, 200])
      for (const retention of [0.9, 0.85]) {
        const m = fsrs.memoryStateFromSM2(ease, interval, retention);
        sm2.push([name, ease, interval, retention, m.stability, m.difficulty].join('\t'));
      }
}
writeFileSync(join(out, 'from-sm2.tsv'), sm2.join('\n') + '\n');
console.log(`wrote ${lines.length - 1} steps and ${sm2.length - 1} SM-2 conversions to ${out}`);
