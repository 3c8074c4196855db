// Writes reference values of fsrs-rs's optimiser (computeParameters and evaluate, through
// @open-spaced-repetition/binding) into tests/data/fsrs/, for tests/test_fsrs_optimizer.cpp. Run once,
// by hand:  cd scripts/fsrs-oracle && npm ci && node optimize.mjs
// A seeded simulated learner answers cards scheduled with the default parameters while its memory
// follows other, "true" parameters; the optimiser should find parameters close to the truth's log loss.
//
// Files written:
//   optimize-history.txt  one card a line: the study day of its first answer, then rating,elapsed_days
//                         pairs in study-day order (elapsed 0 for the first answer)
//   optimize-expected.tsv name, then values: the true and fitted parameters, their metrics, timings
//   optimize-small.tsv    small collections (one card a line, as above, blank-line separated) with what
//                         computeParameters returns for them
import {
  FSRSBinding, FSRSBindingItem, FSRSBindingReview, computeParameters,
} from '@open-spaced-repetition/binding';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generator } from './random.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'data', 'fsrs');
mkdirSync(out, { recursive: true });

const defaults = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
  1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542];
// The learner's memory: slower to forget new cards, harder lapses, a flatter forgetting curve.
const truth = [0.5, 2.0, 4.5, 12.0, 5.8, 1.1, 2.2, 0.02, 1.6, 0.25, 1.2, 1.8, 0.1, 0.35, 1.9, 0.45, 2.2,
  0.4, 0.15, 0.06, 0.3];


function recall(w, stability, days) {
  const factor = Math.pow(0.9, -1 / w[20]) - 1;
  return Math.pow(1 + factor * days / stability, -w[20]);
}

// One card: first answered on `firstDay`, then whenever the default-parameter scheduler says, give or
// take the learner's lateness, until `horizon`. Returns [{rating, elapsed}] in study-day order.
function simulateCard(random, scheduler, memory, firstDay, horizon) {
  const answers = [];
  let day = firstDay;
  let scheduled = null;  // the scheduler's view of the card's memory
  let real = null;       // the learner's
  let elapsed = 0;
  for (;;) {
    let rating;
    if (real === null) {
      const roll = random();
      rating = roll < 0.25 ? 1 : roll < 0.4 ? 2 : roll < 0.85 ? 3 : 4;
    } else if (random() < recall(truth, real.stability, elapsed)) {
      const roll = random();
      rating = roll < 0.12 ? 2 : roll < 0.87 ? 3 : 4;
    } else {
      rating = 1;
    }
    answers.push({ rating, elapsed });
    const pick = (states) => [states.again, states.hard, states.good, states.easy][rating - 1];
    const planned = pick(scheduler.nextStates(scheduled, 0.9, elapsed));
    const lived = pick(memory.nextStates(real, 0.9, elapsed));
    scheduled = planned.memory;
    real = lived.memory;
    // Mostly on time, sometimes early, sometimes late, now and then very late.
    const timing = random();
    const interval = Math.max(1, Math.round(planned.interval));
    elapsed = timing < 0.15 ? Math.max(1, Math.round(interval * (0.5 + 0.5 * random())))
      : timing < 0.8 ? interval
      : timing < 0.95 ? interval + 1 + Math.floor(interval * 0.5 * random())
      : interval + 1 + Math.floor(interval * 3 * random());
    day += elapsed;
    if (day > horizon) return answers;
  }
}

function simulateCollection(seed, targetAnswers, days) {
  const random = generator(seed);
  const scheduler = new FSRSBinding(defaults);
  const memory = new FSRSBinding(truth);
  const cards = [];
  let total = 0;
  while (total < targetAnswers) {
    const firstDay = Math.floor(random() * days);
    const answers = simulateCard(random, scheduler, memory, firstDay, days + 60);
    cards.push({ firstDay, answers });
    total += answers.length;
  }
  return cards;
}

