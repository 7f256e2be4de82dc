/**
 * Progress on stderr for long imports and exports: one line redrawn in place on a terminal,
 * a line every 10% (or every 1000 posts without a total) when the output goes to a file.
 */
export function progressReporter(label: string) {
  const terminal = process.stderr.isTTY === true;
  let lastStep = -1;
  let shown = false;
  return {
    update(done: number, total?: number) {
      const text = total === undefined ? `${label}: ${done} posts` : `${label}: ${done}/${total} posts`;
      if (terminal) {
        process.stderr.write(`\r${text}`);
        shown = true;
        return;
      }
      const step = total ? Math.floor((done / total) * 10) : Math.floor(done / 1000);
      if (step !== lastStep && (total === undefined || total >= 100)) {
        process.stderr.write(`${text}\n`);
        lastStep = step;
      }
    },
    done() {
      if (shown) process.stderr.write('\n');
    },
  };
}
