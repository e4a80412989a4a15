// Test fixture, run as a child process by feedback-editor.test.ts and killed with SIGKILL at a
// random moment: relabels, deletes and undoes samples of `<feedback dir>/m` as fast as it can.
import { FeedbackEditor } from './feedback-editor';
import { scanFeedback } from './list-feedback';

const [root, seedText] = process.argv.slice(2);
const editor = new FeedbackEditor(root);
const labels = ['0', '1', '2', '3'];
let seed = Number(seedText);
const random = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed % n;
};

process.send?.('started');
for (;;) {
  const samples = await scanFeedback(root);
  const choice = random(3);
  try {
    if (choice === 0 && samples.length > 0) {
      const sample = samples[random(samples.length)];
      await editor.relabel(sample.path, labels.filter((label) => label !== sample.label)[random(3)]);
    } else if (choice === 1 && samples.length > 0) {
      await editor.delete(samples[random(samples.length)].path);
    } else {
      const applied = (await editor.operations(20)).filter((operation) => operation.state === 'applied');
      if (applied.length > 0) await editor.undo({ operation: applied[random(applied.length)].id });
    }
  } catch {
    // A conflict (e.g. an older operation superseded) is an answer, not a failure of the loop.
  }
}
