// Run order: as jest chooses, except the log audit, which must read the logs of every other test.
const Sequencer = require('@jest/test-sequencer').default;

class LogAuditLast extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const last = (t) => (t.path.endsWith('log-audit.test.ts') ? 1 : 0);
    return [...sorted].sort((a, b) => last(a) - last(b));
  }
}

module.exports = LogAuditLast;
