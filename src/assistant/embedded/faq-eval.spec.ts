import { evaluateFaq, FAQ_TARGETS, formatReport, loadOutOfScope, loadStackFaq, resolveFaqDataPath } from './faq-evaluation';

const dataPath = resolveFaqDataPath();
if (dataPath === null) {
  console.warn('faq-eval.spec: StackFAQ data not found (set FAQ_EVAL_PATH or add ../shared/eval/stackfaq.json); skipping');
}

(dataPath === null ? describe.skip : describe)('StackFAQ evaluation (same as npm run eval:faq)', () => {
  it('meets the accuracy, precision, coverage, escalation and latency targets', async () => {
    const report = await evaluateFaq(loadStackFaq(dataPath!), loadOutOfScope());
    // Printed so a failure shows the whole picture, not just the first missed figure.
    console.log(formatReport(report));
    expect(report.questions).toBeGreaterThan(1000);
    expect(report.outOfScopeQuestions).toBe(100);
    expect(report.latency.documents).toBe(10_000);
    expect(report.top1Accuracy).toBeGreaterThanOrEqual(FAQ_TARGETS.top1Accuracy);
    expect(report.answeredPrecision).toBeGreaterThanOrEqual(FAQ_TARGETS.answeredPrecision);
    expect(report.coverage).toBeGreaterThanOrEqual(FAQ_TARGETS.coverage);
    expect(report.outOfScopeEscalation).toBeGreaterThanOrEqual(FAQ_TARGETS.outOfScopeEscalation);
    expect(report.latency.p99Ms).toBeLessThanOrEqual(FAQ_TARGETS.p99LatencyMs);
  }, 120_000);
});
