import * as path from 'path';
import {
  evaluateFaq,
  formatReport,
  loadOutOfScope,
  loadStackFaq,
  missedTargets,
  resolveFaqDataPath,
  ThreadTextMode,
} from '../src/assistant/embedded/faq-evaluation';

/**
 * `npm run eval:faq [-- --all-answers] [-- --threshold=0.5]`: scores the embedded answerer on StackFAQ and exits
 * non-zero when a target is missed. The data path comes from FAQ_EVAL_PATH, else the shared eval folder.
 */
async function main(): Promise<number> {
  const dataPath = resolveFaqDataPath([
    process.env.FAQ_EVAL_PATH ?? path.resolve(__dirname, '../../shared/eval/stackfaq.json'),
    path.resolve(process.cwd(), '../shared/eval/stackfaq.json'),
  ]);
  if (dataPath === null) {
    console.error('StackFAQ data not found: set FAQ_EVAL_PATH or place it at ../shared/eval/stackfaq.json');
    return 2;
  }
  const textMode: ThreadTextMode = process.argv.includes('--all-answers') ? 'all-answers' : 'first-answer';
  const thresholdArg = process.argv.find((arg) => arg.startsWith('--threshold='));
  const threshold = thresholdArg === undefined ? undefined : Number(thresholdArg.split('=')[1]);
  const report = await evaluateFaq(loadStackFaq(dataPath), loadOutOfScope(), { textMode, threshold });
  console.log(formatReport(report));
  const missed = missedTargets(report);
  for (const message of missed) console.error(`MISSED: ${message}`);
  if (missed.length === 0) console.log('\nAll targets met.');
  return missed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
