// A Jest reporter that appends each test file's start and result, as JSON lines, to the file
// named by JEST_FILE_LOG (and does nothing when it is unset):
//   { "start": "/abs/path.test.ts" }            when a file starts;
//   { "path": "/abs/path.test.ts", "failed": b } when its result arrives.
// test/support/run-jest.mjs, npm test's runner, reads it from another process to see which
// file has given no result for too long; it is written synchronously so that it is current
// even when a test that never yields blocks the process the file runs in.
const fs = require('node:fs');

class TestFileLog {
  constructor() {
    this.file = process.env.JEST_FILE_LOG;
  }

  onTestFileStart(test) {
    this.append({ start: test.path });
  }

  onTestFileResult(test, result) {
    this.append({
      path: test.path,
      failed: result.numFailingTests > 0 || result.testExecError != null,
    });
  }

  append(record) {
    if (this.file) fs.appendFileSync(this.file, `${JSON.stringify(record)}\n`);
  }
}

module.exports = TestFileLog;