// fsrs-rs's training items: every answer after a card's first, with the answers before it. Ordered by
// the study day of that answer (ties: card order, then answer order), the order rolecall uses, since
// fsrs-rs weights items by their position (recency).
function itemsOf(cards) {
  const items = [];
  cards.forEach((card, index) => {
    let day = card.firstDay;
    for (let k = 1; k < card.answers.length; ++k) {
      day += card.answers[k].elapsed;
      items.push({ day, index, k });
    }
  });
  items.sort((a, b) => a.day - b.day);  // stable
  return items.map(({ index, k }) => new FSRSBindingItem(
    cards[index].answers.slice(0, k + 1).map((a) => new FSRSBindingReview(a.rating, a.elapsed))));
}

const historyLine = (card) => [card.firstDay, ...card.answers.map((a) => `${a.rating},${a.elapsed}`)].join(' ');
const round = (x) => Number(x.toPrecision(9));

async function fit(items) {
  try {
    return await computeParameters(items, { enableShortTerm: true });
  } catch (error) {
    return `error: ${error.message ?? error}`;
  }
}

// ---- the 30,000-answer history
const cards = simulateCollection(20261130, 30000, 360);
const items = itemsOf(cards);
writeFileSync(join(out, 'optimize-history.txt'),
  '# first_day rating,elapsed_days ... (one card a line; scripts/fsrs-oracle/optimize.mjs)\n' +
  cards.map(historyLine).join('\n') + '\n');

const started = performance.now();
const fitted = await computeParameters(items, { enableShortTerm: true });
const seconds = (performance.now() - started) / 1000;
// The binding's evaluate first drops the outliers, as training does, and puts the first intervals first
// (its prepare_items); rolecall's evaluate() takes the same items in the same order.
const metrics = (w) => new FSRSBinding(w).evaluate(items);
const expected = [['# name', 'values...'],
  ['answers', cards.reduce((n, c) => n + c.answers.length, 0)],
  ['cards', cards.length],
  ['items', items.length],
  ['true_parameters', ...truth],
  ['fitted_parameters', ...fitted.map(round)]];
for (const [name, w] of [['true', truth], ['fitted', fitted], ['default', defaults]]) {
  const m = metrics(w);
  expected.push([`${name}_log_loss`, round(m.logLoss)], [`${name}_rmse_bins`, round(m.rmseBins)]);
}
expected.push(['binding_seconds', seconds.toFixed(3)]);
writeFileSync(join(out, 'optimize-expected.tsv'), expected.map((row) => row.join('\t')).join('\n') + '\n');
console.log(expected.map((row) => row.join(' ')).join('\n'));

// ---- small collections: what fsrs-rs returns below its minimum counts
const small = [];
const addCase = async (name, smallCards) => {
  const result = await fit(itemsOf(smallCards));
  small.push(`# ${name}`, `result\t${Array.isArray(result) ? result.map(round).join('\t') : result}`,
    ...smallCards.map(historyLine), '');
  console.log(name, itemsOf(smallCards).length, 'items:', Array.isArray(result) ? result.slice(0, 5) : result);
};
// Five items: under fsrs-rs's minimum of 8, so the defaults.
await addCase('five-items', cards.filter((c) => c.answers.length >= 2).slice(0, 5)
  .map((c) => ({ firstDay: c.firstDay, answers: c.answers.slice(0, 2) })));
// Fifty cards answered twice, most on the second day: enough for the first-interval statistics that
// give w0-w3, too few items (< 64) to train the rest.
await addCase('fifty-items', cards.filter((c) => c.answers.length >= 2).slice(0, 50)
  .map((c) => ({ firstDay: c.firstDay, answers: c.answers.slice(0, 2) })));
// Three hundred cards answered twice: many items, but all of them first intervals, so w0-w3 only.
await addCase('first-intervals-only', cards.filter((c) => c.answers.length >= 2).slice(0, 300)
  .map((c) => ({ firstDay: c.firstDay, answers: c.answers.slice(0, 2) })));
// Twelve cards with long histories: items enough, but every first-interval group is too small and
// falls to the outlier filter, so nothing is left to train on.
await addCase('outliers-only', cards.filter((c) => c.answers.length >= 6).slice(0, 12));
writeFileSync(join(out, 'optimize-small.tsv'), small.join('\n'));
